"""Reads and validates `catalog.toml`: the indicator catalogue and the source list, as data."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from etl.config import CATALOGUS
from etl.fouten import EtlFout

Richting = Literal["lager_is_beter", "hoger_is_beter", "neutraal"]
Status = Literal["definitief", "voorlopig", "nader voorlopig", "onbekend", "geheim", "berekend",
                 "geciteerd", "begroot"]


class Afgeleid(BaseModel):
    """A figure the ETL computes: factor * teller / noemer, same region and year."""

    model_config = ConfigDict(extra="forbid")
    teller: str
    noemer: str
    factor: float = 1.0
    bron: Literal["teller", "noemer"] = "teller"

    def formule(self) -> str:
        factor = "" if self.factor == 1 else f"{self.factor:g} × "
        return f"{factor}{self.teller} / {self.noemer}"


class Reeksbreuk(BaseModel):
    """A source whose figures of this indicator form their own series: not comparable with the
    rest (an edition with another definition, or one not shown to be the same series).

    Declared only with a documented reason; `herkomst` names the CBS source or SOURCES.md section.
    """

    model_config = ConfigDict(extra="forbid")
    bron: str
    reeks: str
    reden: str
    herkomst: str


class Indicator(BaseModel):
    model_config = ConfigDict(extra="forbid")
    key: str
    titel: str
    eenheid: str
    decimalen: int = Field(ge=-3, le=3)  # publication precision: rounding never goes beyond it
    # A count the source rounds (CBS: "rondt af op tientallen" = 10). The ETL stores the range the
    # true count lies in, and carries it into every figure derived from it (etl.afronding).
    afgerond_op: int | None = Field(default=None, ge=2)
    definitie: str
    richting: Richting
    thema: str
    peildatum: str | None = Field(default=None, pattern=r"^\d\d-\d\d$")
    beschikbaar_na: int = Field(ge=0, le=5)
    afgeleid: Afgeleid | None = None
    vergelijk_nl: str | None = None
    # Nederland where CBS publishes none: "som" = sum over all gemeenten of a year, "verhouding"
    # = factor × Σteller / Σnoemer (ratio of the sums). Only when every gemeente has a value.
    nederland: Literal["som", "verhouding"] | None = None
    reeksbreuk: list[Reeksbreuk] = []

    @model_validator(mode="after")
    def _afgerond_alleen_bij_een_aantal(self) -> Indicator:
        """Rounding is declared on a published count only: a derived figure inherits its range."""
        if self.afgerond_op is not None and (self.eenheid != "aantal" or self.afgeleid is not None):
            raise ValueError(f"indicator {self.key}: afgerond_op hoort alleen bij een gepubliceerd "
                             "aantal (eenheid 'aantal', niet afgeleid)")
        return self


class Online(BaseModel):
    """How `python -m etl refresh` asks CBS for this table with cbsodata."""

    model_config = ConfigDict(extra="forbid")
    filter: str
    regio: str | None = None
    kolommen: dict[str, str | list[str]] | None = None


class NietLaden(BaseModel):
    """A line deliberately skipped because the same figure is loaded from another source."""

    model_config = ConfigDict(extra="forbid")
    regio: str
    indicator: str
    jaar: int
    reden: str


class Bron(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str
    soort: Literal["statline", "schulden", "lokaal", "geciteerd", "berekend"]
    tabel_id: str
    titel: str
    versie: str
    url: str
    licentie: str
    rang: int
    formaat: Literal[
        "odata_csv", "label_csv", "statline_export", "odata4_csv", "schulden_csv", "lokaal_csv",
        "berekend",  # figures the ETL computes itself (Nederland as a sum); no file
    ]
    bestand: str
    toelichting: str = ""
    opgehaald_op: str | None = None
    regio: str | None = None
    naam: str | None = None
    regio_naam: str | None = None
    perioden: str | None = None
    jaar: int | None = None
    jaren: list[int] | None = None
    status: Status = "definitief"
    status_per_indicator: dict[str, Status] = {}
    kolommen: dict[str, str | list[str]] = {}
    bestand_kolommen: dict[str, str] = {}
    factor: dict[str, float] = {}
    ontbrekend: list[str] = []
    herstel_aanhalingstekens: bool = False
    decimaal: Literal["punt", "komma"] | None = None  # number dialect of the file; see dialect()
    perioden_codes: str | None = None
    vaste_regio: str | None = None
    reeksen: dict[str, str] = {}
    online: Online | None = None
    optioneel: list[str] = []  # indicators an edition may lack (listed in niet_geladen, not an error)
    niet_laden: list[NietLaden] = []  # a figure is loaded once: duplicates of another source
    # Publication precision of this source where it differs from the indicator's `decimalen`
    # (PDOK gives whole percentages where StatLine gives one decimal): precision, not definition.
    precisie: dict[str, int] = {}

    @model_validator(mode="after")
    def _jaar_of_perioden(self) -> "Bron":
        needs_year = self.formaat in ("odata_csv", "label_csv")
        if needs_year and self.jaar is None and self.perioden is None and self.jaren is None:
            raise ValueError(f"bron {self.id}: geef 'jaar', 'jaren' of 'perioden'")
        return self

    def dialect(self) -> Literal["punt", "komma"]:
        """Declared number dialect: StatLine exports and OData v4 CSV use a decimal comma."""
        if self.decimaal:
            return self.decimaal
        return "komma" if self.formaat in ("statline_export", "odata4_csv") else "punt"

    def online_kolommen(self) -> dict[str, str | list[str]]:
        return (self.online.kolommen if self.online and self.online.kolommen else self.kolommen)


class Reeks(BaseModel):
    """A series of CBS tables found by title in CBS's table list, one table per edition.

    `titel` is a regular expression over the full title, with a group `jaar` for the edition
    year ("Kerncijfers wijken en buurten (?P<jaar>\\d{4})"). An edition the catalogue does not
    list as a `[[bron]]` is loaded with these settings; every indicator is optional there,
    because editions differ (a missing column is listed in `niet_geladen`).
    """

    model_config = ConfigDict(extra="forbid")
    id: str
    titel: str
    vanaf: int = 0
    rang: int
    regio: str
    naam: str | None = None
    perioden: str | None = None
    filter: str
    kolommen: dict[str, str | list[str]]
    factor: dict[str, float] = {}
    licentie: str = "CC BY 4.0 (CBS)"
    toelichting: str = ""

    def bron_voor(self, tabel_id: str, titel: str, jaar: int | None) -> Bron:
        return Bron(
            id=tabel_id, soort="statline", tabel_id=tabel_id, titel=titel,
            versie="gevonden in de tabellenlijst van CBS", licentie=self.licentie, rang=self.rang,
            url=f"https://opendata.cbs.nl/ODataFeed/odata/{tabel_id}/", formaat="odata_csv",
            bestand=f"snapshot/statline/{tabel_id}", regio=self.regio, naam=self.naam, jaar=jaar,
            perioden=self.perioden, kolommen=self.kolommen, factor=self.factor,
            optioneel=list(self.kolommen), online=Online(filter=self.filter, regio=self.regio),
            # Without the series id: the page shows this text, and the id is an internal name.
            toelichting=self.toelichting or "Editie gevonden in de tabellenlijst van CBS.")


class Catalogus(BaseModel):
    model_config = ConfigDict(extra="forbid")
    indicator: list[Indicator]
    bron: list[Bron]
    reeks: list[Reeks] = []

    @model_validator(mode="after")
    def _samenhang(self) -> "Catalogus":
        keys = [i.key for i in self.indicator]
        if len(keys) != len(set(keys)):
            raise ValueError("dubbele indicatorsleutel in de catalogus")
        ids = [b.id for b in self.bron]
        if len(ids) != len(set(ids)):
            raise ValueError("dubbele bron-id in de catalogus")
        known = set(keys)
        for ind in self.indicator:
            for ref in filter(None, [ind.vergelijk_nl, *(
                [ind.afgeleid.teller, ind.afgeleid.noemer] if ind.afgeleid else [])]):
                if ref not in known:
                    raise ValueError(f"indicator {ind.key} verwijst naar onbekende {ref}")
        bron_ids = set(ids)
        for ind in self.indicator:
            if ind.nederland == "verhouding" and ind.afgeleid is None:
                raise ValueError(f"indicator {ind.key}: nederland = 'verhouding' vraagt 'afgeleid'")
            for breuk in ind.reeksbreuk:
                if breuk.bron not in bron_ids:
                    raise ValueError(f"indicator {ind.key}: reeksbreuk noemt onbekende bron {breuk.bron}")
        for b in self.bron:
            for key in [*b.kolommen, *b.bestand_kolommen, *b.reeksen, *b.factor, *b.precisie]:
                if key not in known:
                    raise ValueError(f"bron {b.id} noemt onbekende indicator {key}")
        for r in self.reeks:
            for key in [*r.kolommen, *r.factor]:
                if key not in known:
                    raise ValueError(f"reeks {r.id} noemt onbekende indicator {key}")
        return self

    def indicatoren(self) -> dict[str, Indicator]:
        return {i.key: i for i in self.indicator}


def laad_catalogus(pad: Path = CATALOGUS) -> Catalogus:
    """Parse and validate the catalogue; a mistake in it stops the build with a Dutch message."""
    try:
        with pad.open("rb") as f:
            return Catalogus.model_validate(tomllib.load(f))
    except (tomllib.TOMLDecodeError, ValidationError) as fout:
        raise EtlFout(f"De indicatorcatalogus {pad.name} klopt niet: {fout}") from fout
