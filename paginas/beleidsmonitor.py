"""Beleidsmonitor 2026-2029: nulmeting, streefwaarden, realisatie, status en de 19 opdrachten.

Dunne pagina: cijfers uit monitor.store, beleidsgegevens uit monitor.beleid, rekenwerk uit
monitor.toets, tabellen en zinnen uit monitor.beleidsmonitor, grafiek uit monitor.grafieken.
Bewerken alleen in de bewerkmodus.
"""

from __future__ import annotations

import datetime as dt
from functools import partial

import pandas as pd
import streamlit as st

from monitor import domein
from monitor.beleid import backup, importeren, nulmeting, opslag, toets, validatie
from monitor.beleid import beleidsmonitor as logica
from monitor.beleid.grafieken import doel_figuur
from monitor.letterlijk import letterlijk, plotly_letterlijk
from monitor.tabelbestand import tabel_csv
from monitor.ui import beleid as beleid_ui
from monitor.ui import data, grafiek, htmltabel, keuzes

VANDAAG = dt.date.today().year
_MELDING = "beleid_melding"
_HOOGTE = 35 * 20 + 3  # kop plus 19 opdrachten, zonder lege regel eronder
TABBLADEN = ("Doelen", "Uitvoering", "Geschiedenis")


# ----------------------------------------------------------------------------- doelen


def doelen_sectie(v: str, ind: pd.DataFrame, namen: dict[str, str], bewerker: str | None) -> None:
    meta = ind.set_index("key")
    opties = keuzes.gekozen_regios() or ["GM0917"]
    regio = keuzes.url_keuze(
        "Regio", opties, sleutel="doelregio", standaard=keuzes.hoofdgemeente() or opties[0],
        format_func=partial(beleid_ui.label, namen),
        help="Streefwaarden gelden per regio. Kies regio's in de zijbalk.")  # fmt: skip
    keys = logica.plan_keys(ind)
    reeks = data.reeks(v, logica.op_te_halen(keys, opslag.doelen(regio)), (regio,))
    doelen = opslag.doelen_met_voorstel(regio, keys, reeks)
    overzicht = toets.overzicht_doelen(doelen, reeks, ind, VANDAAG)

    st.subheader(f"Doelen voor {letterlijk(namen.get(regio, regio))}")
    # Een HTML-tabel (tien indicatoren): het dataframe-raster laadt ruim 1 MB JavaScript vóór de
    # grafiek eronder (zie monitor/ui/htmltabel.py).
    htmltabel.toon(logica.overzicht_tabel(overzicht, logica.nulmeting_herkomst(doelen)),
                   alt=f"Doelen voor {namen.get(regio, regio)}: nulmeting, streefwaarden en status")
    st.caption(
        "Nulmeting = het laatste jaar vóór 2026 met een cijfer, tenzij anders vastgelegd "
        "('voorstel' = nog niet vastgelegd). Status vergelijkt het nieuwste cijfer na de nulmeting "
        "met het rechte pad van nulmeting naar streefwaarde. 'Meetbaar vanaf' = het jaar waarin "
        "het cijfer over de eerste streefwaarde op zijn vroegst verschijnt. * = voorlopig cijfer.")

    key = keuzes.url_keuze("Indicator", list(overzicht["indicator_key"]), sleutel="doel",
                           format_func=partial(beleid_ui.label, logica.titels(ind)))  # fmt: skip
    detail(key, regio, namen, meta, reeks[reeks["indicator_key"] == key],
           doelen.set_index("indicator_key").loc[key].to_dict(),
           overzicht.set_index("indicator_key").loc[key].to_dict(), bewerker)
    csv_uitwisseling(v, ind, regio, list(overzicht["indicator_key"]), namen, bewerker)


