"""Browsertests (issue 12, "niets afgekapt"): wat gekozen of getoond is, staat ook echt in beeld.

Gemeten in de browser van de tests (1280 x 900): met kaders (bounding boxes) en met het element
dat op een punt bovenop ligt, zoals de test van de regiokiezer in de zijbalk (test_pages.py).
"""

from __future__ import annotations

import pytest
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


# ------------------------------------------------------------------ rasters (st.dataframe)

# De glide-grid achter st.dataframe tekent op een canvas: de tekst staat niet in de DOM. Wat er
# getekend wordt, lezen we uit de eigenschappen van de grid zelf (React): de breedte van elke
# kolom, de rijhoogte, het thema (letter, ruimte in de cel) en de tekst van elke cel, ook van de
# rijen buiten beeld. Met de letter van de grid meten we dan in de browser of elke tekst in zijn
# kolom past: op één regel, of (als de grid tekst laat doorlopen, rijhoogte > 64 px) in de regels
# die de rijhoogte toelaat. Regels breken en "past het" gaan zoals in glide-data-grid 6 zelf
# (splitMultilineText en drawMultiLineText in de bundel van Streamlit 1.67).
_RASTER = """(vak) => {
    const sleutel = Object.keys(vak).find(k => k.startsWith('__reactFiber'));
    const stapel = [vak[sleutel].child];
    let p = null;
    while (stapel.length) {
        const f = stapel.pop();
        if (!f) continue;
        const q = f.memoizedProps;
        // Het binnenste deel van de grid: kolommen met hun echte breedte, het volledige thema.
        if (q && Array.isArray(q.columns) && q.columns.length && q.getCellContent
            && q.columns.every(c => typeof c.width === 'number') && q.theme
            && q.theme.baseFontFull) { p = q; break; }
        if (f.sibling) stapel.push(f.sibling);
        if (f.child) stapel.push(f.child);
    }
    if (!p) return null;
    const t = p.theme, pad = t.cellHorizontalPadding;
    const ctx = document.createElement('canvas').getContext('2d');
    const breed = (tekst, font) => { ctx.font = font; return ctx.measureText(tekst).width; };
    const W = (s) => ctx.measureText(s).width;
    // Waar de regel breekt: het laatste spatie voor de rand, anders midden in het woord.
    const breek = (s, max, totaal) => {
        if (s.length <= 1) return s.length;
        let c = Math.floor(max / totaal * s.length), l = W(s.slice(0, Math.max(0, c)));
        if (l < max) { while (l < max) { c++; l = W(s.slice(0, c)); } c--; }
        else while (l > max) {
            const sp = s.lastIndexOf(' ', c - 1);
            c = sp > 0 ? sp : c - 1;
            l = W(s.slice(0, Math.max(0, c)));
        }
        if (s[c] !== ' ') { const sp = s.lastIndexOf(' ', c); if (sp > 0) c = sp; }
        return Math.max(1, c);
    };
    const regels = (tekst, max) => {
        ctx.font = t.baseFontFull;
        let n = 0;
        for (let s of tekst.split('\\n')) {
            let w = W(s);
            while (w > max) { s = s.slice(breek(s, max, w)); n++; w = W(s); }
            if (w > 0) n++;
        }
        return n;
    };
    // Hoogte van een regel tekst en de regelafstand, zoals de grid ze rekent.
    ctx.font = t.baseFontFull;
    ctx.textBaseline = 'middle';
    const m = ctx.measureText('ABCi09jgqpy');
    const letter = m.actualBoundingBoxAscent + m.actualBoundingBoxDescent;
    ctx.textBaseline = 'alphabetic';
    const rij = typeof p.rowHeight === 'number' ? p.rowHeight : 35;
    // De grid tekent ook een regel die de onderrand raakt; wij willen ruimte boven en onder.
    const past_in_rij = (n) =>
        letter + (t.lineHeight || 1.4) * letter * (n - 1) + 2 * t.cellVerticalPadding <= rij;
    let x = 0;
    const kolommen = p.columns.map(c => { const k = {titel: c.title, x, breedte: c.width};
                                          x += c.width; return k; });
    const afgekapt = [];
    p.columns.forEach((c, i) => {
        if (breed(c.title, t.headerFontFull) + 2 * pad > c.width + 0.5)
            afgekapt.push(`kop ${c.title}`);
        for (let r = 0; r < p.rows; r++) {
            const cel = p.getCellContent([i, r]);
            const tekst = String(cel.displayData ?? '');
            if (!tekst) continue;
            const past = cel.allowWrapping
                ? past_in_rij(regels(tekst, c.width - 2 * pad))
                : breed(tekst, t.baseFontFull) + 2 * pad <= c.width + 0.5;
            if (!past) afgekapt.push(`${c.title}, rij ${r + 1}: ${tekst}`);
        }
    });
    const scroller = vak.querySelector('.dvn-scroller');
    return {kolommen, afgekapt, zichtbaar: scroller ? scroller.clientWidth : vak.clientWidth,
            rijen: p.rows};
}"""


