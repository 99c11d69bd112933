"""Bronnen en definities: elke indicator, elke bron, de laatste bijwerking en de licentie."""

from __future__ import annotations

import streamlit as st

from monitor.ui import data, htmltabel, keuzes
from monitor.verkennen import definities

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
    st.dataframe(tabel, hide_index=True, width="stretch", column_config={
        "run_id": "Versie (in de link: data=)", "gestart": "Gestart", "klaar": "Klaar",
        "modus": "Modus", "status": "Status", "melding": "Melding"})
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
            st.dataframe(definities.herkomst_tabel(herkomst), hide_index=True, width="stretch")
    niet = data.niet_geladen(v)
    if not niet.empty:
        st.subheader("Bewust niet geladen")
        st.caption("Regels uit de bronnen die de monitor bewust niet heeft geladen, met de "
                   "reden. 'Regel' is het regelnummer in het bronbestand.")
        htmltabel.toon(definities.niet_geladen_tabel(niet, indicatoren),
                       alt="Regels die bewust niet zijn geladen, per bron, met de reden")
