"""Dates: 2017年10月, 二〇一八年, 6月底, 2016—2020年, 去年, 今年上半年, 第三季度.

Dates are read before quantities, so a year is never a count of years (2017年 is a date, 三年 a
duration).  A date carries what the text pins down (year, month, day, a ``part`` such as ``end``
for 年底/月底 or ``Q3`` for 第三季度), a ``relative`` reference for 去年/今年/本月, an end point for
ranges, and the ``qualifier`` the sentence gives it: ``since`` (以来), ``by`` (到/至…, …底前),
``before`` (以前), ``after`` (以后/起), ``as_of`` (截至).

The words are data: parts of a period (``lexicon/date_parts.tsv``), relative words
(``lexicon/date_relatives.tsv``) and the words that qualify a date
(``lexicon/date_qualifiers.tsv``); the numerals, separators and guards around them are grammar
and stay here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from ..lexicon import read_table
from ..records import DateMention
from ..text.spans import SpanIndex
from .numbers import parse_number

__all__ = ["find_dates"]


_CN = "〇零一二三四五六七八九"
_YEAR = rf"(?<![\d.])(?:1[5-9]\d\d|20\d\d)(?!\d)|(?<![{_CN}十])[{_CN}]{{4}}"
_MONTH = r"(?<![\d.])(?:1[0-2]|0?[1-9])(?!\d)|十[一二]?|[一二三四五六七八九](?![十])"
_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?!\d)|三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九]"
_SEP = r"\s*[—–\-~～至到]\s*"
#: a part word ending in one of these characters is one only where the guard allows: 中 is the
#: middle only where it ends the date (2019年中, 年中期), not the 中 of 2019年中国 or 6月中欧班列;
#: 初 + a numeral is a lunar day (大年初二), not the start of the year
_PART_GUARDS = {"初": r"(?![一二三四五六七八九十])", "中": r"(?:(?![\u4e00-\u9fff])|(?=[期前后以的时]))"}
#: quarters, by where they stand: after a year, after a relative word, alone
_YEAR_QUARTER = r"[一二三四1-4]季度|第[一二三四1-4]季度"
_RELATIVE_QUARTER = r"[一二三四]季度|第[一二三四]季度"
_ALONE_QUARTER = r"第[一二三四]季度"


@dataclass(frozen=True)
class _Grammar:
    """The date pattern with the vocabulary in it, and what the words mean."""

    date: re.Pattern[str]
    parts: dict[str, str]
    relative: dict[str, str]
    before: re.Pattern[str]
    before_q: dict[str, str]
    after: re.Pattern[str]
    after_q: dict[str, str]
    #: what follows the 年 of a part that is a date alone (年底, 年初, 年末)
    year_end: frozenset[str]


def _words(words: list[str]) -> str:
    """An alternation of literal words, tried in the order given."""
    return "|".join(re.escape(w) for w in words)


def _guarded(words: list[str]) -> str:
    """An alternation of part words, each with the guard its last character needs."""
    return "|".join(re.escape(w) + _PART_GUARDS.get(w[-1], "") for w in words)


def _date_pattern(parts: list[dict[str, str]], relatives: list[str]) -> re.Pattern[str]:
    def placed(column: str) -> list[str]:
        return [row["word"] for row in parts if row[column] == "yes"]

    year_part = f"{_guarded(placed('after_year'))}|{_YEAR_QUARTER}"
    month_part = _guarded(placed("after_month"))
    relative_part = f"{_guarded(placed('after_relative'))}|{_RELATIVE_QUARTER}"
    alone = f"{_guarded(placed('alone'))}|{_ALONE_QUARTER}"
    return re.compile(
        rf"""
        (?P<y>{_YEAR})\s*年?(?P<yr>{_SEP}(?P<y2>{_YEAR})\s*)?年
            (?:\s*(?P<m>{_MONTH})\s*月(?:\s*(?P<d>{_DAY})\s*[日号])?(?P<mp>{month_part})?|(?P<yp>{year_part}))?
        | (?<![\d.个第])(?:(?P<m_from>1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])\s*[-—–~～至到]\s*)?(?P<m_only>{_MONTH})\s*月(?![亮光球饼])
            (?:\s*(?P<d_only>{_DAY})\s*[日号])?(?P<mp2>{month_part}|份)?
        | (?<![\d.月个第])(?P<d_ar>(?:3[01]|[12]\d|[1-9]))日(?![内以之])
        | (?P<rel>{_words(relatives)})
            (?P<relp>{relative_part})?
        | (?<![今去明前后本当同])(?P<yp_only>{alone})
        """,
        re.VERBOSE,
    )


@lru_cache(maxsize=1)
def _grammar() -> _Grammar:
    """The date grammar with the shipped vocabulary, built once per process."""
    parts = list(read_table("date_parts.tsv"))
    relatives = {row["word"]: row["relative"] for row in read_table("date_relatives.tsv")}
    qualifiers = list(read_table("date_qualifiers.tsv"))
    before = [row for row in qualifiers if row["side"] == "before"]
    after = [row for row in qualifiers if row["side"] == "after"]
    return _Grammar(
        date=_date_pattern(parts, list(relatives)),
        parts={row["word"]: row["part"] for row in parts},
        relative=relatives,
        before=re.compile(rf"(?:{_words([row['word'] for row in before])})\s*$"),
        before_q={row["word"]: row["qualifier"] for row in before if row["qualifier"] != "none"},
        after=re.compile(rf"\s*({_words([row['word'] for row in after])})"),
        after_q={row["word"]: row["qualifier"] for row in after},
        year_end=frozenset(row["word"][1:] for row in parts if row["alone"] == "yes" and row["word"].startswith("年")),
    )


def _num(text: str | None) -> int | None:
    if not text:
        return None
    value = parse_number(text).value
    return int(value) if value is not None else None


def _part(text: str | None, g: _Grammar) -> str | None:
    """The ``part`` of a part word (底 → end, 上半年 → H1, 第三季度 → Q3); None for 份 (月份 is
    the month itself)."""
    if not text or text == "份":
        return None
    if text in g.parts:
        return g.parts[text]
    q = re.search(r"[一二三四1-4]", text)
    return f"Q{_num(q.group()) if q and not q.group().isdigit() else q.group()}" if q else None


# every date has one of these characters right after a numeral, a space or the first character
# of a relative word (2017年, 十月, 今天, 上半年), or it is the 年 of 年底/年初/年末; the full
# pattern runs only on windows around such anchors (年 of 青年, 日 of 日本, 天 of 天然气 open none)
_ANCHOR = re.compile(r"[年月日号季天]")
_BEFORE_ANCHOR_CHARS = frozenset(" \t\n\r\f\v0123456789〇零一二三四五六七八九十今去明前后本上下当同昨半")
_BEFORE_ANCHOR = 24
# what a date can have before an anchor: numerals, separators, 年 and 月 of a longer date, and
# the first characters of relative words and parts (今年, 上半年, 第三季度)
_LEAD = frozenset("0123456789〇零一二三四五六七八九十年月—–-~～至到 \t\n\r\f\v今去明前后本上下当同昨半第")


def _run_start(text: str, i: int, floor: int) -> int:
    """Where the run of characters a date can be made of that ends at ``i`` starts (not before
    ``floor`` nor more than ``_BEFORE_ANCHOR`` characters back)."""
    p = i
    floor = max(floor, i - _BEFORE_ANCHOR)
    while p > floor and text[p - 1] in _LEAD:
        p -= 1
    return p


def _matches(text: str, g: _Grammar) -> Iterator[re.Match[str]]:
    """What ``g.date.finditer`` finds, tried only where a date can start: from the run of
    characters a date can be made of that ends at an anchor, up to the anchor (several times
    faster on news than scanning every position).  Every date holds an anchor with such a run
    before it, so none is missed; matches are taken leftmost first and do not overlap."""
    last_end = 0
    year_end = g.year_end
    for a in _ANCHOR.finditer(text):
        i = a.start()
        if i < last_end:
            continue  # inside the date just read (the 月 of 2017年10月)
        # inline (this runs for every 年, 月, 日… of a text): after a character a date can have
        # there, or the 年 of 年底
        if not (i and text[i - 1] in _BEFORE_ANCHOR_CHARS) and not (text[i] == "年" and text[i + 1 : i + 2] in year_end):
            continue
        p = _run_start(text, i, last_end)
        while p <= i:
            m = g.date.match(text, p)
            if m is not None and m.end() > p:
                yield m
                last_end = p = m.end()
            else:
                p += 1


def find_dates(text: str, *, skip: list[tuple[int, int]] | None = None) -> list[DateMention]:
    """Dates in ``text`` in order, as records with offsets into ``text`` and the qualifier the
    surrounding words give them."""
    g = _grammar()
    return [_qualified(text, d, g) for d in _ranges(text, _dates(text, skip, g))]


def _dates(text: str, skip: list[tuple[int, int]] | None, g: _Grammar) -> list[DateMention]:
    out: list[DateMention] = []
    skipped = SpanIndex(skip or ())  # bisected: a text may have tens of thousands of them
    for m in _matches(text, g):
        start, end = m.start(), m.end()
        if skipped and skipped.overlaps(start, end):
            continue
        found = _date_of(text, m, g)
        if found is not None:
            out.append(found)
    return out


def _date_of(text: str, m: re.Match[str], g: _Grammar) -> DateMention | None:
    """The date a match of the pattern reads, by the branch that matched; None where the
    figures are not a calendar date."""
    groups = m.groupdict()
    start, end = m.start(), m.end()
    if groups["y"]:
        return _year_date(text[start:end], start, end, groups, g)
    if groups["m_only"]:
        return _month_date(text[start:end], start, end, groups, g)
    if groups["d_ar"]:
        return DateMention(text[start:end], start, end, day=int(groups["d_ar"]))
    if groups["rel"]:
        return DateMention(text[start:end], start, end, relative=g.relative[groups["rel"]], part=_part(groups["relp"], g))
    return DateMention(text[start:end], start, end, part=_part(groups["yp_only"], g))


def _in_calendar(month: int | None, day: int | None) -> bool:
    """A month of 1–12 and a day of 1–31, where they are given."""
    return (month is None or 1 <= month <= 12) and (day is None or 1 <= day <= 31)


def _year_date(text: str, start: int, end: int, groups: dict[str, str | None], g: _Grammar) -> DateMention | None:
    """A year, maybe a range of years, with a month and day or a part (2017年10月, 2016—2020年, 2019年底)."""
    year = _num(groups["y"])
    month = _num(groups["m"])
    day = _num(groups["d"])
    if not _in_calendar(month, day):
        return None
    return DateMention(text, start, end, year, month, day, _part(groups["mp"] or groups["yp"], g), to_year=_num(groups["y2"]))


def _month_date(text: str, start: int, end: int, groups: dict[str, str | None], g: _Grammar) -> DateMention | None:
    """A month without a year, maybe a range of months, with a day or a part (6月底, 1-2月份)."""
    written = groups["m_only"] or ""
    month = _num(written)
    day = _num(groups["d_only"])
    if month is None or not _in_calendar(month, day):
        return None
    # a bare Chinese month needs a day or a part (十月 alone is often a name: 十月革命)
    if not written[0].isdigit() and day is None and not groups["mp2"] and not groups["m_from"]:
        return None
    m_from = _num(groups["m_from"])
    if m_from is None:
        return DateMention(text, start, end, None, month, day, _part(groups["mp2"], g))
    if day is not None or not m_from < month:
        return None  # 1-2月份 is a range; 3-2月 is not
    # 1-2月份, 一至三月: from the first month to the last
    return DateMention(text, start, end, None, m_from, None, _part(groups["mp2"], g), to_month=month)


_RANGE_SEP = re.compile(_SEP)


def _ranges(text: str, dates: list[DateMention]) -> list[DateMention]:
    """Join a day and the day that ends its range (1月21日至24日, 2019年10月28日至31日, 20日至21日,
    4月30日到5月4日), and a month and the month that ends its range (2019年3月至5月).  The end
    point takes the year and month it does not state from the start."""
    out: list[DateMention] = []
    for d in dates:
        joined = _range(text, out[-1], d) if out else None
        if joined is None:
            out.append(d)
        else:
            out[-1] = joined
    return out


def _range(text: str, a: DateMention, d: DateMention) -> DateMention | None:
    """``a`` and ``d`` as one range, when ``d`` (stating no year) ends one that ``a`` starts
    and only a separator (至, 到, —) stands between them."""
    if d.year is not None or a.relative is not None or d.relative is not None:
        return None
    if not (_days_range(a, d) or _months_range(a, d)) or not _RANGE_SEP.fullmatch(text, a.end, d.start):
        return None
    to_month = d.month if d.month is not None else a.month
    return DateMention(text[a.start : d.end], a.start, d.end, a.year, a.month, a.day, a.part,
                       to_year=a.year, to_month=to_month, to_day=d.day)  # fmt: skip


def _days_range(a: DateMention, d: DateMention) -> bool:
    """A day, then a later day of the same month (20日至21日) or of a later one it names
    (4月30日到5月4日); not 20日至3月1日 (a month only at the end) nor 24日至21日."""
    if a.day is None or d.day is None or a.to_day is not None:
        return False
    if d.month is not None and a.month is None:
        return False
    to_month = d.month if d.month is not None else a.month
    return not (to_month == a.month and d.day <= a.day)


def _months_range(a: DateMention, d: DateMention) -> bool:
    """A month, then a later month, neither with a day or a part (2019年3月至5月)."""
    if a.month is None or a.day is not None or d.month is None or d.day is not None:
        return False
    if a.to_month is not None or a.part is not None or d.part is not None:
        return False
    return not d.month <= a.month


def _qualified(text: str, d: DateMention, g: _Grammar) -> DateMention:
    """``d`` with the qualifier the words right after it and right before it give."""
    qualifier = _qualifier_before(text, d, _qualifier_after(text, d, g), g)
    if qualifier is None:
        return d
    # dataclasses.replace, spelt out: it costs several times as much per date
    return DateMention(d.text, d.start, d.end, d.year, d.month, d.day, d.part, d.relative, qualifier,
                       d.to_year, d.to_month, d.to_day)  # fmt: skip


def _qualifier_after(text: str, d: DateMention, g: _Grammar) -> str | None:
    """以来, 以前, 以后, 起… right after the date."""
    after = g.after.match(text, d.end)
    if after is None:
        return None
    word = after.group(1)
    if word == "前" and d.part == "end":
        return "by"  # 6月底前: by the end of June
    return g.after_q[word]


def _qualifier_before(text: str, d: DateMention, qualifier: str | None, g: _Grammar) -> str | None:
    """截至, 到, 从… right before the date: a since agrees with the word after it (从…以来),
    a by or an as-of applies only where no word after it qualifies the date."""
    before = g.before.search(text, max(0, d.start - 4), d.start)
    if before is None:
        return qualifier
    q = g.before_q.get(before.group().strip())
    if q == "since":
        if d.to_year is not None or d.to_month is not None:
            return qualifier  # 从2012年到2018年, 从4月30日到5月4日: a range, its start is not a "since"
        return "since" if qualifier in (None, "since") else qualifier
    if q in ("by", "as_of") and qualifier is None:
        return q
    return qualifier
