"""Tests voor monitor.fmt: de Nederlandse notatie die elke pagina gebruikt."""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal

import numpy as np
import pandas as pd
import pytest

from monitor import fmt
from monitor.fmt import (
    PLOTLY_SEPARATORS,
    datum,
    een_op_n,
    euro,
    getal,
    periode,
    procent,
    verschil,
    waarde,
)

MIN = "\u2212"  # het echte minteken dat fmt overal gebruikt
LEEG = [None, float("nan"), np.nan, pd.NA, math.inf, -math.inf]


# ------------------------------------------------------------------------------------- getal


@pytest.mark.parametrize(
    ("x", "decimalen", "verwacht"),
    [
        (42600, 0, "42.600"),
        (7.1, 1, "7,1"),
        (7, 1, "7,0"),
        (0, 0, "0"),
        (999, 0, "999"),
        (1234, 0, "1.234"),
        (1234567.891, 2, "1.234.567,89"),
        (42600.4, 0, "42.600"),
        (np.float64(7.1), 1, "7,1"),
        (np.int64(42600), 0, "42.600"),
        (Decimal("7.15"), 1, "7,2"),
    ],
)
def test_getal(x, decimalen, verwacht):
    assert getal(x, decimalen) == verwacht


@pytest.mark.parametrize("leeg", LEEG)
def test_getal_zonder_waarde(leeg):
    assert getal(leeg) == "geen cijfer"
    assert getal(leeg, 1) == "geen cijfer"


def test_getal_negatief_met_echt_minteken():
    assert getal(-1234.5, 1) == f"{MIN}1.234,5"
    assert getal(-42600) == f"{MIN}42.600"
    assert "-" not in getal(-5)


@pytest.mark.parametrize(
    ("x", "decimalen", "verwacht"),
    [
        # Half omhoog, niet half naar even (Babel zou 0,05 → 0,0 en 0,25 → 0,2 geven).
        (0.05, 1, "0,1"),
        (0.15, 1, "0,2"),
        (0.25, 1, "0,3"),
        (1.05, 1, "1,1"),
        (2.5, 0, "3"),
        (0.5, 0, "1"),
        # De decimale weergave telt, niet de binaire benadering (2.675 is in binair 2,67499…).
        (2.675, 2, "2,68"),
        # Negatief: van nul af, symmetrisch met positief.
        (-0.05, 1, f"{MIN}0,1"),
        (-2.5, 0, f"{MIN}3"),
        # Net onder de grens rondt naar beneden af.
        (0.0499, 1, "0,0"),
    ],
)
def test_getal_afronden_half_omhoog(x, decimalen, verwacht):
    assert getal(x, decimalen) == verwacht


def test_getal_geen_negatieve_nul():
    assert getal(-0.04, 1) == "0,0"
    assert getal(-0.4) == "0"
    assert getal(-0.0) == "0"


def test_getal_geen_harde_spaties():
    assert "\xa0" not in getal(1234567.5, 1)


# ------------------------------------------------------------------------------------ procent


@pytest.mark.parametrize(
    ("x", "decimalen", "verwacht"),
    [
        (7.1, 1, "7,1%"),
        (7, 1, "7,0%"),
        (100, 0, "100%"),
        (0.05, 1, "0,1%"),  # half omhoog
        (12.345, 2, "12,35%"),
        (-3.2, 1, f"{MIN}3,2%"),
        (1234.5, 1, "1.234,5%"),
    ],
)
def test_procent(x, decimalen, verwacht):
    assert procent(x, decimalen) == verwacht


def test_procent_is_al_in_procenten():
    # 0,071 is 0,071 procent, geen 7,1 procent: fmt vermenigvuldigt niet met 100.
    assert procent(0.071) == "0,1%"
    assert procent(7.1) == "7,1%"


@pytest.mark.parametrize("leeg", LEEG)
def test_procent_zonder_waarde(leeg):
    assert procent(leeg) == "geen cijfer"


# --------------------------------------------------------------------------------------- euro


@pytest.mark.parametrize(
    ("x", "decimalen", "verwacht"),
    [
        (42600, 0, "€\u00a042.600"),
        (42600.5, 0, "€\u00a042.601"),  # half omhoog
        (1234.5, 2, "€\u00a01.234,50"),
        (0, 0, "€\u00a00"),
        (0.5, 0, "€\u00a01"),  # Babel zou "€ 0" geven (half naar even)
        (-13000, 0, f"€\u00a0{MIN}13.000"),
        (-0.4, 0, "€\u00a00"),  # geen "€ −0"
    ],
)
def test_euro(x, decimalen, verwacht):
    assert euro(x, decimalen) == verwacht


