"""Pure logica achter de pagina Doeltreffendheid: keuzes, zinnen en tabellen, zonder Streamlit.

Alle getallen komen uit ``toets.doeltreffendheid_tabellen``; hier worden ze alleen gekozen,
geformuleerd en opgemaakt, zodat dat zonder browser te testen is.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

import pandas as pd

from monitor import domein, fmt
from monitor.beleid import toets
from monitor.beleid.beleidsmonitor import Kerngetal
from monitor.beleid.toets import zonder_punt
from monitor.domein import (
    ANDER_PRODUCT,
    NEDERLAND,
    NEDERLAND_ANDER_PRODUCT,
    NIET_VERGELIJKBAAR,
    getal_of_niets,
    gunstig,
)
from monitor.letterlijk import letterlijk, letterlijk_met_links

# aantallen zijn tussen gemeenten niet te vergelijken
EENHEDEN = ("%", "euro", "per 1.000 inwoners")
STANDAARD_INDICATOR = "bijstand_per_1000"
GROEP = "gemiddelde vergelijkingsgemeenten"


# ----------------------------------------------------------------------------- keuzes


def kandidaten(ind: pd.DataFrame) -> pd.DataFrame:
    """Alleen indicatoren met een richting en een eenheid die tussen gemeenten te vergelijken is."""
    return ind[(ind["richting"] != "neutraal") & ind["eenheid"].isin(EENHEDEN)]


def indicator_volgorde(kandidaat_keys: Sequence[str], met_cijfer: set[str]) -> list[str]:
    """Eerst de planindicatoren, dan de rest; alleen wat voor de gemeente een cijfer heeft."""
    volgorde = [k for k in domein.PLANINDICATOREN if k in met_cijfer]
    return volgorde + [k for k in kandidaat_keys if k in met_cijfer and k not in volgorde]


def standaard_indicator(volgorde: Sequence[str]) -> str | None:
    """Bijstand per 1.000 inwoners als die er is: het kerncijfer van het plan."""
    return STANDAARD_INDICATOR if STANDAARD_INDICATOR in volgorde else None


def vergelijkingsgroep(gekozen: Sequence[str], doel: str) -> list[str]:
    """De gekozen regio's zonder de gemeente zelf en zonder Nederland."""
    return [c for c in gekozen if c not in (doel, NEDERLAND)]


def vergelijking_zin(namen: Mapping[str, str], doel: str, groep: Sequence[str]) -> str:
    """Kopzin: wie tegenover wie, of een hint waar de vergelijkingsgemeenten te kiezen zijn.

    Markdown: de namen komen uit de database en staan er letterlijk (vet is van de monitor).
    """
    return (f"**{letterlijk(namen.get(doel, doel))}** tegenover Nederland en "
            + (", ".join(letterlijk(namen.get(c, c)) for c in groep)
               or "geen vergelijkingsgemeenten (kies ze in de zijbalk)") + ".")  # fmt: skip


def jaren_met_cijfer(eigen: pd.DataFrame, doel: str) -> list[int]:
    """Jaren waarin de gemeente zelf een cijfer heeft, oplopend."""
    return sorted(int(j) for j in eigen.loc[(eigen["regio_code"] == doel)
                                            & eigen["waarde"].notna(), "jaar"])  # fmt: skip


def nulmeting_zin(nul: Mapping, eenheid: str, vastgelegd: bool, lag: int) -> str:
    """Onder de keuze: welke nulmeting, of die vastligt, en hoe laat cijfers verschijnen."""
    return (f"Nulmeting: {fmt.periode(int(nul['jaar']), nul.get('status'))} "
            f"({fmt.waarde(nul['waarde'], eenheid)}), "
            + ("vastgelegd in de beleidsmonitor." if vastgelegd
               else "voorstel: laatste jaar vóór 2026 (nog niet vastgelegd).")
            + f" Cijfers over een jaar verschijnen ongeveer {lag} jaar later.")  # fmt: skip


