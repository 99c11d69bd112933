"""One build at a time: a file lock beside the database, and cleanup of what a killed build left.

Two builds at once used to delete each other's temporary file ("Could not set lock", "No such
file"). The lock (the `filelock` library) makes the second one wait a bounded time, then stop
with a Dutch sentence instead of a DuckDB error.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

from etl.fouten import EtlFout

WACHT = 60.0  # seconds a second build waits for the first before it gives up

_sloten: dict[str, FileLock] = {}


def _slot(doel: Path) -> FileLock:
    """One lock object per database path, so `refresh` can hold it around its nested build."""
    sleutel = str(doel.resolve()) + ".lock"
    if sleutel not in _sloten:
        _sloten[sleutel] = FileLock(sleutel)
    return _sloten[sleutel]


@contextmanager
def bouwslot(doel: Path, wacht: float = WACHT) -> Iterator[None]:
    """Hold the build lock for `doel`; after `wacht` seconds say that another build is running."""
    slot = _slot(doel)
    try:
        slot.acquire(timeout=wacht)
    except Timeout as fout:
        raise EtlFout(
            f"Er draait al een build van {doel.name} (na {wacht:g} s wachten nog niet klaar). "
            "Wacht tot die klaar is en probeer het dan opnieuw.") from fout
    try:
        yield
    finally:
        slot.release()


def tijdelijke_bestanden(doel: Path) -> list[Path]:
    """The build's temporary file and DuckDB's write-ahead log beside it."""
    tijdelijk = doel.with_name(doel.name + ".tmp")
    return [tijdelijk, tijdelijk.with_name(tijdelijk.name + ".wal")]


def ruim_op(doel: Path) -> None:
    """Remove what a killed build left behind; only called while holding the lock.

    A stale `.tmp.wal` is dangerous, not just untidy: DuckDB would replay it into the next
    build's fresh file.
    """
    for pad in tijdelijke_bestanden(doel):
        pad.unlink(missing_ok=True)


def ruim_ophaalresten_op(statline_map: Path) -> None:
    """Half-written download folders of an interrupted refresh (`.<tabel>-xxxx`, `<tabel>.oud`)."""
    if not statline_map.is_dir():
        return
    for pad in statline_map.iterdir():
        if pad.is_dir() and (pad.name.startswith(".") or pad.name.endswith(".oud")):
            shutil.rmtree(pad, ignore_errors=True)
