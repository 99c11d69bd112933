"""Tekst van buiten wordt nooit Markdown of HTML: beleidsopslag, database en bestanden.

Regel van het project: wat mensen invoerden (contextregels, bronnen, kolomnamen in een CSV) en
wat uit de database komt (regionamen, bronnamen, ETL-meldingen) staat er letterlijk. Elke test
zet een vijandige waarde op de plek waar die tekst vandaan komt en kijkt wat de pagina of de
functie ervan maakt. ``test_pages_veilig.py`` doet hetzelfde voor de linkparameters.
"""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from monitor.beleid import beleidsmonitor as bm
from monitor.beleid import doeltreffendheid as dh
from monitor.beleid import importeren, opslag, toets
from monitor.letterlijk import plotly_letterlijk
from monitor.verkennen import definities
from tests.pages_hulp import figuren, geen_fouten, open_pagina, zichtbaar

#: Een plaatje van buiten, vet, HTML en een link: niets daarvan mag werken.
KWAAD = "![x](https://example.org/t.png) **vet** <b>x</b> [a](https://example.org)"
TOETS = "paginas/doeltreffendheid.py"


def onveilig(markdown: str) -> list[str]:
    """Stukken van KWAAD die in gerenderde Markdown een plaatje, link, opmaak of HTML worden."""
    patronen = {"plaatje": r"(?<!\\)!\[x", "link": r"(?<!\\)\[a\]", "vet": r"(?<!\\)\*\*vet",
                "html": r"(?<!\\)<b>"}
    gevonden = [naam for naam, p in patronen.items() if re.search(p, markdown)]
    # Een kaal adres wordt in GFM vanzelf een link, ook na het escapen: kijk naar wat de lezer
    # ziet. Een adres als bestemming van een link die de monitor zelf maakt, telt niet.
    getoond = re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown)  # mét de onzichtbare spaties
    if re.search(r"(?<!\]\()https://example", getoond):
        gevonden.append("autolink")
    return gevonden


def test_herziene_nulmeting_toont_statussen_letterlijk() -> None:
    """Regressie: de status uit de beleidsopslag (een teruggezette CSV wordt niet gecontroleerd)
    ging als Markdown in de waarschuwing."""
    from monitor import store
    from monitor.beleid import nulmeting

    reeks = store.reeks(store.db_versie(), ("bijstand_per_1000",), ("GM0917",))
    nul = {"herkomst": "database", "jaar": 2024, "waarde": 1.0, "status": KWAAD}
    tekst = nulmeting.nulmeting_herzien(nul, reeks, "GM0917")
    assert "CBS heeft het cijfer over 2024 aangepast" in tekst
    assert onveilig(tekst) == []


# ----------------------------------------------------------------------------- context


def test_contextregel_met_markdown_staat_er_letterlijk() -> None:
    ctx = pd.DataFrame([{"naam": KWAAD, "periode": KWAAD, "regio": KWAAD, "omschrijving": KWAAD,
                         "bron": KWAAD}])
    tekst = dh.context_markdown(ctx)
    assert onveilig(tekst) == []
    assert tekst.startswith(r"- **\!\[x\]")  # de naam blijft vet, de tekst erin is letterlijk
    assert "*Bron: " in tekst


def test_bron_die_een_gewoon_adres_is_blijft_een_link() -> None:
    ctx = pd.DataFrame([{"naam": "Regio Deal", "periode": None, "regio": None,
                         "omschrijving": None,
                         "bron": "https://parkstad-limburg.nl/deal/ ; ANP, 21-02-2024 "
                                 "(https://nieuws.nl/a_b/)"}])
    tekst = dh.context_markdown(ctx)
    assert "](https://parkstad-limburg.nl/deal/)" in tekst
    assert "](https://nieuws.nl/a_b/)" in tekst
    assert r"\; ANP\, 21\-02\-2024 \(" in tekst  # de rest letterlijk
    assert zichtbaar(tekst).endswith("*Bron: [https://parkstad-limburg.nl/deal/]"
                                     "(https://parkstad-limburg.nl/deal/) ; ANP, 21-02-2024 "
                                     "([https://nieuws.nl/a_b/](https://nieuws.nl/a_b/))*")


