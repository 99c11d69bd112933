"""Armoedemonitor: the dashboard's code below the pages.

One way of depending: ``paginas/`` → ``monitor/ui/`` (Streamlit glue) → logic
(``verkennen/``, ``beleid/``, ``export/``, ``charts``, ``fmt``) → the stores (``store`` for
``monitor.duckdb``, ``beleid/opslag`` for ``beleid.duckdb``). Domain rules live in ``domein``.
Only ``monitor/ui/`` imports Streamlit.
"""
