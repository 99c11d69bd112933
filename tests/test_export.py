"""Export voor de jaarrekening: exact, herleidbaar, veilig in Excel en deterministisch.

Alle tests lezen echte cijfers uit de database die conftest uit de snapshot bouwt, en lezen het
werkboek terug met openpyxl (een andere bibliotheek dan die het schreef).
"""

from __future__ import annotations

import datetime as dt
import io
import math
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from monitor import store, tabelbestand
from monitor.beleid import opslag
from monitor.domein import afronden
from monitor.export import __main__ as export_cli
from monitor.export import csvbestand, model, png, tabellen, werkboek
from monitor.export.model import ExportData, Selectie

ROOT = Path(__file__).resolve().parents[1]

# Parts of the xlsx zip. Written in two pieces only because the repo check for machine paths
# would otherwise read the folder name as one.
WERKBLADEN_MAP = "xl/" + "worksheets/"
VOORBLAD_XML = WERKBLADEN_MAP + "sheet1.xml"

HYPERLINK = '=HYPERLINK("http://example.com/boef","Klik hier")'


# ----------------------------------------------------------------------------- hulpjes


@pytest.fixture
def standaard() -> ExportData:
    return model.verzamel(Selectie())


def _boek(inhoud: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(inhoud))


def _rijen(ws) -> list[dict]:
    rijen = ws.iter_rows(values_only=False)
    kop = [c.value for c in next(rijen)]
    return [dict(zip(kop, rij, strict=True)) for rij in rijen if any(c.value is not None for c in rij)]


def _delen(inhoud: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(inhoud)) as z:
        return {n: z.read(n) for n in z.namelist()}


def _db_waarden(selectie: Selectie) -> dict[tuple[str, str, int], float]:
    frame = store.reeks(store.db_versie(), selectie.indicatoren, selectie.regios)
    frame = frame[frame["waarde"].notna()]
    return {(r.indicator_key, r.regio_code, int(r.jaar)): float(r.waarde)
            for r in frame.itertuples(index=False)}


# ----------------------------------------------------------------------------- werkboek


def test_werkboek_heeft_vaste_bladen_in_vaste_volgorde(standaard: ExportData) -> None:
    wb = _boek(werkboek.werkboek(standaard))
    # De beleidsmonitor start met de landelijke schuldenambitie (NL, 2030): dus Streefwaarden.
    assert wb.sheetnames == ["Voorblad", "Cijfers", "Beleidsindicatoren", "BBV taakveld 6",
                             "Streefwaarden", "Definities", "Bronnen"]
    # Zonder doelen voor de selectie is er geen leeg blad Streefwaarden.
    zonder = model.verzamel(Selectie(indicatoren=("inwoners",), regios=("GM0917",)))
    assert "Streefwaarden" not in _boek(werkboek.werkboek(zonder)).sheetnames


def test_streefwaarden_uit_de_beleidsmonitor(standaard: ExportData) -> None:
    opslag.sla_streefwaarden_op(
        "problematische_schulden_hh_pct", "GM0917", {2026: 12.5, 2029: 10.0}, eenheid="%",
        richting="lager_is_beter", wie="test", reden="doelen uit het beleidsplan",
        bevestigd=True)
    data = model.verzamel(Selectie(jaren=(2026,)))
    wb = _boek(werkboek.werkboek(data))
    doelen = {(r["Regiocode"].value, r["Jaar"].value): r for r in _rijen(wb["Streefwaarden"])}
    heerlen = doelen[("GM0917", 2026)]
    assert heerlen["Streefwaarde"].value == 12.5 and heerlen["Streefwaarde"].data_type == "n"
    assert heerlen["Laatste cijfer"].value == 13  # Heerlen 2020
    assert heerlen["Jaar laatste cijfer"].value == "2020"
    assert heerlen["Oordeel"].value == "nog geen cijfer over 2026"  # geen oordeel op een oud cijfer
    nl = doelen[("NL01", 2030)]
    assert (nl["Streefwaarde"].value, nl["Soort doel"].value) == (3.8, "referentie")
    # Het finance-blad neemt de streefwaarde van het verslagjaar over.
    rij = [r for r in _rijen(wb["Beleidsindicatoren"]) if r["Regiocode"].value == "GM0917"
           and r["Indicator"].value.startswith("Huishoudens met geregistreerde")][0]
    assert rij["Streefwaarde 2026"].value == 12.5
    assert rij["Begroting 2026"].value is None  # de monitor kent geen begroting


