"""Armoedemonitor: de server. Start met ``streamlit run app.py`` (zo doet ``make run`` het).

``dashboard.py`` is de app zelf (navigatie, zijbalk, pagina's). Dit bestand start die in
Streamlits eigen ASGI-server (``st.App``), met één middleware die Streamlits ``index.html``
aanpast: ``lang="nl"`` voor schermlezers en het adres van de server, zodat een directe link naar
een pagina geen 404's en 0,1 s wachten meer kost. Waarom en hoe: ``monitor/ui/voorpagina.py``.
AppTest en ``streamlit run dashboard.py`` werken nog steeds, maar dan zonder die aanpassing.
"""

from __future__ import annotations

import streamlit as st
from starlette.middleware import Middleware

from monitor.ui.voorpagina import NederlandseVoorpagina

# De aanroep st.App(...) moet letterlijk in dit bestand staan: `streamlit run` herkent een ASGI-app
# door de broncode te lezen (streamlit/web/server/app_discovery.py), niet door hem uit te voeren.
# Een hulpfunctie die st.App teruggeeft, laat `streamlit run` dit bestand als gewoon script draaien.
app = st.App("dashboard.py", middleware=[Middleware(NederlandseVoorpagina)])
