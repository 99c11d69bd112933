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

from monitor.beleid import doeltreffendheid as dh
from monitor.beleid import opslag
from tests.pages_hulp import geen_fouten, open_pagina

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
    zichtbaar = re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown)
    if re.search(r"(?<!\]\()https://example", zichtbaar):
        gevonden.append("autolink")
    return gevonden


def zichtbaar(markdown: str) -> str:
    """Wat de lezer ziet: escapes weg, onzichtbare spaties (tegen autolinks) weg."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown).replace("\u200b", "")


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
