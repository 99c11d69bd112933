"""Benchmark: alle pagina's van het dashboard.

Twee metingen, beide als mediaan:

1. **AppTest, warm**: één `at.run()` van dashboard.py + pagina (zijbalk, queries uit de cache,
   grafieken bouwen), na een eerste koude run. Doel: ≤ 300 ms per pagina.
2. **Chromium, eerste grafiek**: een verse Streamlit-server; per pagina een nieuwe browsercontext
   (geen cache), tijd van `page.goto` tot er een Plotly-trace in de DOM staat. De eerste meting
   per pagina is koud (queries nog niet in de cache), de rest warm. Doel: ≤ 3 s na "server up".
   Ter vergelijking meet het ook een minimale Streamlit-app met één Plotly-staaf: het grootste
   deel van de tijd is het laden en uitvoeren van plotly.js in de browser, niet onze pagina.

Run: `make bench` of `.venv/bin/python bench/pages.py [runs]`. Chromium: Debians /usr/bin/chromium
(of $CHROMIUM_PATH); zonder browser wordt deel 2 overgeslagen.
"""

from __future__ import annotations

import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("STREAMLIT_LOGGER_LEVEL", "error")  # no "no runtime" warnings in the output

GRAFIEK = ".js-plotly-plot g.trace"
TABEL = "[data-testid='stDataFrame'], [data-testid='stTable']"
# naam: (paginabestand, url-pad, wat er in de browser moet staan voordat de pagina "klaar" is)
PAGINAS = {
    "overzicht": ("paginas/overzicht.py", "", GRAFIEK),
    "vergelijken": ("paginas/vergelijken.py", "vergelijken", GRAFIEK),
    "trends": ("paginas/trends.py", "trends", GRAFIEK),
    "bronnen": ("paginas/bronnen.py", "bronnen", "[data-testid='stExpander']"),
    "beleidsmonitor": ("paginas/beleidsmonitor.py", "beleidsmonitor", GRAFIEK),
    "doeltreffendheid": ("paginas/doeltreffendheid.py", "doeltreffendheid", GRAFIEK),
    "export": ("paginas/export.py", "export", TABEL),
}
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


def apptest(runs: int) -> dict[str, float]:
    """Mediaan van warme AppTest-runs per pagina, in ms."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    uit = {}
    for naam, (pad, _, _) in PAGINAS.items():
        st.cache_data.clear()
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
        at.switch_page(pad).run()  # koud: imports, queries, caches vullen
        assert not at.exception, at.exception
        tijden = []
        for _ in range(runs):
            start = time.perf_counter()
            at.run()
            tijden.append((time.perf_counter() - start) * 1000)
        assert not at.exception, at.exception
        uit[naam] = statistics.median(tijden)
    return uit


def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


MINIMAAL = """import plotly.graph_objects as go
import streamlit as st
st.title("Basislijn")
st.plotly_chart(go.Figure(go.Bar(x=[1, 2], y=["a", "b"], orientation="h")))
"""


def chromium(runs: int, db: Path, script: Path = ROOT / "dashboard.py",
             paginas: dict[str, tuple[str, str, str]] = PAGINAS) -> dict[str, tuple[float, float]] | None:
    """Per pagina (koud, mediaan warm) in seconden van goto tot de eerste getekende trace."""
    if not Path(CHROMIUM).is_file():
        print(f"Chromium niet gevonden op {CHROMIUM}: browsermeting overgeslagen.")
        return None
    from playwright.sync_api import sync_playwright

    poort = _vrije_poort()
    beleid_db = Path(tempfile.mkdtemp()) / "beleid.duckdb"  # never the user's policy store
    server = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(script), "--server.headless", "true",
         "--server.address", "127.0.0.1", "--server.port", str(poort),
         "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"],
        cwd=ROOT, env={**os.environ, "ARMOEDEMONITOR_DB": str(db),
                          "ARMOEDEMONITOR_BELEID_DB": str(beleid_db)},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    basis = f"http://127.0.0.1:{poort}"
    uit: dict[str, tuple[float, float]] = {}
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"{basis}/_stcore/health", timeout=2) as r:
                    if r.read().strip() == b"ok":
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("server niet gezond binnen 30 s")
            time.sleep(0.1)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=[
                "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run"])
            for naam, (_, url, selector) in paginas.items():
                tijden = []
                for _ in range(runs + 1):
                    context = browser.new_context(locale="nl-NL",
                                                  viewport={"width": 1280, "height": 900})
                    page = context.new_page()
                    start = time.perf_counter()
                    page.goto(f"{basis}/{url}")
                    page.wait_for_selector(selector, state="attached", timeout=30_000)
                    tijden.append(time.perf_counter() - start)
                    context.close()
                uit[naam] = (tijden[0], statistics.median(tijden[1:]))
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=10)
    return uit


def main(runs: int = 7) -> None:
    from etl.load import bouw_database

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "monitor.duckdb"
        bouw_database(db)
        os.environ["ARMOEDEMONITOR_DB"] = str(db)
        os.environ["ARMOEDEMONITOR_BELEID_DB"] = str(Path(tmp) / "beleid.duckdb")
        warm = apptest(runs)
        print(f"AppTest, warme run (mediaan van {runs}); doel ≤ 300 ms:")
        for naam, ms in warm.items():
            print(f"  {naam:<16} {ms:6.0f} ms {'ok' if ms <= 300 else 'TE TRAAG'}")
        browser = chromium(max(3, runs // 2), db)
        basis_script = Path(tmp) / "basislijn.py"
        basis_script.write_text(MINIMAAL, encoding="utf-8")
        basislijn = chromium(max(3, runs // 2), db, basis_script, {"basislijn": ("", "", GRAFIEK)})
        if browser:
            print("Chromium, goto tot eerste getekende grafiek (bronnen: eerste uitklapvak; export: de tabel); "
                  "doel ≤ 3 s:")
            for naam, (koud, mediaan) in browser.items():
                print(f"  {naam:<16} koud {koud:5.2f} s  warm (mediaan) {mediaan:5.2f} s "
                      f"{'ok' if max(koud, mediaan) <= 3 else 'TE TRAAG'}")
        if basislijn:
            koud, mediaan = basislijn["basislijn"]
            print(f"  ter vergelijking: een minimale Streamlit-app met één Plotly-staaf: koud "
                  f"{koud:.2f} s, warm {mediaan:.2f} s (de ondergrens op deze machine: plotly.js "
                  "is 4,7 MB JavaScript)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 7)
