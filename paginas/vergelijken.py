"""Vergelijken: één indicator en één jaar; staven per regio, Nederland als referentie, plaats."""

from __future__ import annotations

import streamlit as st

from monitor import charts, fmt, palet
from monitor.domein import NEDERLAND
from monitor.letterlijk import letterlijk
from monitor.ui import data, grafiek, htmltabel, keuzes
from monitor.verkennen import kaart, ranglijst, referentie, tabellen

st.title("Vergelijken")

with keuzes.veilig("de vergelijking"):
    v = keuzes.versie()
    namen = keuzes.regio_namen()
    codes = keuzes.gekozen_regios()
    hoofd = keuzes.hoofdgemeente()

    ind = data.indicatoren(v).set_index("key")
    dekking = data.dekking(v).set_index("indicator_key")
    # Alleen indicatoren met cijfers voor gemeenten: landelijke reeksen zijn niet te vergelijken.
    keys = [k for k in ind.index if k in dekking.index and dekking.at[k, "gemeenten"] > 0]

    if not keys:
        st.warning("Er zijn nog geen cijfers in de database. Bouw hem opnieuw met "
                   "'python -m etl build' of kijk bij Bronnen en definities wat er mis ging.")
        st.stop()
    links, rechts = st.columns([3, 1])
    key = keuzes.url_keuze(
        "Indicator", keys, sleutel="indicator", standaard="bijstand_per_1000",
        format_func=lambda k: str(ind.at[k, "titel"]), plek=links,
        melding=lambda fout: f"De link noemt een onbekende indicator ({', '.join(fout)}). "
                             "U ziet nu de standaardindicator.",
    )
    meta = ind.loc[key]
    titel, eenheid, richting = str(meta["titel"]), str(meta["eenheid"]), str(meta["richting"])

    jaren = data.jaren(v, key)
    # Nederland altijd erbij: de referentielijn hoort bij de indicator, ook als Nederland niet
    # in de zijbalk staat (de tabel toont alleen de gekozen regio's).
    eigen = data.reeks(v, (key,), tuple(dict.fromkeys([*codes, NEDERLAND])))
    standaard_jaar = referentie.standaard_jaar(eigen, hoofd, jaren)
    jaar = keuzes.url_keuze(
        "Jaar", jaren, sleutel="jaar", standaard=standaard_jaar, plek=rechts,
        melding=lambda fout: f"Voor {', '.join(fout)} zijn er geen cijfers voor '{titel}'. "
                             f"U ziet nu {standaard_jaar}.",
    )
    st.caption(f"{meta['definitie']} Eenheid: {eenheid}.")

    if jaar is None:
        st.warning(f"Er zijn nog geen cijfers voor '{titel}'.")
        st.stop()
    if not codes:
        st.info("Kies in de zijbalk minstens één regio.")
        st.stop()

    jaarframe = eigen[eigen["jaar"] == jaar]
    gemeenten = data.gemeenten_in_jaar(v, key, jaar)
    telling = data.gemeenten_telling(v, key, jaar)
    plaatsen = ranglijst.plaatsen(gemeenten if ranglijst.volledig_genoeg(telling)
                                  else gemeenten.iloc[0:0], richting)
    aantal = len(plaatsen)

    # --- plaats van de hoofdgemeente, in woorden
    if hoofd is not None:
        rij = jaarframe[jaarframe["regio_code"] == hoofd]
        reden = None
        if hoofd not in plaatsen.index:
            reden = f"CBS meldt: {letterlijk(rij['status'].iloc[0])}." if not rij.empty else \
                "Deze gemeente staat voor dit jaar niet in de bron."
        plaats = int(plaatsen[hoofd]) if hoofd in plaatsen.index else None
        st.subheader(ranglijst.plaats_zin(namen[hoofd], plaats, telling, jaar, reden))
        if plaats is not None and (afronding := ranglijst.afronding_bij_plaats(
                gemeenten, hoofd, richting, eenheid)):
            st.markdown(afronding)  # CBS rondt af: het cijfer (en misschien de plaats) is onzeker
    st.markdown(ranglijst.uitleg_en_telling(richting, titel, telling, jaar, gemeenten, eenheid))

    # --- staven met Nederland als referentielijn
    kleur = palet.kleuren(codes)
    staaf_frame = jaarframe[jaarframe["regio_code"] != NEDERLAND].set_index("regio_code")
    staaf_frame = staaf_frame.reindex([c for c in codes if c in staaf_frame.index]).reset_index()
    nl, ander = None, None
    if charts.nl_als_referentie(eenheid):
        vergelijk = referentie.vergelijk_key(meta, jaarframe)
        nl_ander = data.reeks(v, (vergelijk,), (NEDERLAND,)) if vergelijk else None
        nl, ander = referentie.nederland_in_jaar(jaarframe, nl_ander, jaar)
    fig = charts.staven(staaf_frame, titel=f"{titel}, {fmt.periode(jaar, None)}", eenheid=eenheid,
                        kleur=kleur, nederland=nl, ander_product=ander)
    grafiek.toon(fig)

    notities = []
    if not charts.nl_als_referentie(eenheid):
        notities.append("Nederland staat niet als lijn in de grafiek: een landelijk aantal is niet "
                        "te vergelijken met het aantal van één gemeente.")
    elif nl is None and ander is not None:
        notities.append(f"Nederland heeft voor {jaar} geen cijfer uit dezelfde bron. De fijne grijze "
                        f"stippellijn is een landelijk cijfer uit een ander CBS-product "
                        f"({letterlijk(ander['bron_titel'])}); een andere meting, alleen ter "
                        "oriëntatie.")
    elif nl is None:
        notities.append(f"Nederland heeft geen cijfer voor {jaar} in deze database, dus er is geen "
                        "referentielijn.")
    met_cijfer = set(staaf_frame.dropna(subset=["waarde"])["regio_code"])
    zonder = [letterlijk(namen[c]) for c in codes if c != NEDERLAND and c not in met_cijfer]
    if zonder:
        notities.append(f"Geen cijfer voor {jaar}: {', '.join(zonder)} (zie de tabel voor de reden).")
    if afronding_notitie := ranglijst.afronding_notitie(jaarframe, codes, namen, eenheid):
        notities.append(afronding_notitie)
    if (jaarframe["status"].str.lower().isin(["voorlopig", "nader voorlopig"])).any():
        notities.append("Gearceerde staven en een * achter het jaar zijn voorlopige cijfers.")
    for n in notities:
        st.caption(n)

    st.subheader("De cijfers")
    htmltabel.toon(tabellen.vergelijk_tabel(jaarframe, codes, namen, eenheid, jaar, plaatsen,
                                            aantal),
                   alt=f"{titel} in {jaar} per gekozen regio, met plaats, status en bron")

    # --- kaart van alle gemeenten: waar staat de gemeente in het land en in Zuid-Limburg?
    st.subheader("Alle gemeenten op de kaart")
    gebied = keuzes.url_keuze(
        "Kaartgebied", list(kaart.GEBIEDEN), sleutel="kaart", standaard="nederland",
        format_func=lambda g: kaart.GEBIEDEN[g][0],
        melding=lambda fout: "De link noemt een onbekend kaartgebied. U ziet heel Nederland.")
    kaartcijfers = data.kaartcijfers(v, key, jaar)
    grafiek.toon(
        kaart.kaartfiguur(kaartcijfers, codes, richting, f"{titel}, {fmt.periode(jaar, None)}",
                          eenheid=eenheid, jaar=jaar, gebied=gebied, regio_codes=tuple(namen)),
        key="kaart")
    st.caption(kaart.kaart_tekst(kaartcijfers, hoofd, richting, indicator_titel=titel,
                                 eenheid=eenheid, jaar=jaar))
    niet_getekend = kaart.niet_tekenbaar_tekst(kaartcijfers, jaar)
    if niet_getekend:
        st.caption(niet_getekend)
    st.caption("Grijs = geen cijfer. Hoe donkerder, hoe ongunstiger (bij een neutrale indicator: "
               "hoe hoger). Dikke rand = gekozen regio. Kaart: CBS en Kadaster, gemeentegrenzen "
               "2024, CC BY 4.0.")
