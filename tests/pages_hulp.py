"""Hulpjes voor de AppTests van de verkenpagina's (Overzicht, Vergelijken, Trends, Bronnen)."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pandas as pd
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[1]


def open_pagina(pagina: str | None = None, **params: str | list[str]) -> AppTest:
    """Start de app via dashboard.py met deze linkparameters, direct op ``pagina``."""
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=30)
    for sleutel, waarde in params.items():
        at.query_params[sleutel] = waarde
    if pagina:
        at.switch_page(pagina)
    at.run()
    return at


def figuren(at: AppTest) -> list[dict[str, Any]]:
    """De Plotly-figuren op de pagina als dicts (data + layout)."""
    return [json.loads(el.proto.spec) for el in at.get("plotly_chart")]


def teksten(at: AppTest) -> str:
    """Alle zichtbare tekst (titels, markdown, captions, meldingen, metrics) als één string."""
    delen: list[str] = []
    for soort in ("title", "header", "subheader", "markdown", "caption", "info", "warning",
                  "error", "success"):
        delen += [str(e.value) for e in getattr(at, soort)]
    for m in at.metric:
        delen += [m.label, m.value, m.proto.delta]
    for t in tegels(at).values():
        delen += t["regels"]
    return "\n".join(delen)


class _Tegels(HTMLParser):
    """Leest de tegels van het overzicht (monitor/verkennen/tegelblok.py) zoals de browser ze
    toont: per tegel de kop, het jaar, de waarde, het verschil en alle tekstregels."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tegels: dict[str, dict[str, Any]] = {}
        self._tegel: dict[str, Any] | None = None  # de tegel die nu gelezen wordt
        self._veld: str | None = None  # titel/jaar/waarde/verschil, of None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        klassen = (dict(attrs).get("class") or "").split()
        if tag == "section" and "am-tegel" in klassen:
            self._tegel = {"titel": "", "jaar": "", "waarde": "", "verschil": "", "regels": [""]}
            self._veld = None
        elif self._tegel is not None and tag == "br":
            self._tegel["regels"].append("")
        elif tag == "h2":
            self._veld = "titel"
        else:
            self._veld = next((k for k in ("jaar", "waarde", "verschil") if f"am-{k}" in klassen),
                              self._veld)

    def handle_endtag(self, tag: str) -> None:
        if self._tegel is None:
            return
        if tag == "section":
            self._tegel["regels"] = [r.strip() for r in self._tegel["regels"] if r.strip()]
            self.tegels[self._tegel["titel"]] = self._tegel
            self._tegel = None
        elif tag in ("h2", "p", "summary"):
            self._veld = None
            self._tegel["regels"].append("")

    def handle_data(self, data: str) -> None:
        if self._tegel is None:
            return
        self._tegel["regels"][-1] += data
        if self._veld:
            self._tegel[self._veld] = (self._tegel[self._veld] + data).strip()


def tegels(at: AppTest) -> dict[str, dict[str, Any]]:
    """De tegels van het overzicht op titel: ``jaar``, ``waarde``, ``verschil``, ``regels``."""
    lezer = _Tegels()
    for blok in at.get("html"):
        lezer.feed(blok.proto.body)
    return lezer.tegels


_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


def zichtbaar(markdown: str) -> str:
    """Markdown met tekst van buiten (monitor.letterlijk) zoals de lezer hem ziet: zonder de
    escapes en zonder de onzichtbare spaties die kale adressen breken."""
    return _ESCAPE.sub(r"\1", markdown).replace("\u200b", "")


class _Tabellen(HTMLParser):
    """Leest de HTML-tabellen (monitor/tabelblok.py) zoals de browser ze toont: kop en cellen."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tabellen: list[pd.DataFrame] = []
        self._rijen: list[list[str]] | None = None
        self._cel: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table" and "am-tabel" in (dict(attrs).get("class") or "").split():
            self._rijen = []
        elif self._rijen is not None and tag == "tr":
            self._rijen.append([])
        elif self._rijen is not None and tag in ("th", "td"):
            self._cel = []

    def handle_endtag(self, tag: str) -> None:
        if self._rijen is None:
            return
        if tag in ("th", "td") and self._cel is not None:
            self._rijen[-1].append("".join(self._cel))
            self._cel = None
        elif tag == "table":
            kop, *rijen = self._rijen
            self.tabellen.append(pd.DataFrame(rijen, columns=kop, dtype=object))
            self._rijen = None

    def handle_data(self, data: str) -> None:
        if self._cel is not None:
            self._cel.append(data)


def html_tabellen(at: AppTest) -> list[pd.DataFrame]:
    """De kleine HTML-tabellen op de pagina (monitor/ui/htmltabel.py), elke cel als tekst."""
    lezer = _Tabellen()
    for blok in at.get("html"):
        lezer.feed(blok.proto.body)
    return lezer.tabellen


def tabellen(at: AppTest) -> list:
    """Alle tabellen op de pagina zoals een gebruiker ze leest: eerst de rasters
    (st.dataframe), dan de HTML-tabellen."""
    return [d.value for d in at.dataframe] + html_tabellen(at)


def geen_fouten(at: AppTest) -> None:
    """Geen traceback en geen foutmelding op de pagina."""
    assert not at.exception, [e.message for e in at.exception]
    assert not at.error, [e.value for e in at.error]
