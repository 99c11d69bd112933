"""Grafieken als pure functies: een tidy frame erin, een Plotly-figuur eruit.

Vaste afspraken, hier één keer vastgelegd zodat elke pagina dezelfde taal spreekt:

- **Eén kleur per regio, overal.** De vijf standaardregio's hebben een vaste kleur uit het
  kleurenblindveilige Okabe-Ito-palet; andere gemeenten krijgen deterministisch een kleur uit
  een tweede, ook kleurenblindveilig rijtje (zie :func:`kleuren`). Regio's krijgen daarnaast een
  eigen markersymbool, zodat lijnen niet alleen op kleur te onderscheiden zijn.
- **Nederland** is altijd dezelfde neutrale grijze, gestippelde referentie (:data:`NEDERLAND_STIJL`).
  Een landelijk cijfer uit een *ander* CBS-product (``indicator_meta.vergelijk_nl``) krijgt een
  eigen, fijnere stippellijn en heet in legenda en hover "Nederland (ander CBS-product)"
  (:data:`monitor.domein.NEDERLAND_ANDER_PRODUCT`).
- **Voorlopige cijfers**: een gearceerde staaf (:func:`_arcering`) of een open punt, en een ``*``
  achter het jaar. Wat de tekens betekenen staat onder de grafiek in de zinnen ``UITLEG_*``
  hieronder: elke pagina gebruikt dezelfde woorden.
- **Nederlandse getallen**: ``separators=",."``; jaren zijn categorieën (nooit ``2.024``).
- **Elke hover** noemt waarde, jaar (``2024*`` bij voorlopig), status en bron.
- **Gaten blijven gaten**: ontbrekende jaren worden ``None`` en ``connectgaps=False``; er wordt
  niets geïnterpoleerd.
- **Tekst van buiten is tekst**: Plotly tekent een stukje HTML in titels, assen, legenda, hover
  en annotaties. Regionamen, statussen en bronnamen uit de database gaan daarom door
  :func:`monitor.letterlijk.plotly_letterlijk`, precies één keer (waar ze de figuur in gaan).

De frames hebben de kolommen van :func:`monitor.store.reeks` (regio_code, regio_naam, jaar, waarde,
status, bron_titel, tabel_id, ...).
"""

from __future__ import annotations

import textwrap
import zlib
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from monitor import fmt
from monitor.domein import ANDER_PRODUCT, NEDERLAND, NEDERLAND_ANDER_PRODUCT
from monitor.letterlijk import plotly_letterlijk
from monitor.palet import NEDERLAND_KLEUR

#: Okabe & Ito (2008), kleurenblindveilig. Heerlen krijgt het sterkste blauw.
#: Hoe Nederland er overal uitziet: grijs en gestippeld (lijn) of grijze stippellijn (referentie).
NEDERLAND_STIJL: dict[str, Any] = {"color": NEDERLAND_KLEUR, "dash": "dash", "width": 2}
#: Een landelijk cijfer uit een ander CBS-product: zelfde grijs, fijner gestippeld.
ANDER_PRODUCT_STIJL: dict[str, Any] = {"color": NEDERLAND_KLEUR, "dash": "dot", "width": 2}

#: Onder elke grafiek dezelfde woorden voor dezelfde tekens (Vergelijken, Trends, Overzicht,
#: Beleidsmonitor, Doeltreffendheid, de PNG-export).
UITLEG_NEDERLAND = "Nederland is de grijze stippellijn."
#: Bij staven (:func:`staven`, :func:`kleine_staven`).
UITLEG_VOORLOPIG_STAAF = "Gearceerde staven en een * achter het jaar zijn voorlopige cijfers."
#: Bij lijnen (:func:`trendlijnen`, ``monitor.beleid.grafieken``).
UITLEG_VOORLOPIG_PUNT = "Open punten en een * achter het jaar zijn voorlopige cijfers."


