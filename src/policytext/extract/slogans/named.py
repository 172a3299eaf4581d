"""Evidence from numbered names: a plan period (十三五), a congress (十九大), a plenum
(十九届六中全会) and the 1992 consensus (九二共识).  Their numerals are ordinals or a year, not a
count of members, so they never get items."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import lru_cache

from ..._regex import longest_of
from ...resources import Resources
from ..numerals import small_numeral
from .lexicon import lexicon_index
from .mention import SloganMention
from .vocabulary import words

__all__ = ["KINDS", "named_numbers"]

# the kinds of numbered names
KINDS = frozenset({"plan_period", "congress", "plenum", "consensus"})

Parts = tuple[int | None, tuple[int, ...]]

# the ordinal of a plan period (十一 … 十九, 六 … 九), not preceded by another numeral or 第
_PLAN_ORDINAL = "[十六七八九](?<![一二三四五六七八九十第].)(?:(?<=十)[一二三四五六七八九]|(?<=[六七八九]))"
# the ordinal of a congress (十一 … 十九, 二十 … 二十九)
_CONGRESS_ORDINAL = "[十二](?<![一二三四五六七八九十第].)(?:(?<=十)[一二三四五六七八九]|(?<=二)十[一二三四五六七八九]?)"
_PLENUM = re.compile(r"(?<![一二三四五六七八九十])([一二三四五六七八九十]{1,3})届([一二三四五六七八九]{1})中全会")
_CONSENSUS = re.compile(r"九二共识")


def _ordinal(m: re.Match[str]) -> Parts:
    """十三五, 十九大: the ordinal is the number."""
    number = small_numeral(m.group(1))
    return number, (number,) if number is not None else ()


def _plenum(m: re.Match[str]) -> Parts:
    """十九届六中全会: the congress and the plenum, no number."""
    return None, tuple(v for v in (small_numeral(m.group(1)), small_numeral(m.group(2))) if v is not None)


def _consensus(m: re.Match[str]) -> Parts:
    """九二共识: the year 1992 read as its digits."""
    return None, (9, 2)


@lru_cache(maxsize=1)
def _names() -> tuple[tuple[re.Pattern[str], str, str, Callable[[re.Match[str]], Parts]], ...]:
    """Each numbered-name pattern with its kind, a character (or word) its every match contains
    (a substring test is far cheaper than a regex scan; the rarer the word the better: 届 alone
    is in every 十三届全国人大), and how it reads its numerals."""
    plan_after = longest_of(words("slogan_name_words.tsv", "plan_period_after"))
    plan = re.compile(rf"({_PLAN_ORDINAL})五(?={plan_after}|”|」)")
    not_congress_words = words("slogan_name_words.tsv", "not_congress")
    if any(len(w) != 2 or w[0] != "大" for w in not_congress_words):
        raise ValueError("lexicon/slogan_name_words.tsv: a not_congress word is 大 and one character")
    not_congress = longest_of(w[1:] for w in not_congress_words)
    congress = re.compile(rf"({_CONGRESS_ORDINAL})大(?!{not_congress})")
    return (
        (plan, "plan_period", "五", _ordinal),
        (congress, "congress", "大", _ordinal),
        (_PLENUM, "plenum", "中全会", _plenum),
        (_CONSENSUS, "consensus", "九二共识", _consensus),
    )


def named_numbers(text: str, res: Resources) -> Iterator[SloganMention]:
    """Numbered names, kind by kind, each with the lexicon entry of its form if there is one."""
    for rx, kind, anchor, read in _names():
        if anchor not in text:
            continue
        for m in rx.finditer(text):
            form = m.group()
            number, parts = read(m)
            entries = lexicon_index(res)[1].get(form, ())
            yield SloganMention(
                m.start(), m.end(), form, number, parts, kind, entry=entries[0] if entries else None, matched_by=kind
            )
