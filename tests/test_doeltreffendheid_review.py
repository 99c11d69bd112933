"""Regressietests voor de pagina Doeltreffendheid (review): zinnen en getallen zoals de lezer ze
ziet, met echte cijfers uit de meegeleverde snapshot.

Laag inkomen (hh_laag_inkomen_pct): de catalogus markeert KWB 2023 als reeksbreuk, met een
reden die al op een punt eindigt. Bijstand: de tabel Verandering moet met de hand na te rekenen
zijn. Inkomen (euro): een trend per jaar zonder centen.
"""

from __future__ import annotations

import pandas as pd
import pytest

from monitor import store
from monitor.beleid import doeltreffendheid as dh
from monitor.beleid import toets
from monitor.beleid.grafieken import pretrend_figuur, verandering_figuur
from monitor.letterlijk import letterlijk
from monitor.verkennen import referentie

H, NL = "GM0917", "NL01"
AMSTELVEEN, HEEMSKERK, MAASTRICHT = "GM0362", "GM0396", "GM0935"
GROEP = [AMSTELVEEN, HEEMSKERK, MAASTRICHT]
NAMEN = {H: "Heerlen", NL: "Nederland", AMSTELVEEN: "Amstelveen", HEEMSKERK: "Heemskerk",
         MAASTRICHT: "Maastricht"}
#: de automatische groep voor gestandaardiseerd inkomen (Hengelo (O.), Sittard-Geleen, Venlo,
#: Leeuwarden, Deventer)
AUTOMATISCH = ["GM0164", "GM1883", "GM0983", "GM0080", "GM0150"]
INKOMEN = "gestandaardiseerd_inkomen_hh"
MIN = "\u2212"


def _tabellen(key: str, van: int, tot: int, eenheid: str, groep: list[str] = GROEP,
              pretrend_tot: int | None = None) -> dict[str, pd.DataFrame]:
    """Zoals de pagina: zonder eigen landelijk cijfer het verwante product als Nederland."""
    v = store.db_versie()
    codes = (H, NL, *groep)
    eigen = store.reeks(v, (key,), codes)
    meta = store.indicatoren(v).set_index("key").loc[key]
    alt = referentie.vergelijk_key(meta, eigen)
    reeks, ander = referentie.nederland_reeks(
        eigen, store.reeks(v, (alt,), (NL,)) if alt else None)
    return toets.doeltreffendheid_tabellen(
        reeks, doel=H, groep=groep, van_jaar=van, tot_jaar=tot, richting="lager_is_beter",
        eenheid=eenheid, pretrend_tot=pretrend_tot, regio_namen=NAMEN,
        ander_product="ander" if ander else None)


@pytest.fixture
def laag_inkomen() -> dict[str, pd.DataFrame]:
    return _tabellen("hh_laag_inkomen_pct", 2020, 2023, "%")


def test_kloof_reden_zonder_dubbele_punt(laag_inkomen: dict) -> None:
    tekst = dh.kloof_onberekenbaar(laag_inkomen)
    assert tekst is not None and "niet vergelijkbaar" in tekst
    assert not tekst.endswith(".."), tekst
    assert tekst.endswith("noemt.")


def test_did_reden_noemt_de_naam_en_geen_code(laag_inkomen: dict) -> None:
    groep_regel = dh.did_regels(laag_inkomen, "Heerlen", "%", "lager_is_beter")[0]
    assert groep_regel.startswith("- Tegen de vergelijkingsgemeenten: niet te berekenen (Heerlen")
    assert H not in groep_regel
    assert not groep_regel.endswith(".)."), groep_regel
    assert groep_regel.endswith("noemt).")
    # ook in de export (blad verschil-in-verschillen): geen regiocode in de reden
    assert H not in str(laag_inkomen["verschil_in_verschillen"]["reden"].iloc[0])


