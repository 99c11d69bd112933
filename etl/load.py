"""Build the statistics database from the snapshot, validate it, and swap it in atomically.

A new file is written beside the published one; only when every check passes does
`os.replace` put it in place. A failed build leaves the previous database untouched and writes
the reason to `data/logs/etl.log`.
"""

from __future__ import annotations

import json
import logging
import os
import uuid
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pandas as pd

from etl import (
    afronding,
    bestanden,
    importeer,
    lokaal,
    manifest,
    notatie,
    plausibel,
    schulden,
    statline,
)
from etl.catalogus import Bron, Catalogus, laad_catalogus
from etl.config import (
    IMPORT_MAP,
    LOG_MAP,
    NEDERLAND,
    SNAPSHOT_MAP,
    STATLINE_MAP,
    data_map,
    database_pad,
)
from etl.fouten import EtlFout
from etl.ruw import NIET_GELADEN_KOLOMMEN, Ruw
from etl.slot import WACHT, bouwslot, ruim_op
from etl.transform import TIDY, naar_tidy, regio_tabel
from etl.validate import problemen

log = logging.getLogger(__name__)

SCHEMA = """
CREATE TABLE regio (code VARCHAR PRIMARY KEY, naam VARCHAR NOT NULL,
    soort VARCHAR NOT NULL CHECK (soort IN ('land', 'gemeente', 'wijk')), gemeente_code VARCHAR);
CREATE TABLE indicator (key VARCHAR PRIMARY KEY, titel VARCHAR NOT NULL, eenheid VARCHAR NOT NULL,
    definitie VARCHAR NOT NULL,
    richting VARCHAR NOT NULL CHECK (richting IN ('lager_is_beter', 'hoger_is_beter', 'neutraal')),
    thema VARCHAR NOT NULL, afgeleid VARCHAR);
CREATE TABLE bron (bron_id VARCHAR PRIMARY KEY,
    soort VARCHAR NOT NULL CHECK (soort IN ('statline', 'schulden', 'lokaal', 'geciteerd', 'berekend')),
    titel VARCHAR NOT NULL, tabel_id VARCHAR, versie VARCHAR, url VARCHAR, licentie VARCHAR,
    opgehaald_op VARCHAR);
CREATE TABLE waarneming (regio_code VARCHAR NOT NULL, indicator_key VARCHAR NOT NULL,
    jaar INTEGER NOT NULL, peildatum DATE, waarde DOUBLE,
    status VARCHAR NOT NULL CHECK (status IN ('definitief', 'voorlopig', 'nader voorlopig', 'onbekend', 'geheim',
        'berekend', 'geciteerd', 'begroot')),
    bron_id VARCHAR NOT NULL, bron_kolom VARCHAR NOT NULL,
    -- Where the true value lies because CBS rounds the count(s) it comes from (etl.afronding):
    -- both NULL = not from rounded counts; only afronding_hoog NULL = no upper bound (onbegrensd).
    afronding_laag DOUBLE, afronding_hoog DOUBLE,
    CHECK (afronding_laag IS NOT NULL OR afronding_hoog IS NULL));
CREATE TABLE etl_run (run_id VARCHAR PRIMARY KEY, gestart TIMESTAMP NOT NULL, klaar TIMESTAMP,
    modus VARCHAR NOT NULL, status VARCHAR NOT NULL, melding VARCHAR);
-- Beyond DESIGN.md's five tables: catalogue fields the pages need, and what was left out.
CREATE TABLE indicator_meta (key VARCHAR PRIMARY KEY, volgorde INTEGER, peildatum VARCHAR,
    beschikbaar_na INTEGER NOT NULL, vergelijk_nl VARCHAR, decimalen INTEGER NOT NULL,
    afgerond_op INTEGER);
CREATE TABLE bron_meta (bron_id VARCHAR PRIMARY KEY, rang INTEGER NOT NULL, formaat VARCHAR,
    bestand VARCHAR, toelichting VARCHAR);
-- What was deliberately not loaded. `reden` is a Dutch sentence for the Bronnen page; which
-- indicator (the page shows its title), what the line says (region, year, value) and where in
-- the source (file, column) are columns of their own, for staff and audit (etl.ruw.NietGeladen).
CREATE TABLE niet_geladen (bron_id VARCHAR, regel VARCHAR, reden VARCHAR, indicator_key VARCHAR,
    inhoud VARCHAR, bestand VARCHAR, kolom VARCHAR);
-- Per run and source: where its figures came from (online, snapshot, lokaal, import) and why,
-- e.g. that a refresh failed for that table and the snapshot was used instead.
CREATE TABLE etl_run_tabel (run_id VARCHAR NOT NULL, bron_id VARCHAR NOT NULL, tabel_id VARCHAR,
    herkomst VARCHAR NOT NULL CHECK (herkomst IN ('online', 'snapshot', 'lokaal', 'import', 'niet opgehaald')),
    melding VARCHAR);
-- Series breaks declared in the catalogue: this source's figures of this indicator form their
-- own series `reeks` (NULL elsewhere = the default series), with the reason and its origin.
CREATE TABLE reeksbreuk (indicator_key VARCHAR NOT NULL, bron_id VARCHAR NOT NULL,
    reeks VARCHAR NOT NULL, reden VARCHAR NOT NULL, herkomst VARCHAR NOT NULL,
    PRIMARY KEY (indicator_key, bron_id));
-- Publication precision of a source where it differs from indicator_meta.decimalen.
CREATE TABLE bron_precisie (bron_id VARCHAR NOT NULL, indicator_key VARCHAR NOT NULL,
    decimalen INTEGER NOT NULL, PRIMARY KEY (bron_id, indicator_key));
-- Nederland derived by the ETL (bron 'berekend-nl'): from which source, over how many gemeenten.
CREATE TABLE berekening (regio_code VARCHAR NOT NULL, indicator_key VARCHAR NOT NULL,
    jaar INTEGER NOT NULL, bron_id VARCHAR NOT NULL, onderliggende_bron VARCHAR NOT NULL,
    gemeenten INTEGER NOT NULL, som_teller DOUBLE, som_noemer DOUBLE, omschrijving VARCHAR NOT NULL,
    uit_voorlopig BOOLEAN NOT NULL);
"""

