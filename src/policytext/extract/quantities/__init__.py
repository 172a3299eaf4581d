"""Quantities: a number with its unit, kind, qualifier and the thing counted.

    12.1万人 → 121000 人 (count)           36.576万千瓦 → 365760 千瓦 (power, 365760000 W)
    近30万人 → 300000 人, approx_below      65%以上 → 65 %, at_least
    突破5亿元 → 500000000 元, more_than     百分之五十 → 50 %
    下降5.7个百分点 → 5.7 percentage_points  3至5年 → range 3..5 年 (duration)
    两三次 → range 2..3 次                  几十年 → vague, no value
    6个县 → 6 个, counted 县                20余万干部 → 200000, more_than, counted 干部
    1439痤 → 1439, unit 痤 kept as written (a measure word the table does not know)

Not quantities: numerals inside slogans (四个意识), dates (2017年, read first by
:mod:`..dates`), ordinals (第一), 一 + classifier used as an article (一个, 一批), reduplicated
classifiers (一座座), parallel phrases (一步一个脚印), and the set phrases of
``lexicon/not_quantities.tsv`` (最后一公里).

One module per class of language: :mod:`.units` (the unit and SI values), :mod:`.qualifiers`
(approximately, at least, more than …), :mod:`.ranges` (3至5年), :mod:`.money` (currencies,
角 and 分), :mod:`.shares` (百分之, 三分之一, 七成六), :mod:`.durations` (5年半),
:mod:`.counted` (the noun counted), :mod:`.not_amounts` (第一, 一 as an article, 千万不能).
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import TYPE_CHECKING, NamedTuple

from ..._regex import longest_of
from ...records import Quantity
from ...resources import Unit, default_resources
from ..numbers import NumberMention, exact, find_numbers
from .counted import counted_after, magnitude_counts, places_counted, takes_a_noun
from .durations import half_after
from .money import YUAN, YUAN_NAMED_BEFORE, coins_after, currency_before
from .not_amounts import ADVERB_NUMERALS, ORDINAL_BEFORE, adverb, one_is_an_article
from .qualifiers import more_bracket, more_written_at, qualifier
from .ranges import joined_range
from .shares import percent_word_before, six_digits, tenths_after
from .units import (
    FRACTION, READ_IN_CONTEXT, UnitIndex, in_context, si, unit_at, unknown_measure_word, year_shaped,
)  # fmt: skip

if TYPE_CHECKING:
    from ...resources import Resources

__all__ = ["find_quantities"]


@exact  # sums and products of values read from text stay exact (12345678901234567890123456789万元)
def find_quantities(
    text: str, *, skip: list[tuple[int, int]] | None = None, res: Resources | None = None
) -> list[Quantity]:
    """Quantities in ``text`` in order, as records with offsets into ``text``.  Numbers inside
    the spans ``skip`` (slogans, dates, repeated lines) and the set phrases of ``res`` are left
    out; ``res`` (the shipped data by default) gives the units."""
    built = (res if res is not None else default_resources()).built("quantities", _build)
    ix = built.units
    phrases = [m.span() for m in built.set_phrases.finditer(text)]
    numbers = find_numbers(text, skip=_merged(sorted([*(skip or []), *phrases])), keep=ix.worth_reading)
    out: list[Quantity] = []
    i = 0
    while i < len(numbers):
        n = numbers[i]
        if out and n.start < out[-1].end:
            i += 1  # already part of the previous quantity (the 1角 of 123元1角1分)
            continue
        q = _quantity(text, n, ix)
        nxt = numbers[i + 1] if i + 1 < len(numbers) else None
        if nxt is not None and n.parse.value is not None:
            joined = joined_range(text, n, q, nxt, _quantity, ix)
            if joined is not None:
                out.append(joined)
                i += 2
                continue
        if q is not None:
            out.append(q)
        i += 1
    return out


class _Built(NamedTuple):
    """What the reader builds from one :class:`Resources`, once (``Resources.built``)."""

    units: UnitIndex
    #: the set phrases of ``res.not_quantities`` (最后一公里) as one pattern
    set_phrases: re.Pattern[str]


def _build(res: Resources) -> _Built:
    return _Built(UnitIndex(res.units), re.compile(longest_of(res.not_quantities)))


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted spans with overlaps joined, as find_numbers' ``skip`` wants them."""
    out: list[tuple[int, int]] = []
    for s, e in spans:
        if out and s < out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


class _Draft:
    """A quantity being read: where it starts and ends so far, its unit as written and as a
    table row, whether 多/余 was written in it, and what is added to the number (角 and 分, a
    half, tenths)."""

    __slots__ = ("start", "pos", "form", "unit", "more", "extra")

    def __init__(self, start: int, pos: int, form: str | None, unit: Unit | None, more: bool) -> None:
        self.start = start
        self.pos = pos
        self.form = form
        self.unit = unit
        self.more = more
        self.extra = _ZERO


_ZERO = Decimal(0)
_HALF = Decimal("0.5")


