"""De gemeentekaart op echte snapshotcijfers: vormen, kleuren, hover, zoom, jaren, tekst."""

from __future__ import annotations

import hashlib
import itertools
import tomllib
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from colorspacious import cspace_convert
from plotly.colors import unlabel_rgb

from monitor.verkennen import kaart
from tests.kaart_hulp import KWB_2021, ROOT, cijfers, regio_codes

GEKOZEN = ["GM0917", "NL01", "GM0362", "GM0396", "GM0935"]


@pytest.fixture(scope="module")
def armoede_2024(snapshot_database: Path) -> pd.DataFrame:
    return cijfers(snapshot_database, "personen_in_armoede_pct", 2024)


def _figuur(frame: pd.DataFrame, db: Path, **extra) -> object:
    args = {"eenheid": "%", "jaar": 2024, "regio_codes": regio_codes(db)} | extra
    return kaart.kaartfiguur(frame, GEKOZEN, "lager_is_beter", "Personen in armoede", **args)


def _spoor(fig, naam: str):
    return next(t for t in fig.data if t.name == naam)


# ----------------------------------------------------------------------------- bestand


def test_kaartbestand_is_ongewijzigd_en_heeft_herkomst() -> None:
    """Zelfde bytes als in de gedeelde map (sha256 uit de README daar), met bron en licentie."""
    pad = ROOT / "static" / "kaart" / "gemeenten_2024.geojson"
    assert hashlib.sha256(pad.read_bytes()).hexdigest() == (
        "21fc9271e2e7c811c8c342c9cb933568bec0db2298234eb257b9a8dbca67fa72")
    readme = (ROOT / "static" / "kaart" / "README.md").read_text(encoding="utf-8")
    assert "CC BY 4.0" in readme and "CBS/Kadaster" in readme and "cartomap/nl" in readme


def test_figuur_noemt_het_adres_van_de_grenzen_dat_streamlit_serveert(armoede_2024,
                                                                      snapshot_database) -> None:
    """De vormen reizen niet mee in de figuur: elk vlakspoor wijst naar hetzelfde bestand, dat
    Streamlit (enableStaticServing) vanuit static/ naast dashboard.py aan de browser geeft."""
    fig = _figuur(armoede_2024, snapshot_database)
    vlakken = [t for t in fig.data if t.type == "choropleth"]
    assert len(vlakken) >= 2 and {t.geojson for t in vlakken} == {kaart.KAART_URL}
    assert kaart.KAART_URL == "app/static/kaart/gemeenten_2024.geojson"
    assert (ROOT / "static" / kaart.KAART_URL.removeprefix("app/static/")) == kaart.KAART_PAD
    assert kaart.KAART_PAD.is_file()
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["enableStaticServing"] is True
    # Klein: zonder de 190 kB aan vormen is de figuur een paar tientallen kB.
    assert len(fig.to_json()) < 60_000


def test_laden_controleert_codes_tegen_regio(snapshot_database: Path) -> None:
    geo = kaart.gemeentegrenzen(regio_codes(snapshot_database))
    assert len(geo["features"]) == 342
    assert kaart.gemeentegrenzen() is geo  # één keer gelezen
    zonder = [c for c in regio_codes(snapshot_database) if c not in ("GM0917", "GM0014")]
    with pytest.raises(kaart.KaartFout, match=r"2 gemeentecode\(s\).*GM0014, GM0917.*make build"):
        kaart.gemeentegrenzen(zonder)


# ----------------------------------------------------------------------------- figuur


def test_alle_342_gemeenten_getekend_met_gekozen_rand_en_label(armoede_2024,
                                                               snapshot_database) -> None:
    fig = _figuur(armoede_2024, snapshot_database)
    met, = [t for t in fig.data if t.type == "choropleth" and t.name == "met cijfer"]
    zonder = [t for t in fig.data if t.name == "geen cijfer"]
    getekend = list(met.locations) + [c for t in zonder for c in t.locations]
    assert len(getekend) == len(set(getekend)) == 342
    rand = _spoor(fig, "gekozen")
    assert list(rand.locations) == ["GM0917", "GM0362", "GM0396", "GM0935"]  # NL01 heeft geen vorm
    assert rand.marker.line.width > met.marker.line.width
    assert list(_spoor(fig, "namen").text) == ["Heerlen", "Amstelveen", "Heemskerk", "Maastricht"]
    # Geen basiskaart of tegels van internet; het eerste spoor houdt plotly.js bij de topojson weg.
    assert fig.layout.geo.visible is False and fig.layout.geo.fitbounds == "locations"
    assert fig.data[0].type == "scattergeo" and fig.data[0].locationmode is None
    assert not any(t.type in ("choroplethmap", "scattermap") for t in fig.data)
    assert "CBS, Kadaster" in fig.layout.annotations[0].text


