"""Doeltreffendheid (rekenkamer): bewoog Heerlen anders dan Nederland en de vergelijkingsgroep?

Dunne pagina: cijfers uit monitor.store, nulmeting en context uit monitor.beleid, alle getallen
uit monitor.toets.doeltreffendheid_tabellen (dezelfde functie voedt de export).
"""

from __future__ import annotations

import datetime as dt
from functools import partial

import pandas as pd
import streamlit as st

from monitor import beleid, beleid_ui, fmt, keuzes, store, toets
from monitor.charts import PLOTLY_CONFIG
from monitor.charts_beleid import pretrend_figuur, verandering_figuur

NL = "NL01"
EENHEDEN = ("%", "euro", "per 1.000 inwoners")  # aantallen zijn tussen gemeenten niet te vergelijken
_MELDING = "toets_melding"


def _getal_of_niets(x: object) -> float | None:
    return None if x is None or pd.isna(x) else float(x)


def _beter_of_slechter(verschil: float, richting: str) -> str:
    if richting == "lager_is_beter":
        return "gunstig" if verschil < 0 else "ongunstig" if verschil > 0 else "gelijk"
    if richting == "hoger_is_beter":
        return "gunstig" if verschil > 0 else "ongunstig" if verschil < 0 else "gelijk"
    return "neutraal"


def kies_indicator(ind: pd.DataFrame, doel: str, v: str) -> str:
    kandidaat = ind[(ind["richting"] != "neutraal") & ind["eenheid"].isin(EENHEDEN)]
    laatste = store.laatste(v, tuple(kandidaat["key"]), (doel,))
    met_cijfer = set(laatste["indicator_key"])
    volgorde = [k for k in beleid.PLANINDICATOREN if k in met_cijfer]
    volgorde += [k for k in kandidaat["key"] if k in met_cijfer and k not in volgorde]
    titels = dict(zip(ind["key"], ind["titel"], strict=True))
    standaard = "bijstand_per_1000" if "bijstand_per_1000" in volgorde else None
    return keuzes.url_keuze(
        "Indicator", volgorde, sleutel="toetsindicator", standaard=standaard,
        format_func=partial(beleid_ui.label, titels),
        help="Alleen indicatoren met een richting (lager of hoger is beter) en een eenheid die "
             "tussen gemeenten te vergelijken is (percentage, euro, per 1.000 inwoners).")


def periode_kiezen(jaren: list[int], nul_jaar: int, lag: int) -> tuple[int, int, str]:
    """Kies van/tot; standaard sinds de nulmeting, of een terugblik als er nog niets na is."""
    na = [j for j in jaren if j > nul_jaar]
    if na:
        std_van, std_tot = nul_jaar, max(na)
    else:
        std_van, std_tot = min(jaren), nul_jaar
        eerste = nul_jaar + 1
        st.info(f"Er is nog geen cijfer na de nulmeting ({nul_jaar}). Het cijfer over {eerste} "
                f"verschijnt op zijn vroegst in {eerste + lag}. Hieronder staat daarom een "
                "terugblik op de jaren vóór het plan.", icon=":material/schedule:")  # fmt: skip
    k1, k2 = st.columns(2)
    with k1:
        van = keuzes.url_keuze("Vanaf", [j for j in jaren if j < max(jaren)], sleutel="van",
                               standaard=std_van, format_func=str)
    with k2:
        tot = keuzes.url_keuze("Tot en met", [j for j in jaren if j > van], sleutel="tot",
                               standaard=std_tot, format_func=str)
    if tot <= nul_jaar:
        soort = ("Terugblik: deze periode ligt vóór de nulmeting. Dit zegt niets over het effect "
                 "van het plan; het laat zien hoe de cijfers bewogen voordat het begon.")
    elif van < nul_jaar:
        soort = (f"Let op: de periode begint vóór de nulmeting ({nul_jaar}); een deel van de "
                 "verandering gebeurde dus vóór het plan.")
    elif van == nul_jaar:
        soort = f"Sinds de nulmeting ({nul_jaar})."
    else:
        soort = f"Periode na de nulmeting ({nul_jaar})."
    return int(van), int(tot), soort


