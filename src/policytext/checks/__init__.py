"""Consistency checks a fact-checker wants, recomputed from the article's own numbers.

* ``ratio``: “X 占 Y 的 Z%” and “发现 A 个，整改 B 个，整改率 Z%” — Z against X/Y or B/A;
* ``percentage_points``: “从 P1 下降到 P2，下降 D 个百分点” — D against |P1 − P2|;
* ``sum_to_100``: a list of shares (42%、20%、10%、8%、20%) against 100%;
* ``slogan_item_count``: a slogan's number against the items the text lists (三个精准：即…).

A stated figure holds (``ok``) when it is the recomputed value rounded or truncated to the digits
the text gives; otherwise the finding is a ``mismatch`` carrying the computed value.  Figures the
text rounds to a magnitude (15.87万 is 158,650 to 158,750) are recomputed over that range, and a
stated bound (97%以上, 近80%) is checked as a bound.  A ratio whose parts would make a share or a
rate above 100% when the text states one below it pairs the wrong figures and gives no finding.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from ..records import Quantity
from ..extract.numbers import MAGNITUDES
from ..extract.slogans import SloganMention

__all__ = ["CheckFound", "check_quantities", "check_slogan_items"]


@dataclass(frozen=True, slots=True)
class CheckFound:
    check: str
    status: str
    message: str
    spans: tuple[tuple[int, int], ...]
    stated: Decimal
    computed: Decimal


_SENTENCE_BREAK = re.compile(r"[。;；!?！？\n]")  # the same characters as _BREAKS
_LIST_SEP = re.compile(r"[、,，]")
_SHARE_OF = re.compile(r"的(?:比重|比例|份额)?(?:为|是|达到?)?\s*$")
_ZHAN = re.compile(r"占(?:到)?[\u4e00-\u9fff]{0,8}$")
_RATE = re.compile(r"([\u4e00-\u9fff]{2})率\s*(?:为|达到?|是)?\s*(?:超过|将近|接近|不到|不足|近|约|逾|超)?\s*$")
_TO = re.compile(r"^\s*(?:下降|降低|降|减少|回落|上升|提高|提升|增加|增长|升)?\s*(?:到|至)\s*$")
_PP_VERB = re.compile(r"(下降|降低|减少|回落|收窄|上升|提高|提升|增加|增长|扩大)了?\s*$")
_DOWN = ("下降", "降低", "减少", "回落", "收窄")
_SHARE_CUE = re.compile(r"占|比重|比例|构成|份额|结构")
_CHANGE = re.compile(r"(?:增长|下降|增速|增幅|降幅|提高|提升|上涨|下跌|降低|上升|回落|减少|增加|同比|环比)了?\s*$")
# 两年完成的投资额占五年投资总额的32%: years qualify the amounts, they are not the amounts
_SPANS_OF_TIME = frozenset({"duration", "age", "anniversary"})


def check_quantities(text: str, quantities: list[Quantity]) -> list[CheckFound]:
    """Every check the quantities of one document allow, in document order."""
    out: list[CheckFound] = []
    used_in_sums: set[int] = set()
    for i, q in enumerate(quantities):
        if q.value is None:
            continue
        if q.unit == "%":
            found = _ratio(text, quantities, i) or _rate(text, quantities, i)
            if found:
                out.append(found)
            elif i not in used_in_sums:
                total = _sum_to_100(text, quantities, i)
                if total is not None:
                    found, members = total
                    used_in_sums.update(members)
                    out.append(found)
        elif q.kind == "percentage_points":
            found = _points(text, quantities, i)
            if found:
                out.append(found)
    return out


_BREAKS = "。;；!?！？\n"


def _sentence_start(text: str, pos: int) -> int:
    """Just after the last sentence break before ``pos`` (searched backwards, not from 0)."""
    return max(text.rfind(ch, 0, pos) for ch in _BREAKS) + 1


def _decimals(value: Decimal) -> int:
    exp = value.as_tuple().exponent
    return -exp if isinstance(exp, int) and exp < 0 else 0


def _holds(stated: Decimal, computed: Decimal) -> bool:
    step = Decimal(1).scaleb(-_decimals(stated))
    return stated in (computed.quantize(step, ROUND_HALF_UP), computed.quantize(step, ROUND_DOWN))


def _show(value: Decimal, digits: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-digits), ROUND_HALF_UP)


def _finding(check: str, stated: Decimal, computed: Decimal, spans: tuple[tuple[int, int], ...], what: str) -> CheckFound:
    ok = _holds(stated, computed)
    shown = _show(computed, _decimals(stated) + 2)
    status = "ok" if ok else "mismatch"
    verdict = "holds" if ok else "does not hold"
    return CheckFound(check, status, f"{what}: stated {stated}, computed {shown} — {verdict}", spans, stated, shown)


_ROUNDED = re.compile(r"(\d+)(?:\.(\d+))?\s*(万亿|亿|万)")
_MAGNITUDE = dict(MAGNITUDES)


def _half_step(q: Quantity) -> Decimal:
    """Half the step a figure is rounded to as written: 15.87万 → 50, 14万 → 5000, 28586 → 0."""
    m = _ROUNDED.search(q.text)
    if m is None:
        return Decimal(0)
    return _MAGNITUDE[m.group(3)].scaleb(-len(m.group(2) or "")) / 2


def _share(check: str, z: Quantity, x: Quantity, y: Quantity, spans: tuple[tuple[int, int], ...], what: str) -> CheckFound | None:
    """Z% against X/Y: holds when a value of X/Y that the rounding of X and Y allows gives Z as
    written (rounded or truncated), or meets Z's bound (以上, 不到, 近, 约)."""
    assert x.value is not None and y.value is not None and z.value is not None
    stated = z.value
    computed = x.value / y.value * 100
    if computed > 100 and stated <= 100:
        return None  # the wrong figures: a share or rate of 125759%
    found = _finding(check, stated, computed, spans, what)
    hx, hy = _half_step(x), _half_step(y)
    lo = (x.value - hx) / (y.value + hy) * 100
    hi = (x.value + hx) / (y.value - hy) * 100 if y.value > hy else computed
    step = Decimal(1).scaleb(-_decimals(stated))
    low_ok, high_ok = stated - step / 2, stated + step  # what rounds or truncates to the stated figure
    if z.qualifier in ("at_least", "more_than"):
        low_ok, high_ok = stated - step / 2, Decimal("Infinity")
    elif z.qualifier in ("at_most", "approx_below"):
        low_ok, high_ok = Decimal("-Infinity"), stated + step
    elif z.qualifier == "approx":
        low_ok, high_ok = stated - step, stated + step
    if found.status == "mismatch" and lo < high_ok and hi >= low_ok:
        bound = z.qualifier in ("at_least", "more_than", "at_most", "approx_below", "approx")
        why = f"as a bound ({z.qualifier})" if bound else "within the rounding of the figures"
        return CheckFound(check, "ok", f"{what}: stated {stated}, computed {found.computed} — holds, {why}",
                          spans, found.stated, found.computed)  # fmt: skip
    return found