def test_hover_is_nederlands_met_jaar_status_en_plaats(armoede_2024, snapshot_database) -> None:
    fig = _figuur(armoede_2024, snapshot_database)
    met = _spoor(fig, "met cijfer")
    per_code = dict(zip(met.locations, met.customdata, strict=True))
    heerlen = list(per_code["GM0917"])
    rij = armoede_2024.set_index("regio_code").loc["GM0917"]
    assert rij["status"] == "voorlopig"
    verwacht = f"{rij['waarde']:.1f}".replace(".", ",") + "%"
    plaats = int((armoede_2024["waarde"] < rij["waarde"]).sum()) + 1
    assert heerlen[:5] == ["Heerlen", verwacht, "2024*", "voorlopig", f"Plaats {plaats} van 342"]
    assert "84799NED" not in heerlen[5] and heerlen[5] != "onbekende bron"
    assert "Jaar: %{customdata[2]}" in met.hovertemplate
    # De code reist mee, zodat een klik op de kaart (on_select) een gemeente kan toevoegen.
    assert all(d[6] == c for c, d in zip(met.locations, met.customdata, strict=True))


def test_gemeenten_zonder_cijfer_grijs_met_reden(snapshot_database) -> None:
    frame = cijfers(snapshot_database, "gestandaardiseerd_inkomen_hh", 2024)
    leeg = frame[frame["waarde"].isna()]
    assert len(leeg) == 5  # CBS: onbekend
    fig = kaart.kaartfiguur(frame, GEKOZEN, "hoger_is_beter", "Inkomen", eenheid="euro", jaar=2024)
    grijs = _spoor(fig, "geen cijfer")
    assert set(grijs.locations) == set(leeg["regio_code"])
    assert grijs.colorscale[0][1] == kaart.GEEN_CIJFER_KLEUR and grijs.showlegend
    assert {d[1] for d in grijs.customdata} == {"geen cijfer"}
    assert {d[3] for d in grijs.customdata} == {"onbekend"}
    # Heerlen heeft een bedrag in euro's met punt voor duizendtallen
    met = _spoor(fig, "met cijfer")
    heerlen = dict(zip(met.locations, met.customdata, strict=True))["GM0917"]
    assert heerlen[1].startswith("€\u00a0") and "." in heerlen[1]


def _lichtheid(kleur: str, cvd: str | None) -> float:
    rgb = np.array(unlabel_rgb(kleur)) / 255
    if cvd:
        rgb = np.clip(cspace_convert(rgb, {"name": "sRGB1+CVD", "cvd_type": cvd, "severity": 100},
                                     "sRGB1"), 0, 1)
    return float(cspace_convert(rgb, "sRGB1", "CAM02-UCS")[0])


@pytest.mark.parametrize("cvd", [None, "deuteranomaly", "protanomaly", "tritanomaly"])
def test_ongunstig_is_altijd_donker_ook_bij_kleurenblindheid(cvd: str | None) -> None:
    """Lichtheid daalt van gunstig naar ongunstig, voor elke richting en elke kleurenblindheid."""
    for richting in ("lager_is_beter", "hoger_is_beter"):
        schaal = kaart.kleurschaal(richting)
        kleuren = [k for _, k in schaal]
        if richting == "hoger_is_beter":  # laag cijfer = ongunstig = donker
            kleuren = kleuren[::-1]
        licht = [_lichtheid(k, cvd) for k in kleuren]
        assert all(a > b for a, b in zip(licht, licht[1:], strict=False)), (richting, licht)
    # Neutraal: donker = hoger, en een andere tint dan het oordeel
    neutraal = [k for _, k in kaart.kleurschaal("neutraal")]
    assert neutraal[-1] != kaart.kleurschaal("lager_is_beter")[-1][1]
    assert _lichtheid(neutraal[0], cvd) > _lichtheid(neutraal[-1], cvd)


