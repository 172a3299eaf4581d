"""Data files shipped with policytext, loaded once per process and cached.

* ``slogans.tsv``: numbered slogans with member lists, each row with its public source.
* ``conversion_fixes.tsv``: where OpenCC errs on political text (used by :mod:`policytext.text.script`).
* ``units.tsv``: units and measure words with their kind and SI factor (used by quantities).
* ``not_quantities.tsv``: idioms and set phrases whose numeral and measure word are not an amount.
* ``tw2s_changing.txt``: the characters OpenCC's ``tw2s`` can change, rebuilt from OpenCC's own
  dictionaries by ``build_tw2s_changing.py``; a text without them skips the conversion.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from importlib import resources
from typing import Iterator

__all__ = ["LexiconEntry", "Unit", "slogan_lexicon", "read_table", "unit_table", "not_quantities"]


@dataclass(frozen=True, slots=True)
class LexiconEntry:
    id: str
    slogan: str
    #: how many items the slogan names (a compound's total), None when unknown
    members: int | None
    items: tuple[str, ...]
    domain: str
    kind: str
    first_known_year: int | None
    source: str


def read_table(name: str) -> Iterator[dict[str, str]]:
    """Rows of a tab-separated data file of this package (``#`` lines are comments)."""
    path = resources.files("policytext") / "lexicon" / name
    with path.open(encoding="utf-8") as fh:
        yield from csv.DictReader((ln for ln in fh if not ln.startswith("#")), delimiter="\t")


@lru_cache(maxsize=1)
def slogan_lexicon() -> tuple[LexiconEntry, ...]:
    """Every row of ``slogans.tsv`` (homographs appear once per sense)."""
    entries = []
    for row in read_table("slogans.tsv"):
        items = tuple(i.strip() for i in row["items"].split("；") if i.strip())
        entries.append(
            LexiconEntry(
                id=row["id"],
                slogan=row["slogan"],
                members=int(row["members"]) if row["members"] else None,
                items=items,
                domain=row["domain"],
                kind=row["kind"] or "slogan",
                first_known_year=int(row["first_known_year"]) if row["first_known_year"] else None,
                source=row["source"],
            )
        )
    return tuple(entries)


@dataclass(frozen=True, slots=True)
class Unit:
    unit: str
    kind: str
    si_unit: str | None
    si_factor: Decimal | None


@lru_cache(maxsize=1)
def unit_table() -> dict[str, Unit]:
    """``units.tsv`` keyed by the unit as written."""
    table: dict[str, Unit] = {}
    for row in read_table("units.tsv"):
        unit = row["unit"]
        if unit in table:
            raise ValueError(f"units.tsv: {unit!r} is listed twice")
        table[unit] = Unit(
            unit=unit,
            kind=row["kind"],
            si_unit=row["si_unit"] or None,
            si_factor=Decimal(row["si_factor"]) if row["si_factor"] else None,
        )
    return table


@lru_cache(maxsize=1)
def not_quantities() -> tuple[str, ...]:
    """Set phrases from ``not_quantities.tsv``."""
    return tuple(row["text"] for row in read_table("not_quantities.tsv"))
