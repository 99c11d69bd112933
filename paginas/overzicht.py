"""Overzicht: de eerste gekozen gemeente in één oogopslag, naast Nederland en de andere regio's."""

from __future__ import annotations

import streamlit as st

from monitor import charts, palet
from monitor.letterlijk import letterlijk
from monitor.ui import data, grafiek, htmltabel, keuzes
from monitor.verkennen import tegelblok

with keuzes.veilig("het overzicht"):
    v = keuzes.versie()
    namen = keuzes.regio_namen()
    code = keuzes.hoofdgemeente()
    if code is None:
        st.title("Overzicht")
        st.info("Kies in de zijbalk minstens één gemeente. Die staat dan centraal in dit overzicht.")
        st.stop()
    naam = namen[code]
    naam_md = letterlijk(naam)  # de naam komt uit de database; titel en bijschrift zijn Markdown
    codes = keuzes.gekozen_regios()
    st.title(f"{naam_md} in één oogopslag")
    st.caption(
        f"De laatste cijfers voor {naam_md}, naast Nederland. Elk cijfer noemt zijn jaar; een jaar "
        "met * is voorlopig. Staat er 'geen cijfer', dan staat erbij waarom."
    )

    beeld = data.overzicht_beeld(v, code, tuple(codes), {c: namen[c] for c in codes})

    # Eén blok HTML in plaats van 63 Streamlit-elementen: zie monitor/verkennen/tegelblok.py.
    st.html(tegelblok.tegels_html(beeld.tegels))

    st.subheader("Naast de andere gekozen regio's")
    st.caption(
        f"Per kerncijfer het jaar van {naam_md}. Heeft een regio in dat jaar geen cijfer, dan "
        "staat er 'geen cijfer' (er staat nooit stilletjes een ouder jaar naast). "
        f"{charts.UITLEG_NEDERLAND} {charts.UITLEG_VOORLOPIG_STAAF}"
    )
    fig = charts.kleine_staven(beeld.panelen, codes=codes, namen=namen, kleur=palet.kleuren(codes))
    grafiek.toon(fig)
    htmltabel.toon(beeld.tabel, alt=f"Kerncijfers van {naam} naast de andere gekozen regio's, als tabel")
