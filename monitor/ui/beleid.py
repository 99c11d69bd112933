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
import logging
import math
import os
from collections.abc import Callable, Mapping, Sequence
from typing import NamedTuple

import pandas as pd
import streamlit as st

from monitor.beleid import inlogrem, opslag, validatie
from monitor.beleid.beleidsmonitor import Kerngetal
from monitor.domein import TIJDZONE_LABEL, lokale_tijd
from monitor.ui import data, keuzes

OMGEVING = "ARMOEDEMONITOR_BELEID_WACHTWOORD"
SECRET = "beleid_wachtwoord"
#: Wat een lezer ziet als er geen wachtwoord is: geen bestandsnamen of variabelen (die staan in
#: de README voor de beheerder).
GEEN_WACHTWOORD = ("Bewerken is uitgeschakeld. Vraag de beheerder om een wachtwoord in te "
                   "stellen. Zonder wachtwoord kunt u alles lezen, maar niets wijzigen.")
_BEWERKER = "beleid_bewerker"
_REM = "_beleid_inlogrem"
_CONFLICT = "_beleid_conflict"

log = logging.getLogger(__name__)


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


def sla_op(melding_sleutel: str, opslaan: Callable[[], int], gelukt: str,
          *, herladen: Sequence[str] = (), conflict: str = "") -> None:
    """Voer een wijziging uit; afgekeurd: toon waarom, anders melding (``gelukt``, {n}) en rerun.

    ``herladen``: sessiesleutels (bewaarde gegevens en editor) die na opslaan of bij een conflict
    weg moeten, zodat de pagina de nieuwe stand laadt. Bij een conflict blijft de melding met
    een knop "Opnieuw laden" staan tot de gebruiker die kiest (zie :func:`conflict_paneel`).
    """
    try:
        n = opslaan()
    except opslag.Conflict as fout:
        st.session_state[_CONFLICT + (conflict or melding_sleutel)] = (list(fout.fouten),
                                                                       list(herladen))
        st.rerun()
    except validatie.Afgekeurd as fout:
        toon_afgekeurd(fout)
        return
    except validatie.BeleidFout as fout:
        st.error(keuzes.als_tekst(str(fout), 500), icon=":material/error:")
        return
    vergeet(herladen)
    klaar(melding_sleutel, gelukt.format(n=n) if n else "Niets gewijzigd.")


def vergeet(sleutels: Sequence[str]) -> None:
    """Haal bewaarde gegevens en editorstand weg: de volgende run laadt vers uit de opslag."""
    for k in sleutels:
        st.session_state.pop(k, None)


def _herlaad(conflict: str) -> None:
    _, sleutels = st.session_state.pop(_CONFLICT + conflict, (None, []))
    vergeet(sleutels)


def conflict_paneel(conflict: str) -> bool:
    """Toon een openstaand conflict (iemand anders was eerder) met de knop "Opnieuw laden".

    Geeft True als er een conflict openstaat. De tekst bevat namen en waarden die mensen
    typten, dus als tekst (niet als Markdown).
    """
    open_conflict = st.session_state.get(_CONFLICT + conflict)
    if not open_conflict:
        return False
    for tekst in open_conflict[0]:
        st.error(keuzes.als_tekst(tekst, 600), icon=":material/sync_problem:")
    st.button("Opnieuw laden (uw wijziging vervalt; voer hem daarna opnieuw in)",
              key=f"herlaad_{conflict}", on_click=_herlaad, args=(conflict,),
              icon=":material/refresh:")
    return True


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
    with st.expander("Bewerkmodus: " + (f"aan ({keuzes.als_tekst(naam)})" if naam else "uit"),
                     icon=":material/edit:" if naam else ":material/lock:"):  # fmt: skip
        if ww is None:
            # Voor de lezer één zin; hoe de beheerder een wachtwoord instelt (secrets.toml of
            # de omgevingsvariabele) staat in de README, onder "Gebruik".
            st.info(GEEN_WACHTWOORD, icon=":material/lock:")
            return None
        if naam:
            st.write(f"U bewerkt als **{keuzes.als_tekst(naam)}**. Deze naam komt bij elke "
                     "wijziging in de geschiedenis.")
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
                else:
                    _probeer(ingevuld.strip(), geheim, ww)
    return None


def _probeer(naam: str, geheim: str, ww: str) -> None:
    """Eén inlogpoging door de rem (per sessie én server); het getypte komt nooit in het log."""
    stand = st.session_state.setdefault(_REM, inlogrem.Stand())
    gelukt, wacht = inlogrem.poging(
        stand, lambda: hmac.compare_digest(geheim.encode(), ww.encode()))
    if gelukt:
        st.session_state[_BEWERKER] = naam
        st.rerun()
    seconden = math.ceil(wacht)
    if wacht > 0:
        st.error(f"Dat wachtwoord klopt niet, of er waren te veel foute pogingen. Wacht "
                 f"{seconden} seconde(n) en probeer het dan opnieuw. Na elke volgende foute "
                 "poging wordt de wachttijd twee keer zo lang.")
    else:
        st.error("Dat wachtwoord klopt niet.")


def toon_afgekeurd(fout: validatie.Afgekeurd) -> None:
    """Fouten en waarschuwingen van een afgekeurde wijziging, in gewone zinnen."""
    # Meldingen kunnen getypte tekst of tekst uit een bestand bevatten: als tekst tonen.
    for f in fout.fouten:
        st.error(keuzes.als_tekst(f, 500), icon=":material/error:")
    for w in fout.waarschuwingen:
        st.warning(keuzes.als_tekst(w, 500), icon=":material/warning:")
    if fout.bevestiging_nodig:
        st.info("Niets opgeslagen. Vink de bevestiging aan en sla opnieuw op als dit de bedoeling "
                "is.")  # fmt: skip


_samenvatting = opslag.samenvatting


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