# ----------------------------------------------------------------------------- periode


def standaard_periode(jaren: Sequence[int], nul_jaar: int) -> tuple[int, int, bool]:
    """Standaard sinds de nulmeting; is er nog niets na, dan een terugblik (laatste = True)."""
    na = [j for j in jaren if j > nul_jaar]
    if na:
        return nul_jaar, max(na), False
    return min(jaren), nul_jaar, True


def terugblik_tekst(nul_jaar: int, lag: int) -> str:
    """Waarom de pagina een terugblik toont: het eerste cijfer na de nulmeting is er nog niet."""
    eerste = nul_jaar + 1
    return (f"Er is nog geen cijfer na de nulmeting ({nul_jaar}). Het cijfer over {eerste} "
            f"verschijnt op zijn vroegst in {eerste + lag}. Hieronder staat daarom een "
            "terugblik op de jaren vóór het plan.")  # fmt: skip


def van_opties(jaren: Sequence[int]) -> list[int]:
    """Beginjaren: alle jaren behalve het laatste (er moet een eindjaar na komen)."""
    return [j for j in jaren if j < max(jaren)]


def tot_opties(jaren: Sequence[int], van: int) -> list[int]:
    """Eindjaren: alleen jaren na het gekozen beginjaar."""
    return [j for j in jaren if j > van]


def periode_soort(van: int, tot: int, nul_jaar: int) -> str:
    """Hoe de periode zich tot de nulmeting verhoudt: een terugblik is geen effect van het plan."""
    if tot <= nul_jaar:
        return ("Terugblik: deze periode ligt vóór de nulmeting. Dit zegt niets over het effect "
                "van het plan; het laat zien hoe de cijfers bewogen voordat het begon.")
    if van < nul_jaar:
        return (f"Let op: de periode begint vóór de nulmeting ({nul_jaar}); een deel van de "
                "verandering gebeurde dus vóór het plan.")
    if van == nul_jaar:
        return f"Sinds de nulmeting ({nul_jaar})."
    return f"Periode na de nulmeting ({nul_jaar})."


# ----------------------------------------------------------------------------- verandering


def verandering_kerngetallen(t: Mapping[str, pd.DataFrame], namen: Mapping[str, str], doel: str,
                             eenheid: str, ander: bool, decimalen: int | None = None
                             ) -> list[Kerngetal]:  # fmt: skip
    """Drie kaartjes: verandering van de gemeente, van Nederland en van de groep (gemiddeld).

    Label en uitleg van st.metric zijn Markdown: regionamen uit de database en redenen (die een
    bronnaam kunnen noemen, zie domein.vergelijkbaar) letterlijk.
    """
    rij = getoonde_verandering(t["verandering"], eenheid).set_index("regio_code")
    did = t["verschil_in_verschillen"].set_index("vergelijking")
    uit: list[Kerngetal] = []
    for code, titel in ((doel, letterlijk(namen.get(doel, doel))),
                        (NEDERLAND, NEDERLAND_ANDER_PRODUCT if ander else "Nederland")):
        w = getal_of_niets(rij.loc[code, "verschil"]) if code in rij.index else None
        if w is None:
            reden = rij.loc[code, "reden"] if code in rij.index else ""
            uit.append(Kerngetal(titel, fmt.GEEN_CIJFER, f"Geen cijfer: {letterlijk(reden)}"))
            continue
        uit.append(Kerngetal(titel, fmt.verschil(w, eenheid),
                             f"Van {fmt.waarde(rij.loc[code, 'van'], eenheid)} naar "
                             f"{fmt.waarde(rij.loc[code, 'tot'], eenheid)}."))  # fmt: skip
    groep = getoonde_did(t, eenheid)[GROEP].groep
    uit.append(Kerngetal(
        "Gemiddelde vergelijkingsgemeenten",
        fmt.verschil(groep, eenheid) if groep is not None else fmt.GEEN_CIJFER,
        "Ongewogen gemiddelde (elke gemeente telt één keer): "
        + (letterlijk(did.loc[GROEP, "groep_gebruikt"]) or "geen")))  # fmt: skip
    return uit


