"""Issue 11, punt 5: tekst uit de link wordt nooit als Markdown of HTML getoond.

Elke pagina krijgt in elke linkparameter een Markdown- en een HTML-aanval. Geen enkel
Markdown-element (titel, tekst, melding, label) mag daarna een link of plaatje uit die
aanval bevatten, en foute waarden worden niet eindeloos herhaald.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from monitor.ui.keuzes import MAX_GENOEMD, als_tekst
from tests.pages_hulp import open_pagina

ROOT = Path(__file__).resolve().parents[1]
MARKDOWN = "[log hier in](http://evil.example/login) ![x](http://evil.example/pixel.png)"
HTML = '<img src="http://evil.example/x.png"> <a href="http://evil.example">klik</a>'
PAGINAS = sorted(f"paginas/{p.name}" for p in (ROOT / "paginas").glob("*.py"))


def _parameters() -> list[str]:
    """Alle linkparameters van de app, gevonden in de code (url_keuze-sleutels en PARAM_*)."""
    code = "\n".join(p.read_text(encoding="utf-8")
                     for p in [*(ROOT / "paginas").glob("*.py"), ROOT / "monitor/ui/keuzes.py"])
    namen = set(re.findall(r'sleutel="([a-z_]+)"', code))
    namen |= set(re.findall(r'^PARAM_[A-Z]+ = "([a-z_]+)"', code, flags=re.M))
    return sorted(namen)


def _markdown_teksten(at) -> list[str]:
    """Alles wat Streamlit als Markdown tekent: tekst, meldingen, titels én widgetlabels."""
    delen: list[str] = []
    for soort in ("title", "header", "subheader", "markdown", "caption", "info", "warning",
                  "error", "success", "exception"):
        delen += [str(getattr(e, "value", "") or getattr(e, "message", "")) for e in getattr(at, soort)]
    for soort in ("selectbox", "multiselect", "button", "text_input", "checkbox", "expander"):
        delen += [str(getattr(e, "label", "")) for e in getattr(at, soort)]
    return delen


def _onveilig(tekst: str) -> list[str]:
    """Stukken die in gerenderde Markdown een link, plaatje of HTML-element zouden worden."""
    patronen = [r"\]\(http://evil", r"(?<!\\)\bhttp://evil", r"(?<!\\)<img",
                r"(?<!\\)<a href=.http://evil", r"(?<!\\)!\[x", r"(?<!\\)\[log hier in"]
    gevonden = [p for p in patronen if re.search(p, tekst)]
    # GFM-autolinks werken op de tekst ná het escapen: zoek ze in wat de lezer ziet.
    zichtbaar = re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", tekst)
    if re.search(r"(?i)(https?://|www\.)[^\s]*evil|[\w.]+@evil", zichtbaar):
        gevonden.append("autolink")
    return gevonden


def test_alle_linkparameters_gevonden() -> None:
    assert {"regio", "data", "indicator", "jaar", "indicatoren", "toetsindicator", "van", "tot",
            "doel", "doelregio", "export_indicator", "export_jaar"} <= set(_parameters())


def test_als_tekst_escapet_en_kort_in() -> None:
    veilig = als_tekst(MARKDOWN, 200)
    assert not _onveilig(veilig)
    # wat de lezer ziet is letterlijk de tekst (plus onzichtbare spaties tegen autolinks)
    assert re.sub(r"\\(.)", r"\1", veilig).replace("\u200b", "") == MARKDOWN
    assert len(als_tekst("x" * 5000)) <= 60


@pytest.mark.parametrize("aanval", [MARKDOWN, HTML], ids=["markdown", "html"])
@pytest.mark.parametrize("pagina", PAGINAS)
def test_aanval_in_elke_parameter_wordt_tekst(pagina: str, aanval: str) -> None:
    params = {p: [aanval, aanval + " 2", "nog een", "en nog een"] for p in _parameters()}
    at = open_pagina(pagina, **params)
    assert not at.exception, [e.message for e in at.exception]
    teksten = _markdown_teksten(at)
    fout = [(t[:120], _onveilig(t)) for t in teksten if _onveilig(t)]
    assert not fout, fout
    # Begrensd herhaald: hooguit MAX_GENOEMD waarden per melding, ingekort.
    for t in teksten:
        assert t.count("evil") <= 2 * MAX_GENOEMD, t[:200]


def test_zoekt_ook_met_grep_naar_query_params() -> None:
    """Geen pagina leest st.query_params zelf: alles loopt via keuzes (en wordt dus geëscapet)."""
    uit = subprocess.run(["grep", "-rln", "query_params", str(ROOT / "paginas")],
                         capture_output=True, text=True, check=False)
    assert uit.stdout == ""
