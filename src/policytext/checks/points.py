"""“从 P1 下降到 P2，下降 D 个百分点”: a change in percentage points against its two figures."""

from __future__ import annotations

import re

from ..records import Quantity
from .common import CheckFound, finding, sentence_start

__all__ = ["points"]


#: between the two percentages: an optional verb of change, then 到/至
_TO = re.compile(r"^\s*(?:下降|降低|降|减少|回落|上升|提高|提升|增加|增长|升)?\s*(?:到|至)\s*$")
#: the verb right before the points
_PP_VERB = re.compile(r"(下降|降低|减少|回落|收窄|上升|提高|提升|增加|增长|扩大)了?\s*$")
_DOWN = ("下降", "降低", "减少", "回落", "收窄")


def points(text: str, qs: list[Quantity], i: int) -> CheckFound | None:
    """从 P1 下降到 P2，下降 D 个百分点: D against |P1 − P2|, and the direction the text says
    against the one the figures go."""
    d = qs[i]
    start = sentence_start(text, d.start)
    percents = [q for q in qs[:i] if q.start >= start and q.unit == "%" and q.value is not None]
    if len(percents) < 2:
        return None
    p1, p2 = percents[-2], percents[-1]
    if not _TO.match(text[p1.end : p2.start]):
        return None
    computed = abs(p1.value - p2.value)  # type: ignore[operator]
    found = finding("percentage_points", d.value, computed, ((p1.start, p1.end), (p2.start, p2.end), (d.start, d.end)),  # type: ignore[arg-type]
                    f"{p1.value}% to {p2.value}%")  # fmt: skip
    verb = _PP_VERB.search(text, max(0, d.start - 4), d.start)
    if verb is None or found.status != "ok" or computed == 0:
        return found
    said_down = verb.group(1) in _DOWN
    if (p2.value < p1.value) == said_down:  # type: ignore[operator]
        return found
    word = "down" if said_down else "up"
    return CheckFound("percentage_points", "mismatch",
                      f"{p1.value}% to {p2.value}%: the text says {word} {d.value} points, the figures go the other way",
                      found.spans, found.stated, found.computed)  # fmt: skip
