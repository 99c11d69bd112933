"""``python -m monitor.export``: dezelfde export als de pagina, vanaf de opdrachtregel."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from monitor import fmt, store
from monitor.domein import STANDAARD_REGIOS
from monitor.export import vastlegging
from monitor.export.csvbestand import csv_bytes
from monitor.export.model import (
    CSV_SMAKEN,
    KERNINDICATOREN,
    ExportFout,
    Selectie,
    jaren_met_cijfers,
    verzamel,
)
from monitor.export.tabellen import cijfertabel
from monitor.export.werkboek import werkboek


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m monitor.export",
        description="Exporteer cijfers voor de jaarrekening naar Excel (.xlsx) of CSV.",
        add_help=False)
    p.add_argument("-h", "--help", action="help", help="toon deze hulp en stop")
    p.add_argument("--jaar", type=int, nargs="+", action="extend", default=[],
                   help="een of meer jaren (standaard: alle jaren)")
    p.add_argument("--regio", nargs="+", action="extend", default=[],
                   help="regiocodes, bijv. GM0917 NL01 (standaard: de vijf standaardregio's)")
    p.add_argument("--indicator", nargs="+", action="extend", default=[],
                   help="indicatorsleutels (standaard: de kernset)")
    p.add_argument("--uit", type=Path, help="doelbestand: .xlsx of .csv")
    p.add_argument("--csv-smaak", choices=CSV_SMAKEN, default="nl",
                   help="nl = ; en decimaalkomma (Excel), plain = , en decimaalpunt")
    p.add_argument("--vastlegging", metavar="NAAM",
                   help="exporteer een vastgelegde set (byte-gelijk aan eerdere exports)")
    p.add_argument("--revisies", metavar="NAAM",
                   help="toon wat er sinds de vastlegging NAAM in de database veranderd is")
    return p



log = logging.getLogger(__name__)


def _controleer_jaren(jaren: Sequence[int], indicatoren: Sequence[str]) -> None:
    """Een jaar zonder cijfers gaf een bestand met '0 cijfers' en exitcode 0: nu een fout."""
    if not jaren:
        return
    met = jaren_met_cijfers(store.db_versie(), indicatoren)
    zonder = sorted(set(jaren) - set(met))
    if zonder:
        bereik = f"{min(met)} tot en met {max(met)}" if met else "geen"
        raise ExportFout(f"Voor {', '.join(map(str, zonder))} zijn er geen cijfers. Jaren met "
                         f"cijfers: {bereik}.")


def main(argv: Sequence[str] | None = None) -> int:
    """Opdrachtregel; gebruikt exact dezelfde bouwstenen als de pagina."""
    args = _parser().parse_args(argv)
    try:
        if args.revisies:
            rapport = vastlegging.revisierapport(args.revisies)
            if rapport.empty:
                print(f"Geen verschillen: de cijfers van '{args.revisies}' zijn gelijk aan de database.")
            for r in rapport.itertuples(index=False):
                print(f"{r.soort}: {r.indicator} – {r.regio} {r.jaar}: {r.tekst}")
            return 0
        if args.uit is None:
            raise ExportFout("Geef met --uit een doelbestand op (.xlsx of .csv).")
        extensie = args.uit.suffix.lower()
        if extensie not in (".xlsx", ".csv"):
            raise ExportFout("Het doelbestand moet eindigen op .xlsx of .csv.")
        if args.vastlegging:
            if args.jaar or args.regio or args.indicator:
                raise ExportFout("Een vastlegging heeft een vaste selectie: laat --jaar, --regio "
                                 "en --indicator weg.")
            data = vastlegging.laad(args.vastlegging)
        else:
            selectie = Selectie(indicatoren=tuple(args.indicator) or KERNINDICATOREN,
                                regios=tuple(args.regio) or STANDAARD_REGIOS,
                                jaren=tuple(args.jaar))
            data = verzamel(selectie)
            _controleer_jaren(selectie.jaren, selectie.indicatoren)
        inhoud = werkboek(data) if extensie == ".xlsx" else csv_bytes(data, args.csv_smaak)
        try:
            args.uit.parent.mkdir(parents=True, exist_ok=True)
            args.uit.write_bytes(inhoud)
        except OSError as fout:
            log.debug("Schrijven mislukt", exc_info=True)
            raise ExportFout(f"Kan niet schrijven naar {args.uit} ({fout.strerror or fout}). "
                             "Kies een map waarin u mag schrijven.") from fout
    except (ExportFout, store.GeenDatabase, LookupError) as fout:
        print(f"Mislukt: {fout}", file=sys.stderr)
        return 2
    except Exception as fout:  # noqa: BLE001 - nooit een traceback: één zin, details in het log
        log.debug("Onverwachte fout in de export", exc_info=True)
        print(f"Mislukt: onverwachte fout ({type(fout).__name__}). Probeer het opnieuw; blijft "
              "het misgaan, meld het dan aan de beheerder van de monitor.", file=sys.stderr)
        return 1
    tabel = cijfertabel(data)
    met = int(tabel["Waarde"].notna().sum())
    print(f"Geschreven: {args.uit} ({fmt.getal(len(inhoud))} bytes; {fmt.getal(met)} cijfers, "
          f"{fmt.getal(len(tabel) - met)} jaren zonder cijfer)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
