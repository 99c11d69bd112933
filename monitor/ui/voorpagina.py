"""De voorpagina van de server: Streamlits ``index.html`` in het Nederlands en met het serveradres.

``app.py`` zet deze middleware in Streamlits eigen server (``st.App``). Streamlit stuurt voor
elke pagina dezelfde ``index.html``, en twee dingen kunnen alleen in die HTML staan.

1. **De taal.** Streamlit zet ``<html lang="en">``. Een schermlezer leest onze Nederlandse tekst
   dan met Engelse uitspraak voor (WCAG 3.1.1, niveau A). Wij zetten ``lang="nl"``.
2. **Het adres van de server.** Wie een pagina direct opent (``/trends``), laat Streamlits
   frontend eerst ``/trends/_stcore/health`` proberen. Dat geeft een 404; de frontend wacht
   100 ms en probeert dan ``/_stcore/health``. Dat waren twee consolefouten en ~0,1 s wachten op
   elke pagina behalve Overzicht (``bench/pages.py``). De frontend neemt het adres over uit
   ``window.__streamlit.BACKEND_BASE_URL`` als dat bestaat (Streamlits instelling voor wie de app
   in een eigen pagina inbouwt) en probeert dan alleen dat adres. Wij zetten het op de wortel van
   deze server (met ``server.baseUrlPath`` als die is ingesteld).

Alleen antwoorden van het type ``text/html`` veranderen; al het andere gaat ongewijzigd door.
``tests/test_voorpagina.py`` en ``tests/e2e/test_toegankelijkheid.py`` controleren beide punten,
zodat een Streamlit-versie met een andere ``index.html`` meteen opvalt.
"""

from __future__ import annotations

import json

from starlette.types import ASGIApp, Message, Receive, Scope, Send
from streamlit import config

TAAL_STREAMLIT = b'<html lang="en">'
TAAL_NL = b'<html lang="nl">'


def basisadres_script(basispad: str) -> bytes:
    """Het script dat de frontend, vóór zijn eigen code, het adres van de server geeft."""
    pad = "/" + basispad.strip("/") + "/" if basispad.strip("/") else "/"
    return ("<script>window.__streamlit=Object.assign({},window.__streamlit,"
            f"{{BACKEND_BASE_URL:location.origin+{json.dumps(pad)}}});</script>").encode()


def pas_html_aan(html: bytes, basispad: str = "") -> bytes:
    """Zet ``lang="nl"`` en het adres-script direct na ``<head>``; de rest blijft gelijk."""
    html = html.replace(TAAL_STREAMLIT, TAAL_NL, 1)
    return html.replace(b"<head>", b"<head>" + basisadres_script(basispad), 1)


class NederlandseVoorpagina:
    """ASGI-middleware die Streamlits ``index.html`` aanpast (zie de moduletekst)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET":
            await self.app(scope, receive, send)
            return
        # Vraagt de browser om een pagina (text/html), dan zonder gzip: alleen zo kunnen we de
        # tekst aanpassen. index.html is ~8 kB; scripts en data blijven gecomprimeerd.
        if b"text/html" in dict(scope["headers"]).get(b"accept", b""):
            scope = {**scope, "headers": [(k, v) for k, v in scope["headers"]
                                          if k != b"accept-encoding"]}
        basispad = str(config.get_option("server.baseUrlPath") or "")
        begin: Message | None = None
        delen: list[bytes] = []

        async def verstuur(bericht: Message) -> None:
            nonlocal begin
            if bericht["type"] == "http.response.start":
                koppen = dict(bericht.get("headers", []))
                if (koppen.get(b"content-type", b"").startswith(b"text/html")
                        and b"content-encoding" not in koppen):
                    begin = bericht  # eerst de hele tekst: de lengte verandert
                    return
            elif begin is not None and bericht["type"] == "http.response.body":
                delen.append(bericht.get("body", b""))
                if bericht.get("more_body"):
                    return
                tekst = pas_html_aan(b"".join(delen), basispad)
                koppen_nieuw = [(k, v) for k, v in begin["headers"] if k != b"content-length"]
                koppen_nieuw.append((b"content-length", str(len(tekst)).encode()))
                await send({**begin, "headers": koppen_nieuw})
                await send({"type": "http.response.body", "body": tekst})
                return
            await send(bericht)

        await self.app(scope, receive, verstuur)

