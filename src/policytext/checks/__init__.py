"""Consistency checks a fact-checker wants, recomputed from the article's own numbers.

One module per check, each with a ``check(text, quantities, i)`` giving a finding only when the figures are clearly about the same whole:

* :mod:`.ratio`: “X 占 Y 的 Z%” — Z against X/Y;
* :mod:`.rate`: “发现 A 个，整改 B 个，整改率 Z%” — Z against B/A (reported as ``ratio``);
* :mod:`.points`: “从 P1 下降到 P2，下降 D 个百分点” — D against |P1 − P2| (``percentage_points``);
* :mod:`.sum_to_100`: a list of shares (42%、20%、10%、8%、20%) against 100%;
* :mod:`.item_count`: a slogan's number against the items the text lists (三个精准：即…)
  (``slogan_item_count``).

How a stated figure is judged (rounded or truncated, ``ok`` or ``mismatch``) is in
:mod:`.common`; how the rounding of the parts and a stated bound are allowed for, in :mod:`.share`.
"""

from __future__ import annotations

from ..records import Quantity
from . import points, rate, ratio, sum_to_100
from .common import CheckFound, Sentences
from .item_count import check_slogan_items

__all__ = ["CheckFound", "check_quantities", "check_slogan_items"]


def check_quantities(text: str, quantities: list[Quantity]) -> list[CheckFound]:
    """Every check the quantities of one document allow, in document order.  A percentage is
    a share of the figures before it, else a rate, else the first of a list of shares; a share
    taken into a list is not the start of another."""
    out: list[CheckFound] = []
    used_in_sums: set[int] = set()
    sentences = Sentences(text)  # found once: every check reads within one sentence
    for i, q in enumerate(quantities):
        if q.value is None:
            continue
        if q.unit == "%":
            found = ratio.check(text, quantities, i, sentences) or rate.check(text, quantities, i, sentences)
            if found is None and i not in used_in_sums:
                total = sum_to_100.check(text, quantities, i, sentences)
                if total is not None:
                    found, members = total
                    used_in_sums.update(members)
        elif q.kind == "percentage_points":
            found = points.check(text, quantities, i, sentences)
        else:
            continue
        if found is not None:
            out.append(found)
    return out
