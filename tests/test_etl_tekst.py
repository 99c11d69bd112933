"""Wat de ETL voor een lezer schrijft (redenen, meldingen, versies, toelichtingen): Nederlandse
zinnen zonder bestandsnamen, kolomlabels of interne sleutels erin; datums en getallen in
Nederlandse notatie. Bestand, kolom en sleutel staan in eigen kolommen, voor beheer en controle.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from decimal import Decimal
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from etl import notatie
from etl.catalogus import laad_catalogus
from etl.load import _herkomst_melding
from etl.schulden import lees_schulden
from etl.statline import lees_statline_map
from tests.test_etl import opname_kwb2024

ROOT = Path(__file__).resolve().parents[1]
ISO_DATUM = re.compile(r"\b\d{4}-\d{2}-\d{2}")


def sql(pad: Path, query: str) -> pd.DataFrame:
    with duckdb.connect(str(pad), read_only=True) as con:
        return con.execute(query).df()


def _bron(bron_id: str):
    return next(b for b in laad_catalogus().bron if b.id == bron_id)


# ----------------------------------------------------------------------------- niet geladen
def test_elke_reden_is_een_zin_zonder_bestand_kolom_of_sleutel(snapshot_database: Path):
    df = sql(snapshot_database, "SELECT * FROM niet_geladen")
    assert {"indicator_key", "inhoud", "bestand", "kolom"} <= set(df.columns)
    sleutels = {i.key for i in laad_catalogus().indicator} | set(df["indicator_key"].dropna())
    sleutels = {s for s in sleutels if "_" in s}  # "inwoners" is ook gewoon een woord
    for r in df.to_dict("records"):
        reden = r["reden"]
        assert reden[:1].isupper() and reden.endswith("."), reden
        assert not re.search(r"\.(csv|json|xlsx)\b", reden), reden
        assert not [s for s in sleutels if s in reden], reden
        assert not isinstance(r["kolom"], str) or r["kolom"] not in reden, reden
        assert r["indicator_key"], r  # de pagina toont de titel; de sleutel staat niet in de zin
    pdok = df[(df["bestand"] == "gemeenten_kwb_pdok_2012.csv")
              & (df["indicator_key"] == "gestandaardiseerd_inkomen_hh")]
    assert pdok[["bron_id", "regel", "reden", "kolom"]].values.tolist() == [
        ["pdok-kwb", "kolom", "De editie 2012 heeft geen kolom voor dit cijfer.", "gem_gestand_inkomen"]]


def test_beleidsdocumenten_sleutel_en_inhoud_in_eigen_kolommen(snapshot_database: Path):
    df = sql(snapshot_database, "SELECT regel, indicator_key, inhoud, reden, bestand FROM niet_geladen "
                                "WHERE bron_id = 'beleidsdocumenten' ORDER BY regel::INTEGER")
    jaar = ("Het jaar ontbreekt in de bron (jaar niet genoemd; volgens het plan 13.000 euro lager "
            "dan het Nederlandse gemiddelde).")
    dubbel = ("Hetzelfde citaat staat al in de bron CBS Schuldenproblematiek in beeld; een cijfer "
              "wordt één keer geladen.")
    bestand = "beleidsdocumenten_cijfers.csv"
    assert df.values.tolist() == [
        ["4", "besteedbaar_inkomen_hh", "Heerlen, 42.600", jaar, bestand],
        ["10", "problematische_schulden_hh_pct", "Heemskerk, 2023, 7,1", dubbel, bestand],
        ["11", "problematische_schulden_hh", "Heemskerk, 2023, 1.240", dubbel, bestand],
        ["29", "problematische_schulden_pct_doel", "Nederland, 2021, 8,8",
         "De monitor heeft geen indicator met deze naam.", bestand],
        ["30", "problematische_schulden_pct_doel", "Nederland, 2030, 3,8",
         "Dit is een streefwaarde, geen gemeten cijfer. Streefwaarden horen in de Beleidsmonitor.",
         bestand],
    ]


def test_schuldenbestand_zonder_aantallen_zet_de_sleutel_in_een_kolom(tmp_path: Path):
    """Was: "kolom 'aantal_huishoudens' ontbreekt in schulden_dashboard.csv:
    problematische_schulden_hh is niet geladen" (bestand, kolom en sleutel midden in de zin)."""
    bron = _bron("schulden-dashboard")
    echt = pd.read_csv(ROOT / "data" / bron.bestand, dtype=str, keep_default_na=False)
    pad = tmp_path / "schulden_dashboard.csv"
    echt.drop(columns="aantal_huishoudens").to_csv(pad, index=False)
    _, niet = lees_schulden(pad, bron)
    assert [(n.regel, n.indicator_key, n.reden, n.bestand, n.kolom) for n in niet] == [
        ("kop", "problematische_schulden_hh", "Het bestand van deze bron heeft geen kolom voor dit cijfer.",
         "schulden_dashboard.csv", "aantal_huishoudens")]


