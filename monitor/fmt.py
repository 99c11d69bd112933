"""Nederlandse notatie van getallen, bedragen, percentages, jaren en datums.

Eén plek voor alle tekst die de monitor om een getal heen zet (titels, kerncijfers, zinnen,
hovers), zodat elke pagina hetzelfde schrijft: ``42.600``, ``7,1%``, ``€ 42.600``, ``2024*``.

Vaste keuzes, hier één keer vastgelegd:

- **Afronden** gaat "half omhoog" (``0,05`` wordt ``0,1``; ``-0,05`` wordt ``-0,1``), zoals CBS
  en de lezer het gewend zijn. Babel rondt zelf "half naar even" af (``0,25`` zou ``0,2``
  worden), dus we ronden vóór Babel af. We ronden de decimale weergave van een float af
  (``2.675`` → ``2,68``), niet de binaire waarde (``2,67499…``): de lezer ziet ``2,675`` in de data.
- **Minteken** is overal het echte minteken U+2212 (``−``), nooit het koppelteken dat Babel geeft.
  Plotly gebruikt hetzelfde teken in zijn asticks, dus tekst en grafiek zien er gelijk uit.
  Nul na afronden krijgt geen teken (geen ``−0,0``).
- **Spaties**: tussen ``€`` en het bedrag staat een harde spatie (U+00A0, :data:`EURO`), zodat
  een regel nooit breekt tussen het teken en het getal ("Wageningen €" / "31.100"). Verder
  gewone spaties. Code die een bedrag weer uitleest, gebruikt :data:`EURO`, geen ``"€ "``.
- **Geen cijfer**: ``None``, ``NaN``, ``pd.NA`` en oneindig worden ``"geen cijfer"``. Oneindig
  ontstaat bij delen door nul in afgeleide cijfers en is voor een lezer net zo goed geen cijfer.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from babel.dates import format_date
from babel.numbers import format_decimal

LOCALE = "nl_NL"
GEEN_CIJFER = "geen cijfer"
MIN = "\u2212"  # echt minteken; zie de moduledocstring
EURO = "€\u00a0"  # euroteken met harde spatie; zie de moduledocstring
PLUS = "+"

#: Voor ``fig.update_layout(separators=PLOTLY_SEPARATORS)``: decimaalkomma, punt voor duizendtallen.
PLOTLY_SEPARATORS = ",."

__all__ = [
    "EURO",
    "GEEN_CIJFER",
    "LOCALE",
    "MIN",
    "PLOTLY_SEPARATORS",
    "afgerond",
    "datum",
    "een_op_n",
    "euro",
    "getal",
    "periode",
    "procent",
    "toon_decimalen",
    "verschil",
    "waarde",
    "waarde_van",
]


# ----------------------------------------------------------------------------- interne hulpjes


def _als_decimal(x: Any) -> Decimal | None:
    """Zet een getal om naar Decimal, of None als er niets te tonen valt (None/NaN/NA/oneindig).

    Floats gaan via ``str()`` zodat de kortste decimale weergave (wat de lezer in de data ziet)
    wordt afgerond, niet de binaire benadering.
    """
    if x is None or isinstance(x, bool):
        return None
    try:
        if isinstance(x, Decimal):
            d = x
        elif isinstance(x, int):
            d = Decimal(x)
        else:
            f = float(x)  # ook numpy-getallen; pd.NA geeft hier TypeError
            if not math.isfinite(f):
                return None
            d = Decimal(str(f))
    except (TypeError, ValueError, InvalidOperation):
        return None
    return d if d.is_finite() else None


def _afgerond(d: Decimal, decimalen: int) -> Decimal:
    """Rond half omhoog (van nul af) af en maak van ``-0`` een gewone nul."""
    r = d.quantize(Decimal(1).scaleb(-decimalen), rounding=ROUND_HALF_UP)
    return abs(r) if r == 0 else r


def _patroon(decimalen: int) -> str:
    return "#,##0" + ("." + "0" * decimalen if decimalen > 0 else "")


def _absoluut(d: Decimal, decimalen: int) -> str:
    """Het afgeronde getal zonder teken, met Nederlandse scheidingstekens."""
    return format_decimal(abs(d), format=_patroon(decimalen), locale=LOCALE)


def _met_teken(d: Decimal, decimalen: int, *, plus: bool) -> str:
    """Afronden en opmaken met ons eigen minteken; ``plus=True`` zet ``+`` voor waarden boven 0."""
    r = _afgerond(d, decimalen)
    teken = MIN if r < 0 else (PLUS if plus and r > 0 else "")
    return teken + _absoluut(r, decimalen)


def _is_geheel(d: Decimal) -> bool:
    return d == d.to_integral_value()


# ----------------------------------------------------------------------------- publieke functies


def getal(x: float | None, decimalen: int = 0) -> str:
    """``42600`` → ``"42.600"``; ``7.1`` (1 decimaal) → ``"7,1"``; geen waarde → ``"geen cijfer"``.

    Het aantal decimalen staat altijd vast (``7`` met 1 decimaal wordt ``"7,0"``), zodat getallen
    in een rij of tabel even lang zijn en niet meer precisie suggereren dan er is.
    """
    d = _als_decimal(x)
    if d is None:
        return GEEN_CIJFER
    return _met_teken(d, decimalen, plus=False)


def procent(x: float | None, decimalen: int = 1) -> str:
    """``7.1`` → ``"7,1%"``. De waarde is al een percentage (CBS levert 7,1, niet 0,071).

    Geen spatie voor het procentteken: zo schrijven CBS en de Nederlandse CLDR-notatie het.
    """
    d = _als_decimal(x)
    if d is None:
        return GEEN_CIJFER
    return _met_teken(d, decimalen, plus=False) + "%"


def euro(x: float | None, decimalen: int = 0) -> str:
    """``42600`` → ``"€ 42.600"``; ``-13000`` → ``"€ −13.000"`` (met een harde spatie, :data:`EURO`).

    Gebouwd met ``format_decimal`` en niet met ``format_currency``: die laatste geeft standaard
    altijd twee decimalen, een harde spatie na het euroteken en (met een eigen patroon) het
    minteken vóór het euroteken (``-€ 13.000``). Zo houden we afronden en minteken gelijk aan de
    andere functies. Het minteken staat ná ``€``, zoals in de Nederlandse notatie
    ``€ -13.000,00``. De harde spatie houdt teken en bedrag op één regel.
    """
    d = _als_decimal(x)
    if d is None:
        return GEEN_CIJFER
    return EURO + _met_teken(d, decimalen, plus=False)


def een_op_n(per_1000: float | None) -> str:
    """``83.3`` per 1.000 inwoners → ``"1 op de 12"``: een maat die lezers zich kunnen voorstellen.

    N = 1.000 / per_1000, afgerond op een geheel getal. Nul of minder geeft ``"geen cijfer"``
    (bij nul is er geen "1 op de N"; negatief kan niet).
    """
    d = _als_decimal(per_1000)
    if d is None or d <= 0:
        return GEEN_CIJFER
    return _een_op(Decimal(1000) / d)


def _een_op(n: Decimal) -> str:
    r = _afgerond(n, 0)
    if r < 1:  # meer dan 1.000 per 1.000 kan niet als "1 op de N" gelezen worden
        return GEEN_CIJFER
    return "1 op de " + _absoluut(r, 0)


def toon_decimalen(x: float | None, eenheid: str, decimalen: int | None = None) -> int | None:
    """Met hoeveel decimalen :func:`waarde` dit getal toont (None: geen cijfer of "1 op de N").

    Eén plek voor de regel, zodat wie met getoonde cijfers rekent (een verschil dat een lezer met
    de hand narekent) dezelfde afronding gebruikt.
    """
    e = (eenheid or "").strip()
    if decimalen is not None:
        return None if e == "1 op de N inwoners" else decimalen
    if e == "%" or e.startswith("per 1.000 inwoners"):
        return 1
    if e in ("euro", "aantal"):
        return 0
    if e == "1 op de N inwoners":
        return None
    d = _als_decimal(x)
    return 0 if d is None or _is_geheel(d) else 1


def afgerond(x: float | None, eenheid: str, decimalen: int | None = None) -> Decimal | None:
    """Het getal precies zoals :func:`waarde` het toont (``11.46`` bij "%" → ``Decimal("11.5")``),
    om mee te rekenen; None als er geen cijfer is."""
    d = _als_decimal(x)
    n = toon_decimalen(x, eenheid, decimalen)
    return None if d is None or n is None else _afgerond(d, n)


def waarde_van(rij: Mapping[str, Any], eenheid: str) -> str:
    """De waarde van een cijfer uit ``store.reeks``, niet preciezer dan de bron publiceert.

    ``decimalen_bron`` (uit de catalogus) is grover dan de standaard van de eenheid bij bijv. PDOK
    2022 (hele procenten): ``10`` → ``"10%"``, niet ``"10,0%"``. Die nul achter de komma zou een
    precisie suggereren die de bron niet heeft, en een afrondingsverschil (5,0 → 4 → 4,8) op
    een echte daling laten lijken.
    """
    x = rij.get("waarde")
    try:
        bron = int(rij.get("decimalen_bron"))  # type: ignore[arg-type]
    except (TypeError, ValueError):  # None, NaN, pd.NA: de catalogus zegt niets
        bron = None
    standaard = toon_decimalen(x, eenheid)
    if standaard is not None and bron is not None and 0 <= bron < standaard:
        return waarde(x, eenheid, bron)
    return waarde(x, eenheid)


def waarde(x: float | None, eenheid: str, decimalen: int | None = None) -> str:
    """Een waarde in de notatie die bij de eenheid uit de indicatorcatalogus hoort.

    ``"%"`` → procent (1 decimaal), ``"euro"`` → euro (0), ``"aantal"`` → getal (0),
    ``"per 1.000 inwoners"`` (ook ``"… per maand"``) → getal (1),
    ``"1 op de N inwoners"`` → ``"1 op de 12"`` (de waarde is N zelf; altijd een geheel getal).
    Andere eenheden: 1 decimaal als de waarde geen geheel getal is, anders 0.
    ``decimalen`` overschrijft de standaard (niet bij "1 op de N").
    """
    e = (eenheid or "").strip()
    if e == "1 op de N inwoners":
        d = _als_decimal(x)
        return GEEN_CIJFER if d is None else _een_op(d)
    n = toon_decimalen(x, e, decimalen)
    assert n is not None  # alleen "1 op de N" heeft geen vaste decimalen
    if e == "%":
        return procent(x, n)
    if e == "euro":
        return euro(x, n)
    return getal(x, n)


def verschil(x: float | None, eenheid: str, decimalen: int | None = None) -> str:
    """Verschil met teken: ``"+1,2 procentpunt"``, ``"−13.000 euro"``, ``"+250"``.

    Altijd een teken (``+`` of ``−``, zie de moduledocstring), zodat de richting zonder kleur te
    lezen is. Een verschil van nul (na afronden) krijgt geen teken. Bij ``"%"`` is het verschil in
    procentpunten, niet in procenten. Decimalen volgen :func:`waarde`; bij ``"1 op de N inwoners"``
    is het een verschil in N (geheel getal).
    """
    d = _als_decimal(x)
    if d is None:
        return GEEN_CIJFER
    e = (eenheid or "").strip()
    if e == "%":
        return _met_teken(d, 1 if decimalen is None else decimalen, plus=True) + " procentpunt"
    if e == "euro":
        return _met_teken(d, 0 if decimalen is None else decimalen, plus=True) + " euro"
    if decimalen is None:
        if e == "aantal" or e == "1 op de N inwoners":
            decimalen = 0
        elif e.startswith("per 1.000 inwoners"):
            decimalen = 1
        else:
            decimalen = 0 if _is_geheel(d) else 1
    return _met_teken(d, decimalen, plus=True)


def periode(jaar: int | None, status: str | None) -> str:
    """``2024`` + ``"voorlopig"`` → ``"2024*"``; ``"nader voorlopig"`` → ``"2024**"``.

    Definitief of een onbekende status → ``"2024"``. Dezelfde sterretjes als StatLine, zodat een
    lezer voorlopige cijfers herkent. Hoofdletters tellen niet mee (CBS schrijft ``Voorlopig``).
    Het jaar krijgt geen duizendtalpunt (nooit ``2.024``).
    """
    if jaar is None:
        return "onbekend jaar"
    try:
        if isinstance(jaar, float) and not math.isfinite(jaar):
            return "onbekend jaar"
        tekst = str(int(jaar))
    except (TypeError, ValueError):
        return "onbekend jaar"
    s = (status or "").strip().lower()
    if s == "voorlopig":
        return tekst + "*"
    if s == "nader voorlopig":
        return tekst + "**"
    return tekst


def datum(d: dt.date | dt.datetime | str | None) -> str:
    """``date(2024, 1, 1)`` → ``"1 januari 2024"``: voluit leest beter in een zin dan 01-01-2024.

    Accepteert ook een datetime (of pandas Timestamp) en een ISO-tekst (``"2024-01-01"``).
    Geen datum → ``"onbekende datum"``.
    """
    if d is None:
        return "onbekende datum"
    if isinstance(d, str):
        try:
            d = dt.date.fromisoformat(d.strip()[:10])
        except ValueError:
            return "onbekende datum"
    if d != d:  # pandas NaT is ongelijk aan zichzelf, net als NaN
        return "onbekende datum"
    if isinstance(d, dt.datetime):
        d = d.date()
    if not isinstance(d, dt.date):
        return "onbekende datum"
    return format_date(d, format="d MMMM y", locale=LOCALE)
