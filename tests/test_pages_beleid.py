"""AppTest voor de pagina's Beleidsmonitor en Doeltreffendheid, met en zonder bewerkmodus.

Echte snapshotcijfers (Heerlen bijstand per 1.000 inwoners 2024 = 43,8) en een eigen, lege
beleidsopslag per test (conftest).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from monitor import domein, store
from monitor.beleid import beleidsmonitor as logica
from monitor.beleid import inlogrem, opslag, toets, validatie
from monitor.beleid.grafieken import (
    BAND_BUITEN_BEELD,
    doel_figuur,
    pretrend_figuur,
    verandering_figuur,
)
from tests.pages_hulp import tabellen

ROOT = Path(__file__).resolve().parents[1]
BELEID = "paginas/beleidsmonitor.py"
TOETS = "paginas/doeltreffendheid.py"
WACHTWOORD = "proef-geheim"
NAAM = "Jan Jansen"
EDITOR = "ed_streef_bijstand_per_1000_GM0917"


@pytest.fixture(autouse=True)
def _zonder_wachtwoord_uit_omgeving(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    # Het wachtwoord komt in deze tests uit at.secrets; een omgevingsvariabele (bijv. van de
    # browsertests in dezelfde sessie) zou voorgaan.
    monkeypatch.delenv("ARMOEDEMONITOR_BELEID_WACHTWOORD", raising=False)
    inlogrem.herstel()  # de rem telt voor de hele server (dit proces): elke test begint schoon
    yield
    inlogrem.herstel()


def start(pagina: str, *, wachtwoord: str | None = None, **params: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=30)
    if wachtwoord:
        at.secrets["beleid_wachtwoord"] = wachtwoord
    for k, v in params.items():
        at.query_params[k] = v
    at.run()
    at.switch_page(pagina).run()
    assert not at.exception, at.exception
    return at


def bewerkmodus_aan(at: AppTest, naam: str = NAAM, wachtwoord: str = WACHTWOORD) -> AppTest:
    at.text_input(key="beleid_naam_invoer").input(naam)
    at.text_input(key="beleid_ww_invoer").input(wachtwoord)
    knop = next(b for b in at.button if b.label == "Bewerkmodus aanzetten")
    knop.click().run()
    assert not at.exception, at.exception
    return at


def tabblad(at: AppTest, naam: str) -> AppTest:
    """Open een ander tabblad, zoals een klik dat doet (het tabblad wordt pas dan gebouwd)."""
    at.session_state["tabblad"] = naam
    at.run()
    assert not at.exception, at.exception
    return at


def knop(at: AppTest, label: str):
    return next(b for b in at.button if b.label == label)


def zichtbaar(markdown: str) -> str:
    """Wat de lezer ziet: Markdown-escapes (backslash + leesteken) tonen alleen het teken."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown)


def teksten(at: AppTest) -> str:
    delen = [e.value for soort in ("markdown", "caption", "info", "warning", "error", "success")
             for e in getattr(at, soort)]
    return "\n".join(str(d) for d in delen)


# ----------------------------------------------------------------------------- Beleidsmonitor


