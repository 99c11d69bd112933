"""Profile one warm AppTest run of a page with cProfile (the script runs in its own thread).

Used to find why a page misses the 250 ms target of bench/pages.py.
Run: `.venv/bin/python bench/profiel.py paginas/beleidsmonitor.py [paginas/export.py ...]`
"""

from __future__ import annotations

import cProfile
import io
import os
import pstats
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _hulp import ROOT, bouw_tijdelijke_db  # noqa: E402


def profiel(pad: str, regels: int = int(os.environ.get("PROFIEL_REGELS", "25"))) -> None:
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.switch_page(pad).run()
    at.run()  # warm
    prof = cProfile.Profile()

    def start_in_script_thread(*_: object) -> None:
        sys.setprofile(None)
        prof.enable()  # profiles the thread AppTest starts for the script run

    threading.setprofile(start_in_script_thread)
    cpu, wand = time.process_time(), time.perf_counter()
    try:
        at.run()
    finally:
        threading.setprofile(None)  # type: ignore[arg-type]
    cpu, wand = (time.process_time() - cpu) * 1000, (time.perf_counter() - wand) * 1000
    assert not at.exception, at.exception
    uit = io.StringIO()
    stats = pstats.Stats(prof, stream=uit)
    stats.sort_stats("cumulative").print_stats(regels)
    print(f"=== {pad}: warme run {wand:.0f} ms wand, {cpu:.0f} ms cpu (proces)")
    print("\n".join(r for r in uit.getvalue().splitlines() if r.strip())[:6000])


def main(paden: list[str]) -> None:
    from streamlit import logger

    logger.set_log_level("error")
    with tempfile.TemporaryDirectory(prefix="bench-profiel-") as tmp:
        db = bouw_tijdelijke_db(Path(tmp))
        os.environ["ARMOEDEMONITOR_DB"] = str(db)
        os.environ["ARMOEDEMONITOR_BELEID_DB"] = str(Path(tmp) / "beleid.duckdb")
        for pad in paden:
            profiel(pad)


if __name__ == "__main__":
    main(sys.argv[1:] or ["paginas/beleidsmonitor.py"])
