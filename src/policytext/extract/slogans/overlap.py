"""Overlap resolution: one mention per stretch of text.  The same span found by several kinds
of evidence is merged (the lexicon's knowledge, the most specific kind); of overlapping spans
the longest wins."""

from __future__ import annotations

from .mention import SloganMention

__all__ = ["resolve_overlaps"]

# which evidence names a merged mention: a numbered name (十一五, 十九大) wins over the same span
# read as a quoted shape
_PRIORITY = {"plan_period": 4, "congress": 4, "plenum": 4, "consensus": 4, "lexicon": 3, "quote": 2,
             "digit_code": 3, "stated_members": 1}  # fmt: skip


def resolve_overlaps(found: list[SloganMention]) -> list[SloganMention]:
    """Keep the longest of overlapping mentions; the same span found twice keeps the
    lexicon's knowledge and the quote's extent."""
    if len(found) < 2:
        return list(found)  # nothing to merge (most texts): skip the sorting
    ordered = sorted(_merge_same_spans(found), key=lambda m: (m.start, -(m.end - m.start)))
    kept: list[SloganMention] = []
    for m in ordered:
        if kept and m.start < kept[-1].end:
            if m.end - m.start > kept[-1].end - kept[-1].start:
                kept[-1] = m
            continue
        kept.append(m)
    return kept


def _merge_same_spans(found: list[SloganMention]) -> list[SloganMention]:
    """One mention per span, the first found, enriched by the later ones."""
    merged: dict[tuple[int, int], SloganMention] = {}
    for m in found:
        old = merged.setdefault((m.start, m.end), m)
        if old is not m:
            _merge_into(old, m)
    return list(merged.values())


def _merge_into(old: SloganMention, new: SloganMention) -> None:
    """Take the lexicon entry if ``old`` has none, a specific kind, and the stronger evidence."""
    if old.entry is None and new.entry is not None:
        old.entry, old.ambiguous = new.entry, new.ambiguous
    if new.kind != "slogan":
        old.kind = new.kind
    if _PRIORITY.get(new.matched_by, 0) > _PRIORITY.get(old.matched_by, 0):
        old.matched_by = new.matched_by
