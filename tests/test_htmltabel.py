"""Kleine tabellen als HTML-tabel: tekst van buiten blijft letterlijk (st.table toont Markdown)."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd

from monitor.ui.htmltabel import letterlijke_tabel
from tests.pages_hulp import geen_fouten, open_pagina, tabellen, tegels

KWAAD = "**vet** [klik](http://voorbeeld.nl) ![x](http://voorbeeld.nl/p.png) :red[rood] $x$"


def test_elke_tekstcel_kolomnaam_en_index_wordt_geescapet() -> None:
    frame = pd.DataFrame({"Regio [a](b)": [KWAAD, "Heerlen"], "Plaats": [3, 12]},
                         index=["*i*", "j"])
    uit = letterlijke_tabel(frame)
    assert uit.iloc[0, 0].startswith(r"\*\*vet\*\* \[klik\]\(http")
    assert "\u200b" in uit.iloc[0, 0]  # kaal adres gebroken: geen automatische link
    assert r"\:red\[rood\] \$x\$" in uit.iloc[0, 0]
    assert list(uit.columns) == [r"Regio \[a\]\(b\)", "Plaats"]
    assert list(uit.index) == [r"\*i\*", "j"]
    assert list(uit["Plaats"]) == [3, 12]  # getallen blijven getallen
    assert list(frame.iloc[:, 0]) == [KWAAD, "Heerlen"]  # het origineel blijft heel


def test_bronnen_toont_een_reden_met_markdown_letterlijk(vers_database: Path) -> None:
    """Regressie: 'Bewust niet geladen' stond als st.table zonder escapen; een reden of bronnaam
    met Markdown werd opgemaakt getoond (een link, een plaatje dat de browser ophaalt)."""
    with duckdb.connect(str(vers_database)) as con:
        bron = con.execute("SELECT bron_id FROM bron LIMIT 1").fetchone()[0]
        con.execute("INSERT INTO niet_geladen VALUES (?, ?, ?)", [bron, "regel 1", KWAAD])
    at = open_pagina("paginas/bronnen.py")
    geen_fouten(at)
    ruw = next(t.value for t in at.table if "Reden" in t.value.columns)
    assert r"\*\*vet\*\* \[klik\]" in " ".join(ruw["Reden"])
    getoond = next(t for t in tabellen(at) if "Reden" in t.columns)
    assert KWAAD.replace("http:", "http\u200b:") in list(getoond["Reden"])


def test_bronnamen_uit_de_database_staan_er_letterlijk(vers_database: Path) -> None:
    """Bronnamen komen uit de database (na een refresh: van CBS). Overzicht ("Bron: …") en
    Bronnen (de bronregels per indicator) toonden ze als Markdown."""
    with duckdb.connect(str(vers_database)) as con:
        con.execute("UPDATE bron SET titel = ? WHERE bron_id IN (SELECT bron_id FROM cijfer "
                    "WHERE indicator_key = 'inwoners')", [KWAAD])
        con.execute("UPDATE indicator_bron SET bron_titel = ? WHERE indicator_key = 'inwoners'",
                    [KWAAD])
    at = open_pagina()
    geen_fouten(at)
    # Overzicht: de bron staat in de tegel (HTML, monitor/verkennen/tegelblok.py), als tekst.
    assert any(r.startswith(f"Bron: {KWAAD}") for r in tegels(at)["Inwoners"]["regels"])
    html = " ".join(b.proto.body for b in at.get("html"))
    assert "<a " not in html and "<img" not in html and "**vet** [klik](http://" in html
    at = open_pagina("paginas/bronnen.py")
    at.text_input[0].input("Inwoners").run()
    regels = [r for m in at.markdown for r in m.value.splitlines() if "klik" in r]
    fout = [r for r in regels if not (r"\*\*vet\*\* \[klik\]" in r and "](http" not in r)]
    assert regels and fout == []
