"""CBS StatLine: the real cbsodata download, and readers for OData-shaped snapshot files.

Online, `haal_op` asks CBS for one table with `cbsodata.download_data` and writes the raw
responses in cbsodata's own `dir=` format to `data/snapshot/statline/<tabel_id>/`.
Offline, `lees_statline_map` reads that folder, and `lees_odata_csv` reads recorded
TypedDataSet/UntypedDataSet rows that were saved as CSV. Both give the same `Ruw` shape.
"""

from __future__ import annotations

import contextlib
import json
import logging
import shutil
import tempfile
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

import cbsodata
import pandas as pd
import requests
from tenacity import (
    RetryError,
    retry,
    retry_if_exception,
    stop_after_attempt,
    stop_after_delay,
    wait_exponential,
)

from etl import manifest, notatie
from etl.catalogus import Bron
from etl.fouten import EtlFout
from etl.ruw import NietGeladen, Ruw, basisnaam, lees_csv, zoek_kolommen

log = logging.getLogger(__name__)

OPHAAL_INFO = "_opgehaald.json"  # our own note beside cbsodata's files: when, from where, filter


# ----------------------------------------------------------------------------- offline readers
def _jaar_uit_periode(periode: str) -> int | None:
    """'2020JJ00' -> 2020; months and quarters are not yearly figures and are skipped."""
    p = str(periode).strip()
    return int(p[:4]) if len(p) == 8 and p[4:6] == "JJ" else None


def _ruw_uit_rijen(
    rijen: pd.DataFrame, bron: Bron, kolommen: dict[str, str], regio_kolom: str,
    periode_status: dict[str, str] | None = None, naam_kolom: str | None = None,
) -> pd.DataFrame:
    frame = pd.DataFrame({"regio_code": rijen[regio_kolom].astype(str), "regel": rijen.index})
    frame["regio_naam"] = rijen[naam_kolom].astype(str).str.strip() if naam_kolom in rijen else None
    if bron.perioden:
        perioden = rijen[bron.perioden].astype(str).str.strip()
        frame["jaar"] = perioden.map(_jaar_uit_periode)
        frame["periode_status"] = perioden.map(lambda p: (periode_status or {}).get(p))
    else:
        frame["jaar"] = bron.jaar
        frame["periode_status"] = None
    for indicator, key in kolommen.items():
        frame[indicator] = rijen[key].to_numpy()
    return frame[frame["jaar"].notna()]


def lees_odata_csv(pad: Path, bron: Bron, metadata: Path | None = None) -> Ruw:
    """Recorded OData rows saved as CSV (padded keys and '.' kept as CBS sent them).

    `metadata` is the table's shipped `DataProperties.json` (snapshot/statline/<id>/), when
    there is one: its topic descriptions say which figures are preliminary ("Het betreft
    voorlopige cijfers"), so the offline build marks them exactly as the online one does.
    """
    rijen = lees_csv(pad, bron.tabel_id)
    regio_kolom = bron.regio or ""
    if regio_kolom not in rijen.columns:
        raise EtlFout(f"Tabel {bron.tabel_id}: de regiokolom '{regio_kolom}' ontbreekt in {pad.name}.")
    kolommen = zoek_kolommen(list(rijen.columns), bron.kolommen, bron.tabel_id)
    if bron.naam and bron.naam not in rijen.columns:
        raise EtlFout(f"Tabel {bron.tabel_id}: de naamkolom '{bron.naam}' ontbreekt in {pad.name}.")
    frame = _ruw_uit_rijen(rijen, bron, kolommen, regio_kolom, naam_kolom=bron.naam)
    status = status_uit_metadata(_lees_json(metadata, bron.tabel_id), kolommen) if metadata else {}
    return Ruw(frame, kolommen, lege_rijen_overslaan=bron.perioden is not None, bestand=pad.name,
               decimaal=bron.dialect(), status_per_indicator=status)


def _lees_json(pad: Path, tabel: str) -> list[dict]:
    try:
        data = json.loads(pad.read_text(encoding="utf-8"))
    except FileNotFoundError as fout:
        raise EtlFout(f"Tabel {tabel}: {pad.name} ontbreekt in de opgehaalde gegevens.") from fout
    except json.JSONDecodeError as fout:
        raise EtlFout(
            f"Tabel {tabel}: {pad.name} is beschadigd of onvolledig (geen geldige JSON: {fout.msg})."
        ) from fout
    if not isinstance(data, list):
        raise EtlFout(f"Tabel {tabel}: {pad.name} heeft niet de vorm die cbsodata schrijft (een lijst).")
    return data


