"""“X 占 Y 的 Z%”: a share stated with its part and its whole."""

from __future__ import annotations

import re

from ..records import Quantity
from .common import SPANS_OF_TIME, CheckFound, sentence_start
from .share import share

__all__ = ["ratio"]


#: between the whole and the share: 的, 的比重为, 的比例达到
_SHARE_OF = re.compile(r"的(?:比重|比例|份额)?(?:为|是|达到?)?\s*$")
#: 占 (占到) and a few characters of what is measured, before the whole
_ZHAN = re.compile(r"占(?:到)?[\u4e00-\u9fff]{0,8}$")


def _whole(text: str, qs: list[Quantity], i: int) -> Quantity | None:
    """Y: the amount right before the share, followed by 的 and preceded by 占."""
    y = qs[i - 1]
    if y.value is None or y.unit in (None, "%") or y.kind in SPANS_OF_TIME:
        return None
    return y if _SHARE_OF.search(text, y.end, qs[i].start) else None


def ratio(text: str, qs: list[Quantity], i: int) -> CheckFound | None:
    """X 占 Y 的 Z%: Y is the quantity right before Z; X the last one before 占 with Y's unit,
    in the same sentence."""
    if i == 0:
        return None
    z, y = qs[i], _whole(text, qs, i)
    if y is None:
        return None
    zhan = _ZHAN.search(text, max(0, y.start - 10), y.start)
    if zhan is None:
        return None
    start = sentence_start(text, zhan.start())
    for x in reversed(qs[: i - 1]):
        if x.end > zhan.start():
            continue
        if x.start < start:
            break
        if x.unit == y.unit and x.value is not None and y.value:
            return share("ratio", z, x, y, ((x.start, x.end), (y.start, y.end), (z.start, z.end)),
                         f"{x.value} of {y.value} {y.unit} as a percentage")  # fmt: skip
    return None