def _raster(raster: Locator) -> dict:
    """Kolommen (titel, x, breedte), de breedte in beeld en elke afgekapte cel van een raster."""
    expect(raster.locator("canvas").first).to_be_visible()
    meting = raster.evaluate(_RASTER)
    assert meting is not None, "geen glide-grid gevonden in het raster"
    return meting


def _raster_helemaal_leesbaar(raster: Locator) -> dict:
    """Meet een raster en eis: geen afgekapte cel, geen kolom (deels) rechts buiten beeld, niets
    dat zijwaarts schuift. Geeft de meting terug."""
    meting = _raster(raster)
    assert meting["afgekapt"] == [], meting["afgekapt"][:5]
    buiten = [k["titel"] for k in meting["kolommen"] if k["x"] + k["breedte"] > meting["zichtbaar"]]
    assert buiten == [], meting
    assert raster.evaluate(_SCHUIVEN) == []
    return meting


def test_bronnen_bijwerkingen_en_herkomst_helemaal_leesbaar(page: Page, app_url: str) -> None:
    # Eerder: in "Bijwerkingen" vielen Modus ("snapshot (de meegeleverde CBS-best") en Status en
    # Melding rechts weg; in de herkomst per bron stond "…1 december 2026 om 0" en was Bron
    # afgekapt. Nu loopt de tekst door op een volgende regel en past alles in de breedte.
    page.goto(f"{app_url}/bronnen")
    wacht_tot_klaar(page)
    bijwerkingen = page.locator("[data-testid='stDataFrame']").first
    bijwerkingen.scroll_into_view_if_needed()
    meting = _raster_helemaal_leesbaar(bijwerkingen)
    assert [k["titel"] for k in meting["kolommen"]] == [
        "Versie", "Gestart", "Klaar", "Modus", "Status", "Melding"]

    page.get_by_text("Technische herkomst").click()
    herkomst = page.get_by_test_id("stExpander").filter(has_text="Technische herkomst")
    expect(herkomst.get_by_text("Bijwerking van ").first).to_be_visible()
    rasters = herkomst.locator("[data-testid='stDataFrame']")
    expect(rasters.first).to_be_visible()
    for i in range(rasters.count()):
        raster = rasters.nth(i)
        raster.scroll_into_view_if_needed()
        meting = _raster_helemaal_leesbaar(raster)
        assert meting["rijen"] >= 10
        assert [k["titel"] for k in meting["kolommen"]] == ["Tabel", "Bron", "Herkomst", "Melding"]


def test_export_voorbeeld_hoofdkolommen_zonder_schuiven(page: Page, app_url: str) -> None:
    # Eerder: Indicator op 200 px ("Huishoudens met geregistreerde problematische sch"), Bron
    # afgekapt op 500 px en Toelichting zo smal als de eerste (lege) cellen. Nu is elke kolom zo
    # breed als zijn langste tekst en passen Indicator tot en met Status zonder schuiven.
    page.goto(f"{app_url}/export")
    wacht_tot_klaar(page)
    voorbeeld = page.locator("[data-testid='stDataFrame']").first
    voorbeeld.scroll_into_view_if_needed()
    meting = _raster(voorbeeld)
    kolommen = {k["titel"]: k for k in meting["kolommen"]}
    assert list(kolommen) == ["Indicator", "Regio", "Jaar", "Waarde", "Status", "Bron",
                              "Toelichting"]
    assert meting["rijen"] > 200 and meting["afgekapt"] == [], meting["afgekapt"][:5]
    status = kolommen["Status"]
    assert status["x"] + status["breedte"] <= meting["zichtbaar"], meting  # hoofdkolommen in beeld
    # Een kolom die opzij moet schuiven, past in zijn geheel in beeld.
    assert all(k["breedte"] <= meting["zichtbaar"] for k in meting["kolommen"]), meting
    laatste = meting["kolommen"][-1]
    if laatste["x"] + laatste["breedte"] > meting["zichtbaar"]:  # dan zegt het bijschrift het
        uitleg = page.get_by_test_id("stCaptionContainer").filter(has_text="jaren zonder cijfer")
        expect(uitleg).to_contain_text("De downloads hebben alle kolommen voluit")


