"""Tests voor de pure logica achter de verkenpagina's: tegels, ranglijst, tabellen, definities."""

from __future__ import annotations

import pandas as pd
import pytest

from monitor import store
from monitor.domein import Oordeel
from monitor.ui import keuzes
from monitor.verkennen import definities, overzicht, ranglijst, tabellen

HEERLEN, NL, HEEMSKERK, AMSTELVEEN = "GM0917", "NL01", "GM0396", "GM0362"


@pytest.fixture
def kaart():
    """Indicatoren plus de reeksen die het overzicht voor Heerlen, Heemskerk en Amstelveen nodig heeft."""
    v = store.db_versie()
    ind = store.indicatoren(v)
    reeks = store.reeks(v, overzicht.benodigde_keys(ind), (HEERLEN, NL, HEEMSKERK, AMSTELVEEN))
    return ind, reeks


def _tegel(kaart, key: str, code: str = HEERLEN, naam: str = "Heerlen") -> overzicht.Tegel:
    ind, reeks = kaart
    return overzicht.tegel(key, reeks, ind, code, naam)


# ----------------------------------------------------------------------------- tegels


def test_benodigde_keys_bevatten_aantallen_en_landelijke_vergelijking():
    ind = store.indicatoren(store.db_versie())
    keys = overzicht.benodigde_keys(ind)
    assert {"bijstand_personen", "ao_personen", "hh_laag_inkomen_1jr_pct",
            "hh_tot_101_sm_1jr_pct"} <= set(keys)


def test_tegel_met_verschil_en_oordeel(kaart):
    t = _tegel(kaart, "besteedbaar_inkomen_hh")
    assert (t.waarde_tekst, t.jaar_tekst, t.voorlopig) == ("€\u00a045.700", "2024*", True)
    assert t.verschil_tekst == "\u221214.500 euro"
    assert t.oordeel == Oordeel.ONGUNSTIG
    assert t.zin == ("Een huishouden in Heerlen heeft gemiddeld €\u00a045.700 per jaar te besteden "
                     "(Nederland: €\u00a060.200).")


def test_tegel_schulden_hoger_dan_nederland_is_ongunstig(kaart):
    t = _tegel(kaart, "problematische_schulden_hh_pct")
    assert (t.waarde_tekst, t.jaar, t.verschil_tekst) == ("13,0%", 2020, "+5,4 procentpunt")
    assert t.oordeel == Oordeel.ONGUNSTIG
    assert t.zin.startswith("1 op de 8 huishoudens in Heerlen heeft geregistreerde problematische schulden")
    assert t.zin.endswith("(Nederland: 1 op de 13).")


def test_tegel_ander_product_zonder_verschil(kaart):
    t = _tegel(kaart, "hh_rond_sociaal_minimum_pct")
    assert t.nl_ander_product and t.verschil_tekst is None and t.oordeel is None
    assert "Ander CBS-product (83841NED): 6,3% in 2023" in t.nl_tekst
    assert "(Nederland, ander CBS-product: 1 op de 16)" in t.zin


def test_tegel_met_reeksbreuk_zegt_waarom_het_cijfer_voorzichtig_te_lezen_is(kaart):
    """Regressie: de tegel toonde 4,5% (2023, definitief) zonder de kanttekening uit de catalogus
    dat KWB 2023 misschien een andere reeks is (10,8% en 10,5% in 2020 en 2021)."""
    laag = _tegel(kaart, "hh_laag_inkomen_pct")
    assert (laag.waarde_tekst, laag.jaar) == ("4,5%", 2023)
    assert laag.let_op.startswith("KWB 2023: niet vastgesteld dat dit dezelfde reeks is.")
    assert _tegel(kaart, "bijstand_per_1000").let_op is None


