"""Tests voor monitor.charts: vaste kleuren, Nederland grijs gestippeld, gaten, hover, notatie."""

from __future__ import annotations

import pandas as pd
import pytest

from monitor import charts, palet

DEFAULTS = ["GM0917", "NL01", "GM0362", "GM0396", "GM0935"]


def _rij(code: str, naam: str, jaar: int, waarde: float | None, status: str = "definitief") -> dict:
    return {"regio_code": code, "regio_naam": naam, "indicator_key": "x", "jaar": jaar,
            "waarde": waarde, "status": status, "bron_titel": "Kerncijfers wijken en buurten 2024",
            "tabel_id": "85984NED", "bron_versie": "v1"}


# ----------------------------------------------------------------------------- kleuren


def test_standaardregio_s_hebben_vaste_okabe_ito_kleuren_en_nederland_is_grijs():
    k = palet.kleuren(DEFAULTS)
    assert k == {"GM0917": "#0072B2", "NL01": "#6E6E6E", "GM0362": "#E69F00",
                 "GM0396": "#009E73", "GM0935": "#CC79A7"}


def test_acht_regio_s_krijgen_acht_verschillende_kleuren_uit_het_palet():
    # Rotterdam en Kerkrade naast de standaardregio's: geen kleur dubbel, alles uit het palet dat
    # ook bij kleurenblindheid te onderscheiden is (tests/test_palet.py).
    extra = ["GM0599", "GM0928", "GM0363", "GM0344"]
    k = palet.kleuren(DEFAULTS + extra)
    gemeenten = [c for c in DEFAULTS + extra if c != "NL01"]
    assert len({k[c] for c in gemeenten}) == len(gemeenten) == 8
    assert {k[c] for c in gemeenten} == set(palet.PALET_8)
    assert k["GM0599"] != k["GM0917"]

def test_symbolen_per_regio_vast_en_voor_andere_gemeenten_uit_de_lijst():
    assert charts.symbool("GM0917") == "circle"
    assert charts.symbool("GM0362") == "square"
    # Een niet-vaste gemeente krijgt een symbool uit de lijst, onafhankelijk van de selectie,
    # en niet elke gemeente hetzelfde (anders zegt het symbool niets).
    andere = ["GM0363", "GM0599", "GM0344", "GM0518", "GM0014", "GM0034"]
    symbolen = [charts.symbool(c) for c in andere]
    assert all(s in charts.SYMBOLEN for s in symbolen)
    assert len(set(symbolen)) > 1


# ----------------------------------------------------------------------------- staven


def test_staven_met_nederland_als_gestippelde_referentie_en_hover_met_bron():
    frame = pd.DataFrame([_rij("GM0917", "Heerlen", 2024, 43.79), _rij("GM0362", "Amstelveen", 2024, 12.9)])
    nl = _rij("NL01", "Nederland", 2024, 25.2)
    fig = charts.staven(frame, titel="Bijstand", eenheid="per 1.000 inwoners",
                        kleur=palet.kleuren(["GM0917", "GM0362"]), nederland=nl).to_dict()
    staaf = fig["data"][0]
    assert list(staaf["y"]) == ["Heerlen", "Amstelveen"]
    # Waardelabels zijn annotaties met witte achtergrond, bovenop de referentielijn.
    labels = {a["y"]: a for a in fig["layout"]["annotations"] if a["y"] in ("Heerlen", "Amstelveen")}
    assert [labels[n]["text"] for n in ("Heerlen", "Amstelveen")] == ["43,8", "12,9"]
    assert all(a["bgcolor"] == "white" and a["xanchor"] == "left" for a in labels.values())
    assert list(staaf["marker"]["color"]) == ["#0072B2", "#E69F00"]
    assert staaf["customdata"][0][1:] == ["43,8", "2024", "definitief",
                                          "Kerncijfers wijken en buurten 2024 (85984NED)"]
    for deel in ("Jaar:", "Bron:", "customdata[3]"):
        assert deel in staaf["hovertemplate"]
    lijn = fig["layout"]["shapes"][0]
    assert lijn["x0"] == 25.2 and lijn["line"]["dash"] == "dash" and lijn["line"]["color"] == "#6E6E6E"
    assert fig["layout"]["separators"] == ",."
    # De onzichtbare punten op de lijn dragen ook hover met bron.
    assert fig["data"][1]["customdata"][0][0] == "Nederland"


