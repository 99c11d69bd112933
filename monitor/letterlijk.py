"""Tekst van buiten letterlijk tonen waar Streamlit Markdown van maakt.

Puur (geen Streamlit), zodat ook de logica het kan gebruiken: st.markdown, st.caption, st.table
en meldingen tonen Markdown. Een bronnaam, CBS-versietekst, zoekterm of linkwaarde mag daar nooit
een link, plaatje of opmaak worden. Eén uitzondering, op één plek: een gewoon http(s)-adres als
bron mag een link zijn (:func:`gewoon_adres`).
"""

from __future__ import annotations

import html
import re

# CommonMark §2.4: elk ASCII-leesteken mag met een backslash letterlijk worden gemaakt. Dat
# breekt ook Streamlits eigen opmaak (:material/..:, :red[..], $..$) en kale links (http://).
# Een '_' midden in een woord (bestaat_niet) kan geen opmaak openen of sluiten: die blijft.
_MARKDOWN_TEKEN = re.compile(r"([!-/:-@\[-^`{-~]|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9]))")
# GFM maakt van kale adressen (http://…, www.…, naam@domein) een link, ook ná het escapen (de
# frontend zoekt ze in de tekst zelf). Een onzichtbare spatie (U+200B) breekt dat patroon.
_AUTOLINK = re.compile(r"(?i)(?<=https)(?=:)|(?<=http)(?=:)|(?<=ftp)(?=:)|(?<=www)(?=\.)|(?<=@)")
#: Een adres dat een Markdown-link niet kan openbreken: geen spatie, haakjes, < > of backslash.
_GEWOON_ADRES = re.compile(r"https?://[^\s<>()\[\]`\\]+")


#: Witruimte die een regel mag breken; de harde spatie (U+00A0, ``fmt.EURO``) blijft staan.
_WITRUIMTE = re.compile(r"[^\S\u00a0]+")


def een_regel(tekst: object) -> str:
    """Alle witruimte (ook regelovergangen) tot één spatie, behalve de harde spatie: die houdt
    "€" en het bedrag bij elkaar."""
    return _WITRUIMTE.sub(" ", str(tekst)).strip(" ")


def _escape(tekst: str) -> str:
    return _MARKDOWN_TEKEN.sub(r"\\\1", _AUTOLINK.sub("\u200b", tekst))


def letterlijk(tekst: object) -> str:
    """Elk leesteken geëscapet, kale adressen gebroken, witruimte tot één spatie. Niet ingekort."""
    return _escape(een_regel(tekst))


def gewoon_adres(tekst: object) -> bool:
    """Is dit precies één gewoon http(s)-adres? Alleen zo'n adres mag een link worden."""
    return isinstance(tekst, str) and _GEWOON_ADRES.fullmatch(tekst) is not None


def letterlijk_met_links(tekst: object) -> str:
    """Letterlijk, maar elk gewoon http(s)-adres in de tekst als link (voor een bronvermelding).

    Een ingevoerde bron is vaak "adres ; krant, datum (adres)": de adressen blijven aanklikbaar
    (zoals GFM ze vroeger vanzelf maakte), de rest kan geen opmaak, link of plaatje worden.
    Dezelfde regel als :func:`gewoon_adres`, per adres in de tekst.
    """
    schoon = een_regel(tekst)
    delen: list[str] = []
    vorige = 0
    for adres in _GEWOON_ADRES.finditer(schoon):
        delen += [_escape(schoon[vorige:adres.start()]),
                  f"[{_escape(adres.group())}]({adres.group()})"]
        vorige = adres.end()
    delen.append(_escape(schoon[vorige:]))
    return "".join(delen)


def plotly_letterlijk(tekst: object) -> str:
    """Tekst van buiten voor een Plotly-figuur: titel, as, legenda, hover, annotatie.

    Plotly tekent daar een stukje HTML (``<b>``, ``<i>``, ``<br>``, ``<a href>``, ``<span
    style>``). Met ``&``, ``<`` en ``>`` als entiteit blijft het tekst: plotly.js zoekt eerst de
    tags en zet pas daarna ``&amp;``, ``&lt;`` en ``&gt;`` om. Geen ``&quot;``: dat kent plotly.js
    niet (het stond er dan letterlijk), en een aanhalingsteken buiten een tag doet niets.
    Witruimte wordt één spatie (een regelovergang zou een ``<br>`` worden).
    """
    return html.escape(een_regel(tekst), quote=False)