def getoonde_verandering(ver: pd.DataFrame, eenheid: str) -> pd.DataFrame:
    """``ver`` met de verandering uit de afgeronde cijfers zoals de tabel ze toont.

    Een rekenkamer rekent de tabel met de hand na: 11,5 → 12,9 moet +1,4 zijn, niet +1,5 (het
    verschil van de onafgeronde cijfers 11,46 en 12,93). Regio's zonder verandering (een cijfer
    ontbreekt of is niet vergelijkbaar) houden hun reden. De export houdt de onafgeronde cijfers.
    """
    uit = ver.copy()
    verschil = []
    for v, t, d in zip(ver["van"], ver["tot"], ver["verschil"], strict=True):
        a, b = fmt.afgerond(v, eenheid), fmt.afgerond(t, eenheid)
        verschil.append(float(b - a) if getal_of_niets(d) is not None and a is not None
                        and b is not None else d)  # fmt: skip
    uit["verschil"] = verschil
    return uit


@dataclass(frozen=True)
class GetoondVerschil:
    """Eén regel verschil-in-verschillen in de getoonde (afgeronde) cijfers: doel − groep = effect."""

    doel: Decimal | None
    groep: Decimal | None
    effect: Decimal | None


def _getoond(x: object, eenheid: str) -> Decimal | None:
    return fmt.afgerond(getal_of_niets(x), eenheid)


def getoonde_did(t: Mapping[str, pd.DataFrame], eenheid: str) -> dict[str, GetoondVerschil]:
    """Verschil-in-verschillen uit de getoonde cijfers, zodat de zin optelt: doel − groep = effect.

    Zelfde regel als :func:`getoonde_verandering`. De verandering van het doel en van Nederland is
    die uit de tabel; het gemiddelde van de groep is het gemiddelde van de veranderingen van de
    meegetelde gemeenten zoals de tabel ze toont, afgerond zoals de tabel afrondt. Zonder effect
    (een cijfer ontbreekt, niet vergelijkbaar) blijft alles leeg, en geldt de reden uit ``t``.
    """
    ver = getoonde_verandering(t["verandering"], eenheid)
    rol = ver["rol"] if "rol" in ver else pd.Series(None, index=ver.index, dtype=object)
    naam = ver["regio_naam"] if "regio_naam" in ver else ver["regio_code"]
    leden = {n: getal_of_niets(v) for n, v, r in zip(naam, ver["verschil"], rol, strict=True)
             if r == "vergelijkingsgemeente"}  # fmt: skip

    def van_rol(wie: str) -> Decimal | None:
        w = ver.loc[rol == wie, "verschil"]
        return _getoond(w.iloc[0], eenheid) if len(w) else None

    doel, nl = van_rol("doel"), van_rol("Nederland")
    uit: dict[str, GetoondVerschil] = {}
    for r in t["verschil_in_verschillen"].itertuples(index=False):
        groep = None
        if getal_of_niets(r.verandering_groep) is not None:
            # Valt er iets buiten dit recept (een naam niet in de tabel), dan het gemiddelde
            # zelf, afgerond: liever één regel die niet optelt dan een ontbrekend getal.
            groep = _getoond(r.verandering_groep, eenheid)
            if r.vergelijking == GROEP:
                w = [leden.get(n) for n in str(r.groep_gebruikt or "").split(", ") if n]
                if w and all(x is not None for x in w):
                    groep = _getoond(sum(w) / len(w), eenheid)
            elif nl is not None:
                groep = nl
        effect = (doel - groep if getal_of_niets(r.effect) is not None and doel is not None
                  and groep is not None else None)  # fmt: skip
        uit[r.vergelijking] = GetoondVerschil(doel, groep, effect)
    return uit