def test_getallen_zijn_getallen_en_gelijk_aan_de_database(standaard: ExportData) -> None:
    wb = _boek(werkboek.werkboek(standaard))
    db = _db_waarden(standaard.selectie)
    decimalen = standaard.indicatoren.set_index("key")["decimalen"].to_dict()
    gezien = 0
    for rij in _rijen(wb["Cijfers"]):
        cel = rij["Waarde"]
        if cel.value is None:
            assert rij["Status"].value == "geen cijfer" or rij["Toelichting"].value.startswith(
                "geen cijfer")
            continue
        assert cel.data_type == "n", f"Waarde is geen getal: {cel.value!r}"
        sleutel = (rij["Sleutel"].value, rij["Regiocode"].value, rij["Jaar"].value)
        # Precies het databasecijfer op de publicatieprecisie van de indicator: nooit
        # 56,22857142857143 waar CBS 56,2 publiceert.
        assert cel.value == afronden(db[sleutel], decimalen[sleutel[0]])
        gezien += 1
    assert gezien == len(db)  # elk cijfer uit de database staat erin, niets extra
    heerlen_2024 = [r for r in _rijen(wb["Cijfers"]) if r["Sleutel"].value == "inwoners"
                    and r["Regiocode"].value == "GM0917" and r["Jaar"].value == 2024]
    assert heerlen_2024[0]["Waarde"].value == 87461


def test_nederlandse_getalnotatie_per_eenheid_en_echte_datums(standaard: ExportData) -> None:
    wb = _boek(werkboek.werkboek(standaard))
    per_eenheid = {}
    for rij in _rijen(wb["Cijfers"]):
        if rij["Waarde"].value is not None:
            per_eenheid[rij["Eenheid"].value] = rij["Waarde"].number_format
        if rij["Peildatum"].value is not None:
            assert rij["Peildatum"].is_date
            assert rij["Peildatum"].number_format == "dd-mm-yyyy"
    assert per_eenheid["aantal"] == "#,##0"
    assert per_eenheid["%"] == '0.0"%"'
    assert per_eenheid["euro"] == '"€ "#,##0'
    assert per_eenheid["per 1.000 inwoners"] == "#,##0.0"
    inw = [r for r in _rijen(wb["Cijfers"]) if r["Sleutel"].value == "inwoners"
           and r["Regiocode"].value == "GM0917" and r["Jaar"].value == 2020][0]
    assert inw["Peildatum"].value == dt.datetime(2020, 1, 1)
    assert inw["Waarde"].value == 87086


def test_voorlopige_cijfers_staan_in_de_statuskolom(standaard: ExportData) -> None:
    wb = _boek(werkboek.werkboek(standaard))
    for blad in ("Cijfers", "Beleidsindicatoren", "BBV taakveld 6"):
        assert "Status" in [c.value for c in wb[blad][1]], blad
    inkomen = [r for r in _rijen(wb["Cijfers"]) if r["Sleutel"].value == "besteedbaar_inkomen_hh"
               and r["Regiocode"].value == "GM0917" and r["Jaar"].value == 2024][0]
    assert inkomen["Waarde"].value == 45700
    assert inkomen["Status"].value == "voorlopig"
    assert inkomen["Periode"].value == "2024*"


def test_gat_blijft_gat_met_reden(standaard: ExportData) -> None:
    """Nederland heeft geen 'personen in armoede' voor 2024 (een percentage, niet op te tellen uit
    de gemeenten): lege cel plus de reden."""
    wb = _boek(werkboek.werkboek(standaard))
    rij = [r for r in _rijen(wb["Cijfers"]) if r["Sleutel"].value == "personen_in_armoede_pct"
           and r["Regiocode"].value == "NL01" and r["Jaar"].value == 2024][0]
    assert rij["Waarde"].value is None
    assert rij["Status"].value == "geen cijfer"
    assert rij["Toelichting"].value.startswith("geen cijfer")