def status_uit_metadata(eigenschappen: list[dict], kolommen: dict[str, str]) -> dict[str, str]:
    """Per indicator 'voorlopig' or 'nader voorlopig' when the topic's description says so.

    KWB tables state "Definitief, tenzij in de toelichting bij het onderwerp expliciet is
    vermeld dat het voorlopige cijfers betreft", and the topics then say "Het betreft
    voorlopige cijfers." (or "nader voorlopige").
    Matched on the base name: the shipped metadata of 85984NED is the 27-03-2025 version
    (`..._94`), the shipped rows are the revised one (`..._87`); the topic is the same.
    """
    beschrijving: dict[str, str] = {}
    for p in eigenschappen:
        if p.get("Key"):
            beschrijving[basisnaam(str(p["Key"]))] = str(p.get("Description") or "").casefold()
    status = {}
    for indicator, key in kolommen.items():
        tekst = beschrijving.get(basisnaam(key), "")
        if "nader voorlopig" in tekst:
            status[indicator] = "nader voorlopig"
        elif "voorlopige cijfers" in tekst:
            status[indicator] = "voorlopig"
    return status


def heeft_statline_map(map_: Path) -> bool:
    return (map_ / "TypedDataSet.json").exists() or (map_ / "UntypedDataSet.json").exists()


def lees_statline_map(map_: Path, bron: Bron) -> Ruw:
    """A table as `cbsodata.download_data(dir=...)` wrote it; columns resolved via DataProperties."""
    tabel = bron.tabel_id
    data_pad = map_ / "TypedDataSet.json"
    if not data_pad.exists():
        data_pad = map_ / "UntypedDataSet.json"
    eigenschappen = _lees_json(map_ / "DataProperties.json", tabel)
    topics = [p["Key"] for p in eigenschappen if p.get("Type") == "Topic" and p.get("Key")]
    dimensies = [p["Key"] for p in eigenschappen if "Dimension" in str(p.get("Type")) or p.get("Type") == "GeoDetail"]
    rijen = pd.DataFrame(_lees_json(data_pad, tabel))
    rijen.index = pd.RangeIndex(1, len(rijen) + 1, name="regel")  # record number in the JSON list
    if rijen.empty:
        raise EtlFout(f"Tabel {tabel}: de opgehaalde gegevens bevatten geen rijen.")
    gewenst = bron.online_kolommen()
    kolommen = zoek_kolommen(topics, gewenst, tabel, ontbrekend_mag=bron.optioneel)
    niet_geladen = [NietGeladen("kolom", "Deze editie van de tabel heeft geen kolom voor dit cijfer.",
                                indicator_key=ind, bestand=f"{map_.name}/{data_pad.name}",
                                kolom=basis if isinstance(basis, str) else " of ".join(basis))
                    for ind, basis in gewenst.items() if ind not in kolommen]
    ontbreekt = [k for k in kolommen.values() if k not in rijen.columns]
    if ontbreekt:
        raise EtlFout(f"Tabel {tabel}: kolommen {ontbreekt} staan in DataProperties maar niet in de data.")
    regio_kolom = (bron.online.regio if bron.online and bron.online.regio else bron.regio) or ""
    if regio_kolom not in dimensies or regio_kolom not in rijen.columns:
        raise EtlFout(f"Tabel {tabel}: de regiodimensie '{regio_kolom}' ontbreekt.")
    periode_status = None
    if bron.perioden:
        periode_status = {
            str(p["Key"]).strip(): str(p.get("Status") or "").lower() or None
            for p in _lees_json(map_ / f"{bron.perioden}.json", tabel)
        }
    naam_kolom = next((k for k in rijen.columns if k.startswith("Gemeentenaam")), None)
    frame = _ruw_uit_rijen(rijen, bron, kolommen, regio_kolom, periode_status, naam_kolom)
    info = {}
    if (map_ / OPHAAL_INFO).exists():
        info = json.loads((map_ / OPHAAL_INFO).read_text(encoding="utf-8"))
    tabelinfo = _lees_json(map_ / "TableInfos.json", tabel) if (map_ / "TableInfos.json").exists() else []
    gewijzigd = tabelinfo[0].get("Modified") if tabelinfo else None
    versie = f"gewijzigd op {notatie.datum(gewijzigd) or gewijzigd}" if gewijzigd else None
    return Ruw(frame, kolommen, versie=versie, opgehaald_op=info.get("opgehaald_op"),
               lege_rijen_overslaan=bron.perioden is not None, niet_geladen=niet_geladen,
               status_per_indicator=status_uit_metadata(eigenschappen, kolommen),
               bestand=f"{map_.name}/{data_pad.name}", regelwoord="record", decimaal="punt")


