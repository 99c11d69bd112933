"""Toegankelijkheid (axe-core) en consolefouten op elke pagina, in Debians Chromium.

Gemeenten moeten aan WCAG 2.1 AA voldoen. ``axe-playwright-python`` levert axe-core mee, dus er
wordt niets gedownload. Per pagina: geen ``serious``/``critical`` schendingen van de WCAG 2.0/2.1
A/AA-regels, behalve wat hieronder met reden staat; de pagina zegt dat ze Nederlands is
(``lang="nl"``). Daarnaast: geen consolefouten, mislukte verzoeken of verzoeken naar andere hosts,
behalve de bekende hieronder. Tot december 2026 stond hier de 404 op ``/<pagina>/_stcore/health``;
die is weg sinds de server het adres in de pagina zet (``monitor/ui/voorpagina.py``).

Twee soorten uitzonderingen, bewust gescheiden:

- ``KAN_NIET``: komt uit Streamlit zelf en is met instellingen niet te verhelpen.
- ``NOG_TE_HERSTELLEN``: wel te verhelpen, maar in bestanden die nu elders worden omgebouwd
  (``paginas/``, ``dashboard.py``). Deze lijst is streng: staat een punt erin dat niet meer
  voorkomt, dan faalt de test, zodat de lijst na de reparatie meteen krimpt.

De uitkomst per pagina staat in ``tests/artifacts/toegankelijkheid.json`` (voor de review).
"""

from __future__ import annotations

import json
import re
from urllib.parse import urlparse

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import ConsoleMessage, Page, Request, Response

from tests.e2e.conftest import ARTEFACTEN, wacht_tot_klaar

PAGINAS = ["", "vergelijken", "trends", "beleidsmonitor", "doeltreffendheid", "export", "bronnen"]
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
ERNSTIG = {"serious", "critical"}

#: axe-regel → reden. Alleen wat dit project niet kan verhelpen.
KAN_NIET: dict[str, str] = {
    "list": "Streamlits zijbalknavigatie (st.navigation met secties) zet <div>-koppen direct in "
            "de <ul data-testid=stSidebarNavItems>; die opmaak komt uit Streamlit 1.67 en heeft "
            "geen instelling.",
    "listitem": "Zelfde oorzaak: de <li>'s van de navigatie staan per sectie in een <div>, niet "
                "direct in een <ul>/<ol>.",
}
#: (pagina, axe-regel) → wat er moet gebeuren. Streng: moet nog voorkomen.
NOG_TE_HERSTELLEN: dict[tuple[str, str], str] = {}

#: Bekende console- en netwerkmeldingen: patroon → (soort, reden).
CONSOLE_KAN_NIET: dict[str, str] = {}
CONSOLE_NOG_TE_HERSTELLEN: dict[str, str] = {}


def _past(patronen: dict[str, str], tekst: str) -> str | None:
    return next((p for p in patronen if re.search(p, tekst)), None)


@pytest.fixture(scope="module")
def uitkomsten() -> dict:
    """Verzamelt per pagina de uitkomst en schrijft die na de laatste pagina weg."""
    verzameld: dict = {}
    yield verzameld
    ARTEFACTEN.mkdir(parents=True, exist_ok=True)
    (ARTEFACTEN / "toegankelijkheid.json").write_text(
        json.dumps(verzameld, indent=1, ensure_ascii=False), encoding="utf-8")


@pytest.mark.parametrize("pad", PAGINAS, ids=[p or "overzicht" for p in PAGINAS])
def test_axe_en_console_per_pagina(page: Page, app_url: str, pad: str, uitkomsten: dict) -> None:
    meldingen: list[str] = []
    basis_host = urlparse(app_url).netloc

    def console(m: ConsoleMessage) -> None:
        if m.type == "error":
            meldingen.append(f"console: {m.text} @ {m.location.get('url', '')}")

    def antwoord(r: Response) -> None:
        if r.status >= 400:
            meldingen.append(f"{r.status}: {r.url}")

    def verzoek(r: Request) -> None:
        if urlparse(r.url).scheme in ("http", "https") and urlparse(r.url).netloc != basis_host:
            meldingen.append(f"extern: {r.url}")

    page.on("console", console)
    page.on("pageerror", lambda e: meldingen.append(f"paginafout: {e}"))
    page.on("response", antwoord)
    page.on("request", verzoek)
    page.on("requestfailed", lambda r: meldingen.append(f"mislukt: {r.url} ({r.failure})"))

    page.goto(f"{app_url}/{pad}")
    wacht_tot_klaar(page)
    # WCAG 3.1.1: de taal van de pagina. Streamlit zet "en"; monitor/ui/voorpagina.py zet "nl".
    assert page.evaluate("document.documentElement.lang") == "nl"
    if page.locator(".js-plotly-plot").count():
        page.wait_for_selector(".js-plotly-plot .main-svg")
    page.wait_for_timeout(1000)  # late verzoeken (favicon, health) komen na de eerste run

    resultaat = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_AA},
                                         "resultTypes": ["violations"]})
    schendingen = [
        {"regel": v["id"], "ernst": v["impact"], "aantal": len(v["nodes"]), "uitleg": v["help"]}
        for v in resultaat.response["violations"]
    ]
    ernstig = {s["regel"] for s in schendingen if s["ernst"] in ERNSTIG}
    naam = pad or "overzicht"

    # Meldingen die eerst als console-fout en dan als 404/mislukt binnenkomen, één keer tellen.
    def _url(m: str) -> str:
        if m.startswith("console:"):
            return m.split(" @ ")[-1]
        return m.split(": ", 1)[-1].split(" (")[0]

    onverklaard = [m for m in meldingen
                   if not _past(CONSOLE_KAN_NIET, _url(m))
                   and not _past(CONSOLE_NOG_TE_HERSTELLEN, _url(m))]
    uitkomsten[naam] = {
        "axe": schendingen,
        "axe_ernstig_onverklaard": sorted(ernstig - set(KAN_NIET)
                                          - {r for (p, r) in NOG_TE_HERSTELLEN if p == pad}),
        "console_en_netwerk": sorted(set(meldingen)),
        "console_onverklaard": sorted(set(onverklaard)),
    }

    assert not uitkomsten[naam]["axe_ernstig_onverklaard"], (
        f"Ernstige toegankelijkheidsfouten op /{pad}: {schendingen}")
    for (p, regel), wat in NOG_TE_HERSTELLEN.items():
        if p == pad:
            assert regel in ernstig, (
                f"Opgelost? Haal ({p!r}, {regel!r}) uit NOG_TE_HERSTELLEN: {wat}")
    assert not onverklaard, f"Onverwachte console- of netwerkmeldingen op /{pad}: {onverklaard}"
    for patroon in CONSOLE_NOG_TE_HERSTELLEN:
        assert any(re.search(patroon, _url(m)) for m in meldingen), (
            f"Opgelost? Haal {patroon!r} uit CONSOLE_NOG_TE_HERSTELLEN.")
