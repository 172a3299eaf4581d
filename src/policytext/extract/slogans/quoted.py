"""Evidence from quotes: a quoted string that has the shape of a numbered slogan (“三支队伍”,
“一县一策”, “志智双扶”, “6环联动”).  A quote that begins with the verb governing the slogan
(“打赢三大攻坚战”) gives the slogan without the verb."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from ...resources import Resources
from .forms import numeral_parts, shape_ok
from .mention import NUM, SloganMention
from .vocabulary import words

__all__ = ["quoted_forms"]

_QUOTED = re.compile(r"[“「『]\s*([^“”「」『』\n]{1,24}?)\s*[”」』]")
_RX_NUM_START = re.compile(rf"[{NUM}\d]")
_RX_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=1)
def governing_verbs() -> frozenset[str]:
    """Verbs that govern a slogan rather than name its members (``slogan_verbs.tsv``)."""
    return frozenset(words("slogan_verbs.tsv", "yes", column="governs"))


def quoted_forms(text: str, res: Resources) -> Iterator[SloganMention]:
    """Quoted strings with the shape of a numbered slogan and at least one numeral part."""
    if "“" not in text and "「" not in text and "『" not in text:
        return  # a substring test is far cheaper than a regex scan
    verbs = governing_verbs()
    for m in _QUOTED.finditer(text):
        form = m.group(1)
        s, e = m.span(1)
        if form[:2] in verbs and _RX_NUM_START.match(form, 2):
            form, s = form[2:], s + 2  # “打赢三大攻坚战”, “坚持四个自信”: the verb governs the slogan
        compact = _RX_SPACES.sub("", form)
        if not shape_ok(compact):
            continue
        number, parts = numeral_parts(compact)
        if parts:
            yield SloganMention(s, e, compact, number, parts, matched_by="quote")
