"""Rekenwerk voor de beleidsmonitor en de doeltreffendheidstoets (rekenkamer).

Alles hier is zuiver pandas/numpy: frames erin, getallen en frames eruit. Geen SQL, geen
Streamlit. De pagina's Beleidsmonitor en Doeltreffendheid tonen deze uitkomsten; de export
gebruikt dezelfde functies, zodat scherm en Excel nooit uit elkaar lopen.

Invoer is steeds een *reeks*: een frame met minstens ``regio_code``, ``jaar`` en ``waarde``
(zoals ``monitor.store.reeks`` levert, gefilterd op één indicator). ``waarde`` NaN/None is geen
cijfer en telt nergens mee: gaten blijven gaten, er wordt niets ingevuld of geïnterpoleerd.

Vaste keuzes, één keer uitgelegd:

- **Richting.** ``lager_is_beter`` / ``hoger_is_beter`` uit de indicatorcatalogus bepaalt wat
  "goed" is. Bij ``neutraal`` telt de richting van de streefwaarde (van nulmeting naar doel).
- **Meetbaar vanaf.** Een cijfer over jaar J verschijnt in jaar ``J + beschikbaar_na``
  (inkomen ongeveer twee jaar later, uitkeringen binnen een jaar). Een streefwaarde voor J wordt
  nooit "gehaald" of "niet gehaald" genoemd vóór dat jaar. Een cijfer is pas *te laat* als het
  jaar ``J + beschikbaar_na`` helemaal voorbij is.
- **Indicatief, niet causaal.** Verschil-in-verschillen en "jaren tot de kloof dicht is" zijn
  rekenkundige vergelijkingen. Ze laten zien of Heerlen anders bewoog dan Nederland en de
  vergelijkbare gemeenten; niet *waardoor*. Landelijke maatregelen en andere programma's
  (Nationaal Programma Heerlen-Noord, Regio Deal Parkstad) bewegen de cijfers ook.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from itertools import pairwise

import numpy as np
import pandas as pd

from monitor.domein import (
    ANDER_PRODUCT,
    BELEIDSJAREN,
    EINDJAAR,
    NEDERLAND,
    NIET_VERGELIJKBAAR,
    Vergelijking,
    getal_of_niets,
    niet_vergelijkbaar_reden,
    vergelijkbaar,
)
from monitor.fmt import getal

#: Tweezijdige 97,5%-kwantielen van de t-verdeling (vrijheidsgraden 1-30), voor een
#: 95%-voorspelinterval. Standaardtabelwaarden; boven 30 vrijheidsgraden de normale 1,96.
_T975 = (
    12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
    2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
    2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042,
)  # fmt: skip

STATUS_LABEL = {
    "op_koers": "op koers",
    "achter": "achter",
    "geen_recent_cijfer": "geen recent cijfer",
    "nog_niet_meetbaar": "nog niet meetbaar",
    "geen_streefwaarde": "geen streefwaarde",
    "geen_nulmeting": "geen nulmeting",
}

__all__ = [
    "Cijfers",
    "Kanttekening",
    "Kloof",
    "KloofDicht",
    "Projectie",
    "Status",
    "Verandering",
    "VerschilInVerschillen",
    "doeltreffendheid_tabellen",
    "jaren_tot_kloof_dicht",
    "kanttekeningen",
    "kloof_tot_nl",
    "meetbaar_vanaf",
    "oordeel_streefwaarden",
    "overzicht_doelen",
    "pad_waarde",
    "pretrend",
    "projectie",
    "status_op_pad",
    "t_kwantiel",
    "verandering_sinds",
    "veranderingen",
    "verschil_in_verschillen",
]


# ----------------------------------------------------------------------------- hulpjes


class Cijfers:
    """Een reeks, één keer geïndexeerd per regio en per (regio, jaar).

    De toets zoekt tientallen keren het cijfer van één regio in één jaar op. Elke keer het hele
    frame booleaans filteren (17 kolommen, pyarrow-tekst) kostte de pagina Doeltreffendheid
    ~250 ms per run. De functies hieronder nemen een frame of een ``Cijfers``; wie er meer dan
    één aanroept op dezelfde reeks, maakt één keer ``Cijfers(reeks)`` en geeft dat door.
    De uitkomsten zijn precies die van filteren op het frame.
    """

    def __init__(self, reeks: pd.DataFrame) -> None:
        self.frame = reeks
        self._per_regio: dict[object, list[int]] = {}
        self._laatste_met_cijfer: dict[tuple[object, object], int] = {}
        self._rijen: dict[int, dict] = {}
        self._waarden: np.ndarray | None = None
        self._jaren: np.ndarray | None = None
        self._geindexeerd = False

    def _indexeer(self) -> None:
        """Posities per regio en per (regio, jaar); pas bij het eerste opzoeken per regio, zodat
        ``punten(reeks)`` zonder regio ook werkt op een frame zonder ``regio_code``."""
        if self._geindexeerd:
            return
        self._geindexeerd = True
        reeks = self.frame
        if reeks is None or reeks.empty:
            return
        jaren = reeks["jaar"].tolist()
        met = pd.to_numeric(reeks["waarde"], errors="coerce").notna().tolist()
        for i, code in enumerate(reeks["regio_code"].tolist()):
            self._per_regio.setdefault(code, []).append(i)
            if met[i]:
                self._laatste_met_cijfer[(code, jaren[i])] = i  # de laatste rij telt, als iloc[-1]

    def _kolommen(self) -> tuple[np.ndarray, np.ndarray | None]:
        """Waarde (float) en jaar (int) van het hele frame; jaar None als dat niet kan (NaN)."""
        if self._waarden is None:
            reeks = self.frame
            self._waarden = pd.to_numeric(reeks["waarde"], errors="coerce").astype(
                "float64").to_numpy()  # fmt: skip
            try:
                self._jaren = reeks["jaar"].astype(int).to_numpy()
            except (TypeError, ValueError):  # dan per regio omzetten, met dezelfde fout als vroeger
                self._jaren = None
        return self._waarden, self._jaren

    def punten(self, regio_code: str | None = None) -> pd.Series:
        """Zie :func:`punten`."""
        reeks = self.frame
        if reeks is None or reeks.empty:
            return pd.Series(dtype="float64")
        if regio_code is None:
            return _punten(pd.to_numeric(reeks["waarde"], errors="coerce").astype("float64")
                           .to_numpy(), reeks["jaar"].astype(int).to_numpy())  # fmt: skip
        self._indexeer()
        pos = np.asarray(self._per_regio.get(regio_code, []), dtype=np.intp)
        waarden, jaren = self._kolommen()
        if jaren is None:
            return _punten(waarden[pos], reeks["jaar"].iloc[pos].astype(int).to_numpy())
        return _punten(waarden[pos], jaren[pos])

    def rij(self, regio_code: str, jaar: int) -> dict | None:
        """Zie :func:`rij_in`."""
        self._indexeer()
        pos = self._laatste_met_cijfer.get((regio_code, int(jaar)))
        if pos is None:
            return None
        if pos not in self._rijen:
            self._rijen[pos] = self.frame.iloc[pos].to_dict()
        return dict(self._rijen[pos])


def _cijfers(reeks: pd.DataFrame | Cijfers) -> Cijfers:
    return reeks if isinstance(reeks, Cijfers) else Cijfers(reeks)


def _punten(waarden: np.ndarray, jaren: np.ndarray) -> pd.Series:
    s = pd.Series(waarden, index=jaren)
    s = s[np.isfinite(s.to_numpy())]
    s = s[~s.index.duplicated(keep="last")]
    return s.sort_index()


def punten(reeks: pd.DataFrame | Cijfers, regio_code: str | None = None) -> pd.Series:
    """Jaar → waarde voor één regio, alleen jaren mét cijfer, oplopend gesorteerd."""
    return _cijfers(reeks).punten(regio_code)


def waarde_in(reeks: pd.DataFrame | Cijfers, regio_code: str, jaar: int) -> float | None:
    """Het cijfer van een regio in een jaar, of None."""
    s = punten(reeks, regio_code)
    return getal_of_niets(s.get(int(jaar))) if int(jaar) in s.index else None


def rij_in(reeks: pd.DataFrame | Cijfers, regio_code: str, jaar: int) -> dict | None:
    """De hele rij (met bron en reeks) achter het cijfer van een regio in een jaar, of None."""
    return _cijfers(reeks).rij(regio_code, jaar)


def _vergelijking(reeks: pd.DataFrame | Cijfers, *paren: tuple[str, int]) -> Vergelijking:
    """Zijn al deze cijfers (regio, jaar) onderling vergelijkbaar? De eerste reden telt."""
    reeks = _cijfers(reeks)
    rijen = [rij_in(reeks, regio, jaar) for regio, jaar in paren]
    eerste = rijen[0]
    for rij in rijen[1:]:
        if eerste is not None and rij is not None:
            v = vergelijkbaar(eerste, rij)
            if not v.ok:
                return v
    return Vergelijking(True)


def zonder_punt(reden: str | None) -> str:
    """Een reden midden in een zin: een reden uit de catalogus eindigt al op een punt ("..")."""
    return (reden or "").rstrip(". ")


def _bron_label(rij: Mapping) -> str:
    """Hoe een bron in een kanttekening heet: het StatLine-tabelnummer (84799NED), anders de
    titel; nooit een interne code als 'berekend-nl'."""
    for k in ("tabel_id", "bron_titel", "bron_id"):
        v = rij.get(k)
        if isinstance(v, str) and v:
            return v
    return "onbekende bron"


def vergelijkbare_punten(reeks: pd.DataFrame, regio_code: str) -> tuple[pd.DataFrame, str | None]:
    """De cijfers van een regio die vergelijkbaar zijn met het laatste cijfer, plus wat afviel.

    Een projectie of trend over een definitiebreuk heen trekt de lijn scheef; daarom telt alleen
    de reeks waar het nieuwste cijfer bij hoort.
    """
    eigen = reeks[(reeks["regio_code"] == regio_code)
                  & pd.to_numeric(reeks["waarde"], errors="coerce").notna()].sort_values("jaar")
    if eigen.empty:
        return eigen, None
    laatste = eigen.iloc[-1].to_dict()
    oordelen = [vergelijkbaar(laatste, r) for r in eigen.to_dict("records")]
    houden = [o.ok for o in oordelen]
    weg = eigen[[not h for h in houden]]
    if weg.empty:
        return eigen, None
    reden = next(o.reden for o in oordelen if not o.ok)
    jaren = ", ".join(str(int(j)) for j in weg["jaar"])
    return eigen[houden], f"De cijfers over {jaren} tellen niet mee: {zonder_punt(reden)}."


def richtingsteken(richting: str, van: float | None = None, naar: float | None = None) -> int:
    """−1 als lager beter is, +1 als hoger beter is.

    Bij ``neutraal`` bepaalt de streefwaarde de richting (van nulmeting ``van`` naar doel
    ``naar``); zonder verschil is het 0 (dan telt alleen precies op het pad).
    """
    if richting == "lager_is_beter":
        return -1
    if richting == "hoger_is_beter":
        return 1
    if van is not None and naar is not None and naar != van:
        return 1 if naar > van else -1
    return 0


def meetbaar_vanaf(jaar: int, beschikbaar_na: int) -> int:
    """Het jaar waarin het cijfer over ``jaar`` op zijn vroegst verschijnt."""
    return int(jaar) + int(beschikbaar_na or 0)


def t_kwantiel(vrijheidsgraden: int) -> float:
    """97,5%-kwantiel van de t-verdeling (tabel tot 30, daarboven 1,96)."""
    if vrijheidsgraden < 1:
        raise ValueError("minstens één vrijheidsgraad nodig")
    return _T975[vrijheidsgraden - 1] if vrijheidsgraden <= len(_T975) else 1.96


# ----------------------------------------------------------------------------- streefwaarden


def pad_waarde(
    nulmeting_jaar: int, nulmeting_waarde: float, streefwaarden: Mapping[int, float], jaar: int
) -> float | None:
    """De waarde op het rechte pad van de nulmeting via de streefwaarden, in ``jaar``.

    Het pad is stuksgewijs lineair: van (nulmeting_jaar, nulmeting_waarde) naar de eerste
    streefwaarde, dan naar de volgende, enzovoort. Na de laatste streefwaarde blijft het pad
    op die laatste waarde (het doel moet vast blijven staan). Vóór de nulmeting of zonder
    streefwaarden: None.
    """
    doelen = {int(j): float(w) for j, w in streefwaarden.items() if getal_of_niets(w) is not None}
    doelen = {j: w for j, w in doelen.items() if j > int(nulmeting_jaar)}
    if not doelen or jaar < nulmeting_jaar:
        return None
    x = [int(nulmeting_jaar), *sorted(doelen)]
    y = [float(nulmeting_waarde), *(doelen[j] for j in sorted(doelen))]
    return float(np.interp(jaar, x, y))  # np.interp houdt de eindwaarde vast na het laatste punt


@dataclass(frozen=True)
class Status:
    """Voortgang van één indicator ten opzichte van het pad naar de streefwaarde."""

    code: str
    uitleg: str
    jaar: int | None = None
    waarde: float | None = None
    pad: float | None = None
    meetbaar_vanaf: int | None = None

    @property
    def label(self) -> str:
        return STATUS_LABEL.get(self.code, self.code)


def status_op_pad(
    realisatie: pd.DataFrame | pd.Series,
    nulmeting_jaar: int | None,
    nulmeting_waarde: float | None,
    streefwaarden: Mapping[int, float],
    richting: str,
    beschikbaar_na: int,
    vandaag: int,
) -> Status:
    """Op koers, achter, geen recent cijfer of nog niet meetbaar.

    Methode: neem het nieuwste cijfer ná de nulmeting en vergelijk het met het rechte pad
    (:func:`pad_waarde`) in datzelfde jaar. Aan de goede kant van het pad of erop = op koers;
    aan de verkeerde kant = achter. Er is geen marge: ook een klein verschil telt.

    - *nog niet meetbaar*: er is nog geen cijfer na de nulmeting, en dat kan ook nog niet (het
      eerste jaar na de nulmeting is nog niet gepubliceerd volgens ``beschikbaar_na``).
    - *geen recent cijfer*: een nieuwer cijfer had er al moeten zijn (het publicatiejaar van
      het volgende jaar is helemaal voorbij), maar staat niet in de database.

    ``realisatie`` is een reeks van één regio (frame met jaar/waarde of een Series jaar→waarde).
    Deze status zegt niets over het halen van een streefwaarde; zie :func:`oordeel_streefwaarden`.
    """
    s = realisatie if isinstance(realisatie, pd.Series) else punten(realisatie)
    doelen = {int(j): float(w) for j, w in streefwaarden.items() if getal_of_niets(w) is not None}
    if not doelen:
        return Status("geen_streefwaarde", "Er is nog geen streefwaarde vastgesteld.")
    if nulmeting_jaar is None or getal_of_niets(nulmeting_waarde) is None:
        return Status("geen_nulmeting", "Er is geen nulmeting: zonder startpunt is er geen pad.")
    j0, v0 = int(nulmeting_jaar), float(nulmeting_waarde)  # type: ignore[arg-type]
    na = s[s.index > j0]
    eerste = meetbaar_vanaf(j0 + 1, beschikbaar_na)
    if na.empty:
        if vandaag <= eerste:
            return Status(
                "nog_niet_meetbaar",
                f"Het eerste cijfer na de nulmeting (over {j0 + 1}) verschijnt op zijn "
                f"vroegst in {eerste}.",
                meetbaar_vanaf=eerste,
            )
        return Status(
            "geen_recent_cijfer",
            f"Er is nog geen cijfer na de nulmeting ({j0}), terwijl het cijfer over {j0 + 1} "
            f"al in {eerste} kon verschijnen.",
            meetbaar_vanaf=eerste,
        )
    jr, vr = int(na.index[-1]), float(na.iloc[-1])
    volgende = meetbaar_vanaf(jr + 1, beschikbaar_na)
    if vandaag > volgende:
        return Status(
            "geen_recent_cijfer",
            f"Het nieuwste cijfer is van {jr}. Het cijfer over {jr + 1} kon al in {volgende} "
            "verschijnen, maar staat niet in de database.",
            jaar=jr, waarde=vr, meetbaar_vanaf=volgende,
        )  # fmt: skip
    pad = pad_waarde(j0, v0, doelen, jr)
    assert pad is not None  # jr > j0 en er zijn doelen
    teken = richtingsteken(richting, v0, doelen[max(doelen)])
    goed = (vr - pad) * teken >= 0 if teken else math.isclose(vr, pad)
    return Status(
        "op_koers" if goed else "achter",
        f"Het cijfer over {jr} ligt {'op of voor' if goed else 'achter'} het rechte pad van de "
        "nulmeting naar de streefwaarde.",
        jaar=jr, waarde=vr, pad=pad, meetbaar_vanaf=volgende,
    )  # fmt: skip


def oordeel_streefwaarden(
    realisatie: pd.DataFrame,
    streefwaarden: Mapping[int, float],
    richting: str,
    beschikbaar_na: int,
    vandaag: int,
    nulmeting_waarde: float | None = None,
) -> pd.DataFrame:
    """Per streefwaarde: vanaf wanneer meetbaar, en (alleen als dat kan) gehaald of niet.

    Kolommen: ``jaar``, ``streefwaarde``, ``meetbaar_vanaf``, ``realisatie``,
    ``realisatie_status`` (voorlopig/definitief, als de reeks een kolom ``status`` heeft) en
    ``oordeel``: "nog niet meetbaar" (geen cijfer en vóór ``meetbaar_vanaf``), "nog niet
    verschenen" (in het
    jaar zelf, het cijfer kan nog komen), "geen cijfer" (daarna nog steeds niets), "gehaald" of
    "niet gehaald". Een oordeel op een voorlopig cijfer krijgt "(voorlopig)" erbij.
    """
    s = punten(realisatie)
    status_per_jaar: dict[int, str] = {}
    if "status" in realisatie.columns and not realisatie.empty:
        for j, st_ in zip(realisatie["jaar"], realisatie["status"], strict=True):
            status_per_jaar[int(j)] = str(st_) if st_ is not None and st_ == st_ else ""
    rijen = []
    for jaar in sorted(int(j) for j in streefwaarden):
        doel = getal_of_niets(streefwaarden[jaar])
        vanaf = meetbaar_vanaf(jaar, beschikbaar_na)
        real = getal_of_niets(s.get(jaar)) if jaar in s.index else None
        rstatus = status_per_jaar.get(jaar, "") if real is not None else ""
        if doel is None:
            oordeel = "geen streefwaarde"
        elif real is None and vandaag < vanaf:
            oordeel = "nog niet meetbaar"
        elif real is None:
            oordeel = "nog niet verschenen" if vandaag == vanaf else "geen cijfer"
        else:  # een cijfer dat er is, mag beoordeeld worden (ook als het eerder kwam dan verwacht)
            teken = richtingsteken(richting, nulmeting_waarde, doel)
            gehaald = (real - doel) * teken >= 0 if teken else math.isclose(real, doel)
            oordeel = "gehaald" if gehaald else "niet gehaald"
            if "voorlopig" in rstatus:
                oordeel += " (voorlopig)"
        rijen.append({
            "jaar": jaar, "streefwaarde": doel, "meetbaar_vanaf": vanaf,
            "realisatie": real, "realisatie_status": rstatus or None, "oordeel": oordeel,
        })  # fmt: skip
    return pd.DataFrame(
        rijen,
        columns=["jaar", "streefwaarde", "meetbaar_vanaf", "realisatie", "realisatie_status",
                 "oordeel"],
    )  # fmt: skip


# ----------------------------------------------------------------------------- projectie


@dataclass(frozen=True)
class Projectie:
    """Trendprojectie met onzekerheidsband, of de reden waarom die er niet is."""

    mogelijk: bool
    reden: str | None
    methode: str
    punten: int
    helling: float | None = None
    frame: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(columns=["jaar", "verwacht", "onder", "boven"])
    )


METHODE_PROJECTIE = (
    "Rechte lijn door alle beschikbare cijfers van deze regio (kleinste kwadraten). De band is "
    "een 95%-voorspelinterval: hoe ver de cijfers rond die lijn spreiden, ruimer gemaakt bij "
    "weinig cijfers (t-verdeling) en voor jaren verder weg. De lijn gaat ervan uit dat de trend "
    "van vroeger doorloopt; beleid, crises of een nieuwe CBS-definitie kunnen dat veranderen."
)


def projectie(
    realisatie: pd.DataFrame | pd.Series,
    tot_jaar: int = EINDJAAR,
    min_punten: int = 3,
    grenzen: tuple[float | None, float | None] = (None, None),
) -> Projectie:
    """Lineaire trend naar ``tot_jaar`` met een 95%-voorspelinterval.

    Methode (OLS): ŷ(x) = a + b·x. Spreiding s² = Σ residu² / (n − 2). Voor een jaar x0 is de
    band ŷ ± t(0,975; n − 2) · s · √(1 + 1/n + (x0 − x̄)² / Σ(x − x̄)²). Met n = 3 is t = 12,7:
    de band is dan terecht heel breed.

    Minder dan ``min_punten`` cijfers: geen projectie, met de reden. Liggen de punten precies op
    een lijn (s = 0), dan is de band nul breed; de reden zegt dat dit toeval is, geen zekerheid.
    ``grenzen`` (bijv. (0, 100) voor procenten) kapt lijn en band af op wat de eenheid toelaat;
    gebeurt dat bij de lijn zelf, dan zegt de reden dat een rechte lijn hier niet past. Komen de
    cijfers uit meer dan één bron (``bron_id``), dan waarschuwt de reden voor definitiebreuken.
    Jaren zonder cijfer tellen niet mee en worden niet ingevuld.
    """
    opmerkingen: list[str] = []
    if isinstance(realisatie, pd.DataFrame) and not realisatie.empty:
        codes = realisatie["regio_code"].dropna().unique()
        if len(codes) == 1:
            realisatie, afgevallen = vergelijkbare_punten(realisatie, str(codes[0]))
            if afgevallen:
                opmerkingen.append(afgevallen)
    s = realisatie if isinstance(realisatie, pd.Series) else punten(realisatie)
    n = len(s)
    if n < min_punten:
        return Projectie(
            False,
            f"Geen projectie: er {'is' if n == 1 else 'zijn'} maar {n} "
            f"{'cijfer' if n == 1 else 'cijfers'}; minstens {min_punten} nodig om een trend en "
            "de onzekerheid daarvan te schatten." + "".join(f" {o}" for o in opmerkingen),
            METHODE_PROJECTIE, n,
        )  # fmt: skip
    x = s.index.to_numpy(dtype=float)
    y = s.to_numpy(dtype=float)
    laatste = int(x.max())
    if laatste >= tot_jaar:
        return Projectie(False, f"Er is al een cijfer voor {tot_jaar} of later.", METHODE_PROJECTIE,
                         n)
    xm = x.mean()
    sxx = float(((x - xm) ** 2).sum())
    b = float(((x - xm) * (y - y.mean())).sum() / sxx)
    a = float(y.mean() - b * xm)
    residu = y - (a + b * x)
    s_res = math.sqrt(float((residu**2).sum()) / (n - 2))
    t = t_kwantiel(n - 2)
    jaren = np.arange(laatste, tot_jaar + 1)  # vanaf het laatste cijfer, zodat de lijn aansluit
    verwacht = a + b * jaren
    marge = t * s_res * np.sqrt(1 + 1 / n + (jaren - xm) ** 2 / sxx)
    onder, boven = verwacht - marge, verwacht + marge
    lo, hi = grenzen
    buiten = ((lo is not None and (verwacht < lo).any()) or (hi is not None and (verwacht > hi).any()))
    if buiten:
        # Een lijn die vóór het eindjaar onder 0 (of boven 100%) uitkomt, is geen schatting maar
        # een teken dat een rechte lijn hier niet past: zeg dat in één zin, teken niets.
        return Projectie(
            False,
            f"Geen projectie: een rechte lijn door deze {n} cijfers komt vóór {tot_jaar} buiten "
            "wat kan (bijvoorbeeld onder 0). De cijfers veranderden te sterk voor een rechte lijn."
            + "".join(f" {o}" for o in opmerkingen),
            METHODE_PROJECTIE, n, b)
    if lo is not None:
        onder, verwacht = np.maximum(onder, lo), np.maximum(verwacht, lo)
    if hi is not None:
        boven, verwacht = np.minimum(boven, hi), np.minimum(verwacht, hi)
    frame = pd.DataFrame({"jaar": jaren.astype(int), "verwacht": verwacht, "onder": onder,
                          "boven": boven})  # fmt: skip
    if s_res == 0:
        opmerkingen.append("De cijfers liggen precies op een rechte lijn, dus de band is nul "
                           "breed. Met zo weinig cijfers is dat toeval, geen zekerheid.")
    if isinstance(realisatie, pd.DataFrame) and "bron_id" in realisatie.columns:
        bronnen = realisatie.loc[pd.to_numeric(realisatie["waarde"], errors="coerce").notna(),
                                 "bron_id"].nunique()  # fmt: skip
        if bronnen > 1:
            opmerkingen.append(
                f"De cijfers komen uit {bronnen} verschillende bronnen (CBS-edities). Verandert "
                "de definitie tussen edities, dan trekt die sprong de lijn scheef.")
    return Projectie(True, " ".join(opmerkingen) or None, METHODE_PROJECTIE, n, b, frame)


# ----------------------------------------------------------------------------- vergelijken


@dataclass(frozen=True)
class Verandering:
    """Verschil in één regio tussen twee jaren (tot − van)."""

    regio_code: str
    van_jaar: int
    tot_jaar: int
    van: float | None
    tot: float | None
    verschil: float | None
    reden: str | None = None


def verandering_sinds(reeks: pd.DataFrame | Cijfers, regio_code: str, van_jaar: int,
                      tot_jaar: int) -> Verandering:  # fmt: skip
    """Verandering sinds de nulmeting: cijfer in ``tot_jaar`` min cijfer in ``van_jaar``.

    Geen van beide jaren ingevuld of geïnterpoleerd: ontbreekt er één, dan is ``verschil``
    None en zegt ``reden`` welk jaar ontbreekt.
    """
    reeks = _cijfers(reeks)
    van, tot = waarde_in(reeks, regio_code, van_jaar), waarde_in(reeks, regio_code, tot_jaar)
    ontbreekt = [str(j) for j, w in ((van_jaar, van), (tot_jaar, tot)) if w is None]
    if ontbreekt:
        return Verandering(regio_code, van_jaar, tot_jaar, van, tot, None,
                           f"geen cijfer in {' en '.join(ontbreekt)}")  # fmt: skip
    v = _vergelijking(reeks, (regio_code, van_jaar), (regio_code, tot_jaar))
    if not v.ok:
        return Verandering(regio_code, van_jaar, tot_jaar, van, tot, None,
                           f"{NIET_VERGELIJKBAAR}: {v.reden}")
    return Verandering(regio_code, van_jaar, tot_jaar, van, tot, tot - van)  # type: ignore[operator]


def veranderingen(reeks: pd.DataFrame | Cijfers, regio_codes: Sequence[str], van_jaar: int,
                  tot_jaar: int) -> pd.DataFrame:  # fmt: skip
    """:func:`verandering_sinds` voor meerdere regio's, als frame (één rij per regio)."""
    reeks = _cijfers(reeks)
    kolommen = ["regio_code", "van_jaar", "tot_jaar", "van", "tot", "verschil", "reden"]
    rijen = [asdict(verandering_sinds(reeks, c, van_jaar, tot_jaar)) for c in regio_codes]
    return pd.DataFrame(rijen, columns=kolommen)


