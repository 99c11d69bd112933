"""Export voor de jaarrekening en de P&C-stukken: Excel, CSV en PNG uit één implementatie.

Finance en beleid plakken deze cijfers in de jaarrekening. Daarom moet elke export:

- **exact** zijn: echte getallen (geen opgemaakte tekst), precies de waarde uit de database;
  de Nederlandse notatie zit alleen in de celopmaak (Excel toont ``1.234,5`` in een Nederlandse
  omgeving);
- **herleidbaar** zijn: elke cijferregel heeft een bron-id dat op het blad "Bronnen" staat, met
  tabel, versie, licentie en ETL-run; definities en formules staan op "Definities";
- **veilig** zijn in Excel: xlsxwriter schrijft tekst nooit als formule
  (``strings_to_formulas=False``) en in CSV krijgt tekst die met ``= + - @ TAB CR`` begint een
  apostrof ervoor (OWASP); getallen blijven getallen, ook negatieve;
- **controleerbaar** zijn: dezelfde selectie geeft dezelfde bytes, op één cel na (het tijdstip
  van maken op het voorblad). Vaste bladvolgorde, gesorteerde rijen, en de documenteigenschap
  ``created`` komt uit de database (tijdstip van de ETL-run), niet uit de klok.

De pagina ``paginas/export.py`` en de opdrachtregel ``python -m monitor.export`` gebruiken
allebei :func:`verzamel` en :func:`werkboek`, zodat ze hetzelfde bestand maken.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import logging
import math
import os
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal
from zoneinfo import ZoneInfo

import pandas as pd
import xlsxwriter
from xlsxwriter.worksheet import Worksheet

if __name__ == "__main__":
    # Op de opdrachtregel waarschuwt Streamlit bij het importeren van elke cache ("No runtime
    # found"); dat is ruis voor wie een export maakt. In de app blijft het logniveau ongemoeid.
    from streamlit import logger as _st_logger

    _st_logger.set_log_level("error")

from etl.config import NEDERLAND  # noqa: E402
from monitor import fmt, store  # noqa: E402

# ----------------------------------------------------------------------------- vaste keuzes

#: Standaardregio's van de monitor (DESIGN.md): Heerlen, Nederland en de drie vergelijkingsgemeenten.
STANDAARD_REGIOS: tuple[str, ...] = ("GM0917", NEDERLAND, "GM0362", "GM0396", "GM0935")

#: De kernset voor de jaarrekening wanneer niemand iets kiest.
KERNINDICATOREN: tuple[str, ...] = (
    "inwoners",
    "besteedbaar_inkomen_hh",
    "hh_laag_inkomen_pct",
    "hh_tot_110_sm_pct",
    "personen_in_armoede_pct",
    "bijstand_personen",
    "bijstand_per_1000",
    "problematische_schulden_hh_pct",
)

CsvSmaak = Literal["nl", "plain"]
CSV_SMAKEN: tuple[str, ...] = ("nl", "plain")

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TIJDZONE = ZoneInfo("Europe/Amsterdam")

BLAD_VOORBLAD = "Voorblad"
BLAD_CIJFERS = "Cijfers"
BLAD_BELEID = "Beleidsindicatoren"
BLAD_BBV = "BBV taakveld 6"
BLAD_STREEF = "Streefwaarden"
BLAD_DEFINITIES = "Definities"
BLAD_BRONNEN = "Bronnen"

#: Tekens waarmee Excel (of LibreOffice) een cel als formule kan lezen.
GEVAARLIJK_BEGIN = ("=", "+", "-", "@", "\t", "\r")

RICHTING_TEKST = {
    "lager_is_beter": "lager is beter",
    "hoger_is_beter": "hoger is beter",
    "neutraal": "neutraal",
}

log = logging.getLogger(__name__)


class ExportFout(ValueError):
    """Een selectie of opdracht die niet kan; de tekst is voor gebruikers (Nederlands)."""


class PngNietMogelijk(RuntimeError):
    """Er is op deze server geen Chromium om een PNG mee te maken."""


# ----------------------------------------------------------------------------- BBV-set


@dataclass(frozen=True)
class BbvIndicator:
    """Een BBV-beleidsindicator (taakveld 6) die de export uit een cijfer in de database afleidt.

    Het afgeleide cijfer wordt niet opgeslagen: de export rekent het uit met ``factor × basis``
    en zet die formule op het blad "Definities", zodat een accountant het kan narekenen.
    """

    nummer: int
    key: str
    titel: str
    eenheid: str
    basis: str
    factor: float
    formule: str
    definitie: str
    richting: str = "lager_is_beter"


BBV_SET: tuple[BbvIndicator, ...] = (
    BbvIndicator(
        nummer=27,
        key="bbv27_bijstand_per_10000",
        titel=(
            "Personen met bijstand per 10.000 inwoners "
            "(BBV 27-achtig; basis: alle inwoners, niet 18+)"
        ),
        eenheid="per 10.000 inwoners",
        basis="bijstand_per_1000",
        factor=10.0,
        formule="10 × bijstand_per_1000 (= 10.000 × bijstand_personen / inwoners)",
        definitie=(
            "Personen met een algemene bijstandsuitkering per 10.000 inwoners. De noemer is het "
            "aantal inwoners van alle leeftijden op 1 januari van hetzelfde jaar. Sommige "
            "gemeenten rapporteren BBV-indicator 27 per 10.000 inwoners van 18 jaar en ouder; "
            "die uitkomst is hoger en niet gelijk aan dit cijfer. Bron van de BBV-set: "
            "waarstaatjegemeente.nl; dit cijfer is zelf berekend uit CBS-cijfers."
        ),
    ),
)
BBV_BASIS: tuple[str, ...] = tuple(dict.fromkeys(b.basis for b in BBV_SET))
BBV_NIET_BESCHIKBAAR = (
    "Niet in deze monitor (geen bron in de database): BBV 23 Kinderen in uitkeringsgezin, "
    "BBV 28 Lopende re-integratievoorzieningen, BBV 32 Cliënten met een maatwerkarrangement Wmo "
    "en de overige indicatoren van taakveld 6. Gebruik daarvoor waarstaatjegemeente.nl."
)


# ----------------------------------------------------------------------------- selectie en data


@dataclass(frozen=True)
class Selectie:
    """Wat de gebruiker exporteert. Leeg ``jaren`` betekent: alle jaren."""

    indicatoren: tuple[str, ...] = KERNINDICATOREN
    regios: tuple[str, ...] = STANDAARD_REGIOS
    jaren: tuple[int, ...] = ()

    def __post_init__(self) -> None:
        # Normaliseren: dubbele weg, jaren oplopend. De volgorde van regio's en indicatoren is
        # betekenisvol (Heerlen eerst) en blijft zoals gekozen.
        object.__setattr__(self, "indicatoren", tuple(dict.fromkeys(self.indicatoren)))
        object.__setattr__(self, "regios", tuple(dict.fromkeys(self.regios)))
        object.__setattr__(self, "jaren", tuple(sorted({int(j) for j in self.jaren})))

    def naar_json(self) -> str:
        return json.dumps(
            {"indicatoren": list(self.indicatoren), "regios": list(self.regios),
             "jaren": list(self.jaren)},
            ensure_ascii=False, sort_keys=True)

    @classmethod
    def van_json(cls, tekst: str) -> Selectie:
        d = json.loads(tekst)
        return cls(tuple(d["indicatoren"]), tuple(d["regios"]), tuple(d.get("jaren") or ()))


CIJFER_KOLOMMEN = ["regio_code", "regio_naam", "indicator_key", "jaar", "peildatum", "waarde",
                   "status", "bron_id", "bron_kolom"]
INDICATOR_KOLOMMEN = ["key", "titel", "eenheid", "definitie", "richting", "afgeleid", "volgorde",
                      "peildatum_regel", "beschikbaar_na"]
BRON_KOLOMMEN = ["bron_id", "soort", "titel", "tabel_id", "versie", "url", "licentie",
                 "opgehaald_op", "toelichting"]
STREEF_KOLOMMEN = ["indicator_key", "regio_code", "jaar", "streefwaarde", "begroting", "soort",
                   "toelichting", "bron"]


@dataclass
class ExportData:
    """Alles wat in een export staat, als platte tabellen (ook wat een vastlegging bewaart).

    ``cijfers`` bevat de gekozen indicatoren én de basiscijfers van de BBV-set, voor alle jaren
    tot en met het laatste gekozen jaar (de bladen Cijfers en BBV tonen alleen de gekozen jaren);
    ``database`` heeft ``run_id``, ``etl_klaar`` en ``modus`` van de database;
    ``vastlegging`` (naam, aangemaakt_op, omschrijving) is alleen gevuld bij een vastgelegde set;
    ``regio_namen`` geeft de naam van elke gekozen regio, ook als die geen enkel cijfer heeft.
    """

    selectie: Selectie
    cijfers: pd.DataFrame
    indicatoren: pd.DataFrame
    bronnen: pd.DataFrame
    streefwaarden: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=STREEF_KOLOMMEN))
    database: dict[str, Any] = field(default_factory=dict)
    vastlegging: dict[str, Any] | None = None
    regio_namen: dict[str, str] = field(default_factory=dict)

    @property
    def verslagjaar(self) -> int | None:
        """Het jaar van de jaarrekening: het laatste gekozen jaar, anders het laatste jaar met data."""
        if self.selectie.jaren:
            return max(self.selectie.jaren)
        jaren = self.cijfers.loc[self.cijfers["waarde"].notna(), "jaar"]
        return int(jaren.max()) if len(jaren) else None


def _zonder_na(x: Any) -> Any:
    """pandas-NA/NaN/NaT → None, numpy-getallen → Python-getallen (voor schrijven en JSON)."""
    if x is None:
        return None
    try:
        if pd.isna(x):
            return None
    except (TypeError, ValueError):
        return x
    if hasattr(x, "item") and not isinstance(x, (str, bytes)):
        try:
            return x.item()
        except (ValueError, AttributeError):
            return x
    return x


def _als_datum(x: Any) -> dt.date | None:
    x = _zonder_na(x)
    if x is None:
        return None
    if isinstance(x, dt.datetime):
        return x.date()
    if isinstance(x, dt.date):
        return x
    if isinstance(x, str):
        try:
            return dt.date.fromisoformat(x.strip()[:10])
        except ValueError:
            return None
    if isinstance(x, pd.Timestamp):
        return x.date()
    return None


def _als_datumtijd(x: Any) -> dt.datetime | None:
    x = _zonder_na(x)
    if x is None:
        return None
    if isinstance(x, pd.Timestamp):
        x = x.to_pydatetime()
    if isinstance(x, dt.datetime):
        return x.replace(tzinfo=None, microsecond=0)
    if isinstance(x, dt.date):
        return dt.datetime(x.year, x.month, x.day)
    if isinstance(x, str):
        try:
            return dt.datetime.fromisoformat(x.strip()).replace(tzinfo=None, microsecond=0)
        except ValueError:
            return None
    return None


def normaliseer(data: ExportData) -> ExportData:
    """Vaste kolommen, vaste typen en vaste sortering: dezelfde inhoud geeft dezelfde bytes.

    Wordt toegepast op vers verzamelde data én op een vastlegging die uit de database komt,
    zodat die twee niet door een verschil in dtype een ander bestand opleveren.
    """
    ind = data.indicatoren.reindex(columns=INDICATOR_KOLOMMEN).copy()
    ind["volgorde"] = pd.to_numeric(ind["volgorde"], errors="coerce").astype("Int64")
    ind["beschikbaar_na"] = pd.to_numeric(ind["beschikbaar_na"], errors="coerce").astype("Int64")
    ind = ind.sort_values(["volgorde", "key"], na_position="last", kind="mergesort")
    ind = ind.reset_index(drop=True)
    volgorde = {k: n for n, k in enumerate(ind["key"])}
    regio_volgorde = {c: n for n, c in enumerate(data.selectie.regios)}

    c = data.cijfers.reindex(columns=CIJFER_KOLOMMEN).copy()
    c["jaar"] = pd.to_numeric(c["jaar"], errors="coerce").astype("Int64")
    c["waarde"] = pd.to_numeric(c["waarde"], errors="coerce").astype("float64")
    c["peildatum"] = [_als_datum(x) for x in c["peildatum"]]
    for k in ("regio_code", "regio_naam", "indicator_key", "status", "bron_id", "bron_kolom"):
        c[k] = [None if _zonder_na(x) is None else str(x) for x in c[k]]
    c["_i"] = c["indicator_key"].map(volgorde).fillna(len(volgorde))
    c["_r"] = c["regio_code"].map(regio_volgorde).fillna(len(regio_volgorde))
    c = c.sort_values(["_i", "indicator_key", "_r", "regio_code", "jaar"], kind="mergesort")
    c = c.drop(columns=["_i", "_r"]).reset_index(drop=True)

    b = data.bronnen.reindex(columns=BRON_KOLOMMEN).copy()
    b = b.sort_values("bron_id", kind="mergesort").reset_index(drop=True)

    s = data.streefwaarden.reindex(columns=STREEF_KOLOMMEN).copy()
    s["jaar"] = pd.to_numeric(s["jaar"], errors="coerce").astype("Int64")
    for k in ("streefwaarde", "begroting"):
        s[k] = pd.to_numeric(s[k], errors="coerce").astype("float64")
    s["_i"] = s["indicator_key"].map(volgorde).fillna(len(volgorde))
    s["_r"] = s["regio_code"].map(regio_volgorde).fillna(len(regio_volgorde))
    s = s.sort_values(["_i", "indicator_key", "_r", "regio_code", "jaar"], kind="mergesort")
    s = s.drop(columns=["_i", "_r"]).reset_index(drop=True)

    db = {"run_id": _zonder_na(data.database.get("run_id")),
          "etl_klaar": _als_datumtijd(data.database.get("etl_klaar")),
          "modus": _zonder_na(data.database.get("modus"))}
    namen = {str(k): str(v) for k, v in sorted(data.regio_namen.items())}
    return replace(data, cijfers=c, indicatoren=ind, bronnen=b, streefwaarden=s, database=db,
                   regio_namen=namen)


def _bron_ids_in_kolom(bron_kolom: str | None, bekende: Iterable[str]) -> set[str]:
    """Afgeleide cijfers noemen hun teller- en noemerbron in bron_kolom (``= 85984NED:…``)."""
    if not bron_kolom:
        return set()
    return {b for b in bekende if f"= {b}:" in bron_kolom}


def gebruikte_bronnen(cijfers: pd.DataFrame, alle_bronnen: Iterable[str]) -> set[str]:
    """Alle bron-id's achter deze cijfers, ook de bronnen van teller en noemer."""
    alle = set(alle_bronnen)
    ids = {b for b in cijfers["bron_id"].dropna()}
    for kolom in cijfers["bron_kolom"].dropna():
        ids |= _bron_ids_in_kolom(kolom, alle)
    return ids


