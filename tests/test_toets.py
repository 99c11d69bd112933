"""Rekenwerk van monitor/toets.py op reeksen die je met de hand kunt narekenen.

Elke verwachte waarde staat in een commentaar uitgerekend, zodat een rekenkamer-lezer de
methode kan volgen. Aan het eind dezelfde functies op echte snapshotcijfers.
"""

from __future__ import annotations

import math

import pandas as pd
import pytest

from monitor import store
from monitor.beleid import toets

H, NL, A, B, C = "GM0917", "NL01", "GM0362", "GM0396", "GM0935"


def reeks(data: dict[str, dict[int, float | None]], **extra: dict) -> pd.DataFrame:
    """{regio: {jaar: waarde}} → tidy frame zoals store.reeks."""
    rijen = []
    for code, jaren in data.items():
        for jaar, w in jaren.items():
            rij = {"regio_code": code, "jaar": jaar, "waarde": w}
            for kol, per in extra.items():
                rij[kol] = per.get(code, {}).get(jaar) if isinstance(per.get(code), dict) else None
            rijen.append(rij)
    return pd.DataFrame(rijen)


# ----------------------------------------------------------------------------- pad en status


def test_pad_is_rechte_lijn_van_nulmeting_via_streefwaarden() -> None:
    doelen = {2026: 38.0, 2029: 35.0}
    assert toets.pad_waarde(2024, 40.0, doelen, 2025) == pytest.approx(39.0)  # halfweg 40 → 38
    assert toets.pad_waarde(2024, 40.0, doelen, 2027) == pytest.approx(37.0)  # 38 − 1/3·3
    assert toets.pad_waarde(2024, 40.0, doelen, 2031) == pytest.approx(35.0)  # blijft op doel
    assert toets.pad_waarde(2024, 40.0, doelen, 2023) is None  # vóór de nulmeting: geen pad
    assert toets.pad_waarde(2024, 40.0, {}, 2026) is None


def test_status_op_koers_en_achter_bij_lager_is_beter() -> None:
    doelen = {2026: 38.0, 2029: 35.0}
    op = toets.status_op_pad(pd.Series({2024: 40.0, 2025: 38.5}), 2024, 40.0, doelen,
                             "lager_is_beter", 1, 2026)
    assert (op.code, op.label, op.jaar, op.pad) == ("op_koers", "op koers", 2025, 39.0)
    achter = toets.status_op_pad(pd.Series({2024: 40.0, 2025: 39.5}), 2024, 40.0, doelen,
                                 "lager_is_beter", 1, 2026)
    assert achter.code == "achter"
    # precies op het pad telt als op koers
    gelijk = toets.status_op_pad(pd.Series({2025: 39.0}), 2024, 40.0, doelen,
                                 "lager_is_beter", 1, 2026)
    assert gelijk.code == "op_koers"


def test_status_hoger_is_beter_draait_om() -> None:
    doelen = {2026: 46_000.0}
    s = pd.Series({2024: 42_000.0, 2025: 43_500.0})  # pad 2025 = 44.000 → eronder = achter
    assert toets.status_op_pad(s, 2024, 42_000, doelen, "hoger_is_beter", 2, 2027).code == "achter"
    s = pd.Series({2024: 42_000.0, 2025: 44_500.0})
    assert toets.status_op_pad(s, 2024, 42_000, doelen, "hoger_is_beter", 2, 2027).code == "op_koers"


