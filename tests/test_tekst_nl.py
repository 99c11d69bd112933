"""Zichtbare tekst in gewone Nederlandse notatie en grammatica (getallen via monitor.fmt)."""

from __future__ import annotations

from pathlib import Path

import duckdb


def _niet_geladen(pad: Path) -> list[str]:
    """Reden en inhoud (regio, jaar, waarde: sinds de sleutel uit de zin is, een eigen kolom)."""
    with duckdb.connect(str(pad), read_only=True) as con:
        return [t for r in con.sql("SELECT reden, inhoud FROM niet_geladen").fetchall() for t in r if t]


def test_bewust_niet_geladen_schrijft_getallen_nederlands(snapshot_database: Path):
    teksten = _niet_geladen(snapshot_database)
    assert "Heemskerk, 2023, 7,1" in teksten, teksten
    assert "Heemskerk, 2023, 1.240" in teksten, teksten
    assert "Heerlen, 42.600" in teksten, teksten
    assert not any("7.1" in r or "42600" in r or "1240" in r for r in teksten), teksten


def test_geschiedenis_wijziging_schrijft_getallen_nederlands():
    from monitor import store
    from monitor.beleid import nulmeting, opslag

    ind, regio = "bijstand_per_1000", "GM0917"
    voorstel = nulmeting.nulmeting_voorstel(store.reeks(store.db_versie(), (ind,), (regio,)), regio)
    kw = {"eenheid": "per 1.000 inwoners", "richting": "lager_is_beter", "wie": "Fatima de Vries",
          "nulmeting_voorstel": voorstel}
    opslag.sla_streefwaarden_op(ind, regio, {2027: 7.1}, reden="eerste", **kw)
    opslag.sla_streefwaarden_op(ind, regio, {2027: 6.5}, reden="scherper", **kw)
    g = opslag.geschiedenis("streefwaarde")
    rij = g[g["reden"] == "scherper"].iloc[0]
    assert opslag.samenvatting(rij["oud"], rij["nieuw"]) == "waarde: 7,1 → 6,5"
    assert '"waarde": 6.5' in rij["nieuw"]  # bewaard blijft het JSON zoals het was
    # de nulmeting (echt cijfer, jaar zonder duizendtalpunt) in dezelfde notatie
    assert opslag.samenvatting('{"jaar": 2024, "waarde": 42600.0}',
                               '{"jaar": 2025, "waarde": 43500.25}') == (
        "jaar: 2024 → 2025; waarde: 42.600 → 43.500,25")


# ----------------------------------------------------------------------------- één gemeente

SCHULDEN = "problematische_schulden_hh_pct"  # 2020: in de snapshot alleen Heerlen


def test_ranglijst_met_een_gemeente_is_enkelvoud():
    from monitor import store
    from monitor.verkennen import ranglijst

    telling = store.gemeenten_telling(store.db_versie(), SCHULDEN, 2020)
    assert telling["met_cijfer"] == 1
    totaal = ranglijst.aantal_gemeenten(max(telling["gemeenten"], 1))
    zin = ranglijst.plaats_zin("Heerlen", None, telling, 2020)
    assert zin == (f"Geen ranglijst voor 2020: maar 1 van de {totaal} heeft een cijfer, dus een "
                   "plaats zou misleiden.")
    assert ranglijst.telling_tekst(telling, 2020).startswith(
        f"1 van de {totaal} heeft een cijfer voor 2020.")
    # meervoud blijft meervoud; "Bij 1 gemeente meldt CBS"
    assert ranglijst.telling_tekst({"met_cijfer": 10, "zonder_cijfer": 1, "gemeenten": 342},
                                   2023).startswith(
        "10 van de 342 gemeenten hebben een cijfer voor 2023. Bij 1 gemeente meldt CBS geen cijfer")
    # geen enkele gemeente (bijstand 2022 in de snapshot)
    nul = store.gemeenten_telling(store.db_versie(), "bijstand_per_1000", 2022)
    assert ranglijst.telling_tekst(nul, 2022).startswith(
        "Geen van de 345 gemeenten heeft een cijfer voor 2022.")
    assert ranglijst.plaats_zin("Heerlen", None, nul, 2022) == (
        "Geen ranglijst voor 2022: geen van de 345 gemeenten heeft een cijfer.")


