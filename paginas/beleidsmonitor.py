"""Beleidsmonitor 2026-2029: nulmeting, streefwaarden, realisatie, status en de 19 opdrachten.

Dunne pagina: cijfers uit monitor.store, beleidsgegevens uit monitor.beleid, rekenwerk uit
monitor.toets, grafiek uit monitor.charts_beleid. Bewerken alleen in de bewerkmodus.
"""

from __future__ import annotations

import datetime as dt
from functools import partial

import pandas as pd
import streamlit as st

from monitor import beleid, beleid_ui, fmt, keuzes, store, toets
from monitor.charts import PLOTLY_CONFIG
from monitor.charts_beleid import doel_figuur

VANDAAG = dt.date.today().year
_MELDING = "beleid_melding"
_HOOGTE = 35 * 20 + 3  # kop plus 19 opdrachten, zonder lege regel eronder
STATUS_KLEUR = {"op_koers": "green", "achter": "red", "geen_recent_cijfer": "orange",
                "nog_niet_meetbaar": "gray", "geen_streefwaarde": "gray",
                "geen_nulmeting": "gray"}  # fmt: skip


def _klaar(tekst: str) -> None:
    """Bewaar een succesmelding en laad opnieuw, zodat alle tabellen de nieuwe stand tonen."""
    st.session_state[_MELDING] = tekst
    st.rerun()


def _waarde_jaar(w: object, jaar: object, eenheid: str, status: object = None) -> str:
    if w is None or pd.isna(w):
        return fmt.GEEN_CIJFER
    return f"{fmt.waarde(w, eenheid)} ({fmt.periode(int(jaar), status if isinstance(status, str) else None)})"


# ----------------------------------------------------------------------------- doelen


def overzicht_tabel(overzicht: pd.DataFrame, herkomst: dict[str, str | None]) -> pd.DataFrame:
    rijen = []
    for r in overzicht.to_dict("records"):
        e = r["eenheid"]
        nul = _waarde_jaar(r["nulmeting_waarde"], r["nulmeting_jaar"], e)
        if herkomst.get(r["indicator_key"]) == "voorstel":
            nul += " · voorstel"
        rijen.append({
            "Indicator": r["titel"],
            "Status": r["status"],
            "Nulmeting": nul,
            "Laatste cijfer": _waarde_jaar(r["laatste_waarde"], r["laatste_jaar"], e,
                                           r["laatste_status"]),
            "Meetbaar vanaf": str(r["meetbaar_vanaf"]),
            **{str(j): fmt.waarde(r[f"streef_{j}"], e) if r[f"streef_{j}"] is not None
               and not pd.isna(r[f"streef_{j}"]) else "—" for j in toets.BELEIDSJAREN},
        })  # fmt: skip
    return pd.DataFrame(rijen)


def doelen_sectie(v: str, ind: pd.DataFrame, namen: dict[str, str], bewerker: str | None) -> None:
    meta = ind.set_index("key")
    opties = keuzes.gekozen_regios() or ["GM0917"]
    regio = keuzes.url_keuze(
        "Regio", opties, sleutel="doelregio", standaard=keuzes.hoofdgemeente() or opties[0],
        format_func=partial(beleid_ui.label, namen),
        help="Streefwaarden gelden per regio. Kies regio's in de zijbalk.")  # fmt: skip
    vast = beleid.doelen(regio)
    keys = [k for k in beleid.PLANINDICATOREN if k in meta.index]
    alle_keys = tuple(dict.fromkeys([*keys, *vast["indicator_key"]]))
    reeks = store.reeks(v, alle_keys, (regio,))
    doelen = beleid.doelen_met_voorstel(regio, keys, reeks)
    overzicht = toets.overzicht_doelen(doelen, reeks, ind, VANDAAG)
    herkomst = dict(zip(doelen["indicator_key"], doelen["nulmeting_herkomst"], strict=True))

    st.subheader(f"Doelen voor {namen.get(regio, regio)}")
    st.dataframe(overzicht_tabel(overzicht, herkomst), hide_index=True, width="stretch")
    st.caption(
        "Nulmeting = het laatste jaar vóór 2026 met een cijfer, tenzij anders vastgelegd "
        "('voorstel' = nog niet vastgelegd). Status vergelijkt het nieuwste cijfer na de nulmeting "
        "met het rechte pad van nulmeting naar streefwaarde. 'Meetbaar vanaf' = het jaar waarin "
        "het cijfer over de eerste streefwaarde op zijn vroegst verschijnt. * = voorlopig cijfer.")

    titels = {k: str(meta.loc[k, "titel"]) for k in overzicht["indicator_key"]}
    key = keuzes.url_keuze("Indicator", list(overzicht["indicator_key"]), sleutel="doel",
                           format_func=partial(beleid_ui.label, titels))  # fmt: skip
    detail(v, key, regio, namen, meta, reeks[reeks["indicator_key"] == key],
           doelen.set_index("indicator_key").loc[key].to_dict(),
           overzicht.set_index("indicator_key").loc[key].to_dict(), bewerker)
    csv_uitwisseling(v, ind, regio, list(overzicht["indicator_key"]), namen, bewerker)


