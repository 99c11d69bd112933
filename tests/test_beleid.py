"""De beleidsopslag (data/beleid.duckdb): eerste vulling, controle, geschiedenis, CSV, ETL.

Elke test krijgt een eigen, lege opslag (conftest zet ARMOEDEMONITOR_BELEID_DB per test).
"""

from __future__ import annotations

import json
import math

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from etl.config import beleid_pad
from etl.load import bouw_database
from monitor import domein, fmt, store
from monitor.beleid import importeren, nulmeting, opslag, validatie
from monitor.tabelbestand import tabel_csv

H = "GM0917"
IND = "bijstand_per_1000"
NAAM, REDEN = "Fatima de Vries", "Raadsbesluit begroting 2026"


@pytest.fixture
def indicatoren() -> pd.DataFrame:
    return store.indicatoren(store.db_versie())


@pytest.fixture
def regio_codes() -> set[str]:
    return set(store.regios(store.db_versie())["code"])


def voorstel(key: str, regio: str) -> dict | None:
    return nulmeting.nulmeting_voorstel(store.reeks(store.db_versie(), (key,), (regio,)), regio)


def momentopname() -> tuple[list, list, list]:
    """Alles wat een mislukte actie niet mag veranderen."""
    return (opslag.streefwaarden().to_dict("records"), opslag.nulmetingen().to_dict("records"),
            opslag.geschiedenis().to_dict("records"))


# ----------------------------------------------------------------------------- eerste vulling


def test_eerste_gebruik_maakt_opslag_met_opdrachten_ambitie_en_context() -> None:
    assert not beleid_pad().exists()
    opslag.initialiseer()
    assert beleid_pad().exists()
    opdr = opslag.opdrachten()
    assert list(opdr["nr"]) == list(range(1, 20))
    assert opdr.loc[opdr["nr"] == 8, "samenvatting"].iloc[0].startswith(
        "Samenwerking schuldhulpverlening en beschermingsbewind")
    assert set(opdr["status"]) == {"nog niet ingevoerd"}  # geen uitspraak over het plan
    assert opdr["bron"].str.contains("Zekerheid als vertrekpunt").all()

    doel = opslag.streefwaarden("problematische_schulden_hh_pct", "NL01")
    assert doel[["jaar", "waarde", "soort"]].to_dict("records") == [
        {"jaar": 2030, "waarde": 3.8, "soort": "referentie"}]
    assert "Bestuurlijke afspraken basisdienstverlening schuldhulpverlening" in doel["bron"].iloc[0]
    nul = opslag.nulmeting("problematische_schulden_hh_pct", "NL01")
    assert (nul["jaar"], nul["waarde"], nul["herkomst"]) == (2021, 8.8, "afspraak")

    ctx = opslag.context_regels()
    assert ctx["bron"].str.strip().astype(bool).all()  # elke regel heeft een bron
    assert {"Nationaal Programma Heerlen-Noord (NPHLN)", "Regio Deal Parkstad Limburg 2019-2022"} \
        <= set(ctx["naam"])
    # de eerste vulling staat zelf ook in de geschiedenis
    gesch = opslag.geschiedenis()
    assert len(gesch) == 19 + 2 + len(ctx)
    assert set(gesch["wie"]) == {opslag.SYSTEEM}


def test_tweede_keer_openen_vult_niet_opnieuw() -> None:
    opslag.initialiseer()
    n = len(opslag.geschiedenis())
    opslag.initialiseer()
    assert len(opslag.geschiedenis()) == n and len(opslag.opdrachten()) == 19


# ----------------------------------------------------------------------------- streefwaarden


def test_streefwaarden_opslaan_legt_nulmeting_vast_en_schrijft_geschiedenis() -> None:
    v = voorstel(IND, H)
    assert (v["jaar"], round(v["waarde"], 2)) == (2024, 43.79)  # laatste jaar vóór 2026
    n = opslag.sla_streefwaarden_op(IND, H, {2026: 42.0, 2029: 38.5}, eenheid="per 1.000 inwoners",
                                    richting="lager_is_beter", wie=NAAM, reden=REDEN,
                                    toelichtingen={2029: "Doel uitvoeringsplan"},
                                    nulmeting_voorstel=v)
    assert n == 2
    sw = opslag.streefwaarden(IND, H).set_index("jaar")
    assert sw.loc[2029, "waarde"] == 38.5 and sw.loc[2029, "toelichting"] == "Doel uitvoeringsplan"
    nul = opslag.nulmeting(IND, H)
    assert (nul["jaar"], nul["bron_id"], nul["herkomst"]) == (2024, "85984NED", "database")
    g = opslag.geschiedenis()
    nieuw = g[g["wie"] == NAAM]
    assert set(nieuw["tabel"]) == {"streefwaarde", "nulmeting"}
    rij = nieuw[nieuw["sleutel"] == f"{IND}|{H}|2029"].iloc[0]
    assert pd.isna(rij["oud"]) and json.loads(rij["nieuw"])["waarde"] == 38.5
    assert rij["reden"] == REDEN


