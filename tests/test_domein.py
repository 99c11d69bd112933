"""The domain rules that every page, the export and the maths share (monitor/domein.py)."""

from __future__ import annotations

import pandas as pd
import pytest

from monitor.domein import (
    Oordeel,
    Vergelijking,
    afronden,
    getal_of_niets,
    gunstig,
    is_cijfer,
    vergelijkbaar,
)


@pytest.mark.parametrize(("verschil", "richting", "verwacht"), [
    (1.0, "lager_is_beter", Oordeel.ONGUNSTIG), (-1.0, "lager_is_beter", Oordeel.GUNSTIG),
    (1.0, "hoger_is_beter", Oordeel.GUNSTIG), (-1.0, "hoger_is_beter", Oordeel.ONGUNSTIG),
    (1.0, "neutraal", None),
])
def test_gunstig_volgt_de_richting_van_de_indicator(verschil, richting, verwacht) -> None:
    assert gunstig(verschil, richting) == verwacht


@pytest.mark.parametrize("richting", ["lager_is_beter", "hoger_is_beter"])
def test_een_verschil_van_nul_is_neutraal(richting: str) -> None:
    assert gunstig(0.0, richting) == Oordeel.GELIJK
    assert gunstig(-0.0, richting) == Oordeel.GELIJK


def test_een_verschil_dat_afgerond_nul_is_heet_niet_gunstig() -> None:
    # "0,0 procentpunt (gunstig voor Heerlen)" claimde een verschil dat de bron niet toont.
    assert gunstig(-0.04, "lager_is_beter", decimalen=1) == Oordeel.GELIJK
    assert gunstig(-0.06, "lager_is_beter", decimalen=1) == Oordeel.GUNSTIG
    assert gunstig(-40.0, "hoger_is_beter", decimalen=-2) == Oordeel.GELIJK


@pytest.mark.parametrize("gat", [None, float("nan"), pd.NA, float("inf"), "7,1", ""])
def test_een_gat_is_geen_cijfer_en_geeft_geen_oordeel(gat) -> None:
    assert getal_of_niets(gat) is None
    assert not is_cijfer(gat)
    assert gunstig(gat, "lager_is_beter") is None


def test_afronden_op_publicatieprecisie_half_naar_boven() -> None:
    assert afronden(56.22857142857143, 1) == 56.2
    assert afronden(0.25, 1) == 0.3  # niet bankers' rounding
    assert afronden(45_651.0, -2) == 45_700.0
    assert afronden(87_461, 0) == 87_461
    assert afronden(None, 1) is None
    assert afronden(3.14159, None) == 3.14159


def test_vergelijkbaar_alleen_binnen_een_begrip_en_een_reeks() -> None:
    kwb = {"indicator_key": "hh_laag_inkomen_pct", "bron_id": "84799NED", "bron_soort": "statline"}
    kwb_later = {**kwb, "bron_id": "85618NED"}
    ander_product = {"indicator_key": "hh_laag_inkomen_1jr_pct", "bron_id": "83841NED",
                     "bron_soort": "statline", "ander_product": True}
    citaat = {"indicator_key": "hh_laag_inkomen_pct", "bron_id": "beleidsdocumenten",
              "bron_soort": "lokaal"}
    assert vergelijkbaar(kwb, kwb_later).ok
    v = vergelijkbaar(kwb, ander_product)
    assert not v.ok and "ander CBS-product" in v.reden
    v = vergelijkbaar(kwb, citaat)
    assert not v.ok and "andere bron" in v.reden
    breuk = {**kwb_later, "reeks": "kwb-2023", "reeks_reden": "definitie gewijzigd"}
    assert vergelijkbaar(kwb, breuk) == Vergelijking(False, "definitie gewijzigd")


def test_tijdstippen_in_utc_worden_nederlandse_tijd() -> None:
    import datetime as dt

    from monitor.domein import lokale_tijd
    from monitor.verkennen.definities import tijdstip

    assert lokale_tijd(dt.datetime(2026, 11, 30, 12, 0)) == dt.datetime(2026, 11, 30, 13, 0)
    assert lokale_tijd(dt.datetime(2026, 7, 1, 12, 0)) == dt.datetime(2026, 7, 1, 14, 0)  # zomertijd
    assert lokale_tijd(None) is None and lokale_tijd(float("nan")) is None
    assert tijdstip(dt.datetime(2026, 11, 30, 23, 30)) == "1 december 2026 om 00:30 (Nederlandse tijd)"


# ----------------------------------------------------------------------------- één woord


def test_een_woord_voor_een_landelijk_cijfer_uit_een_ander_cbs_product() -> None:
    """Eén term, één keer gedefinieerd: "ander product" alleen zegt een wethouder niets.

    Geen tekst in monitor/ of paginas/ mag de lezer nog "ander product" laten lezen (legenda,
    hover, kaartjes, kanttekeningen, export); alles gebruikt ``domein.ANDER_PRODUCT``.
    """
    import io
    import re
    import tokenize
    from pathlib import Path

    from monitor.domein import ANDER_PRODUCT, NEDERLAND_ANDER_PRODUCT

    assert ANDER_PRODUCT == "ander CBS-product"
    assert NEDERLAND_ANDER_PRODUCT == "Nederland (ander CBS-product)"
    root = Path(__file__).resolve().parents[1]
    tekst_tokens = {tokenize.STRING, getattr(tokenize, "FSTRING_MIDDLE", tokenize.STRING)}
    fout = []
    for pad in [*root.glob("monitor/**/*.py"), *root.glob("paginas/*.py"), root / "dashboard.py"]:
        for tok in tokenize.generate_tokens(io.StringIO(pad.read_text(encoding="utf-8")).readline):
            if tok.type in tekst_tokens and re.search(r"\bander product\b", tok.string, re.IGNORECASE):
                fout.append(f"{pad.relative_to(root)}:{tok.start[0]}")
    assert not fout, fout
