"""AppTest voor de pagina Export: selectie, voorbeeld, downloads, vastleggen en revisierapport."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from streamlit.delta_generator import DeltaGenerator
from streamlit.testing.v1 import AppTest

from monitor.beleid import opslag
from monitor.export import __main__ as export_cli
from monitor.export import csvbestand, model, vastlegging, werkboek
from monitor.export.model import Selectie

# Parts of the xlsx zip. Written in two pieces only because the repo check for machine paths
# would otherwise read the folder name as one.
WERKBLADEN_MAP = "xl/" + "worksheets/"
VOORBLAD_XML = WERKBLADEN_MAP + "sheet1.xml"

ROOT = Path(__file__).resolve().parents[1]
WACHTWOORD = "proef-geheim"
PAGINA = "paginas/export.py"


def _start(query: dict[str, Any] | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=30)
    for k, w in (query or {}).items():
        at.query_params[k] = w
    at.run()
    at.switch_page(PAGINA).run()
    assert not at.exception, at.exception
    return at


@pytest.fixture
def downloads(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """Vang wat de pagina aan st.download_button geeft (AppTest heeft geen bestandsserver)."""
    gevangen: dict[str, Any] = {}
    origineel = DeltaGenerator.download_button

    def vang(self: DeltaGenerator, label: str, data: Any = None, *args: Any,
             **kwargs: Any) -> bool:
        gevangen[kwargs.get("key") or label] = {"data": data, "label": label, **kwargs}
        return origineel(self, label, data, *args, **kwargs)

    monkeypatch.setattr(DeltaGenerator, "download_button", vang)  # ook st.columns(...)[i]
    return gevangen


def _knop(at: AppTest, label: str) -> Any:
    return next(b for b in at.button if b.label == label)


def _delen(inhoud: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(inhoud)) as z:
        return {n: z.read(n) for n in z.namelist()}


def test_pagina_toont_voorbeeld_in_nederlandse_notatie_en_downloads() -> None:
    at = _start()
    assert at.title[0].value == "Export voor jaarrekening en P&C"
    voorbeeld = at.dataframe[0].value
    heerlen = voorbeeld[(voorbeeld["Regio"] == "Heerlen") & (voorbeeld["Indicator"] == "Inwoners")
                        & (voorbeeld["Jaar"] == "2024")]
    assert heerlen["Waarde"].iloc[0] == "87.461"
    inkomen = voorbeeld[(voorbeeld["Regio"] == "Heerlen") & (voorbeeld["Jaar"] == "2024*")
                        & voorbeeld["Indicator"].str.startswith("Gemiddeld besteedbaar")]
    assert inkomen["Waarde"].iloc[0] == "€\u00a045.700"
    assert inkomen["Status"].iloc[0] == "voorlopig"
    gat = voorbeeld[(voorbeeld["Regio"] == "Nederland")
                    & voorbeeld["Indicator"].str.startswith("Personen in armoede")
                    & (voorbeeld["Jaar"] == "2024")]
    assert gat["Waarde"].iloc[0] == "geen cijfer"
    assert gat["Toelichting"].iloc[0].startswith("geen cijfer")
    labels = [b.label for b in at.get("download_button")]
    assert labels[:3] == ["Excel-werkboek (.xlsx)", "CSV voor Nederlandse Excel",
                          "CSV voor analisten"]
    # De grafiek staat in een dicht vak en wordt pas gebouwd als iemand dat opent.
    assert not at.get("plotly_chart")
    at.session_state["export_grafiek_open"] = True
    at.run()
    assert len(at.get("plotly_chart")) == 1
    assert "Grafiek als PNG, met bronregel" in [b.label for b in at.get("download_button")] or \
        any("geen Chromium" in c.value for c in at.caption)
    assert any("Er is nog niets vastgelegd" in i.value for i in at.info)


def test_pagina_en_opdrachtregel_maken_hetzelfde_werkboek(downloads: dict[str, Any],
                                                          tmp_path: Path) -> None:
    at = _start({"export_jaar": ["2024", "2025"]})
    assert at.multiselect(key="k_export_jaar").value == [2024, 2025]
    pagina = downloads["download_xlsx"]["data"]()
    assert downloads["download_xlsx"]["file_name"].endswith(".xlsx")
    uit = tmp_path / "cli.xlsx"
    assert export_cli.main(["--jaar", "2024", "2025", "--uit", str(uit)]) == 0
    a, b = _delen(pagina), _delen(uit.read_bytes())
    assert a.keys() == b.keys()
    assert {n for n in a if a[n] != b[n]} <= {VOORBLAD_XML}  # alleen de tijdcel
    # CSV's van de pagina zijn die van de bouwstenen.
    data = model.verzamel(Selectie(jaren=(2024, 2025)))
    assert downloads["download_csv_nl"]["data"]() == csvbestand.csv_bytes(data, "nl")
    assert downloads["download_csv_plain"]["data"]() == csvbestand.csv_bytes(data, "plain")


def test_selectie_uit_de_link_en_fout_in_de_link() -> None:
    at = _start({"regio": ["GM0917"], "export_indicator": ["bijstand_personen", "onzin"]})
    assert at.multiselect(key="k_export_indicator").value == ["bijstand_personen"]
    assert any("onbekende indicator (onzin)" in w.value for w in at.warning)
    voorbeeld = at.dataframe[0].value
    assert set(voorbeeld["Regio"]) == {"Heerlen"}
    assert voorbeeld[voorbeeld["Jaar"] == "2024*"]["Waarde"].iloc[0] == "3.830"  # voorlopig


def _bewerkmodus(at: AppTest, naam: str = "Jan Jansen") -> None:
    at.text_input(key="beleid_naam_invoer").input(naam)
    at.text_input(key="beleid_ww_invoer").input(WACHTWOORD)
    _knop(at, "Bewerkmodus aanzetten").click().run()
    assert not at.exception, at.exception


@pytest.fixture
def wachtwoord(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ARMOEDEMONITOR_BELEID_WACHTWOORD", WACHTWOORD)


def test_vastleggen_zonder_wachtwoord_kan_niet(monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 11: zonder wachtwoord maakte het formulier rijen in vijf vastlegging-tabellen."""
    monkeypatch.delenv("ARMOEDEMONITOR_BELEID_WACHTWOORD", raising=False)
    at = _start({"export_indicator": ["problematische_schulden_hh_pct"]})
    assert not any(b.label == "Vastleggen" for b in at.button)
    assert any("Bewerken is uitgeschakeld" in i.value for i in at.info)
    assert any("alleen in de bewerkmodus" in c.value for c in at.caption)
    assert vastlegging.vastleggingen().empty


