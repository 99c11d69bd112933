"""Issue 11, punt 7: reservekopie en herstel van beleid.duckdb, heen en terug."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd

from etl.config import beleid_pad
from monitor.beleid import __main__ as beleid_cli
from monitor.beleid import backup, opslag


def _zet_doel(waarde: float) -> None:
    opslag.sla_streefwaarden_op("bijstand_per_1000", "GM0917", {2029: waarde},
                                eenheid="per 1.000 inwoners", richting="lager_is_beter",
                                wie="Jan Jansen", reden="proef", bevestigd=True)


def test_backup_en_herstel_heen_en_terug(tmp_path: Path) -> None:
    _zet_doel(38.5)
    map_ = backup.maak_backup(tmp_path / "backup")
    assert (map_ / "beleid.duckdb").is_file()
    csv = pd.read_csv(map_ / "streefwaarde.csv")
    assert csv.loc[csv["regio_code"] == "GM0917", "waarde"].tolist() == [38.5]
    assert {"geschiedenis.csv", "opdracht.csv", "vastlegging.csv"} <= {p.name for p in map_.iterdir()}

    _zet_doel(30.0)  # daarna gaat er iets mis: terug naar de kopie
    assert beleid_cli.main(["herstel", str(map_)]) == 0
    assert opslag.streefwaarden("bijstand_per_1000", "GM0917")["waarde"].tolist() == [38.5]
    assert list(beleid_pad().parent.glob("beleid.duckdb.voor-herstel-*"))


def test_herstel_weigert_ander_schema(tmp_path: Path, capsys) -> None:
    _zet_doel(38.5)
    vreemd = tmp_path / "vreemd.duckdb"
    with duckdb.connect(str(vreemd)) as con:
        con.execute("CREATE TABLE streefwaarde (x INTEGER)")
    assert beleid_cli.main(["herstel", str(vreemd)]) == 2
    fout = capsys.readouterr().err
    assert "Niet teruggezet: de reservekopie past niet" in fout and "ontbrekende tabellen" in fout
    assert opslag.streefwaarden("bijstand_per_1000", "GM0917")["waarde"].tolist() == [38.5]


def test_knop_in_bewerkmodus_maakt_reservekopie(tmp_path: Path, monkeypatch) -> None:
    from tests.test_pages_beleid import BELEID, WACHTWOORD, bewerkmodus_aan, knop, start
    monkeypatch.setattr(backup, "BACKUP_MAP", tmp_path / "backup")
    monkeypatch.delenv("ARMOEDEMONITOR_BELEID_WACHTWOORD", raising=False)
    at = start(BELEID, wachtwoord=WACHTWOORD, tabblad="Geschiedenis")
    assert not any(b.label == "Reservekopie maken" for b in at.button)
    bewerkmodus_aan(at)
    knop(at, "Reservekopie maken").click().run()
    assert any("Reservekopie gemaakt" in s.value for s in at.success)
    assert len(list((tmp_path / "backup").glob("*/beleid.duckdb"))) == 1
