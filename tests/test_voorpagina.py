"""De voorpagina van de server (monitor/ui/voorpagina.py): lang="nl" en het serveradres.

Op Streamlits echte ``index.html`` en met de middleware als ASGI-app, zonder server. Dat de
browser daarna geen 404 meer krijgt en de taal ziet: tests/e2e/test_toegankelijkheid.py.
"""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import streamlit
from streamlit import config

from monitor.ui.voorpagina import (
    TAAL_NL, TAAL_STREAMLIT, NederlandseVoorpagina, basisadres_script, pas_html_aan,
)

INDEX = Path(streamlit.__file__).parent / "static" / "index.html"


def test_streamlits_index_html_is_engels_en_zonder_serveradres() -> None:
    """Waarom de aanpassing nodig is; faalt zodra een nieuwe Streamlit dit zelf goed doet."""
    html = INDEX.read_bytes()
    assert TAAL_STREAMLIT in html
    assert b"__streamlit" not in html


def test_aangepaste_pagina_is_nederlands_en_zet_het_adres_voor_elk_script() -> None:
    html = pas_html_aan(INDEX.read_bytes())
    assert TAAL_NL in html and TAAL_STREAMLIT not in html
    script = basisadres_script("")
    assert html.count(script) == 1
    # Het adres moet bestaan vóór Streamlits eigen script het leest.
    assert html.index(script) < html.index(b'<script type="module"')
    assert html.index(b"<head>") < html.index(script) < html.index(b"</head>")


def test_adres_volgt_het_basispad_van_de_server() -> None:
    assert b'location.origin+"/"' in basisadres_script("")
    assert b'location.origin+"/armoede/"' in basisadres_script("/armoede/")
    assert b'location.origin+"/a/b/"' in basisadres_script("a/b")


def _vraag(accept: bytes, soort: bytes, body: bytes, methode: str = "GET",
           delen: int = 1) -> tuple[dict, list[dict]]:  # fmt: skip
    """Eén verzoek door de middleware; geeft (scope die de app zag, verstuurde berichten)."""
    gezien: dict = {}
    verstuurd: list[dict] = []

    async def binnen(scope, receive, send) -> None:  # de Streamlit-server
        gezien.update(scope)
        await send({"type": "http.response.start", "status": 200,
                    "headers": [(b"content-type", soort),
                                (b"content-length", str(len(body)).encode())]})
        stap = -(-len(body) // delen)
        for i in range(delen):
            await send({"type": "http.response.body", "body": body[i * stap:(i + 1) * stap],
                        "more_body": i < delen - 1})

    async def ontvang() -> dict:
        return {"type": "http.request", "body": b""}

    async def verstuur(bericht: dict) -> None:
        verstuurd.append(bericht)

    scope = {"type": "http", "method": methode, "path": "/trends",
             "headers": [(b"accept", accept), (b"accept-encoding", b"gzip")]}
    # Een eigen thread met een eigen event loop: de browsertests houden er in deze thread al één.
    with ThreadPoolExecutor(1) as uitvoerder:
        uitvoerder.submit(asyncio.run,
                          NederlandseVoorpagina(binnen)(scope, ontvang, verstuur)).result()
    return gezien, verstuurd


def test_middleware_past_html_aan_met_de_juiste_lengte_ook_in_delen() -> None:
    html = INDEX.read_bytes()
    gezien, verstuurd = _vraag(b"text/html,*/*", b"text/html; charset=utf-8", html, delen=3)
    assert b"accept-encoding" not in dict(gezien["headers"])  # ongecomprimeerd, dus aan te passen
    start, body = verstuurd[0], b"".join(m.get("body", b"") for m in verstuurd[1:])
    assert body == pas_html_aan(html)
    assert dict(start["headers"])[b"content-length"] == str(len(body)).encode()


def test_middleware_laat_scripts_data_en_head_ongemoeid() -> None:
    js = b"console.log('<head>')"
    gezien, verstuurd = _vraag(b"*/*", b"text/javascript", js)
    assert dict(gezien["headers"])[b"accept-encoding"] == b"gzip"
    assert b"".join(m.get("body", b"") for m in verstuurd[1:]) == js
    _, verstuurd = _vraag(b"text/html", b"text/html", INDEX.read_bytes(), methode="HEAD")
    assert b"".join(m.get("body", b"") for m in verstuurd[1:]) == INDEX.read_bytes()


def test_middleware_gebruikt_het_ingestelde_basispad() -> None:
    oud = config.get_option("server.baseUrlPath")
    config.set_option("server.baseUrlPath", "armoede")
    try:
        _, verstuurd = _vraag(b"text/html", b"text/html", INDEX.read_bytes())
    finally:
        config.set_option("server.baseUrlPath", oud)
    assert basisadres_script("armoede") in b"".join(m.get("body", b"") for m in verstuurd[1:])