def uitleg_ander_product(titel: str | None = None) -> str:
    """Zin onder een grafiek met een landelijk cijfer uit een ander CBS-product.

    ``titel``: de naam van dat landelijke cijfer, al veilig gemaakt voor Markdown (letterlijk),
    of None als de pagina hem niet noemt.
    """
    naam = f" ({titel})" if titel else ""
    return (f"De fijne grijze stippellijn is een landelijk cijfer uit een {ANDER_PRODUCT}{naam}; "
            "een andere meting, alleen ter oriëntatie.")

SYMBOLEN = ("circle", "square", "diamond", "triangle-up", "triangle-down", "star", "hexagon",
             "cross", "x", "pentagon")
VASTE_SYMBOLEN: dict[str, str] = {
    NEDERLAND: "circle", "GM0917": "circle", "GM0362": "square", "GM0396": "diamond",
    "GM0935": "triangle-up",
}

BELEIDSPERIODE = (2026, 2029)

#: Voor ``st.plotly_chart(fig, config=PLOTLY_CONFIG)``: PNG-download in de modebar, geen logo.
PLOTLY_CONFIG: dict[str, Any] = {
    "displaylogo": False,
    "modeBarButtonsToRemove": ["lasso2d", "select2d", "autoScale2d"],
    "toImageButtonOptions": {"format": "png", "scale": 2, "filename": "armoedemonitor"},
}

_HOVER = (
    "<b>%{customdata[0]}</b><br>%{customdata[1]}<br>"
    "Jaar: %{customdata[2]} (%{customdata[3]})<br>Bron: %{customdata[4]}<extra></extra>"
)


# ----------------------------------------------------------------------------- kleuren


def symbool(code: str) -> str:
    """Markersymbool per regio, zodat lijnen ook zonder kleur te onderscheiden zijn."""
    if code in VASTE_SYMBOLEN:
        return VASTE_SYMBOLEN[code]
    return SYMBOLEN[zlib.crc32(code.encode()) % len(SYMBOLEN)]


# ----------------------------------------------------------------------------- opmaak


def as_opmaak(eenheid: str) -> dict[str, Any]:
    """Tick-notatie voor de waarde-as, passend bij de eenheid (Nederlandse scheidingstekens)."""
    e = (eenheid or "").strip()
    if e == "%":
        return {"tickformat": ",.1~f", "ticksuffix": "%"}
    if e == "euro":
        return {"tickformat": ",.0f", "tickprefix": "€ "}
    if e.startswith("per 1.000"):
        return {"tickformat": ",.1~f"}
    return {"tickformat": ",.0f"}


def as_titel(eenheid: str) -> str:
    """Korte astitel: wat de getallen zijn."""
    e = (eenheid or "").strip()
    return {
        "%": "procent",
        "euro": "euro",
        "aantal": "aantal",
        "1 op de N inwoners": "1 op de N inwoners (N)",
    }.get(e, e)


def waardelabel(x: float, y: str, tekst: str, *, assen: str = "", grootte: int = 12
                ) -> dict[str, Any]:  # fmt: skip
    """Het getal naast een liggende staaf, als annotatie met een witte achtergrond.

    Een annotatie ligt boven de referentielijn van Nederland: die lijn loopt zo nooit door een
    getal heen ("€ 34.0|00"), wat bij de gewone staaftekst van Plotly wel gebeurt.
    ``assen``: "" voor x/y, of het nummer van een deelgrafiek ("2" voor x2/y2).
    """
    return {"x": x, "y": y, "xref": f"x{assen}", "yref": f"y{assen}", "text": tekst,
            "showarrow": False, "xanchor": "left", "xshift": 3, "bgcolor": "white",
            "font": {"size": grootte, "color": "#333333"}}


def _basis(fig: go.Figure, titel: str, hoogte: int) -> go.Figure:
    fig.update_layout(
        title={"text": titel, "x": 0, "xanchor": "left", "font": {"size": 16}},
        separators=fmt.PLOTLY_SEPARATORS,
        height=hoogte,
        margin={"l": 10, "r": 20, "t": 60, "b": 40},
        hoverlabel={"align": "left"},
        legend={"orientation": "h", "yanchor": "top", "y": -0.12, "x": 0, "title": None},
        plot_bgcolor="white",
    )
    return fig