def _ratio(text: str, qs: list[Quantity], i: int) -> CheckFound | None:
    """X 占 Y 的 Z%: Y is the quantity right before Z; X the last one before 占 with Y's unit."""
    z = qs[i]
    if i == 0:
        return None
    y = qs[i - 1]
    if y.value is None or y.unit in (None, "%") or y.kind in _SPANS_OF_TIME or not _SHARE_OF.search(text, y.end, z.start):
        return None
    zhan = _ZHAN.search(text, max(0, y.start - 10), y.start)
    if zhan is None:
        return None
    start = _sentence_start(text, zhan.start())
    for x in reversed(qs[: i - 1]):
        if x.end > zhan.start():
            continue
        if x.start < start:
            break
        if x.unit == y.unit and x.value is not None and y.value:
            return _share("ratio", z, x, y, ((x.start, x.end), (y.start, y.end), (z.start, z.end)),
                          f"{x.value} of {y.value} {y.unit} as a percentage")  # fmt: skip
    return None


def _rate(text: str, qs: list[Quantity], i: int) -> CheckFound | None:
    """发现 A 个，整改 B 个，整改率 Z%: B is the amount after the rate's verb, A the one before B."""
    z = qs[i]
    m = _RATE.search(text, max(0, z.start - 8), z.start)
    if m is None:
        return None
    verb = m.group(1)
    start = _sentence_start(text, z.start)
    earlier = [q for q in qs[:i] if q.start >= start and q.value is not None and q.unit not in (None, "%")
               and q.kind not in _SPANS_OF_TIME]  # fmt: skip
    for j in range(len(earlier) - 1, 0, -1):
        b = earlier[j]
        if text.rfind(verb, max(start, b.start - 6), b.start) == -1:
            continue
        for a in reversed(earlier[:j]):
            if a.unit == b.unit and a.value and b.value is not None:
                return _share("ratio", z, b, a, ((a.start, a.end), (b.start, b.end), (z.start, z.end)),
                              f"{verb}率 {b.value} of {a.value} {a.unit}")  # fmt: skip
        return None
    return None


