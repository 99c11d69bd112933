"""A loopback stand-in for the CBS OData feed, serving recorded rows in CBS's own shapes.

It answers the requests cbsodata 1.3.5 makes (service document, TableInfos, DataProperties,
CategoryGroups, one endpoint per dimension, TypedDataSet), pages the data set with an absolute
`odata.nextLink` and keeps CBS's right-padded dimension keys, so a forgotten `.strip()` fails.
It can serve several tables and the table list (`/ODataCatalog/Tables`, what
`cbsodata.get_table_list()` reads). `HangendeServer` accepts connections and never answers.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse


@dataclass
class OpgenomenTabel:
    tabel_id: str
    table_infos: list[dict]
    data_properties: list[dict]
    dimensies: dict[str, list[dict]]
    rijen: list[dict]
    paginagrootte: int = 100
    # failure injection for bad-input tests: entity name -> "500" | "traag" | "kapot"
    storingen: dict[str, str] = field(default_factory=dict)
    vertraging: float = 2.0
    verzoeken: list[str] = field(default_factory=list)


class CbsNabootsing:
    """Context manager: `with CbsNabootsing(tabel) as basis:` gives 'host:port' for cbsodata.

    `CbsNabootsing(t1, t2, catalogus=[{"Identifier": ..., "Title": ...}, ...])` serves several
    tables and the table list; a table not served answers 404, as CBS does for an unknown id.
    """

    def __init__(self, *tabellen: OpgenomenTabel, catalogus: list[dict] | None = None) -> None:
        self.tabel = tabellen[0]
        per_id = {t.tabel_id: t for t in tabellen}
        self.catalogus_verzoeken: list[str] = []
        catalogus_verzoeken = self.catalogus_verzoeken

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:  # keep test output clean
                return

            def do_GET(self) -> None:  # noqa: N802 (http.server naming)
                url = urlparse(self.path)
                if url.path.rstrip("/") == "/ODataCatalog/Tables" and catalogus is not None:
                    catalogus_verzoeken.append(self.path)
                    basis = f"http://{self.headers['Host']}/ODataCatalog/"
                    return self._stuur(200, {"odata.metadata": basis + "$metadata#Tables",
                                             "value": catalogus})
                delen = url.path.split("/")
                tabel_ref = per_id.get(delen[3]) if len(delen) > 4 and delen[1:3] == ["ODataFeed", "odata"] else None
                if tabel_ref is None:
                    return self._stuur(404, {"error": "onbekende tabel"})
                tabel_ref.verzoeken.append(self.path)
                entiteit = "/".join(delen[4:])
                storing = tabel_ref.storingen.get(entiteit or "service")
                if storing == "500":
                    return self._stuur(500, {"error": "Internal Server Error"})
                if storing == "traag":
                    time.sleep(tabel_ref.vertraging)
                basis = f"http://{self.headers['Host']}/ODataFeed/odata/{tabel_ref.tabel_id}/"
                if entiteit == "":
                    namen = ["TableInfos", "UntypedDataSet", "TypedDataSet", "DataProperties",
                             "CategoryGroups", *tabel_ref.dimensies]
                    waarde = [{"name": n, "url": basis + n} for n in namen]
                    return self._stuur(200, {"odata.metadata": basis + "$metadata", "value": waarde})
                vaste = {"TableInfos": tabel_ref.table_infos, "DataProperties": tabel_ref.data_properties,
                         "CategoryGroups": [], **tabel_ref.dimensies}
                if entiteit in vaste:
                    return self._stuur(200, {"odata.metadata": basis + "$metadata", "value": vaste[entiteit]})
                if entiteit == "TypedDataSet":
                    params = parse_qs(url.query)
                    skip = int(params.get("$skip", ["0"])[0])
                    rijen = tabel_ref.rijen
                    if "$select" in params:
                        kolommen = params["$select"][0].split(",")
                        rijen = [{"ID": r["ID"], **{k: r[k] for k in kolommen}} for r in rijen]
                    pagina = rijen[skip: skip + tabel_ref.paginagrootte]
                    antwoord = {"odata.metadata": basis + "$metadata", "value": pagina}
                    if skip + tabel_ref.paginagrootte < len(rijen):
                        antwoord["odata.nextLink"] = (
                            f"{basis}TypedDataSet?$format=json&$skip={skip + tabel_ref.paginagrootte}")
                    if storing == "kapot":
                        return self._stuur_tekst(200, json.dumps(antwoord)[:500])
                    return self._stuur(200, antwoord)
                return self._stuur(404, {"error": "onbekende entiteit"})

            def _stuur(self, code: int, body: dict) -> None:
                self._stuur_tekst(code, json.dumps(body))

            def _stuur_tekst(self, code: int, tekst: str) -> None:
                data = tekst.encode("utf-8")
                self.send_response(code)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> str:
        self.thread.start()
        host, port = self.server.server_address[:2]
        return f"{host}:{port}"

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


class HangendeServer:
    """A loopback port that accepts connections (the kernel's backlog) and never answers.

    What a hanging proxy or a stalled CBS looks like to `requests`: connect succeeds, reads wait.
    """

    def __init__(self) -> None:
        self.sok = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sok.bind(("127.0.0.1", 0))
        self.sok.listen(64)

    def __enter__(self) -> str:
        host, port = self.sok.getsockname()
        return f"{host}:{port}"

    def __exit__(self, *exc: object) -> None:
        self.sok.close()