def test_status_nog_niet_meetbaar_en_geen_recent_cijfer_volgen_publicatievertraging() -> None:
    doelen = {2026: 38.0}
    alleen_nulmeting = pd.Series({2024: 40.0})
    # Uitkeringen (1 jaar): het cijfer over 2025 kan in 2026 verschijnen.
    st = toets.status_op_pad(alleen_nulmeting, 2024, 40.0, doelen, "lager_is_beter", 1, 2026)
    assert (st.code, st.meetbaar_vanaf) == ("nog_niet_meetbaar", 2026)
    # In 2027 is 2026 voorbij: het cijfer over 2025 had er moeten zijn.
    st = toets.status_op_pad(alleen_nulmeting, 2024, 40.0, doelen, "lager_is_beter", 1, 2027)
    assert st.code == "geen_recent_cijfer"
    # Inkomen (2 jaar): in 2027 is het cijfer over 2025 nog niet te verwachten.
    st = toets.status_op_pad(alleen_nulmeting, 2024, 40.0, doelen, "lager_is_beter", 2, 2027)
    assert (st.code, st.meetbaar_vanaf) == ("nog_niet_meetbaar", 2027)
    # Wel een cijfer na de nulmeting, maar het volgende is te laat.
    st = toets.status_op_pad(pd.Series({2024: 40.0, 2025: 38.0}), 2024, 40.0, doelen,
                             "lager_is_beter", 1, 2028)
    assert (st.code, st.jaar) == ("geen_recent_cijfer", 2025)


def test_status_zonder_streefwaarde_of_nulmeting() -> None:
    s = pd.Series({2024: 40.0})
    assert toets.status_op_pad(s, 2024, 40.0, {}, "lager_is_beter", 1, 2026).code == \
        "geen_streefwaarde"
    assert toets.status_op_pad(s, None, None, {2026: 1.0}, "lager_is_beter", 1, 2026).code == \
        "geen_nulmeting"


def test_oordeel_nooit_gehaald_of_gemist_voordat_het_cijfer_kan_bestaan() -> None:
    doelen = {2026: 38.0, 2027: 37.0, 2028: 36.0}
    real = pd.DataFrame({"regio_code": H, "jaar": [2026], "waarde": [37.5],
                         "status": ["voorlopig"]})
    o = toets.oordeel_streefwaarden(real, doelen, "lager_is_beter", 2, 2029).set_index("jaar")
    assert o.loc[2026, "oordeel"] == "gehaald (voorlopig)"  # 37,5 ≤ 38
    assert o.loc[2027, "oordeel"] == "nog niet verschenen"  # 2027 + 2 = 2029 = dit jaar
    assert o.loc[2028, "oordeel"] == "nog niet meetbaar"  # pas in 2030
    assert list(o["meetbaar_vanaf"]) == [2028, 2029, 2030]
    later = toets.oordeel_streefwaarden(real, doelen, "lager_is_beter", 2, 2030).set_index("jaar")
    assert later.loc[2027, "oordeel"] == "geen cijfer"
    hoger = toets.oordeel_streefwaarden(real, {2026: 37.0}, "lager_is_beter", 2, 2029)
    assert hoger["oordeel"].iloc[0] == "niet gehaald (voorlopig)"


# ----------------------------------------------------------------------------- projectie


def test_projectie_ols_met_voorspelinterval_met_de_hand_nagerekend() -> None:
    # x̄ = 2021,5; ȳ = 13,5; Sxx = 5; Sxy = 11 → helling 2,2
    # residuen −0,2 0,6 −0,6 0,2 → SSR 0,8; s = √(0,8/2) = 0,6325; t(2) = 4,303
    # 2029: ŷ = 13,5 + 7,5·2,2 = 30,0; marge = 4,303·0,6325·√(1 + 1/4 + 56,25/5) = 9,622
    p = toets.projectie(pd.Series({2020: 10.0, 2021: 13.0, 2022: 14.0, 2023: 17.0}))
    assert p.mogelijk and p.punten == 4
    assert p.helling == pytest.approx(2.2)
    r = p.frame.set_index("jaar").loc[2029]
    assert r["verwacht"] == pytest.approx(30.0)
    assert r["boven"] - r["verwacht"] == pytest.approx(4.303 * math.sqrt(0.4) * math.sqrt(12.5),
                                                       rel=1e-6)
    assert p.frame["jaar"].iloc[0] == 2023  # sluit aan op het laatste cijfer
    assert "95%-voorspelinterval" in p.methode


def test_projectie_band_wordt_breder_verder_weg_en_wordt_afgekapt() -> None:
    p = toets.projectie(pd.Series({2020: 10.0, 2021: 13.0, 2022: 14.0, 2023: 17.0}),
                        grenzen=(0, 35))
    breedte = (p.frame["boven"] - p.frame["onder"]).to_list()
    assert p.mogelijk and p.frame["verwacht"].max() < 35
    assert p.frame["boven"].max() <= 35
    assert breedte[0] < breedte[2]


