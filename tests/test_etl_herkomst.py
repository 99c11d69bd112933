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
        AND reden LIKE 'problematische_schulden_hh_pct (Heemskerk%'""")["reden"]
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
