"""Readers for CBS files that are not OData-shaped: map attributes and StatLine CSV exports.

They keep the file as CBS (or the recorded copy) wrote it; the catalogue says which labelled
column holds which indicator.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from etl.catalogus import Bron
from etl.config import NEDERLAND
from etl.fouten import EtlFout
from etl.ruw import NietGeladen, Ruw, lees_csv


def _kolommen_bestaan(rijen: pd.DataFrame, nodig: list[str], tabel: str, bestand: str) -> None:
    ontbreekt = [k for k in nodig if k not in rijen.columns]
    if ontbreekt:
        raise EtlFout(f"Tabel {tabel}: kolom(men) {ontbreekt} ontbreken in {bestand}.")


def lees_label_csv(pad: Path, bron: Bron, jaar: int) -> Ruw:
    """A file with one row per gemeente and human-readable column labels (map attributes)."""
    rijen = lees_csv(pad, bron.tabel_id)
    # An edition may lack an optional column (PDOK: income only in 2022): listed, not an error.
    labels = {ind: label for ind, label in bron.bestand_kolommen.items()
              if label in rijen.columns or ind not in bron.optioneel}
    niet_geladen = [NietGeladen("kolom", f"De editie {jaar} heeft geen kolom voor dit cijfer.",
                                indicator_key=ind, bestand=pad.name, kolom=label)
                    for ind, label in bron.bestand_kolommen.items() if ind not in labels]
    _kolommen_bestaan(rijen, [bron.regio or "", *([bron.naam] if bron.naam else []), *labels.values()],
                      bron.tabel_id, pad.name)
    frame = pd.DataFrame({
        "regio_code": rijen[bron.regio],
        "regio_naam": rijen[bron.naam].str.strip() if bron.naam else None,
        "jaar": jaar, "periode_status": None, "regel": rijen.index,
    }, index=rijen.index)
    for indicator, label in labels.items():
        frame[indicator] = rijen[label].to_numpy()
    return Ruw(frame, dict(labels), bestand=pad.name, decimaal=bron.dialect(), niet_geladen=niet_geladen)


def _naamsleutel(naam: str) -> str:
    """StatLine writes 'Utrecht (gemeente)' where a province has the same name."""
    naam = naam.strip()
    if naam.endswith(" (gemeente)"):
        naam = naam[: -len(" (gemeente)")]
    return naam.casefold()


def _periode_status(periode: str) -> str | None:
    """StatLine marks '2024*' voorlopig and '2024**' nader voorlopig."""
    if periode.endswith("**"):
        return "nader voorlopig"
    return "voorlopig" if periode.endswith("*") else None


def lees_statline_export(pad: Path, bron: Bron, namen: dict[str, str]) -> Ruw:
    """A StatLine 'CSV' download: regions by name, periods like '2024*' for voorlopig.

    Regions are matched to codes by name; a name with figures that matches no code stops the
    build rather than silently dropping a municipality.
    """
    rijen = lees_csv(pad, bron.tabel_id, bron.herstel_aanhalingstekens)
    rijen.columns = [c.strip().strip('"') for c in rijen.columns]
    rijen = rijen.apply(lambda s: s.str.strip().str.strip('"'))
    labels = bron.bestand_kolommen
    _kolommen_bestaan(rijen, [bron.regio_naam or "", bron.perioden or "", *labels.values()],
                      bron.tabel_id, pad.name)
    heeft_cijfer = rijen[list(labels.values())].ne("").any(axis=1)
    rijen = rijen[heeft_cijfer]
    per_naam = {_naamsleutel(naam): code for naam, code in namen.items()}
    per_naam["nederland"] = NEDERLAND
    codes = rijen[bron.regio_naam].map(_naamsleutel).map(per_naam)
    onbekend = sorted(rijen.loc[codes.isna(), bron.regio_naam].unique())
    if onbekend:
        raise EtlFout(f"Tabel {bron.tabel_id}: regio's zonder bekende gemeentecode: {onbekend[:5]}.")
    periode = rijen[bron.perioden]
    frame = pd.DataFrame({
        "regio_code": codes, "regio_naam": rijen[bron.regio_naam],
        "jaar": pd.to_numeric(periode.str.rstrip("*"), errors="coerce"),
        "periode_status": periode.map(_periode_status), "regel": rijen.index,
    })
    if frame["jaar"].isna().any():
        raise EtlFout(f"Tabel {bron.tabel_id}: onbekende periode in {pad.name}.")
    frame["jaar"] = frame["jaar"].astype(int)
    for indicator, label in labels.items():
        frame[indicator] = rijen[label].to_numpy()
    return Ruw(frame, dict(labels), bestand=pad.name, decimaal=bron.dialect())
