"""Kolombreedte voor Streamlits raster (``st.dataframe``): zo breed als de langste tekst.

Pure logica, zonder Streamlit. Waarom zelf meten: het raster kiest zijn breedte uit de eerste
rijen, en kapte zo Indicator af op 200 px en Toelichting op de breedte van lege cellen (issue 12).
"""

from __future__ import annotations

import pandas as pd

#: Breedte in pixels van elk teken in de letter van het raster (Source Sans, 14 px), gemeten in
#: Chromium en naar boven afgerond op een halve pixel. Een ander teken telt als 8 px.
_TEKENBREEDTE = {teken: px for px, tekens in {
    3.0: " ", 3.5: "'.,:;|ij", 4.0: "Il", 4.5: "!()[]{}-f", 5.0: "/\\rt", 6.0: "\"*?sz",
    6.5: "xc", 7.0: "0123456789#$+<=>^~_€×–vyYJLFke", 7.5: "agXVEST",
    8.0: "ZoAhunbdpq`PRCéëöüóú", 8.5: "KB", 9.0: "&DG", 9.5: "UNHOQ", 10.5: "wM",
    11.0: "W", 11.5: "—", 12.0: "%m@", 13.5: "…"}.items() for teken in tekens}
#: Ruimte links en rechts in een cel (8 px elk), plus een kleine marge.
_CELRUIMTE = 18


def kolombreedte(waarden: pd.Series, kop: str) -> int:
    """Breedte (px) waarin de langste tekst van de kolom en de kop op één regel passen."""
    teksten = [kop, *(w for w in waarden if isinstance(w, str))]
    return int(max(sum(_TEKENBREEDTE.get(t, 8.0) for t in tekst) for tekst in teksten)) + _CELRUIMTE