def test_geen_projectie_als_de_lijn_zelf_buiten_het_mogelijke_komt() -> None:
    # Heerlen laag inkomen 10,8 (2020), 10,5 (2021), 4,5 (2023): een rechte lijn zakt onder 0%.
    p = toets.projectie(pd.Series({2020: 10.8, 2021: 10.5, 2023: 4.5}), grenzen=(0, 100))
    assert not p.mogelijk and p.frame.empty
    assert "Geen projectie" in p.reden and "buiten wat kan" in p.reden


def test_geen_projectie_met_minder_dan_drie_cijfers_en_reden() -> None:
    p = toets.projectie(pd.Series({2020: 10.0, 2023: 12.0}))
    assert not p.mogelijk
    assert "maar 2 cijfers" in p.reden and "minstens 3" in p.reden
    assert p.frame.empty


def test_projectie_op_exacte_lijn_zegt_dat_band_nul_toeval_is() -> None:
    p = toets.projectie(pd.Series({2020: 10.0, 2021: 12.0, 2022: 14.0}))
    assert p.mogelijk
    assert p.frame.set_index("jaar").loc[2029, "verwacht"] == pytest.approx(28.0)
    assert "toeval" in p.reden


def test_projectie_negeert_jaren_zonder_cijfer() -> None:
    df = reeks({H: {2020: 10.0, 2021: None, 2022: 14.0}})
    p = toets.projectie(df)
    assert not p.mogelijk and p.punten == 2


# ----------------------------------------------------------------------------- vergelijken


VOORBEELD = reeks({
    H: {2020: 50.0, 2024: 44.0},
    NL: {2020: 25.0, 2024: 24.0},
    A: {2020: 30.0, 2024: 28.0},
    B: {2020: 20.0, 2024: 19.0},
    C: {2020: 40.0},  # geen cijfer in 2024
})  # fmt: skip


def test_verandering_sinds_nulmeting() -> None:
    v = toets.verandering_sinds(VOORBEELD, H, 2020, 2024)
    assert (v.van, v.tot, v.verschil) == (50.0, 44.0, -6.0)
    leeg = toets.verandering_sinds(VOORBEELD, C, 2020, 2024)
    assert leeg.verschil is None and leeg.reden == "geen cijfer in 2024"


def test_verschil_in_verschillen_tegen_ongewogen_groepsgemiddelde() -> None:
    # Heerlen −6; groep: A −2, B −1 (C valt af) → −1,5; effect −6 − (−1,5) = −4,5
    d = toets.verschil_in_verschillen(VOORBEELD, H, [A, B, C], 2020, 2024)
    assert d.verandering_doel == -6.0
    assert d.verandering_groep == pytest.approx(-1.5)
    assert d.effect == pytest.approx(-4.5)
    assert d.groep_gebruikt == (A, B) and d.groep_zonder_cijfer == (C,)
    geen = toets.verschil_in_verschillen(VOORBEELD, H, [C], 2020, 2024)
    assert geen.effect is None and "geen vergelijkingsregio met cijfers in 2020 én 2024" in geen.reden


def test_kloof_sluit_en_jaren_tot_dicht() -> None:
    # kloof 50−25 = 25 → 44−24 = 20; tempo −5/4 = −1,25 per jaar → 20/1,25 = 16 jaar → 2040
    k = toets.kloof_tot_nl(VOORBEELD, H, 2020, 2024, "lager_is_beter")
    assert (k.kloof_van, k.kloof_tot, k.sluit) == (25.0, 20.0, True)
    d = toets.jaren_tot_kloof_dicht(k, "lager_is_beter")
    assert d.tempo == pytest.approx(-1.25)
    assert d.jaren == pytest.approx(16.0) and d.jaar == pytest.approx(2040.0)
    assert "16 jaar" in d.reden