def test_statline_editie_zonder_kolom_en_versie_in_het_nederlands(tmp_path: Path):
    """Een opgehaalde KWB-editie (echte rijen van 85984NED) zonder de laag-inkomenkolommen."""
    tabel = opname_kwb2024()
    map_ = tmp_path / "85984NED"
    map_.mkdir()
    (map_ / "TypedDataSet.json").write_text(json.dumps(tabel.rijen[:20]), encoding="utf-8")
    (map_ / "DataProperties.json").write_text(json.dumps(tabel.data_properties), encoding="utf-8")
    (map_ / "TableInfos.json").write_text(json.dumps(tabel.table_infos), encoding="utf-8")
    reeks = next(r for r in laad_catalogus().reeks if r.id == "kwb")
    ruw = lees_statline_map(map_, reeks.bron_voor("85984NED", "Kerncijfers wijken en buurten 2024", 2024))
    assert ruw.versie == "gewijzigd op 27 maart 2025"  # was "gewijzigd 2025-03-27T02:00:00"
    laag = next(n for n in ruw.niet_geladen if n.indicator_key == "hh_laag_inkomen_pct")
    assert (laag.regel, laag.reden, laag.kolom, laag.bestand) == (
        "kolom", "Deze editie van de tabel heeft geen kolom voor dit cijfer.",
        "HuishoudensMetEenLaagInkomen", "85984NED/TypedDataSet.json")


def test_gevonden_editie_noemt_geen_interne_reeksnaam():
    """Was: "Editie gevonden in de CBS-catalogus (reeks 'kwb')." (de pagina toont deze toelichting)."""
    for reeks in laad_catalogus().reeks:
        zonder = reeks.model_copy(update={"toelichting": ""})
        tekst = zonder.bron_voor("99999NED", "Kerncijfers wijken en buurten 2030", 2030).toelichting
        assert tekst == "Editie gevonden in de tabellenlijst van CBS."


# ----------------------------------------------------------------------------- herkomst per bron
def test_herkomst_per_bron_schrijft_datums_in_het_nederlands(snapshot_database: Path):
    df = sql(snapshot_database, "SELECT bron_id, melding FROM etl_run_tabel").set_index("bron_id")["melding"]
    assert not [m for m in df if ISO_DATUM.search(m)], list(df)
    assert df["70072ned-bevolking"] == (
        "meegeleverde snapshot snapshot/bestanden/regionale-kerncijfers-70072ned-bevolking/"
        "regionale_kerncijfers_subset.csv (opgehaald op 13 september 2023)")
    assert df["85039NED"].endswith("(opgehaald op een onbekende datum)")  # was "opgehaald op onbekend"
    assert df["pdok-kwb"].endswith("gemeenten_kwb_pdok_jjjj.csv (opgehaald op 27 februari 2026)")
    assert df["berekend-nl"] == "berekend door de monitor uit de gemeentecijfers van deze bijwerking"


def test_herkomst_online_en_mislukt():
    bron = _bron("85984NED")
    online = {"modus": "online", "versie": "gewijzigd op 27 maart 2025",
              "opgehaald_op": "2026-04-20T22:30:00+00:00"}  # in Nederland al 21 april
    assert _herkomst_melding(bron, online, {}) == (
        "online", "opgehaald bij CBS op 21 april 2026 (versie: gewijzigd op 27 maart 2025)")
    snapshot = {"modus": "snapshot", "versie": bron.versie, "opgehaald_op": bron.opgehaald_op}
    fout = {"85984NED": "Tabel 85984NED: CBS gaf geen antwoord. De vorige gegevens blijven in gebruik."}
    modus, melding = _herkomst_melding(bron, snapshot, fout)
    assert modus == "snapshot" and melding.startswith(
        "ophalen bij CBS mislukt: Tabel 85984NED: CBS gaf geen antwoord. De vorige gegevens blijven "
        "in gebruik; gebruikt: meegeleverde snapshot ")  # was "in gebruik.; gebruikt"
    assert melding.endswith("(opgehaald op 20 april 2026)")


def test_run_melding_schrijft_getallen_nederlands(snapshot_database: Path):
    melding = sql(snapshot_database, "SELECT melding FROM etl_run")["melding"].iloc[0]
    aantal = sql(snapshot_database, "SELECT count(*) AS n FROM waarneming")["n"].iloc[0]
    assert melding.startswith(f"{aantal:,}".replace(",", ".") + " waarnemingen uit ")


# ----------------------------------------------------------------------------- notatie
@pytest.mark.parametrize(("x", "decimalen"), [
    (42600, 0), (7.1, 1), (1240, 0), (-3, 0), (0.05, 1), (-0.05, 1), (-0.04, 1), (2.675, 2),
    (0.25, 1), (1234567.891, 2), (13000.0, 0), (Decimal("8.8"), 1)])
def test_etl_notatie_getal_is_die_van_het_dashboard(x, decimalen):
    from monitor import fmt  # alleen de test vergelijkt met het dashboard; etl/ importeert het niet
    assert notatie.getal(x, decimalen) == fmt.getal(x, decimalen)


@pytest.mark.parametrize("d", ["2023-09-13", "2026-02-27", dt.date(2024, 1, 1),
                               dt.datetime(2025, 3, 27, 2, 0), "2025-03-27T02:00:00"])
def test_etl_notatie_datum_is_die_van_het_dashboard(d):
    from monitor import fmt
    assert notatie.datum(d) == fmt.datum(d)


def test_etl_notatie_zin():
    assert notatie.zin("hetzelfde citaat; een cijfer wordt één keer geladen") == (
        "Hetzelfde citaat; een cijfer wordt één keer geladen.")
    assert notatie.zin("Klaar?") == "Klaar?"
