"""Evidence from digit codes: Arabic digits that name a formulation, quoted before a governance
noun (“113”政策落实推进机制) or joined by + (9+9产业扶贫工程, 1+N政策体系)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from ...resources import Resources
from .forms import numeral_parts
from .mention import SloganMention
from .vocabulary import words

__all__ = ["digit_codes"]

_RX_LATIN = re.compile(r"[A-Za-z]")
_RX_QUOTES_SPACES = re.compile(r"[“”\s]")


@lru_cache(maxsize=1)
def _code_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A quoted code before a governance noun, and an unquoted code joined by + (its governance
    noun optional), the nouns from ``slogan_heads.tsv``."""
    nouns = "|".join(words("slogan_heads.tsv", "governance"))
    quoted = re.compile(rf"“(\d{{2,4}}|\d+(?:\+(?:\d+|[NnXx]))+)”\s*([\u4e00-\u9fff]{{0,10}}(?:{nouns}))")
    joined = re.compile(rf"(?<![\d.])(\d+(?:\+(?:\d+|[NnXx]))+)\s*([\u4e00-\u9fff]{{0,10}}(?:{nouns}))?")
    return quoted, joined


def digit_codes(text: str, res: Resources) -> Iterator[SloganMention]:
    """Digit-coded names in document order (a quoted one first where both start together)."""
    if "“" not in text and "+" not in text:
        return  # a substring test is far cheaper than a regex scan
    quoted_rx, joined_rx = _code_patterns()
    quoted = list(quoted_rx.finditer(text)) if "“" in text else []
    joined = list(joined_rx.finditer(text)) if "+" in text else []
    for m in sorted(quoted + joined, key=lambda m: m.start()):
        if m.re is joined_rx and not _is_unquoted_code(m, quoted):
            continue
        s, e = m.span()
        normalized = _RX_QUOTES_SPACES.sub("", text[s:e])
        number, parts = numeral_parts(normalized)
        yield SloganMention(s, e, normalized, number, parts, matched_by="digit_code")


def _is_unquoted_code(m: re.Match[str], quoted: list[re.Match[str]]) -> bool:
    """An unquoted code names something when it is not inside a quoted code (“9+9”产业扶贫工程)
    and has a governance noun or a letter (1+N): 1+1+1 alone is arithmetic."""
    if any(q.start() <= m.start() < q.end() for q in quoted):
        return False
    return bool(m.group(2)) or bool(_RX_LATIN.search(m.group(1)))
