"""Shared fixtures: one database built from the shipped snapshot per test session.

Every test reads real CBS figures from that database; tests that change data get their own copy
(`vers_database`) or their own policy store (`beleid_db`).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
import streamlit as st

from etl.load import bouw_database

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def snapshot_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Built once from data/snapshot; read-only for tests."""
    pad = tmp_path_factory.mktemp("db") / "monitor.duckdb"
    bouw_database(pad)
    return pad


@pytest.fixture(autouse=True)
def _database_omgeving(snapshot_database: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Point the app at the session database and a fresh policy store; clear Streamlit caches."""
    monkeypatch.setenv("ARMOEDEMONITOR_DB", str(snapshot_database))
    monkeypatch.setenv("ARMOEDEMONITOR_BELEID_DB", str(tmp_path / "beleid.duckdb"))
    st.cache_data.clear()
    st.cache_resource.clear()
    yield
    st.cache_data.clear()
    st.cache_resource.clear()


@pytest.fixture
def vers_database(snapshot_database: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private copy of the database for tests that rebuild or swap it."""
    pad = tmp_path / "eigen" / "monitor.duckdb"
    pad.parent.mkdir()
    shutil.copy(snapshot_database, pad)
    monkeypatch.setenv("ARMOEDEMONITOR_DB", str(pad))
    return pad


@pytest.fixture
def data_kopie(tmp_path: Path) -> Path:
    """A writable copy of data/ (snapshot and lokaal), for tests that damage source files."""
    doel = tmp_path / "data"
    shutil.copytree(ROOT / "data" / "snapshot", doel / "snapshot")
    shutil.copytree(ROOT / "data" / "lokaal", doel / "lokaal")
    return doel


def pytest_configure(config: pytest.Config) -> None:
    os.environ.setdefault("STREAMLIT_BROWSER_GATHER_USAGE_STATS", "false")
