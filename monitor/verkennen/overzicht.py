"""Tegels voor het overzicht: laatste cijfer, Nederland, verschil en een zin in gewone taal.

Pure logica (frames erin, tekst eruit), zodat de pagina dun blijft en de regels testbaar zijn.
De regels voor eerlijkheid:

- Een verschil met Nederland wordt alleen berekend als Nederland een cijfer heeft voor **hetzelfde
  jaar** en **hetzelfde product**. Anders staat er waarom niet.
- Heeft Nederland geen eigen cijfer maar wijst de catalogus een landelijke reeks uit een ander
  CBS-product aan (``vergelijk_nl``), dan tonen we die met het label "ander CBS-product"
  (``domein.ANDER_PRODUCT``), zonder verschil: het is een andere meting.
- Ontbreekt een cijfer, dan staat er "geen cijfer" en de reden (niet in de bronnen, of CBS meldt
  een lege cel met status onbekend/geheim).
- Aantallen (inwoners, huishoudens) hebben geen verschil met Nederland; we tonen het aandeel.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import pandas as pd

from monitor import fmt
from monitor.domein import ANDER_PRODUCT, NEDERLAND, Oordeel, gunstig

#: De kerncijfers van het overzicht, in deze volgorde.
TEGELS: tuple[str, ...] = (
    "hh_laag_inkomen_pct",
    "hh_rond_sociaal_minimum_pct",
    "bijstand_per_1000",
    "ao_per_1000",
    "gestandaardiseerd_inkomen_hh",
    "besteedbaar_inkomen_hh",
    "problematische_schulden_hh_pct",
    "inwoners",
    "huishoudens",
)
#: Bij een cijfer per 1.000 inwoners tonen we ook het aantal personen.
AANTAL_BIJ: dict[str, str] = {"bijstand_per_1000": "bijstand_personen", "ao_per_1000": "ao_personen"}

#: Zinsdelen per indicator: (wie, wat) voor "1 op de N <wie> in <regio> <wat>".
_EEN_OP: dict[str, tuple[str, str]] = {
    "hh_laag_inkomen_pct": ("huishoudens", "heeft een laag inkomen"),
    "hh_rond_sociaal_minimum_pct": ("huishoudens", "leeft onder of rond het sociaal minimum"),
    "hh_tot_110_sm_pct": ("huishoudens", "heeft een inkomen tot 110% van het sociaal minimum"),
    "problematische_schulden_hh_pct": ("huishoudens", "heeft geregistreerde problematische schulden"),
    "personen_in_armoede_pct": ("inwoners", "leeft in armoede"),
    "bijstand_per_1000": ("inwoners", "heeft bijstand"),
    "ao_per_1000": ("inwoners", "heeft een AO-uitkering"),
}
_EURO: dict[str, str] = {
    "besteedbaar_inkomen_hh": "Een huishouden in {regio} heeft gemiddeld {waarde} per jaar te besteden",
    "gestandaardiseerd_inkomen_hh": (
        "Omgerekend naar een vergelijkbaar huishouden heeft een huishouden in {regio} "
        "gemiddeld {waarde} per jaar"
    ),
}

@dataclass(frozen=True)
class Tegel:
    """Alles wat één tegel laat zien, al als Nederlandse tekst."""

    key: str
    titel: str
    eenheid: str
    richting: str
    definitie: str
    waarde: float | None
    waarde_tekst: str
    jaar: int | None
    jaar_tekst: str
    status: str | None
    bron: str
    nl_tekst: str
    zin: str
    verschil_tekst: str | None = None
    oordeel: Oordeel | None = None  # None = geen oordeel (neutrale indicator, ander product)
    nl_ander_product: bool = False
    reden_geen_cijfer: str | None = None
    extra: list[str] = field(default_factory=list)
    #: Waarom dit cijfer met voorzichtigheid te lezen is: de catalogus zet het in een eigen reeks
    #: (definitiebreuk), met een reden. Staat op de tegel, niet alleen op Doeltreffendheid.
    let_op: str | None = None

    @property
    def voorlopig(self) -> bool:
        return (self.status or "").lower() in ("voorlopig", "nader voorlopig")


# ----------------------------------------------------------------------------- hulpjes


def _bron(rij: dict[str, Any]) -> str:
    titel = str(rij.get("bron_titel") or "onbekende bron")
    tabel = rij.get("tabel_id")
    return f"{titel} ({tabel})" if isinstance(tabel, str) and tabel and tabel not in titel else titel


class _Index:
    """De reeks één keer opgesplitst per (indicator, regio): tientallen tegels en tabelcellen
    filteren anders steeds opnieuw het hele frame (dat kostte het overzicht ~70 ms per run)."""

    def __init__(self, reeks: pd.DataFrame) -> None:
        self.reeks = reeks.sort_values("jaar", kind="stable")
        self.keys = self.reeks["indicator_key"].astype(str).to_numpy()
        self.codes = self.reeks["regio_code"].astype(str).to_numpy()
        self.groepen: dict[tuple[str, str], pd.DataFrame] = {}
        self.met_waarde = {
            (str(r["indicator_key"]), str(r["regio_code"]), int(r["jaar"])): r
            for r in reeks[reeks["waarde"].notna()].to_dict("records")
        }

    def rijen(self, key: str | None, code: str) -> pd.DataFrame:
        """Rijen van één indicator en regio, oplopend in jaar (pas berekend als iemand ze vraagt)."""
        sleutel = (str(key), code)
        if sleutel not in self.groepen:
            self.groepen[sleutel] = self.reeks[(self.keys == sleutel[0]) & (self.codes == code)]
        return self.groepen[sleutel]

    def in_jaar(self, key: str | None, code: str, jaar: int) -> dict[str, Any] | None:
        """De rij met een waarde voor (indicator, regio, jaar), of None."""
        return self.met_waarde.get((str(key), code, int(jaar)))


def _index(reeks: pd.DataFrame | _Index) -> _Index:
    return reeks if isinstance(reeks, _Index) else _Index(reeks)


def _rijen(reeks: pd.DataFrame | _Index, key: str | None, code: str) -> pd.DataFrame:
    return _index(reeks).rijen(key, code)


def _met_waarde(rijen: pd.DataFrame) -> pd.DataFrame:
    return rijen[rijen["waarde"].notna()]


def _statussen(rijen: pd.DataFrame) -> str:
    return ", ".join(sorted({str(s) for s in rijen["status"].dropna()})) or "onbekend"


def _een_op(waarde: float | None, eenheid: str) -> str:
    """Een percentage of een cijfer per 1.000 als "1 op de N"."""
    if waarde is None or pd.isna(waarde):
        return fmt.GEEN_CIJFER
    return fmt.een_op_n(waarde * 10 if eenheid == "%" else waarde)


def _periode(rij: dict[str, Any]) -> str:
    return fmt.periode(rij.get("jaar"), rij.get("status"))


def nederland_naam(rij: dict[str, Any]) -> str:
    """"Nederland", of "Nederland (som van 342 gemeenten)" als de monitor het cijfer berekende."""
    afgeleid = rij.get("afgeleid_uit")
    return f"Nederland ({afgeleid})" if isinstance(afgeleid, str) and afgeleid else "Nederland"


def reden_geen_cijfer(rijen: pd.DataFrame, naam: str) -> str:
    """Waarom een regio geen cijfer heeft: niet in de bronnen, of CBS meldt een lege cel."""
    if rijen.empty:
        return f"De bronnen in deze database hebben dit cijfer niet voor {naam}."
    jaren = ", ".join(str(int(j)) for j in rijen["jaar"])
    return f"CBS meldt voor {naam} geen cijfer in {jaren} (status: {_statussen(rijen)})."


def verschil_tekst(verschil: float, eenheid: str) -> str:
    """``+4,0 procentpunt``, ``−14.500 euro``, ``+18,6 per 1.000 inwoners``."""
    tekst = fmt.verschil(verschil, eenheid)
    if eenheid.startswith("per 1.000"):
        tekst += " " + eenheid
    return tekst


# ----------------------------------------------------------------------------- tegel


def _zin(key: str, eenheid: str, naam: str, rij: dict[str, Any], nl_deel: str) -> str:
    waarde = rij["waarde"]
    if key in _EEN_OP:
        wie, wat = _EEN_OP[key]
        begin = f"{_een_op(waarde, eenheid).capitalize()} {wie} in {naam} {wat}"
        if eenheid == "%":
            begin += f" ({fmt.procent(waarde)})"
        return f"{begin}{nl_deel}."
    if key in _EURO:
        return _EURO[key].format(regio=naam, waarde=fmt.euro(waarde)) + f"{nl_deel}."
    if eenheid == "aantal":
        peildatum = rij.get("peildatum")
        wanneer = f"op {fmt.datum(peildatum)}" if peildatum is not None and not pd.isna(peildatum) \
            else f"in {_periode(rij)}"
        return f"{naam} telde {wanneer} {fmt.getal(waarde)} {key.replace('_', ' ')}."
    return f"{naam}: {fmt.waarde(waarde, eenheid)} in {_periode(rij)}{nl_deel}."


def _nl_in_zin(key: str, eenheid: str, nl: dict[str, Any] | None, ander: bool, jaar: int) -> str:
    if eenheid == "aantal":
        return ""
    if nl is None:
        return f" (Nederland: geen cijfer voor {jaar})"
    if key in _EEN_OP:
        tekst = _een_op(nl["waarde"], eenheid)
    else:
        tekst = fmt.waarde(nl["waarde"], eenheid)
    return f" (Nederland, {ANDER_PRODUCT}: {tekst})" if ander else f" (Nederland: {tekst})"


def tegel(key: str, reeks: pd.DataFrame | _Index, indicatoren: pd.DataFrame, code: str,
          naam: str) -> Tegel:
    """Bouw de tegel voor één indicator en één gemeente.

    ``reeks``: rijen van :func:`monitor.store.reeks` voor deze gemeente én Nederland, voor
    ``key``, de aantallen uit :data:`AANTAL_BIJ` en de ``vergelijk_nl``-reeks.
    """
    reeks = _index(reeks)
    meta = (indicatoren if indicatoren.index.name == "key" else indicatoren.set_index("key")).loc[key]
    titel, eenheid, richting = str(meta["titel"]), str(meta["eenheid"]), str(meta["richting"])
    definitie = str(meta.get("definitie") or "")
    vergelijk = meta.get("vergelijk_nl")
    vergelijk = vergelijk if isinstance(vergelijk, str) and vergelijk else None

    eigen = _rijen(reeks, key, code)
    met = _met_waarde(eigen)
    if met.empty:
        reden = reden_geen_cijfer(eigen, naam)
        return Tegel(key=key, titel=titel, eenheid=eenheid, richting=richting, definitie=definitie,
                     waarde=None, waarde_tekst=fmt.GEEN_CIJFER, jaar=None, jaar_tekst="", status=None,
                     bron="", nl_tekst="", zin=f"Geen cijfer voor {naam}. {reden}",
                     reden_geen_cijfer=reden)
    rij = met.iloc[-1].to_dict()
    jaar = int(rij["jaar"])
    extra: list[str] = []
    later = eigen[(eigen["jaar"] > jaar) & eigen["waarde"].isna()]
    if not later.empty:
        extra.append(f"Voor {int(later['jaar'].max())} meldt CBS nog geen cijfer "
                     f"(status: {_statussen(later)}).")
    if key in AANTAL_BIJ:
        aantal = reeks.in_jaar(AANTAL_BIJ[key], code, jaar)
        if aantal is not None:
            extra.insert(0, f"Aantal: {fmt.getal(aantal['waarde'])} personen.")

    # Nederland: zelfde jaar, zelfde product; anders een ander product; anders de reden.
    nl_rijen = _rijen(reeks, key, NEDERLAND)
    nl = reeks.in_jaar(key, NEDERLAND, jaar)
    ander = False
    verschil: str | None = None
    oordeel_: Oordeel | None = None
    if nl is not None:
        nl_tekst = (f"{nederland_naam(nl)}: {fmt.waarde(nl['waarde'], eenheid)} "
                    f"({_periode(nl)})")
        if eenheid == "aantal":
            if nl["waarde"]:
                nl_tekst += f". {naam} is {fmt.procent(100 * rij['waarde'] / nl['waarde'], 2)} daarvan."
        else:
            d = float(rij["waarde"]) - float(nl["waarde"])
            verschil = verschil_tekst(d, eenheid)
            oordeel_ = gunstig(d, richting, meta.get("decimalen"))
    else:
        nl_ander = reeks.in_jaar(vergelijk, NEDERLAND, jaar) if vergelijk else None
        nl_met = _met_waarde(nl_rijen)
        if nl_ander is not None:
            ander, nl = True, nl_ander
            nl_tekst = (
                "Nederland: geen cijfer uit dezelfde bron. "
                f"{ANDER_PRODUCT[0].upper()}{ANDER_PRODUCT[1:]} "  # "Ander CBS-product"
                f"({nl_ander.get('tabel_id') or _bron(nl_ander)}): "
                f"{fmt.waarde(nl_ander['waarde'], eenheid)} in {_periode(nl_ander)}. "
                "Een andere meting, dus geen verschil."
            )
        elif not nl_met.empty:
            oud = nl_met.iloc[-1].to_dict()
            nl_tekst = (
                f"Nederland: geen cijfer voor {jaar}. Laatste landelijke cijfer: "
                f"{fmt.waarde(oud['waarde'], eenheid)} in {_periode(oud)}; te oud voor een verschil."
            )
        else:
            nl_tekst = "Nederland: geen cijfer. " + reden_geen_cijfer(nl_rijen, "Nederland")
    zin = _zin(key, eenheid, naam, rij, _nl_in_zin(key, eenheid, nl, ander, jaar))
    reeks_reden = rij.get("reeks_reden")
    return Tegel(
        key=key, titel=titel, eenheid=eenheid, richting=richting, definitie=definitie,
        waarde=float(rij["waarde"]), waarde_tekst=fmt.waarde(rij["waarde"], eenheid), jaar=jaar,
        jaar_tekst=_periode(rij), status=rij.get("status"), bron=_bron(rij), nl_tekst=nl_tekst,
        zin=zin, verschil_tekst=verschil, oordeel=oordeel_, nl_ander_product=ander, extra=extra,
        let_op=reeks_reden if isinstance(reeks_reden, str) and reeks_reden else None,
    )


def benodigde_keys(indicatoren: pd.DataFrame, keys: tuple[str, ...] = TEGELS) -> tuple[str, ...]:
    """Alle indicatoren die de tegels nodig hebben: de tegels, hun aantallen en vergelijk_nl."""
    meta = indicatoren.set_index("key")
    extra = [AANTAL_BIJ[k] for k in keys if k in AANTAL_BIJ]
    for k in keys:
        v = meta["vergelijk_nl"].get(k) if k in meta.index else None
        if isinstance(v, str) and v:
            extra.append(v)
    return tuple(dict.fromkeys([k for k in keys if k in meta.index] + extra))


def tegels(reeks: pd.DataFrame, indicatoren: pd.DataFrame, code: str, naam: str,
           keys: tuple[str, ...] = TEGELS) -> list[Tegel]:
    """De tegels voor één gemeente, in de volgorde van ``keys`` (onbekende keys vallen weg)."""
    per_key = indicatoren.set_index("key")
    index = _Index(reeks)
    return [tegel(k, index, per_key, code, naam) for k in keys if k in per_key.index]


def naast_elkaar(reeks: pd.DataFrame, tegels_: list[Tegel], codes: list[str],
                 namen: dict[str, str]) -> pd.DataFrame:
    """Tabel: per kerncijfer de waarde van elke gekozen regio in het jaar van de tegel.

    Zo staan alle regio's naast elkaar voor hetzelfde jaar. Een regio zonder cijfer in dat jaar
    krijgt "geen cijfer" (nooit een ouder jaar stilletjes ernaast).
    """
    index = _Index(reeks)
    rijen = []
    for t in tegels_:
        rij: dict[str, str] = {"Kerncijfer": t.titel, "Jaar": t.jaar_tekst or "-"}
        for code in codes:
            if t.jaar is None:
                rij[namen.get(code, code)] = fmt.GEEN_CIJFER
                continue
            r = index.in_jaar(t.key, code, t.jaar)
            rij[namen.get(code, code)] = (
                fmt.GEEN_CIJFER if r is None
                else fmt.waarde_van(r, t.eenheid) + ("*" if str(r.get("status")).lower()
                                                           in ("voorlopig", "nader voorlopig") else "")
            )
        rijen.append(rij)
    return pd.DataFrame(rijen)


def panelen(reeks: pd.DataFrame, tegels_: list[Tegel]) -> list[dict[str, Any]]:
    """Per kerncijfer (geen aantallen) de rijen van alle regio's in het jaar van de tegel.

    Voor :func:`monitor.charts.kleine_staven`: zo staan de gekozen regio's per kerncijfer in
    hetzelfde jaar naast elkaar.
    """
    uit = []
    for t in tegels_:
        if t.jaar is None or t.eenheid == "aantal":
            continue
        frame = reeks[(reeks["indicator_key"] == t.key) & (reeks["jaar"] == t.jaar)]
        uit.append({"titel": t.titel, "eenheid": t.eenheid, "jaar_tekst": t.jaar_tekst,
                    "frame": frame})
    return uit


class Beeld(NamedTuple):
    """Alles wat de pagina Overzicht uit de cijfers haalt: tegels, grafiekpanelen en de tabel."""

    tegels: list[Tegel]
    panelen: list[dict[str, Any]]
    tabel: pd.DataFrame


def beeld(reeks: pd.DataFrame, indicatoren: pd.DataFrame, code: str, codes: list[str],
          namen: Mapping[str, str]) -> Beeld:
    """Tegels van ``code``, de panelen voor de kleine staven en de tabel van alle ``codes``."""
    tegels_ = tegels(reeks, indicatoren, code, namen[code])
    return Beeld(tegels_, panelen(reeks, tegels_), naast_elkaar(reeks, tegels_, codes, dict(namen)))
