"""Doeltreffendheid (rekenkamer): bewoog Heerlen anders dan Nederland en de vergelijkingsgroep?

Dunne pagina: cijfers uit monitor.store, nulmeting en context uit monitor.beleid, alle getallen
uit monitor.toets.doeltreffendheid_tabellen (dezelfde functie voedt de export), zinnen en
tabellen voor de lezer uit monitor.doeltreffendheid.
"""

from __future__ import annotations

import datetime as dt
from functools import partial

import pandas as pd
import streamlit as st

from monitor import charts
from monitor.beleid import doeltreffendheid as logica
from monitor.beleid import nulmeting, opslag, toets
from monitor.beleid.beleidsmonitor import bestandsnaam, titels
from monitor.beleid.grafieken import pretrend_figuur, verandering_figuur
from monitor.domein import ANDER_PRODUCT, NEDERLAND
from monitor.letterlijk import letterlijk
from monitor.tabelbestand import tabel_csv, tabellen_werkboek
from monitor.ui import beleid as beleid_ui
from monitor.ui import data, grafiek, groep, htmltabel, keuzes
from monitor.verkennen import referentie

_MELDING = "toets_melding"


def kies_indicator(ind: pd.DataFrame, doel: str, v: str) -> str:
    kandidaat = logica.kandidaten(ind)
    met_cijfer = set(data.laatste(v, tuple(kandidaat["key"]), (doel,))["indicator_key"])
    volgorde = logica.indicator_volgorde(list(kandidaat["key"]), met_cijfer)
    return keuzes.url_keuze(
        "Indicator", volgorde, sleutel="toetsindicator",
        standaard=logica.standaard_indicator(volgorde),
        format_func=partial(beleid_ui.label, titels(ind)),
        help="Alleen indicatoren met een richting (lager of hoger is beter) en een eenheid die "
             "tussen gemeenten te vergelijken is (percentage, euro, per 1.000 inwoners).")


def periode_kiezen(jaren: list[int], nul_jaar: int, lag: int) -> tuple[int, int, str]:
    """Kies van/tot; standaard sinds de nulmeting, of een terugblik als er nog niets na is."""
    std_van, std_tot, terugblik = logica.standaard_periode(jaren, nul_jaar)
    if terugblik:
        st.info(logica.terugblik_tekst(nul_jaar, lag), icon=":material/schedule:")
    k1, k2 = st.columns(2)
    with k1:
        van = keuzes.url_keuze("Vanaf", logica.van_opties(jaren), sleutel="van",
                               standaard=std_van, format_func=str)
    with k2:
        tot = keuzes.url_keuze("Tot en met", logica.tot_opties(jaren, van), sleutel="tot",
                               standaard=std_tot, format_func=str)
    return int(van), int(tot), logica.periode_soort(van, tot, nul_jaar)


def verandering_sectie(t: dict[str, pd.DataFrame], namen: dict, doel: str, eenheid: str,
                       ander: bool, van: int, tot: int, decimalen: int) -> None:  # fmt: skip
    st.subheader(f"Verandering {van}-{tot}")
    beleid_ui.kerngetallen(logica.verandering_kerngetallen(t, namen, doel, eenheid, ander,
                                                           decimalen))
    # Grafiek en tabel met de verandering van de getoonde (afgeronde) cijfers: na te rekenen.
    # verandering_tabel rondt zelf af; de grafiek krijgt dezelfde afgeronde verandering.
    fig = verandering_figuur(logica.getoonde_verandering(t["verandering"], eenheid),
                             titel=f"Verandering {van}-{tot}", eenheid=eenheid,
                             ander_product=ander)
    grafiek.toon(fig, key="toets_verandering")
    htmltabel.toon(logica.verandering_tabel(t["verandering"], van, tot, eenheid, ander),
                   alt=f"Verandering {van}-{tot} per regio, met de cijfers van beide jaren")
    st.caption(logica.AFGEROND_UITLEG)


