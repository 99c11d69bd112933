"""CSV-export in twee smaken: ``nl`` (``;``, decimaalkomma, voor Excel) en ``plain`` (``,``, punt)."""

from __future__ import annotations

import pandas as pd

from monitor.export.model import CSV_SMAKEN, CsvSmaak, ExportData, ExportFout
from monitor.export.tabellen import cijfertabel
from monitor.tabelbestand import tabel_csv


def csv_bytes(data: ExportData | pd.DataFrame, smaak: CsvSmaak = "nl") -> bytes:
    """De cijfertabel van een export (of een ander frame) als CSV; zie ``tabel_csv``."""
    if smaak not in CSV_SMAKEN:
        raise ExportFout(f"Onbekende CSV-smaak '{smaak}': kies 'nl' of 'plain'.")
    return tabel_csv(cijfertabel(data) if isinstance(data, ExportData) else data, smaak)
