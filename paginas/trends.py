"""Trends: een lijn per regio over alle jaren in de database; beleidsperiode 2026-2029 gearceerd."""

from __future__ import annotations

import streamlit as st

from monitor import charts, palet
from monitor.domein import NEDERLAND
from monitor.letterlijk import letterlijk
from monitor.ui import data, grafiek, htmltabel, keuzes
from monitor.verkennen import tabellen

st.title("Trends")

with keuzes.veilig("de trends"):
    v = keuzes.versie()
    namen = keuzes.regio_namen()
    codes = keuzes.gekozen_regios()

    ind = data.indicatoren(v).set_index("key")
    dekking = data.dekking(v).set_index("indicator_key")
    keys = [k for k in ind.index if k in dekking.index]
    if not keys:
        st.warning("Er zijn nog geen cijfers in de database. Bouw hem opnieuw met "
                   "'python -m etl build' of kijk bij Bronnen en definities wat er mis ging.")
        st.stop()
    gekozen = keuzes.url_keuze(
        "Indicatoren", keys, sleutel="indicatoren", meerdere=True,
        standaard=["bijstand_per_1000", "hh_rond_sociaal_minimum_pct"],
        format_func=lambda k: str(ind.at[k, "titel"]),
        melding=lambda fout: f"De link noemt een onbekende indicator ({', '.join(fout)}). "
                             "Die is weggelaten.",
        placeholder="Kies een of meer indicatoren",
    )
    st.caption(
        f"Elke lijn is een regio. {charts.UITLEG_NEDERLAND} {charts.UITLEG_VOORLOPIG_PUNT} "
        "Waar een jaar geen cijfer heeft, is de lijn onderbroken: er wordt niets bijgeschat. Het "
        "grijze vlak is de beleidsperiode 2026-2029."
    )
    keuzes.stop_zonder_keuze(gekozen, codes)

    kleur = palet.kleuren(codes)
    reeks = data.reeks(v, tuple(gekozen), tuple(codes))
    for key in gekozen:
        meta = ind.loc[key]
        titel, eenheid = str(meta["titel"]), str(meta["eenheid"])
        frame = reeks[reeks["indicator_key"] == key]
        if not charts.nl_als_referentie(eenheid):
            frame = frame[frame["regio_code"] != NEDERLAND]
        ander = None
        vergelijk = meta.get("vergelijk_nl")
        nl_eigen = frame[(frame["regio_code"] == NEDERLAND) & frame["waarde"].notna()]
        if (NEDERLAND in codes and nl_eigen.empty and isinstance(vergelijk, str)
                and vergelijk):
            ander = data.reeks(v, (vergelijk,), (NEDERLAND,))
        jaren_met_cijfer = sorted({int(j) for j in frame.loc[frame["waarde"].notna(), "jaar"]})
        if len(jaren_met_cijfer) <= 1:
            # Eén jaar is geen trend: toon de cijfers, geen lijn met één punt.
            st.subheader(titel)
            st.caption(tabellen.een_jaar_tekst(jaren_met_cijfer))
            htmltabel.toon(tabellen.trend_tabel(frame, codes, namen, eenheid),
                           alt=f"{titel} per jaar")
            continue
        fig = charts.trendlijnen(frame, titel=titel, eenheid=eenheid, kleur=kleur, volgorde=codes,
                                 ander_product=ander)
        grafiek.toon(fig, key=f"trend_{key}")

        notities = []
        if not charts.nl_als_referentie(eenheid):
            notities.append("Nederland staat niet in deze grafiek: een landelijk aantal is niet te "
                            "vergelijken met het aantal van één gemeente.")
        elif NEDERLAND in codes and nl_eigen.empty:
            # De titel komt uit de database: letterlijk (st.caption is Markdown).
            notities.append("Nederland heeft geen cijfer uit dezelfde bron."
                            + (" " + charts.uitleg_ander_product(
                                letterlijk(ind.at[vergelijk, "titel"]))
                               if ander is not None else ""))
        met_cijfer = set(frame[frame["waarde"].notna()]["regio_code"])
        zonder = [letterlijk(namen[c]) for c in codes
                  if c in namen and c != NEDERLAND and c not in met_cijfer]
        if zonder:
            notities.append(f"Geen enkel cijfer voor: {', '.join(zonder)}.")
        for n in notities:
            st.caption(n)
        # Dicht tot iemand hem opent, en pas dan gebouwd (geen tabel die niemand ziet, vóór de
        # grafiek in de browser). De tabel is het tekstalternatief van de grafiek.
        vak = st.expander(f"Tabel: {titel}", key=f"trendtabel_{key}", on_change="rerun")
        if not vak.open:
            continue
        with vak:
            htmltabel.toon(tabellen.trend_tabel(frame, codes, namen, eenheid),
                           alt=f"{titel} per jaar")
            bronnen = sorted({letterlijk(b) for b in frame["bron_titel"].dropna()})
            st.caption("Bronnen: " + "; ".join(bronnen) + ". * = voorlopig.")
