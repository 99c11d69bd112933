"""Streefwaarden als CSV: een sjabloon om in Excel in te vullen, en het inlezen ervan.

Inlezen is alles of niets: eerst wordt het hele bestand gecontroleerd (kop, elke regel, elke
waarde), pas dan schrijft ``opslag`` alles in één transactie.
"""

from __future__ import annotations

import codecs
import csv
import io
import logging
import re
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import pandas as pd
from charset_normalizer import from_bytes

from monitor.beleid import opslag
from monitor.beleid.validatie import (
    Afgekeurd,
    controleer_streefwaarde,
    controleer_wie_reden,
    lees_jaar,
)
from monitor.domein import BELEIDSJAREN
from monitor.tabelbestand import tabel_csv

CSV_KOLOMMEN: tuple[str, ...] = ("indicator_key", "regio_code", "jaar", "streefwaarde",
                                 "toelichting")  # fmt: skip
_CSV_INFO = ("titel", "eenheid", "nulmeting_jaar", "nulmeting_waarde")
_MAX_REGELS = 5000
#: Alleen tekst zoals Excel en andere programma's die opslaan; de rest is waarschijnlijk geen CSV.
_CODERINGEN = {"utf_8", "utf_16", "utf_16_le", "utf_16_be", "cp1252", "latin_1", "iso8859_15"}
#: "1.234" in een bestand met decimaalkomma: duizendtal of decimaal? Dubbelzinnig, dus fout.
_ALLEEN_DUIZENDTAL = re.compile(r"[+-]?\d{1,3}(\.\d{3})+")

log = logging.getLogger(__name__)


class LeesFout(ValueError):
    """Het bestand is niet te lezen; de tekst zegt in het Nederlands wat te doen."""


def streefwaarden_csv(indicatoren: pd.DataFrame, regio_code: str, keys: Sequence[str]
                      ) -> bytes:  # fmt: skip
    """Sjabloon plus huidige streefwaarden van één regio, om in Excel in te vullen.

    Eén regel per indicator en jaar 2026-2029. De kolommen titel, eenheid en nulmeting zijn ter
    informatie; bij het inlezen tellen alleen indicator_key, regio_code, jaar, streefwaarde en
    toelichting. Een lege streefwaarde betekent bij inlezen: niets veranderen.
    """
    meta = indicatoren.set_index("key")
    huidig = opslag.streefwaarden(regio_code=regio_code)
    nul = opslag.nulmetingen()
    rijen = []
    for k in keys:
        n = nul[(nul["indicator_key"] == k) & (nul["regio_code"] == regio_code)]
        for j in BELEIDSJAREN:
            h = huidig[(huidig["indicator_key"] == k) & (huidig["jaar"] == j)]
            rijen.append({
                "indicator_key": k, "regio_code": regio_code, "jaar": j,
                "streefwaarde": float(h["waarde"].iloc[0]) if not h.empty else None,
                "toelichting": h["toelichting"].iloc[0] if not h.empty else None,
                "titel": meta.loc[k, "titel"] if k in meta.index else None,
                "eenheid": meta.loc[k, "eenheid"] if k in meta.index else None,
                "nulmeting_jaar": int(n["jaar"].iloc[0]) if not n.empty else None,
                "nulmeting_waarde": float(n["waarde"].iloc[0]) if not n.empty else None,
            })  # fmt: skip
    df = pd.DataFrame(rijen, columns=[*CSV_KOLOMMEN, *_CSV_INFO])
    df["nulmeting_jaar"] = df["nulmeting_jaar"].astype("Int64")
    return tabel_csv(df, "nl")


@dataclass
class ImportResultaat:
    """Uitkomst van een CSV-import. Bij fouten of onbevestigde waarschuwingen: niets gewijzigd."""

    gewijzigd: int = 0
    regels: int = 0
    fouten: list[str] = field(default_factory=list)
    waarschuwingen: list[str] = field(default_factory=list)
    genegeerde_kolommen: list[str] = field(default_factory=list)
    bevestiging_nodig: bool = False

    @property
    def gelukt(self) -> bool:
        return not self.fouten and not self.bevestiging_nodig


