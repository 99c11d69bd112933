"""Fixtures voor de browsertests: een echte Streamlit-server en Debians Chromium.

Playwright kan op deze machines zijn eigen browser niet downloaden, dus we
starten ``/usr/bin/chromium`` (of ``$CHROMIUM_PATH``). Zonder die browser worden de tests
overgeslagen, zodat ``pytest`` ook zonder Chromium groen kan zijn.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

HIER = Path(__file__).resolve().parent
REPO = Path(__file__).resolve().parents[2]
ARTEFACTEN = REPO / "tests" / "artifacts"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    # Geen verkeer naar Google-diensten op een afgesloten netwerk.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

#: Zoals ``make run``: app.py start dashboard.py met de Nederlandse voorpagina
#: (monitor/ui/voorpagina.py).
STARTBESTAND = "app.py"
START_DEADLINE_S = 30.0
KLAAR_TIMEOUT_MS = 20_000


# ------------------------------------------------------------------------------ markering


@pytest.hookimpl(tryfirst=True)  # vóór `-m "not e2e"` de selectie maakt
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Geef elke test in tests/e2e de marker ``e2e`` en sla hem over als Chromium ontbreekt."""
    zonder_browser = not (Path(CHROMIUM).is_file() and os.access(CHROMIUM, os.X_OK))
    overslaan = pytest.mark.skip(
        reason=f"Chromium niet gevonden op {CHROMIUM}: installeer het Debian-pakket chromium "
        "(make chromium) of zet CHROMIUM_PATH. Draai nooit `playwright install`."
    )
    for item in items:
        if not Path(item.path).is_relative_to(HIER):
            continue
        item.add_marker(pytest.mark.e2e)
        if zonder_browser:
            item.add_marker(overslaan)


# ------------------------------------------------------------------------------ browser


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """Debians Chromium in plaats van Playwrights eigen download (die faalt hier)."""
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    """Nederlandse browser: Streamlits benoemde getalnotaties volgen de locale van de kijker."""
    return {
        **browser_context_args,
        "locale": "nl-NL",
        "viewport": {"width": 1280, "height": 900},
    }


# ------------------------------------------------------------------------------ data en server


@pytest.fixture(scope="session")
def e2e_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Een verse DuckDB uit de meegeleverde snapshot, los van data/monitor.duckdb."""
    from etl.load import bouw_database  # pas hier: de browsertests hebben de ETL pas nu nodig

    doel = tmp_path_factory.mktemp("e2e") / "monitor.duckdb"
    bouw_database(doel)
    assert doel.is_file(), f"bouw_database schreef geen database naar {doel}"
    return doel


def _vrije_poort() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _gezond(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as antwoord:
            return antwoord.status == 200 and antwoord.read().strip() == b"ok"
    except (urllib.error.URLError, OSError):
        return False


@pytest.fixture(scope="session")
def app_url(e2e_database: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Start ``streamlit run app.py`` (zoals ``make run``) op een vrije poort; geeft de URL."""
    poort = _vrije_poort()
    logmap = tmp_path_factory.mktemp("streamlit")
    # Uitvoer naar bestanden, niet naar een pipe: een volle pipe zou de server laten hangen.
    uit_pad, fout_pad = logmap / "stdout.log", logmap / "stderr.log"
    omgeving = {
        **os.environ,
        "ARMOEDEMONITOR_DB": str(e2e_database),
        # Eigen beleidsopslag: een browsertest mag data/beleid.duckdb nooit aanraken.
        "ARMOEDEMONITOR_BELEID_DB": str(e2e_database.with_name("beleid.duckdb")),
    }
    opdracht = [
        sys.executable, "-m", "streamlit", "run", STARTBESTAND,
        "--server.headless", "true",
        "--server.address", "127.0.0.1",
        "--server.port", str(poort),
        "--browser.gatherUsageStats", "false",
        "--server.fileWatcherType", "none",
    ]  # fmt: skip
    with open(uit_pad, "wb") as uit, open(fout_pad, "wb") as fout:
        server = subprocess.Popen(opdracht, cwd=REPO, env=omgeving, stdout=uit, stderr=fout)
    basis = f"http://127.0.0.1:{poort}"
    try:
        deadline = time.monotonic() + START_DEADLINE_S
        while not _gezond(f"{basis}/_stcore/health"):
            gestopt = server.poll() is not None
            if gestopt or time.monotonic() > deadline:
                reden = (
                    f"stopte met code {server.returncode}"
                    if gestopt
                    else f"was na {START_DEADLINE_S:.0f} s nog niet gezond"
                )
                pytest.fail(
                    f"De Streamlit-server op {basis} {reden} "
                    f"(geen 'ok' van /_stcore/health).\n"
                    f"Opdracht: {' '.join(opdracht)}\n"
                    f"--- stderr ---\n{fout_pad.read_text(errors='replace')[-4000:]}\n"
                    f"--- stdout ---\n{uit_pad.read_text(errors='replace')[-2000:]}",
                    pytrace=False,
                )
            time.sleep(0.2)
        yield basis
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=10)


# ------------------------------------------------------------------------------ hulpjes


def wacht_tot_klaar(page: Page) -> None:
    """Wacht tot het script klaar is en er geen laad-skeletten meer staan.

    Dit is Streamlits eigen signaal (``data-test-script-state``); vaste wachttijden zijn traag
    en toch onbetrouwbaar.
    """
    page.wait_for_selector(
        "[data-testid='stApp'][data-test-script-state='notRunning']",
        timeout=KLAAR_TIMEOUT_MS,
    )
    expect(page.locator("[data-testid='stSkeleton']")).to_have_count(0, timeout=KLAAR_TIMEOUT_MS)


def schermafdruk(page: Page, naam: str) -> Path:
    """Bewaar een PNG van de hele pagina in tests/artifacts/<naam>.png (voor de review)."""
    ARTEFACTEN.mkdir(parents=True, exist_ok=True)
    pad = ARTEFACTEN / f"{naam}.png"
    page.screenshot(path=str(pad), full_page=True)
    return pad