def kloof_sectie(t: dict[str, pd.DataFrame], naam: str, eenheid: str, richting: str,
                 ander: bool) -> None:  # fmt: skip
    st.subheader("Kloof met Nederland")
    van, tot, sluit = logica.kloof_kerngetallen(t, eenheid, richting)
    k1, k2, k3 = st.columns(3)
    k1.metric(van.label, van.waarde)
    k2.metric(tot.label, tot.waarde, delta=tot.delta, delta_color="off", delta_arrow="off",
              delta_description="verandering van de kloof")
    k3.metric(sluit.label, sluit.waarde)
    reden = logica.kloof_onberekenbaar(t)
    if reden:
        st.info(reden, icon=":material/info:")
    else:
        st.markdown(logica.tempo_tekst(t))
        st.caption(f"Positief verschil = {letterlijk(naam)} hoger dan Nederland. Het tempo is de "
                   "verandering van de kloof per jaar tussen de twee gekozen jaren, lineair "
                   "doorgetrokken; Nederland beweegt ook, dus dit is een rekenvoorbeeld, geen "
                   "voorspelling. Het is dezelfde vraag als Maastrichts ambitie 'in 2030 onder het "
                   "landelijk gemiddelde'.")  # fmt: skip
    if ander:
        st.caption("Nederland heeft voor deze indicator geen eigen cijfer: de vergelijking "
                   f"gebruikt een landelijk cijfer uit een {ANDER_PRODUCT}, een verwante maar "
                   "andere meting. Vergelijk de richting, niet het niveau.")  # fmt: skip


def did_sectie(t: dict[str, pd.DataFrame], naam: str, eenheid: str, richting: str,
               decimalen: int | None) -> None:
    st.subheader("Verschil-in-verschillen")
    st.badge("indicatief, niet causaal", color="orange", icon=":material/warning:")
    for regel in logica.did_regels(t, naam, eenheid, richting, decimalen):
        st.markdown(regel)
    zonder = logica.niet_meegeteld_tekst(t)
    if zonder:
        st.caption(zonder)
    st.caption("Verschil-in-verschillen = de verandering van de gemeente min de gemiddelde "
               "verandering van de vergelijkingsgroep. Het laat zien óf de gemeente anders "
               "bewoog, niet waardoor: landelijke maatregelen, andere programma's en "
               "toeval spelen mee. Het is alleen zinvol als de reeksen vóór de nulmeting gelijk "
               "opliepen (zie hieronder).")  # fmt: skip


def pretrend_sectie(reeks: pd.DataFrame, t: dict[str, pd.DataFrame], titel: str, eenheid: str,
                    volgorde: list[str], nul_jaar: int, ander: bool, doel: str,
                    naam: str) -> None:  # fmt: skip
    st.subheader("Vóór de nulmeting: liepen de reeksen gelijk op?")
    # De grafiek staat onder de vouw en pas bij openen gebouwd: een tweede grafiek wordt in de
    # browser in dezelfde taak getekend als de eerste en hield die ~0,45 s op (bench/pages.py).
    # De tabel en de zin eronder geven dezelfde uitkomst in tekst.
    vak = st.expander(f"Grafiek van de reeksen tot en met {nul_jaar}", icon=":material/show_chart:",
                      key="pretrend_grafiek_open", on_change="rerun")
    if vak.open:
        with vak:
            fig = pretrend_figuur(reeks, titel=f"{titel}: tot en met {nul_jaar}", eenheid=eenheid,
                                  volgorde=volgorde, tot_jaar=nul_jaar, ander_product=ander,
                                  trends=t["pretrend"])  # fmt: skip
            grafiek.toon(fig, key="toets_pretrend")
            # Wat de tekens betekenen, in dezelfde woorden als op Trends en Vergelijken.
            st.caption(f"{charts.uitleg_ander_product() if ander else charts.UITLEG_NEDERLAND} "
                       f"{charts.UITLEG_VOORLOPIG_PUNT} De dunne stippellijn in de kleur van "
                       "een regio is de rechte trendlijn door haar cijfers.")  # fmt: skip
    pre = t["pretrend"]
    htmltabel.toon(logica.pretrend_tabel(pre, eenheid),
                   alt=f"Trend per jaar tot en met {nul_jaar} per regio")
    zin = logica.pretrend_zin(pre, doel, naam, eenheid)
    if zin:
        st.markdown(zin)
    te_weinig = logica.te_weinig_voor_pretrend_tekst(pre)
    if te_weinig:
        st.caption(te_weinig)


