"""ETL on the real snapshot: known values, provenance, schema drift, the online path over a
loopback CBS stand-in, and bad input that must leave the last good database untouched."""

from __future__ import annotations

import csv
import hashlib
import json
from pathlib import Path

import cbsodata
import duckdb
import pandas as pd
import pytest

from etl import manifest
from etl.catalogus import laad_catalogus
from etl.config import STATLINE_MAP
from etl.fouten import EtlFout
from etl.load import bouw_database
from etl.ruw import basisnaam, zoek_kolommen
from etl.statline import haal_op
from tests.cbs_nabootsing import CbsNabootsing, OpgenomenTabel

ROOT = Path(__file__).resolve().parents[1]
KWB2024_CSV = ROOT / "data/snapshot/bestanden/kwb-2024-85984NED-gemeenten-full/kwb2024_85984NED_gemeenten.csv"
KWB2024_META = ROOT / "data/snapshot/statline/85984NED"


def sql(pad: Path, query: str, params: list | None = None) -> pd.DataFrame:
    with duckdb.connect(str(pad), read_only=True) as con:
        return con.execute(query, params or []).df()


def vingerafdruk(pad: Path) -> str:
    return hashlib.sha256(pad.read_bytes()).hexdigest()


def bron(bron_id: str):
    return next(b for b in laad_catalogus().bron if b.id == bron_id)


# ----------------------------------------------------------------------------- known values
@pytest.mark.parametrize(("jaar", "verwacht"), [(2020, 87086), (2024, 87461)])
def test_heerlen_inwoners_komen_exact_uit_de_database(snapshot_database: Path, jaar: int, verwacht: int):
    df = sql(snapshot_database, "SELECT waarde, peildatum FROM cijfer WHERE regio_code='GM0917' "
             "AND indicator_key='inwoners' AND jaar=?", [jaar])
    assert df["waarde"].tolist() == [verwacht]
    assert str(df["peildatum"].iloc[0])[:10] == f"{jaar}-01-01"


def test_buurtkaart_2020_geeft_hetzelfde_inwonertal_als_70072ned(snapshot_database: Path):
    df = sql(snapshot_database, "SELECT bron_id, waarde FROM waarneming WHERE regio_code='GM0917' "
             "AND indicator_key='inwoners' AND jaar=2020 ORDER BY bron_id")
    assert set(df["bron_id"]) == {"70072ned-bevolking", "84799NED"}
    assert df["waarde"].nunique() == 1 and df["waarde"].iloc[0] == 87086


def test_alle_gemeenten_uit_de_bestanden_worden_geladen(snapshot_database: Path):
    per_jaar = sql(snapshot_database, "SELECT jaar, count(DISTINCT regio_code) AS n FROM waarneming "
                   "WHERE indicator_key='inwoners' AND regio_code LIKE 'GM%' AND waarde IS NOT NULL "
                   "GROUP BY jaar").set_index("jaar")["n"]
    assert per_jaar[2024] == 342 and per_jaar[2020] == 355 and per_jaar[2015] == 393
    # The 70072ned gemeente rows sum to the CBS total for Nederland on 1 January 2020.
    som = sql(snapshot_database, "SELECT sum(waarde) AS s FROM waarneming WHERE bron_id='70072ned-bevolking' "
              "AND jaar=2020 AND regio_code LIKE 'GM%'")["s"].iloc[0]
    assert som == 17407585


def test_afgeleide_indicator_volgt_de_formule(snapshot_database: Path):
    df = sql(snapshot_database, "SELECT indicator_key, waarde, bron_kolom FROM cijfer WHERE regio_code='GM0917' "
             "AND jaar=2024 AND indicator_key IN ('bijstand_per_1000','bijstand_1_op_n','bijstand_personen','inwoners')"
             ).set_index("indicator_key")
    assert df.loc["bijstand_personen", "waarde"] == 3830
    assert df.loc["bijstand_per_1000", "waarde"] == pytest.approx(1000 * 3830 / 87461)
    assert df.loc["bijstand_1_op_n", "waarde"] == pytest.approx(87461 / 3830)
    assert "PersonenPerSoortUitkeringBijstand_87" in df.loc["bijstand_per_1000", "bron_kolom"]
    formule = sql(snapshot_database, "SELECT afgeleid FROM indicator WHERE key='bijstand_per_1000'")
    assert formule["afgeleid"].iloc[0] == "1000 × bijstand_personen / inwoners"


