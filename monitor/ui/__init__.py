"""Streamlit glue: cached access to the store, the shared sidebar and URL state, and widgets the
policy pages share. The only place below ``paginas/`` that imports Streamlit.
"""