def lees_odata4_csv(pad: Path, bron: Bron, data_dir: Path) -> Ruw:
    """OData v4 Observations (long format) for a national table such as 83841NED."""
    obs = lees_csv(pad, bron.tabel_id)
    vereist = {"Measure", "Perioden", "Value"}
    if not vereist <= set(obs.columns):
        raise EtlFout(f"Tabel {bron.tabel_id}: kolommen {sorted(vereist - set(obs.columns))} ontbreken.")
    status: dict[str, str] = {}
    if bron.perioden_codes:
        codes = lees_csv(data_dir / bron.perioden_codes, bron.tabel_id)
        status = {r.Identifier: str(r.Status).lower() for r in codes.itertuples()}
    delen = []
    kolommen = {}
    for indicator, selectie in bron.reeksen.items():
        filters = dict(deel.split("=", 1) for deel in selectie.split(";"))
        masker = pd.Series(True, index=obs.index)
        for dim, code in filters.items():
            if dim not in obs.columns:
                raise EtlFout(f"Tabel {bron.tabel_id}: dimensie '{dim}' ontbreekt.")
            masker &= obs[dim] == code
        sel = obs[masker]
        if sel.empty:
            raise EtlFout(f"Tabel {bron.tabel_id}: geen waarnemingen voor {indicator} ({selectie}).")
        deel = pd.DataFrame({
            "regio_code": bron.vaste_regio, "regio_naam": None,
            "jaar": sel["Perioden"].map(_jaar_uit_periode),
            "periode_status": sel["Perioden"].map(status.get),
            "indicator": indicator,
            "waarde": sel["Value"], "regel": sel.index,
        })
        delen.append(deel)
        kolommen[indicator] = selectie
    lang = pd.concat(delen)
    sleutel = ["regio_code", "jaar", "periode_status"]
    breed = lang.pivot_table(index=sleutel, columns="indicator", values="waarde",
                             aggfunc="first").reset_index()
    # One observation per line in this long file; the error names the first line of the year.
    regels = lang.groupby(sleutel)["regel"].min().rename("regel").reset_index()
    breed = breed.merge(regels, on=sleutel)
    breed["regio_naam"] = None
    return Ruw(breed, kolommen, bestand=pad.name, decimaal=bron.dialect())


# ----------------------------------------------------------------------------- online
def _tijdelijk_mislukt(fout: BaseException) -> bool:
    """Retry on timeouts, dropped connections and CBS 5xx answers; not on 4xx or bad data."""
    if isinstance(fout, (requests.Timeout, requests.ConnectionError)):
        return True
    if isinstance(fout, requests.HTTPError):
        tekst = str(fout)
        return any(f" {code} " in f" {tekst} " or f"{code} Server Error" in tekst
                   for code in range(500, 600))
    return False


VERBINDEN = 5.0  # seconds to set up a connection (connect timeout per request)
LEZEN = 20.0  # seconds CBS may stay silent within one answer (read timeout per request)


def proxies_voor(catalog_url: str, use_https: bool) -> dict[str, str]:
    """Proxy settings from the environment exactly as `requests` reads them (http_proxy and
    HTTP_PROXY, no_proxy). cbsodata sends a prepared request with `Session.send`, which skips
    the environment, so the refresh passes them on explicitly."""
    url = ("https://" if use_https else "http://") + catalog_url + "/"
    return requests.utils.get_environ_proxies(url)