def _streefwaarden(selectie: Selectie) -> pd.DataFrame:
    """Streefwaarden uit de beleidsmonitor (``monitor.beleid.streefwaarden``) voor de selectie.

    Alle jaren, ook na het verslagjaar: de doelen van 2026-2029 horen bij de verantwoording.
    ``begroting`` blijft leeg: de beleidsmonitor kent (nog) geen begrotingswaarden. Een fout bij
    het lezen gaat door naar de gebruiker; een export die stil de doelen weglaat, is erger.
    """
    try:
        from monitor import beleid  # noqa: PLC0415 (eigen opslag; alleen laden als nodig)
    except ImportError:
        return pd.DataFrame(columns=STREEF_KOLOMMEN)
    frame = beleid.streefwaarden()
    frame = frame[frame["indicator_key"].isin(selectie.indicatoren)
                  & frame["regio_code"].isin(selectie.regios)]
    return frame.rename(columns={"waarde": "streefwaarde"}).reindex(columns=STREEF_KOLOMMEN)


def verzamel(selectie: Selectie, versie: str | None = None) -> ExportData:
    """Haal de cijfers, definities en bronnen van een selectie op uit de database.

    Onbekende regio- of indicatorcodes geven een :class:`ExportFout` met uitleg; een lege
    uitkomst is geen fout (gaten zijn gaten).
    """
    versie = versie or store.db_versie()
    alle_ind = store.indicatoren(versie)
    onbekend = [k for k in selectie.indicatoren if k not in set(alle_ind["key"])]
    if onbekend:
        raise ExportFout("Onbekende indicator(en): " + ", ".join(onbekend)
                         + ". Kies uit de indicatoren op de pagina 'Bronnen en definities'.")
    regio_tabel = store.regios(versie)
    onbekend = [r for r in selectie.regios if r not in set(regio_tabel["code"])]
    if onbekend:
        raise ExportFout("Onbekende regiocode(s): " + ", ".join(onbekend)
                         + ". Gebruik codes zoals GM0917 (Heerlen) of NL01 (Nederland).")
    if not selectie.indicatoren or not selectie.regios:
        raise ExportFout("Kies minstens één indicator en één regio.")

    keys = tuple(dict.fromkeys((*selectie.indicatoren, *BBV_BASIS)))
    ind = alle_ind[alle_ind["key"].isin(keys)]
    cijfers = store.reeks(versie, keys, tuple(selectie.regios))
    if selectie.jaren:
        # Ook eerdere jaren: het blad Beleidsindicatoren toont het laatste cijfer tot en met het
        # verslagjaar, en dat is bij inkomenscijfers (twee jaar vertraging) een eerder jaar.
        cijfers = cijfers[cijfers["jaar"] <= max(selectie.jaren)]
    bron_tabel = store.bronnen(versie)
    ids = gebruikte_bronnen(cijfers, bron_tabel["bron_id"])
    info = store.database_info(versie)
    data = ExportData(
        selectie=selectie,
        cijfers=cijfers,
        indicatoren=ind,
        bronnen=bron_tabel[bron_tabel["bron_id"].isin(ids)],
        streefwaarden=_streefwaarden(selectie),
        database={"run_id": info.get("run_id"), "etl_klaar": info.get("klaar"),
                  "modus": info.get("modus")},
        regio_namen={c: n for c, n in zip(regio_tabel["code"], regio_tabel["naam"], strict=True)
                     if c in selectie.regios},
    )
    return normaliseer(data)