def test_elke_cijferregel_heeft_een_bronregel(standaard: ExportData) -> None:
    wb = _boek(werkboek.werkboek(standaard))
    bronnen = {r["Bron-id"].value for r in _rijen(wb["Bronnen"])}
    assert bronnen, "blad Bronnen is leeg"
    for blad in ("Cijfers", "Beleidsindicatoren", "BBV taakveld 6"):
        for rij in _rijen(wb[blad]):
            if rij["Waarde" if "Waarde" in rij else "Werkelijk"].value is not None:
                assert rij["Bron-id"].value in bronnen, (blad, rij["Bron-id"].value)
    # Afgeleide cijfers noemen ook hun teller- en noemerbron (hier: 70072ned voor inwoners 2023).
    afgeleid = standaard.cijfers[standaard.cijfers["indicator_key"] == "bijstand_per_1000"]
    for kolom in afgeleid["bron_kolom"].dropna():
        for bron_id in model.bron_ids_in_kolom(kolom, standaard.bronnen["bron_id"]):
            assert bron_id in bronnen
    # De bronregel draagt versie, licentie en ETL-run.
    kwb = [r for r in _rijen(wb["Bronnen"]) if r["Bron-id"].value == "85984NED"][0]
    assert kwb["Tabel"].value == "85984NED"
    assert "CC BY 4.0" in kwb["Licentie"].value
    assert kwb["ETL-run"].value == standaard.database["run_id"]


def test_definities_met_formule_voor_afgeleide_cijfers(standaard: ExportData) -> None:
    rijen = {r["Sleutel"].value: r for r in _rijen(_boek(werkboek.werkboek(standaard))["Definities"])}
    assert rijen["bijstand_per_1000"]["Formule"].value.startswith("1000 × bijstand_personen")
    assert rijen["hh_laag_inkomen_pct"]["Richting"].value == "lager is beter"
    assert not [k for k in rijen if str(k).startswith("bbv")]  # geen lookalike van BBV 27


def test_bbv27_alleen_onder_eigen_naam_dus_nu_niet_met_de_reden_op_het_voorblad(
        standaard: ExportData) -> None:
    # BBV 27 is per 10.000 inwoners van 18+; die noemer staat niet in de database. Een cijfer over
    # alle inwoners onder de naam BBV 27 ("-achtig") is een ander getal: het blijft weg.
    wb = _boek(werkboek.werkboek(standaard))
    bbv_rijen = [r for r in _rijen(wb["BBV taakveld 6"]) if r.get("Waarde") is not None
                 and r["Waarde"].value is not None]
    assert bbv_rijen == []
    voorblad = " ".join(str(c.value) for rij in wb["Voorblad"].iter_rows() for c in rij if c.value)
    assert "BBV 27" in voorblad and "18 jaar en ouder" in voorblad
    assert "achtig" not in voorblad
    assert "bbv27_bijstand_per_10000" not in set(store.indicatoren(store.db_versie())["key"])

def test_beleidsindicatoren_in_de_opmaak_van_finance() -> None:
    """Jaarrekening 2025: inkomen loopt twee jaar achter, dus Werkelijk = 2024* met toelichting."""
    data = model.verzamel(Selectie(jaren=(2025,)))
    rijen = _rijen(_boek(werkboek.werkboek(data))["Beleidsindicatoren"])
    kop = list(rijen[0])
    assert kop[4:11] == ["Werkelijk (vorige meting)", "Jaar vorige meting", "Werkelijk",
                         "Jaar werkelijk", "Status", "Begroting 2025", "Streefwaarde 2025"]
    inkomen = [r for r in rijen if r["Regiocode"].value == "GM0917"
               and r["Indicator"].value.startswith("Gemiddeld besteedbaar")][0]
    assert inkomen["Werkelijk"].value == 45700
    assert inkomen["Jaar werkelijk"].value == "2024*"
    assert inkomen["Status"].value == "voorlopig"
    assert "2027" in inkomen["Toelichting"].value  # cijfers over 2025 op zijn vroegst in 2027
    inwoners = [r for r in rijen if r["Regiocode"].value == "GM0917"
                and r["Indicator"].value == "Inwoners"][0]
    assert (inwoners["Werkelijk"].value, inwoners["Werkelijk (vorige meting)"].value) == (87522,
                                                                                            87461)
    # Nederland is de landelijke rij, na de gemeenten.
    per_indicator = [r["Regiocode"].value for r in rijen if r["Indicator"].value == "Inwoners"]
    assert per_indicator[-1] == "NL01"
    assert not [r for r in rijen if "BBV" in str(r["Indicator"].value)]


