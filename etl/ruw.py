"""Shared shapes and parsing for raw source data, before it becomes tidy."""

from __future__ import annotations

import csv
import io
import math
import re
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Literal

import pandas as pd

from etl.config import KWB_NEDERLAND, NEDERLAND
from etl.fouten import EtlFout

GEMEENTE_OF_LAND = re.compile(r"^(GM\d{4}|NL01)$")
GEEN_GEMEENTE = {"GM0998", "GM9999"}  # "Buitenland" and empty placeholders in map files
ONTBREKEND = {"", ".", "..", "x", "-", "NA", "nan", "None"}
Decimaal = Literal["punt", "komma"]
# A whole number or a decimal with a point; no thousands separator, no exponent, no '1_000'.
PUNT_GETAL = re.compile(r"[+-]?\d+(\.\d+)?")
# Decimal comma, optionally with correctly grouped thousands points ('1.234,5').
KOMMA_GETAL = re.compile(r"[+-]?(\d+|\d{1,3}(\.\d{3})+)(,\d+)?")


@dataclass(frozen=True)
class NietGeladen:
    """A line or column deliberately not loaded: one row of the table `niet_geladen`.

    `reden` is a Dutch sentence for the reader of the Bronnen page: no file names, column labels
    or indicator keys in it. Those go in their own fields, for staff and audit: `indicator_key`
    (the page shows its title), `inhoud` (what the line says: region, year, value, in Dutch
    notation), `bestand` and `kolom` (where in the source).
    """

    regel: str  # the line number in `bestand`, or "kolom"/"kop" when a whole column is absent
    reden: str
    indicator_key: str | None = None
    inhoud: str | None = None
    bestand: str | None = None
    kolom: str | None = None


NIET_GELADEN_KOLOMMEN = ["bron_id", *(f.name for f in fields(NietGeladen))]


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
    niet_geladen: list[NietGeladen] = field(default_factory=list)
    bestand: str | None = None  # file name for error messages; `frame["regel"]` holds the line
    decimaal: Decimaal = "punt"  # the file's declared number dialect
    regelwoord: str = "regel"  # "record" for a JSON list
    status_per_indicator: dict[str, str] = field(default_factory=dict)  # from the table's metadata

    def plaats(self, regel: object) -> str:
        """'bestand.csv regel 12' for error messages, or '' when the source has no lines."""
        if not self.bestand:
            return ""
        return f"{self.bestand} {self.regelwoord} {regel}" if regel is not None else self.bestand


def basisnaam(key: str) -> str:
    """CBS column key without its position suffix: 'AantalInwoners_5' -> 'AantalInwoners'."""
    return re.sub(r"_\d+$", "", key)


def zoek_kolommen(
    beschikbaar: list[str], gewenst: dict[str, str | list[str]], tabel: str,
    ontbrekend_mag: list[str] | tuple[str, ...] = (),
) -> dict[str, str]:
    """Resolve wanted base names against the keys a table really has.

    CBS renumbers column suffixes between editions and even between versions of one table,
    so a hard-coded `_94` breaks silently; matching on the base name does not. Indicators in
    `ontbrekend_mag` may be absent (an edition without that topic): they are left out of the
    result, and the caller records why in `niet_geladen`.
    """
    per_basis: dict[str, list[str]] = {}
    for key in beschikbaar:
        per_basis.setdefault(basisnaam(key), []).append(key)
    gevonden: dict[str, str] = {}
    for indicator, namen in gewenst.items():
        kandidaten = [namen] if isinstance(namen, str) else list(namen)
        treffers = [k for naam in kandidaten for k in per_basis.get(naam, [])]
        if not treffers and indicator in ontbrekend_mag:
            continue
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


