"""De begrippen van het domein, één keer gedefinieerd.

Elke regel die over meer dan één scherm gaat staat hier: welke code Nederland heeft, welke
regio's standaard gekozen zijn, welke jaren de beleidsperiode vormt, wat "een cijfer" is, en
wanneer een verschil gunstig heet. Pagina's, export en rekenwerk importeren dit; niemand
schrijft het opnieuw.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo

import pandas as pd

#: CBS-code van Nederland in de database (de ETL zet KWB's ``NL00`` om naar deze code).
NEDERLAND = "NL01"
#: De gemeente die centraal staat: Heerlen.
HEERLEN = "GM0917"
#: Standaardkeuze: Heerlen, Nederland, Amstelveen, Heemskerk, Maastricht.
STANDAARD_REGIOS: tuple[str, ...] = (HEERLEN, NEDERLAND, "GM0362", "GM0396", "GM0935")

#: Het beleidsplan *Zekerheid als vertrekpunt* loopt van 2026 tot en met 2029.
BELEIDSJAREN: tuple[int, ...] = (2026, 2027, 2028, 2029)
EINDJAAR = BELEIDSJAREN[-1]
#: Standaard-nulmeting: het laatste jaar vóór de beleidsperiode.
NULMETING_VOOR = BELEIDSJAREN[0]

#: Tijdstippen staan in UTC in de databases en worden overal in Nederlandse tijd getoond, met dat
#: label erbij: één tijdzone voor Bronnen, Geschiedenis, de voet van de pagina en de export.
TIJDZONE = ZoneInfo("Europe/Amsterdam")
TIJDZONE_LABEL = "Nederlandse tijd"

RICHTINGEN: tuple[str, ...] = ("lager_is_beter", "hoger_is_beter", "neutraal")


def tekst_of_niets(x: object) -> str | None:
    """Tekst, of None als er niets staat (None, NaN, pd.NA, lege tekst)."""
    if isinstance(x, str):
        return x or None
    return None if x is None or pd.isna(x) else str(x)


def getal_of_niets(x: object) -> float | None:
    """Een eindig getal, of None als er geen cijfer is (None, NaN, pd.NA, oneindig, tekst)."""
    if x is None or isinstance(x, str):
        return None
    try:
        f = float(x)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return f if math.isfinite(f) else None


def is_cijfer(x: object) -> bool:
    """Is dit een cijfer? Een gat (leeg, NaN, onbekend) is nooit 0 en telt nergens mee."""
    return getal_of_niets(x) is not None


class Oordeel(StrEnum):
    """Het oordeel over een verschil, gezien de richting van de indicator."""

    GUNSTIG = "gunstig"
    ONGUNSTIG = "ongunstig"
    GELIJK = "gelijk"


def gunstig(verschil: object, richting: str, decimalen: int | None = None) -> Oordeel | None:
    """Is een verschil gunstig? ``None`` als er geen oordeel kan zijn.

    Geen oordeel bij een neutrale indicator of zonder cijfer. Nul is neutraal ("gelijk"),
    ook een verschil dat pas na afronden op de publicatieprecisie (``decimalen``) nul is:
    "0,0 procentpunt, gunstig" zou een verschil claimen dat de bron niet laat zien.
    """
    v = getal_of_niets(verschil)
    if v is None or richting not in ("lager_is_beter", "hoger_is_beter"):
        return None
    if decimalen is not None:
        v = round(v, decimalen)
    if v == 0:
        return Oordeel.GELIJK
    beter = v < 0 if richting == "lager_is_beter" else v > 0
    return Oordeel.GUNSTIG if beter else Oordeel.ONGUNSTIG


def afronden(waarde: object, decimalen: object) -> float | None:
    """Rond af op de publicatieprecisie van de indicator (half naar boven, zoals CBS).

    ``decimalen`` komt uit de catalogus: 1 = één cijfer achter de komma, -2 = honderdtallen
    (inkomen in 1.000 euro met één decimaal). Zonder bekende precisie blijft het getal staan.
    Zo draagt een export nooit 15 decimalen die de bron niet heeft.
    """
    w = getal_of_niets(waarde)
    d = getal_of_niets(decimalen)
    if w is None or d is None:
        return w
    stap = Decimal(1).scaleb(-int(d))
    return float(Decimal(repr(w)).quantize(stap, rounding=ROUND_HALF_UP))


#: Effectindicatoren van Heerlens plan die de beleidsmonitor altijd toont (ook zonder
#: streefwaarde), zodat nulmeting en status zichtbaar zijn voordat er doelen zijn vastgesteld.
PLANINDICATOREN: tuple[str, ...] = (
    "hh_laag_inkomen_pct", "hh_rond_sociaal_minimum_pct", "hh_tot_110_sm_pct",
    "personen_in_armoede_pct", "bijstand_per_1000", "problematische_schulden_hh_pct",
    "besteedbaar_inkomen_hh", "gestandaardiseerd_inkomen_hh", "ao_per_1000",
)  # fmt: skip
#: De indicator van de landelijke schuldenambitie (8,8% in 2021 naar 3,8% in 2030).
SCHULDEN_KEY = "problematische_schulden_hh_pct"


# ----------------------------------------------------------------------------- vergelijkbaarheid
@dataclass(frozen=True)
class Vergelijking:
    """Mogen twee cijfers vergeleken worden? Zo niet, dan zegt ``reden`` waarom."""

    ok: bool
    reden: str | None = None


NIET_VERGELIJKBAAR = "niet vergelijkbaar"

#: Hoe de monitor overal een landelijk cijfer noemt dat uit een ander CBS-product komt (een
#: verwante maar andere meting, ``indicator_meta.vergelijk_nl``): in legenda, hover, kaartjes,
#: zinnen, kanttekeningen en de export. Zo'n cijfer wordt nooit vergeleken (zie
#: :func:`vergelijkbaar`). "ander product" alleen zegt een lezer niets.
ANDER_PRODUCT = "ander CBS-product"
#: Het label van Nederland als het landelijke cijfer uit een ander CBS-product komt.
NEDERLAND_ANDER_PRODUCT = f"Nederland ({ANDER_PRODUCT})"


def niet_vergelijkbaar_reden(reden: object) -> bool:
    """Is dit de reden dat een verandering ontbreekt omdat de cijfers niet te vergelijken zijn
    (en niet omdat er een cijfer ontbreekt)?"""
    return str(reden or "").startswith(NIET_VERGELIJKBAAR)


def reeks_van(rij: Mapping[str, Any]) -> str | None:
    """De vergelijkbare reeks waar een cijfer bij hoort.

    De catalogus kan een bron per indicator in een eigen reeks zetten (``reeks``, bij een
    definitiebreuk); zonder die verklaring vormen alle StatLine-cijfers van een indicator één
    reeks, en is elk ander bronbestand (een citaat, een lokaal cijfer) een reeks op zich.
    """
    reeks = rij.get("reeks")
    if isinstance(reeks, str) and reeks:
        return reeks
    bron = rij.get("bron_id")
    if not isinstance(bron, str):
        return None
    return "cbs" if rij.get("bron_soort") == "statline" else bron


def vergelijkbaar(a: Mapping[str, Any], b: Mapping[str, Any]) -> Vergelijking:
    """Mogen deze twee cijfers vergeleken worden (verschil, kloof, rang, oordeel, projectie, DiD)?

    Alleen binnen één begrip (dezelfde indicator, geen "ander CBS-product") en binnen één
    reeks (geen definitiebreuk of citaat ertussen). Dit is de enige plek met die regel.
    """
    if a.get("indicator_key") != b.get("indicator_key") or bool(a.get("ander_product")) != bool(
            b.get("ander_product")):
        return Vergelijking(False, f"een andere meting ({ANDER_PRODUCT}), niet hetzelfde begrip")
    ra, rb = reeks_van(a), reeks_van(b)
    if ra != rb:
        reden = next((r for r in (a.get("reeks_reden"), b.get("reeks_reden"))
                      if isinstance(r, str) and r), None)
        return Vergelijking(False, reden or f"andere bron ({_bron_naam(a)} tegenover "
                                            f"{_bron_naam(b)}), mogelijk een andere definitie")
    return Vergelijking(True)


def _bron_naam(rij: Mapping[str, Any]) -> str:
    for k in ("bron_titel", "tabel_id", "bron_id"):
        v = rij.get(k)
        if isinstance(v, str) and v:
            return v
    return "onbekend"


def lokale_tijd(t: object) -> datetime | None:
    """Een opgeslagen tijdstip (UTC, zonder tijdzone) als Nederlandse tijd, zonder tijdzone-info."""
    if t is None or isinstance(t, float) and math.isnan(t):
        return None
    try:
        ts = pd.Timestamp(t)
    except (TypeError, ValueError):
        return None
    if ts is pd.NaT:
        return None
    if ts.tzinfo is None:
        ts = ts.tz_localize("UTC")
    return ts.tz_convert(TIJDZONE).tz_localize(None).to_pydatetime()


# ----------------------------------------------------------------------------- afronding door CBS
#: Een cijfer uit aantallen die CBS afrondt (uitkeringen op tientallen) heet **door afronding
#: onzeker** als het bereik waarin het echte cijfer ligt (``afronding_laag`` tot
#: ``afronding_hoog``, zie ``etl.afronding``) breder is dan 20% van het getoonde cijfer, of het
#: cijfer 0 is, of er geen bovengrens is. Waarom 20%: bij tientallen is dat een aantal onder de 45
#: (bereik 9 op 45). Dan kan de afronding alleen al het cijfer zo'n 10% omhoog of omlaag zetten,
#: en liggen de 342 gemeenten zo dicht op elkaar (bijstand per 1.000: gemiddeld 0,15 per plaats)
#: dat een plaats, "laagste" of "hoogste" dan vooral iets over de afronding zegt. Bij een grote
#: gemeente is het bereik een fractie van een procent (Heerlen, bijstand 2024: 3.830 personen,
#: 43,73 tot 43,84 per 1.000) en zegt de monitor niets extra's. Bijstand per 1.000 in 2024: 6 van
#: de 342 gemeenten. Strenger ("breder dan de getoonde decimaal") zou bijna elke gemeente raken:
#: 5 personen op 87.461 inwoners is al 0,06 per 1.000.
AFRONDING_BREED = 0.20


def afronding_breed(waarde: object, laag: object, hoog: object) -> bool:
    """Is dit cijfer door de afronding van CBS onzeker (zie :data:`AFRONDING_BREED`)?

    ``False`` zonder cijfer of zonder bereik (niet uit afgeronde aantallen): dan is er niets te
    melden. ``hoog`` leeg bij een ``laag`` = onbegrensd, en dus breed.
    """
    w, lo, hi = getal_of_niets(waarde), getal_of_niets(laag), getal_of_niets(hoog)
    if w is None or lo is None:
        return False
    if hi is None:
        return True
    if hi - lo <= 0:
        return False
    return w == 0 or (hi - lo) / abs(w) > AFRONDING_BREED


def afronding_naar_buiten(laag: object, hoog: object,
                          decimalen: int) -> tuple[float | None, float | None]:
    """De grenzen van een afrondingsbereik op ``decimalen``, naar buiten afgerond.

    De ondergrens naar beneden, de bovengrens naar boven (1,042 → 1,1): het getoonde bereik
    bevat altijd het echte, ook na afronden. Gewoon afronden (1,042 → 1,0) zou het bereik
    smaller tonen dan het is. Een lege grens blijft leeg (onbegrensd).
    """
    stap = Decimal(1).scaleb(-decimalen)

    def _rond(x: object, richting: str) -> float | None:
        g = getal_of_niets(x)
        return None if g is None else float(Decimal(repr(g)).quantize(stap, rounding=richting))

    return _rond(laag, ROUND_FLOOR), _rond(hoog, ROUND_CEILING)
