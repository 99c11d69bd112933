"""Browsertest: Beleidsmonitor en Doeltreffendheid openen in Debians Chromium.

Per pagina: geen foutvak, de kop en echte cijfers staan er, de grafieken zijn getekend, en een
schermafdruk in tests/artifacts/ (beleidsmonitor*.png, doeltreffendheid.png) voor de review.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

from playwright.sync_api import Page, expect

from tests.e2e.conftest import schermafdruk, wacht_tot_klaar

# De testserver mag nooit de echte data/beleid.duckdb aanmaken. Bij het importeren (vóór de
# server start) een eigen tijdelijke opslag, tenzij de omgeving er al een noemt.
os.environ.setdefault("ARMOEDEMONITOR_BELEID_DB",
                      str(Path(tempfile.mkdtemp(prefix="e2e-beleid-")) / "beleid.duckdb"))
# Een wachtwoord voor de bewerkmodus, alleen als de omgeving er zelf geen heeft.
WACHTWOORD = os.environ.setdefault("ARMOEDEMONITOR_BELEID_WACHTWOORD", "e2e-geheim")


def _hele_pagina(page: Page, naam: str) -> Path:
    """Streamlit scrolt in een eigen container: maak het venster even hoog genoeg voor alles."""
    hoogte = page.evaluate(
        "() => Math.max(...[...document.querySelectorAll('[data-testid=stMain], section')]"
        ".map(e => e.scrollHeight), document.body.scrollHeight)")
    page.set_viewport_size({"width": 1280, "height": min(max(int(hoogte) + 40, 900), 7000)})
    page.wait_for_timeout(400)  # Plotly past zich aan de nieuwe hoogte aan
    pad = schermafdruk(page, naam)
    page.set_viewport_size({"width": 1280, "height": 900})
    return pad


def _getekend(page: Page, minimaal: int) -> None:
    page.wait_for_selector(".js-plotly-plot .main-svg")
    expect(page.locator(".js-plotly-plot")).to_have_count(minimaal)
    assert page.locator(".js-plotly-plot g.trace path").count() > 2


def test_beleidsmonitor_opent_met_doelen_en_opdrachten(page: Page, app_url: str) -> None:
    page.goto(f"{app_url}/beleidsmonitor?doel=bijstand_per_1000")
    wacht_tot_klaar(page)
    expect(page.locator("[data-testid='stException']")).to_have_count(0)
    expect(page.get_by_role("heading", name="Beleidsmonitor 2026-2029")).to_be_visible()
    expect(page.get_by_text("Het eerste cijfer na de nulmeting (over 2025)")).to_be_visible()
    expect(page.get_by_text("Bewerkmodus: uit")).to_be_visible()
    _getekend(page, 1)
    _hele_pagina(page, "beleidsmonitor")

    page.get_by_role("tab", name="Uitvoering").click()
    expect(page.get_by_role("heading", name="Uitvoering: de 19 opdrachten")).to_be_visible()
    expect(page.locator("[data-testid='stMetricValue']", has_text="19").first).to_be_visible()
    _hele_pagina(page, "beleidsmonitor_uitvoering")

    page.get_by_role("tab", name="Geschiedenis").click()
    expect(page.get_by_role("heading", name="Geschiedenis van alle wijzigingen")).to_be_visible()
    expect(page).to_have_url(re.compile(r"tabblad=Geschiedenis"))  # het tabblad staat in de link


def test_doeltreffendheid_opent_met_vergelijking_en_pretrend(page: Page, app_url: str) -> None:
    page.goto(f"{app_url}/doeltreffendheid")
    wacht_tot_klaar(page)
    expect(page.locator("[data-testid='stException']")).to_have_count(0)
    expect(page.get_by_role("heading", name="Doeltreffendheid", exact=True)).to_be_visible()
    expect(page.get_by_text("indicatief, niet causaal").first).to_be_visible()
    expect(page.get_by_text("−11,3").first).to_be_visible()
    _getekend(page, 1)  # verandering per regio; de pre-trend pas bij openen
    page.get_by_text("Grafiek van de reeksen tot en met").click()
    _getekend(page, 2)
    expect(page.get_by_role("button", name="Alle getallen (Excel)")).to_be_visible()
    _hele_pagina(page, "doeltreffendheid")


def test_bewerkmodus_in_de_browser(page: Page, app_url: str) -> None:
    page.goto(f"{app_url}/beleidsmonitor?doel=bijstand_per_1000")
    wacht_tot_klaar(page)
    page.get_by_text("Bewerkmodus: uit").click()
    page.get_by_label("Uw naam (verplicht)").fill("E2E Tester")
    page.get_by_label("Wachtwoord").fill(WACHTWOORD)
    page.get_by_role("button", name="Bewerkmodus aanzetten").click()
    wacht_tot_klaar(page)
    expect(page.get_by_text("Bewerkmodus: aan (E2E Tester)")).to_be_visible()
    expect(page.get_by_role("button", name="Streefwaarden opslaan")).to_be_visible()
    expect(page.locator("[data-testid='stException']")).to_have_count(0)
    _hele_pagina(page, "beleidsmonitor_bewerken")
