"""`python -m etl refresh`: fetch CBS tables within a deadline, find new editions, record failures.

A network that accepts connections and never answers used to keep a refresh busy for 21
minutes and then report "gelukt". Now every request has connect and read timeouts, every table
has a deadline, and the whole run has one (default 100 s, well under two minutes), enforced by
waiting for each table's download thread no longer than the time left. What failed is written to
`data/logs/etl.log` and to `etl_run` / `etl_run_tabel`; when nothing could be fetched the
database is not rebuilt at all (it stays byte-identical) and the next build records the failure.

Editions are found in CBS's own table list (`cbsodata.get_table_list()`): every title that
matches a `[[reeks]]` of the catalogue, e.g. "Kerncijfers wijken en buurten 2027", is fetched
and loaded through the same base-name column resolution, without a code change.
"""

from __future__ import annotations

import json
import os
import re
import threading
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import cbsodata
import requests

from etl.catalogus import Bron, Catalogus, laad_catalogus
from etl.config import LOG_MAP, STATLINE_MAP
from etl.fouten import EtlFout
from etl.load import MISLUKTE_RUNS, bouw_database, log_melding
from etl.slot import WACHT, bouwslot, ruim_ophaalresten_op
from etl.statline import LEZEN, VERBINDEN, haal_op, proxies_voor

RUN_DEADLINE = 100.0  # seconds for all tables together (issue: give up within 2 minutes)
TABEL_DEADLINE = 60.0  # seconds for one table, retries included
CBS_URL_OMGEVING = "ARMOEDEMONITOR_CBS_URL"  # e.g. http://127.0.0.1:8765 for the loopback stand-in


def stel_cbs_url_in() -> None:
    """Point cbsodata at another OData host when the environment says so (tests, a mirror)."""
    url = os.environ.get(CBS_URL_OMGEVING)
    if url:
        cbsodata.options.use_https = url.startswith("https://")
        cbsodata.options.catalog_url = re.sub(r"^https?://", "", url).rstrip("/")


@dataclass
class Taak:
    """One table to fetch: the source it feeds and what to note beside the download."""

    bron: Bron
    extra: dict = field(default_factory=dict)


def _binnen(wachttijd: float, functie, /, *args, **kwargs):
    """Run `functie` in a daemon thread and wait at most `wachttijd` seconds.

    The last line of defence: timeouts per request bound each read, but an answer that trickles
    in byte by byte could still take long. The thread is abandoned, never killed; `haal_op`
    checks `afbreken` before it swaps anything in.
    """
    uitkomst: dict = {}

    def werk() -> None:
        try:
            uitkomst["waarde"] = functie(*args, **kwargs)
        except BaseException as fout:  # noqa: BLE001 (handed to the waiting thread)
            uitkomst["fout"] = fout

    draad = threading.Thread(target=werk, daemon=True)
    draad.start()
    draad.join(max(wachttijd, 0))
    if draad.is_alive():
        raise TimeoutError(f"CBS gaf geen volledig antwoord binnen {wachttijd:.0f} s; "
                           "de vorige gegevens blijven in gebruik")
    if "fout" in uitkomst:
        raise uitkomst["fout"]
    return uitkomst.get("waarde")


def ontdek(catalogus: Catalogus, tabellen: list[dict]) -> list[Taak]:
    """Editions in CBS's table list that match a `[[reeks]]`, as fetch tasks.

    An edition the catalogue already knows (same table id) keeps its own settings; an unknown
    one gets the series' settings, with every indicator optional because editions differ.
    """
    bekend = {b.tabel_id.casefold(): b for b in catalogus.bron if b.online}
    taken: list[Taak] = []
    gezien: set[str] = set()
    for reeks in catalogus.reeks:
        patroon = re.compile(reeks.titel)
        for tabel in tabellen:
            gevonden = patroon.fullmatch(str(tabel.get("Title", "")).strip())
            tabel_id = str(tabel.get("Identifier", "")).strip()
            if not gevonden or not tabel_id or tabel_id.casefold() in gezien:
                continue
            jaar = int(gevonden.group("jaar")) if "jaar" in patroon.groupindex else None
            if jaar is not None and jaar < reeks.vanaf:
                continue
            gezien.add(tabel_id.casefold())
            extra = {"reeks": reeks.id, "titel": str(tabel.get("Title")).strip(), "jaar": jaar}
            bron = bekend.get(tabel_id.casefold()) or reeks.bron_voor(tabel_id, extra["titel"], jaar)
            taken.append(Taak(bron, extra))
    return taken


