"""AppTests voor de pagina Trends: een lijn per regio, gaten blijven gaten, beleidsperiode zichtbaar."""

from __future__ import annotations

from tests.pages_hulp import figuren, geen_fouten, open_pagina, tabellen, teksten

PAGINA = "paginas/trends.py"


def _spoor(fig: dict, naam: str) -> dict:
    return next(t for t in fig["data"] if t.get("name") == naam)


def test_standaard_twee_indicatoren_met_lijn_per_regio():
    at = open_pagina(PAGINA)
    geen_fouten(at)
    assert at.multiselect(key="k_indicatoren").value == ["bijstand_per_1000",
                                                          "hh_rond_sociaal_minimum_pct"]
    bijstand, minimum = figuren(at)
    assert bijstand["layout"]["title"]["text"] == "Personen met bijstand per 1.000 inwoners"
    assert [t["name"] for t in bijstand["data"]] == ["Heerlen", "Nederland", "Amstelveen",
                                                     "Heemskerk", "Maastricht"]
    assert _spoor(minimum, "Nederland (ander CBS-product)")["line"]["dash"] == "dot"


def test_gaten_blijven_gaten_en_jaren_zijn_categorieen():
    at = open_pagina(PAGINA)
    fig = figuren(at)[0]
    as_x = fig["layout"]["xaxis"]
    assert as_x["type"] == "category"
    assert as_x["categoryarray"] == [str(j) for j in range(2014, 2030)]
    heerlen = _spoor(fig, "Heerlen")
    waarden = dict(zip(heerlen["x"], heerlen["y"], strict=True))
    assert round(waarden["2024"], 1) == 43.8 and round(waarden["2023"], 1) == 44.5
    assert waarden["2022"] is None  # CBS: onbekend
    assert waarden["2019"] is None  # niet in de database
    assert heerlen["connectgaps"] is False
    # 2015 is voorlopig: een open marker.
    assert heerlen["marker"]["symbol"][heerlen["x"].index("2015")] == "circle-open"
    nl = _spoor(fig, "Nederland")
    assert nl["line"]["dash"] == "dash" and nl["line"]["color"] == "#6E6E6E"


def test_beleidsperiode_is_gearceerd():
    at = open_pagina(PAGINA)
    fig = figuren(at)[0]
    vlak = fig["layout"]["shapes"][0]
    jaren = fig["layout"]["xaxis"]["categoryarray"]
    assert (vlak["x0"], vlak["x1"]) == (jaren.index("2026") - 0.5, jaren.index("2029") + 0.5)
    assert any(a["text"] == "Beleidsperiode 2026-2029" for a in fig["layout"]["annotations"])


def _open_tabel(at, key: str):
    """Open het tabelvak onder de grafiek (dat wordt pas dan gebouwd)."""
    assert not tabellen(at)
    at.session_state[f"trendtabel_{key}"] = True
    return at.run()


def test_tabel_laat_onbekend_zien():
    at = _open_tabel(open_pagina(PAGINA), "bijstand_per_1000")
    tabel = tabellen(at)[0]
    rij = tabel[tabel["Jaar"] == "2022"].iloc[0]
    assert rij["Heerlen"] == "geen cijfer (onbekend)"
    assert tabel[tabel["Jaar"] == "2015"].iloc[0]["Heerlen"] == "56,2*"


def test_tabel_toont_cijfers_niet_preciezer_dan_de_bron():
    """Regressie: de Kerncijfers 2022 (PDOK) zijn hele procenten; de tabel toonde "10,0%" naast
    "10,5%" en "10,3%", alsof Heerlen in 2022 precies 10,0% had."""
    at = _open_tabel(open_pagina(PAGINA), "hh_rond_sociaal_minimum_pct")
    tabel = tabellen(at)[0].set_index("Jaar")
    assert (tabel.loc["2021", "Heerlen"], tabel.loc["2022", "Heerlen"],
            tabel.loc["2023", "Heerlen"]) == ("10,5%", "10%", "10,3%")
    assert tabel.loc["2022", "Heemskerk"] == "4%"


def test_andere_indicator_verandert_de_grafiek():
    at = open_pagina(PAGINA)
    at.multiselect(key="k_indicatoren").set_value(["inwoners"]).run()
    geen_fouten(at)
    (fig,) = figuren(at)
    heerlen = _spoor(fig, "Heerlen")
    assert heerlen["y"][heerlen["x"].index("2024")] == 87461
    assert heerlen["y"][heerlen["x"].index("2020")] == 87086
    assert "Nederland" not in [t["name"] for t in fig["data"]]
    assert tabellen(_open_tabel(at, "inwoners"))[0].set_index("Jaar").at["2024", "Heerlen"] == "87.461"
    assert at.query_params["indicatoren"] == "inwoners"


def test_onbekende_indicator_in_de_link_geeft_nederlandse_melding():
    at = open_pagina(PAGINA, indicatoren=["ao_per_1000", "onzin"])
    geen_fouten(at)
    assert "onbekende indicator (onzin)" in at.warning[0].value
    assert at.multiselect(key="k_indicatoren").value == ["ao_per_1000"]
    assert len(figuren(at)) == 1


def test_geen_indicator_gekozen_geeft_uitleg():
    at = open_pagina(PAGINA)
    at.multiselect(key="k_indicatoren").set_value([]).run()
    geen_fouten(at)
    assert "Kies hierboven minstens één indicator." in teksten(at)


def test_een_indicator_met_een_jaar_toont_de_cijfers_en_geen_trendlijn():
    # Besteedbaar inkomen staat alleen voor 2024 in de snapshot: één punt is geen trend.
    at = open_pagina(PAGINA)
    at.multiselect(key="k_indicatoren").set_value(["besteedbaar_inkomen_hh"]).run()
    geen_fouten(at)
    assert figuren(at) == []
    assert "Alleen 2024 heeft cijfers" in teksten(at)
    assert tabellen(at)[0].set_index("Jaar").at["2024", "Heerlen"] == "€\u00a045.700*"  # voorlopig


def test_uitleg_van_de_tekens_in_dezelfde_woorden():
    """Stippellijn, open punt en de lijn van een ander CBS-product: dezelfde zinnen als elders."""
    at = open_pagina(PAGINA)
    geen_fouten(at)
    bijschriften = [c.value for c in at.caption]
    assert ("Elke lijn is een regio. Nederland is de grijze stippellijn. Open punten en een * "
            "achter het jaar zijn voorlopige cijfers.") in bijschriften[0]
    assert "open rondje" not in teksten(at)  # Amstelveen heeft vierkantjes, Heemskerk ruitjes
    assert ("Nederland heeft geen cijfer uit dezelfde bron. De fijne grijze stippellijn is een "
            "landelijk cijfer uit een ander CBS-product (") in teksten(at)
    assert "); een andere meting, alleen ter oriëntatie." in teksten(at)