def detail(key: str, regio: str, namen: dict[str, str], meta: pd.DataFrame,
           r: pd.DataFrame, doel: dict, rij: dict, bewerker: str | None) -> None:  # fmt: skip
    m = meta.loc[key]
    eenheid, richting, lag = str(m["eenheid"]), str(m["richting"]), int(m["beschikbaar_na"])
    regio_naam = namen.get(regio, regio)
    streef = dict(doel.get("streefwaarden") or {})
    nul = opslag.nulmeting(key, regio)

    st.markdown(f"#### {m['titel']}")
    st.markdown(logica.status_badge(rij))
    beleid_ui.kerngetallen(logica.kerngetallen(doel, rij, streef, eenheid, lag))
    for tekst in (logica.eerste_cijfer_tekst(r, doel, rij["status_code"], lag),
                  logica.nulmeting_uitleg(doel, nul)):
        if tekst is not None:
            st.caption(tekst)

    proj = toets.projectie(r, grenzen=validatie.BEREIK.get(eenheid, (None, None)))
    referentie = (logica.landelijke_referentie(opslag.doelen(domein.NEDERLAND), regio)
                  if key == domein.SCHULDEN_KEY else None)  # fmt: skip
    fig = doel_figuur(
        r, titel=f"{m['titel']}: {plotly_letterlijk(regio_naam)}", eenheid=eenheid,
        regio_code=regio, regio_naam=regio_naam, nulmeting=logica.nulmeting_punt(doel),
        streefwaarden=streef, projectie=proj.frame if proj.mogelijk else None,
        referentie=referentie)  # fmt: skip
    grafiek.toon(fig, key=f"doel_{key}_{regio}")
    st.caption(logica.bronnen_tekst(r))
    if referentie:
        st.caption(logica.referentie_tekst(referentie, eenheid))

    with st.container(border=True):
        st.markdown(logica.trend_tekst(proj, eenheid, int(m["decimalen"])))
        if proj.mogelijk and proj.reden:
            st.caption(letterlijk(proj.reden))  # kan een bronnaam noemen
        st.caption("Hoe berekend: " + proj.methode)

    if streef:
        sw = opslag.streefwaarden(key, regio)
        oordeel = toets.oordeel_streefwaarden(r, streef, richting, lag, VANDAAG,
                                              doel.get("nulmeting_waarde"))  # fmt: skip
        st.dataframe(logica.streefwaarden_tabel(oordeel, sw, eenheid), hide_index=True,
                     width="stretch")  # fmt: skip
        st.caption(f"Een streefwaarde voor jaar J is pas te beoordelen in J + {lag} (dan "
                   "verschijnt het cijfer). Daarvoor staat er 'nog niet meetbaar', nooit "
                   "'gehaald' of 'niet gehaald'.")  # fmt: skip
    else:
        st.info(f"Nog geen streefwaarden voor {letterlijk(regio_naam)} op deze indicator.",
                icon=":material/flag:")
    herzien = nulmeting.nulmeting_herzien(nul, r, regio)
    if herzien:
        st.warning(herzien, icon=":material/history:")
    for regel in logica.let_op_regels(toets.kanttekeningen(r, eenheid, regio_namen=namen)):
        st.caption(regel)

    if bewerker:
        bewerk_streefwaarden(key, regio, r, eenheid, richting,
                             logica.gemeentelijke_streefwaarden(streef), nul, doel, bewerker)


