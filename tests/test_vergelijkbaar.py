"""Vergelijkbare gemeenten voor Heerlen op echte cijfers: stabiel, en na te rekenen."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from monitor.verkennen import vergelijkbaar as v
from tests.kaart_hulp import cijfers, omgevingsadressendichtheid_2024

HEERLEN = "GM0917"


@pytest.fixture(scope="module")
def reeksen(snapshot_database: Path) -> dict:
    inw = cijfers(snapshot_database, "inwoners", 2024).set_index("regio_code")
    niveau = cijfers(snapshot_database, "bijstand_per_1000", 2024).set_index("regio_code")["waarde"]
    return {"inwoners": inw["waarde"], "stedelijkheid": omgevingsadressendichtheid_2024(),
            "niveau": niveau, "namen": inw["regio_naam"].to_dict()}


def _groep(r: dict, **extra) -> pd.DataFrame:
    return v.vergelijkbare_gemeenten(HEERLEN, r["inwoners"], r["stedelijkheid"], r["niveau"],
                                     namen=r["namen"], **extra)


def test_urbaniteit_uit_snapshot_dekt_alle_gemeenten() -> None:
    oad = omgevingsadressendichtheid_2024()
    assert len(oad) == 342 and oad.notna().all() and (oad > 0).all()
    assert oad["GM0363"] > oad[HEERLEN] > oad["GM1680"]  # Amsterdam > Heerlen > Aa en Hunze


def test_groep_voor_heerlen_is_stabiel(reeksen: dict) -> None:
    """Vastgelegd op de snapshot: verandert de groep, dan veranderden de cijfers of de methode."""
    tabel = _groep(reeksen)
    assert list(tabel["regio_code"]) == [HEERLEN, "GM0080", "GM0202", "GM0153", "GM0268", "GM0141"]
    assert list(tabel["regio_naam"]) == ["Heerlen", "Leeuwarden", "Arnhem", "Enschede",
                                         "Nijmegen", "Almelo"]
    assert v.groep_codes(tabel) == ["GM0080", "GM0202", "GM0153", "GM0268", "GM0141"]
    assert tabel.attrs["kandidaten"] == 341
    # Zelfde uitkomst bij andere volgorde van de invoer.
    geschud = {k: (x.sample(frac=1, random_state=7) if isinstance(x, pd.Series) else x)
               for k, x in reeksen.items()}
    pd.testing.assert_frame_equal(_groep(geschud), tabel)


def test_groep_is_na_te_rekenen(reeksen: dict) -> None:
    """Afstand = euclidisch over z-scores (log10 voor inwoners en dichtheid), zelf nagerekend."""
    tabel = _groep(reeksen, k=340)
    pool = pd.concat({"i": reeksen["inwoners"], "o": reeksen["stedelijkheid"],
                      "n": reeksen["niveau"]}, axis=1).dropna()
    pool = pool[pool.index.str.startswith("GM")]
    x = np.column_stack([np.log10(pool["i"]), np.log10(pool["o"]), pool["n"]])
    z = (x - x.mean(axis=0)) / x.std(axis=0)
    h = list(pool.index).index(HEERLEN)
    eigen = dict(zip(pool.index, np.sqrt(((z - z[h]) ** 2).sum(axis=1)), strict=True))
    for code, afstand in zip(tabel["regio_code"], tabel["afstand"], strict=True):
        assert math.isclose(afstand, eigen[code], abs_tol=1e-9)
    # Oplopend, en de vijf gekozen liggen dichter bij dan elke andere gemeente.
    assert tabel["afstand"].is_monotonic_increasing
    vijf = _groep(reeksen)
    rest = [a for c, a in eigen.items() if c not in set(vijf["regio_code"])]
    assert vijf["afstand"].max() <= min(rest)
    # De criteria staan erbij, met de echte waarden van Heerlen.
    heerlen = vijf.iloc[0]
    assert heerlen["plek"] == 0 and heerlen["afstand"] == 0
    assert heerlen["inwoners"] == reeksen["inwoners"][HEERLEN]
    assert heerlen["omgevingsadressendichtheid"] == reeksen["stedelijkheid"][HEERLEN]


def test_gelijke_afstand_wordt_op_code_beslist() -> None:
    codes = ["GM0003", "GM0002", "GM0001"]
    eenheid = pd.Series(100.0, index=codes)
    niveau = pd.Series([5.0, 7.0, 3.0], index=codes)  # GM0002 en GM0001 even ver van GM0003
    tabel = v.vergelijkbare_gemeenten("GM0003", eenheid, eenheid, niveau, k=2)
    assert list(tabel["regio_code"]) == ["GM0003", "GM0001", "GM0002"]


def test_tekst_en_tabel_voor_de_pagina(reeksen: dict) -> None:
    tabel = _groep(reeksen)
    tonen = v.criteria_tabel(tabel, "per 1.000 inwoners")
    assert list(tonen.columns) == ["Gemeente", "Inwoners", "Adressen per km² (omgeving)",
                                   "Niveau vóór de beleidsperiode", "Afstand"]
    assert tonen.iloc[0]["Afstand"] == "hoofdgemeente"
    assert tonen.iloc[0]["Inwoners"] == f"{int(reeksen['inwoners'][HEERLEN]):,}".replace(",", ".")
    assert "," in tonen.iloc[1]["Afstand"]
    tekst = v.groep_tekst(tabel, "Personen met bijstand per 1.000 inwoners", 2024)
    assert tekst.startswith("Gemeenten die het meest op Heerlen lijken: Leeuwarden, Arnhem,")
    assert "341 gemeenten" in tekst


def test_zonder_cijfer_voor_de_hoofdgemeente_een_nederlandse_melding(reeksen: dict) -> None:
    niveau = reeksen["niveau"].drop(HEERLEN)
    with pytest.raises(v.GeenVergelijking, match="Voor Heerlen ontbreekt: niveau van de indicator"):
        v.vergelijkbare_gemeenten(HEERLEN, reeksen["inwoners"], reeksen["stedelijkheid"], niveau,
                                  namen=reeksen["namen"])
    with pytest.raises(v.GeenVergelijking, match="ten minste één"):
        _groep(reeksen, k=0)
