"""Numerals that are not amounts: ordinals and lunar days (第一, 初一), 一 as an article (这一年,
一座座, 一步一个脚印) and 千万 / 万万 as the adverb "by all means" (千万不能)."""

from __future__ import annotations

from ..numbers import NumberMention
from .words import quantity_words

__all__ = ["ORDINAL_BEFORE", "one_is_an_article", "adverb", "ADVERB_NUMERALS"]

#: before a numeral, an ordinal (第一, 第30) or a lunar day (初一): not an amount
ORDINAL_BEFORE = frozenset({"第", "初"})
_ARTICLE_BEFORE = quantity_words("article_before")
#: 千万, 万万: numbers that can be the adverb "by all means"
ADVERB_NUMERALS = frozenset(quantity_words("adverb_numeral"))
# what follows 千万 / 万万 when they mean "by all means": 千万不能, 千万要, 万万没想到
_ADVERB_NEXT = frozenset(quantity_words("adverb_next"))


def one_is_an_article(text: str, n: NumberMention) -> bool:
    """一 in 这一年, 一座座, 一步一个脚印: not an amount."""
    if n.text != "一":
        return False
    before = text[max(0, n.start - 2) : n.start]
    if before.endswith(_ARTICLE_BEFORE):
        return True
    nxt = text[n.end : n.end + 2]
    if len(nxt) == 2 and nxt[0] == nxt[1]:
        return True  # 一座座, 一个个
    # parallel 一X一Y: 一步一个, 一年一个, 一县一策; and 一年比一年, 一天比一天
    if text[n.end + 1 : n.end + 2] == "一" or text[n.start - 2 : n.start - 1] == "一":
        return True
    unit = text[n.end : n.end + 1]
    return text[n.end + 1 : n.end + 4] == f"比一{unit}" or text[n.start - 3 : n.start] == f"一{unit}比"


def adverb(text: str, n: NumberMention) -> bool:
    """千万不能, 万万不可: "by all means", not ten million."""
    return n.text in ADVERB_NUMERALS and text[n.end : n.end + 1] in _ADVERB_NEXT
