"""A CBS download put in data/import/ by hand: recognised by its header, read by the strict
readers, provenance (file name, sha256, date) in `bron`; an unknown layout is refused with the
columns expected. The files are copies of real snapshot files."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from etl.fouten import EtlFout
from etl.load import bouw_database

EXPORT = ("snapshot/bestanden/statline-export-2025-12-regionale-kerncijfers-inkomen/"
          "Regionale_kerncijfers_Nederland_11122025_133649.csv")


def sql(pad: Path, query: str) -> pd.DataFrame:
    with duckdb.connect(str(pad), read_only=True) as con:
        return con.execute(query).df()


def _importeer(data_kopie: Path, bron: str, naam: str) -> Path:
    doel = data_kopie / "import" / naam
    doel.parent.mkdir(exist_ok=True)
    shutil.copy(data_kopie / bron, doel)
    return doel


def test_schulden_download_wordt_herkend_en_met_herkomst_geladen(data_kopie: Path, tmp_path: Path):
    pad = _importeer(data_kopie, "lokaal/schulden_dashboard.csv", "schulden_download.csv")
    db = bouw_database(tmp_path / "m.duckdb", data_dir=data_kopie)
    bron = sql(db, "SELECT * FROM bron WHERE bron_id = 'import-schulden_download'").iloc[0]
    assert bron["soort"] == "schulden" and "schulden_download.csv" in bron["titel"]
    assert hashlib.sha256(pad.read_bytes()).hexdigest() in bron["versie"]
    assert bron["opgehaald_op"]
    query = ("SELECT regio_code, indicator_key, jaar, peildatum, waarde, status FROM waarneming "
             "WHERE bron_id = '{}' ORDER BY ALL")
    pd.testing.assert_frame_equal(sql(db, query.format("import-schulden_download")),
                                  sql(db, query.format("schulden-dashboard")))
    herkomst = sql(db, "SELECT herkomst FROM etl_run_tabel WHERE bron_id = 'import-schulden_download'")
    assert herkomst["herkomst"].tolist() == ["import"]


def test_statline_export_wordt_herkend(data_kopie: Path, tmp_path: Path):
    _importeer(data_kopie, EXPORT, "regionale_kerncijfers.csv")
    db = bouw_database(tmp_path / "m.duckdb", data_dir=data_kopie)
    df = sql(db, "SELECT indicator_key, waarde FROM waarneming WHERE bron_id='import-regionale_kerncijfers' "
                 "AND regio_code='GM0917' AND jaar=2025 ORDER BY indicator_key")
    origineel = sql(db, "SELECT indicator_key, waarde FROM waarneming WHERE bron_id='statline-export-bevolking-2025' "
                        "AND regio_code='GM0917' AND jaar=2025 ORDER BY indicator_key")
    assert not df.empty
    pd.testing.assert_frame_equal(df, origineel)


def test_onbekende_indeling_wordt_geweigerd_met_de_verwachte_kolommen(data_kopie: Path, tmp_path: Path):
    _importeer(data_kopie, "snapshot/bestanden/kwb-pdok-gemeenten-2012-2024/columns.csv", "iets.csv")
    with pytest.raises(EtlFout) as fout:
        bouw_database(tmp_path / "m.duckdb", data_dir=data_kopie)
    melding = str(fout.value)
    assert "iets.csv: onbekende indeling" in melding
    assert "regio_code" in melding and "percentage_huishoudens" in melding
    assert "Totale bevolking (aantal)" in melding


def test_import_gaat_door_de_strenge_lezers(data_kopie: Path, tmp_path: Path):
    pad = _importeer(data_kopie, "lokaal/schulden_dashboard.csv", "schulden_download.csv")
    pad.write_text(pad.read_text(encoding="utf-8").replace(",661730,", ",661.730,"), encoding="utf-8")
    with pytest.raises(EtlFout, match=r"schulden_download.csv regel 2, kolom aantal_huishoudens"):
        bouw_database(tmp_path / "m.duckdb", data_dir=data_kopie)
