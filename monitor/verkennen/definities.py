"""Teksten voor de pagina Bronnen en definities (pure functies).

Alles komt uit de database (catalogus, bronnen, ETL-runs); hier wordt het alleen leesbaar gemaakt.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from monitor import fmt
from monitor.domein import ANDER_PRODUCT, TIJDZONE_LABEL, lokale_tijd
from monitor.letterlijk import gewoon_adres, letterlijk

CBS_LICENTIE = (
    "Cijfers van het CBS (StatLine, Kerncijfers wijken en buurten en het dashboard "
    "*Schuldenproblematiek in beeld*) vallen onder de licentie "
    "[Creative Commons Naamsvermelding 4.0 (CC BY 4.0)](https://creativecommons.org/licenses/by/4.0/deed.nl). "
    "Bron: CBS. U mag ze overnemen als u het CBS als bron noemt."
)

_MAANDEN = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
            "september", "oktober", "november", "december")


def richting_tekst(richting: str | None) -> str:
    return {
        "lager_is_beter": "lager is beter",
        "hoger_is_beter": "hoger is beter",
        "neutraal": "geen richting (niet beter of slechter)",
    }.get(str(richting), "onbekend")


def peildatum_tekst(regel: Any) -> str:
    """``"01-01"`` → ``"1 januari"``; leeg → jaarcijfer zonder peildag."""
    if not isinstance(regel, str) or "-" not in regel:
        return "jaarcijfer (geen vaste peildag)"
    maand, dag = regel.split("-", 1)
    try:
        return f"{int(dag)} {_MAANDEN[int(maand) - 1]}"
    except (ValueError, IndexError):
        return regel


def beschikbaar_tekst(jaren: Any) -> str:
    """Hoe lang na het verslagjaar het cijfer verschijnt (voor "meetbaar vanaf")."""
    if jaren is None or pd.isna(jaren):
        return "onbekend"
    n = int(jaren)
    if n == 0:
        return "in hetzelfde jaar"
    return f"ongeveer {n} jaar na het verslagjaar"


def modus_tekst(modus: Any) -> str:
    return {
        "snapshot": "snapshot (de meegeleverde CBS-bestanden, zonder internet)",
        "online": "online (opgehaald bij CBS)",
        "snapshot+online": "deels online opgehaald bij CBS, deels de meegeleverde CBS-bestanden",
    }.get(str(modus), str(modus or "onbekend"))


def tijdstip(t: Any) -> str:
    """``23 november 2026 om 18:24 (Nederlandse tijd)``; opgeslagen is UTC."""
    lokaal = lokale_tijd(t)
    if lokaal is None:
        return "onbekend"
    return f"{fmt.datum(lokaal)} om {lokaal:%H:%M} ({TIJDZONE_LABEL})"


def laatste_run_tekst(runs: pd.DataFrame) -> str:
    """Eén zin over de laatste ETL-run: wanneer, modus, status, melding.

    Markdown (st.info): status en melding schreef de ETL, met tabelnamen, bestandsnamen en
    foutmeldingen van buiten erin; die staan er letterlijk.
    """
    if runs.empty:
        return "Er is nog geen bijwerking vastgelegd."
    r = runs.sort_values("gestart").iloc[-1]
    # De ETL schrijft getallen zelf Nederlands ("34.893 waarnemingen uit 16 bronnen"). Hier
    # niets omzetten: dat maakte van tabel 85984NED "85.984NED" en van een jaar "2.024".
    melding = str(r["melding"] or "").strip()
    if melding and melding[-1] not in ".!?":
        melding += "."
    return (f"Laatste bijwerking: {tijdstip(r['klaar'] if not pd.isna(r['klaar']) else r['gestart'])}. "
            f"Modus: {modus_tekst(r['modus'])}. Status: {letterlijk(r['status'])}. "
            f"{letterlijk(melding)}").strip()


def bron_regels(indicator_bronnen: pd.DataFrame) -> dict[str, list[str]]:
    """Per indicator, per bron: tabel, titel, versie, jaren en hoeveel cijfers (en gaten).

    Eén keer voor alle indicatoren: per indicator het frame filteren kostte Bronnen ~100 ms.
    """
    regels: dict[str, list[str]] = {}
    for r in indicator_bronnen.to_dict("records"):
        jaren = (str(r["eerste_jaar"]) if r["eerste_jaar"] == r["laatste_jaar"]
                 else f"{r['eerste_jaar']}-{r['laatste_jaar']}")
        # Titel, versie en tabel komen uit de database (na een refresh van CBS): letterlijk.
        tekst = (f"{letterlijk(r['tabel_id'])}: {letterlijk(r['bron_titel'])}. "
                 f"Versie: {letterlijk(r['versie'])}. "
                 f"Jaren: {jaren}; {fmt.getal(r['cijfers'])} "
                 f"{'cijfer' if r['cijfers'] == 1 else 'cijfers'}")
        if r["zonder_cijfer"]:
            tekst += f", {fmt.getal(r['zonder_cijfer'])} zonder cijfer"
        regels.setdefault(str(r["indicator_key"]), []).append(tekst + ".")
    return regels


def indicator_blok(meta: dict[str, Any], bronnen: list[str]) -> str:
    """Markdown voor één indicator: definitie, eenheid, richting, peildatum, bronnen.

    ``bronnen``: de regels van deze indicator uit :func:`bron_regels`.
    """
    regels = [
        f"**{meta['titel']}**  ",
        f"{meta.get('definitie') or ''}",
        "",
        f"- Eenheid: {meta['eenheid']}",
        f"- Richting: {richting_tekst(meta.get('richting'))}",
        f"- Peildatum: {peildatum_tekst(meta.get('peildatum_regel'))}",
        f"- Cijfer verschijnt: {beschikbaar_tekst(meta.get('beschikbaar_na'))}",
    ]
    afgeleid = meta.get("afgeleid")
    if isinstance(afgeleid, str) and afgeleid:
        regels.append(f"- Berekend door de monitor: {afgeleid}")
    vergelijk = meta.get("vergelijk_nl")
    if isinstance(vergelijk, str) and vergelijk:
        # De titel (uit de database: letterlijk), niet de interne sleutel; zie zoek().
        titel = meta.get("vergelijk_nl_titel")
        naam = letterlijk(titel) if isinstance(titel, str) and titel else f"`{vergelijk}`"
        regels.append(f"- Landelijk vergeleken met een {ANDER_PRODUCT}: {naam}; een andere "
                      "meting, alleen ter oriëntatie")
    if bronnen:
        regels.append("- Bronnen:")
        regels += [f"    - {b}" for b in bronnen]
    else:
        regels.append("- Bronnen: geen cijfers in de database")
    regels.append(f"- Sleutel: `{meta['key']}`")
    return "\n".join(regels)


def bron_blok(bron: dict[str, Any]) -> str:
    """Markdown voor één bron: titel, tabel, versie, licentie, adres en toelichting."""
    # Titel, tabel, versie, licentie en adres staan in de database (na een refresh: van CBS):
    # letterlijk, en een adres alleen als link als het een gewoon http(s)-adres is.
    delen = [f"**{letterlijk(bron['titel'])}**"]
    if bron.get("tabel_id") and bron["tabel_id"] not in str(bron["titel"]):
        delen[0] += f" ({letterlijk(bron['tabel_id'])})"
    opgehaald = bron.get("opgehaald_op")
    opgehaald = fmt.datum(opgehaald) if isinstance(opgehaald, str) and opgehaald else "onbekend"
    regels = [delen[0] + "  ", f"Versie: {letterlijk(bron.get('versie') or 'onbekend')}. "
              f"Opgehaald op: {opgehaald}. "
              f"Licentie: {letterlijk(bron.get('licentie') or 'onbekend')}."]
    url = bron.get("url")
    if gewoon_adres(url):
        regels[-1] += f" [Naar de bron]({url})"
    toelichting = bron.get("toelichting")
    if isinstance(toelichting, str) and toelichting:
        regels[-1] += "  "
        regels.append(toelichting)
    return "\n".join(regels)


def zoek(indicatoren: pd.DataFrame, tekst: str) -> pd.DataFrame:
    """Indicatoren waarvan titel, sleutel, thema of definitie de zoektekst bevat.

    Met de kolom ``vergelijk_nl_titel``: de titel van het landelijke vergelijkingscijfer, uit de
    hele catalogus (dat cijfer valt vaak buiten de zoekresultaten), voor :func:`indicator_blok`.
    """
    if "vergelijk_nl" in indicatoren.columns:
        titels = indicatoren.set_index("key")["titel"]
        indicatoren = indicatoren.assign(vergelijk_nl_titel=indicatoren["vergelijk_nl"].map(titels))
    tekst = (tekst or "").strip().casefold()
    if not tekst:
        return indicatoren
    velden = ["titel", "key", "thema", "definitie"]
    mask = indicatoren[velden].fillna("").astype(str).apply(
        lambda kolom: kolom.str.casefold().str.contains(tekst, regex=False)).any(axis=1)
    return indicatoren[mask]


def dekking_tabel(dekking: pd.DataFrame, indicatoren: pd.DataFrame) -> pd.DataFrame:
    """What the database holds per indicator: years with figures, municipalities, Nederland.

    One row per indicator in catalogue order, so a reader sees at a glance which regions ×
    indicators × years are loaded and where the gaps are.
    """
    titels = indicatoren.set_index("key")["titel"]
    frame = dekking.assign(
        Indicator=dekking["indicator_key"].map(titels),
        volgorde=dekking["indicator_key"].map({k: n for n, k in enumerate(indicatoren["key"])}),
    ).sort_values("volgorde")
    return pd.DataFrame({
        "Indicator": frame["Indicator"],
        "Jaren met een cijfer": frame["jaren"].map(_jaren_tekst),
        "Gemeenten (ooit)": frame["gemeenten"].astype(int),
        "Jaren Nederland": frame["jaren_nederland"].map(_jaren_tekst),
    }).reset_index(drop=True)


def _jaren_tekst(jaren: Any) -> str:
    """[2015, 2016, 2017, 2020] -> '2015-2017, 2020'; empty -> 'geen'."""
    try:
        lijst = sorted(int(j) for j in jaren)  # a list or numpy array from DuckDB
    except TypeError:  # None / NaN: no years at all
        return "geen"
    if not lijst:
        return "geen"
    stukken, start, vorige = [], lijst[0], lijst[0]
    for jaar in lijst[1:] + [None]:
        if jaar is not None and jaar == vorige + 1:
            vorige = jaar
            continue
        stukken.append(str(start) if start == vorige else f"{start}-{vorige}")
        if jaar is not None:
            start = vorige = jaar
    return ", ".join(stukken)


def herkomst_tabel(herkomst: pd.DataFrame) -> pd.DataFrame:
    """Per bron van de laatste runs: wanneer, welke tabel, waar vandaan, en de melding."""
    return pd.DataFrame({
        "Bijwerking": [f"{modus_tekst(m)}, {tijdstip(t)}"
                       for m, t in zip(herkomst["modus"], herkomst["gestart"], strict=True)],
        "Tabel": herkomst["tabel_id"].fillna("").astype(str),
        "Bron": herkomst["bron_titel"].fillna(herkomst["bron_id"]).astype(str),
        "Herkomst": herkomst["herkomst"].astype(str),
        "Melding": herkomst["melding"].fillna("").astype(str),
    })


#: ``regel`` is een regelnummer in het bronbestand, of dit woord als een hele kolom ontbreekt.
_REGEL_TEKST = {"kolom": "hele kolom", "kop": "hele kolom"}


def _tekst(x: Any) -> str:
    """Een tekstcel uit de database; leeg (NULL, NaN) wordt ``""``."""
    return x if isinstance(x, str) else ""


def niet_geladen_tabel(niet: pd.DataFrame, indicatoren: pd.DataFrame) -> pd.DataFrame:
    """Bewust niet geladen: per regel de bron, de indicator (titel, niet de sleutel) en de reden.

    De ETL schrijft de reden als zin; welke indicator (``indicator_key``) en wat de regel zegt
    (``inhoud``: regio, jaar, waarde) staan in eigen kolommen. De lezer ziet de titel uit de
    catalogus, met de inhoud erachter. Een sleutel die niet in de catalogus staat heeft geen
    titel en blijft staan (de reden zegt dan dat de monitor hem niet kent). Bestand en kolom staan
    in de database, voor beheer en controle. Alles is tekst uit de database: de tabel toont elke
    cel letterlijk.
    """
    titels = indicatoren.set_index("key")["titel"].to_dict() if not indicatoren.empty else {}
    rijen = []
    for r in niet.to_dict("records"):
        key, inhoud, reden = _tekst(r.get("indicator_key")), _tekst(r.get("inhoud")), _tekst(r.get("reden"))
        indicator = titels.get(key, key)
        if inhoud:
            indicator = f"{indicator} ({inhoud})" if indicator else inhoud
        regel = str(r.get("regel") or "")
        rijen.append({
            "Bron": str(r.get("bron_titel") or r.get("bron_id") or ""),
            "Regel": _REGEL_TEKST.get(regel, regel),
            "Indicator": indicator,
            "Reden": reden[:1].upper() + reden[1:],
        })
    return pd.DataFrame(rijen, columns=["Bron", "Regel", "Indicator", "Reden"])


def mislukt_tekst(mislukt: pd.DataFrame) -> str:
    """Eén zin: welke tabellen bij de laatste refresh niet van CBS kwamen (Markdown: de
    tabelcodes komen uit de database en staan er letterlijk)."""
    tabellen = ", ".join(sorted({letterlijk(t) for t in mislukt["tabel_id"].dropna()}))
    tabellen = tabellen or "onbekend"
    return (f"Bij de laatste bijwerking kwamen deze tabellen niet van CBS: {tabellen}. De "
            "monitor toont daarvoor de vorige gegevens; de reden staat in de tabel hieronder.")
