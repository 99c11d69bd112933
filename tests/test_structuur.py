"""De afspraken over de opbouw (issue 8), als test: anders sluipen ze er ongemerkt weer in.

- Alleen ``monitor/ui/`` (en ``paginas/``, ``dashboard.py``, ``app.py``) importeert Streamlit.
- SQL staat alleen in ``monitor/store.py`` (monitor.duckdb) en ``monitor/beleid/opslag.py``
  (beleid.duckdb).
- De code van Nederland (``"NL01"``) staat buiten ``etl/`` één keer: in ``monitor/domein.py``.
- Geen importkringen tussen de modules van ``monitor/``.
- De gegevens stromen één kant op: ``etl/`` importeert niets uit ``monitor/`` (het dashboard).
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MONITOR = ROOT / "monitor"


def _modules() -> dict[str, Path]:
    uit = {}
    for pad in MONITOR.rglob("*.py"):
        delen = pad.relative_to(ROOT).with_suffix("").parts
        naam = ".".join(delen[:-1] if delen[-1] == "__init__" else delen)
        uit[naam] = pad
    return uit


def _imports(pad: Path, naam: str) -> set[str]:
    """Modules die dit bestand bij het laden importeert (ook ``from pakket import module``)."""
    boom = ast.parse(pad.read_text(encoding="utf-8"))
    pakket = naam if pad.name == "__init__.py" else naam.rpartition(".")[0]
    uit: set[str] = set()
    for knoop in ast.walk(boom):
        if isinstance(knoop, ast.Import):
            uit |= {a.name for a in knoop.names}
        elif isinstance(knoop, ast.ImportFrom):
            basis = knoop.module or ""
            if knoop.level:
                basis = ".".join(pakket.split(".")[: len(pakket.split(".")) - knoop.level + 1]
                                 + ([basis] if basis else []))
            uit.add(basis)
            uit |= {f"{basis}.{a.name}" for a in knoop.names}
    return uit


def test_etl_importeert_het_dashboard_niet() -> None:
    """Ook niet binnen een functie: ``_imports`` loopt de hele boom af."""
    etl = ROOT / "etl"
    met = sorted((str(p.relative_to(ROOT)), i) for p in etl.rglob("*.py")
                 for i in _imports(p, ".".join(p.relative_to(ROOT).with_suffix("").parts))
                 if i == "monitor" or i.startswith("monitor."))
    assert met == []


def test_alleen_monitor_ui_importeert_streamlit() -> None:
    met = sorted(str(p.relative_to(ROOT)) for n, p in _modules().items()
                 if any(i == "streamlit" or i.startswith("streamlit.") for i in _imports(p, n)))
    assert met and all(p.startswith("monitor/ui/") for p in met), met


def test_sql_alleen_in_de_twee_stores() -> None:
    toegestaan = {MONITOR / "store.py", MONITOR / "beleid" / "opslag.py"}
    met_sql = sorted(str(p.relative_to(ROOT)) for p in _modules().values()
                     if ".execute(" in p.read_text(encoding="utf-8") and p not in toegestaan)
    assert met_sql == []


def test_nederland_code_staat_buiten_etl_een_keer() -> None:
    bestanden = [*MONITOR.rglob("*.py"), *(ROOT / "paginas").glob("*.py"), ROOT / "dashboard.py"]
    plekken = [(str(p.relative_to(ROOT)), p.read_text(encoding="utf-8").count('"NL01"'))
               for p in bestanden]
    assert [(p, n) for p, n in plekken if n] == [("monitor/domein.py", 1)]


def test_geen_importkring_in_monitor() -> None:
    modules = _modules()
    graaf = {n: {i for i in _imports(p, n) if i in modules and i != n} for n, p in modules.items()}
    bezig: set[str] = set()
    klaar: set[str] = set()
    kringen: list[list[str]] = []

    def bezoek(n: str, pad: list[str]) -> None:
        if n in klaar:
            return
        if n in bezig:
            kringen.append(pad[pad.index(n):] + [n])
            return
        bezig.add(n)
        for m in sorted(graaf[n]):
            bezoek(m, [*pad, n])
        bezig.discard(n)
        klaar.add(n)

    for n in sorted(graaf):
        bezoek(n, [])
    assert kringen == []