CIJFER_BOUW_SQL = """
-- While building: the figure shown per region, indicator and year: a value before a gap, then
-- the preferred source (bron_meta.rang), then the latest peildatum. Materialised as the table
-- `cijfer` at the end of the build (see CIJFER_SQL).
CREATE OR REPLACE TEMP VIEW cijfer_bouw AS
SELECT * EXCLUDE (volgnummer) FROM (
    SELECT w.*, row_number() OVER (PARTITION BY w.regio_code, w.indicator_key, w.jaar
        ORDER BY (w.waarde IS NULL), m.rang, w.peildatum DESC NULLS LAST, w.bron_id) AS volgnummer
    FROM waarneming w JOIN bron_meta m USING (bron_id)) WHERE volgnummer = 1
"""

BEREKEND = "berekend-nl"  # the source id of Nederland figures the ETL derives

# The shown figure per region × indicator × year, as a table sorted for the store's lookups, with
# the series it belongs to. A derived Nederland figure belongs to the series of the gemeente
# figures it was summed from: their declared break, else the default StatLine series ("cbs", as
# monitor.domein.reeks_van names it), so it can be compared with those gemeenten.
CIJFER_SQL = f"""
CREATE TABLE cijfer AS
SELECT c.*,
       coalesce(rb.reeks, ob.reeks, CASE WHEN bo.soort = 'statline' THEN 'cbs' END) AS reeks,
       coalesce(rb.reden, ob.reden) AS reeks_reden,
       CASE WHEN c.bron_id = '{BEREKEND}' THEN 'som van ' || be.gemeenten || ' gemeenten'
            || CASE WHEN be.uit_voorlopig THEN ', uit voorlopige cijfers' ELSE '' END
       END AS afgeleid_uit,
       coalesce(bp.decimalen, im.decimalen) AS decimalen_bron
FROM cijfer_bouw c
JOIN indicator_meta im ON im.key = c.indicator_key
LEFT JOIN bron_precisie bp ON bp.bron_id = c.bron_id AND bp.indicator_key = c.indicator_key
LEFT JOIN reeksbreuk rb ON rb.indicator_key = c.indicator_key AND rb.bron_id = c.bron_id
LEFT JOIN berekening be ON be.regio_code = c.regio_code AND be.indicator_key = c.indicator_key
     AND be.jaar = c.jaar AND be.bron_id = c.bron_id
LEFT JOIN reeksbreuk ob ON ob.indicator_key = c.indicator_key AND ob.bron_id = be.onderliggende_bron
LEFT JOIN bron bo ON bo.bron_id = be.onderliggende_bron
ORDER BY c.indicator_key, c.regio_code, c.jaar
"""

# Per indicator: how many gemeenten have a figure, whether Nederland has one, which years. The
# store's `dekking` reads this instead of scanning all figures on every page run.
DEKKING_SQL = """
CREATE TABLE dekking AS
SELECT c.indicator_key,
       count(DISTINCT c.regio_code) FILTER (WHERE r.soort = 'gemeente') AS gemeenten,
       count(*) FILTER (WHERE r.soort = 'land') > 0 AS nederland,
       min(c.jaar) AS eerste_jaar, max(c.jaar) AS laatste_jaar,
       list(DISTINCT c.jaar ORDER BY c.jaar) AS jaren,
       list(DISTINCT c.jaar ORDER BY c.jaar) FILTER (WHERE r.soort = 'land') AS jaren_nederland
FROM cijfer c JOIN regio r ON r.code = c.regio_code
WHERE c.waarde IS NOT NULL
GROUP BY c.indicator_key ORDER BY c.indicator_key
"""

