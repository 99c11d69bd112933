"""A loopback stand-in for the CBS OData feed, serving recorded rows in CBS's own shapes.

It answers the requests cbsodata 1.3.5 makes (service document, TableInfos, DataProperties,
CategoryGroups, one endpoint per dimension, TypedDataSet), pages the data set with an absolute
`odata.nextLink` and keeps CBS's right-padded dimension keys, so a forgotten `.strip()` fails.
"""

from __future__ import annotations

import json
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
    """Context manager: `with CbsNabootsing(tabel) as basis:` gives 'host:port' for cbsodata."""

    def __init__(self, tabel: OpgenomenTabel) -> None:
        self.tabel = tabel
        tabel_ref = tabel

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:  # keep test output clean
                return

            def do_GET(self) -> None:  # noqa: N802 (http.server naming)
                url = urlparse(self.path)
                tabel_ref.verzoeken.append(self.path)
                deel = url.path.split(f"/ODataFeed/odata/{tabel_ref.tabel_id}/", 1)
                if len(deel) != 2:
                    return self._stuur(404, {"error": "onbekende tabel"})
                entiteit = deel[1]
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