# ----------------------------------------------------------------------------- tabellen


def _eenheden(data: ExportData) -> dict[str, str]:
    e = dict(zip(data.indicatoren["key"], data.indicatoren["eenheid"], strict=True))
    e.update({b.key: b.eenheid for b in BBV_SET})
    return e


def _titels(data: ExportData) -> dict[str, str]:
    t = dict(zip(data.indicatoren["key"], data.indicatoren["titel"], strict=True))
    t.update({b.key: b.titel for b in BBV_SET})
    return t


def _bron_per_id(data: ExportData) -> dict[str, dict[str, Any]]:
    """Bronnen als dict: een rij opzoeken in een DataFrame per cijfer is traag."""
    return {r["bron_id"]: r for r in data.bronnen.to_dict("records")}


def _toelichting_gat(status: str | None) -> str:
    """Waarom een cel leeg is: een gat is een gat, maar de lezer moet weten waarom."""
    s = (status or "").lower()
    if s == "geheim":
        return "geen cijfer: geheim (CBS publiceert dit niet, bijvoorbeeld om herleidbaarheid)"
    return "geen cijfer: de bron geeft voor dit jaar geen waarde"


def cijfertabel(data: ExportData) -> pd.DataFrame:
    """De cijfers van de selectie als nette tabel met Nederlandse kolomnamen en echte getallen.

    Eén rij per indicator × regio × jaar: de gekozen jaren, of bij "alle jaren" elk jaar waarin
    een gekozen regio een rij voor die indicator heeft. Ontbreekt een cijfer, dan blijft Waarde
    leeg en zegt Toelichting waarom. Dit is het blad "Cijfers", de CSV en de voorbeeldtabel.
    """
    titels, eenheden = _titels(data), _eenheden(data)
    beschikbaar = dict(zip(data.indicatoren["key"], data.indicatoren["beschikbaar_na"],
                           strict=True))
    bron = _bron_per_id(data)
    keys = [k for k in data.indicatoren["key"] if k in data.selectie.indicatoren]
    per_sleutel = {(r.indicator_key, r.regio_code, int(r.jaar)): r
                   for r in data.cijfers.itertuples(index=False) if r.jaar is not pd.NA}
    rijen = []
    for key in keys:
        eigen = data.cijfers[data.cijfers["indicator_key"] == key]
        jaren = list(data.selectie.jaren) or sorted({int(j) for j in eigen["jaar"].dropna()})
        met_waarde = eigen.loc[eigen["waarde"].notna(), "jaar"]
        laatste_jaar = int(met_waarde.max()) if len(met_waarde) else None
        basis = {"Indicator": titels.get(key, key), "Sleutel": key,
                 "Eenheid": eenheden.get(key, "")}
        for code in data.selectie.regios:
            for jaar in jaren:
                r = per_sleutel.get((key, code, jaar))
                if r is None:
                    na = _zonder_na(beschikbaar.get(key))
                    if laatste_jaar is not None and jaar > laatste_jaar and na:
                        reden = (f"geen cijfer in de database; cijfers over {jaar} komen op "
                                 f"zijn vroegst in {jaar + na}")
                    else:
                        reden = "geen cijfer: de database heeft geen cijfer voor deze regio en dit jaar"
                    rijen.append({**basis, "Regio": data.regio_namen.get(code, code),
                                  "Regiocode": code, "Jaar": jaar, "Periode": str(jaar),
                                  "Status": "geen cijfer", "Toelichting": reden})
                    continue
                waarde = _zonder_na(r.waarde)
                b = bron.get(r.bron_id)
                rijen.append({
                    **basis,
                    "Regio": r.regio_naam or data.regio_namen.get(code, code),
                    "Regiocode": code,
                    "Jaar": jaar,
                    "Periode": fmt.periode(jaar, r.status),
                    "Peildatum": r.peildatum,
                    "Waarde": waarde,
                    "Status": r.status,
                    "Toelichting": "" if waarde is not None else _toelichting_gat(r.status),
                    "Bron": None if b is None else _zonder_na(b["titel"]),
                    "Tabel": None if b is None else _zonder_na(b["tabel_id"]),
                    "Bronversie": None if b is None else _zonder_na(b["versie"]),
                    "Bron-id": r.bron_id,
                    "Bronkolom": r.bron_kolom,
                })
    frame = pd.DataFrame(rijen, columns=CIJFERTABEL_KOLOMMEN)
    frame["Jaar"] = frame["Jaar"].astype("Int64")
    frame["Waarde"] = frame["Waarde"].astype("float64")
    return frame


CIJFERTABEL_KOLOMMEN = ["Indicator", "Sleutel", "Eenheid", "Regio", "Regiocode", "Jaar", "Periode",
                        "Peildatum", "Waarde", "Status", "Toelichting", "Bron", "Tabel",
                        "Bronversie", "Bron-id", "Bronkolom"]


def bbv_cijfers(data: ExportData) -> pd.DataFrame:
    """De BBV-cijfers in de vorm van ``ExportData.cijfers``: ``factor × basis``, met de status,
    peildatum en bron van het basiscijfer. Niet opgeslagen; elke export rekent ze opnieuw uit."""
    delen = []
    for bbv in BBV_SET:
        basis = data.cijfers[data.cijfers["indicator_key"] == bbv.basis].copy()
        basis["basiswaarde"] = basis["waarde"]
        basis["waarde"] = basis["waarde"] * bbv.factor
        basis["indicator_key"] = bbv.key
        delen.append(basis)
    if not delen:
        return pd.DataFrame(columns=[*CIJFER_KOLOMMEN, "basiswaarde"])
    return pd.concat(delen, ignore_index=True)


def bbv_tabel(data: ExportData) -> pd.DataFrame:
    """De BBV-set (taakveld 6) voor de gekozen regio's en jaren, berekend bij het exporteren."""
    per_key = {b.key: b for b in BBV_SET}
    cijfers = bbv_cijfers(data)
    if data.selectie.jaren:
        cijfers = cijfers[cijfers["jaar"].isin(data.selectie.jaren)]
    rijen = []
    for r in cijfers.itertuples(index=False):
        bbv = per_key[r.indicator_key]
        w = _zonder_na(r.waarde)
        rijen.append({
            "BBV-nr": bbv.nummer,
            "Indicator": bbv.titel,
            "Sleutel": bbv.key,
            "Eenheid": bbv.eenheid,
            "Regio": r.regio_naam,
            "Regiocode": r.regio_code,
            "Jaar": _zonder_na(r.jaar),
            "Periode": fmt.periode(_zonder_na(r.jaar), r.status),
            "Peildatum": r.peildatum,
            "Waarde": w,
            "Status": r.status,
            "Toelichting": "" if w is not None else _toelichting_gat(r.status),
            "Formule": bbv.formule,
            "Basiscijfer": _zonder_na(r.basiswaarde),
            "Bron-id": r.bron_id,
            "Bronkolom": r.bron_kolom,
        })
    kolommen = ["BBV-nr", "Indicator", "Sleutel", "Eenheid", "Regio", "Regiocode", "Jaar",
                "Periode", "Peildatum", "Waarde", "Status", "Toelichting", "Formule",
                "Basiscijfer", "Bron-id", "Bronkolom"]
    frame = pd.DataFrame(rijen, columns=kolommen)
    frame["Jaar"] = frame["Jaar"].astype("Int64")
    for k in ("Waarde", "Basiscijfer"):
        frame[k] = frame[k].astype("float64")
    return frame