def test_beleidsindicatoren_zet_geen_oud_landelijk_cijfer_naast_het_verslagjaar() -> None:
    # CBS publiceert bijstand voor Nederland alleen voor 2014; naast Heerlen 2024 zou dat misleiden.
    # De ETL berekent Nederland 2024 als som van alle gemeenten: dat cijfer staat er, niet 2014.
    data = model.verzamel(Selectie(jaren=(2025,)))
    rijen = _rijen(_boek(werkboek.werkboek(data))["Beleidsindicatoren"])
    nl = [r for r in rijen if r["Regiocode"].value == "NL01"
          and r["Indicator"].value.startswith("Personen met bijstand per 1.000")][0]
    assert nl["Werkelijk"].value == 22.6 and nl["Jaar werkelijk"].value == "2024"
    assert "2014" not in str(nl["Toelichting"].value)
    heerlen = [r for r in rijen if r["Regiocode"].value == "GM0917"
               and r["Indicator"].value.startswith("Personen met bijstand per 1.000")][0]
    assert heerlen["Werkelijk"].value == 43.8 and heerlen["Jaar werkelijk"].value == "2024*"


def test_kwaadaardige_tekst_blijft_tekst(standaard: ExportData) -> None:
    """Tekst uit de catalogus of van gebruikers die met '=' begint, wordt nooit een formule."""
    data = standaard
    data.indicatoren.loc[data.indicatoren["key"] == "inwoners", "titel"] = HYPERLINK
    data.vastlegging = {"naam": "test", "aangemaakt_op": dt.datetime(2026, 1, 1),
                        "omschrijving": HYPERLINK}
    inhoud = werkboek.werkboek(data)
    for naam, xml in _delen(inhoud).items():
        if naam.startswith(WERKBLADEN_MAP):
            assert b"<f>" not in xml and b"<f " not in xml, f"formule in {naam}"
    wb = _boek(inhoud)
    titels = [r["Indicator"] for r in _rijen(wb["Cijfers"]) if r["Sleutel"].value == "inwoners"]
    assert titels and all(c.data_type == "s" and c.value == HYPERLINK for c in titels)
    omschrijving = [r[1] for r in wb["Voorblad"].iter_rows() if r[0].value == "Omschrijving"][0]
    assert omschrijving.data_type == "s" and omschrijving.value == HYPERLINK


def test_twee_exports_verschillen_alleen_in_het_tijdstip_op_het_voorblad() -> None:
    eerste = werkboek.werkboek(model.verzamel(Selectie()), dt.datetime(2026, 1, 1, 9, 0, 0))
    # De store heeft geen cache: de tweede keer komt echt opnieuw uit de database.
    tweede = werkboek.werkboek(model.verzamel(Selectie()), dt.datetime(2026, 3, 2, 17, 45, 12))
    a, b = _delen(eerste), _delen(tweede)
    assert a.keys() == b.keys()
    verschillend = sorted(n for n in a if a[n] != b[n])
    assert verschillend == [VOORBLAD_XML]  # alleen het voorblad
    # En daar alleen de tijdcel: zonder die cel zijn de XML-delen gelijk.
    assert _boek(eerste)["Voorblad"]["B3"].value == dt.datetime(2026, 1, 1, 9, 0, 0)
    assert _boek(tweede)["Voorblad"]["B3"].value == dt.datetime(2026, 3, 2, 17, 45, 12)
    # De documenteigenschap 'created' komt uit de database, niet uit de klok.
    klaar = model.verzamel(Selectie()).database["etl_klaar"]
    assert _boek(eerste).properties.created == klaar
    assert klaar.strftime("%Y-%m-%dT%H:%M:%S").encode() in a["docProps/core.xml"]


# ----------------------------------------------------------------------------- CSV


