"""Plaats van een gemeente tussen alle gemeenten, eerlijk uitgelegd.

Pure logica voor de pagina Vergelijken. De richting van de ranglijst volgt ``indicator.richting``:

- ``lager_is_beter``: plaats 1 = laagste waarde (bijv. de minste bijstand);
- ``hoger_is_beter``: plaats 1 = hoogste waarde (bijv. het hoogste inkomen);
- ``neutraal``: plaats 1 = hoogste waarde, zonder oordeel (bijv. de meeste inwoners).

Gelijke waarden delen een plaats (de beste van de gedeelde plaatsen, zoals bij sport). De
ranglijst telt alleen gemeenten **met** een cijfer in dat jaar, en zegt hoeveel dat er zijn.

CBS rondt uitkeringen per gemeente af op tientallen. Een cijfer dat daardoor onzeker is
(:func:`monitor.domein.afronding_breed`, bijv. Ameland: 0 bijstand is echt 0 tot 4 personen)
krijgt zijn bereik erbij (:func:`met_afronding`), en waar een plaats of "laagste" erop steunt
zegt de tekst welke plaatsen de afronding toelaat (:func:`plaatsbereik`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from monitor import fmt
from monitor.domein import afronding_breed, afronding_naar_buiten, getal_of_niets
from monitor.letterlijk import letterlijk

#: Minder gemeenten dan dit met een cijfer: de plaats zegt weinig, en dat zeggen we erbij.
WEINIG_GEMEENTEN = 50
#: Onder deze dekking (gemeenten met een cijfer / gemeenten die er dat jaar waren) geven we geen
#: plaats: "plaats 10 van 10" over een selectie van tien gemeenten misleidt.
MIN_DEKKING = 0.9


def volledig_genoeg(telling: dict[str, int]) -> bool:
    """Hebben genoeg gemeenten een cijfer voor een eerlijke ranglijst (minstens 90%)?"""
    totaal = max(telling["gemeenten"], telling["met_cijfer"])
    return totaal > 0 and telling["met_cijfer"] / totaal >= MIN_DEKKING


def oplopend(richting: str) -> bool:
    """Plaats 1 is de laagste waarde alleen als lager beter is."""
    return richting == "lager_is_beter"


def plaatsen(gemeenten: pd.DataFrame, richting: str) -> pd.Series:
    """Plaats per regiocode (1 = beste volgens de richting; gelijke waarden delen een plaats)."""
    met = gemeenten[gemeenten["waarde"].notna()]
    if met.empty:
        return pd.Series(dtype="Int64")
    rang = met["waarde"].rank(method="min", ascending=oplopend(richting)).astype(int)
    return pd.Series(rang.to_numpy(), index=met["regio_code"].to_numpy(), name="plaats")


def uitleg(richting: str, titel: str) -> str:
    """Wat plaats 1 betekent, in woorden."""
    wat = titel[:1].lower() + titel[1:]
    if richting == "lager_is_beter":
        return f"Plaats 1 is de gemeente met het laagste cijfer voor '{wat}'. Lager is hier beter."
    if richting == "hoger_is_beter":
        return f"Plaats 1 is de gemeente met het hoogste cijfer voor '{wat}'. Hoger is hier beter."
    return (f"Plaats 1 is de gemeente met het hoogste cijfer voor '{wat}'. "
            "Dit zegt niets over beter of slechter.")


def uitleg_en_telling(richting: str, titel: str, telling: dict[str, int], jaar: int,
                      gemeenten: pd.DataFrame | None = None, eenheid: str = "") -> str:
    """Onder de kop: wat plaats 1 betekent (alleen als er een ranglijst is) en de dekking.

    Met ``gemeenten`` (de rijen van de ranglijst) ook welke gemeenten een cijfer hebben dat door
    afronding van CBS onzeker is: "plaats 1 is het laagste cijfer" mag niet stil op Amelands
    0,0 steunen.
    """
    if not volledig_genoeg(telling):
        return telling_tekst(telling, jaar)
    tekst = uitleg(richting, titel) + " " + telling_tekst(telling, jaar)
    zin = afronding_zin(gemeenten, richting, eenheid) if gemeenten is not None else None
    return tekst + (" " + zin if zin else "")


def plaats_tekst(plaats: int | None, aantal: int) -> str:
    """``plaats 330 van 342`` (of ``geen plaats`` als de gemeente geen cijfer heeft)."""
    return "geen plaats" if plaats is None else f"plaats {plaats} van {aantal}"


def aantal_gemeenten(n: int) -> str:
    """``1 gemeente``, ``12 gemeenten``, ``1.234 gemeenten``: enkelvoud bij één."""
    return f"{fmt.getal(n)} {'gemeente' if n == 1 else 'gemeenten'}"


def heeft(n: int) -> str:
    """Het werkwoord bij een aantal gemeenten: ``heeft`` bij één (of geen), anders ``hebben``."""
    return "heeft" if n <= 1 else "hebben"


def van_de(met: int, totaal: int) -> str:
    """``10 van de 342 gemeenten hebben``; ``1 van de 342 gemeenten heeft``; bij nul ``geen …``."""
    return f"{'geen' if met == 0 else fmt.getal(met)} van de {fmt.getal(totaal)} gemeenten {heeft(met)}"


def telling_tekst(telling: dict[str, int], jaar: int) -> str:
    """Hoeveel gemeenten een cijfer hebben, en een waarschuwing als dat er weinig zijn."""
    met, zonder, totaal = telling["met_cijfer"], telling["zonder_cijfer"], telling["gemeenten"]
    tekst = f"{van_de(met, max(totaal, met))} een cijfer voor {jaar}."
    tekst = tekst[:1].upper() + tekst[1:]
    if zonder:
        tekst += f" Bij {aantal_gemeenten(zonder)} meldt CBS geen cijfer (onbekend of geheim)."
    if met < WEINIG_GEMEENTEN:
        tekst += (" Dat zijn er weinig: de bron bevat voor dit jaar maar een deel van de gemeenten, "
                  "dus de plaats zegt weinig.")
    return tekst


def plaats_zin(naam: str, plaats: int | None, telling: dict[str, int], jaar: int,
               reden: str | None = None) -> str:  # fmt: skip
    """``Heerlen staat op plaats 330 van 342 gemeenten met een cijfer voor 2024.``

    De kop noemt altijd de dekking. Hebben minder dan 90% van de gemeenten een cijfer, dan is er
    geen plaats: alleen hoeveel gemeenten de bron bevat. Markdown (een kopje): de naam komt uit
    de database en staat er letterlijk.
    """
    naam = letterlijk(naam)
    met, totaal = telling["met_cijfer"], max(telling["gemeenten"], telling["met_cijfer"])
    if not volledig_genoeg(telling):
        if met == 0:
            return f"Geen ranglijst voor {jaar}: {van_de(met, totaal)} een cijfer."
        return (f"Geen ranglijst voor {jaar}: maar {van_de(met, totaal)} een cijfer, dus een "
                "plaats zou misleiden.")
    if plaats is None:
        return f"{naam} heeft geen plaats in {jaar}: geen cijfer." + (f" {reden}" if reden else "")
    zin = f"{naam} staat op plaats {plaats} van {fmt.getal(met)} gemeenten met een cijfer voor {jaar}"
    if met < totaal:
        zin += f"; CBS publiceert {fmt.getal(totaal)} gemeenten"
    return zin + "."


# ----------------------------------------------------------------------------- afronding door CBS
def bereik_tekst(rij: Mapping[str, Any], eenheid: str) -> str | None:
    """``tussen 0,0 en 1,1``: waar het echte cijfer ligt door de afronding van CBS, of None.

    De grenzen naar buiten afgerond op de getoonde precisie (het getoonde bereik bevat altijd het
    echte); zonder bovengrens ``tussen 1 op de 959 en onbegrensd``.
    """
    laag, hoog = rij.get("afronding_laag"), rij.get("afronding_hoog")
    if getal_of_niets(laag) is None:
        return None
    decimalen = fmt.toon_decimalen(getal_of_niets(rij.get("waarde")), eenheid) or 0
    lo, hi = afronding_naar_buiten(laag, hoog, decimalen)
    boven = "onbegrensd" if hi is None else fmt.waarde(hi, eenheid)
    return f"tussen {fmt.waarde(lo, eenheid)} en {boven}"


def is_onzeker(rij: Mapping[str, Any]) -> bool:
    """Is het cijfer van deze rij door afronding van CBS onzeker (``domein.afronding_breed``)?"""
    return afronding_breed(rij.get("waarde"), rij.get("afronding_laag"), rij.get("afronding_hoog"))


def met_afronding(tekst: str, rij: Mapping[str, Any], eenheid: str) -> str:
    """``0,0`` → ``0,0 (door afronding van CBS tussen 0,0 en 1,1)`` als het cijfer onzeker is.

    ``tekst`` is het getal zoals de aanroeper het al toont; een zeker cijfer blijft ongewijzigd.
    """
    if not is_onzeker(rij):
        return tekst
    return f"{tekst} (door afronding van CBS {bereik_tekst(rij, eenheid)})"


def _grenzen(gemeenten: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Onder- en bovengrens per rij: het bereik, of het cijfer zelf; onbegrensd = oneindig."""
    waarde = gemeenten["waarde"].to_numpy(dtype="float64")
    if "afronding_laag" not in gemeenten:
        return waarde, waarde
    laag = gemeenten["afronding_laag"].to_numpy(dtype="float64")
    hoog = gemeenten["afronding_hoog"].to_numpy(dtype="float64")
    afgerond = ~np.isnan(laag)
    return (np.where(afgerond, laag, waarde),
            np.where(afgerond, np.where(np.isnan(hoog), np.inf, hoog), waarde))