def beleidsindicatoren_tabel(data: ExportData) -> pd.DataFrame:
    """De opmaak die finance al gebruikt: per indicator Werkelijk / Begroting / Streefwaarde.

    Per indicator (de gekozen indicatoren, dan de BBV-set) een rij per regio: gemeenten, daarna
    Nederland als landelijke rij. Werkelijk is het laatste cijfer tot en met het verslagjaar
    (ook uit een eerder jaar dan gekozen: VNG vraagt "de meest actuele cijfers, met bron en
    jaar"), met het jaar erbij ("2024*" = voorlopig) en de meting daarvoor. Begroting en
    streefwaarde komen uit de beleidsmonitor; leeg = niet ingevuld.
    """
    jaar = data.verslagjaar
    titels, eenheden = _titels(data), _eenheden(data)
    beschikbaar = dict(zip(data.indicatoren["key"], data.indicatoren["beschikbaar_na"],
                           strict=True))
    bbv_nr = {b.key: b.nummer for b in BBV_SET}
    for b in BBV_SET:
        beschikbaar[b.key] = beschikbaar.get(b.basis)
    alle = pd.concat([data.cijfers, bbv_cijfers(data).drop(columns="basiswaarde")],
                     ignore_index=True)
    alle = alle[alle["waarde"].notna()]
    if jaar is not None:
        alle = alle[alle["jaar"] <= jaar]
    bron = _bron_per_id(data)
    regios = [r for r in data.selectie.regios if r != NEDERLAND]
    if NEDERLAND in data.selectie.regios:
        regios.append(NEDERLAND)
    namen = data.regio_namen
    # Eén keer groeperen in plaats van per rij te filteren (scheelt seconden bij 10 regio's).
    per_reeks = {sleutel: groep.sort_values("jaar", kind="mergesort")
                 for sleutel, groep in alle.groupby(["indicator_key", "regio_code"], sort=False)}
    leeg = alle.iloc[0:0]
    doel = {(r.indicator_key, r.regio_code): r for r in data.streefwaarden.itertuples(index=False)
            if _zonder_na(r.jaar) == jaar}
    rijen = []
    for key in [*data.selectie.indicatoren, *bbv_nr]:
        for code in regios:
            reeks = per_reeks.get((key, code), leeg)
            laatste = reeks.iloc[-1] if len(reeks) else None
            vorige = reeks.iloc[-2] if len(reeks) > 1 else None
            s = doel.get((key, code))
            toelichting = []
            if laatste is None:
                toelichting.append("geen cijfer in de database")
            elif jaar is not None and int(laatste["jaar"]) < jaar:
                na = _zonder_na(beschikbaar.get(key))
                verwacht = (f"; cijfers over {jaar} komen op zijn vroegst in {jaar + na}"
                            if na else "")
                toelichting.append(f"laatste cijfer is van {int(laatste['jaar'])}{verwacht}")
            b = None if laatste is None else bron.get(laatste["bron_id"])
            rijen.append({
                "Indicator": titels.get(key, key),
                "Eenheid": eenheden.get(key, ""),
                "Regio": namen.get(code, code),
                "Regiocode": code,
                "Werkelijk (vorige meting)": None if vorige is None else vorige["waarde"],
                "Jaar vorige meting": None if vorige is None else
                fmt.periode(int(vorige["jaar"]), vorige["status"]),
                "Werkelijk": None if laatste is None else laatste["waarde"],
                "Jaar werkelijk": None if laatste is None else
                fmt.periode(int(laatste["jaar"]), laatste["status"]),
                "Status": "geen cijfer" if laatste is None else laatste["status"],
                f"Begroting {jaar}": None if s is None else _zonder_na(s.begroting),
                f"Streefwaarde {jaar}": None if s is None else _zonder_na(s.streefwaarde),
                "Bron": None if b is None else
                f"{_zonder_na(b['titel'])} ({_zonder_na(b['tabel_id'])})",
                "Peildatum": None if laatste is None else laatste["peildatum"],
                "Bron-id": None if laatste is None else laatste["bron_id"],
                "Toelichting": "; ".join(toelichting),
            })
    frame = pd.DataFrame(rijen)
    for k in ("Werkelijk (vorige meting)", "Werkelijk", f"Begroting {jaar}",
              f"Streefwaarde {jaar}"):
        if k in frame:
            frame[k] = pd.to_numeric(frame[k], errors="coerce").astype("float64")
    return frame


def definities_tabel(data: ExportData) -> pd.DataFrame:
    rijen = [{
        "Sleutel": r.key, "Indicator": r.titel, "Eenheid": r.eenheid, "Definitie": r.definitie,
        "Richting": RICHTING_TEKST.get(r.richting, r.richting),
        "Formule": _zonder_na(r.afgeleid) or "",
        "Peildatum": {"01-01": "1 januari", "12-31": "31 december"}.get(
            _zonder_na(r.peildatum_regel) or "", "jaarcijfer"),
        "Beschikbaar na (jaren)": _zonder_na(r.beschikbaar_na),
    } for r in data.indicatoren.itertuples(index=False)]
    rijen += [{
        "Sleutel": b.key, "Indicator": b.titel, "Eenheid": b.eenheid, "Definitie": b.definitie,
        "Richting": RICHTING_TEKST[b.richting], "Formule": b.formule,
        "Peildatum": "31 december", "Beschikbaar na (jaren)": None,
    } for b in BBV_SET]
    frame = pd.DataFrame(rijen)
    frame["Beschikbaar na (jaren)"] = frame["Beschikbaar na (jaren)"].astype("Int64")
    return frame


def bronnen_tabel(data: ExportData) -> pd.DataFrame:
    """Elke bron achter de cijfers, met de peildatums en jaren die in deze export zitten."""
    rijen = []
    for b in data.bronnen.itertuples(index=False):
        eigen = data.cijfers[(data.cijfers["bron_id"] == b.bron_id)
                             | data.cijfers["bron_kolom"].fillna("").str.contains(
                                 f"= {b.bron_id}:", regex=False)]
        jaren = sorted({int(j) for j in eigen["jaar"].dropna()})
        peil = sorted({d for d in eigen["peildatum"] if d is not None})
        rijen.append({
            "Bron-id": b.bron_id, "Soort": b.soort, "Titel": b.titel, "Tabel": b.tabel_id,
            "Versie": b.versie,
            "Jaren in deze export": (f"{jaren[0]}–{jaren[-1]}" if len(jaren) > 1
                                     else (str(jaren[0]) if jaren else "")),
            "Peildatums in deze export": ", ".join(d.strftime("%d-%m-%Y") for d in peil[:6])
            + (" …" if len(peil) > 6 else ""),
            "Licentie": _zonder_na(b.licentie),
            "Opgehaald op": _zonder_na(b.opgehaald_op) or "niet vastgelegd (snapshot)",
            "URL": _zonder_na(b.url),
            "Toelichting": _zonder_na(b.toelichting),
            "ETL-run": data.database.get("run_id"),
            "Database gebouwd op (UTC)": data.database.get("etl_klaar"),
        })
    return pd.DataFrame(rijen)