def test_kloof_die_groeit_gaat_niet_dicht() -> None:
    df = reeks({H: {2020: 50.0, 2024: 44.0}, NL: {2020: 25.0, 2024: 18.0}})  # 25 → 26
    k = toets.kloof_tot_nl(df, H, 2020, 2024, "lager_is_beter")
    assert k.sluit is False
    d = toets.jaren_tot_kloof_dicht(k, "lager_is_beter")
    assert d.jaren is None and "niet kleiner" in d.reden


def test_kloof_bij_hoger_is_beter_en_al_dichte_kloof() -> None:
    # inkomen: −10.000 → −8.000; achterstand 10.000 → 8.000; tempo −500/jaar → 16 jaar
    df = reeks({H: {2020: 40_000.0, 2024: 45_000.0}, NL: {2020: 50_000.0, 2024: 53_000.0}})
    k = toets.kloof_tot_nl(df, H, 2020, 2024, "hoger_is_beter")
    assert k.sluit is True
    assert toets.jaren_tot_kloof_dicht(k, "hoger_is_beter").jaren == pytest.approx(16.0)
    beter = reeks({H: {2020: 30.0, 2024: 20.0}, NL: {2020: 25.0, 2024: 24.0}})
    kb = toets.kloof_tot_nl(beter, H, 2020, 2024, "lager_is_beter")
    d = toets.jaren_tot_kloof_dicht(kb, "lager_is_beter")
    assert d.jaren == 0 and "al dicht" in d.reden


def test_reden_uit_de_catalogus_midden_in_een_zin_krijgt_een_punt() -> None:
    """Regressie: de reden van een reeksbreuk eindigt op een punt; de zin eromheen gaf ".."."""
    echt = store.reeks(store.db_versie(), ("hh_laag_inkomen_pct",), (H,))
    _, afgevallen = toets.vergelijkbare_punten(echt, H)
    assert afgevallen.startswith("De cijfers over 2020, 2021 tellen niet mee: KWB 2023")
    assert afgevallen.endswith("een oorzaak noemt.") and ".." not in afgevallen
    kloof = toets.Kloof(2020, 2024, None, None, None, None, "niet vergelijkbaar: andere bron.")
    reden = toets.jaren_tot_kloof_dicht(kloof, "lager_is_beter").reden
    assert reden == "Niet te berekenen: niet vergelijkbaar: andere bron."


def test_kloof_zonder_cijfer_nederland_geeft_reden() -> None:
    df = reeks({H: {2020: 50.0, 2024: 44.0}, NL: {2020: 25.0}})
    k = toets.kloof_tot_nl(df, H, 2020, 2024, "lager_is_beter")
    assert k.sluit is None and "2024" in k.reden
    assert toets.jaren_tot_kloof_dicht(k, "lager_is_beter").jaren is None


def test_pretrend_helling_per_regio_tot_nulmeting() -> None:
    df = reeks({H: {2018: 60.0, 2019: 58.0, 2020: 56.0, 2024: 10.0}, A: {2020: 30.0}})
    p = toets.pretrend(df, [H, A], 2020).set_index("regio_code")
    assert p.loc[H, "helling"] == pytest.approx(-2.0)  # 2024 telt niet mee
    assert p.loc[H, "punten"] == 3
    assert (p.loc[H, "begin_trend"], p.loc[H, "eind_trend"]) == pytest.approx((60.0, 56.0))
    assert math.isnan(p.loc[A, "helling"])


# ----------------------------------------------------------------------------- kanttekeningen