def _bron_tekst(rij: Mapping[str, Any]) -> str:
    titel = rij.get("bron_titel") or "onbekende bron"
    tabel = rij.get("tabel_id")
    if tabel and isinstance(tabel, str) and tabel not in titel:
        return f"{titel} ({tabel})"
    return str(titel)


def _customdata(rij: Mapping[str, Any], eenheid: str, naam: str | None = None) -> list[str]:
    """Hoverdata van één cijfer; ``naam`` ongeëscapet (hier gaat hij door plotly_letterlijk)."""
    status = rij.get("status")
    status = status if isinstance(status, str) and status else "status onbekend"
    return [
        plotly_letterlijk(naam or str(rij.get("regio_naam", ""))),
        fmt.waarde_van(rij, eenheid),
        fmt.periode(rij.get("jaar"), status),
        plotly_letterlijk(status),
        plotly_letterlijk(_bron_tekst(rij)),
    ]


def nl_als_referentie(eenheid: str) -> bool:
    """Nederland als referentie tekenen? Niet bij aantallen: 18 miljoen inwoners naast één gemeente
    zegt niets en drukt de gemeenten plat."""
    return (eenheid or "").strip() != "aantal"


def _arcering(voorlopig: Sequence[bool]) -> dict[str, Any]:
    """Witte arcering over de staafkleur voor voorlopige cijfers (de kleur blijft zichtbaar)."""
    return {"shape": ["/" if v else "" for v in voorlopig], "fillmode": "overlay",
            "fgcolor": "white", "solidity": 0.35, "size": 8}


def leeg_figuur(tekst: str, titel: str = "") -> go.Figure:
    """Een figuur met alleen een Nederlandse melding (nooit een lege as zonder uitleg)."""
    fig = go.Figure()
    fig.add_annotation(text=tekst, showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper",
                       font={"size": 14})
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return _basis(fig, titel, 220)


# ----------------------------------------------------------------------------- staven


