"""Een vast palet van 8 regiokleuren dat ook voor kleurenblinden te onderscheiden blijft.

Waarom: eerder kregen gemeenten buiten de vijf standaardregio's een kleur op basis van een hash
van de code. Met 8 regio's kan dan bijvoorbeeld teal (``#44AA99``) naast
roodpaars (``#CC79A7``, Maastricht) komen; bij deuteranomalie liggen die 3,6 uit elkaar in
CAM02-UCS, ver onder de drempel hieronder. Dit palet deelt de kleuren daarom op volgorde uit.

- **Kleuren**: de vier vaste kleuren van de standaardregio's (Okabe-Ito) blijven gelijk; daarna
  vermiljoen (Okabe-Ito) en indigo en wijnrood (Paul Tol "muted"), en zwart. Nederland blijft het
  neutrale grijs ``#6E6E6E`` uit :mod:`monitor.charts` (gestippeld).
- **Toets**: elk paar uit deze 8 kleuren plus het grijs van Nederland verschilt minstens
  :data:`DREMPEL` in CAM02-UCS (ΔE'), bij normaal zicht en bij gesimuleerde deuteranopie,
  protanopie en tritanopie (Machado e.a. 2009, ernst 100, via ``colorspacious``). De kleinste
  afstand is 10,97 (oranje tegen roodpaars bij tritanopie). Zie ``tests/test_palet.py``.
- **Toewijzing**: vaste kleur voor de standaardregio's; andere gemeenten krijgen de eerste vrije
  kleur in de volgorde waarin ze gekozen zijn. Zo botsen tot 8 gemeenten nooit. Een gemeente
  houdt haar kleur als er later een bij komt; wie een eerdere gemeente weghaalt, kan kleuren zien
  verschuiven. Boven 8 gemeenten herhalen kleuren; de markersymbolen houden ze dan uit elkaar.

Zonder Streamlit en zonder ``colorspacious`` te importeren bij gewoon gebruik; alleen
:func:`kleinste_verschil` (voor tests en controle) heeft dat pakket nodig.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence

from monitor.domein import NEDERLAND

NEDERLAND_KLEUR = "#6E6E6E"

#: Vaste volgorde: eerst de vier standaardgemeenten, dan de vrije kleuren.
PALET_8: tuple[str, ...] = (
    "#0072B2",  # Heerlen: blauw (Okabe-Ito)
    "#E69F00",  # Amstelveen: oranje (Okabe-Ito)
    "#009E73",  # Heemskerk: blauwgroen (Okabe-Ito)
    "#CC79A7",  # Maastricht: roodpaars (Okabe-Ito)
    "#D55E00",  # vermiljoen (Okabe-Ito)
    "#332288",  # indigo (Tol muted)
    "#882255",  # wijnrood (Tol muted)
    "#000000",  # zwart (Okabe-Ito)
)
VASTE_KLEUREN: dict[str, str] = {
    "GM0917": PALET_8[0],
    "GM0362": PALET_8[1],
    "GM0396": PALET_8[2],
    "GM0935": PALET_8[3],
}
#: Minimale afstand in CAM02-UCS tussen twee regiokleuren, ook bij kleurenblindheid.
DREMPEL = 10.0
KLEURENBLINDHEID: tuple[str | None, ...] = (None, "deuteranomaly", "protanomaly", "tritanomaly")
_NAMEN = {None: "normaal zicht", "deuteranomaly": "deuteranopie",
          "protanomaly": "protanopie", "tritanomaly": "tritanopie"}


def kleuren(codes: Iterable[str]) -> dict[str, str]:
    """Kleur per regiocode: vast voor de standaardregio's, anders de eerste vrije op volgorde."""
    codes = list(dict.fromkeys(codes))
    uit: dict[str, str] = {}
    for code in codes:
        if code == NEDERLAND:
            uit[code] = NEDERLAND_KLEUR
        elif code in VASTE_KLEUREN:
            uit[code] = VASTE_KLEUREN[code]
    vrij = [k for k in PALET_8 if k not in set(uit.values())]
    # Vaste kleuren van standaardregio's die niet gekozen zijn, komen pas als laatste aan bod.
    vrij.sort(key=lambda k: k in VASTE_KLEUREN.values())
    rest = [c for c in codes if c not in uit]
    for code, kleur in zip(rest, itertools.cycle(vrij or PALET_8), strict=False):
        uit[code] = kleur
    return {c: uit[c] for c in codes}


def _hex_naar_rgb1(kleur: str) -> tuple[float, float, float]:
    h = kleur.lstrip("#")
    return tuple(int(h[i:i + 2], 16) / 255 for i in (0, 2, 4))  # type: ignore[return-value]


def kleinste_verschil(
    palet: Sequence[str], cvd_typen: Sequence[str | None] = KLEURENBLINDHEID
) -> tuple[float, str, str, str]:
    """Kleinste CAM02-UCS-afstand tussen twee kleuren, over alle gesimuleerde zichttypen.

    Geeft (afstand, zichttype in het Nederlands, kleur a, kleur b). Gebruikt ``colorspacious``
    (Machado 2009-simulatie, ernst 100 = volledige kleurenblindheid).
    """
    import numpy as np
    from colorspacious import cspace_convert

    rgb = np.array([_hex_naar_rgb1(k) for k in palet])
    slechtste = (float("inf"), "", "", "")
    for cvd in cvd_typen:
        gezien = rgb if cvd is None else np.clip(cspace_convert(
            rgb, {"name": "sRGB1+CVD", "cvd_type": cvd, "severity": 100}, "sRGB1"), 0, 1)
        ucs = cspace_convert(gezien, "sRGB1", "CAM02-UCS")
        for i, j in itertools.combinations(range(len(palet)), 2):
            afstand = float(np.linalg.norm(ucs[i] - ucs[j]))
            if afstand < slechtste[0]:
                slechtste = (afstand, _NAMEN[cvd], palet[i], palet[j])
    return slechtste
