"""The snapshot manifest: sha256, size and row count of every shipped data file.

A truncated or edited snapshot file used to load as if nothing was wrong. `build` now compares
every `.csv`/`.json` under `data/snapshot/` with `data/snapshot/MANIFEST` and stops, naming the
file, when one differs, is missing or is new. `refresh` rewrites the lines of what it downloaded;
a person who replaces a file on purpose accepts it with `python -m etl accepteer PAD`.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
from dataclasses import dataclass
from pathlib import Path

from etl.fouten import EtlFout

NAAM = "MANIFEST"
SOORTEN = {".csv", ".json"}
KOP = ("# Snapshotmanifest van de Armoedemonitor: sha256, bytes, rijen en pad (onder data/snapshot/),\n"
       "# gescheiden door tabs. Niet met de hand bewerken: `python -m etl accepteer PAD` werkt het bij.\n")
AANWIJZING = ("Is de wijziging bedoeld (u hebt het bestand zelf vervangen), controleer het dan en "
              "voer uit: python -m etl accepteer {pad}  (of: make accepteer BESTAND={pad}).")


@dataclass(frozen=True)
class Regel:
    sha256: str
    bytes: int
    rijen: int
    pad: str  # relative to the snapshot folder, with forward slashes


def _sha256(pad: Path) -> str:
    h = hashlib.sha256()
    with pad.open("rb") as f:
        for blok in iter(lambda: f.read(1 << 20), b""):
            h.update(blok)
    return h.hexdigest()


def tel_rijen(pad: Path) -> int:
    """Data rows: CSV records after the header, or the length of a JSON list (cbsodata's format).

    Unreadable files count as -1; the strict readers say what is wrong with them.
    """
    try:
        tekst = pad.read_text(encoding="utf-8-sig")
        if pad.suffix == ".json":
            data = json.loads(tekst)
            return len(data) if isinstance(data, list) else 1
        kop = tekst.split("\n", 1)[0]
        sep = ";" if kop.count(";") > kop.count(",") else ","
        return max(sum(1 for rij in csv.reader(io.StringIO(tekst, newline=""), delimiter=sep) if rij) - 1, 0)
    except (UnicodeDecodeError, json.JSONDecodeError, csv.Error):
        return -1


def _regel(snapshot: Path, pad: Path) -> Regel:
    return Regel(_sha256(pad), pad.stat().st_size, tel_rijen(pad), pad.relative_to(snapshot).as_posix())


def _databestanden(map_: Path) -> list[Path]:
    """Shipped data files; hidden folders are half-finished downloads, never data."""
    return sorted(p for p in map_.rglob("*") if p.is_file() and p.suffix in SOORTEN
                  and not any(deel.startswith(".") or deel.endswith(".oud")
                              for deel in p.relative_to(map_).parts[:-1]))


def lees(snapshot: Path) -> dict[str, Regel]:
    pad = snapshot / NAAM
    if not pad.exists():
        raise EtlFout(f"Het snapshotmanifest {NAAM} ontbreekt in de map snapshot. Maak het (na controle "
                      "van de bestanden) met: python -m etl accepteer data/snapshot")
    regels: dict[str, Regel] = {}
    for nr, tekst in enumerate(pad.read_text(encoding="utf-8").splitlines(), start=1):
        if not tekst.strip() or tekst.startswith("#"):
            continue
        velden = tekst.split("\t")
        if len(velden) != 4 or not velden[1].isdigit():
            raise EtlFout(f"{NAAM} regel {nr} is beschadigd: verwacht sha256, bytes, rijen en pad.")
        regels[velden[3]] = Regel(velden[0], int(velden[1]), int(velden[2]), velden[3])
    return regels


def schrijf(snapshot: Path, regels: dict[str, Regel]) -> None:
    """Write atomically: a half-written manifest would reject every later build."""
    tekst = KOP + "".join(f"{r.sha256}\t{r.bytes}\t{r.rijen}\t{r.pad}\n"
                          for r in sorted(regels.values(), key=lambda r: r.pad))
    tijdelijk = snapshot / (NAAM + ".tmp")
    tijdelijk.write_text(tekst, encoding="utf-8")
    os.replace(tijdelijk, snapshot / NAAM)


def controleer(snapshot: Path) -> None:
    """Stop the build when a shipped file differs from the manifest; the message names each file."""
    verwacht = lees(snapshot)
    aanwezig = {p.relative_to(snapshot).as_posix(): p for p in _databestanden(snapshot)}
    meldingen = []
    for rel, regel in verwacht.items():
        pad = aanwezig.get(rel)
        if pad is None:
            meldingen.append(f"{rel} ontbreekt (het manifest noemt {regel.rijen} rijen)")
            continue
        grootte = pad.stat().st_size
        if grootte != regel.bytes or _sha256(pad) != regel.sha256:
            meldingen.append(f"{rel} is gewijzigd: {grootte} bytes en {tel_rijen(pad)} rijen, "
                             f"het manifest zegt {regel.bytes} bytes en {regel.rijen} rijen")
    for rel in sorted(set(aanwezig) - set(verwacht)):
        meldingen.append(f"{rel} staat niet in het manifest")
    if meldingen:
        voorbeeld = "data/snapshot/" + meldingen[0].split(" ", 1)[0]
        raise EtlFout("De snapshot klopt niet met data/snapshot/MANIFEST: " + "; ".join(meldingen)
                      + ". De vorige database blijft in gebruik. " + AANWIJZING.format(pad=voorbeeld))


def accepteer(snapshot: Path, paden: list[Path]) -> list[str]:
    """Record the current state of the given files or folders; returns what changed, in Dutch.

    A path that no longer exists drops its lines: accepting a deliberate removal.
    """
    snapshot = snapshot.resolve()
    try:
        regels = lees(snapshot)
    except EtlFout:
        regels = {}
    gewijzigd = []
    for pad in paden:
        pad = pad.resolve()
        if pad != snapshot and snapshot not in pad.parents:
            raise EtlFout(f"{pad.name} ligt niet in de map data/snapshot; alleen snapshotbestanden "
                          "staan in het manifest.")
        rel = "" if pad == snapshot else pad.relative_to(snapshot).as_posix()
        for sleutel in [k for k in regels if not rel or k == rel or k.startswith(rel + "/")]:
            if not (snapshot / sleutel).exists():
                del regels[sleutel]
                gewijzigd.append(f"{sleutel}: uit het manifest gehaald (bestaat niet meer)")
        bestanden = _databestanden(pad) if pad.is_dir() else [pad] if pad.exists() else []
        for bestand in bestanden:
            nieuw = _regel(snapshot, bestand)
            if regels.get(nieuw.pad) != nieuw:
                regels[nieuw.pad] = nieuw
                gewijzigd.append(f"{nieuw.pad}: {nieuw.bytes} bytes, {nieuw.rijen} rijen")
    schrijf(snapshot, regels)
    return gewijzigd


def werk_bij_map(snapshot: Path, map_: Path) -> None:
    """After a successful download: the manifest lines of that table folder become what CBS sent."""
    accepteer(snapshot, [map_])
