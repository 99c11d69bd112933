"""Benchmark: every page of the dashboard, two measurements.

1. **AppTest, warm**: one `at.run()` of dashboard.py + page (sidebar, queries from the cache,
   building the charts), after a first cold run. Median, min and max per page.
   Target (issue 8): ≤ 250 ms per page.
2. **Chromium, first drawn chart**: one Streamlit server with the dashboard (``app.py``, as
   ``make run`` starts it) and one with a bare app holding a single Plotly bar (plain
   ``streamlit run``), both started in the same run. Per round and per page the bare
   app is measured right before the page (interleaved, so both see the same machine load); each
   measurement is a fresh browser context (no browser cache), from `page.goto` until a Plotly
   trace is in the DOM. Round 0 is cold (server caches empty) and reported apart; the median of
   the warm rounds gives the ratio page / bare app. Target: ≤ 1.2×. "browser bezig" is the
   median main-thread busy time of Chromium until that moment (CDP ``TaskDuration``).
   Bronnen and Export have no chart: there the first expander / the table counts.
3. **The shell** (diagnostic, no target): the same bare bar, but inside the dashboard's own
   navigation (seven pages in three groups) and shared sidebar (region selector, data line),
   served like the dashboard (app.py's middleware).
   It is measured once per round in the same run. "schil / kale app" is what every page pays
   before its own content; "pagina / schil" is what the page's content adds on top of that.
   The verdict stays page / bare app, the issue's measure.

Run: `make bench` or `.venv/bin/python bench/pages.py [apptest-runs] [browser-rounds]`.
Chromium is Debian's /usr/bin/chromium (or $CHROMIUM_PATH); without it part 2 is skipped.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("STREAMLIT_LOGGER_LEVEL", "error")  # no "no runtime" warnings in the output

from _hulp import (  # noqa: E402
    CHROMIUM, CHROMIUM_ARGS, ROOT, bouw_tijdelijke_db, heeft_chromium, machine_regel,
    samenvatting, streamlit_server,
)

GRAFIEK = ".js-plotly-plot g.trace"
TABEL = "[data-testid='stDataFrame'], [data-testid='stTable']"
# name: (page file, url path, what must be in the DOM before the page counts as drawn)
PAGINAS = {
    "overzicht": ("paginas/overzicht.py", "", GRAFIEK),
    "vergelijken": ("paginas/vergelijken.py", "vergelijken", GRAFIEK),
    "trends": ("paginas/trends.py", "trends", GRAFIEK),
    "bronnen": ("paginas/bronnen.py", "bronnen", "[data-testid='stExpander']"),
    "beleidsmonitor": ("paginas/beleidsmonitor.py", "beleidsmonitor", GRAFIEK),
    "doeltreffendheid": ("paginas/doeltreffendheid.py", "doeltreffendheid", GRAFIEK),
    "export": ("paginas/export.py", "export", TABEL),
}
DOEL_APPTEST_MS = 250
DOEL_RATIO = 1.2

BASISLIJN = """import plotly.graph_objects as go
import streamlit as st
st.title("Basislijn")
st.plotly_chart(go.Figure(go.Bar(x=[1, 2], y=["a", "b"], orientation="h")))
"""


# The bare bar inside the dashboard's navigation and sidebar. Mirrors dashboard.py's groups and
# icons (same number of links); the pages are the bare bar, so only the shell is measured.
SCHIL = """import os
import sys

import plotly.graph_objects as go
import streamlit as st

sys.path.insert(0, os.getcwd())  # the server runs in the project root
from monitor.ui.keuzes import zijbalk

st.set_page_config(page_title="Armoedemonitor", page_icon="📊", layout="wide")


def kaal():
    st.title("Basislijn")
    st.plotly_chart(go.Figure(go.Bar(x=[1, 2], y=["a", "b"], orientation="h")))


def pagina(titel, icoon, pad, **k):
    return st.Page(kaal, title=titel, icon=icoon, url_path=pad, **k)


navigatie = st.navigation({
    "Verkennen": [pagina("Overzicht", ":material/dashboard:", "start", default=True),
                  pagina("Vergelijken", ":material/bar_chart:", "vergelijken"),
                  pagina("Trends", ":material/show_chart:", "trends")],
    "Beleid 2026-2029": [pagina("Beleidsmonitor", ":material/flag:", "beleidsmonitor"),
                         pagina("Doeltreffendheid", ":material/balance:", "doeltreffendheid")],
    "Verantwoording": [pagina("Export", ":material/download:", "export"),
                       pagina("Bronnen en definities", ":material/menu_book:", "bronnen")],
})
zijbalk()
navigatie.run()
"""

# The shell is served the way app.py serves the dashboard (same middleware), so that "schil"
# contains exactly what every page pays. Mirrors app.py (st.App must be written out: see there).
SCHIL_APP = """import os
import sys

import streamlit as st
from starlette.middleware import Middleware

sys.path.insert(0, os.getcwd())  # the server runs in the project root
from monitor.ui.voorpagina import NederlandseVoorpagina

