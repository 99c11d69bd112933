"""De tabellen van de export (cijfers, beleidsindicatoren, BBV, streefwaarden, definities, bronnen).

Elke functie neemt het exportmodel en geeft een pandas-frame met echte getallen; de Excel- en
CSV-schrijvers en de pagina tonen precies deze frames.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from monitor import fmt
from monitor.domein import (
    NEDERLAND,
    NIET_VERGELIJKBAAR,
    TIJDZONE_LABEL,
    lokale_tijd,
    vergelijkbaar,
)
from monitor.export.model import (
    BBV_SET,
    CIJFER_KOLOMMEN,
    RICHTING_TEKST,
    ExportData,
    zonder_na,
)


def eenheid_per_key(data: ExportData) -> dict[str, str]:
    e = dict(zip(data.indicatoren["key"], data.indicatoren["eenheid"], strict=True))
    e.update({b.key: b.eenheid for b in BBV_SET})
    return e


def titel_per_key(data: ExportData) -> dict[str, str]:
    t = dict(zip(data.indicatoren["key"], data.indicatoren["titel"], strict=True))
    t.update({b.key: b.titel for b in BBV_SET})
    return t


def bron_per_id(data: ExportData) -> dict[str, dict[str, Any]]:
    """Bronnen als dict: een rij opzoeken in een DataFrame per cijfer is traag."""
    return {r["bron_id"]: r for r in data.bronnen.to_dict("records")}


def toelichting_gat(status: str | None) -> str:
    """Waarom een cel leeg is: een gat is een gat, maar de lezer moet weten waarom."""
    s = (status or "").lower()
    if s == "geheim":
        return "geen cijfer: geheim (CBS publiceert dit niet, bijvoorbeeld om herleidbaarheid)"
    return "geen cijfer: de bron geeft voor dit jaar geen waarde"


def cijfertabel(data: ExportData) -> pd.DataFrame:
    """De cijfers van de selectie als nette tabel met Nederlandse kolomnamen en echte getallen.

    Eén rij per indicator × regio × jaar: de gekozen jaren, of bij "alle jaren" elk jaar waarin
    een gekozen regio een rij voor die indicator heeft. Ontbreekt een cijfer, dan blijft Waarde
    leeg en zegt Toelichting waarom. Dit is het blad "Cijfers", de CSV en de voorbeeldtabel.
    """
    titels, eenheden = titel_per_key(data), eenheid_per_key(data)
    beschikbaar = dict(zip(data.indicatoren["key"], data.indicatoren["beschikbaar_na"],
                           strict=True))
    bron = bron_per_id(data)
    keys = [k for k in data.indicatoren["key"] if k in data.selectie.indicatoren]
    per_sleutel = {(r.indicator_key, r.regio_code, int(r.jaar)): r
                   for r in data.cijfers.itertuples(index=False) if r.jaar is not pd.NA}
    rijen = []
    for key in keys:
        eigen = data.cijfers[data.cijfers["indicator_key"] == key]
        jaren = list(data.selectie.jaren) or sorted({int(j) for j in eigen["jaar"].dropna()})
        met_waarde = eigen.loc[eigen["waarde"].notna(), "jaar"]
        laatste_jaar = int(met_waarde.max()) if len(met_waarde) else None
        basis = {"Indicator": titels.get(key, key), "Sleutel": key,
                 "Eenheid": eenheden.get(key, "")}
        for code in data.selectie.regios:
            for jaar in jaren:
                r = per_sleutel.get((key, code, jaar))
                if r is None:
                    na = zonder_na(beschikbaar.get(key))
                    if laatste_jaar is not None and jaar > laatste_jaar and na:
                        reden = (f"geen cijfer in de database; cijfers over {jaar} komen op "
                                 f"zijn vroegst in {jaar + na}")
                    else:
                        reden = "geen cijfer: de database heeft geen cijfer voor deze regio en dit jaar"
                    rijen.append({**basis, "Regio": data.regio_namen.get(code, code),
                                  "Regiocode": code, "Jaar": jaar, "Periode": str(jaar),
                                  "Status": "geen cijfer", "Toelichting": reden})
                    continue
                waarde = zonder_na(r.waarde)
                b = bron.get(r.bron_id)
                rijen.append({
                    **basis,
                    "Regio": r.regio_naam or data.regio_namen.get(code, code),
                    "Regiocode": code,
                    "Jaar": jaar,
                    "Periode": fmt.periode(jaar, r.status),
                    "Peildatum": r.peildatum,
                    "Waarde": waarde,
                    "Status": r.status,
                    "Toelichting": "" if waarde is not None else toelichting_gat(r.status),
                    "Bron": None if b is None else zonder_na(b["titel"]),
                    "Tabel": None if b is None else zonder_na(b["tabel_id"]),
                    "Bronversie": None if b is None else zonder_na(b["versie"]),
                    "Bron-id": r.bron_id,
                    "Bronkolom": r.bron_kolom,
                })
    frame = pd.DataFrame(rijen, columns=CIJFERTABEL_KOLOMMEN)
    frame["Jaar"] = frame["Jaar"].astype("Int64")
    frame["Waarde"] = frame["Waarde"].astype("float64")
    return frame


CIJFERTABEL_KOLOMMEN = ["Indicator", "Sleutel", "Eenheid", "Regio", "Regiocode", "Jaar", "Periode",
                        "Peildatum", "Waarde", "Status", "Toelichting", "Bron", "Tabel",
                        "Bronversie", "Bron-id", "Bronkolom"]


def bbv_cijfers(data: ExportData) -> pd.DataFrame:
    """De BBV-cijfers in de vorm van ``ExportData.cijfers``: ``factor × basis``, met de status,
    peildatum en bron van het basiscijfer. Niet opgeslagen; elke export rekent ze opnieuw uit."""
    delen = []
    for bbv in BBV_SET:
        basis = data.cijfers[data.cijfers["indicator_key"] == bbv.basis].copy()
        basis["basiswaarde"] = basis["waarde"]
        basis["waarde"] = basis["waarde"] * bbv.factor
        basis["indicator_key"] = bbv.key
        delen.append(basis)
    if not delen:
        return pd.DataFrame(columns=[*CIJFER_KOLOMMEN, "basiswaarde"])
    return pd.concat(delen, ignore_index=True)


def bbv_tabel(data: ExportData) -> pd.DataFrame:
    """De BBV-set (taakveld 6) voor de gekozen regio's en jaren, berekend bij het exporteren."""
    per_key = {b.key: b for b in BBV_SET}
    cijfers = bbv_cijfers(data)
    if data.selectie.jaren:
        cijfers = cijfers[cijfers["jaar"].isin(data.selectie.jaren)]
    rijen = []
    for r in cijfers.itertuples(index=False):
        bbv = per_key[r.indicator_key]
        w = zonder_na(r.waarde)
        rijen.append({
            "BBV-nr": bbv.nummer,
            "Indicator": bbv.titel,
            "Sleutel": bbv.key,
            "Eenheid": bbv.eenheid,
            "Regio": r.regio_naam,
            "Regiocode": r.regio_code,
            "Jaar": zonder_na(r.jaar),
            "Periode": fmt.periode(zonder_na(r.jaar), r.status),
            "Peildatum": r.peildatum,
            "Waarde": w,
            "Status": r.status,
            "Toelichting": "" if w is not None else toelichting_gat(r.status),
            "Formule": bbv.formule,
            "Basiscijfer": zonder_na(r.basiswaarde),
            "Bron-id": r.bron_id,
            "Bronkolom": r.bron_kolom,
        })
    kolommen = ["BBV-nr", "Indicator", "Sleutel", "Eenheid", "Regio", "Regiocode", "Jaar",
                "Periode", "Peildatum", "Waarde", "Status", "Toelichting", "Formule",
                "Basiscijfer", "Bron-id", "Bronkolom"]
    frame = pd.DataFrame(rijen, columns=kolommen)
    frame["Jaar"] = frame["Jaar"].astype("Int64")
    for k in ("Waarde", "Basiscijfer"):
        frame[k] = frame[k].astype("float64")
    return frame


