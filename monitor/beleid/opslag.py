"""Beleidsgegevens die mensen invoeren: nulmetingen, streefwaarden, opdrachten, context.

Dit is de enige plek met SQL voor ``data/beleid.duckdb`` (pad: ``etl.config.beleid_pad()``,
of ``ARMOEDEMONITOR_BELEID_DB``). Dat bestand staat los van de statistiekdatabase: de ETL
raakt het nooit aan, dus ingevoerde doelen overleven elke herbouw. Het bestand wordt bij het
eerste gebruik aangemaakt en gevuld met:

- de 19 opdrachten uit ``data/lokaal/opdrachten-heerlen.csv`` (status "nog niet ingevoerd" als
  beginwaarde, nog door de gemeente te bevestigen);
- de landelijke schuldenambitie als referentie voor Nederland (8,8% in 2021 → 3,8% in 2030,
  Bestuurlijke afspraken basisdienstverlening schuldhulpverlening);
- contextregels (programma's en landelijke maatregelen die de cijfers ook bewegen), elk met
  een bron. Zonder bron staat er letterlijk "bron: nog invullen".

Niets gaat verloren: elke wijziging (ook de eerste vulling) komt als nieuwe regel in
``geschiedenis`` (wie, wanneer, tabel, sleutel, oud, nieuw, reden). Die tabel wordt alleen
aangevuld, nooit bijgewerkt of geleegd. "Wie" is de naam die de bewerker zelf intypt: er is
geen inlog, dus het is een verklaring, geen bewijs.

Schrijven gebeurt per actie in één transactie met een korte verbinding (open, schrijven,
sluiten): een afgekeurd bestand of een fout halverwege laat de opslag precies zoals hij was.
"""

from __future__ import annotations

import contextlib
import csv
import json
import math
import threading
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import duckdb
import pandas as pd
from tenacity import retry, retry_if_exception_type, stop_after_delay, wait_fixed

from etl.config import DATA_DIR, beleid_pad
from monitor import fmt
from monitor.beleid.nulmeting import nulmeting_voorstel
from monitor.beleid.validatie import (
    Afgekeurd,
    BeleidFout,
    controleer_streefwaarde,
    controleer_wie_reden,
    lees_jaar,
)
from monitor.domein import BELEIDSJAREN, tekst_of_niets

SCHEMA_VERSIE = "1"
#: "nog niet ingevoerd" is de beginwaarde: niemand heeft de status nog opgegeven. "Niet gestart"
#: is een uitspraak over het plan, en die doet de monitor niet voor de gemeente.
NOG_NIET_INGEVOERD = "nog niet ingevoerd"
OPDRACHT_STATUSSEN: tuple[str, ...] = (NOG_NIET_INGEVOERD, "niet gestart", "loopt", "afgerond",
                                       "vertraagd")
BRON_ONBEKEND = "bron: nog invullen"
SYSTEEM = "systeem (eerste vulling)"

#: Startgegevens (met bron per regel) waarmee een nieuwe opslag gevuld wordt.
OPDRACHTEN_CSV = DATA_DIR / "lokaal" / "opdrachten-heerlen.csv"
OPDRACHTEN_BRON = ("Beleidsplan inkomenszekerheid Heerlen 2026-2029 'Zekerheid als vertrekpunt' "
                   "(samenvatting van de 19 opdrachten)")  # fmt: skip
CONTEXT_CSV = DATA_DIR / "lokaal" / "beleid_context.csv"
REFERENTIE_CSV = DATA_DIR / "lokaal" / "beleid_referentie.csv"

_SCHEMA_VASTLEGGING = [
    """CREATE TABLE IF NOT EXISTS vastlegging (
        naam VARCHAR PRIMARY KEY,
        aangemaakt_op TIMESTAMP NOT NULL,
        omschrijving VARCHAR,
        run_id VARCHAR,
        etl_klaar TIMESTAMP,
        modus VARCHAR,
        db_versie VARCHAR,
        selectie JSON NOT NULL,
        regio_namen JSON,
        aantal_cijfers INTEGER,
        sha256 VARCHAR)""",
    """CREATE TABLE IF NOT EXISTS vastlegging_cijfer (
        naam VARCHAR NOT NULL, regio_code VARCHAR NOT NULL, regio_naam VARCHAR,
        indicator_key VARCHAR NOT NULL, jaar INTEGER NOT NULL, peildatum DATE, waarde DOUBLE,
        status VARCHAR, bron_id VARCHAR, bron_kolom VARCHAR,
        PRIMARY KEY (naam, regio_code, indicator_key, jaar))""",
    """CREATE TABLE IF NOT EXISTS vastlegging_indicator (
        naam VARCHAR NOT NULL, key VARCHAR NOT NULL, titel VARCHAR, eenheid VARCHAR,
        definitie VARCHAR, richting VARCHAR, afgeleid VARCHAR, volgorde INTEGER,
        peildatum_regel VARCHAR, beschikbaar_na INTEGER, decimalen INTEGER,
        PRIMARY KEY (naam, key))""",
    """CREATE TABLE IF NOT EXISTS vastlegging_bron (
        naam VARCHAR NOT NULL, bron_id VARCHAR NOT NULL, soort VARCHAR, titel VARCHAR,
        tabel_id VARCHAR, versie VARCHAR, url VARCHAR, licentie VARCHAR, opgehaald_op VARCHAR,
        toelichting VARCHAR, PRIMARY KEY (naam, bron_id))""",
    """CREATE TABLE IF NOT EXISTS vastlegging_streefwaarde (
        naam VARCHAR NOT NULL, indicator_key VARCHAR, regio_code VARCHAR, jaar INTEGER,
        streefwaarde DOUBLE, begroting DOUBLE, soort VARCHAR, toelichting VARCHAR,
        bron VARCHAR)""",
]

_SCHRIJFSLOT = threading.RLock()
#: Bestanden (pad, inode) waarvan het schema in dit proces al gecontroleerd is: scheelt bij
#: elke verbinding zeven CREATE-IF-NOT-EXISTS-opdrachten.
_SCHEMA_KLAAR: set[tuple[str, int]] = set()

