"""Regiokleuren blijven te onderscheiden bij kleurenblindheid (simulatie met colorspacious)."""

from __future__ import annotations

import pytest

from monitor import palet

# De vijf standaardregio's plus Kerkrade, Rotterdam, Amsterdam en Groningen.
ACHT_REGIOS = ["GM0917", "NL01", "GM0362", "GM0396", "GM0935",
               "GM0928", "GM0599", "GM0363", "GM0014"]


def test_meetlat_ziet_een_bekend_slecht_paar() -> None:
    """Teal naast roodpaars is bij deuteranopie bijna gelijk: de helper moet dat vinden."""
    afstand, zicht, *_ = palet.kleinste_verschil(["#44AA99", "#CC79A7"])
    assert afstand < palet.DREMPEL and zicht == "deuteranopie"
    # Zwart en wit liggen ver uit elkaar, voor iedereen.
    assert palet.kleinste_verschil(["#000000", "#FFFFFF"])[0] > 90


def test_acht_kleuren_plus_nederland_boven_de_drempel_bij_elk_zicht() -> None:
    kleuren = list(palet.PALET_8) + [palet.NEDERLAND_KLEUR]
    assert len(set(kleuren)) == 9
    afstand, zicht, a, b = palet.kleinste_verschil(kleuren)
    assert afstand >= palet.DREMPEL, f"{a} en {b} lijken op elkaar bij {zicht} ({afstand:.2f})"
    for cvd in palet.KLEURENBLINDHEID:
        assert palet.kleinste_verschil(kleuren, [cvd])[0] >= palet.DREMPEL


def test_standaardregio_s_houden_hun_okabe_ito_kleur() -> None:
    assert palet.kleuren(["GM0917", "NL01", "GM0362", "GM0396", "GM0935"]) == {
        "GM0917": "#0072B2", "NL01": "#6E6E6E", "GM0362": "#E69F00", "GM0396": "#009E73",
        "GM0935": "#CC79A7"}


def test_acht_gemeenten_krijgen_acht_verschillende_kleuren() -> None:
    k = palet.kleuren(ACHT_REGIOS)
    gemeenten = [k[c] for c in ACHT_REGIOS if c != "NL01"]
    assert len(gemeenten) == 8 and len(set(gemeenten)) == 8
    assert k["NL01"] == palet.NEDERLAND_KLEUR and k["GM0917"] == "#0072B2"
    assert k["GM0928"] == "#D55E00"  # eerste vrije kleur voor de eerste extra gemeente
    # Rotterdam direct naast Heerlen: voor iedereen goed te onderscheiden.
    assert palet.kleinste_verschil([k["GM0917"], k["GM0599"]])[0] >= palet.DREMPEL
    # Een gemeente erbij laat de kleuren van de eerdere staan.
    assert {c: palet.kleuren(ACHT_REGIOS[:-1])[c] for c in ACHT_REGIOS[:-1]} == \
        {c: k[c] for c in ACHT_REGIOS[:-1]}


def test_zonder_standaardregio_gebruikt_hun_kleur_pas_als_laatste() -> None:
    k = palet.kleuren(["GM0599", "GM0363"])
    assert k == {"GM0599": "#D55E00", "GM0363": "#332288"}
    veel = palet.kleuren([f"GM{n:04d}" for n in range(1, 9)])
    assert len(set(veel.values())) == 8


@pytest.mark.parametrize("n", range(2, 9))
def test_elke_selectie_tot_acht_gemeenten_boven_de_drempel(n: int) -> None:
    codes = ACHT_REGIOS[: n + 1]
    kleuren = [palet.kleuren(codes)[c] for c in codes]
    assert palet.kleinste_verschil(kleuren)[0] >= palet.DREMPEL
