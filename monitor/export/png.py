"""PNG van een grafiek, op de server gemaakt met kaleido en Debians Chromium."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import plotly.graph_objects as go
import plotly.io as pio

from monitor import palet
from monitor.domein import NEDERLAND
from monitor.export.model import ExportData, PngNietMogelijk, gebruikte_bronnen
from monitor.export.tabellen import eenheid_per_key, titel_per_key
from monitor.letterlijk import plotly_letterlijk
from monitor.tabelbestand import zonder_na


def chromium_pad() -> Path | None:
    """Debians Chromium (of ``$BROWSER_PATH``) als die er is; kaleido heeft een browser nodig."""
    for kandidaat in (os.environ.get("BROWSER_PATH"), "/usr/bin/chromium",
                      "/usr/bin/chromium-browser"):
        if kandidaat and Path(kandidaat).is_file() and os.access(kandidaat, os.X_OK):
            return Path(kandidaat)
    return None


def png(figuur: Any, breedte: int = 1100, hoogte: int = 600) -> bytes:
    """Een Plotly-figuur als PNG, op de server gemaakt met kaleido en Chromium.

    Kost een paar seconden (kaleido start een headless Chromium). Zonder Chromium volgt een
    :class:`PngNietMogelijk` met uitleg; de cameraknop in de grafiek werkt dan nog steeds.
    """
    pad = chromium_pad()
    if pad is None:
        raise PngNietMogelijk(
            "Op deze server is geen Chromium geïnstalleerd, dus de monitor kan hier geen PNG "
            "maken. Gebruik de cameraknop rechtsboven in de grafiek; die bewaart de grafiek als "
            "PNG in uw browser.")
    os.environ.setdefault("BROWSER_PATH", str(pad))
    # Op het scherm krijgt een figuur het lege sjabloon (Streamlits thema doet de opmaak, zie
    # monitor/ui/grafiek.py). Kaleido kent dat thema niet: geef het PNG het Plotly-sjabloon.
    figuur = go.Figure(figuur)
    figuur.layout.template = pio.templates["plotly"]
    try:
        return figuur.to_image(format="png", width=breedte, height=hoogte, scale=1)
    except Exception as fout:  # noqa: BLE001 (kaleido/choreographer geven wisselende fouten)
        raise PngNietMogelijk(f"Het maken van de PNG mislukte ({fout}). Probeer de cameraknop "
                              "rechtsboven in de grafiek.") from fout


def grafiek(data: ExportData, indicator_key: str | None = None) -> Any:
    """De trendgrafiek van één indicator uit de selectie (``monitor.charts.trendlijnen``), met
    een bronregel ín het plaatje: een PNG in een raadsvoorstel heeft geen hover."""
    from monitor import charts  # noqa: PLC0415 (plotly alleen laden als er een grafiek komt)

    key = indicator_key or (data.selectie.indicatoren[0] if data.selectie.indicatoren else "")
    titel = titel_per_key(data).get(key, key)
    eenheid = eenheid_per_key(data).get(key, "")
    bron = data.bronnen.set_index("bron_id")
    frame = data.cijfers[data.cijfers["indicator_key"] == key].copy()
    frame["bron_titel"] = [zonder_na(bron["titel"].get(b)) for b in frame["bron_id"]]
    frame["tabel_id"] = [zonder_na(bron["tabel_id"].get(b)) for b in frame["bron_id"]]
    codes = list(data.selectie.regios)
    if not charts.nl_als_referentie(eenheid):  # 18 miljoen naast één gemeente zegt niets
        frame = frame[frame["regio_code"] != NEDERLAND]
    fig = charts.trendlijnen(frame, titel=titel, eenheid=eenheid, kleur=palet.kleuren(codes),
                             volgorde=codes)
    met_waarde = frame[frame["waarde"].notna()]
    # Tabelcodes en licenties uit de database: Plotly tekent een stukje HTML in een annotatie.
    tabellen = sorted({plotly_letterlijk(t) for t in met_waarde["tabel_id"].dropna()})
    voorlopig = bool(met_waarde["status"].isin(["voorlopig", "nader voorlopig"]).any())
    gebruikt = gebruikte_bronnen(met_waarde, bron.index)
    licenties = sorted({plotly_letterlijk(bron["licentie"][b]) for b in gebruikt
                        if zonder_na(bron["licentie"].get(b)) is not None})
    regel = "Bron: " + (", ".join(tabellen) or "geen cijfers") + "."
    if licenties:
        regel += " Licentie: " + "; ".join(licenties) + "."
    if voorlopig:
        regel += " Open punt = voorlopig cijfer."
    regel += f" Armoedemonitor, database {data.database.get('run_id') or 'onbekend'}."
    fig.add_annotation(text=regel, xref="paper", yref="paper", x=0, y=-0.22, xanchor="left",
                       yanchor="top", showarrow=False, font={"size": 11, "color": "#444444"})
    fig.update_layout(margin={"l": 70, "b": 120}, height=600)
    return fig
