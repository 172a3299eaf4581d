"""Numbered policy slogans (数字式提法).

Found on the normalized Simplified working text by finders, one per kind of evidence, each a
small module yielding :class:`SloganMention` records:

* :mod:`.named`: numbered names get their own ``kind``: 十三五 (``plan_period``), 十九大
  (``congress``), 十九届六中全会 (``plenum``), 九二共识 (``consensus``);
* :mod:`.lexicon`: a known slogan (``lexicon/slogans.tsv`` and a user's list) wherever it appears;
* :mod:`.quoted`: a quoted string that has the shape of a numbered slogan (“三支队伍”, “一县一策”,
  “志智双扶”, “6环联动”);
* :mod:`.codes`: digits that name a formulation (“113”政策落实推进机制, 9+9产业扶贫工程);
* :mod:`.members`: an unquoted numeral + classifier + head (三个体系, 八大体系, 6个方面) only
  when the text lists exactly that many items right before it, or expands it right after
  (即 / : / 是指 / 包括 / parentheses).

:mod:`.overlap` then keeps one mention per stretch of text, and :mod:`.items` attaches the
members the text states.  Numerals in idioms, sayings, place names, ordinals and plain quantities
are not slogans: a shape alone never suffices outside quotes, and ``lexicon/not_slogans.tsv``
lists the quoted sayings that look like one.  The vocabulary of the rules is data, in
``lexicon/slogan_*.tsv`` (:mod:`.vocabulary`).

A new kind of evidence is a new module with a finder ``(text, res) -> Iterator[SloganMention]``,
added to :data:`FINDERS`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from ...resources import Resources, default_resources
from ...text.spans import SpanIndex
from .codes import digit_codes
from .forms import numeral_parts
from .items import attach_items
from .lexicon import lexicon_matches
from .members import stated_members
from .mention import SloganMention
from .named import named_numbers
from .overlap import resolve_overlaps
from .quoted import quoted_forms

__all__ = ["FINDERS", "SloganMention", "find_slogans", "numeral_parts"]

Finder = Callable[[str, Resources], Iterable[SloganMention]]

# The finders in order: where two find the same span, the first found is kept and the later
# ones only add to it (see overlap.py), so a numbered name comes before the lexicon, the
# lexicon before quotes, and stated members last.
FINDERS: tuple[Finder, ...] = (named_numbers, lexicon_matches, quoted_forms, digit_codes, stated_members)


def find_slogans(
    text: str, *, skip: list[tuple[int, int]] | None = None, res: Resources | None = None
) -> list[SloganMention]:
    """Numbered slogans of a normalized Simplified text, in document order.

    ``skip`` holds spans (title lines repeated in the body) whose mentions are dropped; ``res``
    the resources with the lexicon (the shipped data by default).

    >>> [(m.normalized, m.number, m.parts) for m in find_slogans("增强“四个意识”,落实两不愁三保障")]
    [('四个意识', 4, (4,)), ('两不愁三保障', None, (2, 3))]
    """
    res = res or default_resources()
    found: list[SloganMention] = []
    for finder in FINDERS:
        found.extend(finder(text, res))
    mentions = resolve_overlaps(found)
    if skip:
        skipped = SpanIndex(skip)  # a line repeated 40,000 times is 40,000 spans: bisect, not scan
        mentions = [m for m in mentions if not skipped.covers(m.start, m.end)]
    for m in mentions:
        attach_items(text, m)
    return mentions
