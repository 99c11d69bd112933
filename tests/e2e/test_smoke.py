"""Rooktest: de app start in een echte browser zonder foutmelding."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.e2e.conftest import schermafdruk, wacht_tot_klaar


def test_startpagina_laadt_zonder_fout(page: Page, app_url: str) -> None:
    page.goto(app_url)
    wacht_tot_klaar(page)

    expect(page.locator("[data-testid='stException']")).to_have_count(0)
    schermafdruk(page, "start")
