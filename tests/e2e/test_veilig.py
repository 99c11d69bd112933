"""Browsertest (issue 11, punt 5): een link met Markdown/HTML in de parameters maakt geen link
of plaatje in de pagina, en de browser haalt niets op bij evil.example."""

from __future__ import annotations

from urllib.parse import urlencode, urlsplit

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import wacht_tot_klaar

AANVAL = ("[log hier in](http://evil.example/login) ![x](http://evil.example/pixel.png) "
          '<img src="http://evil.example/h.png">')
PARAMS = ("regio", "data", "indicator", "jaar", "indicatoren", "doel", "doelregio",
          "toetsindicator", "van", "tot", "export_indicator", "export_jaar")


@pytest.mark.parametrize("pad", ["", "vergelijken", "trends", "beleidsmonitor",
                                 "doeltreffendheid", "export"])
def test_aanval_in_de_link_wordt_tekst(page: Page, app_url: str, pad: str) -> None:
    opgehaald: list[str] = []
    page.on("request", lambda r: opgehaald.append(r.url)
            if "evil" in (urlsplit(r.url).hostname or "") else None)
    page.goto(f"{app_url}/{pad}?" + urlencode({p: AANVAL for p in PARAMS}))
    wacht_tot_klaar(page)
    expect(page.locator("[data-testid='stException']")).to_have_count(0)
    expect(page.get_by_text("log hier in").first).to_be_visible()  # als gewone tekst
    # Het eigen menu neemt de linkparameters URL-gecodeerd mee (%2F%2Fevil...): dat is geen link
    # naar evil.example. Een link of plaatje uit de aanval zou '//evil.example' bevatten.
    hrefs = page.locator("a[href*=evil]").evaluate_all("els => els.map(e => e.href)")
    assert all(h.startswith(app_url) for h in hrefs), hrefs
    assert page.locator("a[href*='//evil.example']").count() == 0
    assert page.locator("img[src*=evil]").count() == 0
    assert opgehaald == []
