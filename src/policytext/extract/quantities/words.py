"""The quantity reader's vocabulary: ``lexicon/quantity_words.tsv`` by role, once per process."""

from __future__ import annotations

from functools import lru_cache

from ...lexicon import read_table

__all__ = ["quantity_words"]

_ROLES = frozenset({
    "self_counted", "not_counted", "counted_head", "article_before", "adverb_numeral", "adverb_next",
    "not_a_measure", "currency_before", "place", "place_not_before", "not_more_marker", "not_nearly",
    "yuan_after_currency", "yuan_before_coins",
})  # fmt: skip


@lru_cache(maxsize=None)
def quantity_words(role: str) -> tuple[str, ...]:
    """The words of ``lexicon/quantity_words.tsv`` with one role, in file order."""
    if role not in _ROLES:
        raise ValueError(f"quantity_words.tsv has no role {role!r} (roles: {sorted(_ROLES)})")
    return tuple(row["word"] for row in read_table("quantity_words.tsv") if row["role"] == role)
