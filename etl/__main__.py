"""`python -m etl build` (offline, from the snapshot) and `python -m etl refresh` (online)."""

from __future__ import annotations

import argparse
import logging
import sys
import time

from etl.catalogus import laad_catalogus
from etl.config import DATA_DIR, STATLINE_MAP, database_pad
from etl.fouten import EtlFout
from etl.load import bouw_database
from etl.statline import haal_op


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m etl", description=__doc__)
    sub = parser.add_subparsers(dest="opdracht", required=True)
    sub.add_parser("build", help="bouw data/monitor.duckdb uit de snapshot (zonder netwerk)")
    refresh = sub.add_parser("refresh", help="haal CBS-tabellen op met cbsodata en bouw opnieuw")
    refresh.add_argument("--tabel", action="append", help="alleen deze tabel-id('s)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(message)s")
    start = time.perf_counter()
    mislukt: list[str] = []
    try:
        if args.opdracht == "refresh":
            # Each table on its own: one CBS failure keeps that table's last good copy and does
            # not stop the others.
            for bron in laad_catalogus().bron:
                if bron.online and (not args.tabel or bron.tabel_id in args.tabel):
                    print(f"Ophalen: {bron.tabel_id} ({bron.titel})")
                    try:
                        haal_op(bron, DATA_DIR / STATLINE_MAP / bron.tabel_id)
                    except EtlFout as fout:
                        print(f"Mislukt: {fout}", file=sys.stderr)
                        mislukt.append(bron.tabel_id)
        pad = bouw_database(database_pad())
    except EtlFout as fout:
        print(f"Mislukt: {fout}", file=sys.stderr)
        return 1
    print(f"Klaar: {pad} in {time.perf_counter() - start:.1f} s")
    if mislukt:
        print(f"Niet bijgewerkt (vorige gegevens gebruikt): {', '.join(mislukt)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
