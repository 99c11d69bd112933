"""Checks a freshly built database before it may replace the published one.

Row-level findings name the file and line they came from, through the temporary table
`herkomst` (regio, indicator, jaar, bron -> plaats) that the build fills and drops.
"""

from __future__ import annotations

import duckdb

# (Dutch description of the problem, query returning offending rows)
CONTROLES: list[tuple[str, str]] = [
    ("dubbele waarnemingen (regio, indicator, jaar, peildatum, bron)", """
        SELECT regio_code, indicator_key, jaar, peildatum, bron_id, count(*) AS n FROM waarneming
        GROUP BY ALL HAVING count(*) > 1"""),
    ("percentages buiten 0-100", """
        SELECT w.regio_code, w.indicator_key, w.jaar, w.waarde, w.bron_id FROM waarneming w
        JOIN indicator i ON i.key = w.indicator_key
        WHERE i.eenheid = '%' AND (w.waarde < 0 OR w.waarde > 100)"""),
    ("negatieve aantallen of bedragen", """
        SELECT w.regio_code, w.indicator_key, w.jaar, w.waarde, w.bron_id FROM waarneming w
        JOIN indicator i ON i.key = w.indicator_key
        WHERE i.eenheid <> '%' AND w.waarde < 0"""),
    ("waarnemingen zonder bron", """
        SELECT DISTINCT w.bron_id FROM waarneming w LEFT JOIN bron b USING (bron_id)
        WHERE b.bron_id IS NULL"""),
    ("waarnemingen met een onbekende indicator", """
        SELECT DISTINCT w.indicator_key FROM waarneming w
        LEFT JOIN indicator i ON i.key = w.indicator_key WHERE i.key IS NULL"""),
    ("waarnemingen met een onbekende regio", """
        SELECT DISTINCT w.regio_code FROM waarneming w
        LEFT JOIN regio r ON r.code = w.regio_code WHERE r.code IS NULL"""),
    ("regio's zonder inwonertal", """
        SELECT r.code FROM regio r WHERE NOT EXISTS (
            SELECT 1 FROM waarneming w WHERE w.regio_code = r.code
            AND w.indicator_key = 'inwoners' AND w.waarde IS NOT NULL)"""),
    ("lege waarde zonder reden, of een reden bij een waarde", """
        SELECT regio_code, indicator_key, jaar, status, waarde FROM waarneming
        WHERE (waarde IS NULL) <> (status IN ('onbekend', 'geheim'))"""),
    ("inwonertal van Nederland buiten het bereik 10-25 miljoen", """
        SELECT jaar, waarde FROM waarneming WHERE regio_code = 'NL01'
        AND indicator_key = 'inwoners' AND waarde NOT BETWEEN 10e6 AND 25e6"""),
    ("bedrag per huishouden buiten 5.000-500.000 euro", """
        SELECT w.regio_code, w.indicator_key, w.jaar, w.waarde, w.bron_id FROM waarneming w
        JOIN indicator i ON i.key = w.indicator_key
        WHERE i.eenheid = 'euro' AND w.indicator_key LIKE '%\\_hh' ESCAPE '\\'
        AND w.waarde NOT BETWEEN 5000 AND 500000"""),
    # A rate per 1.000 inhabitants above 1.000 is impossible: a thousands point read as a
    # decimal (87.461 inhabitants) gave 43.790,9 bijstand per 1.000.
    ("cijfer per 1.000 inwoners buiten 0-1.000", """
        SELECT w.regio_code, w.indicator_key, w.jaar, w.waarde, w.bron_id FROM waarneming w
        JOIN indicator i ON i.key = w.indicator_key
        WHERE i.eenheid LIKE 'per 1.000 %' AND w.waarde NOT BETWEEN 0 AND 1000"""),
    # The range stored with a rounded count (afronding_laag/hoog) is only true if the count is
    # rounded as the catalogue says; a misread thousands point (3.830 -> 3,83) fails here too.
    ("aantal dat volgens de catalogus afgerond is (afgerond_op) maar geen veelvoud daarvan is", """
        SELECT w.regio_code, w.indicator_key, w.jaar, w.waarde, w.bron_id FROM waarneming w
        JOIN indicator_meta m ON m.key = w.indicator_key
        WHERE m.afgerond_op IS NOT NULL AND w.waarde % m.afgerond_op <> 0"""),
    ("'1 op de N inwoners' kleiner dan 1", """
        SELECT w.regio_code, w.indicator_key, w.jaar, w.waarde, w.bron_id FROM waarneming w
        JOIN indicator i ON i.key = w.indicator_key
        WHERE i.eenheid = '1 op de N inwoners' AND w.waarde < 1"""),
]
MET_PLAATS = """
    SELECT q.*, h.plaats FROM ({sql}) q
    LEFT JOIN herkomst h USING (regio_code, indicator_key, jaar, bron_id)"""


def problemen(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Dutch descriptions of everything wrong, each with up to three examples."""
    gevonden = []
    heeft_herkomst = bool(con.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'herkomst'").fetchone()[0])
    for omschrijving, sql in CONTROLES:
        kolommen = [k[0] for k in con.execute(f"DESCRIBE {sql}").fetchall()]
        if heeft_herkomst and {"regio_code", "indicator_key", "jaar", "bron_id"} <= set(kolommen):
            sql = MET_PLAATS.format(sql=sql)
        rijen = con.execute(sql).fetchall()
        if rijen:
            voorbeelden = "; ".join(str(r) for r in rijen[:3])
            gevonden.append(f"{omschrijving}: {len(rijen)} keer, bijvoorbeeld {voorbeelden}")
    return gevonden