def bewerk_streefwaarden(key: str, regio: str, r: pd.DataFrame, eenheid: str, richting: str,
                         gemeentelijk: dict[int, float], nul: dict | None, doel: dict,
                         bewerker: str) -> None:  # fmt: skip
    sw = opslag.streefwaarden(key, regio)
    kandidaten = logica.nulmeting_kandidaten(r)
    jaren = [int(j) for j in kandidaten["jaar"]]
    # Wat de gebruiker ziet, met de versie erbij: opslaan op een oude versie wordt geweigerd.
    editor, gezien_sleutel = f"ed_streef_{key}_{regio}", f"_gezien_streef_{key}_{regio}"
    conflict = f"streef_{key}_{regio}"
    if beleid_ui.conflict_paneel(conflict):
        return
    if gezien_sleutel not in st.session_state:
        st.session_state[gezien_sleutel] = (opslag.versie_doel(key, regio),
                                             logica.streef_invoer(gemeentelijk, sw))
    versie, invoer = st.session_state[gezien_sleutel]
    with st.form(f"streef_{key}_{regio}"):
        st.markdown("##### Streefwaarden bewerken")
        nul_keuze = None
        if jaren and (nul is None or nul.get("herkomst") == "database"):
            nul_keuze = st.selectbox(
                "Nulmeting (jaar)", jaren, key=f"nuljaar_{key}_{regio}",
                index=logica.standaard_index(jaren, doel.get("nulmeting_jaar")),
                format_func=partial(beleid_ui.label, logica.nulmeting_labels(kandidaten, eenheid)),
                help="Standaard het laatste jaar vóór 2026 met een cijfer.",
                placeholder="Kies een optie")  # fmt: skip
        bewerkt = st.data_editor(
            invoer, key=editor, hide_index=True,
            num_rows="fixed", disabled=["Jaar"], width="stretch", placeholder="",
            column_config={"Jaar": st.column_config.TextColumn(),
                           "Streefwaarde": st.column_config.NumberColumn(
                               help=f"Eenheid: {eenheid}. Leeg = geen streefwaarde."),
                           "Toelichting": st.column_config.TextColumn(width="large")})  # fmt: skip
        reden = st.text_input("Reden van de wijziging (verplicht)", key=f"reden_{key}_{regio}")
        bevestigd = st.checkbox("Ik bevestig: een streefwaarde die slechter is dan de nulmeting is "
                                "de bedoeling.", key=f"bevestig_{key}_{regio}")  # fmt: skip
        opslaan = st.form_submit_button("Streefwaarden opslaan", type="primary")
    if not opslaan:
        return
    nieuwe_nul = logica.nieuwe_nulmeting(kandidaten, nul, nul_keuze, bewerker)
    voorstel = nulmeting.nulmeting_voorstel(r, regio)
    waarden, toelichtingen = logica.ingevoerd(bewerkt)
    beleid_ui.sla_op(_MELDING, lambda: opslag.sla_streefwaarden_op(
        key, regio, waarden, toelichtingen=toelichtingen, eenheid=eenheid, richting=richting,
        wie=bewerker, reden=reden, nulmeting_voorstel=voorstel, nieuwe_nulmeting=nieuwe_nul,
        bevestigd=bevestigd, versie=versie),
        "{n} streefwaarde(n) opgeslagen. De wijziging staat in de geschiedenis.",
        herladen=(gezien_sleutel, editor), conflict=conflict)


def csv_uitwisseling(v: str, ind: pd.DataFrame, regio: str, keys: list[str],
                     namen: dict[str, str], bewerker: str | None) -> None:  # fmt: skip
    with st.expander("Streefwaarden uitwisselen met Excel (CSV)", icon=":material/table:"):
        st.write("Download het bestand, vul de kolom **streefwaarde** in Excel in en lees het "
                 "weer in. Decimalen met een komma (7,1). Een lege streefwaarde verandert niets. "
                 "Bevat het bestand één fout, dan wordt niets ingelezen.")  # fmt: skip
        st.download_button(
            "Download streefwaarden (CSV voor Excel)",
            data=lambda: importeren.streefwaarden_csv(ind, regio, keys),  # pas bij een klik
            file_name=logica.bestandsnaam(f"streefwaarden_{regio}", dt.date.today()) + ".csv",
            mime="text/csv", on_click="ignore", icon=":material/download:", key="csv_download")
        if not bewerker:
            st.caption("Inlezen kan alleen in de bewerkmodus.")
            return
        bestand = st.file_uploader("CSV met streefwaarden inlezen", type=["csv"], key="csv_upload")
        reden = st.text_input("Reden (verplicht)", key="csv_reden")
        bevestigd = st.checkbox("Ik bevestig de waarschuwingen (doelen slechter dan de nulmeting).",
                                key="csv_bevestig")
        if not st.button("Inlezen", key="csv_inlezen", disabled=bestand is None):
            return
        res = importeren.importeer_streefwaarden(
            bestand.getvalue(), indicatoren=ind, regio_codes=set(namen),
            voorstellen=lambda paren: nulmeting.voorstellen(data.reeks(
                v, tuple(sorted({k for k, _ in paren})), tuple(sorted({r for _, r in paren}))),
                paren),
            wie=bewerker, reden=reden, bevestigd=bevestigd)  # fmt: skip
        # Meldingen herhalen tekst uit het bestand: als tekst tonen, niet als Markdown.
        if res.fouten:
            st.error(logica.opsomming(keuzes.als_tekst(f, 300) for f in res.fouten),
                     icon=":material/error:")
        elif res.bevestiging_nodig:
            st.warning("Niets ingelezen. Bevestig eerst deze waarschuwingen:\n"
                       + logica.opsomming(keuzes.als_tekst(w, 300) for w in res.waarschuwingen))
        else:
            beleid_ui.klaar(_MELDING, logica.ingelezen_tekst(res))


