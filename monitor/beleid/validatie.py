"""Controle van wat mensen invoeren: getallen, jaren, bereik per eenheid, richting.

Zuiver Python: geen SQL, geen Streamlit. ``opslag`` en ``importeren`` roepen dit aan voordat er
iets geschreven wordt, zodat één fout nooit half wordt opgeslagen.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from monitor.domein import BELEIDSJAREN
from monitor.fmt import getal
from monitor.fmt import waarde as fmt_waarde

#: Toegestaan bereik per eenheid (ondergrens, bovengrens; None = open).
BEREIK: dict[str, tuple[float | None, float | None]] = {
    "%": (0.0, 100.0),
    "aantal": (0.0, None),
    "euro": (0.0, None),
    "per 1.000 inwoners": (0.0, 1000.0),
    "per 1.000 inwoners per maand": (0.0, 1000.0),
    "1 op de N inwoners": (1.0, None),
}



class BeleidFout(Exception):
    """Een wijziging kan niet: de tekst is voor de gebruiker (Nederlands)."""


class Afgekeurd(BeleidFout):
    """Invoer afgekeurd; ``fouten`` blokkeren, ``waarschuwingen`` vragen om bevestiging."""

    def __init__(self, fouten: Sequence[str], waarschuwingen: Sequence[str] = ()) -> None:
        self.fouten = list(fouten)
        self.waarschuwingen = list(waarschuwingen)
        tekst = self.fouten or self.waarschuwingen
        super().__init__(" ".join(tekst))

    @property
    def bevestiging_nodig(self) -> bool:
        return not self.fouten and bool(self.waarschuwingen)


@dataclass
class Controle:
    """Uitkomst van een controle: fouten blokkeren, waarschuwingen vragen om bevestiging."""

    waarde: float | None = None
    fouten: list[str] = field(default_factory=list)
    waarschuwingen: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.fouten


_NL_DUIZEND = re.compile(r"[+-]?\d{1,3}(\.\d{3})+(,\d+)?")
_NL_GEWOON = re.compile(r"[+-]?\d+(,\d+)?")
_TECH = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")


def lees_getal(tekst: object, decimaal: str = ",") -> float:
    """Lees een getal zoals een medewerker het typt of Excel het opslaat.

    ``decimaal=","`` (Nederlandse CSV met ``;``): ``7,1``, ``42.600``, ``1.234,5``; een punt
    mag alleen als duizendtalscheiding (``7.1`` is dus fout: dubbelzinnig). ``decimaal="."``
    (technische CSV met ``,``): ``7.1``, geen duizendtalscheiding. ``%``, ``€`` en spaties
    rond het getal mogen. Geeft ValueError met een Nederlandse uitleg.
    """
    if isinstance(tekst, bool):
        raise ValueError("ja/nee is geen getal")
    if isinstance(tekst, int | float):
        f = float(tekst)
        if not math.isfinite(f):
            raise ValueError("geen eindig getal")
        return f
    t = str(tekst).strip().replace("\u00a0", "").replace(" ", "").replace("\u2212", "-")
    t = t.removeprefix("€").removesuffix("%")
    if not t:
        raise ValueError("leeg")
    if decimaal == ",":
        if _NL_DUIZEND.fullmatch(t):
            return float(t.replace(".", "").replace(",", "."))
        if _NL_GEWOON.fullmatch(t):
            return float(t.replace(",", "."))
        if re.fullmatch(r"[+-]?\d+\.\d+", t):
            raise ValueError(f"'{tekst}': gebruik een komma voor decimalen (bijv. 7,1)")
    elif _TECH.fullmatch(t):
        return float(t)
    raise ValueError(f"'{tekst}' is geen getal")


def lees_jaar(tekst: object) -> int:
    """Een jaartal als geheel getal (``2027`` of ``2027,0`` uit Excel)."""
    try:
        f = lees_getal(tekst) if not isinstance(tekst, int | float) else float(tekst)
    except ValueError:
        try:
            f = lees_getal(tekst, ".")
        except ValueError as fout:
            raise ValueError(f"jaar '{tekst}' is geen jaartal") from fout
    if f != int(f):
        raise ValueError(f"jaar '{tekst}' is geen jaartal")
    return int(f)


def controleer_streefwaarde(
    jaar: object,
    waarde: object,
    eenheid: str,
    richting: str,
    nulmeting_waarde: float | None = None,
    decimaal: str = ",",
) -> Controle:
    """Controleer één streefwaarde: getal, jaar 2026-2029, bereik van de eenheid, richting.

    Fouten (blokkeren): geen getal; jaar buiten 2026-2029; buiten het bereik (percentage 0-100,
    aantal en euro ≥ 0, per 1.000 tussen 0 en 1.000, "1 op de N" ≥ 1); een aantal dat geen
    geheel getal is. Waarschuwing (vraagt bevestiging): een doel dat slechter is dan de
    nulmeting (hoger terwijl lager beter is, of andersom).
    """
    c = Controle()
    try:
        j = lees_jaar(jaar)
        if j not in BELEIDSJAREN:
            c.fouten.append(f"Jaar {j} kan niet: streefwaarden gaan over 2026 tot en met 2029.")
    except ValueError as fout:
        c.fouten.append(f"Het jaar klopt niet: {fout}.")
        j = None
    try:
        w = lees_getal(waarde, decimaal)
    except ValueError as fout:
        c.fouten.append(f"De streefwaarde is geen getal ({fout}).")
        return c
    c.waarde = w
    lo, hi = BEREIK.get((eenheid or "").strip(), (None, None))
    if lo is not None and w < lo:
        c.fouten.append(_bereik_tekst(eenheid, w))
    elif hi is not None and w > hi:
        c.fouten.append(_bereik_tekst(eenheid, w))
    if eenheid == "aantal" and w != int(w):
        c.fouten.append(f"Een aantal is een heel getal; {_toon(w)} kan niet.")
    if nulmeting_waarde is not None and c.ok:
        slechter = ((richting == "lager_is_beter" and w > nulmeting_waarde)
                    or (richting == "hoger_is_beter" and w < nulmeting_waarde))  # fmt: skip
        if slechter:
            wat = "hoger" if richting == "lager_is_beter" else "lager"
            beter = "lager" if richting == "lager_is_beter" else "hoger"
            c.waarschuwingen.append(
                f"Streefwaarde {j if j is not None else ''} ({_toon_waarde(w, eenheid)}) is {wat} "
                f"dan de nulmeting ({_toon_waarde(nulmeting_waarde, eenheid)}), terwijl {beter} "
                "hier beter is. Bevestig dat dit de bedoeling is.")  # fmt: skip
    return c


def _toon(w: float) -> str:
    """Getal voor een foutmelding; ook extreem grote getallen (fmt.getal kan die niet aan)."""
    try:
        return getal(w, 2)
    except ArithmeticError:
        return f"{w:.3g}".replace(".", ",")


@functools.lru_cache(maxsize=4096)
def _toon_waarde(w: float, eenheid: str) -> str:
    """Babel is traag (≈ 1 ms); een import herhaalt dezelfde nulmeting en waarden vaak."""
    try:
        return fmt_waarde(w, eenheid)
    except ArithmeticError:
        return _toon(w)


def _bereik_tekst(eenheid: str, w: float) -> str:
    teksten = {
        "%": "Een percentage ligt tussen 0 en 100",
        "aantal": "Een aantal kan niet negatief zijn",
        "euro": "Een bedrag kan hier niet negatief zijn",
        "per 1.000 inwoners": "Een cijfer per 1.000 inwoners ligt tussen 0 en 1.000",
        "per 1.000 inwoners per maand": "Een cijfer per 1.000 inwoners ligt tussen 0 en 1.000",
        "1 op de N inwoners": "'1 op de N' is minstens 1 op de 1",
    }
    return f"{teksten.get(eenheid, 'Buiten het toegestane bereik')}; {_toon(w)} kan niet."


def controleer_wie_reden(wie: str | None, reden: str | None) -> tuple[str, str]:
    fouten = []
    if not (wie or "").strip():
        fouten.append("Vul uw naam in: die komt in de geschiedenis bij deze wijziging.")
    if not (reden or "").strip():
        fouten.append("Geef een reden voor de wijziging.")
    if fouten:
        raise Afgekeurd(fouten)
    return wie.strip(), reden.strip()  # type: ignore[union-attr]
