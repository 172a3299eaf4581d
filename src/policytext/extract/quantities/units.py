"""Units: the measure word or unit after a number, and its value in SI units.

The unit table is ``lexicon/units.tsv`` (through :class:`~policytext.resources.Resources`); what
is built from it for reading (the pattern that allows spaces inside a unit, the lengths of the
units that begin with each character) is a :class:`UnitIndex`, which the quantity reader builds
once per :class:`Resources`.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache

from ...lexicon import read_table
from ...resources import Unit
from ..numbers import NumberMention
from ..numerals import numeral_values
from .words import quantity_words

__all__ = ["UnitIndex", "unit_at", "in_context", "READ_IN_CONTEXT", "unknown_measure_word", "si", "FRACTION", "year_shaped"]

#: a fraction (三分之一, 五分之二): a share with no unit written
FRACTION = Unit("分之", "fraction", None, None)
#: 度 in a clause about temperature (气温, 体温, 恒温器)
DEGREE_CELSIUS = Unit("度", "temperature", None, None)

_WHITE = re.compile(r"\s")
# every white-space character, as \s reads it (str.isspace; the ideographic space U+3000 is the last)
_WHITE_CHARS = frozenset(ch for ch in map(chr, range(0x3001)) if ch.isspace())
_SPACES = re.compile(r"\s+")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_CLAUSE_END = frozenset(",.;:!?、。，；：！？）)」”\n ")


@lru_cache(maxsize=1)
def _not_before() -> dict[str, str]:
    """``lexicon/unit_not_before.tsv``: for a one-character unit, the characters after which it
    begins a longer word (三年级, 八十年代, 五天然气)."""
    return {row["unit"]: row["next"] for row in read_table("unit_not_before.tsv")}


class UnitIndex:
    """What reading a unit needs, built from one unit table: the table, a pattern for units
    written with spaces inside (个 百 分 点), and for each character a unit can begin with the
    lengths of those units, longest first (the usual unit is then found by a few lookups)."""

    __slots__ = ("table", "pattern", "lengths", "may_begin", "next_to_numeral", "not_before")

    def __init__(self, table: dict[str, Unit]) -> None:
        self.table = table
        forms = sorted(table, key=len, reverse=True)
        alternatives = [r"\s*".join(re.escape(ch) for ch in f) for f in forms]
        # the white space before the unit taken whole, never given back (a lookahead and its
        # back-reference: an atomic group): no unit begins with a space, and giving it back one
        # character at a time retried every unit at each, for every number before a long run
        self.pattern = re.compile(r"(?=(?P<space>\s*))(?P=space)(?:" + "|".join(f"({a})" for a in alternatives) + "|(％))")
        lengths: dict[str, set[int]] = {}
        for form in table:
            lengths.setdefault(form[0], set()).add(len(form))
        self.lengths = {ch: tuple(sorted(ns, reverse=True)) for ch, ns in lengths.items()}
        first_chars = frozenset(u[0] for u in table) | {"％"}
        #: the characters a unit may be read from: its first characters, and white space before it
        self.may_begin = first_chars | _WHITE_CHARS
        #: what may follow a lone Chinese numeral in an amount: a unit, 多/余, a range, the end
        self.next_to_numeral = first_chars | frozenset("多余 到至-~～—–") | {""}
        self.not_before = _not_before()

    def worth_reading(self, text: str, start: int, end: int) -> bool:
        """A cheap test before a number is read: a lone Chinese numeral (the 一 of 一些) can be
        an amount only with a unit character, 多/余, a range (两到三万) or a percent word next to it."""
        if end - start > 1 or text[start] not in _CN_NUMERALS:
            return True
        return text[end : end + 1] in self.next_to_numeral or text[start - 1 : start] in ("之", " ")


# what a lone numeral can be: a digit, a place, or a magnitude an amount can end with (万, 亿),
# and 几/数 (几十, 数万)
_CN_NUMERALS = frozenset(
    [c for c in numeral_values("amount", "digit", "financial_digit", "place", "financial_place", "tens")]
    + [c for c in numeral_values("ending", "magnitude") if len(c) == 1]
    + ["几", "数"]
)


def unit_at(text: str, pos: int, ix: UnitIndex) -> tuple[str, Unit, int] | None:
    """The unit written at ``pos`` and where it ends (个多月 reads as 个月, the 多 noted by the
    caller); None when no unit is written there, or a one-character unit begins a longer word
    (三年级), or 整/正 after 元 begins a word (144亿元整村推进)."""
    if text[pos : pos + 1] not in ix.may_begin:
        return None  # the usual case: no unit begins with this character
    lengths = ix.lengths.get(text[pos])
    if text.startswith(("个多月", "个半月"), pos):
        return "个月", ix.table["个月"], pos + 3
    if lengths is not None and _WHITE.search(text, pos, pos + lengths[0]) is None:
        for n in lengths:  # no space to allow for: the longest unit written here, by lookups
            form = text[pos : pos + n]
            if form in ix.table:
                found = form, pos + len(form)  # a slice at the end of the text can be shorter than n
                break
        else:
            return None
    else:
        found = _by_pattern(text, pos, ix)
        if found is None:
            return None
    form, unit_end = found
    following = text[unit_end : unit_end + 1]
    if len(form) == 1 and following and following in ix.not_before.get(form, ""):
        return None
    if form[-1] in "整正" and len(form) == 2 and _HAN.match(following):
        # 144亿元整村推进: 整 begins 整村; 元整 (cheque style) ends an amount
        return form[0], ix.table[form[0]], unit_end - 1
    return form, ix.table[form], unit_end


def _by_pattern(text: str, pos: int, ix: UnitIndex) -> tuple[str, int] | None:
    """The unit at ``pos`` written with spaces before or inside it (7680 个, 个 百 分 点)."""
    m = ix.pattern.match(text, pos)
    if m is None:
        return None
    written = _SPACES.sub("", m.group())
    return ("%" if written == "％" else written), m.end()


#: units whose reading depends on the words around them (see :func:`in_context`)
READ_IN_CONTEXT = frozenset({"番", "度"})


def in_context(
    text: str, n: NumberMention, found: tuple[str, Unit, int], ix: UnitIndex
) -> tuple[str, Unit, int] | None:
    """A unit of :data:`READ_IN_CONTEXT` found after number ``n``, as its context reads it: 番
    only after 翻 (翻两番, not 研究一番), 度 by its clause (see :func:`_degree`)."""
    if found[0] == "番":
        return found if "翻" in text[max(0, n.start - 3) : n.start] else None
    unit = _degree(text, n, ix)
    return None if unit is None else ("度", unit, found[2])


def _degree(text: str, n: NumberMention, ix: UnitIndex) -> Unit | None:
    """度 is a kilowatt-hour in an amount of electricity (年发电17亿度, 用电300度) and a degree
    in a temperature (气温升高5度, 零下20度); elsewhere (360度, 三度) it is not read as a unit."""
    window = text[max(0, n.start - 20) : n.start]
    window = window[max(window.rfind(ch) for ch in "。!?！？\n") + 1 :]  # the working text has ! and ?
    if "电" in window or any(ch in n.text for ch in "万亿"):
        return ix.table["度"]
    if "温" in window or window.endswith("零下"):
        return DEGREE_CELSIUS
    return None


_NOT_A_MEASURE = frozenset(quantity_words("not_a_measure"))


def unknown_measure_word(text: str, n: NumberMention, pos: int) -> str | None:
    """A measure word the table does not know, or a typo (1439痤), ending a clause after a plain
    Arabic number: kept as written.  Not a character of a date or time (3月, 8时), nor 30强."""
    nxt = text[pos : pos + 1]
    if nxt in _NOT_A_MEASURE:
        return None
    after = text[pos + 1 : pos + 2]
    if (
        not n.chinese
        and n.parse.value is not None
        and "." not in n.text
        and not year_shaped(n.text)
        and not any(ch in n.text for ch in "万亿")
        and _HAN.match(nxt)
        and (after == "" or after in _CLAUSE_END)
    ):
        return nxt
    return None


def year_shaped(digits: str) -> bool:
    """Four digits between 1900 and 2100: a year, not an amount (2018年度)."""
    return len(digits) == 4 and digits.isdigit() and 1900 <= int(digits) <= 2100


def si(value: Decimal | None, unit: Unit | None) -> tuple[Decimal | None, str | None]:
    """The value in SI units (or the currency's code): None, None where no conversion is given."""
    if unit is None or unit.si_unit is None or unit.si_factor is None:
        return None, None
    if value is None:
        return None, unit.si_unit
    return _si_value(value, unit.si_factor), unit.si_unit


@lru_cache(maxsize=8192)
def _si_value(value: Decimal, factor: Decimal) -> Decimal:
    """``value × factor``, to six decimals when inexact.  The result does not depend on how the
    value is written (5 and 5.0 give 5), so it is cached by value and factor: news repeats the
    same small amounts."""
    si = value * factor
    if si != si.to_integral_value():
        si = si.quantize(Decimal("0.000001"))
    if si == si.to_integral_value():
        return Decimal(int(si))
    return si.normalize()
