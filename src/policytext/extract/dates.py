"""Dates: 2017年10月, 二〇一八年, 6月底, 2016—2020年, 去年, 今年上半年, 第三季度.

Dates are read before quantities, so a year is never a count of years (2017年 is a date, 三年 a
duration).  A date carries what the text pins down (year, month, day, a ``part`` such as ``end``
for 年底/月底 or ``Q3`` for 第三季度), a ``relative`` reference for 去年/今年/本月, an end point for
ranges, and the ``qualifier`` the sentence gives it: ``since`` (以来), ``by`` (到/至…, …底前),
``before`` (以前), ``after`` (以后/起), ``as_of`` (截至).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..records import DateMention
from .numbers import parse_number

__all__ = ["find_dates"]


_CN = "〇零一二三四五六七八九"
_YEAR = rf"(?<![\d.])(?:1[5-9]\d\d|20\d\d)(?!\d)|(?<![{_CN}十])[{_CN}]{{4}}"
_MONTH = r"(?<![\d.])(?:1[0-2]|0?[1-9])(?!\d)|十[一二]?|[一二三四五六七八九](?![十])"
_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?!\d)|三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九]"
# 中 is the middle only where it ends the date (2019年中, 年中期), not the 中 of 2019年中国 or
# 6月中欧班列; 初 + a numeral is a lunar day (大年初二), not the start of the year
_MIDDLE = r"中(?![\u4e00-\u9fff])|中(?=[期前后以的时])"
_START = r"初(?![一二三四五六七八九十])"
_YEAR_PART = rf"底|{_START}|末|{_MIDDLE}|上半年|下半年|前三季度|[一二三四1-4]季度|第[一二三四1-4]季度"
_MONTH_PART = rf"底|{_START}|末|上旬|中旬|下旬|{_MIDDLE}"
_PARTS = {
    "底": "end", "末": "end", "初": "start", "中": "middle", "上半年": "H1", "下半年": "H2",
    "上旬": "early", "中旬": "mid", "下旬": "late", "前三季度": "Q1-Q3",
}  # fmt: skip
_SEP = r"\s*[—–\-~～至到]\s*"

_DATE_RE = re.compile(
    rf"""
    (?P<y>{_YEAR})\s*年?(?P<yr>{_SEP}(?P<y2>{_YEAR})\s*)?年
        (?:\s*(?P<m>{_MONTH})\s*月(?:\s*(?P<d>{_DAY})\s*[日号])?(?P<mp>{_MONTH_PART})?|(?P<yp>{_YEAR_PART}))?
    | (?<![\d.个第])(?:(?P<m_from>1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])\s*[-—–~～至到]\s*)?(?P<m_only>{_MONTH})\s*月(?![亮光球饼])
        (?:\s*(?P<d_only>{_DAY})\s*[日号])?(?P<mp2>{_MONTH_PART}|份)?
    | (?<![\d.月个第])(?P<d_ar>(?:3[01]|[12]\d|[1-9]))日(?![内以之])
    | (?P<rel>今年|去年|明年|前年|后年|本月|上月|下月|当月|今天|昨天|明天|同年|当年|本年度|上年)
        (?P<relp>底|{_START}|末|上半年|下半年|前三季度|[一二三四]季度|第[一二三四]季度)?
    | (?<![今去明前后本当同])(?P<yp_only>年底|年{_START}|年末|上半年|下半年|前三季度|第[一二三四]季度)
    """,
    re.VERBOSE,
)
_RELATIVE = {
    "今年": "this_year", "本年度": "this_year", "当年": "same_year", "同年": "same_year",
    "去年": "last_year", "上年": "last_year", "前年": "year_before_last", "明年": "next_year",
    "后年": "year_after_next", "本月": "this_month", "当月": "same_month", "上月": "last_month",
    "下月": "next_month", "今天": "today", "昨天": "yesterday", "明天": "tomorrow",
}  # fmt: skip
_BEFORE = re.compile(r"(?:截至|截止到|截止|到|至|自从|自|从|于|在)\s*$")
_BEFORE_Q = {"截至": "as_of", "截止到": "as_of", "截止": "as_of", "到": "by", "至": "by",
             "自从": "since", "自": "since", "从": "since"}  # fmt: skip
_AFTER = re.compile(r"\s*(以来|以前|之前|以后|之后|起|前|后)")
_AFTER_Q = {"以来": "since", "以前": "before", "之前": "before", "前": "before",
            "以后": "after", "之后": "after", "后": "after", "起": "since"}  # fmt: skip


def _num(text: str | None) -> int | None:
    if not text:
        return None
    value = parse_number(text).value
    return int(value) if value is not None else None


def _part(text: str | None) -> str | None:
    if not text or text == "份":
        return None
    if text in _PARTS:
        return _PARTS[text]
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
_YEAR_END = ("底", "初", "末")
_LEAD = frozenset("0123456789〇零一二三四五六七八九十年月—–-~～至到 \t\n\r\f\v今去明前后本上下当同昨半第")


def _matches(text: str) -> Iterator[re.Match[str]]:
    """What ``_DATE_RE.finditer`` finds, tried only where a date can start: from the run of
    characters a date can be made of that ends at an anchor, up to the anchor (several times
    faster on news than scanning every position).  Every date holds an anchor with such a run
    before it, so none is missed; matches are taken leftmost first and do not overlap."""
    last_end = 0
    for a in _ANCHOR.finditer(text):
        i = a.start()
        if i < last_end:
            continue  # inside the date just read (the 月 of 2017年10月)
        if not (i and text[i - 1] in _BEFORE_ANCHOR_CHARS) and not (text[i] == "年" and text[i + 1 : i + 2] in _YEAR_END):
            continue
        p = i
        floor = max(last_end, i - _BEFORE_ANCHOR)
        while p > floor and text[p - 1] in _LEAD:
            p -= 1
        while p <= i:
            m = _DATE_RE.match(text, p)
            if m is not None and m.end() > p:
                yield m
                last_end = p = m.end()
            else:
                p += 1


def find_dates(text: str, *, skip: list[tuple[int, int]] | None = None) -> list[DateMention]:
    """Dates in ``text`` in order, as records with offsets into ``text`` and the qualifier the
    surrounding words give them."""
    return [_qualified(text, d) for d in _ranges(text, _dates(text, skip))]


def _dates(text: str, skip: list[tuple[int, int]] | None) -> list[DateMention]:
    out: list[DateMention] = []
    for m in _matches(text):
        start, end = m.start(), m.end()
        if skip and any(s < end and start < e for s, e in skip):
            continue
        g = m.groupdict()
        if g["y"]:
            year = _num(g["y"])
            month = _num(g["m"])
            day = _num(g["d"])
            if month is not None and not 1 <= month <= 12 or day is not None and not 1 <= day <= 31:
                continue
            found = DateMention(
                text[start:end], start, end, year, month, day, _part(g["mp"] or g["yp"]),
                to_year=_num(g["y2"]),
            )  # fmt: skip
        elif g["m_only"]:
            month = _num(g["m_only"])
            day = _num(g["d_only"])
            if month is None or not 1 <= month <= 12 or day is not None and not 1 <= day <= 31:
                continue
            # a bare Chinese month needs a day or a part (十月 alone is often a name: 十月革命)
            if not g["m_only"][0].isdigit() and day is None and not g["mp2"] and not g["m_from"]:
                continue
            m_from = _num(g["m_from"])
            if m_from is not None and (day is not None or not m_from < month):
                continue  # 1-2月份 is a range; 3-2月 is not
            if m_from is not None:  # 1-2月份, 一至三月: from the first month to the last
                found = DateMention(text[start:end], start, end, None, m_from, None, _part(g["mp2"]), to_month=month)
            else:
                found = DateMention(text[start:end], start, end, None, month, day, _part(g["mp2"]))
        elif g["d_ar"]:
            found = DateMention(text[start:end], start, end, day=int(g["d_ar"]))
        elif g["rel"]:
            found = DateMention(text[start:end], start, end, relative=_RELATIVE[g["rel"]], part=_part(g["relp"]))
        else:
            found = DateMention(text[start:end], start, end, part=_part(g["yp_only"].removeprefix("年")))
        out.append(found)
    return out


_RANGE_SEP = re.compile(_SEP)


def _ranges(text: str, dates: list[DateMention]) -> list[DateMention]:
    """Join a day and the day that ends its range (1月21日至24日, 2019年10月28日至31日, 20日至21日,
    4月30日到5月4日), and a month and the month that ends its range (2019年3月至5月).  The end
    point takes the year and month it does not state from the start."""
    out: list[DateMention] = []
    for d in dates:
        a = out[-1] if out else None
        if a is None or d.year is not None or a.relative is not None or d.relative is not None:
            out.append(d)
            continue
        days = a.day is not None and d.day is not None and a.to_day is None
        months = (a.month is not None and a.day is None and d.month is not None and d.day is None
                  and a.to_month is None and a.part is None and d.part is None)  # fmt: skip
        if not (days or months) or not _RANGE_SEP.fullmatch(text, a.end, d.start):
            out.append(d)
            continue
        to_month = d.month if d.month is not None else a.month
        if days and (d.month is not None and a.month is None or (to_month == a.month and d.day <= a.day)):
            out.append(d)  # 20日至3月1日, 24日至21日: not one range
            continue
        if months and to_month is not None and a.month is not None and to_month <= a.month:
            out.append(d)
            continue
        out[-1] = DateMention(text[a.start : d.end], a.start, d.end, a.year, a.month, a.day, a.part,
                              to_year=a.year, to_month=to_month, to_day=d.day)  # fmt: skip
    return out


def _qualified(text: str, d: DateMention) -> DateMention:
    qualifier = None
    after = _AFTER.match(text, d.end)
    if after:
        word = after.group(1)
        qualifier = _AFTER_Q[word]
        if word == "前" and d.part == "end":
            qualifier = "by"  # 6月底前: by the end of June
    before = _BEFORE.search(text, max(0, d.start - 4), d.start)
    if before:
        word = before.group().strip()
        q = _BEFORE_Q.get(word)
        if q == "since" and (d.to_year is not None or d.to_month is not None):
            pass  # 从2012年到2018年, 从4月30日到5月4日: a range, its start is not a "since"
        elif q == "since" and qualifier in (None, "since"):
            qualifier = "since"
        elif q in ("by", "as_of") and qualifier is None:
            qualifier = q
    if qualifier is None:
        return d
    # dataclasses.replace, spelt out: it costs several times as much per date
    return DateMention(d.text, d.start, d.end, d.year, d.month, d.day, d.part, d.relative, qualifier,
                       d.to_year, d.to_month, d.to_day)  # fmt: skip
