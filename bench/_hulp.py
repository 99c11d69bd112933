"""Shared helpers for the benchmarks: a loopback Streamlit server, Debian's Chromium, stats.

Never downloads a browser: Playwright drives /usr/bin/chromium (or $CHROMIUM_PATH).
"""

from __future__ import annotations

import contextlib
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]


def machine_regel() -> str:
    """One line on the machine load, so every result says how busy the box was."""
    la1, la5, _ = os.getloadavg()
    return (f"machine: {os.cpu_count()} cores, load {la1:.1f} (1 min) / {la5:.1f} (5 min); "
            "gedeeld met andere testruns, dus tijden schommelen: kijk naar mediaan en min/max.")


def samenvatting(waarden: list[float], eenheid: str = "ms", fmt: str = "{:.0f}") -> str:
    f = fmt.format
    return (f"mediaan {f(statistics.median(waarden))} {eenheid} "
            f"(min {f(min(waarden))}, max {f(max(waarden))}, n={len(waarden)})")


def heeft_chromium() -> bool:
    return Path(CHROMIUM).is_file() and os.access(CHROMIUM, os.X_OK)


def vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def streamlit_server(script: Path, db: Path) -> Iterator[tuple[str, subprocess.Popen]]:
    """`streamlit run script` on 127.0.0.1:<free port>; yields (base url, process)."""
    poort = vrije_poort()
    beleid_map = tempfile.TemporaryDirectory(prefix="bench-beleid-")
    beleid = Path(beleid_map.name) / "beleid.duckdb"  # never data/beleid.duckdb
    log = tempfile.TemporaryFile()
    server = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(script), "--server.headless", "true",
         "--server.address", "127.0.0.1", "--server.port", str(poort),
         "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none",
         "--client.toolbarMode", "viewer"],
        cwd=ROOT, env={**os.environ, "ARMOEDEMONITOR_DB": str(db),
                       "ARMOEDEMONITOR_BELEID_DB": str(beleid)},
        stdout=log, stderr=subprocess.STDOUT)
    basis = f"http://127.0.0.1:{poort}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{basis}/_stcore/health", timeout=2) as r:
                    if r.read().strip() == b"ok":
                        break
            except OSError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                log.seek(0)
                raise RuntimeError(f"server {script.name} niet gezond: {log.read()[-2000:]!r}")
            time.sleep(0.1)
        yield basis, server
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=10)
        log.close()
        beleid_map.cleanup()


def rss_mb(pid: int) -> float:
    """Resident set size of one process from /proc (no psutil needed)."""
    with open(f"/proc/{pid}/status", encoding="ascii") as f:
        for regel in f:
            if regel.startswith("VmRSS:"):
                return int(regel.split()[1]) / 1024
    raise RuntimeError(f"geen VmRSS voor pid {pid}")


def bouw_tijdelijke_db(map_: Path) -> Path:
    """A fresh monitor.duckdb from the shipped snapshot, in a temp dir (never data/)."""
    sys.path.insert(0, str(ROOT))
    from etl.load import bouw_database

    db = map_ / "monitor.duckdb"
    bouw_database(db)
    return db