def staven(
    frame: pd.DataFrame,
    *,
    titel: str,
    eenheid: str,
    kleur: Mapping[str, str],
    nederland: Mapping[str, Any] | None = None,
    ander_product: Mapping[str, Any] | None = None,
) -> go.Figure:
    """Liggende staven per regio (één jaar), met Nederland als grijze stippellijn.

    ``frame``: één rij per regio (zonder Nederland) met een waarde. ``nederland``: de rij van
    Nederland voor hetzelfde jaar, of None. ``ander_product``: een landelijk cijfer uit een ander
    CBS-product (alleen als Nederland zelf geen cijfer heeft); het krijgt een eigen label.
    Voorlopige cijfers hebben gearceerde staven en een ``*`` achter het jaar.
    """
    rijen = frame[frame["waarde"].notna()].reset_index(drop=True)
    if rijen.empty and nederland is None and ander_product is None:
        return leeg_figuur("Geen cijfers voor deze keuze.", titel)
    codes = list(rijen["regio_code"])
    namen = [plotly_letterlijk(n) for n in rijen["regio_naam"]]  # categorieën op de as
    voorlopig = [str(s).lower() in ("voorlopig", "nader voorlopig") for s in rijen["status"]]
    data = [_customdata(r, eenheid) for r in rijen.to_dict("records")]
    # Sporen en opmaak als dicts, in één go.Figure gevalideerd: add_vline/add_trace/update_* na
    # elkaar kostten ~60 ms per paginarun (Vergelijken). Zelfde figuur als voorheen.
    sporen: list[dict[str, Any]] = [dict(
        type="bar", x=list(rijen["waarde"]), y=namen, orientation="h",
        marker={"color": [kleur.get(c, NEDERLAND_KLEUR) for c in codes],
                "pattern": _arcering(voorlopig)},
        cliponaxis=False, customdata=data, hovertemplate=_HOVER, name="", showlegend=False,
    )]
    lijnen: list[dict[str, Any]] = []
    annotaties: list[dict[str, Any]] = []
    for ref, stijl, label in (
        (nederland, NEDERLAND_STIJL, "Nederland" + (
            f" ({nederland['afgeleid_uit']})" if nederland is not None
            and isinstance(nederland.get("afgeleid_uit"), str) else "")),
        (ander_product, ANDER_PRODUCT_STIJL, NEDERLAND_ANDER_PRODUCT),
    ):
        if ref is None or pd.isna(ref.get("waarde")):
            continue
        x = float(ref["waarde"])
        tekst = f"{label}: {fmt.waarde(ref['waarde'], eenheid)} ({fmt.periode(ref['jaar'], ref.get('status'))})"
        lijnen.append({"type": "line", "xref": "x", "yref": "y domain", "x0": x, "x1": x,
                       "y0": 0, "y1": 1, "line": dict(stijl)})
        # Een onzichtbaar punt op de lijn draagt de hover met bron, jaar en status.
        sporen.append(dict(
            type="scatter", x=[x] * max(len(namen), 1), y=namen or [label], mode="markers",
            marker={"opacity": 0, "size": 14}, name=label, showlegend=False,
            customdata=[_customdata(ref, eenheid, label)] * max(len(namen), 1),
            hovertemplate=_HOVER,
        ))
        annotaties.append({"x": x, "y": 1.0, "yref": "paper", "yanchor": "bottom", "text": tekst,
                           "showarrow": False, "font": {"color": NEDERLAND_KLEUR, "size": 12},
                           "xanchor": "left", "bgcolor": "rgba(255,255,255,0.8)"})
    annotaties += [waardelabel(float(waarde), naam, d[1])
                   for naam, waarde, d in zip(namen, rijen["waarde"], data, strict=True)]
    hoogste = max([float(w) for w in rijen["waarde"]] + [float(r["waarde"]) for r in
                  (nederland, ander_product) if r is not None and pd.notna(r.get("waarde"))]
                  or [0.0])
    layout = {
        "shapes": lijnen, "annotations": annotaties,
        "yaxis": {"type": "category", "autorange": "reversed", "categoryorder": "array",
                  "categoryarray": namen},
        "xaxis": {"title": {"text": as_titel(eenheid)}, "range": [0, hoogste * 1.18 or 1],
                  "gridcolor": "#e5e5e5", **as_opmaak(eenheid)},
    }
    return _basis(go.Figure(data=sporen, layout=layout), titel, 140 + 42 * max(len(namen), 1))


# ----------------------------------------------------------------------------- trends


def jaar_as(jaren: Iterable[int], tot: int = BELEIDSPERIODE[1]) -> list[str]:
    """Aaneengesloten jaren van het eerste jaar tot en met ``tot`` (standaard 2029), als tekst.

    Aaneengesloten, zodat een jaar zonder cijfer als gat zichtbaar is in plaats van weg te vallen.
    """
    jaren = [int(j) for j in jaren]
    if not jaren:
        return []
    return [str(j) for j in range(min(jaren), max(max(jaren), tot) + 1)]


def _lijn(frame: pd.DataFrame | list[dict[str, Any]], as_jaren: Sequence[str], eenheid: str,
          naam: str) -> tuple[list, list]:
    """Waarden en hoverdata op de volledige jaar-as; ontbrekende jaren blijven ``None``.

    ``frame``: de cijfers van één regio, als frame of al als rijen (``to_dict("records")``).
    """
    rijen = frame.to_dict("records") if isinstance(frame, pd.DataFrame) else frame
    per_jaar = {str(int(r["jaar"])): r for r in rijen}
    ys: list[float | None] = []
    data: list[list[str]] = []
    for j in as_jaren:
        r = per_jaar.get(j)
        if r is None or pd.isna(r.get("waarde")):
            ys.append(None)
            reden = (r.get("status") if r is not None else None) or "niet in de database"
            data.append([plotly_letterlijk(naam), fmt.GEEN_CIJFER, j, plotly_letterlijk(reden),
                         plotly_letterlijk(_bron_tekst(r)) if r is not None else "-"])
        else:
            ys.append(float(r["waarde"]))
            data.append(_customdata(r, eenheid, naam))
    return ys, data


