"""Gedeelde keuzes: de regiokiezer in de zijbalk, de datumversie in de link, en URL-keuzes.

Alles wat een gebruiker kiest staat in de link (``st.query_params``), zodat een gekopieerde link
hetzelfde beeld geeft. De link bevat ook de versie van de cijfers (``?data=<run_id>``); als de
cijfers sindsdien zijn bijgewerkt, zegt de pagina dat.

We binden de URL met de hand (en niet met ``bind="query-params"``), omdat we ongeldige waarden
willen *melden* in plaats van stil weg te gooien, en omdat de link codes moet bevatten
(``?regio=GM0917``) in plaats van weergavenamen.

API voor pagina's (dashboard.py roept :func:`zijbalk` één keer per run aan, vóór de pagina):

- :func:`gekozen_regios` → regiocodes in de gekozen volgorde, bijv. Heerlen, Nederland, ....
- :func:`hoofdgemeente` → de eerste gekozen gemeente (standaard Heerlen), of None.
- :func:`regio_namen` → ``{code: naam}`` voor alle regio's.
- :func:`versie` → het versietoken van de database (voor de ``store``-functies).
- :func:`url_keuze` → een selectbox/multiselect die in de link staat en foute linkwaarden meldt.
- :func:`tabbladen` → tabbladen in de link; alleen het open tabblad wordt gebouwd.
- :func:`veilig` → context manager: vangt elke fout en toont een Nederlandse melding.
- Kleuren per regio: :func:`monitor.palet.kleuren` met :func:`gekozen_regios`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from functools import partial
from typing import Any

import pandas as pd
import streamlit as st

from monitor import fmt, store
from monitor.beleid.validatie import BeleidFout
from monitor.domein import NEDERLAND, STANDAARD_REGIOS
from monitor.letterlijk import een_regel, letterlijk
from monitor.ui import data

log = logging.getLogger(__name__)

MAX_REGIOS = 10
#: Langste stuk tekst van buiten (link, bestand, gebruiker) dat we letterlijk herhalen.
MAX_TEKST = 60
#: Hoeveel foute linkwaarden we hooguit noemen; de rest wordt "en N andere".
MAX_GENOEMD = 3

PARAM_REGIO = "regio"
PARAM_DATA = "data"
_REGIO_WIDGET = "regio_keuze"
_ONBEKEND = "_regio_onbekend"
_DATA_BASIS = "_data_basis"
_DATA_UIT_LINK = "_data_uit_link"


# ----------------------------------------------------------------------------- kleine hulpjes


def als_tekst(waarde: object, max_lengte: int = MAX_TEKST) -> str:
    """Tekst van buiten (link, upload, gebruiker) veilig voor st.warning/st.info/st.markdown.

    Die functies tonen Markdown: een link of plaatje uit de link zou echt getoond worden
    (en de browser haalt het plaatje op). Daarom eerst inkorten, dan elk leesteken escapen,
    zodat alles letterlijk als tekst verschijnt. Regelovergangen worden spaties.
    """
    tekst = een_regel(waarde)
    if len(tekst) > max_lengte:
        tekst = tekst[: max_lengte - 1].rstrip() + "…"
    return letterlijk(tekst)


def _opsomming(waarden: Sequence[str]) -> list[str]:
    """Foute linkwaarden, veilig en begrensd: hooguit ``MAX_GENOEMD`` plus "en N andere"."""
    genoemd = [als_tekst(w) for w in waarden[:MAX_GENOEMD]]
    if len(waarden) > MAX_GENOEMD:
        genoemd.append(f"en {len(waarden) - MAX_GENOEMD} andere")
    return genoemd



def versie() -> str:
    """Het versietoken van de database; stopt de pagina met een Nederlandse melding als die ontbreekt.

    Roep dit bovenaan elke pagina aan.
    """
    try:
        return store.db_versie()
    except store.GeenDatabase as fout:
        st.error(str(fout))
        st.stop()
        raise  # st.stop() gooit zelf; dit is voor typecheckers


def regio_namen() -> dict[str, str]:
    """Nederland en alle gemeenten (``store.regios``): ``{code: naam}``, Nederland eerst, dan
    gemeenten op naam."""
    frame = data.regios(versie())
    return dict(zip(frame["code"], frame["naam"], strict=True))


def gekozen_regios() -> list[str]:
    """De gekozen regiocodes, in de volgorde van de kiezer (na :func:`zijbalk`)."""
    return list(st.session_state.get(_REGIO_WIDGET, STANDAARD_REGIOS))


def hoofdgemeente() -> str | None:
    """De eerste gekozen gemeente: die staat centraal in het overzicht en de ranglijst."""
    return next((c for c in gekozen_regios() if c != NEDERLAND), None)


def _label(labels: dict[Any, str], optie: Any) -> str:
    """Weergavenaam van een optie. Module-niveau + partial: session_state moet picklebaar zijn."""
    return labels.get(optie, str(optie))


def _zet_url(naam: str, waarden: Sequence[str]) -> None:
    """Schrijf een parameter alleen als hij verandert (elke schrijfactie stuurt een bericht)."""
    waarden = [str(w) for w in waarden]
    if st.query_params.get_all(naam) == waarden:
        return
    if waarden:
        st.query_params[naam] = waarden
    elif naam in st.query_params:
        del st.query_params[naam]


def _valideer_regios(uit_url: list[str], namen: dict[str, str]) -> tuple[list[str], list[str]]:
    """Codes (of namen, hoofdletterongevoelig) uit de link → (geldige codes, onbekende waarden)."""
    op_naam = {n.casefold(): c for c, n in namen.items()}
    geldig: list[str] = []
    onbekend: list[str] = []
    for w in uit_url:
        w = w.strip()
        code = w.upper() if w.upper() in namen else op_naam.get(w.casefold())
        if code is None:
            if w:
                onbekend.append(w)
        elif code not in geldig:
            geldig.append(code)
    return geldig, onbekend


@contextmanager
def veilig(wat: str = "deze pagina") -> Iterator[None]:
    """Vang elke fout: de gebruiker ziet een Nederlandse zin, de details gaan naar het log.

    ``st.stop()`` en reruns (``ScriptControlException``, een ``BaseException``) gaan gewoon door.
    """
    try:
        yield
    except store.GeenDatabase as fout:
        st.error(str(fout))
    except UnicodeError:
        log.exception("Onleesbare tekst bij %s", wat)
        st.error("Een bestand of tekst was niet te lezen (onbekende codering). Sla het bestand "
                 "op als 'CSV UTF-8' en probeer het opnieuw.")
    except BeleidFout as fout:  # tekst voor gebruikers, maar kan getypte tekst bevatten
        log.info("Afgekeurd bij %s: %s", wat, fout)
        st.error(als_tekst(str(fout), 500))
    except Exception:  # bewust alles: nooit een traceback naar de gebruiker
        log.exception("Fout bij het tonen van %s", wat)
        st.error(f"Er ging iets mis bij het tonen van {wat}. Laad de pagina opnieuw; "
                 "blijft het misgaan, meld het dan aan de beheerder van de monitor.")


# ----------------------------------------------------------------------------- zijbalk


def zijbalk() -> None:
    """De gedeelde zijbalk: regiokiezer (in de link) en de versie van de cijfers.

    Stopt de pagina met een Nederlandse melding als er geen (bruikbare) database is, zodat geen
    enkele pagina een traceback laat zien.
    """
    try:
        v = store.db_versie()
        alle = data.regios(v)
        info = data.database_info(v)
    except store.GeenDatabase as fout:
        st.error(str(fout))
        st.stop()
    if alle.empty:
        st.error("De database bevat nog geen regio's. Bouw hem opnieuw met 'python -m etl build'.")
        st.stop()
    namen = dict(zip(alle["code"], alle["naam"], strict=True))

    if _REGIO_WIDGET not in st.session_state:
        # Eerste run van deze sessie: de link bepaalt de keuze.
        uit_url = st.query_params.get_all(PARAM_REGIO)
        geldig, onbekend = _valideer_regios(uit_url, namen)
        if onbekend:
            st.session_state[_ONBEKEND] = onbekend
        if not uit_url or (onbekend and not geldig):
            geldig = [c for c in STANDAARD_REGIOS if c in namen]
        st.session_state[_REGIO_WIDGET] = geldig[:MAX_REGIOS]

    onbekend = st.session_state.pop(_ONBEKEND, None)
    if onbekend:
        lijst = ", ".join(f"'{w}'" for w in _opsomming(onbekend))
        st.warning(
            f"De link noemt een regio die niet in de database staat: {lijst}. "
            "Die is weggelaten. Kies regio's in de zijbalk.",
            icon=":material/warning:",
        )

    with st.sidebar:
        # De regiokiezer groeit mee: Streamlit geeft de keuzelijst een vaste maximale hoogte,
        # waardoor de vijfde en latere regio's half of helemaal uit beeld vielen. Vaste eigen CSS,
        # geen tekst van buiten; hij geldt voor elke multiselect op de pagina (zie url_keuze).
        st.html(_ZIJBALK_CSS)
        st.multiselect(
            "Regio's",
            options=list(namen),
            format_func=partial(_label, namen),
            key=_REGIO_WIDGET,
            max_selections=MAX_REGIOS,
            wrap=True,
            select_all=False,
            placeholder="Typ een gemeente om te zoeken",
            help="Typ een deel van de naam om een gemeente te zoeken. De eerste gemeente "
                 "staat centraal in het overzicht en de ranglijst.",
        )
        _data_regel(info)
    _zet_url(PARAM_REGIO, gekozen_regios())
    _versie_melding(info, v)


_ZIJBALK_CSS = """<style>
[data-testid="stMultiSelect"] div { max-height: none; }
</style>"""


def _data_regel(info: dict[str, Any]) -> None:
    klaar = info.get("klaar")
    if klaar is not None and not pd.isna(klaar):
        modus = {"snapshot": "meegeleverde snapshot", "online": "online bij CBS",
                 "snapshot+online": "deels online bij CBS, deels meegeleverd"}.get(
            str(info.get("modus")), str(info.get("modus") or "onbekend"))
        st.caption(f"Cijfers bijgewerkt op {fmt.datum(klaar)} ({modus}). Bron: CBS, CC BY 4.0.")


def _versie_melding(info: dict[str, Any], v: str) -> None:
    """Meld het als de link (of de sessie) bij een andere versie van de cijfers hoort."""
    huidig = str(info.get("run_id") or v)
    if _DATA_BASIS not in st.session_state:
        uit_link = st.query_params.get(PARAM_DATA)
        st.session_state[_DATA_UIT_LINK] = bool(uit_link)
        st.session_state[_DATA_BASIS] = uit_link or huidig
    basis = st.session_state[_DATA_BASIS]
    if basis != huidig:
        wanneer = ""
        klaar = info.get("klaar")
        if klaar is not None and not pd.isna(klaar):
            wanneer = f" op {fmt.datum(klaar)}"
        if st.session_state.get(_DATA_UIT_LINK):
            tekst = (f"Deze link hoort bij een andere versie van de cijfers "
                     f"({als_tekst(basis)}). "
                     f"De cijfers zijn daarna bijgewerkt{wanneer}. U ziet de nieuwe cijfers; "
                     "die kunnen afwijken van wat de afzender van de link zag.")
        else:
            tekst = (f"De cijfers zijn bijgewerkt{wanneer} terwijl deze pagina open stond. "
                     "U ziet nu de nieuwe cijfers.")
        st.info(tekst, icon=":material/update:")
    _zet_url(PARAM_DATA, [huidig])


# ----------------------------------------------------------------------------- URL-keuzes


def url_keuze(
    label: str,
    opties: Sequence[Any],
    *,
    sleutel: str,
    standaard: Any = None,
    format_func: Callable[[Any], str] = str,
    meerdere: bool = False,
    melding: Callable[[list[str]], str] | None = None,
    plek: Any = None,
    **widget_kwargs: Any,
) -> Any:
    """Een selectbox (of multiselect bij ``meerdere=True``) die in de link staat als ``?sleutel=``.

    - Bij de eerste keer in de sessie komt de waarde uit de link; onbekende linkwaarden worden
      gemeld met ``melding(onbekend)`` (of een standaardzin) en vervangen door ``standaard``.
    - Komt de gebruiker terug op de pagina (Streamlit wist dan de paginaparameters), dan krijgt
      hij zijn laatste keuze terug, en die komt weer in de link.
    - Past de bewaarde keuze niet meer bij ``opties`` (bijv. een jaar dat bij een andere
      indicator niet bestaat), dan wordt het ``standaard``.
    - ``opties`` mogen getallen zijn; in de link staan ze als tekst.
    Geeft de gekozen optie (of lijst van opties) terug.
    """
    plek = plek or st
    opties = list(opties)
    # Een dict-lookup in plaats van de meegegeven functie: die kan een lambda zijn, en
    # AppTest bewaart format_func in de (picklebare) session_state.
    labels = partial(_label, {o: format_func(o) for o in opties})
    op_tekst = {str(o): o for o in opties}
    key = f"k_{sleutel}"
    if standaard is None:
        standaard = [] if meerdere else (opties[0] if opties else None)
    if meerdere:
        standaard = [s for s in standaard if s in opties]
    elif standaard not in opties:
        standaard = opties[0] if opties else None

    bewaard = f"_bewaard_{sleutel}"
    if key not in st.session_state:
        uit_url = st.query_params.get_all(sleutel)
        if not uit_url and bewaard in st.session_state:
            # Terug op deze pagina: Streamlit wist de paginaparameters bij navigeren, maar de
            # gebruiker verwacht zijn laatste keuze terug.
            uit_url = [str(w) for w in st.session_state[bewaard]]
        geldig = [op_tekst[w] for w in uit_url if w in op_tekst]
        onbekend = [w for w in uit_url if w not in op_tekst]
        if onbekend and bewaard not in st.session_state:
            veilig_genoemd = _opsomming(onbekend)
            lijst = ", ".join(f"'{w}'" for w in veilig_genoemd)
            st.warning(melding(veilig_genoemd) if melding else
                       f"De link bevat een onbekende keuze voor '{label}': {lijst}. "
                       "U ziet nu de standaardkeuze.", icon=":material/warning:")
        if meerdere:
            st.session_state[key] = list(dict.fromkeys(geldig)) if uit_url and geldig else standaard
        else:
            st.session_state[key] = geldig[0] if geldig else standaard
    else:
        huidig = st.session_state[key]
        if meerdere:
            if any(h not in opties for h in huidig):
                st.session_state[key] = [h for h in huidig if h in opties] or standaard
        elif huidig not in opties:
            st.session_state[key] = standaard

    if meerdere:
        widget_kwargs.setdefault("placeholder", "Kies een of meer")
        # Elke gekozen optie in beeld: in een kolom (Export) bleven de keuzes anders op één
        # regel en vielen ze rechts weg; de keuzelijst groeit mee (_ZIJBALK_CSS).
        widget_kwargs.setdefault("wrap", True)
        gekozen = plek.multiselect(label, opties, key=key, format_func=labels, select_all=False,
                                   **widget_kwargs)
        _zet_url(sleutel, [str(g) for g in gekozen])
        st.session_state[bewaard] = [str(g) for g in gekozen]
    else:
        widget_kwargs.setdefault("placeholder", "Kies een optie")
        gekozen = plek.selectbox(label, opties, key=key, format_func=labels, **widget_kwargs)
        _zet_url(sleutel, [] if gekozen is None else [str(gekozen)])
        st.session_state[bewaard] = [] if gekozen is None else [str(gekozen)]
    return gekozen


def tabbladen(labels: Sequence[str], *, sleutel: str) -> Sequence[Any]:
    """Tabbladen die in de link staan (``?sleutel=Label``); alleen het open tabblad is ``.open``.

    Zo bouwt een pagina alleen wat te zien is (Streamlit: ``bind="query-params"``). Een onbekende
    waarde in de link meldt de pagina, letterlijk; Streamlit zou hem stil weglaten.
    """
    gevraagd = st.query_params.get(sleutel)
    if gevraagd is not None and gevraagd not in labels:
        st.warning(f"De link noemt een onbekend tabblad ('{als_tekst(gevraagd)}'). "
                   f"U ziet {labels[0]}.", icon=":material/warning:")
    return st.tabs(list(labels), key=sleutel, bind="query-params")


def stop_zonder_keuze(indicatoren: list[str], regios: list[str]) -> None:
    """Stop the page with a friendly hint when nothing is chosen (no empty charts, no errors)."""
    if not indicatoren:
        st.info("Kies hierboven minstens één indicator.")
        st.stop()
    if not regios:
        st.info("Kies in de zijbalk minstens één regio.")
        st.stop()