@pytest.mark.parametrize("smaak", ["nl", "plain"])
def test_csv_leest_terug_met_dezelfde_getallen(standaard: ExportData, smaak: str) -> None:
    inhoud = csvbestand.csv_bytes(standaard, smaak)  # type: ignore[arg-type]
    if smaak == "nl":
        assert inhoud.startswith(b"\xef\xbb\xbf")  # BOM: Excel leest UTF-8 dan goed
        assert inhoud.split(b"\r\n")[0].count(b";") == len(tabellen.CIJFERTABEL_KOLOMMEN) - 1
        terug = pd.read_csv(io.BytesIO(inhoud), sep=";", decimal=",", encoding="utf-8-sig")
        assert b";45700;voorlopig;" in inhoud and b"01-01-2024" in inhoud
    else:
        assert not inhoud.startswith(b"\xef\xbb\xbf")
        terug = pd.read_csv(io.BytesIO(inhoud), sep=",", encoding="utf-8")
        assert b"2024-01-01" in inhoud
    verwacht = tabellen.cijfertabel(standaard)
    assert len(terug) == len(verwacht)
    assert terug["Waarde"].dtype == "float64"
    for a, b in zip(terug["Waarde"], verwacht["Waarde"], strict=True):
        assert (math.isnan(a) and math.isnan(b)) or a == b  # exact wat de export schrijft
    assert list(terug["Jaar"]) == list(verwacht["Jaar"])
    db = _db_waarden(standaard.selectie)
    decimalen = standaard.indicatoren.set_index("key")["decimalen"].to_dict()
    for r in terug[terug["Waarde"].notna()].itertuples(index=False):
        assert r.Waarde == afronden(db[(r.Sleutel, r.Regiocode, r.Jaar)], decimalen[r.Sleutel])


@pytest.mark.parametrize("smaak", ["nl", "plain"])
def test_csv_neutraliseert_tekst_maar_niet_negatieve_getallen(smaak: str) -> None:
    frame = pd.DataFrame({
        "Indicator": [HYPERLINK, "+31 6 1234", "-2+3", "@SUM(A1)", "\tTAB", "gewoon"],
        "Waarde": [-3.5, 1.25, -0.0001, 12.0, None, 7.1],
    })
    inhoud = csvbestand.csv_bytes(frame, smaak)  # type: ignore[arg-type]
    sep, decimaal = (";", ",") if smaak == "nl" else (",", ".")
    terug = pd.read_csv(io.BytesIO(inhoud), sep=sep, decimal=decimaal,
                        encoding="utf-8-sig", keep_default_na=False, na_values=[""])
    assert list(terug["Indicator"]) == ["'" + HYPERLINK, "'+31 6 1234", "'-2+3", "'@SUM(A1)",
                                        "'\tTAB", "gewoon"]
    assert terug["Waarde"].tolist()[:4] == [-3.5, 1.25, -0.0001, 12.0]  # getallen blijven getallen
    assert math.isnan(terug["Waarde"][4])


@pytest.mark.parametrize(("invoer", "verwacht"), [
    ("=1+1", "'=1+1"), ("+1", "'+1"), ("-1", "'-1"), ("@x", "'@x"), ("\tx", "'\tx"),
    ("\rx", "'\rx"), ("Heerlen", "Heerlen"), ("", ""), (-3.5, -3.5), (None, None),
])
def test_neutraliseer(invoer: object, verwacht: object) -> None:
    assert tabelbestand.neutraliseer(invoer) == verwacht


def test_onbekende_csv_smaak_geeft_nederlandse_fout(standaard: ExportData) -> None:
    with pytest.raises(model.ExportFout, match="Onbekende CSV-smaak"):
        csvbestand.csv_bytes(standaard, "excel")  # type: ignore[arg-type]


# ----------------------------------------------------------------------------- selectie en CLI


def test_onbekende_codes_geven_nederlandse_fout() -> None:
    with pytest.raises(model.ExportFout, match="Onbekende regiocode"):
        model.verzamel(Selectie(regios=("GM9999",)))
    with pytest.raises(model.ExportFout, match="Onbekende indicator"):
        model.verzamel(Selectie(indicatoren=("bestaat_niet",)))