def plaatsbereik(gemeenten: pd.DataFrame, richting: str) -> pd.DataFrame:
    """Per regiocode de beste en slechtste plaats die de afronding van CBS toelaat.

    Beste plaats: 1 + het aantal gemeenten dat zeker beter is (hun hele bereik ligt aan de goede
    kant van het hele bereik van deze gemeente). Slechtste: 1 + het aantal dat misschien beter
    is. Zonder afronding zijn beide gelijk aan :func:`plaatsen`. Kolommen ``beste``, ``slechtste``.
    """
    met = gemeenten[gemeenten["waarde"].notna()]
    laag, hoog = _grenzen(met)
    if oplopend(richting):  # plaats 1 = laagste
        zeker = hoog[None, :] < laag[:, None]
        misschien = laag[None, :] < hoog[:, None]
    else:
        zeker = laag[None, :] > hoog[:, None]
        misschien = hoog[None, :] > laag[:, None]
    np.fill_diagonal(misschien, False)
    return pd.DataFrame({"beste": 1 + zeker.sum(axis=1), "slechtste": 1 + misschien.sum(axis=1)},
                        index=met["regio_code"].to_numpy())


def plaats_met_afronding(plaats: int, aantal: int, bereik: tuple[int, int]) -> str:
    """``plaats 3 van 342, door afronding van CBS ergens van plaats 2 tot 9``.

    Voor een cijfer dat door afronding onzeker is; blijft de plaats ook dan gelijk, dan zegt de
    tekst dat (``plaats 1 van 342, ook met de afronding van CBS``).
    """
    beste, slechtste = bereik
    if beste == slechtste == plaats:
        return f"{plaats_tekst(plaats, aantal)}, ook met de afronding van CBS"
    return f"{plaats_tekst(plaats, aantal)}, door afronding van CBS ergens van plaats {beste} tot {slechtste}"


