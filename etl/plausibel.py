"""Plausibility of a new build against the last good database.

A file cut at a row boundary, or a wrong column, can still be well-formed. What gives it away
is the comparison: a source that suddenly has far fewer regions or figures, or a gemeente whose
inhabitants jump by more than 15% in a year without any municipal reorganisation. Such a build
stops with the list; a person who has read it may accept it (`--accepteer-verschil`).
"""

from __future__ import annotations

from pathlib import Path

import duckdb

MAX_VERLIES = 0.05  # a source may lose at most 5% of its regions or figures
MAX_SPRONG = 0.15  # inhabitants may change at most 15% a year when no code disappeared

VERLIES_SQL = """
WITH oud AS (SELECT bron_id, count(DISTINCT regio_code) AS regios, count(*) AS cijfers
             FROM vorig.waarneming WHERE waarde IS NOT NULL GROUP BY bron_id),
     nieuw AS (SELECT bron_id, count(DISTINCT regio_code) AS regios, count(*) AS cijfers
               FROM waarneming WHERE waarde IS NOT NULL GROUP BY bron_id)
SELECT oud.bron_id, oud.regios, coalesce(nieuw.regios, 0), oud.cijfers, coalesce(nieuw.cijfers, 0)
FROM oud LEFT JOIN nieuw USING (bron_id)
WHERE coalesce(nieuw.regios, 0) < (1 - $max) * oud.regios
   OR coalesce(nieuw.cijfers, 0) < (1 - $max) * oud.cijfers
ORDER BY oud.bron_id
"""

# A year is a reorganisation year when a gemeente code with inhabitants the year before has
# none that year (a merger or split); then large jumps are expected.
SPRONG_SQL = """
WITH inw AS (SELECT regio_code, jaar, waarde FROM {db}cijfer
             WHERE indicator_key = 'inwoners' AND regio_code LIKE 'GM%' AND waarde IS NOT NULL),
herindeling AS (
    SELECT DISTINCT v.jaar + 1 AS jaar FROM inw v
    WHERE EXISTS (SELECT 1 FROM inw c WHERE c.jaar = v.jaar + 1)
      AND NOT EXISTS (SELECT 1 FROM inw c WHERE c.jaar = v.jaar + 1 AND c.regio_code = v.regio_code))
SELECT w.bron_id, w.regio_code, w.jaar, p.waarde AS vorig_jaar, w.waarde
FROM {db}waarneming w JOIN inw p ON p.regio_code = w.regio_code AND p.jaar = w.jaar - 1
WHERE w.indicator_key = 'inwoners' AND w.waarde IS NOT NULL
  AND abs(w.waarde / p.waarde - 1) > $max
  AND w.jaar NOT IN (SELECT jaar FROM herindeling)
"""


def _getal(x: float) -> str:
    return f"{x:,.0f}".replace(",", ".")


def verschillen(con: duckdb.DuckDBPyConnection, vorige: Path | None) -> list[str]:
    """Dutch lines describing each implausible change; empty when the build looks plausible.

    Jumps that the last good database already had (same source, region, year, value) were
    accepted before and are not repeated.
    """
    meldingen: list[str] = []
    heeft_vorige = vorige is not None and vorige.exists()
    if heeft_vorige:
        con.execute(f"ATTACH '{vorige.as_posix()}' AS vorig (READ_ONLY)")
    try:
        if heeft_vorige:
            for bron, r_oud, r_nieuw, c_oud, c_nieuw in con.execute(VERLIES_SQL, {"max": MAX_VERLIES}).fetchall():
                meldingen.append(
                    f"bron {bron}: {r_nieuw} regio's met cijfers (was {r_oud}), "
                    f"{_getal(c_nieuw)} cijfers (was {_getal(c_oud)})")
        sprongen = con.execute(SPRONG_SQL.format(db=""), {"max": MAX_SPRONG}).fetchall()
        if heeft_vorige and sprongen:
            bekend = set(con.execute(SPRONG_SQL.format(db="vorig."), {"max": MAX_SPRONG}).fetchall())
            sprongen = [s for s in sprongen if s not in bekend]
        for bron, regio, jaar, vorig_jaar, waarde in sorted(sprongen):
            meldingen.append(
                f"inwoners {regio} {jaar} in bron {bron}: {_getal(waarde)}, het jaar ervoor "
                f"{_getal(vorig_jaar)} ({(waarde / vorig_jaar - 1) * 100:+.0f}%) zonder gemeentelijke "
                "herindeling in dat jaar")
    finally:
        if heeft_vorige:
            con.execute("DETACH vorig")
    return meldingen