@dataclass(frozen=True)
class Kloof:
    """Verschil regio − Nederland in twee jaren, en of het kleiner werd."""

    van_jaar: int
    tot_jaar: int
    kloof_van: float | None
    kloof_tot: float | None
    verandering: float | None
    sluit: bool | None
    reden: str | None = None


def achterstand(kloof: float, richting: str) -> float:
    """Hoe ver de regio *slechter* zit dan Nederland (negatief = beter dan Nederland)."""
    if richting == "lager_is_beter":
        return kloof
    if richting == "hoger_is_beter":
        return -kloof
    return abs(kloof)


def kloof_tot_nl(reeks: pd.DataFrame | Cijfers, doel: str, van_jaar: int, tot_jaar: int,
                 richting: str, nl_code: str = NEDERLAND) -> Kloof:  # fmt: skip
    """De kloof (regio − Nederland) in ``van_jaar`` en ``tot_jaar``: wordt hij kleiner?

    "Sluit" betekent: de achterstand ten opzichte van Nederland werd kleiner. Achterstand is
    de kloof zelf als lager beter is, min de kloof als hoger beter is, en de absolute kloof bij
    een neutrale indicator. Een regio die al beter scoort dan Nederland heeft achterstand ≤ 0.
    """
    reeks = _cijfers(reeks)
    kv = _verschil_regios(reeks, doel, nl_code, van_jaar)
    kt = _verschil_regios(reeks, doel, nl_code, tot_jaar)
    ontbreekt = [str(j) for j, k in ((van_jaar, kv), (tot_jaar, kt)) if k is None]
    if ontbreekt:
        return Kloof(van_jaar, tot_jaar, kv, kt, None, None,
                     f"geen cijfer voor de regio of Nederland in {' en '.join(ontbreekt)}")
    assert kv is not None and kt is not None
    v = _vergelijking(reeks, (doel, van_jaar), (doel, tot_jaar), (nl_code, van_jaar),
                      (nl_code, tot_jaar))
    if not v.ok:
        return Kloof(van_jaar, tot_jaar, None, None, None, None, f"{NIET_VERGELIJKBAAR}: {v.reden}")
    av, at = achterstand(kv, richting), achterstand(kt, richting)
    return Kloof(van_jaar, tot_jaar, kv, kt, kt - kv, at < av)