def test_kleurbereik_negeert_een_uitschieter(snapshot_database) -> None:
    frame = cijfers(snapshot_database, "gestandaardiseerd_inkomen_hh", 2024)
    bereik = kaart.kleurbereik(list(frame["waarde"].dropna()))
    assert bereik["zmax"] < frame["waarde"].max()  # Laren (NH.) valt erbuiten
    assert bereik["zmin"] >= frame["waarde"].min()


# ----------------------------------------------------------------------------- zoom


def test_limburg_lijst_klopt_met_provincie_in_snapshot() -> None:
    """De vaste lijst is gelijk aan de provincie Limburg in het KWB-2021-bestand van de snapshot."""
    kwb = pd.read_csv(KWB_2021, usecols=["gemeentecode", "Provincie"])
    assert set(kaart.LIMBURG) == set(kwb.loc[kwb["Provincie"] == "Limburg", "gemeentecode"])
    assert set(kaart.ZUID_LIMBURG) < set(kaart.LIMBURG) and len(kaart.ZUID_LIMBURG) == 16
    # Zuid-Limburg zijn precies de 16 zuidelijkste Limburgse gemeenten.
    punten = kaart.labelpunten()
    zuidelijk = sorted(kaart.LIMBURG, key=lambda c: punten[c][1])[:16]
    assert set(zuidelijk) == set(kaart.ZUID_LIMBURG)


@pytest.mark.parametrize(("gebied", "aantal"), [("limburg", 31), ("zuid-limburg", 16)])
def test_inzoomen_tekent_alleen_het_gebied_met_landelijke_kleuren(armoede_2024, snapshot_database,
                                                                 gebied: str, aantal: int) -> None:
    land = _figuur(armoede_2024, snapshot_database)
    fig = _figuur(armoede_2024, snapshot_database, gebied=gebied)
    met = _spoor(fig, "met cijfer")
    assert len(met.locations) == aantal
    landelijk = _spoor(land, "met cijfer")
    assert (met.zmin, met.zmax) == (landelijk.zmin, landelijk.zmax)
    # Plaats blijft landelijk: "van 342"
    assert all(d[4].endswith("van 342") for d in met.customdata)
    assert list(_spoor(fig, "gekozen").locations) == ["GM0917", "GM0935"]
    hoeken = fig.data[0]
    assert max(hoeken.lat) < 52.0 and min(hoeken.lon) > 5.3  # Amsterdam (4,9; 52,4) valt erbuiten
    with pytest.raises(kaart.KaartFout, match="Onbekend gebied"):
        _figuur(armoede_2024, snapshot_database, gebied="friesland")


def _in_vorm(lon: float, lat: float, code: str) -> bool:
    """Ligt het punt in de gemeente (een van haar delen), volgens het kaartbestand zelf."""
    vorm = next(f for f in kaart.gemeentegrenzen()["features"] if f["id"] == code)["geometry"]
    delen = [vorm["coordinates"]] if vorm["type"] == "Polygon" else vorm["coordinates"]
    binnen = False
    for deel in delen:
        ring = deel[0]
        for (x0, y0), (x1, y1) in itertools.pairwise(ring):
            if (y0 > lat) != (y1 > lat) and lon < x0 + (lat - y0) * (x1 - x0) / (y1 - y0):
                binnen = not binnen
    return binnen


#: Richting waarin Plotly de tekst vanaf het punt zet, per textposition (lengte, breedte).
_WEG = {"middle right": (1, 0), "middle left": (-1, 0), "top center": (0, 1),
        "bottom center": (0, -1)}