#: Onder de tabel Verandering: zo is de kolom na te rekenen.
AFGEROND_UITLEG = ("De verandering is berekend met de afgeronde cijfers zoals ze in de tabel "
                   "staan, zodat u hem zelf kunt narekenen. De export heeft de onafgeronde cijfers.")


def verandering_tabel(ver: pd.DataFrame, van: int, tot: int, eenheid: str,
                      ander: bool = False) -> pd.DataFrame:  # fmt: skip
    """Per regio begin, eind en verandering; zonder verandering staat de reden in de cel.

    De verandering is die van de getoonde (afgeronde) cijfers: zie :func:`getoonde_verandering`.
    ``ander``: Nederland komt uit een ander CBS-product en heet dan zo, als in de grafiek erboven.
    """
    ver = getoonde_verandering(ver, eenheid)
    regio = ver["regio_naam"].where(~((ver["rol"] == "Nederland") & ander),
                                    NEDERLAND_ANDER_PRODUCT)  # fmt: skip
    return pd.DataFrame({
        "Regio": regio, "Rol": ver["rol"],
        str(van): [fmt.waarde(w, eenheid) for w in ver["van"]],
        str(tot): [fmt.waarde(w, eenheid) for w in ver["tot"]],
        "Verandering": [fmt.verschil(w, eenheid) if getal_of_niets(w) is not None
                        else str(r) for w, r in zip(ver["verschil"], ver["reden"], strict=True)],
    })  # fmt: skip


# ----------------------------------------------------------------------------- kloof


def getoonde_kloof(t: Mapping[str, pd.DataFrame], eenheid: str, richting: str
                   ) -> tuple[Decimal | None, Decimal | None, bool | None]:  # fmt: skip
    """(kloof toen, kloof nu, sluit hij?) uit de getoonde cijfers van de gemeente en Nederland.

    Zelfde regel als :func:`getoonde_verandering`: 48,3 tegen 25,6 is een kloof van +22,7, ook als
    de onafgeronde cijfers +22,8 geven. "Sluit" volgt uit dezelfde getoonde kloven; is hij na
    afronden gelijk gebleven, dan is het antwoord "nee".
    """
    k = t["kloof"].iloc[0]
    ver = t["verandering"].set_index("rol")
    kloof = [_getoond(ver.loc["doel", kol], eenheid) - _getoond(ver.loc["Nederland", kol], eenheid)
             if getal_of_niets(k[f"kloof_{kol}"]) is not None else None
             for kol in ("van", "tot")]  # fmt: skip
    if kloof[0] is None or kloof[1] is None:
        return kloof[0], kloof[1], None
    sluit = toets.achterstand(kloof[1], richting) < toets.achterstand(kloof[0], richting)
    return kloof[0], kloof[1], sluit


def kloof_kerngetallen(t: Mapping[str, pd.DataFrame], eenheid: str,
                       richting: str) -> list[Kerngetal]:  # fmt: skip
    """Kloof met Nederland in begin- en eindjaar (met de verandering als delta), en of hij sluit.

    In de getoonde cijfers (:func:`getoonde_kloof`), zodat een lezer het narekent.
    """
    k = t["kloof"].iloc[0]
    kv, kt, sluit = getoonde_kloof(t, eenheid, richting)
    if str(k["reden"] or "").startswith(NIET_VERGELIJKBAAR):
        # Geen getal en geen "ja/nee": het landelijke cijfer is een andere meting.
        return [Kerngetal(f"Verschil met Nederland in {int(k['van_jaar'])}", NIET_VERGELIJKBAAR),
                Kerngetal(f"Verschil met Nederland in {int(k['tot_jaar'])}", NIET_VERGELIJKBAAR),
                Kerngetal("Wordt de kloof kleiner?", NIET_VERGELIJKBAAR)]
    return [
        Kerngetal(f"Verschil met Nederland in {int(k['van_jaar'])}",
                  fmt.verschil(kv, eenheid) if kv is not None else fmt.GEEN_CIJFER),
        Kerngetal(f"Verschil met Nederland in {int(k['tot_jaar'])}",
                  fmt.verschil(kt, eenheid) if kt is not None else fmt.GEEN_CIJFER,
                  delta=fmt.verschil(kt - kv, eenheid)
                  if kv is not None and kt is not None else None),
        Kerngetal("Wordt de kloof kleiner?",
                  "onbekend" if sluit is None or pd.isna(sluit) else ("ja" if sluit else "nee")),
    ]  # fmt: skip


