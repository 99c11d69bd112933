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
- **Andere jaren**: gemeenten die in een jaar een andere code hadden (herindeling), hebben geen
  vorm op de kaart van 2024; :func:`niet_tekenbaar` zegt welke.
"""

from __future__ import annotations

import functools
import itertools
import json
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

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

    fig = go.Figure()
    # Eerste spoor: een onzichtbaar punt met lon/lat. plotly.js (3.x, ook in Streamlit 1.67) haalt
    # de wereldkaart (topojson) van internet zodra het *eerste* geo-spoor een ``locationmode``
    # heeft, ook als de basiskaart onzichtbaar is; een choropleth heeft er altijd een. Met dit
    # punt vooraan blijft dat ophalen weg. tests/e2e/test_kaart_browser.py bewaakt dat er niets
    # van buiten wordt opgevraagd.
    # De vier hoeken van het gebied plus een marge: ``fitbounds`` neemt ze mee, zodat labels
    # aan de rand (Maastricht, Vaals) niet worden afgesneden.
    bereik = omkadering(namen, marge=0.05 if in_gebied is None else 0.12, pad=pad)
    fig.add_trace(go.Scattergeo(lon=[bereik["lon"][0], bereik["lon"][1]] * 2,
                                lat=[bereik["lat"][0]] * 2 + [bereik["lat"][1]] * 2, mode="markers",
                                marker={"opacity": 0, "size": 1}, hoverinfo="skip",
                                showlegend=False, name="anker"))
    lijn = {"color": RAND_KLEUR, "width": 0.4}
    fig.add_trace(go.Choropleth(
        geojson=KAART_URL, locations=met_codes, z=met_z, featureidkey="id",
        locationmode="geojson-id",
        colorscale=kleurschaal(richting), **kleurbereik(list(gemeenten["waarde"].dropna())),
        marker={"line": lijn}, customdata=met_data, hovertemplate=_HOVER, name="met cijfer",
        colorbar={"title": {"text": f"{fmt_eenheid(eenheid)}<br>"
                                    f"<sub>{schaal_uitleg(richting)}</sub>", "side": "top"},
                  "len": 0.6, "thickness": 14, "x": 1.0, "y": 0.5,
                  "tickformat": _tickformat(eenheid), "ticksuffix": "%" if eenheid == "%" else ""},
    ))
    if zonder_codes:
        fig.add_trace(go.Choropleth(
            geojson=KAART_URL, locations=zonder_codes, z=[0] * len(zonder_codes),
            featureidkey="id",
            locationmode="geojson-id", colorscale=[[0, GEEN_CIJFER_KLEUR], [1, GEEN_CIJFER_KLEUR]],
            showscale=False, showlegend=True, name=fmt.GEEN_CIJFER, marker={"line": lijn},
            customdata=zonder_data, hovertemplate=_HOVER,
        ))
    keuze = [c for c in dict.fromkeys(gekozen) if c in namen]
    if keuze:
        # Eigen laag bovenop: doorzichtig, alleen een dikke rand, zodat buurgrenzen hem niet
        # overtekenen. Geen hover, zodat de hover van de laag eronder blijft werken.
        fig.add_trace(go.Choropleth(
            geojson=KAART_URL, locations=keuze, z=[0] * len(keuze), featureidkey="id",
            locationmode="geojson-id", colorscale=[[0, "rgba(0,0,0,0)"], [1, "rgba(0,0,0,0)"]],
            showscale=False, marker={"line": GEKOZEN_RAND}, hoverinfo="skip", name="gekozen",
            showlegend=False,
        ))
        punten = labelpunten(str(pad))
        fig.add_trace(go.Scattergeo(
            lon=[punten[c][0] for c in keuze], lat=[punten[c][1] for c in keuze],
            text=[plotly_letterlijk(namen[c]) for c in keuze], mode="text", hoverinfo="skip",
            showlegend=False,
            textposition=_labelposities(keuze, punten),
            textfont={"size": 13, "color": "#000000", "weight": "bold",
                      "shadow": "0 0 3px #ffffff, 0 0 3px #ffffff"},
            name="namen",
        ))
    geo_opmaak: dict[str, Any] = {"visible": False, "projection": {"type": "mercator"},
                                  "bgcolor": "rgba(0,0,0,0)", "fitbounds": "locations"}
    fig.update_layout(
        title={"text": titel, "x": 0, "xanchor": "left", "font": {"size": 16}},
        geo=geo_opmaak,
        separators=fmt.PLOTLY_SEPARATORS,
        height=hoogte,
        margin={"l": 0, "r": 0, "t": 50, "b": 30},
        hoverlabel={"align": "left"},
        legend={"orientation": "h", "x": 0, "y": 0, "yanchor": "bottom", "title": None,
                "bgcolor": "rgba(255,255,255,0.8)"},
        dragmode=False,
        annotations=[{"text": BRONVERMELDING, "showarrow": False, "x": 0, "y": 0, "xref": "paper",
                      "yref": "paper", "xanchor": "left", "yanchor": "top", "yshift": -6,
                      "font": {"size": 10, "color": "#595959"}}],
    )
    return fig


def _plaats_hover(code: str, rij: Mapping[str, Any], plaats: pd.Series,
                  plaatsbereik: pd.DataFrame, aantal: int) -> str:
    """``Plaats 3 van 342``; bij een cijfer dat door afronding onzeker is met de mogelijke plaatsen."""
    p = int(plaats[code])
    if not ranglijst.is_onzeker(rij):
        return ranglijst.plaats_tekst(p, aantal).capitalize()
    b = plaatsbereik.loc[code]
    tekst = ranglijst.plaats_met_afronding(p, aantal, (int(b["beste"]), int(b["slechtste"])))
    return tekst[:1].upper() + tekst[1:]  # niet capitalize(): "CBS" blijft in hoofdletters


def _labelposities(codes: Sequence[str], punten: Mapping[str, tuple[float, float]]) -> list[str]:
    """Label rechts van de gemeente, of links als er vlak ten oosten een ander label staat.

    Zo overlappen buren als Maastricht en Heerlen niet op de kaart van heel Nederland.
    """
    uit = []
    for c in codes:
        lon, lat = punten[c]
        buur_oost = any(0 < punten[d][0] - lon < 0.6 and abs(punten[d][1] - lat) < 0.25
                        for d in codes if d != c)
        uit.append("middle left" if buur_oost else "middle right")
    return uit


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