def detail(v: str, key: str, regio: str, namen: dict[str, str], meta: pd.DataFrame,
           r: pd.DataFrame, doel: dict, rij: dict, bewerker: str | None) -> None:  # fmt: skip
    m = meta.loc[key]
    eenheid, richting, lag = str(m["eenheid"]), str(m["richting"]), int(m["beschikbaar_na"])
    streef = dict(doel.get("streefwaarden") or {})
    gemeentelijk = {j: w for j, w in streef.items() if j in toets.BELEIDSJAREN}
    nul = beleid.nulmeting(key, regio)
    nul_jaar, nul_waarde = doel.get("nulmeting_jaar"), doel.get("nulmeting_waarde")
    heeft_nul = nul_jaar is not None and not pd.isna(nul_jaar)

    st.markdown(f"#### {m['titel']}")
    st.markdown(f":{STATUS_KLEUR.get(rij['status_code'], 'gray')}-badge[{rij['status']}] "
                f"{rij['uitleg']}")  # fmt: skip
    k1, k2, k3, k4 = st.columns(4)
    k1.metric("Nulmeting", fmt.waarde(nul_waarde, eenheid) if heeft_nul else fmt.GEEN_CIJFER,
              help="Het startpunt. " + (f"Jaar {int(nul_jaar)}." if heeft_nul else ""))
    k2.metric("Laatste cijfer", fmt.waarde(rij["laatste_waarde"], eenheid),
              help=f"Jaar {fmt.periode(rij['laatste_jaar'], rij['laatste_status'])}"
              if rij["laatste_jaar"] else "Geen cijfer in de database.")  # fmt: skip
    eind = max(streef) if streef else None
    k3.metric(f"Streefwaarde {eind or 2029}", fmt.waarde(streef.get(eind), eenheid) if eind
              else "—", help=None if eind else "Nog geen streefwaarde vastgesteld.")  # fmt: skip
    k4.metric("Meetbaar vanaf", str(rij["meetbaar_vanaf"]),
              help=f"Cijfers over een jaar verschijnen ongeveer {lag} jaar later.")
    if heeft_nul and rij["status_code"] not in ("nog_niet_meetbaar", "geen_recent_cijfer") \
            and not (r["waarde"].notna() & (r["jaar"] > nul_jaar)).any():
        eerste = int(nul_jaar) + 1
        st.caption(f"Het eerste cijfer na de nulmeting (over {eerste}) verschijnt op zijn vroegst "
                   f"in {toets.meetbaar_vanaf(eerste, lag)}.")  # fmt: skip
    if heeft_nul:
        st.caption(f"Nulmeting {int(nul_jaar)}: " + {
            "vastgelegd": "vastgelegd in de beleidsopslag.",
            "afspraak": f"uit een afspraak, niet uit de CBS-cijfers ({(nul or {}).get('bron')}).",
            "voorstel": "voorstel (laatste jaar vóór 2026); wordt vastgelegd bij de eerste "
                        "streefwaarde.",
        }.get(doel.get("nulmeting_herkomst") or "", ""))  # fmt: skip

    bereik = beleid.BEREIK.get(eenheid, (None, None))
    proj = toets.projectie(r, grenzen=bereik)
    referentie = None
    if key == beleid.SCHULDEN_KEY:
        ref = beleid.doelen(beleid.NEDERLAND)
        ref = ref[(ref["indicator_key"] == key) & (ref["soort"] == "referentie")]
        if not ref.empty and regio != beleid.NEDERLAND:
            rr = ref.iloc[0]
            doeljaar = max(rr["streefwaarden"])
            referentie = {"naam": "Landelijke ambitie (referentie)",
                          "nulmeting_jaar": int(rr["nulmeting_jaar"]),
                          "nulmeting_waarde": float(rr["nulmeting_waarde"]),
                          "doel_jaar": doeljaar, "doel_waarde": rr["streefwaarden"][doeljaar]}
    fig = doel_figuur(
        r, titel=f"{m['titel']}: {namen.get(regio, regio)}", eenheid=eenheid, regio_code=regio,
        regio_naam=namen.get(regio, regio),
        nulmeting={"jaar": int(nul_jaar), "waarde": float(nul_waarde)} if heeft_nul else None,
        streefwaarden=streef, projectie=proj.frame if proj.mogelijk else None,
        referentie=referentie)  # fmt: skip
    st.plotly_chart(fig, config=PLOTLY_CONFIG, width="stretch", key=f"doel_{key}_{regio}")
    bronnen = sorted({f"{t} ({j})" for t, j in zip(r["bron_titel"], r["jaar"], strict=True)
                      if isinstance(t, str)})  # fmt: skip
    st.caption("Bron: " + ("; ".join(bronnen) if bronnen else "geen cijfers in de database") +
               ". Open marker en * = voorlopig cijfer.")
    if referentie:
        st.caption(f"Landelijke ambitie: {fmt.waarde(referentie['nulmeting_waarde'], eenheid)} in "
                   f"{referentie['nulmeting_jaar']} naar {fmt.waarde(referentie['doel_waarde'], eenheid)} "
                   f"in {referentie['doel_jaar']}. Bron: {beleid.SCHULDEN_BRON}. Die "
                   "uitgangswaarde komt niet uit de CBS-cijfers in deze monitor; de definitie kan "
                   "verschillen, vergelijk dus vooral de richting.")  # fmt: skip

    with st.container(border=True):
        if proj.mogelijk:
            laatste = proj.frame.iloc[-1]
            st.markdown(
                f"**Trend naar 2029.** Als de trend doorloopt: {fmt.waarde(laatste['verwacht'], eenheid)} "
                f"in {int(laatste['jaar'])}, met 95%-band {fmt.waarde(laatste['onder'], eenheid)} tot "
                f"{fmt.waarde(laatste['boven'], eenheid)} (op basis van {proj.punten} cijfers).")
            if proj.reden:
                st.caption(proj.reden)
        else:
            st.markdown(f"**Trend naar 2029.** {proj.reden}")
        st.caption("Hoe berekend: " + proj.methode)

    if streef:
        sw = beleid.streefwaarden(key, regio)
        oordeel = toets.oordeel_streefwaarden(r, streef, richting, lag, VANDAAG, nul_waarde)
        st.dataframe(pd.DataFrame({
            "Jaar": oordeel["jaar"].astype(str),
            "Streefwaarde": [fmt.waarde(w, eenheid) for w in oordeel["streefwaarde"]],
            "Meetbaar vanaf": oordeel["meetbaar_vanaf"].astype(str),
            "Realisatie": [fmt.waarde(w, eenheid) if w is not None and not pd.isna(w)
                           else "—" for w in oordeel["realisatie"]],
            "Oordeel": oordeel["oordeel"],
            "Toelichting": [_toelichting(sw, j) for j in oordeel["jaar"]],
        }), hide_index=True, width="stretch")  # fmt: skip
        st.caption(f"Een streefwaarde voor jaar J is pas te beoordelen in J + {lag} (dan "
                   "verschijnt het cijfer). Daarvoor staat er 'nog niet meetbaar', nooit "
                   "'gehaald' of 'niet gehaald'.")  # fmt: skip
    else:
        st.info(f"Nog geen streefwaarden voor {namen.get(regio, regio)} op deze indicator.",
                icon=":material/flag:")
    herzien = beleid.nulmeting_herzien(nul, r, regio)
    if herzien:
        st.warning(herzien, icon=":material/history:")
    for k in toets.kanttekeningen(r, eenheid, regio_namen=namen):
        if k.soort in ("voorlopig", "bronwissel", "geen cijfer"):
            st.caption(f"Let op ({k.soort}): {k.tekst}")

    if bewerker:
        bewerk_streefwaarden(key, regio, r, eenheid, richting, gemeentelijk, nul, doel, bewerker)