# Per indicator and source: which column, which years, how many figures and gaps.
INDICATOR_BRON_SQL = """
CREATE TABLE indicator_bron AS
SELECT w.indicator_key, w.bron_id, b.titel AS bron_titel, b.tabel_id, b.versie,
       min(w.bron_kolom) AS bron_kolom, min(w.jaar) AS eerste_jaar, max(w.jaar) AS laatste_jaar,
       count(*) FILTER (WHERE w.waarde IS NOT NULL) AS cijfers,
       count(*) FILTER (WHERE w.waarde IS NULL) AS zonder_cijfer
FROM waarneming w JOIN bron b USING (bron_id)
GROUP BY ALL ORDER BY w.indicator_key, eerste_jaar
"""

# Per indicator and year: gemeenten with and without a value; per year: gemeenten that existed
# (with an inhabitants figure, or with any figure when the year has none). For honest rankings.
TELLING_SQL = """
CREATE TABLE gemeente_telling AS
SELECT c.indicator_key, c.jaar, count(*) FILTER (WHERE c.waarde IS NOT NULL) AS met_cijfer,
       count(*) FILTER (WHERE c.waarde IS NULL) AS zonder_cijfer
FROM cijfer c JOIN regio r ON r.code = c.regio_code WHERE r.soort = 'gemeente'
GROUP BY ALL ORDER BY c.indicator_key, c.jaar;
CREATE TABLE gemeenten_per_jaar AS
SELECT c.jaar, coalesce(nullif(count(DISTINCT c.regio_code) FILTER (
           WHERE c.indicator_key = 'inwoners' AND c.waarde IS NOT NULL), 0),
       count(DISTINCT c.regio_code) FILTER (WHERE c.waarde IS NOT NULL)) AS gemeenten
FROM cijfer c JOIN regio r ON r.code = c.regio_code WHERE r.soort = 'gemeente'
GROUP BY c.jaar ORDER BY c.jaar
"""


# The region list of the sidebar: Nederland first, then gemeenten by name (`volgorde`).
REGIO_LIJST_SQL = """
CREATE TABLE regio_lijst AS
SELECT code, naam, soort, row_number() OVER (ORDER BY soort = 'gemeente', naam, code) AS volgorde
FROM regio ORDER BY volgorde
"""


def afgeleide_tabellen(con: duckdb.DuckDBPyConnection) -> None:
    """(Re)build the read tables from `waarneming`: the shown figure, coverage, sources, counts.

    Done once per build so page queries never rank all observations; `bench/schaal.py` calls it
    after adding synthetic rows.
    """
    for tabel in ("cijfer", "dekking", "indicator_bron", "gemeente_telling", "gemeenten_per_jaar",
                  "regio_lijst"):
        con.execute(f"DROP TABLE IF EXISTS {tabel}")
    con.execute(CIJFER_BOUW_SQL)
    for sql in (CIJFER_SQL, DEKKING_SQL, INDICATOR_BRON_SQL, TELLING_SQL, REGIO_LIJST_SQL):
        con.execute(sql)
    con.execute("DROP VIEW cijfer_bouw")

# A published count the catalogue declares rounded (`afgerond_op`): the true count lies between
# max(0, c - $onder) and c + $boven (tientallen: c - 5 ... c + 4; etl.afronding.onder_en_boven).
AFRONDING_AANTAL_SQL = """
UPDATE waarneming SET afronding_laag = greatest(0, waarde - $onder), afronding_hoog = waarde + $boven
WHERE indicator_key = $key AND waarde IS NOT NULL
"""

# A derived figure factor × teller / noemer, with its range when teller or noemer is a rounded
# count: smallest teller / largest noemer ... largest teller / smallest noemer; a noemer that may
# be 0 leaves the upper bound open (NULL). The same rule as etl.afronding.bereik_verhouding.
AFGELEID_SQL = """
INSERT INTO waarneming (regio_code, indicator_key, jaar, peildatum, waarde, status, bron_id,
                        bron_kolom, afronding_laag, afronding_hoog)
SELECT regio_code, indicator_key, jaar, peildatum, waarde, status, bron_id, bron_kolom,
    CASE WHEN NOT afgerond OR n_hoog = 0 THEN NULL WHEN n_hoog IS NULL THEN 0
         ELSE $factor * t_laag / n_hoog END,
    CASE WHEN NOT afgerond OR n_hoog = 0 OR t_hoog IS NULL OR n_laag = 0 THEN NULL
         ELSE $factor * t_hoog / n_laag END
FROM (
SELECT t.regio_code, $key AS indicator_key, t.jaar,
    CASE WHEN $bron = 'noemer' THEN n.peildatum ELSE t.peildatum END AS peildatum,
    CASE WHEN t.waarde IS NULL OR n.waarde IS NULL OR n.waarde = 0 THEN NULL
         ELSE $factor * t.waarde / n.waarde END AS waarde,
    CASE WHEN t.waarde IS NULL OR n.waarde IS NULL OR n.waarde = 0 THEN 'onbekend'
         WHEN 'voorlopig' IN (t.status, n.status) THEN 'voorlopig'
         WHEN 'nader voorlopig' IN (t.status, n.status) THEN 'nader voorlopig'
         ELSE 'definitief' END AS status,
    CASE WHEN $bron = 'noemer' THEN n.bron_id ELSE t.bron_id END AS bron_id,
    $formule || ' met ' || t.indicator_key || ' = ' || t.bron_id || ':' || t.bron_kolom
        || ' en ' || n.indicator_key || ' = ' || n.bron_id || ':' || n.bron_kolom AS bron_kolom,
    t.waarde IS NOT NULL AND n.waarde IS NOT NULL
        AND (t.afronding_laag IS NOT NULL OR n.afronding_laag IS NOT NULL) AS afgerond,
    coalesce(t.afronding_laag, t.waarde) AS t_laag,
    CASE WHEN t.afronding_laag IS NULL THEN t.waarde ELSE t.afronding_hoog END AS t_hoog,
    coalesce(n.afronding_laag, n.waarde) AS n_laag,
    CASE WHEN n.afronding_laag IS NULL THEN n.waarde ELSE n.afronding_hoog END AS n_hoog
FROM cijfer_bouw t JOIN cijfer_bouw n ON n.regio_code = t.regio_code AND n.jaar = t.jaar
WHERE t.indicator_key = $teller AND n.indicator_key = $noemer)
"""


