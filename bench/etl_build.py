"""Benchmark: `python -m etl build` from the shipped snapshot (all municipalities).

Target (issue 2): under 5 s. Prints the median and spread of several runs, and peak memory.
Run: `make bench` or `.venv/bin/python bench/etl_build.py [runs]`.
"""

from __future__ import annotations

import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from etl.load import bouw_database  # noqa: E402


def main(runs: int = 5) -> None:
    tijden = []
    with tempfile.TemporaryDirectory() as tmp:
        doel = Path(tmp) / "monitor.duckdb"
        bouw_database(doel)  # warm-up: imports and file cache
        for _ in range(runs):
            start = time.perf_counter()
            bouw_database(doel)
            tijden.append(time.perf_counter() - start)
    piek_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"etl build: mediaan {statistics.median(tijden):.2f} s over {runs} runs "
          f"(min {min(tijden):.2f}, max {max(tijden):.2f}); piekgeheugen {piek_mb:.0f} MB; doel < 5 s")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
