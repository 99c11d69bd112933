"""Export: cijfers voor jaarrekening en P&C als Excel, CSV of PNG, en vastleggen.

Dunne pagina: de selectie komt uit de zijbalk en de link, alles wat een bestand maakt staat in
``monitor.export`` (dezelfde code als ``python -m monitor.export``), vastleggen en het
revisierapport in ``monitor.vastlegging``.
"""

from __future__ import annotations

import streamlit as st

from monitor import fmt
from monitor.export import csvbestand, model, png, tabellen, vastlegging, werkboek
from monitor.export.model import Selectie
from monitor.rasterbreedte import kolombreedte
from monitor.ui import beleid as beleid_ui
from monitor.ui import data, grafiek, keuzes
from monitor.ui import data as data_ui


def _grafiek(data: model.ExportData, selectie: Selectie, titels: dict[str, str]) -> None:
    """Keuze van de indicator, de grafiek en de PNG-download (met bronregel, door de server)."""
    grafiek_key = st.selectbox("Indicator voor de grafiek", list(selectie.indicatoren),
                               format_func=titels.get, key="export_grafiek",  # picklebaar
                               placeholder="Kies een optie")
    fig = png.grafiek(data, grafiek_key)
    grafiek.toon(fig, key="export_figuur")
    if png.chromium_pad() is None:
        st.caption("Een PNG met bronregel maken kan op deze server niet (geen Chromium). "
                   "Gebruik de cameraknop rechtsboven in de grafiek.")
    else:
        st.download_button(
            "Grafiek als PNG, met bronregel", data=lambda: png.png(fig),
            file_name=model.bestandsnaam(data, "png").replace(".png", f"_{grafiek_key}.png"),
            mime="image/png", on_click="ignore", icon=":material/image:", key="download_png",
            help="De server tekent de grafiek met de bron in het plaatje. Dat duurt een paar "
                 "seconden. De cameraknop in de grafiek werkt ook.",
        )


st.title("Export voor jaarrekening en P&C")
st.caption(
    "Download de cijfers als Excel-werkboek of CSV. Het werkboek bevat de cijfers als echte "
    "getallen, met per cijfer de status (voorlopig of definitief), de bron en het jaar, plus "
    "bladen met definities, bronnen, de BBV-indicator en de opmaak voor de jaarrekening. "
    "De regio's kiest u in de zijbalk."
)

