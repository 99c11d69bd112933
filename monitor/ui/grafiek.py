"""Een Plotly-grafiek op de pagina: altijd dezelfde knoppen, volle breedte, en zonder Plotly-sjabloon.

Streamlit legt zijn eigen thema over elke grafiek (``theme="streamlit"``). Het standaardsjabloon
van Plotly (opmaak voor ruim 40 soorten grafieken, ~6,5 kB per figuur) verandert dan niets aan
het beeld, maar de browser moet het wel ontvangen en per spoor en as verwerken: bij de kleine
staven van Overzicht kostte dat in Chromium ~0,2 s tekenwerk (``plotly.newPlot``: 296 → 114 ms,
gemeten op dezelfde figuur). Daarom krijgt de figuur hier het lege sjabloon ``"none"``.
Schermafdrukken met en zonder sjabloon zijn gelijk.

Let op: de figuur zelf verandert. Wie dezelfde figuur daarna naar een PNG stuurt, krijgt het
sjabloon terug in :func:`monitor.export.png.png`.
"""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go
import streamlit as st

from monitor.charts import PLOTLY_CONFIG


def toon(fig: go.Figure, **opties: Any) -> Any:
    """``st.plotly_chart`` met de vaste knoppen (PLOTLY_CONFIG) op volle breedte."""
    fig.layout.template = "none"
    return st.plotly_chart(fig, config=PLOTLY_CONFIG, width="stretch", **opties)
