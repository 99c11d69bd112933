"""AppTests voor de pagina Bronnen en definities."""

from __future__ import annotations

import json

import duckdb

from tests.pages_hulp import geen_fouten, open_pagina, tabellen, teksten, zichtbaar

PAGINA = "paginas/bronnen.py"


def test_elke_indicator_met_definitie_eenheid_richting_en_bron(snapshot_database):
    at = open_pagina(PAGINA)
    geen_fouten(at)
    tekst = teksten(at)
    with duckdb.connect(str(snapshot_database), read_only=True) as con:
        keys = [r[0] for r in con.execute("SELECT key FROM indicator").fetchall()]
        definitie = con.execute("SELECT definitie FROM indicator WHERE key = 'bijstand_per_1000'").fetchone()[0]
    for key in keys:
        assert f"Sleutel: `{key}`" in tekst, key
    assert definitie in tekst
    blok = next(m.value for m in at.markdown if "Sleutel: `bijstand_per_1000`" in m.value)
    assert "- Eenheid: per 1.000 inwoners" in blok
    assert "- Richting: lager is beter" in blok
    assert "- Peildatum: 31 december" in blok
    assert "85984NED: Kerncijfers wijken en buurten 2024. Versie: herziene versie 2025" in blok
    assert "85318NED" in blok and "zonder cijfer" in blok  # de lege editie 2022 telt als gat


def test_laatste_etl_run_modus_en_licentie(snapshot_database):
    at = open_pagina(PAGINA)
    with duckdb.connect(str(snapshot_database), read_only=True) as con:
        run_id, aantal = con.execute(
            "SELECT run_id, (SELECT count(*) FROM waarneming) FROM etl_run ORDER BY klaar DESC LIMIT 1"
        ).fetchone()
    info = zichtbaar(at.info[0].value)  # de ETL-melding staat er letterlijk (geëscapet)
    assert info.startswith("Laatste bijwerking: ") and "Modus: snapshot" in info
    assert f"{aantal:,}".replace(",", ".") + " waarnemingen" in info
    assert "CC BY 4.0" in teksten(at)
    runs = next(d.value for d in at.dataframe if "run_id" in d.value.columns)
    assert run_id in list(runs["run_id"])


def test_zoeken_filtert_de_indicatoren():
    at = open_pagina(PAGINA)
    at.text_input[0].input("AO-uitkering").run()
    geen_fouten(at)
    sleutels = [m.value for m in at.markdown if "Sleutel: `" in m.value]
    assert len(sleutels) == 2
    assert all("ao_" in s for s in sleutels)
    at.text_input[0].input("xyz bestaat niet").run()
    assert "Geen indicator gevonden" in at.warning[0].value


def test_dekking_regios_indicatoren_jaren_en_opnamedatum(snapshot_database):
    """The page lists what is loaded (indicator × years × municipalities) and when it was fetched."""
    at = open_pagina(PAGINA)
    geen_fouten(at)
    # Een HTML-tabel (de jaartallen lopen door op een tweede regel in plaats van afgekapt).
    assert not [d for d in at.dataframe if "Jaren met een cijfer" in d.value.columns]
    dekking = next(t for t in tabellen(at) if "Jaren met een cijfer" in t.columns)
    rij = dekking.set_index("Indicator").loc["Inwoners"]
    with duckdb.connect(str(snapshot_database), read_only=True) as con:
        gemeenten = con.execute("SELECT count(DISTINCT regio_code) FROM cijfer WHERE "
                                "indicator_key = 'inwoners' AND regio_code LIKE 'GM%' "
                                "AND waarde IS NOT NULL").fetchone()[0]
    assert rij["Jaren met een cijfer"] == "2004-2025"
    assert int(str(rij["Gemeenten (ooit)"]).replace(".", "")) == gemeenten
    assert rij["Jaren Nederland"] == "2004-2025"  # gepubliceerd of berekend als som van de gemeenten
    assert dekking.set_index("Indicator").loc["Huishoudens met een laag inkomen", "Jaren Nederland"] == "geen"
    assert "Opgehaald op: 20 april 2026" in teksten(at)  # 85984NED, recorded 2026-04-20


def test_zoektekst_zonder_resultaat_staat_er_letterlijk(snapshot_database):
    """Regressie: de melding herhaalde de zoektekst als Markdown (een link werd een link)."""
    at = open_pagina("paginas/bronnen.py")
    at.text_input[0].input("[klik](http://voorbeeld.nl) **x**").run()
    geen_fouten(at)
    melding = at.warning[0].value
    assert "Geen indicator gevonden voor" in melding
    assert r"\[klik\]" in melding and "](http" not in melding and r"\*\*x\*\*" in melding


