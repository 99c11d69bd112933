"""Pure logica achter de pagina's Beleidsmonitor en Doeltreffendheid, zonder Streamlit.

Echte snapshotcijfers waar dat kan (Heerlen bijstand per 1.000 inwoners: 2020 = 48,3,
2024 = 43,8; Nederland heeft daar alleen 2014), anders reeksen die je met de hand narekent.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from monitor import domein, store
from monitor.beleid import beleidsmonitor as bm
from monitor.beleid import doeltreffendheid as dh
from monitor.beleid import importeren, nulmeting, opslag, toets, validatie
from monitor.letterlijk import letterlijk

H, NL, A, B, C = "GM0917", "NL01", "GM0362", "GM0396", "GM0935"
PER = "per 1.000 inwoners"
MIN = "\u2212"  # fmt gebruikt het echte minteken


@pytest.fixture
def ind() -> pd.DataFrame:
    return store.indicatoren(store.db_versie())


@pytest.fixture
def heerlen(ind: pd.DataFrame) -> dict:
    """Wat de pagina Beleidsmonitor voor Heerlen ophaalt, met een lege beleidsopslag."""
    keys = bm.plan_keys(ind)
    reeks = store.reeks(store.db_versie(), bm.op_te_halen(keys, opslag.doelen(H)), (H,))
    doelen = opslag.doelen_met_voorstel(H, keys, reeks)
    overzicht = toets.overzicht_doelen(doelen, reeks, ind, 2026)
    return {"keys": keys, "reeks": reeks, "doelen": doelen, "overzicht": overzicht,
            "r": reeks[reeks["indicator_key"] == "bijstand_per_1000"],
            "doel": doelen.set_index("indicator_key").loc["bijstand_per_1000"].to_dict(),
            "rij": overzicht.set_index("indicator_key").loc["bijstand_per_1000"].to_dict()}


def reeks(data: dict[str, dict[int, float | None]]) -> pd.DataFrame:
    """{regio: {jaar: waarde}} → tidy frame zoals store.reeks."""
    rijen = [{"regio_code": code, "regio_naam": code, "jaar": j, "waarde": w, "status": None,
              "bron_id": None} for code, jaren in data.items() for j, w in jaren.items()]
    return pd.DataFrame(rijen)


# ----------------------------------------------------------------------------- beleidsmonitor


def test_kleine_hulpjes() -> None:
    assert bm.bestandsnaam("streefwaarden_GM0917", dt.date(2026, 3, 9)) == \
        "streefwaarden_GM0917_2026-03-09"
    assert bm.waarde_jaar(45700.0, 2024, "euro", "voorlopig") == "€\u00a045.700 (2024*)"
    assert bm.waarde_jaar(43.79, 2024.0, PER, float("nan")) == "43,8 (2024)"
    assert bm.waarde_jaar(float("nan"), 2024, PER) == "geen cijfer"
    assert bm.opsomming(["a", "b"]) == "- a\n- b"
    assert bm.gemeentelijke_streefwaarden({2026: 40.0, 2030: 3.8}) == {2026: 40.0}


def test_plan_keys_en_op_te_halen(ind: pd.DataFrame) -> None:
    keys = bm.plan_keys(ind)
    assert keys[0] == domein.PLANINDICATOREN[0]
    assert "bijstand_per_1000" in keys and "inwoners" not in keys
    vast = pd.DataFrame({"indicator_key": ["bijstand_per_1000", "ww_personen"]})
    assert bm.op_te_halen(["bijstand_per_1000", "ao_per_1000"], vast) == \
        ("bijstand_per_1000", "ao_per_1000", "ww_personen")
    assert bm.titels(ind)["bijstand_per_1000"] == "Personen met bijstand per 1.000 inwoners"


def test_overzicht_tabel_op_snapshot(heerlen: dict) -> None:
    herkomst = bm.nulmeting_herkomst(heerlen["doelen"])
    assert herkomst["bijstand_per_1000"] == "voorstel"  # lege beleidsopslag
    t = bm.overzicht_tabel(heerlen["overzicht"], herkomst).set_index("Indicator")
    rij = t.loc["Personen met bijstand per 1.000 inwoners"]
    # Regressie: de nulmeting (2024 is voorlopig) stond er zonder sterretje.
    assert rij["Nulmeting"] == "43,8 (2024*) · voorstel"
    assert rij["Laatste cijfer"] == "43,8 (2024*)"  # KWB 2024-uitkeringen zijn voorlopig
    assert rij["Meetbaar vanaf"] == "2027"
    assert list(rij[["2026", "2027", "2028", "2029"]]) == ["—"] * 4
    assert t.loc["Gemiddeld besteedbaar inkomen van huishoudens", "Laatste cijfer"] == \
        "€\u00a045.700 (2024*)"
    # zonder 'voorstel' geen markering
    assert bm.overzicht_tabel(heerlen["overzicht"], {}).loc[0, "Nulmeting"].endswith(")")


def test_kerngetallen_en_badge_op_snapshot(heerlen: dict) -> None:
    doel, rij = heerlen["doel"], heerlen["rij"]
    assert bm.heeft_nulmeting(doel)
    assert bm.nulmeting_punt(doel) == {"jaar": 2024, "waarde": pytest.approx(43.7909, abs=1e-3)}
    assert bm.status_badge(rij) == \
        ":gray-badge[geen streefwaarde] Er is nog geen streefwaarde vastgesteld."
    k = bm.kerngetallen(doel, rij, {}, PER, 1)
    assert [x.label for x in k] == ["Nulmeting", "Laatste cijfer", "Streefwaarde 2029",
                                    "Meetbaar vanaf"]
    assert [x.waarde for x in k] == ["43,8", "43,8", "—", "2027"]
    assert k[0].uitleg == "Het startpunt. Jaar 2024."
    assert k[1].uitleg == "Jaar 2024*."
    # Regressie: een laatste cijfer van vóór de nulmeting (landelijke schuldenambitie: 8,8% in
    # 2021, CBS-cijfer 7,6% over 2020) stond er zonder uitleg, als een daling sinds de nulmeting.
    ouder = bm.kerngetallen({"nulmeting_jaar": 2021, "nulmeting_waarde": 8.8},
                            {**rij, "laatste_jaar": 2020, "laatste_status": "definitief"},
                            {}, "%", 2)  # fmt: skip
    assert ouder[1].uitleg == ("Jaar 2020. Ouder dan de nulmeting (2021): er is nog geen cijfer "
                               "na de nulmeting, dus dit zegt niets over de voortgang.")
    assert k[2].uitleg == "Nog geen streefwaarde vastgesteld."
    met_doel = bm.kerngetallen(doel, rij, {2026: 42.0, 2028: 40.5}, PER, 1)
    assert (met_doel[2].label, met_doel[2].waarde, met_doel[2].uitleg) == \
        ("Streefwaarde 2028", "40,5", None)
    zonder = bm.kerngetallen({"nulmeting_jaar": None}, rij, {}, PER, 1)
    assert (zonder[0].waarde, zonder[0].uitleg) == ("geen cijfer", "Het startpunt. ")
    assert bm.nulmeting_punt({"nulmeting_jaar": float("nan")}) is None


def test_eerste_cijfer_en_nulmeting_uitleg(heerlen: dict) -> None:
    r, doel = heerlen["r"], heerlen["doel"]
    assert bm.eerste_cijfer_tekst(r, doel, "geen_streefwaarde", 1) == (
        "Het eerste cijfer na de nulmeting (over 2025) verschijnt op zijn vroegst in 2026.")
    assert bm.eerste_cijfer_tekst(r, doel, "nog_niet_meetbaar", 1) is None
    # nulmeting 2020: er zijn al cijfers na (2023, 2024), dus geen melding
    assert bm.eerste_cijfer_tekst(r, {**doel, "nulmeting_jaar": 2020}, "achter", 1) is None
    assert bm.nulmeting_uitleg(doel, None) == (
        "Nulmeting 2024: voorstel (laatste jaar vóór 2026); wordt vastgelegd bij de eerste "
        "streefwaarde.")
    afspraak = bm.nulmeting_uitleg({**doel, "nulmeting_herkomst": "afspraak"}, {"bron": "Nibud"})
    assert afspraak == "Nulmeting 2024: uit een afspraak, niet uit de CBS-cijfers (Nibud)."
    assert bm.nulmeting_uitleg({"nulmeting_jaar": None}, None) is None


def test_bronnen_en_trend_op_snapshot(heerlen: dict) -> None:
    tekst = bm.bronnen_tekst(heerlen["r"])
    assert tekst.startswith("Bron: Kerncijfers wijken en buurten 2015")
    assert "Kerncijfers wijken en buurten 2024 (2024)" in tekst
    # dezelfde woorden als onder elke lijngrafiek (monitor.charts)
    assert tekst.endswith(". Open punten en een * achter het jaar zijn voorlopige cijfers.")
    assert bm.bronnen_tekst(heerlen["r"].iloc[0:0]) == (
        "Bron: geen cijfers in de database. Open punten en een * achter het jaar zijn voorlopige "
        "cijfers.")
    proj = toets.projectie(heerlen["r"], grenzen=validatie.BEREIK.get(PER, (None, None)))
    assert proj.mogelijk
    trend = bm.trend_tekst(proj, PER)
    assert trend.startswith("**Trend naar 2029.** Als de trend doorloopt: ")
    assert "in 2029, met 95%-band" in trend and "(op basis van 4 cijfers)" in trend
    geen = toets.Projectie(mogelijk=False, reden="Te weinig cijfers.", methode="x", punten=1)
    assert bm.trend_tekst(geen, PER) == "**Trend naar 2029.** Te weinig cijfers\\."  # letterlijk


def test_landelijke_referentie_voor_schulden() -> None:
    nl = opslag.doelen(domein.NEDERLAND)  # landelijke ambitie 8,8% (2021) → 3,8% (2030)
    ref = bm.landelijke_referentie(nl, H)
    assert ref == {"naam": "Landelijke ambitie (referentie)", "nulmeting_jaar": 2021,
                   "nulmeting_waarde": 8.8, "doel_jaar": 2030, "doel_waarde": 3.8,
                   "bron": "Bestuurlijke afspraken basisdienstverlening schuldhulpverlening; "
                           "geciteerd in 'Beleidsplan armoede en schulden uitgelicht' "
                           "(Heemskerk), §2.2 Basisdienstverlening schuldhulpverlening"}
    assert bm.landelijke_referentie(nl, domein.NEDERLAND) is None  # NL is zelf de referentie
    tekst = bm.referentie_tekst(ref, "%")
    assert tekst.startswith("Landelijke ambitie: 8,8% in 2021 naar 3,8% in 2030. Bron: ")


def test_streefwaarden_tabel_en_toelichting() -> None:
    sw = pd.DataFrame({"jaar": [2026, 2027], "toelichting": ["eerste stap", None]})
    assert bm.toelichting(sw, 2026) == "eerste stap"
    assert bm.toelichting(sw, 2027) == ""
    assert bm.toelichting(sw, 2028) == ""
    oordeel = pd.DataFrame({"jaar": [2026, 2027], "streefwaarde": [42.0, 40.5],
                            "meetbaar_vanaf": [2027, 2028], "realisatie": [None, float("nan")],
                            "oordeel": ["nog niet meetbaar", "nog niet meetbaar"]})
    t = bm.streefwaarden_tabel(oordeel, sw, PER)
    assert t.to_dict("list") == {
        "Jaar": ["2026", "2027"], "Streefwaarde": ["42,0", "40,5"],
        "Meetbaar vanaf": ["2027", "2028"], "Realisatie": ["—", "—"],
        "Oordeel": ["nog niet meetbaar", "nog niet meetbaar"],
        "Toelichting": ["eerste stap", ""]}


def test_let_op_regels_op_snapshot(heerlen: dict) -> None:
    regels = bm.let_op_regels(toets.kanttekeningen(heerlen["r"], PER))
    # Markdown: de tekst (regionamen, bronnen uit de database) staat er letterlijk
    assert ("Let op (voorlopig): "
            + letterlijk("Heerlen: 2015, 2024 voorlopig; CBS kan dit cijfer nog aanpassen.")
            in regels)
    assert any(r.startswith("Let op (bronwissel): 2023 → 2024") for r in regels)
    assert not any("ontbrekend" in r for r in regels)  # die soort hoort niet bij één indicator


def test_nulmeting_kiezen_en_vastleggen(heerlen: dict) -> None:
    kand = bm.nulmeting_kandidaten(heerlen["r"])
    jaren = [int(j) for j in kand["jaar"]]
    assert jaren == [2015, 2020, 2023, 2024]  # 2022 heeft geen cijfer
    assert bm.nulmeting_labels(kand, PER) == {2015: "2015: 56,2", 2020: "2020: 48,3",
                                              2023: "2023: 44,5", 2024: "2024: 43,8"}
    assert bm.standaard_index(jaren, 2020) == 1
    assert bm.standaard_index(jaren, None) == 3  # anders het laatste jaar
    # het standaardjaar zonder vastgelegde nulmeting: niets vast te leggen
    assert bm.nieuwe_nulmeting(kand, None, 2024, "Jan") is None
    assert bm.nieuwe_nulmeting(kand, None, None, "Jan") is None
    assert bm.nieuwe_nulmeting(kand, {"jaar": 2020}, 2020, "Jan") is None  # ongewijzigd
    nieuw = bm.nieuwe_nulmeting(kand, None, 2020, "Jan")
    assert nieuw is not None
    assert (nieuw["jaar"], round(nieuw["waarde"], 1), nieuw["status"], nieuw["bron_id"],
            nieuw["toelichting"]) == (2020, 48.3, "definitief", "84799NED", "Gekozen door Jan.")
    # een vastgelegde nulmeting terugzetten naar het standaardjaar mag wel
    assert bm.nieuwe_nulmeting(kand, {"jaar": 2020}, 2024, "Jan")["jaar"] == 2024


def test_streef_invoer_en_terug() -> None:
    sw = pd.DataFrame({"jaar": [2027], "toelichting": ["tussenstap"]})
    tabel = bm.streef_invoer({2027: 41.5}, sw)
    assert list(tabel["Jaar"]) == [2026, 2027, 2028, 2029]
    assert str(tabel["Streefwaarde"].dtype) == "Float64"
    assert tabel["Streefwaarde"].isna().tolist() == [True, False, True, True]
    assert tabel["Toelichting"].isna().tolist() == [True, False, True, True]
    assert tabel.loc[1, "Toelichting"] == "tussenstap"
    waarden, teksten = bm.ingevoerd(tabel)
    assert waarden == {2026: None, 2027: 41.5, 2028: None, 2029: None}
    assert teksten == {2026: None, 2027: "tussenstap", 2028: None, 2029: None}


def test_ingelezen_tekst() -> None:
    res = importeren.ImportResultaat(gewijzigd=2, regels=9, genegeerde_kolommen=["x", "y"])
    assert bm.ingelezen_tekst(res) == \
        "CSV ingelezen: 9 regels, 2 wijziging(en). Genegeerde kolommen: x, y."
    assert bm.ingelezen_tekst(importeren.ImportResultaat(regels=1)) == \
        "CSV ingelezen: 1 regels, 0 wijziging(en)."


def test_opdrachten_tellers_en_tabel(ind: pd.DataFrame) -> None:
    ops = opslag.opdrachten()
    tellers = bm.status_tellers(ops)
    assert list(tellers) == list(opslag.OPDRACHT_STATUSSEN)
    assert tellers["nog niet ingevoerd"] == 19 and sum(tellers.values()) == 19
    ops.loc[0, "indicatoren"] = ["bijstand_per_1000", "onbekend"]
    t = bm.opdrachten_tabel(ops, bm.titels(ind))
    assert len(t) == 19 and list(t.columns)[:3] == ["Nr", "Status", "Opdracht"]
    assert t.loc[0, "Beweegt indicator(en)"] == "Personen met bijstand per 1.000 inwoners, onbekend"
    assert set(bm.OPDRACHT_KOLOMMEN) <= set(ops.columns)


# ----------------------------------------------------------------------------- doeltreffendheid


def test_indicatorkeuze_op_snapshot(ind: pd.DataFrame) -> None:
    kand = dh.kandidaten(ind)
    assert "bijstand_per_1000" in set(kand["key"])
    assert "bijstand_personen" not in set(kand["key"])  # aantal: niet te vergelijken
    assert (kand["richting"] != "neutraal").all()
    met = set(store.laatste(store.db_versie(), tuple(kand["key"]), (H,))["indicator_key"])
    volgorde = dh.indicator_volgorde(list(kand["key"]), met)
    plan = [k for k in domein.PLANINDICATOREN if k in met]
    assert volgorde[:len(plan)] == plan and len(volgorde) == len(set(volgorde))
    assert dh.standaard_indicator(volgorde) == "bijstand_per_1000"
    assert dh.standaard_indicator(["ao_per_1000"]) is None


def test_vergelijkingsgroep_en_kopzin() -> None:
    assert dh.vergelijkingsgroep([H, NL, A, B], H) == [A, B]
    namen = {H: "Heerlen", A: "Amstelveen"}
    assert dh.vergelijking_zin(namen, H, [A, B]) == \
        "**Heerlen** tegenover Nederland en Amstelveen, GM0396."
    assert dh.vergelijking_zin(namen, H, []) == ("**Heerlen** tegenover Nederland en geen "
                                                 "vergelijkingsgemeenten (kies ze in de zijbalk).")


def test_jaren_en_nulmeting_op_snapshot() -> None:
    eigen = store.reeks(store.db_versie(), ("bijstand_per_1000",), (H, NL))
    assert dh.jaren_met_cijfer(eigen, H) == [2015, 2020, 2023, 2024]  # 2022 zonder cijfer
    assert dh.jaren_met_cijfer(eigen, NL) == [2014, 2015, 2020, 2024]  # 2015-2024: som van de gemeenten
    nul = nulmeting.nulmeting_voorstel(eigen, H)
    assert dh.nulmeting_zin(nul, PER, False, 1) == (
        "Nulmeting: 2024* (43,8), voorstel: laatste jaar vóór 2026 (nog niet vastgelegd). "
        "Cijfers over een jaar verschijnen ongeveer 1 jaar later.")
    assert "vastgelegd in de beleidsmonitor." in dh.nulmeting_zin(nul, PER, True, 1)


def test_periode() -> None:
    jaren = [2015, 2020, 2023, 2024]
    assert dh.standaard_periode(jaren, 2020) == (2020, 2024, False)
    assert dh.standaard_periode(jaren, 2024) == (2015, 2024, True)  # terugblik
    assert dh.terugblik_tekst(2024, 1).startswith(
        "Er is nog geen cijfer na de nulmeting (2024). Het cijfer over 2025 verschijnt op zijn "
        "vroegst in 2026.")
    assert dh.van_opties(jaren) == [2015, 2020, 2023]
    assert dh.tot_opties(jaren, 2020) == [2023, 2024]
    assert dh.periode_soort(2015, 2024, 2024).startswith("Terugblik:")
    assert dh.periode_soort(2015, 2025, 2024).startswith("Let op: de periode begint vóór")
    assert dh.periode_soort(2024, 2025, 2024) == "Sinds de nulmeting (2024)."
    assert dh.periode_soort(2025, 2026, 2024) == "Periode na de nulmeting (2024)."


@pytest.fixture
def bijstand_2020_2024() -> dict[str, pd.DataFrame]:
    """Echte tabellen: Heerlen 48,3 → 43,8; groep A/B/C; Nederland zonder cijfer.

    De ETL berekent Nederland 2020 en 2024 als som van de gemeenten; die rijen gaan er hier uit,
    zodat deze tests het geval 'Nederland heeft geen cijfer' blijven toetsen.
    """
    v = store.db_versie()
    codes = (H, NL, A, B, C)
    reeks = store.reeks(v, ("bijstand_per_1000",), codes)
    return toets.doeltreffendheid_tabellen(
        reeks[reeks["bron_id"] != "berekend-nl"], doel=H, groep=[A, B, C], van_jaar=2020,
        tot_jaar=2024, richting="lager_is_beter", eenheid=PER,
        inwoners=store.reeks(v, ("inwoners",), codes), pretrend_tot=2024)


def test_verandering_op_snapshot(bijstand_2020_2024: dict) -> None:
    t = bijstand_2020_2024
    k = dh.verandering_kerngetallen(t, {H: "Heerlen"}, H, PER, ander=True)
    assert [x.label for x in k] == ["Heerlen", "Nederland (ander CBS-product)",
                                    "Gemiddelde vergelijkingsgemeenten"]
    # het verschil van de getoonde cijfers (onafgerond 43,79 − 48,34 = −4,55 gaf "−4,6")
    assert k[0].waarde == f"{MIN}4,5" and k[0].uitleg == "Van 48,3 naar 43,8."
    assert k[1].waarde == "geen cijfer" and k[1].uitleg == "Geen cijfer: geen cijfer in 2020 en 2024"
    # groep: het gemiddelde van de getoonde veranderingen (0,0 + 1,2 − 2,7) / 3 = −0,5
    assert k[2].waarde == f"{MIN}0,5"
    assert k[2].uitleg.endswith(": " + letterlijk("Amstelveen, Heemskerk, Maastricht"))
    tabel = dh.verandering_tabel(t["verandering"], 2020, 2024, PER).set_index("Regio")
    assert list(tabel.columns) == ["Rol", "2020", "2024", "Verandering"]
    assert tabel.loc["Heerlen", "2020"] == "48,3"
    # van de getoonde cijfers 21,4 → 22,6 (onafgerond 21,44 → 22,56 = +1,12 gaf "+1,1")
    assert tabel.loc["Heemskerk", "Verandering"] == "+1,2"
    assert tabel.loc["Nederland", "Verandering"] == "geen cijfer in 2020 en 2024"


def test_did_en_pretrend_op_snapshot(bijstand_2020_2024: dict) -> None:
    t = bijstand_2020_2024
    regels = dh.did_regels(t, "Heerlen", PER, "lager_is_beter")
    # in de getoonde cijfers: −4,5 − (−0,5) = −4,0 (onafgerond −4,55 − (−0,52) gaf "−4,6" en
    # "−0,5" met verschil "−4,0", niet na te rekenen). Heerlen daalde sterker: gunstig.
    assert regels[0] == (f"- Tegen de vergelijkingsgemeenten: Heerlen veranderde {MIN}4,5, de "
                         f"vergelijkingsgemeenten {MIN}0,5. Verschil: **{MIN}4,0** (gunstig voor "
                         "Heerlen).")
    assert regels[1].startswith("- Tegen Nederland: niet te berekenen (")
    assert dh.niet_meegeteld_tekst(t) is None  # alle drie hebben cijfers
    pre = t["pretrend"]
    tabel = dh.pretrend_tabel(pre, PER).set_index("Regio")
    assert tabel.loc["Heerlen", "Jaren"] == "2015-2024"
    assert tabel.loc["Heerlen", "Trend per jaar"] == f"{MIN}1,40"
    assert tabel.loc["Nederland", "Trend per jaar"] == "te weinig cijfers"  # alleen 2014
    assert dh.pretrend_zin(pre, H, "Heerlen", PER) == (
        f"Vóór de nulmeting veranderde Heerlen gemiddeld {MIN}1,40 per jaar, de "
        f"vergelijkingsgemeenten gemiddeld {MIN}0,14.")  # (0,15 − 0,10 − 0,46) / 3
    assert dh.te_weinig_voor_pretrend(pre)  # Nederland heeft één cijfer
    assert not dh.te_weinig_voor_pretrend(pre[pre["regio_code"] != NL])
    assert dh.pretrend_zin(pre[pre["regio_code"].isin([H, NL])], H, "Heerlen", PER) is None


def test_kloof_met_de_hand() -> None:
    # Heerlen 50 → 40, Nederland 30 → 28: kloof 20 → 12, krimpt 2 per jaar → dicht na 6 jaar
    r = reeks({H: {2020: 50.0, 2024: 40.0}, NL: {2020: 30.0, 2024: 28.0},
               A: {2020: 20.0, 2024: None}})
    t = toets.doeltreffendheid_tabellen(r, doel=H, groep=[A], van_jaar=2020, tot_jaar=2024,
                                        richting="lager_is_beter", eenheid="%")
    k = dh.kloof_kerngetallen(t, "%", "lager_is_beter")
    assert [(x.label, x.waarde) for x in k] == [
        ("Verschil met Nederland in 2020", "+20,0 procentpunt"),
        ("Verschil met Nederland in 2024", "+12,0 procentpunt"),
        ("Wordt de kloof kleiner?", "ja")]
    assert k[1].delta == f"{MIN}8,0 procentpunt"
    assert dh.kloof_onberekenbaar(t) is None
    assert dh.tempo_tekst(t).startswith("**Tempo.** ")
    assert dh.tempo_tekst(t).endswith(" Dat is rond 2030.")
    assert dh.niet_meegeteld_tekst(t) == \
        f"Zonder cijfer in beide jaren, dus niet meegeteld: {A}."


def test_kloof_niet_te_berekenen_op_snapshot(bijstand_2020_2024: dict) -> None:
    t = bijstand_2020_2024  # Nederland heeft geen cijfer in 2020 en 2024
    k = dh.kloof_kerngetallen(t, PER, "lager_is_beter")
    assert [x.waarde for x in k] == ["geen cijfer", "geen cijfer", "onbekend"]
    assert k[1].delta is None
    assert dh.kloof_onberekenbaar(t) == (
        "De kloof is niet te berekenen: geen cijfer voor de regio of Nederland in 2020 en 2024.")
    assert "Dat is rond" not in dh.tempo_tekst(t)


def test_context_kanttekeningen_en_export() -> None:
    ctx = pd.DataFrame({"naam": ["Programma X", "Wet Y"], "periode": ["2022-2030", None],
                        "regio": ["Heerlen", ""], "omschrijving": ["Doet iets.", None],
                        "bron": ["bron-x", "bron-y"]}, dtype=object)
    # Ingevoerde tekst letterlijk (leestekens geëscapet; zo getoond zien ze er hetzelfde uit).
    assert dh.context_markdown(ctx) == (
        "- **Programma X** (2022\\-2030, Heerlen): Doet iets\\.  \n  *Bron: bron\\-x*\n"
        "- **Wet Y**:   \n  *Bron: bron\\-y*")
    echt = dh.context_markdown(opslag.context_regels())
    assert r"- **Nationaal Programma Heerlen\-Noord \(NPHLN\)**" in echt
    kant = pd.DataFrame({"soort": ["voorlopig"], "tekst": ["2024 voorlopig."]})
    assert dh.kanttekeningen_markdown(kant) == "- **voorlopig**: 2024 voorlopig\\."
    blad = dict(dh.export_toelichting(
        titel="Bijstand", key="bijstand_per_1000", eenheid=PER, richting="lager_is_beter",
        namen={H: "Heerlen", A: "Amstelveen"}, doel=H, groep=[A], van=2020, tot=2024,
        soort="Sinds de nulmeting (2020).", nul_jaar=2020, nul_waarde=48.343, ander=False,
        ander_titel=None, versie="v1"))
    assert blad["Indicator"] == "Bijstand (bijstand_per_1000), eenheid per 1.000 inwoners, lager is beter"
    assert blad["Vergelijkingsgroep"] == "Amstelveen (GM0362)"
    assert blad["Periode"] == "2020 tot en met 2024. Sinds de nulmeting (2020)."
    assert blad["Nulmeting"] == "2020: 48,3"
    assert blad["Nederland"] == "eigen landelijke cijfers"
    assert blad["Methode pre-trend"].endswith("t/m 2020")
    assert blad["Cijfers"].startswith("database-versie v1;")


def test_context_zonder_omschrijving_uit_de_database_geeft_geen_fout():
    """DuckDB returns an empty description as NaN; the list must still render (was a crash)."""
    ctx = pd.DataFrame([{"naam": "Regio Deal", "periode": "2019-2022", "regio": None,
                         "omschrijving": float("nan"), "bron": "https://example.org"}])
    tekst = dh.context_markdown(ctx)
    assert tekst.startswith("- **Regio Deal** (2019\\-2022): ")
    # een bron die een gewoon adres is, is een link (monitor.letterlijk.letterlijk_met_links)
    assert "nan" not in tekst
    assert tekst.endswith("*Bron: [https\u200b\\:\\/\\/example\\.org](https://example.org)*")
