"""Kleine tabellen als HTML-tabel (monitor/tabelblok.py): tekst van buiten blijft letterlijk."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd

from monitor.tabelblok import getalkolom, tabel_html
from tests.pages_hulp import _Tabellen, geen_fouten, open_pagina, tabellen, tegels

KWAAD = "**vet** [klik](http://voorbeeld.nl) ![x](http://voorbeeld.nl/p.png) :red[rood] $x$"


def test_elke_tekstcel_en_kolomnaam_wordt_geescapet() -> None:
    frame = pd.DataFrame({"Regio <b>x</b>": [KWAAD + " <img src=x>", "Heerlen"],
                          "Plaats": [3, 12]})
    blok = tabel_html(frame, alt='Tabel "a" <script>')
    assert "<img" not in blok and "<b>" not in blok and "<script>" not in blok
    assert "&lt;img src=x&gt;" in blok and "Regio &lt;b&gt;x&lt;/b&gt;" in blok
    assert 'aria-label="Tabel &quot;a&quot; &lt;script&gt;"' in blok
    # wat de lezer ziet, is precies de tekst uit de bron: geen Markdown-escapes
    lezer = _Tabellen()
    lezer.feed(blok)
    gelezen = lezer.tabellen[0]
    assert list(gelezen.columns) == ["Regio <b>x</b>", "Plaats"]
    assert list(gelezen.iloc[:, 0]) == [KWAAD + " <img src=x>", "Heerlen"]
    assert list(frame.iloc[:, 0]) == [KWAAD + " <img src=x>", "Heerlen"]  # origineel heel


def test_kopjes_hebben_een_scope_en_getallen_staan_rechts() -> None:
    frame = pd.DataFrame({"Regio": ["Heerlen", "Nederland"], "Waarde": ["43,8", "geen cijfer"],
                          "Jaar": ["2024*", "2023"], "Plaats": ["341 van 342", ""],
                          "Bedrag": ["€ 34.000", "−€ 1.200"], "Aantal": [3, None]})
    blok = tabel_html(frame, alt="Proef")
    assert blok.count('<th scope="col"') == 6
    assert '<th scope="col">Regio</th>' in blok  # tekst links
    for kolom in ("Waarde", "Jaar", "Plaats", "Aantal"):
        assert f'<th scope="col" class="am-getal">{kolom}</th>' in blok
    assert "<td>Heerlen</td>" in blok and '<td class="am-getal">43,8</td>' in blok
    assert '<td class="am-getal"></td>' in blok  # een gat blijft leeg, geen "nan"


def test_een_kolom_met_tekst_en_getallen_blijft_links() -> None:
    assert not getalkolom(pd.Series(["4,5%", "Heerlen"]))
    assert not getalkolom(pd.Series(["geen cijfer", "—"]))  # alleen gaten: geen getalkolom
    assert getalkolom(pd.Series(["4,5%", "—", "10,3%"]))


def test_bronnen_toont_een_reden_met_markdown_letterlijk(vers_database: Path) -> None:
    """Regressie: 'Bewust niet geladen' stond als st.table zonder escapen; een reden of bronnaam
    met Markdown werd opgemaakt getoond (een link, een plaatje dat de browser ophaalt)."""
    with duckdb.connect(str(vers_database)) as con:
        bron = con.execute("SELECT bron_id FROM bron LIMIT 1").fetchone()[0]
        con.execute("INSERT INTO niet_geladen (bron_id, regel, reden) VALUES (?, ?, ?)",
                    [bron, "regel 1", KWAAD])
    at = open_pagina("paginas/bronnen.py")
    geen_fouten(at)
    html = " ".join(b.proto.body for b in at.get("html"))
    assert "<a " not in html and "<img" not in html
    getoond = next(t for t in tabellen(at) if "Reden" in t.columns)
    assert KWAAD in list(getoond["Reden"])  # precies de tekst, zonder opmaak


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