def haal_op(bron: Bron, doel_map: Path, *, timeout: float | tuple[float, float] = (VERBINDEN, LEZEN),
            pogingen: int = 3, wacht_max: float = 30.0, termijn: float | None = None,
            afbreken: threading.Event | None = None, wissel: threading.Lock | None = None,
            extra: dict | None = None) -> Path:
    """Download one table with cbsodata into `doel_map` (replaced only when all went well).

    The download goes to a temporary folder first and is read back completely, so a broken
    or partial answer never replaces the last good copy. Every request has a connect and read
    timeout, never longer than what is left of `termijn` seconds; retries stop at the deadline
    too. `afbreken` (set by a caller that stopped waiting) prevents a late swap; `wissel`
    makes that check and the swap one step. `extra` is kept in `_opgehaald.json`.
    """
    if bron.online is None:
        raise EtlFout(f"Tabel {bron.tabel_id}: deze bron heeft geen online-instelling.")
    tabel = bron.tabel_id
    eind = None if termijn is None else time.monotonic() + termijn
    verbinden, lezen = timeout if isinstance(timeout, tuple) else (timeout, timeout)
    proxies = proxies_voor(cbsodata.options.catalog_url, cbsodata.options.use_https)

    def _tijd() -> tuple[float, float]:
        if eind is None:
            return verbinden, lezen
        rest = eind - time.monotonic()
        if rest <= 0 or (afbreken is not None and afbreken.is_set()):
            raise requests.Timeout(f"de tijd voor deze tabel ({termijn:g} s) is op")
        return min(verbinden, rest), min(lezen, rest)

    stop = stop_after_attempt(pogingen)
    if termijn is not None:
        stop = stop | stop_after_delay(termijn)

    @retry(retry=retry_if_exception(_tijdelijk_mislukt), stop=stop,
           wait=wait_exponential(multiplier=0.5, max=wacht_max), reraise=False)
    def _met_herhaling(functie, *args, **kwargs):
        return functie(*args, timeout=_tijd(), proxies=proxies, **kwargs)

    doel_map.parent.mkdir(parents=True, exist_ok=True)
    tijdelijk = Path(tempfile.mkdtemp(prefix=f".{tabel}-", dir=doel_map.parent))
    try:
        try:
            eigenschappen = _met_herhaling(cbsodata.get_meta, tabel, "DataProperties")
            topics = [p["Key"] for p in eigenschappen if p.get("Type") == "Topic"]
            kolommen = zoek_kolommen(topics, bron.online_kolommen(), tabel, ontbrekend_mag=bron.optioneel)
            regio = (bron.online.regio or bron.regio) or ""
            # The name column's key differs between a snapshot CSV ('gemeentenaam') and CBS
            # ('Gemeentenaam_1'); match the base name without case.
            naam_basis = basisnaam(bron.naam).casefold() if bron.naam else None
            namen = {"naam": k for k in topics if naam_basis and basisnaam(k).casefold() == naam_basis}
            select = [regio, *([bron.perioden] if bron.perioden else []), *namen.values(),
                      *kolommen.values()]
            _met_herhaling(cbsodata.download_data, tabel, dir=str(tijdelijk),
                           select=select, filters=bron.online.filter)
        except RetryError as fout:
            oorzaak = fout.last_attempt.exception()
            raise EtlFout(f"Tabel {tabel}: CBS gaf geen antwoord na "
                          f"{fout.last_attempt.attempt_number} poging(en) ({oorzaak}). "
                          "De vorige gegevens blijven in gebruik.") from oorzaak
        except requests.RequestException as fout:
            raise EtlFout(f"Tabel {tabel}: ophalen bij CBS mislukte ({fout}). "
                          "De vorige gegevens blijven in gebruik.") from fout
        except (KeyError, ValueError, TypeError) as fout:
            raise EtlFout(f"Tabel {tabel}: CBS stuurde een onverwacht antwoord ({fout}). "
                          "De vorige gegevens blijven in gebruik.") from fout
        (tijdelijk / OPHAAL_INFO).write_text(json.dumps({
            "tabel_id": tabel, "filter": bron.online.filter,
            "catalog_url": cbsodata.options.catalog_url,
            "opgehaald_op": datetime.now(UTC).isoformat(timespec="seconds"),
            **(extra or {}),
        }, indent=2), encoding="utf-8")
        lees_statline_map(tijdelijk, bron)  # read back: a broken answer stops here
        with wissel or contextlib.nullcontext():
            if afbreken is not None and afbreken.is_set():
                raise EtlFout(f"Tabel {tabel}: te laat binnen; de vorige gegevens blijven in gebruik.")
            oud = doel_map.with_name(doel_map.name + ".oud")
            shutil.rmtree(oud, ignore_errors=True)
            if doel_map.exists():
                doel_map.rename(oud)
            tijdelijk.rename(doel_map)
            shutil.rmtree(oud, ignore_errors=True)
            manifest.werk_bij_map(doel_map.parent.parent, doel_map)  # data/snapshot/statline/<id>
        return doel_map
    finally:
        shutil.rmtree(tijdelijk, ignore_errors=True)
