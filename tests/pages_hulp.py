"""Hulpjes voor de AppTests van de verkenpagina's (Overzicht, Vergelijken, Trends, Bronnen)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

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
    return "\n".join(delen)


def tabellen(at: AppTest) -> list:
    return [d.value for d in at.dataframe] + [t.value for t in at.table]


def geen_fouten(at: AppTest) -> None:
    """Geen traceback en geen foutmelding op de pagina."""
    assert not at.exception, [e.message for e in at.exception]
    assert not at.error, [e.value for e in at.error]
