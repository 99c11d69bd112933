"""Raw source rows -> tidy `waarneming` rows: codes stripped, missing kept as missing, status
and peildatum set, units converted exactly."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pandas as pd

from etl.catalogus import Bron, Indicator
from etl.fouten import EtlFout
from etl.ruw import Ruw, getal, regiocode

TIDY = ["regio_code", "regio_naam", "indicator_key", "jaar", "peildatum", "waarde", "status",
        "bron_id", "bron_kolom", "plaats"]  # plaats: file and line, for validation messages only


def peildatum(indicator: Indicator, jaar: int) -> date | None:
    """Reference date by convention of the indicator: 1 January, 31 December, or none (income)."""
    if indicator.peildatum is None:
        return None
    maand, dag = (int(x) for x in indicator.peildatum.split("-"))
    return date(int(jaar), maand, dag)


def _omrekenen(waarde: float, factor: float | None) -> float:
    """Exact unit change (x 1 000 euro -> euro) without float noise: 45.7 -> 45700, not 45700.000001."""
    if not factor or factor == 1:
        return waarde
    return float(Decimal(repr(waarde)) * Decimal(repr(factor)))


def naar_tidy(ruw: Ruw, bron: Bron, indicatoren: dict[str, Indicator]) -> pd.DataFrame:
    """Melt one source to tidy rows. A cell CBS left empty becomes NULL with status 'onbekend'."""
    frame = ruw.frame.copy()
    frame["regio_code"] = frame["regio_code"].map(regiocode)
    frame = frame[frame["regio_code"].notna()]
    keys = list(ruw.bron_kolom)
    ontbrekend = set(bron.ontbrekend)

    def parse(waarde: object, indicator: str, r: dict) -> float | None:
        try:
            return getal(waarde, ontbrekend, ruw.decimaal,
                         geheel=indicatoren[indicator].eenheid == "aantal")
        except ValueError as fout:
            plaats = ruw.plaats(r.get("regel"))
            raise EtlFout(f"Tabel {bron.tabel_id}: {plaats + ', ' if plaats else ''}kolom "
                          f"{ruw.bron_kolom[indicator]}: {fout} ({indicator}, {r['regio_code']}, "
                          f"{r['jaar']}). Het bestand is niet geladen.") from fout

    rijen = []
    for r in frame.to_dict("records"):
        waarden = {k: parse(r[k], k, r) for k in keys}
        if ruw.lege_rijen_overslaan and all(v is None for v in waarden.values()):
            continue  # the region did not exist in that period of the table
        for key, waarde in waarden.items():
            if waarde is None:
                status = "onbekend"
            else:
                status = (bron.status_per_indicator.get(key) or ruw.status_per_indicator.get(key)
                          or r.get("periode_status") or bron.status)
                waarde = _omrekenen(waarde, bron.factor.get(key))
            rijen.append({
                "regio_code": r["regio_code"],
                "regio_naam": r.get("regio_naam") or None,
                "indicator_key": key,
                "jaar": int(r["jaar"]),
                "peildatum": peildatum(indicatoren[key], r["jaar"]),
                "waarde": waarde, "status": status, "bron_id": bron.id,
                "bron_kolom": ruw.bron_kolom[key], "plaats": ruw.plaats(r.get("regel")) or None,
            })
    return pd.DataFrame(rijen, columns=TIDY)


def regio_tabel(tidy: pd.DataFrame) -> pd.DataFrame:
    """One row per region code; the name is the one of the most recent year a source gave."""
    namen = (tidy.dropna(subset=["regio_naam"])
             .assign(regio_naam=lambda d: d["regio_naam"].str.strip())
             .sort_values("jaar").groupby("regio_code")["regio_naam"].last())
    codes = sorted(tidy["regio_code"].unique())
    rijen = []
    for code in codes:
        land = code.startswith("NL")
        naam = "Nederland" if land else namen.get(code)
        rijen.append({
            "code": code,
            "naam": naam if isinstance(naam, str) and naam else f"{code} (naam niet in de snapshot)",
            "soort": "land" if land else "gemeente",
            "gemeente_code": None if land else code,
        })
    return pd.DataFrame(rijen)
