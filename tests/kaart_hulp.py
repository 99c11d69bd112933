"""Hulp voor de tests van kaart en vergelijkbare gemeenten: echte cijfers rechtstreeks uit DuckDB.

Zonder ``monitor.store`` (dat Streamlit-caching gebruikt): de modules onder test zijn puur, en de
tests geven ze dezelfde kolommen die ``store.gemeenten_in_jaar`` en ``store.reeks`` leveren.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
BESTANDEN = ROOT / "data" / "snapshot" / "bestanden"
KWB_2024 = BESTANDEN / "kwb-2024-85984NED-gemeenten-full" / "kwb2024_85984NED_gemeenten.csv"
KWB_2021 = BESTANDEN / "kwb-2021-85039NED-nlstat" / "nl_data_2021_gemeenten_flat.csv"

_CIJFERS = """
    SELECT c.regio_code, r.naam AS regio_naam, c.indicator_key, c.jaar, c.waarde, c.status,
           b.titel AS bron_titel, b.tabel_id
    FROM cijfer c JOIN regio r ON r.code = c.regio_code JOIN bron b USING (bron_id)
    WHERE c.indicator_key = ? AND c.jaar = ? AND r.soort = 'gemeente'
    ORDER BY c.regio_code
"""


def cijfers(db: Path, indicator: str, jaar: int) -> pd.DataFrame:
    """Alle gemeenten voor één indicator en jaar, ook rijen zonder waarde (status zegt waarom)."""
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(_CIJFERS, [indicator, jaar]).df()


def regio_codes(db: Path) -> list[str]:
    with duckdb.connect(str(db), read_only=True) as con:
        return [r[0] for r in con.execute("SELECT code FROM regio").fetchall()]


def omgevingsadressendichtheid_2024() -> pd.Series:
    """KWB 2024 (85984NED) ``Omgevingsadressendichtheid`` per gemeente, uit de snapshot.

    Tot de ETL deze kolom laadt (zie het eindrapport van deze tak), lezen de tests hem hier.
    Kolom op basisnaam, niet op het achtervoegsel (dat verschuift tussen edities).
    """
    frame = pd.read_csv(KWB_2024, dtype=str)
    kolom = next(k for k in frame.columns if k.rsplit("_", 1)[0] == "Omgevingsadressendichtheid")
    codes = frame["WijkenEnBuurten"].str.strip()
    waarden = pd.to_numeric(frame[kolom]).to_numpy()
    return pd.Series(waarden, index=codes, name="omgevingsadressendichtheid")