def _verschil_regios(reeks: pd.DataFrame | Cijfers, a: str, b: str, jaar: int) -> float | None:
    wa, wb = waarde_in(reeks, a, jaar), waarde_in(reeks, b, jaar)
    return None if wa is None or wb is None else wa - wb


@dataclass(frozen=True)
class VerschilInVerschillen:
    """Verandering van de regio min de gemiddelde verandering van de vergelijkingsgroep."""

    van_jaar: int
    tot_jaar: int
    verandering_doel: float | None
    verandering_groep: float | None
    effect: float | None
    groep_gebruikt: tuple[str, ...] = ()
    groep_zonder_cijfer: tuple[str, ...] = ()
    reden: str | None = None
    #: wel cijfers, maar niet vergelijkbaar (breuk in de reeks of met het doel): niet meegeteld
    groep_niet_vergelijkbaar: tuple[str, ...] = ()


def verschil_in_verschillen(reeks: pd.DataFrame | Cijfers, doel: str, groep: Sequence[str],
                            van_jaar: int, tot_jaar: int, doel_naam: str | None = None
                            ) -> VerschilInVerschillen:  # fmt: skip
    """Verschil-in-verschillen (indicatief, niet causaal).

    effect = (doel[tot] − doel[van]) − gemiddelde over de groep van (g[tot] − g[van]).

    De groep is ongewogen: elke gemeente telt één keer, ongeacht haar grootte. Gemeenten zonder
    cijfer in een van beide jaren vallen af en worden genoemd (``groep_zonder_cijfer``), net als
    gemeenten met cijfers die niet te vergelijken zijn: over een breuk in hun reeks heen of met
    het doel (``groep_niet_vergelijkbaar``). De uitkomst is alleen zinvol als de reeksen vóór de
    nulmeting gelijk opliepen (zie :func:`pretrend`), en ook dan laat het niet zien *waardoor*
    Heerlen anders bewoog. ``doel_naam`` staat in de reden als het doel geen verandering heeft
    (de lezer ziet nooit een regiocode).
    """
    reeks = _cijfers(reeks)
    vd = verandering_sinds(reeks, doel, van_jaar, tot_jaar)
    per = [verandering_sinds(reeks, g, van_jaar, tot_jaar) for g in groep]
    ongelijk = [_vergelijking(reeks, (doel, tot_jaar), (g, tot_jaar)) for g in groep]
    if groep and not any(v.ok for v in ongelijk):
        return VerschilInVerschillen(van_jaar, tot_jaar, vd.verschil, None, None, (), (),
                                     f"{NIET_VERGELIJKBAAR}: {ongelijk[0].reden}", tuple(groep))
    breuk = tuple(v.regio_code for v, o in zip(per, ongelijk, strict=True)
                  if not o.ok or (v.verschil is None and niet_vergelijkbaar_reden(v.reden)))
    per = [v for v in per if v.regio_code not in breuk]
    gebruikt = tuple(v.regio_code for v in per if v.verschil is not None)
    zonder = tuple(v.regio_code for v in per if v.verschil is None)
    vg = float(np.mean([v.verschil for v in per if v.verschil is not None])) if gebruikt else None
    if vd.verschil is None:
        return VerschilInVerschillen(van_jaar, tot_jaar, None, vg, None, gebruikt, zonder,
                                     f"{doel_naam or doel}: {vd.reden}", breuk)  # fmt: skip
    if vg is None:
        return VerschilInVerschillen(van_jaar, tot_jaar, vd.verschil, None, None, gebruikt, zonder,
                                     f"geen vergelijkingsregio met cijfers in {van_jaar} én "
                                     f"{tot_jaar}", breuk)  # fmt: skip
    return VerschilInVerschillen(van_jaar, tot_jaar, vd.verschil, vg, vd.verschil - vg, gebruikt,
                                 zonder, None, breuk)  # fmt: skip


