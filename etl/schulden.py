"""Figures of the CBS debt dashboard *Schuldenproblematiek in beeld*.

The dashboard has no StatLine table, so its figures arrive as a download (CSV or Excel) or as
curated quotes with provenance. Both have the columns region, peildatum, % and number of
households with registered problematic debts; this reader accepts either file type.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from etl.catalogus import Bron
from etl.fouten import EtlFout
from etl.ruw import getal, regiocode

KOLOMMEN = {
    "regio_code": ("regio_code", "regiocode", "code"),
    "regio_naam": ("regio_naam", "regio", "gemeente"),
    "jaar": ("jaar",),
    "peildatum": ("peildatum", "stand"),
    "percentage": ("percentage_huishoudens", "percentage", "huishoudens met problematische schulden (%)"),
    "aantal": ("aantal_huishoudens", "aantal", "huishoudens met problematische schulden (aantal)"),
    "status": ("status",),
    "vindplaats": ("vindplaats", "bron"),
}


def _lees_bestand(pad: Path, tabel: str) -> pd.DataFrame:
    try:
        if pad.suffix.lower() in (".xlsx", ".xls"):
            return pd.read_excel(pad, dtype=str).fillna("")
        return pd.read_csv(pad, dtype=str, keep_default_na=False, sep=None, engine="python",
                           encoding="utf-8-sig")
    except FileNotFoundError as fout:
        raise EtlFout(f"Bron {tabel}: het bestand {pad.name} ontbreekt.") from fout
    except (ValueError, pd.errors.ParserError) as fout:
        raise EtlFout(f"Bron {tabel}: {pad.name} is niet leesbaar ({fout}).") from fout


def lees_schulden(pad: Path, bron: Bron) -> pd.DataFrame:
    """Tidy rows for problematische_schulden_hh_pct and problematische_schulden_hh."""
    ruw = _lees_bestand(pad, bron.tabel_id)
    kop = {c.strip().casefold(): c for c in ruw.columns}
    kolom = {}
    for doel, namen in KOLOMMEN.items():
        kolom[doel] = next((kop[n] for n in namen if n in kop), None)
    for nodig in ("regio_code", "percentage"):
        if kolom[nodig] is None:
            raise EtlFout(f"Bron {bron.tabel_id}: kolom '{nodig}' ontbreekt in {pad.name}.")
    if kolom["jaar"] is None and kolom["peildatum"] is None:
        raise EtlFout(f"Bron {bron.tabel_id}: geef per regel een jaar of een peildatum.")
    rijen = []
    for nr, r in enumerate(ruw.to_dict("records"), start=2):
        def veld(naam: str, r: dict = r) -> str:
            return str(r[kolom[naam]]).strip() if kolom[naam] else ""
        code = regiocode(veld("regio_code"))
        if code is None:
            raise EtlFout(f"Bron {bron.tabel_id}, regel {nr}: onbekende regiocode '{veld('regio_code')}'.")
        peildatum = pd.to_datetime(veld("peildatum"), errors="coerce") if veld("peildatum") else None
        if veld("peildatum") and pd.isna(peildatum):
            raise EtlFout(f"Bron {bron.tabel_id}, regel {nr}: '{veld('peildatum')}' is geen datum.")
        jaar = int(veld("jaar")) if veld("jaar") else peildatum.year
        status = veld("status").lower() or bron.status
        herkomst = f"regel {nr}: {veld('vindplaats')}".strip()
        for indicator, naam in (("problematische_schulden_hh_pct", "percentage"),
                                ("problematische_schulden_hh", "aantal")):
            if kolom[naam] is None:
                continue
            try:
                waarde = getal(veld(naam), decimaalkomma="," in veld(naam))
            except ValueError as fout:
                raise EtlFout(f"Bron {bron.tabel_id}, regel {nr}: {fout}.") from fout
            if waarde is None:
                continue
            rijen.append({
                "regio_code": code, "regio_naam": veld("regio_naam") or None,
                "indicator_key": indicator, "jaar": jaar,
                "peildatum": peildatum.date() if peildatum is not None else None,
                "waarde": waarde, "status": status, "bron_id": bron.id, "bron_kolom": herkomst,
            })
    return pd.DataFrame(rijen)
