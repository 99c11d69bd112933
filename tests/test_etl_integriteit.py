"""Integrity of a build: the snapshot manifest, one build at a time, and stale temporary files.

Each test damages a copy of the real snapshot the way a user or a crash would, and checks that
the build stops naming the file and leaves the last good database byte-identical.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from etl import manifest
from etl.fouten import EtlFout
from etl.load import bouw_database

ROOT = Path(__file__).resolve().parents[1]
KWB2024 = "snapshot/bestanden/kwb-2024-85984NED-gemeenten-full/kwb2024_85984NED_gemeenten.csv"


def vingerafdruk(pad: Path) -> str:
    return hashlib.sha256(pad.read_bytes()).hexdigest()


@pytest.fixture
def gepubliceerd(data_kopie: Path, tmp_path: Path) -> Path:
    return bouw_database(tmp_path / "publiek" / "monitor.duckdb", data_dir=data_kopie)


def _etl(*args: str, data: Path, db: Path, timeout: float = 120) -> subprocess.CompletedProcess:
    """`python -m etl ...` as a user runs it, pointed at a copy of data/ and a private database."""
    omgeving = {**os.environ, "ARMOEDEMONITOR_DATA": str(data), "ARMOEDEMONITOR_DB": str(db)}
    return subprocess.run([sys.executable, "-m", "etl", *args], cwd=ROOT, env=omgeving,
                          capture_output=True, text=True, timeout=timeout)


# ----------------------------------------------------------------------------- manifest
def test_afgekapt_snapshotbestand_stopt_de_build_met_de_bestandsnaam(data_kopie: Path, gepubliceerd: Path):
    pad = data_kopie / KWB2024
    pad.write_bytes(pad.read_bytes()[:20_000])
    voor = vingerafdruk(gepubliceerd)
    with pytest.raises(EtlFout) as fout:
        bouw_database(gepubliceerd, data_dir=data_kopie)
    melding = str(fout.value)
    assert "kwb2024_85984NED_gemeenten.csv is gewijzigd" in melding
    assert "342 rijen" in melding, "het manifest noemt hoeveel rijen er hoorden te zijn"
    assert "python -m etl accepteer" in melding
    assert vingerafdruk(gepubliceerd) == voor


def test_nieuw_of_verdwenen_bestand_wordt_genoemd(data_kopie: Path, gepubliceerd: Path):
    (data_kopie / "snapshot/statline/85984NED/CategoryGroups.json").unlink()
    (data_kopie / "snapshot/bestanden/extra.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(EtlFout) as fout:
        bouw_database(gepubliceerd, data_dir=data_kopie)
    assert "statline/85984NED/CategoryGroups.json ontbreekt" in str(fout.value)
    assert "bestanden/extra.csv staat niet in het manifest" in str(fout.value)


def test_accepteer_commando_neemt_een_bewust_vervangen_bestand_op(data_kopie: Path, tmp_path: Path):
    """The documented command: after `python -m etl accepteer PAD` the build runs again."""
    pad = data_kopie / "snapshot/statline/85984NED/CategoryGroups.json"
    pad.write_text("[\n]\n", encoding="utf-8")  # same meaning (no groups), other bytes
    db = tmp_path / "monitor.duckdb"
    eerst = _etl("build", data=data_kopie, db=db)
    assert eerst.returncode == 1 and "CategoryGroups.json is gewijzigd" in eerst.stderr
    assert not db.exists()
    geaccepteerd = _etl("accepteer", str(pad), data=data_kopie, db=db)
    assert geaccepteerd.returncode == 0, geaccepteerd.stderr
    assert "CategoryGroups.json" in geaccepteerd.stdout
    assert _etl("build", data=data_kopie, db=db).returncode == 0
    regel = manifest.lees(data_kopie / "snapshot")["statline/85984NED/CategoryGroups.json"]
    assert regel.sha256 == vingerafdruk(pad) and regel.rijen == 0


def test_meegeleverd_manifest_klopt_met_de_snapshot():
    manifest.controleer(ROOT / "data" / "snapshot")


# ----------------------------------------------------------------------------- one build at a time
def test_tweede_build_zegt_dat_er_al_een_draait(data_kopie: Path, tmp_path: Path):
    db = tmp_path / "monitor.duckdb"
    houder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time; from pathlib import Path; from etl.slot import bouwslot\n"
         "with bouwslot(Path(sys.argv[1]), 5):\n    print('vast', flush=True); time.sleep(30)", str(db)],
        cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        assert houder.stdout.readline().strip() == "vast"
        start = time.monotonic()
        tweede = _etl("build", "--wacht", "1", data=data_kopie, db=db)
        duur = time.monotonic() - start
    finally:
        houder.kill()
        houder.wait()
    assert tweede.returncode == 1
    assert "Er draait al een build" in tweede.stderr
    assert duur < 20, "de tweede build wacht begrensd"
    assert not db.exists()


def test_twee_gelijktijdige_builds_slagen_allebei_na_elkaar(data_kopie: Path, tmp_path: Path):
    db = tmp_path / "monitor.duckdb"
    omgeving = {**os.environ, "ARMOEDEMONITOR_DATA": str(data_kopie), "ARMOEDEMONITOR_DB": str(db)}
    builds = [subprocess.Popen([sys.executable, "-m", "etl", "build", "--wacht", "120"], cwd=ROOT,
                               env=omgeving, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
              for _ in range(2)]
    uitkomsten = [(b.wait(timeout=180), b.stderr.read()) for b in builds]
    for b in builds:
        b.stdout.close()
        b.stderr.close()
    assert [rc for rc, _ in uitkomsten] == [0, 0], uitkomsten
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM etl_run").fetchone()[0] == 2
    assert not [p.name for p in tmp_path.iterdir() if ".tmp" in p.name]


def test_achtergebleven_wal_van_een_afgebroken_build_wordt_opgeruimd(data_kopie: Path, tmp_path: Path):
    db = tmp_path / "monitor.duckdb"
    (tmp_path / "monitor.duckdb.tmp").write_bytes(b"half geschreven")
    (tmp_path / "monitor.duckdb.tmp.wal").write_bytes(b"\x00" * 4096 + b"oude wal")
    bouw_database(db, data_dir=data_kopie)
    assert not (tmp_path / "monitor.duckdb.tmp").exists()
    assert not (tmp_path / "monitor.duckdb.tmp.wal").exists()


def test_make_clean_ruimt_ook_de_wal_op():
    uit = subprocess.run(["make", "-n", "clean"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert "data/monitor.duckdb.tmp.wal" in uit and "data/monitor.duckdb.lock" in uit


# ----------------------------------------------------------------------------- plausibility
def _kwb_regels(data_kopie: Path) -> tuple[Path, list[str]]:
    pad = data_kopie / KWB2024
    return pad, pad.read_text(encoding="utf-8").split("\n")


def test_afgekapt_op_een_regelgrens_wordt_gezien_tegen_de_vorige_database(data_kopie: Path,
                                                                        gepubliceerd: Path):
    """Cut after 30 whole rows: valid CSV, so only the comparison with the last good build sees it."""
    pad, regels = _kwb_regels(data_kopie)
    pad.write_text("\n".join(regels[:31]) + "\n", encoding="utf-8")
    manifest.accepteer(data_kopie / "snapshot", [pad])
    voor = vingerafdruk(gepubliceerd)
    with pytest.raises(EtlFout) as fout:
        bouw_database(gepubliceerd, data_dir=data_kopie)
    assert "bron 85984NED: 30 regio's met cijfers (was 342)" in str(fout.value)
    assert "--accepteer-verschil" in str(fout.value)
    assert vingerafdruk(gepubliceerd) == voor
    # After reading the list, a person may accept it; the run says so.
    bouw_database(gepubliceerd, data_dir=data_kopie, accepteer_verschil=True)
    with duckdb.connect(str(gepubliceerd), read_only=True) as con:
        melding = con.execute("SELECT melding FROM etl_run ORDER BY klaar DESC LIMIT 1").fetchone()[0]
    assert "verschil met de vorige database geaccepteerd" in melding


def test_inwonersprong_zonder_herindeling_stopt_de_build(data_kopie: Path, gepubliceerd: Path):
    """Heerlen's row gets Maastricht's real inhabitants (a row mix-up): +37% in 2024, no merger."""
    pad, regels = _kwb_regels(data_kopie)
    kop = regels[0].split(",")
    kolom = kop.index("AantalInwoners_5")
    rij = {r.split(",", 1)[0].strip(): n for n, r in enumerate(regels) if r.startswith("GM")}
    heerlen, maastricht = regels[rij["GM0917"]].split(","), regels[rij["GM0935"]].split(",")
    heerlen[kolom] = maastricht[kolom]
    regels[rij["GM0917"]] = ",".join(heerlen)
    pad.write_text("\n".join(regels), encoding="utf-8")
    manifest.accepteer(data_kopie / "snapshot", [pad])
    with pytest.raises(EtlFout) as fout:
        bouw_database(gepubliceerd, data_dir=data_kopie)
    assert f"inwoners GM0917 2024 in bron 85984NED: {int(maastricht[kolom]):,}".replace(",", ".") in str(fout.value)
    assert "zonder gemeentelijke herindeling" in str(fout.value)


def test_bereikcontrole_per_1000_en_per_huishouden(snapshot_database: Path, tmp_path: Path):
    from etl.validate import problemen
    kopie = tmp_path / "kopie.duckdb"
    kopie.write_bytes(snapshot_database.read_bytes())
    with duckdb.connect(str(kopie)) as con:
        # 87.461 read as 87,461 inhabitants: what the per-1.000 rate then became.
        con.execute("UPDATE waarneming SET waarde = 1000 * 3830 / 87.461 WHERE regio_code='GM0917' "
                    "AND indicator_key='bijstand_per_1000' AND jaar=2024")
        con.execute("UPDATE waarneming SET waarde = waarde / 1000 WHERE regio_code='GM0917' "
                    "AND indicator_key='besteedbaar_inkomen_hh' AND jaar=2024")
        gevonden = " | ".join(problemen(con))
    assert "cijfer per 1.000 inwoners buiten 0-1.000" in gevonden and "GM0917" in gevonden
    assert "bedrag per huishouden buiten 5.000-500.000 euro" in gevonden
