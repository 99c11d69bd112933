"""Streamlit-onderdelen die beide beleidspagina's delen: kop, bewerkmodus, opslaan en geschiedenis.

Bewerken kan alleen in de bewerkmodus. Die gaat open met een wachtwoord uit
``st.secrets["beleid_wachtwoord"]`` of de omgevingsvariabele
``ARMOEDEMONITOR_BELEID_WACHTWOORD``. Is er geen wachtwoord ingesteld, dan kan niemand
bewerken en zegt de pagina waarom. "Wie" in de geschiedenis is de naam die de bewerker zelf
intypt bij het openen van de bewerkmodus (verplicht): er is geen inlog, dus die naam is een
verklaring, geen bewijs.
"""

from __future__ import annotations

import hmac
import json
import os
from collections.abc import Callable, Mapping, Sequence
from typing import NamedTuple

import pandas as pd
import streamlit as st

from monitor.beleid import opslag, validatie
from monitor.beleid.beleidsmonitor import Kerngetal
from monitor.domein import TIJDZONE_LABEL, lokale_tijd
from monitor.ui import data, keuzes

OMGEVING = "ARMOEDEMONITOR_BELEID_WACHTWOORD"
SECRET = "beleid_wachtwoord"
_BEWERKER = "beleid_bewerker"


def label(labels: Mapping, x: object) -> str:
    """Weergavenaam voor widgets; op moduleniveau zodat ``partial(label, ...)`` picklebaar is."""
    return labels.get(x, str(x))


def kop(titel: str, uitleg: str, melding_sleutel: str) -> None:
    """Titel en uitleg, plus de succesmelding die een vorige run via ``klaar`` achterliet."""
    st.title(titel)
    st.caption(uitleg)
    melding = st.session_state.pop(melding_sleutel, None)
    if melding:
        st.success(melding, icon=":material/check_circle:")


class Basis(NamedTuple):
    """Wat beide beleidspagina's bovenaan ophalen."""

    versie: str
    indicatoren: pd.DataFrame
    regionamen: dict[str, str]
    bewerker: str | None


def basis() -> Basis:
    """Databaseversie, indicatoren, regionamen en het bewerkmoduspaneel (binnen keuzes.veilig)."""
    versie = keuzes.versie()
    indicatoren = data.indicatoren(versie)
    regionamen = keuzes.regio_namen()
    return Basis(versie, indicatoren, regionamen, bewerkmodus())


def klaar(melding_sleutel: str, tekst: str) -> None:
    """Bewaar een succesmelding en laad opnieuw, zodat alle tabellen de nieuwe stand tonen."""
    st.session_state[melding_sleutel] = tekst
    st.rerun()


def sla_op(melding_sleutel: str, opslaan: Callable[[], int], gelukt: str) -> None:
    """Voer een wijziging uit; afgekeurd: toon waarom, anders melding (``gelukt``, {n}) en rerun."""
    try:
        n = opslaan()
    except validatie.Afgekeurd as fout:
        toon_afgekeurd(fout)
        return
    klaar(melding_sleutel, gelukt.format(n=n) if n else "Niets gewijzigd.")


def kerngetallen(getallen: Sequence[Kerngetal]) -> None:
    """Een rij kaartjes naast elkaar, één kolom per kerngetal."""
    for kolom, k in zip(st.columns(len(getallen)), getallen, strict=True):
        kolom.metric(k.label, k.waarde, help=k.uitleg)


def wachtwoord() -> str | None:
    """Het ingestelde wachtwoord (omgeving gaat voor secrets), of None."""
    uit_omgeving = os.environ.get(OMGEVING, "").strip()
    if uit_omgeving:
        return uit_omgeving
    try:
        waarde = st.secrets.get(SECRET)
    except Exception:  # noqa: BLE001 - geen secrets.toml is gewoon: dan geen wachtwoord
        return None
    if waarde is None:
        return None
    return str(waarde).strip() or None


def bewerker() -> str | None:
    """De naam van de bewerker als de bewerkmodus aan staat, anders None."""
    if wachtwoord() is None:
        return None
    return st.session_state.get(_BEWERKER)


