"""De tegels van het overzicht als HTML (monitor/verkennen/tegelblok.py): echte snapshottegels,
elke tekst letterlijk, het oordeel in woorden én kleur, voorlopig gemarkeerd."""

from __future__ import annotations

import dataclasses

from monitor import store
from monitor.domein import NEDERLAND
from monitor.verkennen import overzicht, tegelblok

HEERLEN = "GM0917"

VIJANDIG = '<img src=x onerror="alert(1)"> **vet** [link](https://voorbeeld.nl)'


def _tegels() -> dict[str, overzicht.Tegel]:
    v = store.db_versie()
    ind = store.indicatoren(v)
    reeks = store.reeks(v, overzicht.benodigde_keys(ind), (HEERLEN, NEDERLAND))
    return {t.key: t for t in overzicht.tegels(reeks, ind, HEERLEN, "Heerlen")}


def test_tekst_van_buiten_wordt_letterlijk_getoond():
    t = dataclasses.replace(_tegels()["besteedbaar_inkomen_hh"], bron=VIJANDIG, definitie=VIJANDIG)
    html = tegelblok.tegel_html(t)
    assert "<img" not in html and "onerror=\"" not in html
    assert html.count("&lt;img src=x onerror=&quot;alert(1)&quot;&gt; **vet** [link](https://"
                      "voorbeeld.nl)") == 2  # bron en definitie, als gewone tekst


def test_voorlopig_ongunstig_en_definitief_gunstig():
    tegels = _tegels()
    inkomen = tegelblok.tegel_html(tegels["besteedbaar_inkomen_hh"])  # 2024*, lager dan NL
    assert '<p class="am-jaar">2024* · voorlopig</p>' in inkomen
    assert '<span class="am-badge am-voorlopig">voorlopig</span>' in inkomen
    assert ('<p class="am-verschil am-ongunstig"><span aria-hidden="true">▼</span> '
            "\u221214.500 euro t.o.v. Nederland</p>") in inkomen
    assert "Ongunstiger dan Nederland." in inkomen
    laag = tegelblok.tegel_html(tegels["hh_laag_inkomen_pct"])  # alleen een ander CBS-product
    assert "am-verschil" not in laag and "Gunstiger" not in laag and "Ongunstiger" not in laag
    assert '<span class="am-badge">definitief</span>' in laag


def test_kanttekening_staat_opvallend_en_letterlijk_op_de_tegel():
    tegels = _tegels()
    laag = tegelblok.tegel_html(tegels["hh_laag_inkomen_pct"])
    assert ('<p class="am-let-op"><strong>Let op:</strong> KWB 2023: niet vastgesteld dat dit '
            "dezelfde reeks is.") in laag
    assert "am-let-op\"" not in tegelblok.tegel_html(tegels["bijstand_per_1000"])
    kwaad = tegelblok.tegel_html(dataclasses.replace(tegels["bijstand_per_1000"], let_op=VIJANDIG))
    assert "<img" not in kwaad and "&lt;img src=x" in kwaad


def test_tegel_zonder_cijfer_zegt_waarom():
    t = dataclasses.replace(_tegels()["inwoners"], waarde=None, reden_geen_cijfer="CBS meldt: geheim.")
    html = tegelblok.tegel_html(t)
    assert '<p class="am-waarde">geen cijfer</p>' in html and "CBS meldt: geheim." in html
    assert "am-badge" not in html


def test_alle_tegels_in_een_raster_met_een_kop_per_tegel():
    tegels = list(_tegels().values())
    html = tegelblok.tegels_html(tegels)
    assert html.startswith("<style>") and html.count('<section class="am-tegel"') == len(tegels) == 9
    assert html.count("<h2>") == 9 and html.count("<summary>Wat telt mee?</summary>") == 9


def test_euroteken_en_bedrag_blijven_op_een_regel():
    """Regressie: de tegel maakte van de harde spatie na "€" weer een gewone spatie, zodat de
    browser "€" en "45.700" over twee regels kon verdelen."""
    inkomen = tegelblok.tegel_html(_tegels()["besteedbaar_inkomen_hh"])
    assert '<p class="am-waarde">€\u00a045.700</p>' in inkomen
    assert "€ 45.700" not in inkomen