def trendlijnen(
    frame: pd.DataFrame,
    *,
    titel: str,
    eenheid: str,
    kleur: Mapping[str, str],
    volgorde: Sequence[str] = (),
    ander_product: pd.DataFrame | None = None,
    beleidsperiode: tuple[int, int] = BELEIDSPERIODE,
) -> go.Figure:
    """Eén lijn per regio over alle jaren; Nederland grijs gestippeld; beleidsperiode gearceerd.

    ``frame``: rijen van :func:`monitor.store.reeks` voor één indicator. ``volgorde``: de
    regiocodes in de volgorde van de legenda. ``ander_product``: landelijke reeks uit een ander
    CBS-product, getekend als fijne grijze stippellijn "Nederland (ander CBS-product)".
    Voorlopige punten zijn open markers. Gaten worden niet verbonden.
    """
    alle_jaren = list(frame["jaar"]) + (list(ander_product["jaar"]) if ander_product is not None else [])
    if frame["waarde"].notna().sum() == 0 and (ander_product is None or ander_product.empty):
        return leeg_figuur("Geen cijfers voor deze regio's.", titel)
    as_jaren = jaar_as(alle_jaren, max(beleidsperiode[1], 0))
    # Rijen één keer per regio groeperen en de figuur in één keer bouwen uit dicts: plotly
    # valideert dan elke eigenschap één keer (losse add_trace/update-aanroepen kostten ~70 ms).
    per_regio: dict[str, list[dict[str, Any]]] = {}
    for rij in frame.to_dict("records"):
        per_regio.setdefault(rij["regio_code"], []).append(rij)
    codes = [c for c in volgorde if c in per_regio] or list(per_regio)
    sporen: list[dict[str, Any]] = []
    for code in codes:
        rijen = per_regio[code]
        naam = str(rijen[0]["regio_naam"])
        ys, data = _lijn(rijen, as_jaren, eenheid, naam)
        per_jaar = {str(int(r["jaar"])): r["status"] for r in rijen}
        open_punt = [str(per_jaar.get(j, "")).lower() in ("voorlopig", "nader voorlopig") for j in as_jaren]
        is_nl = code == NEDERLAND
        sym = symbool(code)
        sporen.append({
            "type": "scatter", "x": as_jaren, "y": ys, "name": plotly_letterlijk(naam),
            "mode": "lines+markers", "connectgaps": False,
            "line": dict(NEDERLAND_STIJL) if is_nl else {"color": kleur.get(code, NEDERLAND_KLEUR), "width": 2.5},
            "marker": {"symbol": [f"{sym}-open" if o else sym for o in open_punt], "size": 9,
                       "color": kleur.get(code, NEDERLAND_KLEUR),
                       "line": {"width": 2, "color": kleur.get(code, NEDERLAND_KLEUR)}},
            "customdata": data, "hovertemplate": _HOVER,
        })
    if ander_product is not None and not ander_product.empty:
        naam = NEDERLAND_ANDER_PRODUCT
        ys, data = _lijn(ander_product, as_jaren, eenheid, naam)
        per_jaar = {str(int(r["jaar"])): r["status"] for r in ander_product.to_dict("records")}
        # Open punt = voorlopig, net als bij de regio's (niet: open punt = ander product).
        open_punt = [str(per_jaar.get(j, "")).lower() in ("voorlopig", "nader voorlopig")
                     for j in as_jaren]
        sporen.append({
            "type": "scatter", "x": as_jaren, "y": ys, "name": naam, "mode": "lines+markers",
            "connectgaps": False, "line": dict(ANDER_PRODUCT_STIJL),
            "marker": {"symbol": ["circle-open" if o else "circle" for o in open_punt], "size": 7,
                       "color": NEDERLAND_KLEUR},
            "customdata": data, "hovertemplate": _HOVER,
        })
    layout: dict[str, Any] = {
        "xaxis": {"type": "category", "categoryorder": "array", "categoryarray": as_jaren,
                  "range": [-0.5, len(as_jaren) - 0.5], "showgrid": False},
        "yaxis": {"title": as_titel(eenheid), "gridcolor": "#e5e5e5", "rangemode": "tozero",
                  **as_opmaak(eenheid)},
        "hovermode": "closest",
    }
    start, eind = str(beleidsperiode[0]), str(beleidsperiode[1])
    if start in as_jaren and eind in as_jaren:
        x0, x1 = as_jaren.index(start) - 0.5, as_jaren.index(eind) + 0.5
        # wat add_vrect en add_annotation toevoegden
        layout["shapes"] = [{"type": "rect", "x0": x0, "x1": x1, "xref": "x", "y0": 0, "y1": 1,
                             "yref": "y domain", "fillcolor": "#999999", "opacity": 0.12,
                             "line": {"width": 0}, "layer": "below"}]
        layout["annotations"] = [{"x": (x0 + x1) / 2, "y": 1.0, "yref": "paper", "yanchor": "bottom",
                                  "showarrow": False, "text": f"Beleidsperiode {start}-{eind}",
                                  "font": {"size": 11, "color": "#555555"}}]
    fig = go.Figure(data=sporen, layout=layout)
    fig.update_layout(xaxis_title=None)  # een lege titel ("title": {}), als update_xaxes(title=None)
    return _basis(fig, titel, 420)