def test_kanttekening_met_markdown_staat_er_letterlijk() -> None:
    kant = pd.DataFrame({"soort": ["bronwissel"],
                         "tekst": [f"2023 → 2024: andere bron ({KWAAD})"]})
    tekst = dh.kanttekeningen_markdown(kant)
    assert onveilig(tekst) == []
    assert tekst.startswith("- **bronwissel**: 2023 → 2024")


def test_doeltreffendheid_toont_een_ingevoerde_contextregel_letterlijk() -> None:
    """Regressie: de contextlijst ging als Markdown naar de pagina; een regel met een plaatje liet
    de browser dat plaatje ophalen, ** en [a](b) werden opmaak en een link."""
    huidig = opslag.context_regels()
    nieuw = pd.DataFrame([{"naam": KWAAD, "periode": KWAAD, "omschrijving": KWAAD,
                           "regio": KWAAD, "bron": KWAAD}])
    opslag.sla_context_op(pd.concat([huidig, nieuw], ignore_index=True), wie="Proef",
                          reden="vijandige regel")
    at = open_pagina(TOETS)
    geen_fouten(at)
    lijst = next(m.value for m in at.markdown if "Nationaal Programma Heerlen" in m.value)
    assert "vet" in lijst
    assert onveilig(lijst) == []


# ----------------------------------------------------------------------------- regionamen

#: Gemeenten die in de database een vijandige naam krijgen: Heerlen (hoofdgemeente), Amstelveen
#: (vergelijkingsgemeente), Bergambacht (geen enkel cijfer) en Weesp (staat niet op de kaart).
KWADE_REGIOS = ("GM0917", "GM0362", "GM0491", "GM0457")


@pytest.fixture
def kwade_regionamen(vers_database: Path) -> Path:
    """Regionamen komen uit de database (CBS, lokale CSV of een import): maak ze vijandig."""
    with duckdb.connect(str(vers_database)) as con:
        for tabel in ("regio", "regio_lijst"):
            con.execute(f"UPDATE {tabel} SET naam = naam || ' ' || ? WHERE code IN "
                        f"{KWADE_REGIOS}", [KWAAD])
    return vers_database


def markdown_teksten(at: AppTest) -> list[str]:
    """Alles wat Streamlit als Markdown tekent: tekst, meldingen, kaartjes en widgetlabels."""
    delen: list[str] = []
    for soort in ("title", "header", "subheader", "markdown", "caption", "info", "warning",
                  "error", "success", "toast"):
        delen += [str(e.value) for e in getattr(at, soort)]
    for m in at.metric:
        delen += [m.label, str(m.value), m.proto.delta, m.proto.help]
    for soort in ("selectbox", "multiselect", "button", "text_input", "checkbox", "expander",
                  "download_button", "tabs"):
        for e in getattr(at, soort):
            delen += [str(getattr(e, "label", "") or ""), str(getattr(e.proto, "help", "") or "")]
    return delen


#: (pagina, linkparameters, extra regio's): elke plek die een regionaam in Markdown zet.
PAGINAS_MET_NAMEN = {
    "overzicht": ("paginas/overzicht.py", {}),
    "vergelijken": ("paginas/vergelijken.py", {}),
    "vergelijken-zonder-cijfer": ("paginas/vergelijken.py",
                                  {"indicator": "problematische_schulden_hh_pct", "jaar": "2020"}),
    "vergelijken-niet-op-kaart": ("paginas/vergelijken.py",
                                  {"indicator": "hh_laag_inkomen_pct", "jaar": "2021"}),
    "trends-zonder-cijfer": ("paginas/trends.py", {"regio": ["GM0917", "NL01", "GM0491"]}),
    "beleidsmonitor": ("paginas/beleidsmonitor.py", {}),
    "doeltreffendheid": (TOETS, {"regio": ["GM0917", "NL01", "GM0362", "GM0396", "GM0491"]}),
    "doeltreffendheid-automatische-groep": (TOETS, {"groep": "automatisch"}),
    "doeltreffendheid-te-weinig-cijfers": (TOETS, {"toetsindicator": "personen_in_armoede_pct"}),
    "doeltreffendheid-geen-cijfers": (TOETS, {"regio": ["GM0491"]}),
}


