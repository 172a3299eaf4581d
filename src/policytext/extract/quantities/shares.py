"""Shares: amounts out of a whole, written as a percent word, a fraction or in tenths.

    百分之五十 → 50 %       千分之三 → 3 ‰       百万分之五 → 5 ppm
    三分之一 → 0.333333 (a fraction, no unit)    七成六 → 7.6 成
"""

from __future__ import annotations

import re
from decimal import Decimal

from .money import digit

__all__ = ["percent_word_before", "six_digits", "tenths_after"]

_PERCENT_BEFORE = re.compile(r"(百\s*万|[百佰千仟万])\s*分\s*之\s*$")
_SPACES = re.compile(r"\s+")
#: the unit a ratio word gives: 百分之 %, 千分之 ‰, 万分之 ‱, 百万分之 ppm
_RATIO_UNIT = {"百": "%", "佰": "%", "千": "‰", "仟": "‰", "万": "‱", "百万": "ppm"}
_TENTH = re.compile(r"\s*([一二三四五六七八九1-9])(?![\d一二三四五六七八九十百千万])")


def percent_word_before(text: str, start: int) -> tuple[str, int] | None:
    """百分之五十, 千分之三: the unit the ratio word before the number gives, and where the word
    begins (the quantity starts there)."""
    if "之" not in text[max(0, start - 3) : start]:
        return None  # the usual case: no 之 just before, no ratio word
    m = _PERCENT_BEFORE.search(text, max(0, start - 8), start)
    if m is None:
        return None
    return _RATIO_UNIT[_SPACES.sub("", m.group(1))], m.start()


def six_digits(value: Decimal) -> Decimal:
    """A fraction's value to six significant digits: 1/3 is 0.333333, 千万分之一 is 1E-7."""
    return Decimal(format(value, ".6g"))


def tenths_after(text: str, pos: int) -> tuple[Decimal, int] | None:
    """七成六 = 7.6成 = 76%: the digit after 成 is tenths of it; with where it ends."""
    m = _TENTH.match(text, pos)
    if m is None:
        return None
    return Decimal(digit(m.group(1))) / 10, m.end()
