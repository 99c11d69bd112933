"""Reservekopie en herstel van ``beleid.duckdb``: het enige dat niet uit CBS te herbouwen is.

Alle SQL staat in :mod:`monitor.beleid.opslag`; hier alleen paden en de volgorde.
``maak_backup`` schrijft naar ``data/backup/<tijd>/`` een kopie van het bestand (via DuckDB's
``EXPORT``-vrije weg: een tweede database met dezelfde tabellen) plus een CSV per tabel, zodat
ook iemand zonder DuckDB kan zien en terugzetten wat er stond. ``herstel`` zet een kopie terug
na een schemacontrole: andere tabellen of kolommen → weigeren met een Nederlandse melding.
"""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

from etl.config import DATA_DIR, beleid_pad
from monitor.beleid import opslag
from monitor.beleid.validatie import BeleidFout

BACKUP_MAP = DATA_DIR / "backup"
BESTAND = "beleid.duckdb"


def maak_backup(doelmap: Path | None = None, *, nu: datetime | None = None) -> Path:
    """Kopie van beleid.duckdb plus een CSV per tabel in ``doelmap/<tijd>/``; geeft die map."""
    tijd = (nu or datetime.now()).strftime("%Y%m%d-%H%M%S")
    map_ = Path(doelmap or BACKUP_MAP) / tijd
    map_.mkdir(parents=True, exist_ok=False)
    opslag.kopieer_naar(map_, BESTAND)
    return map_


def herstel(bron: Path) -> Path:
    """Zet een reservekopie terug (map of bestand) na een schemacontrole; geeft het doelpad.

    De huidige opslag blijft bewaard als ``beleid.duckdb.voor-herstel-<tijd>``.
    """
    bron = Path(bron)
    bestand = bron / BESTAND if bron.is_dir() else bron
    if not bestand.is_file():
        raise BeleidFout(f"Geen reservekopie gevonden in {bron}. Geef een map uit data/backup/ "
                         f"of een bestand {BESTAND}.")
    nieuw = opslag.schema_van_bestand(bestand)
    huidig = opslag.schema()
    if nieuw != huidig:
        ontbreekt = sorted(set(huidig) - set(nieuw))
        anders = sorted(t for t in set(huidig) & set(nieuw) if huidig[t] != nieuw[t])
        extra = sorted(set(nieuw) - set(huidig))
        delen = [f"ontbrekende tabellen: {', '.join(ontbreekt)}" if ontbreekt else "",
                 f"andere kolommen in: {', '.join(anders)}" if anders else "",
                 f"onbekende tabellen: {', '.join(extra)}" if extra else ""]
        raise BeleidFout("Niet teruggezet: de reservekopie past niet bij deze versie van de "
                         f"monitor ({'; '.join(d for d in delen if d)}). Er is niets veranderd.")
    doel = beleid_pad()
    if doel.exists():
        shutil.copy2(doel, doel.with_name(f"{doel.name}.voor-herstel-"
                                          f"{datetime.now():%Y%m%d-%H%M%S}"))
    with opslag.schrijfslot():
        tijdelijk = doel.with_name(doel.name + ".herstel")
        shutil.copy2(bestand, tijdelijk)
        tijdelijk.replace(doel)
    return doel
