"""Armoedemonitor: entry point. Page config, navigation, and the shared sidebar."""

from __future__ import annotations

import streamlit as st

from monitor.ui.keuzes import zijbalk

# Een emoji als pictogram: Streamlit maakt daar lokaal een plaatje van. Een :material:-pictogram
# haalde de browser van fonts.gstatic.com (een verzoek naar buiten op elke pagina).
st.set_page_config(page_title="Armoedemonitor", page_icon="📊", layout="wide")

PAGINAS = {
    "Verkennen": [
        st.Page("paginas/overzicht.py", title="Overzicht", icon=":material/dashboard:", default=True,
                url_path="start"),
        st.Page("paginas/vergelijken.py", title="Vergelijken", icon=":material/bar_chart:"),
        st.Page("paginas/trends.py", title="Trends", icon=":material/show_chart:"),
    ],
    "Beleid 2026-2029": [
        st.Page("paginas/beleidsmonitor.py", title="Beleidsmonitor", icon=":material/flag:"),
        st.Page("paginas/doeltreffendheid.py", title="Doeltreffendheid", icon=":material/balance:"),
    ],
    "Verantwoording": [
        st.Page("paginas/export.py", title="Export", icon=":material/download:"),
        st.Page("paginas/bronnen.py", title="Bronnen en definities", icon=":material/menu_book:"),
    ],
}

# Overzicht staat op "/" (de standaardpagina); een link naar /overzicht moet ook werken, en niet
# "Page not found" geven. Streamlit geeft de standaardpagina altijd het pad "", dus een verborgen
# tweede ingang naar hetzelfde bestand.
OVERZICHT_LINK = st.Page("paginas/overzicht.py", title="Overzicht", url_path="overzicht",
                         visibility="hidden")

pagina = st.navigation({**PAGINAS, "": [OVERZICHT_LINK]})
zijbalk()
pagina.run()
