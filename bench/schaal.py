"""Benchmark: the store's page queries at 1×, 10× and 100× today's number of observations.

For each scale a temporary database is made (in a temp dir, never shipped, never data/): a copy
of a fresh snapshot build, plus (k-1) synthetic copies of every `waarneming` row. Each copy gets
a synthetic region code `SYN<nn><code>` and a region named `[synthetisch nn] <naam>`, so nothing
can be mistaken for a CBS figure; then the ETL's read tables (`cijfer`, `dekking`, ...) are rebuilt
with `etl.load.afgeleide_tabellen`, as a build would. Then `ARMOEDEMONITOR_DB` points at the copy and every store
function the pages call runs several times; the median per function per scale is printed.

Two kinds of growth (``--soort``):
- ``wijk`` (default): the copies are districts. This is how the data would really grow
  (CBS has ~3,000 wijken, ~14,000 buurten); rankings over municipalities stay the same size.
- ``gemeente``: the worst case, every copy counts as a municipality, so rankings and counts
  also grow 100×.

Target (issue 8): every page query < 50 ms at 100×.
Run: `make bench` or `.venv/bin/python bench/schaal.py [--soort wijk|gemeente|beide]
[--herhaal N] [--schalen 1 10 100] [--explain]`.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _hulp import ROOT, bouw_tijdelijke_db, machine_regel  # noqa: E402

sys.path.insert(0, str(ROOT))
import duckdb  # noqa: E402

from etl.load import afgeleide_tabellen  # noqa: E402

DOEL_MS = 50


def schaal_db(basis: Path, doel: Path, factor: int, soort: str) -> int:
    """Copy `basis` to `doel` and add (factor-1) synthetic copies of every observation."""
    shutil.copy(basis, doel)
    with duckdb.connect(str(doel)) as con:
        if factor > 1:
            con.execute("CREATE TEMP TABLE kopie AS SELECT range AS i FROM range(1, ?)", [factor])
            con.execute("""
                INSERT INTO regio
                SELECT 'SYN' || lpad(k.i::VARCHAR, 2, '0') || r.code,
                       '[synthetisch ' || lpad(k.i::VARCHAR, 2, '0') || '] ' || r.naam,
                       ?, coalesce(r.gemeente_code, r.code)
                FROM regio r CROSS JOIN kopie k""", [soort])
            con.execute("""
                INSERT INTO waarneming
                SELECT w.* REPLACE ('SYN' || lpad(k.i::VARCHAR, 2, '0') || w.regio_code AS regio_code)
                FROM waarneming w CROSS JOIN kopie k
                WHERE w.regio_code NOT LIKE 'SYN%'""")
            afgeleide_tabellen(con)  # cijfer, dekking, ... are tables built by the ETL
            con.execute("CHECKPOINT")
        return con.execute("SELECT count(*) FROM waarneming").fetchone()[0]


def page_queries(store, versie: str) -> dict[str, Callable[[], object]]:
    """The store calls the pages make, with the default selection (as in paginas/)."""
    from monitor.domein import HEERLEN, STANDAARD_REGIOS
    from monitor.verkennen import overzicht

    ind = store.indicatoren(versie)
    tegels = overzicht.benodigde_keys(ind)
    alle = tuple(ind["key"])
    key = "hh_laag_inkomen_pct"
    jaar = store.jaren(versie, key)[0]
    codes = STANDAARD_REGIOS
    return {
        "regios": lambda: store.regios(versie),
        "indicatoren": lambda: store.indicatoren(versie),
        "database_info": lambda: store.database_info(versie),
        "dekking": lambda: store.dekking(versie),
        "jaren": lambda: store.jaren(versie, key),
        "reeks (1 ind, 5 regio's)": lambda: store.reeks(versie, (key,), codes),
        f"reeks ({len(tegels)} ind overzicht)": lambda: store.reeks(versie, tegels, codes),
        f"laatste ({len(alle)} ind, Heerlen)": lambda: store.laatste(versie, alle, (HEERLEN,)),
        "gemeenten_in_jaar": lambda: store.gemeenten_in_jaar(versie, key, jaar),
        "gemeenten_telling": lambda: store.gemeenten_telling(versie, key, jaar),
        "bronnen": lambda: store.bronnen(versie),
        "indicator_bronnen": lambda: store.indicator_bronnen(versie),
        "etl_runs": lambda: store.etl_runs(versie),
        "niet_geladen": lambda: store.niet_geladen(versie),
    }


def meet(db: Path, herhaal: int) -> dict[str, list[float]]:
    os.environ["ARMOEDEMONITOR_DB"] = str(db)
    from monitor import store

    versie = store.db_versie()
    uit = {}
    for naam, f in page_queries(store, versie).items():
        f()  # warm-up: connection, file cache
        tijden = []
        for _ in range(herhaal):
            start = time.perf_counter()
            f()
            tijden.append((time.perf_counter() - start) * 1000)
        uit[naam] = tijden
    return uit


def explain(db: Path) -> None:
    """EXPLAIN ANALYZE of the store.reeks query (two indicators, two regions), for the report."""
    from monitor import store
    from monitor.domein import HEERLEN, NEDERLAND

    con = duckdb.connect()
    con.execute("ATTACH ? AS monitor (READ_ONLY)", [str(db)])
    con.execute("USE monitor")
    ind, ind_params = store._in("ind", ["hh_laag_inkomen_pct", "inwoners"])
    join, voorwaarde, reg_params = store._regio_filter([HEERLEN, NEDERLAND])
    sql = store._REEKS + f"{join} WHERE c.indicator_key IN {ind} AND {voorwaarde}"  # as store.reeks
    plan = con.execute("EXPLAIN ANALYZE " + sql, {**ind_params, **reg_params}).fetchall()
    print(plan[0][1])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--soort", choices=("wijk", "gemeente", "beide"), default="beide")
    ap.add_argument("--herhaal", type=int, default=7)
    ap.add_argument("--schalen", type=int, nargs="+", default=[1, 10, 100])
    ap.add_argument("--explain", action="store_true")
    args = ap.parse_args()
    print(f"== bench/schaal.py  ({machine_regel()})")
    soorten = ("wijk", "gemeente") if args.soort == "beide" else (args.soort,)
    with tempfile.TemporaryDirectory(prefix="bench-schaal-") as tmp_s:
        tmp = Path(tmp_s)
        (tmp / "basis").mkdir()
        basis = bouw_tijdelijke_db(tmp / "basis")
        for soort in soorten:
            resultaten: dict[int, dict[str, list[float]]] = {}
            aantallen = {}
            for factor in args.schalen:
                db = tmp / f"{soort}-{factor}x" / "monitor.duckdb"
                db.parent.mkdir()
                start = time.perf_counter()
                aantallen[factor] = schaal_db(basis, db, factor, soort)
                bouw = time.perf_counter() - start
                aantal = f"{aantallen[factor]:,}".replace(",", ".")
                print(f"  {factor:>3}× ({soort}): {aantal} waarnemingen, "
                      f"{db.stat().st_size / 1e6:.0f} MB, opgebouwd in {bouw:.1f} s")
                resultaten[factor] = meet(db, args.herhaal)
                if args.explain and factor == max(args.schalen):
                    explain(db)
            print(f"Mediaan ms per store-functie (min-max), kopieën als '{soort}', "
                  f"{args.herhaal}× na opwarmen; doel < {DOEL_MS} ms bij 100×:")
            kop = "".join(f"{f'{f}×':>18}" for f in args.schalen)
            print(f"  {'functie':<28}{kop}")
            for naam in resultaten[args.schalen[0]]:
                cellen = ""
                for f in args.schalen:
                    t = resultaten[f][naam]
                    cellen += f"{statistics.median(t):>8.1f} ({min(t):.0f}-{max(t):.0f})".rjust(18)
                hoogste = statistics.median(resultaten[max(args.schalen)][naam])
                print(f"  {naam:<28}{cellen}  {'ok' if hoogste < DOEL_MS else 'TE TRAAG'}")


if __name__ == "__main__":
    main()