def streefwaarden_tabel(data: ExportData) -> pd.DataFrame:
    """Streefwaarden naast het laatste cijfer, met een oordeel in woorden.

    "gehaald" of "niet gehaald" alleen als er een cijfer over het doeljaar zelf is; anders
    "nog geen cijfer over <jaar>". Een oordeel op een voorlopig cijfer zegt dat erbij.
    """
    if data.streefwaarden.empty:
        return pd.DataFrame()
    titels, eenheden = _titels(data), _eenheden(data)
    richting = dict(zip(data.indicatoren["key"], data.indicatoren["richting"], strict=True))
    namen = data.regio_namen
    met_waarde = data.cijfers[data.cijfers["waarde"].notna()]
    rijen = []
    for s in data.streefwaarden.itertuples(index=False):
        reeks = met_waarde[(met_waarde["indicator_key"] == s.indicator_key)
                           & (met_waarde["regio_code"] == s.regio_code)
                           & (met_waarde["jaar"] <= s.jaar)].sort_values("jaar")
        laatste = reeks.iloc[-1] if len(reeks) else None
        doel = _zonder_na(s.streefwaarde)
        r = richting.get(s.indicator_key)
        if laatste is None or int(laatste["jaar"]) != int(s.jaar):
            oordeel = f"nog geen cijfer over {int(s.jaar)}"
        elif doel is None or r not in ("lager_is_beter", "hoger_is_beter"):
            oordeel = "geen oordeel (geen richting bekend)"
        else:
            w = float(laatste["waarde"])
            gehaald = w <= doel if r == "lager_is_beter" else w >= doel
            oordeel = "gehaald" if gehaald else "niet gehaald"
            if laatste["status"] != "definitief":
                oordeel += f" (op een {laatste['status']} cijfer)"
        rijen.append({
            "Indicator": titels.get(s.indicator_key, s.indicator_key),
            "Eenheid": eenheden.get(s.indicator_key, ""),
            "Regio": namen.get(s.regio_code, s.regio_code),
            "Regiocode": s.regio_code,
            "Jaar": _zonder_na(s.jaar),
            "Streefwaarde": doel,
            "Soort doel": _zonder_na(s.soort),
            "Laatste cijfer": None if laatste is None else laatste["waarde"],
            "Jaar laatste cijfer": None if laatste is None else
            fmt.periode(int(laatste["jaar"]), laatste["status"]),
            "Status": "geen cijfer" if laatste is None else laatste["status"],
            "Oordeel": oordeel,
            "Toelichting": _zonder_na(s.toelichting) or "",
            "Bron doel": _zonder_na(s.bron) or "",
        })
    frame = pd.DataFrame(rijen)
    frame["Laatste cijfer"] = pd.to_numeric(frame["Laatste cijfer"]).astype("float64")
    return frame


# ----------------------------------------------------------------------------- Excel

#: Excel-getalnotatie per eenheid. Excel bewaart de code met punt en komma en toont ze met de
#: scheidingstekens van de gebruiker: in een Nederlandse Excel staat er 1.234,5.
NUM_FORMAAT = {
    "aantal": "#,##0",
    "euro": '"€ "#,##0',
    "%": '0.0"%"',
    "per 1.000 inwoners": "#,##0.0",
    "per 1.000 inwoners per maand": "#,##0.0",
    "per 10.000 inwoners": "#,##0.0",
    "1 op de N inwoners": '"1 op de "#,##0',
}
NUM_STANDAARD = "#,##0.0"
DATUM_FORMAAT = "dd-mm-yyyy"
DATUMTIJD_FORMAAT = "dd-mm-yyyy hh:mm:ss"


class _ExactWerkblad(Worksheet):
    """Schrijft getallen met de kortste exacte notatie (``repr``) in plaats van 16 cijfers.

    xlsxwriter schrijft ``f"{x:.16G}"``; dan wordt 43,790946822012096 in het bestand
    43,7909468220121 en is het cijfer in Excel niet meer bit-gelijk aan de database. Excel leest
    17 cijfers zonder problemen (het schrijft ze zelf ook). De test
    ``test_getallen_zijn_getallen_en_gelijk_aan_de_database`` bewaakt dit bij een update van
    xlsxwriter.
    """

    def _xml_number_element(self, number: float, attributes: Sequence = ()) -> None:
        attr = "".join(f' {k}="{self._escape_attributes(v)}"' for k, v in attributes)
        f = float(number)
        tekst = str(int(f)) if f.is_integer() and abs(f) < 1e15 else repr(f)
        self.fh.write(f"<c{attr}><v>{tekst}</v></c>")


class _Opmaak:
    """Gedeelde celformats per werkboek (xlsxwriter dedupliceert ze niet tussen werkboeken)."""

    def __init__(self, wb: xlsxwriter.Workbook) -> None:
        self.wb = wb
        self.kop = wb.add_format({"bold": True, "bg_color": "#DDE7F0", "border": 1,
                                  "text_wrap": True, "valign": "top"})
        self.titel = wb.add_format({"bold": True, "font_size": 14})
        self.vet = wb.add_format({"bold": True, "valign": "top"})
        self.tekst = wb.add_format({"valign": "top"})
        self.tekst_lang = wb.add_format({"text_wrap": True, "valign": "top"})
        self.datum = wb.add_format({"num_format": DATUM_FORMAAT, "valign": "top",
                                    "align": "left"})
        self.datumtijd = wb.add_format({"num_format": DATUMTIJD_FORMAAT, "valign": "top",
                                        "align": "left"})
        self.jaar = wb.add_format({"num_format": "0", "valign": "top", "align": "left"})
        self._getal: dict[tuple[str, bool], Any] = {}

    def getal(self, eenheid: str | None, voorlopig: bool = False) -> Any:
        code = NUM_FORMAAT.get((eenheid or "").strip(), NUM_STANDAARD)
        sleutel = (code, voorlopig)
        if sleutel not in self._getal:
            opties: dict[str, Any] = {"num_format": code, "valign": "top"}
            if voorlopig:  # extra hint; de kolom Status zegt het altijd in woorden
                opties["bg_color"] = "#FFF4CE"
            self._getal[sleutel] = self.wb.add_format(opties)
        return self._getal[sleutel]


@dataclass(frozen=True)
class _Kolom:
    naam: str
    breedte: float
    soort: Literal["tekst", "lang", "getal", "datum", "datumtijd", "jaar"] = "tekst"
    eenheid_uit: str | None = None  # kolom met de eenheid van het getal in deze rij
    eenheid: str | None = None  # vaste eenheid


def _schrijf_cel(ws: Any, rij: int, kol: int, waarde: Any, kolom: _Kolom, op: _Opmaak,
                 eenheid: str | None, voorlopig: bool) -> None:
    w = _zonder_na(waarde)
    if w is None or w == "":
        ws.write_blank(rij, kol, None, op.getal(eenheid, voorlopig) if kolom.soort == "getal"
                       else op.tekst)
        return
    match kolom.soort:
        case "getal":
            f = float(w)
            if math.isfinite(f):
                ws.write_number(rij, kol, f, op.getal(eenheid, voorlopig))
            else:
                ws.write_blank(rij, kol, None, op.tekst)
        case "jaar":
            ws.write_number(rij, kol, int(w), op.jaar)
        case "datum":
            d = _als_datum(w)
            if d is None:
                ws.write_string(rij, kol, str(w), op.tekst)
            else:
                ws.write_datetime(rij, kol, dt.datetime(d.year, d.month, d.day), op.datum)
        case "datumtijd":
            d = _als_datumtijd(w)
            if d is None:
                ws.write_string(rij, kol, str(w), op.tekst)
            else:
                ws.write_datetime(rij, kol, d, op.datumtijd)
        case "lang":
            ws.write_string(rij, kol, str(w), op.tekst_lang)
        case _:
            # write_string: altijd tekst, ook als de tekst met '=' begint (geen formule).
            ws.write_string(rij, kol, str(w), op.tekst)


def _schrijf_tabel(ws: Any, frame: pd.DataFrame, kolommen: Sequence[_Kolom], op: _Opmaak,
                   start: int = 0) -> None:
    """Eén nette tabel: kopregel, vaste kolombreedtes, bevroren kop en een autofilter."""
    for k, kolom in enumerate(kolommen):
        ws.write_string(start, k, kolom.naam, op.kop)
        ws.set_column(k, k, kolom.breedte)
    status = frame["Status"].tolist() if "Status" in frame else [None] * len(frame)
    for i, rij in enumerate(frame.itertuples(index=False), start=start + 1):
        waarden = dict(zip(frame.columns, rij, strict=True))
        voorlopig = str(status[i - start - 1] or "").endswith("voorlopig")
        for k, kolom in enumerate(kolommen):
            eenheid = kolom.eenheid or (waarden.get(kolom.eenheid_uit) if kolom.eenheid_uit
                                        else None)
            _schrijf_cel(ws, i, k, waarden.get(kolom.naam), kolom, op, eenheid,
                         voorlopig and kolom.soort == "getal")
    ws.freeze_panes(start + 1, 0)
    ws.autofilter(start, 0, start + max(len(frame), 1), len(kolommen) - 1)