@pytest.mark.parametrize("geval", list(PAGINAS_MET_NAMEN))
def test_regionaam_uit_de_database_staat_er_letterlijk(kwade_regionamen: Path, geval: str) -> None:
    """Regressie: titels, kopjes, bijschriften, meldingen en kaartjes zetten de regionaam (uit de
    database) ongeëscapet in Markdown."""
    pagina, params = PAGINAS_MET_NAMEN[geval]
    at = open_pagina(pagina, **params)
    assert not at.exception, [e.message for e in at.exception]
    teksten = markdown_teksten(at)
    assert any("vet" in t for t in teksten), "de naam staat nergens: deze plek is niet getoetst"
    fout = [(t[:150], onveilig(t)) for t in teksten if onveilig(t)]
    assert not fout, fout


# ----------------------------------------------------------------------------- bronnen, ETL


@pytest.fixture
def kwade_bronnen(vers_database: Path) -> Path:
    """Bronnamen, tabelcodes en ETL-meldingen komen uit de database (na een refresh: van CBS;
    bij een import: de bestandsnaam). Maak ze vijandig; één tabel is 'niet opgehaald'."""
    with duckdb.connect(str(vers_database)) as con:
        con.execute("UPDATE bron SET titel = titel || ' ' || $k, "
                    "tabel_id = tabel_id || ' ' || $k", {"k": KWAAD})
        con.execute("UPDATE indicator_bron SET bron_titel = bron_titel || ' ' || ?", [KWAAD])
        con.execute("UPDATE etl_run SET melding = melding || ' ' || $k, "
                    "status = status || ' ' || $k", {"k": KWAAD})
        con.execute("""INSERT INTO etl_run_tabel
                       SELECT run_id, (SELECT min(bron_id) FROM bron), ?, 'niet opgehaald', ?
                       FROM etl_run ORDER BY gestart DESC LIMIT 1""", [KWAAD, KWAAD])
    return vers_database


def kwade_referentie() -> None:
    """De landelijke schuldenambitie en haar nulmeting staan met bron in beleid.duckdb (eerste
    vulling uit data/lokaal/beleid_referentie.csv): maak die bron vijandig."""
    opslag.context_regels()  # maakt de opslag aan, met de eerste vulling
    with opslag.verbinding() as con:
        con.execute("UPDATE streefwaarde SET bron = ? WHERE soort = 'referentie'", [KWAAD])
        con.execute("UPDATE nulmeting SET bron = ? WHERE herkomst = 'afspraak'", [KWAAD])


#: (pagina, linkparameters, sessiewaarden): elke plek die een bronnaam, ETL-melding of een
#: bron uit de beleidsopslag in Markdown zet.
PAGINAS_MET_BRONNEN = {
    "beleidsmonitor-bronregel": ("paginas/beleidsmonitor.py", {}, {}),
    "beleidsmonitor-referentie": ("paginas/beleidsmonitor.py",
                                  {"doel": "problematische_schulden_hh_pct"}, {}),
    "beleidsmonitor-afspraak": ("paginas/beleidsmonitor.py",
                                {"doelregio": "NL01", "doel": "problematische_schulden_hh_pct"},
                                {}),
    "vergelijken-ander-product": ("paginas/vergelijken.py",
                                  {"indicator": "hh_rond_sociaal_minimum_pct", "jaar": "2023"}, {}),
    "trends-tabel": ("paginas/trends.py", {}, {"trendtabel_bijstand_per_1000": True}),
    "bronnen": ("paginas/bronnen.py", {}, {}),
}