def beleidsindicatoren_tabel(data: ExportData) -> pd.DataFrame:
    """De opmaak die finance al gebruikt: per indicator Werkelijk / Begroting / Streefwaarde.

    Per indicator (de gekozen indicatoren, dan de BBV-set) een rij per regio: gemeenten, daarna
    Nederland als landelijke rij. Werkelijk is het laatste cijfer tot en met het verslagjaar
    (ook uit een eerder jaar dan gekozen: VNG vraagt "de meest actuele cijfers, met bron en
    jaar"), met het jaar erbij ("2024*" = voorlopig) en de meting daarvoor. Begroting en
    streefwaarde komen uit de beleidsmonitor; leeg = niet ingevuld.
    """
    jaar = data.verslagjaar
    titels, eenheden = titel_per_key(data), eenheid_per_key(data)
    beschikbaar = dict(zip(data.indicatoren["key"], data.indicatoren["beschikbaar_na"],
                           strict=True))
    bbv_nr = {b.key: b.nummer for b in BBV_SET}
    for b in BBV_SET:
        beschikbaar[b.key] = beschikbaar.get(b.basis)
    alle = pd.concat([data.cijfers, bbv_cijfers(data).drop(columns="basiswaarde")],
                     ignore_index=True)
    alle = alle[alle["waarde"].notna()]
    if jaar is not None:
        alle = alle[alle["jaar"] <= jaar]
    bron = bron_per_id(data)
    regios = [r for r in data.selectie.regios if r != NEDERLAND]
    if NEDERLAND in data.selectie.regios:
        regios.append(NEDERLAND)
    namen = data.regio_namen
    # Eén keer groeperen in plaats van per rij te filteren (scheelt seconden bij 10 regio's).
    per_reeks = {sleutel: groep.sort_values("jaar", kind="mergesort")
                 for sleutel, groep in alle.groupby(["indicator_key", "regio_code"], sort=False)}
    leeg = alle.iloc[0:0]
    doel = {(r.indicator_key, r.regio_code): r for r in data.streefwaarden.itertuples(index=False)
            if zonder_na(r.jaar) == jaar}
    rijen = []
    for key in [*data.selectie.indicatoren, *bbv_nr]:
        for code in regios:
            reeks = per_reeks.get((key, code), leeg)
            laatste = reeks.iloc[-1] if len(reeks) else None
            vorige = reeks.iloc[-2] if len(reeks) > 1 else None
            s = doel.get((key, code))
            toelichting = []
            na = zonder_na(beschikbaar.get(key)) or 0
            if laatste is None:
                toelichting.append("geen cijfer in de database")
            elif jaar is not None and int(laatste["jaar"]) < jaar - na:
                # Te oud voor dit verslagjaar: leeg laten, niet een cijfer van jaren terug naast
                # het verslagjaar zetten (Nederland bijstand 2014 naast Heerlen 2024).
                toelichting.append(
                    f"laatste cijfer is van {int(laatste['jaar'])}; voor verslagjaar {jaar} "
                    f"hoort een cijfer over {jaar - na} of later, dus Werkelijk blijft leeg")
                laatste, vorige = None, None
            elif jaar is not None and int(laatste["jaar"]) < jaar:
                verwacht = (f"; cijfers over {jaar} komen op zijn vroegst in {jaar + na}"
                            if na else "")
                toelichting.append(f"laatste cijfer is van {int(laatste['jaar'])}{verwacht}")
            if laatste is not None and vorige is not None:
                v = vergelijkbaar(laatste.to_dict(), vorige.to_dict())
                if not v.ok:
                    toelichting.append(f"vorige meting {NIET_VERGELIJKBAAR}: {v.reden}")
            if laatste is not None and laatste["status"] != "definitief":
                toelichting.append(f"status: {laatste['status']}")
            b = None if laatste is None else bron.get(laatste["bron_id"])
            rijen.append({
                "Indicator": titels.get(key, key),
                "Eenheid": eenheden.get(key, ""),
                "Regio": namen.get(code, code),
                "Regiocode": code,
                "Werkelijk (vorige meting)": None if vorige is None else vorige["waarde"],
                "Jaar vorige meting": None if vorige is None else
                fmt.periode(int(vorige["jaar"]), vorige["status"]),
                "Werkelijk": None if laatste is None else laatste["waarde"],
                "Jaar werkelijk": None if laatste is None else
                fmt.periode(int(laatste["jaar"]), laatste["status"]),
                "Status": ("te oud" if laatste is None and len(reeks) else "geen cijfer")
                if laatste is None else laatste["status"],
                f"Begroting {jaar}": None if s is None else zonder_na(s.begroting),
                f"Streefwaarde {jaar}": None if s is None else zonder_na(s.streefwaarde),
                "Bron": None if b is None else
                f"{zonder_na(b['titel'])} ({zonder_na(b['tabel_id'])})",
                "Peildatum": None if laatste is None else laatste["peildatum"],
                "Bron-id": None if laatste is None else laatste["bron_id"],
                "Toelichting": "; ".join(toelichting),
            })
    frame = pd.DataFrame(rijen)
    for k in ("Werkelijk (vorige meting)", "Werkelijk", f"Begroting {jaar}",
              f"Streefwaarde {jaar}"):
        if k in frame:
            frame[k] = pd.to_numeric(frame[k], errors="coerce").astype("float64")
    return frame