def test_niet_vergelijkbaar_is_iets_anders_dan_geen_cijfer(laag_inkomen: dict) -> None:
    ver = laag_inkomen["verandering"].set_index("regio_code")
    # De cijfers zijn er wel (de tabel toont 10,8% en 4,5%), maar over de KWB-breuk heen.
    assert ver.loc[H, "van"] == pytest.approx(10.8) and ver.loc[H, "tot"] == pytest.approx(4.5)
    tekst = dh.niet_meegeteld_tekst(laag_inkomen)
    assert tekst is not None
    assert "Zonder cijfer" not in tekst
    assert tekst.startswith("Wel cijfers, maar niet te vergelijken (bijvoorbeeld door een "
                           "breuk in de reeks), dus niet meegeteld: ")
    assert tekst.endswith("niet meegeteld: "
                          + letterlijk("Amstelveen, Heemskerk, Maastricht") + ".")
    fig = verandering_figuur(laag_inkomen["verandering"], titel="v", eenheid="%").to_dict()
    noot = fig["layout"]["annotations"][0]["text"]
    assert "Geen cijfer in beide jaren" not in noot
    assert noot == ("Cijfers niet vergelijkbaar tussen beide jaren (breuk in de reeks): "
                    "Heerlen, Amstelveen, Heemskerk, Maastricht")


def test_echt_geen_cijfer_blijft_geen_cijfer() -> None:
    # Schulden: Amstelveen heeft geen enkele rij, Heerlen en Heemskerk niet in 2015.
    t = _tabellen("problematische_schulden_hh_pct", 2015, 2020, "%", [AMSTELVEEN, HEEMSKERK])
    fig = verandering_figuur(t["verandering"], titel="v", eenheid="%").to_dict()
    assert fig["layout"]["annotations"][0]["text"] == (
        "Geen cijfer in beide jaren: Heerlen, Amstelveen, Heemskerk")


def test_verandering_is_het_verschil_van_de_getoonde_cijfers() -> None:
    t = _tabellen("bijstand_per_1000", 2015, 2024, "per 1.000 inwoners")
    tabel = dh.verandering_tabel(t["verandering"], 2015, 2024,
                                 "per 1.000 inwoners").set_index("Regio")
    # onafgerond: Amstelveen 11,46 → 12,93 (+1,47), Maastricht 32,8 → 28,7 (−4,15)
    assert list(tabel.loc["Amstelveen", ["2015", "2024", "Verandering"]]) == [
        "11,5", "12,9", "+1,4"]
    assert list(tabel.loc["Maastricht", ["2015", "2024", "Verandering"]]) == [
        "32,8", "28,7", f"{MIN}4,1"]
    # elke rij: verandering = eind − begin, zoals getoond
    for _, rij in tabel.iterrows():
        getal = [float(rij[k].replace(MIN, "-").replace(",", ".")) for k in
                 ("2015", "2024", "Verandering")]
        assert getal[1] - getal[0] == pytest.approx(getal[2]), rij.name
    # ook de staven van de grafiek die de pagina ernaast toont
    fig = verandering_figuur(dh.getoonde_verandering(t["verandering"], "per 1.000 inwoners"),
                             titel="v", eenheid="per 1.000 inwoners")
    staven = dict(zip(fig.data[0].y, fig.data[0].text, strict=True))
    assert staven["Amstelveen"] == "+1,4" and staven["Maastricht"] == f"{MIN}4,1"
    # de export houdt de onafgeronde cijfers
    assert t["verandering"].set_index("regio_code").loc[AMSTELVEEN, "verschil"] == \
        pytest.approx(1.47, abs=0.01)


def test_verandering_in_euro_uit_de_getoonde_bedragen() -> None:
    t = _tabellen(INKOMEN, 2020, 2024, "euro", AUTOMATISCH)
    tabel = dh.verandering_tabel(t["verandering"], 2020, 2024, "euro").set_index("Regio")
    for _, rij in tabel[tabel["Verandering"].str.endswith(" euro")].iterrows():
        van, tot, ver = (int("".join(c for c in rij[k] if c.isdigit() or c == MIN)
                             .replace(MIN, "-")) for k in ("2020", "2024", "Verandering"))
        assert tot - van == ver, rij.name
    assert tabel.loc["Heerlen", "Verandering"] == "+7.200 euro"


