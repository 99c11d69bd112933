"""AppTest voor de pagina Doeltreffendheid: wat de lezer ziet na de review (echte snapshot).

Laag inkomen: KWB 2023 is een reeksbreuk met een reden die op een punt eindigt. Bijstand: de
tabel Verandering is met de hand na te rekenen. Gestandaardiseerd inkomen met de automatische
groep: een trend in euro's zonder centen.
"""

from __future__ import annotations

from tests.pages_hulp import figuren, geen_fouten, html_tabellen, open_pagina, teksten, zichtbaar

TOETS = "paginas/doeltreffendheid.py"
MIN = "\u2212"


def test_laag_inkomen_reeksbreuk_zonder_code_en_dubbele_punt() -> None:
    at = open_pagina(TOETS, toetsindicator="hh_laag_inkomen_pct", van="2020", tot="2023")
    geen_fouten(at)
    tekst = zichtbaar(teksten(at))
    assert "De kloof is niet te berekenen: niet vergelijkbaar: KWB 2023" in tekst
    assert "noemt.." not in tekst and ".)." not in tekst
    assert "GM0917" not in tekst
    assert ("- Tegen de vergelijkingsgemeenten: niet te berekenen (Heerlen: niet vergelijkbaar: "
            "KWB 2023") in tekst
    # Heerlen 10,8% en 4,5% staan in de tabel: er is wel een cijfer, alleen niet vergelijkbaar.
    ver = next(t for t in html_tabellen(at) if "Verandering" in t.columns).set_index("Regio")
    assert list(ver.loc["Heerlen", ["2020", "2023"]]) == ["10,8%", "4,5%"]
    assert "Zonder cijfer in beide jaren" not in tekst
    assert ("Wel cijfers, maar niet te vergelijken (bijvoorbeeld door een breuk in de reeks), "
            "dus niet meegeteld: Amstelveen, Heemskerk, Maastricht.") in tekst
    noot = figuren(at)[0]["layout"]["annotations"][0]["text"]
    assert noot == ("Cijfers niet vergelijkbaar tussen beide jaren (breuk in de reeks): "
                    "Heerlen, Amstelveen, Heemskerk, Maastricht")


def test_bijstand_verandering_is_na_te_rekenen() -> None:
    at = open_pagina(TOETS)
    geen_fouten(at)
    ver = next(t for t in html_tabellen(at) if "Verandering" in t.columns).set_index("Regio")
    assert list(ver.loc["Amstelveen", ["2015", "2024", "Verandering"]]) == ["11,5", "12,9", "+1,4"]
    assert list(ver.loc["Maastricht", ["2015", "2024", "Verandering"]]) == [
        "32,8", "28,7", f"{MIN}4,1"]
    assert "berekend met de afgeronde cijfers zoals ze in de tabel staan" in teksten(at)
    staven = figuren(at)[0]["data"][0]
    assert dict(zip(staven["y"], staven["text"], strict=True))["Amstelveen"] == "+1,4"


def test_inkomen_automatische_groep_trend_zonder_centen() -> None:
    at = open_pagina(TOETS, toetsindicator="gestandaardiseerd_inkomen_hh", groep="automatisch")
    geen_fouten(at)
    tekst = zichtbaar(teksten(at))
    zin = next(r for r in tekst.splitlines() if r.startswith("Vóór de nulmeting veranderde"))
    assert ",00 euro" not in zin and ",57 euro" not in zin
    pre = next(t for t in html_tabellen(at) if "Trend per jaar" in t.columns).set_index("Regio")
    assert f"Heerlen gemiddeld {pre.loc['Heerlen', 'Trend per jaar']} per jaar" in zin
    # Ook in euro's: de verandering is het verschil van de getoonde bedragen.
    ver = next(t for t in html_tabellen(at) if "Verandering" in t.columns).set_index("Regio")
    assert ver.loc["Heerlen", "Verandering"] == "+7.200 euro"
    # Alleen Nederland heeft te weinig cijfers; de tekst zegt dat, niet "per reeks".
    assert "Met twee of minder cijfers per reeks" not in tekst
    assert "Twee of minder cijfers tot de nulmeting voor Nederland:" in tekst