def kloof_onberekenbaar(t: Mapping[str, pd.DataFrame]) -> str | None:
    """Waarom de kloof niet te berekenen is, of None als dat wel kan (Markdown: de reden kan een
    bronnaam noemen en staat er letterlijk)."""
    k = t["kloof"].iloc[0]
    if getal_of_niets(k["kloof_van"]) is None or getal_of_niets(k["kloof_tot"]) is None:
        return f"De kloof is niet te berekenen: {letterlijk(zonder_punt(k['reden']))}."
    return None


def tempo_tekst(t: Mapping[str, pd.DataFrame]) -> str:
    """Tempozin; het jaar 'kloof dicht' alleen als de kloof echt kleiner wordt.

    Markdown: de reden kan een bronnaam noemen (domein.vergelijkbaar) en staat er letterlijk.
    """
    d = t["kloof_dicht"].iloc[0]
    return (f"**Tempo.** {letterlijk(d['reden'])}"
            + (f" Dat is rond {int(round(d['jaar']))}." if getal_of_niets(d["jaar"])
               and d["jaren"] and d["jaren"] > 0 else ""))  # fmt: skip


# ----------------------------------------------------------------------------- verschil-in-verschil


def did_regels(t: Mapping[str, pd.DataFrame], naam: str, eenheid: str, richting: str,
               decimalen: int | None = None) -> list[str]:
    """Eén markdownregel per vergelijking (groep, Nederland), met gunstig/ongunstig erbij.

    ``naam`` (de gemeente, uit de database) en de reden (kan een bronnaam noemen) staan er
    letterlijk.
    """
    naam = letterlijk(naam)
    did = t["verschil_in_verschillen"].set_index("vergelijking")
    getoond = getoonde_did(t, eenheid)
    regels = []
    for vergelijking, wie in ((GROEP, "de vergelijkingsgemeenten"), ("Nederland", "Nederland")):
        r = did.loc[vergelijking]
        effect = getal_of_niets(r["effect"])
        if effect is None:
            regels.append(f"- Tegen {wie}: niet te berekenen "
                          f"({letterlijk(zonder_punt(r['reden']))}).")
            continue
        g = getoond[vergelijking]
        if g.effect is None:  # een lid van de groep is niet af te ronden: de cijfers zelf
            g = GetoondVerschil(*(_getoond(r[k], eenheid) for k in (
                "verandering_doel", "verandering_groep", "effect")))  # fmt: skip
        oordeel = gunstig(g.effect, richting, decimalen)
        regels.append(
            f"- Tegen {wie}: {naam} veranderde {fmt.verschil(g.doel, eenheid)}, "
            f"{wie} {fmt.verschil(g.groep, eenheid)}. Verschil: "
            f"**{fmt.verschil(g.effect, eenheid)}**"
            + (f" ({oordeel} voor {naam})." if oordeel else "."))
    return regels