def context_sectie(bewerker: str | None) -> None:
    st.subheader("Wat beweegt de cijfers nog meer?")
    st.caption("Programma's en landelijke maatregelen in dezelfde periode. Ze maken het moeilijk "
               "om een verandering aan het eigen beleid toe te schrijven. Elke regel heeft een "
               "bron.")  # fmt: skip
    ctx = opslag.context_regels()
    if not bewerker:
        # Markdown met de ingevoerde tekst letterlijk (zie context_markdown)
        st.markdown(logica.context_markdown(ctx))
        return
    kolommen = {"naam": st.column_config.TextColumn("Naam", width="medium"),
                "periode": st.column_config.TextColumn("Periode"),
                "omschrijving": st.column_config.TextColumn("Omschrijving", width="large"),
                "regio": st.column_config.TextColumn("Regio"),
                "bron": st.column_config.TextColumn("Bron", width="medium")}  # fmt: skip
    with st.form("context"):
        bewerkt = st.data_editor(ctx, key="ed_context", hide_index=True, num_rows="dynamic",
                                 placeholder="", width="stretch", disabled=["id"],
                                 column_config={"id": None, **kolommen})  # fmt: skip
        reden = st.text_input("Reden van de wijziging (verplicht)", key="reden_context")
        opslaan = st.form_submit_button("Context opslaan", type="primary")
    if opslaan:
        beleid_ui.sla_op(_MELDING,
                         lambda: opslag.sla_context_op(bewerkt, wie=bewerker, reden=reden),
                         "{n} contextregel(s) gewijzigd.")


def kanttekeningen_sectie(t: dict[str, pd.DataFrame]) -> None:
    st.subheader("Kanttekeningen bij deze cijfers")
    kant = t["kanttekeningen"]
    if kant.empty:
        st.write("Geen bijzonderheden gevonden in de cijfers.")
        return
    st.markdown(logica.kanttekeningen_markdown(kant))


def export_sectie(t: dict[str, pd.DataFrame], toelichting: list[tuple[str, str]], key: str,
                  van: int, tot: int) -> None:  # fmt: skip
    st.subheader("Exporteren")
    naam = bestandsnaam(f"doeltreffendheid_{key}_{van}-{tot}", dt.date.today())
    k1, k2 = st.columns(2)
    # data als functie: de werkmap wordt pas gemaakt bij een klik, niet bij elke run van de pagina.
    k1.download_button("Alle getallen (Excel)", data=lambda: tabellen_werkboek(t, toelichting),
                       file_name=f"{naam}.xlsx", on_click="ignore", icon=":material/download:",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                       key="toets_excel")  # fmt: skip
    k2.download_button("Verandering per regio (CSV)",
                       data=lambda: tabel_csv(t["verandering"], "nl"),
                       file_name=f"{naam}.csv", mime="text/csv", on_click="ignore",
                       icon=":material/download:", key="toets_csv")  # fmt: skip
    st.caption("De Excel-werkmap heeft een blad per tabel (verandering, kloof, "
               "verschil-in-verschillen, kloof dicht, pre-trend, kanttekeningen, gebruikte cijfers "
               "met bron en status) en een blad Toelichting met de keuzes en de methode.")


# ----------------------------------------------------------------------------- pagina