def _open(pagina: str, params: dict, sessie: dict) -> AppTest:
    """Open de pagina met deze linkparameters, zet open wat pas bij openen gebouwd wordt
    (``sessie``: sleutels van vakken) en controleer dat er geen fout is."""
    at = open_pagina(pagina, **params)
    if sessie:
        for sleutel, waarde in sessie.items():
            at.session_state[sleutel] = waarde
        at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


@pytest.mark.parametrize("geval", list(PAGINAS_MET_BRONNEN))
def test_bron_en_etl_tekst_staan_er_letterlijk(kwade_bronnen: Path, geval: str) -> None:
    """Regressie: bronregels, bronnen van de landelijke ambitie, de ETL-melding en de tabellen
    die niet van CBS kwamen stonden ongeëscapet in bijschriften en meldingen."""
    kwade_referentie()
    pagina, params, sessie = PAGINAS_MET_BRONNEN[geval]
    at = _open(pagina, params, sessie)
    teksten = markdown_teksten(at)
    assert any("vet" in t for t in teksten), "de tekst staat nergens: deze plek is niet getoetst"
    fout = [(t[:150], onveilig(t)) for t in teksten if onveilig(t)]
    assert not fout, fout


def test_redenen_met_een_bronnaam_staan_er_letterlijk() -> None:
    """Een reden kan een bronnaam noemen ('andere bron (X tegenover Y)', domein.vergelijkbaar):
    waar de pagina hem in Markdown zet, letterlijk. De eigen opmaak (vet) blijft."""
    groep, nl = {"vergelijking": dh.GROEP}, {"vergelijking": "Nederland"}
    leeg = {"effect": None, "verandering_doel": None, "verandering_groep": None,
            "groep_gebruikt": "", "groep_zonder_cijfer": "", "reden": KWAAD}
    t = {"verandering": pd.DataFrame([{"regio_code": "GM0917", "van": None, "tot": None,
                                       "verschil": None, "reden": KWAAD}]),
         "verschil_in_verschillen": pd.DataFrame([{**groep, **leeg}, {**nl, **leeg}]),
         "kloof": pd.DataFrame([{"kloof_van": None, "kloof_tot": None, "reden": KWAAD}]),
         "kloof_dicht": pd.DataFrame([{"reden": KWAAD, "jaar": None, "jaren": None}])}
    teksten = [dh.kloof_onberekenbaar(t), dh.tempo_tekst(t),
               *dh.did_regels(t, "Heerlen", "%", "lager_is_beter")]
    for k in dh.verandering_kerngetallen(t, {"GM0917": "Heerlen"}, "GM0917", "%", False):
        teksten += [k.label, k.waarde, k.uitleg or ""]
    proj = toets.Projectie(mogelijk=False, reden=KWAAD, methode="x", punten=1)
    teksten.append(bm.trend_tekst(proj, "%"))
    assert all("vet" in t for t in teksten[:4])
    assert [(t, onveilig(t)) for t in teksten if onveilig(t)] == []
    assert dh.tempo_tekst(t).startswith("**Tempo.** ")
    assert bm.trend_tekst(proj, "%").startswith("**Trend naar 2029.** ")


def test_bronnen_uit_beleidsopslag_en_database_in_zinnen() -> None:
    reeks = pd.DataFrame({"bron_titel": [KWAAD], "jaar": [2024]})
    ref = {"nulmeting_waarde": 8.8, "nulmeting_jaar": 2021, "doel_waarde": 3.8,
           "doel_jaar": 2030, "bron": KWAAD}
    doel = {"nulmeting_jaar": 2021, "nulmeting_herkomst": "afspraak"}
    runs = pd.DataFrame({"gestart": [pd.Timestamp("2026-11-30 12:00")], "klaar": [None],
                         "modus": ["snapshot"], "status": [KWAAD], "melding": [KWAAD]})
    teksten = [bm.bronnen_tekst(reeks), bm.referentie_tekst(ref, "%"),
               bm.nulmeting_uitleg(doel, {"bron": KWAAD}), definities.laatste_run_tekst(runs),
               definities.mislukt_tekst(pd.DataFrame({"tabel_id": [KWAAD]}))]
    assert all("vet" in t for t in teksten)
    assert [(t, onveilig(t)) for t in teksten if onveilig(t)] == []