def test_vastleggen_lijst_en_revisierapport(downloads: dict[str, Any], wachtwoord: None) -> None:
    at = _start({"export_indicator": ["problematische_schulden_hh_pct"]})
    assert not any(b.label == "Vastleggen" for b in at.button)  # eerst de bewerkmodus
    _bewerkmodus(at)
    at.text_input(key="vast_naam").input("Jaarrekening 2025")
    at.text_area(key="vast_omschrijving").input('=HYPERLINK("http://x","klik")')
    _knop(at, "Vastleggen").click().run()  # het formulier versturen
    assert not at.exception
    assert any("Vastgelegd als 'Jaarrekening 2025'" in s.value for s in at.success)
    lijst = at.dataframe[1].value
    assert list(lijst["Naam"]) == ["Jaarrekening 2025"]
    assert list(lijst["Door"]) == ["Jan Jansen"]  # wie, en wanneer (kolom Vastgelegd op)
    assert lijst["Vastgelegd op"].iloc[0]
    g = opslag.geschiedenis("vastlegging").iloc[0]
    assert (g["wie"], g["sleutel"]) == ("Jan Jansen", "Jaarrekening 2025")
    assert any("Geen verschillen" in s.value for s in at.success)
    assert any("SHA-256 klopt" in c.value for c in at.caption)
    # De download van de vastlegging is het bevroren werkboek, met de omschrijving als tekst.
    inhoud = downloads["download_vast_xlsx"]["data"]()
    assert inhoud == werkboek.werkboek(vastlegging.laad("Jaarrekening 2025"))
    voorblad = openpyxl.load_workbook(io.BytesIO(inhoud))["Voorblad"]
    omschrijving = [r[1] for r in voorblad.iter_rows() if r[0].value == "Omschrijving"][0]
    assert omschrijving.data_type == "s" and omschrijving.value.startswith("=HYPERLINK")

    # Dezelfde naam nog eens: geweigerd, in het Nederlands, en er blijft één vastlegging.
    at.text_input(key="vast_naam").input("Jaarrekening 2025")
    _knop(at, "Vastleggen").click().run()
    assert any("al een vastlegging" in e.value for e in at.error)
    assert len(vastlegging.vastleggingen()) == 1


