"""Kaart van alle gemeenten: een Plotly-choropleth zonder achtergrondkaart van internet.

Puur: een frame met cijfers erin, een Plotly-figuur of tekst eruit; geen Streamlit. De pagina
haalt de cijfers (bijv. ``store.gemeenten_in_jaar``) en geeft ze door.

Vaste keuzes:

- **Grenzen**: ``static/kaart/gemeenten_2024.geojson`` (342 gemeenten op 1 januari 2024, CBS/Kadaster,
  CC BY 4.0; herkomst in ``static/kaart/README.md``). Het bestand wordt één keer gelezen
  (``functools.cache``) en bij het laden gecontroleerd: elke gemeentecode op de kaart moet in de
  tabel ``regio`` staan, anders is kaart of database verkeerd en zeggen we dat.
- **De browser haalt de grenzen zelf op** (:data:`KAART_URL`, Streamlits ``enableStaticServing``):
  de figuur noemt alleen het adres. Zo gaan er niet bij elke keuze 190 kB aan vormen over de
  websocket, hoeft Python ze niet per spoor te kopiëren (Plotly kopieert een GeoJSON-dict bij
  elke toewijzing) en bewaart de browser het bestand tussen reruns. Gemeten in
  ``bench/pages.py``: de eerste grafiek op Vergelijken ~0,35 s sneller.
- **Niets van internet**: ``go.Choropleth`` met ``locationmode="geojson-id"``, ``fitbounds`` en een
  onzichtbare basiskaart (``geo.visible=False``), zonder kaarttegels. Het eerste spoor is een
  onzichtbaar punt, zodat plotly.js ook geen wereldkaart (topojson) van internet haalt (zie
  :func:`kaartfiguur`).
- **Kleur volgt de richting**: ongunstig is altijd de donkere kant. Bij ``lager_is_beter`` is een
  hoog cijfer donker, bij ``hoger_is_beter`` een laag cijfer. Bij ``neutraal`` is er geen oordeel:
  een andere kleur (blauw) en donker = hoger. Beide schalen zijn ColorBrewer-reeksen waarvan de
  lichtheid steeds afneemt, ook voor kleurenblinden (getest in ``tests/test_kaart.py``).
- **Geen cijfer** is lichtgrijs en heet zo in de hover en de legenda; nooit 0.
- **Plaats** volgt :mod:`monitor.ranglijst` (plaats 1 = beste volgens de richting).
- **Afronding door CBS**: een cijfer dat door afronding onzeker is (kleine aantallen, zie
  ``monitor.domein.afronding_breed``) krijgt in de hover zijn bereik en de plaatsen die de
  afronding toelaat, en heet in de tekst niet zonder meer "laagste" of "hoogste".
- **Namen van gekozen gemeenten** staan naast hun vorm, niet erop, met een witte rand om de
  letters, en niet op een andere gekozen gemeente of een ander label (:func:`labelplaatsen`).
- **Andere jaren**: gemeenten die in een jaar een andere code hadden (herindeling), hebben geen
  vorm op de kaart van 2024; :func:`niet_tekenbaar` zegt welke.
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
import json
import math
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.colors import sequential

from etl.config import ROOT
from monitor import fmt
from monitor.letterlijk import letterlijk, plotly_letterlijk
from monitor.verkennen import ranglijst

#: Streamlit serveert ``static/`` naast dashboard.py (``server.enableStaticServing``).
STATIC_MAP = ROOT / "static"
KAART_PAD = STATIC_MAP / "kaart" / "gemeenten_2024.geojson"
#: Relatief adres: werkt op elke pagina (/, /vergelijken) en achter een ``baseUrlPath``.
KAART_URL = "app/static/" + KAART_PAD.relative_to(STATIC_MAP).as_posix()
KAART_JAAR = 2024
#: Naamsvermelding die CC BY 4.0 vraagt; staat onder elke kaart.
BRONVERMELDING = "Kaart: CBS, Kadaster (gebiedsindelingen 2024), CC BY 4.0; via cartomap/nl"

#: Ongunstig = donker. ColorBrewer YlOrBr: lichtheid daalt over de hele schaal.
SCHAAL_OORDEEL: list[str] = list(sequential.YlOrBr)
#: Neutraal: geen oordeel, andere tint. ColorBrewer Blues, donker = hoger.
SCHAAL_NEUTRAAL: list[str] = list(sequential.Blues)
GEEN_CIJFER_KLEUR = "#BDBDBD"
RAND_KLEUR = "#FFFFFF"
GEKOZEN_RAND = {"color": "#000000", "width": 2.5}

# Provincie Limburg: de 31 gemeenten van 2024 (CBS-gemeentecodes). De kaart heeft geen
# provincie-eigenschap; de lijst komt uit CBS "Gebieden in Nederland 2024" (StatLine 85755NED)
# en wordt in de tests vergeleken met de kolom Provincie van het KWB-2021-bestand in
# data/snapshot/ (geen herindelingen in Limburg tussen 2021 en 2024).
LIMBURG: tuple[str, ...] = (
    "GM0882", "GM0888", "GM0889", "GM0893", "GM0899", "GM0907", "GM0917", "GM0928", "GM0935",
    "GM0938", "GM0944", "GM0946", "GM0957", "GM0965", "GM0971", "GM0981", "GM0983", "GM0984",
    "GM0986", "GM0988", "GM0994", "GM1507", "GM1640", "GM1641", "GM1669", "GM1711", "GM1729",
    "GM1883", "GM1894", "GM1903", "GM1954",
)  # fmt: skip
# Zuid-Limburg: COROP-gebied Zuid-Limburg (CR39) volgens dezelfde CBS-tabel, 16 gemeenten.
ZUID_LIMBURG: tuple[str, ...] = (
    "GM0882", "GM0888", "GM0899", "GM0917", "GM0928", "GM0935", "GM0938", "GM0965", "GM0971",
    "GM0981", "GM0986", "GM0994", "GM1729", "GM1883", "GM1903", "GM1954",
)  # fmt: skip
#: Zoomkeuzes voor de pagina: sleutel → (label, gemeenten of None voor heel Nederland).
GEBIEDEN: dict[str, tuple[str, tuple[str, ...] | None]] = {
    "nederland": ("Nederland", None),
    "limburg": ("Limburg", LIMBURG),
    "zuid-limburg": ("Zuid-Limburg", ZUID_LIMBURG),
}

_VOORLOPIG = ("voorlopig", "nader voorlopig")


class KaartFout(ValueError):
    """Kaart en database passen niet bij elkaar; de melding is voor gebruikers (Nederlands)."""


# ----------------------------------------------------------------------------- laden


@functools.cache
def _lees(pad: str) -> dict[str, Any]:
    """Het GeoJSON-bestand, één keer per proces gelezen (de figuur verandert het niet)."""
    with open(pad, encoding="utf-8") as f:
        return json.load(f)


def gemeentegrenzen(
    regio_codes: Iterable[str] | None = None, pad: Path = KAART_PAD
) -> dict[str, Any]:
    """De FeatureCollection met de 342 gemeenten van 2024 (``id`` = statcode).

    Met ``regio_codes`` (de codes uit de tabel ``regio``) wordt gecontroleerd dat elke gemeente
    op de kaart in de database bestaat; zo niet, dan :class:`KaartFout` met de ontbrekende codes.
    Niet wijzigen: het object is gedeeld.
    """
    geo = _lees(str(pad))
    if regio_codes is not None:
        controleer_codes(geo, regio_codes)
    return geo


def controleer_codes(geo: Mapping[str, Any], regio_codes: Iterable[str]) -> None:
    """Elke statcode op de kaart moet een regio in de database zijn."""
    bekend = set(regio_codes)
    ontbrekend = sorted(f["id"] for f in geo["features"] if f["id"] not in bekend)
    if ontbrekend:
        raise KaartFout(
            f"De kaart bevat {len(ontbrekend)} gemeentecode(s) die niet in de database staan: "
            f"{', '.join(ontbrekend)}. Bouw de database opnieuw ('make build') of controleer "
            "of de kaart bij de gemeentelijke indeling van de cijfers past."
        )


@functools.cache
def kaart_namen(pad: str = str(KAART_PAD)) -> dict[str, str]:
    """Statcode → naam zoals op de kaart."""
    return {f["id"]: f["properties"]["statnaam"] for f in _lees(pad)["features"]}


def _ringen(geometrie: Mapping[str, Any]) -> list[list[list[float]]]:
    """Alle buitenringen van een (Multi)Polygon."""
    if geometrie["type"] == "Polygon":
        return [geometrie["coordinates"][0]]
    return [poly[0] for poly in geometrie["coordinates"]]


def _oppervlak_en_zwaartepunt(ring: Sequence[Sequence[float]]) -> tuple[float, float, float]:
    """Schoenveterformule in lon/lat: goed genoeg om een label in de gemeente te zetten."""
    a = cx = cy = 0.0
    for (x0, y0), (x1, y1) in itertools.pairwise(ring):
        k = x0 * y1 - x1 * y0
        a += k
        cx += (x0 + x1) * k
        cy += (y0 + y1) * k
    if a == 0:
        return 0.0, ring[0][0], ring[0][1]
    return abs(a / 2), cx / (3 * a), cy / (3 * a)


@functools.cache
def labelpunten(pad: str = str(KAART_PAD)) -> dict[str, tuple[float, float]]:
    """Statcode → (lon, lat) van het zwaartepunt van het grootste deel van de gemeente."""
    uit: dict[str, tuple[float, float]] = {}
    for f in _lees(pad)["features"]:
        delen = [_oppervlak_en_zwaartepunt(r) for r in _ringen(f["geometry"])]
        _, lon, lat = max(delen)
        uit[f["id"]] = (lon, lat)
    return uit


def omkadering(
    codes: Iterable[str], marge: float = 0.08, pad: Path = KAART_PAD
) -> dict[str, list[float]]:
    """Lon/lat-bereik om de gegeven gemeenten, met een marge (fractie) eromheen."""
    gezocht = set(codes)
    lons: list[float] = []
    lats: list[float] = []
    for f in _lees(str(pad))["features"]:
        if f["id"] in gezocht:
            for ring in _ringen(f["geometry"]):
                lons.extend(p[0] for p in ring)
                lats.extend(p[1] for p in ring)
    if not lons:
        raise KaartFout("Geen van de gekozen gemeenten staat op de kaart.")
    dx = (max(lons) - min(lons)) * marge
    dy = (max(lats) - min(lats)) * marge
    return {"lon": [min(lons) - dx, max(lons) + dx], "lat": [min(lats) - dy, max(lats) + dy]}


# ----------------------------------------------------------------------------- jaren


def niet_tekenbaar(cijfers: pd.DataFrame, pad: Path = KAART_PAD) -> pd.DataFrame:
    """Gemeenten met een cijfer in dit jaar die niet op de kaart van 2024 staan.

    Dat zijn gemeenten die later zijn opgegaan in een nieuwe gemeente (andere code). Hun cijfer
    kan niet getekend worden. Kolommen ``regio_code``, ``regio_naam``, gesorteerd op naam.
    """
    op_kaart = set(kaart_namen(str(pad)))
    met = cijfers[cijfers["waarde"].notna() & ~cijfers["regio_code"].isin(op_kaart)]
    uit = met[["regio_code", "regio_naam"]].drop_duplicates("regio_code")
    return uit.sort_values(["regio_naam", "regio_code"]).reset_index(drop=True)


def niet_tekenbaar_tekst(cijfers: pd.DataFrame, jaar: int, pad: Path = KAART_PAD) -> str | None:
    """Eén zin voor onder de kaart als er gemeenten niet getekend kunnen worden, anders None.

    Markdown (st.caption): de namen komen uit de database en staan er letterlijk.
    """
    weg = niet_tekenbaar(cijfers, pad)
    if weg.empty:
        return None
    namen = ", ".join(letterlijk(n) for n in weg["regio_naam"])
    aantal = len(weg)
    return (
        f"{aantal} {'gemeente' if aantal == 1 else 'gemeenten'} uit {jaar} "
        f"{'staat' if aantal == 1 else 'staan'} niet op de kaart, omdat de kaart de indeling van "
        f"{KAART_JAAR} volgt: {namen}."
    )


# ----------------------------------------------------------------------------- figuur


def kleurschaal(richting: str) -> list[list[Any]]:
    """Plotly-kleurschaal (laag → hoog) waarbij ongunstig altijd de donkere kant is."""
    kleuren = SCHAAL_NEUTRAAL if richting == "neutraal" else SCHAAL_OORDEEL
    if richting == "hoger_is_beter":
        kleuren = kleuren[::-1]  # laag = ongunstig = donker
    stap = 1 / (len(kleuren) - 1)
    return [[round(i * stap, 6), k] for i, k in enumerate(kleuren)]


#: Kleurbereik van het 2e tot het 98e percentiel: één uitschieter (bijv. het inkomen in Laren)
#: maakt anders alle andere gemeenten even donker. De hover toont altijd de echte waarde.
KLEURBEREIK_PERCENTIELEN = (0.02, 0.98)


def kleurbereik(waarden: Sequence[float]) -> dict[str, float]:
    """``zmin``/``zmax`` voor de kleurschaal: robuust tegen enkele uitschieters."""
    if not waarden:
        return {"zmin": 0.0, "zmax": 1.0}
    reeks = pd.Series(waarden, dtype="float64")
    laag, hoog = (float(reeks.quantile(q)) for q in KLEURBEREIK_PERCENTIELEN)
    if laag == hoog:  # alles gelijk: geef de schaal toch een breedte
        laag, hoog = float(reeks.min()) - 0.5, float(reeks.max()) + 0.5
    return {"zmin": laag, "zmax": hoog}


def schaal_uitleg(richting: str) -> str:
    """Wat donker betekent, voor bij de kleurbalk."""
    if richting == "lager_is_beter":
        return "donker = hoger = ongunstiger"
    if richting == "hoger_is_beter":
        return "donker = lager = ongunstiger"
    return "donker = hoger (geen oordeel)"


def _bron(rij: Mapping[str, Any]) -> str:
    titel = rij.get("bron_titel")
    tabel = rij.get("tabel_id")
    if not isinstance(titel, str) or not titel:
        return "onbekende bron"
    if isinstance(tabel, str) and tabel and tabel not in titel:
        return f"{titel} ({tabel})"
    return titel


def _status(rij: Mapping[str, Any] | None) -> str:
    s = (rij or {}).get("status")
    return s if isinstance(s, str) and s else "status onbekend"


_HOVER = (
    "<b>%{customdata[0]}</b><br>%{customdata[1]}<br>Jaar: %{customdata[2]} (%{customdata[3]})"
    "<br>%{customdata[4]}<br>Bron: %{customdata[5]}<extra></extra>"
)


def kaartfiguur(
    cijfers: pd.DataFrame,
    gekozen: Sequence[str],
    richting: str,
    titel: str,
    *,
    eenheid: str,
    jaar: int,
    gebied: str = "nederland",
    regio_codes: Iterable[str] | None = None,
    hoogte: int = 560,
) -> go.Figure:
    """Choropleth van alle 342 gemeenten voor één indicator en één jaar.

    ``cijfers``: rijen per gemeente met ``regio_code``, ``regio_naam``, ``waarde``, ``status`` en
    liefst ``bron_titel``/``tabel_id`` (zoals ``store.gemeenten_in_jaar``). Rijen zonder waarde
    mogen erin; ze worden grijs met hun status als reden. ``gekozen``: regiocodes die een dikke
    rand en een label krijgen (Nederland en onbekende codes worden overgeslagen). ``gebied``: een
    sleutel uit :data:`GEBIEDEN` om in te zoomen; de kleurschaal blijft landelijk.
    ``regio_codes``: de codes uit de tabel ``regio``, voor de controle bij het laden.
    """
    if gebied not in GEBIEDEN:
        raise KaartFout(f"Onbekend gebied '{gebied}'. Kies uit: {', '.join(GEBIEDEN)}.")
    gemeentegrenzen(regio_codes)  # de controle bij het laden; de browser haalt KAART_URL zelf
    pad = KAART_PAD
    alle_namen = kaart_namen(str(pad))
    in_gebied = GEBIEDEN[gebied][1]
    # Inzoomen = alleen de gemeenten van het gebied tekenen; kleur en plaats blijven landelijk.
    namen = alle_namen if in_gebied is None else {c: alle_namen[c] for c in in_gebied}
    per_code = {r["regio_code"]: r for r in cijfers.to_dict("records")}
    gemeenten = cijfers[cijfers["regio_code"].str.startswith("GM")]
    plaats = ranglijst.plaatsen(gemeenten, richting)
    aantal = len(plaats)
    # Dezelfde regel als de kop van Vergelijken: onder 90% dekking geen plaats in de hover.
    volledig = ranglijst.volledig_genoeg({"met_cijfer": aantal, "zonder_cijfer": 0,
                                          "gemeenten": len(alle_namen)})
    plaatsbereik = ranglijst.plaatsbereik(gemeenten, richting)

    met_codes: list[str] = []
    met_z: list[float] = []
    met_data: list[list[str]] = []
    zonder_codes: list[str] = []
    zonder_data: list[list[str]] = []
    for code, naam in namen.items():
        rij = per_code.get(code)
        if rij is not None and not pd.isna(rij.get("waarde")):
            status = _status(rij)
            met_codes.append(code)
            met_z.append(float(rij["waarde"]))
            # Namen (kaartbestand), status en bron (database) zijn tekst van buiten: Plotly tekent
            # in de hover een stukje HTML.
            met_data.append([
                plotly_letterlijk(naam),
                ranglijst.met_afronding(fmt.waarde(rij["waarde"], eenheid), rij, eenheid),
                fmt.periode(rij.get("jaar", jaar), status),
                plotly_letterlijk(status),
                _plaats_hover(code, rij, plaats, plaatsbereik, aantal) if volledig
                else "Geen plaats: te weinig gemeenten met een cijfer",
                plotly_letterlijk(_bron(rij)),
                code,  # voor een klik-selectie (st.plotly_chart on_select): welke gemeente
            ])
        else:
            reden = _status(rij) if rij is not None else "niet in de database"
            bereik = ranglijst.bereik_tekst(rij, eenheid) if rij is not None else None
            if bereik:  # 1 op de N bij een afgeronde 0: geen cijfer, wel een ondergrens
                reden += f"; door afronding van CBS {bereik}"
            zonder_codes.append(code)
            zonder_data.append([plotly_letterlijk(naam), fmt.GEEN_CIJFER, fmt.periode(jaar, None),
                                plotly_letterlijk(reden), "Geen plaats",
                                plotly_letterlijk(_bron(rij)) if rij is not None else "-", code])

    # Sporen als dicts en de opmaak als één layout: go.Figure valideert alles één keer (met
    # add_trace/update_layout kostte de kaart ~100 ms per run, de helft van de pagina).
    sporen: list[dict[str, Any]] = []
    # Eerste spoor: een onzichtbaar punt met lon/lat. plotly.js (3.x, ook in Streamlit 1.67) haalt
    # de wereldkaart (topojson) van internet zodra het *eerste* geo-spoor een ``locationmode``
    # heeft, ook als de basiskaart onzichtbaar is; een choropleth heeft er altijd een. Met dit
    # punt vooraan blijft dat ophalen weg. tests/e2e/test_kaart_browser.py bewaakt dat er niets
    # van buiten wordt opgevraagd.
    # De vier hoeken van het gebied plus een marge: ``fitbounds`` neemt ze mee, zodat labels
    # aan de rand (Maastricht, Vaals) niet worden afgesneden.
    bereik = omkadering(namen, marge=0.05 if in_gebied is None else 0.12, pad=pad)
    keuze = [c for c in dict.fromkeys(gekozen) if c in namen]
    labels = labelplaatsen(keuze, bereik, hoogte=hoogte, pad=pad)
    # Een label dat toch buiten het beeld steekt: het beeld groeit mee, anders valt het weg.
    bereik = _met_labels(bereik, labels.values())
    sporen.append({"type": "scattergeo", "lon": [bereik["lon"][0], bereik["lon"][1]] * 2,
                   "lat": [bereik["lat"][0]] * 2 + [bereik["lat"][1]] * 2, "mode": "markers",
                   "marker": {"opacity": 0, "size": 1}, "hoverinfo": "skip",
                   "showlegend": False, "name": "anker"})
    lijn = {"color": RAND_KLEUR, "width": 0.4}
    sporen.append(dict(
        type="choropleth", geojson=KAART_URL, locations=met_codes, z=met_z, featureidkey="id",
        locationmode="geojson-id",
        colorscale=kleurschaal(richting), **kleurbereik(list(gemeenten["waarde"].dropna())),
        marker={"line": lijn}, customdata=met_data, hovertemplate=_HOVER, name="met cijfer",
        colorbar={"title": {"text": f"{fmt_eenheid(eenheid)}<br>"
                                    f"<sub>{schaal_uitleg(richting)}</sub>", "side": "top"},
                  "len": 0.6, "thickness": 14, "x": 1.0, "y": 0.5,
                  "tickformat": _tickformat(eenheid), "ticksuffix": "%" if eenheid == "%" else ""},
    ))
    if zonder_codes:
        sporen.append(dict(
            type="choropleth", geojson=KAART_URL, locations=zonder_codes,
            z=[0] * len(zonder_codes),
            featureidkey="id",
            locationmode="geojson-id", colorscale=[[0, GEEN_CIJFER_KLEUR], [1, GEEN_CIJFER_KLEUR]],
            showscale=False, showlegend=True, name=fmt.GEEN_CIJFER, marker={"line": lijn},
            customdata=zonder_data, hovertemplate=_HOVER,
        ))
    if keuze:
        # Eigen laag bovenop: doorzichtig, alleen een dikke rand, zodat buurgrenzen hem niet
        # overtekenen. Geen hover, zodat de hover van de laag eronder blijft werken.
        sporen.append(dict(
            type="choropleth", geojson=KAART_URL, locations=keuze, z=[0] * len(keuze),
            featureidkey="id",
            locationmode="geojson-id", colorscale=[[0, "rgba(0,0,0,0)"], [1, "rgba(0,0,0,0)"]],
            showscale=False, marker={"line": GEKOZEN_RAND}, hoverinfo="skip", name="gekozen",
            showlegend=False,
        ))
        # Naast de vorm, niet erop: het punt ligt net buiten de rand en de tekst loopt ervan af
        # (:func:`labelplaatsen`). Een witte rand om elke letter houdt de naam leesbaar op een
        # donkere gemeente of een grens eronder.
        sporen.append(dict(
            type="scattergeo", lon=[labels[c].lon for c in keuze], lat=[labels[c].lat for c in keuze],
            text=[plotly_letterlijk(namen[c]) for c in keuze], mode="text", hoverinfo="skip",
            showlegend=False,
            textposition=[labels[c].positie for c in keuze],
            textfont={"size": LABEL_GROOTTE, "color": "#000000", "weight": "bold",
                      "shadow": LABEL_HALO},
            name="namen",
        ))
    geo_opmaak: dict[str, Any] = {"visible": False, "projection": {"type": "mercator"},
                                  "bgcolor": "rgba(0,0,0,0)", "fitbounds": "locations"}
    layout = dict(
        title={"text": titel, "x": 0, "xanchor": "left", "font": {"size": 16}},
        geo=geo_opmaak,
        separators=fmt.PLOTLY_SEPARATORS,
        height=hoogte,
        margin=dict(_MARGE),
        hoverlabel={"align": "left"},
        legend={"orientation": "h", "x": 0, "y": 0, "yanchor": "bottom", "title": None,
                "bgcolor": "rgba(255,255,255,0.8)"},
        dragmode=False,
        annotations=[{"text": BRONVERMELDING, "showarrow": False, "x": 0, "y": 0, "xref": "paper",
                      "yref": "paper", "xanchor": "left", "yanchor": "top", "yshift": -6,
                      "font": {"size": 10, "color": "#595959"}}],
    )
    return go.Figure(data=sporen, layout=layout)


def _plaats_hover(code: str, rij: Mapping[str, Any], plaats: pd.Series,
                  plaatsbereik: pd.DataFrame, aantal: int) -> str:
    """``Plaats 3 van 342``; bij een cijfer dat door afronding onzeker is met de mogelijke plaatsen."""
    p = int(plaats[code])
    if not ranglijst.is_onzeker(rij):
        return ranglijst.plaats_tekst(p, aantal).capitalize()
    b = plaatsbereik.loc[code]
    tekst = ranglijst.plaats_met_afronding(p, aantal, (int(b["beste"]), int(b["slechtste"])))
    return tekst[:1].upper() + tekst[1:]  # niet capitalize(): "CBS" blijft in hoofdletters


# ----------------------------------------------------------------------------- labels

#: Namen van de gekozen gemeenten: vet, 13 px, zwart met een witte rand om elke letter.
LABEL_GROOTTE = 13
LABEL_HALO = ", ".join([f"{x}px {y}px 0 #ffffff" for x in (-1, 0, 1) for y in (-1, 0, 1)
                        if x or y] + ["0 0 3px #ffffff"])
#: Geschatte maat van een label in pixels: breedte per teken (vet, 13 px, met de witte rand) en
#: hoogte. Liever iets te ruim: dan blijft er lucht tussen een label en een gekozen buur.
_LABEL_TEKEN = 7.5
_LABEL_HOOGTE = 17.0
#: Ruimte tussen de rand van de gemeente en het begin van het label, in pixels.
_LABEL_AFSTAND = 5.0
#: Plotly tekent de kaart in een vierkant zo hoog als de figuur min de marges, en laat met
#: ``fitbounds`` wat ruimte om het gebied: gemeten in Chromium (1280 en 1400 px breed) is de
#: schaal 0,89 tot 0,90 keer die van een gebied dat het vierkant precies vult.
_PLOTLY_RUIMTE = 0.88
#: Marges van de kaartfiguur: boven de titel, onder de bronregel.
_MARGE = {"l": 0, "r": 0, "t": 50, "b": 30}
#: Voorkeur bij gelijke keus: rechts, links, boven, onder.
_KANTEN = ("rechts", "links", "boven", "onder")
#: Daarna: hetzelfde, een stukje langs de rand geschoven (deel van de labelhoogte of -breedte).
_SCHUIVEN = (0.0, 0.4, -0.4)
_RICHTING = {"rechts": (1, 0), "links": (-1, 0), "boven": (0, 1), "onder": (0, -1)}
_POSITIE = {"rechts": "middle right", "links": "middle left", "boven": "top center",
            "onder": "bottom center"}


@dataclasses.dataclass(frozen=True, slots=True)
class Label:
    """Waar het label van een gemeente staat: het punt (lon/lat), de kant (Plotly
    ``textposition``) en het vak dat de tekst inneemt, in kaarteenheden (x = lengte, y =
    mercator-breedte, beide in graden): (x0, y0, x1, y1)."""

    lon: float
    lat: float
    positie: str
    vak: tuple[float, float, float, float]


def _y(lat: float) -> float:
    """Mercator: breedtegraad naar de verticale kaartcoördinaat (in graden, zoals de lengte)."""
    return math.degrees(math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)))


def _lat(y: float) -> float:
    return math.degrees(2 * math.atan(math.exp(math.radians(y))) - math.pi / 2)


def _schaal(bereik: Mapping[str, Sequence[float]], hoogte: int) -> float:
    """Pixels per kaartgraad als Plotly het bereik in de kaart past (``fitbounds``)."""
    (x0, x1), (la0, la1) = bereik["lon"], bereik["lat"]
    vierkant = hoogte - _MARGE["t"] - _MARGE["b"]
    return _PLOTLY_RUIMTE * vierkant / max(x1 - x0, _y(la1) - _y(la0))


@functools.cache
def _vormen(pad: str = str(KAART_PAD)) -> dict[str, tuple[tuple[tuple[float, float], ...], ...]]:
    """Statcode → de buitenringen in kaartcoördinaten (lengte, mercator-breedte)."""
    return {f["id"]: tuple(tuple((x, _y(y)) for x, y in ring) for ring in _ringen(f["geometry"]))
            for f in _lees(pad)["features"]}


def _rand_in_band(ringen: Iterable[Sequence[tuple[float, float]]], as_: int,
                  band: tuple[float, float], grootste: bool) -> float | None:
    """Het verste punt van de vorm op as ``as_`` (0 = x, 1 = y) binnen een band op de andere as.

    Zo komt een label rechts van de vorm op de hoogte van het label zelf, niet rechts van het
    verste puntje ergens anders. ``None`` als de vorm de band niet raakt.
    """
    laag, hoog = band
    kies = max if grootste else min
    beste: float | None = None
    ander = 1 - as_
    for ring in ringen:
        for p, q in itertools.pairwise(ring):
            a, b = p[ander], q[ander]
            if max(a, b) < laag or min(a, b) > hoog:
                continue
            t0, t1 = 0.0, 1.0
            if a != b:  # het deel van de rand dat in de band ligt
                ta, tb = (laag - a) / (b - a), (hoog - a) / (b - a)
                t0, t1 = max(0.0, min(ta, tb)), min(1.0, max(ta, tb))
            for t in (t0, t1):
                v = p[as_] + t * (q[as_] - p[as_])
                beste = v if beste is None else kies(beste, v)
    return beste


def _bedekt(vak: tuple[float, float, float, float],
            vormen: Iterable[Sequence[Sequence[tuple[float, float]]]], schaal: float) -> float:
    """Welk deel van het vak (0..1) op een van de vormen of hun dikke rand ligt.

    Geteld op een raster van punten om de 3 pixels; een punt binnen 2 pixels van een rand telt
    mee, zodat ook een smalle punt van een vorm (de staart van Heerlen) gezien wordt.
    """
    x0, y0, x1, y1 = vak
    rand = 2 / schaal
    ringen = [r for r in (np.asarray(r) for v in vormen for r in v)
              if r[:, 0].min() <= x1 + rand and r[:, 0].max() >= x0 - rand
              and r[:, 1].min() <= y1 + rand and r[:, 1].max() >= y0 - rand]
    if not ringen:
        return 0.0
    stap = 3 / schaal
    nx, ny = max(2, math.ceil((x1 - x0) / stap)), max(2, math.ceil((y1 - y0) / stap))
    gx, gy = np.meshgrid(np.linspace(x0, x1, nx + 1), np.linspace(y0, y1, ny + 1))
    px, py = gx.ravel()[:, None], gy.ravel()[:, None]  # een rij per punt, een kolom per rand
    geraakt = np.zeros(px.shape[0], dtype=bool)
    for r in ringen:
        ax, ay, bx, by = r[:-1, 0], r[:-1, 1], r[1:, 0], r[1:, 1]
        # Binnen (even-oneven-regel): hoe vaak snijdt een straal naar rechts een rand?
        kruist = (ay > py) != (by > py)
        with np.errstate(divide="ignore", invalid="ignore"):
            snij = ax + (py - ay) * (bx - ax) / (by - ay)
        binnen = np.count_nonzero(kruist & (px < snij), axis=1) % 2 == 1
        # Op de rand: afstand tot het dichtstbijzijnde lijnstuk.
        dx, dy = bx - ax, by - ay
        lengte = np.where(dx * dx + dy * dy > 0, dx * dx + dy * dy, 1.0)
        t = np.clip(((px - ax) * dx + (py - ay) * dy) / lengte, 0, 1)
        afstand = np.hypot(px - ax - t * dx, py - ay - t * dy).min(axis=1)
        geraakt |= binnen | (afstand < rand)
    return float(geraakt.mean())


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> float:
    """Deel van vak ``a`` (0..1) dat in vak ``b`` ligt."""
    breed = min(a[2], b[2]) - max(a[0], b[0])
    hoog = min(a[3], b[3]) - max(a[1], b[1])
    if breed <= 0 or hoog <= 0:
        return 0.0
    return breed * hoog / ((a[2] - a[0]) * (a[3] - a[1]))


def _kandidaat(ringen: Sequence[Sequence[tuple[float, float]]], midden: tuple[float, float],
               kant: str, breed: float, hoog: float, afstand: float, schuif: float = 0.0
               ) -> tuple[float, float, tuple[float, float, float, float]]:  # fmt: skip
    """Punt (x, y) en vak van een label aan één kant van de vorm, net buiten de rand.

    ``schuif`` verschuift het label langs de rand (een deel van zijn hoogte of breedte), voor als
    het midden van die kant op een buur valt.
    """
    cx, cy = midden
    punten = [p for r in ringen for p in r]
    if kant in ("rechts", "links"):
        cy += schuif * hoog
        rand = _rand_in_band(ringen, 0, (cy - hoog / 2, cy + hoog / 2), kant == "rechts")
        if rand is None:
            rand = (max if kant == "rechts" else min)(p[0] for p in punten)
        if kant == "rechts":
            x = rand + afstand
            return x, cy, (x, cy - hoog / 2, x + breed, cy + hoog / 2)
        x = rand - afstand
        return x, cy, (x - breed, cy - hoog / 2, x, cy + hoog / 2)
    cx += schuif * breed
    rand = _rand_in_band(ringen, 1, (cx - breed / 2, cx + breed / 2), kant == "boven")
    if rand is None:
        rand = (max if kant == "boven" else min)(p[1] for p in punten)
    if kant == "boven":
        y = rand + afstand
        return cx, y, (cx - breed / 2, y, cx + breed / 2, y + hoog)
    y = rand - afstand
    return cx, y, (cx - breed / 2, y - hoog, cx + breed / 2, y)


def labelplaatsen(codes: Sequence[str], bereik: Mapping[str, Sequence[float]], *,
                  hoogte: int = 560, pad: Path = KAART_PAD) -> dict[str, Label]:
    """Per gekozen gemeente een plek voor de naam: naast de vorm, niet erop.

    Eerder stond de naam op het midden van de gemeente en liep hij over de eigen dikke rand
    (de "t" van Maastricht, Heerlen tegen zijn grens; issue 12). Nu begint het label net buiten
    de rand, rechts, links, boven of onder, op de hoogte (of breedte) van het label zelf.

    Per gemeente kiezen we de kant (of een stukje langs die kant geschoven, :data:`_SCHUIVEN`)
    waar het label het minst bedekt: andere labels en de gekozen gemeenten (ook de eigen, met hun
    dikke rand). Liefst binnen het beeld; steekt het uit, dan groeit het beeld mee
    (:func:`_met_labels`), en dat mag de kaart niet kleiner maken. Bij gelijke stand liever naar
    buiten (weg van het midden van de gekozen gemeenten), dan in de volgorde van
    :data:`_KANTEN`. Niet-gekozen buren mogen onder een label liggen: de witte rand om de letters
    houdt het leesbaar. Zijn alle plekken bezet (veel gekozen buren), dan de minst slechte.

    De maat van een label in kaarteenheden volgt uit de schaal waarmee Plotly ``bereik`` in een
    kaart van ``hoogte`` pixels past (:func:`_schaal`); breedte en hoogte van de tekst zijn een
    ruime schatting (:data:`_LABEL_TEKEN`).
    """
    namen = kaart_namen(str(pad))
    vormen = _vormen(str(pad))
    midden = labelpunten(str(pad))
    schaal = _schaal(bereik, hoogte)
    beeld = (bereik["lon"][0], _y(bereik["lat"][0]), bereik["lon"][1], _y(bereik["lat"][1]))
    gekozen = [vormen[c] for c in codes]
    # Het midden van de groep: een label naar buiten toe staat niet tussen de gekozen gemeenten.
    gx = sum(midden[c][0] for c in codes) / max(len(codes), 1)
    gy = sum(_y(midden[c][1]) for c in codes) / max(len(codes), 1)
    uit: dict[str, Label] = {}
    for code in codes:
        breed = len(namen[code]) * _LABEL_TEKEN / schaal
        hoog = _LABEL_HOOGTE / schaal
        cx, cy = midden[code][0], _y(midden[code][1])
        beste: tuple[float, Label] | None = None
        # Eerst de vier kanten recht tegenover het midden, dan geschoven.
        for kant, schuif in sorted(itertools.product(_KANTEN, _SCHUIVEN), key=lambda k: k[1] != 0):
            x, y, vak = _kandidaat(vormen[code], (cx, cy), kant, breed, hoog,
                                   _LABEL_AFSTAND / schaal, schuif)
            dx, dy = _RICHTING[kant]
            naar_binnen = dx * (gx - cx) + dy * (gy - cy) > 0
            kandidaat = Label(x, _lat(y), _POSITIE[kant], vak)
            kosten = (4 * sum(_overlap(vak, ander.vak) for ander in uit.values())
                      + 0.05 * naar_binnen + 0.02 * (schuif != 0))
            if buiten := 1 - _overlap(vak, beeld):
                # Het beeld groeit dan mee (:func:`_met_labels`). Opzij is dat vaak gratis (de
                # hoogte bepaalt de schaal); kost het schaal, dan wordt de hele kaart kleiner.
                kleiner = 1 - _schaal(_met_labels(bereik, [kandidaat]), hoogte) / schaal
                kosten += 0.05 * buiten + 4 * kleiner
            if beste is not None and round(kosten, 6) >= beste[0]:
                continue  # kan niet meer winnen; het tellen op de vormen is het dure deel
            kosten = round(kosten + _bedekt(vak, gekozen, schaal), 6)
            if beste is None or kosten < beste[0]:
                beste = (kosten, kandidaat)
            if beste[0] == 0:
                break  # vrij, op de eerste voorkeur die nog over was: beter wordt het niet
        assert beste is not None
        uit[code] = beste[1]
    return uit


def _met_labels(bereik: Mapping[str, Sequence[float]], labels: Iterable[Label]
                ) -> dict[str, list[float]]:  # fmt: skip
    """Het bereik, groot genoeg voor elk label (met een kleine marge); ongewijzigd als alle
    labels er al in passen."""
    lon, lat = list(bereik["lon"]), [_y(v) for v in bereik["lat"]]
    groter = False
    for label in labels:
        x0, y0, x1, y1 = label.vak
        marge = (y1 - y0) / 2
        if x0 < lon[0] or x1 > lon[1] or y0 < lat[0] or y1 > lat[1]:
            lon = [min(lon[0], x0 - marge), max(lon[1], x1 + marge)]
            lat = [min(lat[0], y0 - marge), max(lat[1], y1 + marge)]
            groter = True
    if not groter:
        return {"lon": list(bereik["lon"]), "lat": list(bereik["lat"])}
    return {"lon": lon, "lat": [_lat(v) for v in lat]}


def fmt_eenheid(eenheid: str) -> str:
    """Korte titel van de kleurbalk."""
    e = (eenheid or "").strip()
    return {"%": "procent", "euro": "euro", "aantal": "aantal"}.get(e, e)


def _tickformat(eenheid: str) -> str:
    e = (eenheid or "").strip()
    if e == "%" or e.startswith("per 1.000"):
        return ",.1~f"
    return ",.0f"


# ----------------------------------------------------------------------------- tekst


def kaart_tekst(
    cijfers: pd.DataFrame,
    hoofd: str,
    richting: str,
    *,
    indicator_titel: str,
    eenheid: str,
    jaar: int,
) -> str:
    """Tekstalternatief voor de kaart: één zin met de kerncijfers (voor schermlezers en print).

    Noemt de waarde en plaats van de hoofdgemeente en de laagste en hoogste gemeente. Markdown
    (st.caption): de namen komen uit de database en staan er letterlijk. Een cijfer dat door
    afronding van CBS onzeker is, krijgt zijn bereik erbij, en "laagste"/"hoogste" zegt of dat
    ook met die afronding zeker is (:func:`_uiterste`).
    """
    gemeenten = cijfers[cijfers["regio_code"].str.startswith("GM") & cijfers["waarde"].notna()]
    if gemeenten.empty:
        return f"{indicator_titel}, {jaar}: geen cijfers voor gemeenten."
    plaats = ranglijst.plaatsen(gemeenten, richting)
    aantal = len(plaats)
    volledig = ranglijst.volledig_genoeg({"met_cijfer": aantal, "zonder_cijfer": 0,
                                          "gemeenten": len(kaart_namen())})
    gesorteerd = gemeenten.sort_values(["waarde", "regio_naam"], kind="stable")
    laag, hoog = gesorteerd.iloc[0], gesorteerd.iloc[-1]
    # Het sterretje van de meeste cijfers (CBS publiceert een jaar in één keer voorlopig).
    periode = fmt.periode(jaar, str(gemeenten["status"].mode().iloc[0]))
    rij = gemeenten[gemeenten["regio_code"] == hoofd]
    if aantal == 1:  # laagste en hoogste zijn dezelfde: één keer noemen
        w = ranglijst.met_afronding(fmt.waarde(laag["waarde"], eenheid), laag.to_dict(), eenheid)
        alleen = f"alleen {letterlijk(laag['regio_naam'])} heeft een cijfer: {w}."
        if rij.empty:
            naam = letterlijk(kaart_namen().get(hoofd, hoofd))
            return f"{indicator_titel}, {periode}: {naam} heeft geen cijfer; {alleen}"
        return f"{indicator_titel}, {periode}: {alleen}"
    if rij.empty:
        naam = letterlijk(kaart_namen().get(hoofd, hoofd))
        deel = f"{naam} heeft geen cijfer"
    else:
        r = rij.iloc[0]
        w = ranglijst.met_afronding(fmt.waarde(r["waarde"], eenheid), r.to_dict(), eenheid)
        deel = (f"{letterlijk(r['regio_naam'])} {w}, "
                f"{ranglijst.plaats_tekst(int(plaats[hoofd]), aantal)} gemeenten "
                f"({_plaats_een(richting)})" if volledig else
                f"{letterlijk(r['regio_naam'])} {w} (geen plaats: "
                f"maar {ranglijst.aantal_gemeenten(aantal)} {ranglijst.heeft(aantal)} een cijfer)")
    return (f"{indicator_titel}, {periode}: {deel}; "
            f"{_uiterste(gemeenten, laag.to_dict(), 'laagste', eenheid)}, "
            f"{_uiterste(gemeenten, hoog.to_dict(), 'hoogste', eenheid)}.")


def _uiterste(gemeenten: pd.DataFrame, rij: Mapping[str, Any], wat: str, eenheid: str) -> str:
    """``laagste Vaals 6,2``; met de afronding van CBS erbij als die ertoe doet.

    Is het cijfer door afronding onzeker, dan staat het bereik erbij en of het ook dan de laagste
    (hoogste) is. Kan een andere gemeente door de afronding lager (hoger) liggen, dan staat er
    dat het niet zeker de laagste (hoogste) is.
    """
    naam = letterlijk(rij["regio_naam"])
    waarde = fmt.waarde(rij["waarde"], eenheid)
    # plaats 1 van een oplopende ranglijst = de laagste; van een aflopende = de hoogste
    richting = "lager_is_beter" if wat == "laagste" else "hoger_is_beter"
    bereik = ranglijst.plaatsbereik(gemeenten, richting)
    zeker = int(bereik.loc[rij["regio_code"], "slechtste"]) == 1
    if ranglijst.is_onzeker(rij):
        oordeel = f"ook dan de {wat}" if zeker else f"dus niet zeker de {wat}"
        return (f"{wat} {naam} {waarde} (door afronding van CBS "
                f"{ranglijst.bereik_tekst(rij, eenheid)}, {oordeel})")
    if not zeker:
        return f"{wat} {naam} {waarde} (door afronding van CBS niet zeker de {wat})"
    return f"{wat} {naam} {waarde}"


def _plaats_een(richting: str) -> str:
    return "plaats 1 = laagste" if ranglijst.oplopend(richting) else "plaats 1 = hoogste"