# ----------------------------------------------------------------------------- CSV-import


def test_genegeerde_kolomnamen_uit_een_csv_staan_er_letterlijk() -> None:
    """Regressie: de succesmelding na het inlezen (st.success, Markdown) noemde de kolomkoppen
    uit het bestand ongeëscapet."""
    res = importeren.ImportResultaat(gewijzigd=1, regels=1, genegeerde_kolommen=[KWAAD, "x"])
    tekst = bm.ingelezen_tekst(res)
    assert "vet" in tekst and onveilig(tekst) == []
    assert zichtbaar(tekst).endswith(f"Genegeerde kolommen: {KWAAD}, x.")


# ----------------------------------------------------------------------------- Plotly

#: (pagina, linkparameters, sessiewaarden): elke grafiek met regionamen of bronnen erin.
GRAFIEKEN = {
    "overzicht": ("paginas/overzicht.py", {}, {}),
    "vergelijken": ("paginas/vergelijken.py", {"regio": ["GM0917", "NL01", "GM0362", "GM0491"]},
                    {}),
    "trends": ("paginas/trends.py", {}, {}),
    "beleidsmonitor": ("paginas/beleidsmonitor.py", {}, {}),
    "doeltreffendheid": (TOETS, {"regio": ["GM0917", "NL01", "GM0362", "GM0396", "GM0491"]},
                         {"pretrend_grafiek_open": True}),
    "export": ("paginas/export.py", {}, {"export_grafiek_open": True}),
}


def _strings(waarde: object) -> list[str]:
    """Alle tekst in een figuur (titels, assen, legenda, hover, annotaties), recursief."""
    if isinstance(waarde, str):
        return [waarde]
    if isinstance(waarde, dict):
        return [s for w in waarde.values() for s in _strings(w)]
    if isinstance(waarde, list):
        return [s for w in waarde for s in _strings(w)]
    return []


@pytest.mark.parametrize("geval", list(GRAFIEKEN))
def test_grafiek_toont_namen_en_bronnen_als_tekst(kwade_regionamen: Path, kwade_bronnen: Path,
                                                  geval: str) -> None:
    """Regressie: Plotly tekent in titels, assen, legenda, hover en annotaties een stukje HTML
    (<b>, <a href>); regionamen en bronnamen uit de database gingen er ongeëscapet in."""
    pagina, params, sessie = GRAFIEKEN[geval]
    at = _open(pagina, params, sessie)
    teksten = [s for fig in figuren(at) for s in _strings(fig)]
    assert teksten, "geen grafiek op de pagina"
    assert [t[:150] for t in teksten if "<b>x</b>" in t] == []
    assert [t[:150] for t in teksten if "&amp;lt;" in t] == []  # niet dubbel geëscapet
    assert any("&lt;b&gt;x&lt;/b&gt;" in t for t in teksten), "naam of bron staat er niet in"


def test_plotly_letterlijk() -> None:
    assert plotly_letterlijk("  A & B <b>x</b>\n<a href='y'>") == \
        "A &amp; B &lt;b&gt;x&lt;/b&gt; &lt;a href='y'&gt;"
    assert plotly_letterlijk("Súdwest-Fryslân") == "Súdwest-Fryslân"


def test_letterlijk_houdt_de_harde_spatie_en_maakt_een_regel() -> None:
    from monitor.letterlijk import letterlijk

    assert letterlijk("Wageningen €\u00a031.100\nen  verder") == "Wageningen €\u00a031\\.100 en verder"