@pytest.mark.parametrize(("gebied", "codes"), [
    ("zuid-limburg", ["GM0917", "GM0935", "GM0928"]),  # Heerlen, Maastricht, Kerkrade: buren
    ("nederland", ["GM0917", "GM0362", "GM0396", "GM0935"]),
])
def test_namen_staan_naast_de_gekozen_gemeenten_niet_erop(armoede_2024, snapshot_database,
                                                          gebied: str, codes: list[str]) -> None:
    """Issue 12: de naam stond op het midden van de gemeente en liep over haar eigen dikke rand
    (de "t" van Maastricht onder de rand, Heerlen tegen zijn grens). Nu begint hij net buiten de
    vorm en loopt hij ervan af: het punt en de weg die de tekst aflegt liggen in geen enkele
    gekozen gemeente. (Dat de tekst ook in de browser vrij ligt: tests/e2e/test_niets_afgekapt.py.)
    """
    fig = kaart.kaartfiguur(armoede_2024, codes, "lager_is_beter", "Personen in armoede",
                            eenheid="%", jaar=2024, gebied=gebied,
                            regio_codes=regio_codes(snapshot_database))
    namen = _spoor(fig, "namen")
    assert len(namen.text) == len(codes)
    # Een halve labelbreedte ver (0,04 graad: 25 px in Zuid-Limburg) in de richting van de tekst.
    stap = 0.04 if gebied == "zuid-limburg" else 0.3
    for naam, lon, lat, positie in zip(namen.text, namen.lon, namen.lat, namen.textposition,
                                       strict=True):
        dx, dy = _WEG[positie]
        for deel in (0.0, 0.25, 0.5, 0.75, 1.0):
            punt = (lon + dx * stap * deel, lat + dy * stap * deel * 0.6)
            geraakt = [c for c in codes if _in_vorm(*punt, c)]
            assert not geraakt, (naam, positie, punt, geraakt)
    # Een witte rand om elke letter, in alle richtingen (niet alleen een vage gloed).
    schaduw = namen.textfont.shadow
    assert all(f"{x}px {y}px 0 #ffffff" in schaduw for x in (-1, 1) for y in (-1, 1))
    # Het beeld is groot genoeg voor de labels: het anker (eerste spoor) omvat elk labelpunt.
    hoeken = fig.data[0]
    assert min(hoeken.lon) < min(namen.lon) and max(namen.lon) < max(hoeken.lon)
    assert min(hoeken.lat) < min(namen.lat) and max(namen.lat) < max(hoeken.lat)


# ----------------------------------------------------------------------------- jaren


def test_jaar_met_andere_indeling_noemt_wat_niet_getekend_kan_worden(snapshot_database) -> None:
    frame = cijfers(snapshot_database, "hh_laag_inkomen_pct", 2021)
    weg = kaart.niet_tekenbaar(frame)
    assert len(weg) == 14
    assert {"Weesp", "Uden", "Heerhugowaard", "Brielle"} <= set(weg["regio_naam"])
    assert not weg["regio_code"].isin(list(kaart.kaart_namen())).any()
    tekst = kaart.niet_tekenbaar_tekst(frame, 2021)
    assert tekst.startswith("14 gemeenten uit 2021 staan niet op de kaart") and "Weesp" in tekst
    # 2024 past precies
    assert kaart.niet_tekenbaar(cijfers(snapshot_database, "inwoners", 2024)).empty
    assert kaart.niet_tekenbaar_tekst(cijfers(snapshot_database, "inwoners", 2024), 2024) is None


# ----------------------------------------------------------------------------- tekst


def test_kaart_tekst_noemt_waarde_plaats_en_uitersten(armoede_2024) -> None:
    tekst = kaart.kaart_tekst(armoede_2024, "GM0917", "lager_is_beter",
                              indicator_titel="Personen in armoede", eenheid="%", jaar=2024)
    gesorteerd = armoede_2024.dropna(subset=["waarde"]).sort_values("waarde")
    laag, hoog = gesorteerd.iloc[0], gesorteerd.iloc[-1]
    assert tekst.startswith("Personen in armoede, 2024*: Heerlen ")
    assert "van 342 gemeenten (plaats 1 = laagste)" in tekst
    assert f"laagste {laag['regio_naam']} " in tekst and f"hoogste {hoog['regio_naam']} " in tekst
    assert tekst.count(".") == 1 and tekst.endswith(".")  # één zin
    zonder = kaart.kaart_tekst(armoede_2024, "GM9999", "lager_is_beter",
                               indicator_titel="Personen in armoede", eenheid="%", jaar=2024)
    assert "GM9999 heeft geen cijfer" in zonder
