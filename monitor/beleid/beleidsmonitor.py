"""Pure logica achter de pagina Beleidsmonitor: tabellen, labels en zinnen, zonder Streamlit.

De pagina legt alleen widgets neer; alles wat uit cijfers een tekst of een tabel maakt staat
hier, zodat het zonder browser te testen is.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import NamedTuple

import pandas as pd

from monitor import domein, fmt
from monitor.beleid import importeren, opslag, toets
from monitor.charts import UITLEG_VOORLOPIG_PUNT
from monitor.letterlijk import letterlijk

STATUS_KLEUR = {"op_koers": "green", "achter": "red", "geen_recent_cijfer": "orange",
                "nog_niet_meetbaar": "gray", "geen_streefwaarde": "gray",
                "geen_nulmeting": "gray"}  # fmt: skip
OPDRACHT_KOLOMMEN = ["nr", "status", "samenvatting", "eigenaar", "planning", "besluitmoment",
                     "indicatoren", "thema", "toelichting"]  # fmt: skip
_LET_OP = ("voorlopig", "bronwissel", "geen cijfer")


class Kerngetal(NamedTuple):
    """Eén kaartje (st.metric) als gewone gegevens, zodat de tekst ervan te testen is."""

    label: str
    waarde: str
    uitleg: str | None = None
    delta: str | None = None


def _leeg(w: object) -> bool:
    return w is None or bool(pd.isna(w))


def _waarde_of_streep(w: object, eenheid: str) -> str:
    """Een lege cel in een tabel is '—', geen 'geen cijfer': daar staat gewoon (nog) niets."""
    return "—" if _leeg(w) else fmt.waarde(w, eenheid)


def bestandsnaam(stam: str, vandaag: dt.date) -> str:
    """Downloadnaam met de datum erin, zodat opeenvolgende downloads elkaar niet overschrijven."""
    return f"{stam}_{vandaag:%Y-%m-%d}"


def titels(ind: pd.DataFrame) -> dict[str, str]:
    """Indicator-key → titel, voor de labels van keuzelijsten."""
    return {str(k): str(t) for k, t in zip(ind["key"], ind["titel"], strict=True)}


def waarde_jaar(w: object, jaar: object, eenheid: str, status: object = None) -> str:
    """'43,8 (2024*)': een cijfer noemt altijd zijn jaar, en * als het voorlopig is."""
    if _leeg(w):
        return fmt.GEEN_CIJFER
    periode = fmt.periode(int(jaar), status if isinstance(status, str) else None)  # type: ignore
    return f"{fmt.waarde(w, eenheid)} ({periode})"


# ----------------------------------------------------------------------------- doelen


def plan_keys(ind: pd.DataFrame) -> list[str]:
    """De planindicatoren die de database kent, in de volgorde van het plan."""
    bekend = set(ind["key"])
    return [k for k in domein.PLANINDICATOREN if k in bekend]


def op_te_halen(keys: Iterable[str], vastgelegd: pd.DataFrame) -> tuple[str, ...]:
    """Planindicatoren plus alles waarvoor al een doel is vastgelegd, zonder dubbelen."""
    return tuple(dict.fromkeys([*keys, *vastgelegd["indicator_key"]]))


def nulmeting_herkomst(doelen: pd.DataFrame) -> dict[str, str | None]:
    """Indicator → herkomst van de nulmeting ('vastgelegd', 'afspraak' of 'voorstel')."""
    return dict(zip(doelen["indicator_key"], doelen["nulmeting_herkomst"], strict=True))


def overzicht_tabel(overzicht: pd.DataFrame, herkomst: Mapping[str, str | None]) -> pd.DataFrame:
    """De doelentabel zoals de lezer hem ziet: tekst per cel, een voorstel herkenbaar gemarkeerd."""
    rijen = []
    for r in overzicht.to_dict("records"):
        e = r["eenheid"]
        nul = waarde_jaar(r["nulmeting_waarde"], r["nulmeting_jaar"], e, r.get("nulmeting_status"))
        if herkomst.get(r["indicator_key"]) == "voorstel":
            nul += " · voorstel"
        rijen.append({
            "Indicator": r["titel"],
            "Status": r["status"],
            "Nulmeting": nul,
            "Laatste cijfer": waarde_jaar(r["laatste_waarde"], r["laatste_jaar"], e,
                                          r["laatste_status"]),
            "Meetbaar vanaf": str(r["meetbaar_vanaf"]),
            **{str(j): _waarde_of_streep(r[f"streef_{j}"], e) for j in domein.BELEIDSJAREN},
        })  # fmt: skip
    return pd.DataFrame(rijen)


def heeft_nulmeting(doel: Mapping) -> bool:
    """Of er een nulmeting is; zonder nulmeting is er geen pad en geen startpunt."""
    return not _leeg(doel.get("nulmeting_jaar"))


def nulmeting_punt(doel: Mapping) -> dict | None:
    """De nulmeting als punt voor de grafiek, of None."""
    if not heeft_nulmeting(doel):
        return None
    return {"jaar": int(doel["nulmeting_jaar"]), "waarde": float(doel["nulmeting_waarde"])}


def status_badge(rij: Mapping) -> str:
    """Gekleurde statusbadge met uitleg erachter (markdown), grijs als de status onbekend is."""
    return f":{STATUS_KLEUR.get(rij['status_code'], 'gray')}-badge[{rij['status']}] {rij['uitleg']}"


def kerngetallen(doel: Mapping, rij: Mapping, streef: Mapping[int, float], eenheid: str,
                 lag: int) -> list[Kerngetal]:  # fmt: skip
    """De vier kaartjes boven de grafiek: nulmeting, laatste cijfer, einddoel, meetbaar vanaf."""
    heeft_nul = heeft_nulmeting(doel)
    nul = fmt.waarde(doel.get("nulmeting_waarde"), eenheid) if heeft_nul else fmt.GEEN_CIJFER
    nul_uitleg = f"Jaar {int(doel['nulmeting_jaar'])}." if heeft_nul else ""
    eind = max(streef) if streef else None
    return [
        Kerngetal("Nulmeting", nul, "Het startpunt. " + nul_uitleg),
        Kerngetal("Laatste cijfer", fmt.waarde(rij["laatste_waarde"], eenheid),
                  _laatste_uitleg(rij, doel if heeft_nul else None)),
        Kerngetal(f"Streefwaarde {eind or 2029}",
                  fmt.waarde(streef[eind], eenheid) if eind else "—",
                  None if eind else "Nog geen streefwaarde vastgesteld."),
        Kerngetal("Meetbaar vanaf", str(rij["meetbaar_vanaf"]),
                  f"Cijfers over een jaar verschijnen ongeveer {lag} jaar later."),
    ]  # fmt: skip


def _laatste_uitleg(rij: Mapping, doel: Mapping | None) -> str:
    """Het jaar van het laatste cijfer, en of dat vóór de nulmeting ligt.

    Waarom: bij de landelijke schuldenambitie (nulmeting 8,8% in 2021, een afspraak) is het
    laatste CBS-cijfer 7,6% over 2020. Zonder uitleg lijkt dat een daling sinds de nulmeting.
    """
    if not rij["laatste_jaar"]:
        return "Geen cijfer in de database."
    tekst = f"Jaar {fmt.periode(rij['laatste_jaar'], rij['laatste_status'])}."
    if doel is not None and int(rij["laatste_jaar"]) < int(doel["nulmeting_jaar"]):
        tekst += (f" Ouder dan de nulmeting ({int(doel['nulmeting_jaar'])}): er is nog geen cijfer "
                  "na de nulmeting, dus dit zegt niets over de voortgang.")
    return tekst


def eerste_cijfer_tekst(r: pd.DataFrame, doel: Mapping, status_code: str, lag: int) -> str | None:
    """Zegt wanneer het eerste cijfer na de nulmeting komt, als dat er nog niet is.

    Niet bij 'nog niet meetbaar' of 'geen recent cijfer': die status zegt het al.
    """
    if not heeft_nulmeting(doel) or status_code in ("nog_niet_meetbaar", "geen_recent_cijfer"):
        return None
    nul_jaar = doel["nulmeting_jaar"]
    if (r["waarde"].notna() & (r["jaar"] > nul_jaar)).any():
        return None
    eerste = int(nul_jaar) + 1
    return (f"Het eerste cijfer na de nulmeting (over {eerste}) verschijnt op zijn vroegst "
            f"in {toets.meetbaar_vanaf(eerste, lag)}.")  # fmt: skip


def nulmeting_uitleg(doel: Mapping, nul: Mapping | None) -> str | None:
    """Waar de nulmeting vandaan komt; een afspraak noemt haar bron, want die is niet van CBS.

    Markdown (st.caption): de bron staat in de beleidsopslag en er letterlijk.
    """
    if not heeft_nulmeting(doel):
        return None
    return f"Nulmeting {int(doel['nulmeting_jaar'])}: " + {
        "vastgelegd": "vastgelegd in de beleidsopslag.",
        "afspraak": ("uit een afspraak, niet uit de CBS-cijfers "
                     f"({letterlijk((nul or {}).get('bron'))})."),
        "voorstel": "voorstel (laatste jaar vóór 2026); wordt vastgelegd bij de eerste "
                    "streefwaarde.",
    }.get(doel.get("nulmeting_herkomst") or "", "")  # fmt: skip


def landelijke_referentie(doelen_nl: pd.DataFrame, regio: str) -> dict | None:
    """De landelijke schuldenambitie als referentielijn voor een gemeente (niet voor NL zelf)."""
    ref = doelen_nl[(doelen_nl["indicator_key"] == domein.SCHULDEN_KEY)
                    & (doelen_nl["soort"] == "referentie")]  # fmt: skip
    if ref.empty or regio == domein.NEDERLAND:
        return None
    rr = ref.iloc[0]
    doeljaar = max(rr["streefwaarden"])
    return {"naam": "Landelijke ambitie (referentie)",
            "nulmeting_jaar": int(rr["nulmeting_jaar"]),
            "nulmeting_waarde": float(rr["nulmeting_waarde"]),
            "bron": rr["bron"],
            "doel_jaar": doeljaar, "doel_waarde": rr["streefwaarden"][doeljaar]}  # fmt: skip


def referentie_tekst(referentie: Mapping, eenheid: str) -> str:
    """Uitleg bij de referentielijn: andere bron, dus vooral de richting vergelijken.

    Markdown (st.caption): de bron staat in de beleidsopslag en er letterlijk.
    """
    return (f"Landelijke ambitie: {fmt.waarde(referentie['nulmeting_waarde'], eenheid)} in "
            f"{referentie['nulmeting_jaar']} naar {fmt.waarde(referentie['doel_waarde'], eenheid)} "
            f"in {referentie['doel_jaar']}. Bron: {letterlijk(referentie['bron'])}. Die "
            "uitgangswaarde komt niet uit de CBS-cijfers in deze monitor; de definitie kan "
            "verschillen, vergelijk dus vooral de richting.")  # fmt: skip


def bronnen_tekst(r: pd.DataFrame) -> str:
    """Bronregel onder de grafiek: elke bron met het jaar van elk cijfer eruit.

    Markdown (st.caption): bronnamen komen uit de database en staan er letterlijk.
    """
    bronnen = sorted({f"{letterlijk(t)} ({j})"
                      for t, j in zip(r["bron_titel"], r["jaar"], strict=True)
                      if isinstance(t, str)})  # fmt: skip
    return ("Bron: " + ("; ".join(bronnen) if bronnen else "geen cijfers in de database") +
            ". " + UITLEG_VOORLOPIG_PUNT)


def trend_tekst(proj: toets.Projectie, eenheid: str, decimalen: int | None = None) -> str:
    """De trendzin: verwachte waarde en 95%-band, of waarom er geen trend te geven is.

    Op de publicatieprecisie (``decimalen``): een schatting is nooit preciezer dan de bron.
    Markdown: de reden kan een bronnaam noemen (domein.vergelijkbaar) en staat er letterlijk.
    """
    if not proj.mogelijk:
        return f"**Trend naar 2029.** {letterlijk(proj.reden)}"
    laatste = proj.frame.iloc[-1]
    return (f"**Trend naar 2029.** Als de trend doorloopt: "
            f"{fmt.waarde(laatste['verwacht'], eenheid, decimalen)} in {int(laatste['jaar'])}, "
            f"met 95%-band {fmt.waarde(laatste['onder'], eenheid, decimalen)} tot "
            f"{fmt.waarde(laatste['boven'], eenheid, decimalen)} "
            f"(op basis van {proj.punten} cijfers).")


def toelichting(sw: pd.DataFrame, jaar: int) -> str:
    """De vastgelegde toelichting bij de streefwaarde van één jaar, of ''."""
    d = sw[sw["jaar"] == jaar]
    if d.empty or pd.isna(d["toelichting"].iloc[0]):
        return ""
    return str(d["toelichting"].iloc[0])


def streefwaarden_tabel(oordeel: pd.DataFrame, sw: pd.DataFrame, eenheid: str) -> pd.DataFrame:
    """Per streefjaar: doel, wanneer meetbaar, realisatie en oordeel, als leesbare tekst."""
    return pd.DataFrame({
        "Jaar": oordeel["jaar"].astype(str),
        "Streefwaarde": [fmt.waarde(w, eenheid) for w in oordeel["streefwaarde"]],
        "Meetbaar vanaf": oordeel["meetbaar_vanaf"].astype(str),
        "Realisatie": [_waarde_of_streep(w, eenheid) for w in oordeel["realisatie"]],
        "Oordeel": oordeel["oordeel"],
        "Toelichting": [toelichting(sw, j) for j in oordeel["jaar"]],
    })  # fmt: skip


def let_op_regels(kanttekeningen: Iterable[toets.Kanttekening]) -> list[str]:
    """Alleen de kanttekeningen die bij één indicator ertoe doen, als 'Let op'-regels.

    Markdown (st.caption): de tekst noemt regio's en bronnen uit de database, dus letterlijk.
    """
    return [f"Let op ({k.soort}): {letterlijk(k.tekst)}" for k in kanttekeningen
            if k.soort in _LET_OP]


# ----------------------------------------------------------------------------- bewerken


def gemeentelijke_streefwaarden(streef: Mapping[int, float]) -> dict[int, float]:
    """Alleen de jaren van de beleidsperiode zijn door de gemeente te bewerken."""
    return {j: w for j, w in streef.items() if j in domein.BELEIDSJAREN}


def nulmeting_kandidaten(r: pd.DataFrame) -> pd.DataFrame:
    """Jaren vóór de beleidsperiode met een cijfer: alleen die kunnen nulmeting zijn."""
    return r[r["waarde"].notna() & (r["jaar"] < domein.NULMETING_VOOR)].sort_values("jaar")


def nulmeting_labels(kandidaten: pd.DataFrame, eenheid: str) -> dict[int, str]:
    """'2024: 43,8' per kandidaatjaar, zodat de keuze het cijfer laat zien."""
    return {int(j): f"{int(j)}: {fmt.waarde(w, eenheid)}"
            for j, w in zip(kandidaten["jaar"], kandidaten["waarde"], strict=True)}  # fmt: skip


def standaard_index(jaren: list[int], huidig: object) -> int:
    """De huidige nulmeting als die kan, anders het laatste jaar met een cijfer."""
    return jaren.index(int(huidig)) if huidig in jaren else len(jaren) - 1  # type: ignore[arg-type]


def streef_invoer(gemeentelijk: Mapping[int, float], sw: pd.DataFrame) -> pd.DataFrame:
    """De bewerktabel: elk beleidsjaar een rij, leeg waar nog geen streefwaarde staat."""
    return pd.DataFrame({
        "Jaar": list(domein.BELEIDSJAREN),
        "Streefwaarde": pd.array([gemeentelijk.get(j) for j in domein.BELEIDSJAREN],
                                 dtype="Float64"),
        # vaste dtype: een kolom met alleen None heeft een ander Arrow-schema dan een met tekst,
        # en dan gooit st.data_editor (identiteit = schema) de ingevoerde wijzigingen weg.
        "Toelichting": pd.array([toelichting(sw, j) or None for j in domein.BELEIDSJAREN],
                                dtype="string"),
    })  # fmt: skip


def ingevoerd(bewerkt: pd.DataFrame) -> tuple[dict[int, float | None], dict[int, str | None]]:
    """Streefwaarden en toelichtingen uit de bewerktabel; een lege cel wordt None."""
    waarden = {int(j): (None if pd.isna(w) else float(w))
               for j, w in zip(bewerkt["Jaar"], bewerkt["Streefwaarde"], strict=True)}
    teksten = {int(j): (None if pd.isna(t) else str(t))
               for j, t in zip(bewerkt["Jaar"], bewerkt["Toelichting"], strict=True)}
    return waarden, teksten  # fmt: skip


def nieuwe_nulmeting(kandidaten: pd.DataFrame, nul: Mapping | None, keuze: int | None,
                     bewerker: str) -> dict | None:  # fmt: skip
    """De nulmeting om vast te leggen, of None als er niets verandert.

    Het standaardjaar (laatste vóór 2026) kiezen zonder vastgelegde nulmeting legt niets vast:
    dat gebeurt al met de eerste streefwaarde.
    """
    if keuze is None or (nul is not None and int(nul["jaar"]) == int(keuze)):
        return None
    if nul is None and keuze == int(kandidaten["jaar"].iloc[-1]):
        return None
    rij = kandidaten[kandidaten["jaar"] == keuze].iloc[0]
    return {"jaar": int(keuze), "waarde": float(rij["waarde"]),
            "status": rij.get("status"), "bron_id": rij.get("bron_id"),
            "toelichting": f"Gekozen door {bewerker}."}  # fmt: skip


def opsomming(regels: Iterable[str]) -> str:
    """Markdown-lijstje, één regel per melding."""
    return "\n".join(f"- {r}" for r in regels)


def ingelezen_tekst(res: importeren.ImportResultaat) -> str:
    """Succesmelding na het inlezen van een CSV, met genegeerde kolommen erbij.

    Markdown (st.success): de kolomkoppen komen uit het bestand en staan er letterlijk.
    """
    extra = (f" Genegeerde kolommen: {', '.join(letterlijk(k) for k in res.genegeerde_kolommen)}."
             if res.genegeerde_kolommen else "")  # fmt: skip
    return f"CSV ingelezen: {res.regels} regels, {res.gewijzigd} wijziging(en).{extra}"


# ----------------------------------------------------------------------------- uitvoering


def status_tellers(ops: pd.DataFrame) -> dict[str, int]:
    """Aantal opdrachten per status, ook de statussen met nul opdrachten."""
    return {s: int((ops["status"] == s).sum()) for s in opslag.OPDRACHT_STATUSSEN}


def opdrachten_tabel(ops: pd.DataFrame, titels: Mapping[str, str]) -> pd.DataFrame:
    """De 19 opdrachten om te lezen, met indicatortitels in plaats van keys."""
    return pd.DataFrame({
        "Nr": ops["nr"], "Status": ops["status"], "Opdracht": ops["samenvatting"],
        "Eigenaar": ops["eigenaar"], "Planning": ops["planning"],
        "Besluitmoment": ops["besluitmoment"],
        "Beweegt indicator(en)": [", ".join(titels.get(k, k) for k in ks)
                                  for ks in ops["indicatoren"]],
        "Thema": ops["thema"], "Toelichting": ops["toelichting"],
    })  # fmt: skip


#: Kolommen die de leestabel altijd toont, ook als nog niemand ze invulde.
_OPDRACHT_VAST = ("Nr", "Status", "Opdracht", "Thema")


def opdrachten_per_thema(tabel: pd.DataFrame) -> tuple[list[str], list[tuple[str, pd.DataFrame]]]:
    """(kolommen die bij geen enkele opdracht zijn ingevuld, [(thema, opdrachten), ...]).

    Waarom: negen kolommen pasten niet in de breedte van de pagina (vanaf "Beweegt indicator(en)"
    vielen ze rechts weg). Per thema een tabel, zonder het thema als kolom en zonder kolommen die
    nog leeg zijn (de pagina noemt die), past het, en blijft een opdracht twee of drie regels hoog.
    """
    leeg = [k for k in tabel.columns if k not in _OPDRACHT_VAST
            and tabel[k].fillna("").astype(str).str.strip().eq("").all()]  # fmt: skip
    delen = [(str(thema), deel.drop(columns=["Thema", *leeg])) for thema, deel in
             tabel.groupby(tabel["Thema"].fillna("Zonder thema"), sort=False)]  # fmt: skip
    return leeg, delen


_OPDRACHT_TEKST = ("status", "samenvatting", "eigenaar", "planning", "besluitmoment", "thema",
                   "toelichting")  # fmt: skip


def opdrachten_invoer(ops: pd.DataFrame) -> pd.DataFrame:
    """De bewerktabel van de opdrachten, met vaste dtypes.

    Waarom: ``st.data_editor`` met ``key`` en vaste rijen herkent zichzelf aan het schema. Was
    een kolom eerst helemaal leeg (Arrow-type null) en daarna gevuld (string), dan gold het als
    een nieuwe editor en verdween een ingevoerde wijziging ("Niets gewijzigd").
    """
    df = ops[OPDRACHT_KOLOMMEN].copy()
    df["nr"] = df["nr"].astype("int64")
    for k in _OPDRACHT_TEKST:
        df[k] = pd.array([None if _leeg(w) else str(w) for w in df[k]], dtype="string")
    df["indicatoren"] = [list(w) if isinstance(w, list | tuple) else [] for w in df["indicatoren"]]
    return df


def _zelfde(a: object, b: object) -> bool:
    if isinstance(a, list | tuple) or isinstance(b, list | tuple):
        return list(a if isinstance(a, list | tuple) else []) == \
            list(b if isinstance(b, list | tuple) else [])
    if _leeg(a) or (isinstance(a, str) and not a.strip()):
        return _leeg(b) or (isinstance(b, str) and not b.strip())
    if _leeg(b):
        return False
    return str(a).strip() == str(b).strip()


def gewijzigde_opdrachten(gezien: pd.DataFrame, bewerkt: pd.DataFrame) -> pd.DataFrame:
    """Alleen de rijen die de gebruiker zelf veranderde (ten opzichte van wat hij zag).

    Zo overschrijft een oude kopie van een rij die iemand anders intussen wijzigde niets, en
    wordt een conflict alleen gemeld waar de gebruiker echt iets veranderde.
    """
    oud = gezien.set_index("nr")
    rijen = [i for i, rij in enumerate(bewerkt.to_dict("records"))
             if int(rij["nr"]) in oud.index and not all(
                 _zelfde(oud.at[int(rij["nr"]), k], rij.get(k)) for k in opslag.OPDRACHT_VELDEN)]
    return bewerkt.iloc[rijen]
