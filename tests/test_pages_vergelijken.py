"""AppTests voor de pagina Vergelijken: staven, Nederland als referentie, eerlijke ranglijst."""

from __future__ import annotations

import duckdb

from tests.pages_hulp import figuren, geen_fouten, open_pagina, tabellen, teksten

PAGINA = "paginas/vergelijken.py"


def _plaats(pad, key: str, jaar: int, code: str, lager_is_beter: bool) -> tuple[int, int]:
    """Onafhankelijk nagerekend: 1 + aantal gemeenten met een beter cijfer, en het totaal."""
    teken = "<" if lager_is_beter else ">"
    with duckdb.connect(str(pad), read_only=True) as con:
        return con.execute(f"""
            WITH g AS (SELECT c.regio_code, c.waarde FROM cijfer c JOIN regio r ON r.code = c.regio_code
                       WHERE r.soort = 'gemeente' AND c.indicator_key = ? AND c.jaar = ?
                       AND c.waarde IS NOT NULL)
            SELECT 1 + count(*) FILTER (WHERE waarde {teken} (SELECT waarde FROM g WHERE regio_code = ?)),
                   count(*) FROM g""", [key, jaar, code]).fetchone()


def test_standaard_bijstand_2024_met_plaats_en_tabel(snapshot_database):
    at = open_pagina(PAGINA)
    geen_fouten(at)
    assert at.selectbox(key="k_indicator").value == "bijstand_per_1000"
    assert at.selectbox(key="k_jaar").value == 2024
    plaats, aantal = _plaats(snapshot_database, "bijstand_per_1000", 2024, "GM0917", True)
    assert at.subheader[0].value == (
        f"Heerlen staat op plaats {plaats} van {aantal} gemeenten met een cijfer voor 2024.")
    tekst = teksten(at)
    assert "Plaats 1 is de gemeente met het laagste cijfer" in tekst and "Lager is hier beter." in tekst
    assert "342 van de 342 gemeenten hebben een cijfer voor 2024." in tekst
    tabel = tabellen(at)[0]
    heerlen = tabel[tabel["Regio"] == "Heerlen"].iloc[0]
    assert (heerlen["Waarde"], heerlen["Jaar"], heerlen["Status"], heerlen["Plaats"]) == (
        "43,8", "2024*", "voorlopig", f"{plaats} van {aantal}")
    assert "85984NED" in heerlen["Bron"] and "herziene versie 2025" in heerlen["Versie"]
    nederland = tabel[tabel["Regio"] == "Nederland"].iloc[0]
    # CBS publiceert geen Nederland voor 2024; de ETL berekent het uit alle 342 gemeenten.
    assert nederland["Waarde"] == "22,6"
    assert "Nederland heeft geen cijfer voor 2024" not in tekst


def test_staven_per_regio_met_hover_en_nederlandse_notatie():
    at = open_pagina(PAGINA)
    fig = figuren(at)[0]
    staaf = fig["data"][0]
    assert staaf["y"] == ["Heerlen", "Amstelveen", "Heemskerk", "Maastricht"]
    assert staaf["marker"]["color"][0] == "#0072B2"
    assert staaf["customdata"][0] == ["Heerlen", "43,8", "2024*", "voorlopig",
                                      "Kerncijfers wijken en buurten 2024 (85984NED)"]
    assert "Bron:" in staaf["hovertemplate"] and "Jaar:" in staaf["hovertemplate"]
    assert fig["layout"]["separators"] == ",."


def test_andere_indicator_en_jaar_veranderen_de_uitkomst(snapshot_database):
    at = open_pagina(PAGINA)
    at.selectbox(key="k_indicator").select("inwoners").run()
    at.selectbox(key="k_jaar").select(2024).run()
    geen_fouten(at)
    tabel = tabellen(at)[0]
    assert tabel[tabel["Regio"] == "Heerlen"].iloc[0]["Waarde"] == "87.461"
    # Neutraal: plaats 1 = meeste inwoners, zonder oordeel.
    assert "Dit zegt niets over beter of slechter." in teksten(at)
    plaats, _ = _plaats(snapshot_database, "inwoners", 2024, "GM0917", False)
    assert f"plaats {plaats} van" in at.subheader[0].value
    # Bij aantallen staat Nederland niet als lijn in de grafiek.
    assert not figuren(at)[0]["layout"].get("shapes")
    assert "een landelijk aantal is niet te vergelijken" in teksten(at)


