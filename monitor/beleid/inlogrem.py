"""Rem op wachtwoord raden voor de bewerkmodus: na 5 foute pogingen verdubbelt de wachttijd.

Waarom: zonder rem probeerde iemand 200 wachtwoorden in 137 seconden. De rem telt per sessie
én voor de hele server (een nieuwe sessie, een nieuw tabblad of gewist cookie zet de teller dus
niet terug). De wachttijd is het maximum van beide. Een poging tijdens de wachttijd wordt niet
eens vergeleken en telt niet mee. Het logboek noemt nooit wat er getypt is.

Zuiver Python (geen Streamlit): de klok is in te spuiten (:data:`klok`), zodat een test niet
hoeft te slapen.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

log = logging.getLogger(__name__)

#: Zoveel foute pogingen zonder wachttijd.
VRIJ = 5
#: Eerste wachttijd (seconden) na poging VRIJ; daarna elke foute poging het dubbele.
BASIS_S = 1.0
#: Hoogste wachttijd: een kwartier, zodat de echte bewerker niet dagen buitengesloten is.
MAX_S = 15 * 60.0

#: De klok (seconden, monotoon). Tests vervangen hem door een nep-klok.
klok: Callable[[], float] = time.monotonic


@dataclass
class Stand:
    """Foute pogingen op een rij en het tijdstip van de laatste (volgens :data:`klok`)."""

    fout: int = 0
    laatste: float = 0.0


_SERVER = Stand()
_SLOT = threading.Lock()


def wachttijd_na(fout: int) -> float:
    """Seconden wachten na ``fout`` foute pogingen: 0 t/m 4, dan 1, 2, 4, 8 … (max. MAX_S)."""
    if fout < VRIJ:
        return 0.0
    return min(BASIS_S * 2 ** (fout - VRIJ), MAX_S)


def _nog(stand: Stand, nu: float) -> float:
    return max(0.0, stand.laatste + wachttijd_na(stand.fout) - nu)


def nog_wachten(sessie: Stand) -> float:
    """Seconden tot een nieuwe poging mag (0 = nu), voor deze sessie en de hele server."""
    nu = klok()
    with _SLOT:
        return max(_nog(sessie, nu), _nog(_SERVER, nu))


def poging(sessie: Stand, goed: Callable[[], bool]) -> tuple[bool, float]:
    """Doe één poging: (gelukt, seconden wachten). ``goed`` wordt alleen buiten de wachttijd
    aangeroepen, dus tijdens de wachttijd kan raden niet, ook niet met het goede wachtwoord."""
    with _SLOT:
        nu = klok()
        wacht = max(_nog(sessie, nu), _nog(_SERVER, nu))
        if wacht > 0:
            log.warning("Inlogpoging bewerkmodus geweigerd: wachttijd loopt nog (%.0f s)", wacht)
            return False, wacht
        if goed():
            sessie.fout = 0
            _SERVER.fout = 0
            log.info("Bewerkmodus geopend")
            return True, 0.0
        for stand in (sessie, _SERVER):
            stand.fout += 1
            stand.laatste = nu
        log.warning("Fout wachtwoord voor de bewerkmodus (sessie: %d op rij, server: %d op rij)",
                    sessie.fout, _SERVER.fout)
        return False, max(_nog(sessie, nu), _nog(_SERVER, nu))


def herstel() -> None:
    """Zet de serverteller terug (voor tests en na een herstart van de beheerder)."""
    with _SLOT:
        _SERVER.fout = 0
        _SERVER.laatste = 0.0