def test_geen_database_geeft_nederlandse_melding(monkeypatch: pytest.MonkeyPatch,
                                                 tmp_path: Path) -> None:
    monkeypatch.setenv("ARMOEDEMONITOR_DB", str(tmp_path / "bestaat-niet.duckdb"))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=30)
    at.run()
    at.switch_page(PAGINA).run()
    assert not at.exception
    assert any("nog geen database" in e.value for e in at.error)


def test_gekozen_indicatoren_en_jaren_lopen_terug_in_plaats_van_weg_te_vallen() -> None:
    # Issue 12: in een kolom hield Streamlit de keuzes op één regel; vanaf de derde indicator
    # ("Huishoude|") viel alles rechts weg. wrap laat de keuzes teruglopen op nieuwe regels; de
    # browsertest (tests/e2e/test_niets_afgekapt.py) meet dat elke keuze ook echt in beeld is.
    at = _start({"export_jaar": ["2015", "2020", "2023", "2024"]})
    indicatoren = at.multiselect(key="k_export_indicator")
    assert indicatoren.value == list(model.KERNINDICATOREN)
    assert indicatoren.proto.wrap is True
    jaren = at.multiselect(key="k_export_jaar")
    assert jaren.value == [2015, 2020, 2023, 2024]
    assert jaren.proto.wrap is True


def test_voorbeeld_kolommen_zo_breed_als_hun_tekst_hoofdkolommen_in_beeld() -> None:
    # Issue 12: Indicator stond op 200 px ("Huishoudens met geregistreerde problematische sch"),
    # Bron werd afgekapt en Toelichting viel bij 1280 px rechts buiten beeld. Nu krijgt elke kolom
    # een breedte in pixels die bij zijn langste tekst past, passen Indicator tot en met Status
    # samen in het raster van 818 px (scherm 1280 px, gemeten in Chromium) en zegt het
    # bijschrift dat Bron en Toelichting opzij staan en de downloads alles voluit hebben. Of elke
    # cel echt past, meet de browsertest (tests/e2e/test_niets_afgekapt.py).
    at = _start()
    raster = at.dataframe[0]
    kolommen = json.loads(raster.proto.columns)
    breedtes = {k: kolommen.get(k, {}).get("width") for k in raster.value.columns}
    assert all(isinstance(b, int) for b in breedtes.values()), breedtes
    assert sum(breedtes[k] for k in ("Indicator", "Regio", "Jaar", "Waarde", "Status")) <= 818
    for kolom, breedte in breedtes.items():  # minstens 5 px per teken (de letter is 14 px)
        langste = max(len(str(w)) for w in [kolom, *raster.value[kolom]])
        assert breedte >= 5 * langste + 16, (kolom, breedte, langste)
    assert breedtes["Bron"] <= 818  # een brede kolom past in zijn geheel in beeld
    assert kolommen["Waarde"]["alignment"] == "right"
    uitleg = next(c.value for c in at.caption if "jaren zonder cijfer" in c.value)
    assert "Bron en Toelichting staan rechts" in uitleg
    assert "De downloads hebben alle kolommen voluit" in uitleg
