"""Span sets asked "does [start, end) overlap one?" or "does one hold it?" many times.

Extractors drop their mentions inside the spans of a text they were told to skip (repeated
title lines, dates already read).  A document can have tens of thousands of such spans (a line
printed 40,000 times), so the question is answered by bisection over the spans sorted once, not
by looking at every span for every mention: the whole test stays O((m + k) log k).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from itertools import accumulate

__all__ = ["SpanIndex"]


class SpanIndex:
    """Spans ``(start, end)`` in any order, overlapping or not, indexed for two questions.

    >>> ix = SpanIndex([(10, 20), (0, 5), (3, 8)])
    >>> ix.covers(4, 8), ix.covers(4, 9), ix.overlaps(8, 10), ix.overlaps(19, 30)
    (True, False, False, True)
    """

    __slots__ = ("_starts", "_reach")

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self._starts = [s for s, _ in ordered]
        # the furthest end among the spans up to each one: a span starting at or before a point
        # reaches past it exactly when the furthest of them does
        self._reach = list(accumulate((e for _, e in ordered), max))

    def __bool__(self) -> bool:
        return bool(self._starts)

    def covers(self, start: int, end: int) -> bool:
        """Whether one span holds all of [start, end)."""
        i = bisect_right(self._starts, start)
        return i > 0 and self._reach[i - 1] >= end

    def overlaps(self, start: int, end: int) -> bool:
        """Whether one span shares a character with [start, end)."""
        i = bisect_left(self._starts, end)
        return i > 0 and self._reach[i - 1] > start
