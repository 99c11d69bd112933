"""De vergelijkingsgroep van Doeltreffendheid: de regio's uit de zijbalk, of automatisch de
gemeenten die het meest op de hoofdgemeente lijken (inwoners, stedelijkheid, niveau).

De keuze staat in de link (``?groep=automatisch``), zodat de rekenkamer dezelfde groep terugziet.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from monitor.domein import BELEIDSJAREN
from monitor.ui import data, htmltabel, keuzes
from monitor.verkennen import ranglijst, vergelijkbaar

STEDELIJKHEID = "omgevingsadressendichtheid"
GROEPEN = {"zijbalk": "De regio's uit de zijbalk",
           "automatisch": "Vergelijkbare gemeenten (automatisch)"}


def _reeks_per_gemeente(versie: str, key: str, jaar: int) -> pd.Series:
    frame = data.kaartcijfers(versie, key, jaar)
    frame = frame[frame["waarde"].notna()]
    return pd.Series(frame["waarde"].to_numpy(dtype=float), index=frame["regio_code"].to_numpy())


def _niveaujaar(versie: str, key: str) -> int | None:
    """Het laatste jaar vóór de beleidsperiode waarin (bijna) alle gemeenten een cijfer hebben."""
    for jaar in data.jaren(versie, key):  # nieuwste eerst
        if jaar < BELEIDSJAREN[0] and ranglijst.volledig_genoeg(
                data.gemeenten_telling(versie, key, jaar)):
            return int(jaar)
    return None


def kies(versie: str, key: str, titel: str, eenheid: str, doelregio: str,
         uit_zijbalk: list[str], namen: dict[str, str]) -> list[str]:
    """Toon de keuze en geef de codes van de vergelijkingsgroep (zonder de doelregio)."""
    soort = keuzes.url_keuze("Vergelijkingsgroep", list(GROEPEN), sleutel="groep",
                             standaard="zijbalk", format_func=GROEPEN.get)
    if soort != "automatisch":
        return uit_zijbalk
    niveau_jaar = _niveaujaar(versie, key)
    stedelijk_jaren = data.jaren(versie, STEDELIJKHEID)
    if niveau_jaar is None or not stedelijk_jaren:
        st.info(f"Voor '{titel}' is er geen jaar vóór {BELEIDSJAREN[0]} waarin bijna alle "
                "gemeenten een cijfer hebben, dus geen automatische groep. De vergelijking "
                "gebruikt de regio's uit de zijbalk.")
        return uit_zijbalk
    # Stedelijkheid uit het jaar het dichtst bij het niveaujaar (bij gelijke afstand het oudste).
    stedelijk_jaar = min(stedelijk_jaren, key=lambda j: (abs(j - niveau_jaar), j))
    tabel = vergelijkbaar.vergelijkbare_gemeenten(
        doelregio, _reeks_per_gemeente(versie, "inwoners", niveau_jaar),
        _reeks_per_gemeente(versie, STEDELIJKHEID, stedelijk_jaar),
        _reeks_per_gemeente(versie, key, niveau_jaar), namen=namen)
    st.caption(vergelijkbaar.groep_tekst(tabel, titel, niveau_jaar)
               + f" Stedelijkheid uit {stedelijk_jaar}, inwoners uit {niveau_jaar}.")
    with st.expander("Hoe de groep is gekozen (criteria en afstand)"):
        htmltabel.toon(vergelijkbaar.criteria_tabel(tabel, eenheid),
                       alt="Vergelijkbare gemeenten met hun kenmerken en afstand")
    return vergelijkbaar.groep_codes(tabel)
