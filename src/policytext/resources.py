"""The data every stage reads, loaded and checked: the shipped tables under ``lexicon/`` and a
researcher's own slogan list.

Shipped tables load once per process (they never change while it runs).  A :class:`Resources`
holds what one :class:`~policytext.analyzer.Analyzer` uses: the shipped tables plus the rows of
a user's list, and the structures built from them (the lexicon's matcher, the segmenter), each
built on first use and kept for the life of the instance.

A user's slogan list is a UTF-8 tab-separated file with a header row:

=========  ==========================================================================
column     meaning
=========  ==========================================================================
slogan     the formulation as written (Traditional or Simplified); required
items      its members, separated by 、 (optional)
source     where it is stated: an address, or issuer + title + date (optional)
kind       ``slogan`` (default), ``plan_period``, ``congress``, ``plenum``, ``consensus``
id         an id of the user's (optional; ``<file>:<line>`` by default)
=========  ==========================================================================

Other columns are ignored (so the candidates ``policytext discover`` writes can be passed back
as they are), and lines that start with ``#`` are comments.  A row whose slogan is already in
the shipped lexicon replaces the shipped senses of it: the researcher's members win.  A bad file
raises :class:`~policytext.errors.InputError` naming ``file:line``.
"""

from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

from .errors import InputError
from .lexicon import read_table

__all__ = [
    "LexiconEntry",
    "Unit",
    "Resources",
    "SLOGAN_KINDS",
    "shipped_slogans",
    "unit_table",
    "not_quantities",
    "not_numeral_words",
    "read_user_slogans",
]

T = TypeVar("T")

#: the kinds a lexicon row may have
SLOGAN_KINDS = ("slogan", "plan_period", "congress", "plenum", "consensus")


@dataclass(frozen=True, slots=True)
class LexiconEntry:
    """One sense of a numbered formulation in a slogan list."""

    id: str
    slogan: str
    #: how many items the slogan names (a compound's total), None when unknown
    members: int | None
    items: tuple[str, ...]
    domain: str
    kind: str
    first_known_year: int | None
    source: str


@dataclass(frozen=True, slots=True)
class Unit:
    unit: str
    kind: str
    si_unit: str | None
    si_factor: Decimal | None


# -- shipped tables: once per process ----------------------------------------------------------


@lru_cache(maxsize=1)
def shipped_slogans() -> tuple[LexiconEntry, ...]:
    """Every row of ``lexicon/slogans.tsv`` (homographs appear once per sense)."""
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


@lru_cache(maxsize=1)
def unit_table() -> dict[str, Unit]:
    """``lexicon/units.tsv`` keyed by the unit as written."""
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
    """Set phrases from ``lexicon/not_quantities.tsv``."""
    return tuple(row["text"] for row in read_table("not_quantities.tsv"))


@lru_cache(maxsize=None)
def not_numeral_words(used_by: str) -> tuple[str, ...]:
    """Words of ``lexicon/not_numerals.tsv`` whose numeral characters are not numbers, for one
    of its users: ``"numbers"`` (the number reader) or ``"slogans"`` (the slogan finder)."""
    if used_by not in ("numbers", "slogans"):
        raise ValueError(f"used_by={used_by!r}: not_numerals.tsv has columns numbers and slogans")
    return tuple(row["word"] for row in read_table("not_numerals.tsv") if row[used_by] == "yes")


# -- a user's slogan list -----------------------------------------------------------------------

_NUMERAL = re.compile(r"[〇零一二两三四五六七八九十百千万双\d０-９]")
_USER_COLUMNS = ("slogan", "items", "source", "kind", "id")


def read_user_slogans(source: str | os.PathLike[str] | Iterable[Mapping[str, Any]]) -> tuple[LexiconEntry, ...]:
    """The rows of a user's slogan list, from a TSV path or from row mappings (``{"slogan": …,
    "items": "A、B" or a list, "source": …}``), converted to the working text's script.

    >>> [(e.slogan, e.items, e.members) for e in read_user_slogans([{"slogan": "三個確保", "items": "甲、乙、丙"}])]
    [('三个确保', ('甲', '乙', '丙'), 3)]
    """
    if isinstance(source, (str, os.PathLike)):
        path = Path(source)
        name = str(source)
        rows = _tsv_rows(path, name)
    else:
        if isinstance(source, Mapping):
            raise InputError("extra_slogans", "give a path or a list of rows, not one row")
        name = "<rows>"
        rows = ((i, row) for i, row in enumerate(source, start=1))
    entries: list[LexiconEntry] = []
    seen: dict[str, str] = {}
    ids: dict[str, str] = {}
    for line, row in rows:
        where = f"{name}:{line}"
        entry = _user_entry(row, where, name, line)
        if entry.slogan in seen:
            raise InputError(where, f"{entry.slogan!r} is listed twice (first at {seen[entry.slogan]})")
        if entry.id in ids:
            raise InputError(where, f"id {entry.id!r} is used twice (first at {ids[entry.id]})")
        seen[entry.slogan] = ids[entry.id] = where
        entries.append(entry)
    if not entries and name != "<rows>":
        raise InputError(name, "has no slogan rows under its header")
    return tuple(entries)


