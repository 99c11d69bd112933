"""The Nederland reference and the default year: one implementation for every page and export.

Vergelijken, Trends and Doeltreffendheid all put Nederland next to the chosen gemeenten. When
Nederland has no figure from the same source, the catalogue may name a related national series
from another CBS product (``indicator_meta.vergelijk_nl``). That series is shown *next to* the
figures, labelled "ander CBS-product" (``domein.ANDER_PRODUCT``), and never mixed into the same
series.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from monitor.domein import NEDERLAND


def met_cijfer(reeks: pd.DataFrame, regio_code: str) -> pd.DataFrame:
    """The rows of one region that carry a figure (a gap is never a figure)."""
    return reeks[(reeks["regio_code"] == regio_code) & reeks["waarde"].notna()]


def standaard_jaar(reeks: pd.DataFrame, hoofd: str | None, jaren: Sequence[int]) -> int | None:
    """The year a page opens on: the newest year of the main gemeente with a figure.

    Without one, the newest year any region has; without any year, None.
    """
    eigen = met_cijfer(reeks, hoofd) if hoofd else reeks.iloc[0:0]
    if not eigen.empty:
        return int(eigen["jaar"].max())
    return int(max(jaren)) if len(jaren) else None


def vergelijk_key(meta: Mapping[str, Any], reeks: pd.DataFrame) -> str | None:
    """The related national indicator to fetch, only when Nederland has no own figure at all."""
    vergelijk = meta.get("vergelijk_nl")
    if not isinstance(vergelijk, str) or not vergelijk:
        return None
    return vergelijk if met_cijfer(reeks, NEDERLAND).empty else None


def nederland_reeks(reeks: pd.DataFrame, reeks_nl_ander: pd.DataFrame | None
                    ) -> tuple[pd.DataFrame, bool]:  # fmt: skip
    """Add the national series of another product as Nederland, only when Nederland has none.

    If Nederland has own figures in ``reeks`` they stay and the second answer is False.
    Otherwise the related series (``vergelijk_nl``) is added as ``NEDERLAND`` with column
    ``ander_product`` = True; the page must say so. Own and other-product figures never mix.
    """
    basis = reeks.copy()
    basis["ander_product"] = False
    if not met_cijfer(basis, NEDERLAND).empty or reeks_nl_ander is None or reeks_nl_ander.empty:
        return basis, False
    ander = met_cijfer(reeks_nl_ander, NEDERLAND).copy()
    if ander.empty:
        return basis, False
    ander["ander_product"] = True
    basis = basis[basis["regio_code"] != NEDERLAND]
    return pd.concat([basis, ander], ignore_index=True), True


def nederland_in_jaar(reeks: pd.DataFrame, reeks_nl_ander: pd.DataFrame | None, jaar: int
                      ) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:  # fmt: skip
    """Nederland's own figure in ``jaar``, else the other product's figure: ``(eigen, ander)``."""
    eigen = met_cijfer(reeks, NEDERLAND)
    eigen = eigen[eigen["jaar"] == jaar]
    if not eigen.empty:
        return eigen.iloc[0].to_dict(), None
    if reeks_nl_ander is None:
        return None, None
    ander = met_cijfer(reeks_nl_ander, NEDERLAND)
    ander = ander[ander["jaar"] == jaar]
    return None, (ander.iloc[0].to_dict() if not ander.empty else None)
