"""What every check shares: the finding it reports and how a stated figure is judged.

A stated figure holds (``ok``) when it is the recomputed value rounded or truncated to the
digits the text gives; otherwise the finding is a ``mismatch`` carrying the computed value,
shown to two digits more than the text states.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

__all__ = ["CheckFound", "SPANS_OF_TIME", "decimals", "finding", "holds", "sentence_start"]


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


def sentence_start(text: str, pos: int) -> int:
    """Just after the last sentence break before ``pos`` (searched backwards, not from 0)."""
    return max(text.rfind(ch, 0, pos) for ch in BREAKS) + 1


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