def test_inkomen_in_euro_en_voorlopig(snapshot_database: Path):
    df = sql(snapshot_database, "SELECT regio_code, waarde, status FROM cijfer WHERE "
             "indicator_key='besteedbaar_inkomen_hh' AND jaar=2024 AND regio_code IN ('GM0917','NL01') "
             "ORDER BY regio_code")
    assert df["waarde"].tolist() == [45700, 60200]
    assert set(df["status"]) == {"voorlopig"}


# ----------------------------------------------------------------------------- provenance
def test_elke_waarneming_heeft_een_bron(snapshot_database: Path):
    los = sql(snapshot_database, "SELECT count(*) AS n FROM waarneming w LEFT JOIN bron b USING (bron_id) "
              "WHERE b.bron_id IS NULL")
    assert los["n"].iloc[0] == 0
    assert sql(snapshot_database, "SELECT count(*) AS n FROM waarneming WHERE bron_kolom = ''")["n"].iloc[0] == 0


def test_leeg_in_de_bron_is_leeg_in_de_database_nooit_nul(snapshot_database: Path):
    with KWB2024_CSV.open(encoding="utf-8") as f:
        leeg = [r["WijkenEnBuurten"].strip() for r in csv.DictReader(f)
                if r["GemGestandaardiseerdInkomen_83"].strip() in ("", ".")]
    assert leeg, "het snapshotbestand heeft gemeenten zonder inkomenscijfer (o.a. GM0060 Ameland)"
    df = sql(snapshot_database, "SELECT regio_code, waarde, status FROM waarneming WHERE bron_id='85984NED' "
             "AND indicator_key='gestandaardiseerd_inkomen_hh' AND list_contains(?, regio_code)", [leeg])
    assert len(df) == len(leeg)
    assert df["waarde"].isna().all() and set(df["status"]) == {"onbekend"}
    # KWB 2022 (early version): every benefit is '.', NL00 included, mapped to NL01.
    nl = sql(snapshot_database, "SELECT waarde, status FROM waarneming WHERE bron_id='85318NED' "
             "AND regio_code='NL01' AND indicator_key='bijstand_personen'")
    assert len(nl) == 1 and nl["waarde"].isna().all() and nl["status"].iloc[0] == "onbekend"


def test_codes_zijn_gestript_en_nl00_is_nl01(snapshot_database: Path):
    codes = sql(snapshot_database, "SELECT DISTINCT regio_code FROM waarneming")["regio_code"]
    assert codes.str.fullmatch(r"GM\d{4}|NL01").all()
    assert "NL00" not in set(codes)


def test_niet_geladen_regels_staan_met_reden_in_de_database(snapshot_database: Path):
    df = sql(snapshot_database, "SELECT * FROM niet_geladen")
    assert df["reden"].str.contains("jaar ontbreekt").any()
    assert df["reden"].str.contains("streefwaarde").any()


# ----------------------------------------------------------------------------- schema drift
def test_zelfde_indicator_uit_twee_edities_met_andere_achtervoegsels():
    eigenschappen = json.loads((KWB2024_META / "DataProperties.json").read_text(encoding="utf-8"))
    versie_maart = [p["Key"] for p in eigenschappen if p.get("Type") == "Topic"]
    versie_herzien = next(csv.reader(KWB2024_CSV.open(encoding="utf-8")))
    gewenst = {"bijstand_personen": "PersonenPerSoortUitkeringBijstand", "inwoners": "AantalInwoners"}
    assert zoek_kolommen(versie_maart, gewenst, "85984NED") == {
        "bijstand_personen": "PersonenPerSoortUitkeringBijstand_94", "inwoners": "AantalInwoners_5"}
    assert zoek_kolommen(versie_herzien, gewenst, "85984NED") == {
        "bijstand_personen": "PersonenPerSoortUitkeringBijstand_87", "inwoners": "AantalInwoners_5"}


# ----------------------------------------------------------------------------- online path
def _getypt(waarde: str) -> object:
    if waarde.strip() in ("", "."):
        return None
    for soort in (int, float):
        try:
            return soort(waarde)
        except ValueError:
            pass
    return waarde