app = st.App("schil.py", middleware=[Middleware(NederlandseVoorpagina)])
"""


def apptest(runs: int) -> dict[str, tuple[list[float], list[float]]]:
    """Warm AppTest runs per page: (wall ms, process CPU ms).

    CPU time counts all threads of this process (the script runs in its own thread) and is
    less sensitive to other jobs on a busy machine than wall time.
    """
    import streamlit as st
    from streamlit import logger
    from streamlit.testing.v1 import AppTest

    logger.set_log_level("error")  # no "missing ScriptRunContext" noise in the output

    uit = {}
    for naam, (pad, _, _) in PAGINAS.items():
        st.cache_data.clear()
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
        at.switch_page(pad).run()  # cold: imports, queries, filling the caches
        assert not at.exception, at.exception
        tijden, cpu = [], []
        for _ in range(runs):
            start, start_cpu = time.perf_counter(), time.process_time()
            at.run()
            tijden.append((time.perf_counter() - start) * 1000)
            cpu.append((time.process_time() - start_cpu) * 1000)
        assert not at.exception, at.exception
        uit[naam] = (tijden, cpu)
    return uit


def _eerste_grafiek(browser, url: str, selector: str) -> tuple[float, float]:
    """(seconds until the selector is in the DOM, main-thread busy seconds in that time).

    The busy time (Chrome's ``TaskDuration``: script, style, layout, paint) shows where the time
    goes: on 2 cores the page's own work in the browser, not the server, sets the pace.
    """
    context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Performance.enable")
        start = time.perf_counter()
        page.goto(url)
        page.wait_for_selector(selector, state="attached", timeout=60_000)
        duur = time.perf_counter() - start
        metriek = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
        return duur, metriek.get("TaskDuration", float("nan"))
    finally:
        context.close()


def chromium(rondes: int, db: Path, tmp: Path) -> tuple[dict, dict, list[float], dict, list,
                                                       list[float]]:
    """(cold per page, warm per page, bare-app times, main-thread busy per page, busy of the bare
    app, shell times), all in seconds."""
    from playwright.sync_api import sync_playwright

    basis_script = tmp / "basislijn.py"
    basis_script.write_text(BASISLIJN, encoding="utf-8")
    (tmp / "schil.py").write_text(SCHIL, encoding="utf-8")
    schil_script = tmp / "schil_app.py"
    schil_script.write_text(SCHIL_APP, encoding="utf-8")
    koud: dict[str, float] = {}
    warm: dict[str, list[float]] = {n: [] for n in PAGINAS}
    bezig: dict[str, list[float]] = {n: [] for n in PAGINAS}
    basislijn: list[float] = []
    basis_bezig: list[float] = []
    schil_tijden: list[float] = []
    with streamlit_server(ROOT / "app.py", db) as (app, _), \
            streamlit_server(basis_script, db) as (kaal, _), \
            streamlit_server(schil_script, db) as (schil, _), sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        _eerste_grafiek(browser, kaal, GRAFIEK)  # cold bare app: not counted
        _eerste_grafiek(browser, f"{schil}/trends", GRAFIEK)  # cold shell: not counted
        for ronde in range(rondes + 1):
            if ronde:
                schil_tijden.append(_eerste_grafiek(browser, f"{schil}/trends", GRAFIEK)[0])
            for naam, (_, pad, selector) in PAGINAS.items():
                b, b_bezig = _eerste_grafiek(browser, kaal, GRAFIEK)
                t, t_bezig = _eerste_grafiek(browser, f"{app}/{pad}", selector)
                if ronde == 0:
                    koud[naam] = t
                else:
                    basislijn.append(b)
                    basis_bezig.append(b_bezig)
                    warm[naam].append(t)
                    bezig[naam].append(t_bezig)
        browser.close()
    return koud, warm, basislijn, bezig, basis_bezig, schil_tijden


def main(runs: int = 7, rondes: int = 7) -> None:
    print(f"== bench/pages.py  ({machine_regel()})")
    with tempfile.TemporaryDirectory(prefix="bench-pages-") as tmp_s:
        tmp = Path(tmp_s)
        db = bouw_tijdelijke_db(tmp)
        os.environ["ARMOEDEMONITOR_DB"] = str(db)
        os.environ["ARMOEDEMONITOR_BELEID_DB"] = str(tmp / "beleid.duckdb")
        warm_at = apptest(runs)
        print(f"AppTest, warme run per pagina; doel ≤ {DOEL_APPTEST_MS} ms:")
        for naam, (tijden, cpu) in warm_at.items():
            oordeel = "ok" if statistics.median(tijden) <= DOEL_APPTEST_MS else "TE TRAAG"
            print(f"  {naam:<16} {samenvatting(tijden)}; cpu mediaan {statistics.median(cpu):.0f} ms"
                  f"  {oordeel}")
        if not heeft_chromium():
            print(f"Chromium niet gevonden op {CHROMIUM}: browsermeting overgeslagen.")
            return
        koud, warm, basislijn, bezig, basis_bezig, schil_tijden = chromium(rondes, db, tmp)
    kaal = statistics.median(basislijn)
    schil = statistics.median(schil_tijden)
    print(f"Chromium, goto tot eerste getekende grafiek (bronnen: eerste uitklapvak; export: de "
          f"tabel), {rondes} warme rondes, afgewisseld met de kale app; doel ≤ {DOEL_RATIO}× kale app:")
    print(f"  {'kale app':<16} {samenvatting(basislijn, 's', '{:.2f}')}  "
          f"browser bezig {statistics.median(basis_bezig):.2f} s")
    print(f"  {'schil':<16} {samenvatting(schil_tijden, 's', '{:.2f}')}  = {schil / kaal:.2f}× "
          "kale app: navigatie en zijbalk, zonder inhoud (geen doel; elke pagina betaalt dit)")
    for naam, tijden in warm.items():
        ratio = statistics.median(tijden) / kaal
        print(f"  {naam:<16} {samenvatting(tijden, 's', '{:.2f}')}  koud {koud[naam]:.2f} s  "
              f"browser bezig {statistics.median(bezig[naam]):.2f} s  "
              f"ratio {ratio:.2f}× {'ok' if ratio <= DOEL_RATIO else 'TE TRAAG'}  "
              f"(inhoud: {statistics.median(tijden) / schil:.2f}× schil)")


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:3]))