def test_trend_in_euro_zonder_schijnprecisie() -> None:
    t = _tabellen(INKOMEN, 2020, 2024, "euro", AUTOMATISCH, pretrend_tot=2024)
    pre = t["pretrend"]
    zin = dh.pretrend_zin(pre, H, "Heerlen", "euro")
    assert zin is not None and ",00" not in zin
    tabel = dh.pretrend_tabel(pre, "euro").set_index("Regio")
    assert f"Heerlen gemiddeld {tabel.loc['Heerlen', 'Trend per jaar']} per jaar" in zin
    reeks = store.reeks(store.db_versie(), (INKOMEN,), (H, NL))
    fig = pretrend_figuur(reeks, titel="p", eenheid="euro", volgorde=[H, NL], tot_jaar=2024,
                          trends=pre[pre["regio_code"] == H]).to_dict()
    hover = [tr["hovertemplate"] for tr in fig["data"] if tr.get("name", "").startswith("trend")]
    assert hover and all(",00" not in h for h in hover)


def test_te_weinig_cijfers_noemt_alleen_de_korte_reeksen() -> None:
    t = _tabellen(INKOMEN, 2020, 2024, "euro", AUTOMATISCH, pretrend_tot=2024)
    pre = t["pretrend"]
    assert dict(zip(pre["regio_naam"], pre["punten"], strict=True))["Nederland"] < 3
    assert (pre.loc[pre["regio_code"] != NL, "punten"] >= 3).all()
    tekst = dh.te_weinig_voor_pretrend_tekst(pre)
    assert tekst is not None
    assert tekst.startswith("Twee of minder cijfers tot de nulmeting voor Nederland:")
    assert "per reeks" not in tekst
    assert dh.te_weinig_voor_pretrend_tekst(pre[pre["regio_code"] != NL]) is None


def test_pretrend_trekt_geen_lijn_over_een_breuk_in_de_reeks() -> None:
    """Regressie: de pre-trend gaf Heerlen −2,23 procentpunt per jaar over 2020-2023, dwars over
    de breuk van KWB 2023 heen (10,8% en 10,5% tegen 4,5%)."""
    reeks = store.reeks(store.db_versie(), ("hh_laag_inkomen_pct",), (H, *GROEP))
    pre = toets.pretrend(reeks, [H, *GROEP], 2023).assign(
        regio_naam=lambda d: d["regio_code"].map(NAMEN))
    heerlen = pre.set_index("regio_code").loc[H]
    assert heerlen["punten"] == 1 and pd.isna(heerlen["helling"])
    assert heerlen["niet_vergelijkbaar"] == "2020, 2021"
    rij = dh.pretrend_tabel(pre, "%").set_index("Regio").loc["Heerlen"]
    assert rij["Jaren"] == "2023 (2020, 2021 tellen niet mee: breuk in de reeks)"
    assert rij["Trend per jaar"] == "te weinig cijfers"
    assert dh.pretrend_zin(pre, H, "Heerlen", "%") is None
    # zonder breuk verandert er niets: bijstand telt alle jaren mee
    bijstand = toets.pretrend(store.reeks(store.db_versie(), ("bijstand_per_1000",), (H,)), [H], 2024)
    assert bijstand.iloc[0]["niet_vergelijkbaar"] is None and bijstand.iloc[0]["punten"] >= 3


def _getal(tekst: str) -> float:
    """ "−4,5 procentpunt" / "+7.200 euro" / "€ 34.000" → het getal zoals de lezer het ziet."""
    kaal = "".join(c for c in tekst.replace(MIN, "-") if c.isdigit() or c in ",-")
    return float(kaal.replace(",", "."))