def niet_meegeteld_tekst(t: Mapping[str, pd.DataFrame]) -> str | None:
    """Welke vergelijkingsgemeenten buiten het gemiddelde vielen, of None (Markdown: de namen
    letterlijk).

    Twee redenen, apart genoemd: er ontbreekt een cijfer, of de cijfers zijn er wel maar niet te
    vergelijken (bijvoorbeeld een breuk in de reeks).
    """
    did = t["verschil_in_verschillen"].set_index("vergelijking")
    zonder = did.loc[GROEP, "groep_zonder_cijfer"]
    breuk = did.loc[GROEP].get("groep_niet_vergelijkbaar")
    delen = []
    if zonder:
        delen.append(f"Zonder cijfer in beide jaren, dus niet meegeteld: {letterlijk(zonder)}.")
    if isinstance(breuk, str) and breuk:
        delen.append("Wel cijfers, maar niet te vergelijken (bijvoorbeeld door een breuk in de "
                     f"reeks), dus niet meegeteld: {letterlijk(breuk)}.")
    return " ".join(delen) or None


# ----------------------------------------------------------------------------- pre-trend


def trend_decimalen(eenheid: str) -> int:
    """Decimalen van een trend per jaar (tabel, zin en grafiek): euro zonder, de rest met twee.

    Een trend in euro's met centen ("+1.890,00 euro per jaar") is schijnprecisie.
    """
    return 0 if eenheid == "euro" else 2


def _jaren_pretrend(van: object, tot: object, weg: object) -> str:
    """``2020-2024``, ``2023 (2020, 2021 tellen niet mee: breuk in de reeks)`` of ``(2014 telt
    niet mee: …)``."""
    jaren = "—" if pd.isna(van) else (f"{int(van)}" if van == tot else f"{int(van)}-{int(tot)}")
    if isinstance(weg, str) and weg:
        tellen = "tellen" if "," in weg else "telt"
        jaren += f" ({weg} {tellen} niet mee: breuk in de reeks)"
    return jaren


def pretrend_tabel(pre: pd.DataFrame, eenheid: str) -> pd.DataFrame:
    """Helling per regio vóór de nulmeting; decimalen uit :func:`trend_decimalen`."""
    return pd.DataFrame({
        "Regio": pre["regio_naam"], "Cijfers": pre["punten"],
        "Jaren": [_jaren_pretrend(a, b, weg) for a, b, weg in
                  zip(pre["van_jaar"], pre["tot_jaar"], pre["niet_vergelijkbaar"], strict=True)],
        "Trend per jaar": [fmt.verschil(h, eenheid, trend_decimalen(eenheid))
                           if not pd.isna(h) else "te weinig cijfers" for h in pre["helling"]],
    })  # fmt: skip


def pretrend_zin(pre: pd.DataFrame, doel: str, naam: str, eenheid: str) -> str | None:
    """Gemeente tegen groep vóór de nulmeting, alleen als beide een helling hebben (Markdown:
    ``naam`` letterlijk)."""
    eigen = pre.set_index("regio_code")
    groep = pre[~pre["regio_code"].isin([doel, NEDERLAND])]["helling"].dropna()
    if doel not in eigen.index or pd.isna(eigen.loc[doel, "helling"]) or groep.empty:
        return None
    dec = trend_decimalen(eenheid)
    return (f"Vóór de nulmeting veranderde {letterlijk(naam)} gemiddeld "
            f"{fmt.verschil(eigen.loc[doel, 'helling'], eenheid, dec)} per jaar, de "
            f"vergelijkingsgemeenten gemiddeld {fmt.verschil(groep.mean(), eenheid, dec)}.")


#: Met minder cijfers in een reeks valt gelijk oplopen niet te toetsen.
PRETREND_MIN_CIJFERS = 3


def te_weinig_voor_pretrend(pre: pd.DataFrame) -> bool:
    """Met twee of minder cijfers in een reeks valt gelijk oplopen niet te toetsen."""
    return bool((pre["punten"] < PRETREND_MIN_CIJFERS).any())