beleid_ui.kop("Doeltreffendheid",
              "Voor de rekenkamer: bewoog de gemeente anders dan Nederland en vergelijkbare "
              "gemeenten sinds de nulmeting? Alle uitkomsten zijn indicatief: ze laten zien óf er "
              "verschil is, niet waardoor.", _MELDING)  # fmt: skip

with keuzes.veilig("de doeltreffendheid"):
    versie, indicatoren, regionamen, naam_bewerker = beleid_ui.basis()
    meta = indicatoren.set_index("key")
    doelregio = keuzes.hoofdgemeente() or "GM0917"
    doelnaam = regionamen.get(doelregio, doelregio)
    key = kies_indicator(indicatoren, doelregio, versie)
    if key is None:
        st.warning(f"Voor {letterlijk(doelnaam)} zijn er geen cijfers om te vergelijken.")
        st.stop()
    m = meta.loc[key]
    vergelijkingsgroep = groep.kies(
        versie, key, str(m["titel"]), str(m["eenheid"]), doelregio,
        logica.vergelijkingsgroep(keuzes.gekozen_regios(), doelregio), regionamen)
    st.write(logica.vergelijking_zin(regionamen, doelregio, vergelijkingsgroep))
    eenheid, richting, lag = str(m["eenheid"]), str(m["richting"]), int(m["beschikbaar_na"])
    codes = (doelregio, NEDERLAND, *vergelijkingsgroep)
    eigen = data.reeks(versie, (key,), codes)
    alt = referentie.vergelijk_key(m, eigen)
    ander_reeks = data.reeks(versie, (alt,), (NEDERLAND,)) if alt else None
    reeks, ander = referentie.nederland_reeks(eigen, ander_reeks)
    ander_titel = str(meta.loc[alt, "titel"]) if ander and alt else None

    vastgelegd = opslag.nulmeting(key, doelregio)
    nul = vastgelegd or nulmeting.nulmeting_voorstel(eigen, doelregio)
    jaren = logica.jaren_met_cijfer(eigen, doelregio)
    if nul is None or len(jaren) < 2:
        st.info(f"Voor deze indicator heeft {letterlijk(doelnaam)} te weinig "
                "cijfers om een verandering te berekenen (minstens twee jaren nodig).")
        st.stop()
    nul_jaar = int(nul["jaar"])
    st.caption(logica.nulmeting_zin(nul, eenheid, bool(vastgelegd), lag))
    van, tot, soort = periode_kiezen(jaren, nul_jaar, lag)
    st.markdown(f"*{soort}*")

    inwoners = data.reeks(versie, ("inwoners",), codes)
    tabellen = toets.doeltreffendheid_tabellen(
        reeks, doel=doelregio, groep=vergelijkingsgroep, van_jaar=van, tot_jaar=tot,
        richting=richting, eenheid=eenheid, inwoners=inwoners, ander_product=ander_titel,
        pretrend_tot=nul_jaar, regio_namen=regionamen)  # fmt: skip

    verandering_sectie(tabellen, regionamen, doelregio, eenheid, ander, van, tot,
                       int(m["decimalen"]))
    kloof_sectie(tabellen, doelnaam, eenheid, richting, ander)
    did_sectie(tabellen, doelnaam, eenheid, richting, int(m["decimalen"]))
    pretrend_sectie(reeks, tabellen, str(m["titel"]), eenheid, list(codes),
                    nul_jaar, ander, doelregio, doelnaam)
    context_sectie(naam_bewerker)
    kanttekeningen_sectie(tabellen)
    export_sectie(tabellen, logica.export_toelichting(
        titel=str(m["titel"]), key=key, eenheid=eenheid, richting=richting, namen=regionamen,
        doel=doelregio, groep=vergelijkingsgroep, van=van, tot=tot, soort=soort,
        nul_jaar=nul_jaar, nul_waarde=nul["waarde"], ander=ander, ander_titel=ander_titel,
        versie=versie), key, van, tot)
