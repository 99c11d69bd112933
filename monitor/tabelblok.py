"""Een kleine tabel als één blok HTML: elke tekst geëscapet, opmaak uit één stylesheet.

Waarom geen ``st.table``: dat element laat in de browser een eigen stapel JavaScript laden (Arrow,
Quiver, moment, numbro: elf bestanden). Op een pagina met een grafiek wachten die bestanden
en de Plotly-bundel op dezelfde zes verbindingen, en alles wat tegelijk binnenkomt, wordt in
één keer na de Plotly-bundel getekend. Een proef op Vergelijken, Beleidsmonitor, Doeltreffendheid
en Overzicht (``bench/pages.py``-meting, afgewisseld met de kale app) gaf de eerste grafiek
0,2-0,6 s eerder met deze HTML-tabel. ``st.html`` laden alle pagina's al (de zijbalk gebruikt het).

Veiligheid: elke kolomnaam en cel gaat door :func:`html.escape`; er komt geen Markdown aan te pas,
dus wat er staat, is wat er in de bron stond. Streamlit zuivert ``st.html`` daarnaast met DOMPurify.

Toegankelijkheid (WCAG 2.1 AA): een echte ``<table>`` met ``<th scope="col">``, zodat een
schermlezer bij elke cel de kolom noemt; de beschrijving (``alt``) is het toegankelijke label. Een
brede tabel schuift binnen een vak dat met het toetsenbord te bereiken is (axe
``scrollable-region-focusable``). Getallen staan rechts uitgelijnd, zoals in een jaarrekening.
"""

from __future__ import annotations

import re
from html import escape

import pandas as pd

from monitor.domein import is_cijfer
from monitor.fmt import GEEN_CIJFER

STIJL = """<style>
.am-tabelvak { overflow-x: auto; margin-bottom: 1rem; }
.am-tabelvak:focus-visible { outline: 2px solid #0b5394; outline-offset: 2px; }
.am-tabel { border-collapse: collapse; font-size: 0.875rem; line-height: 1.4; }
.am-tabel th, .am-tabel td { padding: 0.35rem 0.75rem; text-align: left; vertical-align: top;
  border-bottom: 1px solid rgba(49, 51, 63, 0.2); }
.am-tabel th { font-weight: 600; border-bottom-width: 2px; }
.am-tabel .am-getal { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
</style>"""

#: Een getal zoals :mod:`monitor.fmt` het schrijft: 43,8 · −12,4 · 4,5% · € 34.000 · 2024* · 341 van 342.
_GETAL = re.compile(r"[−+-]?(€\s?)?\d[\d.]*(,\d+)?\s?%?\**( van \d[\d.]*)?")
#: Wat in een getalkolom ook mag staan: een lege cel of een gat (de reden staat elders).
_GEEN_CIJFER = {"", "—", "-", GEEN_CIJFER, "onbekend"}


def _tekst(waarde: object) -> str:
    """Tekst zoals hij er staat; een gat (None, NaN) is een lege cel, nooit "nan"."""
    return str(waarde) if isinstance(waarde, str) or is_cijfer(waarde) else ""


def getalkolom(waarden: pd.Series) -> bool:
    """Staan er alleen getallen (en gaten) in deze kolom? Dan lijnt hij rechts uit."""
    if pd.api.types.is_numeric_dtype(waarden):
        return True
    teksten = [_tekst(w).strip() for w in waarden]
    getallen = [t for t in teksten if t not in _GEEN_CIJFER]
    return bool(getallen) and all(_GETAL.fullmatch(t) for t in getallen)


def tabel_html(frame: pd.DataFrame, *, alt: str) -> str:
    """De tabel (zonder index) als HTML, met stylesheet; ``alt`` beschrijft hem voor een schermlezer."""
    klasse = [' class="am-getal"' if getalkolom(frame[k]) else "" for k in frame.columns]
    kop = "".join(f'<th scope="col"{k}>{escape(str(naam))}</th>'
                  for naam, k in zip(frame.columns, klasse, strict=True))
    rijen = "".join(
        "<tr>" + "".join(f"<td{k}>{escape(_tekst(w))}</td>" for w, k in zip(rij, klasse, strict=True))
        + "</tr>" for rij in frame.itertuples(index=False, name=None))
    label = escape(alt)
    return (f'{STIJL}<div class="am-tabelvak" role="region" tabindex="0" aria-label="{label}">'
            f'<table class="am-tabel" aria-label="{label}"><thead><tr>{kop}</tr></thead>'
            f"<tbody>{rijen}</tbody></table></div>")