@dataclass(frozen=True)
class KloofDicht:
    """Hoeveel jaar tot de achterstand op Nederland weg is, in het tempo van nu."""

    jaren: float | None
    jaar: float | None
    tempo: float | None
    reden: str


def jaren_tot_kloof_dicht(kloof: Kloof, richting: str) -> KloofDicht:
    """Jaren tot de kloof dicht is bij een gelijkblijvend (lineair) tempo.

    Tempo = (achterstand nu − achterstand toen) / aantal jaren ertussen; jaren = achterstand nu
    / −tempo. Dit is dezelfde vraag als Maastrichts ambitie "in 2030 onder het landelijk
    gemiddelde". Het is een rekenvoorbeeld, geen voorspelling: het tempo van twee meetpunten
    is onzeker, en Nederland beweegt ook.

    None met reden als de kloof niet kleiner wordt of er geen cijfers zijn; 0 als de kloof al
    dicht is (de regio scoort gelijk aan of beter dan Nederland).
    """
    if kloof.kloof_van is None or kloof.kloof_tot is None:
        return KloofDicht(None, None, None, f"Niet te berekenen: {zonder_punt(kloof.reden)}.")
    av = achterstand(kloof.kloof_van, richting)
    at = achterstand(kloof.kloof_tot, richting)
    if at <= 0:
        return KloofDicht(0.0, float(kloof.tot_jaar), None,
                          "De kloof is al dicht: de regio scoort gelijk aan of beter dan "
                          "Nederland.")  # fmt: skip
    duur = kloof.tot_jaar - kloof.van_jaar
    if duur <= 0:
        return KloofDicht(None, None, None, "Niet te berekenen: kies twee verschillende jaren.")
    tempo = (at - av) / duur
    if tempo >= 0:
        return KloofDicht(None, None, tempo,
                          f"De kloof wordt niet kleiner tussen {kloof.van_jaar} en "
                          f"{kloof.tot_jaar}; in dit tempo gaat hij niet dicht.")  # fmt: skip
    jaren = at / -tempo
    return KloofDicht(jaren, kloof.tot_jaar + jaren, tempo,
                      f"In het tempo van {kloof.van_jaar}-{kloof.tot_jaar} is de kloof over "
                      f"ongeveer {getal(jaren, 0)} jaar dicht.")  # fmt: skip


