"""Het Excel-werkboek voor de jaarrekening (xlsxwriter): echte getallen, Nederlandse celopmaak."""

from __future__ import annotations

import datetime as dt
import io
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import pandas as pd
import xlsxwriter

from monitor.domein import TIJDZONE, TIJDZONE_LABEL, lokale_tijd
from monitor.export.model import (
    BBV_NIET_BESCHIKBAAR,
    BLAD_BBV,
    BLAD_BELEID,
    BLAD_BRONNEN,
    BLAD_CIJFERS,
    BLAD_DEFINITIES,
    BLAD_STREEF,
    BLAD_VOORBLAD,
    ExportData,
    als_datum,
    als_datumtijd,
    opdrachtregel,
    zonder_na,
)
from monitor.export.tabellen import (
    bbv_tabel,
    beleidsindicatoren_tabel,
    bronnen_tabel,
    cijfertabel,
    definities_tabel,
    streefwaarden_tabel,
    titel_per_key,
)

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
    w = zonder_na(waarde)
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
            d = als_datum(w)
            if d is None:
                ws.write_string(rij, kol, str(w), op.tekst)
            else:
                ws.write_datetime(rij, kol, dt.datetime(d.year, d.month, d.day), op.datum)
        case "datumtijd":
            d = als_datumtijd(w)
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
    titels = titel_per_key(data)
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
    regel(f"Database gebouwd op ({TIJDZONE_LABEL})", lokale_tijd(data.database.get("etl_klaar")),
          "datumtijd")
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


def aangemaakt(data: ExportData) -> dt.datetime:
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
    wb.set_properties({
        "title": "Armoedemonitor: export voor jaarrekening en P&C",
        "subject": "Cijfers, definities en bronnen",
        "author": "Armoedemonitor",
        "comments": f"Database: ETL-run {data.database.get('run_id') or 'onbekend'}",
        "created": aangemaakt(data),
    })
    op = _Opmaak(wb)
    jaar = data.verslagjaar
    streef = streefwaarden_tabel(data)
    bladen = [
        (BLAD_CIJFERS, "De gekozen indicatoren per regio en jaar, met status en bron."),
        (BLAD_BELEID, f"Opmaak voor de jaarrekening: Werkelijk, Begroting en Streefwaarde "
                      f"(verslagjaar {jaar})."),
        (BLAD_BBV, "Verplichte beleidsindicatoren taakveld 6: welke deze monitor (nog) niet "
                   "levert, en waarom. " + BBV_NIET_BESCHIKBAAR),
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
        _Kolom("ETL-run", 14), _Kolom(f"Database gebouwd op ({TIJDZONE_LABEL})", 20, "datumtijd"),
    ], op)

    wb.close()
    return buf.getvalue()
