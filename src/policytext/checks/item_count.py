"""A slogan's number against the items the text lists right at it (三个精准：即…)."""

from __future__ import annotations

from decimal import Decimal

from ..extract.slogans import SloganMention
from .common import CheckFound

__all__ = ["check_slogan_items"]


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