def _lees_bron(bron: Bron, data_dir: Path, namen: dict[str, str]) -> list[Ruw]:
    """Read one source: the cbsodata folder when `etl refresh` fetched one, else the snapshot file."""
    map_ = data_dir / STATLINE_MAP / bron.tabel_id
    if bron.online and statline.heeft_statline_map(map_):
        return [statline.lees_statline_map(map_, bron)]
    pad = data_dir / bron.bestand
    match bron.formaat:
        case "odata_csv":
            metadata = map_ / "DataProperties.json"
            return [statline.lees_odata_csv(pad, bron, metadata if metadata.exists() else None)]
        case "odata4_csv":
            return [statline.lees_odata4_csv(pad, bron, data_dir)]
        case "label_csv":
            jaren = bron.jaren or [bron.jaar]
            return [bestanden.lees_label_csv(Path(str(pad).format(jaar=j)), bron, j) for j in jaren]
        case "statline_export":
            return [bestanden.lees_statline_export(pad, bron, namen)]
    raise EtlFout(f"Bron {bron.id}: onbekend formaat {bron.formaat}.")


def verzamel(catalogus: Catalogus, data_dir: Path) -> tuple[pd.DataFrame, pd.DataFrame, dict]:
    """All tidy observations, the rows not loaded (with reasons), and per source its version info."""
    indicatoren = catalogus.indicatoren()
    delen: list[pd.DataFrame] = []
    niet_geladen: list[dict] = []
    info: dict[str, dict] = {}
    namen: dict[str, str] = {}
    # Sources that name regions instead of coding them go last, so every name can be matched.
    volgorde = sorted(catalogus.bron, key=lambda b: b.formaat == "statline_export")
    for bron in volgorde:
        modus = ("lokaal" if bron.bestand.startswith("lokaal/") or bron.formaat == "berekend"
                 else "import" if bron.bestand.startswith(f"{IMPORT_MAP}/") else "snapshot")
        info[bron.id] = {"versie": bron.versie, "opgehaald_op": bron.opgehaald_op, "modus": modus}
        if bron.formaat == "berekend":
            continue  # computed after loading (bereken_nederland)
        if bron.formaat == "schulden_csv":
            frame, overgeslagen = schulden.lees_schulden(data_dir / bron.bestand, bron)
            delen.append(frame)
            niet_geladen += [{"bron_id": bron.id, **asdict(n)} for n in overgeslagen]
        elif bron.formaat == "lokaal_csv":
            frame, overgeslagen = lokaal.lees_lokaal(data_dir / bron.bestand, bron, indicatoren)
            delen.append(frame)
            niet_geladen += [{"bron_id": bron.id, **asdict(n)} for n in overgeslagen]
        else:
            for ruw in _lees_bron(bron, data_dir, namen):
                tidy = naar_tidy(ruw, bron, indicatoren)
                if tidy.empty:
                    raise EtlFout(f"Tabel {bron.tabel_id}: geen enkele gemeente of Nederland gevonden.")
                delen.append(tidy)
                niet_geladen += [{"bron_id": bron.id, **asdict(n)} for n in ruw.niet_geladen]
                if ruw.versie or ruw.opgehaald_op:  # read from a folder `etl refresh` wrote
                    info[bron.id] = {"versie": ruw.versie or bron.versie, "opgehaald_op": ruw.opgehaald_op,
                                     "modus": "online"}
                laatste = tidy.dropna(subset=["regio_naam"]).sort_values("jaar")
                namen.update(dict(zip(laatste["regio_naam"].str.strip(), laatste["regio_code"], strict=True)))
    alles = pd.concat([d for d in delen if not d.empty], ignore_index=True)[TIDY]
    return alles, pd.DataFrame(niet_geladen, columns=NIET_GELADEN_KOLOMMEN), info