def verandering_sectie(t: dict[str, pd.DataFrame], namen: dict, doel: str, eenheid: str,
                       richting: str, ander: bool, van: int, tot: int) -> None:  # fmt: skip
    st.subheader(f"Verandering {van}-{tot}")
    ver = t["verandering"]
    did = t["verschil_in_verschillen"].set_index("vergelijking")
    rij = ver.set_index("regio_code")
    k1, k2, k3 = st.columns(3)
    for kol, code, titel in ((k1, doel, namen.get(doel, doel)),
                             (k2, NL, "Nederland" + (" (ander product)" if ander else ""))):
        w = _getal_of_niets(rij.loc[code, "verschil"]) if code in rij.index else None
        kol.metric(titel, fmt.verschil(w, eenheid) if w is not None else fmt.GEEN_CIJFER,
                   help=(f"Van {fmt.waarde(rij.loc[code, 'van'], eenheid)} naar "
                         f"{fmt.waarde(rij.loc[code, 'tot'], eenheid)}." if w is not None
                         else f"Geen cijfer: {rij.loc[code, 'reden'] if code in rij.index else ''}"))
    groep = _getal_of_niets(did.loc["gemiddelde vergelijkingsgemeenten", "verandering_groep"])
    k3.metric("Gemiddelde vergelijkingsgemeenten",
              fmt.verschil(groep, eenheid) if groep is not None else fmt.GEEN_CIJFER,
              help="Ongewogen gemiddelde (elke gemeente telt één keer): "
                   + (did.loc["gemiddelde vergelijkingsgemeenten", "groep_gebruikt"] or "geen"))
    fig = verandering_figuur(ver, titel=f"Verandering {van}-{tot}", eenheid=eenheid,
                             ander_product=ander)
    st.plotly_chart(fig, config=PLOTLY_CONFIG, width="stretch", key="toets_verandering")
    st.dataframe(pd.DataFrame({
        "Regio": ver["regio_naam"], "Rol": ver["rol"],
        str(van): [fmt.waarde(w, eenheid) for w in ver["van"]],
        str(tot): [fmt.waarde(w, eenheid) for w in ver["tot"]],
        "Verandering": [fmt.verschil(w, eenheid) if _getal_of_niets(w) is not None
                        else str(r) for w, r in zip(ver["verschil"], ver["reden"], strict=True)],
    }), hide_index=True, width="stretch")  # fmt: skip


def kloof_sectie(t: dict[str, pd.DataFrame], namen: dict, doel: str, eenheid: str,
                 ander: bool) -> None:  # fmt: skip
    st.subheader("Kloof met Nederland")
    k = t["kloof"].iloc[0]
    d = t["kloof_dicht"].iloc[0]
    naam = namen.get(doel, doel)
    k1, k2, k3 = st.columns(3)
    kv, kt = _getal_of_niets(k["kloof_van"]), _getal_of_niets(k["kloof_tot"])
    k1.metric(f"Verschil met Nederland in {int(k['van_jaar'])}",
              fmt.verschil(kv, eenheid) if kv is not None else fmt.GEEN_CIJFER)
    k2.metric(f"Verschil met Nederland in {int(k['tot_jaar'])}",
              fmt.verschil(kt, eenheid) if kt is not None else fmt.GEEN_CIJFER,
              delta=fmt.verschil(k["verandering"], eenheid) if kv is not None and kt is not None
              else None, delta_color="off", delta_arrow="off",
              delta_description="verandering van de kloof")  # fmt: skip
    sluit = k["sluit"]
    k3.metric("Wordt de kloof kleiner?",
              "onbekend" if sluit is None or pd.isna(sluit) else ("ja" if sluit else "nee"))
    if kv is None or kt is None:
        st.info(f"De kloof is niet te berekenen: {k['reden']}.", icon=":material/info:")
    else:
        st.markdown(f"**Tempo.** {d['reden']}"
                    + (f" Dat is rond {int(round(d['jaar']))}." if _getal_of_niets(d["jaar"])
                       and d["jaren"] and d["jaren"] > 0 else ""))  # fmt: skip
        st.caption(f"Positief verschil = {naam} hoger dan Nederland. Het tempo is de verandering "
                   "van de kloof per jaar tussen de twee gekozen jaren, lineair doorgetrokken; "
                   "Nederland beweegt ook, dus dit is een rekenvoorbeeld, geen voorspelling. Het "
                   "is dezelfde vraag als Maastrichts ambitie 'in 2030 onder het landelijk "
                   "gemiddelde'.")  # fmt: skip
    if ander:
        st.caption("Nederland heeft voor deze indicator geen eigen cijfer: de vergelijking "
                   "gebruikt een verwant landelijk CBS-product. Vergelijk de richting, niet het "
                   "niveau.")  # fmt: skip


