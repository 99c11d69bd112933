"""`python -m etl build` (offline, from the snapshot) and `python -m etl refresh` (online)."""

from __future__ import annotations

import argparse
import logging
import sys
import time
from pathlib import Path

from etl import manifest
from etl.config import SNAPSHOT_MAP, data_map, database_pad
from etl.fouten import EtlFout
from etl.load import bouw_database
from etl.ophalen import RUN_DEADLINE, TABEL_DEADLINE, ververs
from etl.slot import WACHT


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m etl", description=__doc__)
    sub = parser.add_subparsers(dest="opdracht", required=True)
    build = sub.add_parser("build", help="bouw data/monitor.duckdb uit de snapshot (zonder netwerk)")
    refresh = sub.add_parser("refresh", help="haal CBS-tabellen op met cbsodata en bouw opnieuw")
    refresh.add_argument("--tabel", action="append", help="alleen deze tabel-id('s)")
    refresh.add_argument("--deadline", type=float, default=RUN_DEADLINE,
                         help="seconden voor alle tabellen samen (standaard %(default)s)")
    refresh.add_argument("--tabel-deadline", type=float, default=TABEL_DEADLINE,
                         help="seconden per tabel, herhalingen inbegrepen (standaard %(default)s)")
    refresh.add_argument("--zonder-ontdekken", action="store_true",
                         help="zoek geen nieuwe edities in de tabellenlijst van CBS")
    for p in (build, refresh):
        p.add_argument("--wacht", type=float, default=WACHT,
                       help="seconden wachten op een build die al draait (standaard %(default)s)")
        p.add_argument("--accepteer-verschil", action="store_true",
                       help="publiceer ook als er veel minder regio's of cijfers zijn dan in de vorige "
                            "database, of inwonertallen sterk springen (lees eerst de lijst)")
    accepteer = sub.add_parser("accepteer", help="neem een bewust vervangen snapshotbestand op in het manifest")
    accepteer.add_argument("pad", nargs="+", type=Path, help="bestand of map onder data/snapshot/")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(message)s")
    data_dir = data_map()
    if args.opdracht == "accepteer":
        try:
            gewijzigd = manifest.accepteer(data_dir / SNAPSHOT_MAP, args.pad)
        except EtlFout as fout:
            print(f"Mislukt: {fout}", file=sys.stderr)
            return 1
        print("\n".join(gewijzigd) if gewijzigd else "Het manifest klopte al; niets gewijzigd.")
        return 0
    start = time.perf_counter()
    try:
        if args.opdracht == "refresh":
            rc = ververs(database_pad(), data_dir, tabellen=args.tabel, run_deadline=args.deadline,
                         tabel_deadline=args.tabel_deadline, wacht=args.wacht,
                         accepteer_verschil=args.accepteer_verschil, ontdekken=not args.zonder_ontdekken)
            print(f"Refresh klaar in {time.perf_counter() - start:.1f} s")
            return rc
        pad = bouw_database(database_pad(), data_dir, wacht=args.wacht,
                            accepteer_verschil=args.accepteer_verschil)
    except EtlFout as fout:
        print(f"Mislukt: {fout}", file=sys.stderr)
        return 1
    print(f"Klaar: {pad} in {time.perf_counter() - start:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