def test_beleidsmonitor_alleen_lezen_zonder_wachtwoord(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ARMOEDEMONITOR_BELEID_WACHTWOORD", raising=False)
    at = start(BELEID)
    assert at.title[0].value == "Beleidsmonitor 2026-2029"
    assert "Bewerken is uitgeschakeld. Vraag de beheerder om een wachtwoord in te stellen." in teksten(at)
    assert len(at.data_editor) == 0
    overzicht = next(t for t in tabellen(at) if "Indicator" in t.columns).set_index("Indicator")
    rij = overzicht.loc["Personen met bijstand per 1.000 inwoners"]
    assert rij["Nulmeting"] == "43,8 (2024*) · voorstel"  # 2024 is voorlopig
    assert rij["Meetbaar vanaf"] == "2027"  # bijstand: cijfer over 2026 verschijnt in 2027
    assert overzicht.loc["Gemiddeld besteedbaar inkomen van huishoudens", "Laatste cijfer"] == \
        "€\u00a045.700 (2024*)"
    assert overzicht.loc["Gemiddeld besteedbaar inkomen van huishoudens", "Meetbaar vanaf"] == \
        "2028"  # inkomen: twee jaar later
    assert "Inlezen kan alleen in de bewerkmodus." in teksten(at)
    assert at.get("plotly_chart")  # de doelgrafiek is er
    # Alleen het open tabblad wordt gebouwd: de opdrachten staan nog niet op de pagina.
    assert not any("Opdracht" in t.columns for t in tabellen(at))
    assert not [m for m in at.metric if m.label == "Nog niet ingevoerd"]

    at = start(BELEID, tabblad="Uitvoering")  # een link naar het tabblad Uitvoering
    # Regressie (issue 12): in het raster vielen de kolommen vanaf "Beweegt indicator(en)" rechts
    # weg. Nu HTML-tabellen (één per thema) waarin elke cel terugloopt; kolommen die bij alle
    # opdrachten leeg zijn, worden genoemd in plaats van getoond (de browsertest meet de breedte).
    assert not any("Opdracht" in d.value.columns for d in at.dataframe)
    per_thema = [t for t in tabellen(at) if "Opdracht" in t.columns]
    assert [len(t) for t in per_thema] == [7, 6, 6]
    assert all(list(t.columns) == ["Nr", "Status", "Opdracht", "Toelichting"] for t in per_thema)
    kopjes = [m.value for m in at.markdown if m.value.startswith("##### Thema: ")]
    assert kopjes == ["##### Thema: Dicht bij onze inwoners",
                      "##### Thema: Samen sterk voor inkomenszekerheid",
                      "##### Thema: Voorkomen en volhouden"]  # fmt: skip
    assert ("Nog bij geen enkele opdracht ingevuld, en daarom niet in de tabel: Eigenaar, "
            "Planning, Besluitmoment, Beweegt indicator(en).") in teksten(at)
    opdrachten = pd.concat(per_thema)
    assert list(opdrachten["Nr"]) == [str(n) for n in range(1, 20)]
    # Regressie: "nog niet ing…" en de langste opdracht (146 tekens) werden eerder afgekapt.
    assert set(opdrachten["Status"]) == {"nog niet ingevoerd"}
    assert max(opdrachten["Opdracht"].str.len()) == 146
    assert [b.label for b in at.download_button if b.key == "opdrachten_download"] == [
        "Download opdrachten (CSV)"]
    assert [m.value for m in at.metric if m.label == "Nog niet ingevoerd"] == ["19"]
    assert [m.value for m in at.metric if m.label == "Niet gestart"] == ["0"]
    assert not at.get("plotly_chart")  # de doelgrafiek (tabblad Doelen) is nu niet gebouwd


def test_beleidsmonitor_onbekend_tabblad_in_link_wordt_gemeld() -> None:
    at = start(BELEID, tabblad="[Onzin](https://voorbeeld.nl)")
    melding = " ".join(w.value for w in at.warning)
    assert "De link noemt een onbekend tabblad" in melding and "U ziet Doelen." in melding
    assert "](" not in melding  # letterlijk, geen Markdown-link
    assert at.subheader[0].value == "Doelen voor Heerlen"


def test_beleidsmonitor_detail_en_projectie_voor_bijstand() -> None:
    at = start(BELEID, doel="bijstand_per_1000")
    tekst = teksten(at)
    assert "Personen met bijstand per 1.000 inwoners" in tekst
    assert ":gray-badge[geen streefwaarde]" in tekst
    assert "Het eerste cijfer na de nulmeting (over 2025) verschijnt op zijn vroegst in 2026" in tekst
    assert "Trend naar 2029" in tekst and "95%-band" in tekst
    assert "Hoe berekend: Rechte lijn" in tekst


def test_beleidsmonitor_schuldenambitie_als_referentie() -> None:
    at = start(BELEID, doel="problematische_schulden_hh_pct")
    tekst = teksten(at)
    assert "Landelijke ambitie: 8,8% in 2021 naar 3,8% in 2030" in tekst
    assert "Bestuurlijke afspraken basisdienstverlening schuldhulpverlening" in tekst
    # de reden staat er letterlijk (kan een bronnaam noemen): vergelijk wat de lezer ziet
    assert "Geen projectie: er is maar 1 cijfer" in zichtbaar(tekst)  # Heerlen: alleen 2020


def test_verkeerd_wachtwoord_geeft_geen_bewerkmodus() -> None:
    at = start(BELEID, wachtwoord=WACHTWOORD)
    bewerkmodus_aan(at, wachtwoord="fout")
    assert "Dat wachtwoord klopt niet." in [e.value for e in at.error]
    assert len(at.data_editor) == 0


def test_naam_is_verplicht_voor_bewerkmodus() -> None:
    at = start(BELEID, wachtwoord=WACHTWOORD)
    bewerkmodus_aan(at, naam="  ")
    assert any("Vul uw naam in" in e.value for e in at.error)
    assert len(at.data_editor) == 0


def test_bewerken_schrijft_geschiedenis(monkeypatch: pytest.MonkeyPatch) -> None:
    at = start(BELEID, wachtwoord=WACHTWOORD, doel="bijstand_per_1000")
    bewerkmodus_aan(at)
    assert {d.key for d in at.data_editor} == {EDITOR}
    assert {d.key for d in tabblad(at, "Uitvoering").data_editor} == {"ed_opdrachten"}
    tabblad(at, "Doelen")
    # 2029 (vierde rij) op 38,5 zetten, met reden, en opslaan
    at.session_state[EDITOR] = {"edited_rows": {3: {"Streefwaarde": 38.5}}, "added_rows": [],
                                "deleted_rows": []}
    at.text_input(key="reden_bijstand_per_1000_GM0917").input("Raadsbesluit 12 maart 2026")
    knop(at, "Streefwaarden opslaan").click().run()
    assert not at.exception, at.exception
    assert "1 streefwaarde(n) opgeslagen" in " ".join(s.value for s in at.success)
    assert opslag.streefwaarden("bijstand_per_1000", "GM0917")["waarde"].tolist() == [38.5]
    assert opslag.nulmeting("bijstand_per_1000", "GM0917")["jaar"] == 2024
    overzicht = next(t for t in tabellen(at) if "Indicator" in t.columns).set_index("Indicator")
    assert overzicht.loc["Personen met bijstand per 1.000 inwoners", "2029"] == "38,5"
    assert overzicht.loc["Personen met bijstand per 1.000 inwoners", "Nulmeting"] == "43,8 (2024*)"
    # de geschiedenis op de pagina toont de wijziging met naam en reden
    gesch = next(d.value for d in tabblad(at, "Geschiedenis").dataframe if "Wie" in d.value.columns)
    rij = gesch[gesch["Sleutel"] == "bijstand_per_1000|GM0917|2029"].iloc[0]
    # Regressie: er stond alleen "nieuw", zonder de waarde die erbij kwam.
    assert (rij["Wie"], rij["Reden"], rij["Wijziging"]) == (
        NAAM, "Raadsbesluit 12 maart 2026",
        f"nieuw: jaar: 2029; soort: gemeentelijk; waarde: 38,5; bron: ingevoerd door {NAAM}")


def test_doel_slechter_dan_nulmeting_vraagt_bevestiging_op_pagina() -> None:
    at = start(BELEID, wachtwoord=WACHTWOORD, doel="bijstand_per_1000")
    bewerkmodus_aan(at)
    at.session_state[EDITOR] = {"edited_rows": {0: {"Streefwaarde": 50.0}}, "added_rows": [],
                                "deleted_rows": []}
    at.text_input(key="reden_bijstand_per_1000_GM0917").input("proef")
    knop(at, "Streefwaarden opslaan").click().run()
    assert any("hoger dan de nulmeting (43,8)" in zichtbaar(w.value) for w in at.warning)
    assert opslag.streefwaarden("bijstand_per_1000", "GM0917").empty


def test_foute_csv_wordt_geweigerd_en_opslag_blijft_gelijk() -> None:
    at = start(BELEID, wachtwoord=WACHTWOORD)
    bewerkmodus_aan(at)
    voor = (opslag.streefwaarden().to_dict("records"), len(opslag.geschiedenis()))
    data = ("indicator_key;regio_code;jaar;streefwaarde\n"
            "bijstand_per_1000;GM0917;2026;42\n"
            "bijstand_per_1000;GM0917;2031;41\n").encode("utf-8-sig")  # fmt: skip
    at.file_uploader(key="csv_upload").set_value(("doelen.csv", data, "text/csv")).run()
    at.text_input(key="csv_reden").input("voorbereid in Excel").run()
    knop(at, "Inlezen").click().run()
    assert not at.exception, at.exception
    fout = zichtbaar(" ".join(e.value for e in at.error))
    assert "niets veranderd" in fout and "Regel 3: Jaar 2031 kan niet" in fout
    assert (opslag.streefwaarden().to_dict("records"), len(opslag.geschiedenis())) == voor


def test_goede_csv_wordt_ingelezen() -> None:
    at = start(BELEID, wachtwoord=WACHTWOORD)
    bewerkmodus_aan(at)
    data = b"indicator_key;regio_code;jaar;streefwaarde\nbijstand_per_1000;GM0917;2027;41,5\n"
    at.file_uploader(key="csv_upload").set_value(("doelen.csv", data, "text/csv")).run()
    at.text_input(key="csv_reden").input("voorbereid in Excel").run()
    knop(at, "Inlezen").click().run()
    assert "CSV ingelezen: 1 regels, 1 wijziging(en)." in " ".join(s.value for s in at.success)
    assert opslag.streefwaarden("bijstand_per_1000", "GM0917")["waarde"].tolist() == [41.5]
    g = opslag.geschiedenis("streefwaarde").iloc[0]
    assert (g["wie"], g["reden"]) == (NAAM, "CSV-import: voorbereid in Excel")


def test_opdracht_bijwerken_in_bewerkmodus() -> None:
    at = start(BELEID, wachtwoord=WACHTWOORD, tabblad="Uitvoering")
    bewerkmodus_aan(at)
    at.session_state["ed_opdrachten"] = {
        "edited_rows": {12: {"status": "loopt", "eigenaar": "Team Schulden"}},
        "added_rows": [], "deleted_rows": []}  # fmt: skip
    at.text_input(key="reden_opdrachten").input("Startoverleg gehouden")
    knop(at, "Opdrachten opslaan").click().run()
    assert not at.exception, at.exception
    assert "1 opdracht(en) bijgewerkt." in " ".join(s.value for s in at.success)
    nr13 = opslag.opdrachten().set_index("nr").loc[13]
    assert (nr13["status"], nr13["eigenaar"]) == ("loopt", "Team Schulden")
    assert [m.value for m in at.metric if m.label == "Loopt"] == ["1"]


def test_wachtwoord_uit_omgeving_werkt_ook(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ARMOEDEMONITOR_BELEID_WACHTWOORD", "uit-omgeving")
    at = start(BELEID)
    bewerkmodus_aan(at, wachtwoord="uit-omgeving")
    assert [d.key[:10] for d in at.data_editor] == ["ed_streef_"]  # tabblad Doelen
    assert [d.key for d in tabblad(at, "Uitvoering").data_editor] == ["ed_opdrachten"]
    knop(at, "Bewerkmodus uitzetten").click().run()
    assert len(at.data_editor) == 0


# ----------------------------------------------------------------------------- Doeltreffendheid


def test_doeltreffendheid_bijstand_terugblik_met_verschil_in_verschillen() -> None:
    at = start(TOETS)
    assert at.title[0].value == "Doeltreffendheid"
    tekst = teksten(at)
    # nog geen cijfer na de nulmeting 2024: terugblik 2015-2024, eerlijk gelabeld
    assert "Er is nog geen cijfer na de nulmeting (2024)" in tekst
    assert "Terugblik: deze periode ligt vóór de nulmeting" in tekst
    assert "Verschil: **−11,3** (gunstig voor Heerlen)" in tekst
    assert "indicatief, niet causaal" in tekst
    # Nederland 2015 en 2024: som van alle gemeenten (CBS publiceert geen landelijke rij).
    assert ("Tegen Nederland: Heerlen veranderde −12,4, Nederland −3,5. Verschil: **−8,9** "
            "(gunstig voor Heerlen).") in tekst
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Heerlen"] == "−12,4" and metrics["Gemiddelde vergelijkingsgemeenten"] == "−1,1"
    assert metrics["Wordt de kloof kleiner?"] == "ja"
    # Kanttekeningen en context staan er letterlijk (geëscapet): kijk naar wat de lezer ziet.
    kant = zichtbaar(tekst).replace("\u200b", "")
    assert "Amstelveen, Heemskerk, Heerlen, Maastricht: 2015, 2024 voorlopig" in kant
    assert "andere bron" in kant
    assert "**Nationaal Programma Heerlen-Noord (NPHLN)** (vanaf 2022, looptijd 25 jaar" in kant
    assert ("Bron: [https://www.heerlen-noord.nl/over-nphln/]"
            "(https://www.heerlen-noord.nl/over-nphln/)") in kant
    labels = [b.label for b in at.download_button]
    assert {"Alle getallen (Excel)", "Verandering per regio (CSV)"} <= set(labels)
    assert len(at.get("plotly_chart")) == 1  # verandering; de pre-trend pas bij openen
    assert [e.label for e in at.expander if "Grafiek van de reeksen" in e.label] == [
        "Grafiek van de reeksen tot en met 2024"]
    assert len(at.data_editor) == 0
    at.session_state["pretrend_grafiek_open"] = True
    at.run()
    figuren = at.get("plotly_chart")
    assert len(figuren) == 2  # verandering + pre-trend
    assert "tot en met 2024" in figuren[1].proto.spec


def test_doeltreffendheid_ander_product_voor_nederland_geeft_geen_oordeel() -> None:
    # Nederland heeft voor laag inkomen alleen een cijfer uit 83841NED, een ander product dan de
    # KWB van Heerlen: geen kloof, geen "kleiner", geen "gunstig" (issue: oordeel over producten).
    at = start(TOETS, toetsindicator="hh_laag_inkomen_pct", van="2020", tot="2023")
    tekst = teksten(at)
    assert "een landelijk cijfer uit een ander CBS-product, een verwante maar andere meting" in tekst
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Nederland (ander CBS-product)"] == "−3,2 procentpunt"  # eigen verandering: 6,8 → 3,6
    assert metrics["Verschil met Nederland in 2020"] == "niet vergelijkbaar"
    assert metrics["Verschil met Nederland in 2023"] == "niet vergelijkbaar"
    assert metrics["Wordt de kloof kleiner?"] == "niet vergelijkbaar"
    assert "niet vergelijkbaar" in tekst and "andere meting" in tekst
    assert "kloof kleiner" not in tekst and "dicht rond" not in tekst
    assert "Tegen Nederland: niet te berekenen" in tekst
    nl_regel = next(r for r in tekst.splitlines() if r.startswith("- Tegen Nederland"))
    assert "gunstig" not in nl_regel


def test_doeltreffendheid_context_bewerken_met_geschiedenis() -> None:
    at = start(TOETS, wachtwoord=WACHTWOORD)
    bewerkmodus_aan(at)
    assert [d.key for d in at.data_editor] == ["ed_context"]
    at.session_state["ed_context"] = {
        "edited_rows": {}, "deleted_rows": [],
        "added_rows": [{"naam": "Lokale regeling X", "bron": opslag.BRON_ONBEKEND}]}
    at.text_input(key="reden_context").input("aangevuld na gesprek rekenkamer")
    knop(at, "Context opslaan").click().run()
    assert not at.exception, at.exception
    assert "1 contextregel(s) gewijzigd." in " ".join(s.value for s in at.success)
    g = opslag.geschiedenis("context").iloc[0]
    assert (g["wie"], g["reden"]) == (NAAM, "aangevuld na gesprek rekenkamer")
    assert "Lokale regeling X" in set(opslag.context_regels()["naam"])


# ----------------------------------------------------------------------------- grafieken


def test_doelgrafiek_toont_realisatie_pad_streefwaarden_en_band() -> None:
    df = store.reeks(store.db_versie(), ("bijstand_per_1000",), ("GM0917",))
    proj = toets.projectie(df)
    fig = doel_figuur(df, titel="t", eenheid="per 1.000 inwoners", regio_code="GM0917",
                      regio_naam="Heerlen", nulmeting={"jaar": 2024, "waarde": 43.79},
                      streefwaarden={2026: 42.0, 2029: 38.0}, projectie=proj.frame)
    namen = [t.name for t in fig.data]
    assert {"Heerlen: realisatie", "Nulmeting", "Streefwaarde", "Pad naar de streefwaarde",
            "Projectie (trend)", "Onzekerheid projectie (95%)"} <= set(namen)
    assert fig.layout.separators == ",." and fig.layout.xaxis.type == "category"
    assert list(fig.layout.xaxis.categoryarray) == [str(j) for j in range(2015, 2030)]
    real = fig.data[namen.index("Heerlen: realisatie")]
    per_jaar = dict(zip(real.x, real.customdata, strict=True))
    assert per_jaar["2015"][2] == "2015*" and per_jaar["2015"][3] == "voorlopig"
    assert per_jaar["2024"][1] == "43,8" and "85984NED" in per_jaar["2024"][4]
    assert real.y[list(real.x).index("2016")] is None  # gat blijft gat
    # De as toont alles wat getekend is: cijfers, doelen en de hele band (issue 12).
    onder, boven = fig.layout.yaxis.range
    waarden = [w for w in real.y if w is not None] + [42.0, 38.0, 43.79]
    waarden += [*proj.frame["onder"], *proj.frame["boven"]]
    assert onder <= min(waarden) and max(waarden) <= boven


def _doelgrafiek_zoals_de_pagina(regio: str, key: str, ind, doelen, reeks):
    """De figuur zoals paginas/beleidsmonitor.py detail() hem bouwt (zelfde gegevens)."""
    eenheid = str(ind.at[key, "eenheid"])
    r = reeks[reeks["indicator_key"] == key]
    doel = doelen.loc[key].to_dict()
    proj = toets.projectie(r, grenzen=validatie.BEREIK.get(eenheid, (None, None)))
    referentie = (logica.landelijke_referentie(opslag.doelen(domein.NEDERLAND), regio)
                  if key == domein.SCHULDEN_KEY else None)  # fmt: skip
    fig = doel_figuur(r, titel="t", eenheid=eenheid, regio_code=regio, regio_naam=regio,
                      nulmeting=logica.nulmeting_punt(doel),
                      streefwaarden=dict(doel.get("streefwaarden") or {}),
                      projectie=proj.frame if proj.mogelijk else None, referentie=referentie)
    return fig, proj


def test_doelgrafiek_band_valt_niet_buiten_de_as() -> None:
    # Issue 12: bij Heerlen, bijstand per 1.000 liep de 95%-band (onder 32,1 in 2029) onder de
    # as (die begon bij 34,3) en was afgekapt, zonder dat iets dat zei. Nu valt alles wat getekend
    # is binnen de as, behalve een band die de cijfers plat zou drukken (meer dan
    # BAND_HOOGSTENS keer zo hoge as): die heet in de legenda "loopt buiten beeld".
    v = store.db_versie()
    ind = store.indicatoren(v).set_index("key")
    keys = logica.plan_keys(ind.reset_index())
    gezien_band = gezien_buiten = 0
    for regio in domein.STANDAARD_REGIOS:
        reeks = store.reeks(v, logica.op_te_halen(keys, opslag.doelen(regio)), (regio,))
        doelen = opslag.doelen_met_voorstel(regio, keys, reeks).set_index("indicator_key")
        for key in keys:
            fig, proj = _doelgrafiek_zoals_de_pagina(regio, key, ind, doelen, reeks)
            namen = [t.name for t in fig.data]
            buiten = BAND_BUITEN_BEELD in namen
            band_sporen = {namen.index(BAND_BUITEN_BEELD) - 1, namen.index(BAND_BUITEN_BEELD)} \
                if buiten else set()  # fmt: skip
            getekend = [float(y) for i, t in enumerate(fig.data) if t.y is not None
                        and i not in band_sporen for y in t.y if y is not None]  # fmt: skip
            if not getekend:
                continue  # lege figuur met melding
            onder, boven = fig.layout.yaxis.range
            assert onder <= min(getekend) and max(getekend) <= boven, (regio, key)
            if min(getekend) >= 0:
                assert onder >= 0, (regio, key)  # geen negatieve as voor een aantal of %
            if proj.mogelijk:
                gezien_band += 1
                band_past = (onder <= proj.frame["onder"].min()
                             and proj.frame["boven"].max() <= boven)  # fmt: skip
                assert band_past != buiten, (regio, key)  # afgekapt ⇔ de legenda zegt het
                if buiten:
                    gezien_buiten += 1
                    hoogte_band = proj.frame["boven"].max() - max(0, proj.frame["onder"].min())
                    assert hoogte_band > (boven - onder), (regio, key)  # echt breed
    assert gezien_band >= 10  # de lus toetst echt banden (snapshot: 19 projecties)
    assert gezien_band - gezien_buiten >= 10  # de meeste banden passen helemaal


def test_pretrend_en_verandering_figuren() -> None:
    df = store.reeks(store.db_versie(), ("bijstand_per_1000",),
                     ("GM0917", "NL01", "GM0362", "GM0396", "GM0935"))
    # Zonder het berekende Nederland (som van de gemeenten): toetst het geval zonder landelijk cijfer.
    df = df[df["bron_id"] != "berekend-nl"]
    t = toets.doeltreffendheid_tabellen(df, doel="GM0917", groep=["GM0362", "GM0396", "GM0935"],
                                        van_jaar=2015, tot_jaar=2024, richting="lager_is_beter",
                                        eenheid="per 1.000 inwoners", pretrend_tot=2024)
    pre = pretrend_figuur(df, titel="p", eenheid="per 1.000 inwoners",
                          volgorde=["GM0917", "NL01", "GM0362"], tot_jaar=2024,
                          trends=t["pretrend"])
    assert [tr.name for tr in pre.data][:3] == ["Heerlen", "Nederland", "Amstelveen"]
    assert pre.data[1].line.dash == "dash"  # Nederland grijs gestippeld
    assert any((tr.name or "").startswith("trendlijn") for tr in pre.data)
    ver = verandering_figuur(t["verandering"], titel="v", eenheid="per 1.000 inwoners")
    assert list(ver.data[0].y) == ["Heerlen", "Amstelveen", "Heemskerk", "Maastricht"]
    assert list(ver.data[0].text) == ["−12,4", "+1,5", "−0,7", "−4,2"]
    assert "Geen cijfer in beide jaren: Nederland" in ver.layout.annotations[0].text


# ----------------------------------------------------------------------------- issue 11


def _editor_wijzig(at: AppTest, sleutel: str, rijen: dict) -> None:
    at.session_state[sleutel] = {"edited_rows": rijen, "added_rows": [], "deleted_rows": []}


def test_twee_sessies_streefwaarde_tweede_wordt_geweigerd_en_kan_opnieuw() -> None:
    """Issue 11: A slaat 38,5 op, B (eerder geladen) 37: B zag 'opgeslagen' en 37 won stil."""
    a = bewerkmodus_aan(start(BELEID, wachtwoord=WACHTWOORD, doel="bijstand_per_1000"), "Anna")
    b = bewerkmodus_aan(start(BELEID, wachtwoord=WACHTWOORD, doel="bijstand_per_1000"), "Bert")

    _editor_wijzig(a, EDITOR, {3: {"Streefwaarde": 38.5}})
    a.text_input(key="reden_bijstand_per_1000_GM0917").input("Raadsbesluit")
    knop(a, "Streefwaarden opslaan").click().run()
    assert "1 streefwaarde(n) opgeslagen" in " ".join(s.value for s in a.success)

    _editor_wijzig(b, EDITOR, {3: {"Streefwaarde": 37.0}})
    b.text_input(key="reden_bijstand_per_1000_GM0917").input("Eigen voorstel")
    knop(b, "Streefwaarden opslaan").click().run()
    assert not b.exception, b.exception
    assert not b.success
    fout = zichtbaar(" ".join(e.value for e in b.error))
    assert "intussen gewijzigd door Anna om " in fout
    assert "waarde: — → 38,5" in fout and "Niets opgeslagen" in fout
    assert opslag.streefwaarden("bijstand_per_1000", "GM0917")["waarde"].tolist() == [38.5]

    # B laadt opnieuw, ziet 38,5 en voert 37 opnieuw in: nu gaat het door.
    knop(b, "Opnieuw laden (uw wijziging vervalt; voer hem daarna opnieuw in)").click().run()
    assert not b.error
    assert b.data_editor(key=EDITOR).value["Streefwaarde"].tolist()[3] == 38.5
    _editor_wijzig(b, EDITOR, {3: {"Streefwaarde": 37.0}})
    b.text_input(key="reden_bijstand_per_1000_GM0917").input("Eigen voorstel, na overleg")
    knop(b, "Streefwaarden opslaan").click().run()
    assert "1 streefwaarde(n) opgeslagen" in " ".join(s.value for s in b.success)
    assert opslag.streefwaarden("bijstand_per_1000", "GM0917")["waarde"].tolist() == [37.0]
    wie = opslag.geschiedenis("streefwaarde")["wie"].tolist()
    assert wie[:2] == ["Bert", "Anna"]


def test_twee_sessies_opdrachten_geen_wijziging_verdwijnt() -> None:
    """Issue 11: B's nieuwe eigenaar verdween met 'Niets gewijzigd' nadat A had opgeslagen."""
    a = bewerkmodus_aan(start(BELEID, wachtwoord=WACHTWOORD, tabblad="Uitvoering"), "Anna")
    b = bewerkmodus_aan(start(BELEID, wachtwoord=WACHTWOORD, tabblad="Uitvoering"), "Bert")

    _editor_wijzig(a, "ed_opdrachten", {12: {"eigenaar": "Team Schulden"}})
    a.text_input(key="reden_opdrachten").input("Startoverleg")
    knop(a, "Opdrachten opslaan").click().run()
    assert "1 opdracht(en) bijgewerkt." in " ".join(s.value for s in a.success)

    # B wijzigt een andere opdracht: gaat door, en A's wijziging blijft staan.
    _editor_wijzig(b, "ed_opdrachten", {4: {"eigenaar": "Team Werk"}})
    b.text_input(key="reden_opdrachten").input("Overdracht")
    knop(b, "Opdrachten opslaan").click().run()
    assert not b.exception, b.exception
    assert "1 opdracht(en) bijgewerkt." in " ".join(s.value for s in b.success)
    eigenaar = opslag.opdrachten().set_index("nr")["eigenaar"]
    assert (eigenaar[13], eigenaar[5]) == ("Team Schulden", "Team Werk")

    # Nu wijzigt A opdracht 5 opnieuw (A zag nog de oude versie): geweigerd, met wie en wat.
    _editor_wijzig(a, "ed_opdrachten", {4: {"status": "loopt"}})
    a.text_input(key="reden_opdrachten").input("Status bijgewerkt")
    knop(a, "Opdrachten opslaan").click().run()
    fout = zichtbaar(" ".join(e.value for e in a.error))
    assert "Opdracht 5 is intussen gewijzigd door Bert om " in fout
    assert "eigenaar: — → Team Werk" in fout
    assert opslag.opdrachten().set_index("nr").loc[5, "status"] == "nog niet ingevoerd"
    knop(a, "Opnieuw laden (uw wijziging vervalt; voer hem daarna opnieuw in)").click().run()
    _editor_wijzig(a, "ed_opdrachten", {4: {"status": "loopt"}})
    a.text_input(key="reden_opdrachten").input("Status bijgewerkt")
    knop(a, "Opdrachten opslaan").click().run()
    assert "1 opdracht(en) bijgewerkt." in " ".join(s.value for s in a.success)
    nr5 = opslag.opdrachten().set_index("nr").loc[5]
    assert (nr5["status"], nr5["eigenaar"]) == ("loopt", "Team Werk")


def test_inlogrem_verdubbelt_per_sessie_en_voor_de_server(monkeypatch: pytest.MonkeyPatch,
                                                         caplog: pytest.LogCaptureFixture) -> None:
    """Issue 11: 200 foute wachtwoorden in 137 s, daarna werd het goede gewoon geaccepteerd."""
    nu = [1000.0]
    monkeypatch.setattr(inlogrem, "klok", lambda: nu[0])
    caplog.set_level("INFO")
    at = start(BELEID, wachtwoord=WACHTWOORD)
    for _ in range(4):  # vier keer fout: geen wachttijd, wel "klopt niet"
        bewerkmodus_aan(at, wachtwoord="raad-1234")
        assert [e.value for e in at.error] == ["Dat wachtwoord klopt niet."]
    bewerkmodus_aan(at, wachtwoord="raad-1234")  # de vijfde: vanaf nu wachten
    assert "Wacht 1 seconde(n)" in at.error[0].value
    # Ook het goede wachtwoord helpt niet tijdens de wachttijd.
    bewerkmodus_aan(at)
    assert "Wacht 1 seconde(n)" in at.error[0].value and len(at.data_editor) == 0
    nu[0] += 1
    bewerkmodus_aan(at, wachtwoord="raad-1234")  # zesde fout: nu 2 s
    assert "Wacht 2 seconde(n)" in at.error[0].value
    # Een nieuwe sessie begint niet opnieuw: de server telt mee.
    nieuw = start(BELEID, wachtwoord=WACHTWOORD)
    bewerkmodus_aan(nieuw)
    assert "Wacht 2 seconde(n)" in nieuw.error[0].value and len(nieuw.data_editor) == 0
    nu[0] += 1.5
    bewerkmodus_aan(nieuw)
    assert "Wacht 1 seconde(n)" in nieuw.error[0].value
    nu[0] += 0.5
    bewerkmodus_aan(nieuw)  # wachttijd voorbij, goed wachtwoord: bewerkmodus aan
    assert not nieuw.error and [d.key[:10] for d in nieuw.data_editor] == ["ed_streef_"]
    # Het log noemt de pogingen, nooit wat er getypt is.
    log = " ".join(r.getMessage() for r in caplog.records if r.name == inlogrem.__name__)
    assert "Fout wachtwoord voor de bewerkmodus" in log
    assert "raad-1234" not in log and WACHTWOORD not in log


def test_inlogrem_wachttijden_zonder_slapen(monkeypatch: pytest.MonkeyPatch) -> None:
    nu = [0.0]
    monkeypatch.setattr(inlogrem, "klok", lambda: nu[0])
    sessie, wachttijden = inlogrem.Stand(), []
    for _ in range(20):
        nu[0] += wachttijden[-1] if wachttijden else 0
        gelukt, wacht = inlogrem.poging(sessie, lambda: False)
        assert not gelukt
        wachttijden.append(wacht)
    assert wachttijden[:8] == [0, 0, 0, 0, 1, 2, 4, 8]
    assert wachttijden[-1] == inlogrem.MAX_S  # begrensd op een kwartier
    assert sum(wachttijden[:-1]) > 3600  # 20 pogingen kosten ruim anderhalf uur, geen 14 s
    # Een nieuwe sessie (verse teller) wacht mee met de server.
    assert inlogrem.poging(inlogrem.Stand(), lambda: True) == (False, inlogrem.MAX_S)


def test_doeltreffendheid_met_automatische_vergelijkbare_gemeenten() -> None:
    at = start(TOETS, toetsindicator="bijstand_per_1000", groep="automatisch")
    tekst = teksten(at)
    assert "Gemeenten die het meest op Heerlen lijken" in tekst
    assert "Stedelijkheid uit 2024, inwoners uit 2024" in tekst
    criteria = [t for t in tabellen(at) if "Afstand" in t.columns][0]
    assert criteria["Gemeente"].iloc[0] == "Heerlen" and len(criteria) == 6
    # De groep is de vergelijkingsgroep van de pagina: de kopzin noemt de vijf gemeenten.
    groep = list(criteria["Gemeente"].iloc[1:])
    assert all(naam in tekst for naam in groep)


def test_zonder_wachtwoord_geen_bestandsnamen_of_variabelen_voor_de_lezer() -> None:
    """De wethouder leest één zin; hoe de beheerder het wachtwoord instelt staat in de README."""
    at = start(BELEID)
    tekst = teksten(at)
    assert "Vraag de beheerder om een wachtwoord in te stellen." in tekst
    for intern in ("secrets.toml", "ARMOEDEMONITOR_BELEID_WACHTWOORD", "beleid_wachtwoord",
                   ".streamlit", "omgevingsvariabele"):
        assert intern not in tekst, intern
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "ARMOEDEMONITOR_BELEID_WACHTWOORD" in readme
    assert "`beleid_wachtwoord`" in readme and ".streamlit/secrets.toml" in readme


def test_pretrendgrafiek_zegt_wat_stippellijn_en_open_punt_betekenen() -> None:
    at = start(TOETS, toetsindicator="bijstand_per_1000")
    at.session_state["pretrend_grafiek_open"] = True
    at.run()
    bijschrift = next(c.value for c in at.caption if "stippellijn" in c.value)
    assert bijschrift.startswith("Nederland is de grijze stippellijn. Open punten en een * achter "
                                 "het jaar zijn voorlopige cijfers.")
    # Laag inkomen: Nederland komt uit een ander CBS-product (fijne stippellijn in de legenda).
    at = start(TOETS, toetsindicator="hh_laag_inkomen_pct", van="2020", tot="2023")
    at.session_state["pretrend_grafiek_open"] = True
    at.run()
    bijschrift = next(c.value for c in at.caption if "stippellijn" in c.value)
    assert bijschrift.startswith("De fijne grijze stippellijn is een landelijk cijfer uit een "
                                 "ander CBS-product; een andere meting, alleen ter oriëntatie. "
                                 "Open punten")
    namen = [t.get("name") for t in json.loads(at.get("plotly_chart")[1].proto.spec)["data"]]
    assert "Nederland (ander CBS-product)" in namen
