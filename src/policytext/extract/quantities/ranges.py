"""Ranges: two amounts joined by 至/到/-/～ into one quantity with low and high.

    3至5年 → 3..5 年      10%—20% → 10..20 %      两到三万 → 20000..30000 (the 万 is shared)
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal

from ...records import Quantity
from ..numbers import QUOTIENT, NumberMention, parse_number
from .units import UnitIndex, si

__all__ = ["joined_range"]

# what a range separator can begin with, besides white space: (含) or the separator itself
_RANGE_SEP_FIRST = frozenset("(至到～~—–-－")
# (含) with its white space in one optional group: two \s* around an optional part try every
# split of a run of spaces between them (quadratic in the run)
_RANGE_SEP = re.compile(r"\s*(?:\(含\)\s*)?(?:至|到|～|~|—{1,2}|–|-{1,2}|－)\s*")
_TRAILING_BIG = re.compile(r"(万亿|[万亿])$")
_TRAILING_SMALL = re.compile(r"[千百仟佰]$")


def joined_range(
    text: str,
    n: NumberMention,
    q: Quantity | None,
    nxt: NumberMention,
    read: Callable[[str, NumberMention, UnitIndex], Quantity | None],
    ix: UnitIndex,
) -> Quantity | None:
    """3至5年, 10%—20%, 1-2个月: the amount ``n`` (read as ``q``), a separator, and the next
    amount ``nxt`` with a unit (read by ``read(text, nxt, ix)``), as one quantity with low/high."""
    gap_start = q.end if q is not None and q.unit is not None else n.end
    first = text[gap_start : gap_start + 1]
    if first not in _RANGE_SEP_FIRST and not first.isspace():
        return None  # the usual case: no separator can start here (a cheap test before the pattern)
    sep = _RANGE_SEP.fullmatch(text, gap_start, nxt.start)
    if sep is None or nxt.parse.value is None:
        return None
    if "零下" in (text[max(0, n.start - 2) : n.start], text[max(0, nxt.start - 2) : nxt.start]):
        return None  # 零下5到零下10摄氏度: each is read on its own, with its sign
    second = read(text, nxt, ix)
    if second is None or second.unit is None:
        return None
    if q is not None and q.unit is not None and q.unit != second.unit:
        return None
    low, high = n.parse.value, nxt.parse.value
    if low is None or high is None:
        return None
    low = _shared_magnitude(n.text, nxt.text, low)
    if low >= high:
        return None
    unit = ix.table.get(second.unit) if second.unit else None
    return Quantity(
        text[n.start : second.end], n.start, second.end, None, second.unit, second.kind, "range",
        second.counted, low, high, *si(None, unit),
    )  # fmt: skip


def _shared_magnitude(low_text: str, high_text: str, low: Decimal) -> Decimal:
    """两到三万 is 20000..30000: a magnitude written once, after the upper bound, scales both."""
    if any(ch in low_text for ch in "万亿"):
        return low
    m = _TRAILING_BIG.search(high_text) or (None if any(ch in low_text for ch in "千百仟佰") else _TRAILING_SMALL.search(high_text))
    if m is None or m.start() == 0:
        return low
    try:
        coefficient = parse_number(high_text[: m.start()]).value
        scale = parse_number(high_text).value
    except ValueError:
        return low
    if coefficient is None or scale is None or coefficient == 0 or low >= coefficient:
        return low
    ratio = QUOTIENT.divide(scale, coefficient)
    if ratio * coefficient == scale:
        return low * ratio  # 两到三万: the ratio is exact, and so is the bound
    return QUOTIENT.multiply(low, ratio)  # a ratio with no end keeps the 28 digits it always had