def afronding_zin(gemeenten: pd.DataFrame, richting: str, eenheid: str, *, hoeveel: int = 3) -> str | None:
    """Eén zin onder de ranglijst over de gemeenten waarvan het cijfer door afronding onzeker is.

    Noemt de eerste ``hoeveel`` in de volgorde van de ranglijst met hun bereik en de plaatsen die
    de afronding toelaat; None als er geen zijn. Markdown: namen staan er letterlijk.
    """
    met = gemeenten[gemeenten["waarde"].notna()]
    onzeker = met[[is_onzeker(r) for r in met.to_dict("records")]]
    if onzeker.empty:
        return None
    plaats = plaatsen(met, richting)
    bereik = plaatsbereik(met, richting)
    onzeker = onzeker.assign(_p=onzeker["regio_code"].map(plaats)).sort_values(["_p", "regio_naam"])
    delen = []
    for r in onzeker.head(hoeveel).to_dict("records"):
        b = bereik.loc[r["regio_code"]]
        plek = (f"plaats {b['beste']}" if b["beste"] == b["slechtste"]
                else f"plaats {b['beste']} tot {b['slechtste']}")
        delen.append(f"{letterlijk(r['regio_naam'])} {fmt.waarde(r['waarde'], eenheid)} "
                     f"({bereik_tekst(r, eenheid)}; {plek})")
    rest = len(onzeker) - len(delen)
    lijst = _opsomming(delen + ([f"{fmt.getal(rest)} andere"] if rest else []))
    return (f"CBS rondt uitkeringen af op tientallen. Bij {aantal_gemeenten(len(onzeker))} is het "
            f"cijfer daardoor onzeker; tussen haakjes waar het echte cijfer ligt en welke plaatsen "
            f"daarbij mogelijk zijn: {lijst}.")


