"""CBS rondt uitkeringen per gemeente af op tientallen: de monitor zegt wat dat met een cijfer doet.

Op echte snapshotcijfers. Ameland (GM0060) heeft eind 2024 volgens CBS 0 personen met bijstand:
echt 0 tot en met 4. Dat is 0,0 per 1.000 inwoners, maar echt 0 tot 4/3.839 × 1.000 = 1,04. De
monitor mag Ameland dan niet zonder meer "laagste" noemen. Heerlen (3.830, echt 3.825 tot 3.834)
heeft een smal bereik en krijgt geen opmerking.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd
import pytest

from etl.afronding import Bereik, bereik_verhouding, onder_en_boven
from etl.catalogus import laad_catalogus
from etl.validate import problemen
from monitor import store
from monitor.domein import AFRONDING_BREED, afronding_breed, afronding_naar_buiten
from monitor.verkennen import kaart, ranglijst
from tests.kaart_hulp import regio_codes
from tests.pages_hulp import geen_fouten, open_pagina, teksten

AMELAND, SCHIERMONNIKOOG, HEERLEN = "GM0060", "GM0088", "GM0917"


def _cijfer(db: Path, code: str, key: str, jaar: int = 2024) -> dict:
    with duckdb.connect(str(db), read_only=True) as con:
        rij = con.execute("""SELECT waarde, afronding_laag, afronding_hoog, status FROM cijfer
                             WHERE regio_code = ? AND indicator_key = ? AND jaar = ?""",
                          [code, key, jaar]).fetchone()
    return dict(zip(["waarde", "laag", "hoog", "status"], rij, strict=True))


# ----------------------------------------------------------------------------- catalogus
def test_afgerond_op_staat_precies_bij_de_aantallen_waarvan_cbs_zegt_dat_ze_afgerond_zijn():
    cat = laad_catalogus()
    afgerond = {i.key: i.afgerond_op for i in cat.indicator if i.afgerond_op}
    volgens_definitie = {i.key for i in cat.indicator if "CBS rondt af op tientallen" in i.definitie}
    assert afgerond == dict.fromkeys(volgens_definitie, 10)
    assert set(afgerond) == {"bijstand_personen", "ao_personen", "ww_personen", "aow_personen"}
    assert onder_en_boven(10) == (5, 4)  # 0 is echt 0 tot 4, 10 is echt 5 tot 14


def test_afgerond_op_bij_een_afgeleid_cijfer_weigert_de_catalogus():
    cat = laad_catalogus()
    data = cat.model_dump()
    per_1000 = next(i for i in data["indicator"] if i["key"] == "bijstand_per_1000")
    per_1000["afgerond_op"] = 10
    with pytest.raises(ValueError, match="afgerond_op hoort alleen bij een gepubliceerd aantal"):
        type(cat).model_validate(data)


# ----------------------------------------------------------------------------- ETL
def test_ameland_2024_bijstand_per_1000_heeft_bereik_0_tot_4_per_inwonertal(snapshot_database):
    aantal = _cijfer(snapshot_database, AMELAND, "bijstand_personen")
    inwoners = _cijfer(snapshot_database, AMELAND, "inwoners")["waarde"]
    per_1000 = _cijfer(snapshot_database, AMELAND, "bijstand_per_1000")
    assert (aantal["waarde"], aantal["laag"], aantal["hoog"]) == (0, 0, 4)  # nooit onder 0
    assert inwoners == 3839
    assert per_1000["waarde"] == 0 and per_1000["laag"] == 0
    assert per_1000["hoog"] == pytest.approx(4 / inwoners * 1000)  # 1,04
    assert afronding_breed(per_1000["waarde"], per_1000["laag"], per_1000["hoog"])


def test_schiermonnikoog_10_is_echt_5_tot_14(snapshot_database):
    inwoners = _cijfer(snapshot_database, SCHIERMONNIKOOG, "inwoners")["waarde"]
    per_1000 = _cijfer(snapshot_database, SCHIERMONNIKOOG, "bijstand_per_1000")
    een_op_n = _cijfer(snapshot_database, SCHIERMONNIKOOG, "bijstand_1_op_n")
    assert _cijfer(snapshot_database, SCHIERMONNIKOOG, "bijstand_personen")["waarde"] == 10
    assert (per_1000["laag"], per_1000["hoog"]) == pytest.approx((5 / inwoners * 1000, 14 / inwoners * 1000))
    # 1 op de N: de grootste N hoort bij het kleinste aantal
    assert (een_op_n["laag"], een_op_n["hoog"]) == pytest.approx((inwoners / 14, inwoners / 5))


def test_heerlen_heeft_een_smal_bereik(snapshot_database):
    inwoners = _cijfer(snapshot_database, HEERLEN, "inwoners")["waarde"]
    aantal = _cijfer(snapshot_database, HEERLEN, "bijstand_personen")["waarde"]
    per_1000 = _cijfer(snapshot_database, HEERLEN, "bijstand_per_1000")
    assert aantal == 3830
    assert (per_1000["laag"], per_1000["hoog"]) == pytest.approx(
        (3825 / inwoners * 1000, 3834 / inwoners * 1000))
    breedte = (per_1000["hoog"] - per_1000["laag"]) / per_1000["waarde"]
    assert breedte < 0.01 < AFRONDING_BREED
    assert not afronding_breed(per_1000["waarde"], per_1000["laag"], per_1000["hoog"])


def test_een_op_n_bij_een_afgeronde_0_heeft_geen_bovengrens(snapshot_database):
    """Ameland: 0 (echt 0 tot 4) personen met bijstand. 1 op de N is dan geen cijfer, maar wel
    minstens 1 op de 3.839 / 4; een bovengrens is er niet (0 personen = nooit)."""
    inwoners = _cijfer(snapshot_database, AMELAND, "inwoners")["waarde"]
    een_op_n = _cijfer(snapshot_database, AMELAND, "bijstand_1_op_n")
    assert een_op_n["waarde"] is None and een_op_n["status"] == "onbekend"
    assert een_op_n["laag"] == pytest.approx(inwoners / 4)
    assert een_op_n["hoog"] is None  # onbegrensd
    rij = {"waarde": None, "afronding_laag": een_op_n["laag"], "afronding_hoog": None}
    assert ranglijst.bereik_tekst(rij, "1 op de N inwoners") == "tussen 1 op de 959 en onbegrensd"
    assert bereik_verhouding(1, Bereik(3839), Bereik(0, 0, 4)) == (pytest.approx(959.75), None)


def test_niet_afgeronde_cijfers_hebben_geen_bereik(snapshot_database):
    with duckdb.connect(str(snapshot_database), read_only=True) as con:
        met_bereik = {r[0] for r in con.execute(
            "SELECT DISTINCT indicator_key FROM waarneming WHERE afronding_laag IS NOT NULL").fetchall()}
    assert met_bereik == {"bijstand_personen", "ao_personen", "ww_personen", "aow_personen",
                          "bijstand_per_1000", "ao_per_1000", "bijstand_1_op_n", "ao_1_op_n"}


def test_bereik_in_sql_is_hetzelfde_als_in_python(snapshot_database):
    """AFGELEID_SQL (alle gemeenten) en bereik_verhouding (Nederland) rekenen dezelfde regel."""
    with duckdb.connect(str(snapshot_database), read_only=True) as con:
        rijen = con.execute("""
            SELECT p.waarde, p.afronding_laag, p.afronding_hoog, i.waarde, a.afronding_laag,
                   a.afronding_hoog, a.waarde
            FROM cijfer p JOIN cijfer a ON a.regio_code = p.regio_code AND a.jaar = p.jaar
            JOIN cijfer i ON i.regio_code = p.regio_code AND i.jaar = p.jaar
            WHERE p.indicator_key = 'ao_per_1000' AND a.indicator_key = 'ao_personen'
              AND i.indicator_key = 'inwoners' AND p.bron_id <> 'berekend-nl'""").fetchall()
    assert len(rijen) > 1000
    for _, laag, hoog, inw, a_laag, a_hoog, a in rijen:
        assert (laag, hoog) == pytest.approx(
            bereik_verhouding(1000, Bereik(a, a_laag, a_hoog), Bereik(inw)))


def test_nederland_als_som_draagt_de_afronding_van_alle_gemeenten(snapshot_database):
    """Som van 342 afgeronde aantallen: -5 per gemeente (niet onder 0) tot +4 per gemeente."""
    with duckdb.connect(str(snapshot_database), read_only=True) as con:
        gemeenten = con.execute("""
            SELECT w.waarde FROM waarneming w JOIN regio r ON r.code = w.regio_code
            WHERE r.soort = 'gemeente' AND w.indicator_key = 'bijstand_personen' AND w.jaar = 2024
              AND w.bron_id = '85984NED'""").df()["waarde"]
        inwoners = con.execute("""SELECT waarde FROM cijfer WHERE regio_code = 'NL01'
                                  AND indicator_key = 'inwoners' AND jaar = 2024""").fetchone()[0]
    assert len(gemeenten) == 342
    nl = _cijfer(snapshot_database, "NL01", "bijstand_personen")
    assert nl["status"] == "berekend" and nl["waarde"] == gemeenten.sum()
    assert nl["laag"] == (gemeenten - 5).clip(lower=0).sum()
    assert nl["hoog"] == (gemeenten + 4).sum() == nl["waarde"] + 4 * 342
    per_1000 = _cijfer(snapshot_database, "NL01", "bijstand_per_1000")
    assert (per_1000["laag"], per_1000["hoog"]) == pytest.approx(
        (1000 * nl["laag"] / inwoners, 1000 * nl["hoog"] / inwoners))
    assert not afronding_breed(per_1000["waarde"], per_1000["laag"], per_1000["hoog"])


def test_een_niet_afgerond_aantal_keurt_de_build_af(snapshot_database, tmp_path: Path):
    """Het bereik klopt alleen als CBS echt op tientallen afrondt: 3.831 is een fout in de data
    (of een verkeerd gelezen duizendtalpunt), geen cijfer om een bereik bij te zetten."""
    kopie = tmp_path / "kopie.duckdb"
    kopie.write_bytes(snapshot_database.read_bytes())
    with duckdb.connect(str(kopie)) as con:
        assert not problemen(con)
        con.execute("UPDATE waarneming SET waarde = 3831 WHERE regio_code = 'GM0917' "
                    "AND indicator_key = 'bijstand_personen' AND jaar = 2024")
        gevonden = " | ".join(problemen(con))
    assert "geen veelvoud" in gevonden and "GM0917" in gevonden


def test_store_geeft_het_bereik_door(snapshot_database):
    frame = store.reeks(store.db_versie(), ("bijstand_per_1000",), (AMELAND, HEERLEN))
    ameland = frame[(frame["regio_code"] == AMELAND) & (frame["jaar"] == 2024)].iloc[0]
    assert ameland["afronding_laag"] == 0 and ameland["afronding_hoog"] == pytest.approx(4000 / 3839)
    kaart_ = store.kaartcijfers(store.db_versie(), "bijstand_1_op_n", 2024)
    ameland = kaart_[kaart_["regio_code"] == AMELAND].iloc[0]
    assert pd.isna(ameland["waarde"]) and pd.isna(ameland["afronding_hoog"])
    assert ameland["afronding_laag"] == pytest.approx(3839 / 4)


# ----------------------------------------------------------------------------- regel en tekst
def test_regel_voor_een_breed_bereik():
    assert afronding_breed(0.0, 0.0, 1.04)  # nul: relatief onbeperkt
    assert afronding_breed(10.29, 5.14, 14.40)  # Schiermonnikoog
    assert afronding_breed(None, 959.75, None) is False  # geen cijfer: niets te rangschikken
    assert afronding_breed(959.75, 959.75, None)  # onbegrensd
    assert not afronding_breed(43.79, 43.73, 43.84)  # Heerlen
    assert not afronding_breed(43.79, None, None)  # niet afgerond
    # 40 personen (bereik 35-44, 9/40 = 22,5%) is breed, 50 (45-54, 18%) niet
    assert afronding_breed(40, 35, 44) and not afronding_breed(50, 45, 54)


def test_grenzen_worden_naar_buiten_afgerond():
    assert afronding_naar_buiten(0.0, 4000 / 3839, 1) == (0.0, 1.1)  # niet 1,0: dan te smal
    assert afronding_naar_buiten(972 / 14, 972 / 5, 0) == (69.0, 195.0)
    assert afronding_naar_buiten(959.75, None, 0) == (959.0, None)


def test_tekst_bij_een_onzeker_cijfer_en_niet_bij_een_zeker():
    ameland = {"waarde": 0.0, "afronding_laag": 0.0, "afronding_hoog": 4000 / 3839}
    heerlen = {"waarde": 43.79, "afronding_laag": 43.73, "afronding_hoog": 43.84}
    eenheid = "per 1.000 inwoners"
    assert ranglijst.met_afronding("0,0", ameland, eenheid) == "0,0 (door afronding van CBS tussen 0,0 en 1,1)"
    assert ranglijst.met_afronding("43,8", heerlen, eenheid) == "43,8"


# ----------------------------------------------------------------------------- ranglijst en kaart
@pytest.fixture
def bijstand_2024() -> pd.DataFrame:
    return store.kaartcijfers(store.db_versie(), "bijstand_per_1000", 2024)


def test_plaatsbereik_is_de_plaats_zonder_afronding_en_anders_een_bereik(bijstand_2024):
    met = bijstand_2024.dropna(subset=["waarde"])
    zonder = met.drop(columns=["afronding_laag", "afronding_hoog"])
    bereik = ranglijst.plaatsbereik(zonder, "lager_is_beter")
    plaats = ranglijst.plaatsen(zonder, "lager_is_beter")
    assert (bereik["beste"] == plaats).all() and (bereik["slechtste"] == plaats).all()
    bereik = ranglijst.plaatsbereik(met, "lager_is_beter")
    assert tuple(bereik.loc[AMELAND]) == (1, 1)  # 0 tot 1,04: ook dan de laagste
    rozendaal = bereik.loc["GM0277"]  # 5,5 (echt 2,7 tot 7,7)
    assert rozendaal["beste"] == 2 and rozendaal["slechtste"] > 10


def test_hover_op_de_kaart_noemt_het_bereik_van_ameland(bijstand_2024, snapshot_database):
    fig = kaart.kaartfiguur(bijstand_2024, [HEERLEN], "lager_is_beter", "Bijstand",
                            eenheid="per 1.000 inwoners", jaar=2024,
                            regio_codes=regio_codes(snapshot_database))
    met = next(t for t in fig.data if t.name == "met cijfer")
    per_code = dict(zip(met.locations, met.customdata, strict=True))
    assert per_code[AMELAND][1] == "0,0 (door afronding van CBS tussen 0,0 en 1,1)"
    assert per_code[AMELAND][4] == "Plaats 1 van 342, ook met de afronding van CBS"
    assert per_code[SCHIERMONNIKOOG][1] == "10,3 (door afronding van CBS tussen 5,1 en 14,5)"
    assert "door afronding van CBS ergens van plaats" in per_code[SCHIERMONNIKOOG][4]
    assert per_code[HEERLEN][1] == "43,8" and "afronding" not in per_code[HEERLEN][4]


def test_hover_zonder_cijfer_noemt_de_ondergrens_van_1_op_n(snapshot_database):
    frame = store.kaartcijfers(store.db_versie(), "bijstand_1_op_n", 2024)
    fig = kaart.kaartfiguur(frame, [HEERLEN], "hoger_is_beter", "1 op de N",
                            eenheid="1 op de N inwoners", jaar=2024)
    grijs = next(t for t in fig.data if t.name == "geen cijfer")
    ameland = dict(zip(grijs.locations, grijs.customdata, strict=True))[AMELAND]
    assert ameland[1] == "geen cijfer"
    assert ameland[3] == "onbekend; door afronding van CBS tussen 1 op de 959 en onbegrensd"


def test_kaarttekst_noemt_ameland_niet_zonder_meer_laagste(bijstand_2024):
    tekst = kaart.kaart_tekst(bijstand_2024, HEERLEN, "lager_is_beter", indicator_titel="Bijstand",
                              eenheid="per 1.000 inwoners", jaar=2024)
    assert "laagste Ameland 0,0," not in tekst
    assert ("laagste Ameland 0,0 (door afronding van CBS tussen 0,0 en 1,1, ook dan de laagste)"
            in tekst)
    assert "Heerlen 43,8, plaats" in tekst and "hoogste Rotterdam 50,1." in tekst
    # 2020: Ameland 2,7 (echt 1,3 tot 3,8) kan door de afronding boven Terschelling uitkomen
    tekst = kaart.kaart_tekst(store.kaartcijfers(store.db_versie(), "bijstand_per_1000", 2020),
                              HEERLEN, "lager_is_beter", indicator_titel="Bijstand",
                              eenheid="per 1.000 inwoners", jaar=2020)
    assert "laagste Ameland 2,7 (door afronding van CBS tussen 1,3 en 3,8, dus niet zeker de laagste)" in tekst


def test_ranglijst_zegt_welke_gemeenten_door_afronding_onzeker_zijn(bijstand_2024):
    telling = {"met_cijfer": 342, "zonder_cijfer": 0, "gemeenten": 342}
    tekst = ranglijst.uitleg_en_telling("lager_is_beter", "Bijstand per 1.000", telling, 2024,
                                        bijstand_2024, "per 1.000 inwoners")
    assert tekst.startswith("Plaats 1 is de gemeente met het laagste cijfer")
    assert "Bij 6 gemeenten is het cijfer daardoor onzeker" in tekst
    assert "Ameland 0,0 (tussen 0,0 en 1,1; plaats 1)" in tekst
    zin = ranglijst.afronding_bij_plaats(bijstand_2024, AMELAND, "lager_is_beter", "per 1.000 inwoners")
    assert zin == ("Het cijfer van Ameland is 0,0, maar CBS rondt de aantallen af op tientallen: het "
                   "echte cijfer ligt tussen 0,0 en 1,1, en ook dan is het plaats 1.")
    assert ranglijst.afronding_bij_plaats(bijstand_2024, HEERLEN, "lager_is_beter",
                                          "per 1.000 inwoners") is None


def test_vergelijken_met_ameland_voorop_noemt_de_afronding():
    at = open_pagina("paginas/vergelijken.py", regio=[AMELAND, HEERLEN])
    geen_fouten(at)
    assert at.subheader[0].value == "Ameland staat op plaats 1 van 342 gemeenten met een cijfer voor 2024."
    tekst = teksten(at)
    assert "het echte cijfer ligt tussen 0,0 en 1,1, en ook dan is het plaats 1" in tekst
    assert "Ameland 0,0 (tussen 0,0 en 1,1; plaats 1)" in tekst  # de uitleg onder de kop
    assert ("Door afronding van CBS onzeker (CBS rondt de aantallen af op tientallen): "
            "Ameland 0,0 (echt tussen 0,0 en 1,1).") in tekst  # bij de tabel
    assert "laagste Ameland 0,0 (door afronding van CBS tussen 0,0 en 1,1, ook dan de laagste)" in tekst