# ------------------------------------------------------------------ kaart

# Per naam op de kaart: het vak van de tekst en hoeveel punten daarvan (een raster van 11 x 4)
# op een gekozen gemeente liggen (in het vlak of op de dikke rand), of op een ander label, en of
# het vak binnen de kaart ligt. De gekozen gemeenten zijn de vormen met een rand van 2 px of meer.
_KAARTLABELS = """(kaart) => {
    const gekozen = [...kaart.querySelectorAll('path.choroplethlocation')]
        .filter(p => parseFloat(getComputedStyle(p).strokeWidth) >= 2);
    const labels = [...kaart.querySelectorAll('.trace.scattergeo text')]
        .filter(t => t.textContent.trim());
    const k = kaart.querySelector('.main-svg').getBoundingClientRect();
    const vakken = labels.map(t => t.getBoundingClientRect());
    return {gekozen: gekozen.length, labels: labels.map((t, i) => {
        const v = vakken[i];
        let vlak = 0, rand = 0;
        for (let a = 0; a <= 10; a++) for (let b = 0; b <= 3; b++) {
            const pt = new DOMPoint(v.x + v.width * a / 10, v.y + v.height * b / 3);
            for (const p of gekozen) {
                const q = pt.matrixTransform(p.getScreenCTM().inverse());
                if (p.isPointInFill(q)) vlak++;
                if (p.isPointInStroke(q)) rand++;
            }
        }
        const over = vakken.filter((w, j) => j !== i && w.x < v.x + v.width && v.x < w.x + w.width
                                   && w.y < v.y + v.height && v.y < w.y + w.height).length;
        return {naam: t.textContent, vlak, rand, over,
                binnen: v.x >= k.x && v.x + v.width <= k.x + k.width && v.y >= k.y
                        && v.y + v.height <= k.y + k.height};
    })};
}"""


@pytest.mark.parametrize(("link", "namen"), [
    ("vergelijken?kaart=zuid-limburg&regio=GM0917&regio=GM0935&regio=GM0928",
     {"Heerlen", "Maastricht", "Kerkrade"}),
    ("vergelijken", {"Heerlen", "Amstelveen", "Heemskerk", "Maastricht"}),
])
def test_kaart_namen_naast_de_gekozen_gemeenten(page: Page, app_url: str, link: str,
                                                namen: set[str]) -> None:
    # Eerder stond de naam op het midden van de gemeente: de "t" van Maastricht lag onder de dikke
    # rand, "Heerlen" raakte zijn grens. Nu staat elke naam naast de vormen van alle gekozen
    # gemeenten (ook in Zuid-Limburg, waar Heerlen, Kerkrade en Maastricht dicht bij elkaar
    # liggen), niet op een ander label en binnen de kaart.
    page.goto(f"{app_url}/{link}")
    wacht_tot_klaar(page)
    kaart = page.locator(".js-plotly-plot").filter(has=page.locator(".choroplethlocation"))
    expect(kaart).to_have_count(1)
    kaart.scroll_into_view_if_needed()
    expect(kaart.locator(".trace.scattergeo text").first).to_be_visible()
    meting = kaart.evaluate(_KAARTLABELS)
    assert meting["gekozen"] == len(namen)
    assert {m["naam"] for m in meting["labels"]} == namen
    vast = [m for m in meting["labels"]
            if m["vlak"] or m["rand"] or m["over"] or not m["binnen"]]
    assert vast == [], vast