def _tabellijst(termijn: float) -> list[dict]:
    proxies = proxies_voor(cbsodata.options.catalog_url, cbsodata.options.use_https)
    tijd = (min(VERBINDEN, termijn), min(LEZEN, termijn))
    return _binnen(termijn, cbsodata.get_table_list, timeout=tijd, proxies=proxies)


def ververs(doel: Path, data_dir: Path, *, tabellen: list[str] | None = None,
            run_deadline: float = RUN_DEADLINE, tabel_deadline: float = TABEL_DEADLINE,
            wacht: float = WACHT, accepteer_verschil: bool = False, ontdekken: bool = True) -> int:
    """Fetch, then build; returns the exit code (1 when any table could not be fetched)."""
    stel_cbs_url_in()
    gestart = datetime.now(UTC).replace(tzinfo=None)
    eind = time.monotonic() + run_deadline
    statline_map = data_dir / STATLINE_MAP
    with bouwslot(doel, wacht):
        ruim_ophaalresten_op(statline_map)
        catalogus = laad_catalogus()
        taken = [Taak(b) for b in catalogus.bron if b.online]
        verslag: dict[str, str] = {}
        if ontdekken and catalogus.reeks:
            try:
                lijst = _tabellijst(min(tabel_deadline, eind - time.monotonic()))
                print(f"CBS-catalogus: {len(lijst)} tabellen")
                ontdekt = ontdek(catalogus, lijst)
                al = {t.bron.tabel_id for t in taken}
                taken = [*[t for t in ontdekt if t.bron.tabel_id in al],
                         *[t for t in taken if t.bron.tabel_id not in {o.bron.tabel_id for o in ontdekt}],
                         *[t for t in ontdekt if t.bron.tabel_id not in al]]
                print("Gevonden edities: " + ", ".join(
                    f"{t.extra['titel']} ({t.bron.tabel_id})" for t in ontdekt))
            except (requests.RequestException, TimeoutError, ValueError, KeyError) as fout:
                verslag["CBS-catalogus"] = f"de tabellenlijst van CBS kwam niet binnen ({fout})"
        if tabellen:
            taken = [t for t in taken if t.bron.tabel_id in tabellen]
        gelukt: list[str] = []
        for taak in taken:
            tabel = taak.bron.tabel_id
            rest = eind - time.monotonic()
            if rest <= 1:
                verslag[tabel] = f"niet geprobeerd: de tijd voor de hele refresh ({run_deadline:g} s) was op"
                continue
            termijn = min(tabel_deadline, rest)
            print(f"Ophalen: {tabel} ({taak.bron.titel}), hooguit {termijn:.0f} s")
            afbreken, wissel = threading.Event(), threading.Lock()
            try:
                _binnen(termijn, haal_op, taak.bron, statline_map / tabel, termijn=termijn,
                        afbreken=afbreken, wissel=wissel, extra=taak.extra)
                gelukt.append(tabel)
            except (EtlFout, TimeoutError) as fout:
                with wissel:
                    afbreken.set()
                verslag[tabel] = str(fout)
        for tabel, reden in verslag.items():
            log_melding(data_dir, f"ophalen {tabel}: {reden}")
            print(f"Mislukt: {tabel}: {reden}")
        if not gelukt and verslag:
            _bewaar_mislukte_run(data_dir, gestart, verslag)
            print("Niets opgehaald: de database is niet opnieuw gebouwd; de vorige blijft in gebruik.")
            return 1
        bouw_database(doel, data_dir, wacht=wacht, accepteer_verschil=accepteer_verschil,
                      ophaalverslag=verslag)
    if verslag:
        print(f"Niet bijgewerkt (vorige gegevens gebruikt): {', '.join(sorted(verslag))}")
        return 1
    return 0


def _bewaar_mislukte_run(data_dir: Path, gestart: datetime, verslag: dict[str, str]) -> None:
    """A refresh that fetched nothing leaves the database alone; the next build records it."""
    map_ = data_dir / LOG_MAP
    map_.mkdir(parents=True, exist_ok=True)
    regel = {"run_id": uuid.uuid4().hex[:12], "gestart": gestart.isoformat(),
             "klaar": datetime.now(UTC).replace(tzinfo=None).isoformat(),
             "melding": f"refresh mislukt: niets opgehaald ({len(verslag)} tabellen)",
             "tabellen": sorted(verslag.items())}
    with (map_ / MISLUKTE_RUNS).open("a", encoding="utf-8") as f:
        f.write(json.dumps(regel, ensure_ascii=False) + "\n")
