"""De kaart in een echte browser: 342 vormen, niets van internet, en een Nederlandse hover.

De figuur gaat als losse HTML-pagina (plotly.js ingebakken) naar Debians Chromium, via een
loopbackserver die ook de grenzen op hun Streamlit-adres (``app/static/kaart/...``) serveert. Elk
ander verzoek wordt afgebroken en geteld: een kaart die een wereldkaart of tegels ophaalt, faalt.
"""

from __future__ import annotations

import functools
import shutil
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from playwright.sync_api import Page, Route, expect

from monitor.verkennen import kaart
from tests.e2e.conftest import ARTEFACTEN, wacht_tot_klaar
from tests.kaart_hulp import cijfers, regio_codes

GEKOZEN = ["GM0917", "NL01", "GM0362", "GM0396", "GM0935"]


@pytest.fixture
def loopback(tmp_path: Path) -> Iterator[str]:
    """Een webserver op 127.0.0.1 voor tmp_path, met de grenzen waar Streamlit ze serveert."""
    doel = tmp_path / kaart.KAART_URL
    doel.parent.mkdir(parents=True)
    shutil.copyfile(kaart.KAART_PAD, doel)

    class Stil(SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Stil, directory=tmp_path))
    draad = threading.Thread(target=server.serve_forever, daemon=True)
    draad.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def _open(page: Page, fig, tmp_path: Path, naam: str, basis: str) -> list[str]:
    """Open de figuur via de loopbackserver; geef de (geblokkeerde) verzoeken naar buiten terug."""
    extern: list[str] = []

    def blokkeer(route: Route) -> None:
        if route.request.url.startswith(basis + "/"):
            route.continue_()
            return
        extern.append(route.request.url)
        route.abort()

    page.route("**/*", blokkeer)
    pad = tmp_path / f"{naam}.html"
    fig.write_html(pad, include_plotlyjs=True, full_html=True,
                   config={"displaylogo": False, "locale": "nl"})
    page.goto(f"{basis}/{pad.name}")
    # De grenzen komen na de figuur binnen (een eigen verzoek): wacht op de vormen zelf.
    page.wait_for_selector(".js-plotly-plot path.choroplethlocation", state="attached")
    page.wait_for_timeout(300)
    return extern


@pytest.fixture(scope="module")
def armoede(e2e_database: Path):
    return cijfers(e2e_database, "personen_in_armoede_pct", 2024)


def test_kaart_tekent_342_gemeenten_zonder_internet(page: Page, tmp_path: Path, armoede,
                                                    e2e_database: Path, loopback: str) -> None:
    fig = kaart.kaartfiguur(armoede, GEKOZEN, "lager_is_beter", "Personen in armoede, 2024*",
                            eenheid="%", jaar=2024, regio_codes=regio_codes(e2e_database))
    extern = _open(page, fig, tmp_path, "kaart", loopback)
    assert extern == [], f"De kaart vroeg iets van internet op: {extern}"
    expect(page.locator("[data-testid='stException'], .js-plotly-plot .error")).to_have_count(0)
    # 342 gevulde gemeenten + 4 omlijnde gekozen gemeenten (NL01 heeft geen vorm)
    assert page.locator(".js-plotly-plot path.choroplethlocation").count() == 342 + 4
    assert page.get_by_text("Heerlen", exact=True).count() == 1  # label
    ARTEFACTEN.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTEFACTEN / "kaart_nederland.png"))

    # Hover boven Heerlen: naam, waarde met komma, voorlopig jaar en plaats.
    # Een punt dat echt binnen de vorm van Heerlen ligt (het midden van de omkadering ligt
    # bij deze langgerekte gemeente in Voerendaal).
    vak = page.evaluate("""() => {
        const p = [...document.querySelectorAll('path.choroplethlocation')]
            .find(e => e.__data__ && e.__data__.loc === 'GM0917' && e.__data__.z !== undefined);
        const b = p.getBBox(), m = p.getScreenCTM();
        for (let i = 1; i < 20; i++) for (let j = 1; j < 20; j++) {
            const pt = new DOMPoint(b.x + b.width * i / 20, b.y + b.height * j / 20);
            if (p.isPointInFill(pt)) { const s = pt.matrixTransform(m); return {x: s.x, y: s.y}; }
        }
        return null;
    }""")
    page.mouse.move(vak["x"], vak["y"])
    hover = page.locator(".hoverlayer .hovertext")
    expect(hover).to_have_count(1)
    regels = hover.locator("text.nums tspan.line").all_text_contents()
    assert regels[0] == "Heerlen" and regels[2] == "Jaar: 2024* (voorlopig)", regels
    assert "," in regels[1] and regels[1].endswith("%")  # Nederlandse notatie, bijv. 5,4%
    assert regels[3].startswith("Plaats ") and regels[3].endswith(" van 342")


def test_zuid_limburg_in_beeld(page: Page, tmp_path: Path, armoede, loopback: str) -> None:
    fig = kaart.kaartfiguur(armoede, GEKOZEN, "lager_is_beter", "Personen in armoede, 2024*",
                            eenheid="%", jaar=2024, gebied="zuid-limburg")
    assert _open(page, fig, tmp_path, "zuid_limburg", loopback) == []
    assert page.locator(".js-plotly-plot path.choroplethlocation").count() == 16 + 2
    for naam in ("Heerlen", "Maastricht"):
        expect(page.get_by_text(naam, exact=True)).to_be_visible()
    page.screenshot(path=str(ARTEFACTEN / "kaart_zuid_limburg.png"))


def test_app_serveert_de_grenzen_en_tekent_de_kaart(page: Page, app_url: str) -> None:
    """In de echte app: de browser haalt de grenzen bij Streamlit zelf (200, geldige GeoJSON) en
    tekent alle gemeenten; niets van buiten."""
    antwoorden = []
    page.on("response", lambda r: antwoorden.append(r) if r.url.endswith(".geojson") else None)
    extern: list[str] = []
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(app_url)
               else (extern.append(route.request.url), route.abort()))
    page.goto(f"{app_url}/vergelijken?regio=GM0917&regio=GM0935&indicator=inwoners&jaar=2024")
    wacht_tot_klaar(page)
    page.wait_for_selector(".js-plotly-plot path.choroplethlocation", state="attached")
    expect(page.locator(".js-plotly-plot path.choroplethlocation")).to_have_count(342 + 2)
    assert [(a.url, a.status) for a in antwoorden] == [
        (f"{app_url}/{kaart.KAART_URL}", 200)]
    assert len(antwoorden[0].json()["features"]) == 342
    assert extern == []
