"""Refresh on loopback only: a hanging network gives up within the deadline and leaves the
database byte-identical, proxies are honoured as `requests` does, and new KWB editions are
found in CBS's table list and loaded without a code change.

Every figure the stand-in serves comes from a real snapshot file; only the OData envelope is
rebuilt around it (keys with the position suffixes CBS used for that edition).
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import cbsodata
import duckdb
import pandas as pd
import pytest

from etl import manifest
from etl.catalogus import laad_catalogus
from etl.load import bouw_database
from etl.ophalen import ontdek, ververs
from tests.cbs_nabootsing import CbsNabootsing, HangendeServer, OpgenomenTabel
from tests.pages_hulp import open_pagina
from tests.test_etl import _getypt, opname_kwb2024

ROOT = Path(__file__).resolve().parents[1]
SNAPSHOT = ROOT / "data" / "snapshot" / "bestanden"


def vingerafdruk(pad: Path) -> str:
    return hashlib.sha256(pad.read_bytes()).hexdigest()


def sql(pad: Path, query: str) -> pd.DataFrame:
    with duckdb.connect(str(pad), read_only=True) as con:
        return con.execute(query).df()


@pytest.fixture
def cbs_instellingen(monkeypatch: pytest.MonkeyPatch) -> None:
    """Restore cbsodata's global options after a test that points them elsewhere."""
    monkeypatch.setattr(cbsodata.options, "catalog_url", cbsodata.options.catalog_url)
    monkeypatch.setattr(cbsodata.options, "use_https", cbsodata.options.use_https)
    for naam in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY",
                 "no_proxy", "NO_PROXY"):
        monkeypatch.delenv(naam, raising=False)


def _zonder_proxy_omgeving() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k.lower() not in
            ("http_proxy", "https_proxy", "all_proxy", "no_proxy")}


# ----------------------------------------------------------------------------- hanging network
def test_refresh_op_hangend_netwerk_stopt_binnen_de_deadline(data_kopie: Path, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch):
    db = bouw_database(tmp_path / "monitor.duckdb", data_dir=data_kopie)
    voor = vingerafdruk(db)
    with HangendeServer() as adres:
        omgeving = {**_zonder_proxy_omgeving(), "ARMOEDEMONITOR_DATA": str(data_kopie),
                    "ARMOEDEMONITOR_DB": str(db), "ARMOEDEMONITOR_CBS_URL": f"http://{adres}"}
        start = time.monotonic()
        uit = subprocess.run([sys.executable, "-m", "etl", "refresh", "--deadline", "8",
                              "--tabel-deadline", "3"], cwd=ROOT, env=omgeving, capture_output=True,
                             text=True, timeout=120)
        duur = time.monotonic() - start
    assert uit.returncode == 1, uit.stdout + uit.stderr
    assert duur < 8 + 15, f"de refresh gaf pas na {duur:.0f} s op"
    assert vingerafdruk(db) == voor, "een mislukte refresh raakt de database niet aan"
    log = (data_kopie / "logs" / "etl.log").read_text(encoding="utf-8")
    assert "MISLUKT ophalen CBS-catalogus" in log and "MISLUKT ophalen 70072ned" in log
    assert "niet geprobeerd" in log, "tabellen na de deadline staan er ook in"
    # The next build records the failed refresh in etl_run and etl_run_tabel.
    bouw_database(db, data_dir=data_kopie)
    runs = sql(db, "SELECT run_id, modus, status FROM etl_run WHERE status = 'mislukt'")
    assert runs["modus"].tolist() == ["refresh"]
    tabellen = sql(db, f"SELECT tabel_id, herkomst, melding FROM etl_run_tabel "
                       f"WHERE run_id = '{runs['run_id'].iloc[0]}'")
    assert set(tabellen["herkomst"]) == {"niet opgehaald"}
    assert "70072ned" in set(tabellen["tabel_id"])
    assert not (data_kopie / "logs" / "mislukte_refresh.jsonl").exists()
    # De pagina Bronnen zegt welke tabellen niet van CBS kwamen.
    monkeypatch.setenv("ARMOEDEMONITOR_DB", str(db))
    at = open_pagina("paginas/bronnen.py")
    waarschuwing = " ".join(w.value for w in at.warning)
    assert "kwamen deze tabellen niet van CBS" in waarschuwing and "70072ned" in waarschuwing
    # Eén tabel per bijwerking (de nieuwste eerst: de build na de mislukte refresh).
    herkomst = [set(t.value["Herkomst"]) for t in at.dataframe if "Herkomst" in t.value.columns]
    assert len(herkomst) == 2 and "niet opgehaald" in herkomst[1]


