"""The words the checks read around their figures (``lexicon/check_words.tsv``), by use."""

from __future__ import annotations

import re
from functools import lru_cache

from ..lexicon import read_table

__all__ = ["alternation", "words"]


@lru_cache(maxsize=1)
def _table() -> dict[str, tuple[str, ...]]:
    uses: dict[str, list[str]] = {}
    for row in read_table("check_words.tsv"):
        uses.setdefault(row["use"], []).append(row["word"])
    return {use: tuple(found) for use, found in uses.items()}


def words(use: str) -> tuple[str, ...]:
    """The words of ``use`` (a value of the ``use`` column), in the order of the file."""
    table = _table()
    if use not in table:
        raise ValueError(f"check_words.tsv has no use {use!r}; it has {sorted(table)}")
    return table[use]


def alternation(*uses: str) -> str:
    """A regex alternation of the words of ``uses``, in the order of the file, for a group."""
    return "|".join(re.escape(w) for use in uses for w in words(use))
