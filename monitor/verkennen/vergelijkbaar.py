"""Vergelijkbare gemeenten: een automatische vergelijkingsgroep, met de criteria erbij.

Puur: drie reeksen per gemeentecode erin, een tabel eruit die de pagina zo kan tonen. Geen
Streamlit en geen SQL; de pagina haalt de reeksen uit de database.

Hoe de groep ontstaat (en zo staat het ook in :func:`groep_tekst`):

1. **Criteria**, per gemeente: aantal inwoners, stedelijkheid (CBS-KWB
   *omgevingsadressendichtheid*: adressen per km² in een cirkel van 1 km, gemiddeld over de
   adressen in de gemeente) en het niveau van de gekozen indicator vóór de beleidsperiode.
2. **Kandidaten**: alle gemeenten met een waarde voor alle drie, behalve de hoofdgemeente.
3. **Standaardiseren**: inwoners en adressendichtheid eerst als log10 (Amsterdam heeft 900 keer
   zoveel inwoners als Schiermonnikoog; op een gewone schaal zou dat ene verschil alles bepalen).
   Daarna per criterium een z-score over alle kandidaten plus de hoofdgemeente:
   ``z = (x - gemiddelde) / standaardafwijking`` (populatie-standaardafwijking, ``ddof=0``).
4. **Afstand**: de gewone (euclidische) afstand tussen de z-scores, elk criterium even zwaar.
   Afstand 1 betekent: samen één standaardafwijking verschil.
5. **Volgorde**: kleinste afstand eerst; bij gelijke afstand (op 9 decimalen) de laagste
   gemeentecode. Zo is de groep bij dezelfde cijfers altijd dezelfde.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from monitor import fmt
from monitor.letterlijk import letterlijk

#: Criteria in vaste volgorde: kolomnaam → (label voor de pagina, log10 vóór de z-score).
CRITERIA: dict[str, tuple[str, bool]] = {
    "inwoners": ("Inwoners", True),
    "omgevingsadressendichtheid": ("Omgevingsadressendichtheid (adressen per km²)", True),
    "niveau": ("Niveau van de indicator vóór de beleidsperiode", False),
}
STANDAARD_K = 5
_DECIMALEN_GELIJK = 9


class GeenVergelijking(ValueError):
    """Er is geen vergelijkingsgroep te maken; de melding is voor gebruikers (Nederlands)."""


def _kandidaten(inwoners: pd.Series, stedelijkheid: pd.Series, niveau: pd.Series) -> pd.DataFrame:
    frame = pd.concat(
        {"inwoners": pd.to_numeric(inwoners, errors="coerce"),
         "omgevingsadressendichtheid": pd.to_numeric(stedelijkheid, errors="coerce"),
         "niveau": pd.to_numeric(niveau, errors="coerce")},
        axis=1,
    )
    frame = frame[frame.index.astype(str).str.startswith("GM")]
    # Log van 0 of minder kan niet; zo'n waarde telt als ontbrekend.
    for kolom, (_, log) in CRITERIA.items():
        if log:
            frame.loc[frame[kolom] <= 0, kolom] = np.nan
    return frame.sort_index()


def z_scores(criteria: pd.DataFrame) -> pd.DataFrame:
    """Per criterium (log10 waar :data:`CRITERIA` dat zegt) de z-score over alle rijen."""
    uit = {}
    for kolom, (_, log) in CRITERIA.items():
        x = np.log10(criteria[kolom]) if log else criteria[kolom]
        sd = x.std(ddof=0)
        uit[kolom] = (x - x.mean()) / sd if sd > 0 else x * 0.0
    return pd.DataFrame(uit, index=criteria.index)


def vergelijkbare_gemeenten(
    hoofd: str,
    inwoners: pd.Series,
    stedelijkheid: pd.Series,
    niveau: pd.Series,
    *,
    k: int = STANDAARD_K,
    namen: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """De ``k`` gemeenten die het meest op ``hoofd`` lijken, met criteria en afstand.

    Elke reeks heeft de gemeentecode als index: ``inwoners`` (aantal), ``stedelijkheid``
    (KWB omgevingsadressendichtheid) en ``niveau`` (de gekozen indicator in het laatste jaar
    vóór de beleidsperiode). Gebruik voor alle drie hetzelfde jaar en dezelfde indeling.

    Geeft een tabel met eerst de hoofdgemeente (``plek`` 0, afstand 0) en dan de groep
    (``plek`` 1..k), met de kolommen ``regio_code``, ``regio_naam``, ``plek``, de drie criteria,
    hun z-scores (``z_...``) en ``afstand``. ``tabel.attrs["kandidaten"]``: hoeveel gemeenten
    meededen.
    """
    if k < 1:
        raise GeenVergelijking("Kies ten minste één vergelijkbare gemeente.")
    criteria = _kandidaten(inwoners, stedelijkheid, niveau)
    if hoofd not in criteria.index or criteria.loc[hoofd].isna().any():
        ontbreekt = [CRITERIA[c][0].lower() for c in CRITERIA
                     if hoofd not in criteria.index or pd.isna(criteria.loc[hoofd, c])]
        raise GeenVergelijking(
            f"Voor {(namen or {}).get(hoofd, hoofd)} ontbreekt: {', '.join(ontbreekt)}. "
            "Kies een ander jaar of een andere indicator om vergelijkbare gemeenten te vinden."
        )
    criteria = criteria.dropna()
    z = z_scores(criteria)
    afstand = np.sqrt(((z - z.loc[hoofd]) ** 2).sum(axis=1))
    tabel = criteria.join(z.add_prefix("z_"))
    tabel["afstand"] = afstand
    tabel["_sleutel"] = afstand.round(_DECIMALEN_GELIJK)
    tabel.index.name = "regio_code"
    tabel = tabel.reset_index()
    tabel["_hoofd"] = tabel["regio_code"] != hoofd  # hoofdgemeente eerst
    tabel = tabel.sort_values(["_hoofd", "_sleutel", "regio_code"], kind="stable")
    tabel = tabel.head(k + 1).drop(columns=["_sleutel", "_hoofd"]).reset_index(drop=True)
    tabel.insert(1, "regio_naam", [(namen or {}).get(c, c) for c in tabel["regio_code"]])
    tabel.insert(2, "plek", range(len(tabel)))
    tabel.attrs["kandidaten"] = len(criteria) - 1
    return tabel


def groep_codes(tabel: pd.DataFrame) -> list[str]:
    """Alleen de codes van de vergelijkbare gemeenten (zonder de hoofdgemeente), op volgorde."""
    return list(tabel.loc[tabel["plek"] > 0, "regio_code"])


def criteria_tabel(tabel: pd.DataFrame, niveau_eenheid: str) -> pd.DataFrame:
    """De tabel om te tonen: namen en criteria in Nederlandse notatie, afstand op 2 decimalen."""
    return pd.DataFrame({
        "Gemeente": tabel["regio_naam"],
        "Inwoners": [fmt.getal(x) for x in tabel["inwoners"]],
        "Adressen per km² (omgeving)": [fmt.getal(x) for x in tabel["omgevingsadressendichtheid"]],
        "Niveau vóór de beleidsperiode": [fmt.waarde(x, niveau_eenheid) for x in tabel["niveau"]],
        "Afstand": ["hoofdgemeente" if p == 0 else fmt.getal(a, 2)
                    for p, a in zip(tabel["plek"], tabel["afstand"], strict=True)],
    })


def groep_tekst(tabel: pd.DataFrame, indicator_titel: str, niveau_jaar: int) -> str:
    """Uitleg in B1 voor onder de tabel: wie, op welke criteria, en hoe de afstand werkt.

    Markdown (st.caption): de namen komen uit de database en staan er letterlijk.
    """
    hoofd = letterlijk(tabel.iloc[0]["regio_naam"])
    groep = ", ".join(letterlijk(n) for n in tabel.loc[tabel["plek"] > 0, "regio_naam"])
    return (
        f"Gemeenten die het meest op {hoofd} lijken: {groep}. We vergelijken drie dingen: het "
        f"aantal inwoners, hoe stedelijk de gemeente is (adressen per km² in de omgeving) en "
        f"'{indicator_titel}' in {niveau_jaar}. Elk telt even zwaar. De afstand is 0 bij een "
        f"gelijke gemeente; hoe kleiner, hoe meer de gemeente lijkt. We keken naar "
        f"{fmt.getal(tabel.attrs.get('kandidaten', 0))} gemeenten."
    )
