"""Paths and constants: the single place that knows where files live."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA_DIR = ROOT / "data"
CATALOGUS = Path(__file__).with_name("catalog.toml")
SNAPSHOT_MAP = "snapshot"  # relative to the data dir: the shipped, recorded CBS files
STATLINE_MAP = "snapshot/statline"  # relative to the data dir: cbsodata dir= output per table
IMPORT_MAP = "import"  # relative to the data dir: CBS downloads a person puts there by hand
LOG_MAP = "logs"


def data_map() -> Path:
    """The data folder; ARMOEDEMONITOR_DATA points a test's subprocess at its own copy."""
    return Path(os.environ.get("ARMOEDEMONITOR_DATA", DATA_DIR))


def database_pad() -> Path:
    """The published statistics database; ARMOEDEMONITOR_DB points tests at their own copy."""
    return Path(os.environ.get("ARMOEDEMONITOR_DB", DATA_DIR / "monitor.duckdb"))


def beleid_pad() -> Path:
    """User-entered policy data (targets, notes); never touched by the ETL."""
    return Path(os.environ.get("ARMOEDEMONITOR_BELEID_DB", DATA_DIR / "beleid.duckdb"))


NEDERLAND = "NL01"
KWB_NEDERLAND = "NL00"  # KWB tables use NL00 for Nederland; everything else NL01
# `berekend`: derived by the monitor (Nederland as the sum over all gemeenten); `geciteerd`: a
# second-hand quote (a news site or a policy plan citing CBS), never `definitief`; `begroot`: an
# amount budgeted in a policy plan, not a realisation or a statistic.
STATUSSEN = ("definitief", "voorlopig", "nader voorlopig", "onbekend", "geheim", "berekend",
             "geciteerd", "begroot")
BRON_SOORTEN = ("statline", "schulden", "lokaal", "geciteerd", "berekend")
