"""Bronnen en definities: elke indicator, elke bron, de laatste bijwerking en de licentie."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from monitor.ui import data, htmltabel, keuzes
from monitor.verkennen import definities

# Rijhoogtes waarbij het raster tekst laat teruglopen (Streamlit 1.67 doet dat vanaf ~64 px):
# drie en vier regels van ~20 px, plus ruimte boven en onder. De kolommen hieronder passen samen
# in de smalste pagina (een raster van 818 px bij een scherm van 1280 px); anders vielen Modus,
# Status en Melding rechts weg.
_DRIE_REGELS, _VIER_REGELS = 68, 100


def _herkomst_per_bijwerking(herkomst: pd.DataFrame, runs: pd.DataFrame) -> None:
    """Per bijwerking (de laatste build en de laatste refresh, de nieuwste eerst) één kop en één
    raster.

    De bijwerking staat één keer boven de tabel, niet in elke rij: die kolom ("snapshot (de
    meegeleverde CBS-bestanden, zonder internet), 1 december 2026 om 06:29 (Nederlandse tijd)")
    was breder dan het raster en duwde Bron en Melding eruit (issue 12).
    """
    versies = dict(zip(runs["gestart"], runs["run_id"], strict=True))
    for (gestart, modus), groep in herkomst.groupby(["gestart", "modus"], sort=False):
        versie = versies.get(gestart)
        st.markdown(f"**Bijwerking van {definities.tijdstip(gestart)}**"
                    + (f", versie {keuzes.als_tekst(versie)}" if versie else "") + "  \n"
                    + keuzes.als_tekst(definities.modus_tekst(modus)))
        tabel = definities.herkomst_tabel(groep).drop(columns="Bijwerking")
        # Bronnen en paden zijn lang ("snapshot/bestanden/kwb-2024-…/….csv"): vier regels per rij.
        st.dataframe(tabel, hide_index=True, width="stretch", row_height=_VIER_REGELS,
                     height=38 + _VIER_REGELS * min(len(tabel), 8),
                     column_config={
                         "Tabel": st.column_config.TextColumn(width=100),
                         "Bron": st.column_config.TextColumn(width=250),
                         "Herkomst": st.column_config.TextColumn(width=90),
                         "Melding": st.column_config.TextColumn(width=340)})


st.title("Bronnen en definities")

with keuzes.veilig("de bronnen"):
    v = keuzes.versie()
    runs = data.etl_runs(v)
    st.info(definities.laatste_run_tekst(runs), icon=":material/update:")
    st.markdown(definities.CBS_LICENTIE)
    st.caption("Cijfers uit beleidsdocumenten van gemeenten zijn citaten uit openbare documenten; "
               "waar CBS hetzelfde cijfer heeft, toont de monitor het CBS-cijfer.")

    st.header("Indicatoren")
    indicatoren = data.indicatoren(v)
    bronregels = definities.bron_regels(data.indicator_bronnen(v))
    zoektekst = st.text_input("Zoek een indicator", placeholder="bijvoorbeeld bijstand of inkomen")
    gevonden = definities.zoek(indicatoren, zoektekst)
    if gevonden.empty:
        st.warning(f"Geen indicator gevonden voor '{keuzes.als_tekst(zoektekst)}'.")
    for thema, groep in gevonden.groupby("thema", sort=False):
        with st.expander(f"{str(thema).capitalize()} ({len(groep)})", expanded=bool(zoektekst)):
            for meta in groep.to_dict("records"):
                st.markdown(definities.indicator_blok(meta, bronregels.get(str(meta["key"]), [])))

    st.header("Wat staat er in de database")
    st.caption("Per indicator de jaren waarin minstens één regio een cijfer heeft, hoeveel "
               "gemeenten ooit een cijfer hebben, en de jaren met een cijfer voor Nederland. "
               "Ontbrekende jaren ontbreken in de bronnen; de monitor vult ze niet aan.")
    # HTML en geen grid: de jaartallen ("2012, 2015, 2017-2020, 2022-2024") liepen in de grid
    # achter de kolomrand weg; hier lopen ze door op een tweede regel.
    htmltabel.toon(definities.dekking_tabel(data.dekking(v), indicatoren),
                   alt="Per indicator de jaren met een cijfer, het aantal gemeenten en Nederland")

    st.header("Bronnen")
    bronnen = data.bronnen(v)
    with st.expander(f"Alle bronnen ({len(bronnen)})", expanded=True):
        for bron in bronnen.to_dict("records"):
            st.markdown(definities.bron_blok(bron))

    st.header("Bijwerkingen")
    tabel = runs.assign(
        gestart=runs["gestart"].map(definities.tijdstip),
        klaar=runs["klaar"].map(definities.tijdstip),
        modus=runs["modus"].map(definities.modus_tekst),
    )
    st.caption("Elke bijwerking van de cijfers, de nieuwste bovenaan. De versie staat ook in de "
               "link (data=…) en in de export. Een lange melding staat er helemaal als u de cel "
               "dubbelklikt, en in de download (knop rechtsboven de tabel).")
    kolom = st.column_config.TextColumn
    st.dataframe(tabel, hide_index=True, width="stretch", row_height=_DRIE_REGELS, column_config={
        "run_id": kolom("Versie", width=105, help="Staat ook in de link: data=…"),
        "gestart": kolom("Gestart", width=140), "klaar": kolom("Klaar", width=140),
        "modus": kolom("Modus", width=200), "status": kolom("Status", width=65),
        "melding": kolom("Melding", width=160)})
    herkomst = data.herkomst_laatste_runs(v)
    if not herkomst.empty:
        mislukt = herkomst[herkomst["herkomst"] == "niet opgehaald"]
        if not mislukt.empty:
            st.warning(definities.mislukt_tekst(mislukt), icon=":material/cloud_off:")
        # Bestandsnamen en paden zijn voor beheer en controle (rekenkamer, financiën): dicht.
        with st.expander("Technische herkomst: welk bestand, per bron", icon=":material/folder:"):
            st.caption("Waar elke bron in de laatste bijwerking vandaan kwam: online bij CBS, uit "
                       "de meegeleverde bestanden, lokaal, een eigen import, of niet opgehaald "
                       "(dan gebruikt de monitor de vorige gegevens).")
            _herkomst_per_bijwerking(herkomst, runs)
    niet = data.niet_geladen(v)
    if not niet.empty:
        st.subheader("Bewust niet geladen")
        st.caption("Regels uit de bronnen die de monitor bewust niet heeft geladen, met de "
                   "reden. 'Regel' is het regelnummer in het bronbestand.")
        htmltabel.toon(definities.niet_geladen_tabel(niet, indicatoren),
                       alt="Regels die bewust niet zijn geladen, per bron, met de reden")
