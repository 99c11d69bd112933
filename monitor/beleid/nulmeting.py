"""De nulmeting: welk cijfer het vertrekpunt is, en of CBS het sindsdien herzag.

Zuiver pandas: een reeks (uit ``monitor.store.reeks``) erin, een voorstel of een tekst eruit.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import pandas as pd

from monitor.domein import NULMETING_VOOR, is_cijfer, tekst_of_niets
from monitor.fmt import getal
from monitor.letterlijk import letterlijk


def nulmeting_voorstel(reeks: pd.DataFrame, regio_code: str, voor_jaar: int = NULMETING_VOOR
                       ) -> dict | None:  # fmt: skip
    """Voorstel voor de nulmeting: het laatste jaar vóór ``voor_jaar`` met een cijfer.

    ``reeks`` komt uit ``monitor.store.reeks`` (één indicator). Geeft jaar, waarde, status en
    bron_id, of None als er vóór ``voor_jaar`` geen enkel cijfer is.
    """
    if reeks is None or reeks.empty:
        return None
    d = reeks[(reeks["regio_code"] == regio_code) & reeks["waarde"].notna()
              & (reeks["jaar"] < voor_jaar)].sort_values("jaar")  # fmt: skip
    if d.empty:
        return None
    r = d.iloc[-1]
    return {"jaar": int(r["jaar"]), "waarde": float(r["waarde"]),
            "status": tekst_of_niets(r.get("status")), "bron_id": tekst_of_niets(r.get("bron_id"))}


def nulmeting_herzien(nul: Mapping | None, reeks: pd.DataFrame, regio_code: str) -> str | None:
    """Zegt het als de database nu een ander cijfer heeft dan bij het vastleggen (revisie)."""
    if not nul or nul.get("herkomst") != "database" or reeks is None or reeks.empty:
        return None
    d = reeks[(reeks["regio_code"] == regio_code) & (reeks["jaar"] == nul["jaar"])]
    if d.empty or not is_cijfer(d["waarde"].iloc[0]):
        return (f"De nulmeting ({nul['jaar']}) staat niet meer in de database; de vastgelegde "
                "waarde blijft gelden.")  # fmt: skip
    nu = float(d["waarde"].iloc[0])
    if not math.isclose(nu, float(nul["waarde"]), rel_tol=1e-9, abs_tol=1e-9):
        # Markdown (st.warning): de statussen komen uit de database en de beleidsopslag en staan
        # er letterlijk.
        was = letterlijk(str(nul.get("status") or "status onbekend"))
        is_nu = letterlijk(str(d["status"].iloc[0])) if "status" in d else "status onbekend"
        return (f"CBS heeft het cijfer over {nul['jaar']} aangepast: vastgelegd "
                f"{getal(nul['waarde'], 2)} ({was}), nu {getal(nu, 2)} ({is_nu}). De "
                "nulmeting blijft de vastgelegde waarde tot iemand hem bewust wijzigt.")
    return None


def voorstellen(reeks: pd.DataFrame, paren: Sequence[tuple[str, str]],
                voor_jaar: int = NULMETING_VOOR) -> dict[tuple[str, str], dict | None]:
    """:func:`nulmeting_voorstel` voor veel (indicator, regio)-paren uit één opgehaalde reeks.

    Waarom: per paar een query (of een filter op de hele reeks) kostte bij een import van 300
    paren 24 s. Hier één keer sorteren en per paar het laatste jaar nemen.
    """
    uit: dict[tuple[str, str], dict | None] = dict.fromkeys(paren)
    if reeks is None or reeks.empty:
        return uit
    d = reeks[reeks["waarde"].notna() & (reeks["jaar"] < voor_jaar)].sort_values("jaar")
    laatste = d.groupby(["indicator_key", "regio_code"], sort=False).tail(1)
    for r in laatste.to_dict("records"):
        paar = (r["indicator_key"], r["regio_code"])
        if paar in uit:
            uit[paar] = {"jaar": int(r["jaar"]), "waarde": float(r["waarde"]),
                         "status": tekst_of_niets(r.get("status")),
                         "bron_id": tekst_of_niets(r.get("bron_id"))}
    return uit
