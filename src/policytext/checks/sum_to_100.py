"""A list of shares (42%、20%、10%、8%、20%) against the 100% of the whole they divide."""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache

from ..records import Quantity
from .common import LOOKBACK, CheckFound, Sentences, decimals
from .words import alternation

__all__ = ["check"]


_SENTENCE_BREAK = re.compile(r"[。;；!?！？\n]")  # the same characters as common.BREAKS
_LIST_SEP = re.compile(r"[、,，]")
#: the longest gap between two listed shares
_MAX_GAP = 12


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A word before the list that says it divides one whole (占, 比重, 构成…); a verb of change
    right before a percentage (a rate of change, not a share)."""
    whole_cue = re.compile(alternation("whole_cue"))
    change = re.compile(rf"(?:{alternation('change')})了?\s*$")
    return whole_cue, change


def _listed(text: str, qs: list[Quantity], i: int) -> list[int]:
    """The indexes of the percentages listed one after another from ``qs[i]``: each separated
    from the last by a short gap with a list separator and no sentence break."""
    members = [i]
    j = i
    while j + 1 < len(qs) and len(members) <= LOOKBACK:  # past it, not one whole (see LOOKBACK)
        a, b = qs[j], qs[j + 1]
        gap = text[a.end : b.start]
        if b.unit != "%" or b.value is None or len(gap) > _MAX_GAP or _SENTENCE_BREAK.search(gap) or not _LIST_SEP.search(gap):
            break
        members.append(j + 1)
        j += 1
    return members


def _are_shares(text: str, qs: list[Quantity], members: list[int]) -> bool:
    """Every figure could be a share (above 0, at most 100) and none is a rate of change
    (增长6.5%，…占工业85%…，增长了6.8%)."""
    if any(v is None or v <= 0 or v > 100 for v in (qs[k].value for k in members)):
        return False
    change = _patterns()[1]
    return not any(change.search(text, max(0, qs[k].start - 6), qs[k].start) for k in members)


def _band(text: str, qs: list[Quantity], i: int, sentences: Sentences) -> tuple[Decimal, Decimal]:
    """The totals that make the list a distribution: 90–110% when the sentence says it divides a
    whole (占, 比重…), else 97–103% (growth rates, or shares of different wholes, listed
    together rarely add up that close)."""
    start = sentences.start(qs[i].start)
    if _patterns()[0].search(text, start, qs[i].start) is not None:
        return Decimal(90), Decimal(110)
    return Decimal(97), Decimal(103)


def check(
    text: str, qs: list[Quantity], i: int, sentences: Sentences | None = None
) -> tuple[CheckFound, list[int]] | None:
    """A run of three or more shares listed together (42%、20%、10%、8%、20%) against 100%,
    within the rounding of the figures; with the indexes of the shares it used."""
    members = _listed(text, qs, i)
    if not 3 <= len(members) <= LOOKBACK or not _are_shares(text, qs, members):
        return None
    values: list[Decimal] = [qs[k].value for k in members]  # type: ignore[misc]
    total = sum(values, Decimal(0))
    low, high = _band(text, qs, i, sentences or Sentences(text))
    if not low <= total <= high:
        return None  # not a distribution: growth rates, or shares of different wholes listed together
    digits = max(decimals(v) for v in values)
    tolerance = Decimal(len(values)) * Decimal("0.5") * Decimal(1).scaleb(-digits)
    ok = abs(total - 100) <= tolerance
    spans = tuple((qs[k].start, qs[k].end) for k in members)
    shown = " + ".join(f"{v}%" for v in values)
    verdict = "adds up to 100%" if ok else "does not add up to 100%"
    return CheckFound("sum_to_100", "ok" if ok else "mismatch", f"{shown} = {total}% — {verdict}", spans,
                      Decimal(100), total), members  # fmt: skip
