"""Evidence from stated members: an unquoted numeral + classifier + head (三个体系, 八大体系,
6个方面) is a numbered slogan only when the text lists that many items right before it, or
expands it right after (即 / : / 是指 / 包括 / parentheses).  A shape alone never suffices
outside quotes: 三个县 and 5位代表 are counts."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from ...resources import Resources
from .forms import head_length, is_head, not_slogans, numeral_parts
from .items import expansion_cue, items_after, items_before
from .mention import CLASSIFIERS, NUM, NUM_CLASS, SloganMention
from .vocabulary import words

__all__ = ["stated_members"]

_SIMPLE_UNQUOTED = re.compile(
    rf"([{NUM}\d](?<![{NUM}第\d.].)(?:(?<=[{NUM}]){NUM_CLASS}{{0,2}}|(?<=\d)\d?)[{CLASSIFIERS}])([\u4e00-\u9fff]{{1,7}})"
)
# classifiers for people: 8位代表, 3名干部 count people named before them
_PERSON_CLASSIFIERS = "位名"
# a numbered list has a few members; more is a count
_MIN_MEMBERS, _MAX_MEMBERS = 2, 20


@lru_cache(maxsize=1)
def _concrete_heads() -> frozenset[str]:
    """Heads that make numeral + classifier a count of things (6个县, 10个贫困村, 3名干部)."""
    return frozenset(words("slogan_heads.tsv", "concrete"))


def stated_members(text: str, res: Resources) -> Iterator[SloganMention]:
    """Unquoted numeral + classifier + head forms whose members the text states."""
    for m in _SIMPLE_UNQUOTED.finditer(text):
        num_cls, run = m.group(1), m.group(2)
        head_len = head_length(run)
        s, e = m.start(), m.start(2) + head_len
        form = num_cls + run[:head_len]
        number, parts = numeral_parts(form)
        if number is None or not _MIN_MEMBERS <= number <= _MAX_MEMBERS:
            continue
        if not _could_be_a_list(num_cls, run, head_len, form):
            continue
        if _members_stated(text, s, e, number):
            yield SloganMention(s, e, form, number, parts, matched_by="stated_members")


def _could_be_a_list(num_cls: str, run: str, head_len: int, form: str) -> bool:
    """Not a known saying, not a count of places or people (8位代表, 7位新任大使, 3个贫困县,
    两个直辖市), and a head that is a noun (胡中山等5位来自…: 来自 is a verb)."""
    concrete = _concrete_heads()
    if form in not_slogans() or run[0] in concrete or form[-1] in concrete or num_cls[-1] in _PERSON_CLASSIFIERS:
        return False
    return is_head(run[:head_len])


def _members_stated(text: str, start: int, end: int, number: int) -> bool:
    """Items listed before the form, or an expansion after it: with as many items as the form
    announces, or introduced by 即 (an unquoted form needs its expansion to match; quoted and
    lexicon forms do not)."""
    if items_before(text, start, number) is not None:
        return True
    after = items_after(text, end, number)
    if after is None:
        return False
    if len(after[0]) == number:
        return True
    cue = expansion_cue().match(text, end)
    return cue is not None and "即" in cue.group()
