"""Extractors: small pure functions over the normalized working text.  Each yields records in
document order with offsets into the text it was given; :func:`policytext.analyze` maps them
back to the original."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..records import DateMention, Finding, Item, Quantity, Slogan, Span
from .slogans import SloganMention, find_slogans

if TYPE_CHECKING:
    from ..pipeline import Working

__all__ = ["run_extractors"]


def run_extractors(
    w: Working, *, skip: list[tuple[int, int]] | None = None
) -> tuple[tuple[Slogan, ...], tuple[Quantity, ...], tuple[DateMention, ...], tuple[Finding, ...]]:
    """Run every extractor and the checks on a prepared document; records come back with
    original offsets.  Mentions inside the working-text spans ``skip`` are left out."""
    mentions = find_slogans(w.text, skip=skip)
    slogans = tuple(_slogan_record(w, m) for m in mentions)
    findings = tuple(f for m, rec in zip(mentions, slogans) if (f := _count_check(m, rec)) is not None)
    quantities: tuple[Quantity, ...] = ()
    dates: tuple[DateMention, ...] = ()
    return slogans, quantities, dates, findings


def _slogan_record(w: Working, m: SloganMention) -> Slogan:
    text, start, end = w.surface(m.start, m.end)
    items = tuple(Item(*w.surface(s, e)) for s, e in m.items)
    entry = m.entry
    if entry is None and m.ambiguous:
        lexicon_id = "|".join(e.id for e in m.ambiguous)
        lexicon_source = " | ".join(e.source for e in m.ambiguous)
    else:
        lexicon_id = entry.id if entry else None
        lexicon_source = entry.source if entry else None
    items_source = m.items_source
    return Slogan(
        text=text,
        start=start,
        end=end,
        normalized=m.normalized,
        number=m.number,
        parts=m.parts,
        kind=m.kind,
        items=items,
        items_source=items_source,
        lexicon_id=lexicon_id,
        lexicon_source=lexicon_source,
        lexicon_items=entry.items if (entry is not None and items_source == "lexicon") else (),
        matched_by=m.matched_by,
    )


def _count_check(m: SloganMention, rec: Slogan) -> Finding | None:
    """Declared count against the items the text lists."""
    if rec.items_source != "inline" or m.declared is None:
        return None
    found = len(rec.items)
    ok = found == m.declared
    spans = (Span(rec.text, rec.start, rec.end),) + tuple(Span(i.text, i.start, i.end) for i in rec.items)
    return Finding(
        check="slogan_item_count",
        status="ok" if ok else "mismatch",
        message=f"{rec.normalized} announces {m.declared} items; the text lists {found}",
        spans=spans,
        stated=m.declared,
        computed=found,
    )