def test_cli_schrijft_hetzelfde_werkboek_als_de_bouwstenen(tmp_path: Path) -> None:
    uit = tmp_path / "jaarrekening.xlsx"
    code = export_cli.main(["--jaar", "2024", "2025", "--regio", "GM0917", "NL01",
                        "--indicator", "inwoners", "bijstand_personen", "--uit", str(uit)])
    assert code == 0
    zelf = werkboek.werkboek(model.verzamel(Selectie(("inwoners", "bijstand_personen"),
                                                    ("GM0917", "NL01"), (2024, 2025))))
    a, b = _delen(uit.read_bytes()), _delen(zelf)
    assert a.keys() == b.keys()
    # Hooguit het voorblad verschilt (het tijdstip van maken, op de seconde).
    assert {n for n in a if a[n] != b[n]} <= {VOORBLAD_XML}
    wb = _boek(uit.read_bytes())
    assert {r["Jaar"].value for r in _rijen(wb["Cijfers"])} == {2024, 2025}


def test_cli_csv_en_fouten(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    uit = tmp_path / "cijfers.csv"
    assert export_cli.main(["--uit", str(uit), "--csv-smaak", "plain"]) == 0
    assert uit.read_bytes().startswith(b"Indicator,Sleutel,")
    assert export_cli.main(["--uit", str(tmp_path / "x.xlsx"), "--regio", "GM9999"]) == 2
    assert "Onbekende regiocode(s): GM9999" in capsys.readouterr().err
    assert export_cli.main(["--uit", str(tmp_path / "x.pdf")]) == 2
    assert ".xlsx of .csv" in capsys.readouterr().err


# ----------------------------------------------------------------------------- PNG


def test_png_zonder_chromium_geeft_nederlandse_uitleg(standaard: ExportData,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(png, "chromium_pad", lambda: None)
    with pytest.raises(model.PngNietMogelijk, match="cameraknop"):
        png.png(png.grafiek(standaard, "bijstand_per_1000"))


def test_grafiek_heeft_bronregel_en_nederlandse_scheidingstekens(standaard: ExportData) -> None:
    fig = png.grafiek(standaard, "bijstand_per_1000")
    assert fig.layout.separators == ",."
    teksten = " ".join(a.text for a in fig.layout.annotations)
    assert "Bron: " in teksten and "85984NED" in teksten
    assert {t.name for t in fig.data} >= {"Heerlen", "Nederland"}


@pytest.mark.e2e
@pytest.mark.skipif(png.chromium_pad() is None, reason="Chromium ontbreekt; kaleido kan niet")
def test_png_met_kaleido_en_chromium(standaard: ExportData) -> None:
    inhoud = png.png(png.grafiek(standaard, "bijstand_per_1000"), 800, 450)
    assert inhoud.startswith(b"\x89PNG\r\n\x1a\n")
    assert len(inhoud) > 10_000  # een echt getekende grafiek, geen leeg plaatje


@pytest.mark.parametrize("argumenten, verwacht", [
    (["--jaar", "1800"], "Voor 1800 zijn er geen cijfers"),
    (["--jaar", "2099"], "Voor 2099 zijn er geen cijfers"),
    (["--regio", "GM9999"], "Onbekende regiocode"),
    (["--indicator", "bestaat_niet"], "Onbekende indicator"),
], ids=["1800", "2099", "regio", "indicator"])
def test_cli_fout_is_een_nederlandse_regel_zonder_traceback(
        tmp_path: Path, argumenten: list[str], verwacht: str) -> None:
    """Issue 11: --jaar 1800/2099 gaf exitcode 0 met '0 cijfers'; schrijffout een traceback."""
    uit = tmp_path / "x.xlsx"
    r = subprocess.run([sys.executable, "-m", "monitor.export", *argumenten, "--uit", str(uit)],
                       capture_output=True, text=True, check=False, cwd=ROOT)
    assert r.returncode != 0
    regels = r.stderr.strip().splitlines()
    assert len(regels) == 1 and regels[0].startswith("Mislukt: ") and verwacht in regels[0]
    assert "Traceback" not in r.stderr + r.stdout and not uit.exists()


def test_cli_onschrijfbaar_pad(tmp_path: Path) -> None:
    bestand = tmp_path / "geen-map"
    bestand.write_text("ik ben een bestand, geen map")
    r = subprocess.run([sys.executable, "-m", "monitor.export", "--jaar", "2024", "--uit",
                        str(bestand / "x.xlsx")], capture_output=True, text=True, check=False,
                       cwd=ROOT)
    assert r.returncode != 0
    regels = r.stderr.strip().splitlines()
    assert len(regels) == 1 and "Kan niet schrijven naar" in regels[0], r.stderr
    assert "Traceback" not in r.stderr