def test_kerngetallen_kloof_en_did_tellen_op_in_de_getoonde_cijfers() -> None:
    """Wat de rekenkamer met de hand narekent, klopt op elke plek van de pagina.

    Voor de fix gaf bijstand 2020-2024 het kaartje "Heerlen −4,6" onder "Van 48,3 naar 43,8"
    (−4,5), de zin "Heerlen veranderde −4,6, de vergelijkingsgemeenten −0,5. Verschil: −4,0" en
    bij de AO-uitkering een kloof van +42,7 waar de getoonde cijfers +42,8 geven. Alle indicatoren
    van de pagina, alle perioden met een cijfer voor Heerlen.
    """
    v = store.db_versie()
    ind = store.indicatoren(v).set_index("key")
    gezien = 0
    for key in dh.kandidaten(store.indicatoren(v))["key"]:
        eenheid = str(ind.loc[key, "eenheid"])
        eigen = store.reeks(v, (key,), (H,))
        jaren = sorted(set(eigen.loc[eigen["waarde"].notna(), "jaar"].astype(int)))
        for i, van in enumerate(jaren):
            for tot in jaren[i + 1:]:
                t = _tabellen(key, van, tot, eenheid)
                tabel = dh.verandering_tabel(t["verandering"], van, tot, eenheid).set_index("Rol")
                tabel = tabel.rename(index={"doel": "Heerlen"})
                kaart = dh.verandering_kerngetallen(t, NAMEN, H, eenheid, False)
                if kaart[0].waarde != "geen cijfer":
                    assert kaart[0].waarde == tabel.loc["Heerlen", "Verandering"], (key, van, tot)
                kloof = dh.kloof_kerngetallen(t, eenheid, "lager_is_beter")
                for k, jaar in ((kloof[0], van), (kloof[1], tot)):
                    if k.waarde not in ("geen cijfer", "niet vergelijkbaar"):
                        assert _getal(k.waarde) == pytest.approx(
                            _getal(tabel.loc["Heerlen", str(jaar)])
                            - _getal(tabel.loc["Nederland", str(jaar)])), (key, van, tot)
                for regel in dh.did_regels(t, "Heerlen", eenheid, "lager_is_beter"):
                    if "niet te berekenen" in regel:
                        continue
                    doel = regel.split("veranderde ")[1].split(", ")[0]
                    groep = regel.split(", ")[1].split(". Verschil")[0].split(" ", 1)[1]
                    groep = groep.split("gemeenten ")[-1]
                    effect = regel.split("**")[1]
                    assert _getal(doel) - _getal(groep) == pytest.approx(_getal(effect)), regel
                    assert doel == tabel.loc["Heerlen", "Verandering"], (key, van, tot)
                    gezien += 1
    assert gezien >= 30  # de test ziet echt zinnen met een verschil (nu 40)


def test_pretrend_een_jaar_telt_niet_mee() -> None:
    """Eén jaar over een breuk: "2014 telt niet mee", niet "2014 tellen niet mee" (Nederland bij
    bijstand: 2014 komt uit een andere bron dan de som van de gemeenten)."""
    reeks = store.reeks(store.db_versie(), ("bijstand_per_1000",), (H, NL, *GROEP))
    pre = toets.pretrend(reeks, [H, NL, *GROEP], 2024).assign(
        regio_naam=lambda d: d["regio_code"].map(NAMEN))
    assert pre.set_index("regio_code").loc[NL, "niet_vergelijkbaar"] == "2014"
    rij = dh.pretrend_tabel(pre, "per 1.000 inwoners").set_index("Regio").loc["Nederland"]
    assert rij["Jaren"] == "2015-2024 (2014 telt niet mee: breuk in de reeks)"


def test_verandering_tabel_noemt_nederland_uit_een_ander_product_zo() -> None:
    """Grafiek en kaartje zeggen "Nederland (ander CBS-product)"; de tabel eronder zei "Nederland"
    (laag inkomen: het landelijke cijfer komt uit een verwant product)."""
    t = _tabellen("hh_laag_inkomen_pct", 2020, 2023, "%")
    assert t["kanttekeningen"]["soort"].str.contains("ander CBS-product").any()
    tabel = dh.verandering_tabel(t["verandering"], 2020, 2023, "%", ander=True)
    assert list(tabel.loc[tabel["Rol"] == "Nederland", "Regio"]) == ["Nederland (ander CBS-product)"]
    assert "Nederland (ander CBS-product)" in [k.label for k in dh.verandering_kerngetallen(
        t, NAMEN, H, "%", ander=True)]


def test_verandering_figuur_arceert_nederland_niet() -> None:
    """Gearceerd betekent overal "voorlopig cijfer" (charts.UITLEG_VOORLOPIG_STAAF). De staaf van
    Nederland in de grafiek Verandering was altijd gearceerd, ook bij definitieve cijfers."""
    t = _tabellen("bijstand_per_1000", 2015, 2024, "per 1.000 inwoners")
    fig = verandering_figuur(dh.getoonde_verandering(t["verandering"], "per 1.000 inwoners"),
                             titel="v", eenheid="per 1.000 inwoners")
    assert "Nederland" in list(fig.data[0].y)
    vormen = fig.data[0].marker.pattern.shape
    assert not vormen or not any(vormen), vormen
