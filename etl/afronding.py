"""Het bereik waarin een cijfer ligt omdat CBS de aantallen waaruit het komt afrondt.

CBS publiceert uitkeringen per gemeente afgerond op tientallen (catalogus: ``afgerond_op = 10``).
Een gepubliceerde 0 is echt 0 tot en met 4, een 10 is 5 tot en met 14. Voor een grote gemeente
maakt dat niets uit, voor Ameland wel: 0 bijstand per 1.000 inwoners is echt 0 tot 1,04. De ETL
bewaart daarom bij elk aantal en elk cijfer dat eruit berekend is het bereik
(``afronding_laag``/``afronding_hoog`` in ``waarneming``), zodat de pagina's geen precisie
claimen die er niet is. Beide leeg = niet uit afgeronde aantallen; alleen de bovengrens leeg =
onbegrensd (1 op de N bij een aantal dat 0 kan zijn).

Dezelfde regels staan in SQL in :mod:`etl.load` (``AFRONDING_AANTAL_SQL``, ``AFGELEID_SQL`` en
``SOM_SQL``, voor alle gemeenten tegelijk); :func:`bereik_verhouding` rekent Nederland als
verhouding van sommen, en de tests houden SQL en Python gelijk.
"""

from __future__ import annotations

from typing import NamedTuple


class Bereik(NamedTuple):
    """Een cijfer met zijn bereik; ``laag is None``: exact (niet afgerond); ``hoog is None`` bij
    een ``laag``: onbegrensd."""

    waarde: float
    laag: float | None = None
    hoog: float | None = None


def onder_en_boven(afgerond_op: int) -> tuple[int, int]:
    """Hoeveel het echte (gehele) aantal onder en boven het afgeronde kan liggen.

    Half naar boven afronden op ``k``: het echte aantal x gaat naar c als c - k/2 <= x < c + k/2,
    dus van ``c - k // 2`` tot en met ``c + (k + 1) // 2 - 1``. Bij tientallen: c - 5 tot c + 4.
    """
    return afgerond_op // 2, (afgerond_op + 1) // 2 - 1


def _grenzen(b: Bereik) -> tuple[float, float | None]:
    """(laag, hoog) van een cijfer; een exact cijfer is zijn eigen grens, ``hoog`` None = onbegrensd."""
    return (b.waarde, b.waarde) if b.laag is None else (b.laag, b.hoog)


def bereik_verhouding(factor: float, teller: Bereik, noemer: Bereik) -> tuple[float | None, float | None]:
    """(laag, hoog) van ``factor × teller / noemer`` uit de bereiken van teller en noemer.

    De kleinste uitkomst is de kleinste teller gedeeld door de grootste noemer, de grootste
    uitkomst andersom. Kan de noemer 0 zijn (een afgeronde 0), dan is de bovengrens onbegrensd
    (None). Geen van beide afgerond: ``(None, None)``, er is geen bereik te melden. Een noemer die
    zeker 0 is geeft geen cijfer en dus ook geen bereik.
    """
    if teller.laag is None and noemer.laag is None:
        return None, None
    t_laag, t_hoog = _grenzen(teller)
    n_laag, n_hoog = _grenzen(noemer)
    if n_hoog == 0:
        return None, None
    laag = 0.0 if n_hoog is None else factor * t_laag / n_hoog
    hoog = None if t_hoog is None or n_laag == 0 else factor * t_hoog / n_laag
    return laag, hoog

