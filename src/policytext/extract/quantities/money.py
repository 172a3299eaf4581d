"""Money: the currency named before an amount, and the coins (角, 分) written after the yuan.

    港币两千九百六十元 → 2960 港币       123元1角1分 → 123.11 元       十块三毛 → 10.3 元
"""

from __future__ import annotations

import re
from decimal import Decimal

from ...resources import Unit
from ..numbers import parse_number
from .units import UnitIndex
from .words import quantity_words

__all__ = ["currency_before", "coins_after", "YUAN", "YUAN_NAMED_BEFORE"]

#: the forms of the yuan after which a currency named before the number is the real unit
YUAN_NAMED_BEFORE = quantity_words("yuan_after_currency")
#: the forms of the yuan that smaller coins may follow
YUAN = quantity_words("yuan_before_coins")
_CURRENCY_BEFORE = re.compile(
    "(" + "|".join(sorted(quantity_words("currency_before"), key=len, reverse=True)) + r")\s*$"
)
# 123元1角1分, 十块三毛, 一百三十五块六角七分钱: smaller coins after the yuan
_COINS = re.compile(
    r"(?:([0-9]|[一二两三四五六七八九壹贰叁肆伍陆柒捌玖])\s*[角毛])?(?:([0-9]|[一二三四五六七八九壹贰叁肆伍陆柒捌玖])\s*分)?(钱)?"
)
_TENTH, _HUNDREDTH = Decimal("0.1"), Decimal("0.01")


def currency_before(text: str, start: int, form: str, unit: Unit, ix: UnitIndex) -> tuple[str, Unit]:
    """港币两千九百六十元: a currency other than 人民币 named just before an amount in 元 is its
    unit; otherwise the unit stays as written."""
    if form not in YUAN_NAMED_BEFORE:
        return form, unit
    cur = _CURRENCY_BEFORE.search(text, max(0, start - 6), start)
    if cur is None or cur.group(1) == "人民币":
        return form, unit
    return cur.group(1), ix.table[cur.group(1)]


def coins_after(text: str, pos: int) -> tuple[Decimal, int] | None:
    """The 角 and 分 written right after the yuan (1角1分, 三毛) as a fraction of a yuan, and
    where they end; None when none are written."""
    c = _COINS.match(text, pos)
    if c is None or not (c.group(1) or c.group(2)):
        return None
    coins = sum(
        (Decimal(digit(d)) * f for d, f in ((c.group(1), _TENTH), (c.group(2), _HUNDREDTH)) if d),
        Decimal(0),
    )
    return coins, c.end()


def digit(ch: str) -> int:
    """One digit, Arabic or Chinese."""
    return int(ch) if ch.isdigit() else int(parse_number(ch).value or 0)