def opname_kwb2024() -> OpgenomenTabel:
    """TypedDataSet rows of 85984NED in CBS's shape, built from the recorded CSV (real values)."""
    with KWB2024_CSV.open(encoding="utf-8") as f:
        lezer = csv.DictReader(f)
        topics = [k for k in lezer.fieldnames if k != "WijkenEnBuurten"]
        rijen = [{"ID": i, "WijkenEnBuurten": r["WijkenEnBuurten"].strip().ljust(10),
                  **{k: (r[k] if k in ("Gemeentenaam_1", "SoortRegio_2", "Codering_3") else _getypt(r[k]))
                     for k in topics}} for i, r in enumerate(lezer)]
    eigenschappen = [{"odata.type": "Cbs.OData.GeoDetail", "ID": 0, "Type": "GeoDetail",
                      "Key": "WijkenEnBuurten", "Title": "Wijken en buurten", "MapYear": 2024}]
    # Topic descriptions as CBS sends them (from the shipped DataProperties, matched on the base
    # name): they say which topics are preliminary ("Het betreft voorlopige cijfers").
    beschrijving = {basisnaam(p["Key"]): p.get("Description") or "" for p in json.loads(
        (KWB2024_META / "DataProperties.json").read_text(encoding="utf-8")) if p.get("Key")}
    eigenschappen += [{"odata.type": "Cbs.OData.Topic", "ID": n + 1, "Type": "Topic", "Key": k,
                       "Title": k, "Description": beschrijving.get(basisnaam(k), "")}
                      for n, k in enumerate(topics)]
    info = json.loads((KWB2024_META / "TableInfos.json").read_text(encoding="utf-8"))
    dim = [{"Key": r["WijkenEnBuurten"], "Title": r["Gemeentenaam_1"].strip(), "Description": None}
           for r in rijen]
    return OpgenomenTabel("85984NED", info, eigenschappen, {"WijkenEnBuurten": dim}, rijen,
                          paginagrootte=150)


@pytest.fixture
def cbs_op(monkeypatch: pytest.MonkeyPatch):
    """Point cbsodata at a loopback server; yields a function that starts one for a table."""
    def start(tabel: OpgenomenTabel) -> CbsNabootsing:
        server = CbsNabootsing(tabel)
        basis = server.__enter__()
        monkeypatch.setattr(cbsodata.options, "catalog_url", basis)
        monkeypatch.setattr(cbsodata.options, "use_https", False)
        gestart.append(server)
        return server
    gestart: list[CbsNabootsing] = []
    yield start
    for server in gestart:
        server.__exit__(None, None, None)


def test_online_pad_geeft_hetzelfde_als_de_offline_build(cbs_op, data_kopie: Path, snapshot_database: Path,
                                                        tmp_path: Path):
    tabel = opname_kwb2024()
    cbs_op(tabel)
    map_ = haal_op(bron("85984NED"), data_kopie / STATLINE_MAP / "85984NED", timeout=5)
    assert (map_ / "TypedDataSet.json").exists() and (map_ / "WijkenEnBuurten.json").exists()
    assert any("$skip=150" in v for v in tabel.verzoeken), "de tweede pagina is gevolgd"
    assert any("startswith" in v for v in tabel.verzoeken), "het filter op de dimensie is meegestuurd"
    online = bouw_database(tmp_path / "online.duckdb", data_dir=data_kopie)
    query = ("SELECT * FROM waarneming WHERE bron_id='85984NED' "
             "ORDER BY regio_code, indicator_key, jaar")
    pd.testing.assert_frame_equal(sql(online, query), sql(snapshot_database, query))
    runs = sql(online, "SELECT modus FROM etl_run")
    assert runs["modus"].tolist() == ["snapshot+online"], "één tabel online, de rest uit de snapshot"
    assert sql(snapshot_database, "SELECT modus FROM etl_run")["modus"].tolist() == ["snapshot"]
    # CBS's "Modified" as a Dutch date (was "gewijzigd 2025-03-27T02:00:00").
    assert sql(online, "SELECT versie FROM bron WHERE bron_id='85984NED'")["versie"].iloc[0] == (
        "gewijzigd op 27 maart 2025")