def test_wijzigen_en_schrappen_bewaart_oude_waarde_in_geschiedenis() -> None:
    kw = dict(eenheid="per 1.000 inwoners", richting="lager_is_beter", wie=NAAM,
              nulmeting_voorstel=voorstel(IND, H))
    opslag.sla_streefwaarden_op(IND, H, {2027: 41.0}, reden="eerste", **kw)
    assert opslag.sla_streefwaarden_op(IND, H, {2027: 41.0}, reden="niets nieuw", **kw) == 0
    opslag.sla_streefwaarden_op(IND, H, {2027: 40.0}, reden="scherper", **kw)
    opslag.sla_streefwaarden_op(IND, H, {2027: None}, reden="geschrapt", **kw)
    assert opslag.streefwaarden(IND, H).empty
    g = opslag.geschiedenis("streefwaarde")
    g = g[g["sleutel"] == f"{IND}|{H}|2027"].sort_values("id")
    assert list(g["reden"]) == ["eerste", "scherper", "geschrapt"]
    assert json.loads(g.iloc[1]["oud"])["waarde"] == 41.0
    assert json.loads(g.iloc[2]["oud"])["waarde"] == 40.0 and pd.isna(g.iloc[2]["nieuw"])


@pytest.mark.parametrize(("waarden", "eenheid", "melding"), [
    ({2031: 3.0}, "%", "Jaar 2031 kan niet"),
    ({2026: 120.0}, "%", "Een percentage ligt tussen 0 en 100"),
    ({2026: -5.0}, "aantal", "Een aantal kan niet negatief zijn"),
    ({2026: 12.5}, "aantal", "Een aantal is een heel getal"),
    ({2026: "veel"}, "%", "geen getal"),
])  # fmt: skip
def test_foute_streefwaarde_wordt_geweigerd_en_niets_verandert(waarden, eenheid, melding) -> None:
    opslag.initialiseer()
    voor = momentopname()
    with pytest.raises(validatie.Afgekeurd) as fout:
        opslag.sla_streefwaarden_op(IND, H, {2027: 40.0, **waarden}, eenheid=eenheid,
                                    richting="lager_is_beter", wie=NAAM, reden=REDEN)
    assert melding in str(fout.value)
    assert momentopname() == voor


def test_naam_en_reden_zijn_verplicht() -> None:
    with pytest.raises(validatie.Afgekeurd, match="Vul uw naam in"):
        opslag.sla_streefwaarden_op(IND, H, {2027: 40.0}, eenheid="%", richting="lager_is_beter",
                                    wie="  ", reden=REDEN)
    with pytest.raises(validatie.Afgekeurd, match="Geef een reden"):
        opslag.sla_streefwaarden_op(IND, H, {2027: 40.0}, eenheid="%", richting="lager_is_beter",
                                    wie=NAAM, reden="")


def test_doel_slechter_dan_nulmeting_vraagt_bevestiging() -> None:
    kw = dict(eenheid="per 1.000 inwoners", richting="lager_is_beter", wie=NAAM, reden=REDEN,
              nulmeting_voorstel=voorstel(IND, H))
    with pytest.raises(validatie.Afgekeurd) as fout:
        opslag.sla_streefwaarden_op(IND, H, {2026: 45.0}, **kw)
    assert fout.value.bevestiging_nodig
    assert "hoger dan de nulmeting (43,8)" in fout.value.waarschuwingen[0]
    assert opslag.streefwaarden(IND, H).empty
    assert opslag.sla_streefwaarden_op(IND, H, {2026: 45.0}, bevestigd=True, **kw) == 1