def test_hoger_is_beter_telt_van_hoog_naar_laag(snapshot_database):
    at = open_pagina(PAGINA, indicator="besteedbaar_inkomen_hh")
    geen_fouten(at)
    plaats, aantal = _plaats(snapshot_database, "besteedbaar_inkomen_hh", 2024, "GM0917", False)
    assert at.subheader[0].value.startswith(f"Heerlen staat op plaats {plaats} van {aantal}")
    assert "Hoger is hier beter." in teksten(at)
    # Nederland heeft hier wel een cijfer: de stippellijn staat op 60.200.
    lijn = figuren(at)[0]["layout"]["shapes"][0]
    assert lijn["x0"] == 60200 and lijn["line"]["dash"] == "dash"
    assert "Gearceerde staven" in teksten(at)


def test_jaar_met_weinig_gemeenten_wordt_eerlijk_gemeld():
    at = open_pagina(PAGINA, indicator="bijstand_per_1000", jaar="2023")
    geen_fouten(at)
    tekst = teksten(at)
    assert "10 van de 342 gemeenten hebben een cijfer voor 2023." in tekst
    assert "de plaats zegt weinig" in tekst


def test_jaar_zonder_cijfers_in_de_link_geeft_nederlandse_melding():
    at = open_pagina(PAGINA, indicator="bijstand_per_1000", jaar="2019")
    geen_fouten(at)
    assert "Voor 2019 zijn er geen cijfers" in at.warning[0].value
    assert at.selectbox(key="k_jaar").value == 2024


def test_onbekende_indicator_in_de_link_geeft_nederlandse_melding():
    at = open_pagina(PAGINA, indicator="bestaat_niet")
    geen_fouten(at)
    assert "onbekende indicator (bestaat_niet)" in at.warning[0].value
    assert at.selectbox(key="k_indicator").value == "bijstand_per_1000"


def test_ander_product_voor_nederland_heet_zo():
    at = open_pagina(PAGINA, indicator="hh_rond_sociaal_minimum_pct", jaar="2023")
    geen_fouten(at)
    fig = figuren(at)[0]
    lijn = fig["layout"]["shapes"][0]
    assert lijn["line"]["dash"] == "dot" and lijn["x0"] == 6.3
    assert any("Nederland (ander CBS-product): 6,3% (2023)" in a["text"] for a in fig["layout"]["annotations"])
    assert "een landelijk cijfer uit een ander CBS-product" in teksten(at)


def test_regio_zonder_cijfer_in_dat_jaar_krijgt_geen_plaats():
    at = open_pagina(PAGINA, indicator="problematische_schulden_hh_pct", jaar="2020")
    geen_fouten(at)
    tabel = tabellen(at)[0]
    amstelveen = tabel[tabel["Regio"] == "Amstelveen"].iloc[0]
    assert (amstelveen["Waarde"], amstelveen["Plaats"], amstelveen["Status"]) == (
        "geen cijfer", "geen plaats", "niet in de database")
    assert "Geen cijfer voor 2020: Amstelveen, Heemskerk, Maastricht" in teksten(at)


def test_keuze_blijft_bewaard_als_je_terugkomt_op_de_pagina():
    at = open_pagina(PAGINA, indicator="inwoners", jaar="2024")
    at.switch_page("paginas/trends.py").run()
    # Streamlit wist bij navigeren de paginaparameters uit de link; dat doen we hier na.
    for sleutel in ("indicator", "jaar"):
        del at.query_params[sleutel]
    at.switch_page(PAGINA).run()
    geen_fouten(at)
    assert at.selectbox(key="k_indicator").value == "inwoners"
    assert at.selectbox(key="k_jaar").value == 2024
    assert not at.warning


