"""Browsertests (issue 12, "niets afgekapt"): wat gekozen of getoond is, staat ook echt in beeld.

Gemeten in de browser van de tests (1280 x 900): met kaders (bounding boxes) en met het element
dat op een punt bovenop ligt, zoals de test van de regiokiezer in de zijbalk (test_pages.py).
"""

from __future__ import annotations

from playwright.sync_api import Locator, Page, expect

from monitor.export import model
from tests.e2e.conftest import wacht_tot_klaar

# Alle elementen onder een vak, ook in een shadow root (de keuzelijst van Streamlit heeft er een).
_ALLE = """const alle = (vak) => {
    const uit = [];
    const stap = (n) => { for (const e of n.querySelectorAll('*')) {
        uit.push(e); if (e.shadowRoot) stap(e.shadowRoot); } };
    stap(vak); if (vak.shadowRoot) stap(vak.shadowRoot);
    return uit;
};"""

# Elementen die horizontaal scrollen omdat hun inhoud breder is dan zijzelf.
_SCHUIVEN = "(vak) => { " + _ALLE + """ return alle(vak).filter(e => {
    const s = getComputedStyle(e);
    return ['auto', 'scroll'].includes(s.overflowX) && e.scrollWidth > e.clientWidth + 1;
}).map(e => `${e.tagName}.${e.className}: ${e.scrollWidth} > ${e.clientWidth}`) }"""

# Tekst die met een beletselteken (…) is ingekort: breder dan het element zelf.
_INGEKORT = "(vak) => { " + _ALLE + """ return alle(vak).filter(
    e => e.children.length === 0 && e.textContent.trim() && e.scrollWidth > e.clientWidth + 1
).map(e => e.textContent) }"""


# Ligt ``e`` (de cel of keuze zelf) bovenop in het midden van zijn vak? Ook door shadow roots
# heen; een scrollend of te klein vak knipt anders een deel weg of legt er iets anders overheen.
_BOVENOP = """(e, [x, y]) => {
    let t = document.elementFromPoint(x, y);
    while (t && t.shadowRoot) {
        const binnen = t.shadowRoot.elementFromPoint(x, y);
        if (!binnen || binnen === t) break;
        t = binnen;
    }
    return !!t && (t === e || e.contains(t));
}"""


def _helemaal_in_beeld(deel: Locator, houder: Locator, tekst: str, *, scrollen: bool = False
                       ) -> None:  # fmt: skip
    """``deel`` ligt helemaal binnen ``houder`` en is niet bedekt of weggeknipt.

    ``scrollen``: eerst de pagina naar ``deel`` scrollen (alleen voor iets onder de vouw: het
    scrolt ook een binnenvak opzij, en juist dat mag de gebruiker niet hoeven doen).
    """
    if scrollen:
        deel.scroll_into_view_if_needed()
    vak, doos = deel.bounding_box(), houder.bounding_box()
    assert vak is not None and doos is not None, tekst
    assert doos["x"] - 1 <= vak["x"] and vak["x"] + vak["width"] <= doos["x"] + doos["width"] + 1, \
        (tekst, vak, doos)
    assert doos["y"] - 1 <= vak["y"] and vak["y"] + vak["height"] <= doos["y"] + doos["height"] + 1, \
        (tekst, vak, doos)
    assert deel.evaluate(_BOVENOP, [vak["x"] + vak["width"] / 2, vak["y"] + vak["height"] / 2]), \
        tekst


def test_export_toont_elke_gekozen_indicator(page: Page, app_url: str) -> None:
    # Eerder: "Inwoners ×  Gemiddeld besteedbaar inkomen van huishoudens ×  Huishoude|" en dan
    # niets; de andere zes standaardindicatoren vielen rechts uit de keuzelijst.
    page.goto(f"{app_url}/export")
    wacht_tot_klaar(page)
    kiezer = page.locator("[data-testid='stMultiSelect']").filter(has_text="Indicatoren")
    expect(kiezer).to_have_count(1)
    keuzes = kiezer.locator("[data-tag]")
    expect(keuzes).to_have_count(len(model.KERNINDICATOREN))
    assert kiezer.evaluate(_SCHUIVEN) == []  # de keuzes schuiven niet opzij
    for i in range(keuzes.count()):
        keuze = keuzes.nth(i)
        _helemaal_in_beeld(keuze, kiezer, keuze.inner_text())
    assert kiezer.evaluate(_INGEKORT) == []  # geen titel ingekort tot "Huishoudens met…"


def test_uitvoering_toont_alle_kolommen_zonder_schuiven(page: Page, app_url: str) -> None:
    # Eerder: in het raster vielen "Beweegt indicator(en)", "Thema" en "Toelichting" (en bij
    # 1280 px ook "Besluitmoment") rechts weg; alleen schuiven liet ze zien.
    page.goto(f"{app_url}/beleidsmonitor?tabblad=Uitvoering")
    wacht_tot_klaar(page)
    paneel = page.get_by_role("tabpanel", name="Uitvoering")
    expect(paneel.get_by_role("heading", name="Uitvoering: de 19 opdrachten")).to_be_visible()
    assert paneel.evaluate(_SCHUIVEN) == []  # niets hoeft opzij te schuiven
    koppen = paneel.get_by_role("columnheader")
    expect(koppen.first).to_be_visible()
    assert koppen.count() >= 3 * 4  # per thema minstens Nr, Status, Opdracht, Toelichting
    for i in range(koppen.count()):
        kop = koppen.nth(i)
        _helemaal_in_beeld(kop, paneel, kop.inner_text(), scrollen=True)
    # De langste opdracht (146 tekens) staat er helemaal, niet afgekapt of weggeschoven.
    langste = paneel.get_by_role("cell", name="Beleidsruimte benutten voor kwetsbare groepen")
    expect(langste).to_have_count(1)
    assert langste.inner_text().endswith("Budgetcoaching op Maat onderzoeken")
    _helemaal_in_beeld(langste, paneel, langste.inner_text(), scrollen=True)
    assert paneel.evaluate(_INGEKORT) == []
