"""Numbers as written in Chinese text: Arabic digits, Chinese numerals, and the mix of both.

:func:`parse_number` reads one number exactly (a :class:`~decimal.Decimal`, so 36.576万 is
365760, not 365759.99999); :func:`find_numbers` finds every number in a text.  Both work on the
normalized Simplified working text (full-width digits folded, stray spaces dropped) but tolerate
Traditional numerals and spaces.

What is read, and how::

    12.1万 → 121000        1,234.5 → 1234.5        三千五百 → 3500      廿三 → 23
    两千四百五 → 2450      一万三 → 13000          千三 → 1300          4.78万亿 → 4780000000000
    四万万 → 400000000     3万4000 → 34000         十五点七 → 15.7      二〇一八 → 2018
    五分之一 → 0.2         十余万 → 100000 (more)  二十几万 → 200000 (more)   几十 → None (vague)
    两三 → 2..3 (range)

The groups below 万 (三千五百, 肆佰陆拾, 一百零五) are read by cn2an; this module handles what
cn2an does not: magnitudes stacked as 万亿/万万/兆, decimals before a magnitude read exactly,
abbreviated tails (一万三, 千三), approximate markers (余/多/几), fractions and ranges.

The numeral characters, their values and which of them an amount accepts (俩 yes, 双 no; 陆 and
伍 not on their own) are the rows of ``lexicon/numerals.tsv``, shared with :mod:`.numerals`.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Context, Decimal, localcontext
from functools import lru_cache, wraps
from typing import Any, NamedTuple, TypeVar

from .._regex import longest_of
from ..lexicon import read_table
from ..resources import not_numeral_words
from .numerals import magnitude_exponents, magnitude_sizes, numeral_table, numeral_values

__all__ = ["NumberParse", "NumberMention", "parse_number", "find_numbers", "CN_DIGITS", "exact", "EXACT", "QUOTIENT"]

_DIGIT_ROLES = ("digit", "financial_digit")
#: the Chinese digits an amount can be written with (lexicon/numerals.tsv, reader ``amount``)
CN_DIGITS = "".join(numeral_values("amount", *_DIGIT_ROLES))
_SMALL_UNITS = "".join(numeral_values("amount", "place", "financial_place", "tens"))  # 十拾百佰千仟廿卅
_BIG_UNITS = "".join(magnitude_exponents())  # 万亿兆
_DIGIT_VALUE = numeral_values("amount", *_DIGIT_ROLES)
_SMALL_VALUE = numeral_values("amount", "place", "financial_place")
_BIG_EXP = magnitude_exponents()
#: digits read after 点 (两 never: 两百点两 is 200, then 2)
_DECIMAL_VALUE = numeral_values("decimal", *_DIGIT_ROLES)
# Traditional and variant forms folded before parsing
_FOLD = str.maketrans({
    "萬": "万", "億": "亿", "兩": "两", "倆": "两", "俩": "两", "點": "点", "負": "负", "貳": "贰",
    "陸": "陆", "參": "叁", "幾": "几", "餘": "余", "０": "0", "１": "1", "２": "2", "３": "3",
    "４": "4", "５": "5", "６": "6", "７": "7", "８": "8", "９": "9", "．": ".", "，": ",", "－": "-",
    "○": "〇",
})  # fmt: skip
_ARABIC = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+"
_TOKEN = re.compile(rf"(?P<arabic>{_ARABIC})|(?P<point>点)|(?P<approx>[余多几])|(?P<ch>.)")
_T = TypeVar("_T")


@dataclass(frozen=True, slots=True)
class NumberParse:
    """The value of a written number.

    ``approx`` is ``"more_than"`` for 十余万 / 二十几万 / 一千多万 (value is the stated floor),
    ``"vague"`` for 几十 / 数千 (value None), ``"range"`` for 两三 (low/high set, value None).
    """

    value: Decimal | None
    approx: str | None = None
    low: Decimal | None = None
    high: Decimal | None = None


class NumberMention(NamedTuple):
    """A number found in a text (a named tuple: a news item has a dozen, and a tuple is made
    in a third of the time of a frozen dataclass)."""

    start: int
    end: int
    text: str
    parse: NumberParse
    #: the number was written only with Chinese numeral characters (三年, 两场), not digits
    chinese: bool


def _normalize(text: str) -> str:
    return _SPACES.sub("", text.translate(_FOLD))


_SPACES = re.compile(r"\s+")


_PLAIN = re.compile(r"(\d+(?:\.\d+)?)([万亿])?")
#: the magnitudes a written number can end with, longest first (10万多, 15.87万, 3.23万亿元)
MAGNITUDES = magnitude_sizes("ending")
_SINGLE = {ch: NumberParse(Decimal(v)) for ch, v in _DIGIT_VALUE.items()} | {
    ch: NumberParse(Decimal(v)) for ch, v in _SMALL_VALUE.items()
}


def parse_number(text: str) -> NumberParse:
    """Read a written number; raises ``ValueError`` naming the text when it is not one."""
    single = _SINGLE.get(text)
    if single is not None:
        return single  # the common case in running text: 一, 两, 三
    return _read(text)


#: the longest number read when it is Arabic digits alone (with a point and 万 or 亿): far
#: beyond what anyone writes (news has at most 20 digits), short enough that the value stays
#: cheap to compute and to print (Python prints integers of at most 4,300 digits)
LONGEST_DIGITS = 1000
#: the longest number read when it has any other character (Chinese numerals, commas, 点):
#: the longest in 10 MB of news has 16; reading is per character in Python, and a run that does
#: not read is read as its longest prefix, so the bound keeps a run of numerals linear
LONGEST_WRITTEN = 48
#: the arithmetic of reading: exact for every number :func:`parse_number` reads (at most
#: ``LONGEST_DIGITS`` characters, each at most 12 places: 兆), where the default context would
#: round past 28 digits (12345678901234567890123456789万 is not …567900000); a precision is a
#: bound, not a cost: arithmetic takes the time of the digits there are
EXACT = Context(prec=13 * LONGEST_DIGITS, Emax=10**6, Emin=-(10**6))
#: a quotient is not exact anyway (1/3): it keeps the 28 digits it always had
QUOTIENT = Context(prec=28)


def exact(function: Callable[..., _T]) -> Callable[..., _T]:
    """``function`` run with :data:`EXACT` arithmetic (sums and products of values read from
    text stay exact at any length)."""

    @wraps(function)
    def run(*args: Any, **kwargs: Any) -> _T:
        with localcontext(EXACT):
            return function(*args, **kwargs)

    return run


@lru_cache(maxsize=16384)
@exact
def _read(text: str) -> NumberParse:
    """:func:`parse_number` past the single characters; cached, as news repeats its numbers
    (2018, 十九, 3) and a reading is immutable (failures are not cached, and raise again)."""
    if len(text) > LONGEST_DIGITS:
        raise ValueError(f"not a number: {text[:20]!r}… ({len(text)} characters, more than any number read)")
    plain = _PLAIN.fullmatch(text)
    if plain is not None:  # 2019, 12.1, 36.576万, 5亿: no need for the general reader
        value = Decimal(plain.group(1))
        if plain.group(2):
            value *= Decimal(10) ** _BIG_EXP[plain.group(2)]
        return NumberParse(_tidy(value))
    s = _normalize(text)
    if not s:
        raise ValueError(f"not a number: {text!r} (empty)")
    try:
        return _parse(s)
    except (ValueError, ArithmeticError, KeyError, IndexError) as exc:
        raise ValueError(f"not a number: {text!r} ({exc})") from None


def _parse(s: str) -> NumberParse:
    """A normalized written number, tried against each form in turn: a sign, then a fraction,
    a vague amount (几十), a loose range (两三, 八九亿), a digit-by-digit number (二〇一八), and
    last the positional reading of groups and magnitudes."""
    if not s:
        raise ValueError("nothing to read")
    negative = False
    if s[0] in "负-":
        negative, s = True, s[1:]
        if not s:
            raise ValueError("a sign without a number")
    if "分之" in s:
        return _signed(_fraction(s), negative)
    if s[0] in "数几" and len(s) > 1 and s[1] in _SMALL_UNITS + _BIG_UNITS:
        return _vague(s)  # unsigned, as it always was: 负几十 is not a reading anyone writes
    loose = _loose_range(s)
    if loose is not None:
        return _signed(loose, negative)
    if len(s) >= 3 and all(ch in _DIGIT_VALUE for ch in s.split("点")[0]) and "点" not in s[:1]:
        return _signed(_digit_by_digit(s), negative)
    return _signed(_positional(s), negative)


def _fraction(s: str) -> NumberParse:
    """五分之一, 百分之三十, 二又三分之一: the denominator is written first."""
    whole = Decimal(0)
    if "又" in s:
        head, s = s.split("又", 1)
        whole = _require(_parse(head))
    den_text, num_text = s.split("分之", 1)
    num = _require(_parse(num_text))
    den = _require(_parse(den_text))
    if den == 0:
        raise ValueError("zero denominator")
    return NumberParse(QUOTIENT.add(whole, QUOTIENT.divide(num, den)))


def _vague(s: str) -> NumberParse:
    """几十, 数十亿: some tens (of 亿): between one and ten of the unit, no value."""
    low = _require(_positional("一" + s[1:]))
    return NumberParse(None, "vague", low, low * 10)


def _loose_range(s: str) -> NumberParse | None:
    """两三, 三四, 七八, 三五: two neighbouring digits (or three and five) are a loose range;
    with places after them (八九亿, 三五百, 四五千) a range of that size.  Two digits that are
    not a range are not a number."""
    m = _RANGE_WITH_UNIT.match(s)
    if m:
        a, b = _DIGIT_VALUE[m.group(1)], _DIGIT_VALUE[m.group(2)]
        if _neighbours(a, b):
            scale = _require(_positional("一" + m.group(3)))
            return NumberParse(None, "range", a * scale, b * scale)
    if len(s) == 2 and s[0] in _DIGIT_VALUE and s[1] in _DIGIT_VALUE:
        a, b = _DIGIT_VALUE[s[0]], _DIGIT_VALUE[s[1]]
        if _neighbours(a, b):
            return NumberParse(None, "range", Decimal(a), Decimal(b))
        raise ValueError("two digits that are not a range")
    return None


def _neighbours(a: int, b: int) -> bool:
    return 0 < a < b and (b == a + 1 or (a, b) == (3, 5))


def _digit_by_digit(s: str) -> NumberParse:
    """二〇一八, 一七二零点一: every character a digit, read as written."""
    head, _, tail = s.partition("点")
    digits = "".join(str(_DIGIT_VALUE[ch]) for ch in head)
    frac = "".join(str(_DIGIT_VALUE[ch]) for ch in tail) if tail else ""
    if tail and not frac:
        raise ValueError("nothing after 点")
    return NumberParse(Decimal(digits + ("." + frac if frac else "")))


_RANGE_WITH_UNIT = re.compile(r"^([一二两三四五六七八九])([一二三四五六七八九])([十百千万亿]+)$")


def _require(p: NumberParse) -> Decimal:
    if p.value is None:
        raise ValueError("inexact part")
    return p.value


def _signed(p: NumberParse, negative: bool) -> NumberParse:
    if not negative:
        return p
    return NumberParse(
        -p.value if p.value is not None else None,
        p.approx,
        -p.high if p.high is not None else None,
        -p.low if p.low is not None else None,
    )


def _positional(s: str) -> NumberParse:
    """Numbers built from groups and magnitudes: 4.78万亿, 五兆六十二亿四万五千二, 3万4000."""
    reading = _Positional()
    tokens = list(_TOKEN.finditer(s))
    i = 0
    while i < len(tokens):
        m = tokens[i]
        kind = m.lastgroup
        tok = m.group()
        if kind == "point":
            i = reading.point(tokens, i + 1)
            continue
        if kind == "arabic":
            reading.digits(tok)
        elif kind == "approx":
            reading.more(tok)
        elif tok in _BIG_EXP:
            reading.magnitude(tok)
        elif tok in _DIGIT_VALUE or tok in _SMALL_VALUE or tok in "廿卅":
            if reading.fraction is not None:
                raise ValueError("digits after the decimal part")
            reading.digits(tok)
        else:
            raise ValueError(f"unexpected {tok!r}")
        i += 1
    return reading.result()


class _Positional:
    """The state of :func:`_positional` while it reads left to right."""

    __slots__ = (
        "total", "top_exp", "group", "approx", "last_unit_exp", "fraction", "seen_any", "step_in_group", "scale_after",
    )  # fmt: skip

    def __init__(self) -> None:
        self.total = Decimal(0)
        self.top_exp = -1  # the largest magnitude applied so far
        self.group = ""  # the current group below 万, as written (Chinese and/or Arabic)
        self.approx: str | None = None
        self.last_unit_exp: int | None = None  # exponent of the unit right before the final group
        self.fraction: Decimal | None = None
        self.seen_any = False
        self.step_in_group: Decimal | None = None
        self.scale_after = Decimal(1)  # magnitudes applied after the approximate marker

    def digits(self, tok: str) -> None:
        """Arabic digits or a Chinese digit or place: part of the current group."""
        self.group += tok
        self.seen_any = True

    def point(self, tokens: list[re.Match[str]], i: int) -> int:
        """The decimal part after 点 (十五点七, 一百点123); returns the index past it."""
        digits = ""
        if i < len(tokens) and tokens[i].lastgroup == "arabic" and tokens[i].group().isdigit():
            digits, i = tokens[i].group(), i + 1  # 一百点123
        while i < len(tokens) and tokens[i].lastgroup == "ch" and tokens[i].group() in _DECIMAL_VALUE:
            digits += str(_DECIMAL_VALUE[tokens[i].group()])
            i += 1
        if not digits:
            raise ValueError("nothing after 点")
        self.fraction = Decimal("0." + digits)
        return i

    def more(self, tok: str) -> None:
        """余/多/几 inside the number (十余万, 二十几万): more than the amount written."""
        if not self.seen_any:
            raise ValueError(f"{tok} before any digit")
        self.approx = "more_than"
        if self.group:
            # 十余万, 二十几万: the next step above is one unit of the last place written
            self.step_in_group = _step(_group_value(self.group, abbreviate_exp=None))

    def magnitude(self, tok: str) -> None:
        """万/亿/兆: scales the group before it, or everything so far when it is the largest yet."""
        exp = _BIG_EXP[tok]
        value = _group_value(self.group, abbreviate_exp=None) if self.group else Decimal(0)
        if self.fraction is not None:
            value += self.fraction
            self.fraction = None
        if not self.group and not self.seen_any:
            raise ValueError(f"{tok} without a number")
        if exp >= self.top_exp:
            self.total = (self.total + value) * (Decimal(10) ** exp)
            self.top_exp = exp
        else:
            self.total += value * (Decimal(10) ** exp)
        if self.step_in_group is not None:
            self.scale_after *= Decimal(10) ** exp
        self.last_unit_exp = exp
        self.group = ""

    def result(self) -> NumberParse:
        if not self.seen_any:
            raise ValueError("no digits")
        total = self.total
        if self.group:
            total += _group_value(self.group, abbreviate_exp=self.last_unit_exp)
        if self.fraction is not None:
            total += self.fraction
        if self.approx == "more_than":
            step = (self.step_in_group * self.scale_after) if self.step_in_group is not None else _step(total)
            return NumberParse(_tidy(total), self.approx, _tidy(total), _tidy(total + step))
        return NumberParse(_tidy(total), self.approx)


def _step(value: Decimal) -> Decimal:
    """One unit of the lowest written place: 3000 → 1000, 20 → 10, 12.5 → 0.1."""
    value = abs(value)
    if value == 0:
        return Decimal(1)
    if value != value.to_integral_value():
        exp = value.normalize().as_tuple().exponent
        return Decimal(1).scaleb(exp if isinstance(exp, int) else 0)
    n = int(value)
    step = 1
    while n % 10 == 0:
        n //= 10
        step *= 10
    return Decimal(step)


def _tidy(value: Decimal) -> Decimal:
    """121000.0 → 121000, 4.800 → 4.8: the same number, written plainly."""
    if value == value.to_integral_value():
        return Decimal(int(value))
    return value.normalize()


_GROUP_ARABIC = re.compile(rf"^(?:{_ARABIC})$")


def _group_value(group: str, *, abbreviate_exp: int | None) -> Decimal:
    """A group below 万: Arabic (12.1, 1,234), Chinese (三千五百, 千三) or mixed (2千零30)."""
    if _GROUP_ARABIC.match(group):
        return Decimal(group.replace(",", ""))
    if abbreviate_exp is not None and len(group) == 1 and group in _DIGIT_VALUE:
        # 一万三 = 13000, 九十二万四 = 924000: a bare digit after a magnitude is its next place
        return _DIGIT_VALUE[group] * Decimal(10) ** (abbreviate_exp - 1)
    if any(ch.isdigit() for ch in group):
        return _mixed_group(group)
    return Decimal(_cn_group(group))


def _mixed_group(group: str) -> Decimal:
    """2千零30, 1千零1, 5千4百: Arabic digits standing in for Chinese ones."""
    total = Decimal(0)
    current: Decimal | None = None
    last_unit = 10**5
    for m in re.finditer(rf"{_ARABIC}|.", group):
        tok = m.group()
        if tok[0].isdigit() or tok[0] == ".":
            current = Decimal(tok.replace(",", ""))
        elif tok in "零〇":
            current = None  # a placeholder zero: 一百零十 is 110
        elif tok in _DIGIT_VALUE:
            current = Decimal(_DIGIT_VALUE[tok])
        elif tok in _SMALL_VALUE:
            unit = _SMALL_VALUE[tok]
            if unit >= last_unit:
                raise ValueError(f"{tok} after a smaller place (五十千, 七十百)")
            last_unit = unit
            total += (current if current is not None else 1) * unit
            current = None
        else:
            raise ValueError(f"unexpected {tok!r}")
    return total + (current or 0)


_CN2AN_FOLD = str.maketrans({"卅": "三十"})
_ABBREVIATED = re.compile(r"[百千佰仟][一二两三四五六七八九]$")


@lru_cache(maxsize=4096)
def _cn_group(group: str) -> int:
    """A Chinese group below 万, read by cn2an after the forms it does not take are rewritten."""
    import cn2an  # imported on first use: cn2an pulls in `proces` and costs ~0.1 s

    g = group
    if g[0] in "十拾":
        pass  # 十五: cn2an reads it
    elif g[0] in _SMALL_VALUE:
        g = "一" + g  # 千三, 百三
    if g.startswith("零") and len(g) > 1:
        g = g[1:]  # 零十 (as in 一百零十万) is 十
    g = g.translate(_CN2AN_FOLD)
    try:
        value = cn2an.cn2an(g, "normal")
    except (ValueError, KeyError):
        # forms cn2an rejects but print uses: 一百零十 (110), 千零五
        if _ABBREVIATED.search(g):
            raise ValueError(f"cannot read {group!r}") from None
        return int(_mixed_group(g))
    if isinstance(value, float):
        raise ValueError("fraction inside a group")
    return int(value)


# --- finding numbers in running text ---------------------------------------------------------

_CH = CN_DIGITS + _SMALL_UNITS
_CH_SET = frozenset(_CH)
#: numerals that are words when they stand alone (陆地, 队伍, 拾起, 放肆): lexicon/numerals.tsv
#: rows without the ``alone`` reader
_NOT_ALONE = frozenset(
    n.char
    for n in numeral_table()
    if "amount" in n.readers and "alone" not in n.readers and n.role != "magnitude" and len(n.char) == 1
)
_DEC = "".join(_DECIMAL_VALUE)  # digits after 点 (两 never: 两百点两 is 200, 2)
_SP = r"[ \t]?"  # one stray space between the characters of a spaced-out number
_FRACTION = (
    rf"(?!(?:百\s*万|[百千万佰仟])\s*分\s*之)(?:{_ARABIC}|[{_CH}万亿]+)\s*分\s*之\s*负?"
    rf"(?:{_ARABIC}|[{_CH}万亿]|点(?=[{_DEC}]))+"
)
_NUMBER_BODY = rf"""
    (?:负|-(?=[\d.]))?
    (?:
        {_FRACTION}
        |
        (?:{_ARABIC}|[{_CH}]|[几数](?=[十百千万亿]))
        (?:{_ARABIC}|{_SP}(?:[{_CH}]|点{_SP}(?=[{_DEC}\d])|[余多几](?={_SP}[万亿])|几|[万亿]|兆(?=[\d{_CH}])))*
        (?:{_SP}又{_SP}{_FRACTION})?
    )
    """
_NUMBER_AFTER_CUT = re.compile(_NUMBER_BODY, re.VERBOSE)  # also resumes right after a cut: 667.123|五点八
_FIRST = re.compile(rf"[0-9.\-负几数{_CH}]")
_NOT_BEFORE_NUMBER = frozenset("0123456789.abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_")


@lru_cache(maxsize=None)
def _number_words(role: str) -> tuple[str, ...]:
    """The words of ``lexicon/number_words.tsv`` with one role (each row says why)."""
    return tuple(row["word"] for row in read_table("number_words.tsv") if row["role"] == role)


# units that begin with a numeral character: 36.576万千瓦 is 36.576万 + 千瓦, not 36.576万千 + 瓦
_NUMERAL_LED_UNITS = _number_words("numeral_led_unit")
# words whose numeral characters are not numbers (lexicon/not_numerals.tsv, each with its reason)
NOT_NUMERAL_WORDS = not_numeral_words("numbers")
_LONGEST_BLOCKED = max(map(len, NOT_NUMERAL_WORDS))
_NOT_NUMERAL_RE = re.compile(longest_of(NOT_NUMERAL_WORDS))

Keep = Callable[[str, int, int], bool]


def find_numbers(
    text: str,
    *,
    skip: list[tuple[int, int]] | None = None,
    keep: Keep | None = None,
) -> list[NumberMention]:
    """Every number in ``text`` with its value, in order.  Numeral characters inside words
    (一切, 统一, 千家万户, 四川) are not numbers; a lone financial numeral (陆地, 队伍) is not one.
    Numbers overlapping the sorted, non-overlapping spans ``skip`` are not read at all, nor
    those for which ``keep(text, start, end)`` is false (a caller's cheap pre-filter)."""
    blocked = _blocked_spans(text)
    skip = skip or []
    out: list[NumberMention] = []
    for start, end, kept in _runs(text, keep):
        if skip and _within_spans(skip, start, end):
            continue  # wholly inside a date or slogan (2018年): trimmed or not, it is skipped
        if blocked:
            start, end = _trim_blocked(blocked, start, end)
            if start >= end:
                continue
        if skip and _in_spans(skip, start, end):
            continue
        if keep is not None and not kept and not keep(text, start, end):
            continue
        mention = _mention(text, start, end)
        if mention is not None:
            out.append(mention)
    if "万" in text or "亿" in text:
        out = _with_bare_magnitudes(text, out, skip, blocked, keep)
    return out


def _runs(text: str, keep: Keep | None) -> Iterator[tuple[int, int, bool]]:
    """The runs of ``text`` that may be numbers, in order: ``(start, end, kept)``, where
    ``kept`` says ``keep`` has already passed the run.

    It finds a character that can start a number (a C-speed scan), then tries the full pattern
    there — not after a letter, digit or point (F-15, COVID-19, 1.5) — which is several times
    faster on running text than searching with the full pattern.  A lone Chinese numeral (the
    一 of 一些, 两 of 两岸) is known without the pattern, and the caller's filter can drop it
    at once.  A run is cut where an Arabic number runs straight into a Chinese digit
    (667.123五点八: two numbers), and loses trailing spaces and a dash that is not a minus."""
    pos = 0
    resume_at: int | None = None
    while True:
        m = _NUMBER_AFTER_CUT.match(text, resume_at) if resume_at is not None else None
        resume_at = None
        if m is None:
            c = _FIRST.search(text, pos)
            if c is None:
                return
            i = c.start()
            pos = i + 1
            if i and text[i - 1] in _NOT_BEFORE_NUMBER:
                continue
            if text[i] in _CH_SET and text[pos : pos + 1] not in _MAY_CONTINUE:
                if keep is None or keep(text, i, pos):
                    yield i, pos, True  # what follows could only drop it too, or leave it as it is
                continue
            m = _NUMBER_AFTER_CUT.match(text, i)
            if m is None or m.end() == i:
                continue
        start, end = m.span()
        pos = end
        cut = _ARABIC_THEN_CN.search(text, start, end) if end - start > 1 else None
        if cut is not None:
            end = pos = resume_at = cut.start() + 1
        yield _trimmed(text, start, end)


def _trimmed(text: str, start: int, end: int) -> tuple[int, int, bool]:
    """A run less its trailing spaces, and less a leading dash that is not a minus."""
    while end > start and text[end - 1] in " \t":
        end -= 1
    if text[start] == "-" and start > 0 and text[start - 1] not in _BEFORE_MINUS:
        start += 1  # 1万-5万, 6.5%-7%, 1万(含)-5万: a dash between two amounts, not a minus
    return start, end, False


def _mention(text: str, start: int, end: int) -> NumberMention | None:
    """The number written at [start, end), read; None for what only looks like one: the 百 of
    百分之 (read with its percentage), a lone financial numeral, a lone sign or marker.  A run
    that does not read as a whole is read as its longest prefix that does."""
    if end - start > LONGEST_WRITTEN and not _long_but_plain(text, start, end):
        return None  # a run of numerals nobody writes as one number (一二三…, 九九…九亿): not read
    surface = text[start:end]
    if len(surface) > 1 and surface[-1] in "千百十" and text.startswith(_NUMERAL_LED_UNITS, end - 1):
        end -= 1
        surface = surface[:-1]
    if surface in _PERCENT_HEADS and _PERCENT_WORD.match(text, end):
        return None  # 百分之 / 千分之 introduce a percentage, read with its number; 个百分点 is a unit
    if len(surface) == 1 and surface in _NOT_ALONE:
        return None
    if surface in _MARKS_ALONE:
        return None
    try:
        parsed = parse_number(surface)
    except ValueError:
        prefix = _longest_prefix(surface)
        if prefix is None:
            return None
        surface, parsed = prefix
        end = start + len(surface)
    return NumberMention(start, end, surface, parsed, _ANY_DIGIT.search(surface) is None)


# 近万名, 上万人, 逾亿元, 万余人: 万 or 亿 on its own after a word of degree, or before 余/多, is
# one of it (a number cannot begin with a magnitude, so the scan above never starts there)
_MAGNITUDE_CHAR = re.compile(r"[万亿][余多]?")
_DEGREE_BEFORE = frozenset(_number_words("degree_before_magnitude"))
_NUMERAL_BEFORE = frozenset("0123456789.〇零一二两三四五六七八九十百千万亿几数")


def _with_bare_magnitudes(
    text: str,
    out: list[NumberMention],
    skip: list[tuple[int, int]],
    blocked: list[tuple[int, int]],
    keep: Callable[[str, int, int], bool] | None,
) -> list[NumberMention]:
    extra = []
    starts = [n.start for n in out]  # the mentions are in order and do not overlap
    for m in _MAGNITUDE_CHAR.finditer(text):  # a scan for two characters, checked here
        start, end = m.span()
        before = text[start - 1 : start]
        if before not in _DEGREE_BEFORE and (end - start == 1 or before in _NUMERAL_BEFORE):
            continue
        if (skip and _in_spans(skip, start, end)) or (blocked and _in_spans(blocked, start, end)):
            continue
        i = bisect_left(starts, end)
        if i and out[i - 1].end > start:
            continue  # inside a number read already (bisected: a text can have thousands)
        if keep is not None and not keep(text, start, end):
            continue
        extra.append(NumberMention(start, end, m.group(), parse_number("一" + m.group()), True))
    return sorted(out + extra) if extra else out


# characters that can follow the first character of a number inside it: numerals, digits, the
# point, 点, 余/多/几, magnitudes, 分 (of 分之), 又 and white space; before any other, a Chinese
# numeral stands alone
_MAY_CONTINUE = frozenset(
    # white space and digits as \s and \d read them (str.isspace, str.isdecimal), found without
    # a regex call per character: importing the module stays cheap
    _CH + ".点余多几万亿兆分又" + "".join(ch for ch in map(chr, range(0x10000)) if ch.isspace() or ch.isdecimal())
) | {""}
_ANY_DIGIT = re.compile(r"\d")
_BEFORE_MINUS = set(" \t\n(（:：,，;；、=“\"为是至到")
_PERCENT_HEADS = frozenset({"百", "千", "万", "佰", "仟", "百万"})
_MARKS_ALONE = frozenset({"点", "负", "多", "余", "-"})  # a point, sign or marker on its own
_PERCENT_WORD = re.compile(r"\s*分\s*(?:之|点)")
_ARABIC_THEN_CN = re.compile(r"\d[一二两三四五六七八九〇]")


def _long_but_plain(text: str, start: int, end: int) -> bool:
    """Arabic digits (a point, 万 or 亿 after them) past :data:`LONGEST_WRITTEN` characters,
    read in one step, exactly, up to :data:`LONGEST_DIGITS` characters."""
    return end - start <= LONGEST_DIGITS and _PLAIN.fullmatch(text, start, end) is not None


#: the longest prefix tried when a run does not read as a whole (in news the prefix read is
#: one character: 两|两); each try reads the prefix again, so the bound keeps the search linear
_LONGEST_PREFIX = 16


def _longest_prefix(surface: str) -> tuple[str, NumberParse] | None:
    for cut in range(min(len(surface) - 1, _LONGEST_PREFIX), 0, -1):
        try:
            return surface[:cut], parse_number(surface[:cut])
        except ValueError:
            continue
    return None


def _blocked_spans(text: str) -> list[tuple[int, int]]:
    """Where the words of ``not_numerals.tsv`` are written, in order."""
    return [m.span() for m in _NOT_NUMERAL_RE.finditer(text)]


def _in_spans(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) overlaps one of the sorted, non-overlapping ``spans`` (their ends
    are sorted too, so the last span starting before ``end`` decides)."""
    i = bisect_left(spans, (end, 0))
    return i > 0 and spans[i - 1][1] > start


def _within_spans(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) lies inside one of the sorted, non-overlapping ``spans``."""
    i = bisect_right(spans, (start, _END))
    return i > 0 and spans[i - 1][1] >= end


_END = float("inf")


def _trim_blocked(spans: list[tuple[int, int]], start: int, end: int) -> tuple[int, int]:
    """Cut a word that reaches outside the run (统|一, 一|切) or is the whole run (两两); a word
    wholly inside a longer run (之一 in 五分之一) is part of the number.  ``spans`` are sorted
    and do not overlap (one finditer), so only the few around the run are looked at."""
    lo = bisect_left(spans, (start - _LONGEST_BLOCKED, 0))
    hi = bisect_left(spans, (end, 0))
    for s, e in spans[lo:hi]:
        if s < end and start < e and (s < start or e > end or (s, e) == (start, end)):
            if s <= start:
                start = max(start, e)
            else:
                end = min(end, s)
    return start, end