def test_voorlopige_staven_zijn_gearceerd_en_hebben_een_ster():
    frame = pd.DataFrame([_rij("GM0917", "Heerlen", 2024, 45700, "voorlopig"),
                          _rij("GM0362", "Amstelveen", 2024, 71800)])
    fig = charts.staven(frame, titel="Inkomen", eenheid="euro", kleur={}).to_dict()
    staaf = fig["data"][0]
    assert list(staaf["marker"]["pattern"]["shape"]) == ["/", ""]
    assert staaf["customdata"][0][1:3] == ["€\u00a045.700", "2024*"]
    assert fig["layout"]["xaxis"]["tickprefix"] == "€ "


def test_ander_product_heeft_eigen_stijl_en_label():
    frame = pd.DataFrame([_rij("GM0917", "Heerlen", 2023, 10.3)])
    ander = _rij("NL01", "Nederland", 2023, 6.3)
    fig = charts.staven(frame, titel="t", eenheid="%", kleur={}, ander_product=ander).to_dict()
    assert fig["layout"]["shapes"][0]["line"]["dash"] == "dot"
    assert fig["layout"]["annotations"][0]["text"] == "Nederland (ander CBS-product): 6,3% (2023)"


def test_lege_staven_geven_een_nederlandse_melding():
    fig = charts.staven(pd.DataFrame([_rij("GM0917", "Heerlen", 2024, None)]), titel="t",
                        eenheid="%", kleur={}).to_dict()
    assert fig["layout"]["annotations"][0]["text"] == "Geen cijfers voor deze keuze."


# ----------------------------------------------------------------------------- trends


def test_jaar_as_is_aaneengesloten_tot_en_met_2029():
    assert charts.jaar_as([2015, 2020]) == [str(j) for j in range(2015, 2030)]
    assert charts.jaar_as([]) == []


def test_trendlijnen_interpoleren_niet_en_markeren_voorlopig():
    frame = pd.DataFrame([
        _rij("GM0917", "Heerlen", 2015, 56.2, "voorlopig"),
        _rij("GM0917", "Heerlen", 2020, 48.3),
        _rij("GM0917", "Heerlen", 2022, None, "onbekend"),
        _rij("GM0917", "Heerlen", 2024, 43.8),
        _rij("NL01", "Nederland", 2014, 25.2),
    ])
    fig = charts.trendlijnen(frame, titel="Bijstand", eenheid="per 1.000 inwoners",
                             kleur=palet.kleuren(["GM0917", "NL01"]),
                             volgorde=["GM0917", "NL01"]).to_dict()
    heerlen, nl = fig["data"]
    y = dict(zip(heerlen["x"], heerlen["y"], strict=True))
    assert y["2015"] == 56.2 and y["2016"] is None and y["2022"] is None and y["2024"] == 43.8
    assert heerlen["connectgaps"] is False
    i = list(heerlen["x"]).index("2022")
    assert heerlen["customdata"][i][1:4] == ["geen cijfer", "2022", "onbekend"]
    assert heerlen["marker"]["symbol"][list(heerlen["x"]).index("2015")] == "circle-open"
    assert heerlen["line"]["color"] == "#0072B2"
    assert nl["line"]["dash"] == "dash" and nl["line"]["color"] == charts.NEDERLAND_KLEUR
    assert fig["layout"]["xaxis"]["type"] == "category"
    assert fig["layout"]["xaxis"]["categoryarray"][0] == "2014"
    assert fig["layout"]["xaxis"]["categoryarray"][-1] == "2029"
    assert fig["layout"]["shapes"][0]["fillcolor"] == "#999999"