def pretrend(reeks: pd.DataFrame | Cijfers, regio_codes: Sequence[str], tot_jaar: int
             ) -> pd.DataFrame:  # fmt: skip
    """Trend vóór de nulmeting per regio: helling (per jaar) van een rechte lijn t/m ``tot_jaar``.

    Kolommen: ``regio_code``, ``punten``, ``van_jaar``, ``tot_jaar``, ``helling``, en
    ``begin_trend``/``eind_trend`` (de rechte lijn in het eerste en laatste jaar, om hem te
    tekenen) en ``niet_vergelijkbaar`` (jaren die over een breuk in de reeks vallen en dus niet
    meetellen). Met minder dan twee cijfers is er geen helling (NaN). Een vergelijking met de groep
    is pas zinvol als de hellingen ongeveer gelijk zijn; met twee of drie punten is dat niet te
    toetsen.
    """
    reeks = _cijfers(reeks)
    rijen = []
    for code in regio_codes:
        s = punten(reeks, code)
        s, weg = _alleen_vergelijkbaar(reeks, code, s[s.index <= tot_jaar])
        helling = begin = eind = float("nan")
        if len(s) >= 2:
            x = s.index.to_numpy(dtype=float)
            helling, snijpunt = (float(c) for c in np.polyfit(x, s.to_numpy(dtype=float), 1))
            begin, eind = snijpunt + helling * x.min(), snijpunt + helling * x.max()
        rijen.append({
            "regio_code": code, "punten": len(s),
            "van_jaar": int(s.index.min()) if len(s) else None,
            "tot_jaar": int(s.index.max()) if len(s) else None, "helling": helling,
            "begin_trend": begin, "eind_trend": eind,
            "niet_vergelijkbaar": ", ".join(str(j) for j in weg) or None,
        })  # fmt: skip
    return pd.DataFrame(rijen, columns=["regio_code", "punten", "van_jaar", "tot_jaar", "helling",
                                        "begin_trend", "eind_trend",
                                        "niet_vergelijkbaar"])  # fmt: skip


