"""Overzicht: de eerste gekozen gemeente in één oogopslag, naast Nederland en de andere regio's."""

from __future__ import annotations

import streamlit as st

from monitor import charts, fmt, palet
from monitor.domein import NEDERLAND, Oordeel
from monitor.letterlijk import letterlijk
from monitor.ui import data, grafiek, htmltabel, keuzes
from monitor.verkennen import overzicht

_KLEUR = {Oordeel.GUNSTIG: "blue", Oordeel.ONGUNSTIG: "orange", Oordeel.GELIJK: "gray"}
_OORDEEL = {Oordeel.GUNSTIG: "Gunstiger dan Nederland.",
            Oordeel.ONGUNSTIG: "Ongunstiger dan Nederland.",
            Oordeel.GELIJK: "Gelijk aan Nederland."}


def _tegel(t: overzicht.Tegel) -> None:
    with st.container(border=True, height="stretch"):
        st.markdown(f"**{t.titel}**", help=t.definitie or None)
        if t.waarde is None:
            st.metric("geen jaar", fmt.GEEN_CIJFER, label_visibility="collapsed")
            st.caption(t.reden_geen_cijfer or "")
            return
        pijl = {"+": "up", fmt.MIN: "down"}.get((t.verschil_tekst or " ")[0], "off")
        st.metric(
            t.jaar_tekst + (f" · {t.status}" if t.voorlopig else ""),
            t.waarde_tekst,
            delta=f"{t.verschil_tekst} t.o.v. Nederland" if t.verschil_tekst else None,
            delta_color=_KLEUR.get(t.oordeel or "", "gray"),
            delta_arrow=pijl,
        )
        st.markdown(t.zin)
        regels = [t.nl_tekst, _OORDEEL.get(t.oordeel or "", ""), *t.extra]
        st.caption("  \n".join(r for r in regels if r))
        # Een badge in een caption wordt te licht (contrast 2,4:1); daarom los, met volle kleur.
        st.badge(str(t.status), color="orange" if t.voorlopig else "gray")
        st.caption(f"Bron: {letterlijk(t.bron)}")  # bronnaam uit de database: letterlijk


with keuzes.veilig("het overzicht"):
    v = keuzes.versie()
    namen = keuzes.regio_namen()
    code = keuzes.hoofdgemeente()
    if code is None:
        st.title("Overzicht")
        st.info("Kies in de zijbalk minstens één gemeente. Die staat dan centraal in dit overzicht.")
        st.stop()
    naam = namen[code]
    codes = keuzes.gekozen_regios()
    st.title(f"{naam} in één oogopslag")
    st.caption(
        f"De laatste cijfers voor {naam}, naast Nederland. Elk cijfer noemt zijn jaar; een jaar met * "
        "is voorlopig. Staat er 'geen cijfer', dan staat erbij waarom."
    )

    indicatoren = data.indicatoren(v)
    keys = overzicht.benodigde_keys(indicatoren)
    reeks = data.reeks(v, keys, tuple(dict.fromkeys([code, NEDERLAND, *codes])))
    tegels = overzicht.tegels(reeks, indicatoren, code, naam)

    for start in range(0, len(tegels), 3):
        kolommen = st.columns(3)
        for kolom, t in zip(kolommen, tegels[start:start + 3], strict=False):
            with kolom:
                _tegel(t)

    st.subheader("Naast de andere gekozen regio's")
    st.caption(
        f"Per kerncijfer het jaar van {naam}. Heeft een regio in dat jaar geen cijfer, dan staat er "
        "'geen cijfer' (er staat nooit stilletjes een ouder jaar naast). Nederland is de grijze "
        "stippellijn. Gearceerd of * = voorlopig."
    )
    fig = charts.kleine_staven(overzicht.panelen(reeks, tegels),
                               codes=codes, namen=namen, kleur=palet.kleuren(codes))
    grafiek.toon(fig)
    htmltabel.toon(overzicht.naast_elkaar(reeks, tegels, codes, namen),
               alt=f"Kerncijfers van {naam} naast de andere gekozen regio's, als tabel")