def _points(text: str, qs: list[Quantity], i: int) -> CheckFound | None:
    """从 P1 下降到 P2，下降 D 个百分点."""
    d = qs[i]
    verb = _PP_VERB.search(text, max(0, d.start - 4), d.start)
    start = _sentence_start(text, d.start)
    percents = [q for q in qs[:i] if q.start >= start and q.unit == "%" and q.value is not None]
    if len(percents) < 2:
        return None
    p1, p2 = percents[-2], percents[-1]
    if not _TO.match(text[p1.end : p2.start]):
        return None
    computed = abs(p1.value - p2.value)  # type: ignore[operator]
    found = _finding("percentage_points", d.value, computed, ((p1.start, p1.end), (p2.start, p2.end), (d.start, d.end)),  # type: ignore[arg-type]
                     f"{p1.value}% to {p2.value}%")  # fmt: skip
    if verb is not None and found.status == "ok":
        went_down = p2.value < p1.value  # type: ignore[operator]
        said_down = verb.group(1) in _DOWN
        if went_down != said_down and computed != 0:
            word = "down" if said_down else "up"
            return CheckFound("percentage_points", "mismatch",
                              f"{p1.value}% to {p2.value}%: the text says {word} {d.value} points, the figures go the other way",
                              found.spans, found.stated, found.computed)  # fmt: skip
    return found


def _sum_to_100(text: str, qs: list[Quantity], i: int) -> tuple[CheckFound, list[int]] | None:
    """A run of three or more shares listed together (42%、20%、10%、8%、20%)."""
    members = [i]
    j = i
    while j + 1 < len(qs):
        a, b = qs[j], qs[j + 1]
        gap = text[a.end : b.start]
        if b.unit != "%" or b.value is None or len(gap) > 12 or _SENTENCE_BREAK.search(gap) or not _LIST_SEP.search(gap):
            break
        members.append(j + 1)
        j += 1
    if len(members) < 3:
        return None
    values = [qs[k].value for k in members]
    if any(v is None or v <= 0 or v > 100 for v in values):
        return None
    if any(_CHANGE.search(text, max(0, qs[k].start - 6), qs[k].start) for k in members):
        return None  # 增长6.5%，…占工业85%…，增长了6.8%: rates of change, not shares of a whole
    total = sum(values, Decimal(0))  # type: ignore[arg-type]
    start = _sentence_start(text, qs[i].start)
    cue = _SHARE_CUE.search(text, start, qs[i].start)
    band = (Decimal(90), Decimal(110)) if cue is not None else (Decimal(97), Decimal(103))
    if not band[0] <= total <= band[1]:
        return None  # not a distribution: growth rates, or shares of different wholes listed together
    digits = max(_decimals(v) for v in values)  # type: ignore[arg-type]
    tolerance = Decimal(len(values)) * Decimal("0.5") * Decimal(1).scaleb(-digits)
    ok = abs(total - 100) <= tolerance
    spans = tuple((qs[k].start, qs[k].end) for k in members)
    shown = " + ".join(f"{v}%" for v in values)
    verdict = "adds up to 100%" if ok else "does not add up to 100%"
    return CheckFound("sum_to_100", "ok" if ok else "mismatch", f"{shown} = {total}% — {verdict}", spans,
                      Decimal(100), total), members  # fmt: skip


def check_slogan_items(m: SloganMention) -> CheckFound | None:
    """A slogan's declared count against the items the text lists right at it."""
    if m.items_source != "inline" or m.declared is None:
        return None
    found = len(m.items)
    ok = found == m.declared
    return CheckFound(
        "slogan_item_count",
        "ok" if ok else "mismatch",
        f"{m.normalized} announces {m.declared} items; the text lists {found}",
        ((m.start, m.end), *m.items),
        Decimal(m.declared),
        Decimal(found),
    )