def test_trendlijnen_zonder_cijfers_geven_melding():
    frame = pd.DataFrame([_rij("GM0917", "Heerlen", 2022, None, "onbekend")])
    fig = charts.trendlijnen(frame, titel="t", eenheid="%", kleur={}).to_dict()
    assert fig["layout"]["annotations"][0]["text"] == "Geen cijfers voor deze regio's."


def test_procent_as_in_nederlandse_notatie():
    frame = pd.DataFrame([_rij("GM0917", "Heerlen", 2023, 10.3)])
    fig = charts.trendlijnen(frame, titel="t", eenheid="%", kleur={}).to_dict()
    assert fig["layout"]["yaxis"]["ticksuffix"] == "%"
    assert fig["layout"]["separators"] == ",."


@pytest.mark.parametrize(("eenheid", "verwacht"), [("aantal", False), ("%", True), ("euro", True)])
def test_nederland_niet_als_referentie_bij_aantallen(eenheid, verwacht):
    assert charts.nl_als_referentie(eenheid) is verwacht


# ----------------------------------------------------------------------------- kleine staven


def test_kleine_staven_tonen_geen_cijfer_als_tekst():
    frame = pd.DataFrame([_rij("GM0917", "Heerlen", 2020, 13.0), _rij("NL01", "Nederland", 2020, 7.6)])
    fig = charts.kleine_staven(
        [{"titel": "Schulden", "eenheid": "%", "jaar_tekst": "2020", "frame": frame}],
        codes=["GM0917", "NL01", "GM0362"], namen={"GM0917": "Heerlen", "GM0362": "Amstelveen"},
        kleur=palet.kleuren(["GM0917", "GM0362"]),
    ).to_dict()
    staaf = fig["data"][0]
    assert list(staaf["y"]) == ["Heerlen", "Amstelveen"]
    assert list(staaf["x"]) == [13.0, None]
    tekst = fig["data"][1]
    assert list(tekst["text"]) == ["geen cijfer"] and list(tekst["y"]) == ["Amstelveen"]
    assert fig["layout"]["shapes"][0]["x0"] == 7.6
    assert fig["layout"]["annotations"][0]["text"] == "Schulden (2020)"


# ----------------------------------------------------------------------------- betekenis tekens


def test_ander_cbs_product_punten_zijn_alleen_open_als_ze_voorlopig_zijn():
    """Open punt = voorlopig cijfer, op elke lijn; een landelijk cijfer uit een ander CBS-product
    had altijd open punten, en de uitleg onder de grafiek noemde dat dan 'voorlopig'."""
    frame = pd.DataFrame([_rij("GM0917", "Heerlen", 2022, 10.0), _rij("GM0917", "Heerlen", 2023, 10.3)])
    ander = pd.DataFrame([_rij("NL01", "Nederland", 2022, 6.0),
                          _rij("NL01", "Nederland", 2023, 6.3, status="voorlopig")])
    fig = charts.trendlijnen(frame, titel="t", eenheid="%", kleur={}, ander_product=ander).to_dict()
    spoor = next(t for t in fig["data"] if t["name"] == "Nederland (ander CBS-product)")
    assert spoor["line"]["dash"] == "dot"
    symbolen = dict(zip(spoor["x"], spoor["marker"]["symbol"], strict=True))
    assert symbolen["2022"] == "circle" and symbolen["2023"] == "circle-open"


def test_uitleg_van_de_tekens_is_een_keer_vastgelegd():
    assert charts.UITLEG_NEDERLAND == "Nederland is de grijze stippellijn."
    assert charts.UITLEG_VOORLOPIG_STAAF == ("Gearceerde staven en een * achter het jaar zijn "
                                             "voorlopige cijfers.")
    assert charts.UITLEG_VOORLOPIG_PUNT == ("Open punten en een * achter het jaar zijn voorlopige "
                                            "cijfers.")
    assert charts.uitleg_ander_product("Laag inkomen NL") == (
        "De fijne grijze stippellijn is een landelijk cijfer uit een ander CBS-product "
        "(Laag inkomen NL); een andere meting, alleen ter oriëntatie.")