def definities_tabel(data: ExportData) -> pd.DataFrame:
    rijen = [{
        "Sleutel": r.key, "Indicator": r.titel, "Eenheid": r.eenheid, "Definitie": r.definitie,
        "Richting": RICHTING_TEKST.get(r.richting, r.richting),
        "Formule": zonder_na(r.afgeleid) or "",
        "Peildatum": {"01-01": "1 januari", "12-31": "31 december"}.get(
            zonder_na(r.peildatum_regel) or "", "jaarcijfer"),
        "Beschikbaar na (jaren)": zonder_na(r.beschikbaar_na),
    } for r in data.indicatoren.itertuples(index=False)]
    rijen += [{
        "Sleutel": b.key, "Indicator": b.titel, "Eenheid": b.eenheid, "Definitie": b.definitie,
        "Richting": RICHTING_TEKST[b.richting], "Formule": b.formule,
        "Peildatum": "31 december", "Beschikbaar na (jaren)": None,
    } for b in BBV_SET]
    frame = pd.DataFrame(rijen)
    frame["Beschikbaar na (jaren)"] = frame["Beschikbaar na (jaren)"].astype("Int64")
    return frame


def bronnen_tabel(data: ExportData) -> pd.DataFrame:
    """Elke bron achter de cijfers, met de peildatums en jaren die in deze export zitten."""
    rijen = []
    for b in data.bronnen.itertuples(index=False):
        eigen = data.cijfers[(data.cijfers["bron_id"] == b.bron_id)
                             | data.cijfers["bron_kolom"].fillna("").str.contains(
                                 f"= {b.bron_id}:", regex=False)]
        jaren = sorted({int(j) for j in eigen["jaar"].dropna()})
        peil = sorted({d for d in eigen["peildatum"] if d is not None})
        rijen.append({
            "Bron-id": b.bron_id, "Soort": b.soort, "Titel": b.titel, "Tabel": b.tabel_id,
            "Versie": b.versie,
            "Jaren in deze export": (f"{jaren[0]}–{jaren[-1]}" if len(jaren) > 1
                                     else (str(jaren[0]) if jaren else "")),
            "Peildatums in deze export": ", ".join(d.strftime("%d-%m-%Y") for d in peil[:6])
            + (" …" if len(peil) > 6 else ""),
            "Licentie": zonder_na(b.licentie),
            "Opgehaald op": zonder_na(b.opgehaald_op) or "niet vastgelegd (snapshot)",
            "URL": zonder_na(b.url),
            "Toelichting": zonder_na(b.toelichting),
            "ETL-run": data.database.get("run_id"),
            f"Database gebouwd op ({TIJDZONE_LABEL})": lokale_tijd(data.database.get("etl_klaar")),
        })
    return pd.DataFrame(rijen)