def _schrijf(con: duckdb.DuckDBPyConnection, catalogus: Catalogus, waarnemingen: pd.DataFrame,
             niet_geladen: pd.DataFrame, info: dict) -> None:
    con.execute(SCHEMA)
    regio = regio_tabel(waarnemingen)
    indicator = pd.DataFrame([{
        "key": i.key, "titel": i.titel, "eenheid": i.eenheid, "definitie": i.definitie,
        "richting": i.richting, "thema": i.thema,
        "afgeleid": i.afgeleid.formule() if i.afgeleid else None} for i in catalogus.indicator])
    indicator_meta = pd.DataFrame([{
        "key": i.key, "volgorde": n, "peildatum": i.peildatum, "beschikbaar_na": i.beschikbaar_na,
        "vergelijk_nl": i.vergelijk_nl, "decimalen": i.decimalen, "afgerond_op": i.afgerond_op}
        for n, i in enumerate(catalogus.indicator)]).astype({"afgerond_op": "Int64"})
    bron = pd.DataFrame([{
        "bron_id": b.id, "soort": b.soort, "titel": b.titel, "tabel_id": b.tabel_id,
        "versie": info[b.id]["versie"], "url": b.url, "licentie": b.licentie,
        "opgehaald_op": info[b.id]["opgehaald_op"]} for b in catalogus.bron])
    bron_meta = pd.DataFrame([{
        "bron_id": b.id, "rang": b.rang, "formaat": b.formaat, "bestand": b.bestand,
        "toelichting": b.toelichting} for b in catalogus.bron])
    waarneming = waarnemingen.drop(columns=["regio_naam", "plaats"])
    herkomst = (waarnemingen.dropna(subset=["plaats"])
                [["regio_code", "indicator_key", "jaar", "bron_id", "plaats"]]
                .drop_duplicates(["regio_code", "indicator_key", "jaar", "bron_id"]))
    con.register("invoer_herkomst", herkomst)
    con.execute("CREATE TEMP TABLE herkomst AS SELECT * FROM invoer_herkomst")
    con.unregister("invoer_herkomst")
    for tabel, frame in [("regio", regio), ("indicator", indicator), ("indicator_meta", indicator_meta),
                         ("bron", bron), ("bron_meta", bron_meta), ("waarneming", waarneming),
                         ("niet_geladen", niet_geladen)]:
        con.register("invoer", frame)
        con.execute(f"INSERT INTO {tabel} BY NAME SELECT * FROM invoer")  # noqa: S608 (fixed names)
        con.unregister("invoer")
    breuken = [(i.key, b.bron, b.reeks, b.reden, b.herkomst) for i in catalogus.indicator
               for b in i.reeksbreuk]
    if breuken:
        con.executemany("INSERT INTO reeksbreuk VALUES (?, ?, ?, ?, ?)", breuken)
    precisie = [(b.id, k, d) for b in catalogus.bron for k, d in b.precisie.items()]
    if precisie:
        con.executemany("INSERT INTO bron_precisie VALUES (?, ?, ?)", precisie)
    for ind in catalogus.indicator:
        if ind.afgerond_op:
            onder, boven = afronding.onder_en_boven(ind.afgerond_op)
            con.execute(AFRONDING_AANTAL_SQL, {"key": ind.key, "onder": onder, "boven": boven})
    con.execute(CIJFER_BOUW_SQL)
    for ind in catalogus.indicator:
        if ind.afgeleid:
            a = ind.afgeleid
            con.execute(AFGELEID_SQL, {"key": ind.key, "factor": a.factor, "teller": a.teller,
                                       "noemer": a.noemer, "bron": a.bron, "formule": a.formule()})
    bereken_nederland(con, catalogus)
    afgeleide_tabellen(con)


# Gemeenten that existed in a year: those with an inhabitants figure (the shown one).
BESTAAND_SQL = """
CREATE OR REPLACE TEMP TABLE bestaand AS
SELECT DISTINCT c.jaar, c.regio_code FROM cijfer_bouw c JOIN regio r ON r.code = c.regio_code
WHERE r.soort = 'gemeente' AND c.indicator_key = 'inwoners' AND c.waarde IS NOT NULL
"""

