"""Plaats van een gemeente tussen alle gemeenten, eerlijk uitgelegd.

Pure logica voor de pagina Vergelijken. De richting van de ranglijst volgt ``indicator.richting``:

- ``lager_is_beter``: plaats 1 = laagste waarde (bijv. de minste bijstand);
- ``hoger_is_beter``: plaats 1 = hoogste waarde (bijv. het hoogste inkomen);
- ``neutraal``: plaats 1 = hoogste waarde, zonder oordeel (bijv. de meeste inwoners).

Gelijke waarden delen een plaats (de beste van de gedeelde plaatsen, zoals bij sport). De
ranglijst telt alleen gemeenten **met** een cijfer in dat jaar, en zegt hoeveel dat er zijn.
"""

from __future__ import annotations

import pandas as pd

from monitor import fmt
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


def uitleg_en_telling(richting: str, titel: str, telling: dict[str, int], jaar: int) -> str:
    """Onder de kop: wat plaats 1 betekent (alleen als er een ranglijst is) en de dekking."""
    uitleg_ = uitleg(richting, titel) + " " if volledig_genoeg(telling) else ""
    return uitleg_ + telling_tekst(telling, jaar)


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
