"""Curated local figures (policy documents, CBS web pages): CSV with provenance per line.

A file is validated whole: one bad line rejects the file with its line number, so a half-read
file never reaches the dashboard. Lines that are valid but not statistics (a target, a figure
without a year) are not loaded and are listed with the reason.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from etl import notatie
from etl.catalogus import Bron, Indicator
from etl.fouten import EtlFout
from etl.ruw import Decimaal, NietGeladen, getal, lees_csv, regiocode

VEREIST = ["regio_code", "regio_naam", "indicator", "jaar", "peildatum", "waarde", "eenheid",
           "status", "oorspronkelijke_bron", "document", "vindplaats", "opmerking"]
STATUS = {"gepubliceerd": "definitief", "definitief": "definitief", "voorlopig": "voorlopig",
          "begroting": "begroot", "realisatie": "definitief"}


def status_van(regel_status: str, bron: Bron) -> str:
    """The stored status. A quote (source soort `geciteerd`) is never `definitief`: the monitor
    did not read the original; a budget in a plan is `begroot`, not a realised figure."""
    status = STATUS[regel_status]
    if bron.soort == "geciteerd" and status != "begroot":
        return "geciteerd"
    return status


NIET_STATISTISCH = {"streefwaarde": "Dit is een streefwaarde, geen gemeten cijfer. Streefwaarden horen "
                                     "in de Beleidsmonitor."}


def lees_lokaal(pad: Path, bron: Bron, indicatoren: dict[str, Indicator]) -> tuple[pd.DataFrame, list[NietGeladen]]:
    """Tidy rows plus the lines deliberately not loaded, with the reason."""
    ruw = lees_csv(pad, bron.tabel_id)
    ontbreekt = [k for k in VEREIST if k not in ruw.columns]
    if ontbreekt:
        raise EtlFout(f"Bron {bron.titel}: kolommen {ontbreekt} ontbreken in {pad.name}.")
    onbekend = [k for k in ruw.columns if k not in VEREIST]
    if onbekend:
        raise EtlFout(f"Bron {bron.titel}: {pad.name} heeft onbekende kolom(men) {onbekend}; "
                      f"verwacht precies: {', '.join(VEREIST)}. Is een kolom hernoemd?")
    rijen, overgeslagen = [], []
    for nr, r in zip(ruw.index, ruw.to_dict("records"), strict=True):
        r = {k: str(v).strip() for k, v in r.items()}

        def niet(reden: str, r: dict[str, str] = r, nr: int = nr) -> NietGeladen:
            return _niet_geladen(nr, r, reden, pad.name, bron.dialect())
        if r["status"] in NIET_STATISTISCH:
            overgeslagen.append(niet(NIET_STATISTISCH[r["status"]]))
            continue
        dubbel = next((n for n in bron.niet_laden if (n.regio, n.indicator) == (
            regiocode(r["regio_code"]), r["indicator"]) and str(n.jaar) == r["jaar"]), None)
        if dubbel:
            overgeslagen.append(niet(dubbel.reden))
            continue
        if r["indicator"] not in indicatoren:
            overgeslagen.append(niet("De monitor heeft geen indicator met deze naam."))
            continue
        if not r["jaar"]:
            opmerking = f" ({r['opmerking']})" if r["opmerking"] else ""
            overgeslagen.append(niet(f"Het jaar ontbreekt in de bron{opmerking}."))
            continue
        fout = _controleer(r, indicatoren[r["indicator"]], bron.dialect())
        if fout:
            raise EtlFout(f"Bron {bron.titel}, {pad.name} regel {nr}: {fout}. Het bestand is niet geladen.")
        rijen.append({
            "regio_code": regiocode(r["regio_code"]), "regio_naam": r["regio_naam"] or None,
            "indicator_key": r["indicator"], "jaar": int(r["jaar"]),
            "peildatum": pd.to_datetime(r["peildatum"]).date() if r["peildatum"] else None,
            "waarde": getal(r["waarde"], decimaal=bron.dialect()), "status": status_van(r["status"], bron),
            "bron_id": bron.id,
            "bron_kolom": f"regel {nr}: {r['document']}, {r['vindplaats']} "
                          f"(oorspronkelijke bron: {r['oorspronkelijke_bron']}"
                          f"{'; in het document: ' + r['status'] if bron.soort == 'geciteerd' else ''})",
            "plaats": f"{pad.name} regel {nr}",
        })
    return pd.DataFrame(rijen), overgeslagen


def _niet_geladen(nr: int, r: dict[str, str], reden: str, bestand: str, decimaal: Decimaal) -> NietGeladen:
    """A line not loaded: the reason as a sentence; the indicator and what the line says (region,
    year, value in Dutch notation) in their own columns, so the page can show the title."""
    inhoud = ", ".join(d for d in (r["regio_naam"], r["jaar"], _als_tekst(r["waarde"], decimaal)) if d)
    return NietGeladen(str(nr), notatie.zin(reden), indicator_key=r["indicator"] or None,
                       inhoud=inhoud or None, bestand=bestand)


def _als_tekst(ruw: str, decimaal: Decimaal) -> str:
    """A source value for a reason text, in Dutch notation: '7.1' → '7,1', '42600' → '42.600'.

    Keeps the number of decimals the source gives (no rounding in a quote); text that is not a
    number in the file's dialect is shown as it stands."""
    try:
        x = getal(ruw, decimaal=decimaal)
    except ValueError:
        return ruw
    if x is None:
        return ruw
    scheiding = "," if decimaal == "komma" else "."
    decimalen = len(ruw.strip().rpartition(scheiding)[2]) if scheiding in ruw else 0
    return notatie.getal(x, decimalen)


def _controleer(r: dict[str, str], indicator: Indicator, decimaal: Decimaal) -> str | None:
    """Why a line is wrong, in Dutch, or None."""
    if regiocode(r["regio_code"]) is None:
        return f"onbekende regiocode '{r['regio_code']}'"
    if not r["jaar"].isdigit() or not 1990 <= int(r["jaar"]) <= 2100:
        return f"'{r['jaar']}' is geen jaartal"
    if r["peildatum"] and pd.isna(pd.to_datetime(r["peildatum"], errors="coerce")):
        return f"'{r['peildatum']}' is geen datum (gebruik jjjj-mm-dd)"
    try:
        waarde = getal(r["waarde"], decimaal=decimaal, geheel=indicator.eenheid == "aantal")
    except ValueError as fout:
        return f"kolom waarde: {fout}"
    if waarde is None:
        return "de waarde ontbreekt"
    if r["eenheid"] != indicator.eenheid:
        return f"eenheid '{r['eenheid']}' past niet bij {indicator.key} ({indicator.eenheid})"
    if r["status"] not in STATUS:
        return f"onbekende status '{r['status']}'"
    return None
