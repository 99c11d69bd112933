"""The Nederland reference and default year that Vergelijken, Trends and Doeltreffendheid share."""

from __future__ import annotations

import pandas as pd

from monitor import store
from monitor.domein import HEERLEN, NEDERLAND
from monitor.verkennen import referentie


def _reeks(waarden: dict[str, dict[int, float | None]]) -> pd.DataFrame:
    return pd.DataFrame([{"regio_code": r, "jaar": j, "waarde": w}
                         for r, per_jaar in waarden.items() for j, w in per_jaar.items()])


def test_standaard_jaar_is_het_laatste_jaar_van_de_hoofdgemeente_met_cijfer() -> None:
    reeks = _reeks({HEERLEN: {2020: 5.0, 2023: 6.0, 2024: None}, "GM0362": {2024: 3.0}})
    assert referentie.standaard_jaar(reeks, HEERLEN, [2024, 2023, 2020]) == 2023
    assert referentie.standaard_jaar(reeks, "GM9999", [2024, 2023]) == 2024
    assert referentie.standaard_jaar(reeks.iloc[0:0], None, []) is None


def test_ander_product_alleen_zonder_eigen_nederlandcijfer() -> None:
    eigen = _reeks({HEERLEN: {2020: 10.0}})
    ander = _reeks({NEDERLAND: {2020: 6.8}})
    samen, is_ander = referentie.nederland_reeks(eigen, ander)
    assert is_ander
    nl = samen[samen["regio_code"] == NEDERLAND]
    assert nl["waarde"].tolist() == [6.8] and bool(nl["ander_product"].all())
    met_nl = _reeks({HEERLEN: {2020: 10.0}, NEDERLAND: {2020: 9.0}})
    samen, is_ander = referentie.nederland_reeks(met_nl, ander)
    assert not is_ander and samen.loc[samen["regio_code"] == NEDERLAND, "waarde"].tolist() == [9.0]


def test_vergelijk_key_alleen_als_de_catalogus_er_een_noemt_en_nederland_geen_cijfer_heeft() -> None:
    zonder_nl = _reeks({HEERLEN: {2020: 10.0}})
    met_nl = _reeks({HEERLEN: {2020: 10.0}, NEDERLAND: {2020: 9.0}})
    meta = {"vergelijk_nl": "hh_laag_inkomen_1jr_pct"}
    assert referentie.vergelijk_key(meta, zonder_nl) == "hh_laag_inkomen_1jr_pct"
    assert referentie.vergelijk_key(meta, met_nl) is None
    assert referentie.vergelijk_key({"vergelijk_nl": float("nan")}, zonder_nl) is None
    assert referentie.vergelijk_key({"vergelijk_nl": ""}, zonder_nl) is None


def test_laag_inkomen_2021_heeft_nederland_alleen_uit_een_ander_product() -> None:
    # Op de echte snapshot: KWB heeft geen landelijk cijfer voor laag inkomen; 83841NED wel.
    v = store.db_versie()
    meta = store.indicatoren(v).set_index("key").loc["hh_laag_inkomen_pct"]
    eigen = store.reeks(v, ("hh_laag_inkomen_pct",), (HEERLEN, NEDERLAND))
    key = referentie.vergelijk_key(meta, eigen)
    assert key is not None
    nl, ander = referentie.nederland_in_jaar(eigen, store.reeks(v, (key,), (NEDERLAND,)), 2021)
    assert nl is None and ander is not None and ander["indicator_key"] == key
