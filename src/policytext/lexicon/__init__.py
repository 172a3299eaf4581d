"""Data files shipped with policytext, loaded once per process and cached.

* ``slogans.tsv``: numbered slogans with member lists, each row with its public source.
* ``conversion_fixes.tsv``: where OpenCC errs on political text (used by :mod:`policytext.script`).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Iterator

__all__ = ["LexiconEntry", "slogan_lexicon", "read_table"]


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