def _quantity(text: str, n: NumberMention, ix: UnitIndex) -> Quantity | None:
    """The quantity the number ``n`` begins, or None when it is not an amount.  The steps, in
    order: what is not an amount, the unit (or what stands for one), money, the parts of a
    unit written after it, then the record with its qualifier and counted noun."""
    if text[n.start - 1 : n.start] in ORDINAL_BEFORE:
        return None  # 第一 (an ordinal), 初一 (a lunar day)
    percent = percent_word_before(text, n.start)
    if percent is None and n.text in _MAYBE_NOT_AN_AMOUNT and (one_is_an_article(text, n) or adverb(text, n)):
        return None
    d = _unit(text, n, percent, ix)
    if d is None:
        return None
    if d.form in _MONEY_FORMS:
        _money(text, d, ix)
    elif d.form == "成" or (d.unit is not None and d.unit.kind == "duration"):
        _parts_after_unit(text, n, d)
    return _record(text, n, d)


#: the units written as the yuan, which the money step reads around (港币…元, 元1角1分)
_MONEY_FORMS = frozenset(YUAN_NAMED_BEFORE) | frozenset(YUAN)


# the numbers :func:`one_is_an_article` and :func:`adverb` look at (a cheap test before them)
_MAYBE_NOT_AN_AMOUNT = frozenset({"一", *ADVERB_NUMERALS})


def _unit(text: str, n: NumberMention, percent: tuple[str, int] | None, ix: UnitIndex) -> _Draft | None:
    """The draft of the quantity with its unit: a percent word before the number, a unit after
    it, a fraction, places counted, a measure word the table lacks; None when there is none
    and the number is not an amount in 万/亿 that counts what follows or precedes it.  多/余
    may stand between the number and its unit (30多个, 4万多元)."""
    more = more_written_at(text, n.end)
    pos = n.end + 1 if more else n.end
    if percent is not None:
        return _Draft(percent[1], n.end, percent[0], ix.table[percent[0]], more)
    found = unit_at(text, pos, ix)
    if found is not None and found[0] in READ_IN_CONTEXT:
        found = in_context(text, n, found, ix)  # 翻两番, 用电300度
    if found is not None:
        form, unit, pos = found
        if _article_or_year(n, form, unit):
            return None
        return _Draft(n.start, pos, form, unit, more or text.startswith("个多月", n.end))
    if "分之" in n.text and n.parse.value is not None:
        return _Draft(n.start, pos, None, FRACTION, more)  # 三分之一: a share written as a fraction
    place = places_counted(text, n, pos)
    if place is not None:
        return _Draft(n.start, place.end(), place.group(), None, more)  # 11省市, 3省4县: places counted
    form = unknown_measure_word(text, n, pos)
    if form is not None:
        return _Draft(n.start, pos + len(form), form, None, more)
    if magnitude_counts(text, n, pos):
        return _Draft(n.start, pos, None, None, more)
    return None


def _article_or_year(n: NumberMention, form: str, unit: Unit) -> bool:
    """一个 / 一批 (an article, not a count) and 2018年度 (a year the date reader did not take)."""
    if n.chinese and n.text == "一" and unit.kind == "count":
        return True
    return unit.kind == "duration" and form == "年" and year_shaped(n.text)


def _money(text: str, d: _Draft, ix: UnitIndex) -> None:
    """A currency named before the number (港币两千九百六十元), coins after the yuan (123元1角1分)."""
    if d.unit is not None and d.form in YUAN_NAMED_BEFORE:
        d.form, d.unit = currency_before(text, d.start, d.form, d.unit, ix)
    if d.form not in YUAN:
        return
    coins = coins_after(text, d.pos)
    if coins is not None:
        d.extra, d.pos = coins
        if d.form == "块":
            d.form, d.unit = "元", ix.table["元"]  # 十块三毛: 块 is the yuan when coins follow


def _parts_after_unit(text: str, n: NumberMention, d: _Draft) -> None:
    """A half after a duration (5年半, 两个半月) and tenths after 成 (七成六)."""
    if d.unit is not None and d.unit.kind == "duration":
        half = half_after(text, n.end, d.pos)
        if half is not None:
            d.extra, d.pos = _HALF, half
    elif d.form == "成":
        tenths = tenths_after(text, d.pos)
        if tenths is not None:
            d.extra, d.pos = tenths


def _record(text: str, n: NumberMention, d: _Draft) -> Quantity:
    """The record: qualifier, value with its bracket, the sign of a temperature below zero, the
    counted noun and the SI value."""
    q, more = qualifier(text, n, d.start, d.pos, d.form, d.more)
    value = n.parse.value
    if d.unit is FRACTION and value is not None:
        value = six_digits(value)  # 1/3 is 0.333333, not 28 digits of it
    if d.extra and value is not None:
        value = value + d.extra
    low, high = n.parse.low, n.parse.high
    if more and low is None and value is not None:
        low, high = value, value + more_bracket(n.text, value)  # 3000多 → 3000..4000, 10万多 → 10万..11万
    kind = d.unit.kind if d.unit is not None else "count"
    start = d.start
    if kind == "temperature" and value is not None and value > 0 and text[start - 2 : start] == "零下":
        start, value = start - 2, -value  # 零下17℃ is -17℃; 零下20多度 is -30..-20
        if low is not None and high is not None:
            low, high = -high, -low
    counted = counted_after(text, d.pos) if takes_a_noun(d.form, d.unit) else None
    return Quantity(text[start : d.pos], start, d.pos, value, d.form, kind, q, counted, low, high, *si(value, d.unit))