_SCHEMA = [
    "CREATE TABLE IF NOT EXISTS schema_info (sleutel VARCHAR PRIMARY KEY, waarde VARCHAR)",
    """CREATE TABLE IF NOT EXISTS nulmeting (
        indicator_key VARCHAR NOT NULL, regio_code VARCHAR NOT NULL,
        jaar INTEGER NOT NULL, waarde DOUBLE NOT NULL, status VARCHAR, bron_id VARCHAR,
        herkomst VARCHAR NOT NULL, bron VARCHAR, toelichting VARCHAR,
        PRIMARY KEY (indicator_key, regio_code))""",
    """CREATE TABLE IF NOT EXISTS streefwaarde (
        indicator_key VARCHAR NOT NULL, regio_code VARCHAR NOT NULL, jaar INTEGER NOT NULL,
        waarde DOUBLE NOT NULL, soort VARCHAR NOT NULL, toelichting VARCHAR, bron VARCHAR,
        PRIMARY KEY (indicator_key, regio_code, jaar))""",
    """CREATE TABLE IF NOT EXISTS opdracht (
        nr INTEGER PRIMARY KEY, thema VARCHAR NOT NULL, samenvatting VARCHAR NOT NULL,
        status VARCHAR NOT NULL, eigenaar VARCHAR, planning VARCHAR, besluitmoment VARCHAR,
        indicatoren VARCHAR, toelichting VARCHAR, bron VARCHAR)""",
    """CREATE TABLE IF NOT EXISTS context (
        id INTEGER PRIMARY KEY, naam VARCHAR NOT NULL, periode VARCHAR, omschrijving VARCHAR,
        regio VARCHAR, bron VARCHAR NOT NULL)""",
    "CREATE SEQUENCE IF NOT EXISTS geschiedenis_id",
    """CREATE TABLE IF NOT EXISTS geschiedenis (
        id BIGINT PRIMARY KEY DEFAULT nextval('geschiedenis_id'), tijdstip TIMESTAMP NOT NULL,
        wie VARCHAR NOT NULL, tabel VARCHAR NOT NULL, sleutel VARCHAR NOT NULL,
        oud VARCHAR, nieuw VARCHAR, reden VARCHAR NOT NULL)""",
    *_SCHEMA_VASTLEGGING,
    # vastleggingen van vóór de publicatieprecisie in de catalogus
    "ALTER TABLE vastlegging_indicator ADD COLUMN IF NOT EXISTS decimalen INTEGER",
    # wie een vastlegging maakte (vanaf de bewerkmodus voor vastleggen)
    "ALTER TABLE vastlegging ADD COLUMN IF NOT EXISTS aangemaakt_door VARCHAR",
]



# ----------------------------------------------------------------------------- verbinding


@retry(retry=retry_if_exception_type(duckdb.IOException), stop=stop_after_delay(5),
       wait=wait_fixed(0.2), reraise=True)  # fmt: skip
def _open(pad: Path) -> duckdb.DuckDBPyConnection:
    """Open het bestand; wacht even als een ander proces het net vasthoudt."""
    return duckdb.connect(str(pad))


@contextlib.contextmanager
def verbinding(pad: Path | None = None, *, schema: bool = True
               ) -> Iterator[duckdb.DuckDBPyConnection]:  # fmt: skip
    """Korte verbinding met beleid.duckdb, voor beleidsgegevens én vastleggingen.

    Met ``schema`` worden ontbrekende tabellen en de eerste vulling aangemaakt; zonder (alleen
    kijken) schrijft de verbinding niets. Houdt een ander proces het bestand vast, dan wachten
    we kort (één beleid voor heel de app) en volgt een Nederlandse melding.
    """
    pad = Path(pad or beleid_pad())
    pad.parent.mkdir(parents=True, exist_ok=True)
    with _SCHRIJFSLOT:
        bestond = pad.exists()
        try:
            con = _open(pad)
        except duckdb.IOException as fout:
            raise BeleidFout("Het bestand met beleidsgegevens is nu in gebruik door een ander "
                             "programma. Probeer het over een minuut opnieuw.") from fout
        try:
            sleutel = (str(pad.resolve()), pad.stat().st_ino)
            if schema and (not bestond or sleutel not in _SCHEMA_KLAAR):
                _zorg_voor_schema(con)
                _SCHEMA_KLAAR.add(sleutel)
            yield con
        finally:
            con.close()


@contextlib.contextmanager
def schrijfslot() -> Iterator[None]:
    """Het slot waaronder alle verbindingen van dit proces lopen (voor herstel van een kopie)."""
    with _SCHRIJFSLOT:
        yield


# ----------------------------------------------------------------------------- reservekopie


Schema = dict[str, list[tuple[str, str]]]


def _schema(con: duckdb.DuckDBPyConnection) -> Schema:
    """Tabellen met hun kolommen en typen, in volgorde: om een reservekopie te controleren."""
    rijen = con.execute("SELECT table_name, column_name, data_type FROM duckdb_columns() WHERE "
                        "database_name = current_database() ORDER BY table_name, column_index"
                        ).fetchall()  # fmt: skip
    schema: Schema = {}
    for tabel, kolom, soort in rijen:
        schema.setdefault(tabel, []).append((kolom, soort))
    return schema


def schema() -> Schema:
    """Het schema van de beleidsopslag zoals deze versie van de monitor hem maakt."""
    with verbinding() as con:
        return _schema(con)


def schema_van_bestand(bestand: Path) -> Schema:
    """Het schema van een andere DuckDB (een reservekopie), alleen-lezen geopend."""
    try:
        with duckdb.connect(str(bestand), read_only=True) as kopie:
            return _schema(kopie)
    except duckdb.Error as fout:
        raise BeleidFout(f"{bestand} is geen bruikbare DuckDB-database ({fout}).") from fout


def kopieer_naar(map_: Path, bestand: str) -> None:
    """Een consistente kopie van de opslag als ``map_/bestand`` plus een CSV per tabel.

    ``COPY FROM DATABASE`` leest in één transactie, dus dit kan terwijl de app draait.
    """
    with verbinding() as con:
        naam = str(con.execute("SELECT current_database()").fetchone()[0])
        con.execute("ATTACH ? AS kopie", [str(map_ / bestand)])
        try:
            con.execute(f'COPY FROM DATABASE "{naam}" TO kopie')
        finally:
            con.execute("DETACH kopie")
        for tabel in _schema(con):  # namen uit het eigen schema, nooit van buiten
            con.execute(f'COPY "{tabel}" TO ? (HEADER, DELIMITER \',\')',
                        [str(map_ / f"{tabel}.csv")])