def test_kanttekeningen_uit_de_cijfers() -> None:
    df = pd.DataFrame([
        {"regio_code": H, "regio_naam": "Heerlen", "jaar": 2015, "waarde": 4920, "status": "voorlopig", "bron_id": "83220NED"},
        {"regio_code": H, "regio_naam": "Heerlen", "jaar": 2020, "waarde": 4210, "status": "definitief", "bron_id": "84799NED"},
        {"regio_code": H, "regio_naam": "Heerlen", "jaar": 2022, "waarde": None, "status": "onbekend", "bron_id": "85318NED"},
        {"regio_code": B, "regio_naam": "Heemskerk", "jaar": 2015, "waarde": 90, "status": "definitief", "bron_id": "83220NED"},
        {"regio_code": B, "regio_naam": "Heemskerk", "jaar": 2020, "waarde": 84, "status": "definitief", "bron_id": "84799NED"},
    ])  # fmt: skip
    inwoners = reeks({H: {2015: 87500, 2020: 87086}, B: {2020: 19_000}})
    soorten = {k.soort: k.tekst for k in toets.kanttekeningen(df, "aantal", inwoners=inwoners,
                                                             ander_product="Laag inkomen NL")}
    teksten = [k.tekst for k in toets.kanttekeningen(df, "aantal", inwoners=inwoners)]
    assert soorten["voorlopig"] == "Heerlen: 2015 voorlopig; CBS kan dit cijfer nog aanpassen."
    # Regressie: de status stond er als "(bron: onbekend)", alsof de bron onbekend was.
    assert "Heerlen: geen cijfer in 2022 (CBS-status: onbekend)" in soorten["geen cijfer"]
    assert "2016-2019" in soorten["ontbrekend"]
    assert any("2015 → 2020: andere bron (83220NED → 84799NED) voor Heerlen, Heemskerk" in t
               for t in teksten)
    assert any("Heemskerk: minder dan 100 in 2015, 2020" in t for t in teksten)
    assert any("Heemskerk heeft minder dan 20.000 inwoners" in t for t in teksten)
    assert any("Heemskerk: geen inwonertal in 2015" in t for t in teksten)
    assert "'Laag inkomen NL' uit een ander CBS-product" in soorten["ander CBS-product"]


def test_bronwissel_noemt_tabelnummer_of_titel_nooit_een_interne_code() -> None:
    """Regressie: "(cbs-webpaginas → berekend-nl)" noemde interne codes."""
    df = pd.DataFrame([
        {"regio_code": NL, "regio_naam": "Nederland", "jaar": 2020, "waarde": 20.0,
         "status": "definitief", "bron_id": "cbs-webpaginas", "tabel_id": None,
         "bron_titel": "CBS-webpagina's"},
        {"regio_code": NL, "regio_naam": "Nederland", "jaar": 2024, "waarde": 22.6,
         "status": "berekend", "bron_id": "berekend-nl", "tabel_id": None,
         "bron_titel": "Berekend door de monitor"},
    ])  # fmt: skip
    wissel = [k.tekst for k in toets.kanttekeningen(df, "%") if k.soort == "bronwissel"]
    assert wissel[0].startswith("2020 → 2024: andere bron (CBS-webpagina's → Berekend door de "
                                "monitor) voor")
    assert "berekend-nl" not in wissel[0]


def test_kanttekeningen_groeperen_regios_met_dezelfde_tekst() -> None:
    df = reeks({H: {2022: None, 2023: 5.0}, A: {2022: None, 2023: 4.0}},
               status={H: {2022: "onbekend", 2023: "definitief"},
                       A: {2022: "onbekend", 2023: "definitief"}})
    geen = [k.tekst for k in toets.kanttekeningen(df, "%") if k.soort == "geen cijfer"]
    assert geen == ["GM0917, GM0362: geen cijfer in 2022 (CBS-status: onbekend)."]


def test_jaren_tekst_groepeert_reeksen() -> None:
    assert toets._jaren_tekst([2021, 2016, 2017, 2018]) == "2016-2018, 2021"


# ----------------------------------------------------------------------------- echte cijfers


def test_verschil_in_verschillen_bijstand_heerlen_op_snapshotcijfers() -> None:
    """Bijstand per 1.000 inwoners 2015 → 2024 (KWB), Heerlen tegen de drie vergelijkingsgemeenten.

    Heerlen 56,23 → 43,79 (−12,44); Amstelveen +1,47, Heemskerk −0,69, Maastricht −4,19
    (gemiddeld −1,14): Heerlen daalde 11,3 per 1.000 meer dan de groep.
    """
    v = store.db_versie()
    df = store.reeks(v, ("bijstand_per_1000",), (H, A, B, C, NL))
    d = toets.verschil_in_verschillen(df, H, [A, B, C], 2015, 2024)
    assert d.verandering_doel == pytest.approx(-12.44, abs=0.01)
    assert d.verandering_groep == pytest.approx(-1.14, abs=0.01)
    assert d.effect == pytest.approx(-11.30, abs=0.01)
    # Zonder het berekende Nederland (som van de gemeenten): toetst het geval zonder landelijk cijfer.
    tabellen = toets.doeltreffendheid_tabellen(df[df["bron_id"] != "berekend-nl"], doel=H,
                                               groep=[A, B, C], van_jaar=2015,
                                               tot_jaar=2024, richting="lager_is_beter",
                                               eenheid="per 1.000 inwoners")
    assert tabellen["kloof"]["reden"].iloc[0].startswith("geen cijfer voor de regio of Nederland")
    soorten = set(tabellen["kanttekeningen"]["soort"])
    assert {"voorlopig", "bronwissel", "geen cijfer"} <= soorten