@pytest.mark.parametrize("variabele", ["HTTP_PROXY", "http_proxy"])
def test_proxy_uit_de_omgeving_wordt_gebruikt(cbs_instellingen, monkeypatch: pytest.MonkeyPatch,
                                              data_kopie: Path, tmp_path: Path, variabele: str):
    """CBS itself is unreachable here (port 9 on loopback refuses); only via the proxy does the
    request go anywhere, and that proxy hangs."""
    db = bouw_database(tmp_path / "monitor.duckdb", data_dir=data_kopie)
    voor = vingerafdruk(db)
    proxy_server = HangendeServer()
    with proxy_server as proxy:
        monkeypatch.setenv(variabele, f"http://{proxy}")
        monkeypatch.setenv("ARMOEDEMONITOR_CBS_URL", "http://127.0.0.1:9")
        assert ververs(db, data_kopie, run_deadline=3, tabel_deadline=2) == 1
        # The proxy got the request in proxy form: the absolute CBS URL in the request line.
        proxy_server.sok.settimeout(2)
        verbinding, _ = proxy_server.sok.accept()
        verbinding.settimeout(2)
        verzoek = verbinding.recv(4096).decode("latin-1")
        verbinding.close()
    assert verzoek.startswith("GET http://127.0.0.1:9/ODataCatalog/Tables"), verzoek[:80]
    assert vingerafdruk(db) == voor
    log = (data_kopie / "logs" / "etl.log").read_text(encoding="utf-8")
    assert "Connection refused" not in log, "zonder proxy was het direct geweigerd"


# ----------------------------------------------------------------------------- catalogue discovery
def _tabel(tabel_id: str, titel: str, rijen: list[dict], topics: list[str], periode: str) -> OpgenomenTabel:
    eigenschappen = [{"odata.type": "Cbs.OData.GeoDetail", "ID": 0, "Type": "GeoDetail",
                      "Key": "WijkenEnBuurten", "Title": "Wijken en buurten"}]
    eigenschappen += [{"odata.type": "Cbs.OData.Topic", "ID": n + 1, "Type": "Topic", "Key": k,
                       "Title": k, "Description": ""} for n, k in enumerate(topics)]
    info = [{"ID": 0, "Title": titel, "Identifier": tabel_id, "Period": periode}]
    dim = [{"Key": r["WijkenEnBuurten"], "Title": r["Gemeentenaam_1"].strip(), "Description": None}
           for r in rijen]
    return OpgenomenTabel(tabel_id, info, eigenschappen, {"WijkenEnBuurten": dim}, rijen, paginagrootte=200)


def _uit_pdok(jaar: int, tabel_id: str) -> OpgenomenTabel:
    """KWB edition rows from the PDOK snapshot of that edition (inhabitants and households only),
    keyed as CBS did in those editions (AantalInwoners_5, HuishoudensTotaal_28)."""
    with (SNAPSHOT / "kwb-pdok-gemeenten-2012-2024" / f"gemeenten_kwb_pdok_{jaar}.csv").open(encoding="utf-8") as f:
        rijen = [{"ID": i, "WijkenEnBuurten": r["gemeentecode"].ljust(10),
                  "Gemeentenaam_1": r["gemeentenaam"].ljust(40),
                  "AantalInwoners_5": _getypt(r["aantal_inwoners"]),
                  "HuishoudensTotaal_28": _getypt(r["huishoudens"])}
                 for i, r in enumerate(csv.DictReader(f)) if r["gemeentecode"].startswith("GM")]
    return _tabel(tabel_id, f"Kerncijfers wijken en buurten {jaar}", rijen,
                  ["Gemeentenaam_1", "AantalInwoners_5", "HuishoudensTotaal_28"], str(jaar))


def _uit_kwb2023() -> OpgenomenTabel:
    pad = SNAPSHOT / "kwb-2023-85618NED-extract" / "kwb2023_85618NED_10_gemeenten.csv"
    with pad.open(encoding="utf-8") as f:
        lezer = csv.DictReader(f)
        topics = [k for k in lezer.fieldnames if k not in ("gemeentecode", "gemeentenaam")]
        rijen = [{"ID": i, "WijkenEnBuurten": r["gemeentecode"].ljust(10),
                  "Gemeentenaam_1": r["gemeentenaam"].ljust(40), **{k: _getypt(r[k]) for k in topics}}
                 for i, r in enumerate(lezer)]
    return _tabel("85618NED", "Kerncijfers wijken en buurten 2023", rijen, ["Gemeentenaam_1", *topics], "2023")


CATALOGUS = [
    {"Identifier": "82931NED", "Title": "Kerncijfers wijken en buurten 2014"},  # before 2015: skipped
    {"Identifier": "84286NED", "Title": "Kerncijfers wijken en buurten 2018"},
    {"Identifier": "84583NED", "Title": "Kerncijfers wijken en buurten 2019"},
    {"Identifier": "85618NED", "Title": "Kerncijfers wijken en buurten 2023"},
    {"Identifier": "85984NED", "Title": "Kerncijfers wijken en buurten 2024"},
    {"Identifier": "70072ned", "Title": "Regionale kerncijfers Nederland"},
    {"Identifier": "85615NED", "Title": "Personen met bijstand; (her)instromers en uitstromers"},
]


