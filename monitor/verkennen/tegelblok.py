"""De tegels van het overzicht als één blok HTML: elke tekst geëscapet, opmaak uit één stylesheet.

Waarom HTML en geen Streamlit-elementen: negen tegels van zeven elementen (kader, kop met uitleg,
metric, zin, bijschrift, badge, bron) zijn 63 React-onderdelen met elk eigen stijlen en
Markdown-verwerking. In Chromium kostte dat ~0,35 s voordat de grafiek eronder getekend werd
(``bench/pages.py``; een proefapp met dezelfde tegels als HTML scheelde 0,34 s). Eén blok HTML
is één onderdeel.

Veiligheid: alle tekst (ook de bronnaam uit de database) gaat door :func:`html.escape`; er komt
geen Markdown aan te pas. Streamlit zuivert ``st.html`` daarnaast met DOMPurify.

Toegankelijkheid (WCAG 2.1 AA): elke tegel is een ``<section>`` met een kop (h2, na de h1 van de
pagina); het oordeel staat er in woorden naast de kleur; de pijl is ``aria-hidden``; de definitie
zit in een ``<details>`` (met het toetsenbord te openen, anders dan een tooltip). Kleuren halen
minstens 4,5:1 op wit.
"""

from __future__ import annotations

from html import escape

from monitor import fmt
from monitor.domein import Oordeel
from monitor.letterlijk import een_regel
from monitor.verkennen.overzicht import Tegel

#: Kleur van het verschil met Nederland. Blauw/oranje (niet groen/rood): ook bij kleurenblindheid
#: te onderscheiden, en het oordeel staat er altijd in woorden bij.
_OORDEEL_KLASSE = {Oordeel.GUNSTIG: "gunstig", Oordeel.ONGUNSTIG: "ongunstig",
                   Oordeel.GELIJK: "gelijk"}
_OORDEEL_ZIN = {Oordeel.GUNSTIG: "Gunstiger dan Nederland.",
                Oordeel.ONGUNSTIG: "Ongunstiger dan Nederland.",
                Oordeel.GELIJK: "Gelijk aan Nederland."}

STIJL = """<style>
.am-tegels { display: grid; grid-template-columns: repeat(auto-fill, minmax(18rem, 1fr));
  gap: 1rem; margin-bottom: 1rem; }
.am-tegel { border: 1px solid rgba(49, 51, 63, 0.2); border-radius: 0.5rem; padding: 1rem;
  display: flex; flex-direction: column; gap: 0.35rem; }
.am-tegel h2 { font-size: 1rem; font-weight: 600; line-height: 1.4; margin: 0; padding: 0; }
.am-tegel p { margin: 0; }
.am-jaar { font-size: 0.875rem; color: #4a4a4a; }
.am-waarde { font-size: 2.25rem; line-height: 1.2; }
.am-verschil { font-size: 0.95rem; font-weight: 600; }
.am-gunstig { color: #0b5394; }
.am-ongunstig { color: #a04000; }
.am-gelijk, .am-geen { color: #4a4a4a; }
.am-klein { font-size: 0.875rem; color: #4a4a4a; }
.am-badge { display: inline-block; font-size: 0.8rem; border-radius: 0.25rem;
  padding: 0.05rem 0.4rem; background: #ececec; color: #262626; }
.am-badge.am-voorlopig { background: #fde5cc; color: #6b2c00; }
.am-let-op { font-size: 0.875rem; background: #fde5cc; color: #6b2c00; border-radius: 0.25rem;
  padding: 0.25rem 0.5rem; }
.am-tegel details { font-size: 0.875rem; }
.am-tegel summary { cursor: pointer; color: #0b5394; }
</style>"""


def _t(tekst: object) -> str:
    return escape(een_regel(tekst), quote=True)


def tegel_html(t: Tegel) -> str:
    """Eén tegel; zonder cijfer staat er "geen cijfer" met de reden."""
    delen = [f'<section class="am-tegel" aria-label="{_t(t.titel)}">', f"<h2>{_t(t.titel)}</h2>"]
    if t.waarde is None:
        delen += [f'<p class="am-waarde">{_t(fmt.GEEN_CIJFER)}</p>',
                  f'<p class="am-klein">{_t(t.reden_geen_cijfer or "")}</p>']
    else:
        jaar = t.jaar_tekst + (f" · {t.status}" if t.voorlopig else "")
        delen += [f'<p class="am-jaar">{_t(jaar)}</p>',
                  f'<p class="am-waarde">{_t(t.waarde_tekst)}</p>']
        if t.verschil_tekst:
            klasse = _OORDEEL_KLASSE.get(t.oordeel, "geen")  # None: neutraal of ander product
            pijl = {"+": "▲", fmt.MIN: "▼"}.get(t.verschil_tekst[0], "")
            pijl_html = f'<span aria-hidden="true">{pijl}</span> ' if pijl else ""
            delen.append(f'<p class="am-verschil am-{klasse}">{pijl_html}'
                         f"{_t(t.verschil_tekst)} t.o.v. Nederland</p>")
        delen.append(f"<p>{_t(t.zin)}</p>")
        if t.let_op:
            delen.append(f'<p class="am-let-op"><strong>Let op:</strong> {_t(t.let_op)}</p>')
        regels = [t.nl_tekst, _OORDEEL_ZIN.get(t.oordeel, ""), *t.extra]
        delen.append('<p class="am-klein">' + "<br>".join(_t(r) for r in regels if r) + "</p>")
        badge = "am-badge am-voorlopig" if t.voorlopig else "am-badge"
        delen += [f'<p><span class="{badge}">{_t(t.status)}</span></p>',
                  f'<p class="am-klein">Bron: {_t(t.bron)}</p>']
    if t.definitie:
        delen.append(f"<details><summary>Wat telt mee?</summary><p>{_t(t.definitie)}</p></details>")
    delen.append("</section>")
    return "".join(delen)


def tegels_html(tegels: list[Tegel]) -> str:
    """Alle tegels in een raster (drie naast elkaar op een breed scherm), met de stylesheet."""
    return STIJL + '<div class="am-tegels">' + "".join(tegel_html(t) for t in tegels) + "</div>"