def did_sectie(t: dict[str, pd.DataFrame], namen: dict, doel: str, eenheid: str,
               richting: str) -> None:  # fmt: skip
    st.subheader("Verschil-in-verschillen")
    st.badge("indicatief, niet causaal", color="orange", icon=":material/warning:")
    did = t["verschil_in_verschillen"].set_index("vergelijking")
    naam = namen.get(doel, doel)
    for vergelijking, wie in (("gemiddelde vergelijkingsgemeenten", "de vergelijkingsgemeenten"),
                              ("Nederland", "Nederland")):
        r = did.loc[vergelijking]
        effect = _getal_of_niets(r["effect"])
        if effect is None:
            st.markdown(f"- Tegen {wie}: niet te berekenen ({r['reden']}).")
            continue
        oordeel = _beter_of_slechter(effect, richting)
        st.markdown(
            f"- Tegen {wie}: {naam} veranderde {fmt.verschil(r['verandering_doel'], eenheid)}, "
            f"{wie} {fmt.verschil(r['verandering_groep'], eenheid)}. Verschil: "
            f"**{fmt.verschil(effect, eenheid)}** ({oordeel} voor {naam}).")
    zonder = did.loc["gemiddelde vergelijkingsgemeenten", "groep_zonder_cijfer"]
    if zonder:
        st.caption(f"Zonder cijfer in beide jaren, dus niet meegeteld: {zonder}.")
    st.caption("Verschil-in-verschillen = de verandering van de gemeente min de gemiddelde "
               "verandering van de vergelijkingsgroep. Het laat zien óf de gemeente anders "
               "bewoog, niet waardoor: landelijke maatregelen, andere programma's en "
               "toeval spelen mee. Het is alleen zinvol als de reeksen vóór de nulmeting gelijk "
               "opliepen (zie hieronder).")  # fmt: skip


def pretrend_sectie(reeks: pd.DataFrame, t: dict[str, pd.DataFrame], titel: str, eenheid: str,
                    volgorde: list[str], nul_jaar: int, ander: bool, doel: str,
                    namen: dict) -> None:  # fmt: skip
    st.subheader("Vóór de nulmeting: liepen de reeksen gelijk op?")
    fig = pretrend_figuur(reeks, titel=f"{titel}: tot en met {nul_jaar}", eenheid=eenheid,
                          volgorde=volgorde, tot_jaar=nul_jaar, ander_product=ander,
                          trends=t["pretrend"])  # fmt: skip
    st.plotly_chart(fig, config=PLOTLY_CONFIG, width="stretch", key="toets_pretrend")
    pre = t["pretrend"]
    st.dataframe(pd.DataFrame({
        "Regio": pre["regio_naam"], "Cijfers": pre["punten"],
        "Jaren": [f"{int(a)}-{int(b)}" if not pd.isna(a) else "—"
                  for a, b in zip(pre["van_jaar"], pre["tot_jaar"], strict=True)],
        "Trend per jaar": [fmt.verschil(h, eenheid, 2 if eenheid != "euro" else 0)
                           if not pd.isna(h) else "te weinig cijfers" for h in pre["helling"]],
    }), hide_index=True, width="stretch")  # fmt: skip
    eigen = pre.set_index("regio_code")
    groep = pre[~pre["regio_code"].isin([doel, NL])]["helling"].dropna()
    if doel in eigen.index and not pd.isna(eigen.loc[doel, "helling"]) and not groep.empty:
        st.markdown(f"Vóór de nulmeting veranderde {namen.get(doel, doel)} gemiddeld "
                    f"{fmt.verschil(eigen.loc[doel, 'helling'], eenheid, 2)} per jaar, de "
                    f"vergelijkingsgemeenten gemiddeld {fmt.verschil(groep.mean(), eenheid, 2)}.")
    if (pre["punten"] < 3).any():
        st.caption("Met twee of minder cijfers per reeks is niet te toetsen of de reeksen gelijk "
                   "opliepen; kijk naar de grafiek en wees voorzichtig met de conclusie.")


