"""What every check shares: the finding it reports and how a stated figure is judged.

A stated figure holds (``ok``) when it is the recomputed value rounded or truncated to the
digits the text gives; otherwise the finding is a ``mismatch`` carrying the computed value,
shown to two digits more than the text states.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from typing import TypeVar

__all__ = ["CheckFound", "SPANS_OF_TIME", "LOOKBACK", "Sentences", "decimals", "finding", "holds", "back_from"]


@dataclass(frozen=True, slots=True)
class CheckFound:
    check: str
    status: str
    message: str
    spans: tuple[tuple[int, int], ...]
    stated: Decimal
    computed: Decimal


#: 两年完成的投资额占五年投资总额的32%: years qualify the amounts, they are not the amounts
SPANS_OF_TIME = frozenset({"duration", "age", "anniversary"})

#: where a sentence ends: the figures of a check are read within one sentence
BREAKS = "。;；!?！？\n"
_BREAK = re.compile(f"[{BREAKS}]")
#: the most figures a check looks back over, within its sentence: a "sentence" of more figures
#: is a table or a list run together, where no two figures are clearly about the same whole;
#: the bound keeps a text of figures without a sentence break linear (news has at most ~40)
LOOKBACK = 100

_T = TypeVar("_T")


class Sentences:
    """Where the sentences of one text start: the breaks are found once per text, and each
    question is a bisection (a search backwards from every figure would read a text without
    breaks again for every figure in it)."""

    __slots__ = ("_text", "_breaks")

    def __init__(self, text: str) -> None:
        self._text = text
        self._breaks: list[int] | None = None  # found on the first question: most texts ask none

    def start(self, pos: int) -> int:
        """Just after the last sentence break before ``pos``; 0 when there is none."""
        if self._breaks is None:
            self._breaks = [m.start() for m in _BREAK.finditer(self._text)]
        i = bisect_left(self._breaks, pos)
        return self._breaks[i - 1] + 1 if i else 0


def back_from(items: list[_T], i: int) -> Iterator[_T]:
    """``items[i - 1]``, ``items[i - 2]``…, at most :data:`LOOKBACK` of them (no copy of the
    list before ``i``)."""
    for j in range(i - 1, max(-1, i - 1 - LOOKBACK), -1):
        yield items[j]


def decimals(value: Decimal) -> int:
    """How many digits the text gives after the point (30.14 → 2, 98 → 0)."""
    exp = value.as_tuple().exponent
    return -exp if isinstance(exp, int) and exp < 0 else 0


def holds(stated: Decimal, computed: Decimal) -> bool:
    """``stated`` is ``computed`` rounded or truncated to the stated digits."""
    step = Decimal(1).scaleb(-decimals(stated))
    return stated in (computed.quantize(step, ROUND_HALF_UP), computed.quantize(step, ROUND_DOWN))


def _show(value: Decimal, digits: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-digits), ROUND_HALF_UP)


def finding(check: str, stated: Decimal, computed: Decimal, spans: tuple[tuple[int, int], ...], what: str) -> CheckFound:
    """The finding of ``check`` for a stated figure against the recomputed one."""
    ok = holds(stated, computed)
    shown = _show(computed, decimals(stated) + 2)
    status = "ok" if ok else "mismatch"
    verdict = "holds" if ok else "does not hold"
    return CheckFound(check, status, f"{what}: stated {stated}, computed {shown} — {verdict}", spans, stated, shown)
