"""The record every finder yields, and the character classes the finders share.

The character classes are grammar (the digits of a numeral, the classifiers between a numeral
and its head, quote marks), so they stay in code; words live in ``lexicon/slogan_*.tsv``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ...resources import LexiconEntry

__all__ = ["CLASSIFIERS", "CLOSE_QUOTES", "NUM", "NUM_CLASS", "OPEN_QUOTES", "SloganMention"]

NUM = "一二两三四五六七八九十百千万双"
NUM_CLASS = f"[{NUM}]"
# classifiers that sit between the numeral and the head of a simple form
CLASSIFIERS = "个大项支条种类级环基位批型化"
OPEN_QUOTES = "“「『\"‘"
CLOSE_QUOTES = "”」』\"’"


@dataclass
class SloganMention:
    """A slogan as found in the working text (offsets into the working text)."""

    start: int
    end: int
    normalized: str
    number: int | None
    parts: tuple[int, ...]
    kind: str = "slogan"
    items: list[tuple[int, int]] = field(default_factory=list)
    items_source: str | None = None
    entry: LexiconEntry | None = None
    ambiguous: tuple[LexiconEntry, ...] = ()
    matched_by: str = "shape"
    declared: int | None = None  # how many items the form announces (for the count check)