def _opsomming(delen: Sequence[str]) -> str:
    """``a``, ``a en b``, ``a, b en c``."""
    return delen[0] if len(delen) == 1 else ", ".join(delen[:-1]) + " en " + delen[-1]


def afronding_bij_plaats(gemeenten: pd.DataFrame, code: str, richting: str, eenheid: str) -> str | None:
    """Onder de plaats van de hoofdgemeente: wat de afronding van CBS met haar cijfer en plaats doet.

    None als haar cijfer niet door afronding onzeker is of ze niet in de ranglijst staat.
    Markdown: de naam staat er letterlijk.
    """
    rij = gemeenten[(gemeenten["regio_code"] == code) & gemeenten["waarde"].notna()]
    if rij.empty or not is_onzeker(rij.iloc[0].to_dict()):
        return None
    r = rij.iloc[0].to_dict()
    beste, slechtste = plaatsbereik(gemeenten, richting).loc[code]
    plek = (f"ook dan is het plaats {beste}" if beste == slechtste
            else f"de plaats ligt daardoor ergens tussen {beste} en {slechtste}")
    return (f"Het cijfer van {letterlijk(r['regio_naam'])} is {fmt.waarde(r['waarde'], eenheid)}, "
            f"maar CBS rondt de aantallen af op tientallen: het echte cijfer ligt "
            f"{bereik_tekst(r, eenheid)}, en {plek}.")


def afronding_notitie(jaarframe: pd.DataFrame, codes: Sequence[str], namen: Mapping[str, str],
                      eenheid: str) -> str | None:
    """Voor onder de tabel van de gekozen regio's: welke cijfers door afronding onzeker zijn.

    ``Door afronding van CBS onzeker: Ameland 0,0 (echt tussen 0,0 en 1,1).`` None als geen.
    Markdown: namen staan er letterlijk.
    """
    delen = []
    for r in jaarframe[jaarframe["regio_code"].isin(list(codes))].to_dict("records"):
        if is_onzeker(r):
            naam = letterlijk(namen.get(r["regio_code"], r.get("regio_naam") or r["regio_code"]))
            delen.append(f"{naam} {fmt.waarde(r['waarde'], eenheid)} (echt {bereik_tekst(r, eenheid)})")
    if not delen:
        return None
    return ("Door afronding van CBS onzeker (CBS rondt de aantallen af op tientallen): "
            + _opsomming(delen) + ".")