def streefwaarden_tabel(data: ExportData) -> pd.DataFrame:
    """Streefwaarden naast het laatste cijfer, met een oordeel in woorden.

    "gehaald" of "niet gehaald" alleen als er een cijfer over het doeljaar zelf is; anders
    "nog geen cijfer over <jaar>". Een oordeel op een voorlopig cijfer zegt dat erbij.
    """
    if data.streefwaarden.empty:
        return pd.DataFrame()
    titels, eenheden = titel_per_key(data), eenheid_per_key(data)
    richting = dict(zip(data.indicatoren["key"], data.indicatoren["richting"], strict=True))
    namen = data.regio_namen
    met_waarde = data.cijfers[data.cijfers["waarde"].notna()]
    rijen = []
    for s in data.streefwaarden.itertuples(index=False):
        reeks = met_waarde[(met_waarde["indicator_key"] == s.indicator_key)
                           & (met_waarde["regio_code"] == s.regio_code)
                           & (met_waarde["jaar"] <= s.jaar)].sort_values("jaar")
        laatste = reeks.iloc[-1] if len(reeks) else None
        doel = zonder_na(s.streefwaarde)
        r = richting.get(s.indicator_key)
        if laatste is None or int(laatste["jaar"]) != int(s.jaar):
            oordeel = f"nog geen cijfer over {int(s.jaar)}"
        elif doel is None or r not in ("lager_is_beter", "hoger_is_beter"):
            oordeel = "geen oordeel (geen richting bekend)"
        else:
            w = float(laatste["waarde"])
            gehaald = w <= doel if r == "lager_is_beter" else w >= doel
            oordeel = "gehaald" if gehaald else "niet gehaald"
            if laatste["status"] != "definitief":
                oordeel += f" (op een {laatste['status']} cijfer)"
        rijen.append({
            "Indicator": titels.get(s.indicator_key, s.indicator_key),
            "Eenheid": eenheden.get(s.indicator_key, ""),
            "Regio": namen.get(s.regio_code, s.regio_code),
            "Regiocode": s.regio_code,
            "Jaar": zonder_na(s.jaar),
            "Streefwaarde": doel,
            "Soort doel": zonder_na(s.soort),
            "Laatste cijfer": None if laatste is None else laatste["waarde"],
            "Jaar laatste cijfer": None if laatste is None else
            fmt.periode(int(laatste["jaar"]), laatste["status"]),
            "Status": "geen cijfer" if laatste is None else laatste["status"],
            "Oordeel": oordeel,
            "Toelichting": zonder_na(s.toelichting) or "",
            "Bron doel": zonder_na(s.bron) or "",
        })
    frame = pd.DataFrame(rijen)
    frame["Laatste cijfer"] = pd.to_numeric(frame["Laatste cijfer"]).astype("float64")
    return frame


def voorbeeld(data: ExportData) -> pd.DataFrame:
    """De cijfertabel zoals een lezer hem op de pagina ziet: Nederlandse notatie als tekst.

    Alleen voor het scherm; de downloads bevatten echte getallen.
    """
    t = cijfertabel(data)
    return pd.DataFrame({
        "Indicator": t["Indicator"],
        "Regio": t["Regio"],
        "Jaar": t["Periode"],
        "Waarde": [fmt.waarde(w, e) for w, e in zip(t["Waarde"], t["Eenheid"], strict=True)],
        "Status": t["Status"],
        "Bron": [f"{b} ({tb})" if isinstance(b, str) and isinstance(tb, str) and tb not in b
                 else (b if isinstance(b, str) else "") for b, tb in
                 zip(t["Bron"], t["Tabel"], strict=True)],
        "Toelichting": t["Toelichting"],
    })