def _tekst_lijst(items: Iterable[str]) -> str:
    return ", ".join(items)


def _schrijf_voorblad(ws: Any, data: ExportData, op: _Opmaak,
                      gegenereerd_op: dt.datetime | None, bladen: Sequence[tuple[str, str]]) -> None:
    titels = _titels(data)
    namen = data.regio_namen
    ws.set_column(0, 0, 34)
    ws.set_column(1, 1, 100)
    ws.write_string(0, 0, "Armoedemonitor: cijfers voor jaarrekening en P&C", op.titel)
    rij = 2

    def regel(label: str, waarde: Any, soort: str = "tekst") -> None:
        nonlocal rij
        ws.write_string(rij, 0, label, op.vet)
        _schrijf_cel(ws, rij, 1, waarde, _Kolom(label, 0, soort), op, None, False)  # type: ignore[arg-type]
        rij += 1

    v = data.vastlegging
    if v:
        regel("Vastlegging", v.get("naam"))
        regel("Vastgelegd op (Nederlandse tijd)", v.get("aangemaakt_op"), "datumtijd")
        regel("Omschrijving", v.get("omschrijving") or "", "lang")
        regel("Let op", "Deze cijfers zijn bevroren. Ze veranderen niet als CBS cijfers herziet. "
              "Het revisierapport op de pagina Export toont wat sindsdien veranderd is.", "lang")
    else:
        regel("Gemaakt op (Nederlandse tijd)", gegenereerd_op, "datumtijd")
    regel("Database: ETL-run", data.database.get("run_id"))
    regel("Database gebouwd op (UTC)", data.database.get("etl_klaar"), "datumtijd")
    regel("Database: bouwwijze", data.database.get("modus"))
    rij += 1
    regel("Indicatoren", _tekst_lijst(f"{titels.get(k, k)} ({k})"
                                      for k in data.selectie.indicatoren), "lang")
    regel("Regio's", _tekst_lijst(f"{namen.get(c, c)} ({c})" for c in data.selectie.regios), "lang")
    regel("Jaren", _tekst_lijst(str(j) for j in data.selectie.jaren) or "alle jaren")
    regel("Verslagjaar (blad Beleidsindicatoren)", data.verslagjaar, "jaar")
    regel("Selectie (voor herhalen)", data.selectie.naar_json(), "lang")
    regel("Opdrachtregel", opdrachtregel(data), "lang")
    rij += 1
    regel("Getallen", "Alle cijfers zijn echte getallen met de volle precisie uit de database. "
          "Excel toont ze in de notatie van uw computer (Nederlands: 1.234,5).", "lang")
    regel("Voorlopige cijfers", "De kolom Status zegt 'voorlopig' of 'nader voorlopig'; de "
          "Periode krijgt een * (2024*) of ** (2024**). De lichtgele cel is alleen een extra hint.",
          "lang")
    regel("Geen cijfer", "Een lege Waarde betekent: geen cijfer. De kolom Toelichting zegt "
          "waarom. De monitor vult nooit zelf een cijfer in.", "lang")
    regel("Bronvermelding", "Elke cijferregel heeft een Bron-id; het blad Bronnen geeft per "
          "bron de tabel, versie, licentie en ETL-run.", "lang")
    regel("Begroting en streefwaarde", "Streefwaarden komen uit de beleidsmonitor (pagina "
          "Beleidsmonitor). De monitor kent geen begrotingswaarden: de kolom Begroting is leeg "
          "om zelf in te vullen.", "lang")
    rij += 1
    ws.write_string(rij, 0, "Tabbladen", op.vet)
    rij += 1
    for naam, uitleg in bladen:
        ws.write_string(rij, 0, naam, op.tekst)
        ws.write_string(rij, 1, uitleg, op.tekst_lang)
        rij += 1


def _created(data: ExportData) -> dt.datetime:
    """Documenteigenschap 'gemaakt': het tijdstip van de database, zodat bytes gelijk blijven."""
    klaar = data.database.get("etl_klaar")
    return klaar if isinstance(klaar, dt.datetime) else dt.datetime(2000, 1, 1)


def werkboek(data: ExportData, gegenereerd_op: dt.datetime | None = None) -> bytes:
    """Het Excel-werkboek van een export als bytes.

    ``gegenereerd_op`` staat alleen op het voorblad (als datum-getal, dus niet in de gedeelde
    tekstenlijst). Bij een vastlegging staat het tijdstip van vastleggen er, zodat een
    vastgelegde set altijd byte-gelijk terugkomt.
    """
    if gegenereerd_op is None and not data.vastlegging:
        gegenereerd_op = dt.datetime.now(TIJDZONE).replace(tzinfo=None, microsecond=0)
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {
        "in_memory": True,
        "strings_to_formulas": False,
        "strings_to_urls": False,
        "strings_to_numbers": False,
    })
    wb.worksheet_class = _ExactWerkblad
    wb.set_properties({
        "title": "Armoedemonitor: export voor jaarrekening en P&C",
        "subject": "Cijfers, definities en bronnen",
        "author": "Armoedemonitor",
        "comments": f"Database: ETL-run {data.database.get('run_id') or 'onbekend'}",
        "created": _created(data),
    })
    op = _Opmaak(wb)
    jaar = data.verslagjaar
    streef = streefwaarden_tabel(data)
    bladen = [
        (BLAD_CIJFERS, "De gekozen indicatoren per regio en jaar, met status en bron."),
        (BLAD_BELEID, f"Opmaak voor de jaarrekening: Werkelijk, Begroting en Streefwaarde "
                      f"(verslagjaar {jaar})."),
        (BLAD_BBV, "Verplichte beleidsindicatoren taakveld 6 die uit de database te berekenen "
                   "zijn, met formule."),
    ]
    if not streef.empty:
        bladen.append((BLAD_STREEF, "Streefwaarden uit de beleidsmonitor naast het laatste "
                                    "cijfer, met oordeel."))
    bladen += [
        (BLAD_DEFINITIES, "Titel, eenheid, definitie, richting en formule per indicator."),
        (BLAD_BRONNEN, "Bron, tabel, versie, peildatums, licentie, ophaaldatum en ETL-run."),
    ]

    _schrijf_voorblad(wb.add_worksheet(BLAD_VOORBLAD), data, op, gegenereerd_op, bladen)

    _schrijf_tabel(wb.add_worksheet(BLAD_CIJFERS), cijfertabel(data), [
        _Kolom("Indicator", 44), _Kolom("Sleutel", 26), _Kolom("Eenheid", 16),
        _Kolom("Regio", 16), _Kolom("Regiocode", 10), _Kolom("Jaar", 7, "jaar"),
        _Kolom("Periode", 8), _Kolom("Peildatum", 11, "datum"),
        _Kolom("Waarde", 14, "getal", eenheid_uit="Eenheid"), _Kolom("Status", 14),
        _Kolom("Toelichting", 30), _Kolom("Bron", 40), _Kolom("Tabel", 14),
        _Kolom("Bronversie", 30), _Kolom("Bron-id", 22), _Kolom("Bronkolom", 40),
    ], op)

    beleid = beleidsindicatoren_tabel(data)
    ws = wb.add_worksheet(BLAD_BELEID)
    _schrijf_tabel(ws, beleid, [
        _Kolom("Indicator", 44), _Kolom("Eenheid", 16), _Kolom("Regio", 16),
        _Kolom("Regiocode", 10),
        _Kolom("Werkelijk (vorige meting)", 14, "getal", eenheid_uit="Eenheid"),
        _Kolom("Jaar vorige meting", 10),
        _Kolom("Werkelijk", 14, "getal", eenheid_uit="Eenheid"), _Kolom("Jaar werkelijk", 10),
        _Kolom("Status", 14),
        _Kolom(f"Begroting {jaar}", 14, "getal", eenheid_uit="Eenheid"),
        _Kolom(f"Streefwaarde {jaar}", 14, "getal", eenheid_uit="Eenheid"),
        _Kolom("Bron", 48), _Kolom("Peildatum", 11, "datum"), _Kolom("Bron-id", 22),
        _Kolom("Toelichting", 44),
    ], op)

    bbv = bbv_tabel(data)
    ws = wb.add_worksheet(BLAD_BBV)
    _schrijf_tabel(ws, bbv, [
        _Kolom("BBV-nr", 7, "jaar"), _Kolom("Indicator", 50), _Kolom("Sleutel", 24),
        _Kolom("Eenheid", 18), _Kolom("Regio", 16), _Kolom("Regiocode", 10),
        _Kolom("Jaar", 7, "jaar"), _Kolom("Periode", 8), _Kolom("Peildatum", 11, "datum"),
        _Kolom("Waarde", 14, "getal", eenheid_uit="Eenheid"), _Kolom("Status", 14),
        _Kolom("Toelichting", 30), _Kolom("Formule", 40),
        _Kolom("Basiscijfer", 14, "getal", eenheid="per 1.000 inwoners"),
        _Kolom("Bron-id", 22), _Kolom("Bronkolom", 40),
    ], op)
    ws.write_string(len(bbv) + 2, 0, BBV_NIET_BESCHIKBAAR, op.tekst)

    if not streef.empty:
        _schrijf_tabel(wb.add_worksheet(BLAD_STREEF), streef, [
            _Kolom("Indicator", 44), _Kolom("Eenheid", 16), _Kolom("Regio", 16),
            _Kolom("Regiocode", 10), _Kolom("Jaar", 7, "jaar"),
            _Kolom("Streefwaarde", 14, "getal", eenheid_uit="Eenheid"), _Kolom("Soort doel", 14),
            _Kolom("Laatste cijfer", 14, "getal", eenheid_uit="Eenheid"),
            _Kolom("Jaar laatste cijfer", 10), _Kolom("Status", 14), _Kolom("Oordeel", 30),
            _Kolom("Toelichting", 50), _Kolom("Bron doel", 60),
        ], op)

    _schrijf_tabel(wb.add_worksheet(BLAD_DEFINITIES), definities_tabel(data), [
        _Kolom("Sleutel", 28), _Kolom("Indicator", 50), _Kolom("Eenheid", 18),
        _Kolom("Definitie", 90, "lang"), _Kolom("Richting", 14), _Kolom("Formule", 44),
        _Kolom("Peildatum", 12), _Kolom("Beschikbaar na (jaren)", 12, "jaar"),
    ], op)

    _schrijf_tabel(wb.add_worksheet(BLAD_BRONNEN), bronnen_tabel(data), [
        _Kolom("Bron-id", 28), _Kolom("Soort", 10), _Kolom("Titel", 50), _Kolom("Tabel", 16),
        _Kolom("Versie", 40), _Kolom("Jaren in deze export", 12),
        _Kolom("Peildatums in deze export", 30), _Kolom("Licentie", 20),
        _Kolom("Opgehaald op", 22, "datum"), _Kolom("URL", 50), _Kolom("Toelichting", 80, "lang"),
        _Kolom("ETL-run", 14), _Kolom("Database gebouwd op (UTC)", 20, "datumtijd"),
    ], op)

    wb.close()
    return buf.getvalue()


