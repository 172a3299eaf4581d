"""The slogan finder's word lists, read once per process from ``lexicon/slogan_*.tsv``.

Each list is a table of rows with a reason (``why``) per row, so that a new head noun or cue
word is a data row, not code.  The tables are read on first use (never at import) and kept
with :func:`functools.lru_cache`; the patterns built from them are cached where they are built.
"""

from __future__ import annotations

from functools import lru_cache

from ...lexicon import read_table

__all__ = ["domain_cues", "words"]


@lru_cache(maxsize=None)
def _table(name: str) -> tuple[dict[str, str], ...]:
    """The rows of a shipped table, each checked to give its reason."""
    rows = tuple(read_table(name))
    for i, row in enumerate(rows):
        if not all(row.values()) or None in row:
            raise ValueError(f"lexicon/{name}: row {i + 1} has an empty or missing field: {row}")
    return rows


@lru_cache(maxsize=None)
def words(name: str, value: str, column: str = "role") -> tuple[str, ...]:
    """The words of table ``name`` whose ``column`` is ``value``, in the order of the file.

    >>> words("slogan_list_words.tsv", "conjunction")
    ('以及', '及', '和')
    """
    found = tuple(row["word"] for row in _table(name) if row[column] == value)
    if not found:
        raise ValueError(f"lexicon/{name}: no row with {column}={value!r}")
    return found


@lru_cache(maxsize=1)
def domain_cues() -> dict[str, tuple[str, ...]]:
    """Cue words by domain, for choosing the sense of a homograph (``slogan_domain_cues.tsv``)."""
    cues: dict[str, list[str]] = {}
    for row in _table("slogan_domain_cues.tsv"):
        cues.setdefault(row["domain"], []).append(row["cue"])
    return {domain: tuple(words) for domain, words in cues.items()}
