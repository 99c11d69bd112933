"""Beleidsgegevens die mensen invoeren: nulmetingen, streefwaarden, opdrachten, context.

Dit is de enige plek met SQL voor ``data/beleid.duckdb`` (pad: ``etl.config.beleid_pad()``,
of ``ARMOEDEMONITOR_BELEID_DB``). Dat bestand staat los van de statistiekdatabase: de ETL
raakt het nooit aan, dus ingevoerde doelen overleven elke herbouw. Het bestand wordt bij het
eerste gebruik aangemaakt en gevuld met:

- de 19 opdrachten uit ``data/lokaal/opdrachten-heerlen.csv`` (status "niet gestart" als
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
import io
import json
import math
import re
import threading
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pandas as pd
from tenacity import retry, retry_if_exception_type, stop_after_delay, wait_fixed

from etl.config import DATA_DIR, NEDERLAND, beleid_pad
from monitor.fmt import getal, waarde as fmt_waarde

SCHEMA_VERSIE = "1"
BELEIDSJAREN: tuple[int, ...] = (2026, 2027, 2028, 2029)
NULMETING_VOOR = 2026  # standaard-nulmeting: het laatste jaar vóór de beleidsperiode
OPDRACHT_STATUSSEN: tuple[str, ...] = ("niet gestart", "loopt", "afgerond", "vertraagd")
BRON_ONBEKEND = "bron: nog invullen"
OPDRACHTEN_CSV = DATA_DIR / "lokaal" / "opdrachten-heerlen.csv"
OPDRACHTEN_BRON = ("Beleidsplan inkomenszekerheid Heerlen 2026-2029 'Zekerheid als vertrekpunt' "
                   "(samenvatting van de 19 opdrachten)")  # fmt: skip
SYSTEEM = "systeem (eerste vulling)"

#: Effectindicatoren van het plan die de beleidsmonitor altijd toont (ook zonder streefwaarde),
#: zodat een nulmeting en een status zichtbaar zijn voordat er doelen zijn vastgesteld.
PLANINDICATOREN: tuple[str, ...] = (
    "hh_laag_inkomen_pct", "hh_rond_sociaal_minimum_pct", "hh_tot_110_sm_pct",
    "personen_in_armoede_pct", "bijstand_per_1000", "problematische_schulden_hh_pct",
    "besteedbaar_inkomen_hh", "gestandaardiseerd_inkomen_hh", "ao_per_1000",
)  # fmt: skip

SCHULDEN_KEY = "problematische_schulden_hh_pct"
SCHULDEN_BRON = (
    "Bestuurlijke afspraken basisdienstverlening schuldhulpverlening; geciteerd in 'Beleidsplan "
    "armoede en schulden uitgelicht' (Heemskerk), §2.2 Basisdienstverlening schuldhulpverlening"
)

#: Toegestaan bereik per eenheid (ondergrens, bovengrens; None = open).
BEREIK: dict[str, tuple[float | None, float | None]] = {
    "%": (0.0, 100.0),
    "aantal": (0.0, None),
    "euro": (0.0, None),
    "per 1.000 inwoners": (0.0, 1000.0),
    "per 1.000 inwoners per maand": (0.0, 1000.0),
    "1 op de N inwoners": (1.0, None),
}

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
]

#: Contextregels voor de eerste vulling: alleen wat met een bron te onderbouwen is.
CONTEXT_START: tuple[dict[str, str], ...] = (
    {
        "naam": "Nationaal Programma Heerlen-Noord (NPHLN)",
        "periode": "vanaf 2022, looptijd 25 jaar",
        "omschrijving": "Bewoners, bedrijven, overheden en maatschappelijke organisaties werken "
        "25 jaar samen aan Heerlen-Noord (wonen, werken, leren, veiligheid, gezondheid). "
        "Onderdeel van het Nationaal Programma Leefbaarheid en Veiligheid, dat in 2022 begon.",
        "regio": "Heerlen-Noord (ongeveer twee derde van de inwoners van Heerlen)",
        "bron": "https://www.heerlen-noord.nl/over-nphln/ ; ANP via nieuws.nl, 21-02-2024 "
        "(https://nieuws.nl/algemeen/20240221/koning-verschrikkelijk-als-geld-voor-heerlen-"
        "noord-opraakt/)",
    },
    {
        "naam": "CBS-monitor Nationaal Programma Heerlen-Noord",
        "periode": "cijfers 2018-2024, update 12-02-2026",
        "omschrijving": "CBS-dashboard in opdracht van Heerlen met cijfers voor Nederland, "
        "Heerlen, Heerlen-Noord en Heerlen-Zuid. Handig om uitkomsten per stadsdeel naast "
        "deze monitor te leggen.",
        "regio": "Heerlen",
        "bron": "https://www.cbs.nl/nl-nl/maatwerk/2024/26/monitor-nationaal-programma-heerlen-"
        "noord-2018-2023",
    },
    {
        "naam": "Regio Deal Parkstad Limburg 2019-2022",
        "periode": "2019-2022",
        "omschrijving": "Rijk, provincie en Parkstadgemeenten samen € 80 miljoen om de "
        "achterstand van Parkstad weg te werken en naar het Limburgs gemiddelde toe te werken. "
        "RIGO maakte er een monitor voor (transformatieparkstad.nl).",
        "regio": "Parkstad Limburg (o.a. Heerlen)",
        "bron": "https://parkstad-limburg.nl/2019/07/15/provincie-limburg-en-stadsregio-parkstad-"
        "limburg-sluiten-deal-van-e80-miljoen-met-rijksoverheid/ ; https://www.rigo.nl/12425-2/",
    },
    {
        "naam": "Regio Deal Parkstad Limburg 2023-2025",
        "periode": "2023-2025",
        "omschrijving": "Tweede Regio Deal: € 25 miljoen van het Rijk voor leefbaarheid en "
        "brede welvaart in Parkstad.",
        "regio": "Parkstad Limburg (o.a. Heerlen)",
        "bron": "https://parkstad-limburg.nl/2023/02/22/zuid-limburg-krijgt-met-twee-regio-deals-"
        "45-miljoen-euro-van-het-rijk-om-te-investeren-in-brede-welvaart/",
    },
    {
        "naam": "Verhoging wettelijk minimumloon",
        "periode": "1 januari 2023",
        "omschrijving": "Het wettelijk minimumloon ging met 10,15% omhoog: een bijzondere "
        "verhoging van 8,05% bovenop de halfjaarlijkse indexatie. Een landelijke maatregel: "
        "hij geldt in alle gemeenten.",
        "regio": "Nederland",
        "bron": "Staatsblad 2022, 381 (https://zoek.officielebekendmakingen.nl/stb-2022-381.html)",
    },
    {
        "naam": "Energietoeslag 2022",
        "periode": "2022",
        "omschrijving": "Eenmalige toeslag van in beginsel € 1.300 per adres voor huishoudens "
        "tot 120% van het sociaal minimum, uitgekeerd door gemeenten.",
        "regio": "Nederland",
        "bron": "CBS, 'Energietoeslag dempt koopkrachtverlies in 2022' (https://www.cbs.nl/nl-nl/"
        "nieuws/2023/37/energietoeslag-dempt-koopkrachtverlies-in-2022/energietoeslag)",
    },
    {
        "naam": "Koopkrachtpakket 2023 (o.a. hoger kindgebonden budget)",
        "periode": "vanaf 1 januari 2023",
        "omschrijving": "Het kabinet verhoogde onder meer het kindgebonden budget fors. Volgens "
        "het kabinet draagt het pakket bij aan minder kinderen in armoede; het CPB raamde een "
        "daling van 6,8% (2022) naar 6,1% (2023).",
        "regio": "Nederland",
        "bron": "Antwoord op Kamervragen 2023Z04179 (https://zoek.officielebekendmakingen.nl/"
        "ah-tk-20222023-2391.html)",
    },
    {
        "naam": "Landelijke ambitie problematische schulden",
        "periode": "2021-2030",
        "omschrijving": "Het aandeel huishoudens met problematische schulden halveren: van 8,8% "
        "in 2021 naar 3,8% in 2030.",
        "regio": "Nederland",
        "bron": SCHULDEN_BRON,
    },
    {
        "naam": "Landelijke ambitie kinderarmoede",
        "periode": "2015-2025",
        "omschrijving": "Het aantal kinderen dat in armoede opgroeit halveren in 2025 ten "
        "opzichte van 2015 (Aanpak geldzorgen, armoede en schulden).",
        "regio": "Nederland",
        "bron": "Antwoord op Kamervragen 2023Z04179 (https://zoek.officielebekendmakingen.nl/"
        "ah-tk-20222023-2391.html)",
    },
)


class BeleidFout(Exception):
    """Een wijziging kan niet: de tekst is voor de gebruiker (Nederlands)."""


class Afgekeurd(BeleidFout):
    """Invoer afgekeurd; ``fouten`` blokkeren, ``waarschuwingen`` vragen om bevestiging."""

    def __init__(self, fouten: Sequence[str], waarschuwingen: Sequence[str] = ()) -> None:
        self.fouten = list(fouten)
        self.waarschuwingen = list(waarschuwingen)
        tekst = self.fouten or self.waarschuwingen
        super().__init__(" ".join(tekst))

    @property
    def bevestiging_nodig(self) -> bool:
        return not self.fouten and bool(self.waarschuwingen)


# ----------------------------------------------------------------------------- verbinding


@retry(retry=retry_if_exception_type(duckdb.IOException), stop=stop_after_delay(5),
       wait=wait_fixed(0.2), reraise=True)  # fmt: skip
def _open(pad: Path) -> duckdb.DuckDBPyConnection:
    """Open het bestand; wacht even als een ander proces het net vasthoudt."""
    return duckdb.connect(str(pad))


@contextlib.contextmanager
def _verbinding() -> Iterator[duckdb.DuckDBPyConnection]:
    """Korte verbinding; maakt schema en eerste vulling aan als die er nog niet zijn."""
    pad = beleid_pad()
    pad.parent.mkdir(parents=True, exist_ok=True)
    with _SCHRIJFSLOT:
        bestond = pad.exists()
        con = _open(pad)
        try:
            sleutel = (str(pad.resolve()), pad.stat().st_ino)
            if not bestond or sleutel not in _SCHEMA_KLAAR:
                _zorg_voor_schema(con)
                _SCHEMA_KLAAR.add(sleutel)
            yield con
        finally:
            con.close()


@contextlib.contextmanager
def _transactie(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """All or nothing: a change and its history entry are written together, or not at all."""
    con.execute("BEGIN TRANSACTION")
    try:
        yield
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise


def _zorg_voor_schema(con: duckdb.DuckDBPyConnection) -> None:
    for sql in _SCHEMA:
        con.execute(sql)
    gevuld = con.execute("SELECT waarde FROM schema_info WHERE sleutel = 'gevuld'").fetchall()
    if gevuld:
        return
    with _transactie(con):
        _eerste_vulling(con)
        con.execute("INSERT INTO schema_info VALUES ('versie', ?), ('gevuld', ?)",
                    [SCHEMA_VERSIE, _nu().isoformat(timespec="seconds")])


def _nu() -> datetime:
    """Tijdstip in UTC zonder tijdzone-info (DuckDB TIMESTAMP); de pagina toont het lokaal."""
    return datetime.now(UTC).replace(tzinfo=None)


def _json(rij: Mapping | None) -> str | None:
    if rij is None:
        return None
    schoon = {k: (None if isinstance(v, float) and math.isnan(v) else v) for k, v in rij.items()}
    return json.dumps(schoon, ensure_ascii=False, sort_keys=True, default=str)


def _log(con: duckdb.DuckDBPyConnection, *, wie: str, tabel: str, sleutel: str,
         oud: Mapping | None, nieuw: Mapping | None, reden: str) -> None:  # fmt: skip
    """De enige schrijver van ``geschiedenis``: altijd INSERT, nooit UPDATE of DELETE."""
    con.execute(
        "INSERT INTO geschiedenis (tijdstip, wie, tabel, sleutel, oud, nieuw, reden) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        [_nu(), wie, tabel, sleutel, _json(oud), _json(nieuw), reden],
    )


def _eerste_vulling(con: duckdb.DuckDBPyConnection) -> None:
    reden_opdr = f"Eerste vulling uit data/lokaal/{OPDRACHTEN_CSV.name} ({OPDRACHTEN_BRON})"
    for rij in _lees_opdrachten_csv():
        nieuw = {**rij, "status": "niet gestart", "eigenaar": None, "planning": None,
                 "besluitmoment": None, "indicatoren": None,
                 "toelichting": "Beginwaarde bij het inrichten van de monitor; status nog niet "
                                "door de gemeente bevestigd.",
                 "bron": OPDRACHTEN_BRON}  # fmt: skip
        con.execute(
            "INSERT INTO opdracht VALUES ($nr, $thema, $samenvatting, $status, $eigenaar, "
            "$planning, $besluitmoment, $indicatoren, $toelichting, $bron)", nieuw)
        _log(con, wie=SYSTEEM, tabel="opdracht", sleutel=str(rij["nr"]), oud=None, nieuw=nieuw,
             reden=reden_opdr)
    nul = {"indicator_key": SCHULDEN_KEY, "regio_code": NEDERLAND, "jaar": 2021, "waarde": 8.8,
           "status": None, "bron_id": None, "herkomst": "afspraak", "bron": SCHULDEN_BRON,
           "toelichting": "Uitgangswaarde van de landelijke ambitie."}  # fmt: skip
    con.execute("INSERT INTO nulmeting VALUES ($indicator_key, $regio_code, $jaar, $waarde, "
                "$status, $bron_id, $herkomst, $bron, $toelichting)", nul)
    _log(con, wie=SYSTEEM, tabel="nulmeting", sleutel=f"{SCHULDEN_KEY}|{NEDERLAND}", oud=None,
         nieuw=nul, reden="Landelijke schuldenambitie als referentie")
    doel = {"indicator_key": SCHULDEN_KEY, "regio_code": NEDERLAND, "jaar": 2030, "waarde": 3.8,
            "soort": "referentie", "toelichting": "Landelijke ambitie: halvering in 2030.",
            "bron": SCHULDEN_BRON}  # fmt: skip
    con.execute("INSERT INTO streefwaarde VALUES ($indicator_key, $regio_code, $jaar, $waarde, "
                "$soort, $toelichting, $bron)", doel)
    _log(con, wie=SYSTEEM, tabel="streefwaarde", sleutel=f"{SCHULDEN_KEY}|{NEDERLAND}|2030",
         oud=None, nieuw=doel, reden="Landelijke schuldenambitie als referentie")
    for i, regel in enumerate(CONTEXT_START, start=1):
        nieuw = {"id": i, **regel}
        con.execute("INSERT INTO context VALUES ($id, $naam, $periode, $omschrijving, $regio, "
                    "$bron)", nieuw)
        _log(con, wie=SYSTEEM, tabel="context", sleutel=str(i), oud=None, nieuw=nieuw,
             reden="Eerste vulling: contextregel met bron")


def _lees_opdrachten_csv(pad: Path = OPDRACHTEN_CSV) -> list[dict]:
    with pad.open(encoding="utf-8-sig", newline="") as f:
        rijen = [r for r in csv.DictReader(f) if (r.get("nr") or "").strip()]
    return [{"nr": int(r["nr"]), "thema": r["thema"].strip(),
             "samenvatting": r["samenvatting"].strip()} for r in rijen]  # fmt: skip


def _frame(con: duckdb.DuckDBPyConnection, sql: str, params: Sequence | None = None
           ) -> pd.DataFrame:  # fmt: skip
    return con.execute(sql, params or []).df()


# ----------------------------------------------------------------------------- lezen


def initialiseer() -> Path:
    """Maak de opslag aan (als dat nog niet gebeurd is) en geef het pad."""
    with _verbinding():
        pass
    return beleid_pad()


def streefwaarden(indicator_key: str | None = None, regio_code: str | None = None
                  ) -> pd.DataFrame:  # fmt: skip
    """Alle streefwaarden (gemeentelijk en referentie), eventueel voor één indicator/regio."""
    with _verbinding() as con:
        return _frame(con, """
            SELECT * FROM streefwaarde
            WHERE ($1 IS NULL OR indicator_key = $1) AND ($2 IS NULL OR regio_code = $2)
            ORDER BY indicator_key, regio_code, jaar""", [indicator_key, regio_code])


def nulmetingen() -> pd.DataFrame:
    with _verbinding() as con:
        return _frame(con, "SELECT * FROM nulmeting ORDER BY indicator_key, regio_code")


def nulmeting(indicator_key: str, regio_code: str) -> dict | None:
    """De vastgelegde nulmeting, of None als die er (nog) niet is."""
    with _verbinding() as con:
        df = _frame(con, "SELECT * FROM nulmeting WHERE indicator_key = ? AND regio_code = ?",
                    [indicator_key, regio_code])
    return _rij(df)


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
            "streefwaarden": {int(j): float(w) for j, w in zip(d["jaar"], d["waarde"],
                                                               strict=True)},
            "soort": "referentie" if (d["soort"] == "referentie").any() else "gemeentelijk",
        })  # fmt: skip
    return pd.DataFrame(rijen, columns=["indicator_key", "regio_code", "nulmeting_jaar",
                                        "nulmeting_waarde", "streefwaarden", "soort"])


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
               "nulmeting_waarde": None, "streefwaarden": {}, "soort": "gemeentelijk",
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
                           nulmeting_herkomst="voorstel")
        rijen.append(rij)
    return pd.DataFrame(rijen, columns=["indicator_key", "regio_code", "nulmeting_jaar",
                                        "nulmeting_waarde", "streefwaarden", "soort",
                                        "nulmeting_herkomst"])  # fmt: skip


def opdrachten() -> pd.DataFrame:
    """De opdrachten; ``indicatoren`` als lijst van indicator-keys."""
    with _verbinding() as con:
        df = _frame(con, "SELECT * FROM opdracht ORDER BY nr")
    df["indicatoren"] = df["indicatoren"].map(_lijst)
    return df


def _lijst(tekst: object) -> list[str]:
    if tekst is None or _is_leeg(tekst):
        return []
    if isinstance(tekst, list | tuple):
        return [str(t).strip() for t in tekst if str(t).strip()]
    return [t.strip() for t in str(tekst).split(",") if t.strip()]


def context_regels() -> pd.DataFrame:
    with _verbinding() as con:
        return _frame(con, "SELECT * FROM context ORDER BY id")


def geschiedenis(tabel: str | None = None) -> pd.DataFrame:
    """Alle wijzigingen, nieuwste eerst (eventueel van één tabel)."""
    with _verbinding() as con:
        return _frame(con, "SELECT * FROM geschiedenis WHERE $1 IS NULL OR tabel = $1 "
                           "ORDER BY id DESC", [tabel])  # fmt: skip


# ----------------------------------------------------------------------------- controle


@dataclass
class Controle:
    """Uitkomst van een controle: fouten blokkeren, waarschuwingen vragen om bevestiging."""

    waarde: float | None = None
    fouten: list[str] = field(default_factory=list)
    waarschuwingen: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.fouten


_NL_DUIZEND = re.compile(r"[+-]?\d{1,3}(\.\d{3})+(,\d+)?")
_NL_GEWOON = re.compile(r"[+-]?\d+(,\d+)?")
_TECH = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")


def lees_getal(tekst: object, decimaal: str = ",") -> float:
    """Lees een getal zoals een medewerker het typt of Excel het opslaat.

    ``decimaal=","`` (Nederlandse CSV met ``;``): ``7,1``, ``42.600``, ``1.234,5``; een punt
    mag alleen als duizendtalscheiding (``7.1`` is dus fout: dubbelzinnig). ``decimaal="."``
    (technische CSV met ``,``): ``7.1``, geen duizendtalscheiding. ``%``, ``€`` en spaties
    rond het getal mogen. Geeft ValueError met een Nederlandse uitleg.
    """
    if isinstance(tekst, bool):
        raise ValueError("ja/nee is geen getal")
    if isinstance(tekst, int | float):
        f = float(tekst)
        if not math.isfinite(f):
            raise ValueError("geen eindig getal")
        return f
    t = str(tekst).strip().replace("\u00a0", "").replace(" ", "").replace("\u2212", "-")
    t = t.removeprefix("€").removesuffix("%")
    if not t:
        raise ValueError("leeg")
    if decimaal == ",":
        if _NL_DUIZEND.fullmatch(t):
            return float(t.replace(".", "").replace(",", "."))
        if _NL_GEWOON.fullmatch(t):
            return float(t.replace(",", "."))
        if re.fullmatch(r"[+-]?\d+\.\d+", t):
            raise ValueError(f"'{tekst}': gebruik een komma voor decimalen (bijv. 7,1)")
    elif _TECH.fullmatch(t):
        return float(t)
    raise ValueError(f"'{tekst}' is geen getal")


def lees_jaar(tekst: object) -> int:
    """Een jaartal als geheel getal (``2027`` of ``2027,0`` uit Excel)."""
    try:
        f = lees_getal(tekst) if not isinstance(tekst, int | float) else float(tekst)
    except ValueError:
        try:
            f = lees_getal(tekst, ".")
        except ValueError as fout:
            raise ValueError(f"jaar '{tekst}' is geen jaartal") from fout
    if f != int(f):
        raise ValueError(f"jaar '{tekst}' is geen jaartal")
    return int(f)


def controleer_streefwaarde(
    jaar: object,
    waarde: object,
    eenheid: str,
    richting: str,
    nulmeting_waarde: float | None = None,
    decimaal: str = ",",
) -> Controle:
    """Controleer één streefwaarde: getal, jaar 2026-2029, bereik van de eenheid, richting.

    Fouten (blokkeren): geen getal; jaar buiten 2026-2029; buiten het bereik (percentage 0-100,
    aantal en euro ≥ 0, per 1.000 tussen 0 en 1.000, "1 op de N" ≥ 1); een aantal dat geen
    geheel getal is. Waarschuwing (vraagt bevestiging): een doel dat slechter is dan de
    nulmeting (hoger terwijl lager beter is, of andersom).
    """
    c = Controle()
    try:
        j = lees_jaar(jaar)
        if j not in BELEIDSJAREN:
            c.fouten.append(f"Jaar {j} kan niet: streefwaarden gaan over 2026 tot en met 2029.")
    except ValueError as fout:
        c.fouten.append(f"Het jaar klopt niet: {fout}.")
        j = None
    try:
        w = lees_getal(waarde, decimaal)
    except ValueError as fout:
        c.fouten.append(f"De streefwaarde is geen getal ({fout}).")
        return c
    c.waarde = w
    lo, hi = BEREIK.get((eenheid or "").strip(), (None, None))
    if lo is not None and w < lo:
        c.fouten.append(_bereik_tekst(eenheid, w))
    elif hi is not None and w > hi:
        c.fouten.append(_bereik_tekst(eenheid, w))
    if eenheid == "aantal" and w != int(w):
        c.fouten.append(f"Een aantal is een heel getal; {_toon(w)} kan niet.")
    if nulmeting_waarde is not None and c.ok:
        slechter = ((richting == "lager_is_beter" and w > nulmeting_waarde)
                    or (richting == "hoger_is_beter" and w < nulmeting_waarde))  # fmt: skip
        if slechter:
            wat = "hoger" if richting == "lager_is_beter" else "lager"
            beter = "lager" if richting == "lager_is_beter" else "hoger"
            c.waarschuwingen.append(
                f"Streefwaarde {j if j is not None else ''} ({_toon_waarde(w, eenheid)}) is {wat} "
                f"dan de nulmeting ({_toon_waarde(nulmeting_waarde, eenheid)}), terwijl {beter} "
                "hier beter is. Bevestig dat dit de bedoeling is.")  # fmt: skip
    return c


def _toon(w: float) -> str:
    """Getal voor een foutmelding; ook extreem grote getallen (fmt.getal kan die niet aan)."""
    try:
        return getal(w, 2)
    except ArithmeticError:
        return f"{w:.3g}".replace(".", ",")


def _toon_waarde(w: float, eenheid: str) -> str:
    try:
        return fmt_waarde(w, eenheid)
    except ArithmeticError:
        return _toon(w)


def _bereik_tekst(eenheid: str, w: float) -> str:
    teksten = {
        "%": "Een percentage ligt tussen 0 en 100",
        "aantal": "Een aantal kan niet negatief zijn",
        "euro": "Een bedrag kan hier niet negatief zijn",
        "per 1.000 inwoners": "Een cijfer per 1.000 inwoners ligt tussen 0 en 1.000",
        "per 1.000 inwoners per maand": "Een cijfer per 1.000 inwoners ligt tussen 0 en 1.000",
        "1 op de N inwoners": "'1 op de N' is minstens 1 op de 1",
    }
    return f"{teksten.get(eenheid, 'Buiten het toegestane bereik')}; {_toon(w)} kan niet."


def _controleer_wie_reden(wie: str | None, reden: str | None) -> tuple[str, str]:
    fouten = []
    if not (wie or "").strip():
        fouten.append("Vul uw naam in: die komt in de geschiedenis bij deze wijziging.")
    if not (reden or "").strip():
        fouten.append("Geef een reden voor de wijziging.")
    if fouten:
        raise Afgekeurd(fouten)
    return wie.strip(), reden.strip()  # type: ignore[union-attr]


# ----------------------------------------------------------------------------- nulmeting


def nulmeting_voorstel(reeks: pd.DataFrame, regio_code: str, voor_jaar: int = NULMETING_VOOR
                       ) -> dict | None:  # fmt: skip
    """Voorstel voor de nulmeting: het laatste jaar vóór ``voor_jaar`` met een cijfer.

    ``reeks`` komt uit ``monitor.store.reeks`` (één indicator). Geeft jaar, waarde, status en
    bron_id, of None als er vóór ``voor_jaar`` geen enkel cijfer is.
    """
    if reeks is None or reeks.empty:
        return None
    d = reeks[(reeks["regio_code"] == regio_code) & reeks["waarde"].notna()
              & (reeks["jaar"] < voor_jaar)].sort_values("jaar")  # fmt: skip
    if d.empty:
        return None
    r = d.iloc[-1]
    return {"jaar": int(r["jaar"]), "waarde": float(r["waarde"]),
            "status": None if _is_leeg(r.get("status")) else str(r.get("status")),
            "bron_id": None if _is_leeg(r.get("bron_id")) else str(r.get("bron_id"))}


def nulmeting_herzien(nul: Mapping | None, reeks: pd.DataFrame, regio_code: str) -> str | None:
    """Zegt het als de database nu een ander cijfer heeft dan bij het vastleggen (revisie)."""
    if not nul or nul.get("herkomst") != "database" or reeks is None or reeks.empty:
        return None
    d = reeks[(reeks["regio_code"] == regio_code) & (reeks["jaar"] == nul["jaar"])]
    if d.empty or _is_leeg(d["waarde"].iloc[0]):
        return (f"De nulmeting ({nul['jaar']}) staat niet meer in de database; de vastgelegde "
                "waarde blijft gelden.")  # fmt: skip
    nu = float(d["waarde"].iloc[0])
    if not math.isclose(nu, float(nul["waarde"]), rel_tol=1e-9, abs_tol=1e-9):
        return (f"CBS heeft het cijfer over {nul['jaar']} aangepast: vastgelegd "
                f"{getal(nul['waarde'], 2)} ({nul.get('status') or 'status onbekend'}), nu "
                f"{getal(nu, 2)} ({d['status'].iloc[0] if 'status' in d else '?'}). De "
                "nulmeting blijft de vastgelegde waarde tot iemand hem bewust wijzigt.")
    return None


def leg_nulmeting_vast(indicator_key: str, regio_code: str, *, jaar: int, waarde: float,
                       wie: str, reden: str, status: str | None = None,
                       bron_id: str | None = None, herkomst: str = "database",
                       bron: str | None = None, toelichting: str | None = None) -> bool:  # fmt: skip
    """Leg de nulmeting vast (of wijzig hem). Geeft False als er niets verandert."""
    wie, reden = _controleer_wie_reden(wie, reden)
    nieuw = {"indicator_key": indicator_key, "regio_code": regio_code, "jaar": int(jaar),
             "waarde": float(waarde), "status": status, "bron_id": bron_id,
             "herkomst": herkomst, "bron": bron, "toelichting": toelichting}  # fmt: skip
    with _verbinding() as con:
        with _transactie(con):
            veranderd = _schrijf_nulmeting(con, nieuw, wie, reden)
    return veranderd


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
    _log(con, wie=wie, tabel="nulmeting", sleutel=f"{nieuw['indicator_key']}|{nieuw['regio_code']}",
         oud=oud, nieuw=nieuw, reden=reden)
    return True


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
) -> int:
    """Sla de streefwaarden 2026-2029 van één indicator en regio op; geeft het aantal wijzigingen.

    ``waarden``: jaar → getal, of None/leeg om een streefwaarde te schrappen (de oude waarde
    blijft in de geschiedenis). Alles wordt eerst gecontroleerd; bij één fout gaat er niets
    door (:class:`Afgekeurd`). Waarschuwingen (doel slechter dan nulmeting) blokkeren tot
    ``bevestigd=True``. Is er nog geen nulmeting, dan wordt ``nulmeting_voorstel`` in dezelfde
    transactie vastgelegd. ``nieuwe_nulmeting`` (jaar, waarde, status, bron_id, toelichting)
    vervangt de vastgelegde nulmeting, ook in dezelfde transactie: alles of niets.
    """
    wie, reden = _controleer_wie_reden(wie, reden)
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
    return _schrijf_streefwaarden(rijen, nulmetingen_nodig, wie, reden)


def _schrijf_streefwaarden(rijen: Sequence[tuple[str, str, int, float | None, str | None]],
                           nulmetingen_nodig: Mapping[tuple[str, str], Mapping],
                           wie: str, reden: str) -> int:  # fmt: skip
    """Alles of niets: één transactie voor alle rijen (plus eventuele nulmetingen)."""
    aantal = 0
    with _verbinding() as con:
        with _transactie(con):
            for (k, r), voorstel in nulmetingen_nodig.items():
                _schrijf_nulmeting(con, {
                    "indicator_key": k, "regio_code": r, "jaar": int(voorstel["jaar"]),
                    "waarde": float(voorstel["waarde"]), "status": voorstel.get("status"),
                    "bron_id": voorstel.get("bron_id"), "herkomst": "database", "bron": None,
                    "toelichting": voorstel.get("toelichting")
                    or "Standaard: laatste jaar met een cijfer vóór 2026.",
                }, wie, f"Nulmeting: {reden}")  # fmt: skip
            for k, r, j, w, toel in rijen:
                oud = _rij(_frame(con, "SELECT * FROM streefwaarde WHERE indicator_key = ? AND "
                                       "regio_code = ? AND jaar = ?", [k, r, j]))  # fmt: skip
                sleutel = f"{k}|{r}|{j}"
                toel = (toel or "").strip() or None
                if w is None:
                    if oud is None:
                        continue
                    con.execute("DELETE FROM streefwaarde WHERE indicator_key = ? AND "
                                "regio_code = ? AND jaar = ?", [k, r, j])  # fmt: skip
                    _log(con, wie=wie, tabel="streefwaarde", sleutel=sleutel, oud=oud, nieuw=None,
                         reden=reden)
                    aantal += 1
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
                con.execute("""
                    INSERT INTO streefwaarde VALUES ($indicator_key, $regio_code, $jaar, $waarde,
                        $soort, $toelichting, $bron)
                    ON CONFLICT (indicator_key, regio_code, jaar) DO UPDATE SET
                        waarde = excluded.waarde, soort = excluded.soort,
                        toelichting = excluded.toelichting, bron = excluded.bron""", nieuw)
                _log(con, wie=wie, tabel="streefwaarde", sleutel=sleutel, oud=oud, nieuw=nieuw,
                     reden=reden)
                aantal += 1
    return aantal


# ----------------------------------------------------------------------------- CSV


CSV_KOLOMMEN: tuple[str, ...] = ("indicator_key", "regio_code", "jaar", "streefwaarde",
                                 "toelichting")  # fmt: skip
_CSV_INFO = ("titel", "eenheid", "nulmeting_jaar", "nulmeting_waarde")
_MAX_REGELS = 5000
_FORMULE = ("=", "+", "-", "@", "\t", "\r")


def _veilig(v: object) -> object:
    """Tegen formule-injectie in Excel: tekst die met = + - @ begint krijgt een apostrof."""
    return "'" + v if isinstance(v, str) and v.startswith(_FORMULE) else v


def csv_bytes(df: pd.DataFrame) -> bytes:
    """Nederlandse CSV voor Excel: ``;``, decimaalkomma, UTF-8 met BOM, formules onschadelijk."""
    uit = df.copy()
    for kol in uit.columns:
        if uit[kol].dtype == object or pd.api.types.is_string_dtype(uit[kol]):
            uit[kol] = uit[kol].map(_veilig)
    return uit.to_csv(sep=";", decimal=",", index=False).encode("utf-8-sig")


def excel_bytes(tabellen: Mapping[str, pd.DataFrame], toelichting: Sequence[tuple[str, str]]
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


def streefwaarden_csv(indicatoren: pd.DataFrame, regio_code: str, keys: Sequence[str]
                      ) -> bytes:  # fmt: skip
    """Sjabloon plus huidige streefwaarden van één regio, om in Excel in te vullen.

    Eén regel per indicator en jaar 2026-2029. De kolommen titel, eenheid en nulmeting zijn ter
    informatie; bij het inlezen tellen alleen indicator_key, regio_code, jaar, streefwaarde en
    toelichting. Een lege streefwaarde betekent bij inlezen: niets veranderen.
    """
    meta = indicatoren.set_index("key")
    huidig = streefwaarden(regio_code=regio_code)
    nul = nulmetingen()
    rijen = []
    for k in keys:
        n = nul[(nul["indicator_key"] == k) & (nul["regio_code"] == regio_code)]
        for j in BELEIDSJAREN:
            h = huidig[(huidig["indicator_key"] == k) & (huidig["jaar"] == j)]
            rijen.append({
                "indicator_key": k, "regio_code": regio_code, "jaar": j,
                "streefwaarde": float(h["waarde"].iloc[0]) if not h.empty else None,
                "toelichting": h["toelichting"].iloc[0] if not h.empty else None,
                "titel": meta.loc[k, "titel"] if k in meta.index else None,
                "eenheid": meta.loc[k, "eenheid"] if k in meta.index else None,
                "nulmeting_jaar": int(n["jaar"].iloc[0]) if not n.empty else None,
                "nulmeting_waarde": float(n["waarde"].iloc[0]) if not n.empty else None,
            })  # fmt: skip
    df = pd.DataFrame(rijen, columns=[*CSV_KOLOMMEN, *_CSV_INFO])
    df["nulmeting_jaar"] = df["nulmeting_jaar"].astype("Int64")
    return csv_bytes(df)


@dataclass
class ImportResultaat:
    """Uitkomst van een CSV-import. Bij fouten of onbevestigde waarschuwingen: niets gewijzigd."""

    gewijzigd: int = 0
    regels: int = 0
    fouten: list[str] = field(default_factory=list)
    waarschuwingen: list[str] = field(default_factory=list)
    genegeerde_kolommen: list[str] = field(default_factory=list)
    bevestiging_nodig: bool = False

    @property
    def gelukt(self) -> bool:
        return not self.fouten and not self.bevestiging_nodig


def _decodeer(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252")  # oudere Excel-versies slaan 'ANSI' op


def importeer_streefwaarden(
    data: bytes,
    *,
    indicatoren: pd.DataFrame,
    regio_codes: Collection[str],
    voorstel_voor: Callable[[str, str], Mapping | None],
    wie: str,
    reden: str,
    bevestigd: bool = False,
) -> ImportResultaat:
    """Lees streefwaarden uit een CSV (Excel) en sla ze in één keer op: alles of niets.

    Scheidingsteken ``;`` (Nederlandse Excel, decimaalkomma) of ``,`` (technisch,
    decimaalpunt). Verplichte kolommen: indicator_key, regio_code, jaar, streefwaarde;
    toelichting mag. Lege streefwaarde = regel overslaan. Elke fout noemt het regelnummer
    (kop = regel 1). Eén fout → niets geïmporteerd. Waarschuwingen (doel slechter dan de
    nulmeting) → niets geïmporteerd tot ``bevestigd=True``. ``voorstel_voor(key, regio)`` geeft
    de nulmeting uit de database voor paren die er nog geen hebben.
    """
    res = ImportResultaat()
    try:
        wie, reden = _controleer_wie_reden(wie, reden)
    except Afgekeurd as fout:
        res.fouten = fout.fouten
        return res
    tekst = _decodeer(data)
    regels = tekst.splitlines()
    if not regels or not regels[0].strip():
        res.fouten.append("Regel 1: het bestand is leeg.")
        return res
    scheiding = ";" if regels[0].count(";") >= regels[0].count(",") else ","
    decimaal = "," if scheiding == ";" else "."
    lezer = csv.reader(io.StringIO(tekst), delimiter=scheiding)
    kop = [k.strip().lower() for k in next(lezer)]
    if "waarde" in kop and "streefwaarde" not in kop:
        kop[kop.index("waarde")] = "streefwaarde"
    ontbreekt = [k for k in CSV_KOLOMMEN[:4] if k not in kop]
    if ontbreekt:
        res.fouten.append(f"Regel 1: kolom(men) {', '.join(ontbreekt)} ontbreken. Nodig zijn: "
                          f"{', '.join(CSV_KOLOMMEN[:4])} (toelichting mag).")  # fmt: skip
        return res
    dubbel = sorted({k for k in kop if kop.count(k) > 1 and k})
    if dubbel:
        res.fouten.append(f"Regel 1: kolom {', '.join(dubbel)} staat er meer dan één keer in.")
        return res
    res.genegeerde_kolommen = [k for k in kop if k and k not in CSV_KOLOMMEN
                               and k not in _CSV_INFO]  # fmt: skip
    pos = {k: kop.index(k) for k in CSV_KOLOMMEN if k in kop}
    meta = indicatoren.set_index("key")
    regio_set = set(regio_codes)
    gezien: dict[tuple[str, str, int], int] = {}
    per_paar: dict[tuple[str, str], list[tuple[int, float, str | None]]] = {}
    te_controleren: list[tuple[int, str, str, object, object]] = []
    for nr, rij in enumerate(lezer, start=2):
        if nr - 1 > _MAX_REGELS:
            res.fouten.append(f"Regel {nr}: meer dan {_MAX_REGELS} regels; splits het bestand.")
            break
        if not any(c.strip() for c in rij):
            continue
        veld = lambda k, rij=rij: rij[pos[k]].strip() if k in pos and pos[k] < len(rij) else ""  # noqa: E731
        key, regio = veld("indicator_key"), veld("regio_code").upper()
        if not veld("streefwaarde"):
            continue
        res.regels += 1
        if key not in meta.index:
            res.fouten.append(f"Regel {nr}: indicator '{key}' bestaat niet.")
            continue
        if regio not in regio_set:
            res.fouten.append(f"Regel {nr}: regiocode '{regio}' bestaat niet.")
            continue
        te_controleren.append((nr, key, regio, veld("jaar"), veld("streefwaarde")))
        toel = veld("toelichting") or None
        try:
            jaar = lees_jaar(veld("jaar"))
        except ValueError:
            continue  # de controle hieronder meldt het
        if (key, regio, jaar) in gezien:
            res.fouten.append(f"Regel {nr}: {key} {regio} {jaar} staat ook al op regel "
                              f"{gezien[(key, regio, jaar)]}.")  # fmt: skip
            continue
        gezien[(key, regio, jaar)] = nr
        per_paar.setdefault((key, regio), []).append((jaar, float("nan"), toel))
    # waarden en richting per regel controleren, met de nulmeting van het paar
    nul_per_paar: dict[tuple[str, str], Mapping | None] = {}
    for paar in per_paar:
        nul_per_paar[paar] = nulmeting(*paar) or voorstel_voor(*paar)
    waarden: dict[tuple[str, str, int], float] = {}
    for nr, key, regio, jaar_t, waarde_t in te_controleren:
        nul = nul_per_paar.get((key, regio))
        c = controleer_streefwaarde(jaar_t, waarde_t, str(meta.loc[key, "eenheid"]),
                                    str(meta.loc[key, "richting"]),
                                    float(nul["waarde"]) if nul else None, decimaal)  # fmt: skip
        res.fouten += [f"Regel {nr}: {f}" for f in c.fouten]
        res.waarschuwingen += [f"Regel {nr} ({key}, {regio}): {w}" for w in c.waarschuwingen]
        if c.ok:
            waarden[(key, regio, lees_jaar(jaar_t))] = c.waarde  # type: ignore[assignment]
    if res.fouten:
        res.fouten.insert(0, "Het bestand is niet ingelezen; er is niets veranderd.")
        return res
    if res.regels == 0:
        res.fouten.append("Er staan geen streefwaarden in het bestand (alle regels leeg).")
        return res
    if res.waarschuwingen and not bevestigd:
        res.bevestiging_nodig = True
        return res
    rijen = [(k, r, j, waarden[(k, r, j)], toel) for (k, r), lijst in per_paar.items()
             for j, _, toel in lijst]  # fmt: skip
    nodig = {paar: nul for paar, nul in nul_per_paar.items()
             if nul is not None and nulmeting(*paar) is None}  # fmt: skip
    res.gewijzigd = _schrijf_streefwaarden(rijen, nodig, wie, f"CSV-import: {reden}")
    return res


# ----------------------------------------------------------------------------- opdrachten


OPDRACHT_VELDEN = ("status", "eigenaar", "planning", "besluitmoment", "indicatoren",
                   "toelichting")  # fmt: skip


def sla_opdrachten_op(bewerkt: pd.DataFrame, *, wie: str, reden: str,
                      indicator_keys: Collection[str]) -> int:  # fmt: skip
    """Sla gewijzigde opdrachten op (alleen de bewerkbare velden); geeft het aantal wijzigingen.

    Controle vooraf, alles of niets: status moet een van de vier zijn, indicatoren moeten
    bestaan. Elke gewijzigde opdracht krijgt een regel in de geschiedenis.
    """
    wie, reden = _controleer_wie_reden(wie, reden)
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
    with _verbinding() as con:
        with _transactie(con):
            for nr, oud, nieuw in wijzigingen:
                con.execute("""UPDATE opdracht SET status = $status, eigenaar = $eigenaar,
                    planning = $planning, besluitmoment = $besluitmoment,
                    indicatoren = $indicatoren, toelichting = $toelichting WHERE nr = $nr""",
                    {k: nieuw[k] for k in ("nr", *OPDRACHT_VELDEN)})
                _log(con, wie=wie, tabel="opdracht", sleutel=str(nr), oud=oud, nieuw=nieuw,
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
    wie, reden = _controleer_wie_reden(wie, reden)
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
    with _verbinding() as con:
        with _transactie(con):
            for id_, oud in oud_per_id.items():
                if id_ not in nieuw_per_id:
                    con.execute("DELETE FROM context WHERE id = ?", [id_])
                    _log(con, wie=wie, tabel="context", sleutel=str(id_), oud=oud, nieuw=None,
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
                _log(con, wie=wie, tabel="context", sleutel=str(id_), oud=oud, nieuw=nieuw,
                     reden=reden)
                aantal += 1
    return aantal
