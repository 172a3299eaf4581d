"""“发现 A 个，整改 B 个，整改率 Z%”: a rate named after the verb of its part."""

from __future__ import annotations

import re
from functools import lru_cache

from ..records import Quantity
from .common import SPANS_OF_TIME, CheckFound, Sentences, back_from
from .share import share
from .words import alternation

__all__ = ["check"]


@lru_cache(maxsize=1)
def _rate_before() -> re.Pattern[str]:
    """The two characters before 率 are the verb of the part (整改率: 整改 B 个), then a copula
    and a hedge (整改率为超过 Z%)."""
    return re.compile(rf"([\u4e00-\u9fff]{{2}})率\s*(?:{alternation('copula')})?\s*(?:{alternation('hedge')})?\s*$")


def _amounts(qs: list[Quantity], i: int, start: int) -> list[Quantity]:
    """The amounts of the sentence before the rate (not shares, not spans of time), in order."""
    found = []
    for q in back_from(qs, i):
        if q.start < start:
            break
        if q.value is not None and q.unit not in (None, "%") and q.kind not in SPANS_OF_TIME:
            found.append(q)
    return found[::-1]


def check(text: str, qs: list[Quantity], i: int, sentences: Sentences | None = None) -> CheckFound | None:
    """发现 A 个，整改 B 个，整改率 Z%: B is the amount after the rate's verb, A the one before B
    with the same unit."""
    z = qs[i]
    m = _rate_before().search(text, max(0, z.start - 8), z.start)
    if m is None:
        return None
    verb = m.group(1)
    start = (sentences or Sentences(text)).start(z.start)
    earlier = _amounts(qs, i, start)
    for j in range(len(earlier) - 1, 0, -1):
        b = earlier[j]
        if text.rfind(verb, max(start, b.start - 6), b.start) == -1:
            continue
        for a in reversed(earlier[:j]):
            if a.unit == b.unit and a.value and b.value is not None:
                return share("ratio", z, b, a, ((a.start, a.end), (b.start, b.end), (z.start, z.end)),
                             f"{verb}率 {b.value} of {a.value} {a.unit}")  # fmt: skip
        return None
    return None