def bewerkmodus() -> str | None:
    """Het paneel om de bewerkmodus aan of uit te zetten; geeft de naam van de bewerker of None."""
    ww = wachtwoord()
    naam = st.session_state.get(_BEWERKER) if ww else None
    with st.expander("Bewerkmodus: " + (f"aan ({naam})" if naam else "uit"),
                     icon=":material/edit:" if naam else ":material/lock:"):  # fmt: skip
        if ww is None:
            st.info(
                "Bewerken is uitgeschakeld: er is geen wachtwoord ingesteld. De beheerder zet "
                f"`{SECRET}` in `.streamlit/secrets.toml` of de omgevingsvariabele `{OMGEVING}`. "
                "Zonder wachtwoord is alles alleen te lezen.", icon=":material/lock:")
            return None
        if naam:
            st.write(f"U bewerkt als **{naam}**. Deze naam komt bij elke wijziging in de "
                     "geschiedenis.")
            if st.button("Bewerkmodus uitzetten", key="beleid_uit"):
                st.session_state.pop(_BEWERKER, None)
                st.rerun()
            return naam
        st.write("Streefwaarden, opdrachten en context zijn alleen te wijzigen in de bewerkmodus. "
                 "Elke wijziging komt in de geschiedenis met uw naam en reden. Er is geen inlog: "
                 "de naam is wat u hier zelf invult.")  # fmt: skip
        with st.form("beleid_aan", border=False):
            ingevuld = st.text_input("Uw naam (verplicht)", key="beleid_naam_invoer")
            geheim = st.text_input("Wachtwoord", type="password", key="beleid_ww_invoer")
            if st.form_submit_button("Bewerkmodus aanzetten"):
                if not (ingevuld or "").strip():
                    st.error("Vul uw naam in: die komt in de geschiedenis bij elke wijziging.")
                elif not hmac.compare_digest(geheim.encode(), ww.encode()):
                    st.error("Dat wachtwoord klopt niet.")
                else:
                    st.session_state[_BEWERKER] = ingevuld.strip()
                    st.rerun()
    return None


def toon_afgekeurd(fout: validatie.Afgekeurd) -> None:
    """Fouten en waarschuwingen van een afgekeurde wijziging, in gewone zinnen."""
    for f in fout.fouten:
        st.error(f, icon=":material/error:")
    for w in fout.waarschuwingen:
        st.warning(w, icon=":material/warning:")
    if fout.bevestiging_nodig:
        st.info("Niets opgeslagen. Vink de bevestiging aan en sla opnieuw op als dit de bedoeling "
                "is.")  # fmt: skip


def _samenvatting(oud: object, nieuw: object) -> str:
    """Korte tekst 'veld: oud → nieuw' voor de geschiedenistabel."""
    def lees(x: object) -> Mapping:
        if x is None or (isinstance(x, float) and pd.isna(x)):
            return {}
        try:
            return json.loads(str(x))
        except ValueError:
            return {"waarde": x}

    a, b = lees(oud), lees(nieuw)
    if not a:
        return "nieuw"
    if not b:
        return "geschrapt"
    delen = [f"{k}: {a.get(k) if a.get(k) not in (None, '') else '—'} → "
             f"{b.get(k) if b.get(k) not in (None, '') else '—'}"
             for k in sorted(set(a) | set(b)) if a.get(k) != b.get(k)]  # fmt: skip
    return "; ".join(delen) or "geen verschil"


def geschiedenis_frame(tabel: str | None = None) -> pd.DataFrame:
    """De geschiedenis voor weergave: lokale tijd, en per regel wat er veranderde."""
    g = opslag.geschiedenis(tabel)
    if g.empty:
        return g
    return pd.DataFrame({
        f"Wanneer ({TIJDZONE_LABEL})": [f"{lokale_tijd(t):%d-%m-%Y %H:%M}" for t in g["tijdstip"]],
        "Wie": g["wie"],
        "Wat": g["tabel"],
        "Sleutel": g["sleutel"],
        "Wijziging": [_samenvatting(o, n) for o, n in zip(g["oud"], g["nieuw"], strict=True)],
        "Reden": g["reden"],
        "Oud (volledig)": g["oud"],
        "Nieuw (volledig)": g["nieuw"],
    })  # fmt: skip
