"""``python -m monitor.beleid backup|herstel MAP_OF_BESTAND``: reservekopie van beleid.duckdb."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from monitor.beleid import backup
from monitor.beleid.validatie import BeleidFout


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m monitor.beleid",
                                description="Reservekopie van de beleidsgegevens (beleid.duckdb).")
    sub = p.add_subparsers(dest="opdracht", required=True)
    b = sub.add_parser("backup", help="kopie plus CSV per tabel in data/backup/<tijd>/")
    b.add_argument("--map", type=Path, default=None, help="andere doelmap")
    h = sub.add_parser("herstel", help="zet een reservekopie terug (na schemacontrole)")
    h.add_argument("bron", type=Path, help="map uit data/backup/ of een beleid.duckdb")
    args = p.parse_args(argv)
    try:
        if args.opdracht == "backup":
            print(f"Reservekopie geschreven: {backup.maak_backup(args.map)}")
        else:
            print(f"Teruggezet: {backup.herstel(args.bron)}")
    except (BeleidFout, OSError) as fout:
        print(f"Mislukt: {fout}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