# ----------------------------------------------------------------------------- uitvoering


def uitvoering_sectie(ind: pd.DataFrame, bewerker: str | None) -> None:
    ops = opslag.opdrachten()
    titels = logica.titels(ind)
    st.subheader("Uitvoering: de 19 opdrachten")
    tellers = logica.status_tellers(ops)
    for kol, status in zip(st.columns(len(tellers)), tellers, strict=True):
        kol.metric(status.capitalize(), tellers[status])
    st.caption(f"Bron van de opdrachten: {opslag.OPDRACHTEN_BRON}. 'Nog niet ingevoerd' "
               "betekent: de gemeente heeft status, eigenaar en planning hier nog niet "
               "opgegeven. Het zegt niets over de uitvoering zelf.")  # fmt: skip
    if not bewerker:
        # HTML-tabellen, één per thema: elke cel en elk kopje loopt terug op de breedte van de
        # pagina (in het raster vielen de laatste kolommen rechts weg).
        tabel = logica.opdrachten_tabel(ops, titels)
        leeg, per_thema = logica.opdrachten_per_thema(tabel)
        if leeg:
            st.caption("Nog bij geen enkele opdracht ingevuld, en daarom niet in de tabel: "
                       + ", ".join(leeg) + ".")
        for thema, deel in per_thema:
            st.markdown(f"##### Thema: {letterlijk(thema)}")
            htmltabel.toon(deel, alt=f"Opdrachten bij het thema {thema}")
        st.download_button(
            "Download opdrachten (CSV)", tabel_csv(tabel, "nl"),
            file_name=logica.bestandsnaam("beleid_opdrachten", dt.date.today()) + ".csv",
            mime="text/csv", on_click="ignore", key="opdrachten_download")
        return
    if beleid_ui.conflict_paneel("opdrachten"):
        return
    gezien_sleutel = "_gezien_opdrachten"
    if gezien_sleutel not in st.session_state:
        st.session_state[gezien_sleutel] = (opslag.versies_opdrachten(),
                                            logica.opdrachten_invoer(ops))
    versies, invoer = st.session_state[gezien_sleutel]
    with st.form("opdrachten"):
        bewerkt = st.data_editor(
            invoer,
            key="ed_opdrachten", hide_index=True, num_rows="fixed", width="stretch", placeholder="",
            height=_HOOGTE, disabled=["nr", "thema", "samenvatting"],
            column_config={
                "nr": st.column_config.NumberColumn("Nr", width="small"),
                "thema": st.column_config.TextColumn("Thema"),
                "samenvatting": st.column_config.TextColumn("Opdracht", width="large"),
                "status": st.column_config.SelectboxColumn(
                    "Status", options=list(opslag.OPDRACHT_STATUSSEN), required=True,
                    width="small"),
                "eigenaar": st.column_config.TextColumn("Eigenaar"),
                "planning": st.column_config.TextColumn("Planning"),
                "besluitmoment": st.column_config.TextColumn("Besluitmoment"),
                "indicatoren": st.column_config.MultiselectColumn(
                    "Beweegt indicator(en)", options=list(ind["key"]),
                    format_func=partial(beleid_ui.label, titels)),
                "toelichting": st.column_config.TextColumn("Toelichting", width="medium"),
            })  # fmt: skip
        reden = st.text_input("Reden van de wijziging (verplicht)", key="reden_opdrachten")
        opslaan = st.form_submit_button("Opdrachten opslaan", type="primary")
    if opslaan:
        gewijzigd = logica.gewijzigde_opdrachten(invoer, bewerkt)
        beleid_ui.sla_op(_MELDING, lambda: opslag.sla_opdrachten_op(
            gewijzigd, wie=bewerker, reden=reden, indicator_keys=ind["key"], versies=versies),
            "{n} opdracht(en) bijgewerkt.", herladen=(gezien_sleutel, "ed_opdrachten"),
            conflict="opdrachten")


