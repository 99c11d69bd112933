"""Kleine tabellen als echte HTML-tabel (één ``st.html``-blok), met alle tekst letterlijk.

Waarom niet ``st.dataframe``: dat is een canvas-raster dat een eigen bundel van ruim 1 MB
JavaScript laat laden en opbouwen; op een pagina met een grafiek kostte dat ~0,3 s tot de eerste
grafiek (``bench/pages.py``). Waarom niet ``st.table``: dat laadt ook een eigen stapel (Arrow,
moment, numbro) en toont elke cel als Markdown; zie :mod:`monitor.tabelblok`. Een tabel van een
paar regio's of jaren hoeft niet te sorteren of te zoeken; de grote tabellen (Export, Bronnen,
geschiedenis) blijven ``st.dataframe``. Een HTML-tabel met kopjes leest ook beter voor met een
schermlezer en komt mee bij kopiëren en printen.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from monitor.tabelblok import tabel_html


def toon(frame: pd.DataFrame, *, alt: str) -> None:
    """Toon een kleine tabel (tientallen rijen) zonder index; elke tekst geëscapet. ``alt`` zegt
    een schermlezer wat er in de tabel staat (verplicht: "Tabel" zegt niets)."""
    st.html(tabel_html(frame, alt=alt))