def test_tegel_nederland_berekend_uit_alle_gemeenten(kaart):
    # CBS publiceert Nederland 2024 niet; de ETL berekent het uit alle 342 gemeenten (niet 2014).
    t = _tegel(kaart, "bijstand_per_1000")
    assert t.verschil_tekst == "+21,2 per 1.000 inwoners"
    assert t.nl_tekst.startswith("Nederland (som van 342 gemeenten, uit voorlopige cijfers): 22,6 (2024)")
    assert t.zin == "1 op de 23 inwoners in Heerlen heeft bijstand (Nederland: 1 op de 44)."
    assert t.extra[0] == "Aantal: 3.830 personen."


def test_tegel_voorlopig_zonder_nederland_in_dat_jaar(kaart):
    t = _tegel(kaart, "problematische_schulden_hh_pct", HEEMSKERK, "Heemskerk")
    assert (t.waarde_tekst, t.jaar_tekst) == ("7,1%", "2023")  # geciteerd, niet voorlopig
    assert "Nederland: geen cijfer voor 2023" in t.nl_tekst


def test_tegel_zonder_cijfer_zegt_waarom(kaart):
    t = _tegel(kaart, "problematische_schulden_hh_pct", AMSTELVEEN, "Amstelveen")
    assert t.waarde is None and t.waarde_tekst == "geen cijfer"
    assert t.reden_geen_cijfer == "De bronnen in deze database hebben dit cijfer niet voor Amstelveen."


def test_reden_bij_alleen_lege_cellen():
    rijen = pd.DataFrame({"jaar": [2022], "status": ["onbekend"], "waarde": [None]})
    assert overzicht.reden_geen_cijfer(rijen, "Heerlen") == (
        "CBS meldt voor Heerlen geen cijfer in 2022 (status: onbekend).")


def test_aantallen_krijgen_aandeel_in_plaats_van_verschil(kaart):
    t = _tegel(kaart, "inwoners")
    assert t.verschil_tekst is None and t.oordeel is None
    assert t.nl_tekst == "Nederland: 18.044.027 (2025). Heerlen is 0,49% daarvan."
    assert t.zin == "Heerlen telde op 1 januari 2025 87.522 inwoners."


def test_naast_elkaar_gebruikt_het_jaar_van_de_hoofdgemeente(kaart):
    ind, reeks = kaart
    tegels = overzicht.tegels(reeks, ind, HEERLEN, "Heerlen")
    tabel = overzicht.naast_elkaar(reeks, tegels, [HEERLEN, NL, HEEMSKERK],
                                   {HEERLEN: "Heerlen", NL: "Nederland", HEEMSKERK: "Heemskerk"})
    schulden = tabel.set_index("Kerncijfer").loc["Huishoudens met geregistreerde problematische schulden"]
    # Heemskerk heeft 2023*, maar de rij is 2020: dus geen cijfer, geen stil ander jaar.
    assert (schulden["Jaar"], schulden["Heemskerk"]) == ("2020", "geen cijfer")
    panelen = overzicht.panelen(reeks, tegels)
    assert [p["titel"] for p in panelen][0] == "Huishoudens met een laag inkomen"
    assert all(p["eenheid"] != "aantal" for p in panelen)


# ----------------------------------------------------------------------------- ranglijst


def test_plaatsen_volgen_richting_en_delen_gelijke_waarden():
    frame = pd.DataFrame({"regio_code": ["A", "B", "C", "D"], "waarde": [3.0, 1.0, 3.0, None]})
    laag = ranglijst.plaatsen(frame, "lager_is_beter")
    assert laag.to_dict() == {"A": 2, "B": 1, "C": 2}
    hoog = ranglijst.plaatsen(frame, "hoger_is_beter")
    assert hoog.to_dict() == {"A": 1, "B": 3, "C": 1}


