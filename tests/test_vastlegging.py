"""Vastleggen voor de jaarrekening: onveranderlijk, byte-gelijk na een ETL-herbouw, met revisies.

Het scenario van de accountant: de jaarrekening gebruikt 7,1% (geciteerd) voor Heemskerk. Later
maakt CBS het definitief: 7,3%. De vastgelegde export moet dan nog steeds exact hetzelfde
bestand geven, en het revisierapport moet de wijziging noemen.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from pathlib import Path

import duckdb
import openpyxl
import pytest
import streamlit as st

from etl.config import beleid_pad
from etl.load import bouw_database
from monitor import store
from monitor.export import __main__ as export_cli
from monitor.export import model, vastlegging, werkboek
from monitor.export.model import Selectie

NAAM = "Jan Jansen"
SCHULDEN = Selectie(indicatoren=("problematische_schulden_hh_pct", "inwoners"),
                    regios=("GM0396", "GM0917", "NL01"), jaren=(2023, 2024))


def _cijfers(inhoud: bytes) -> list[tuple]:
    ws = openpyxl.load_workbook(io.BytesIO(inhoud))["Cijfers"]
    return [tuple(c.value for c in rij) for rij in ws.iter_rows()]


def _schuld_heemskerk(inhoud: bytes) -> tuple:
    ws = openpyxl.load_workbook(io.BytesIO(inhoud))["Cijfers"]
    kop = [c.value for c in ws[1]]
    for rij in ws.iter_rows(min_row=2, values_only=True):
        r = dict(zip(kop, rij, strict=True))
        if (r["Sleutel"], r["Regiocode"], r["Jaar"]) == ("problematische_schulden_hh_pct",
                                                          "GM0396", 2023):
            return r["Waarde"], r["Status"], r["Periode"]
    raise AssertionError("rij Heemskerk 2023 ontbreekt")


def _herbouw_met_herziening(data_kopie: Path, database: Path) -> None:
    """CBS maakt het geciteerde 7,1% definitief als 7,3%; daarna een normale ETL-herbouw."""
    csv = data_kopie / "lokaal" / "schulden_dashboard.csv"
    oud = "GM0396,Heemskerk,2023,,7.1,1240,geciteerd,"
    tekst = csv.read_text(encoding="utf-8")
    assert oud in tekst
    csv.write_text(tekst.replace(oud, "GM0396,Heemskerk,2023,,7.3,1240,definitief,"),
                   encoding="utf-8")
    bouw_database(database, data_dir=data_kopie)
    st.cache_data.clear()


def test_vastgelegde_set_blijft_byte_gelijk_na_etl_herbouw(vers_database: Path,
                                                           data_kopie: Path) -> None:
    info = vastlegging.leg_vast("Jaarrekening 2025", model.verzamel(SCHULDEN),
                                "Cijfers voor de jaarrekening 2025, programma Sociaal domein", wie=NAAM)
    voor = werkboek.werkboek(vastlegging.laad("Jaarrekening 2025"))
    assert hashlib.sha256(voor).hexdigest() == info["sha256"]
    assert _schuld_heemskerk(voor) == (7.1, "geciteerd", "2023")

    _herbouw_met_herziening(data_kopie, vers_database)

    live = werkboek.werkboek(model.verzamel(SCHULDEN))
    assert _schuld_heemskerk(live) == (7.3, "definitief", "2023")  # de database is echt veranderd
    na = werkboek.werkboek(vastlegging.laad("Jaarrekening 2025"))
    assert na == voor  # byte voor byte
    assert vastlegging.controleer("Jaarrekening 2025")
    # Ook via de opdrachtregel komt exact hetzelfde bestand.
    uit = vers_database.parent / "vast.xlsx"
    assert export_cli.main(["--vastlegging", "Jaarrekening 2025", "--uit", str(uit)]) == 0
    assert uit.read_bytes() == voor


def test_revisierapport_noemt_de_herziening(vers_database: Path, data_kopie: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    vastlegging.leg_vast("Jaarrekening 2025", model.verzamel(SCHULDEN), wie=NAAM)
    assert vastlegging.revisierapport("Jaarrekening 2025").empty  # nog niets veranderd

    _herbouw_met_herziening(data_kopie, vers_database)

    rapport = vastlegging.revisierapport("Jaarrekening 2025")
    assert len(rapport) == 1
    r = rapport.iloc[0]
    assert (r["soort"], r["regio"], r["jaar"]) == ("waarde gewijzigd", "Heemskerk", 2023)
    assert r["tekst"] == "was 7,1% geciteerd, nu 7,3% definitief"
    assert r["verschil"] == pytest.approx(0.2)
    assert export_cli.main(["--revisies", "Jaarrekening 2025"]) == 0
    assert "was 7,1% geciteerd, nu 7,3% definitief" in capsys.readouterr().out


def test_vastlegging_bevat_wat_de_export_op_dat_moment_toonde() -> None:
    data = model.verzamel(Selectie())
    vastlegging.leg_vast("Begroting 2026", data, wie=NAAM)
    assert _cijfers(werkboek.werkboek(vastlegging.laad("Begroting 2026"))) == \
        _cijfers(werkboek.werkboek(data))
    voorblad = openpyxl.load_workbook(io.BytesIO(werkboek.werkboek(
        vastlegging.laad("Begroting 2026"))))["Voorblad"]
    labels = {r[0].value: r[1].value for r in voorblad.iter_rows() if r[0].value}
    assert labels["Vastlegging"] == "Begroting 2026"
    assert labels["Database: ETL-run"] == data.database["run_id"]
    assert "Gemaakt op (Nederlandse tijd)" not in labels  # geen klok: altijd dezelfde bytes


def test_bestaande_naam_wordt_geweigerd_en_niets_verandert() -> None:
    data = model.verzamel(SCHULDEN)
    vastlegging.leg_vast("Jaarrekening 2025", data, "eerste", wie=NAAM)
    voor = werkboek.werkboek(vastlegging.laad("Jaarrekening 2025"))
    with pytest.raises(vastlegging.VastleggingBestaat, match="al een vastlegging"):
        vastlegging.leg_vast("Jaarrekening 2025", model.verzamel(Selectie()), "tweede", wie=NAAM)
    with pytest.raises(vastlegging.VastleggingBestaat):
        vastlegging.leg_vast("  Jaarrekening 2025 ", data, wie=NAAM)  # spaties maken geen nieuwe naam
    lijst = vastlegging.vastleggingen()
    assert list(lijst["naam"]) == ["Jaarrekening 2025"]
    assert lijst["omschrijving"].iloc[0] == "eerste"
    assert werkboek.werkboek(vastlegging.laad("Jaarrekening 2025")) == voor
    with duckdb.connect(str(beleid_pad())) as con:  # de afgewezen poging liet niets achter
        n = con.execute("SELECT count(*) FROM vastlegging_cijfer").fetchone()[0]
    assert n == len(data.cijfers)


@pytest.mark.parametrize("naam", ["", "   ", "=HYPERLINK(\"x\")", "-min", "a" * 81])
def test_ongeldige_naam_geeft_nederlandse_uitleg(naam: str) -> None:
    with pytest.raises(vastlegging.VastleggingFout, match="Kies een naam"):
        vastlegging.leg_vast(naam, model.verzamel(SCHULDEN), wie=NAAM)


def test_onbekende_vastlegging() -> None:
    with pytest.raises(vastlegging.VastleggingOnbekend, match="geen vastlegging"):
        vastlegging.laad("bestaat niet")
    assert export_cli.main(["--vastlegging", "bestaat niet", "--uit", "/dev/null/x.xlsx"]) == 2


def test_revisierapport_kent_nieuw_en_verdwenen() -> None:
    """Een set vastgelegd toen Heerlen 2024 nog geen bijstandscijfer had en er een (later
    ingetrokken) cijfer voor 2023 in stond."""
    data = model.verzamel(Selectie(indicatoren=("bijstand_personen",), regios=("GM0917",),
                                    jaren=(2023, 2024)))
    c = data.cijfers
    rij_2024 = (c["indicator_key"] == "bijstand_personen") & (c["jaar"] == 2024)
    assert c.loc[rij_2024, "waarde"].iloc[0] == 3830
    data.cijfers = c[~rij_2024].copy()
    data.cijfers.loc[(data.cijfers["indicator_key"] == "bijstand_personen")
                     & (data.cijfers["jaar"] == 2023), "jaar"] = 2019  # bestaat nu niet
    vastlegging.leg_vast("Test", data, nu=dt.datetime(2025, 6, 1, 12, 0), wie=NAAM)
    rapport = vastlegging.revisierapport("Test")
    soorten = {(r.soort, r.jaar): r.tekst for r in rapport.itertuples()
               if r.indicator_key == "bijstand_personen"}
    assert soorten[("nieuw", 2024)] == "was geen cijfer, nu 3.830 voorlopig"  # KWB 2024: voorlopig
    assert soorten[("nieuw", 2023)].startswith("was geen cijfer, nu 3.880")
    assert soorten[("verdwenen", 2019)].endswith("nu geen cijfer")


def test_eigen_tabellen_naast_het_streefwaardenregister() -> None:
    """beleid.py gebruikt hetzelfde bestand: vastleggen raakt andere tabellen niet aan."""
    pad = beleid_pad()
    with duckdb.connect(str(pad)) as con:
        con.execute("CREATE TABLE streefwaarde_test (indicator_key VARCHAR, waarde DOUBLE)")
        con.execute("INSERT INTO streefwaarde_test VALUES ('hh_laag_inkomen_pct', 8.0)")
    vastlegging.leg_vast("Naast beleid", model.verzamel(SCHULDEN), wie=NAAM)
    with duckdb.connect(str(pad)) as con:
        assert con.execute("SELECT * FROM streefwaarde_test").fetchall() == [
            ("hh_laag_inkomen_pct", 8.0)]
    assert store.db_versie()  # de statistiekdatabase is niet aangeraakt


def test_kijken_schrijft_niets() -> None:
    """De lijst opvragen maakt geen bestand en geen tabellen aan (de pagina doet dat bij elke run)."""
    pad = beleid_pad()
    assert vastlegging.vastleggingen().empty
    assert not pad.exists()
    with duckdb.connect(str(pad)) as con:
        con.execute("CREATE TABLE streefwaarde_test (x INTEGER)")
    assert vastlegging.vastleggingen().empty
    with duckdb.connect(str(pad)) as con:
        tabellen = {r[0] for r in con.execute("SHOW TABLES").fetchall()}
    assert tabellen == {"streefwaarde_test"}


def test_vastleggen_zonder_naam_van_bewerker_kan_niet() -> None:
    """Issue 11: vastleggen schreef rijen zonder auteur; nu is wie verplicht en staat erbij."""
    with pytest.raises(vastlegging.VastleggingFout, match="bewerkmodus"):
        vastlegging.leg_vast("Jaarrekening 2025", model.verzamel(SCHULDEN), wie="  ")
    assert vastlegging.vastleggingen().empty
    vastlegging.leg_vast("Jaarrekening 2025", model.verzamel(SCHULDEN), wie=NAAM)
    lijst = vastlegging.vastleggingen()
    assert lijst["aangemaakt_door"].tolist() == [NAAM]
    assert vastlegging.weergave(lijst)["Door"].tolist() == [NAAM]