with keuzes.veilig("de export"):
    v = keuzes.versie()
    codes = keuzes.gekozen_regios()
    ind = data.indicatoren(v).set_index("key")
    titels = {k: str(ind.at[k, "titel"]) for k in ind.index}

    links, rechts = st.columns([3, 2])
    gekozen = keuzes.url_keuze(
        "Indicatoren", list(ind.index), sleutel="export_indicator", meerdere=True,
        standaard=list(model.KERNINDICATOREN), format_func=lambda k: titels.get(k, k),
        melding=lambda fout: f"De link noemt een onbekende indicator ({', '.join(fout)}). "
                             "Die is weggelaten.",
        placeholder="Kies een of meer indicatoren", plek=links,
    )
    jaren = keuzes.url_keuze(
        "Jaren", model.jaren_met_cijfers(v, gekozen), sleutel="export_jaar", meerdere=True,
        standaard=[], placeholder="Alle jaren", plek=rechts,
        help="Leeg = alle jaren. Het laatste gekozen jaar is het verslagjaar op het blad "
             "Beleidsindicatoren.",
    )
    keuzes.stop_zonder_keuze(gekozen, codes)

    selectie = Selectie(tuple(gekozen), tuple(codes), tuple(jaren))
    data = data_ui.exportdata(selectie, v)

    # ------------------------------------------------------------------- downloads
    st.subheader("Downloaden")
    k1, k2, k3 = st.columns(3)
    k1.download_button(
        "Excel-werkboek (.xlsx)", data=lambda: werkboek.werkboek(data),
        file_name=model.bestandsnaam(data, "xlsx"), mime=model.XLSX_MIME, on_click="ignore",
        type="primary", icon=":material/table_view:", key="download_xlsx", width="stretch",
        help="Voor de jaarrekening: cijfers, definities, bronnen, BBV en de opmaak Werkelijk / "
             "Begroting / Streefwaarde.",
    )
    k2.download_button(
        "CSV voor Nederlandse Excel", data=lambda: csvbestand.csv_bytes(data, "nl"),
        file_name=model.bestandsnaam(data, "csv", "nl"), mime="text/csv", on_click="ignore",
        icon=":material/csv:", key="download_csv_nl", width="stretch",
        help="Puntkomma tussen kolommen en een decimaalkomma: opent goed in Nederlandse Excel.",
    )
    k3.download_button(
        "CSV voor analisten", data=lambda: csvbestand.csv_bytes(data, "plain"),
        file_name=model.bestandsnaam(data, "csv", "plain"), mime="text/csv",
        on_click="ignore", icon=":material/data_object:", key="download_csv_plain",
        width="stretch",
        help="Komma tussen kolommen en een decimaalpunt (voor R, Python en andere software).",
    )
    st.caption(
        "Twee downloads van dezelfde keuze zijn gelijk, op het tijdstip op het voorblad na. "
        f"Database: ETL-run {data.database.get('run_id') or 'onbekend'}."
    )

    # ------------------------------------------------------------------- voorbeeld
    st.subheader("Voorbeeld van de cijfers")
    tabel = tabellen.voorbeeld(data)
    aantal = int(tabel["Status"].ne("geen cijfer").sum())
    st.caption(
        f"{fmt.getal(aantal)} cijfers en {fmt.getal(len(tabel) - aantal)} jaren zonder cijfer. "
        "Jaar met * = voorlopig cijfer. Een lege plek zegt in de Toelichting waarom er geen "
        "cijfer is; de monitor vult niets zelf in. Bron en Toelichting staan rechts: schuif de "
        "tabel opzij of open hem op volledig scherm (knop rechtsboven de tabel). De downloads "
        "hebben alle kolommen voluit."
    )
    # Elke kolom zo breed als zijn langste tekst: het raster kapt anders af (Indicator op 200 px,
    # Bron op 500 px, Toelichting op de breedte van de eerste, lege cellen; issue 12).
    # Indicator tot en met Status passen zo zonder schuiven in de smalste pagina (820 px bij een
    # scherm van 1280 px); Bron en Toelichting liggen daarachter en schuiven in beeld.
    st.dataframe(tabel, hide_index=True, width="stretch", height=320, column_config={
        kolom: st.column_config.TextColumn(
            width=kolombreedte(tabel[kolom], kolom),
            alignment="right" if kolom == "Waarde" else None)
        for kolom in tabel.columns
    })

    # ------------------------------------------------------------------- grafiek
    st.subheader("Grafiek als plaatje")
    # Dicht tot iemand hem opent, en pas dan gebouwd: de grafiekbibliotheek (ruim 4 MB
    # JavaScript) hield anders de tabel hierboven op, terwijl deze pagina om de downloads gaat.
    vak = st.expander("Grafiek tonen, ook als PNG met bronregel", icon=":material/image:",
                      key="export_grafiek_open", on_change="rerun")
    if vak.open:
        with vak:
            _grafiek(data, selectie, titels)

    # ------------------------------------------------------------------- vastleggen
    st.subheader("Vastleggen voor de jaarrekening")
    st.caption(
        "Leg de cijfers van deze keuze vast onder een naam. Een vastlegging verandert nooit, "
        "ook niet als CBS cijfers herziet: u kunt hem later precies zo opnieuw downloaden. "
        "Een naam kan maar één keer gebruikt worden."
    )
    bewerker = beleid_ui.bewerkmodus()
    if not bewerker:
        st.caption("Vastleggen kan alleen in de bewerkmodus: een vastlegging is nooit meer weg "
                   "te halen, dus staat erbij wie hem maakte en wanneer.")
    else:
        with st.form("vastleggen", clear_on_submit=False, enter_to_submit=False):
            naam = st.text_input("Naam", max_chars=80, key="vast_naam",
                                 placeholder="Bijvoorbeeld: Jaarrekening 2025")
            omschrijving = st.text_area("Omschrijving", max_chars=500, key="vast_omschrijving",
                                        placeholder="Waarvoor zijn deze cijfers gebruikt?")
            if st.form_submit_button("Vastleggen", icon=":material/lock:"):
                try:
                    info = vastlegging.leg_vast(naam, data, omschrijving, wie=bewerker)
                except vastlegging.VastleggingFout as fout:
                    st.error(keuzes.als_tekst(str(fout), 400))
                else:
                    st.success(
                        f"Vastgelegd als '{keuzes.als_tekst(info['naam'])}' door "
                        f"{keuzes.als_tekst(bewerker)}: {fmt.getal(info['aantal_cijfers'])} "
                        f"cijferregels. Controlegetal (SHA-256): {info['sha256']}")

    # ------------------------------------------------------------------- vastleggingen
    st.subheader("Vastgelegde sets")
    lijst = vastlegging.vastleggingen()
    if lijst.empty:
        st.info("Er is nog niets vastgelegd.")
        st.stop()
    st.dataframe(vastlegging.weergave(lijst), hide_index=True, width="stretch")
    naam = st.selectbox("Kies een vastlegging", list(lijst["naam"]), key="export_vastlegging",
                        placeholder="Kies een optie")
    vast = vastlegging.laad(naam)
    v1, v2, v3 = st.columns(3)
    v1.download_button(
        "Vastlegging als Excel", data=lambda: werkboek.werkboek(vast),
        file_name=model.bestandsnaam(vast, "xlsx"), mime=model.XLSX_MIME, on_click="ignore",
        icon=":material/lock:", key="download_vast_xlsx", width="stretch")
    v2.download_button(
        "Vastlegging als CSV (Excel)", data=lambda: csvbestand.csv_bytes(vast, "nl"),
        file_name=model.bestandsnaam(vast, "csv", "nl"), mime="text/csv", on_click="ignore",
        icon=":material/csv:", key="download_vast_csv_nl", width="stretch")
    v3.download_button(
        "Vastlegging als CSV (analisten)", data=lambda: csvbestand.csv_bytes(vast, "plain"),
        file_name=model.bestandsnaam(vast, "csv", "plain"), mime="text/csv",
        on_click="ignore", icon=":material/data_object:", key="download_vast_csv_plain",
        width="stretch")
    if vastlegging.controleer(naam):
        st.caption("Controle: het werkboek is byte voor byte gelijk aan het moment van "
                   "vastleggen (SHA-256 klopt).")
    else:
        st.error("Controle mislukt: het werkboek wijkt af van het moment van vastleggen. "
                 "Meld dit aan de beheerder van de monitor.")

    st.markdown("**Revisierapport: wat is er sindsdien veranderd?**")
    rapport = vastlegging.revisierapport(naam, v)
    if rapport.empty:
        st.success("Geen verschillen: de vastgelegde cijfers zijn gelijk aan de cijfers van nu.")
    else:
        n = len(rapport)
        st.warning(("1 cijfer is" if n == 1 else f"{fmt.getal(n)} cijfers zijn")
                   + " veranderd sinds het vastleggen. De vastlegging zelf blijft zoals hij was.")
        st.dataframe(vastlegging.revisie_weergave(rapport), hide_index=True, width="stretch",
                     column_config={"Verandering": st.column_config.TextColumn(width="large"),
                                    "Indicator": st.column_config.TextColumn(width="large")})
