"""AppTests voor de pagina Overzicht: echte cijfers uit de snapshot, eerlijk over gaten."""

from __future__ import annotations

import json

from tests.pages_hulp import figuren, geen_fouten, open_pagina, tabellen, tegels, teksten


def _tegel(at, titelstuk: str) -> dict:
    """De tegel waarvan de kop ``titelstuk`` bevat."""
    return next(t for titel, t in tegels(at).items() if titelstuk in titel)


def test_standaard_toont_heerlen_met_echte_cijfers():
    at = open_pagina()
    geen_fouten(at)
    assert at.title[0].value == "Heerlen in één oogopslag"
    inwoners = _tegel(at, "Inwoners")
    assert (inwoners["jaar"], inwoners["waarde"]) == ("2025", "87.522")
    tekst = teksten(at)
    assert "Nederland: 18.044.027 (2025)" in tekst
    assert "Heerlen telde op 1 januari 2025 87.522 inwoners." in tekst
    bijstand = _tegel(at, "Personen met bijstand per 1.000")
    assert (bijstand["jaar"], bijstand["waarde"]) == ("2024* · voorlopig", "43,8")  # KWB 2024: voorlopig
    assert "Aantal: 3.830 personen." in tekst


def test_voorlopig_cijfer_is_gemarkeerd_en_verschil_met_nederland_klopt():
    at = open_pagina()
    inkomen = _tegel(at, "besteedbaar inkomen")
    assert inkomen["jaar"] == "2024* · voorlopig"
    # tegelblok._t maakt van elke witruimte een gewone spatie (ook de harde na €)
    assert inkomen["waarde"].replace("\u00a0", " ") == "€ 45.700"
    assert inkomen["verschil"] == "▼ \u221214.500 euro t.o.v. Nederland"
    assert "Ongunstiger dan Nederland." in inkomen["regels"]
    tekst = teksten(at)
    assert "Nederland: € 60.200 (2024*)" in tekst.replace("\u00a0", " ")
    assert "voorlopig" in inkomen["regels"]  # het label onder de tekst


def test_zonder_landelijk_cijfer_staat_er_geen_cijfer_en_waarom():
    at = open_pagina()
    tekst = teksten(at)
    # Bijstand en AO: CBS publiceert geen Nederland voor 2024; de ETL berekent het als som van
    # alle 342 gemeenten, dus er is een landelijk cijfer van hetzelfde jaar (nooit 2014 ernaast).
    assert "Nederland (som van 342 gemeenten, uit voorlopige cijfers): 22,6 (2024)" in tekst and "Laatste landelijke cijfer: 25,2 in 2014" not in tekst
    assert "1 op de 11 inwoners in Heerlen heeft een AO-uitkering (Nederland: 1 op de 23)." in tekst
    # Laag inkomen: alleen een ander CBS-product, zonder verschil.
    assert "Ander CBS-product (83841NED): 3,6% in 2023" in tekst
    laag = _tegel(at, "laag inkomen")
    assert laag["verschil"] == ""


def test_tabel_en_grafiek_zetten_de_regio_s_naast_elkaar():
    at = open_pagina()
    tabel = tabellen(at)[0]
    assert list(tabel.columns) == ["Kerncijfer", "Jaar", "Heerlen", "Nederland", "Amstelveen",
                                   "Heemskerk", "Maastricht"]
    schulden = tabel[tabel["Kerncijfer"].str.contains("problematische schulden")].iloc[0]
    assert (schulden["Jaar"], schulden["Heerlen"], schulden["Nederland"], schulden["Amstelveen"]) == (
        "2020", "13,0%", "7,6%", "geen cijfer")
    fig = figuren(at)[0]
    assert fig["layout"]["separators"] == ",."
    namen = {tuple(t["y"]) for t in fig["data"] if t["type"] == "bar"}
    assert namen == {("Heerlen", "Amstelveen", "Heemskerk", "Maastricht")}


def test_andere_regiokeuze_verandert_het_overzicht():
    at = open_pagina()
    at.multiselect(key="regio_keuze").set_value(["GM0935", "NL01"]).run()
    geen_fouten(at)
    assert at.title[0].value == "Maastricht in één oogopslag"
    assert _tegel(at, "Inwoners")["waarde"] == "125.563"
    assert list(tabellen(at)[0].columns) == ["Kerncijfer", "Jaar", "Maastricht", "Nederland"]


def test_onbekende_regio_in_de_link_geeft_nederlandse_melding():
    at = open_pagina(regio=["GM9999", "GM0396"])
    geen_fouten(at)
    assert "'GM9999'" in at.warning[0].value
    assert "niet in de database" in at.warning[0].value
    assert at.title[0].value == "Heemskerk in één oogopslag"


def test_alleen_nederland_gekozen_vraagt_om_een_gemeente():
    at = open_pagina(regio="NL01")
    geen_fouten(at)
    assert "Kies in de zijbalk minstens één gemeente" in at.info[0].value


def test_grafieken_gaan_zonder_plotly_sjabloon_naar_de_browser():
    """Streamlits thema doet de opmaak; het sjabloon van Plotly (~6,5 kB per figuur, tekenwerk
    in de browser) gaat niet mee. Zie monitor/ui/grafiek.py."""
    for pagina, params in ((None, {}), ("paginas/vergelijken.py", {}),
                           ("paginas/trends.py", {})):
        at = open_pagina(pagina, **params)
        geen_fouten(at)
        specs = [json.loads(el.proto.spec) for el in at.get("plotly_chart")]
        assert specs, pagina
        for spec in specs:
            sjabloon = spec["layout"].get("template", {})
            assert len(json.dumps(sjabloon)) < 200, (pagina, sjabloon)
        assert all(json.loads(el.proto.config)["displaylogo"] is False
                   for el in at.get("plotly_chart"))


def test_bijschrift_van_de_kleine_staven_zegt_wat_arcering_en_stippellijn_betekenen():
    """Dezelfde woorden als op Vergelijken (monitor.charts.UITLEG_*), niet "Gearceerd of *"."""
    at = open_pagina("paginas/overzicht.py")
    geen_fouten(at)
    assert any("Nederland is de grijze stippellijn. Gearceerde staven en een * achter het jaar "
               "zijn voorlopige cijfers." in c.value for c in at.caption)