def _toelichting(sw: pd.DataFrame, jaar: int) -> str:
    d = sw[sw["jaar"] == jaar]
    if d.empty or pd.isna(d["toelichting"].iloc[0]):
        return ""
    return str(d["toelichting"].iloc[0])


def bewerk_streefwaarden(key: str, regio: str, r: pd.DataFrame, eenheid: str, richting: str,
                         gemeentelijk: dict[int, float], nul: dict | None, doel: dict,
                         bewerker: str) -> None:  # fmt: skip
    sw = beleid.streefwaarden(key, regio)
    met_cijfer = r[r["waarde"].notna() & (r["jaar"] < beleid.NULMETING_VOOR)].sort_values("jaar")
    jaren = [int(j) for j in met_cijfer["jaar"]]
    huidig = doel.get("nulmeting_jaar")
    with st.form(f"streef_{key}_{regio}"):
        st.markdown("##### Streefwaarden bewerken")
        nul_keuze = None
        if jaren and (nul is None or nul.get("herkomst") == "database"):
            standaard = jaren.index(int(huidig)) if huidig in jaren else len(jaren) - 1
            nul_keuze = st.selectbox(
                "Nulmeting (jaar)", jaren, index=standaard, key=f"nuljaar_{key}_{regio}",
                format_func=partial(beleid_ui.label, {int(j): f"{int(j)}: {fmt.waarde(w, eenheid)}"
                                             for j, w in zip(met_cijfer["jaar"],
                                                             met_cijfer["waarde"], strict=True)}),
                help="Standaard het laatste jaar vóór 2026 met een cijfer.")  # fmt: skip
        tabel = pd.DataFrame({
            "Jaar": list(toets.BELEIDSJAREN),
            "Streefwaarde": pd.array([gemeentelijk.get(j) for j in toets.BELEIDSJAREN],
                                     dtype="Float64"),
            "Toelichting": [_toelichting(sw, j) or None for j in toets.BELEIDSJAREN],
        })  # fmt: skip
        bewerkt = st.data_editor(
            tabel, key=f"ed_streef_{key}_{regio}", hide_index=True, num_rows="fixed",
            disabled=["Jaar"], width="stretch", placeholder="",
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
    nieuwe_nul = None
    if nul_keuze is not None and (nul is None or int(nul["jaar"]) != int(nul_keuze)):
        rij = met_cijfer[met_cijfer["jaar"] == nul_keuze].iloc[0]
        if nul is not None or nul_keuze != jaren[-1]:
            nieuwe_nul = {"jaar": int(nul_keuze), "waarde": float(rij["waarde"]),
                          "status": rij.get("status"), "bron_id": rij.get("bron_id"),
                          "toelichting": f"Gekozen door {bewerker}."}  # fmt: skip
    voorstel = beleid.nulmeting_voorstel(r, regio)
    try:
        n = beleid.sla_streefwaarden_op(
            key, regio,
            {int(j): (None if pd.isna(w) else float(w))
             for j, w in zip(bewerkt["Jaar"], bewerkt["Streefwaarde"], strict=True)},
            toelichtingen={int(j): (None if pd.isna(t) else str(t))
                           for j, t in zip(bewerkt["Jaar"], bewerkt["Toelichting"], strict=True)},
            eenheid=eenheid, richting=richting, wie=bewerker, reden=reden,
            nulmeting_voorstel=voorstel, nieuwe_nulmeting=nieuwe_nul, bevestigd=bevestigd)
    except beleid.Afgekeurd as fout:
        beleid_ui.toon_afgekeurd(fout)
        return
    _klaar(f"{n} streefwaarde(n) opgeslagen. De wijziging staat in de geschiedenis."
           if n else "Niets gewijzigd.")  # fmt: skip


def csv_uitwisseling(v: str, ind: pd.DataFrame, regio: str, keys: list[str],
                     namen: dict[str, str], bewerker: str | None) -> None:  # fmt: skip
    with st.expander("Streefwaarden uitwisselen met Excel (CSV)", icon=":material/table:"):
        st.write("Download het bestand, vul de kolom **streefwaarde** in Excel in en lees het "
                 "weer in. Decimalen met een komma (7,1). Een lege streefwaarde verandert niets. "
                 "Bevat het bestand één fout, dan wordt niets ingelezen.")  # fmt: skip
        st.download_button(
            "Download streefwaarden (CSV voor Excel)",
            data=beleid.streefwaarden_csv(ind, regio, keys),
            file_name=f"streefwaarden_{regio}_{dt.date.today():%Y-%m-%d}.csv", mime="text/csv",
            on_click="ignore", icon=":material/download:", key="csv_download")
        if not bewerker:
            st.caption("Inlezen kan alleen in de bewerkmodus.")
            return
        bestand = st.file_uploader("CSV met streefwaarden inlezen", type=["csv"], key="csv_upload")
        reden = st.text_input("Reden (verplicht)", key="csv_reden")
        bevestigd = st.checkbox("Ik bevestig de waarschuwingen (doelen slechter dan de nulmeting).",
                                key="csv_bevestig")
        if not st.button("Inlezen", key="csv_inlezen", disabled=bestand is None):
            return
        res = beleid.importeer_streefwaarden(
            bestand.getvalue(), indicatoren=ind, regio_codes=set(namen),
            voorstel_voor=lambda k, r: beleid.nulmeting_voorstel(store.reeks(v, (k,), (r,)), r),
            wie=bewerker, reden=reden, bevestigd=bevestigd)  # fmt: skip
        if res.fouten:
            st.error("\n".join(f"- {f}" for f in res.fouten), icon=":material/error:")
        elif res.bevestiging_nodig:
            st.warning("Niets ingelezen. Bevestig eerst deze waarschuwingen:\n"
                       + "\n".join(f"- {w}" for w in res.waarschuwingen))
        else:
            extra = (f" Genegeerde kolommen: {', '.join(res.genegeerde_kolommen)}."
                     if res.genegeerde_kolommen else "")  # fmt: skip
            _klaar(f"CSV ingelezen: {res.regels} regels, {res.gewijzigd} wijziging(en).{extra}")


# ----------------------------------------------------------------------------- uitvoering


def uitvoering_sectie(ind: pd.DataFrame, bewerker: str | None) -> None:
    ops = beleid.opdrachten()
    titels = dict(zip(ind["key"], ind["titel"], strict=True))
    st.subheader("Uitvoering: de 19 opdrachten")
    tellers = st.columns(len(beleid.OPDRACHT_STATUSSEN))
    for kol, status in zip(tellers, beleid.OPDRACHT_STATUSSEN, strict=True):
        kol.metric(status.capitalize(), int((ops["status"] == status).sum()))
    st.caption(f"Bron van de opdrachten: {beleid.OPDRACHTEN_BRON}. 'Niet gestart' is de "
               "beginwaarde tot de gemeente de status bijwerkt.")  # fmt: skip
    if not bewerker:
        st.dataframe(pd.DataFrame({
            "Nr": ops["nr"], "Status": ops["status"], "Opdracht": ops["samenvatting"],
            "Eigenaar": ops["eigenaar"], "Planning": ops["planning"],
            "Besluitmoment": ops["besluitmoment"],
            "Beweegt indicator(en)": [", ".join(titels.get(k, k) for k in ks)
                                      for ks in ops["indicatoren"]],
            "Thema": ops["thema"], "Toelichting": ops["toelichting"],
        }), hide_index=True, width="stretch", height=_HOOGTE, placeholder="",
            column_config={"Nr": st.column_config.NumberColumn(width="small"),
                           "Status": st.column_config.TextColumn(width="small"),
                           "Opdracht": st.column_config.TextColumn(width="large")})  # fmt: skip
        return
    with st.form("opdrachten"):
        bewerkt = st.data_editor(
            ops[["nr", "status", "samenvatting", "eigenaar", "planning", "besluitmoment",
                 "indicatoren", "thema", "toelichting"]],
            key="ed_opdrachten", hide_index=True, num_rows="fixed", width="stretch", placeholder="",
            height=_HOOGTE, disabled=["nr", "thema", "samenvatting"],
            column_config={
                "nr": st.column_config.NumberColumn("Nr", width="small"),
                "thema": st.column_config.TextColumn("Thema"),
                "samenvatting": st.column_config.TextColumn("Opdracht", width="large"),
                "status": st.column_config.SelectboxColumn(
                    "Status", options=list(beleid.OPDRACHT_STATUSSEN), required=True,
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
        try:
            n = beleid.sla_opdrachten_op(bewerkt, wie=bewerker, reden=reden,
                                         indicator_keys=ind["key"])
        except beleid.Afgekeurd as fout:
            beleid_ui.toon_afgekeurd(fout)
            return
        _klaar(f"{n} opdracht(en) bijgewerkt." if n else "Niets gewijzigd.")


# ----------------------------------------------------------------------------- geschiedenis


def geschiedenis_sectie() -> None:
    st.subheader("Geschiedenis van alle wijzigingen")
    st.caption("Niets wordt overschreven zonder spoor: elke wijziging staat hier met oude en "
               "nieuwe waarde. 'Wie' is de naam die de bewerker zelf invulde (er is geen inlog).")
    soorten = {"": "Alles", "streefwaarde": "Streefwaarden", "nulmeting": "Nulmetingen",
               "opdracht": "Opdrachten", "context": "Context"}  # fmt: skip
    tabel = st.selectbox("Toon", list(soorten), format_func=partial(beleid_ui.label, soorten),
                         key="gesch_filter")
    g = beleid_ui.geschiedenis_frame(tabel or None)
    st.dataframe(g, hide_index=True, width="stretch",
                 column_config={"Oud (volledig)": None, "Nieuw (volledig)": None})
    if not g.empty:
        st.download_button("Download geschiedenis (CSV)", beleid.csv_bytes(g),
                           file_name=f"beleid_geschiedenis_{dt.date.today():%Y-%m-%d}.csv",
                           mime="text/csv", on_click="ignore", key="gesch_download")


# ----------------------------------------------------------------------------- pagina

st.title("Beleidsmonitor 2026-2029")
st.caption("Het beleidsplan meetbaar gemaakt: per indicator de nulmeting, de streefwaarden per "
           "jaar, de cijfers tot nu toe en of het op koers ligt. Daaronder de uitvoering van de "
           "19 opdrachten en de geschiedenis van alle wijzigingen.")  # fmt: skip
melding = st.session_state.pop(_MELDING, None)
if melding:
    st.success(melding, icon=":material/check_circle:")

with keuzes.veilig("de beleidsmonitor"):
    versie = keuzes.versie()
    indicatoren = store.indicatoren(versie)
    regionamen = keuzes.regio_namen()
    naam = beleid_ui.bewerkmodus()
    tab_doelen, tab_uitvoering, tab_gesch = st.tabs(
        ["Doelen", "Uitvoering (19 opdrachten)", "Geschiedenis"])
    with tab_doelen:
        doelen_sectie(versie, indicatoren, regionamen, naam)
    with tab_uitvoering:
        uitvoering_sectie(indicatoren, naam)
    with tab_gesch:
        geschiedenis_sectie()