@contextlib.contextmanager
def transactie(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """All or nothing: a change and its history entry are written together, or not at all."""
    global _SCHRIJFTELLER
    con.execute("BEGIN TRANSACTION")
    try:
        yield
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    finally:
        with _LEESSLOT:
            _SCHRIJFTELLER += 1
            _LEESCACHE.clear()


#: Gelezen tabellen per bestandsversie: een pagina leest dezelfde tabellen vaak meerdere keren
#: per run, en elke verbinding openen kost tientallen milliseconden. De sleutel bevat inode,
#: wijzigtijd en grootte van het bestand en zijn WAL (een ander proces dat schrijft), plus een
#: teller die elke schrijfactie in dit proces ophoogt.
_LEESCACHE: dict[tuple, pd.DataFrame] = {}
_LEESSLOT = threading.Lock()
_SCHRIJFTELLER = 0
_MAX_LEESCACHE = 64


def _bestandsversie(pad: Path) -> tuple:
    delen: list[object] = [str(pad)]
    for p in (pad, pad.with_name(pad.name + ".wal")):
        try:
            st = p.stat()
            delen += [st.st_ino, st.st_mtime_ns, st.st_size]
        except FileNotFoundError:
            delen.append(None)
    return tuple(delen)


def _lees(sql: str, params: Sequence | None = None) -> pd.DataFrame:
    """Een leesquery, met het antwoord bewaard tot het bestand of dit proces iets schrijft."""
    pad = beleid_pad()
    if not pad.exists():
        with verbinding() as con:  # maakt de opslag aan
            return _frame(con, sql, params)
    with _LEESSLOT:
        sleutel = (_bestandsversie(pad), _SCHRIJFTELLER, sql, tuple(params or ()))
        bewaard = _LEESCACHE.get(sleutel)
    if bewaard is None:
        with verbinding() as con:
            bewaard = _frame(con, sql, params)
        with _LEESSLOT:
            if len(_LEESCACHE) >= _MAX_LEESCACHE:
                _LEESCACHE.clear()
            _LEESCACHE[sleutel] = bewaard
    return bewaard.copy()


def lees_bewaard(naam: str, lezer: Callable[[duckdb.DuckDBPyConnection], pd.DataFrame],
                 pad: Path | None = None) -> pd.DataFrame:
    """Wat ``lezer`` leest op een verbinding die niets schrijft (``schema=False``), bewaard als
    bij :func:`_lees`: tot het bestand (ook door een ander proces) of dit proces iets schrijft.

    Voor een lezer met eigen SQL, zoals de lijst met vastleggingen die de exportpagina bij elke
    run toont: een verbinding openen kostte daar ~50 ms per run. ``naam`` onderscheidt lezers.
    """
    pad = Path(pad or beleid_pad())
    with _LEESSLOT:
        sleutel = (_bestandsversie(pad), _SCHRIJFTELLER, "lezer", naam)
        bewaard = _LEESCACHE.get(sleutel)
    if bewaard is None:
        with verbinding(pad, schema=False) as con:
            bewaard = lezer(con)
        with _LEESSLOT:
            if len(_LEESCACHE) >= _MAX_LEESCACHE:
                _LEESCACHE.clear()
            _LEESCACHE[sleutel] = bewaard
    return bewaard.copy()


def _zorg_voor_schema(con: duckdb.DuckDBPyConnection) -> None:
    for sql in _SCHEMA:
        con.execute(sql)
    gevuld = con.execute("SELECT waarde FROM schema_info WHERE sleutel = 'gevuld'").fetchall()
    if gevuld:
        _beginstatus_hernoemen(con)
        return
    with transactie(con):
        _eerste_vulling(con)
        con.execute("INSERT INTO schema_info VALUES ('versie', ?), ('gevuld', ?)",
                    [SCHEMA_VERSIE, _nu().isoformat(timespec="seconds")])


def _beginstatus_hernoemen(con: duckdb.DuckDBPyConnection) -> None:
    """Oude opslag: de beginwaarde "niet gestart" die alleen het systeem invulde, heet nu
    "nog niet ingevoerd". Wat een mens invoerde, blijft staan; de wijziging staat in de
    geschiedenis."""
    rijen = con.execute("""
        SELECT nr FROM opdracht WHERE status = 'niet gestart' AND NOT EXISTS (
            SELECT 1 FROM geschiedenis g WHERE g.tabel = 'opdracht'
            AND g.sleutel = CAST(opdracht.nr AS VARCHAR) AND g.wie <> ?)""", [SYSTEEM]).fetchall()
    if not rijen:
        return
    with transactie(con):
        for (nr,) in rijen:
            con.execute("UPDATE opdracht SET status = ? WHERE nr = ?", [NOG_NIET_INGEVOERD, nr])
            log_wijziging(con, wie=SYSTEEM, tabel="opdracht", sleutel=str(nr),
                          oud={"status": "niet gestart"}, nieuw={"status": NOG_NIET_INGEVOERD},
                          reden="Beginwaarde hernoemd: niemand had de status nog ingevoerd")


def _nu() -> datetime:
    """Tijdstip in UTC zonder tijdzone-info (DuckDB TIMESTAMP); de pagina toont het lokaal."""
    return datetime.now(UTC).replace(tzinfo=None)


def _json(rij: Mapping | None) -> str | None:
    if rij is None:
        return None
    schoon = {k: (None if isinstance(v, float) and math.isnan(v) else v) for k, v in rij.items()}
    return json.dumps(schoon, ensure_ascii=False, sort_keys=True, default=str)


def log_wijziging(con: duckdb.DuckDBPyConnection, *, wie: str, tabel: str, sleutel: str,
         oud: Mapping | None, nieuw: Mapping | None, reden: str) -> None:  # fmt: skip
    """De enige schrijver van ``geschiedenis``: altijd INSERT, nooit UPDATE of DELETE."""
    con.execute(
        "INSERT INTO geschiedenis (tijdstip, wie, tabel, sleutel, oud, nieuw, reden) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        [_nu(), wie, tabel, sleutel, _json(oud), _json(nieuw), reden],
    )


# ----------------------------------------------------------------------------- versies


TIJDZONE = ZoneInfo("Europe/Amsterdam")


class Conflict(Afgekeurd):
    """Iemand anders wijzigde hetzelfde nadat de gebruiker de gegevens laadde.

    Niets is opgeslagen; de gebruiker laadt opnieuw en voert zijn wijziging zo nodig opnieuw in.
    """


def samenvatting(oud: object, nieuw: object) -> str:
    """Korte tekst 'veld: oud → nieuw' uit twee geschiedenis-JSON's."""
    def lees(x: object) -> Mapping:
        if x is None or _is_leeg(x):
            return {}
        try:
            return json.loads(str(x))
        except ValueError:
            return {"waarde": x}

    a, b = lees(oud), lees(nieuw)
    # Een nieuwe of geschrapte rij noemt wat erin stond: alleen "nieuw" zei de lezer niet wélke
    # waarde er kwam (de volledige JSON staat verborgen in de tabel en in de download).
    if not a:
        return _met_velden("nieuw", b)
    if not b:
        return _met_velden("geschrapt", a)
    delen = [f"{k}: {_toon(k, a.get(k))} → {_toon(k, b.get(k))}"
             for k in sorted(set(a) | set(b)) if a.get(k) != b.get(k)]  # fmt: skip
    return "; ".join(delen) or "geen verschil"


#: Staan al in de kolom Sleutel van de geschiedenis.
_IN_SLEUTEL = {"indicator_key", "regio_code", "id", "nr"}
_ACHTERAAN = {"bron", "toelichting"}


def _met_velden(wat: str, rij: Mapping) -> str:
    """``nieuw: jaar: 2029; waarde: 38,5``: de gevulde velden, buiten de sleutel; de lange
    bronvermelding en toelichting achteraan, zodat naam en waarde in beeld staan."""
    volgorde = sorted(rij, key=lambda k: (k in _ACHTERAAN, k))
    velden = [f"{k}: {_toon(k, rij[k])}" for k in volgorde
              if k not in _IN_SLEUTEL and rij[k] not in (None, "")]
    return f"{wat}: {'; '.join(velden)}" if velden else wat


#: Velden met een jaartal of volgnummer: zonder duizendtalpunt tonen (2024, niet 2.024).
_GEEN_GETAL = {"jaar", "nr", "id"}


def _toon(veld: str, w: object) -> str:
    """Eén bewaarde waarde voor de lezer: getallen in Nederlandse notatie (``7.1`` → ``7,1``,
    ``42600.0`` → ``42.600``) met de decimalen die bewaard zijn; leeg → ``—``.

    Alleen de weergave: de geschiedenis zelf blijft het JSON zoals het is opgeslagen."""
    if w is None or w == "":
        return "—"
    if isinstance(w, bool) or not isinstance(w, (int, float)):
        return str(w)
    if veld in _GEEN_GETAL and float(w).is_integer():
        return fmt.periode(int(w), None)
    if isinstance(w, float) and not math.isfinite(w):
        return fmt.getal(w)
    decimalen = max(0, -Decimal(str(w)).normalize().as_tuple().exponent)
    return fmt.getal(w, min(decimalen, 6))


def _versie_doel(con: duckdb.DuckDBPyConnection, indicator_key: str, regio_code: str) -> int:
    # starts_with en niet LIKE: indicator-keys bevatten '_', in LIKE een jokerteken.
    return int(con.execute(
        "SELECT coalesce(max(id), 0) FROM geschiedenis WHERE (tabel = 'streefwaarde' AND "
        "starts_with(sleutel, ?)) OR (tabel = 'nulmeting' AND sleutel = ?)",
        [f"{indicator_key}|{regio_code}|", f"{indicator_key}|{regio_code}"]).fetchone()[0])


def versie_doel(indicator_key: str, regio_code: str) -> int:
    """Versie van de doelen van één indicator en regio: de laatste geschiedenis-id (0 = geen).

    De pagina bewaart dit bij het tonen; opslaan met een oudere versie wordt geweigerd.
    """
    with verbinding() as con:
        return _versie_doel(con, indicator_key, regio_code)


def _versies_opdrachten(con: duckdb.DuckDBPyConnection) -> dict[int, int]:
    rijen = con.execute("SELECT sleutel, max(id) FROM geschiedenis WHERE tabel = 'opdracht' "
                        "GROUP BY sleutel").fetchall()
    return {int(s): int(i) for s, i in rijen}


def versies_opdrachten() -> dict[int, int]:
    """Per opdrachtnummer de laatste geschiedenis-id: de versie die de gebruiker zag."""
    with verbinding() as con:
        return _versies_opdrachten(con)


def _conflict(con: duckdb.DuckDBPyConnection, wat: str, na_id: int, waar: str,
              params: Sequence) -> Conflict:  # fmt: skip
    """Een Conflict met wie wat wanneer veranderde sinds versie ``na_id``."""
    rij = con.execute(f"SELECT wie, tijdstip, sleutel, oud, nieuw FROM geschiedenis WHERE id > ? "
                      f"AND ({waar}) ORDER BY id DESC LIMIT 1", [na_id, *params]).fetchone()
    wie, tijd, sleutel, oud, nieuw = rij if rij else ("onbekend", _nu(), "", None, None)
    lokaal = tijd.replace(tzinfo=UTC).astimezone(TIJDZONE).strftime("%d-%m-%Y %H:%M")
    return Conflict([f"{wat} is intussen gewijzigd door {wie} om {lokaal} ({sleutel}): "
                     f"{_verschil(oud, nieuw)}. Niets opgeslagen. Laad de gegevens opnieuw en "
                     "voer uw wijziging daarna zo nodig opnieuw in."])


def _verschil(oud: object, nieuw: object) -> str:
    """'veld: oud → nieuw' per gewijzigd veld, ook bij een nieuwe of geschrapte regel."""
    def lees(x: object) -> dict:
        return {} if x is None or _is_leeg(x) else json.loads(str(x))

    a, b = lees(oud), lees(nieuw)
    vast = {"indicator_key", "regio_code", "jaar", "nr", "id", "bron", "soort"}
    delen = [f"{k}: {_toon(k, a.get(k))} → {_toon(k, b.get(k))}"
             for k in sorted(set(a) | set(b)) if k not in vast and a.get(k) != b.get(k)]
    return "; ".join(delen) or samenvatting(oud, nieuw)


def _lees_csv(pad: Path) -> list[dict[str, str]]:
    with pad.open(encoding="utf-8-sig", newline="") as f:
        return [{k: (v or "").strip() for k, v in r.items()} for r in csv.DictReader(f)]


def _eerste_vulling(con: duckdb.DuckDBPyConnection) -> None:
    """Vul een nieuwe opslag uit de startbestanden in ``data/lokaal/`` (elk met een bron)."""
    reden_opdr = f"Eerste vulling uit data/lokaal/{OPDRACHTEN_CSV.name} ({OPDRACHTEN_BRON})"
    for rij in _lees_csv(OPDRACHTEN_CSV):
        if not rij.get("nr"):
            continue
        nieuw = {"nr": int(rij["nr"]), "thema": rij["thema"], "samenvatting": rij["samenvatting"],
                 "status": NOG_NIET_INGEVOERD, "eigenaar": None, "planning": None,
                 "besluitmoment": None, "indicatoren": None,
                 "toelichting": "Beginwaarde bij het inrichten van de monitor; status nog niet "
                                "door de gemeente bevestigd.",
                 "bron": OPDRACHTEN_BRON}  # fmt: skip
        con.execute(
            "INSERT INTO opdracht VALUES ($nr, $thema, $samenvatting, $status, $eigenaar, "
            "$planning, $besluitmoment, $indicatoren, $toelichting, $bron)", nieuw)
        log_wijziging(con, wie=SYSTEEM, tabel="opdracht", sleutel=str(nieuw["nr"]), oud=None, nieuw=nieuw,
             reden=reden_opdr)
    for rij in _lees_csv(REFERENTIE_CSV):
        sleutel = [rij["indicator_key"], rij["regio_code"]]
        basis = {"indicator_key": rij["indicator_key"], "regio_code": rij["regio_code"],
                 "jaar": int(rij["jaar"]), "waarde": float(rij["waarde"])}
        if rij["soort"] == "nulmeting":
            nieuw = {**basis, "status": None, "bron_id": None, "herkomst": "afspraak",
                     "bron": rij["bron"], "toelichting": rij["toelichting"]}
            con.execute("INSERT INTO nulmeting VALUES ($indicator_key, $regio_code, $jaar, "
                        "$waarde, $status, $bron_id, $herkomst, $bron, $toelichting)", nieuw)
        else:
            nieuw = {**basis, "soort": "referentie", "toelichting": rij["toelichting"],
                     "bron": rij["bron"]}
            con.execute("INSERT INTO streefwaarde VALUES ($indicator_key, $regio_code, $jaar, "
                        "$waarde, $soort, $toelichting, $bron)", nieuw)
            sleutel.append(rij["jaar"])
        log_wijziging(con, wie=SYSTEEM, tabel=rij["soort"], sleutel="|".join(sleutel), oud=None,
             nieuw=nieuw, reden="Landelijke schuldenambitie als referentie")
    for i, rij in enumerate(_lees_csv(CONTEXT_CSV), start=1):
        nieuw = {"id": i, **{k: rij.get(k) or None for k in CONTEXT_VELDEN}}
        con.execute("INSERT INTO context VALUES ($id, $naam, $periode, $omschrijving, $regio, "
                    "$bron)", nieuw)
        log_wijziging(con, wie=SYSTEEM, tabel="context", sleutel=str(i), oud=None, nieuw=nieuw,
             reden="Eerste vulling: contextregel met bron")


def _frame(con: duckdb.DuckDBPyConnection, sql: str, params: Sequence | None = None
           ) -> pd.DataFrame:  # fmt: skip
    return con.execute(sql, params or []).df()


# ----------------------------------------------------------------------------- lezen


def initialiseer() -> Path:
    """Maak de opslag aan (als dat nog niet gebeurd is) en geef het pad."""
    with verbinding():
        pass
    return beleid_pad()


def streefwaarden(indicator_key: str | None = None, regio_code: str | None = None
                  ) -> pd.DataFrame:  # fmt: skip
    """Alle streefwaarden (gemeentelijk en referentie), eventueel voor één indicator/regio."""
    return _lees("""
        SELECT * FROM streefwaarde
        WHERE ($1 IS NULL OR indicator_key = $1) AND ($2 IS NULL OR regio_code = $2)
        ORDER BY indicator_key, regio_code, jaar""", [indicator_key, regio_code])


def nulmetingen() -> pd.DataFrame:
    return _lees("SELECT * FROM nulmeting ORDER BY indicator_key, regio_code")


def nulmeting(indicator_key: str, regio_code: str) -> dict | None:
    """De vastgelegde nulmeting, of None als die er (nog) niet is."""
    return _rij(_lees("SELECT * FROM nulmeting WHERE indicator_key = ? AND regio_code = ?",
                      [indicator_key, regio_code]))


def _rij(df: pd.DataFrame) -> dict | None:
    if df.empty:
        return None
    return {k: (None if _is_leeg(v) else v) for k, v in df.iloc[0].to_dict().items()}


def _is_leeg(v: object) -> bool:
    try:
        return v is None or bool(pd.isna(v))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False


def doelen(regio_code: str | None = None) -> pd.DataFrame:
    """Per (indicator, regio) met nulmeting of streefwaarde: nulmeting plus dict jaar → doel.

    Het formaat dat ``monitor.toets.overzicht_doelen`` verwacht.
    """
    nul, doel = nulmetingen(), streefwaarden()
    paren = pd.concat([nul[["indicator_key", "regio_code"]],
                       doel[["indicator_key", "regio_code"]]]).drop_duplicates()  # fmt: skip
    if regio_code is not None:
        paren = paren[paren["regio_code"] == regio_code]
    rijen = []
    for k, r in paren.itertuples(index=False):
        n = nul[(nul["indicator_key"] == k) & (nul["regio_code"] == r)]
        d = doel[(doel["indicator_key"] == k) & (doel["regio_code"] == r)]
        rijen.append({
            "indicator_key": k, "regio_code": r,
            "nulmeting_jaar": int(n["jaar"].iloc[0]) if not n.empty else None,
            "nulmeting_waarde": float(n["waarde"].iloc[0]) if not n.empty else None,
            "nulmeting_status": tekst_of_niets(n["status"].iloc[0]) if not n.empty else None,
            "streefwaarden": {int(j): float(w) for j, w in zip(d["jaar"], d["waarde"],
                                                               strict=True)},
            "soort": "referentie" if (d["soort"] == "referentie").any() else "gemeentelijk",
            "bron": next(iter(d["bron"].dropna()), None),
        })  # fmt: skip
    return pd.DataFrame(rijen, columns=["indicator_key", "regio_code", "nulmeting_jaar",
                                        "nulmeting_waarde", "nulmeting_status", "streefwaarden",
                                        "soort", "bron"])  # fmt: skip


def doelen_met_voorstel(regio_code: str, keys: Sequence[str], reeks: pd.DataFrame
                        ) -> pd.DataFrame:  # fmt: skip
    """:func:`doelen` voor één regio, aangevuld met een nulmetingvoorstel waar nog niets vastligt.

    Eén rij per key in ``keys`` plus elke indicator met vastgelegde gegevens voor de regio.
    Kolom ``nulmeting_herkomst``: "vastgelegd", "afspraak" (niet uit de database), "voorstel"
    (laatste jaar vóór 2026, nog niet vastgelegd) of None (geen cijfer vóór 2026).
    """
    vast = doelen(regio_code)
    nul = nulmetingen()
    alle = list(dict.fromkeys([*keys, *vast["indicator_key"]]))
    rijen = []
    for k in alle:
        v = vast[vast["indicator_key"] == k]
        n = nul[(nul["indicator_key"] == k) & (nul["regio_code"] == regio_code)]
        rij = {"indicator_key": k, "regio_code": regio_code, "nulmeting_jaar": None,
               "nulmeting_waarde": None, "nulmeting_status": None, "streefwaarden": {},
               "soort": "gemeentelijk",
               "nulmeting_herkomst": None}  # fmt: skip
        if not v.empty:
            rij.update(v.iloc[0].to_dict())
        if not n.empty:
            rij["nulmeting_herkomst"] = ("afspraak" if n["herkomst"].iloc[0] == "afspraak"
                                         else "vastgelegd")  # fmt: skip
        else:
            deel = reeks[reeks["indicator_key"] == k] if "indicator_key" in reeks else reeks
            voorstel = nulmeting_voorstel(deel, regio_code)
            if voorstel:
                rij.update(nulmeting_jaar=voorstel["jaar"], nulmeting_waarde=voorstel["waarde"],
                           nulmeting_status=voorstel.get("status"),
                           nulmeting_herkomst="voorstel")
        rijen.append(rij)
    return pd.DataFrame(rijen, columns=["indicator_key", "regio_code", "nulmeting_jaar",
                                        "nulmeting_waarde", "nulmeting_status", "streefwaarden",
                                        "soort", "nulmeting_herkomst"])  # fmt: skip


def opdrachten() -> pd.DataFrame:
    """De opdrachten; ``indicatoren`` als lijst van indicator-keys."""
    df = _lees("SELECT * FROM opdracht ORDER BY nr")
    df["indicatoren"] = df["indicatoren"].map(_lijst)
    return df


def _lijst(tekst: object) -> list[str]:
    if tekst is None or _is_leeg(tekst):
        return []
    if isinstance(tekst, list | tuple):
        return [str(t).strip() for t in tekst if str(t).strip()]
    return [t.strip() for t in str(tekst).split(",") if t.strip()]


def context_regels() -> pd.DataFrame:
    return _lees("SELECT * FROM context ORDER BY id")


def geschiedenis(tabel: str | None = None) -> pd.DataFrame:
    """Alle wijzigingen, nieuwste eerst (eventueel van één tabel)."""
    return _lees("SELECT * FROM geschiedenis WHERE $1 IS NULL OR tabel = $1 ORDER BY id DESC",
                 [tabel])


def _schrijf_nulmeting(con: duckdb.DuckDBPyConnection, nieuw: dict, wie: str, reden: str) -> bool:
    oud = _rij(_frame(con, "SELECT * FROM nulmeting WHERE indicator_key = ? AND regio_code = ?",
                      [nieuw["indicator_key"], nieuw["regio_code"]]))  # fmt: skip
    if oud is not None and all(_gelijk(oud.get(k), v) for k, v in nieuw.items()):
        return False
    con.execute("""
        INSERT INTO nulmeting VALUES ($indicator_key, $regio_code, $jaar, $waarde, $status,
            $bron_id, $herkomst, $bron, $toelichting)
        ON CONFLICT (indicator_key, regio_code) DO UPDATE SET jaar = excluded.jaar,
            waarde = excluded.waarde, status = excluded.status, bron_id = excluded.bron_id,
            herkomst = excluded.herkomst, bron = excluded.bron,
            toelichting = excluded.toelichting""", nieuw)
    log_wijziging(con, wie=wie, tabel="nulmeting", sleutel=f"{nieuw['indicator_key']}|{nieuw['regio_code']}",
         oud=oud, nieuw=nieuw, reden=reden)
    return True


_NULMETING_KOLOMMEN = ("indicator_key", "regio_code", "jaar", "waarde", "status", "bron_id",
                       "herkomst", "bron", "toelichting")  # fmt: skip


def _schrijf_nulmetingen(con: duckdb.DuckDBPyConnection, nieuwe: Sequence[dict], wie: str,
                         reden: str) -> int:  # fmt: skip
    """Veel nulmetingen tegelijk (CSV-import): één keer lezen, één keer schrijven, één log-insert."""
    if not nieuwe:
        return 0
    if len(nieuwe) == 1:
        return int(_schrijf_nulmeting(con, nieuwe[0], wie, reden))
    bestaand = {(o["indicator_key"], o["regio_code"]): {k: (None if _is_leeg(v) else v)
                                                         for k, v in o.items()}
                for o in _frame(con, "SELECT * FROM nulmeting").to_dict("records")}  # fmt: skip
    rijen, log_rijen = [], []
    for n in nieuwe:
        oud = bestaand.get((n["indicator_key"], n["regio_code"]))
        if oud is not None and all(_gelijk(oud.get(k), v) for k, v in n.items()):
            continue
        rijen.append(n)
        log_rijen.append({"sleutel": f"{n['indicator_key']}|{n['regio_code']}",
                          "oud": _json(oud), "nieuw": _json(n)})
    if not rijen:
        return 0
    con.register("_nieuwe_nulmetingen", pd.DataFrame(rijen, columns=list(_NULMETING_KOLOMMEN)))
    con.register("_logboek_nul", pd.DataFrame(log_rijen, columns=["sleutel", "oud", "nieuw"]))
    try:
        con.execute("""
            INSERT INTO nulmeting SELECT indicator_key, regio_code, CAST(jaar AS INTEGER),
                CAST(waarde AS DOUBLE), CAST(status AS VARCHAR), CAST(bron_id AS VARCHAR),
                herkomst, CAST(bron AS VARCHAR), CAST(toelichting AS VARCHAR)
            FROM _nieuwe_nulmetingen
            ON CONFLICT (indicator_key, regio_code) DO UPDATE SET jaar = excluded.jaar,
                waarde = excluded.waarde, status = excluded.status, bron_id = excluded.bron_id,
                herkomst = excluded.herkomst, bron = excluded.bron,
                toelichting = excluded.toelichting""")
        con.execute("INSERT INTO geschiedenis (tijdstip, wie, tabel, sleutel, oud, nieuw, reden) "
                    "SELECT ?, ?, 'nulmeting', sleutel, CAST(oud AS VARCHAR), "
                    "CAST(nieuw AS VARCHAR), ? FROM _logboek_nul", [_nu(), wie, reden])
    finally:
        con.unregister("_nieuwe_nulmetingen")
        con.unregister("_logboek_nul")
    return len(rijen)


def _gelijk(a: object, b: object) -> bool:
    if _is_leeg(a) and _is_leeg(b):
        return True
    if _is_leeg(a) or _is_leeg(b):
        return False
    if isinstance(a, int | float) and isinstance(b, int | float):
        return math.isclose(float(a), float(b), rel_tol=0, abs_tol=1e-12)
    return str(a) == str(b)


# ----------------------------------------------------------------------------- streefwaarden


def sla_streefwaarden_op(
    indicator_key: str,
    regio_code: str,
    waarden: Mapping[int, object],
    *,
    eenheid: str,
    richting: str,
    wie: str,
    reden: str,
    toelichtingen: Mapping[int, str | None] | None = None,
    nulmeting_voorstel: Mapping | None = None,
    nieuwe_nulmeting: Mapping | None = None,
    bevestigd: bool = False,
    versie: int | None = None,
) -> int:
    """Sla de streefwaarden 2026-2029 van één indicator en regio op; geeft het aantal wijzigingen.

    ``waarden``: jaar → getal, of None/leeg om een streefwaarde te schrappen (de oude waarde
    blijft in de geschiedenis). Alles wordt eerst gecontroleerd; bij één fout gaat er niets
    door (:class:`Afgekeurd`). Waarschuwingen (doel slechter dan nulmeting) blokkeren tot
    ``bevestigd=True``. Is er nog geen nulmeting, dan wordt ``nulmeting_voorstel`` in dezelfde
    transactie vastgelegd. ``nieuwe_nulmeting`` (jaar, waarde, status, bron_id, toelichting)
    vervangt de vastgelegde nulmeting, ook in dezelfde transactie: alles of niets.
    ``versie`` is :func:`versie_doel` zoals de gebruiker het zag; is er sindsdien iets gewijzigd,
    dan volgt :class:`Conflict` en blijft alles zoals het was.
    """
    wie, reden = controleer_wie_reden(wie, reden)
    toelichtingen = toelichtingen or {}
    bestaand_nul = nulmeting(indicator_key, regio_code)
    nul = nieuwe_nulmeting or bestaand_nul or nulmeting_voorstel
    nul_waarde = float(nul["waarde"]) if nul else None
    fouten: list[str] = []
    waarschuwingen: list[str] = []
    schoon: dict[int, float | None] = {}
    for jaar, w in waarden.items():
        if _is_leeg(w) or (isinstance(w, str) and not w.strip()):
            try:
                j = lees_jaar(jaar)
            except ValueError as fout:
                fouten.append(f"Het jaar klopt niet: {fout}.")
                continue
            if j not in BELEIDSJAREN:
                fouten.append(f"Jaar {j} kan niet: streefwaarden gaan over 2026 tot en met 2029.")
                continue
            schoon[j] = None
            continue
        c = controleer_streefwaarde(jaar, w, eenheid, richting, nul_waarde)
        fouten += c.fouten
        waarschuwingen += c.waarschuwingen
        if c.ok:
            schoon[lees_jaar(jaar)] = c.waarde
    if fouten or (waarschuwingen and not bevestigd):
        raise Afgekeurd(fouten, waarschuwingen)
    rijen = [(indicator_key, regio_code, j, w, toelichtingen.get(j)) for j, w in schoon.items()]
    nulmetingen_nodig = {}
    if nieuwe_nulmeting:
        nulmetingen_nodig[(indicator_key, regio_code)] = nieuwe_nulmeting
    elif bestaand_nul is None and nulmeting_voorstel and any(w is not None
                                                             for w in schoon.values()):
        nulmetingen_nodig[(indicator_key, regio_code)] = nulmeting_voorstel
    versies = None if versie is None else {(indicator_key, regio_code): versie}
    return schrijf_streefwaarden(rijen, nulmetingen_nodig, wie, reden, versies=versies)


def schrijf_streefwaarden(rijen: Sequence[tuple[str, str, int, float | None, str | None]],
                           nulmetingen_nodig: Mapping[tuple[str, str], Mapping],
                           wie: str, reden: str, *,
                           versies: Mapping[tuple[str, str], int] | None = None) -> int:  # fmt: skip
    """Alles of niets: één transactie voor alle rijen (plus eventuele nulmetingen).

    Eén keer lezen wat er al staat (geen query per rij): 5.000 regels in ruim onder een seconde.
    """
    aantal = 0
    with verbinding() as con:
        with transactie(con):
            for (k, r), gezien in (versies or {}).items():
                if _versie_doel(con, k, r) != gezien:
                    raise _conflict(con, f"De streefwaarde van {k} voor {r}", gezien,
                                    "(tabel = 'streefwaarde' AND starts_with(sleutel, ?)) OR "
                                    "(tabel = 'nulmeting' AND sleutel = ?)",
                                    [f"{k}|{r}|", f"{k}|{r}"])
            _schrijf_nulmetingen(con, [{
                "indicator_key": k, "regio_code": r, "jaar": int(voorstel["jaar"]),
                "waarde": float(voorstel["waarde"]), "status": voorstel.get("status"),
                "bron_id": voorstel.get("bron_id"), "herkomst": "database", "bron": None,
                "toelichting": voorstel.get("toelichting")
                or "Standaard: laatste jaar met een cijfer vóór 2026.",
            } for (k, r), voorstel in nulmetingen_nodig.items()], wie, f"Nulmeting: {reden}")  # fmt: skip
            bestaand = {(o["indicator_key"], o["regio_code"], int(o["jaar"])): o for o in (
                {k: (None if _is_leeg(v) else v) for k, v in rij.items()}
                for rij in _frame(con, "SELECT * FROM streefwaarde").to_dict("records"))}
            weg: list[tuple[str, str, int]] = []
            nieuw_rijen: list[dict] = []
            log_rijen: list[dict] = []
            tijd = _nu()
            for k, r, j, w, toel in rijen:
                oud = bestaand.get((k, r, j))
                sleutel = f"{k}|{r}|{j}"
                toel = (toel or "").strip() or None
                if w is None:
                    if oud is None:
                        continue
                    weg.append((k, r, j))
                    log_rijen.append({"sleutel": sleutel, "oud": _json(oud), "nieuw": None})
                    continue
                nieuw = {"indicator_key": k, "regio_code": r, "jaar": j, "waarde": w,
                         "soort": "gemeentelijk", "toelichting": toel,
                         "bron": f"ingevoerd door {wie}"}  # fmt: skip
                if oud is not None and _gelijk(oud["waarde"], w) and _gelijk(oud["toelichting"],
                                                                             toel):
                    continue
                if oud is not None:
                    nieuw["bron"] = oud.get("bron") if oud.get("soort") == "referentie" else \
                        nieuw["bron"]
                    nieuw["soort"] = oud.get("soort") or "gemeentelijk"
                nieuw_rijen.append(nieuw)
                log_rijen.append({"sleutel": sleutel, "oud": _json(oud), "nieuw": _json(nieuw)})
            # Alles in een paar opdrachten over een tabel, niet één query per regel.
            if weg:
                con.executemany("DELETE FROM streefwaarde WHERE indicator_key = ? AND "
                                "regio_code = ? AND jaar = ?", weg)  # fmt: skip
            if nieuw_rijen:
                invoer = pd.DataFrame(nieuw_rijen, columns=["indicator_key", "regio_code", "jaar",
                                                            "waarde", "soort", "toelichting",
                                                            "bron"])  # fmt: skip
                con.register("_nieuwe_streefwaarden", invoer)
                try:
                    con.execute("""
                        INSERT INTO streefwaarde SELECT indicator_key, regio_code,
                            CAST(jaar AS INTEGER), CAST(waarde AS DOUBLE), soort,
                            CAST(toelichting AS VARCHAR), bron FROM _nieuwe_streefwaarden
                        ON CONFLICT (indicator_key, regio_code, jaar) DO UPDATE SET
                            waarde = excluded.waarde, soort = excluded.soort,
                            toelichting = excluded.toelichting, bron = excluded.bron""")
                finally:
                    con.unregister("_nieuwe_streefwaarden")
            if log_rijen:
                logboek = pd.DataFrame(log_rijen, columns=["sleutel", "oud", "nieuw"])
                con.register("_logboek", logboek)
                try:
                    con.execute("INSERT INTO geschiedenis (tijdstip, wie, tabel, sleutel, oud, "
                                "nieuw, reden) SELECT ?, ?, 'streefwaarde', sleutel, "
                                "CAST(oud AS VARCHAR), CAST(nieuw AS VARCHAR), ? FROM _logboek",
                                [tijd, wie, reden])
                finally:
                    con.unregister("_logboek")
            aantal = len(log_rijen)
    return aantal


# ----------------------------------------------------------------------------- opdrachten


OPDRACHT_VELDEN = ("status", "eigenaar", "planning", "besluitmoment", "indicatoren",
                   "toelichting")  # fmt: skip


def sla_opdrachten_op(bewerkt: pd.DataFrame, *, wie: str, reden: str,
                      indicator_keys: Collection[str],
                      versies: Mapping[int, int] | None = None) -> int:  # fmt: skip
    """Sla gewijzigde opdrachten op (alleen de bewerkbare velden); geeft het aantal wijzigingen.

    Controle vooraf, alles of niets: status moet een van de vier zijn, indicatoren moeten
    bestaan. Elke gewijzigde opdracht krijgt een regel in de geschiedenis. ``versies``
    (:func:`versies_opdrachten` zoals de gebruiker ze zag): is een opdracht die de gebruiker
    wijzigt sindsdien door iemand anders gewijzigd, dan :class:`Conflict` en niets opgeslagen.
    Geef dan alleen de rijen mee die de gebruiker zelf veranderde.
    """
    wie, reden = controleer_wie_reden(wie, reden)
    huidig = opdrachten().set_index("nr")
    bekend = set(indicator_keys)
    fouten: list[str] = []
    wijzigingen: list[tuple[int, dict, dict]] = []
    for rij in bewerkt.to_dict("records"):
        nr = int(rij["nr"])
        if nr not in huidig.index:
            fouten.append(f"Opdracht {nr} bestaat niet.")
            continue
        status = (rij.get("status") or "").strip() if isinstance(rij.get("status"), str) else ""
        if status not in OPDRACHT_STATUSSEN:
            fouten.append(f"Opdracht {nr}: status '{rij.get('status')}' kan niet; kies uit "
                          f"{', '.join(OPDRACHT_STATUSSEN)}.")  # fmt: skip
            continue
        keys = _lijst(rij.get("indicatoren"))
        onbekend = [k for k in keys if k not in bekend]
        if onbekend:
            fouten.append(f"Opdracht {nr}: indicator {', '.join(onbekend)} bestaat niet.")
            continue
        oud_rij = {"nr": nr, **{k: huidig.loc[nr, k] for k in huidig.columns}}
        oud_rij["indicatoren"] = ",".join(oud_rij["indicatoren"]) or None
        nieuw = dict(oud_rij)
        nieuw["status"] = status
        for k in ("eigenaar", "planning", "besluitmoment", "toelichting"):
            v = rij.get(k)
            nieuw[k] = None if _is_leeg(v) or not str(v).strip() else str(v).strip()
        nieuw["indicatoren"] = ",".join(keys) or None
        oud_rij = {k: (None if _is_leeg(v) else v) for k, v in oud_rij.items()}
        if all(_gelijk(oud_rij.get(k), nieuw.get(k)) for k in OPDRACHT_VELDEN):
            continue
        wijzigingen.append((nr, oud_rij, nieuw))
    if fouten:
        raise Afgekeurd(fouten)
    with verbinding() as con:
        with transactie(con):
            if versies is not None:
                nu_versies = _versies_opdrachten(con)
                for rij in bewerkt.to_dict("records"):
                    nr = int(rij["nr"])
                    gezien = int(versies.get(nr, 0))
                    if nu_versies.get(nr, 0) != gezien:
                        raise _conflict(con, f"Opdracht {nr}", gezien,
                                        "tabel = 'opdracht' AND sleutel = ?", [str(nr)])
            for nr, oud, nieuw in wijzigingen:
                con.execute("""UPDATE opdracht SET status = $status, eigenaar = $eigenaar,
                    planning = $planning, besluitmoment = $besluitmoment,
                    indicatoren = $indicatoren, toelichting = $toelichting WHERE nr = $nr""",
                    {k: nieuw[k] for k in ("nr", *OPDRACHT_VELDEN)})
                log_wijziging(con, wie=wie, tabel="opdracht", sleutel=str(nr), oud=oud, nieuw=nieuw,
                     reden=reden)
    return len(wijzigingen)


# ----------------------------------------------------------------------------- context


CONTEXT_VELDEN = ("naam", "periode", "omschrijving", "regio", "bron")


def sla_context_op(bewerkt: pd.DataFrame, *, wie: str, reden: str) -> int:
    """Sla de contextlijst op zoals bewerkt: nieuwe, gewijzigde en geschrapte regels.

    Elke regel heeft een naam en een bron nodig; wie de bron nog niet weet, schrijft
    "bron: nog invullen". Geschrapte regels verdwijnen uit de lijst maar blijven in de
    geschiedenis staan.
    """
    wie, reden = controleer_wie_reden(wie, reden)
    huidig = context_regels()
    oud_per_id = {int(r["id"]): {k: (None if _is_leeg(v) else v) for k, v in r.items()}
                  for r in huidig.to_dict("records")}  # fmt: skip
    fouten: list[str] = []
    volgende = max(oud_per_id, default=0) + 1
    nieuw_per_id: dict[int, dict] = {}
    for i, rij in enumerate(bewerkt.to_dict("records"), start=1):
        waarden = {k: (None if _is_leeg(rij.get(k)) or not str(rij.get(k)).strip()
                       else str(rij.get(k)).strip()) for k in CONTEXT_VELDEN}  # fmt: skip
        if not any(waarden.values()):
            continue
        if not waarden["naam"]:
            fouten.append(f"Regel {i}: geef de regel een naam.")
        if not waarden["bron"]:
            fouten.append(f"Regel {i} ({waarden['naam'] or 'zonder naam'}): vul een bron in, of "
                          f"schrijf '{BRON_ONBEKEND}'.")  # fmt: skip
        id_ = rij.get("id")
        if _is_leeg(id_) or int(id_) not in oud_per_id:
            id_ = volgende
            volgende += 1
        nieuw_per_id[int(id_)] = {"id": int(id_), **waarden}
    if fouten:
        raise Afgekeurd(fouten)
    aantal = 0
    with verbinding() as con:
        with transactie(con):
            for id_, oud in oud_per_id.items():
                if id_ not in nieuw_per_id:
                    con.execute("DELETE FROM context WHERE id = ?", [id_])
                    log_wijziging(con, wie=wie, tabel="context", sleutel=str(id_), oud=oud, nieuw=None,
                         reden=reden)
                    aantal += 1
            for id_, nieuw in nieuw_per_id.items():
                oud = oud_per_id.get(id_)
                if oud is not None and all(_gelijk(oud.get(k), nieuw[k]) for k in CONTEXT_VELDEN):
                    continue
                con.execute("""INSERT INTO context VALUES ($id, $naam, $periode, $omschrijving,
                        $regio, $bron)
                    ON CONFLICT (id) DO UPDATE SET naam = excluded.naam, periode = excluded.periode,
                        omschrijving = excluded.omschrijving, regio = excluded.regio,
                        bron = excluded.bron""", nieuw)
                log_wijziging(con, wie=wie, tabel="context", sleutel=str(id_), oud=oud, nieuw=nieuw,
                     reden=reden)
                aantal += 1
    return aantal

# ----------------------------------------------------------------------------- vastleggingen
# De SQL achter monitor.export.vastlegging: die module bepaalt wat er wordt bevroren en hoe het
# terugkomt; hier staat alleen hoe het in beleid.duckdb staat. Een vastlegging wordt nooit
# gewijzigd of verwijderd, dus er is geen functie die dat doet (alleen het controlegetal wordt
# direct na het invoegen gezet, in dezelfde transactie).

VASTLEGGING_TABELLEN = ("vastlegging_cijfer", "vastlegging_indicator", "vastlegging_bron",
                        "vastlegging_streefwaarde")
_VASTLEGGING_LIJST = ["naam", "aangemaakt_op", "aangemaakt_door", "omschrijving", "run_id",
                      "etl_klaar", "aantal_cijfers", "sha256", "selectie"]


def _controleer_vastleggingstabel(tabel: str) -> None:
    """De tabelnaam komt in de SQL-tekst: alleen de vaste namen mogen."""
    if tabel not in VASTLEGGING_TABELLEN:
        raise ValueError(f"geen vastleggingstabel: {tabel}")


def vastlegging_bestaat(con: duckdb.DuckDBPyConnection, naam: str) -> bool:
    return bool(con.execute("SELECT count(*) FROM vastlegging WHERE naam = ?",
                            [naam]).fetchone()[0])


def voeg_vastlegging_toe(con: duckdb.DuckDBPyConnection, kop: Mapping[str, Any]) -> None:
    """De kopregel van een nieuwe vastlegging (binnen de transactie van de aanroeper)."""
    kolommen = ["naam", "aangemaakt_op", "omschrijving", "run_id", "etl_klaar", "modus",
                "db_versie", "selectie", "regio_namen", "aantal_cijfers", "aangemaakt_door"]
    con.execute(f"INSERT INTO vastlegging ({', '.join(kolommen)}) "
                f"VALUES ({', '.join('?' for _ in kolommen)})", [kop[k] for k in kolommen])


def voeg_vastlegging_rijen_toe(con: duckdb.DuckDBPyConnection, tabel: str,
                               frame: pd.DataFrame) -> None:
    """Rijen (met kolom ``naam``) in een van de :data:`VASTLEGGING_TABELLEN`."""
    _controleer_vastleggingstabel(tabel)
    if frame.empty:
        return
    con.register("invoer", frame)
    try:
        con.execute(f"INSERT INTO {tabel} BY NAME SELECT * FROM invoer")  # naam hierboven gecontroleerd
    finally:
        con.unregister("invoer")


def zet_controlegetal(con: duckdb.DuckDBPyConnection, naam: str, sha256: str) -> None:
    con.execute("UPDATE vastlegging SET sha256 = ? WHERE naam = ?", [sha256, naam])


def vastlegging_lijst(pad: Path | None = None) -> pd.DataFrame:
    """Alle vastleggingen, nieuwste eerst (zonder de cijfers). Kijken schrijft niets: geen
    bestand en geen tabellen als er nog niets is vastgelegd."""
    if not Path(pad or beleid_pad()).exists():
        return pd.DataFrame(columns=_VASTLEGGING_LIJST)

    def lees(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
        bestaat = con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = "
                              "'vastlegging'").fetchone()[0]
        if not bestaat:
            return pd.DataFrame(columns=_VASTLEGGING_LIJST)
        return con.execute(f"SELECT {', '.join(_VASTLEGGING_LIJST)} FROM vastlegging "
                           "ORDER BY aangemaakt_op DESC, naam").df()

    # Bewaard tot er iets geschreven wordt: de exportpagina toont de lijst bij elke run.
    return lees_bewaard("vastleggingen", lees, pad)


def vastlegging_kop(con: duckdb.DuckDBPyConnection, naam: str) -> dict[str, Any] | None:
    """De kopregel van één vastlegging (Python-waarden, zoals opgeslagen), of None."""
    cur = con.execute("SELECT * FROM vastlegging WHERE naam = ?", [naam])
    rij = cur.fetchone()
    return None if rij is None else dict(zip([d[0] for d in cur.description], rij, strict=True))


def vastlegging_rijen(con: duckdb.DuckDBPyConnection, tabel: str, naam: str) -> pd.DataFrame:
    """De bevroren rijen van één vastlegging uit een van de :data:`VASTLEGGING_TABELLEN`."""
    _controleer_vastleggingstabel(tabel)
    return con.execute(f"SELECT * FROM {tabel} WHERE naam = ?", [naam]).df()