def te_weinig_voor_pretrend_tekst(pre: pd.DataFrame) -> str | None:
    """Welke reeksen twee of minder cijfers hebben (daar valt gelijk oplopen niet te toetsen),
    of None. Noemt de regio's: vaak is het alleen Nederland, en de rest is wel te toetsen
    (Markdown: de namen letterlijk)."""
    weinig = pre.loc[pre["punten"] < PRETREND_MIN_CIJFERS, "regio_naam"]
    if weinig.empty:
        return None
    return (f"Twee of minder cijfers tot de nulmeting voor {letterlijk(', '.join(weinig))}: "
            "daarvoor is niet te toetsen of de reeks gelijk opliep. Kijk naar de grafiek en wees "
            "voorzichtig met de conclusie.")


# ----------------------------------------------------------------------------- context en export


def context_markdown(ctx: pd.DataFrame) -> str:
    """Contextregels als lijst, elk met periode/regio en bron.

    Mensen voerden de regels in: elke tekst staat er letterlijk (geen plaatje, link of opmaak
    van buiten); alleen een gewoon http(s)-adres in de bron wordt een link. Vet en cursief zijn
    van de monitor.
    """
    regels = []
    for r in ctx.to_dict("records"):
        extra = ", ".join(letterlijk(r[k]) for k in ("periode", "regio")
                          if isinstance(r[k], str) and r[k])  # fmt: skip
        regels.append(f"- **{letterlijk(r['naam'])}**" + (f" ({extra})" if extra else "") + ": "
                      + (letterlijk(r["omschrijving"]) if isinstance(r["omschrijving"], str)
                         else "")
                      + f"  \n  *Bron: {letterlijk_met_links(r['bron'])}*")  # fmt: skip
    return "\n".join(regels)


def kanttekeningen_markdown(kant: pd.DataFrame) -> str:
    """Kanttekeningen als lijst: soort vet, dan de tekst.

    De tekst noemt regio's en bronnen uit de database: letterlijk.
    """
    return "\n".join(f"- **{letterlijk(s)}**: {letterlijk(tekst)}"
                     for s, tekst in zip(kant["soort"], kant["tekst"], strict=True))  # fmt: skip


def export_toelichting(*, titel: str, key: str, eenheid: str, richting: str,
                       namen: Mapping[str, str], doel: str, groep: Sequence[str], van: int,
                       tot: int, soort: str, nul_jaar: int, nul_waarde: object, ander: bool,
                       ander_titel: str | None, versie: str) -> list[tuple[str, str]]:  # fmt: skip
    """Blad Toelichting van de Excel-export: keuzes en methode, zodat alles na te rekenen is."""
    return [
        ("Indicator", f"{titel} ({key}), eenheid {eenheid}, {richting.replace('_', ' ')}"),
        ("Gemeente", f"{namen.get(doel, doel)} ({doel})"),
        ("Vergelijkingsgroep", ", ".join(f"{namen.get(c, c)} ({c})" for c in groep)),
        ("Periode", f"{van} tot en met {tot}. {soort}"),
        ("Nulmeting", f"{nul_jaar}: {fmt.waarde(nul_waarde, eenheid)}"),
        ("Nederland", f"{ANDER_PRODUCT}: {ander_titel}" if ander else "eigen landelijke cijfers"),
        ("Methode verandering", "cijfer in het eindjaar min cijfer in het beginjaar; niets "
                                "ingevuld of geïnterpoleerd"),
        ("Methode verschil-in-verschillen", "verandering gemeente min ongewogen gemiddelde "
                                            "verandering van de groep; indicatief, niet causaal"),
        ("Methode kloof dicht", "lineair tempo van de kloof tussen begin- en eindjaar; "
                                "rekenvoorbeeld, geen voorspelling"),
        ("Methode pre-trend", f"helling van een rechte lijn door de cijfers t/m {nul_jaar}"),
        ("Cijfers", f"database-versie {versie}; bron en status per cijfer op blad 'reeks'"),
    ]  # fmt: skip