def _tsv_rows(path: Path, name: str) -> Iterator[tuple[int, Mapping[str, Any]]]:
    if not path.is_file():
        raise InputError(name, "no such file" if not path.exists() else "is not a file")
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(name, f"is not UTF-8 (byte {exc.start})") from None
    except OSError as exc:
        raise InputError(name, f"cannot be read: {exc.strerror or exc}") from None
    lines = [(n, ln.rstrip("\r")) for n, ln in enumerate(text.split("\n"), start=1) if ln.strip() and not ln.startswith("#")]
    if not lines:
        raise InputError(name, "has no header row (a tab-separated file with a 'slogan' column)")
    header_line, header = lines[0]
    columns = [c.strip() for c in header.split("\t")]
    if "slogan" not in columns:
        raise InputError(f"{name}:{header_line}", f"the header has no 'slogan' column (it has {columns}; columns are tab-separated)")
    if len(set(columns)) != len(columns):
        raise InputError(f"{name}:{header_line}", "the header names a column twice")
    for n, ln in lines[1:]:
        cells = next(csv.reader(io.StringIO(ln), delimiter="\t", quoting=csv.QUOTE_NONE))
        if len(cells) > len(columns):
            raise InputError(f"{name}:{n}", f"{len(cells)} fields for a header of {len(columns)}")
        yield n, dict(zip(columns, [c.strip() for c in cells]))


def _user_entry(row: Mapping[str, Any], where: str, name: str, line: int) -> LexiconEntry:
    from .text.normalize import normalize
    from .text.script import to_simplified

    def cell(key: str) -> str:
        value = row.get(key)
        if value is None:
            return ""
        if not isinstance(value, str):
            raise InputError(where, f"{key} must be text, not {type(value).__name__}")
        return value.strip()

    slogan = cell("slogan")
    if not slogan:
        raise InputError(where, "the slogan is empty")
    if any(c.isspace() for c in slogan) or len(slogan) > 30:
        raise InputError(where, f"{slogan[:40]!r} is not one formulation (white space inside, or over 30 characters)")
    if not _NUMERAL.search(slogan):
        raise InputError(where, f"{slogan!r} has no numeral: the slogan list is for numbered formulations (数字式提法)")
    raw_items = row.get("items")
    if isinstance(raw_items, (list, tuple)):
        items = [str(i).strip() for i in raw_items]
    else:
        items = [i.strip() for i in cell("items").split("、")] if cell("items") else []
    if any(not i for i in items):
        raise InputError(where, "items has an empty member (members are separated by 、)")
    kind = cell("kind") or "slogan"
    if kind not in SLOGAN_KINDS:
        raise InputError(where, f"kind {kind!r} is not one of {list(SLOGAN_KINDS)}")

    def working(s: str) -> str:
        return normalize(to_simplified(s)).text

    return LexiconEntry(
        id=cell("id") or f"{Path(name).name}:{line}",
        slogan=working(slogan),
        members=len(items) or None,
        items=tuple(working(i) for i in items),
        domain=cell("domain"),
        kind=kind,
        first_known_year=None,
        source=cell("source") or f"user list {Path(name).name}, line {line}",
    )


# -- what one analyzer uses ----------------------------------------------------------------------


class Resources:
    """The data one :class:`~policytext.analyzer.Analyzer` reads: the shipped tables (shared by
    every instance in the process) plus a user's slogan rows, and what is built from them on
    first use (:meth:`built`)."""

    def __init__(self, extra_slogans: tuple[LexiconEntry, ...] = ()) -> None:
        self.extra_slogans = extra_slogans
        replaced = {e.slogan for e in extra_slogans}
        #: the slogan lexicon: the shipped senses, less those a user's row replaces, then the user's
        self.slogans: tuple[LexiconEntry, ...] = (
            tuple(e for e in shipped_slogans() if e.slogan not in replaced) + extra_slogans
        )
        self.units = unit_table()
        self.not_quantities = not_quantities()
        self._built: dict[str, Any] = {}

    def built(self, key: str, build: Callable[[Resources], T]) -> T:
        """What ``build(self)`` returns, built once per instance and kept under ``key``."""
        try:
            return self._built[key]  # type: ignore[no-any-return]
        except KeyError:
            value = self._built[key] = build(self)
            return value

    def __repr__(self) -> str:
        return f"Resources({len(self.slogans)} slogans, {len(self.extra_slogans)} of them the user's)"


@lru_cache(maxsize=1)
def default_resources() -> Resources:
    """The shipped data alone, shared by every analyzer without a user list in this process."""
    return Resources()