def test_ontdek_kiest_edities_vanaf_2015_en_houdt_bekende_instellingen():
    taken = {t.bron.tabel_id: t for t in ontdek(laad_catalogus(), CATALOGUS)}
    assert sorted(taken) == ["70072ned", "84286NED", "84583NED", "85618NED", "85984NED"]
    assert taken["85984NED"].bron.id == "85984NED", "een bekende editie houdt haar eigen bron"
    nieuw = taken["84583NED"].bron
    assert nieuw.jaar == 2019 and nieuw.optioneel and nieuw.online is not None


def test_refresh_vindt_nieuwe_edities_in_de_cbs_catalogus(cbs_instellingen, monkeypatch: pytest.MonkeyPatch,
                                                          data_kopie: Path, tmp_path: Path):
    db = bouw_database(tmp_path / "monitor.duckdb", data_dir=data_kopie)
    server = CbsNabootsing(opname_kwb2024(), _uit_kwb2023(), _uit_pdok(2018, "84286NED"),
                           _uit_pdok(2019, "84583NED"), catalogus=CATALOGUS)
    adres = server.__enter__()
    try:
        monkeypatch.setenv("ARMOEDEMONITOR_CBS_URL", f"http://{adres}")
        rc = ververs(db, data_kopie, run_deadline=90, tabel_deadline=45)
    finally:
        server.__exit__(None, None, None)
    assert server.catalogus_verzoeken, "de tabellenlijst is opgevraagd"
    assert rc == 1, "tabellen die de nabootsing niet kent (o.a. 70072ned) zijn mislukt"
    per_tabel = sql(db, "SELECT t.tabel_id, t.bron_id, t.herkomst, t.melding FROM etl_run_tabel t "
                        "JOIN etl_run r USING (run_id) WHERE r.klaar = (SELECT max(klaar) FROM etl_run)")
    online = set(per_tabel.loc[per_tabel["herkomst"] == "online", "tabel_id"])
    assert online == {"84286NED", "84583NED", "85618NED", "85984NED"}
    teruggevallen = per_tabel.set_index("bron_id").loc["70072ned-bevolking"]
    assert teruggevallen["herkomst"] == "snapshot" and "ophalen bij CBS mislukt" in teruggevallen["melding"]
    assert sql(db, "SELECT status FROM etl_run ORDER BY klaar DESC LIMIT 1")["status"].iloc[0] == "deels mislukt"
    # The new editions load through base-name resolution: other suffix, real PDOK values.
    heerlen = sql(db, "SELECT bron_id, indicator_key, waarde, bron_kolom FROM waarneming "
                      "WHERE regio_code='GM0917' AND bron_id IN ('84286NED', '84583NED') ORDER BY ALL")
    pdok = {j: next(r for r in csv.DictReader((SNAPSHOT / "kwb-pdok-gemeenten-2012-2024" /
                                               f"gemeenten_kwb_pdok_{j}.csv").open(encoding="utf-8"))
                    if r["gemeentecode"] == "GM0917") for j in (2018, 2019)}
    inw = heerlen[heerlen["indicator_key"] == "inwoners"].set_index("bron_id")["waarde"]
    assert inw["84286NED"] == int(pdok[2018]["aantal_inwoners"])
    assert inw["84583NED"] == int(pdok[2019]["aantal_inwoners"])
    assert set(heerlen.loc[heerlen["indicator_key"] == "huishoudens", "bron_kolom"]) == {"HuishoudensTotaal_28"}
    # An edition without a column: not loaded, and said so.
    # The column label is in its own column, for staff; the reason is a sentence for the reader.
    niet = sql(db, "SELECT reden, kolom FROM niet_geladen WHERE bron_id = '84286NED'")
    assert niet["kolom"].str.contains("HuishoudensMetEenLaagInkomen").any()
    assert niet["kolom"].str.contains("PersonenPerSoortUitkeringBijstand").any()
    assert set(niet["reden"]) == {"Deze editie van de tabel heeft geen kolom voor dit cijfer."}
    assert sql(db, "SELECT count(*) AS n FROM bron WHERE bron_id = '84583NED'")["n"].iloc[0] == 1
    # The downloads are in the manifest, so an offline build afterwards loads them again.
    regels = manifest.lees(data_kopie / "snapshot")
    assert "statline/84583NED/TypedDataSet.json" in regels
    info = json.loads((data_kopie / "snapshot/statline/84583NED/_opgehaald.json").read_text(encoding="utf-8"))
    assert info["reeks"] == "kwb" and info["jaar"] == 2019
    opnieuw = bouw_database(tmp_path / "offline.duckdb", data_dir=data_kopie)
    assert sql(opnieuw, "SELECT count(*) AS n FROM waarneming WHERE bron_id='84583NED'")["n"].iloc[0] > 0