def test_overzicht_doelen_met_echte_nulmeting() -> None:
    v = store.db_versie()
    ind = store.indicatoren(v)
    df = store.reeks(v, ("bijstand_per_1000",), (H,))
    doelen = pd.DataFrame([{"indicator_key": "bijstand_per_1000", "regio_code": H,
                            "nulmeting_jaar": 2024, "nulmeting_waarde": 43.79,
                            "streefwaarden": {2026: 42.0, 2029: 40.0}}])
    o = toets.overzicht_doelen(doelen, df, ind, vandaag=2026).iloc[0]
    assert o["laatste_jaar"] == 2024 and o["status"] == "nog niet meetbaar"
    assert o["meetbaar_vanaf"] == 2027  # bijstand: cijfer over 2026 verschijnt in 2027
    assert o["streef_2029"] == 40.0 and pd.isna(o["streef_2027"])


def test_geen_verschil_kloof_of_did_over_een_reeksbreuk_of_ander_product() -> None:
    rijen = pd.DataFrame([
        {"regio_code": H, "jaar": 2020, "waarde": 10.8, "indicator_key": "x", "bron_id": "a",
         "bron_soort": "statline"},
        {"regio_code": H, "jaar": 2023, "waarde": 4.5, "indicator_key": "x", "bron_id": "b",
         "bron_soort": "statline", "reeks": "nieuw", "reeks_reden": "nieuwe definitie"},
        {"regio_code": NL, "jaar": 2020, "waarde": 6.8, "indicator_key": "y", "bron_id": "c",
         "bron_soort": "statline", "ander_product": True},
        {"regio_code": NL, "jaar": 2023, "waarde": 3.6, "indicator_key": "y", "bron_id": "c",
         "bron_soort": "statline", "ander_product": True},
    ])
    v = toets.verandering_sinds(rijen, H, 2020, 2023)
    assert v.verschil is None and v.reden == "niet vergelijkbaar: nieuwe definitie"
    # Nederland zelf verandert binnen één product: dat mag.
    assert toets.verandering_sinds(rijen, NL, 2020, 2023).verschil == pytest.approx(-3.2)
    k = toets.kloof_tot_nl(rijen, H, 2020, 2020, "lager_is_beter")
    assert k.sluit is None and k.kloof_van is None and k.reden.startswith("niet vergelijkbaar")
    d = toets.verschil_in_verschillen(rijen, H, [NL], 2020, 2023)
    assert d.effect is None and "niet vergelijkbaar" in d.reden


def test_projectie_alleen_uit_de_reeks_van_het_laatste_cijfer() -> None:
    rijen = pd.DataFrame([
        {"regio_code": H, "jaar": j, "waarde": w, "indicator_key": "x", "bron_id": b,
         "bron_soort": "statline", "reeks": r, "reeks_reden": reden}
        for j, w, b, r, reden in [(2018, 50.0, "a", None, None), (2019, 49.0, "a", None, None),
                                  (2020, 30.0, "b", "nieuw", "nieuwe definitie"),
                                  (2021, 29.0, "b", "nieuw", "nieuwe definitie")]])
    p = toets.projectie(rijen, grenzen=(0, 100))
    assert not p.mogelijk and p.punten == 2
    assert "2018, 2019 tellen niet mee" in p.reden


