"""Tabellen als bestand (CSV en Excel), veilig en met echte getallen.

De onderste laag onder de export en de beleidspagina's: geen kennis van cijfers of beleid, wel
van wat een spreadsheet gevaarlijk of onleesbaar maakt (formule-injectie, NaN, datums).
"""

from __future__ import annotations

import datetime as dt
import io
import math
from collections.abc import Mapping, Sequence
from typing import Any, Literal

import pandas as pd

#: Tekens waarmee Excel (of LibreOffice) een cel als formule kan lezen.
GEVAARLIJK_BEGIN = ("=", "+", "-", "@", "\t", "\r")


def zonder_na(x: Any) -> Any:
    """pandas-NA/NaN/NaT → None, numpy-getallen → Python-getallen (voor schrijven en JSON)."""
    if x is None:
        return None
    try:
        if pd.isna(x):
            return None
    except (TypeError, ValueError):
        return x
    if hasattr(x, "item") and not isinstance(x, (str, bytes)):
        try:
            return x.item()
        except (ValueError, AttributeError):
            return x
    return x


def als_datum(x: Any) -> dt.date | None:
    x = zonder_na(x)
    if x is None:
        return None
    if isinstance(x, dt.datetime):
        return x.date()
    if isinstance(x, dt.date):
        return x
    if isinstance(x, str):
        try:
            return dt.date.fromisoformat(x.strip()[:10])
        except ValueError:
            return None
    if isinstance(x, pd.Timestamp):
        return x.date()
    return None


def als_datumtijd(x: Any) -> dt.datetime | None:
    x = zonder_na(x)
    if x is None:
        return None
    if isinstance(x, pd.Timestamp):
        x = x.to_pydatetime()
    if isinstance(x, dt.datetime):
        return x.replace(tzinfo=None, microsecond=0)
    if isinstance(x, dt.date):
        return dt.datetime(x.year, x.month, x.day)
    if isinstance(x, str):
        try:
            return dt.datetime.fromisoformat(x.strip()).replace(tzinfo=None, microsecond=0)
        except ValueError:
            return None
    return None


def neutraliseer(waarde: Any) -> Any:
    """Zet een apostrof voor tekst die Excel als formule zou lezen (``=``, ``+``, ``-``, ``@``,
    TAB, CR). Alleen voor tekst: een negatief getal blijft een getal."""
    if isinstance(waarde, str) and waarde.startswith(GEVAARLIJK_BEGIN):
        return "'" + waarde
    return waarde


def _getal_tekst(x: Any, decimaal: str) -> str:
    """Het kortste decimale getal dat exact terugleest (repr), zonder '.0' en zonder e-notatie
    voor gewone groottes; met decimaalkomma voor de Nederlandse smaak."""
    w = zonder_na(x)
    if w is None:
        return ""
    f = float(w)
    if not math.isfinite(f):
        return ""
    t = repr(f)
    if t.endswith(".0"):
        t = t[:-2]
    return t.replace(".", decimaal) if decimaal != "." else t


def tabel_csv(frame: pd.DataFrame, smaak: Literal["nl", "plain"] = "nl") -> bytes:
    """Een tabel als CSV.

    - ``"nl"``: voor Nederlandse Excel: ``;`` als scheidingsteken, decimaalkomma, datums als
      dd-mm-jjjj, UTF-8 met BOM (anders leest Excel ë en € verkeerd) en CRLF-regeleinden.
    - ``"plain"``: voor analisten en scripts: ``,``, decimaalpunt, ISO-datums, UTF-8 zonder BOM.

    In beide smaken krijgt tekst die met ``= + - @ TAB CR`` begint een apostrof (OWASP).
    """
    frame = frame.copy()
    nl = smaak == "nl"
    uit = pd.DataFrame(index=frame.index)
    for kolom in frame.columns:
        reeks = frame[kolom]
        if kolom in ("Waarde", "Basiscijfer") or pd.api.types.is_float_dtype(reeks):
            uit[kolom] = [_getal_tekst(x, "," if nl else ".") for x in reeks]
        elif pd.api.types.is_integer_dtype(reeks):
            uit[kolom] = ["" if zonder_na(x) is None else str(int(x)) for x in reeks]
        elif kolom == "Peildatum" or any(isinstance(x, dt.date) for x in reeks.head(50)):
            uit[kolom] = ["" if (d := als_datum(x)) is None else
                          (d.strftime("%d-%m-%Y") if nl else d.isoformat()) for x in reeks]
        else:
            uit[kolom] = ["" if zonder_na(x) is None else neutraliseer(str(x)) for x in reeks]
    tekst = uit.to_csv(index=False, sep=";" if nl else ",",
                       lineterminator="\r\n" if nl else "\n")
    return tekst.encode("utf-8-sig" if nl else "utf-8")


def tabellen_werkboek(tabellen: Mapping[str, pd.DataFrame], toelichting: Sequence[tuple[str, str]]
                ) -> bytes:  # fmt: skip
    """Eén werkmap: een blad 'Toelichting' (keuzes, methode, bron) plus een blad per tabel.

    Echte getallen (geen opgemaakte tekst), kop vastgezet, filter aan, tekst die met = begint
    blijft tekst (``strings_to_formulas=False``).
    """
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="xlsxwriter", engine_kwargs={"options": {
            "strings_to_formulas": False, "strings_to_urls": False}}) as xl:  # fmt: skip
        pd.DataFrame(toelichting, columns=["onderdeel", "toelichting"]).to_excel(
            xl, sheet_name="Toelichting", index=False)
        xl.sheets["Toelichting"].set_column(0, 0, 28)
        xl.sheets["Toelichting"].set_column(1, 1, 110)
        for naam, df in tabellen.items():
            blad = naam[:31]
            df.to_excel(xl, sheet_name=blad, index=False)
            ws = xl.sheets[blad]
            ws.freeze_panes(1, 0)
            if len(df.columns):
                ws.autofilter(0, 0, max(len(df), 1), len(df.columns) - 1)
            for i, kol in enumerate(df.columns):
                breedte = max([len(str(kol)), *(len(str(v)) for v in df[kol].head(50))])
                ws.set_column(i, i, min(max(breedte + 2, 10), 80))
    return buf.getvalue()
