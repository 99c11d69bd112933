"""Shared sidebar (placeholder until the pages issue is built)."""

import streamlit as st


def zijbalk() -> None:
    st.sidebar.caption("Armoedemonitor")
