"""Hulpjes voor de AppTests van de verkenpagina's (Overzicht, Vergelijken, Trends, Bronnen)."""

from __future__ import annotations

import json
import re
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


_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


def _zoals_getoond(waarde: Any) -> Any:
    """Een Markdown-geëscapete cel zoals de browser hem toont (``87\.461`` → ``87.461``)."""
    return _ESCAPE.sub(r"\1", waarde) if isinstance(waarde, str) else waarde


def tabellen(at: AppTest) -> list:
    """Alle tabellen op de pagina, zoals een gebruiker ze leest (st.table-cellen zijn Markdown)."""
    getoond = []
    for t in at.table:
        frame = t.value.map(_zoals_getoond)
        frame.columns = [_zoals_getoond(k) for k in frame.columns]
        getoond.append(frame)
    return [d.value for d in at.dataframe] + getoond


def geen_fouten(at: AppTest) -> None:
    """Geen traceback en geen foutmelding op de pagina."""
    assert not at.exception, [e.message for e in at.exception]
    assert not at.error, [e.value for e in at.error]
