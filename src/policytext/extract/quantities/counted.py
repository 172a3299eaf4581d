"""The thing counted: the noun after a count or measure (6个|县, 10亿斤|优质杂粮), places counted
without a classifier (11省市), and amounts in 万/亿 that count the noun after them (20余万干部)."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import KeysView

from ...resources import Unit
from ..numbers import NumberMention
from .qualifiers import AFTER_WORD
from .words import quantity_words

__all__ = ["counted_after", "takes_a_noun", "places_counted", "magnitude_counts", "_noun_index"]

# classifiers whose noun follows (6个县, 2112名驻村第一书记); measures of a thing (30万亩经济林)
_TAKES_NOUN_KINDS = frozenset({"count", "area", "length", "mass", "volume"})
_SELF_COUNTED = frozenset(quantity_words("self_counted"))
_NOT_COUNTED = frozenset(quantity_words("not_counted"))
_HEAD_CHARACTERS = frozenset(quantity_words("counted_head"))
_HAN = re.compile(r"[\u4e00-\u9fff]")
_CLAUSE_END = frozenset(",.;:!?、。，；：！？）)」”\n ")
_LONGEST_NOUN = 6
# administrative divisions counted after Arabic digits (9省, 11省市, 7省区, 3省4县); not after
# Chinese numerals, which name places (东北三省, 北三县, 两市); not where the place begins a word (省长)
_PLACES = re.compile(
    "(?:" + "|".join(sorted(quantity_words("place"), key=len, reverse=True)) + ")"
    + "(?![" + "".join(quantity_words("place_not_before")) + "])"
)  # fmt: skip


def takes_a_noun(form: str | None, unit: Unit | None) -> bool:
    """Whether the noun after this unit is what is counted: no unit at all (20余万干部), or a
    classifier or measure of a thing (6个县, 30万亩经济林) that does not name it itself (人, 元, 次)."""
    if unit is None:
        return form is None
    return unit.kind in _TAKES_NOUN_KINDS and form not in _SELF_COUNTED


def places_counted(text: str, n: NumberMention, pos: int) -> re.Match[str] | None:
    """11省市, 3省4县: places counted after Arabic digits."""
    return None if n.chinese else _PLACES.match(text, pos)


def magnitude_counts(text: str, n: NumberMention, pos: int) -> bool:
    """20余万干部: an amount in 万/亿 followed by a noun counts that noun; 减贫人口将超过1000万。
    and 累计减少8000多万，: one that ends its clause counts what the clause names before it."""
    if not any(ch in n.text for ch in "万亿"):
        return False
    nxt = text[pos : pos + 1]
    if _HAN.match(nxt):
        return True
    return n.parse.value is not None and (nxt == "" or nxt in _CLAUSE_END or AFTER_WORD.match(text, pos) is not None)


def counted_after(text: str, pos: int) -> str | None:
    """The noun a count or measure applies to: 6个|县, 2个|国家级贫困县, 10亿斤|优质杂粮.

    Up to two words that jieba's dictionary tags as nominal, read by forward longest match
    (no segmentation of the sentence needed); a one-character head ends the noun (6个县|摘帽),
    and a lone character after a noun is not part of it (2000多名党员|奔波)."""
    nouns, longest = _noun_index()
    taken: list[str] = []
    i = pos
    while len(taken) < 2:  # a head noun and one modifier: 国家级|贫困县, 集中式|电站
        word = None
        for n in range(min(_LONGEST_NOUN, longest.get(text[i : i + 1], 0)), 0, -1):
            if text[i : i + n] in nouns:  # the longest nominal word written at i
                word = text[i : i + n]
                break
        if word is None or word in _NOT_COUNTED:
            break
        if len(word) == 1 and word not in _HEAD_CHARACTERS and (taken or _HAN.match(text, i + 1)):
            # a lone character that is not a head begins a longer word (党员|奔波, 两块|富饶,
            # 20余场|双、多边): it counts only when it stands alone (五头牛。)
            break
        taken.append(word)
        i += len(word)
        if len(word) == 1:
            break
    return "".join(taken) or None


@lru_cache(maxsize=1)
def _noun_index() -> tuple[KeysView[str], dict[str, int]]:
    """The nominal words written in Chinese characters only (the thing counted is never
    4G or 5G网络), and for each character the length of the longest that begins with it.
    A dict's keys rather than a set, as in :func:`~policytext.text.segment.noun_words`, so that the
    garbage collector does not walk them."""
    from ...text.segment import noun_words

    nouns = dict.fromkeys(w for w in noun_words() if _all_han(w)).keys()
    longest: dict[str, int] = {}
    for w in nouns:
        if len(w) > longest.get(w[0], 0):
            longest[w[0]] = len(w)
    return nouns, longest


def _all_han(s: str) -> bool:
    return all("\u4e00" <= ch <= "\u9fff" for ch in s)