# ----------------------------------------------------------------------------- bad input
@pytest.fixture
def gepubliceerd(data_kopie: Path, tmp_path: Path) -> Path:
    """A last good database, built from the (still intact) copy of the data."""
    return bouw_database(tmp_path / "publiek" / "monitor.duckdb", data_dir=data_kopie)


def _verwacht_fout_en_onveranderd(data_kopie: Path, gepubliceerd: Path, tabel: str) -> EtlFout:
    voor = vingerafdruk(gepubliceerd)
    with pytest.raises(EtlFout) as fout:
        bouw_database(gepubliceerd, data_dir=data_kopie)
    assert tabel in str(fout.value)
    assert vingerafdruk(gepubliceerd) == voor
    assert not gepubliceerd.with_name(gepubliceerd.name + ".tmp").exists()
    assert "MISLUKT" in (data_kopie / "logs" / "etl.log").read_text(encoding="utf-8")
    return fout.value


def accepteer(data_kopie: Path) -> None:
    """What a person does after replacing a snapshot file on purpose: record it in the manifest."""
    manifest.accepteer(data_kopie / "snapshot", [data_kopie / "snapshot"])


def _online_map(data_kopie: Path, cbs_op) -> Path:
    cbs_op(opname_kwb2024())
    return haal_op(bron("85984NED"), data_kopie / STATLINE_MAP / "85984NED", timeout=5)