# Nederland as the sum over all gemeenten, per year, from one statline source that has a value
# for every gemeente that existed that year (the best-ranked such source). Never from a partial
# set: one gemeente without a value and there is no sum.
SOM_SQL = """
WITH aantal AS (SELECT jaar, count(*) AS n FROM bestaand GROUP BY jaar),
per_bron AS (
    SELECT w.bron_id, w.jaar, count(DISTINCT w.regio_code) AS met, count(*) AS rijen,
           sum(w.waarde) AS som, max(w.peildatum) AS peildatum, min(w.bron_kolom) AS kolom,
           bool_or(w.status <> 'definitief') AS niet_definitief,
           -- the range of a sum of rounded counts: the sums of their bounds (tientallen: about
           -- -5·N ... +4·N); NULL when no summed count is rounded. Counts have no open bound.
           CASE WHEN count(w.afronding_laag) > 0 THEN sum(coalesce(w.afronding_laag, w.waarde)) END
               AS som_laag,
           CASE WHEN count(w.afronding_laag) > 0 THEN sum(coalesce(w.afronding_hoog, w.waarde)) END
               AS som_hoog
    FROM waarneming w JOIN bestaand b ON b.regio_code = w.regio_code AND b.jaar = w.jaar
    JOIN bron bo ON bo.bron_id = w.bron_id
    WHERE w.indicator_key = $key AND w.waarde IS NOT NULL AND bo.soort = 'statline'
    GROUP BY w.bron_id, w.jaar),
compleet AS (
    SELECT p.*, a.n, row_number() OVER (PARTITION BY p.jaar ORDER BY m.rang, p.bron_id) AS keuze
    FROM per_bron p JOIN aantal a USING (jaar) JOIN bron_meta m USING (bron_id)
    WHERE p.met = a.n AND p.rijen = a.n)
SELECT jaar, bron_id, n, som, peildatum, kolom, niet_definitief, som_laag, som_hoog
FROM compleet WHERE keuze = 1
"""


def _voorlopig_tekst(niet_definitief: bool) -> str:
    return " (uit voorlopige cijfers)" if niet_definitief else ""