# ----------------------------------------------------------------------------- CSV


def neutraliseer(waarde: Any) -> Any:
    """Zet een apostrof voor tekst die Excel als formule zou lezen (``=``, ``+``, ``-``, ``@``,
    TAB, CR). Alleen voor tekst: een negatief getal blijft een getal."""
    if isinstance(waarde, str) and waarde.startswith(GEVAARLIJK_BEGIN):
        return "'" + waarde
    return waarde


def _getal_tekst(x: Any, decimaal: str) -> str:
    """Het kortste decimale getal dat exact terugleest (repr), zonder '.0' en zonder e-notatie
    voor gewone groottes; met decimaalkomma voor de Nederlandse smaak."""
    w = _zonder_na(x)
    if w is None:
        return ""
    f = float(w)
    if not math.isfinite(f):
        return ""
    t = repr(f)
    if t.endswith(".0"):
        t = t[:-2]
    return t.replace(".", decimaal) if decimaal != "." else t


def csv_bytes(data: ExportData | pd.DataFrame, smaak: CsvSmaak = "nl") -> bytes:
    """De cijfertabel als CSV.

    - ``"nl"``: voor Nederlandse Excel: ``;`` als scheidingsteken, decimaalkomma, datums als
      dd-mm-jjjj, UTF-8 met BOM (anders leest Excel ë en € verkeerd) en CRLF-regeleinden.
    - ``"plain"``: voor analisten en scripts: ``,``, decimaalpunt, ISO-datums, UTF-8 zonder BOM.

    In beide smaken krijgt tekst die met ``= + - @ TAB CR`` begint een apostrof (OWASP).
    """
    if smaak not in CSV_SMAKEN:
        raise ExportFout(f"Onbekende CSV-smaak '{smaak}': kies 'nl' of 'plain'.")
    frame = cijfertabel(data) if isinstance(data, ExportData) else data.copy()
    nl = smaak == "nl"
    uit = pd.DataFrame(index=frame.index)
    for kolom in frame.columns:
        reeks = frame[kolom]
        if kolom in ("Waarde", "Basiscijfer") or pd.api.types.is_float_dtype(reeks):
            uit[kolom] = [_getal_tekst(x, "," if nl else ".") for x in reeks]
        elif pd.api.types.is_integer_dtype(reeks):
            uit[kolom] = ["" if _zonder_na(x) is None else str(int(x)) for x in reeks]
        elif kolom == "Peildatum" or any(isinstance(x, dt.date) for x in reeks.head(50)):
            uit[kolom] = ["" if (d := _als_datum(x)) is None else
                          (d.strftime("%d-%m-%Y") if nl else d.isoformat()) for x in reeks]
        else:
            uit[kolom] = ["" if _zonder_na(x) is None else neutraliseer(str(x)) for x in reeks]
    tekst = uit.to_csv(index=False, sep=";" if nl else ",",
                       lineterminator="\r\n" if nl else "\n")
    return tekst.encode("utf-8-sig" if nl else "utf-8")


# ----------------------------------------------------------------------------- pagina


def voorbeeld(data: ExportData) -> pd.DataFrame:
    """De cijfertabel zoals een lezer hem op de pagina ziet: Nederlandse notatie als tekst.

    Alleen voor het scherm; de downloads bevatten echte getallen.
    """
    t = cijfertabel(data)
    return pd.DataFrame({
        "Indicator": t["Indicator"],
        "Regio": t["Regio"],
        "Jaar": t["Periode"],
        "Waarde": [fmt.waarde(w, e) for w, e in zip(t["Waarde"], t["Eenheid"], strict=True)],
        "Status": t["Status"],
        "Bron": [f"{b} ({tb})" if isinstance(b, str) and isinstance(tb, str) and tb not in b
                 else (b if isinstance(b, str) else "") for b, tb in
                 zip(t["Bron"], t["Tabel"], strict=True)],
        "Toelichting": t["Toelichting"],
    })


def jaren_met_cijfers(versie: str, indicator_keys: Iterable[str]) -> list[int]:
    """Jaren waarin minstens één regio een cijfer heeft voor een van de indicatoren, nieuwste eerst."""
    jaren: set[int] = set()
    for key in indicator_keys:
        jaren |= set(store.jaren(versie, key))
    return sorted(jaren, reverse=True)


# ----------------------------------------------------------------------------- PNG


def chromium_pad() -> Path | None:
    """Debians Chromium (of ``$BROWSER_PATH``) als die er is; kaleido heeft een browser nodig."""
    for kandidaat in (os.environ.get("BROWSER_PATH"), "/usr/bin/chromium",
                      "/usr/bin/chromium-browser"):
        if kandidaat and Path(kandidaat).is_file() and os.access(kandidaat, os.X_OK):
            return Path(kandidaat)
    return None


def png(figuur: Any, breedte: int = 1100, hoogte: int = 600) -> bytes:
    """Een Plotly-figuur als PNG, op de server gemaakt met kaleido en Chromium.

    Kost een paar seconden (kaleido start een headless Chromium). Zonder Chromium volgt een
    :class:`PngNietMogelijk` met uitleg; de cameraknop in de grafiek werkt dan nog steeds.
    """
    pad = chromium_pad()
    if pad is None:
        raise PngNietMogelijk(
            "Op deze server is geen Chromium geïnstalleerd, dus de monitor kan hier geen PNG "
            "maken. Gebruik de cameraknop rechtsboven in de grafiek; die bewaart de grafiek als "
            "PNG in uw browser.")
    os.environ.setdefault("BROWSER_PATH", str(pad))
    try:
        return figuur.to_image(format="png", width=breedte, height=hoogte, scale=1)
    except Exception as fout:  # noqa: BLE001 (kaleido/choreographer geven wisselende fouten)
        raise PngNietMogelijk(f"Het maken van de PNG mislukte ({fout}). Probeer de cameraknop "
                              "rechtsboven in de grafiek.") from fout