def _alleen_vergelijkbaar(reeks: Cijfers, code: str, s: pd.Series) -> tuple[pd.Series, list[int]]:
    """Alleen de jaren die met het laatste jaar vergeleken mogen worden (dezelfde reeks), plus de
    jaren die afvielen. Een helling over een breuk in de reeks heen (KWB 2023) is geen trend."""
    if s.empty:
        return s, []
    laatste = rij_in(reeks, code, int(s.index.max()))
    if laatste is None:
        return s, []
    weg = [int(j) for j in s.index
           if (r := rij_in(reeks, code, int(j))) is not None and not vergelijkbaar(laatste, r).ok]
    return s[~s.index.isin(weg)], weg


# ----------------------------------------------------------------------------- kanttekeningen


@dataclass(frozen=True)
class Kanttekening:
    """Een waarschuwing bij de cijfers, in gewone taal."""

    soort: str
    tekst: str


def _kolommen(frame: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray, list, dict]:
    """(jaar, waarde, heeft een waarde, regiocodes, posities per regio) van een reeks, in numpy.

    Eén keer omzetten en daarna op posities werken: per regio filteren op het hele frame kostte
    ~60 ms per paginarun (zie :class:`Cijfers`).
    """
    jaar = frame["jaar"].astype(int).to_numpy()
    w = pd.to_numeric(frame["waarde"], errors="coerce")
    heeft = np.asarray(w.notna(), dtype=bool)
    regio = frame["regio_code"].tolist()
    return jaar, w.astype("float64").to_numpy(), heeft, regio, _posities(regio)


def _regio_namen(reeks: pd.DataFrame, regio_namen: Mapping[str, str] | None) -> dict[str, str]:
    """Naam per code: eerst de meegegeven namen, dan die uit de reeks (geen NaN als naam)."""
    namen = dict(regio_namen or {})
    if "regio_naam" in reeks.columns:
        for c, n in zip(reeks["regio_code"], reeks["regio_naam"], strict=True):
            if isinstance(n, str):
                namen.setdefault(c, n)
    return namen


def _posities(codes: list) -> dict:
    """Regiocode → posities (oplopend) van haar rijen, in de volgorde van eerste voorkomen."""
    uit: dict = {}
    for i, code in enumerate(codes):
        uit.setdefault(code, []).append(i)
    return {code: np.asarray(p, dtype=np.intp) for code, p in uit.items()}


def _jaren_tekst(jaren: Iterable[int]) -> str:
    """[2016, 2017, 2018, 2021] → "2016-2018, 2021"."""
    js = sorted({int(j) for j in jaren})
    delen: list[str] = []
    start = vorige = None
    for j in js:
        if start is None:
            start = vorige = j
        elif j == vorige + 1:  # type: ignore[operator]
            vorige = j
        else:
            delen.append(str(start) if start == vorige else f"{start}-{vorige}")
            start = vorige = j
    if start is not None:
        delen.append(str(start) if start == vorige else f"{start}-{vorige}")
    return ", ".join(delen)