def context_sectie(bewerker: str | None) -> None:
    st.subheader("Wat beweegt de cijfers nog meer?")
    st.caption("Programma's en landelijke maatregelen in dezelfde periode. Ze maken het moeilijk "
               "om een verandering aan het eigen beleid toe te schrijven. Elke regel heeft een "
               "bron.")  # fmt: skip
    ctx = beleid.context_regels()
    kolommen = {"naam": st.column_config.TextColumn("Naam", width="medium"),
                "periode": st.column_config.TextColumn("Periode"),
                "omschrijving": st.column_config.TextColumn("Omschrijving", width="large"),
                "regio": st.column_config.TextColumn("Regio"),
                "bron": st.column_config.TextColumn("Bron", width="medium")}  # fmt: skip
    if not bewerker:
        regels = []
        for r in ctx.to_dict("records"):
            extra = ", ".join(str(r[k]) for k in ("periode", "regio") if isinstance(r[k], str) and r[k])
            regels.append(f"- **{r['naam']}**" + (f" ({extra})" if extra else "") + ": "
                          + (r["omschrijving"] or "") + f"  \n  *Bron: {r['bron']}*")
        st.markdown("\n".join(regels))  # gewone markdown: de tekst is door mensen ingevoerd
        return
    with st.form("context"):
        bewerkt = st.data_editor(ctx, key="ed_context", hide_index=True, num_rows="dynamic", placeholder="",
                                 width="stretch", disabled=["id"],
                                 column_config={"id": None, **kolommen})  # fmt: skip
        reden = st.text_input("Reden van de wijziging (verplicht)", key="reden_context")
        opslaan = st.form_submit_button("Context opslaan", type="primary")
    if opslaan:
        try:
            n = beleid.sla_context_op(bewerkt, wie=bewerker, reden=reden)
        except beleid.Afgekeurd as fout:
            beleid_ui.toon_afgekeurd(fout)
            return
        st.session_state[_MELDING] = f"{n} contextregel(s) gewijzigd." if n else "Niets gewijzigd."
        st.rerun()


def kanttekeningen_sectie(t: dict[str, pd.DataFrame]) -> None:
    st.subheader("Kanttekeningen bij deze cijfers")
    kant = t["kanttekeningen"]
    if kant.empty:
        st.write("Geen bijzonderheden gevonden in de cijfers.")
        return
    st.markdown("\n".join(f"- **{s}**: {tekst}" for s, tekst in zip(kant["soort"], kant["tekst"],
                                                                      strict=True)))


def export_sectie(t: dict[str, pd.DataFrame], toelichting: list[tuple[str, str]], key: str,
                  van: int, tot: int) -> None:  # fmt: skip
    st.subheader("Exporteren")
    naam = f"doeltreffendheid_{key}_{van}-{tot}_{dt.date.today():%Y-%m-%d}"
    k1, k2 = st.columns(2)
    k1.download_button("Alle getallen (Excel)", data=beleid.excel_bytes(t, toelichting),
                       file_name=f"{naam}.xlsx", on_click="ignore", icon=":material/download:",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                       key="toets_excel")  # fmt: skip
    k2.download_button("Verandering per regio (CSV)", data=beleid.csv_bytes(t["verandering"]),
                       file_name=f"{naam}.csv", mime="text/csv", on_click="ignore",
                       icon=":material/download:", key="toets_csv")  # fmt: skip
    st.caption("De Excel-werkmap heeft een blad per tabel (verandering, kloof, "
               "verschil-in-verschillen, kloof dicht, pre-trend, kanttekeningen, gebruikte cijfers "
               "met bron en status) en een blad Toelichting met de keuzes en de methode.")


# ----------------------------------------------------------------------------- pagina

st.title("Doeltreffendheid")
st.caption("Voor de rekenkamer: bewoog de gemeente anders dan Nederland en vergelijkbare "
           "gemeenten sinds de nulmeting? Alle uitkomsten zijn indicatief: ze laten zien óf er "
           "verschil is, niet waardoor.")  # fmt: skip
melding = st.session_state.pop(_MELDING, None)
if melding:
    st.success(melding, icon=":material/check_circle:")