def grafiek(data: ExportData, indicator_key: str | None = None) -> Any:
    """De trendgrafiek van één indicator uit de selectie (``monitor.charts.trendlijnen``), met
    een bronregel ín het plaatje: een PNG in een raadsvoorstel heeft geen hover."""
    from monitor import charts  # noqa: PLC0415 (plotly alleen laden als er een grafiek komt)

    key = indicator_key or (data.selectie.indicatoren[0] if data.selectie.indicatoren else "")
    titel = _titels(data).get(key, key)
    eenheid = _eenheden(data).get(key, "")
    bron = data.bronnen.set_index("bron_id")
    frame = data.cijfers[data.cijfers["indicator_key"] == key].copy()
    frame["bron_titel"] = [_zonder_na(bron["titel"].get(b)) for b in frame["bron_id"]]
    frame["tabel_id"] = [_zonder_na(bron["tabel_id"].get(b)) for b in frame["bron_id"]]
    codes = list(data.selectie.regios)
    if not charts.nl_als_referentie(eenheid):  # 18 miljoen naast één gemeente zegt niets
        frame = frame[frame["regio_code"] != NEDERLAND]
    fig = charts.trendlijnen(frame, titel=titel, eenheid=eenheid, kleur=charts.kleuren(codes),
                             volgorde=codes)
    met_waarde = frame[frame["waarde"].notna()]
    tabellen = sorted({str(t) for t in met_waarde["tabel_id"].dropna()})
    voorlopig = bool(met_waarde["status"].isin(["voorlopig", "nader voorlopig"]).any())
    gebruikt = gebruikte_bronnen(met_waarde, bron.index)
    licenties = sorted({str(bron["licentie"][b]) for b in gebruikt
                        if _zonder_na(bron["licentie"].get(b)) is not None})
    regel = "Bron: " + (", ".join(tabellen) or "geen cijfers") + "."
    if licenties:
        regel += " Licentie: " + "; ".join(licenties) + "."
    if voorlopig:
        regel += " Open punt = voorlopig cijfer."
    regel += f" Armoedemonitor, database {data.database.get('run_id') or 'onbekend'}."
    fig.add_annotation(text=regel, xref="paper", yref="paper", x=0, y=-0.22, xanchor="left",
                       yanchor="top", showarrow=False, font={"size": 11, "color": "#444444"})
    fig.update_layout(margin={"l": 70, "b": 120}, height=600)
    return fig


# ----------------------------------------------------------------------------- namen en CLI


def opdrachtregel(data: ExportData) -> str:
    """De opdracht die dit bestand opnieuw maakt (voor wie het wil narekenen)."""
    if data.vastlegging:
        return (f'python -m monitor.export --vastlegging "{data.vastlegging["naam"]}" '
                f"--uit {bestandsnaam(data, 'xlsx')}")
    delen = ["python -m monitor.export"]
    if data.selectie.jaren:
        delen.append("--jaar " + " ".join(str(j) for j in data.selectie.jaren))
    delen.append("--regio " + " ".join(data.selectie.regios))
    delen.append("--indicator " + " ".join(data.selectie.indicatoren))
    delen.append("--uit " + bestandsnaam(data, "xlsx"))
    return " ".join(delen)


def bestandsnaam(data: ExportData, extensie: str, smaak: str | None = None) -> str:
    """``armoedemonitor_2024-2025_<run>.xlsx``: zonder spaties; een vastlegging heet naar zichzelf."""
    if data.vastlegging:
        basis = "vastlegging_" + re.sub(r"[^A-Za-z0-9_.-]+", "-", str(data.vastlegging["naam"]))
    else:
        jaren = data.selectie.jaren
        periode = (f"{jaren[0]}-{jaren[-1]}" if len(jaren) > 1 else str(jaren[0])) if jaren \
            else "alle-jaren"
        basis = f"armoedemonitor_{periode}_{data.database.get('run_id') or 'db'}"
    return basis + (f"_{smaak}" if smaak else "") + "." + extensie


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m monitor.export",
        description="Exporteer cijfers voor de jaarrekening naar Excel (.xlsx) of CSV.",
        add_help=False)
    p.add_argument("-h", "--help", action="help", help="toon deze hulp en stop")
    p.add_argument("--jaar", type=int, nargs="+", action="extend", default=[],
                   help="een of meer jaren (standaard: alle jaren)")
    p.add_argument("--regio", nargs="+", action="extend", default=[],
                   help="regiocodes, bijv. GM0917 NL01 (standaard: de vijf standaardregio's)")
    p.add_argument("--indicator", nargs="+", action="extend", default=[],
                   help="indicatorsleutels (standaard: de kernset)")
    p.add_argument("--uit", type=Path, help="doelbestand: .xlsx of .csv")
    p.add_argument("--csv-smaak", choices=CSV_SMAKEN, default="nl",
                   help="nl = ; en decimaalkomma (Excel), plain = , en decimaalpunt")
    p.add_argument("--vastlegging", metavar="NAAM",
                   help="exporteer een vastgelegde set (byte-gelijk aan eerdere exports)")
    p.add_argument("--revisies", metavar="NAAM",
                   help="toon wat er sinds de vastlegging NAAM in de database veranderd is")
    return p


def _stille_streamlit() -> None:
    """Buiten de app waarschuwt Streamlit bij elke cache-aanroep; op de opdrachtregel is dat ruis."""
    from streamlit import logger as st_logger  # noqa: PLC0415

    st_logger.set_log_level("error")


def main(argv: Sequence[str] | None = None) -> int:
    """Opdrachtregel; gebruikt exact dezelfde bouwstenen als de pagina."""
    _stille_streamlit()
    args = _parser().parse_args(argv)
    try:
        if args.revisies:
            from monitor import vastlegging  # noqa: PLC0415

            rapport = vastlegging.revisierapport(args.revisies)
            if rapport.empty:
                print(f"Geen verschillen: de cijfers van '{args.revisies}' zijn gelijk aan de database.")
            for r in rapport.itertuples(index=False):
                print(f"{r.soort}: {r.indicator} – {r.regio} {r.jaar}: {r.tekst}")
            return 0
        if args.uit is None:
            raise ExportFout("Geef met --uit een doelbestand op (.xlsx of .csv).")
        extensie = args.uit.suffix.lower()
        if extensie not in (".xlsx", ".csv"):
            raise ExportFout("Het doelbestand moet eindigen op .xlsx of .csv.")
        if args.vastlegging:
            if args.jaar or args.regio or args.indicator:
                raise ExportFout("Een vastlegging heeft een vaste selectie: laat --jaar, --regio "
                                 "en --indicator weg.")
            from monitor import vastlegging  # noqa: PLC0415

            data = vastlegging.laad(args.vastlegging)
        else:
            data = verzamel(Selectie(
                indicatoren=tuple(args.indicator) or KERNINDICATOREN,
                regios=tuple(args.regio) or STANDAARD_REGIOS,
                jaren=tuple(args.jaar)))
        inhoud = werkboek(data) if extensie == ".xlsx" else csv_bytes(data, args.csv_smaak)
        args.uit.parent.mkdir(parents=True, exist_ok=True)
        args.uit.write_bytes(inhoud)
    except (ExportFout, store.GeenDatabase, LookupError) as fout:
        print(f"Mislukt: {fout}", file=sys.stderr)
        return 2
    tabel = cijfertabel(data)
    met = int(tabel["Waarde"].notna().sum())
    print(f"Geschreven: {args.uit} ({fmt.getal(len(inhoud))} bytes; {fmt.getal(met)} cijfers, "
          f"{fmt.getal(len(tabel) - met)} jaren zonder cijfer)")
    return 0


if __name__ == "__main__":
    # Via het pakket importeren, zodat monitor.vastlegging en deze opdracht dezelfde klassen delen.
    from monitor.export import main as _main

    sys.exit(_main())