def kanttekeningen(
    reeks: pd.DataFrame,
    eenheid: str,
    *,
    regio_namen: Mapping[str, str] | None = None,
    inwoners: pd.DataFrame | None = None,
    ander_product: str | None = None,
    klein_aantal: float = 100,
    kleine_gemeente: float = 20_000,
) -> list[Kanttekening]:
    """Kanttekeningen die uit de cijfers zelf volgen.

    - *voorlopig*: jaren met status voorlopig of nader voorlopig (kunnen nog veranderen);
    - *geen cijfer*: jaren die de bron wel kent maar zonder cijfer (onbekend, geheim);
    - *ontbrekend*: jaren tussen het eerste en laatste cijfer van de vergelijking waarin een
      regio niets heeft (gaten blijven gaten);
    - *bronwissel*: opeenvolgende cijfers uit verschillende bronnen (``bron_id``): tussen
      CBS-edities kan de definitie veranderen, dus een sprong kan een definitiebreuk zijn;
    - *klein*: aantallen onder ``klein_aantal`` of gemeenten onder ``kleine_gemeente``
      inwoners (een paar mensen meer of minder geeft dan al een grote sprong);
    - *herindeling*: jaren waarin een gemeentecode geen inwonertal heeft terwijl andere
      regio's dat wel hebben (bestond de gemeente toen in deze vorm?);
    - *ander CBS-product* (:data:`monitor.domein.ANDER_PRODUCT`): de landelijke reeks is een
      verwant maar ander CBS-begrip.
    """
    namen = _regio_namen(reeks, regio_namen)
    naam = lambda c: namen.get(c, c)  # noqa: E731
    uit: list[Kanttekening] = []
    if reeks is None or reeks.empty:
        return [Kanttekening("geen cijfer", "Er zijn geen cijfers voor deze keuze.")]
    jaar, w, heeft, regio, pos = _kolommen(reeks)
    codes = list(pos)

    def gegroepeerd(soort: str, per_regio: dict[str, str]) -> None:
        """Regio's met dezelfde tekst in één regel: "Heerlen, Maastricht: ..."."""
        per_tekst: dict[str, list[str]] = {}
        for code, tekst in per_regio.items():
            per_tekst.setdefault(tekst, []).append(naam(code))
        for tekst, wie in per_tekst.items():
            uit.append(Kanttekening(soort, f"{', '.join(wie)}: {tekst}"))

    if "status" in reeks.columns:
        status = reeks["status"].tolist()
        status_leeg = np.asarray(reeks["status"].isna(), dtype=bool)
        is_voorlopig = np.asarray(reeks["status"].isin(["voorlopig", "nader voorlopig"]),
                                  dtype=bool)  # fmt: skip
        voorlopig: dict[str, str] = {}
        zonder: dict[str, str] = {}
        for code in codes:
            p = pos[code]
            d = p[is_voorlopig[p] & heeft[p]]
            if len(d):
                voorlopig[code] = (f"{_jaren_tekst(jaar[d])} voorlopig; CBS kan dit cijfer nog "
                                   "aanpassen.")  # fmt: skip
            d = p[~heeft[p]]
            if len(d):
                redenen = ", ".join(sorted({str(status[i]) for i in d if not status_leeg[i]})
                                    ) or "onbekend"  # fmt: skip
                zonder[code] = f"geen cijfer in {_jaren_tekst(jaar[d])} (CBS-status: {redenen})."
        gegroepeerd("voorlopig", voorlopig)
        gegroepeerd("geen cijfer", zonder)

    met = {code: p[heeft[p]] for code, p in pos.items()}  # per regio de rijen mét cijfer
    if heeft.any():
        alle = set(range(int(jaar[heeft].min()), int(jaar[heeft].max()) + 1))
        bekend = set(jaar[heeft].tolist())
        nergens = alle - bekend
        if nergens:
            uit.append(Kanttekening("ontbrekend",
                f"Geen enkele regio heeft een cijfer in {_jaren_tekst(nergens)}: de bronnen "
                "publiceren niet elk jaar (of dat jaar is niet in de monitor geladen)."))  # fmt: skip
        ontbrekend: dict[str, str] = {}
        for code in codes:
            eigen = set(jaar[met[code]].tolist())
            mist = bekend - eigen
            if not eigen:
                ontbrekend[code] = "geen enkel cijfer."
            elif mist:
                ontbrekend[code] = (f"geen cijfer in {_jaren_tekst(mist)}, terwijl andere regio's "
                                    "dat jaar wel een cijfer hebben.")  # fmt: skip
        gegroepeerd("ontbrekend", ontbrekend)

    if "bron_id" in reeks.columns:
        bron = [_bron_label(r) for r in reeks.to_dict("records")]
        wissels: dict[tuple[int, int, str, str], list[str]] = {}
        for code in codes:
            d = met[code][np.argsort(jaar[met[code]], kind="quicksort")]  # als sort_values("jaar")
            for i1, i2 in pairwise(d):
                if bron[i1] != bron[i2]:
                    wissels.setdefault((int(jaar[i1]), int(jaar[i2]), str(bron[i1]),
                                        str(bron[i2])), []).append(naam(code))  # fmt: skip
        for (j1, j2, b1, b2), wie in sorted(wissels.items()):
            uit.append(Kanttekening("bronwissel",
                f"{j1} → {j2}: andere bron ({b1} → {b2}) voor {', '.join(wie)}. Tussen "
                "CBS-edities kan de definitie veranderen; een sprong kan daardoor komen."))

    if eenheid == "aantal" and heeft.any():
        klein = heeft & (w < klein_aantal)
        for code in dict.fromkeys(regio[i] for i in np.flatnonzero(klein)):
            jaren = jaar[pos[code][klein[pos[code]]]]
            uit.append(Kanttekening("klein",
                f"{naam(code)}: minder dan {getal(klein_aantal)} in {_jaren_tekst(jaren)}; kleine "
                "aantallen schommelen sterk."))  # fmt: skip
    if inwoners is not None and not inwoners.empty:
        inw_jaar, inw_w, inw_heeft, inw_regio, inw_pos = _kolommen(inwoners)
        geen = np.array([], dtype=np.intp)
        for code in codes:
            if not str(code).startswith("GM"):
                continue
            eigen = inw_pos.get(code, geen)
            eigen = eigen[inw_heeft[eigen]]
            if len(eigen):
                laatste = eigen[np.argsort(inw_jaar[eigen], kind="quicksort")][-1]
                if float(inw_w[laatste]) < kleine_gemeente:
                    uit.append(Kanttekening("klein",
                        f"{naam(code)} heeft minder dan {getal(kleine_gemeente)} inwoners; "
                        "percentages schommelen daar sterker."))  # fmt: skip
        gm = np.array([str(c).startswith("GM") for c in inw_regio], dtype=bool) & inw_heeft
        if gm.any() and heeft.any():
            periode = set(range(int(jaar[heeft].min()), int(jaar[heeft].max()) + 1))
            jaren_anderen = set(inw_jaar[gm].tolist()) & periode
            for code in codes:
                if not str(code).startswith("GM"):
                    continue
                p = inw_pos.get(code, geen)
                eigen = set(inw_jaar[p[gm[p]]].tolist())
                mist = jaren_anderen - eigen
                if mist and eigen:
                    uit.append(Kanttekening("herindeling",
                        f"{naam(code)}: geen inwonertal in {_jaren_tekst(mist)}, andere "
                        "gemeenten wel. Bestond de gemeente toen in deze vorm (herindeling)?"))

    if ander_product:
        uit.append(Kanttekening(ANDER_PRODUCT,
            f"Nederland heeft voor deze indicator geen eigen cijfer. Ter vergelijking staat de "
            f"landelijke reeks '{ander_product}' uit een {ANDER_PRODUCT}: een verwante maar "
            "andere meting. Vergelijk de richting, niet het niveau."))  # fmt: skip
    return uit