def test_euro_harde_spatie_tussen_teken_en_bedrag():
    # Een gewone spatie laat een regel breken als "Wageningen €" / "31.100".
    tekst = euro(31100)
    assert tekst == "€\u00a031.100" and tekst.startswith(fmt.EURO)
    assert " " not in tekst


@pytest.mark.parametrize("leeg", LEEG)
def test_euro_zonder_waarde(leeg):
    assert euro(leeg) == "geen cijfer"


# ------------------------------------------------------------------------------------ een_op_n


@pytest.mark.parametrize(
    ("per_1000", "verwacht"),
    [
        (83.3, "1 op de 12"),  # 1000 / 83,3 = 12,005
        (100, "1 op de 10"),
        (80, "1 op de 13"),  # 12,5 → 13 (half omhoog)
        (1000, "1 op de 1"),
        (0.5, "1 op de 2.000"),
        (Decimal("40"), "1 op de 25"),
    ],
)
def test_een_op_n(per_1000, verwacht):
    assert een_op_n(per_1000) == verwacht


@pytest.mark.parametrize("ongeldig", [*LEEG, 0, -5, 5000])
def test_een_op_n_zonder_zinnige_waarde(ongeldig):
    assert een_op_n(ongeldig) == "geen cijfer"


# -------------------------------------------------------------------------------------- waarde


@pytest.mark.parametrize(
    ("x", "eenheid", "verwacht"),
    [
        (7.1, "%", "7,1%"),
        (7, "%", "7,0%"),
        (42600, "euro", "€\u00a042.600"),
        (42600.4, "euro", "€\u00a042.600"),
        (86950, "aantal", "86.950"),
        (86950.6, "aantal", "86.951"),
        (45.25, "per 1.000 inwoners", "45,3"),
        (45, "per 1.000 inwoners", "45,0"),
        (3.14, "per 1.000 inwoners per maand", "3,1"),
        (12.4, "1 op de N inwoners", "1 op de 12"),
        (12.5, "1 op de N inwoners", "1 op de 13"),
        (1234, "1 op de N inwoners", "1 op de 1.234"),
        # Onbekende eenheid: 1 decimaal alleen als het geen geheel getal is.
        (3, "index", "3"),
        (3.0, "index", "3"),
        (3.25, "index", "3,3"),
        (-3.25, "index", f"{MIN}3,3"),
        (3, "", "3"),
    ],
)
def test_waarde(x, eenheid, verwacht):
    assert waarde(x, eenheid) == verwacht


def test_waarde_decimalen_overschrijven():
    assert waarde(7.123, "%", decimalen=2) == "7,12%"
    assert waarde(42600.25, "euro", decimalen=2) == "€\u00a042.600,25"
    assert waarde(45.25, "per 1.000 inwoners", decimalen=0) == "45"
    assert waarde(3.25, "index", decimalen=0) == "3"
    # "1 op de N" blijft een geheel getal: "1 op de 12,4" leest niemand.
    assert waarde(12.4, "1 op de N inwoners", decimalen=2) == "1 op de 12"


EENHEDEN = ["%", "euro", "aantal", "per 1.000 inwoners", "1 op de N inwoners", "x"]


@pytest.mark.parametrize("eenheid", EENHEDEN)
@pytest.mark.parametrize("leeg", [None, float("nan"), pd.NA])
def test_waarde_zonder_waarde(leeg, eenheid):
    assert waarde(leeg, eenheid) == "geen cijfer"


# ------------------------------------------------------------------------------------ verschil


@pytest.mark.parametrize(
    ("x", "eenheid", "verwacht"),
    [
        (1.2, "%", "+1,2 procentpunt"),
        (-0.4, "%", f"{MIN}0,4 procentpunt"),
        (0.05, "%", "+0,1 procentpunt"),  # half omhoog
        (-0.05, "%", f"{MIN}0,1 procentpunt"),
        (0.04, "%", "0,0 procentpunt"),  # nul na afronden: geen teken
        (-0.04, "%", "0,0 procentpunt"),
        (0, "%", "0,0 procentpunt"),
        (-13000, "euro", f"{MIN}13.000 euro"),
        (13000, "euro", "+13.000 euro"),
        (0, "euro", "0 euro"),
        (250, "aantal", "+250"),
        (-1250, "aantal", f"{MIN}1.250"),
        (2.34, "per 1.000 inwoners", "+2,3"),
        (-2, "1 op de N inwoners", f"{MIN}2"),
        (1.5, "index", "+1,5"),
        (2, "index", "+2"),
    ],
)
def test_verschil(x, eenheid, verwacht):
    assert verschil(x, eenheid) == verwacht


def test_verschil_decimalen_overschrijven():
    assert verschil(1.234, "%", decimalen=2) == "+1,23 procentpunt"


