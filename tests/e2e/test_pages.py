"""Browsertests voor Overzicht, Vergelijken, Trends en Bronnen in Debians Chromium.

Per pagina: openen, wachten tot Streamlit klaar is, geen foutvak, de grafiek is echt getekend,
en een schermafdruk in tests/artifacts/ (voor de review, bekijk ze zelf). Daarnaast: de link
reproduceert het beeld, de hover noemt bron en jaar, de zoekfunctie van de regiokiezer werkt,
en een directe link naar een pagina werkt ook op een vers gestarte server.
"""

from __future__ import annotations

import re

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import (
    REPO, STARTBESTAND, _gezond, _vrije_poort, schermafdruk, wacht_tot_klaar,
)

PAGINAS = [
    # (pad, naam van de schermafdruk, kop, tekst die op de pagina moet staan, heeft grafiek)
    ("", "overzicht", "Heerlen in één oogopslag", "87.522", True),
    # Een directe link naar /overzicht gaf "Page not found": nu dezelfde pagina.
    ("overzicht", "overzicht_link", "Heerlen in één oogopslag", "87.522", True),
    ("vergelijken", "vergelijken", "Vergelijken", "Heerlen staat op plaats", True),
    ("trends", "trends", "Trends", "Beleidsperiode 2026-2029", True),
    ("bronnen", "bronnen", "Bronnen en definities", "CC BY 4.0", False),
]


def _hele_pagina(page: Page, naam: str) -> Path:
    """Streamlit scrolt in een eigen container: maak het venster even hoog genoeg voor alles."""
    hoogte = page.evaluate(
        "() => Math.max(...[...document.querySelectorAll('[data-testid=stMain], section')]"
        ".map(e => e.scrollHeight), document.body.scrollHeight)")
    page.set_viewport_size({"width": 1280, "height": min(max(int(hoogte) + 40, 900), 6000)})
    page.wait_for_timeout(300)  # Plotly past zich aan de nieuwe breedte/hoogte aan
    pad = schermafdruk(page, naam)
    page.set_viewport_size({"width": 1280, "height": 900})
    return pad


@pytest.mark.parametrize(("pad", "naam", "kop", "tekst", "grafiek"), PAGINAS,
                         ids=[p[1] for p in PAGINAS])
def test_pagina_laadt_en_tekent(page: Page, app_url: str, pad: str, naam: str, kop: str,
                                tekst: str, grafiek: bool) -> None:
    page.goto(f"{app_url}/{pad}")
    wacht_tot_klaar(page)
    expect(page.locator("[data-testid='stException']")).to_have_count(0)
    expect(page.get_by_text("Page not found")).to_have_count(0)
    expect(page.get_by_role("heading", name=kop).first).to_be_visible()
    expect(page.get_by_text(tekst).first).to_be_visible()
    # De gedeelde zijbalk draait op elke pagina, en de link draagt keuze en dataversie.
    expect(page.locator("[data-testid='stSidebar'] [data-testid='stMultiSelect']")).to_be_visible()
    page.wait_for_url(lambda url: "regio=GM0917" in url and "data=" in url)
    if grafiek:
        page.wait_for_selector(".js-plotly-plot .main-svg")
        # Echt getekend: er staan staven of lijnen in het plotvlak, niet alleen een lege as.
        expect(page.locator(".js-plotly-plot g.trace").first).to_be_attached()
        assert page.locator(".js-plotly-plot g.trace path").count() > 3
        # De PNG-download zit in de modebar.
        assert page.locator(".js-plotly-plot .modebar-btn[data-title*='PNG']").count() >= 1
    _hele_pagina(page, f"pagina_{naam}")


def test_link_reproduceert_het_beeld(page: Page, app_url: str) -> None:
    page.goto(f"{app_url}/vergelijken?regio=GM0935&regio=NL01&indicator=inwoners&jaar=2024")
    wacht_tot_klaar(page)
    expect(page.get_by_role("heading", name="Maastricht staat op plaats")).to_be_visible()
    expect(page.get_by_text("Inwoners, 2024").first).to_be_visible()  # titel van kaart én staaf
    page.wait_for_url(lambda url: "indicator=inwoners" in url and "jaar=2024" in url
                             and "data=" in url)