def test_nulmeting_herzien_meldt_revisie_van_cbs() -> None:
    df = store.reeks(store.db_versie(), (IND,), (H,))
    nul = {"herkomst": "database", "jaar": 2024, "waarde": 40.0, "status": "voorlopig"}
    assert "CBS heeft het cijfer over 2024 aangepast" in nulmeting.nulmeting_herzien(nul, df, H)
    nul["waarde"] = float(df.loc[df["jaar"] == 2024, "waarde"].iloc[0])
    assert nulmeting.nulmeting_herzien(nul, df, H) is None


# ----------------------------------------------------------------------------- CSV


def test_csv_sjabloon_invullen_en_importeren(indicatoren, regio_codes) -> None:
    sjabloon = importeren.streefwaarden_csv(indicatoren, H, [IND, "hh_laag_inkomen_pct"])
    assert sjabloon.startswith(b"\xef\xbb\xbf")  # BOM voor Excel
    df = pd.read_csv(pd.io.common.BytesIO(sjabloon), sep=";", decimal=",", encoding="utf-8-sig")
    assert len(df) == 8 and df["streefwaarde"].isna().all()
    df.loc[(df["indicator_key"] == IND) & (df["jaar"] == 2029), "streefwaarde"] = 38.5
    df.loc[(df["indicator_key"] == "hh_laag_inkomen_pct") & (df["jaar"] == 2027),
           "streefwaarde"] = 4.0
    data = df.to_csv(sep=";", decimal=",", index=False).encode("utf-8-sig")
    kw = dict(indicatoren=indicatoren, regio_codes=regio_codes, voorstel_voor=voorstel, wie=NAAM,
              reden=REDEN)
    res = importeren.importeer_streefwaarden(data, **kw)
    assert res.gelukt and res.gewijzigd == 2 and res.regels == 2
    assert opslag.streefwaarden(IND, H)["waarde"].tolist() == [38.5]
    assert opslag.nulmeting("hh_laag_inkomen_pct", H)["jaar"] == 2023
    # hetzelfde bestand nog eens: niets te doen, geen nieuwe geschiedenis
    n = len(opslag.geschiedenis())
    assert importeren.importeer_streefwaarden(data, **kw).gewijzigd == 0
    assert len(opslag.geschiedenis()) == n


def test_fout_csv_wordt_helemaal_geweigerd_met_regel_en_reden(indicatoren, regio_codes) -> None:
    opslag.initialiseer()
    voor = momentopname()
    data = ("indicator_key;regio_code;jaar;streefwaarde;toelichting\n"
            "bijstand_per_1000;GM0917;2026;42,0;goed\n"
            "bijstand_per_1000;GM0917;2027;41.5;punt als decimaal\n"
            "hh_laag_inkomen_pct;GM0917;2030;4,0;jaar fout\n"
            "bestaat_niet;GM0917;2026;1;\n"
            "hh_laag_inkomen_pct;GM9999;2026;4;\n"
            "hh_laag_inkomen_pct;GM0917;2028;140;\n").encode("utf-8-sig")  # fmt: skip
    res = importeren.importeer_streefwaarden(data, indicatoren=indicatoren, regio_codes=regio_codes,
                                         voorstel_voor=voorstel, wie=NAAM, reden=REDEN)
    assert not res.gelukt and res.gewijzigd == 0
    tekst = "\n".join(res.fouten)
    assert "niets veranderd" in res.fouten[0]
    assert "Regel 3, kolom 4 (streefwaarde): De streefwaarde is geen getal ('41.5': gebruik een komma" in tekst
    assert "Regel 4: Jaar 2030 kan niet" in tekst
    assert "Regel 5: indicator 'bestaat_niet' bestaat niet." in tekst
    assert "Regel 6: regiocode 'GM9999' bestaat niet." in tekst
    assert "Regel 7: Een percentage ligt tussen 0 en 100" in tekst
    assert momentopname() == voor  # ook regel 2 (goed) is niet half geïmporteerd