# ----------------------------------------------------------------------------- kleine staven


def kleine_staven(
    panelen: Sequence[Mapping[str, Any]],
    *,
    codes: Sequence[str],
    namen: Mapping[str, str],
    kleur: Mapping[str, str],
    kolommen: int = 3,
) -> go.Figure:
    """Kleine staafdiagrammen naast elkaar: per kerncijfer de gekozen regio's in één jaar.

    ``panelen``: dicts met ``titel``, ``eenheid``, ``frame`` (rijen van :func:`monitor.store.reeks`
    voor dat kerncijfer en jaar, alle regio's) en ``jaar_tekst``. Nederland is per paneel een
    grijze stippellijn (niet bij aantallen); een regio zonder cijfer krijgt de tekst "geen cijfer"
    in plaats van een staaf, zodat een gat zichtbaar blijft.

    De assen worden hier zelf verdeeld (geen ``make_subplots``/``add_vline`` per paneel): dat
    scheelt ongeveer 60 ms per paginarun.
    """
    if not panelen:
        return leeg_figuur("Geen kerncijfers om te tonen.")
    rijen_n = -(-len(panelen) // kolommen)
    h_ruimte, v_ruimte = 0.07, 0.42 / rijen_n
    breedte = (1 - (kolommen - 1) * h_ruimte) / kolommen
    hoogte = (1 - (rijen_n - 1) * v_ruimte) / rijen_n
    gemeenten = [c for c in codes if c != NEDERLAND]
    ruwe_namen = [namen.get(c, c) for c in gemeenten]
    labels = [plotly_letterlijk(n) for n in ruwe_namen]  # categorieën op de as
    sporen: list[dict[str, Any]] = []  # dicts: go.Figure valideert ze één keer (geen go.Bar vooraf)
    layout: dict[str, Any] = {"shapes": [], "annotations": []}
    for i, p in enumerate(panelen):
        rij, kol = i // kolommen, i % kolommen
        n = "" if i == 0 else str(i + 1)
        x_dom = [kol * (breedte + h_ruimte), kol * (breedte + h_ruimte) + breedte]
        boven = 1 - rij * (hoogte + v_ruimte)
        y_dom = [max(boven - hoogte, 0), boven]
        frame: pd.DataFrame = p["frame"]
        eenheid = str(p["eenheid"])
        per_code = {r["regio_code"]: r for r in frame.to_dict("records")}
        xs: list[float | None] = []
        data, zonder, getallen = [], [], []
        for code, naam, label in zip(gemeenten, ruwe_namen, labels, strict=True):
            r = per_code.get(code)
            if r is None or pd.isna(r.get("waarde")):
                xs.append(None)
                zonder.append(label)
                data.append([label, fmt.GEEN_CIJFER, p["jaar_tekst"],
                             plotly_letterlijk((r or {}).get("status") or "niet in de database"),
                             "-"])
            else:
                xs.append(float(r["waarde"]))
                data.append(_customdata(r, eenheid, naam))
                getallen.append(waardelabel(float(r["waarde"]), label,
                                            fmt.waarde(r["waarde"], eenheid), assen=n, grootte=11))
        voorlopig = [str((per_code.get(c) or {}).get("status", "")).lower()
                     in ("voorlopig", "nader voorlopig") for c in gemeenten]
        assen = {"xaxis": f"x{n}", "yaxis": f"y{n}"}
        sporen.append(dict(
            type="bar", x=xs, y=labels, orientation="h",
            cliponaxis=False,
            marker={"color": [kleur.get(c, NEDERLAND_KLEUR) for c in gemeenten],
                    "pattern": _arcering(voorlopig)},
            customdata=data, hovertemplate=_HOVER, showlegend=False, name="", **assen,
        ))
        if zonder:
            sporen.append(dict(
                type="scatter", x=[0] * len(zonder), y=zonder, mode="text", text=[fmt.GEEN_CIJFER] * len(zonder),
                textposition="middle right", textfont={"color": "#767676", "size": 11},
                hoverinfo="skip", showlegend=False, **assen,
            ))
        nl = per_code.get(NEDERLAND)
        nl_waarde = None
        if nl_als_referentie(eenheid) and nl is not None and not pd.isna(nl.get("waarde")):
            nl_waarde = float(nl["waarde"])
            layout["shapes"].append({"type": "line", "xref": f"x{n}", "yref": f"y{n} domain",
                                     "x0": nl_waarde, "x1": nl_waarde, "y0": 0, "y1": 1,
                                     "line": dict(NEDERLAND_STIJL)})
            sporen.append(dict(
                type="scatter", x=[nl_waarde] * len(labels), y=labels, mode="markers",
                marker={"opacity": 0, "size": 12}, showlegend=False, name="Nederland",
                customdata=[_customdata(nl, eenheid, "Nederland")] * len(labels),
                hovertemplate=_HOVER, **assen,
            ))
        # Ruimte rechts voor de waarde naast de langste staaf.
        grootste = max([x for x in xs if x is not None] + ([nl_waarde] if nl_waarde else []) + [0.0])
        layout[f"xaxis{n}"] = {"domain": x_dom, "anchor": f"y{n}", "range": [0, grootste * 1.3 or 1],
                               "gridcolor": "#e5e5e5", "nticks": 4, "tickangle": 0,
                               **as_opmaak(eenheid)}
        layout[f"yaxis{n}"] = {"domain": y_dom, "anchor": f"x{n}", "type": "category",
                               "autorange": "reversed", "showticklabels": kol == 0}
        titel = "<br>".join(textwrap.wrap(f"{p['titel']} ({p['jaar_tekst']})", 42))
        layout["annotations"].append({
            "text": titel, "x": x_dom[0], "y": y_dom[1], "xref": "paper", "yref": "paper",
            "xanchor": "left", "yanchor": "bottom", "align": "left", "showarrow": False,
            "font": {"size": 12},
        })
        layout["annotations"].extend(getallen)
    # De opmaak van _basis (met een kleinere bovenmarge) meteen in de layout: één validatie.
    layout.update(
        title={"text": "", "x": 0, "xanchor": "left", "font": {"size": 16}},
        separators=fmt.PLOTLY_SEPARATORS, height=250 * rijen_n + 40,
        margin={"l": 10, "r": 20, "t": 40, "b": 40}, hoverlabel={"align": "left"},
        legend={"orientation": "h", "yanchor": "top", "y": -0.12, "x": 0}, plot_bgcolor="white",
    )
    fig = go.Figure(data=sporen, layout=layout)
    return fig.update_layout(legend_title=None)  # "title": {}, zoals _basis hem zette
