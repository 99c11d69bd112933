"""Grafieken voor de pagina's Beleidsmonitor en Doeltreffendheid (frame erin, figuur eruit).

Apart van ``monitor/charts.py`` (dat een andere module bezit), maar met dezelfde afspraken en
dezelfde bouwstenen daaruit: één kleur en één markersymbool per regio (:func:`palet.kleuren`),
Nederland grijs gestippeld, een landelijk cijfer uit een ander CBS-product fijner gestippeld,
jaren als categorieën, Nederlandse scheidingstekens, voorlopige punten als open marker, en elke
hover met waarde, jaar (``2024*``), status en bron. Gaten worden niet verbonden. Regionamen,
statussen en bronnamen gaan door :func:`monitor.letterlijk.plotly_letterlijk` (Plotly tekent een
stukje HTML), precies één keer.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from monitor import fmt
from monitor.beleid.doeltreffendheid import trend_decimalen
from monitor.charts import (
    ANDER_PRODUCT_STIJL,
    NEDERLAND_STIJL,
    as_opmaak,
    as_titel,
    jaar_as,
    leeg_figuur,
    symbool,
)
from monitor.domein import ANDER_PRODUCT, BELEIDSJAREN, NEDERLAND, niet_vergelijkbaar_reden
from monitor.letterlijk import plotly_letterlijk
from monitor.palet import NEDERLAND_KLEUR, kleuren

BELEIDSPERIODE = (BELEIDSJAREN[0], BELEIDSJAREN[-1])
_HOVER = ("<b>%{customdata[0]}</b><br>%{customdata[1]}<br>Jaar: %{customdata[2]} "
          "(%{customdata[3]})<br>%{customdata[4]}<extra></extra>")  # fmt: skip


def _opmaak_layout(titel: str, hoogte: int, as_jaren: Sequence[str], eenheid: str
                   ) -> dict[str, Any]:  # fmt: skip
    """De gedeelde opmaak als één layout-dict: één keer valideren in ``go.Figure(layout=...)``
    is veel goedkoper dan losse ``update_xaxes``/``update_yaxes``/``update_layout``-aanroepen."""
    return {
        "xaxis": {"type": "category", "categoryorder": "array", "categoryarray": list(as_jaren),
                  "range": [-0.5, len(as_jaren) - 0.5], "title": None, "showgrid": False},
        "yaxis": {"title": as_titel(eenheid), "gridcolor": "#e5e5e5", **as_opmaak(eenheid)},
        "title": {"text": titel, "x": 0, "xanchor": "left", "font": {"size": 16}},
        "separators": fmt.PLOTLY_SEPARATORS, "height": hoogte, "plot_bgcolor": "white",
        "margin": {"l": 10, "r": 20, "t": 60, "b": 40}, "hoverlabel": {"align": "left"},
        "legend": {"orientation": "h", "yanchor": "top", "y": -0.12, "x": 0, "title": None},
        "hovermode": "closest",
    }  # fmt: skip




def _bron(rij: Mapping[str, Any]) -> str:
    titel = rij.get("bron_titel")
    tabel = rij.get("tabel_id")
    if isinstance(titel, str) and titel:
        extra = f" ({tabel})" if isinstance(tabel, str) and tabel and tabel not in titel else ""
        return "Bron: " + plotly_letterlijk(f"{titel}{extra}")
    return "Bron: onbekend"


def _reeks_punten(frame: pd.DataFrame | list[dict[str, Any]], as_jaren: Sequence[str],
                  eenheid: str, naam: str
                  ) -> tuple[list[float | None], list[list[str]], list[bool]]:  # fmt: skip
    """Waarden op de volledige jaar-as (gaten = None), hoverdata en 'voorlopig' per punt.

    ``frame``: de cijfers van één regio, als frame of al als rijen (``to_dict("records")``).
    ``naam`` ongeëscapet: hier gaat hij (met status en bron) door plotly_letterlijk.
    """
    rijen = frame.to_dict("records") if isinstance(frame, pd.DataFrame) else frame
    per_jaar = {str(int(r["jaar"])): r for r in rijen}
    naam = plotly_letterlijk(naam)
    ys, data, open_ = [], [], []
    for j in as_jaren:
        r = per_jaar.get(j)
        if r is None or pd.isna(r.get("waarde")):
            ys.append(None)
            reden = (r.get("status") if r is not None else None) or "niet in de database"
            data.append([naam, fmt.GEEN_CIJFER, j, plotly_letterlijk(reden),
                         _bron(r) if r is not None else ""])
            open_.append(False)
            continue
        status = r.get("status") if isinstance(r.get("status"), str) else "status onbekend"
        ys.append(float(r["waarde"]))
        data.append([naam, fmt.waarde(r["waarde"], eenheid), fmt.periode(int(j), status),
                     plotly_letterlijk(status), _bron(r)])  # fmt: skip
        open_.append(status in ("voorlopig", "nader voorlopig"))
    return ys, data, open_


def _periode_band(layout: dict[str, Any], as_jaren: Sequence[str], van: int, tot: int,
                  tekst: str) -> None:
    """Grijze band over de beleidsperiode met tekst erboven (als add_vrect/add_annotation)."""
    if str(van) in as_jaren and str(tot) in as_jaren:
        x0, x1 = as_jaren.index(str(van)) - 0.5, as_jaren.index(str(tot)) + 0.5
        layout.setdefault("shapes", []).append({
            "type": "rect", "x0": x0, "x1": x1, "xref": "x", "y0": 0, "y1": 1, "yref": "y domain",
            "fillcolor": "#999999", "opacity": 0.10, "line": {"width": 0}, "layer": "below"})
        layout.setdefault("annotations", []).append({
            "x": (x0 + x1) / 2, "y": 1.0, "yref": "paper", "yanchor": "bottom",
            "showarrow": False, "text": tekst, "font": {"size": 11, "color": "#555555"}})


def doel_figuur(
    reeks: pd.DataFrame,
    *,
    titel: str,
    eenheid: str,
    regio_code: str,
    regio_naam: str,
    nulmeting: Mapping[str, Any] | None = None,
    streefwaarden: Mapping[int, float] | None = None,
    projectie: pd.DataFrame | None = None,
    referentie: Mapping[str, Any] | None = None,
) -> go.Figure:
    """Realisatie, nulmeting, pad naar de streefwaarden, projectie met band, en een referentie.

    ``reeks``: cijfers van één regio (kolommen van ``store.reeks``). ``nulmeting``: dict met
    jaar en waarde. ``streefwaarden``: jaar → waarde. ``projectie``: frame jaar/verwacht/onder/
    boven (``toets.projectie``). ``referentie``: dict met naam, nulmeting_jaar, nulmeting_waarde,
    doel_jaar, doel_waarde (bijv. de landelijke schuldenambitie), als grijze stippellijn.
    """
    streefwaarden = dict(streefwaarden or {})
    jaren = [int(j) for j in reeks["jaar"]] if not reeks.empty else []
    jaren += list(streefwaarden) + ([int(nulmeting["jaar"])] if nulmeting else [])
    if projectie is not None and not projectie.empty:
        jaren += [int(j) for j in projectie["jaar"]]
    if referentie:
        jaren += [int(referentie["nulmeting_jaar"]), int(referentie["doel_jaar"])]
    if reeks["waarde"].notna().sum() == 0 and not streefwaarden and not referentie:
        return leeg_figuur(f"Geen cijfers voor {plotly_letterlijk(regio_naam)}.", titel)
    as_jaren = jaar_as(jaren, max([BELEIDSPERIODE[1], *jaren]))
    kleur = kleuren([regio_code])[regio_code]
    # Sporen als dicts en de opmaak als één layout: go.Figure valideert alles één keer.
    sporen: list[dict[str, Any]] = []
    layout = _opmaak_layout(titel, 440, as_jaren, eenheid)
    _periode_band(layout, as_jaren, *BELEIDSPERIODE, f"Beleidsperiode {BELEIDSPERIODE[0]}-"
                  f"{BELEIDSPERIODE[1]}")  # fmt: skip

    waarden = [*pd.to_numeric(reeks["waarde"], errors="coerce").dropna(), *streefwaarden.values()]
    waarden += [float(nulmeting["waarde"])] if nulmeting else []
    waarden += [referentie["nulmeting_waarde"], referentie["doel_waarde"]] if referentie else []
    band: list[float] = []
    if projectie is not None and not projectie.empty:
        waarden += list(projectie["verwacht"])
        band = [*projectie["onder"], *projectie["boven"]]
    bereik, band_in_beeld = as_bereik_met_band(waarden, band, ondergrens=0.0)

    if projectie is not None and not projectie.empty:
        px = [str(int(j)) for j in projectie["jaar"]]
        sporen.append({"type": "scatter", "x": px, "y": projectie["boven"], "mode": "lines",
                       "line": {"width": 0}, "hoverinfo": "skip", "showlegend": False})
        sporen.append({
            "type": "scatter", "x": px, "y": projectie["onder"], "mode": "lines",
            "line": {"width": 0}, "fill": "tonexty", "fillcolor": "rgba(0,114,178,0.12)",
            "name": "Onzekerheid projectie (95%)" if band_in_beeld else BAND_BUITEN_BEELD,
            "hoverinfo": "skip"})
        sporen.append({
            "type": "scatter", "x": px, "y": projectie["verwacht"], "mode": "lines",
            "name": "Projectie (trend)", "line": {"color": kleur, "dash": "dot", "width": 1.5},
            "customdata": [[fmt.waarde(v, eenheid), fmt.waarde(o, eenheid), fmt.waarde(b, eenheid)]
                           for v, o, b in zip(projectie["verwacht"], projectie["onder"],
                                              projectie["boven"], strict=True)],
            "hovertemplate": "Projectie %{x}: %{customdata[0]}<br>95%-band: %{customdata[1]} tot "
                             "%{customdata[2]}<extra></extra>"})  # fmt: skip

    if referentie:
        sporen.append({
            "type": "scatter",
            "x": [str(referentie["nulmeting_jaar"]), str(referentie["doel_jaar"])],
            "y": [referentie["nulmeting_waarde"], referentie["doel_waarde"]],
            "mode": "lines+markers", "name": str(referentie.get("naam", "Referentie")),
            "line": dict(NEDERLAND_STIJL),
            "marker": {"symbol": "x", "size": 9, "color": NEDERLAND_KLEUR},
            "customdata": [[fmt.waarde(referentie["nulmeting_waarde"], eenheid), "uitgangswaarde"],
                           [fmt.waarde(referentie["doel_waarde"], eenheid), "ambitie"]],
            "hovertemplate": "%{fullData.name}<br>%{x}: %{customdata[0]} (%{customdata[1]})"
                             "<extra></extra>", "connectgaps": True})  # fmt: skip

    ys, data, open_ = _reeks_punten(reeks, as_jaren, eenheid, regio_naam)
    sym = symbool(regio_code)
    sporen.append({
        "type": "scatter", "x": list(as_jaren), "y": ys,
        "name": f"{plotly_letterlijk(regio_naam)}: realisatie",
        "mode": "lines+markers", "connectgaps": False, "line": {"color": kleur, "width": 2.5},
        "marker": {"symbol": [f"{sym}-open" if o else sym for o in open_], "size": 9,
                   "color": kleur, "line": {"width": 2, "color": kleur}},
        "customdata": data, "hovertemplate": _HOVER})  # fmt: skip

    if nulmeting and streefwaarden:
        pad_x = [int(nulmeting["jaar"]), *sorted(j for j in streefwaarden
                                                 if j > int(nulmeting["jaar"]))]  # fmt: skip
        pad_y = [float(nulmeting["waarde"]), *(streefwaarden[j] for j in pad_x[1:])]
        sporen.append({
            "type": "scatter", "x": [str(j) for j in pad_x], "y": pad_y, "mode": "lines",
            "name": "Pad naar de streefwaarde",
            "line": {"color": kleur, "dash": "dash", "width": 1.5}, "hoverinfo": "skip",
            "connectgaps": True})
        sporen.append({
            "type": "scatter", "x": [str(j) for j in sorted(streefwaarden)],
            "y": [streefwaarden[j] for j in sorted(streefwaarden)], "mode": "markers",
            "name": "Streefwaarde", "marker": {"symbol": "star", "size": 13, "color": "white",
                                               "line": {"width": 2, "color": kleur}},
            "customdata": [fmt.waarde(streefwaarden[j], eenheid) for j in sorted(streefwaarden)],
            "hovertemplate": "Streefwaarde %{x}: %{customdata}<extra></extra>"})  # fmt: skip
    if nulmeting:
        sporen.append({
            "type": "scatter", "x": [str(int(nulmeting["jaar"]))],
            "y": [float(nulmeting["waarde"])], "mode": "markers", "name": "Nulmeting",
            "marker": {"symbol": "circle-open", "size": 18, "color": "#333333",
                       "line": {"width": 3, "color": "#333333"}},
            "customdata": [fmt.waarde(nulmeting["waarde"], eenheid)],
            "hovertemplate": "Nulmeting %{x}: %{customdata}<extra></extra>"})  # fmt: skip
    if bereik:
        layout["yaxis"]["range"] = bereik
    fig = go.Figure(data=sporen, layout=layout)
    # lege titels ("title": {}) zoals de update-aanroepen ze zetten
    return fig.update_layout(xaxis_title=None, legend_title=None)


#: Hoeveel breder dan de cijfers zelf nodig hebben de onzekerheidsband de waarde-as mag maken.
#: Meestal past de band dan helemaal (Heerlen, bijstand per 1.000: band 32,1-56,2 bij cijfers
#: 34,3-58,2). Een band van 0 tot 88 naast cijfers van 42 tot 45 (Nederland, AO, drie cijfers)
#: zou de cijfers plat drukken: die band loopt buiten beeld, en de legenda zegt dat.
BAND_HOOGSTENS = 2.0
BAND_BUITEN_BEELD = "Onzekerheid projectie (95%), loopt buiten beeld"


def as_bereik_met_band(waarden: Sequence[float], band: Sequence[float],
                       ondergrens: float | None = None
                       ) -> tuple[list[float] | None, bool]:  # fmt: skip
    """(bereik van de waarde-as, past de band erin?) voor een grafiek met een onzekerheidsband.

    De band telt mee zolang de as daardoor hooguit ``BAND_HOOGSTENS`` keer zo hoog wordt als voor
    ``waarden`` alleen: dan is niets afgekapt (issue 12). Is de band breder, dan volgt de as de
    cijfers en is het antwoord False, zodat de legenda kan zeggen dat de band buiten beeld loopt.
    """
    zonder = as_bereik(waarden, ondergrens)
    met = as_bereik([*waarden, *band], ondergrens)
    if zonder is None or met is None or not band:
        return met, True
    if met[1] - met[0] <= BAND_HOOGSTENS * (zonder[1] - zonder[0]):
        return met, True
    return zonder, False


def as_bereik(waarden: Sequence[float], ondergrens: float | None = None
              ) -> list[float] | None:  # fmt: skip
    """Het bereik van de waarde-as: alle ``waarden`` met 10% ruimte.

    Liggen alle waarden op of boven ``ondergrens`` (een band is al afgekapt op wat de eenheid
    toelaat, zie ``toets.projectie(grenzen=...)``), dan begint de as niet lager.
    """
    schoon = [float(w) for w in waarden if w is not None and pd.notna(w)]
    if not schoon:
        return None
    laag, hoog = min(schoon), max(schoon)
    marge = (hoog - laag) * 0.1 or abs(hoog) * 0.1 or 1.0
    onder = laag - marge
    if ondergrens is not None and laag >= ondergrens:
        onder = max(onder, ondergrens)
    return [onder, hoog + marge]


def pretrend_figuur(
    reeks: pd.DataFrame,
    *,
    titel: str,
    eenheid: str,
    volgorde: Sequence[str],
    tot_jaar: int,
    ander_product: bool = False,
    trends: pd.DataFrame | None = None,
) -> go.Figure:
    """De jaren tot en met de nulmeting: liepen Heerlen, Nederland en de groep gelijk op?

    Eén lijn per regio (vaste kleur en symbool); Nederland grijs gestippeld, of fijner gestippeld
    met "(ander CBS-product)" als de landelijke reeks een ander CBS-begrip is. ``trends`` (uit
    ``toets.pretrend``) tekent per regio de rechte trendlijn dun gestippeld, zodat hellingen te
    vergelijken zijn ook als er jaren ontbreken; de cijfers zelf worden niet verbonden over gaten.
    """
    deel = reeks[reeks["jaar"] <= tot_jaar]
    if deel["waarde"].notna().sum() == 0:
        return leeg_figuur(f"Geen cijfers tot en met {tot_jaar}.", titel)
    as_jaren = jaar_as(deel["jaar"], tot_jaar)
    kleur = kleuren(volgorde)
    # Eén keer naar rijen en per regio groeperen (niet per regio het frame filteren), en de
    # figuur in één keer bouwen uit dicts: plotly valideert dan elke eigenschap één keer.
    per_regio: dict[str, list[dict[str, Any]]] = {}
    for rij in deel.to_dict("records"):
        per_regio.setdefault(rij["regio_code"], []).append(rij)
    traces: list[dict[str, Any]] = []
    for code in volgorde:
        rijen = per_regio.get(code)
        if not rijen:
            continue
        naam = str(rijen[0]["regio_naam"]) if "regio_naam" in deel else code
        is_nl = code == NEDERLAND
        if is_nl and ander_product:
            naam = f"{naam} ({ANDER_PRODUCT})"
        ys, data, open_ = _reeks_punten(rijen, as_jaren, eenheid, naam)
        sym = symbool(code)
        lijn = (dict(ANDER_PRODUCT_STIJL) if ander_product else dict(NEDERLAND_STIJL)) if is_nl \
            else {"color": kleur[code], "width": 2.5}  # fmt: skip
        traces.append({
            "type": "scatter", "x": list(as_jaren), "y": ys, "name": plotly_letterlijk(naam),
            "mode": "lines+markers", "connectgaps": False, "line": lijn,
            "marker": {"symbol": [f"{sym}-open" if o else sym for o in open_], "size": 9,
                       "color": kleur[code], "line": {"width": 2, "color": kleur[code]}},
            "customdata": data, "hovertemplate": _HOVER})  # fmt: skip
    if trends is not None and not trends.empty:
        for t in trends.dropna(subset=["helling"]).to_dict("records"):
            code = t["regio_code"]
            if code not in kleur:
                continue
            traces.append({
                "type": "scatter", "x": [str(int(t["van_jaar"])), str(int(t["tot_jaar"]))],
                "y": [t["begin_trend"], t["eind_trend"]], "mode": "lines", "showlegend": False,
                "line": {"color": kleur[code], "width": 1, "dash": "dot"},
                "name": f"trendlijn {code}",
                "hovertemplate": "Trendlijn (rechte lijn door de cijfers): "
                                 f"{fmt.verschil(t['helling'], eenheid, trend_decimalen(eenheid))}"
                                 " per jaar"
                                 "<extra></extra>"})  # fmt: skip
    layout = _opmaak_layout(titel, 400, as_jaren, eenheid)
    layout["annotations"] = [{"x": len(as_jaren) - 1, "y": 1.0, "yref": "paper",
                              "yanchor": "bottom", "showarrow": False,
                              "text": f"nulmeting {tot_jaar}",
                              "font": {"size": 11, "color": "#555555"}}]  # fmt: skip
    fig = go.Figure(data=traces, layout=layout)
    # Een lege titel zoals update_xaxes(title=None) hem zette ("title": {}), zodat de figuur
    # precies dezelfde JSON geeft als toen hij met losse update-aanroepen werd gebouwd.
    return fig.update_layout(xaxis_title=None, legend_title=None)


def _kort_verschil(v: float, eenheid: str) -> str:
    """Verschil met teken zonder eenheidswoord (dat staat op de as): "−6,3", "+1.200"."""
    return fmt.verschil(v, eenheid).removesuffix(" procentpunt").removesuffix(" euro")


def verandering_figuur(verandering: pd.DataFrame, *, titel: str, eenheid: str,
                       ander_product: bool = False) -> go.Figure:  # fmt: skip
    """Liggende staven: verandering per regio tussen twee jaren (regio's zonder cijfer: genoemd).

    ``verandering``: frame uit ``toets.veranderingen`` met regio_naam erbij.
    """
    met = verandering[verandering["verschil"].notna()]
    zonder = verandering[verandering["verschil"].isna()]
    if met.empty:
        return leeg_figuur("Voor geen enkele regio zijn er cijfers in beide jaren.", titel)
    kleur = kleuren(list(verandering["regio_code"]))
    namen = [plotly_letterlijk(f"{n} ({ANDER_PRODUCT})" if c == NEDERLAND and ander_product else n)
             for c, n in zip(met["regio_code"], met["regio_naam"], strict=True)]  # fmt: skip
    eenheid_verschil = "procentpunt" if eenheid == "%" else eenheid
    staaf = {
        "type": "bar", "y": namen, "x": met["verschil"], "orientation": "h",
        # Geen arcering voor Nederland: overal elders betekent een gearceerde staaf "voorlopig"
        # (charts.UITLEG_VOORLOPIG_STAAF); Nederland is hier al grijs.
        "marker": {"color": [kleur[c] for c in met["regio_code"]]},
        "text": [_kort_verschil(v, eenheid) for v in met["verschil"]], "textposition": "outside",
        "cliponaxis": False,
        "customdata": [[fmt.waarde(a, eenheid), fmt.waarde(b, eenheid)]
                       for a, b in zip(met["van"], met["tot"], strict=True)],
        "hovertemplate": "<b>%{y}</b><br>van %{customdata[0]} naar %{customdata[1]}<br>"
                         f"verschil %{{text}} {eenheid_verschil}<extra></extra>"}  # fmt: skip
    laag, hoog = float(min(0.0, met["verschil"].min())), float(max(0.0, met["verschil"].max()))
    marge = 0.25 * ((hoog - laag) or 1.0)  # ruimte voor de getallen naast de staven
    # De hele opmaak in één layout-dict: één validatie in plaats van vijf update-aanroepen.
    layout: dict[str, Any] = {
        "yaxis": {"autorange": "reversed", "title": None, "ticksuffix": "  "},
        "xaxis": {"range": [laag - (marge if laag < 0 else 0), hoog + (marge if hoog > 0 else 0)],
                  "title": f"verandering ({eenheid_verschil})", "zeroline": True,
                  "zerolinecolor": "#333333", "gridcolor": "#e5e5e5",
                  "tickformat": ",.0f" if eenheid in ("euro", "aantal") else ",.1~f"},
        "title": {"text": titel, "x": 0, "xanchor": "left", "font": {"size": 16}},
        "separators": fmt.PLOTLY_SEPARATORS, "height": 150 + 45 * len(met),
        "plot_bgcolor": "white",
        "margin": {"l": 10, "r": 60, "t": 60, "b": 90 if not zonder.empty else 60},
        "showlegend": False,
    }  # fmt: skip
    if not zonder.empty:
        # Twee redenen apart: een cijfer ontbreekt, of beide cijfers zijn er maar over een breuk
        # in de reeks heen (de tabel eronder toont ze wel, met de reden).
        breuk = zonder["reden"].map(niet_vergelijkbaar_reden).astype(bool)
        soorten = (("Geen cijfer in beide jaren", zonder[~breuk]),
                   ("Cijfers niet vergelijkbaar tussen beide jaren (breuk in de reeks)",
                    zonder[breuk]))  # fmt: skip
        regels = [f"{kop}: " + ", ".join(plotly_letterlijk(n) for n in deel["regio_naam"])
                  for kop, deel in soorten if not deel.empty]  # fmt: skip
        layout["annotations"] = [{
            "text": "<br>".join(regels),
            "showarrow": False, "xref": "paper", "yref": "paper", "x": 0, "y": 0, "yshift": -62,
            "xanchor": "left", "yanchor": "top", "font": {"size": 11, "color": "#555555"}}]
        layout["margin"]["b"] += 18 * (len(regels) - 1)
    return go.Figure(data=[staaf], layout=layout).update_layout(yaxis_title=None)  # "title": {}
