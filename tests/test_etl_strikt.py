"""Strict readers: a damaged or differently written file stops the build naming file, line and
column; numbers parse by the file's declared dialect and are never silently reinterpreted.

Every damaged file is a copy of a real snapshot file. The copy is accepted in the manifest
first, as a person who replaced it on purpose would, so the reader itself must refuse it.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import duckdb
import pytest

from etl import manifest
from etl.fouten import EtlFout
from etl.load import bouw_database
from etl.ruw import getal

KWB2024 = "snapshot/bestanden/kwb-2024-85984NED-gemeenten-full/kwb2024_85984NED_gemeenten.csv"
BEVOLKING = "snapshot/bestanden/regionale-kerncijfers-70072ned-bevolking/regionale_kerncijfers_subset.csv"
INKOMEN = ("snapshot/bestanden/statline-export-2025-12-regionale-kerncijfers-inkomen/"
           "Inkomen_van_huishoudens__regio_11122025_135329.csv")


def vingerafdruk(pad: Path) -> str:
    return hashlib.sha256(pad.read_bytes()).hexdigest()


@pytest.fixture
def gepubliceerd(data_kopie: Path, tmp_path: Path) -> Path:
    return bouw_database(tmp_path / "publiek" / "monitor.duckdb", data_dir=data_kopie)


def weigert(data_kopie: Path, gepubliceerd: Path, *delen: str) -> str:
    """Accept the damaged copy in the manifest, build, and expect a refusal naming every part."""
    manifest.accepteer(data_kopie / "snapshot", [data_kopie / "snapshot"])
    voor = vingerafdruk(gepubliceerd)
    with pytest.raises(EtlFout) as fout:
        bouw_database(gepubliceerd, data_dir=data_kopie)
    melding = str(fout.value)
    for deel in delen:
        assert deel in melding, melding
    assert vingerafdruk(gepubliceerd) == voor
    return melding


def regelnummer(pad: Path, begin: str) -> int:
    return next(n for n, r in enumerate(pad.read_text(encoding="utf-8-sig").splitlines(), start=1)
                if r.startswith(begin))


# ----------------------------------------------------------------------------- malformed CSV
def test_afgekapte_kwb_csv_noemt_bestand_en_regel(data_kopie: Path, gepubliceerd: Path):
    pad = data_kopie / KWB2024
    inhoud = pad.read_bytes()[:20_000]
    pad.write_bytes(inhoud)
    laatste = inhoud.decode("utf-8").count("\n") + 1
    weigert(data_kopie, gepubliceerd, "kwb2024_85984NED_gemeenten.csv", f"regel {laatste}", "afgekapt")


def test_afgekapte_70072ned_met_open_aanhalingsteken(data_kopie: Path, gepubliceerd: Path):
    pad = data_kopie / BEVOLKING
    inhoud = pad.read_bytes()[:3_000].decode("utf-8-sig")
    regels = inhoud.split("\n")[:-1]
    regels.append('"1663";"GM0738    ;"2004JJ00";"   12')  # a half-written quoted line
    pad.write_text("\n".join(regels) + "\n", encoding="utf-8")
    weigert(data_kopie, gepubliceerd, "regionale_kerncijfers_subset.csv", f"regel {len(regels)}")


def test_te_lange_regel(data_kopie: Path, gepubliceerd: Path):
    pad = data_kopie / KWB2024
    regels = pad.read_text(encoding="utf-8").split("\n")
    nr = regelnummer(pad, "GM0917")
    regels[nr - 1] += ",1"
    pad.write_text("\n".join(regels), encoding="utf-8")
    weigert(data_kopie, gepubliceerd, "kwb2024_85984NED_gemeenten.csv", f"regel {nr}", "velden")


def test_geen_utf8_noemt_de_regel(data_kopie: Path, gepubliceerd: Path):
    pad = data_kopie / KWB2024
    nr = regelnummer(pad, "GM0917")
    regels = pad.read_bytes().split(b"\n")
    regels[nr - 1] = regels[nr - 1].replace(b"Heerlen", "Heérlen".encode("latin-1"))
    pad.write_bytes(b"\n".join(regels))
    weigert(data_kopie, gepubliceerd, "kwb2024_85984NED_gemeenten.csv", f"regel {nr}", "UTF-8")


# ----------------------------------------------------------------------------- thousands dot, three readers
def test_duizendtalpunt_in_kwb_odata_csv(data_kopie: Path, gepubliceerd: Path):
    pad = data_kopie / KWB2024
    nr = regelnummer(pad, "GM0917")
    regels = pad.read_text(encoding="utf-8").split("\n")
    assert ",87461," in regels[nr - 1]
    regels[nr - 1] = regels[nr - 1].replace(",87461,", ",87.461,", 1)
    pad.write_text("\n".join(regels), encoding="utf-8")
    weigert(data_kopie, gepubliceerd, "kwb2024_85984NED_gemeenten.csv", f"regel {nr}",
            "kolom AantalInwoners_5", "'87.461'")


def test_duizendtalpunt_in_schulden_csv(data_kopie: Path, gepubliceerd: Path):
    pad = data_kopie / "lokaal/schulden_dashboard.csv"
    tekst = pad.read_text(encoding="utf-8")
    assert ",661730," in tekst
    pad.write_text(tekst.replace(",661730,", ",661.730,"), encoding="utf-8")
    weigert(data_kopie, gepubliceerd, "schulden_dashboard.csv regel 2", "kolom aantal_huishoudens",
            "'661.730'")


def test_duizendtalpunt_in_beleidsdocumenten_csv(data_kopie: Path, gepubliceerd: Path):
    pad = data_kopie / "lokaal/beleidsdocumenten_cijfers.csv"
    tekst = pad.read_text(encoding="utf-8")
    nr = next(n for n, r in enumerate(tekst.splitlines(), start=1) if ",46072," in r)
    pad.write_text(tekst.replace(",46072,", ",46.072,"), encoding="utf-8")
    weigert(data_kopie, gepubliceerd, f"beleidsdocumenten_cijfers.csv regel {nr}", "kolom waarde",
            "'46.072'")


def test_punt_in_een_bestand_met_decimale_komma_is_dubbelzinnig(data_kopie: Path, gepubliceerd: Path):
    pad = data_kopie / INKOMEN
    tekst = pad.read_text(encoding="utf-8-sig")
    regels = tekst.split("\n")
    nr = next(n for n, r in enumerate(regels, start=1) if '""Heerlen""' in r)
    velden = regels[nr - 1].split(";")
    assert velden[-2] == "45,7"  # Gemiddeld besteedbaar inkomen (1 000 euro), Heerlen 2024*
    velden[-2] = "45.7"
    regels[nr - 1] = ";".join(velden)
    pad.write_text("\ufeff" + "\n".join(regels), encoding="utf-8")
    weigert(data_kopie, gepubliceerd, "Inkomen_van_huishoudens__regio_11122025_135329.csv",
            f"regel {nr}", "kolom Inkomen/Gemiddeld besteedbaar inkomen", "'45.7'", "decimale komma")


@pytest.mark.parametrize(("tekst", "decimaal", "geheel", "verwacht"), [
    ("87461", "punt", True, 87461.0), ("4.3", "punt", False, 4.3), ("60,2", "komma", False, 60.2),
    ("1.234,5", "komma", False, 1234.5), ("       .", "punt", True, None), ("", "komma", False, None),
])
def test_getal_volgt_het_dialect(tekst: str, decimaal: str, geheel: bool, verwacht: float | None):
    assert getal(tekst, decimaal=decimaal, geheel=geheel) == verwacht


@pytest.mark.parametrize(("tekst", "decimaal", "geheel"), [
    ("87.461", "punt", True), ("1,5", "punt", False), ("87.461", "komma", False), ("1_000", "punt", False),
    ("1e5", "punt", False), ("12a", "punt", False),
])
def test_getal_weigert_wat_dubbelzinnig_is(tekst: str, decimaal: str, geheel: bool):
    with pytest.raises(ValueError):
        getal(tekst, decimaal=decimaal, geheel=geheel)


# ----------------------------------------------------------------------------- columns and status
def test_hernoemde_optionele_kolom_stopt_met_de_verwachte_kolommen(data_kopie: Path, gepubliceerd: Path):
    pad = data_kopie / "lokaal/schulden_dashboard.csv"
    tekst = pad.read_text(encoding="utf-8")
    pad.write_text(tekst.replace("aantal_huishoudens", "aantal_hh", 1), encoding="utf-8")
    weigert(data_kopie, gepubliceerd, "schulden_dashboard.csv", "aantal_hh", "aantal_huishoudens (optioneel)")


def test_ontbrekende_optionele_kolom_staat_in_niet_geladen(data_kopie: Path, tmp_path: Path):
    pad = data_kopie / "lokaal/schulden_dashboard.csv"
    regels = pad.read_text(encoding="utf-8").splitlines()
    kop = regels[0].split(",")
    weg = kop.index("aantal_huishoudens")
    import csv
    import io
    rijen = list(csv.reader(io.StringIO("\n".join(regels))))
    uit = io.StringIO()
    csv.writer(uit, lineterminator="\n").writerows([r[:weg] + r[weg + 1:] for r in rijen])
    pad.write_text(uit.getvalue(), encoding="utf-8")
    db = bouw_database(tmp_path / "m.duckdb", data_dir=data_kopie)
    with duckdb.connect(str(db), read_only=True) as con:
        reden = con.execute("SELECT reden, kolom, bestand, indicator_key FROM niet_geladen "
                            "WHERE bron_id='schulden-dashboard'").fetchall()
        aantallen = con.execute("SELECT count(*) FROM waarneming "
                                "WHERE indicator_key='problematische_schulden_hh' AND bron_id='schulden-dashboard'"
                                ).fetchone()[0]
    # The reason is a sentence; column, file and indicator key are columns of their own.
    assert reden == [("Het bestand van deze bron heeft geen kolom voor dit cijfer.", "aantal_huishoudens",
                      "schulden_dashboard.csv", "problematische_schulden_hh")]
    assert aantallen == 0


def test_onbekende_status_noemt_bestand_en_regel_in_het_nederlands(data_kopie: Path, gepubliceerd: Path):
    pad = data_kopie / "lokaal/schulden_dashboard.csv"
    regels = pad.read_text(encoding="utf-8").split("\n")
    regels[2] = regels[2].replace(",geciteerd,", ",bogus,", 1)
    pad.write_text("\n".join(regels), encoding="utf-8")
    melding = weigert(data_kopie, gepubliceerd, "schulden_dashboard.csv regel 3", "onbekende status 'bogus'")
    assert "CHECK" not in melding