def test_afgekapte_json_houdt_de_vorige_database(cbs_op, data_kopie: Path, gepubliceerd: Path):
    map_ = _online_map(data_kopie, cbs_op)
    inhoud = (map_ / "TypedDataSet.json").read_text(encoding="utf-8")
    (map_ / "TypedDataSet.json").write_text(inhoud[: len(inhoud) // 2], encoding="utf-8")
    fout = _verwacht_fout_en_onveranderd(data_kopie, gepubliceerd, "statline/85984NED/TypedDataSet.json")
    assert "MANIFEST" in str(fout) and "python -m etl accepteer" in str(fout)
    accepteer(data_kopie)  # even when accepted, the reader refuses the broken file
    fout = _verwacht_fout_en_onveranderd(data_kopie, gepubliceerd, "85984NED")
    assert "beschadigd" in str(fout)


def test_ontbrekende_dataproperties_houdt_de_vorige_database(cbs_op, data_kopie: Path, gepubliceerd: Path):
    map_ = _online_map(data_kopie, cbs_op)
    (map_ / "DataProperties.json").unlink()
    accepteer(data_kopie)
    fout = _verwacht_fout_en_onveranderd(data_kopie, gepubliceerd, "85984NED")
    assert "DataProperties.json ontbreekt" in str(fout)


def test_weggehaalde_kolom_houdt_de_vorige_database(data_kopie: Path, gepubliceerd: Path):
    pad = data_kopie / "snapshot/bestanden/kwb-2024-85984NED-gemeenten-full/kwb2024_85984NED_gemeenten.csv"
    tekst = pad.read_text(encoding="utf-8")
    pad.write_text(tekst.replace("PersonenPerSoortUitkeringBijstand_87", "Bijstandsontvangers_87", 1),
                   encoding="utf-8")
    accepteer(data_kopie)
    fout = _verwacht_fout_en_onveranderd(data_kopie, gepubliceerd, "85984NED")
    assert "PersonenPerSoortUitkeringBijstand" in str(fout)


def test_percentage_van_140_wordt_afgekeurd(data_kopie: Path, gepubliceerd: Path):
    pad = data_kopie / "snapshot/bestanden/kwb-2023-85618NED-extract/kwb2023_85618NED_10_gemeenten.csv"
    regels = pad.read_text(encoding="utf-8").splitlines()
    kop = regels[0].split(",")
    kolom = kop.index("HuishoudensMetEenLaagInkomen_87")
    for n, regel in enumerate(regels):
        if regel.startswith("GM0917"):
            velden = regel.split(",")
            velden[kolom] = "140"
            regels[n] = ",".join(velden)
    pad.write_text("\n".join(regels) + "\n", encoding="utf-8")
    accepteer(data_kopie)
    voor = vingerafdruk(gepubliceerd)
    with pytest.raises(EtlFout, match="percentages buiten 0-100") as fout:
        bouw_database(gepubliceerd, data_dir=data_kopie)
    assert "85618NED" in str(fout.value)
    assert "kwb2023_85618NED_10_gemeenten.csv regel" in str(fout.value), "de fout noemt bestand en regel"
    assert vingerafdruk(gepubliceerd) == voor


@pytest.mark.parametrize(("storing", "verwacht"), [("500", "geen antwoord"), ("traag", "geen antwoord"),
                                                   ("kapot", "onverwacht antwoord")])
def test_mislukte_download_laat_snapshot_en_database_staan(cbs_op, data_kopie: Path, gepubliceerd: Path,
                                                          storing: str, verwacht: str):
    tabel = opname_kwb2024()
    tabel.storingen["TypedDataSet"] = storing
    tabel.vertraging = 1.5
    cbs_op(tabel)
    map_ = data_kopie / STATLINE_MAP / "85984NED"
    voor_map = sorted((p.name, vingerafdruk(p)) for p in map_.iterdir())
    voor_db = vingerafdruk(gepubliceerd)
    with pytest.raises(EtlFout, match=verwacht) as fout:
        haal_op(bron("85984NED"), map_, timeout=0.5, pogingen=2, wacht_max=0.01)
    assert "85984NED" in str(fout.value) and "vorige gegevens blijven in gebruik" in str(fout.value)
    assert sorted((p.name, vingerafdruk(p)) for p in map_.iterdir()) == voor_map
    assert vingerafdruk(gepubliceerd) == voor_db
    if storing == "500":
        assert sum("TypedDataSet" in v for v in tabel.verzoeken) == 2, "opnieuw geprobeerd"
    assert not [p for p in map_.parent.iterdir() if p.name.startswith(".85984NED")]


def test_fout_lokaal_bestand_wordt_helemaal_afgewezen(data_kopie: Path, gepubliceerd: Path):
    pad = data_kopie / "lokaal" / "beleidsdocumenten_cijfers.csv"
    regels = pad.read_text(encoding="utf-8").splitlines()
    regels[7] = regels[7].replace(",4.3,%,", ",4.3,aantal,")
    pad.write_text("\n".join(regels) + "\n", encoding="utf-8")
    fout = _verwacht_fout_en_onveranderd(data_kopie, gepubliceerd, "beleidsdocumenten_cijfers.csv regel 8")
    assert "eenheid 'aantal' past niet" in str(fout)


# ----------------------------------------------------------------------------- debt dashboard
def test_schulden_download_als_excel_geeft_dezelfde_cijfers(data_kopie: Path, tmp_path: Path,
                                                            snapshot_database: Path):
    """A download from the CBS debt dashboard saved as Excel reads the same as the CSV."""
    csv_pad = data_kopie / "lokaal" / "schulden_dashboard.csv"
    xlsx_pad = csv_pad.with_suffix(".xlsx")
    pd.read_csv(csv_pad, dtype=str, keep_default_na=False).to_excel(xlsx_pad, index=False)
    csv_pad.unlink()
    catalogus = laad_catalogus()
    schulden = next(b for b in catalogus.bron if b.id == "schulden-dashboard")
    schulden.bestand = "lokaal/schulden_dashboard.xlsx"
    db = bouw_database(tmp_path / "xlsx.duckdb", data_dir=data_kopie, catalogus=catalogus)
    query = ("SELECT regio_code, indicator_key, jaar, peildatum, waarde, status FROM waarneming "
             "WHERE bron_id = 'schulden-dashboard' ORDER BY ALL")
    pd.testing.assert_frame_equal(sql(db, query), sql(snapshot_database, query))
    heerlen = sql(db, "SELECT waarde, peildatum FROM waarneming WHERE bron_id='schulden-dashboard' "
                      "AND regio_code='GM0917'")
    assert heerlen["waarde"].tolist() == [13.0]
    assert str(heerlen["peildatum"].iloc[0])[:10] == "2020-10-01"


def test_schulden_percentage_boven_100_wordt_afgewezen(data_kopie: Path, gepubliceerd: Path):
    pad = data_kopie / "lokaal" / "schulden_dashboard.csv"
    pad.write_text(pad.read_text(encoding="utf-8").replace(",13,", ",113,"), encoding="utf-8")
    fout = _verwacht_fout_en_onveranderd(data_kopie, gepubliceerd, "percentages buiten 0-100")
    assert "GM0917" in str(fout)