def decodeer(data: bytes) -> tuple[str, str]:
    """Tekst en naam van de codering: UTF-8 (met of zonder BOM), UTF-16 of Windows-1252.

    Eén keer per bestand. Een BOM beslist; anders eerst strikt UTF-8, dan charset-normalizer
    (UTF-16 zonder BOM, 'ANSI' uit oudere Excel). Niet te lezen → :class:`LeesFout`.
    """
    for bom, naam in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                      (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(naam), naam
            except UnicodeDecodeError as fout:
                raise LeesFout(f"Het bestand begint als {naam.upper()}, maar byte {fout.start} "
                               "is dat niet. Sla het in Excel opnieuw op als 'CSV UTF-8'.") from fout
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    beste = from_bytes(data, cp_isolation=sorted(_CODERINGEN)).best()
    if beste is None or codecs.lookup(beste.encoding).name.replace("-", "_") not in _CODERINGEN:
        raise LeesFout("Dit bestand is geen tekst in een bekende codering (UTF-8, UTF-16 of "
                       "Windows-1252). Sla het in Excel op als 'CSV UTF-8 (door komma's "
                       "gescheiden)' en lees het opnieuw in.")
    return str(beste), beste.encoding


@dataclass
class _Regel:
    """Eén regel uit het bestand, nog niet gecontroleerd."""

    nr: int
    key: str
    regio: str
    jaar: str
    waarde: str
    toelichting: str | None


def _lees_kop(kop_ruw: Sequence[str], res: ImportResultaat) -> dict[str, int] | None:
    """Kolomposities uit de kopregel; None (met fout in ``res``) als de kop niet klopt."""
    kop = [k.strip().lower() for k in kop_ruw]
    if "waarde" in kop and "streefwaarde" not in kop:
        kop[kop.index("waarde")] = "streefwaarde"
    ontbreekt = [k for k in CSV_KOLOMMEN[:4] if k not in kop]
    if ontbreekt:
        res.fouten.append(f"Regel 1: kolom(men) {', '.join(ontbreekt)} ontbreken. Nodig zijn: "
                          f"{', '.join(CSV_KOLOMMEN[:4])} (toelichting mag).")  # fmt: skip
        return None
    dubbel = sorted({k for k in kop if kop.count(k) > 1 and k})
    if dubbel:
        res.fouten.append(f"Regel 1: kolom {', '.join(dubbel)} staat er meer dan één keer in.")
        return None
    res.genegeerde_kolommen = [k for k in kop if k and k not in CSV_KOLOMMEN
                               and k not in _CSV_INFO]  # fmt: skip
    return {k: kop.index(k) for k in CSV_KOLOMMEN if k in kop}


def _lees_regels(lezer: Iterable[list[str]], pos: Mapping[str, int], bekende_keys: Collection[str],
                 regio_codes: Collection[str], res: ImportResultaat, *, velden: int,
                 scheiding: str) -> list[_Regel]:  # fmt: skip
    """Alle regels met een streefwaarde; onbekende indicator, regio en dubbele regels zijn fouten.

    Elke regel moet evenveel velden hebben als de kop: ``41,5`` in een bestand met komma's
    werd eerder stil 41 (het extra veld verdween). Nu is dat een fout met regelnummer.
    """
    regels: list[_Regel] = []
    gezien: dict[tuple[str, str, int], int] = {}
    waarde_kolom = pos["streefwaarde"] + 1
    for nr, rij in enumerate(lezer, start=2):
        if nr - 1 > _MAX_REGELS:
            res.fouten.append(f"Regel {nr}: meer dan {_MAX_REGELS} regels; splits het bestand.")
            break
        if not any(v.strip() for v in rij):
            continue  # lege regel (Excel zet er soms een paar onder)
        if len(rij) != velden:
            hint = (" Staat er een decimaalkomma in een bestand met komma's als scheiding? "
                    "Gebruik dan een punt (41.5), of sla op met puntkomma's." if scheiding == ","
                    and len(rij) > velden else "")  # fmt: skip
            res.fouten.append(f"Regel {nr}: {len(rij)} velden, de kopregel heeft er {velden}.{hint}")
            continue
        veld = {k: rij[i].strip() for k, i in pos.items()}
        if not veld.get("streefwaarde"):
            continue  # lege streefwaarde: regel overslaan
        if scheiding == ";" and _ALLEEN_DUIZENDTAL.fullmatch(veld["streefwaarde"]):
            res.fouten.append(
                f"Regel {nr}, kolom {waarde_kolom} (streefwaarde): '{veld['streefwaarde']}' is "
                "dubbelzinnig: een punt als duizendtal of als decimaal? Schrijf het getal zonder "
                "punt (1234) of met een decimaalkomma (1,234).")
            continue
        res.regels += 1
        regel = _Regel(nr, veld["indicator_key"], veld["regio_code"].upper(), veld["jaar"],
                       veld["streefwaarde"], veld.get("toelichting") or None)
        if regel.key not in bekende_keys:
            res.fouten.append(f"Regel {nr}: indicator '{regel.key[:60]}' bestaat niet.")
            continue
        if regel.regio not in regio_codes:
            res.fouten.append(f"Regel {nr}: regiocode '{regel.regio[:60]}' bestaat niet.")
            continue
        regels.append(regel)
        try:
            jaar = lees_jaar(regel.jaar)
        except ValueError:
            continue  # de waardecontrole meldt het
        eerder = gezien.setdefault((regel.key, regel.regio, jaar), nr)
        if eerder != nr:
            res.fouten.append(f"Regel {nr}: {regel.key} {regel.regio} {jaar} staat ook al op "
                              f"regel {eerder}.")  # fmt: skip
    return regels


def _controleer_waarden(regels: Sequence[_Regel], meta: pd.DataFrame,
                        nul_per_paar: Mapping[tuple[str, str], Mapping | None], decimaal: str,
                        res: ImportResultaat, kolom: int = 4) -> dict[tuple[str, str, int], float]:  # fmt: skip
    """Waarde, jaar, bereik en richting per regel, met de nulmeting van het paar."""
    waarden: dict[tuple[str, str, int], float] = {}
    eenheid, richting = meta["eenheid"].astype(str).to_dict(), meta["richting"].astype(str).to_dict()
    for r in regels:
        nul = nul_per_paar.get((r.key, r.regio))
        c = controleer_streefwaarde(r.jaar, r.waarde, eenheid[r.key], richting[r.key],
                                    float(nul["waarde"]) if nul else None, decimaal)  # fmt: skip
        res.fouten += [f"Regel {r.nr}, kolom {kolom} (streefwaarde): {f}"
                       if f.startswith("De streefwaarde") or "geen getal" in f
                       else f"Regel {r.nr}: {f}" for f in c.fouten]
        res.waarschuwingen += [f"Regel {r.nr} ({r.key}, {r.regio}): {w}" for w in c.waarschuwingen]
        if c.ok:
            waarden[(r.key, r.regio, lees_jaar(r.jaar))] = c.waarde  # type: ignore[assignment]
    return waarden


def importeer_streefwaarden(
    data: bytes,
    *,
    indicatoren: pd.DataFrame,
    regio_codes: Collection[str],
    voorstel_voor: Callable[[str, str], Mapping | None] | None = None,
    wie: str,
    reden: str,
    bevestigd: bool = False,
    voorstellen: Callable[[Sequence[tuple[str, str]]], Mapping[tuple[str, str], Mapping | None]]
    | None = None,
) -> ImportResultaat:
    """Lees streefwaarden uit een CSV (Excel) en sla ze in één keer op: alles of niets.

    Scheidingsteken ``;`` (Nederlandse Excel, decimaalkomma) of ``,`` (technisch,
    decimaalpunt). Verplichte kolommen: indicator_key, regio_code, jaar, streefwaarde;
    toelichting mag. Lege streefwaarde = regel overslaan. Elke fout noemt het regelnummer
    (kop = regel 1). Eén fout → niets geïmporteerd. Waarschuwingen (doel slechter dan de
    nulmeting) → niets geïmporteerd tot ``bevestigd=True``. ``voorstel_voor(key, regio)`` geeft
    de nulmeting uit de database voor paren die er nog geen hebben.
    """
    res = ImportResultaat()
    try:
        wie, reden = controleer_wie_reden(wie, reden)
    except Afgekeurd as fout:
        res.fouten = fout.fouten
        return res
    try:
        tekst, _codering = decodeer(data)
    except LeesFout as fout:
        res.fouten.append(str(fout))
        return res
    eerste = tekst.splitlines()[0] if tekst.strip() else ""
    if not eerste.strip():
        res.fouten.append("Regel 1: het bestand is leeg.")
        return res
    scheiding = ";" if eerste.count(";") >= eerste.count(",") else ","
    decimaal = "," if scheiding == ";" else "."
    lezer = csv.reader(io.StringIO(tekst, newline=""), delimiter=scheiding, strict=True)
    try:
        kop = next(lezer)
        pos = _lees_kop(kop, res)
        if pos is None:
            return res
        meta = indicatoren.set_index("key")
        regels = _lees_regels(lezer, pos, set(meta.index), set(regio_codes), res,
                              velden=len(kop), scheiding=scheiding)
    except csv.Error as fout:
        res.fouten.append(f"Regel {lezer.line_num}: het bestand is geen geldige CSV ({fout}). "
                          "Sla het in Excel opnieuw op als CSV.")
        return res
    vastgelegd = {(r["indicator_key"], r["regio_code"]): r
                  for r in opslag.nulmetingen().to_dict("records")}  # fmt: skip
    paren = list(dict.fromkeys((r.key, r.regio) for r in regels))
    open_paren = [p for p in paren if p not in vastgelegd]
    if voorstellen is not None:
        berekend = dict(voorstellen(open_paren))
    else:
        berekend = {p: voorstel_voor(*p) if voorstel_voor else None for p in open_paren}
    nul_per_paar = {p: vastgelegd.get(p) or berekend.get(p) for p in paren}
    waarden = _controleer_waarden(regels, meta, nul_per_paar, decimaal, res,
                                  kolom=pos["streefwaarde"] + 1)
    if res.fouten:
        res.fouten.insert(0, "Het bestand is niet ingelezen; er is niets veranderd.")
        return res
    if res.regels == 0:
        res.fouten.append("Er staan geen streefwaarden in het bestand (alle regels leeg).")
        return res
    if res.waarschuwingen and not bevestigd:
        res.bevestiging_nodig = True
        return res
    jaren = {r.jaar: lees_jaar(r.jaar) for r in regels}
    rijen = [(r.key, r.regio, jaren[r.jaar], waarden[(r.key, r.regio, jaren[r.jaar])],
              r.toelichting) for r in regels]  # fmt: skip
    nodig = {paar: nul for paar, nul in nul_per_paar.items()
             if nul is not None and paar not in vastgelegd}  # fmt: skip
    res.gewijzigd = opslag.schrijf_streefwaarden(rijen, nodig, wie, f"CSV-import: {reden}")
    return res
