"""“X 占 Y 的 Z%”: a share stated with its part and its whole."""

from __future__ import annotations

import re
from functools import lru_cache

from ..records import Quantity
from .common import SPANS_OF_TIME, CheckFound, Sentences, back_from
from .share import share
from .words import alternation

__all__ = ["check"]


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Between the whole and the share: 的, 的比重为, 的比例达到; and before the whole: 占 (占到)
    and a few characters of what is measured."""
    share_of = re.compile(rf"的(?:{alternation('share_noun')})?(?:{alternation('copula')})?\s*$")
    zhan = re.compile(rf"(?:{alternation('share_verb')})[\u4e00-\u9fff]{{0,8}}$")
    return share_of, zhan


def _whole(text: str, qs: list[Quantity], i: int, share_of: re.Pattern[str]) -> Quantity | None:
    """Y: the amount right before the share, followed by 的 and preceded by 占."""
    y = qs[i - 1]
    if y.value is None or y.unit in (None, "%") or y.kind in SPANS_OF_TIME:
        return None
    return y if share_of.search(text, y.end, qs[i].start) else None


def check(text: str, qs: list[Quantity], i: int, sentences: Sentences | None = None) -> CheckFound | None:
    """X 占 Y 的 Z%: Y is the quantity right before Z; X the last one before 占 with Y's unit,
    in the same sentence."""
    if i == 0:
        return None
    share_of, zhan_before = _patterns()
    z, y = qs[i], _whole(text, qs, i, share_of)
    if y is None:
        return None
    zhan = zhan_before.search(text, max(0, y.start - 10), y.start)
    if zhan is None:
        return None
    start = (sentences or Sentences(text)).start(zhan.start())
    for x in back_from(qs, i - 1):
        if x.end > zhan.start():
            continue
        if x.start < start:
            break
        if x.unit == y.unit and x.value is not None and y.value:
            return share("ratio", z, x, y, ((x.start, x.end), (y.start, y.end), (z.start, z.end)),
                         f"{x.value} of {y.value} {y.unit} as a percentage")  # fmt: skip
    return None
