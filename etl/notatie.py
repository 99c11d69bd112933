"""Dutch notation for the texts the ETL writes (reasons, messages, version labels).

The ETL must not import the dashboard (`monitor`): data flows one way. These few helpers give
the same output as `monitor.fmt.getal` and `monitor.fmt.datum` (same library, Babel, and the
same choices: round half up, a real minus sign U+2212, `d MMMM y`); `tests/test_etl_tekst.py`
checks that both stay identical.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from zoneinfo import ZoneInfo

from babel.dates import format_date
from babel.numbers import format_decimal

LOCALE = "nl_NL"
MIN = "\u2212"  # real minus sign, as monitor.fmt writes it
TIJDZONE = ZoneInfo("Europe/Amsterdam")  # a timestamp with a time zone is dated in Dutch time


def getal(x: float | Decimal, decimalen: int = 0) -> str:
    """``42600`` → ``"42.600"``; ``7.1`` with 1 decimal → ``"7,1"``; ``-3`` → ``"−3"``."""
    try:
        d = x if isinstance(x, Decimal) else Decimal(x) if isinstance(x, int) else Decimal(str(float(x)))
    except (TypeError, ValueError, InvalidOperation):
        return str(x)
    if not d.is_finite():
        return str(x)
    r = d.quantize(Decimal(1).scaleb(-decimalen), rounding=ROUND_HALF_UP)
    r = abs(r) if r == 0 else r
    patroon = "#,##0" + ("." + "0" * decimalen if decimalen > 0 else "")
    return (MIN if r < 0 else "") + format_decimal(abs(r), format=patroon, locale=LOCALE)


def datum(d: dt.date | dt.datetime | str | None) -> str | None:
    """``"2023-09-13"`` → ``"13 september 2023"``; a timestamp with a time zone
    (``"2026-04-20T22:30:00+00:00"``) is dated in Dutch time (21 april 2026). None when there is
    no readable date, so the caller says in its own words that the date is unknown."""
    if d is None:
        return None
    if isinstance(d, str):
        tekst = d.strip()
        try:
            d = dt.datetime.fromisoformat(tekst)
        except ValueError:
            try:
                d = dt.date.fromisoformat(tekst[:10])
            except ValueError:
                return None
    if isinstance(d, dt.datetime):
        if d.tzinfo is not None:
            d = d.astimezone(TIJDZONE)
        d = d.date()
    if not isinstance(d, dt.date):
        return None
    return format_date(d, format="d MMMM y", locale=LOCALE)


def zin(tekst: str) -> str:
    """A reason as a sentence: capital first letter, full stop at the end."""
    tekst = tekst.strip()
    if not tekst:
        return tekst
    tekst = tekst[:1].upper() + tekst[1:]
    return tekst if tekst[-1] in ".!?" else tekst + "."