def test_csv_zonder_verplichte_kolom_of_dubbele_regel(indicatoren, regio_codes) -> None:
    kw = dict(indicatoren=indicatoren, regio_codes=regio_codes, voorstel_voor=voorstel, wie=NAAM,
              reden=REDEN)
    res = importeren.importeer_streefwaarden(b"indicator_key;jaar;streefwaarde\nx;2026;1\n", **kw)
    assert res.fouten == ["Regel 1: kolom(men) regio_code ontbreken. Nodig zijn: indicator_key, "
                          "regio_code, jaar, streefwaarde (toelichting mag)."]
    dubbel = (b"indicator_key;regio_code;jaar;streefwaarde\nbijstand_per_1000;GM0917;2026;42\n"
              b"bijstand_per_1000;GM0917;2026;41\n")
    res = importeren.importeer_streefwaarden(dubbel, **kw)
    assert any("Regel 3: bijstand_per_1000 GM0917 2026 staat ook al op regel 2" in f
               for f in res.fouten)


def test_csv_met_waarschuwing_vraagt_bevestiging(indicatoren, regio_codes) -> None:
    data = b"indicator_key,regio_code,jaar,streefwaarde\nbijstand_per_1000,GM0917,2026,47.5\n"
    kw = dict(indicatoren=indicatoren, regio_codes=regio_codes, voorstel_voor=voorstel, wie=NAAM,
              reden=REDEN)
    res = importeren.importeer_streefwaarden(data, **kw)  # technisch formaat: komma + punt
    assert res.bevestiging_nodig and not res.fouten and res.gewijzigd == 0
    assert opslag.streefwaarden(IND, H).empty
    res = importeren.importeer_streefwaarden(data, bevestigd=True, **kw)
    assert res.gelukt and opslag.streefwaarden(IND, H)["waarde"].tolist() == [47.5]


def test_csv_bytes_maakt_formules_onschadelijk() -> None:
    data = tabel_csv(pd.DataFrame({"tekst": ["=HYPERLINK(1)", "gewoon"], "getal": [-1.5, 2]}), "nl")
    assert data.decode("utf-8-sig").splitlines() == ["tekst;getal", "'=HYPERLINK(1);-1,5",
                                                     "gewoon;2"]


# ----------------------------------------------------------------------------- opdrachten, context


def test_opdracht_bijwerken_met_geschiedenis_en_controle(indicatoren) -> None:
    df = opslag.opdrachten()
    df.loc[df["nr"] == 13, ["status", "eigenaar", "besluitmoment"]] = ["loopt", "Team Schulden",
                                                                      "Raad juni 2026"]
    df.loc[df["nr"] == 13, "indicatoren"] = pd.Series([["problematische_schulden_hh_pct"]],
                                                      index=df.index[df["nr"] == 13])
    assert opslag.sla_opdrachten_op(df, wie=NAAM, reden=REDEN,
                                    indicator_keys=indicatoren["key"]) == 1
    nieuw = opslag.opdrachten().set_index("nr").loc[13]
    assert (nieuw["status"], nieuw["eigenaar"]) == ("loopt", "Team Schulden")
    assert nieuw["indicatoren"] == ["problematische_schulden_hh_pct"]
    g = opslag.geschiedenis("opdracht").iloc[0]
    assert (g["sleutel"], g["wie"]) == ("13", NAAM)
    assert json.loads(g["oud"])["status"] == "nog niet ingevoerd"

    fout = opslag.opdrachten()
    fout.loc[fout["nr"] == 2, "status"] = "half klaar"
    with pytest.raises(validatie.Afgekeurd, match="status 'half klaar' kan niet"):
        opslag.sla_opdrachten_op(fout, wie=NAAM, reden=REDEN, indicator_keys=indicatoren["key"])


def test_context_regel_zonder_bron_geweigerd_schrappen_blijft_in_geschiedenis() -> None:
    ctx = opslag.context_regels()
    erbij = pd.concat([ctx, pd.DataFrame([{"naam": "Nieuwe regeling", "bron": ""}])])
    with pytest.raises(validatie.Afgekeurd, match="vul een bron in"):
        opslag.sla_context_op(erbij, wie=NAAM, reden=REDEN)
    erbij = pd.concat([ctx, pd.DataFrame([{"naam": "Nieuwe regeling", "bron": opslag.BRON_ONBEKEND}])])
    assert opslag.sla_context_op(erbij, wie=NAAM, reden=REDEN) == 1
    zonder_eerste = opslag.context_regels().iloc[1:]
    assert opslag.sla_context_op(zonder_eerste, wie=NAAM, reden="dubbel") == 1
    g = opslag.geschiedenis("context")
    geschrapt = g[(g["sleutel"] == "1") & g["nieuw"].isna()].iloc[0]
    assert json.loads(geschrapt["oud"])["naam"] == "Nationaal Programma Heerlen-Noord (NPHLN)"


