"""CBS downloads a person puts in `data/import/`: recognised by their header, read strictly.

Gemeente-level debt figures have no StatLine table; they reach the monitor as a file. Each
file in `data/import/` becomes its own source (`bron`), with the file name, its sha256 and the
date it was imported as provenance, read by the same strict readers as the snapshot. A layout
the ETL does not know is refused with the columns it expected, never guessed.

Known layouts:
- the debt layout of `data/lokaal/schulden_dashboard.csv` (CSV or Excel), one row per region
  and peildatum;
- a StatLine CSV export ("Perioden";"Regio's";...) with at least one column that a
  `statline_export` source of the catalogue knows (e.g. "Bevolking/.../Totale bevolking (aantal)").
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from etl import schulden
from etl.catalogus import Bron, Catalogus
from etl.config import IMPORT_MAP
from etl.fouten import EtlFout
from etl.ruw import lees_csv

SOORTEN = {".csv", ".xlsx"}


def _sha256(pad: Path) -> str:
    return hashlib.sha256(pad.read_bytes()).hexdigest()


def _kop(pad: Path) -> tuple[list[str], bool]:
    """Column names (read strictly) and whether StatLine's doubled quotes must be repaired."""
    if pad.suffix.lower() == ".xlsx":
        try:
            return [str(c) for c in pd.read_excel(pad, dtype=str, nrows=0).columns], False
        except ValueError as fout:
            raise EtlFout(f"Import {pad.name}: het Excel-bestand is niet leesbaar ({fout}).") from fout
    eerste = pad.read_bytes()[:4096].decode("utf-8-sig", errors="replace").split("\n", 1)[0]
    herstel = '""' in eerste
    kolommen = list(lees_csv(pad, f"import {pad.name}", herstel).columns)
    return [k.strip().strip('"') for k in kolommen], herstel


def _verwacht(catalogus: Catalogus) -> str:
    labels = sorted({label for b in catalogus.bron if b.formaat == "statline_export"
                     for label in b.bestand_kolommen.values()})
    return (f"(1) het schuldenbestand met de kolommen {schulden.verwachte_kolommen()}; of "
            f"(2) een StatLine-CSV-export met de kolommen Perioden en Regio's en ten minste één van: "
            + "; ".join(labels))


def _herkomst(pad: Path) -> dict[str, str]:
    """File name, sha256 and the date imported (the file's date in data/import/)."""
    datum = datetime.fromtimestamp(pad.stat().st_mtime, UTC).date().isoformat()
    return {"titel_toevoeging": pad.name, "versie": f"handmatige import, sha256 {_sha256(pad)}",
            "opgehaald_op": datum}


def import_bronnen(catalogus: Catalogus, data_dir: Path) -> list[Bron]:
    """One source per file in data/import/, or EtlFout naming a file whose layout is unknown."""
    map_ = data_dir / IMPORT_MAP
    if not map_.is_dir():
        return []
    sjabloon_schulden = next(b for b in catalogus.bron if b.formaat == "schulden_csv")
    exports = [b for b in catalogus.bron if b.formaat == "statline_export"]
    bronnen: list[Bron] = []
    for pad in sorted(p for p in map_.iterdir() if p.is_file() and not p.name.startswith(".")):
        if pad.suffix.lower() not in SOORTEN:
            if pad.name.lower() in ("readme.md", "leesmij.md", ".gitkeep"):
                continue
            raise EtlFout(f"Import {pad.name}: alleen .csv en .xlsx kunnen worden geïmporteerd.")
        kolommen, herstel = _kop(pad)
        herkomst = _herkomst(pad)
        gemeen = {"id": f"import-{pad.stem}", "bestand": f"{IMPORT_MAP}/{pad.name}", "rang": 0,
                  "versie": herkomst["versie"], "opgehaald_op": herkomst["opgehaald_op"]}
        kolom = schulden.herken_kolommen(kolommen)
        if all(kolom[k] for k in schulden.VEREIST):
            # A download from the dashboard itself is first-hand (soort `schulden`), unlike the
            # curated quotes in lokaal/schulden_dashboard.csv (soort `geciteerd`).
            bronnen.append(sjabloon_schulden.model_copy(update={
                **gemeen, "soort": "schulden", "titel": f"Handmatige import: {pad.name} (Schuldenproblematiek in beeld)",
                "toelichting": "Met de hand geïmporteerd CBS-bestand; herkomst in de versie (sha256)."}))
            continue
        if "Perioden" in kolommen and "Regio's" in kolommen and pad.suffix.lower() == ".csv":
            for sjabloon in exports:
                labels = {ind: label for ind, label in sjabloon.bestand_kolommen.items() if label in kolommen}
                if labels:
                    bronnen.append(sjabloon.model_copy(update={
                        **gemeen, "titel": f"Handmatige import: {pad.name} ({sjabloon.tabel_id})",
                        "bestand_kolommen": labels,
                        "factor": {k: v for k, v in sjabloon.factor.items() if k in labels},
                        "herstel_aanhalingstekens": herstel,
                        "toelichting": "Met de hand geïmporteerde StatLine-export; herkomst in de versie."}))
                    break
            else:
                raise EtlFout(f"Import {pad.name}: een StatLine-export zonder bekende kolom. "
                              f"Verwacht: {_verwacht(catalogus)}.")
            continue
        raise EtlFout(f"Import {pad.name}: onbekende indeling (kolommen {kolommen[:8]}). Verwacht: "
                      f"{_verwacht(catalogus)}. Het bestand is niet geladen.")
    return bronnen
