"""Benchmark: memory (RSS) of the Streamlit server with 10 concurrent browser sessions.

One Debian Chromium, 10 browser contexts (10 Streamlit sessions at once). Each session walks
through all seven pages, starting at a different page, and waits on each for Streamlit's own
"done" signal (`data-test-script-state="notRunning"`) and the page's first chart/table. A thread
reads the server's VmRSS from /proc every 50 ms. Bounded: `rondes` walks per session (default 1),
every wait has a timeout, loopback (127.0.0.1) only.

Target (issue 8): peak RSS < 300 MB. The server inherits the environment, so
`MALLOC_ARENA_MAX=2 .venv/bin/python bench/geheugen.py` measures the effect of fewer glibc
malloc arenas (Streamlit runs every session's script in its own thread).
Run: `make bench` or `.venv/bin/python bench/geheugen.py [sessies] [rondes]`.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _hulp import (  # noqa: E402
    CHROMIUM, CHROMIUM_ARGS, ROOT, bouw_tijdelijke_db, heeft_chromium, machine_regel, rss_mb,
    streamlit_server,
)
from pages import PAGINAS  # noqa: E402

DOEL_MB = 300
KLAAR = "[data-testid='stApp'][data-test-script-state='notRunning']"
TIMEOUT_MS = 120_000


class Bemonsteraar(threading.Thread):
    """Reads the RSS of one pid every `interval` seconds until stopped; keeps the peak."""

    def __init__(self, pid: int, interval: float = 0.05) -> None:
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.piek = 0.0
        self.laatste = 0.0
        self._halt = threading.Event()

    def run(self) -> None:
        while not self._halt.is_set():
            try:
                self.laatste = rss_mb(self.pid)
            except (OSError, RuntimeError):
                return
            self.piek = max(self.piek, self.laatste)
            self._halt.wait(self.interval)

    def stop(self) -> None:
        self._halt.set()
        self.join(timeout=5)


async def sessie(browser, basis: str, start: int, rondes: int) -> tuple[int, list[str]]:
    """One browser context = one Streamlit session at a time; returns (pages loaded, failures).

    A page that does not finish within the timeout is recorded, not fatal: the RSS peak is
    what this benchmark is for, and a busy machine must not lose it.
    """
    from playwright.async_api import Error as PlaywrightFout

    volgorde = list(PAGINAS.values())
    volgorde = volgorde[start % len(volgorde):] + volgorde[:start % len(volgorde)]
    context = await browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    geladen, fouten = 0, []
    try:
        page = await context.new_page()
        for _ in range(rondes):
            for _, pad, selector in volgorde:
                try:
                    await page.goto(f"{basis}/{pad}", timeout=TIMEOUT_MS)
                    await page.wait_for_selector(selector, state="attached", timeout=TIMEOUT_MS)
                    await page.wait_for_selector(KLAAR, state="attached", timeout=TIMEOUT_MS)
                    geladen += 1
                except PlaywrightFout as fout:
                    fouten.append(f"/{pad}: {str(fout).splitlines()[0]}")
    finally:
        await context.close()
    return geladen, fouten


async def belasting(basis: str, sessies: int, rondes: int) -> tuple[int, list[str]]:
    from playwright.async_api import async_playwright

    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            uitkomsten = await asyncio.gather(*(sessie(browser, basis, i, rondes)
                                                for i in range(sessies)))
        finally:
            await browser.close()
    return sum(n for n, _ in uitkomsten), [f for _, fs in uitkomsten for f in fs]


def main(sessies: int = 10, rondes: int = 1) -> None:
    print(f"== bench/geheugen.py  ({machine_regel()})")
    if os.environ.get("MALLOC_ARENA_MAX"):
        print(f"  (server met MALLOC_ARENA_MAX={os.environ['MALLOC_ARENA_MAX']})")
    if not heeft_chromium():
        print(f"Chromium niet gevonden op {CHROMIUM}: geheugenmeting overgeslagen.")
        return
    with tempfile.TemporaryDirectory(prefix="bench-geheugen-") as tmp:
        db = bouw_tijdelijke_db(Path(tmp))
        with streamlit_server(ROOT / "app.py", db) as (basis, server):
            leeg = rss_mb(server.pid)
            meter = Bemonsteraar(server.pid)
            meter.start()
            start = time.perf_counter()
            geladen, fouten = asyncio.run(belasting(basis, sessies, rondes))
            duur = time.perf_counter() - start
            time.sleep(2)  # sessions disconnect; what stays resident?
            na = rss_mb(server.pid)
            meter.stop()
    oordeel = "ok" if meter.piek < DOEL_MB else "TE HOOG"
    print(f"Streamlit-server (pid {server.pid}), {sessies} gelijktijdige sessies in één Chromium, "
          f"{rondes}× alle {len(PAGINAS)} pagina's per sessie ({geladen} paginaladingen in "
          f"{duur:.0f} s):")
    print(f"  RSS na start {leeg:.0f} MB, piek {meter.piek:.0f} MB, 2 s na afloop {na:.0f} MB; "
          f"doel piek < {DOEL_MB} MB: {oordeel}")
    if fouten:
        print(f"  {len(fouten)} paginaladingen niet klaar binnen {TIMEOUT_MS // 1000} s "
              f"(drukke machine?): {'; '.join(sorted(set(fouten))[:5])}")


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:3]))
