"""Benchmark: CSV-import van 5.000 streefwaarden (issue 11, punt 4). Doel: mediaan < 2 s.

Echte snapshotcijfers: alle gemeenten uit de database × 3 indicatoren × 4 beleidsjaren, afgekapt
op 5.000 regels (1.250 paren indicator × regio). Per run een verse beleidsopslag; gemeten wordt
`importeren.importeer_streefwaarden` van bytes tot en met de ene schrijftransactie, met de
nulmetingvoorstellen in één query, zoals de pagina het doet.

Run: `.venv/bin/python bench/import.py [runs]` (vereist data/monitor.duckdb: `make build`).
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from monitor import store  # noqa: E402
from monitor.beleid import importeren, nulmeting  # noqa: E402
from monitor.domein import BELEIDSJAREN  # noqa: E402

REGELS = 5000
KEYS = ("bijstand_per_1000", "hh_laag_inkomen_pct", "hh_rond_sociaal_minimum_pct")


def bestand(gemeenten: list[str]) -> bytes:
    """Een Nederlandse Excel-CSV (; en decimaalkomma) met precies REGELS regels."""
    regels = ["indicator_key;regio_code;jaar;streefwaarde;toelichting"]
    for code in gemeenten:
        for key in KEYS:
            for jaar in BELEIDSJAREN:
                regels.append(f"{key};{code};{jaar};{(jaar - 2020) * 1.5:.1f}".replace(".", ",")
                              + ";benchmark")
    return ("\n".join(regels[: REGELS + 1]) + "\n").encode("utf-8-sig")


def main(runs: int = 5) -> None:
    versie = store.db_versie()
    regios = store.regios(versie)
    gemeenten = [c for c in regios["code"] if c.startswith("GM")]
    data = bestand(gemeenten)
    indicatoren = store.indicatoren(versie)

    def voorstellen(paren: list[tuple[str, str]]) -> dict:
        keys = tuple(sorted({k for k, _ in paren}))
        codes = tuple(sorted({r for _, r in paren}))
        return nulmeting.voorstellen(store.reeks(versie, keys, codes), paren)

    tijden, cpu = [], []
    for i in range(runs):
        with tempfile.TemporaryDirectory() as tmp:
            os.environ["ARMOEDEMONITOR_BELEID_DB"] = str(Path(tmp) / "beleid.duckdb")
            start, start_cpu = time.perf_counter(), time.process_time()
            res = importeren.importeer_streefwaarden(
                data, indicatoren=indicatoren, regio_codes=set(regios["code"]),
                voorstellen=voorstellen, wie="bench", reden="benchmark", bevestigd=True)
            tijden.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
            assert res.gelukt, res.fouten[:5]
            print(f"run {i + 1}: {tijden[-1]:.2f} s ({res.regels} regels, {res.gewijzigd} "
                  "wijzigingen)")
    print(f"mediaan import {REGELS} regels: {statistics.median(tijden):.2f} s (doel < 2 s); "
          f"CPU-tijd {statistics.median(cpu):.2f} s, belasting {os.getloadavg()[0]:.1f} "
          f"op {os.cpu_count()} kernen")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