def test_hover_noemt_bron_jaar_en_status(page: Page, app_url: str) -> None:
    page.goto(f"{app_url}/vergelijken")
    wacht_tot_klaar(page)
    page.wait_for_selector(".js-plotly-plot .main-svg")
    staaf = page.locator(".js-plotly-plot g.trace.bars g.point path").first
    staaf.hover(force=True)
    # Two charts (map and bars) each have a hover layer; take the one that shows a label.
    # Since the ETL derives Nederland 2024 (som van 342 gemeenten), the first bar can be Nederland.
    hover = page.locator(".js-plotly-plot .hoverlayer").filter(has_text="Jaar:")
    expect(hover).to_contain_text("Bron:")
    expect(hover).to_contain_text("Jaar: 2024")
    expect(hover).to_contain_text(re.compile(r"\((voorlopig|berekend|definitief)\)"))


def test_slechte_link_geeft_nederlandse_melding(page: Page, app_url: str) -> None:
    page.goto(f"{app_url}/vergelijken?regio=GM9999&indicator=bijstand_per_1000&jaar=2019")
    wacht_tot_klaar(page)
    expect(page.locator("[data-testid='stException']")).to_have_count(0)
    expect(page.get_by_text("niet in de database staat: 'GM9999'")).to_be_visible()
    expect(page.get_by_text("Voor 2019 zijn er geen cijfers")).to_be_visible()
    _hele_pagina(page, "pagina_vergelijken_slechte_link")


def test_regio_zoeken_en_toevoegen(page: Page, app_url: str) -> None:
    page.goto(app_url)
    wacht_tot_klaar(page)
    kiezer = page.locator("[data-testid='stSidebar'] [data-testid='stMultiSelect'] input")
    kiezer.click()
    kiezer.fill("Zwol")
    page.get_by_role("option", name="Zwolle").click()
    page.keyboard.press("Escape")
    wacht_tot_klaar(page)
    page.wait_for_url(lambda url: "regio=GM0193" in url)
    page.wait_for_selector(".js-plotly-plot .main-svg")
    expect(page.locator(".js-plotly-plot").first).to_contain_text("Zwolle")


# ----------------------------------------------------------------------------- verse server


@pytest.fixture
def verse_server(e2e_database: Path, tmp_path: Path) -> Iterator[str]:
    """Een eigen, net gestarte server: de eerste aanvraag is een directe link naar een pagina."""
    poort = _vrije_poort()
    omgeving = {**os.environ, "ARMOEDEMONITOR_DB": str(e2e_database)}
    opdracht = [sys.executable, "-m", "streamlit", "run", STARTBESTAND, "--server.headless", "true",
                "--server.address", "127.0.0.1", "--server.port", str(poort),
                "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"]
    with open(tmp_path / "uit.log", "wb") as uit:
        server = subprocess.Popen(opdracht, cwd=REPO, env=omgeving, stdout=uit, stderr=uit)
    basis = f"http://127.0.0.1:{poort}"
    try:
        deadline = time.monotonic() + 30
        while not _gezond(f"{basis}/_stcore/health"):
            assert server.poll() is None and time.monotonic() < deadline, "server start niet"
            time.sleep(0.2)
        yield basis
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_directe_link_na_herstart_toont_zijbalk_en_menu(page: Page, verse_server: str) -> None:
    """Zonder de herstelstap in keuzes.versie() draait Streamlit paginas/trends.py hier los
    (automatisch menu "dashboard, beleidsmonitor, ...", geen regiokiezer)."""
    page.goto(f"{verse_server}/trends?regio=GM0935")
    wacht_tot_klaar(page)
    expect(page.locator("[data-testid='stSidebar'] [data-testid='stMultiSelect']")).to_be_visible()
    expect(page.get_by_role("link", name="Bronnen en definities")).to_be_visible()
    expect(page.get_by_role("link", name="dashboard")).to_have_count(0)
    page.wait_for_url(lambda url: "regio=GM0935" in url and "data=" in url)
    page.wait_for_selector(".js-plotly-plot .main-svg")


