"""The last stages of one document: extract, check, project.

The extractors (:mod:`policytext.extract`) and the checks (:mod:`policytext.checks`) work on the
working text; here they run in their fixed order, and every span they return is projected back
through the working text's offset map into a record of :mod:`policytext.records`, so that
``document.text[r.start:r.end] == r.text`` for every record."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import TYPE_CHECKING, TypeVar

from .records import DateMention, Finding, Item, Quantity, Slogan, Span
from .checks import CheckFound, check_quantities, check_slogan_items
from .extract.dates import find_dates
from .extract.quantities import find_quantities
from .extract.slogans import SloganMention, find_slogans

if TYPE_CHECKING:
    from .resources import Resources
    from .text.working import Working

__all__ = ["run_extractors"]

R = TypeVar("R", Quantity, DateMention)


def run_extractors(
    w: Working, *, skip: list[tuple[int, int]] | None = None, res: Resources | None = None
) -> tuple[tuple[Slogan, ...], tuple[Quantity, ...], tuple[DateMention, ...], tuple[Finding, ...]]:
    """Run every extractor and the checks on a prepared document; records come back with
    original offsets.  Mentions inside the working-text spans ``skip`` are left out.

    Order matters and is fixed: slogans first (their numerals are not amounts), then dates (a
    year is not a count of years), then quantities on what is left, then the checks."""
    skip = list(skip or [])
    mentions = find_slogans(w.text, skip=skip, res=res)
    dates_found = find_dates(w.text, skip=skip)
    taken = skip + [(d.start, d.end) for d in dates_found]
    taken += [(m.start, m.end) for m in mentions if not _also_a_count(w.text, m)]
    found_q = find_quantities(w.text, skip=taken, res=res)

    slogans = tuple(_slogan_record(w, m) for m in mentions)
    # a working text that is the original: the records are already right
    quantities = tuple(found_q) if w.unchanged else tuple(_mapped(w, q) for q in found_q)
    dates = tuple(dates_found) if w.unchanged else tuple(_mapped(w, d) for d in dates_found)
    checks = [c for m in mentions if (c := check_slogan_items(m)) is not None]
    checks += check_quantities(w.text, found_q)
    checks.sort(key=lambda c: c.spans[0])
    findings = tuple(_finding_record(w, c) for c in checks)
    return slogans, quantities, dates, findings


def _also_a_count(text: str, m: SloganMention) -> bool:
    """An enumeration introduced by a count in Arabic digits (“人、钱、地”7 个问题, 6 个方面) is
    both a numbered list and a quantity.  In Chinese numerals (三个体系, 四个意识) it is a set
    phrase: GB/T 15835-2011 (出版物上数字的用法) reserves Arabic digits for counting and
    measuring and Chinese numerals for set phrases and abbreviations."""
    return m.matched_by == "stated_members" and text[m.start : m.start + 1].isdigit()


def _mapped(w: Working, rec: R) -> R:
    """A record found in the working text, with its text and offsets in the original."""
    if w.identity:  # offsets kept: only a folded character (，→,) can differ
        text = w.original[rec.start : rec.end]  # type: ignore[attr-defined]
        return rec if text == rec.text else replace(rec, text=text)  # type: ignore[attr-defined, type-var]
    text, start, end = w.surface(rec.start, rec.end)  # type: ignore[attr-defined]
    if (text, start, end) == (rec.text, rec.start, rec.end):  # type: ignore[attr-defined]
        return rec  # a span the conversion and normalization left alone
    return replace(rec, text=text, start=start, end=end)  # type: ignore[type-var]


def _finding_record(w: Working, c: CheckFound) -> Finding:
    spans = tuple(Span(*w.surface(s, e)) for s, e in c.spans)
    stated: Decimal | int = c.stated
    computed: Decimal | int = c.computed
    if c.check == "slogan_item_count":
        stated, computed = int(c.stated), int(c.computed)
    return Finding(check=c.check, status=c.status, message=c.message, spans=spans, stated=stated, computed=computed)


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
