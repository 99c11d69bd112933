"""Cached access to the statistics store for Streamlit pages.

``monitor.store`` is plain Python; here each query function is wrapped in ``st.cache_data``, plus
two derived results that are the same for the same version and choice (the export model and the
overview's tiles, panels and table).
Every function takes the database version as its first argument, so the cache key changes when
the ETL publishes a new database and a page never shows figures from two versions.
"""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

from monitor import store
from monitor.domein import NEDERLAND
from monitor.export import model
from monitor.verkennen import overzicht

database_info = st.cache_data(max_entries=8)(store.database_info)
regios = st.cache_data(max_entries=8)(store.regios)
indicatoren = st.cache_data(max_entries=8)(store.indicatoren)
reeks = st.cache_data(max_entries=64)(store.reeks)
laatste = st.cache_data(max_entries=64)(store.laatste)
gemeenten_in_jaar = st.cache_data(max_entries=64)(store.gemeenten_in_jaar)
gemeenten_telling = st.cache_data(max_entries=64)(store.gemeenten_telling)
kaartcijfers = st.cache_data(max_entries=32)(store.kaartcijfers)
jaren = st.cache_data(max_entries=16)(store.jaren)
bronnen = st.cache_data(max_entries=8)(store.bronnen)
indicator_bronnen = st.cache_data(max_entries=8)(store.indicator_bronnen)
etl_runs = st.cache_data(max_entries=8)(store.etl_runs)
herkomst_laatste_runs = st.cache_data(max_entries=8)(store.herkomst_laatste_runs)
niet_geladen = st.cache_data(max_entries=8)(store.niet_geladen)
dekking = st.cache_data(max_entries=8)(store.dekking)


@st.cache_data(max_entries=8)
def exportdata(selectie: model.Selectie, versie: str) -> model.ExportData:
    """Het exportmodel van een selectie, één keer per databaseversie en selectie opgehaald."""
    return model.verzamel(selectie, versie)


@st.cache_data(max_entries=32)
def overzicht_beeld(versie: str, code: str, codes: tuple[str, ...],
                    namen: Mapping[str, str]) -> overzicht.Beeld:
    """Tegels, panelen en tabel van het overzicht, één keer per databaseversie en regiokeuze.

    Het rekenwerk (de reeks per tegel doorzoeken) kostte ~110 ms per paginarun; met dezelfde
    regio's en cijfers komt er steeds hetzelfde uit. ``namen``: de namen van ``codes``.
    """
    indicatoren = store.indicatoren(versie)
    regios = tuple(dict.fromkeys([code, NEDERLAND, *codes]))
    reeks_ = store.reeks(versie, overzicht.benodigde_keys(indicatoren), regios)
    return overzicht.beeld(reeks_, indicatoren, code, list(codes), namen)