@pytest.mark.parametrize("leeg", LEEG)
def test_verschil_zonder_waarde(leeg):
    assert verschil(leeg, "%") == "geen cijfer"


def test_een_minteken_overal():
    """Alle functies gebruiken hetzelfde minteken, nooit het koppelteken van Babel."""
    teksten = [
        getal(-1),
        procent(-1),
        euro(-1),
        verschil(-1, "%"),
        verschil(-1, "euro"),
        waarde(-1, "x"),
    ]
    assert all(MIN in t and "-" not in t for t in teksten), teksten
    assert fmt.MIN == MIN


# ------------------------------------------------------------------------------------- periode


@pytest.mark.parametrize(
    ("jaar", "status", "verwacht"),
    [
        (2024, "voorlopig", "2024*"),
        (2024, "Voorlopig", "2024*"),  # CBS schrijft de status met hoofdletter
        (2024, "nader voorlopig", "2024**"),
        (2024, "Nader voorlopig", "2024**"),
        (2024, "definitief", "2024"),
        (2024, "Definitief", "2024"),
        (2024, None, "2024"),
        (2024, "", "2024"),
        (np.int64(2023), "voorlopig", "2023*"),
        (None, "voorlopig", "onbekend jaar"),
        (None, None, "onbekend jaar"),
        (float("nan"), None, "onbekend jaar"),
    ],
)
def test_periode(jaar, status, verwacht):
    assert periode(jaar, status) == verwacht


def test_periode_geen_duizendtalpunt():
    assert "." not in periode(2024, "definitief")


# --------------------------------------------------------------------------------------- datum


@pytest.mark.parametrize(
    ("d", "verwacht"),
    [
        (dt.date(2024, 1, 1), "1 januari 2024"),
        (dt.date(2023, 12, 31), "31 december 2023"),
        (dt.date(2025, 3, 5), "5 maart 2025"),
        (dt.datetime(2024, 7, 15, 13, 45), "15 juli 2024"),
        (pd.Timestamp("2024-02-29"), "29 februari 2024"),
        ("2024-10-01", "1 oktober 2024"),
    ],
)
def test_datum(d, verwacht):
    assert datum(d) == verwacht


@pytest.mark.parametrize("leeg", [None, pd.NaT, "geen datum"])
def test_datum_zonder_waarde(leeg):
    assert datum(leeg) == "onbekende datum"


# ------------------------------------------------------------------------------------- plotly


def test_plotly_separators():
    # Plotly: eerste teken is het decimaalteken, tweede het duizendtalteken.
    assert PLOTLY_SEPARATORS == ",."


def test_afgerond_is_het_getal_dat_waarde_toont() -> None:
    """Wie met getoonde cijfers rekent (Doeltreffendheid: 11,5 → 12,9 is +1,4), rondt af zoals
    waarde() toont; één regel in fmt, geen tekst die weer als getal gelezen wordt."""
    from decimal import Decimal

    assert fmt.afgerond(11.46, "%") == Decimal("11.5")
    assert fmt.afgerond(12.93, "per 1.000 inwoners") == Decimal("12.9")
    assert fmt.afgerond(45749.6, "euro") == Decimal("45750")
    assert fmt.afgerond(7.25, "index") == Decimal("7.3")
    assert fmt.afgerond(float("nan"), "%") is None
    assert fmt.afgerond(12.0, "1 op de N inwoners") is None
    for x, eenheid in [(11.46, "%"), (-0.04, "%"), (12.93, "per 1.000 inwoners"),
                       (45749.6, "euro"), (3830.0, "aantal"), (7.25, "index")]:
        getoond = fmt.waarde(x, eenheid)
        assert fmt.getal(fmt.afgerond(x, eenheid), fmt.toon_decimalen(x, eenheid)) in getoond


def test_waarde_van_niet_preciezer_dan_de_bron() -> None:
    """Regressie: PDOK 2022 publiceert hele procenten, de tabel toonde "4,0%" en "10,0%"."""
    assert fmt.waarde_van({"waarde": 10.0, "decimalen_bron": 0}, "%") == "10%"
    assert fmt.waarde_van({"waarde": 10.3, "decimalen_bron": 1}, "%") == "10,3%"
    # fijner dan de standaard van de eenheid: de standaard blijft (nooit meer decimalen tonen)
    assert fmt.waarde_van({"waarde": 10.34, "decimalen_bron": 2}, "%") == "10,3%"
    # de catalogus zegt niets: de standaard
    assert fmt.waarde_van({"waarde": 10.0, "decimalen_bron": float("nan")}, "%") == "10,0%"
    assert fmt.waarde_van({"waarde": 10.0}, "%") == "10,0%"
    assert fmt.waarde_van({"waarde": None, "decimalen_bron": 0}, "%") == fmt.GEEN_CIJFER