def test_kaarttekst_met_een_gemeente_noemt_die_een_keer(snapshot_database: Path):
    from monitor import fmt
    from monitor.verkennen import kaart
    from tests.kaart_hulp import cijfers

    frame = cijfers(snapshot_database, SCHULDEN, 2020)
    enige = frame.dropna(subset=["waarde"])
    assert list(enige["regio_naam"]) == ["Heerlen"]
    waarde = fmt.waarde(enige["waarde"].iloc[0], "%")
    kw = {"indicator_titel": "Problematische schulden", "eenheid": "%", "jaar": 2020}
    tekst = kaart.kaart_tekst(frame, "GM0917", "lager_is_beter", **kw)
    assert tekst.endswith(f": alleen Heerlen heeft een cijfer: {waarde}.")
    assert tekst.count("Heerlen") == 1 and "gemeenten hebben" not in tekst
    zonder = kaart.kaart_tekst(frame, "GM0396", "lager_is_beter", **kw)
    assert zonder.endswith(f": Heemskerk heeft geen cijfer; alleen Heerlen heeft een cijfer: {waarde}.")


def test_kaarttekst_zonder_plaats_zegt_aantal_met_fmt(snapshot_database: Path):
    from monitor.verkennen import kaart
    from tests.kaart_hulp import cijfers

    frame = cijfers(snapshot_database, "bijstand_per_1000", 2023)  # 10 gemeenten
    tekst = kaart.kaart_tekst(frame, "GM0917", "lager_is_beter", indicator_titel="Bijstand",
                              eenheid="per 1.000 inwoners", jaar=2023)
    assert "(geen plaats: maar 10 gemeenten hebben een cijfer)" in tekst


def test_vergelijken_zonder_ranglijst_legt_plaats_1_niet_uit():
    from tests.pages_hulp import geen_fouten, open_pagina, teksten

    at = open_pagina("paginas/vergelijken.py", indicator="bijstand_per_1000", jaar="2023")
    geen_fouten(at)
    tekst = teksten(at)
    assert "Geen ranglijst voor 2023" in tekst
    assert "Plaats 1 is" not in tekst
    assert "10 van de 342 gemeenten hebben een cijfer voor 2023." in tekst


# ----------------------------------------------------------------------------- bronnen en definities


def test_bronregel_met_een_cijfer_is_enkelvoud():
    from monitor import store
    from monitor.verkennen import definities

    regels = definities.bron_regels(store.indicator_bronnen(store.db_versie()))
    begroting = regels["aandeel_begroting_inkomenszekerheid_pct"]  # één citaat uit 2025
    assert any(r.endswith("Jaren: 2025; 1 cijfer.") for r in begroting), begroting
    assert not any("; 1 cijfers" in r for rs in regels.values() for r in rs)
    assert any(r.endswith("; 355 cijfers.") for r in regels["hh_laag_inkomen_pct"])


def test_indicatorblok_noemt_titel_van_landelijk_vergelijkingscijfer():
    from monitor import store
    from monitor.letterlijk import letterlijk
    from monitor.verkennen import definities

    indicatoren = store.indicatoren(store.db_versie())
    titels = indicatoren.set_index("key")["titel"]
    gevonden = definities.zoek(indicatoren, "")
    meta = gevonden[gevonden["key"] == "hh_laag_inkomen_pct"].iloc[0].to_dict()
    blok = definities.indicator_blok(meta, [])
    regel = next(r for r in blok.splitlines() if "ander CBS-product" in r)
    assert regel == ("- Landelijk vergeleken met een ander CBS-product: "
                     f"{letterlijk(titels['hh_laag_inkomen_1jr_pct'])}; een andere meting, "
                     "alleen ter oriëntatie")
    assert "hh_laag_inkomen_1jr_pct" not in blok
    # ook als de zoektekst het vergelijkingscijfer zelf niet vindt
    smal = definities.zoek(indicatoren, "hh_laag_inkomen_pct")
    assert list(smal["key"]) == ["hh_laag_inkomen_pct"]
    assert titels["hh_laag_inkomen_1jr_pct"].split(",")[0] in definities.indicator_blok(
        smal.iloc[0].to_dict(), [])


def test_laatste_bijwerking_eindigt_met_een_punt():
    from monitor import store
    from monitor.verkennen import definities

    tekst = definities.laatste_run_tekst(store.etl_runs(store.db_versie()))
    assert "Status: gelukt. " in tekst
    assert tekst.endswith(" bronnen\\."), tekst  # letterlijk: de punt is geëscapet


def test_geschrapte_rij_noemt_wat_er_stond() -> None:
    from monitor.beleid import opslag

    assert opslag.samenvatting('{"indicator_key": "x", "regio_code": "GM0917", "jaar": 2027, '
                               '"waarde": 40.0}', None) == "geschrapt: jaar: 2027; waarde: 40"
    assert opslag.samenvatting(None, '{"indicator_key": "x", "regio_code": "GM0917"}') == "nieuw"