def test_cijfers_index_geeft_hetzelfde_als_filteren_op_het_frame() -> None:
    # Dubbele rij 2021 voor H: de laatste rij mét cijfer telt (rij_in) en de laatste waarde
    # (punten); een rij zonder cijfer telt nergens mee, ook niet als hij de laatste is.
    df = pd.DataFrame({
        "regio_code": [H, H, H, NL, H, NL],
        "jaar": [2020, 2021, 2021, 2021, 2022, 2022],
        "waarde": [10.0, 11.0, 12.0, 8.0, None, 7.0],
        "bron_id": ["a", "a", "b", "a", "a", "a"],
    })
    c = toets.Cijfers(df)
    assert toets.rij_in(c, H, 2021)["bron_id"] == "b"
    assert toets.rij_in(df, H, 2021) == toets.rij_in(c, H, 2021)
    assert toets.rij_in(c, H, 2022) is None and toets.rij_in(c, "GM9999", 2020) is None
    assert toets.punten(c, H).to_dict() == {2020: 10.0, 2021: 12.0}
    pd.testing.assert_series_equal(toets.punten(c, NL), toets.punten(df, NL))
    assert toets.punten(c, "GM9999").empty
    assert toets.waarde_in(c, NL, 2022) == 7.0 and toets.waarde_in(c, H, 2022) is None
    assert toets.verandering_sinds(c, H, 2020, 2021) == toets.verandering_sinds(df, H, 2020, 2021)


def test_punten_zonder_regio_heeft_geen_regio_code_nodig() -> None:
    df = pd.DataFrame({"jaar": [2021, 2020, 2021], "waarde": [2.0, 1.0, None]})
    assert toets.punten(df).to_dict() == {2020: 1.0, 2021: 2.0}


def test_vergelijkingsgemeente_zonder_enige_rij_houdt_haar_naam(snapshot_database) -> None:
    """Regressie: de naam kwam uit de rijen van de reeks; een vergelijkingsgemeente zonder één
    cijfer voor de indicator (Amstelveen bij problematische schulden: alleen citaten voor
    Heerlen en Heemskerk) kreeg NaN als naam, en de veranderingsgrafiek brak op de NaN."""
    from monitor.beleid.grafieken import verandering_figuur

    v = store.db_versie()
    codes = ("GM0917", "NL01", "GM0362", "GM0396")
    r = store.reeks(v, ("problematische_schulden_hh_pct",), codes)
    assert "GM0362" not in set(r["regio_code"])  # echt geen enkele rij
    namen = {"GM0917": "Heerlen", "NL01": "Nederland", "GM0362": "Amstelveen",
             "GM0396": "Heemskerk"}
    t = toets.doeltreffendheid_tabellen(r, doel="GM0917", groep=["GM0362", "GM0396"],
                                        van_jaar=2015, tot_jaar=2020, richting="lager_is_beter",
                                        eenheid="%", regio_namen=namen)
    assert list(t["verandering"]["regio_naam"]) == ["Heerlen", "Nederland", "Amstelveen",
                                                    "Heemskerk"]
    assert list(t["pretrend"]["regio_naam"]) == ["Heerlen", "Nederland", "Amstelveen",
                                                 "Heemskerk"]
    # Nederland heeft 2015 en 2020; de drie gemeenten niet: die worden onder de grafiek genoemd.
    fig = verandering_figuur(t["verandering"], titel="Schulden", eenheid="%").to_dict()
    assert list(fig["data"][0]["y"]) == ["Nederland"]
    assert fig["layout"]["annotations"][0]["text"] == (
        "Geen cijfer in beide jaren: Heerlen, Amstelveen, Heemskerk")


def test_kanttekening_ontbrekend_noemt_geen_intern_woord() -> None:
    """"snapshot" zegt een wethouder niets; de kanttekening staat op Doeltreffendheid en in de export."""
    df = reeks({H: {2015: 50.0, 2020: 48.0}})
    tekst = next(k.tekst for k in toets.kanttekeningen(df, "per 1.000 inwoners")
                 if k.soort == "ontbrekend")
    assert tekst == ("Geen enkele regio heeft een cijfer in 2016-2019: de bronnen publiceren niet "
                     "elk jaar (of dat jaar is niet in de monitor geladen).")
