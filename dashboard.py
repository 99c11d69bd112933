"""Armoedemonitor: entry point. Page config, navigation, and the shared sidebar."""

from __future__ import annotations

import streamlit as st

from monitor.keuzes import zijbalk

st.set_page_config(page_title="Armoedemonitor", page_icon=":material/monitoring:", layout="wide")

PAGINAS = {
    "Verkennen": [
        st.Page("pages/overzicht.py", title="Overzicht", icon=":material/dashboard:", default=True),
        st.Page("pages/vergelijken.py", title="Vergelijken", icon=":material/bar_chart:"),
        st.Page("pages/trends.py", title="Trends", icon=":material/show_chart:"),
    ],
    "Beleid 2026-2029": [
        st.Page("pages/beleidsmonitor.py", title="Beleidsmonitor", icon=":material/flag:"),
        st.Page("pages/doeltreffendheid.py", title="Doeltreffendheid", icon=":material/balance:"),
    ],
    "Verantwoording": [
        st.Page("pages/export.py", title="Export", icon=":material/download:"),
        st.Page("pages/bronnen.py", title="Bronnen en definities", icon=":material/menu_book:"),
    ],
}

pagina = st.navigation(PAGINAS)
zijbalk()
pagina.run()
