"""Tekst van buiten wordt nooit Markdown of HTML: beleidsopslag, database en bestanden.

Regel van het project: wat mensen invoerden (contextregels, bronnen, kolomnamen in een CSV) en
wat uit de database komt (regionamen, bronnamen, ETL-meldingen) staat er letterlijk. Elke test
zet een vijandige waarde op de plek waar die tekst vandaan komt en kijkt wat de pagina of de
functie ervan maakt. ``test_pages_veilig.py`` doet hetzelfde voor de linkparameters.
"""

from __future__ import annotations

import re

import pandas as pd

from monitor.beleid import doeltreffendheid as dh
from monitor.beleid import opslag
from tests.pages_hulp import geen_fouten, open_pagina

#: Een plaatje van buiten, vet, HTML en een link: niets daarvan mag werken.
KWAAD = "![x](https://example.org/t.png) **vet** <b>x</b> [a](https://example.org)"
TOETS = "paginas/doeltreffendheid.py"


def onveilig(markdown: str) -> list[str]:
    """Stukken van KWAAD die in gerenderde Markdown een plaatje, link, opmaak of HTML worden."""
    patronen = {"plaatje": r"(?<!\\)!\[x", "link": r"(?<!\\)\[a\]", "vet": r"(?<!\\)\*\*vet",
                "html": r"(?<!\\)<b>"}
    gevonden = [naam for naam, p in patronen.items() if re.search(p, markdown)]
    # Een kaal adres wordt in GFM vanzelf een link, ook na het escapen: kijk naar wat de lezer
    # ziet. Een adres als bestemming van een link die de monitor zelf maakt, telt niet.
    zichtbaar = re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown)
    if re.search(r"(?<!\]\()https://example", zichtbaar):
        gevonden.append("autolink")
    return gevonden


def zichtbaar(markdown: str) -> str:
    """Wat de lezer ziet: escapes weg, onzichtbare spaties (tegen autolinks) weg."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown).replace("\u200b", "")


# ----------------------------------------------------------------------------- context


def test_contextregel_met_markdown_staat_er_letterlijk() -> None:
    ctx = pd.DataFrame([{"naam": KWAAD, "periode": KWAAD, "regio": KWAAD, "omschrijving": KWAAD,
                         "bron": KWAAD}])
    tekst = dh.context_markdown(ctx)
    assert onveilig(tekst) == []
    assert tekst.startswith(r"- **\!\[x\]")  # de naam blijft vet, de tekst erin is letterlijk
    assert "*Bron: " in tekst


def test_bron_die_een_gewoon_adres_is_blijft_een_link() -> None:
    ctx = pd.DataFrame([{"naam": "Regio Deal", "periode": None, "regio": None,
                         "omschrijving": None,
                         "bron": "https://parkstad-limburg.nl/deal/ ; ANP, 21-02-2024 "
                                 "(https://nieuws.nl/a_b/)"}])
    tekst = dh.context_markdown(ctx)
    assert "](https://parkstad-limburg.nl/deal/)" in tekst
    assert "](https://nieuws.nl/a_b/)" in tekst
    assert r"\; ANP\, 21\-02\-2024 \(" in tekst  # de rest letterlijk
    assert zichtbaar(tekst).endswith("*Bron: [https://parkstad-limburg.nl/deal/]"
                                     "(https://parkstad-limburg.nl/deal/) ; ANP, 21-02-2024 "
                                     "([https://nieuws.nl/a_b/](https://nieuws.nl/a_b/))*")


def test_kanttekening_met_markdown_staat_er_letterlijk() -> None:
    kant = pd.DataFrame({"soort": ["bronwissel"],
                         "tekst": [f"2023 → 2024: andere bron ({KWAAD})"]})
    tekst = dh.kanttekeningen_markdown(kant)
    assert onveilig(tekst) == []
    assert tekst.startswith("- **bronwissel**: 2023 → 2024")


def test_doeltreffendheid_toont_een_ingevoerde_contextregel_letterlijk() -> None:
    """Regressie: de contextlijst ging als Markdown naar de pagina; een regel met een plaatje liet
    de browser dat plaatje ophalen, ** en [a](b) werden opmaak en een link."""
    huidig = opslag.context_regels()
    nieuw = pd.DataFrame([{"naam": KWAAD, "periode": KWAAD, "omschrijving": KWAAD,
                           "regio": KWAAD, "bron": KWAAD}])
    opslag.sla_context_op(pd.concat([huidig, nieuw], ignore_index=True), wie="Proef",
                          reden="vijandige regel")
    at = open_pagina(TOETS)
    geen_fouten(at)
    lijst = next(m.value for m in at.markdown if "Nationaal Programma Heerlen" in m.value)
    assert "vet" in lijst
    assert onveilig(lijst) == []
