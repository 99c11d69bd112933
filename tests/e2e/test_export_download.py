"""Browsertest: de downloads op de pagina Export komen echt aan in de browser.

De knoppen maken hun bestand pas bij de klik (uitgestelde download). Dit test het hele pad:
klik → server bouwt het bestand → browser krijgt het. Het Excel-bestand moet dezelfde cijfers
bevatten als wat ``monitor.export`` (en dus de opdrachtregel) op dezelfde database maakt.
"""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest
import streamlit as st
from playwright.sync_api import Page, expect

from monitor.export import model, werkboek
from monitor.export.model import Selectie
from tests.e2e.conftest import schermafdruk, wacht_tot_klaar

VASTE_BLADEN = ("Cijfers", "BBV taakveld 6", "Definities", "Bronnen")


def _waarden(inhoud: bytes, blad: str) -> list[tuple]:
    ws = openpyxl.load_workbook(io.BytesIO(inhoud))[blad]
    return [tuple(c.value for c in rij) for rij in ws.iter_rows()]


def _download(page: Page, knop: str, map_: Path) -> Path:
    with page.expect_download(timeout=30_000) as info:
        page.get_by_role("button", name=knop).click()
    download = info.value
    assert download.failure() is None, download.failure()
    pad = map_ / download.suggested_filename
    download.save_as(pad)
    return pad


def test_excel_csv_en_png_komen_aan(page: Page, app_url: str, e2e_database: Path,
                                    tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    page.goto(f"{app_url}/export")
    wacht_tot_klaar(page)
    expect(page.locator("[data-testid='stException']")).to_have_count(0)
    expect(page.get_by_role("heading", name="Export voor jaarrekening en P&C")).to_be_visible()
    expect(page.locator("[data-testid='stDataFrame']").first).to_be_visible()
    expect(page.locator(".js-plotly-plot")).to_have_count(0)  # de grafiek komt pas bij openen
    page.get_by_text("Grafiek tonen, ook als PNG met bronregel").click()
    page.wait_for_selector(".js-plotly-plot .main-svg")
    schermafdruk(page, "export")

    xlsx = _download(page, "Excel-werkboek (.xlsx)", tmp_path)
    assert xlsx.suffix == ".xlsx" and " " not in xlsx.name
    inhoud = xlsx.read_bytes()
    wb = openpyxl.load_workbook(io.BytesIO(inhoud))
    assert wb.sheetnames[:4] == ["Voorblad", "Cijfers", "Beleidsindicatoren", "BBV taakveld 6"]

    # Dezelfde cijfers als de bouwstenen (= de opdrachtregel) op dezelfde database.
    monkeypatch.setenv("ARMOEDEMONITOR_DB", str(e2e_database))
    st.cache_data.clear()
    zelf = werkboek.werkboek(model.verzamel(Selectie()))
    for blad in VASTE_BLADEN:
        assert _waarden(inhoud, blad) == _waarden(zelf, blad), blad
    assert wb.properties.created == openpyxl.load_workbook(io.BytesIO(zelf)).properties.created

    csv = _download(page, "CSV voor Nederlandse Excel", tmp_path).read_bytes()
    assert csv.startswith(b"\xef\xbb\xbfIndicator;Sleutel;")
    assert b";87461;definitief;" in csv  # Heerlen, inwoners 2024

    png = _download(page, "Grafiek als PNG, met bronregel", tmp_path).read_bytes()
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 10_000