# ----------------------------------------------------------------------------- ETL


def test_streefwaarden_overleven_een_etl_herbouw(vers_database) -> None:
    opslag.sla_streefwaarden_op(IND, H, {2028: 39.0}, eenheid="per 1.000 inwoners",
                                richting="lager_is_beter", wie=NAAM, reden=REDEN,
                                nulmeting_voorstel=voorstel(IND, H))
    inhoud = beleid_pad().read_bytes()
    versie_voor = store.db_versie()
    bouw_database(vers_database)
    assert store.db_versie() != versie_voor  # echt een nieuwe statistiekdatabase
    assert beleid_pad().read_bytes() == inhoud  # de ETL raakt de beleidsopslag niet aan
    assert opslag.streefwaarden(IND, H)["waarde"].tolist() == [39.0]
    assert opslag.nulmeting(IND, H)["jaar"] == 2024


# ----------------------------------------------------------------------------- eigenschappen

EENHEDEN = st.sampled_from(list(validatie.BEREIK))
JAREN_OK = st.sampled_from(domein.BELEIDSJAREN)
RUSTIG = settings(max_examples=150, deadline=None,
                  suppress_health_check=[HealthCheck.function_scoped_fixture])


@RUSTIG
@given(jaar=JAREN_OK, w=st.floats(0, 100, allow_nan=False), decimalen=st.integers(0, 3))
def test_eigenschap_percentage_in_bereik_als_nederlandse_tekst_wordt_geaccepteerd(jaar, w,
                                                                                 decimalen):
    tekst = fmt.getal(w, decimalen)  # zoals de monitor het zelf schrijft: 1.234,5
    c = validatie.controleer_streefwaarde(str(jaar), tekst, "%", "lager_is_beter")
    assert c.ok, c.fouten
    # fmt rondt half naar boven af (0,35 → 0,4), net als domein.afronden; round() doet dat niet.
    assert c.waarde == pytest.approx(domein.afronden(w, decimalen))


@RUSTIG
@given(eenheid=EENHEDEN, w=st.floats(allow_nan=False, allow_infinity=False, width=32))
def test_eigenschap_bereik_van_de_eenheid(eenheid, w):
    lo, hi = validatie.BEREIK[eenheid]
    c = validatie.controleer_streefwaarde(2027, w, eenheid, "lager_is_beter", 1.0)
    binnen = (lo is None or w >= lo) and (hi is None or w <= hi)
    if eenheid == "aantal":
        binnen = binnen and w == int(w)
    assert c.ok == binnen


@RUSTIG
@given(jaar=st.integers(-10_000, 10_000).filter(lambda j: j not in domein.BELEIDSJAREN))
def test_eigenschap_alleen_jaren_2026_tot_en_met_2029(jaar):
    c = validatie.controleer_streefwaarde(jaar, 5, "%", "lager_is_beter")
    assert not c.ok and "2026 tot en met 2029" in c.fouten[0]


@RUSTIG
@given(tekst=st.text(max_size=12))
def test_eigenschap_willekeurige_tekst_geeft_nooit_een_crash(tekst):
    c = validatie.controleer_streefwaarde(2026, tekst, "%", "lager_is_beter")
    if c.ok:  # dan moet het echt een getal zijn
        assert c.waarde is not None and math.isfinite(c.waarde) and 0 <= c.waarde <= 100
    else:
        assert all(isinstance(f, str) and f for f in c.fouten)


@RUSTIG
@given(nul=st.floats(0, 100), doel=st.floats(0, 100),
       richting=st.sampled_from(["lager_is_beter", "hoger_is_beter", "neutraal"]))
def test_eigenschap_waarschuwing_precies_als_doel_slechter_is_dan_nulmeting(nul, doel, richting):
    c = validatie.controleer_streefwaarde(2028, doel, "%", richting, nul)
    slechter = (richting == "lager_is_beter" and doel > nul) or (
        richting == "hoger_is_beter" and doel < nul)
    assert bool(c.waarschuwingen) == slechter
    assert c.ok


# ----------------------------------------------------------------------------- issue 11: strikte import


