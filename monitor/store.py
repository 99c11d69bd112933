"""The only place with SQL against `monitor.duckdb`: read-only, parameterised, no Streamlit.

Each published database is a new file (the ETL swaps it in with `os.replace`), so the file's
inode and modification time identify the version. Every query function takes that version as
its first argument: callers cache on it (``monitor.ui.data`` wraps these functions in
``st.cache_data``), and after an ETL swap the next call sees the new data without a restart.
The export command line and the tests call these functions directly, without Streamlit.

DuckDB 2.0 returns the already-open instance for `connect(path, read_only=True)` (stale data
after a swap), so we attach the file to an in-memory connection instead, and give every query
its own cursor because Streamlit sessions are threads.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from collections.abc import Sequence
from pathlib import Path

import duckdb
import pandas as pd

from etl.config import database_pad

log = logging.getLogger(__name__)


class GeenDatabase(RuntimeError):
    """The statistics database is missing or unreadable; the message is for users."""


def db_versie(pad: Path | None = None) -> str:
    """A token that changes with every published database file."""
    pad = pad or database_pad()
    try:
        s = pad.stat()
    except FileNotFoundError as fout:
        raise GeenDatabase(
            "Er is nog geen database met cijfers. Start het dashboard met 'make run' of "
            "bouw de database met 'python -m etl build'."
        ) from fout
    return f"{s.st_ino}-{s.st_mtime_ns}"


_VERBINDINGEN: OrderedDict[tuple[str, str], duckdb.DuckDBPyConnection] = OrderedDict()
_VERBINDINGEN_SLOT = threading.Lock()
_MAX_VERBINDINGEN = 2  # the current database and the one just replaced (pages still running)


def _verbinding(pad: str, versie: str) -> duckdb.DuckDBPyConnection:
    """One shared in-memory connection per database version; queries take their own cursor."""
    with _VERBINDINGEN_SLOT:
        con = _VERBINDINGEN.get((pad, versie))
        if con is None:
            con = duckdb.connect()
            con.execute("ATTACH ? AS monitor (READ_ONLY)", [pad])
            _VERBINDINGEN[(pad, versie)] = con
            while len(_VERBINDINGEN) > _MAX_VERBINDINGEN:
                _VERBINDINGEN.popitem(last=False)[1].close()
        return con


def _query(sql: str, params: Sequence | dict | None = None) -> pd.DataFrame:
    pad = database_pad()
    versie = db_versie(pad)
    try:
        with _verbinding(str(pad), versie).cursor() as cur:
            cur.execute("USE monitor")
            return cur.execute(sql, params).df()
    except duckdb.Error as fout:
        # DuckDB's own text names the file's path on this machine and is English: it goes to
        # the log, the user gets a Dutch sentence with what to do.
        log.error("Database %s niet leesbaar: %s", pad, fout)
        raise GeenDatabase(
            "De database met cijfers is niet leesbaar. Bouw hem opnieuw met 'python -m etl build'; "
            "de details staan in het log van de monitor."
        ) from fout


def _in(naam: str, waarden: Sequence[str]) -> tuple[str, dict[str, str]]:
    """An IN-list with one named parameter per value: ``("($ind0, $ind1)", {"ind0": ..., ...})``.

    DuckDB uses ``kolom IN ($a, $b)`` on the zone maps of the sorted table `cijfer` (only the row
    groups of these indicators are read); ``list_contains($lijst, kolom)`` cannot prune at all.
    An empty list gives ``(NULL)``: no row matches, as before.
    """
    if not waarden:
        return "(NULL)", {}
    params = {f"{naam}{i}": w for i, w in enumerate(waarden)}
    return "(" + ", ".join(f"${p}" for p in params) + ")", params


def _regio_filter(regio_codes: Sequence[str]) -> tuple[str, str, dict[str, str]]:
    """``(join, voorwaarde, params)`` that keep the rows of these regions in a query on `cijfer c`.

    One code: ``c.regio_code IN ($reg0)``, which DuckDB turns into an equality filter in the scan.
    Two or more: a join with ``(VALUES ($reg0), ($reg1))``. An IN-list of two or more values only
    prunes row groups (zone maps) and is checked in a join above the scan, after the scan has
    produced every row of the chosen indicators (1.7 million for the overview at 100×). With the
    VALUES join DuckDB pushes a bloom filter on ``regio_code`` into the scan itself: the overview
    query (13 indicators, 5 regions) at 100× went from ~70 to ~28 ms (bench/schaal.py). The codes
    are made distinct, so the join keeps the semantics of IN.
    """
    codes = list(dict.fromkeys(regio_codes))
    if len(codes) <= 1:
        lijst, params = _in("reg", codes)
        return "", f"c.regio_code IN {lijst}", params
    params = {f"reg{i}": c for i, c in enumerate(codes)}
    waarden = ", ".join(f"(${p})" for p in params)
    return f"JOIN (VALUES {waarden}) AS gekozen(code) ON gekozen.code = c.regio_code", "TRUE", params


# ----------------------------------------------------------------------------- catalogue
def database_info(versie: str) -> dict:
    """Version token plus the last ETL run, for the footer and shareable links."""
    run = _query("SELECT run_id, klaar, modus, melding FROM etl_run ORDER BY klaar DESC LIMIT 1")
    rij = run.iloc[0].to_dict() if not run.empty else {}
    return {"versie": versie, **rij}


KIEZER_SOORTEN = ("land", "gemeente")  # what the region picker and the pages offer


def regios(versie: str, soorten: tuple[str, ...] | None = KIEZER_SOORTEN) -> pd.DataFrame:
    """Regions: code, naam, soort; Nederland first, then municipalities by name.

    By default only ``land`` and ``gemeente``: the sidebar picker and the names on the pages. Once
    the ETL loads districts (``wijk``; CBS has ~3,000) they would otherwise flood the picker (the
    ETL's `volgorde` puts every non-municipality first) and every page run. ``soorten=None`` gives
    all regions, e.g. to check codes a user typed for the export.
    """
    lijst, params = ("", {}) if soorten is None else _in("soort", soorten)
    waar = f"WHERE soort IN {lijst}" if soorten is not None else ""
    return _query(f"SELECT code, naam, soort FROM regio_lijst {waar} ORDER BY volgorde",
                  params)  # `volgorde`: sorted by the ETL


def indicatoren(versie: str) -> pd.DataFrame:
    """The indicator catalogue as the ETL stored it, in catalogue order."""
    return _query("""
        SELECT i.*, m.volgorde, m.peildatum AS peildatum_regel, m.beschikbaar_na, m.vergelijk_nl, m.decimalen
        FROM indicator i JOIN indicator_meta m USING (key) ORDER BY m.volgorde""")


# ----------------------------------------------------------------------------- figures
_REEKS = """
    SELECT c.regio_code, r.naam AS regio_naam, c.indicator_key, c.jaar, c.peildatum, c.waarde,
           c.status, c.bron_id, b.titel AS bron_titel, b.tabel_id, b.versie AS bron_versie,
           c.bron_kolom, b.soort AS bron_soort, c.reeks, c.reeks_reden, c.afgeleid_uit,
           c.decimalen_bron, c.afronding_laag, c.afronding_hoog
    FROM cijfer c JOIN regio r ON r.code = c.regio_code JOIN bron b USING (bron_id)
"""
# `reeks`/`reeks_reden`: the comparable series a figure belongs to (NULL = the default series of
# its source kind; see monitor.domein.reeks_van) and why a declared break separates it.
# `afgeleid_uit`: for Nederland derived by the ETL, e.g. "som van 342 gemeenten" and, when a summed
# figure was provisional, ", uit voorlopige cijfers" (the derived status is "berekend"; else NULL).
# `decimalen_bron`: the precision this source publishes (PDOK 2022: whole percentages).
# `afronding_laag`/`afronding_hoog`: where the true value lies because CBS rounds the count(s) it
# comes from to tens (Ameland 2024: 0 bijstand per 1.000 is really 0 to 1,04); both NULL = not
# from rounded counts, only `afronding_hoog` NULL = no upper bound. See etl.afronding and
# monitor.domein.afronding_breed.


def reeks(versie: str, indicator_keys: tuple[str, ...], regio_codes: tuple[str, ...]) -> pd.DataFrame:
    """The shown figure per region, indicator and year (gaps stay gaps), with source and status."""
    ind, ind_params = _in("ind", indicator_keys)
    regio_join, regio_voorwaarde, reg_params = _regio_filter(regio_codes)
    return _query(_REEKS + f"""{regio_join}
        WHERE c.indicator_key IN {ind} AND {regio_voorwaarde}
        ORDER BY c.indicator_key, c.regio_code, c.jaar""", {**ind_params, **reg_params})


def laatste(versie: str, indicator_keys: tuple[str, ...], regio_codes: tuple[str, ...]) -> pd.DataFrame:
    """Per region and indicator the most recent year that has a value."""
    ind, ind_params = _in("ind", indicator_keys)
    regio_join, regio_voorwaarde, reg_params = _regio_filter(regio_codes)
    return _query(f"""
        SELECT * EXCLUDE (rij) FROM (
            SELECT *, row_number() OVER (PARTITION BY regio_code, indicator_key ORDER BY jaar DESC) AS rij
            FROM ({_REEKS} {regio_join}
                  WHERE c.waarde IS NOT NULL AND c.indicator_key IN {ind} AND {regio_voorwaarde})
        ) WHERE rij = 1""", {**ind_params, **reg_params})


def gemeenten_in_jaar(versie: str, indicator_key: str, jaar: int) -> pd.DataFrame:
    """All municipalities with a value for one indicator and year (for ranking)."""
    return _query(_REEKS + """
        WHERE c.indicator_key = $ind AND c.jaar = $jaar AND r.soort = 'gemeente'
        AND c.waarde IS NOT NULL ORDER BY c.waarde""", {"ind": indicator_key, "jaar": jaar})


def kaartcijfers(versie: str, indicator_key: str, jaar: int) -> pd.DataFrame:
    """Alle gemeenten voor één indicator en jaar, ook zonder waarde (de status zegt waarom)."""
    return _query(_REEKS + """
        WHERE c.indicator_key = $ind AND c.jaar = $jaar AND r.soort = 'gemeente'
        ORDER BY c.regio_code""", {"ind": indicator_key, "jaar": jaar})


def jaren(versie: str, indicator_key: str) -> list[int]:
    """Years in which any region has a value for the indicator, newest first."""
    frame = _query("""SELECT unnest(jaren) AS jaar FROM dekking WHERE indicator_key = ?
                      ORDER BY jaar DESC""", [indicator_key])
    return [int(j) for j in frame["jaar"]]


def jaren_van(versie: str, indicator_keys: tuple[str, ...]) -> list[int]:
    """Years in which any region has a value for any of the indicators, newest first.

    One query instead of :func:`jaren` per indicator (the export page asks this on every run).
    """
    ind, params = _in("ind", indicator_keys)
    frame = _query(f"""SELECT DISTINCT unnest(jaren) AS jaar FROM dekking
                       WHERE indicator_key IN {ind} ORDER BY jaar DESC""", params)
    return [int(j) for j in frame["jaar"]]


# ----------------------------------------------------------------------------- provenance
def bronnen(versie: str) -> pd.DataFrame:
    """Every source with its version, licence, retrieval date and notes."""
    return _query("""
        SELECT b.*, m.rang, m.formaat, m.bestand, m.toelichting
        FROM bron b JOIN bron_meta m USING (bron_id) ORDER BY b.soort, m.rang, b.bron_id""")


def indicator_bronnen(versie: str) -> pd.DataFrame:
    """Per indicator and source: which column, which years, how many figures (and gaps)."""
    return _query("SELECT * FROM indicator_bron ORDER BY indicator_key, eerste_jaar")  # built by the ETL


def etl_runs(versie: str) -> pd.DataFrame:
    return _query("SELECT * FROM etl_run ORDER BY gestart DESC")


def herkomst_laatste_runs(versie: str) -> pd.DataFrame:
    """Per bron van de laatste build en de laatste refresh: online, snapshot of mislukt, waarom.

    Zo ziet een gebruiker na een mislukte of halve refresh welke tabellen van CBS kwamen en
    welke op de meegeleverde snapshot terugvielen.
    """
    return _query("""
        WITH laatste AS (SELECT run_id, modus, gestart FROM etl_run
                         QUALIFY row_number() OVER (PARTITION BY modus = 'refresh'
                                                    ORDER BY gestart DESC) = 1)
        SELECT l.gestart, l.modus, t.tabel_id, t.bron_id, b.titel AS bron_titel, t.herkomst,
               t.melding
        FROM etl_run_tabel t JOIN laatste l USING (run_id) LEFT JOIN bron b USING (bron_id)
        ORDER BY l.gestart DESC, t.herkomst = 'niet opgehaald' DESC, t.tabel_id""")


def niet_geladen(versie: str) -> pd.DataFrame:
    return _query("""SELECT n.*, b.titel AS bron_titel FROM niet_geladen n
                     JOIN bron b USING (bron_id) ORDER BY n.bron_id, n.regel""")


# ----------------------------------------------------------------------------- verkennen
# Overzicht, Vergelijken, Trends, Bronnen (paginas/overzicht.py ... paginas/bronnen.py).


def gemeenten_telling(versie: str, indicator_key: str, jaar: int) -> dict[str, int]:
    """How many municipalities have a figure for this indicator and year, for an honest ranking.

    ``met_cijfer``: with a value; ``zonder_cijfer``: a row without value (CBS: unknown/secret);
    ``gemeenten``: municipalities that existed that year (those with an inhabitants figure, or
    with any figure when the year has no inhabitants figures).
    """
    frame = _query("""
        SELECT
            coalesce((SELECT met_cijfer FROM gemeente_telling
                      WHERE indicator_key = $ind AND jaar = $jaar), 0) AS met_cijfer,
            coalesce((SELECT zonder_cijfer FROM gemeente_telling
                      WHERE indicator_key = $ind AND jaar = $jaar), 0) AS zonder_cijfer,
            coalesce((SELECT gemeenten FROM gemeenten_per_jaar WHERE jaar = $jaar), 0) AS gemeenten
        """, {"ind": indicator_key, "jaar": jaar})  # tables built by the ETL (etl.load)
    return {k: int(v) for k, v in frame.iloc[0].to_dict().items()}


def dekking(versie: str) -> pd.DataFrame:
    """Per indicator: how many municipalities have a figure, whether Nederland has one, and years.

    Lets pages offer only indicators that can be compared between municipalities.
    """
    return _query("SELECT * FROM dekking ORDER BY indicator_key")  # built by the ETL (etl.load)
