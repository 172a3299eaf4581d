"""“从 P1 下降到 P2，下降 D 个百分点”: a change in percentage points against its two figures."""

from __future__ import annotations

import re
from functools import lru_cache

from ..records import Quantity
from .common import CheckFound, Sentences, back_from, finding
from .words import alternation, words

__all__ = ["check"]


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], frozenset[str]]:
    """Between the two percentages: an optional verb of change, then 到/至; the verb right
    before the points; and the verbs of those that say down."""
    to = re.compile(rf"^\s*(?:{alternation('change_to')})?\s*(?:{alternation('to')})\s*$")
    verb = re.compile(rf"({alternation('points_down', 'points_up')})了?\s*$")
    return to, verb, frozenset(words("points_down"))


def check(text: str, qs: list[Quantity], i: int, sentences: Sentences | None = None) -> CheckFound | None:
    """从 P1 下降到 P2，下降 D 个百分点: D against |P1 − P2|, and the direction the text says
    against the one the figures go."""
    d = qs[i]
    to, verb_before, down = _patterns()
    start = (sentences or Sentences(text)).start(d.start)
    percents = _last_two_percents(qs, i, start)
    if percents is None:
        return None
    p1, p2 = percents
    if not to.match(text[p1.end : p2.start]):
        return None
    computed = abs(p1.value - p2.value)  # type: ignore[operator]
    found = finding("percentage_points", d.value, computed, ((p1.start, p1.end), (p2.start, p2.end), (d.start, d.end)),  # type: ignore[arg-type]
                    f"{p1.value}% to {p2.value}%")  # fmt: skip
    verb = verb_before.search(text, max(0, d.start - 4), d.start)
    if verb is None or found.status != "ok" or computed == 0:
        return found
    said_down = verb.group(1) in down
    if (p2.value < p1.value) == said_down:  # type: ignore[operator]
        return found
    word = "down" if said_down else "up"
    return CheckFound("percentage_points", "mismatch",
                      f"{p1.value}% to {p2.value}%: the text says {word} {d.value} points, the figures go the other way",
                      found.spans, found.stated, found.computed)  # fmt: skip


def _last_two_percents(qs: list[Quantity], i: int, start: int) -> tuple[Quantity, Quantity] | None:
    """The last two percentages before ``qs[i]`` in its sentence (from ``start``), in order."""
    found: list[Quantity] = []
    for q in back_from(qs, i):
        if q.start < start:
            break
        if q.unit == "%" and q.value is not None:
            found.append(q)
            if len(found) == 2:
                return found[1], found[0]
    return None
