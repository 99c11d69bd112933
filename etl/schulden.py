"""Figures of the CBS debt dashboard *Schuldenproblematiek in beeld*.

The dashboard has no StatLine table, so its figures arrive as a download (CSV or Excel) or as
curated quotes with provenance. Both have the columns region, peildatum, % and number of
households with registered problematic debts; this reader accepts either file type.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from etl.catalogus import Bron
from etl.config import STATUSSEN
from etl.fouten import EtlFout
from etl.ruw import NietGeladen, getal, lees_csv, regiocode

KOLOMMEN = {
    "regio_code": ("regio_code", "regiocode", "code"),
    "regio_naam": ("regio_naam", "regio", "gemeente"),
    "jaar": ("jaar",),
    "peildatum": ("peildatum", "stand"),
    "percentage": ("percentage_huishoudens", "percentage", "huishoudens met problematische schulden (%)"),
    "aantal": ("aantal_huishoudens", "aantal", "huishoudens met problematische schulden (aantal)"),
    "status": ("status",),
    "vindplaats": ("vindplaats", "bron"),
    "opmerking": ("opmerking", "toelichting"),
}
VEREIST = ("regio_code", "percentage")
INDICATOREN = (("problematische_schulden_hh_pct", "percentage", False),
               ("problematische_schulden_hh", "aantal", True))


def _lees_bestand(pad: Path, tabel: str) -> pd.DataFrame:
    """CSV through the strict reader; Excel as text, indexed by its row number in the sheet."""
    if pad.suffix.lower() not in (".xlsx", ".xls"):
        return lees_csv(pad, tabel)
    try:
        frame = pd.read_excel(pad, dtype=str).fillna("")
    except FileNotFoundError as fout:
        raise EtlFout(f"Bron {tabel}: het bestand {pad.name} ontbreekt.") from fout
    except ValueError as fout:
        raise EtlFout(f"Bron {tabel}: {pad.name} is niet leesbaar ({fout}).") from fout
    frame.index = pd.RangeIndex(2, len(frame) + 2, name="regel")
    return frame


def herken_kolommen(kolommen: list[str]) -> dict[str, str | None]:
    """Which file column holds which field; None where an optional field is absent."""
    kop = {c.strip().casefold(): c for c in kolommen}
    return {doel: next((kop[n] for n in namen if n in kop), None) for doel, namen in KOLOMMEN.items()}


def verwachte_kolommen() -> str:
    return ", ".join(f"{namen[0]}{'' if doel in VEREIST else ' (optioneel)'}"
                     for doel, namen in KOLOMMEN.items())


def lees_schulden(pad: Path, bron: Bron) -> tuple[pd.DataFrame, list[NietGeladen]]:
    """Tidy rows for problematische_schulden_hh_pct and _hh, plus what was not loaded and why.

    An unknown column (often a renamed one) stops the build with the columns expected; an
    absent optional column is listed in `niet_geladen`, never dropped in silence.
    """
    ruw = _lees_bestand(pad, bron.tabel_id)
    kolom = herken_kolommen(list(ruw.columns))
    bekend = {c for c in kolom.values() if c}
    onbekend = [c for c in ruw.columns if c not in bekend]
    if onbekend:
        raise EtlFout(f"Bron {bron.tabel_id}: {pad.name} heeft onbekende kolom(men) {onbekend}. "
                      f"Verwacht: {verwachte_kolommen()}. Is een kolom hernoemd?")
    for nodig in VEREIST:
        if kolom[nodig] is None:
            raise EtlFout(f"Bron {bron.tabel_id}: kolom '{KOLOMMEN[nodig][0]}' ontbreekt in {pad.name}. "
                          f"Verwacht: {verwachte_kolommen()}.")
    if kolom["jaar"] is None and kolom["peildatum"] is None:
        raise EtlFout(f"Bron {bron.tabel_id}: {pad.name} heeft geen kolom jaar of peildatum.")
    niet_geladen = [NietGeladen("kop", "Het bestand van deze bron heeft geen kolom voor dit cijfer.",
                                indicator_key=indicator, bestand=pad.name, kolom=KOLOMMEN[naam][0])
                    for indicator, naam, _ in INDICATOREN if kolom[naam] is None]
    dialect = bron.dialect()
    rijen = []
    for nr, r in zip(ruw.index, ruw.to_dict("records"), strict=True):
        def veld(naam: str, r: dict = r) -> str:
            return str(r[kolom[naam]]).strip() if kolom[naam] else ""

        def fout(tekst: str, kolomnaam: str | None = None, nr: int = nr) -> EtlFout:
            waar = f", kolom {kolomnaam}" if kolomnaam else ""
            return EtlFout(f"Bron {bron.tabel_id}, {pad.name} regel {nr}{waar}: {tekst}. "
                           "Het bestand is niet geladen.")
        code = regiocode(veld("regio_code"))
        if code is None:
            raise fout(f"onbekende regiocode '{veld('regio_code')}'", kolom["regio_code"])
        peildatum = pd.to_datetime(veld("peildatum"), errors="coerce") if veld("peildatum") else None
        if veld("peildatum") and pd.isna(peildatum):
            raise fout(f"'{veld('peildatum')}' is geen datum (gebruik jjjj-mm-dd)", kolom["peildatum"])
        if veld("jaar") and not (veld("jaar").isdigit() and 1990 <= int(veld("jaar")) <= 2100):
            raise fout(f"'{veld('jaar')}' is geen jaartal", kolom["jaar"])
        if not veld("jaar") and peildatum is None:
            raise fout("jaar en peildatum ontbreken allebei")
        jaar = int(veld("jaar")) if veld("jaar") else peildatum.year
        status = veld("status").lower() or bron.status
        if status not in STATUSSEN:
            raise fout(f"onbekende status '{veld('status')}' (toegestaan: {', '.join(STATUSSEN)})",
                       kolom["status"])
        herkomst = f"regel {nr}: {veld('vindplaats')}".strip()
        for indicator, naam, geheel in INDICATOREN:
            if kolom[naam] is None:
                continue
            try:
                waarde = getal(veld(naam), decimaal=dialect, geheel=geheel)
            except ValueError as e:
                raise fout(str(e), kolom[naam]) from e
            if waarde is None:
                continue
            rijen.append({
                "regio_code": code, "regio_naam": veld("regio_naam") or None,
                "indicator_key": indicator, "jaar": jaar,
                "peildatum": peildatum.date() if peildatum is not None else None,
                "waarde": waarde, "status": status, "bron_id": bron.id, "bron_kolom": herkomst,
                "plaats": f"{pad.name} regel {nr}",
            })
    return pd.DataFrame(rijen), niet_geladen