def test_ranglijst_teksten():
    assert "laagste" in ranglijst.uitleg("lager_is_beter", "Bijstand")
    assert "hoogste" in ranglijst.uitleg("hoger_is_beter", "Inkomen")
    assert "niets over beter of slechter" in ranglijst.uitleg("neutraal", "Inwoners")
    tekst = ranglijst.telling_tekst({"met_cijfer": 10, "zonder_cijfer": 2, "gemeenten": 342}, 2023)
    assert tekst.startswith("10 van de 342 gemeenten hebben een cijfer voor 2023.")
    assert "Bij 2 gemeenten meldt CBS geen cijfer" in tekst and "zegt weinig" in tekst
    volledig = {"met_cijfer": 340, "zonder_cijfer": 0, "gemeenten": 342}
    assert ranglijst.plaats_zin("Heerlen", None, volledig, 2022, "CBS meldt: onbekend.") == (
        "Heerlen heeft geen plaats in 2022: geen cijfer. CBS meldt: onbekend.")
    assert ranglijst.plaats_zin("Heerlen", 8, volledig, 2022) == (
        "Heerlen staat op plaats 8 van 340 gemeenten met een cijfer voor 2022; CBS publiceert "
        "342 gemeenten.")


def test_geen_plaats_n_van_n_bij_een_selectie_van_gemeenten():
    # KWB 2023 in de snapshot: 10 geselecteerde gemeenten van de 342.
    selectie = {"met_cijfer": 10, "zonder_cijfer": 0, "gemeenten": 342}
    zin = ranglijst.plaats_zin("Heerlen", 10, selectie, 2023)
    assert "plaats" not in zin.replace("een plaats zou", "")
    assert zin == ("Geen ranglijst voor 2023: maar 10 van de 342 gemeenten hebben een cijfer, "
                   "dus een plaats zou misleiden.")
    assert not ranglijst.volledig_genoeg(selectie)
    assert ranglijst.volledig_genoeg({"met_cijfer": 308, "zonder_cijfer": 0, "gemeenten": 342})


def test_telling_uit_de_database():
    v = store.db_versie()
    assert store.gemeenten_telling(v, "bijstand_per_1000", 2022) == {
        "met_cijfer": 0, "zonder_cijfer": 345, "gemeenten": 345}
    assert store.gemeenten_telling(v, "bijstand_per_1000", 2024)["met_cijfer"] == 342


# ----------------------------------------------------------------------------- tabellen en definities


def test_vergelijk_tabel_zonder_rij_zegt_niet_in_de_database():
    frame = pd.DataFrame([{"regio_code": HEERLEN, "waarde": 43.79, "status": "definitief",
                           "bron_titel": "KWB 2024", "tabel_id": "85984NED", "bron_versie": "v"}])
    tabel = tabellen.vergelijk_tabel(frame, [HEERLEN, AMSTELVEEN], {HEERLEN: "Heerlen"},
                                     "per 1.000 inwoners", 2024, pd.Series({HEERLEN: 341}), 342)
    assert tabel.iloc[0].to_dict() == {"Regio": "Heerlen", "Waarde": "43,8", "Jaar": "2024",
                                       "Status": "definitief", "Plaats": "341 van 342",
                                       "Bron": "KWB 2024 (85984NED)", "Versie": "v"}
    assert tabel.iloc[1]["Status"] == "niet in de database"


@pytest.mark.parametrize(("regel", "tekst"), [("01-01", "1 januari"), ("12-31", "31 december"),
                                              (None, "jaarcijfer (geen vaste peildag)")])
def test_peildatum_tekst(regel, tekst):
    assert definities.peildatum_tekst(regel) == tekst


def test_zoek_in_indicatoren():
    ind = store.indicatoren(store.db_versie())
    assert set(definities.zoek(ind, "bijstand")["key"]) >= {"bijstand_personen", "bijstand_per_1000"}
    assert len(definities.zoek(ind, "")) == len(ind)


def test_regio_s_uit_de_link_valideren():
    namen = {"GM0917": "Heerlen", "NL01": "Nederland"}
    assert keuzes._valideer_regios(["gm0917", "Nederland", "heerlen", "X"], namen) == (
        ["GM0917", "NL01"], ["X"])
