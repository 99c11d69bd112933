"""Tabellen met de exacte cijfers naast elke grafiek (pure functies, Nederlandse tekst).

Een tabel is het toegankelijke alternatief voor een grafiek en laat bron en status zien.
Getallen staan als Nederlandse tekst (``87.461``, ``7,1%``); ontbrekende cijfers als
``geen cijfer`` met de status van CBS erbij.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from monitor import fmt
from monitor.verkennen import ranglijst

_VOORLOPIG = ("voorlopig", "nader voorlopig")


def _bron(rij: Mapping[str, Any]) -> str:
    titel = str(rij.get("bron_titel") or "")
    tabel = rij.get("tabel_id")
    return f"{titel} ({tabel})" if isinstance(tabel, str) and tabel and tabel not in titel else titel


def vergelijk_tabel(
    jaarframe: pd.DataFrame,
    codes: Sequence[str],
    namen: Mapping[str, str],
    eenheid: str,
    jaar: int,
    plaatsen: pd.Series,
    aantal: int,
) -> pd.DataFrame:
    """Eén rij per gekozen regio: waarde, jaar, status, plaats, bron en versie.

    ``jaarframe``: rijen van :func:`monitor.store.reeks` voor één indicator en één jaar (ook
    rijen zonder waarde). Een regio zonder rij krijgt "geen cijfer" met "niet in de database".
    """
    per_code = {r["regio_code"]: r for r in jaarframe.to_dict("records")}
    rijen = []
    for code in codes:
        r = per_code.get(code)
        heeft = r is not None and not pd.isna(r.get("waarde"))
        if code in plaatsen.index:
            plaats = f"{int(plaatsen[code])} van {aantal}"
        else:
            plaats = "-" if code.startswith("NL") else "geen plaats"
        rijen.append({
            "Regio": namen.get(code, code),
            # met het bereik als CBS' afronding het cijfer onzeker maakt (Ameland: 0,0 is echt
            # 0,0 tot 1,1), net als in de hover van de kaart
            "Waarde": (ranglijst.met_afronding(fmt.waarde_van(r, eenheid), r, eenheid) if heeft
                       else fmt.GEEN_CIJFER),
            "Jaar": fmt.periode(jaar, r.get("status")) if r is not None else str(jaar),
            "Status": (r.get("status") or "onbekend") if r is not None else "niet in de database",
            "Plaats": plaats,
            "Bron": _bron(r) if r is not None else "-",
            "Versie": str(r.get("bron_versie") or "") if r is not None else "-",
        })
    return pd.DataFrame(rijen)


def trend_tabel(frame: pd.DataFrame, codes: Sequence[str], namen: Mapping[str, str],
                eenheid: str) -> pd.DataFrame:
    """Jaren als rijen, regio's als kolommen; ``*`` = voorlopig; lege cel = geen cijfer.

    Alleen jaren waarin minstens één regio een rij heeft; een jaar zonder enige rij staat er
    niet in (de grafiek laat dat gat wel zien).
    """
    if frame.empty:
        return pd.DataFrame()
    jaren = sorted({int(j) for j in frame["jaar"]})
    per = {(r["regio_code"], int(r["jaar"])): r for r in frame.to_dict("records")}
    rijen = []
    for jaar in jaren:
        rij = {"Jaar": str(jaar)}
        for code in codes:
            if code not in set(frame["regio_code"]):
                continue
            r = per.get((code, jaar))
            if r is None or pd.isna(r.get("waarde")):
                tekst = fmt.GEEN_CIJFER if r is None else f"{fmt.GEEN_CIJFER} ({r.get('status')})"
            else:
                tekst = fmt.waarde_van(r, eenheid)
                if str(r.get("status") or "").lower() in _VOORLOPIG:
                    tekst += "*"
            rij[namen.get(code, code)] = tekst
        rijen.append(rij)
    return pd.DataFrame(rijen)


def een_jaar_tekst(jaren: list[int]) -> str:
    """Uitleg als een indicator te weinig jaren heeft voor een trendlijn."""
    if not jaren:
        return "Geen cijfers voor de gekozen regio's, dus geen trend."
    return (f"Alleen {jaren[0]} heeft cijfers voor de gekozen regio's. Eén jaar is geen trend, "
            "dus hier staan de cijfers zelf.")