def test_nieuwe_contextregel_begint_met_de_naam_niet_met_sleutel_of_bron() -> None:
    from monitor.beleid import opslag

    tekst = opslag.samenvatting(None, '{"bron": "https://voorbeeld.nl", "id": 9, '
                                      '"naam": "Landelijke ambitie", "omschrijving": "x"}')
    assert tekst == "nieuw: naam: Landelijke ambitie; omschrijving: x; bron: https://voorbeeld.nl"


def test_niet_geladen_tabel_toont_titel_in_plaats_van_sleutel():
    """Bewust niet geladen: de lezer ziet de titel uit de catalogus, niet de interne sleutel."""
    import pandas as pd

    from monitor.verkennen import definities

    indicatoren = pd.DataFrame({"key": ["besteedbaar_inkomen_hh", "inwoners"],
                                "titel": ["Gemiddeld besteedbaar inkomen", "Inwoners"]})
    # Zoals de ETL het schrijft (etl.ruw.NietGeladen): de reden is een zin; sleutel, inhoud,
    # bestand en kolom staan in eigen kolommen.
    niet = pd.DataFrame({
        "bron_id": ["b", "b", "b", "b"], "bron_titel": ["Beleidsplannen"] * 4,
        "regel": ["4", "kolom", "29", "7"],
        "reden": ["Het jaar ontbreekt in de bron.", "De editie 2012 heeft geen kolom voor dit cijfer.",
                  "De monitor heeft geen indicator met deze naam.", "jaar: onleesbaar"],
        "indicator_key": ["besteedbaar_inkomen_hh", "inwoners", "problematische_schulden_pct_doel", None],
        "inhoud": ["Heerlen, 42.600", None, "Nederland, 2021, 8,8", None],
        "bestand": ["plan.csv", "pdok_2012.csv", "plan.csv", "plan.csv"],
        "kolom": [None, "aantal_inwoners", None, None],
    })
    tabel = definities.niet_geladen_tabel(niet, indicatoren)
    assert tabel.to_dict("records") == [
        {"Bron": "Beleidsplannen", "Regel": "4",
         "Indicator": "Gemiddeld besteedbaar inkomen (Heerlen, 42.600)",
         "Reden": "Het jaar ontbreekt in de bron."},
        {"Bron": "Beleidsplannen", "Regel": "hele kolom", "Indicator": "Inwoners",
         "Reden": "De editie 2012 heeft geen kolom voor dit cijfer."},
        # Niet in de catalogus: geen titel, dus de sleutel is de enige naam.
        {"Bron": "Beleidsplannen", "Regel": "29",
         "Indicator": "problematische_schulden_pct_doel (Nederland, 2021, 8,8)",
         "Reden": "De monitor heeft geen indicator met deze naam."},
        # Geen indicator: de kolom blijft leeg, de reden heel (met een hoofdletter).
        {"Bron": "Beleidsplannen", "Regel": "7", "Indicator": "", "Reden": "Jaar: onleesbaar"},
    ]
    # Bestand en kolom zijn voor beheer en controle (in de database), niet voor deze tabel.
    cellen = " ".join(tabel.astype(str).to_numpy().ravel())
    assert ".csv" not in cellen and "aantal_inwoners" not in cellen


def test_zonder_bijwerking_geen_intern_woord():
    import pandas as pd

    from monitor.verkennen import definities

    tekst = definities.laatste_run_tekst(pd.DataFrame(columns=["gestart", "klaar", "modus"]))
    assert tekst == "Er is nog geen bijwerking vastgelegd."


def test_laatste_bijwerking_laat_tabelcodes_en_jaren_staan():
    """Regressie: de pagina zette elk getal van vier of meer cijfers om, ook in een tabelcode
    ("85984NED" werd "85.984NED") en een jaar ("2024" werd "2.024"). De ETL schrijft getallen
    zelf Nederlands; de pagina laat de melding staan."""
    import pandas as pd

    from monitor.verkennen import definities

    runs = pd.DataFrame([{"gestart": pd.Timestamp("2026-12-01 05:00"),
                          "klaar": pd.Timestamp("2026-12-01 05:01"), "modus": "snapshot",
                          "status": "gelukt",
                          "melding": "34.893 waarnemingen; 85984NED deels uit 2024"}])
    tekst = definities.laatste_run_tekst(runs)
    assert "85984NED" in tekst and "2024" in tekst and "34\\.893" in tekst, tekst
    assert "85.984" not in tekst and "2.024" not in tekst