def _importeer(data: bytes, indicatoren, regio_codes) -> importeren.ImportResultaat:
    return importeren.importeer_streefwaarden(data, indicatoren=indicatoren, regio_codes=regio_codes,
                                              voorstel_voor=voorstel, wie=NAAM, reden=REDEN,
                                              bevestigd=True)


def test_decimaalkomma_in_kommabestand_is_een_fout(indicatoren, regio_codes) -> None:
    """Issue 11: '41,5' in een bestand met komma's werd stil 41 (extra veld genegeerd)."""
    data = b"indicator_key,regio_code,jaar,streefwaarde\nbijstand_per_1000,GM0917,2026,41,5\n"
    res = _importeer(data, indicatoren, regio_codes)
    assert not res.gelukt and res.gewijzigd == 0
    assert any(f.startswith("Regel 2: 5 velden, de kopregel heeft er 4.") and "punt (41.5)" in f
               for f in res.fouten), res.fouten
    assert opslag.streefwaarden(IND, H).empty


def test_duizendtal_zonder_decimaal_is_dubbelzinnig(indicatoren, regio_codes) -> None:
    """Issue 11: '1.234' in een puntkommabestand: 1234 of 1,234? Nu een fout met kolom."""
    goed = b"indicator_key;regio_code;jaar;streefwaarde\ngestandaardiseerd_inkomen_hh;GM0917;2026;31.234,5\n"
    assert _importeer(goed, indicatoren, regio_codes).gelukt
    assert opslag.streefwaarden("gestandaardiseerd_inkomen_hh", H)["waarde"].tolist() == [31234.5]
    fout = b"indicator_key;regio_code;jaar;streefwaarde\ngestandaardiseerd_inkomen_hh;GM0917;2027;1.234\n"
    res = _importeer(fout, indicatoren, regio_codes)
    assert not res.gelukt
    assert any("Regel 2, kolom 4 (streefwaarde): '1.234' is dubbelzinnig" in f for f in res.fouten)


@pytest.mark.parametrize("codering", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "cp1252"])
def test_codering_wordt_herkend(indicatoren, regio_codes, codering: str) -> None:
    """Issue 11: UTF-16 gaf 'kolommen ontbreken'; cp1252 (é, €) moet ook."""
    tekst = ("indicator_key;regio_code;jaar;streefwaarde;toelichting\n"
             "bijstand_per_1000;GM0917;2027;41,5;Raadsbesluit, één doel (€ 0)\n")
    res = _importeer(tekst.encode(codering), indicatoren, regio_codes)
    assert res.gelukt, res.fouten
    sw = opslag.streefwaarden(IND, H)
    assert sw["waarde"].tolist() == [41.5]
    assert sw["toelichting"].tolist() == ["Raadsbesluit, één doel (€ 0)"]


def test_onleesbare_bytes_geven_nederlandse_fout(indicatoren, regio_codes) -> None:
    """Issue 11: onleesbare bytes gaven UnicodeDecodeError en 'Er ging iets mis'."""
    res = _importeer(bytes(range(256)) * 8, indicatoren, regio_codes)
    assert not res.gelukt
    assert any("codering" in f or "CSV" in f for f in res.fouten), res.fouten


def test_oude_beginwaarde_niet_gestart_wordt_nog_niet_ingevoerd_maar_menselijke_invoer_blijft(
        ) -> None:
    import duckdb

    opslag.initialiseer()
    # Zoals een opslag van vóór deze versie: het systeem vulde "niet gestart" in, en een mens
    # zette opdracht 3 zelf op "niet gestart".
    with duckdb.connect(str(beleid_pad())) as con:
        con.execute("UPDATE opdracht SET status = 'niet gestart'")
        con.execute("INSERT INTO geschiedenis (tijdstip, wie, tabel, sleutel, oud, nieuw, reden) "
                    "VALUES (now(), 'Anna', 'opdracht', '3', NULL, NULL, 'bewust')")
    opslag._SCHEMA_KLAAR.clear()  # een nieuw proces leest het bestand opnieuw
    statussen = opslag.opdrachten().set_index("nr")["status"]
    assert statussen[3] == "niet gestart"
    assert (statussen.drop(3) == "nog niet ingevoerd").all()
    g = opslag.geschiedenis("opdracht")
    assert (g["reden"] == "Beginwaarde hernoemd: niemand had de status nog ingevoerd").sum() == 18