# ----------------------------------------------------------------------------- geschiedenis


def backup_knop(bewerker: str | None) -> None:
    """Reservekopie in de bewerkmodus (ook: make backup)."""
    if not bewerker:
        return
    if st.button("Reservekopie maken", key="beleid_backup", icon=":material/backup:",
                 help="Kopie van alle beleidsgegevens plus een CSV per tabel in data/backup/. "
                      "Terugzetten: python -m monitor.beleid herstel MAP."):
        map_ = backup.maak_backup(backup.BACKUP_MAP)
        st.success(f"Reservekopie gemaakt in data/backup/{map_.name}.")


def geschiedenis_sectie() -> None:
    st.subheader("Geschiedenis van alle wijzigingen")
    st.caption("Niets wordt overschreven zonder spoor: elke wijziging staat hier met oude en "
               "nieuwe waarde. 'Wie' is de naam die de bewerker zelf invulde (er is geen inlog).")
    soorten = {"": "Alles", "streefwaarde": "Streefwaarden", "nulmeting": "Nulmetingen",
               "opdracht": "Opdrachten", "context": "Context"}  # fmt: skip
    tabel = st.selectbox("Toon", list(soorten), format_func=partial(beleid_ui.label, soorten),
                         key="gesch_filter", placeholder="Kies een optie")
    g = beleid_ui.geschiedenis_frame(tabel or None)
    st.dataframe(g, hide_index=True, width="stretch",
                 column_config={"Oud (volledig)": None, "Nieuw (volledig)": None})
    if not g.empty:
        naam = logica.bestandsnaam("beleid_geschiedenis", dt.date.today())
        st.download_button("Download geschiedenis (CSV)", tabel_csv(g, "nl"),
                           file_name=f"{naam}.csv", mime="text/csv", on_click="ignore",
                           key="gesch_download")


# ----------------------------------------------------------------------------- pagina

beleid_ui.kop("Beleidsmonitor 2026-2029",
              "Het beleidsplan meetbaar gemaakt: per indicator de nulmeting, de streefwaarden per "
              "jaar, de cijfers tot nu toe en of het op koers ligt. Daaronder de uitvoering van de "
              "19 opdrachten en de geschiedenis van alle wijzigingen.", _MELDING)  # fmt: skip

with keuzes.veilig("de beleidsmonitor"):
    versie, indicatoren, regionamen, naam = beleid_ui.basis()
    # Alleen het open tabblad wordt gebouwd (en naar de browser gestuurd): de andere twee kosten
    # anders bij elke keer openen tabellen en een editor die niemand ziet. Het tabblad staat in
    # de link (?tabblad=Uitvoering), zodat een gedeelde link op hetzelfde tabblad opent.
    doelen, uitvoering, gesch = keuzes.tabbladen(TABBLADEN, sleutel="tabblad")
    if doelen.open:
        with doelen:
            doelen_sectie(versie, indicatoren, regionamen, naam)
    if uitvoering.open:
        with uitvoering:
            uitvoering_sectie(indicatoren, naam)
    if gesch.open:
        with gesch:
            geschiedenis_sectie()
            backup_knop(naam)
