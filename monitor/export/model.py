"""Het exportmodel: welke cijfers, definities, bronnen en doelen in een export horen.

Export voor de jaarrekening en de P&C-stukken: Excel, CSV en PNG uit één implementatie.

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

import json
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any, Literal

import pandas as pd

from monitor import store
from monitor.beleid import opslag as beleid_opslag
from monitor.domein import STANDAARD_REGIOS, afronden
from monitor.tabelbestand import als_datum, als_datumtijd, zonder_na

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

BLAD_VOORBLAD = "Voorblad"
BLAD_CIJFERS = "Cijfers"
BLAD_BELEID = "Beleidsindicatoren"
BLAD_BBV = "BBV taakveld 6"
BLAD_STREEF = "Streefwaarden"
BLAD_DEFINITIES = "Definities"
BLAD_BRONNEN = "Bronnen"


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


#: BBV-indicatoren die de export onder hun eigen naam en nummer kan leveren. Leeg: BBV 27
#: (bijstand) is per 10.000 inwoners van 18 jaar en ouder, en die noemer staat (nog) niet in de
#: database. Een "BBV 27-achtig" cijfer over alle inwoners zou een ander getal onder een officiële
#: naam zijn; daarom staat de reden op het voorblad en het blad BBV, en het cijfer niet.
BBV_SET: tuple[BbvIndicator, ...] = ()
BBV_BASIS: tuple[str, ...] = tuple(dict.fromkeys(b.basis for b in BBV_SET))
BBV_NIET_BESCHIKBAAR = (
    "BBV 27 Personen met een bijstandsuitkering (per 10.000 inwoners van 18 jaar en ouder) staat "
    "hier niet: de database heeft het aantal inwoners van 18 jaar en ouder nog niet, en een cijfer "
    "over alle inwoners is een ander getal dan de officiële indicator. "
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
                      "peildatum_regel", "beschikbaar_na", "decimalen"]
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


def normaliseer(data: ExportData) -> ExportData:
    """Vaste kolommen, vaste typen en vaste sortering: dezelfde inhoud geeft dezelfde bytes.

    Wordt toegepast op vers verzamelde data én op een vastlegging die uit de database komt,
    zodat die twee niet door een verschil in dtype een ander bestand opleveren.
    """
    ind = data.indicatoren.reindex(columns=INDICATOR_KOLOMMEN).copy()
    ind["volgorde"] = pd.to_numeric(ind["volgorde"], errors="coerce").astype("Int64")
    ind["beschikbaar_na"] = pd.to_numeric(ind["beschikbaar_na"], errors="coerce").astype("Int64")
    ind["decimalen"] = pd.to_numeric(ind["decimalen"], errors="coerce").astype("Int64")
    ind = ind.sort_values(["volgorde", "key"], na_position="last", kind="mergesort")
    ind = ind.reset_index(drop=True)
    volgorde = {k: n for n, k in enumerate(ind["key"])}
    regio_volgorde = {c: n for n, c in enumerate(data.selectie.regios)}

    c = data.cijfers.reindex(columns=CIJFER_KOLOMMEN).copy()
    c["jaar"] = pd.to_numeric(c["jaar"], errors="coerce").astype("Int64")
    c["waarde"] = pd.to_numeric(c["waarde"], errors="coerce").astype("float64")
    c["peildatum"] = [als_datum(x) for x in c["peildatum"]]
    for k in ("regio_code", "regio_naam", "indicator_key", "status", "bron_id", "bron_kolom"):
        c[k] = [None if zonder_na(x) is None else str(x) for x in c[k]]
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

    db = {"run_id": zonder_na(data.database.get("run_id")),
          "etl_klaar": als_datumtijd(data.database.get("etl_klaar")),
          "modus": zonder_na(data.database.get("modus"))}
    namen = {str(k): str(v) for k, v in sorted(data.regio_namen.items())}
    return replace(data, cijfers=c, indicatoren=ind, bronnen=b, streefwaarden=s, database=db,
                   regio_namen=namen)


def bron_ids_in_kolom(bron_kolom: str | None, bekende: Iterable[str]) -> set[str]:
    """Afgeleide cijfers noemen hun teller- en noemerbron in bron_kolom (``= 85984NED:…``)."""
    if not bron_kolom:
        return set()
    return {b for b in bekende if f"= {b}:" in bron_kolom}


def gebruikte_bronnen(cijfers: pd.DataFrame, alle_bronnen: Iterable[str]) -> set[str]:
    """Alle bron-id's achter deze cijfers, ook de bronnen van teller en noemer."""
    alle = set(alle_bronnen)
    ids = {b for b in cijfers["bron_id"].dropna()}
    for kolom in cijfers["bron_kolom"].dropna():
        ids |= bron_ids_in_kolom(kolom, alle)
    return ids


def streefwaarden_van(selectie: Selectie) -> pd.DataFrame:
    """Streefwaarden uit de beleidsmonitor (``monitor.beleid.opslag.streefwaarden``) voor de selectie.

    Alle jaren, ook na het verslagjaar: de doelen van 2026-2029 horen bij de verantwoording.
    ``begroting`` blijft leeg: de beleidsmonitor kent (nog) geen begrotingswaarden. Een fout bij
    het lezen gaat door naar de gebruiker; een export die stil de doelen weglaat, is erger.
    """
    frame = beleid_opslag.streefwaarden()
    frame = frame[frame["indicator_key"].isin(selectie.indicatoren)
                  & frame["regio_code"].isin(selectie.regios)]
    return frame.rename(columns={"waarde": "streefwaarde"}).reindex(columns=STREEF_KOLOMMEN)


def op_publicatieprecisie(cijfers: pd.DataFrame, indicatoren: pd.DataFrame) -> pd.Series:
    """Elke waarde afgerond op de precisie waarin de indicator gepubliceerd wordt (catalogus)."""
    decimalen = indicatoren.set_index("key")["decimalen"]
    return pd.Series([afronden(w, decimalen.get(k)) for w, k in
                      zip(cijfers["waarde"], cijfers["indicator_key"], strict=True)],
                     index=cijfers.index, dtype="float64")


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
    regio_tabel = store.regios(versie, soorten=None)  # ook wijken: de export kan elke regio aan
    onbekend = [r for r in selectie.regios if r not in set(regio_tabel["code"])]
    if onbekend:
        raise ExportFout("Onbekende regiocode(s): " + ", ".join(onbekend)
                         + ". Gebruik codes zoals GM0917 (Heerlen) of NL01 (Nederland).")
    if not selectie.indicatoren or not selectie.regios:
        raise ExportFout("Kies minstens één indicator en één regio.")

    keys = tuple(dict.fromkeys((*selectie.indicatoren, *BBV_BASIS)))
    ind = alle_ind[alle_ind["key"].isin(keys)]
    cijfers = store.reeks(versie, keys, tuple(selectie.regios))
    cijfers = cijfers.assign(waarde=op_publicatieprecisie(cijfers, ind))
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
        streefwaarden=streefwaarden_van(selectie),
        database={"run_id": info.get("run_id"), "etl_klaar": info.get("klaar"),
                  "modus": info.get("modus")},
        regio_namen={c: n for c, n in zip(regio_tabel["code"], regio_tabel["naam"], strict=True)
                     if c in selectie.regios},
    )
    return normaliseer(data)


# ----------------------------------------------------------------------------- tabellen


def jaren_met_cijfers(versie: str, indicator_keys: Iterable[str]) -> list[int]:
    """Jaren waarin minstens één regio een cijfer heeft voor een van de indicatoren, nieuwste eerst."""
    return store.jaren_van(versie, tuple(indicator_keys))


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