def test_zijbalk_toont_alle_zeven_gekozen_regio_s(page: Page, app_url: str) -> None:
    # Eerder viel Maastricht half en vielen Rotterdam en Kerkrade helemaal uit de keuzelijst.
    regio_s = ["GM0917", "NL01", "GM0362", "GM0396", "GM0935", "GM0599", "GM0928"]
    page.goto(f"{app_url}/trends?" + "&".join(f"regio={c}" for c in regio_s))
    wacht_tot_klaar(page)
    kiezer = page.locator("[data-testid='stSidebar'] [data-testid='stMultiSelect']")
    doos = kiezer.bounding_box()
    assert doos is not None
    for naam in ("Heerlen", "Nederland", "Amstelveen", "Heemskerk", "Maastricht", "Rotterdam",
                 "Kerkrade"):
        chip = kiezer.get_by_text(naam, exact=True)
        expect(chip).to_be_visible()
        vak = chip.bounding_box()
        assert vak is not None
        assert doos["y"] <= vak["y"] and vak["y"] + vak["height"] <= doos["y"] + doos["height"], naam
        # Niet weggeknipt door een scrollende binnenbak: het element in het midden is de chip.
        midden = page.evaluate("([x, y]) => document.elementFromPoint(x, y).textContent",
                               [vak["x"] + vak["width"] / 2, vak["y"] + vak["height"] / 2])
        assert naam in midden, naam


_GETAL_ONDER_LIJN = """() => {
    // Per grafiek: elke gestippelde referentielijn (Nederland) tegen elk tekstlabel. Een label
    // dat de lijn raakt, moet een ondoorzichtige witte achtergrond hebben en ná de lijn getekend
    // worden (erboven). Gewone staaftekst van Plotly heeft geen achtergrond: die mag er niet zijn.
    const fouten = [];
    const krimp = (b, d) => ({l: b.left + d, r: b.right - d, t: b.top + d, o: b.bottom - d});
    for (const plot of document.querySelectorAll('.js-plotly-plot')) {
        for (const t of plot.querySelectorAll('text.bartext')) fouten.push('staaftekst ' + t.textContent);
        const lijnen = [...plot.querySelectorAll('.shapelayer path')]
            .filter(p => (p.style.strokeDasharray || '') !== '' && p.style.strokeDasharray !== 'none');
        for (const lijn of lijnen) {
            const l = lijn.getBoundingClientRect();
            for (const a of plot.querySelectorAll('g.annotation')) {
                const b = krimp(a.getBoundingClientRect(), 2);
                if (!(l.left < b.r && l.right > b.l && l.top < b.o && l.bottom > b.t)) continue;
                const bg = a.querySelector('rect.bg');
                const wit = bg && bg.style.fill === 'rgb(255, 255, 255)'
                    && Number(bg.style.fillOpacity || 1) === 1;
                const erboven = lijn.compareDocumentPosition(a) & Node.DOCUMENT_POSITION_FOLLOWING;
                if (!(wit && erboven)) fouten.push(a.textContent);
            }
        }
    }
    return fouten;
}"""


@pytest.mark.parametrize("pad", [
    "start",
    "vergelijken?indicator=besteedbaar_inkomen_hh&jaar=2024",
    "vergelijken?indicator=gestandaardiseerd_inkomen_hh&jaar=2024",
])
def test_lijn_van_nederland_loopt_nooit_door_een_getal(page: Page, app_url: str, pad: str) -> None:
    """Regressie (issue 12): op Overzicht liep de stippellijn van Nederland door de staaftekst
    ("€ 34.0|00"); nu staat elk getal op een witte annotatie boven de lijn."""
    page.goto(f"{app_url}/{pad}")
    wacht_tot_klaar(page)
    page.wait_for_selector(".js-plotly-plot g.annotation", state="attached")
    assert page.locator(".js-plotly-plot .shapelayer path").count() > 0  # er is een lijn
    assert page.evaluate(_GETAL_ONDER_LIJN) == []
