"""Tekst van buiten letterlijk tonen waar Streamlit Markdown van maakt.

Puur (geen Streamlit), zodat ook de logica het kan gebruiken: st.markdown, st.caption, st.table
en meldingen tonen Markdown. Een bronnaam, CBS-versietekst, zoekterm of linkwaarde mag daar nooit
een link, plaatje of opmaak worden.
"""

from __future__ import annotations

import re

# CommonMark §2.4: elk ASCII-leesteken mag met een backslash letterlijk worden gemaakt. Dat
# breekt ook Streamlits eigen opmaak (:material/..:, :red[..], $..$) en kale links (http://).
# Een '_' midden in een woord (bestaat_niet) kan geen opmaak openen of sluiten: die blijft.
_MARKDOWN_TEKEN = re.compile(r"([!-/:-@\[-^`{-~]|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9]))")
# GFM maakt van kale adressen (http://…, www.…, naam@domein) een link, ook ná het escapen (de
# frontend zoekt ze in de tekst zelf). Een onzichtbare spatie (U+200B) breekt dat patroon.
_AUTOLINK = re.compile(r"(?i)(?<=https)(?=:)|(?<=http)(?=:)|(?<=ftp)(?=:)|(?<=www)(?=\.)|(?<=@)")


def letterlijk(tekst: object) -> str:
    """Elk leesteken geëscapet, kale adressen gebroken, witruimte tot één spatie. Niet ingekort."""
    schoon = " ".join(str(tekst).split())
    return _MARKDOWN_TEKEN.sub(r"\\\1", _AUTOLINK.sub("\u200b", schoon))