# ----------------------------------------------------------------------------- samenvattingen


def doeltreffendheid_tabellen(
    reeks: pd.DataFrame,
    *,
    doel: str,
    groep: Sequence[str],
    van_jaar: int,
    tot_jaar: int,
    richting: str,
    eenheid: str,
    nl_code: str = NEDERLAND,
    inwoners: pd.DataFrame | None = None,
    ander_product: str | None = None,
    pretrend_tot: int | None = None,
    regio_namen: Mapping[str, str] | None = None,
) -> dict[str, pd.DataFrame]:
    """Alle getallen van de pagina Doeltreffendheid, als tabellen (ook voor de export).

    ``regio_namen``: naam per code, ook voor een regio zonder één cijfer in ``reeks`` (anders
    staat er de code).

    Sleutels: ``verandering`` (per regio), ``kloof`` (regio − NL toen en nu),
    ``verschil_in_verschillen`` (tegen de groep en tegen NL), ``kloof_dicht``,
    ``pretrend`` (helling per regio t/m ``pretrend_tot``, standaard ``van_jaar``; geef de
    nulmeting mee), ``kanttekeningen`` en ``reeks`` (de
    gebruikte cijfers met bron en status). Zie de afzonderlijke functies voor de methode.
    """
    namen = _regio_namen(reeks, regio_namen)
    namen.setdefault(nl_code, "Nederland")
    regios = [doel, nl_code, *[g for g in groep if g not in (doel, nl_code)]]
    for code in regios:
        namen.setdefault(code, code)  # nooit NaN als naam: de code is beter dan niets

    cijfers = Cijfers(reeks)  # één keer indexeren voor alle opzoekingen hieronder
    ver = veranderingen(cijfers, regios, van_jaar, tot_jaar)
    ver.insert(1, "regio_naam", ver["regio_code"].map(namen))
    ver.insert(2, "rol", ["doel", "Nederland", *["vergelijkingsgemeente"] * (len(regios) - 2)])

    k = kloof_tot_nl(cijfers, doel, van_jaar, tot_jaar, richting, nl_code)
    kloof = pd.DataFrame([asdict(k)])
    dicht = jaren_tot_kloof_dicht(k, richting)
    kloof_dicht = pd.DataFrame([asdict(dicht)])

    did_groep = verschil_in_verschillen(cijfers, doel, [g for g in regios[2:]], van_jaar, tot_jaar,
                                        namen[doel])
    did_nl = verschil_in_verschillen(cijfers, doel, [nl_code], van_jaar, tot_jaar, namen[doel])
    did = pd.DataFrame([
        {"vergelijking": "gemiddelde vergelijkingsgemeenten", **asdict(did_groep)},
        {"vergelijking": "Nederland", **asdict(did_nl)},
    ])  # fmt: skip
    for kol in ("groep_gebruikt", "groep_zonder_cijfer", "groep_niet_vergelijkbaar"):
        did[kol] = did[kol].map(lambda t: ", ".join(namen.get(c, c) for c in t))
    did["label"] = "indicatief, niet causaal"

    pre = pretrend(cijfers, regios, van_jaar if pretrend_tot is None else pretrend_tot)
    pre.insert(1, "regio_naam", pre["regio_code"].map(namen))

    notities = kanttekeningen(reeks, eenheid, regio_namen=namen, inwoners=inwoners,
                              ander_product=ander_product)  # fmt: skip
    kant = pd.DataFrame([asdict(n) for n in notities], columns=["soort", "tekst"])

    kolommen = [c for c in ("regio_code", "regio_naam", "indicator_key", "jaar", "waarde",
                            "status", "bron_id", "bron_titel", "tabel_id", "ander_product")
                if c in reeks.columns]  # fmt: skip
    gebruikt = reeks[reeks["regio_code"].isin(regios)][kolommen].sort_values(
        ["regio_code", "jaar"]).reset_index(drop=True)  # fmt: skip
    return {
        "verandering": ver, "kloof": kloof, "verschil_in_verschillen": did,
        "kloof_dicht": kloof_dicht, "pretrend": pre, "kanttekeningen": kant, "reeks": gebruikt,
    }  # fmt: skip


def overzicht_doelen(
    doelen: pd.DataFrame,
    reeksen: pd.DataFrame,
    indicatoren: pd.DataFrame,
    vandaag: int,
) -> pd.DataFrame:
    """Eén rij per (indicator, regio) met nulmeting, laatste cijfer, streefwaarden en status.

    ``doelen``: rijen (indicator_key, regio_code, nulmeting_jaar, nulmeting_waarde) — ook
    zonder streefwaarde — plus een kolom ``streefwaarden`` met een dict jaar → waarde.
    ``reeksen``: de cijfers (indicator_key, regio_code, jaar, waarde[, status]).
    ``indicatoren``: catalogus met key, titel, eenheid, richting, beschikbaar_na.
    """
    meta = indicatoren.set_index("key")
    # Posities per (indicator, regio) één keer, en alleen de kolommen die hieronder nodig zijn:
    # per doel het hele frame filteren kostte de Beleidsmonitor ~30 ms per run.
    smal = reeksen[[k for k in ("jaar", "waarde", "status") if k in reeksen.columns]]
    posities = (reeksen.groupby(["indicator_key", "regio_code"], sort=False).indices
                if not reeksen.empty else {})  # fmt: skip
    geen = np.array([], dtype=np.intp)
    rijen = []
    for d in doelen.itertuples(index=False):
        m = meta.loc[d.indicator_key]
        r = smal.iloc[posities.get((d.indicator_key, d.regio_code), geen)]
        s = punten(r)
        doel = dict(d.streefwaarden or {})
        lag = int(m["beschikbaar_na"])
        st_ = status_op_pad(s, d.nulmeting_jaar, d.nulmeting_waarde, doel, m["richting"], lag,
                            vandaag)  # fmt: skip
        laatste_jaar = int(s.index[-1]) if len(s) else None
        laatste_status = None
        if laatste_jaar is not None and "status" in r.columns:
            laatste_status = r.loc[r["jaar"] == laatste_jaar, "status"].iloc[0]
        eerste_doel = min((j for j in doel if getal_of_niets(doel[j]) is not None), default=None)
        rijen.append({
            "indicator_key": d.indicator_key, "titel": m["titel"], "eenheid": m["eenheid"],
            "regio_code": d.regio_code,
            "nulmeting_jaar": d.nulmeting_jaar, "nulmeting_waarde": d.nulmeting_waarde,
            "nulmeting_status": getattr(d, "nulmeting_status", None),
            "laatste_jaar": laatste_jaar, "laatste_waarde": float(s.iloc[-1]) if len(s) else None,
            "laatste_status": laatste_status,
            **{f"streef_{j}": getal_of_niets(doel.get(j)) for j in BELEIDSJAREN},
            "meetbaar_vanaf": meetbaar_vanaf(eerste_doel or BELEIDSJAREN[0], lag),
            "status": st_.label, "status_code": st_.code, "uitleg": st_.uitleg,
        })  # fmt: skip
    return pd.DataFrame(rijen)