def test_geen_plaats_n_van_n_als_de_bron_maar_tien_gemeenten_heeft():
    # KWB 2023 staat in de snapshot voor 10 gemeenten: een ranglijst daarover misleidt.
    at = open_pagina(PAGINA)
    at.selectbox(key="k_indicator").select("hh_laag_inkomen_pct").run()
    at.selectbox(key="k_jaar").select(2023).run()
    geen_fouten(at)
    assert at.subheader[0].value == ("Geen ranglijst voor 2023: maar 10 van de 342 gemeenten "
                                     "hebben een cijfer, dus een plaats zou misleiden.")
    tabel = tabellen(at)[0]
    assert not tabel["Plaats"].str.contains(" van 10").any()


def test_kaart_van_alle_gemeenten_met_gekozen_regio_s_en_tekstalternatief():
    at = open_pagina(PAGINA)
    geen_fouten(at)
    kaart = figuren(at)[-1]
    choropleth = [t for t in kaart["data"] if t.get("type") == "choropleth"]
    getekend = set().union(*(set(t.get("locations") or []) for t in choropleth))
    assert len(getekend) == 342 and "GM0917" in getekend
    omrand = [t for t in choropleth if "GM0917" in (t.get("locations") or [])
              and (t.get("marker", {}).get("line", {}).get("width") or 0) >= 2]
    assert omrand, "Heerlen heeft een dikke rand"
    tekst = teksten(at)
    assert "Personen met bijstand per 1.000 inwoners, 2024*: Heerlen 43,8" in tekst
    assert "CBS en Kadaster" in tekst


def test_kaart_zoomt_naar_zuid_limburg_via_de_link():
    at = open_pagina(PAGINA, kaart="zuid-limburg")
    geen_fouten(at)
    kaart = figuren(at)[-1]
    choropleth = [t for t in kaart["data"] if t.get("type") == "choropleth"]
    getekend = set().union(*(set(t.get("locations") or []) for t in choropleth))
    assert len(getekend) == 16 and "GM0917" in getekend and "GM0363" not in getekend


def test_nederland_blijft_referentie_als_het_niet_in_de_keuze_staat():
    """Regressie: zonder Nederland in de zijbalk zei de pagina "Nederland heeft geen cijfer voor
    2024 in deze database" en tekende ze geen referentielijn, terwijl Nederland 22,6 heeft (som
    van de gemeenten). De referentie hoort bij de indicator, niet bij de keuze."""
    at = open_pagina(PAGINA, regio=["GM0917", "GM0060"])
    geen_fouten(at)
    tekst = teksten(at)
    assert "Nederland heeft geen cijfer voor 2024" not in tekst
    fig = figuren(at)[0]
    lijn = fig["layout"]["shapes"][0]
    assert lijn["x0"] == lijn["x1"] and round(lijn["x0"], 1) == 22.6
    assert any(a["text"].startswith("Nederland") for a in fig["layout"]["annotations"])
    # de tabel blijft bij de keuze: alleen Heerlen en Ameland
    assert list(tabellen(at)[0]["Regio"]) == ["Heerlen", "Ameland"]


def test_tabel_noemt_het_afrondingsbereik_van_een_onzeker_cijfer():
    at = open_pagina(PAGINA, regio=["GM0917", "GM0060"])
    tabel = tabellen(at)[0].set_index("Regio")
    # Ameland heeft 0 personen met bijstand, afgerond op tientallen: echt 0 tot 4 (0,0 tot 1,1
    # per 1.000). De tabel zegt dat, net als de kaart; Heerlens bereik is smal en blijft weg.
    assert tabel.loc["Ameland", "Waarde"] == "0,0 (door afronding van CBS tussen 0,0 en 1,1)"
    assert tabel.loc["Heerlen", "Waarde"] == "43,8"
