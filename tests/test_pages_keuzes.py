"""AppTests voor de gedeelde zijbalk: regio's en dataversie in de link, lege of missende database."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import duckdb
import pytest

from etl.load import afgeleide_tabellen
from tests.pages_hulp import geen_fouten, open_pagina, teksten

PAGINAS = ["paginas/overzicht.py", "paginas/vergelijken.py", "paginas/trends.py", "paginas/bronnen.py"]


def _run_id(pad: Path) -> str:
    with duckdb.connect(str(pad), read_only=True) as con:
        return con.execute("SELECT run_id FROM etl_run ORDER BY klaar DESC LIMIT 1").fetchone()[0]


def test_standaardregio_s_en_dataversie_staan_in_de_link(snapshot_database):
    at = open_pagina()
    geen_fouten(at)
    assert at.multiselect(key="regio_keuze").value == ["GM0917", "NL01", "GM0362", "GM0396", "GM0935"]
    assert at.query_params["regio"] == ["GM0917", "NL01", "GM0362", "GM0396", "GM0935"]
    assert at.query_params["data"] == _run_id(snapshot_database)
    assert not at.info  # link en database horen bij elkaar


def test_regio_s_uit_de_link_ook_op_naam():
    at = open_pagina(regio=["maastricht", "NL01", "GM0917"])
    geen_fouten(at)
    assert at.multiselect(key="regio_keuze").value == ["GM0935", "NL01", "GM0917"]
    assert not at.warning


def test_gewijzigde_keuze_komt_in_de_link():
    at = open_pagina()
    at.multiselect(key="regio_keuze").set_value(["GM0917", "GM0363"]).run()
    assert at.query_params["regio"] == ["GM0917", "GM0363"]


@pytest.mark.parametrize("pagina", PAGINAS)
def test_onbekende_regio_geeft_nederlandse_melding_op_elke_pagina(pagina):
    at = open_pagina(pagina, regio=["Atlantis"])
    geen_fouten(at)
    assert any("'Atlantis'" in w.value for w in at.warning)
    # Alleen onbekende regio's: dan de standaardkeuze.
    assert at.multiselect(key="regio_keuze").value[0] == "GM0917"


def test_link_met_oude_dataversie_meldt_dat_de_cijfers_veranderd_zijn(snapshot_database):
    at = open_pagina(data="0123456789ab")
    geen_fouten(at)
    assert "andere versie van de cijfers (0123456789ab)" in at.info[0].value
    assert at.query_params["data"] == _run_id(snapshot_database)


def test_na_een_etl_wissel_toont_de_app_nieuwe_cijfers_zonder_herstart(vers_database: Path):
    at = open_pagina()
    assert "87.522" in teksten(at)
    # Een nieuwe build wordt atomair over het oude bestand gezet (zoals etl/load.py doet).
    nieuw = vers_database.with_name("nieuw.duckdb")
    shutil.copy(vers_database, nieuw)
    with duckdb.connect(str(nieuw)) as con:
        con.execute("UPDATE waarneming SET waarde = 90000 WHERE regio_code = 'GM0917' "
                    "AND indicator_key = 'inwoners' AND jaar = 2025")
        con.execute("INSERT INTO etl_run SELECT 'nieuwe12run', now(), now(), 'snapshot', 'gelukt', 'test'")
        afgeleide_tabellen(con)  # zoals een build: de leestabellen volgen uit waarneming
    os.replace(nieuw, vers_database)
    at.run()
    geen_fouten(at)
    tekst = teksten(at)
    assert "90.000" in tekst and "87.522" not in tekst
    assert "bijgewerkt" in at.info[0].value
    assert at.query_params["data"] == "nieuwe12run"


@pytest.mark.parametrize("pagina", PAGINAS)
def test_zonder_database_een_nederlandse_melding(pagina, tmp_path, monkeypatch):
    monkeypatch.setenv("ARMOEDEMONITOR_DB", str(tmp_path / "bestaat-niet.duckdb"))
    at = open_pagina(pagina)
    assert not at.exception
    assert "Er is nog geen database met cijfers" in at.error[0].value


def test_lege_database_zonder_tabellen_geeft_nederlandse_melding(tmp_path, monkeypatch):
    pad = tmp_path / "leeg.duckdb"
    duckdb.connect(str(pad)).close()
    monkeypatch.setenv("ARMOEDEMONITOR_DB", str(pad))
    at = open_pagina()
    assert not at.exception
    assert "niet leesbaar" in at.error[0].value


def test_beschadigd_databasebestand_geeft_nederlandse_melding_zonder_pad(tmp_path, monkeypatch):
    """Regressie: de melding bevatte DuckDB's Engelse fouttekst met het pad op deze machine."""
    pad = tmp_path / "beschadigd.duckdb"
    pad.write_bytes(b"geen duckdb-bestand " * 400)
    monkeypatch.setenv("ARMOEDEMONITOR_DB", str(pad))
    at = open_pagina()
    assert not at.exception
    melding = at.error[0].value
    assert "niet leesbaar" in melding and "python -m etl build" in melding
    assert str(tmp_path) not in melding and "IO Error" not in melding


@pytest.mark.parametrize("pagina", PAGINAS)
def test_database_zonder_cijfers_geeft_geen_traceback(pagina, vers_database: Path):
    with duckdb.connect(str(vers_database)) as con:
        con.execute("DELETE FROM waarneming")
        afgeleide_tabellen(con)
    at = open_pagina(pagina)
    geen_fouten(at)
    tekst = teksten(at)
    if pagina.endswith(("vergelijken.py", "trends.py")):
        assert "Er zijn nog geen cijfers in de database" in tekst
    if pagina.endswith("overzicht.py"):
        assert "geen cijfer" in tekst and "De bronnen in deze database hebben dit cijfer niet" in tekst


def test_database_zonder_regio_s_geeft_nederlandse_melding(vers_database: Path):
    with duckdb.connect(str(vers_database)) as con:
        con.execute("DELETE FROM regio")
        afgeleide_tabellen(con)
    at = open_pagina()
    assert not at.exception
    assert "nog geen regio's" in at.error[0].value


def test_wijken_staan_niet_in_de_regiokiezer_maar_de_export_kent_ze(vers_database: Path):
    # CBS heeft ~3.000 wijken. Laadt de ETL ze, dan horen ze niet in de kiezer van Nederland en
    # gemeenten (de volgorde van de ETL zette een wijk zelfs vóór Nederland), wel in de export.
    with duckdb.connect(str(vers_database)) as con:
        con.execute("INSERT INTO regio VALUES ('WK091701', 'Aa-wijk Heerlen', 'wijk', 'GM0917')")
        con.execute("""INSERT INTO waarneming SELECT * REPLACE ('WK091701' AS regio_code)
                       FROM waarneming WHERE regio_code = 'GM0917' AND indicator_key = 'inwoners'""")
        afgeleide_tabellen(con)
    at = open_pagina(regio=["WK091701", "GM0917"])
    geen_fouten(at)
    kiezer = at.multiselect(key="regio_keuze")
    assert kiezer.options[0] == "Nederland"
    assert "Aa-wijk Heerlen" not in kiezer.options
    assert kiezer.value == ["GM0917"]
    assert any("'WK091701'" in w.value for w in at.warning)

    from monitor.export import model

    data = model.verzamel(model.Selectie(indicatoren=("inwoners",), regios=("WK091701",)))
    assert data.regio_namen == {"WK091701": "Aa-wijk Heerlen"}
    assert set(data.cijfers["regio_code"]) == {"WK091701"}
