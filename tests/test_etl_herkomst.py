"""Issue 9, ETL side: honest status and provenance, derived Nederland, series breaks as data.

All on the database built from the shipped snapshot.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd
import pytest

from etl.catalogus import laad_catalogus
from etl.statline import lees_odata_csv
from etl.config import DATA_DIR


def sql(db: Path, query: str, params: list | None = None) -> pd.DataFrame:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(query, params or []).df()


# ----------------------------------------------------------------------------- status
UITKERINGEN = ("bijstand_personen", "ao_personen", "ww_personen", "aow_personen",
               "bijstand_per_1000", "ao_per_1000", "bijstand_1_op_n", "ao_1_op_n")


def test_geen_kwb_2024_uitkering_is_definitief(snapshot_database: Path):
    """The shipped DataProperties of 85984NED say 'Het betreft voorlopige cijfers'."""
    rijen = sql(snapshot_database, """
        SELECT indicator_key, status, count(*) AS n FROM waarneming
        WHERE bron_id = '85984NED' AND list_contains(?, indicator_key) GROUP BY ALL""",
                [list(UITKERINGEN)])
    assert set(rijen["indicator_key"]) == set(UITKERINGEN)
    assert "definitief" not in set(rijen["status"])
    assert set(rijen["status"]) <= {"voorlopig", "onbekend"}
    # Inhabitants and households of the same table are not preliminary.
    assert set(sql(snapshot_database, """SELECT DISTINCT status FROM waarneming WHERE bron_id = '85984NED'
        AND indicator_key IN ('inwoners', 'huishoudens')""")["status"]) == {"definitief"}


def test_offline_lezer_gebruikt_de_meegeleverde_metadata():
    """Without the DataProperties a CSV cannot know; with them it reads 'voorlopig' per topic."""
    bron = next(b for b in laad_catalogus().bron if b.id == "85984NED")
    pad = DATA_DIR / bron.bestand
    zonder = lees_odata_csv(pad, bron)
    met = lees_odata_csv(pad, bron, DATA_DIR / "snapshot/statline/85984NED/DataProperties.json")
    assert zonder.status_per_indicator == {}
    assert met.status_per_indicator["bijstand_personen"] == "voorlopig"
    assert "inwoners" not in met.status_per_indicator


def test_geciteerde_schuldcijfers_heten_geciteerd_en_nooit_definitief(snapshot_database: Path):
    rijen = sql(snapshot_database, """
        SELECT w.regio_code, w.jaar, w.waarde, w.status, b.soort, b.titel FROM waarneming w
        JOIN bron b USING (bron_id) WHERE w.indicator_key LIKE 'problematische_schulden%'""")
    assert not rijen.empty
    assert "definitief" not in set(rijen["status"])
    for titel in rijen["titel"]:
        assert "dashboard" not in titel.casefold() or "geciteerd" in titel.casefold()
    assert set(rijen["soort"]) == {"geciteerd"} and set(rijen["status"]) == {"geciteerd"}
    heerlen = rijen[rijen["regio_code"] == "GM0917"]
    assert heerlen["waarde"].tolist() == [13.0]
    assert "De Orkaan" in heerlen["titel"].iloc[0] and "Schuldenproblematiek" in heerlen["titel"].iloc[0]


def test_heemskerk_schuldcijfer_wordt_een_keer_geladen(snapshot_database: Path):
    rijen = sql(snapshot_database, """SELECT bron_id, waarde FROM waarneming WHERE regio_code = 'GM0396'
        AND indicator_key = 'problematische_schulden_hh_pct' AND jaar = 2023""")
    assert rijen.values.tolist() == [["schulden-dashboard", 7.1]]
    reden = sql(snapshot_database, """SELECT reden FROM niet_geladen WHERE bron_id = 'beleidsdocumenten'
        AND indicator_key = 'problematische_schulden_hh_pct' AND inhoud LIKE 'Heemskerk%'""")["reden"]
    assert len(reden) == 1 and "één keer" in reden.iloc[0]


def test_beleidsplannen_zijn_geciteerd_of_begroot(snapshot_database: Path):
    rijen = sql(snapshot_database, """SELECT indicator_key, status, bron_kolom FROM waarneming
        WHERE bron_id = 'beleidsdocumenten'""")
    assert set(rijen["status"]) == {"geciteerd", "begroot"}
    begroot = set(rijen.loc[rijen["status"] == "begroot", "indicator_key"])
    assert {"subsidie_kinderarmoede_eur", "subsidie_inkomenszekerheid_eur"} <= begroot
    # The realised Maastricht budget is quoted from the plan, not budgeted.
    assert rijen.loc[rijen["indicator_key"] == "armoedebudget_eur", "status"].tolist() == ["geciteerd"]
    assert rijen["bron_kolom"].str.contains("oorspronkelijke bron").all()
    soort = sql(snapshot_database, "SELECT soort FROM bron WHERE bron_id = 'beleidsdocumenten'")
    assert soort["soort"].tolist() == ["geciteerd"]


@pytest.mark.parametrize("bron_id", ["schulden-dashboard", "beleidsdocumenten"])
def test_geciteerde_bron_noemt_oorspronkelijke_bron_in_titel(snapshot_database: Path, bron_id: str):
    titel = sql(snapshot_database, "SELECT titel FROM bron WHERE bron_id = ?", [bron_id])["titel"].iloc[0]
    assert "geciteerd" in titel.casefold()


# ----------------------------------------------------------------------------- derived Nederland
def test_berekend_nederland_bijstand_per_1000_2024_is_verhouding_van_de_sommen(snapshot_database: Path):
    som = sql(snapshot_database, """
        SELECT sum(b.waarde) AS bijstand, sum(i.waarde) AS inwoners, count(*) AS n
        FROM waarneming b JOIN waarneming i ON i.regio_code = b.regio_code AND i.jaar = b.jaar
        WHERE b.bron_id = '85984NED' AND i.bron_id = '85984NED' AND b.jaar = 2024
          AND b.indicator_key = 'bijstand_personen' AND i.indicator_key = 'inwoners'
          AND b.regio_code LIKE 'GM%'""").iloc[0]
    assert som["n"] == 342
    nl = sql(snapshot_database, """SELECT waarde, status, bron_id, bron_kolom, afgeleid_uit FROM cijfer
        WHERE regio_code = 'NL01' AND indicator_key = 'bijstand_per_1000' AND jaar = 2024""").iloc[0]
    assert nl["waarde"] == pytest.approx(1000 * som["bijstand"] / som["inwoners"], rel=1e-12)
    assert (nl["status"], nl["bron_id"]) == ("berekend", "berekend-nl")
    assert "342 gemeenten" in nl["bron_kolom"] and "85984NED" in nl["bron_kolom"]
    # 2024 is voorlopig bij CBS: de som zegt dat, want de status van een berekend cijfer is
    # "berekend" (regressie: het landelijke cijfer stond er als definitief, zonder kanttekening).
    assert nl["afgeleid_uit"] == "som van 342 gemeenten, uit voorlopige cijfers"
    bron = sql(snapshot_database, "SELECT soort, titel FROM bron WHERE bron_id = 'berekend-nl'").iloc[0]
    assert bron["soort"] == "berekend" and bron["titel"].startswith("Berekend door de monitor")


def test_berekend_inwonertal_2020_is_gelijk_aan_het_gepubliceerde(snapshot_database: Path):
    rijen = sql(snapshot_database, """SELECT bron_id, waarde FROM waarneming WHERE regio_code = 'NL01'
        AND indicator_key = 'inwoners' AND jaar = 2020 ORDER BY bron_id""")
    waarden = dict(zip(rijen["bron_id"], rijen["waarde"], strict=True))
    assert waarden["berekend-nl"] == waarden["cbs-webpaginas"] == 17_407_585
    # The published figure wins.
    getoond = sql(snapshot_database, """SELECT bron_id FROM cijfer WHERE regio_code = 'NL01'
        AND indicator_key = 'inwoners' AND jaar = 2020""")["bron_id"].tolist()
    assert getoond == ["cbs-webpaginas"]


def test_berekend_nederland_uit_definitieve_cijfers_heeft_geen_kanttekening(snapshot_database: Path):
    rij = sql(snapshot_database, """SELECT b.uit_voorlopig, c.afgeleid_uit FROM berekening b
        JOIN cijfer c USING (regio_code, indicator_key, jaar, bron_id)
        WHERE b.indicator_key = 'bijstand_per_1000' AND b.jaar = 2020""").iloc[0]
    assert not rij["uit_voorlopig"] and rij["afgeleid_uit"] == "som van 355 gemeenten"  # 2020


def test_berekend_inwonertal_gelijk_aan_elk_gepubliceerd_landelijk_cijfer(snapshot_database: Path):
    """Wherever CBS publishes Nederland, the sum over gemeenten agrees exactly (inhabitants)."""
    paren = sql(snapshot_database, """
        SELECT p.jaar, p.bron_id, p.waarde AS gepubliceerd, b.waarde AS berekend FROM waarneming p
        JOIN waarneming b ON b.jaar = p.jaar AND b.regio_code = p.regio_code
             AND b.indicator_key = p.indicator_key AND b.bron_id = 'berekend-nl'
        WHERE p.regio_code = 'NL01' AND p.indicator_key = 'inwoners' AND p.bron_id <> 'berekend-nl'
        ORDER BY p.jaar""")
    # 2014: the KWB 2014 Nederland row says 16.829.290, the 70072ned gemeenten sum to 16.829.289
    # (SOURCES.md §10 reports this difference of 1); every other year agrees exactly.
    assert paren.loc[paren["jaar"] == 2014, ["gepubliceerd", "berekend"]].values.tolist() == [
        [16_829_290, 16_829_289]]
    paren = paren[paren["jaar"] != 2014]
    assert len(paren) >= 4
    assert (paren["gepubliceerd"] == paren["berekend"]).all(), paren


def test_nooit_berekend_als_een_gemeente_ontbreekt(snapshot_database: Path):
    """KWB 2023 holds 10 gemeenten, KWB 2022 only '.': no Nederland for their benefits."""
    rijen = sql(snapshot_database, """SELECT jaar FROM waarneming WHERE bron_id = 'berekend-nl'
        AND indicator_key = 'bijstand_personen' ORDER BY jaar""")
    assert rijen["jaar"].tolist() == [2015, 2020, 2024]
    # Every derived figure names as many gemeenten as existed that year.
    tellingen = sql(snapshot_database, """
        SELECT b.jaar, b.gemeenten, (SELECT count(*) FROM cijfer c JOIN regio r ON r.code = c.regio_code
            WHERE r.soort = 'gemeente' AND c.jaar = b.jaar AND c.indicator_key = 'inwoners'
            AND c.waarde IS NOT NULL) AS bestaand FROM berekening b""")
    assert (tellingen["gemeenten"] == tellingen["bestaand"]).all()


def test_store_reeks_heeft_reeks_en_afgeleid_uit():
    from monitor import store
    versie = store.db_versie()
    frame = store.reeks(versie, ("bijstand_per_1000", "hh_laag_inkomen_pct"), ("GM0917", "NL01"))
    assert {"reeks", "reeks_reden", "afgeleid_uit"} <= set(frame.columns)
    nl = frame[(frame["regio_code"] == "NL01") & (frame["jaar"] == 2024)
               & (frame["indicator_key"] == "bijstand_per_1000")].iloc[0]
    assert nl["afgeleid_uit"] == "som van 342 gemeenten, uit voorlopige cijfers"
    assert nl["reeks"] == "cbs"
    heerlen = frame[(frame["regio_code"] == "GM0917") & (frame["indicator_key"] == "bijstand_per_1000")]
    assert heerlen["afgeleid_uit"].isna().all()


def test_store_reeks_en_laatste_filteren_als_een_in_lijst():
    # Eén, meer, dubbele, onbekende en geen codes: de join met een VALUES-lijst (meer codes) en
    # het gelijkheidsfilter (één code) geven precies wat een IN-filter op de hele tabel geeft.
    from monitor import store
    versie = store.db_versie()
    alles = store.reeks(versie, ("inwoners", "hh_laag_inkomen_pct"), tuple(store.regios(versie)["code"]))
    for codes in [("GM0917",), ("GM0917", "NL01"), ("NL01", "GM0917", "NL01", "XX9999"), ()]:
        frame = store.reeks(versie, ("inwoners", "hh_laag_inkomen_pct"), codes)
        verwacht = alles[alles["regio_code"].isin(codes)].reset_index(drop=True)
        kolommen = ["regio_code", "indicator_key", "jaar", "waarde", "status", "bron_id"]
        assert list(frame.columns) == list(alles.columns)
        pd.testing.assert_frame_equal(frame[kolommen], verwacht[kolommen], check_dtype=False)
        laatste = store.laatste(versie, ("inwoners",), codes)
        assert sorted(laatste["regio_code"]) == sorted(set(codes) - {"XX9999"})
        assert (laatste.groupby("regio_code")["jaar"].size() == 1).all()
    assert store.reeks(versie, (), ("GM0917",)).empty


def test_berekend_nederland_is_vergelijkbaar_met_de_gemeenten():
    from monitor import store
    from monitor.domein import vergelijkbaar
    frame = store.reeks(store.db_versie(), ("bijstand_per_1000",), ("GM0917", "NL01"))
    rij = {r: frame[(frame["regio_code"] == r) & (frame["jaar"] == 2024)].iloc[0].to_dict()
           for r in ("GM0917", "NL01")}
    assert vergelijkbaar(rij["GM0917"], rij["NL01"]).ok


# ----------------------------------------------------------------------------- series breaks
def test_reeksbreuk_kwb_2023_laag_inkomen(snapshot_database: Path):
    breuk = sql(snapshot_database, "SELECT * FROM reeksbreuk WHERE indicator_key = 'hh_laag_inkomen_pct'")
    assert breuk["bron_id"].tolist() == ["85618NED"]
    assert "niet vastgesteld dat dit dezelfde reeks is" in breuk["reden"].iloc[0]
    assert "SOURCES.md §6" in breuk["herkomst"].iloc[0]
    from monitor import store
    from monitor.domein import vergelijkbaar
    frame = store.reeks(store.db_versie(), ("hh_laag_inkomen_pct",), ("GM0917",))
    per_jaar = {int(r["jaar"]): r for r in frame.to_dict("records")}
    assert per_jaar[2023]["reeks"] == "kwb-2023" and pd.isna(per_jaar[2021]["reeks"])
    uitkomst = vergelijkbaar(per_jaar[2021], per_jaar[2023])
    assert not uitkomst.ok and "niet vastgesteld dat dit dezelfde reeks is" in uitkomst.reden
    assert vergelijkbaar(per_jaar[2020], per_jaar[2021]).ok


def test_elke_reeksbreuk_heeft_reden_en_herkomst():
    for ind in laad_catalogus().indicator:
        for breuk in ind.reeksbreuk:
            assert len(breuk.reden) > 30 and breuk.herkomst


# ----------------------------------------------------------------------------- speed
def test_cijfer_dekking_en_bronnen_zijn_tabellen(snapshot_database: Path):
    soorten = dict(sql(snapshot_database, """SELECT table_name, table_type FROM information_schema.tables
        WHERE table_name IN ('cijfer', 'dekking', 'indicator_bron', 'gemeente_telling')""").values)
    assert soorten == {"cijfer": "BASE TABLE", "dekking": "BASE TABLE", "indicator_bron": "BASE TABLE",
                       "gemeente_telling": "BASE TABLE"}


# ----------------------------------------------------------------------------- PDOK 2022, urbanity
def test_pdok_2022_inkomen_en_sociaal_minimum_met_hun_precisie(snapshot_database: Path):
    rijen = sql(snapshot_database, """SELECT indicator_key, count(waarde) AS n,
        max(waarde) FILTER (WHERE regio_code = 'GM0917') AS heerlen FROM waarneming
        WHERE bron_id = 'pdok-kwb' AND jaar = 2022 AND indicator_key IN
        ('gestandaardiseerd_inkomen_hh', 'hh_rond_sociaal_minimum_pct') GROUP BY ALL""").set_index("indicator_key")
    assert rijen.loc["gestandaardiseerd_inkomen_hh"].tolist() == [340, 29_300]
    assert rijen.loc["hh_rond_sociaal_minimum_pct"].tolist() == [345, 10]
    leeg = sql(snapshot_database, """SELECT DISTINCT status FROM waarneming WHERE bron_id = 'pdok-kwb'
        AND jaar = 2022 AND indicator_key = 'gestandaardiseerd_inkomen_hh' AND waarde IS NULL""")
    assert leeg["status"].tolist() == ["onbekend"]
    from monitor import store
    frame = store.reeks(store.db_versie(), ("hh_rond_sociaal_minimum_pct",), ("GM0917",))
    per_jaar = dict(zip(frame["jaar"], frame["decimalen_bron"], strict=True))
    assert per_jaar[2022] == 0 and per_jaar[2021] == 1
    assert {2020, 2021, 2022, 2023} <= set(frame.dropna(subset=["waarde"])["jaar"])
    toelichting = sql(snapshot_database, "SELECT toelichting FROM bron_meta WHERE bron_id = 'pdok-kwb'")
    assert "Precisie, niet definitie" in toelichting["toelichting"].iloc[0]


def test_omgevingsadressendichtheid_voor_alle_gemeenten(snapshot_database: Path):
    rijen = sql(snapshot_database, """SELECT bron_id, jaar, count(waarde) AS n,
        max(waarde) FILTER (WHERE regio_code = 'GM0917') AS heerlen FROM waarneming
        WHERE indicator_key = 'omgevingsadressendichtheid' GROUP BY ALL ORDER BY ALL""")
    assert rijen.values.tolist() == [["85984NED", 2024, 342, 1853], ["pdok-kwb", 2022, 345, 1830],
                                     ["pdok-kwb", 2024, 342, 1853]]
    ind = sql(snapshot_database, """SELECT i.eenheid, i.richting, m.decimalen FROM indicator i
        JOIN indicator_meta m USING (key) WHERE key = 'omgevingsadressendichtheid'""").iloc[0]
    assert ind.tolist() == ["adressen per km²", "neutraal", 0]
