"""Z% against X/Y, allowing for how the text rounds X and Y and for a bound it puts on Z.

Figures the text rounds to a magnitude (15.87万 is 158,650 to 158,750) are recomputed over that
range, and a stated bound (97%以上, 近80%) is checked as a bound.  A share or a rate above 100%
computed for a figure stated below it pairs the wrong figures and gives no finding.
"""

from __future__ import annotations

import re
from decimal import Decimal

from ..extract.numbers import MAGNITUDES
from ..records import Quantity
from .common import CheckFound, decimals, finding

__all__ = ["share"]


_ROUNDED = re.compile(r"(\d+)(?:\.(\d+))?\s*(万亿|亿|万)")
_MAGNITUDE = dict(MAGNITUDES)
#: qualifiers (set by the quantity reader) that make a stated figure a bound
_AT_LEAST = ("at_least", "more_than")  # 以上, 超过
_AT_MOST = ("at_most", "approx_below")  # 不到, 近
_BOUNDS = (*_AT_LEAST, *_AT_MOST, "approx")


def _half_step(q: Quantity) -> Decimal:
    """Half the step a figure is rounded to as written: 15.87万 → 50, 14万 → 5000, 28586 → 0."""
    m = _ROUNDED.search(q.text)
    if m is None:
        return Decimal(0)
    return _MAGNITUDE[m.group(3)].scaleb(-len(m.group(2) or "")) / 2


def _accepted(z: Quantity, stated: Decimal) -> tuple[Decimal, Decimal]:
    """The values that make ``stated`` true as written: those that round or truncate to it, or
    those within its bound (以上, 不到, 近, 约)."""
    step = Decimal(1).scaleb(-decimals(stated))
    if z.qualifier in _AT_LEAST:
        return stated - step / 2, Decimal("Infinity")
    if z.qualifier in _AT_MOST:
        return Decimal("-Infinity"), stated + step
    if z.qualifier == "approx":
        return stated - step, stated + step
    return stated - step / 2, stated + step


def share(check: str, z: Quantity, x: Quantity, y: Quantity, spans: tuple[tuple[int, int], ...], what: str) -> CheckFound | None:
    """Z% against X/Y: holds when a value of X/Y that the rounding of X and Y allows gives Z as
    written (rounded or truncated), or meets Z's bound (以上, 不到, 近, 约)."""
    assert x.value is not None and y.value is not None and z.value is not None
    stated = z.value
    computed = x.value / y.value * 100
    if computed > 100 and stated <= 100:
        return None  # the wrong figures: a share or rate of 125759%
    found = finding(check, stated, computed, spans, what)
    if found.status == "ok":
        return found
    hx, hy = _half_step(x), _half_step(y)
    lo = (x.value - hx) / (y.value + hy) * 100
    hi = (x.value + hx) / (y.value - hy) * 100 if y.value > hy else computed
    low_ok, high_ok = _accepted(z, stated)
    if lo < high_ok and hi >= low_ok:
        why = f"as a bound ({z.qualifier})" if z.qualifier in _BOUNDS else "within the rounding of the figures"
        return CheckFound(check, "ok", f"{what}: stated {stated}, computed {found.computed} — holds, {why}",
                          spans, found.stated, found.computed)  # fmt: skip
    return found
