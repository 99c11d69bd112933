"""Vastleggen voor de jaarrekening: een benoemde, onveranderlijke set cijfers.

Een jaarrekening noemt cijfers die later door CBS herzien kunnen worden (voorlopig → definitief).
Een accountant moet dan nog steeds kunnen zien welke cijfers er destijds zijn gebruikt. Daarom
bewaart een vastlegging álles wat in de export staat (cijfers, definities, bronnen,
streefwaarden, de versie van de database) in ``data/beleid.duckdb``, het bestand dat de ETL nooit
aanraakt. Daaruit komt de export later byte voor byte hetzelfde terug; de SHA-256 van dat
werkboek staat bij de vastlegging, zodat iedereen het kan narekenen.

Onveranderlijk: een bestaande naam wordt geweigerd en deze module heeft geen functie om te
wijzigen of te verwijderen. :func:`revisierapport` vergelijkt de bevroren cijfers met de
database van vandaag ("was 7,1% voorlopig, nu 7,3% definitief").

Dit bestand deelt ``beleid.duckdb`` met de beleidsgegevens: de verbinding, het schema (tabellen
``vastlegging*``) en de transacties komen uit ``monitor.beleid.opslag``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
import re
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from etl.config import beleid_pad
from monitor import fmt, store
from monitor.beleid import opslag as beleid_opslag
from monitor.domein import TIJDZONE
from monitor.export.model import (
    BBV_BASIS,
    BRON_KOLOMMEN,
    CIJFER_KOLOMMEN,
    INDICATOR_KOLOMMEN,
    STREEF_KOLOMMEN,
    ExportData,
    Selectie,
    normaliseer,
    op_publicatieprecisie,
)
from monitor.export.werkboek import werkboek

NAAM_PATROON = re.compile(r"^[^\W_][\w .,()/&+-]{0,79}$")
_LOCK_POGINGEN = 25


class VastleggingFout(ValueError):
    """Iets met een vastlegging kan niet; de tekst is voor gebruikers (Nederlands)."""


class VastleggingBestaat(VastleggingFout):
    """De naam is al gebruikt. Vastleggingen veranderen nooit."""


class VastleggingOnbekend(VastleggingFout, LookupError):
    """Er is geen vastlegging met die naam."""


# ----------------------------------------------------------------------------- opslag


def _invoegen(con: duckdb.DuckDBPyConnection, tabel: str, frame: pd.DataFrame) -> None:
    if frame.empty:
        return
    con.register("invoer", frame)
    try:
        con.execute(f"INSERT INTO {tabel} BY NAME SELECT * FROM invoer")  # noqa: S608 (vaste namen)
    finally:
        con.unregister("invoer")


def _controleer_naam(naam: str) -> str:
    naam = (naam or "").strip()
    if not NAAM_PATROON.match(naam):
        raise VastleggingFout(
            "Kies een naam van 1 tot 80 tekens die begint met een letter of cijfer, "
            "bijvoorbeeld 'Jaarrekening 2025'. Toegestaan zijn letters, cijfers, spaties en "
            "- _ . , ( ) / & +.")
    return naam


def _nu() -> dt.datetime:
    return dt.datetime.now(TIJDZONE).replace(tzinfo=None, microsecond=0)


def leg_vast(naam: str, data: ExportData, omschrijving: str = "", *, wie: str,
             pad: Path | None = None, nu: dt.datetime | None = None) -> dict[str, Any]:
    """Bevries de export ``data`` onder ``naam``; een bestaande naam geeft
    :class:`VastleggingBestaat`. Geeft de gegevens van de vastlegging terug, met de SHA-256
    van het werkboek dat er vanaf nu altijd uit komt.

    ``wie`` is de naam van de bewerker (bewerkmodus): een vastlegging is nooit meer weg te
    halen, dus moet vastliggen wie hem maakte en wanneer (ook in ``geschiedenis``).
    """
    naam = _controleer_naam(naam)
    wie = (wie or "").strip()
    if not wie:
        raise VastleggingFout("Vastleggen kan alleen in de bewerkmodus, met uw naam erbij.")
    if data.vastlegging:
        raise VastleggingFout("Dit is al een vastlegging; leg de actuele cijfers vast.")
    data = normaliseer(data)
    aangemaakt = (nu or _nu()).replace(microsecond=0)
    with beleid_opslag.verbinding(pad) as con, beleid_opslag.transactie(con):
        if True:
            bestaat = con.execute("SELECT count(*) FROM vastlegging WHERE naam = ?",
                                  [naam]).fetchone()[0]
            if bestaat:
                raise VastleggingBestaat(
                    f"Er is al een vastlegging met de naam '{naam}'. Een vastlegging verandert "
                    "nooit: kies een andere naam (bijvoorbeeld met een datum erbij).")
            con.execute(
                "INSERT INTO vastlegging (naam, aangemaakt_op, omschrijving, run_id, etl_klaar, "
                "modus, db_versie, selectie, regio_namen, aantal_cijfers, aangemaakt_door) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [naam, aangemaakt, omschrijving or "", data.database.get("run_id"),
                 data.database.get("etl_klaar"), data.database.get("modus"),
                 _db_versie(), data.selectie.naar_json(),
                 json.dumps(data.regio_namen, ensure_ascii=False, sort_keys=True),
                 len(data.cijfers), wie])
            _invoegen(con, "vastlegging_cijfer", data.cijfers.assign(naam=naam))
            _invoegen(con, "vastlegging_indicator", data.indicatoren.assign(naam=naam))
            _invoegen(con, "vastlegging_bron", data.bronnen.assign(naam=naam))
            _invoegen(con, "vastlegging_streefwaarde", data.streefwaarden.assign(naam=naam))
            # Het controlegetal komt uit wat er echt is opgeslagen, niet uit het geheugen.
            sha = hashlib.sha256(werkboek(_laad(con, naam))).hexdigest()
            con.execute("UPDATE vastlegging SET sha256 = ? WHERE naam = ?", [sha, naam])
            beleid_opslag.log_wijziging(
                con, wie=wie, tabel="vastlegging", sleutel=naam, oud=None,
                nieuw={"naam": naam, "omschrijving": omschrijving or "", "sha256": sha,
                       "aantal_cijfers": len(data.cijfers)},
                reden="Vastgelegd voor de jaarrekening")
    return {"naam": naam, "aangemaakt_op": aangemaakt, "sha256": sha, "aangemaakt_door": wie,
            "aantal_cijfers": len(data.cijfers), "run_id": data.database.get("run_id")}


def _db_versie() -> str | None:
    try:
        return store.db_versie()
    except store.GeenDatabase:
        return None


def vastleggingen(pad: Path | None = None) -> pd.DataFrame:
    """Alle vastleggingen, nieuwste eerst (zonder de cijfers zelf).

    Kijken schrijft niets: geen bestand en geen tabellen als er nog niets is vastgelegd.
    """
    leeg = pd.DataFrame(columns=["naam", "aangemaakt_op", "aangemaakt_door", "omschrijving", "run_id", "etl_klaar",
                                 "aantal_cijfers", "sha256", "selectie"])
    if not Path(pad or beleid_pad()).exists():
        return leeg

    def lees(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
        bestaat = con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = "
                              "'vastlegging'").fetchone()[0]
        if not bestaat:
            return leeg
        return con.execute("""
            SELECT naam, aangemaakt_op, aangemaakt_door, omschrijving, run_id, etl_klaar,
                   aantal_cijfers, sha256, selectie
            FROM vastlegging ORDER BY aangemaakt_op DESC, naam""").df()

    # Bewaard tot er iets geschreven wordt: de exportpagina toont de lijst bij elke run.
    return beleid_opslag.lees_bewaard("vastleggingen", lees, pad)


def weergave(lijst: pd.DataFrame) -> pd.DataFrame:
    """De lijst van :func:`vastleggingen` voor op het scherm, in het Nederlands."""
    def tijd(x: Any) -> str:
        x = _w(x)
        return "" if x is None else pd.Timestamp(x).strftime("%d-%m-%Y %H:%M")

    return pd.DataFrame({
        "Naam": lijst["naam"],
        "Vastgelegd op": [tijd(x) for x in lijst["aangemaakt_op"]],
        "Door": lijst["aangemaakt_door"].fillna("onbekend (vóór de bewerkmodus)"),
        "Cijfers": [fmt.getal(n) for n in lijst["aantal_cijfers"]],
        "Database (ETL-run)": lijst["run_id"].fillna(""),
        "Controlegetal (SHA-256)": [f"{s[:16]}…" if isinstance(s, str) else ""
                                    for s in lijst["sha256"]],
        "Omschrijving": lijst["omschrijving"].fillna(""),
    })


def revisie_weergave(rapport: pd.DataFrame) -> pd.DataFrame:
    """Het revisierapport voor op het scherm."""
    return pd.DataFrame({
        "Regio": rapport["regio"],
        "Jaar": [str(j) for j in rapport["jaar"]],
        "Verandering": rapport["tekst"],
        "Wat": rapport["soort"],
        "Indicator": rapport["indicator"],
    })


def _laad(con: duckdb.DuckDBPyConnection, naam: str) -> ExportData:
    kop = con.execute("""SELECT naam, aangemaakt_op, omschrijving, run_id, etl_klaar, modus,
                                selectie, regio_namen FROM vastlegging WHERE naam = ?""",
                      [naam]).fetchall()
    if not kop:
        raise VastleggingOnbekend(f"Er is geen vastlegging met de naam '{naam}'.")
    (naam, aangemaakt, omschrijving, run_id, klaar, modus, selectie, namen) = kop[0]

    def tabel(sql: str, kolommen: list[str]) -> pd.DataFrame:
        frame = con.execute(sql, [naam]).df()
        return frame.reindex(columns=kolommen)

    data = ExportData(
        selectie=Selectie.van_json(selectie),
        cijfers=tabel("SELECT * FROM vastlegging_cijfer WHERE naam = ?", CIJFER_KOLOMMEN),
        indicatoren=tabel("SELECT * FROM vastlegging_indicator WHERE naam = ?",
                          INDICATOR_KOLOMMEN),
        bronnen=tabel("SELECT * FROM vastlegging_bron WHERE naam = ?", BRON_KOLOMMEN),
        streefwaarden=tabel("SELECT * FROM vastlegging_streefwaarde WHERE naam = ?",
                            STREEF_KOLOMMEN),
        database={"run_id": run_id, "etl_klaar": klaar, "modus": modus},
        vastlegging={"naam": naam, "aangemaakt_op": aangemaakt, "omschrijving": omschrijving},
        regio_namen=json.loads(namen) if namen else {},
    )
    return normaliseer(data)


def laad(naam: str, pad: Path | None = None) -> ExportData:
    """De bevroren export; :func:`monitor.export.werkboek` maakt er steeds dezelfde bytes van."""
    with beleid_opslag.verbinding(pad) as con:
        return _laad(con, naam)


def controleer(naam: str, pad: Path | None = None) -> bool:
    """Klopt het werkboek van vandaag nog met de SHA-256 van het moment van vastleggen?"""
    with beleid_opslag.verbinding(pad) as con:
        rij = con.execute("SELECT sha256 FROM vastlegging WHERE naam = ?", [naam]).fetchall()
        if not rij:
            raise VastleggingOnbekend(f"Er is geen vastlegging met de naam '{naam}'.")
        return hashlib.sha256(werkboek(_laad(con, naam))).hexdigest() == rij[0][0]


# ----------------------------------------------------------------------------- revisies

REVISIE_KOLOMMEN = ["soort", "indicator_key", "indicator", "regio_code", "regio", "jaar",
                    "was_waarde", "was_status", "was_bron", "nu_waarde", "nu_status", "nu_bron",
                    "verschil", "tekst"]


def _gelijk(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=1e-12, abs_tol=1e-12)


def _w(x: Any) -> Any:
    if x is None:
        return None
    try:
        return None if pd.isna(x) else x
    except (TypeError, ValueError):
        return x


def _beschrijf(waarde: float | None, status: str | None, eenheid: str) -> str:
    if waarde is None:
        return f"geen cijfer ({status})" if status else "geen cijfer"
    return f"{fmt.waarde(waarde, eenheid)} {status or 'status onbekend'}"


def revisierapport(naam: str, versie: str | None = None, pad: Path | None = None) -> pd.DataFrame:
    """Wat is er sinds de vastlegging in de database veranderd?

    Per indicator, regio en jaar van de vastgelegde selectie: ``waarde gewijzigd``, ``status
    gewijzigd``, ``bron gewijzigd``, ``verdwenen`` (toen een cijfer, nu niet) of ``nieuw`` (nu
    een cijfer, toen niet). Geen rijen = niets veranderd.
    """
    data = laad(naam, pad)
    versie = versie or store.db_versie()
    keys = tuple(dict.fromkeys((*data.selectie.indicatoren, *BBV_BASIS,
                                *data.cijfers["indicator_key"])))
    nu = store.reeks(versie, keys, tuple(data.selectie.regios))
    nu = nu.assign(waarde=op_publicatieprecisie(nu, data.indicatoren))  # zoals in de export
    if data.selectie.jaren:
        nu = nu[nu["jaar"] <= max(data.selectie.jaren)]  # zelfde bereik als export.verzamel
    was = {(r.regio_code, r.indicator_key, int(r.jaar)): r
           for r in data.cijfers.itertuples(index=False)}
    vandaag = {(r.regio_code, r.indicator_key, int(r.jaar)): r for r in nu.itertuples(index=False)}
    titels = dict(zip(data.indicatoren["key"], data.indicatoren["titel"], strict=True))
    eenheden = dict(zip(data.indicatoren["key"], data.indicatoren["eenheid"], strict=True))
    namen = {**data.regio_namen,
             **dict(zip(nu["regio_code"], nu["regio_naam"], strict=False))}
    volgorde = {k: n for n, k in enumerate(data.indicatoren["key"])}
    regio_volgorde = {c: n for n, c in enumerate(data.selectie.regios)}

    rijen = []
    for sleutel in sorted(set(was) | set(vandaag),
                          key=lambda s: (volgorde.get(s[1], len(volgorde)), s[1],
                                         regio_volgorde.get(s[0], 99), s[0], s[2])):
        code, key, jaar = sleutel
        oud, nieuw = was.get(sleutel), vandaag.get(sleutel)
        ow = _w(oud.waarde) if oud is not None else None
        os_ = _w(oud.status) if oud is not None else None
        ob = _w(oud.bron_id) if oud is not None else None
        nw = _w(nieuw.waarde) if nieuw is not None else None
        ns = _w(nieuw.status) if nieuw is not None else None
        nb = _w(nieuw.bron_id) if nieuw is not None else None
        if ow is not None and nw is None:
            soort = "verdwenen"
        elif ow is None and nw is not None:
            soort = "nieuw"
        elif ow is None and nw is None:
            if oud is None or nieuw is None or os_ == ns:
                continue
            soort = "status gewijzigd"
        elif not _gelijk(ow, nw):
            soort = "waarde gewijzigd"
        elif os_ != ns:
            soort = "status gewijzigd"
        elif ob != nb:
            soort = "bron gewijzigd"
        else:
            continue
        eenheid = eenheden.get(key, "")
        tekst = f"was {_beschrijf(ow, os_, eenheid)}, nu {_beschrijf(nw, ns, eenheid)}"
        if soort == "bron gewijzigd":
            tekst += f" (bron was {ob}, nu {nb})"
        rijen.append({
            "soort": soort, "indicator_key": key, "indicator": titels.get(key, key),
            "regio_code": code, "regio": namen.get(code, code), "jaar": jaar,
            "was_waarde": ow, "was_status": os_, "was_bron": ob,
            "nu_waarde": nw, "nu_status": ns, "nu_bron": nb,
            "verschil": (nw - ow) if ow is not None and nw is not None else None,
            "tekst": tekst,
        })
    frame = pd.DataFrame(rijen, columns=REVISIE_KOLOMMEN)
    for k in ("was_waarde", "nu_waarde", "verschil"):
        frame[k] = frame[k].astype("float64")
    frame["jaar"] = frame["jaar"].astype("Int64")
    return frame
