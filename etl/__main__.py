"""`python -m etl build` (offline, from the snapshot) and `python -m etl refresh` (online)."""

from __future__ import annotations

import argparse
import logging
import sys
import time

from pathlib import Path

from etl import manifest
from etl.catalogus import laad_catalogus
from etl.config import SNAPSHOT_MAP, STATLINE_MAP, data_map, database_pad
from etl.fouten import EtlFout
from etl.load import bouw_database
from etl.slot import WACHT
from etl.statline import haal_op


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m etl", description=__doc__)
    sub = parser.add_subparsers(dest="opdracht", required=True)
    build = sub.add_parser("build", help="bouw data/monitor.duckdb uit de snapshot (zonder netwerk)")
    refresh = sub.add_parser("refresh", help="haal CBS-tabellen op met cbsodata en bouw opnieuw")
    refresh.add_argument("--tabel", action="append", help="alleen deze tabel-id('s)")
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
    mislukt: list[str] = []
    try:
        if args.opdracht == "refresh":
            # Each table on its own: one CBS failure keeps that table's last good copy and does
            # not stop the others.
            for bron in laad_catalogus().bron:
                if bron.online and (not args.tabel or bron.tabel_id in args.tabel):
                    print(f"Ophalen: {bron.tabel_id} ({bron.titel})")
                    try:
                        haal_op(bron, data_dir / STATLINE_MAP / bron.tabel_id)
                    except EtlFout as fout:
                        print(f"Mislukt: {fout}", file=sys.stderr)
                        mislukt.append(bron.tabel_id)
        pad = bouw_database(database_pad(), data_dir, wacht=args.wacht,
                           accepteer_verschil=args.accepteer_verschil)
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