with keuzes.veilig("de doeltreffendheid"):
    versie = keuzes.versie()
    indicatoren = store.indicatoren(versie)
    meta = indicatoren.set_index("key")
    regionamen = keuzes.regio_namen()
    naam_bewerker = beleid_ui.bewerkmodus()
    doelregio = keuzes.hoofdgemeente() or "GM0917"
    vergelijkingsgroep = [c for c in keuzes.gekozen_regios() if c not in (doelregio, NL)]
    st.write(f"**{regionamen.get(doelregio, doelregio)}** tegenover Nederland en "
             + (", ".join(regionamen.get(c, c) for c in vergelijkingsgroep)
                or "geen vergelijkingsgemeenten (kies ze in de zijbalk)") + ".")
    key = kies_indicator(indicatoren, doelregio, versie)
    if key is None:
        st.warning(f"Voor {regionamen.get(doelregio, doelregio)} zijn er geen cijfers om te "
                   "vergelijken.")
        st.stop()
    m = meta.loc[key]
    eenheid, richting, lag = str(m["eenheid"]), str(m["richting"]), int(m["beschikbaar_na"])
    codes = (doelregio, NL, *vergelijkingsgroep)
    eigen = store.reeks(versie, (key,), codes)
    alt = m["vergelijk_nl"] if isinstance(m["vergelijk_nl"], str) and m["vergelijk_nl"] else None
    ander_reeks = store.reeks(versie, (alt,), (NL,)) if alt else None
    reeks, ander = toets.vergelijkingsreeks(eigen, ander_reeks)
    ander_titel = str(meta.loc[alt, "titel"]) if ander and alt else None

    nul = beleid.nulmeting(key, doelregio) or beleid.nulmeting_voorstel(eigen, doelregio)
    jaren = sorted(int(j) for j in eigen.loc[(eigen["regio_code"] == doelregio)
                                             & eigen["waarde"].notna(), "jaar"])  # fmt: skip
    if nul is None or len(jaren) < 2:
        st.info(f"Voor deze indicator heeft {regionamen.get(doelregio, doelregio)} te weinig "
                "cijfers om een verandering te berekenen (minstens twee jaren nodig).")
        st.stop()
    nul_jaar = int(nul["jaar"])
    st.caption(f"Nulmeting: {fmt.periode(nul_jaar, nul.get('status'))} "
               f"({fmt.waarde(nul['waarde'], eenheid)}), "
               + ("vastgelegd in de beleidsmonitor." if beleid.nulmeting(key, doelregio)
                  else "voorstel: laatste jaar vóór 2026 (nog niet vastgelegd).")
               + f" Cijfers over een jaar verschijnen ongeveer {lag} jaar later.")
    van, tot, soort = periode_kiezen(jaren, nul_jaar, lag)
    st.markdown(f"*{soort}*")

    inwoners = store.reeks(versie, ("inwoners",), codes)
    tabellen = toets.doeltreffendheid_tabellen(
        reeks, doel=doelregio, groep=vergelijkingsgroep, van_jaar=van, tot_jaar=tot,
        richting=richting, eenheid=eenheid, inwoners=inwoners, ander_product=ander_titel,
        pretrend_tot=nul_jaar)  # fmt: skip

    verandering_sectie(tabellen, regionamen, doelregio, eenheid, richting, ander, van, tot)
    kloof_sectie(tabellen, regionamen, doelregio, eenheid, ander)
    did_sectie(tabellen, regionamen, doelregio, eenheid, richting)
    pretrend_sectie(reeks, tabellen, str(m["titel"]), eenheid, [doelregio, NL, *vergelijkingsgroep],
                    nul_jaar, ander, doelregio, regionamen)
    context_sectie(naam_bewerker)
    kanttekeningen_sectie(tabellen)
    export_sectie(tabellen, [
        ("Indicator", f"{m['titel']} ({key}), eenheid {eenheid}, {richting.replace('_', ' ')}"),
        ("Gemeente", f"{regionamen.get(doelregio, doelregio)} ({doelregio})"),
        ("Vergelijkingsgroep", ", ".join(f"{regionamen.get(c, c)} ({c})" for c in vergelijkingsgroep)),
        ("Periode", f"{van} tot en met {tot}. {soort}"),
        ("Nulmeting", f"{nul_jaar}: {fmt.waarde(nul['waarde'], eenheid)}"),
        ("Nederland", f"ander product: {ander_titel}" if ander else "eigen landelijke cijfers"),
        ("Methode verandering", "cijfer in het eindjaar min cijfer in het beginjaar; niets "
                                "ingevuld of geïnterpoleerd"),
        ("Methode verschil-in-verschillen", "verandering gemeente min ongewogen gemiddelde "
                                            "verandering van de groep; indicatief, niet causaal"),
        ("Methode kloof dicht", "lineair tempo van de kloof tussen begin- en eindjaar; "
                                "rekenvoorbeeld, geen voorspelling"),
        ("Methode pre-trend", f"helling van een rechte lijn door de cijfers t/m {nul_jaar}"),
        ("Cijfers", f"database-versie {versie}; bron en status per cijfer op blad 'reeks'"),
    ], key, van, tot)