def getal(ruw: object, ontbrekend: set[str] = ONTBREKEND, decimaal: Decimaal = "punt",
          geheel: bool = False) -> float | None:
    """Parse a source cell by the file's declared dialect; None means the source has no figure.

    Never a silent reinterpretation: '87.461' in a count, '1,5' in a decimal-point file, or
    '87.461' in a decimal-comma file (87461 or 87,461?) raise ValueError with a Dutch reason.
    """
    if ruw is None:
        return None
    if isinstance(ruw, bool):
        raise ValueError(f"'{ruw}' is geen getal")
    if isinstance(ruw, (int, float)):
        if isinstance(ruw, float) and math.isnan(ruw):
            return None
        waarde = float(ruw)
    else:
        tekst = str(ruw).strip()
        if tekst in ontbrekend or tekst in ONTBREKEND:
            return None
        if decimaal == "komma":
            if not KOMMA_GETAL.fullmatch(tekst):
                raise ValueError(f"'{tekst}' is geen getal (dit bestand gebruikt een decimale komma)")
            if "." in tekst and "," not in tekst:
                raise ValueError(f"'{tekst}' is dubbelzinnig: met een decimale komma is het "
                                 f"{tekst.replace('.', '')}, met een decimale punt {tekst}")
            waarde = float(tekst.replace(".", "").replace(",", "."))
        else:
            if "," in tekst:
                raise ValueError(f"'{tekst}' heeft een komma, maar dit bestand gebruikt een decimale punt "
                                 "(en geen scheidingsteken voor duizendtallen)")
            if not PUNT_GETAL.fullmatch(tekst):
                raise ValueError(f"'{tekst}' is geen getal")
            waarde = float(tekst)
    if geheel and not waarde.is_integer():
        raise ValueError(f"'{ruw}' is een aantal met een deel achter de komma; staat er een punt "
                         "als scheidingsteken voor duizendtallen?")
    return waarde


def lees_csv(pad: Path, tabel: str, herstel_aanhalingstekens: bool = False) -> pd.DataFrame:
    """Read a CSV strictly as text, guessing ';' or ',' from the header.

    A row with more or fewer fields than the header, an unclosed quote or bytes that are not
    UTF-8 stop the build with the file name and line: a truncated file never loads half.
    The frame's index is the line number in the file, for later error messages.
    """
    try:
        data = pad.read_bytes()
    except FileNotFoundError as fout:
        raise EtlFout(f"Tabel {tabel}: het bestand {pad.name} ontbreekt.") from fout
    try:
        tekst = data.decode("utf-8-sig")
    except UnicodeDecodeError as fout:
        regel = data[: fout.start].count(b"\n") + 1
        raise EtlFout(f"Tabel {tabel}: {pad.name} regel {regel} is geen geldige UTF-8-tekst "
                      "(sla het bestand op als UTF-8).") from fout
    if herstel_aanhalingstekens:
        # StatLine's export doubles its quotes; lines holding only '"' become empty, so line
        # numbers keep matching the file.
        tekst = tekst.replace('""', '"')
        tekst = "\n".join("" if r.strip() == '"' else r for r in tekst.split("\n"))
    kop_tekst = tekst.split("\n", 1)[0]
    sep = ";" if kop_tekst.count(";") > kop_tekst.count(",") else ","
    lezer = csv.reader(io.StringIO(tekst, newline=""), delimiter=sep, strict=True)
    rijen: list[list[str]] = []
    regels: list[int] = []
    try:
        kop = next(lezer, None)
        if not kop:
            raise EtlFout(f"Tabel {tabel}: {pad.name} is leeg.")
        vorige = lezer.line_num
        for rij in lezer:
            begin, vorige = vorige + 1, lezer.line_num
            if not rij:
                continue
            if len(rij) != len(kop):
                raise EtlFout(
                    f"Tabel {tabel}: {pad.name} regel {begin} heeft {len(rij)} velden, de kop heeft er "
                    f"{len(kop)}. Het bestand is afgekapt of beschadigd en is niet geladen.")
            rijen.append(rij)
            regels.append(begin)
    except csv.Error as fout:
        raise EtlFout(f"Tabel {tabel}: {pad.name} regel {lezer.line_num} is geen geldige CSV ({fout}; "
                      "bijvoorbeeld een aanhalingsteken dat niet gesloten wordt). Het bestand is "
                      "niet geladen.") from fout
    if not rijen:
        raise EtlFout(f"Tabel {tabel}: {pad.name} bevat geen rijen.")
    # object columns: four times faster to build than pandas' arrow strings, same behaviour here
    return pd.DataFrame(rijen, columns=kop, index=pd.Index(regels, name="regel"), dtype=object)