def bereken_nederland(con: duckdb.DuckDBPyConnection, catalogus: Catalogus) -> None:
    """Derive Nederland where the catalogue asks for it: sums of counts, ratios of those sums.

    Stored under the source `berekend-nl` with status `berekend` and the formula and number of
    gemeenten in `bron_kolom`; a published national figure outranks it in `cijfer`. A sum of
    counts CBS rounds carries the range of that rounding, and so does a ratio of such sums.
    """
    con.execute(BESTAAND_SQL)
    sommen: dict[tuple[str, int], tuple] = {}
    rijen: list[tuple] = []
    berekeningen: list[tuple] = []
    for ind in catalogus.indicator:
        if ind.nederland != "som":
            continue
        for jaar, bron_id, n, som, peildatum, kolom, voorlopig, laag, hoog in con.execute(
                SOM_SQL, {"key": ind.key}).fetchall():
            bereik = afronding.Bereik(som, laag, hoog)
            sommen[(ind.key, jaar)] = (bron_id, n, som, peildatum, kolom, voorlopig, bereik)
            tekst = f"som van {n} gemeenten uit {bron_id}:{kolom}{_voorlopig_tekst(voorlopig)}"
            rijen.append((NEDERLAND, ind.key, jaar, peildatum, som, "berekend", BEREKEND, tekst,
                          laag, hoog))
            berekeningen.append((NEDERLAND, ind.key, jaar, BEREKEND, bron_id, n, som, None, tekst,
                                 bool(voorlopig)))
    for ind in catalogus.indicator:
        if ind.nederland != "verhouding" or ind.afgeleid is None:
            continue
        a = ind.afgeleid
        for (key, jaar), teller in sommen.items():
            noemer = sommen.get((a.noemer, jaar))
            if key != a.teller or noemer is None or teller[1] != noemer[1] or not noemer[2]:
                continue
            waarde = a.factor * teller[2] / noemer[2]
            onder = teller if a.bron == "teller" else noemer
            factor = "" if a.factor == 1 else f"{a.factor:g} × "
            tekst = (f"{factor}som {a.teller} / som {a.noemer} over {teller[1]} gemeenten, uit "
                     f"{teller[0]}:{teller[4]} en {noemer[0]}:{noemer[4]}"
                     f"{_voorlopig_tekst(teller[5] or noemer[5])}")
            laag, hoog = afronding.bereik_verhouding(a.factor, teller[6], noemer[6])
            rijen.append((NEDERLAND, ind.key, jaar, onder[3], waarde, "berekend", BEREKEND, tekst,
                          laag, hoog))
            berekeningen.append((NEDERLAND, ind.key, jaar, BEREKEND, onder[0], teller[1],
                                 teller[2], noemer[2], tekst, bool(teller[5] or noemer[5])))
    if rijen:
        con.executemany("INSERT INTO waarneming VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rijen)
        con.executemany("INSERT INTO berekening VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        berekeningen)
    con.execute("DROP TABLE bestaand")


MISLUKTE_RUNS = "mislukte_refresh.jsonl"  # refreshes that fetched nothing; the next build records them


def log_melding(data_dir: Path, melding: str) -> None:
    """One line in data/logs/etl.log: what failed, for whoever looks after the server."""
    map_ = data_dir / LOG_MAP
    map_.mkdir(parents=True, exist_ok=True)
    with (map_ / "etl.log").open("a", encoding="utf-8") as f:
        f.write(f"{datetime.now(UTC).isoformat(timespec='seconds')} MISLUKT {melding}\n")




def ontdek_bronnen(catalogus: Catalogus, data_dir: Path) -> list[Bron]:
    """Sources for downloaded editions the catalogue does not list, from their `_opgehaald.json`."""
    bekend = {b.tabel_id.casefold() for b in catalogus.bron}
    reeksen = {r.id: r for r in catalogus.reeks}
    bronnen = []
    for info_pad in sorted((data_dir / STATLINE_MAP).glob("*/_opgehaald.json")):
        info = json.loads(info_pad.read_text(encoding="utf-8"))
        tabel = info_pad.parent.name
        if tabel.casefold() in bekend or info.get("reeks") not in reeksen:
            continue
        bronnen.append(reeksen[info["reeks"]].bron_voor(tabel, info.get("titel") or tabel, info.get("jaar")))
    return bronnen


def _mislukte_runs(con: duckdb.DuckDBPyConnection, data_dir: Path) -> Path | None:
    """Record refreshes that fetched nothing (they did not touch the database) in etl_run."""
    pad = data_dir / LOG_MAP / MISLUKTE_RUNS
    if not pad.exists():
        return None
    for tekst in pad.read_text(encoding="utf-8").splitlines():
        if not tekst.strip():
            continue
        run = json.loads(tekst)
        con.execute("INSERT INTO etl_run VALUES (?, ?, ?, 'refresh', 'mislukt', ?)",
                    [run["run_id"], run["gestart"], run["klaar"], run["melding"]])
        con.executemany("INSERT INTO etl_run_tabel VALUES (?, ?, ?, 'niet opgehaald', ?)",
                        [(run["run_id"], tabel, tabel, f"ophalen bij CBS mislukt: {_zonder_punt(reden)}")
                         for tabel, reden in run["tabellen"]])
    return pad


def bouw_database(doel: Path | None = None, data_dir: Path | None = None,
                  catalogus: Catalogus | None = None, *, wacht: float = WACHT,
                  accepteer_verschil: bool = False, ophaalverslag: dict[str, str] | None = None) -> Path:
    """Build, validate and publish the database; on any problem keep the old one and raise EtlFout.

    Only one build runs at a time (a lock beside the database; a second one waits up to `wacht`
    seconds). A build that loses many regions or figures against the last good database, or
    makes inhabitants jump, stops unless `accepteer_verschil`. `ophaalverslag` (table id ->
    reason) comes from a refresh: tables it could not fetch, recorded in `etl_run_tabel`.
    The run's mode says where the CBS tables came from: "snapshot", "online" or "snapshot+online".
    """
    doel = Path(doel or database_pad())
    data_dir = Path(data_dir or data_map())
    doel.parent.mkdir(parents=True, exist_ok=True)
    with bouwslot(doel, wacht):
        return _bouw(doel, data_dir, catalogus, accepteer_verschil, ophaalverslag or {})


def _herkomst_melding(bron: Bron, info: dict, ophaalverslag: dict[str, str]) -> tuple[str, str]:
    """Where one source's figures came from in this run, and why, in Dutch."""
    modus = info["modus"]
    if modus == "online":
        melding = (f"opgehaald bij CBS {_op_datum(info.get('opgehaald_op'))} "
                   f"(versie: {info.get('versie') or 'onbekend'})")
    elif modus == "import":
        melding = f"met de hand geïmporteerd: {bron.bestand}"
    elif bron.formaat == "berekend":
        melding = "berekend door de monitor uit de gemeentecijfers van deze bijwerking"
    elif modus == "lokaal":
        melding = f"lokaal bestand {bron.bestand}"
    else:
        # One file per year ("..._{jaar}.csv"): named as a pattern a reader understands.
        bestand = bron.bestand.replace("{jaar}", "jjjj")
        melding = f"meegeleverde snapshot {bestand} (opgehaald {_op_datum(bron.opgehaald_op)})"
    if bron.tabel_id in ophaalverslag and modus != "online":
        melding = f"ophalen bij CBS mislukt: {_zonder_punt(ophaalverslag[bron.tabel_id])}; gebruikt: {melding}"
    return modus, melding


def _op_datum(opgehaald_op: str | None) -> str:
    """'op 13 september 2023' (not the ISO date the catalogue and cbsodata record)."""
    datum = notatie.datum(opgehaald_op)
    return f"op {datum}" if datum else "op een onbekende datum"


def _zonder_punt(reden: str) -> str:
    """A reason from a failed fetch ends with a full stop; inside a sentence it should not."""
    return reden.strip().rstrip(".")


def _schrijf_run(con: duckdb.DuckDBPyConnection, catalogus: Catalogus, info: dict, gestart: datetime,
                 ophaalverslag: dict[str, str], geaccepteerd: list[str]) -> None:
    """One etl_run row for this build and one etl_run_tabel row per source."""
    run_id = uuid.uuid4().hex[:12]
    aantal = con.execute("SELECT count(*) FROM waarneming").fetchone()[0]
    ophaalbaar = {b.id for b in catalogus.bron if b.online}
    modi = {info[i]["modus"] for i in ophaalbaar} - {"import"}
    modus = "online" if modi == {"online"} else "snapshot" if modi <= {"snapshot"} else "snapshot+online"
    status = "deels mislukt" if ophaalverslag else "gelukt"
    melding = f"{notatie.getal(aantal)} waarnemingen uit {notatie.getal(len(catalogus.bron))} bronnen"
    if ophaalverslag:
        melding += f"; niet opgehaald: {', '.join(sorted(ophaalverslag))} (vorige gegevens gebruikt)"
    if geaccepteerd:
        melding += "; verschil met de vorige database geaccepteerd: " + " | ".join(geaccepteerd[:10])
    con.execute("INSERT INTO etl_run VALUES (?, ?, ?, ?, ?, ?)", [
        run_id, gestart, datetime.now(UTC).replace(tzinfo=None), modus, status, melding])
    rijen = []
    for bron in catalogus.bron:
        herkomst, tekst = _herkomst_melding(bron, info[bron.id], ophaalverslag)
        rijen.append((run_id, bron.id, bron.tabel_id, herkomst, tekst))
    bekend = {b.tabel_id for b in catalogus.bron}
    for tabel, reden in sorted(ophaalverslag.items()):
        if tabel not in bekend:  # a newly discovered edition that could not be fetched
            rijen.append((run_id, tabel, tabel, "niet opgehaald",
                          f"ophalen bij CBS mislukt: {_zonder_punt(reden)}"))
    con.executemany("INSERT INTO etl_run_tabel VALUES (?, ?, ?, ?, ?)", rijen)


def _neem_geschiedenis_over(con: duckdb.DuckDBPyConnection, doel: Path) -> None:
    """Copy etl_run and etl_run_tabel of the published database, so history survives rebuilds.

    One ATTACH for both tables; an older database without etl_run_tabel keeps its etl_run.
    """
    if not doel.exists():
        return
    try:
        con.execute(f"ATTACH '{doel.as_posix()}' AS geschiedenis (READ_ONLY)")
    except duckdb.Error:
        return  # not a readable database: nothing to keep
    try:
        for tabel in ("etl_run", "etl_run_tabel"):
            try:
                con.execute(f"INSERT INTO {tabel} BY NAME SELECT * FROM geschiedenis.{tabel}")  # noqa: S608
            except duckdb.CatalogException:
                pass
    finally:
        con.execute("DETACH geschiedenis")


def _bouw(doel: Path, data_dir: Path, catalogus: Catalogus | None, accepteer_verschil: bool,
          ophaalverslag: dict[str, str]) -> Path:
    tijdelijk = doel.with_name(doel.name + ".tmp")
    gestart = datetime.now(UTC).replace(tzinfo=None)
    ruim_op(doel)
    try:
        manifest.controleer(data_dir / SNAPSHOT_MAP)
        catalogus = catalogus or laad_catalogus()
        catalogus = catalogus.model_copy(update={"bron": [
            *catalogus.bron, *ontdek_bronnen(catalogus, data_dir),
            *importeer.import_bronnen(catalogus, data_dir)]})
        waarnemingen, niet_geladen, info = verzamel(catalogus, data_dir)
        with duckdb.connect(tijdelijk) as con:
            _schrijf(con, catalogus, waarnemingen, niet_geladen, info)
            fouten = problemen(con)
            if fouten:
                raise EtlFout("De nieuwe database is afgekeurd: " + " | ".join(fouten))
            afwijkingen = plausibel.verschillen(con, doel)
            if afwijkingen and not accepteer_verschil:
                meer = f" (en nog {len(afwijkingen) - 20})" if len(afwijkingen) > 20 else ""
                raise EtlFout(
                    "De nieuwe database wijkt te veel af van de vorige en is niet gepubliceerd: "
                    + " | ".join(afwijkingen[:20]) + meer + ". Controleer de bronbestanden. Klopt het "
                    "verschil toch (u hebt de lijst gelezen), bouw dan opnieuw met "
                    "python -m etl build --accepteer-verschil.")
            _neem_geschiedenis_over(con, doel)
            verwerkt = _mislukte_runs(con, data_dir)
            _schrijf_run(con, catalogus, info, gestart, ophaalverslag, afwijkingen)
            con.execute("DROP TABLE herkomst")
            con.execute("CHECKPOINT")
        os.replace(tijdelijk, doel)
        if verwerkt:
            verwerkt.unlink(missing_ok=True)
        return doel
    except EtlFout as fout:
        ruim_op(doel)
        log_melding(data_dir, str(fout))
        raise
    except Exception as fout:  # unexpected: still keep the old database and say so in Dutch
        ruim_op(doel)
        log_melding(data_dir, repr(fout))
        raise EtlFout(f"Het bouwen van de database mislukte onverwacht ({fout}). "
                      "De vorige database blijft in gebruik.") from fout
