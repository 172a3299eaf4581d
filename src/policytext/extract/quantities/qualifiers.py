"""Qualifiers: whether an amount is exact, approximate, a floor or a ceiling.

One place decides a quantity's qualifier (:func:`qualifier`), from what is written around it:

* 多/余 right after the number or its unit (30多个, 一年多, 20余万): more than;
* a word after the unit (65%以上, 3000元左右);
* a word before the number (近30万人, 突破5亿元, 至少), or 上/过 before a round amount (上万人, 过亿元);
* the number's own reading (十余万 more than, 几十 vague, 两三 a range), which wins unless it
  only repeats "more than".

The words are rows of ``lexicon/qualifiers.tsv``.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache

from ...lexicon import read_table
from ..numbers import MAGNITUDES, NumberMention, _step
from .words import quantity_words

__all__ = ["qualifier", "more_written_at", "more_bracket", "AFTER_WORD"]


@lru_cache(maxsize=1)
def _rows() -> tuple[tuple[str, str, str, str], ...]:
    return tuple((r["word"], r["position"], r["qualifier"], r["not_before"]) for r in read_table("qualifiers.tsv"))


def _words(position: str) -> dict[str, str]:
    return {w: q for w, p, q, _ in _rows() if p == position}


def _after_pattern() -> re.Pattern[str]:
    """The words after an amount, longest first, each with the characters that would make it
    part of another word; 1万(含)以上 allows the (含) of legal text before the word."""
    alternatives = []
    for word, position, _, not_before in sorted(_rows(), key=lambda r: -len(r[0])):
        if position == "after":
            alternatives.append(re.escape(word) + (f"(?![{not_before}])" if not_before else ""))
    return re.compile(r"(?:\s*\(含\)\s*)?(" + "|".join(alternatives) + ")")


_BEFORE = _words("before")
_BEFORE_ROUND = _words("before_round")
_AFTER = _words("after")
_BEFORE_RE = re.compile("(?:" + "|".join(sorted(_BEFORE, key=len, reverse=True)) + r")\s*$")
#: a qualifying word after an amount (以上, 左右, 多 …), as group 1
AFTER_WORD = _after_pattern()
_NOT_MORE_MARKER = quantity_words("not_more_marker")
# the characters before 近 that make a word of it: 最近, 附近, 临近
_NOT_NEARLY_FIRST = frozenset(w[0] for w in quantity_words("not_nearly"))
_PER_MILLE = ("%", "‰")


def more_written_at(text: str, pos: int) -> bool:
    """多/余 written right after a number (4万多元, 30多种, 10余个), but not as the start of a
    word of its own (多元化, 多样)."""
    return text.startswith(("多", "余"), pos) and not text.startswith(_NOT_MORE_MARKER, pos)


def qualifier(
    text: str, n: NumberMention, start: int, pos: int, unit_form: str | None, more: bool
) -> tuple[str | None, bool]:
    """The qualifier of the amount ``n`` whose quantity spans [start, pos) and whose unit is
    ``unit_form``; ``more`` says 多/余 was written inside it (30多个).  Returns the qualifier
    and whether "more than" came from a written 多/余 (then the caller brackets the value)."""
    q = "more_than" if more else None
    if q is None and (m := AFTER_WORD.match(text, pos)) is not None:
        # 65%以上, 3000元左右, 3个月多: a word after the unit (多/余 after a percent is not
        # "more": 5%多 does not occur, and 5%余 is the rest)
        word = m.group(1)
        more = word in ("多", "余")
        if not (more and unit_form in _PER_MILLE):
            q = _AFTER[word]
        else:
            more = False
    if q is None and (n.text[0] in "百千万亿" and text[start - 1 : start] in _BEFORE_ROUND):
        q = _BEFORE_ROUND[text[start - 1]]  # 上万人, 上百户, 过亿元
    elif q is None and (m := _BEFORE_RE.search(text, max(0, start - 3), start)) is not None:
        # 近30万人, 突破5亿元; not 近两年 (the recent years) nor 最近, 附近, 临近
        word = m.group().strip()
        if not (word == "近" and unit_form == "年") and not (
            word.endswith("近") and text[m.start() - 1 : m.start()] in _NOT_NEARLY_FIRST
        ):
            q = _BEFORE[word]
    if n.parse.approx is not None and (n.parse.approx != "more_than" or q is None):
        q = n.parse.approx
    return q, more


def more_bracket(written: str, value: Decimal) -> Decimal:
    """How far 多 written after a number reaches: one unit of its lowest written place, where a
    magnitude ending the number is a place too (10万多 is 10万..11万, 10多万 is 10万..20万)."""
    step = _step(value)
    for word, size in MAGNITUDES:
        if written.rstrip().endswith(word):
            return min(step, size)
    return step
