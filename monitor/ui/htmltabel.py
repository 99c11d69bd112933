"""Kleine tabellen als echte HTML-tabel (``st.table``), met alle tekst letterlijk.

Waarom niet ``st.dataframe``: dat is een canvas-raster dat een eigen bundel van ruim 1 MB
JavaScript laat laden en opbouwen; op een pagina met een grafiek kostte dat ~0,3 s tot de eerste
grafiek (``bench/pages.py``). Een tabel van een paar regio's of jaren hoeft niet te sorteren of te
zoeken; de grote tabellen (Export, Bronnen, geschiedenis) blijven ``st.dataframe``. Een HTML-tabel
met kopjes leest ook beter voor met een schermlezer en komt mee bij kopiëren en printen.

``st.table`` toont elke cel als Markdown. Cellen bevatten tekst van buiten (CBS-namen en
-statussen, bronnamen, door gebruikers ingevoerde toelichting), dus elke tekstcel, kolomnaam en
indexwaarde gaat door :func:`monitor.letterlijk.letterlijk`: wat er staat, is wat er in de bron stond.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from monitor.letterlijk import letterlijk


def _cel(waarde: object) -> object:
    return letterlijk(waarde) if isinstance(waarde, str) else waarde


def letterlijke_tabel(frame: pd.DataFrame) -> pd.DataFrame:
    """Dezelfde tabel, met elke tekst (cel, kolomnaam, index) geëscapet voor Markdown."""
    uit = frame.copy()
    uit.columns = [_cel(str(k)) for k in uit.columns]
    uit.index = [_cel(i) for i in uit.index]
    for kolom in uit.columns:
        if not pd.api.types.is_numeric_dtype(uit[kolom]):
            uit[kolom] = uit[kolom].map(_cel).astype(object)
    return uit


def toon(frame: pd.DataFrame, *, alt: str | None = None) -> None:
    """Toon een kleine tabel (tientallen rijen) zonder index, tekst letterlijk."""
    st.table(letterlijke_tabel(frame), hide_index=True, alt=alt)
