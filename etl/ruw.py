"""Shared shapes and parsing for raw source data, before it becomes tidy."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from etl.config import KWB_NEDERLAND, NEDERLAND
from etl.fouten import EtlFout

GEMEENTE_OF_LAND = re.compile(r"^(GM\d{4}|NL01)$")
GEEN_GEMEENTE = {"GM0998", "GM9999"}  # "Buitenland" and empty placeholders in map files
ONTBREKEND = {"", ".", "..", "x", "-", "NA", "nan", "None"}


@dataclass
class Ruw:
    """Raw rows of one source: one row per region and year, one column per indicator.

    `frame` has regio_code, regio_naam, jaar, periode_status and one column per indicator key
    holding the value as the source wrote it. `bron_kolom` says which source column each
    indicator came from (with its position suffix), for provenance.
    """

    frame: pd.DataFrame
    bron_kolom: dict[str, str]
    versie: str | None = None
    opgehaald_op: str | None = None
    lege_rijen_overslaan: bool = False
    niet_geladen: list[tuple[str, str]] = field(default_factory=list)


def basisnaam(key: str) -> str:
    """CBS column key without its position suffix: 'AantalInwoners_5' -> 'AantalInwoners'."""
    return re.sub(r"_\d+$", "", key)


def zoek_kolommen(
    beschikbaar: list[str], gewenst: dict[str, str | list[str]], tabel: str
) -> dict[str, str]:
    """Resolve wanted base names against the keys a table really has.

    CBS renumbers column suffixes between editions and even between versions of one table,
    so a hard-coded `_94` breaks silently; matching on the base name does not.
    """
    per_basis: dict[str, list[str]] = {}
    for key in beschikbaar:
        per_basis.setdefault(basisnaam(key), []).append(key)
    gevonden: dict[str, str] = {}
    for indicator, namen in gewenst.items():
        kandidaten = [namen] if isinstance(namen, str) else list(namen)
        treffers = [k for naam in kandidaten for k in per_basis.get(naam, [])]
        if not treffers:
            raise EtlFout(
                f"Tabel {tabel}: de kolom '{' of '.join(kandidaten)}' voor indicator "
                f"'{indicator}' bestaat niet (meer). Controleer de catalogus of de CBS-tabel."
            )
        if len(treffers) > 1:
            raise EtlFout(f"Tabel {tabel}: kolom '{kandidaten[0]}' is niet eenduidig: {treffers}.")
        gevonden[indicator] = treffers[0]
    return gevonden


def regiocode(ruwe_code: object) -> str | None:
    """Strip CBS padding, map KWB's NL00 to NL01, drop non-municipal rows."""
    if ruwe_code is None or (isinstance(ruwe_code, float) and math.isnan(ruwe_code)):
        return None
    code = str(ruwe_code).strip()
    if code == KWB_NEDERLAND:
        code = NEDERLAND
    if not GEMEENTE_OF_LAND.match(code) or code in GEEN_GEMEENTE:
        return None
    return code


def getal(ruw: object, ontbrekend: set[str] = ONTBREKEND, decimaalkomma: bool = False) -> float | None:
    """Parse a source cell; None means the source has no figure (never 0)."""
    if ruw is None:
        return None
    if isinstance(ruw, (int, float)):
        return None if isinstance(ruw, float) and math.isnan(ruw) else float(ruw)
    tekst = str(ruw).strip()
    if tekst in ontbrekend or tekst in ONTBREKEND:
        return None
    if decimaalkomma:
        tekst = tekst.replace(".", "").replace(",", ".")
    try:
        return float(tekst)
    except ValueError as fout:
        raise ValueError(f"'{tekst}' is geen getal") from fout


def lees_csv(pad: Path, tabel: str, herstel_aanhalingstekens: bool = False) -> pd.DataFrame:
    """Read a CSV as text, guessing ';' or ',' from the header; errors name the table."""
    try:
        tekst = pad.read_text(encoding="utf-8-sig")
    except FileNotFoundError as fout:
        raise EtlFout(f"Tabel {tabel}: het bestand {pad.name} ontbreekt in de snapshot.") from fout
    except UnicodeDecodeError as fout:
        raise EtlFout(f"Tabel {tabel}: {pad.name} is geen geldig UTF-8-bestand.") from fout
    if herstel_aanhalingstekens:
        tekst = tekst.replace('""', '"')
        tekst = "\n".join(r for r in tekst.splitlines() if r.strip() != '"')
    kop = tekst.split("\n", 1)[0]
    sep = ";" if kop.count(";") > kop.count(",") else ","
    from io import StringIO

    try:
        frame = pd.read_csv(StringIO(tekst), sep=sep, dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as fout:
        raise EtlFout(f"Tabel {tabel}: {pad.name} is geen leesbare CSV ({fout}).") from fout
    if frame.empty:
        raise EtlFout(f"Tabel {tabel}: {pad.name} bevat geen rijen.")
    return frame