def test_bewust_niet_geladen_noemt_de_indicator_bij_zijn_titel():
    """Regressie: de reden begon met een interne sleutel (``problematische_schulden_hh_pct``)."""
    at = open_pagina(PAGINA)
    geen_fouten(at)
    niet = next(t for t in tabellen(at) if "Reden" in t.columns)
    assert list(niet.columns) == ["Bron", "Regel", "Indicator", "Reden"]
    assert "Huishoudens met geregistreerde problematische schulden (Heemskerk, 2023, 7,1)" in set(
        niet["Indicator"])
    assert "Gemiddeld besteedbaar inkomen van huishoudens (Heerlen, 42.600)" in set(niet["Indicator"])
    # Geen sleutel van een bekende indicator meer in een cel; een regel die een hele kolom mist
    # heet zo (niet "kolom").
    sleutels = ("problematische_schulden_hh_pct", "problematische_schulden_hh ",
                "besteedbaar_inkomen_hh", "gestandaardiseerd_inkomen_hh",
                "hh_rond_sociaal_minimum_pct")
    cellen = " | ".join(niet.astype(str).to_numpy().ravel())
    assert not [s for s in sleutels if s in cellen]
    assert "kolom" not in set(niet["Regel"]) and "hele kolom" in set(niet["Regel"])
    assert all(r[:1].isupper() for r in niet["Reden"])
    # De reden is een zin voor de lezer: geen bestandsnaam of kolomlabel erin (die staan voor
    # beheer in de database). Was: "... de kolom 'gem_gestand_inkomen' staat niet in
    # gemeenten_kwb_pdok_2012.csv; niet geladen".
    assert not [r for r in niet["Reden"] if ".csv" in r or "gem_gestand_inkomen" in r]
    pdok = niet[niet["Indicator"] == "Gemiddeld gestandaardiseerd inkomen van huishoudens"]
    assert "De editie 2012 heeft geen kolom voor dit cijfer." in set(pdok["Reden"])


def test_geen_interne_namen_in_koppen_en_bijschriften():
    """ETL is een intern woord; bestandsnamen en paden staan alleen in de technische herkomst."""
    at = open_pagina(PAGINA)
    geen_fouten(at)
    koppen = [h.value for h in at.header] + [h.value for h in at.subheader]
    assert "Bijwerkingen" in koppen and not [k for k in koppen if "ETL" in k]
    assert not [c.value for c in at.caption if "ETL" in c.value]
    assert "Regels uit de bronnen die de monitor bewust niet heeft geladen" in teksten(at)
    herkomst = next(e for e in at.expander if e.label.startswith("Technische herkomst"))
    tabel = herkomst.dataframe[0].value
    assert "Melding" in tabel.columns and tabel["Melding"].str.contains("snapshot/bestanden/").any()


#: Breedte van een raster op Bronnen bij een scherm van 1280 px (gemeten in Chromium): Bijwerkingen
#: 818 px, de rasters in de uitklap van de technische herkomst 784 px.
_RASTER_1280, _RASTER_UITKLAP_1280 = 818, 784


def test_bijwerkingen_en_herkomst_lopen_door_in_plaats_van_afgekapt(snapshot_database):
    """Issue 12: Modus, Status en Melding vielen rechts uit "Bijwerkingen"; in de herkomst per bron
    stond de bijwerking in elke rij ("…1 december 2026 om 0") en was Bron afgekapt. Nu laten beide
    rasters tekst doorlopen (rijhoogte boven 64 px), passen alle kolommen in de breedte en staat
    de bijwerking (met versie) één keer boven zijn tabel. De browsertest meet of elke cel past
    (tests/e2e/test_niets_afgekapt.py)."""
    at = open_pagina(PAGINA)
    geen_fouten(at)
    with duckdb.connect(str(snapshot_database), read_only=True) as con:
        run_id = con.execute("SELECT run_id FROM etl_run ORDER BY gestart DESC").fetchone()[0]
    runs = next(d for d in at.dataframe if "run_id" in d.value.columns)
    assert runs.proto.row_height > 64
    kolommen = json.loads(runs.proto.columns)
    breedtes = [kolommen[k]["width"] for k in runs.value.columns]
    assert all(isinstance(b, int) for b in breedtes) and sum(breedtes) <= _RASTER_1280

    herkomst = next(e for e in at.expander if e.label.startswith("Technische herkomst"))
    koppen = [m.value for m in herkomst.markdown if m.value.startswith("**Bijwerking van ")]
    assert len(koppen) == len(herkomst.dataframe) >= 1
    assert f"versie {run_id}" in zichtbaar(koppen[0]) and "Nederlandse tijd" in koppen[0]
    for raster in herkomst.dataframe:
        assert list(raster.value.columns) == ["Tabel", "Bron", "Herkomst", "Melding"]
        assert raster.proto.row_height > 64
        kolommen = json.loads(raster.proto.columns)
        breedtes = [kolommen[k]["width"] for k in raster.value.columns]
        assert all(isinstance(b, int) for b in breedtes)
        assert sum(breedtes) <= _RASTER_UITKLAP_1280
