"""Quantities: a number with its unit, kind, qualifier and the thing counted.

    12.1万人 → 121000 人 (count)           36.576万千瓦 → 365760 千瓦 (power, 365760000 W)
    近30万人 → 300000 人, approx_below      65%以上 → 65 %, at_least
    突破5亿元 → 500000000 元, more_than     百分之五十 → 50 %
    下降5.7个百分点 → 5.7 percentage_points  3至5年 → range 3..5 年 (duration)
    两三次 → range 2..3 次                  几十年 → vague, no value
    6个县 → 6 个, counted 县                20余万干部 → 200000, more_than, counted 干部
    1439痤 → 1439, unit 痤 kept as written (a measure word the table does not know)

Not quantities: numerals inside slogans (四个意识), dates (2017年, read first by
:mod:`.dates`), ordinals (第一), 一 + classifier used as an article (一个, 一批), reduplicated
classifiers (一座座), parallel phrases (一步一个脚印), and the set phrases of
``lexicon/not_quantities.tsv`` (最后一公里).
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache
from typing import KeysView

from ..._regex import longest_of
from ...resources import Unit, not_quantities, unit_table
from ...records import Quantity
from ..numbers import MAGNITUDES, NumberMention, _step, find_numbers, parse_number

__all__ = ["find_quantities"]


# classifiers whose noun follows (6个县, 2112名驻村第一书记); measures of a thing (30万亩经济林)
_TAKES_NOUN_KINDS = {"count", "area", "length", "mass", "volume"}
_SELF_COUNTED = {"户", "人", "人次", "户次", "元", "块钱", "次", "轮", "岁", "倍"}
_BEFORE_Q = {
    "约": "approx", "大约": "approx", "大概": "approx", "约为": "approx", "近": "approx_below",
    "将近": "approx_below", "接近": "approx_below", "超过": "more_than", "突破": "more_than",
    "逾": "more_than", "超": "more_than", "首破": "more_than", "多于": "more_than", "高于": "more_than",
    "不到": "at_most", "不足": "at_most", "不超过": "at_most", "低于": "at_most",
    "少于": "at_most", "最多": "at_most", "至多": "at_most", "至少": "at_least",
    "不少于": "at_least", "不低于": "at_least",
}  # fmt: skip
_BEFORE_RE = re.compile("(?:" + "|".join(sorted(_BEFORE_Q, key=len, reverse=True)) + r")\s*$")
_AFTER_Q = {"以上": "at_least", "以下": "at_most", "以内": "at_most", "左右": "approx", "上下": "approx",
            "多": "more_than", "余": "more_than", "有余": "more_than"}  # fmt: skip
_AFTER_RE = re.compile(r"(?:\s*\(含\)\s*)?(有余|以上|以下|以内|左右|上下(?![级游班])|多(?![个种样元项措方])|余(?![额粮]))")
# what a range separator can begin with, besides white space: (含) or the separator itself
_RANGE_SEP_FIRST = frozenset("(至到～~—–-－")
_RANGE_SEP = re.compile(r"\s*(?:\(含\))?\s*(?:至|到|～|~|—{1,2}|–|-{1,2}|－)\s*")
_PERCENT_BEFORE = re.compile(r"(百\s*万|[百佰千仟万])\s*分\s*之\s*$")
_RATIO_UNIT = {"百": "%", "佰": "%", "千": "‰", "仟": "‰", "万": "‱"}
_CURRENCY_BEFORE = re.compile(r"(港币|港元|新台币|台币|人民币|美元|欧元|日元|英镑)\s*$")
# 123元1角1分, 十块三毛, 一百三十五块六角七分钱: smaller coins after the yuan
_COINS = re.compile(r"(?:([0-9]|[一二两三四五六七八九壹贰叁肆伍陆柒捌玖])\s*[角毛])?(?:([0-9]|[一二三四五六七八九壹贰叁肆伍陆柒捌玖])\s*分)?(钱)?")
_ARTICLE_BEFORE = ("这", "那", "每", "同", "哪", "任何", "某", "另", "唯", "的")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_SPACES = re.compile(r"\s+")
_TENTH = re.compile(r"\s*([一二三四五六七八九1-9])(?![\d一二三四五六七八九十百千万])")
_CLAUSE_END = set(",.;:!?、。，；：！？）)」”\n ")


@lru_cache(maxsize=1)
def _units() -> tuple[re.Pattern[str], dict[str, Unit]]:
    """Every unit, longest first; spaces between its characters are allowed (个 百 分 点)."""
    table = unit_table()
    forms = sorted(table, key=len, reverse=True)
    alternatives = [r"\s*".join(re.escape(ch) for ch in f) for f in forms]
    return re.compile(r"\s*(?:" + "|".join(f"({a})" for a in alternatives) + "|(％))"), table



@lru_cache(maxsize=1)
def _unit_lengths() -> dict[str, tuple[int, ...]]:
    """For each character a unit can begin with, the lengths of the units that begin with it,
    longest first: a unit is then found by a few dictionary lookups instead of a regex match."""
    lengths: dict[str, set[int]] = {}
    for form in unit_table():
        lengths.setdefault(form[0], set()).add(len(form))
    return {ch: tuple(sorted(ns, reverse=True)) for ch, ns in lengths.items()}


_WHITE = re.compile(r"\s")


@lru_cache(maxsize=1)
def _set_phrases() -> re.Pattern[str]:
    return re.compile(longest_of(not_quantities()))


def find_quantities(text: str, *, skip: list[tuple[int, int]] | None = None) -> list[Quantity]:
    """Quantities in ``text`` in order, as records with offsets into ``text``.  Numbers inside
    the spans ``skip`` (slogans, dates, repeated lines) are left out."""
    phrases = [m.span() for m in _set_phrases().finditer(text)]
    numbers = find_numbers(text, skip=_merged(sorted([*(skip or []), *phrases])), keep=_worth_reading)
    out: list[Quantity] = []
    i = 0
    while i < len(numbers):
        n = numbers[i]
        if out and n.start < out[-1].end:
            i += 1  # already part of the previous quantity (the 1角 of 123元1角1分)
            continue
        q = _quantity(text, n)
        nxt = numbers[i + 1] if i + 1 < len(numbers) else None
        if nxt is not None and n.parse.value is not None:
            joined = _range(text, n, q, nxt)
            if joined is not None:
                out.append(joined)
                i += 2
                continue
        if q is not None:
            out.append(q)
        i += 1
    return out


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted spans with overlaps joined, as find_numbers' ``skip`` wants them."""
    out: list[tuple[int, int]] = []
    for s, e in spans:
        if out and s < out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def _worth_reading(text: str, start: int, end: int) -> bool:
    """A cheap test before a number is read: a lone Chinese numeral (the 一 of 一些) can be an
    amount only with a unit character, 多/余, a range (两到三万) or a percent word next to it."""
    if end - start > 1 or text[start] not in _CN_NUMERALS:
        return True
    nxt = text[end : end + 1]
    return nxt in _unit_first_chars() or nxt in "多余 到至-~～—–" or text[start - 1 : start] in ("之", " ")


_CN_NUMERALS = frozenset("〇零一二两俩三四五六七八九十百千万亿廿卅壹贰叁肆伍陆柒捌玖拾佰仟几数")


@lru_cache(maxsize=1)
def _unit_first_chars() -> frozenset[str]:
    return frozenset(u[0] for u in unit_table()) | {"％"}


# a one-character unit that begins a longer word is not a unit there: 三年级, 八十年代, 五天然气
_NOT_UNIT_BEFORE = {
    "年": "级代龄轻纪", "天": "然津下", "场": "所景", "层": "次面级", "名": "义单称", "家": "庭乡属长",
    "台": "阶湾", "周": "边围", "本": "地身土", "部": "门署分", "所": "有以谓", "条": "件例款",
    "次": "要序会", "处": "理于在长", "项": "目", "种": "植子类", "批": "准评示", "起": "来步", "轮": "胎", "队": "伍员",
    "组": "织成", "支": "持部付撑", "类": "似型", "户": "籍口外", "位": "于置", "成": "为功立本员果",
    "度": "过假", "剂": "量型", "羽": "毛绒球翼", "款": "式项额待", "件": "事", "米": "饭", "期": "间", "块": "地", "个": "体别性案",
}  # fmt: skip


def _unit_at(text: str, pos: int) -> tuple[str, Unit, int] | None:
    """The unit written at ``pos`` (个多月 reads as 个月 with 多 noted by the caller)."""
    pattern, table = _units()
    lengths = _unit_lengths().get(text[pos : pos + 1])
    if lengths is not None and _WHITE.search(text, pos, pos + lengths[0]) is None:
        # the usual case, no space to allow for: the longest unit written here, by lookups
        if text.startswith(("个多月", "个半月"), pos):
            return "个月", table["个月"], pos + 3
        for n in lengths:
            form = text[pos : pos + n]
            if form in table:
                break
        else:
            return None
        unit_end = pos + len(form)  # a slice at the end of the text can be shorter than n
    else:
        if text.startswith(("个多月", "个半月"), pos):
            return "个月", table["个月"], pos + 3
        if lengths is None and not _WHITE.match(text, pos) and not text.startswith("％", pos):
            return None  # no unit begins with this character
        m = pattern.match(text, pos)
        if m is None:
            return None
        written = _SPACES.sub("", m.group())
        form = "%" if written == "％" else written
        unit_end = m.end()
    following = text[unit_end : unit_end + 1]
    if len(form) == 1 and following and following in _NOT_UNIT_BEFORE.get(form, ""):
        return None
    if form[-1] in "整正" and len(form) == 2 and _HAN.match(following):
        # 144亿元整村推进: 整 begins 整村; 元整 (cheque style) ends an amount
        return form[0], table[form[0]], unit_end - 1
    return form, table[form], unit_end


def _quantity(text: str, n: NumberMention) -> Quantity | None:
    start, end = n.start, n.end
    if text[start - 1 : start] in ("第", "初"):
        return None  # ordinal (第一) or a lunar day (初一)
    percent_prefix = None
    pm = _PERCENT_BEFORE.search(text, max(0, start - 8), start) if "之" in text[max(0, start - 3) : start] else None
    if pm is not None:
        word = _SPACES.sub("", pm.group(1))
        percent_prefix = "ppm" if word == "百万" else _RATIO_UNIT[word]
        start = pm.start()
    elif n.text == "一" and _one_is_an_article(text, n):
        return None
    elif n.text in ("千万", "万万") and text[end : end + 1] in _ADVERB_NEXT:
        return None  # 千万不能, 万万不可: "by all means", not ten million

    pos = end
    marker_more = False  # 多/余 written with the number: 30多个, 一年多, 3个多月
    if text.startswith(("多", "余"), pos) and not text.startswith(("多元化", "多样"), pos):
        marker_more, pos = True, pos + 1  # 4万多元, 30多种: 多元化 and 多样 are words of their own
    unit: Unit | None
    unit_form: str | None
    if percent_prefix is not None:
        unit_form, pos = percent_prefix, end
        unit = unit_table()[unit_form]
    elif (found := _read_unit(text, n, pos)) is not None:
        unit_form, unit, pos = found
        marker_more = marker_more or text.startswith("个多月", end)
        if n.chinese and n.text == "一" and unit.kind == "count":
            return None  # 一个 / 一批: an article, not a count
        if unit.kind == "duration" and unit_form == "年" and _year_shaped(n.text):
            return None  # a year the date reader did not take (2018年度): not a duration
    elif "分之" in n.text and n.parse.value is not None:
        unit_form, unit = None, _FRACTION  # 三分之一: a share written as a fraction
    elif not n.chinese and (place := _PLACES.match(text, pos)) is not None:
        unit_form, unit, pos = place.group(), None, place.end()  # 11省市, 3省4县: places counted
    else:
        unit_form, unit = _no_unit(text, n, pos)
        if unit_form is None and unit is None and not _magnitude_count(text, n, pos):
            return None
        if unit_form is not None:
            pos += len(unit_form)
    kind = unit.kind if unit is not None else "count"

    # money: a currency named before the number (港币两千九百六十元), coins after it (123元1角1分)
    if unit is not None and unit_form in ("元", "圆", "元整", "圆整", "块钱"):
        cur = _CURRENCY_BEFORE.search(text, max(0, start - 6), start)
        if cur is not None and cur.group(1) != "人民币":
            unit_form = cur.group(1)
            unit = unit_table()[unit_form]
    coins = Decimal(0)
    if unit_form in ("元", "圆", "块钱", "块"):
        c = _COINS.match(text, pos)
        if c is not None and (c.group(1) or c.group(2)):
            coins = sum(
                (Decimal(_digit(d)) * f for d, f in ((c.group(1), Decimal("0.1")), (c.group(2), Decimal("0.01"))) if d),
                Decimal(0),
            )
            pos = c.end()
            if unit_form == "块":
                unit_form, kind = "元", "money"
                unit = unit_table()["元"]

    half = unit is not None and unit.kind == "duration" and (
        text.startswith("个半月", end) or (text[pos : pos + 1] == "半" and not text.startswith(("半年", "半月"), pos))
    )
    if half:  # 5年半, 一年半, 两个半月: a half more
        coins = Decimal("0.5")
        if text[pos : pos + 1] == "半":
            pos += 1
    if unit_form == "成" and (tenth := _TENTH.match(text, pos)):
        coins = Decimal(_digit(tenth.group(1))) / 10  # 七成六 = 7.6成 = 76%
        pos = tenth.end()

    # qualifiers: written after the unit, then before the number, then inside it (十余万, 几十)
    qualifier = "more_than" if marker_more else None
    after_m = _AFTER_RE.match(text, pos)
    if after_m and qualifier is None and not (after_m.group(1) in ("多", "余") and unit_form in ("%", "‰")):
        qualifier = _AFTER_Q[after_m.group(1)]
        marker_more = after_m.group(1) in ("多", "余")
    before = _BEFORE_RE.search(text, max(0, start - 3), start)
    if qualifier is None and n.text[0] in "百千万亿" and text[start - 1 : start] in ("上", "过"):
        qualifier = "at_least" if text[start - 1] == "上" else "more_than"  # 上万人, 上百户, 过亿元
    elif before and qualifier is None:
        word = before.group().strip()
        if word == "近" and unit_form == "年":
            pass  # 近两年, 近五年: the recent years, not "nearly"
        elif not (word.endswith("近") and text[before.start() - 1 : before.start()] in ("最", "附", "临")):
            qualifier = _BEFORE_Q[word]
    if n.parse.approx is not None and (n.parse.approx != "more_than" or qualifier is None):
        qualifier = n.parse.approx

    value = n.parse.value
    if unit is _FRACTION and value is not None:
        value = _six_digits(value)  # 1/3 is 0.333333, not 28 digits of it
    if coins and value is not None:
        value = value + coins
    low, high = n.parse.low, n.parse.high
    if marker_more and low is None and value is not None:
        low, high = value, value + _more_step(n.text, value)  # 3000多 → 3000..4000, 10万多 → 10万..11万
    if kind == "temperature" and value is not None and value > 0 and text[start - 2 : start] == "零下":
        start, value = start - 2, -value  # 零下17℃ is -17℃; 零下20多度 is -30..-20
        if low is not None and high is not None:
            low, high = -high, -low
    counted = None
    if unit is None and unit_form is None:
        counted = _counted(text, pos)
    elif unit is not None and unit.kind in _TAKES_NOUN_KINDS and unit_form not in _SELF_COUNTED:
        counted = _counted(text, pos)
    si_value, si_unit = _si(value, unit)
    return Quantity(text[start:pos], start, pos, value, unit_form, kind, qualifier, counted, low, high, si_value, si_unit)


def _more_step(written: str, value: Decimal) -> Decimal:
    """How far 多 written after a number reaches: one unit of its lowest written place, where a
    magnitude ending the number is a place too (10万多 is 10万..11万, 10多万 is 10万..20万)."""
    step = _step(value)
    for word, size in MAGNITUDES:
        if written.rstrip().endswith(word):
            return min(step, size)
    return step


def _read_unit(text: str, n: NumberMention, pos: int) -> tuple[str, Unit, int] | None:
    """The unit after number ``n``, with 度 read by its clause (see :func:`_degree`)."""
    found = _unit_at(text, pos)
    if found is not None and found[0] == "番":
        return found if "翻" in text[max(0, n.start - 3) : n.start] else None  # 翻两番, not 研究一番
    if found is None or found[0] != "度":
        return found
    unit = _degree(text, n)
    return None if unit is None else ("度", unit, found[2])


#: a fraction (三分之一, 五分之二): a share with no unit written
_FRACTION = Unit("分之", "fraction", None, None)
#: 度 in a clause about temperature (气温, 体温, 恒温器)
_DEGREE_CELSIUS = Unit("度", "temperature", None, None)


def _degree(text: str, n: NumberMention) -> Unit | None:
    """度 is a kilowatt-hour in an amount of electricity (年发电17亿度, 用电300度) and a degree
    in a temperature (气温升高5度, 零下20度); elsewhere (360度, 三度) it is not read as a unit."""
    window = text[max(0, n.start - 20) : n.start]
    window = window[max(window.rfind(ch) for ch in "。!?！？\n") + 1 :]  # the working text has ! and ?
    if "电" in window or any(ch in n.text for ch in "万亿"):
        return unit_table()["度"]
    if "温" in window or window.endswith("零下"):
        return _DEGREE_CELSIUS
    return None


# administrative divisions counted after Arabic digits (9省, 11省市, 7省区, 3省4县); not after
# Chinese numerals, which name places (东北三省, 北三县, 两市)
_PLACES = re.compile(r"(?:省区市|省区|省市|省份|县市区|县区|省|县|市)(?![长委政级道会内外里属直民场值容貌城域])")


def _six_digits(value: Decimal) -> Decimal:
    """A fraction's value to six significant digits: 1/3 is 0.333333, 千万分之一 is 1E-7."""
    return Decimal(format(value, ".6g"))


def _magnitude_count(text: str, n: NumberMention, pos: int) -> bool:
    """20余万干部: an amount in 万/亿 followed by a noun counts that noun; 减贫人口将超过1000万。
    and 累计减少8000多万，: one that ends its clause counts what the clause names before it."""
    if not any(ch in n.text for ch in "万亿"):
        return False
    nxt = text[pos : pos + 1]
    if _HAN.match(nxt):
        return True
    return n.parse.value is not None and (nxt == "" or nxt in _CLAUSE_END or _AFTER_RE.match(text, pos) is not None)


# what follows 千万 / 万万 when they mean "by all means": 千万不能, 千万要, 万万没想到
_ADVERB_NEXT = frozenset("不别要莫勿没可务")
_TIME_WORDS = set("年月日号时点分秒期届版强平机")  # and 30强 (top 30), 24平 (a tie), 103机 (a name)


def _no_unit(text: str, n: NumberMention, pos: int) -> tuple[str | None, Unit | None]:
    """A measure word the table does not know, or a typo (1439痤), ending a clause: kept as written."""
    nxt = text[pos : pos + 1]
    after = text[pos + 1 : pos + 2]
    if nxt in _TIME_WORDS:
        return None, None
    if (
        not n.chinese
        and n.parse.value is not None
        and "." not in n.text
        and not _year_shaped(n.text)
        and not any(ch in n.text for ch in "万亿")
        and _HAN.match(nxt)
        and (after == "" or after in _CLAUSE_END)
    ):
        return nxt, None
    return None, None


def _digit(ch: str) -> int:
    return int(ch) if ch.isdigit() else int(parse_number(ch).value or 0)


def _one_is_an_article(text: str, n: NumberMention) -> bool:
    """一 in 这一年, 一座座, 一步一个脚印: not an amount."""
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


def _year_shaped(digits: str) -> bool:
    return len(digits) == 4 and digits.isdigit() and 1900 <= int(digits) <= 2100


def _range(text: str, n: NumberMention, q: Quantity | None, nxt: NumberMention) -> Quantity | None:
    """3至5年, 10%—20%, 1-2个月: one quantity with low/high."""
    gap_start = q.end if q is not None and q.unit is not None else n.end
    first = text[gap_start : gap_start + 1]
    if first not in _RANGE_SEP_FIRST and not first.isspace():
        return None  # the usual case: no separator can start here (a cheap test before the pattern)
    sep = _RANGE_SEP.fullmatch(text, gap_start, nxt.start)
    if sep is None or nxt.parse.value is None:
        return None
    if "零下" in (text[max(0, n.start - 2) : n.start], text[max(0, nxt.start - 2) : nxt.start]):
        return None  # 零下5到零下10摄氏度: each is read on its own, with its sign
    second = _quantity(text, nxt)
    if second is None or second.unit is None:
        return None
    if q is not None and q.unit is not None and q.unit != second.unit:
        return None
    low, high = n.parse.value, nxt.parse.value
    if low is None or high is None:
        return None
    low = _shared_magnitude(n.text, nxt.text, low)
    if low >= high:
        return None
    unit = unit_table().get(second.unit) if second.unit else None
    return Quantity(
        text[n.start : second.end], n.start, second.end, None, second.unit, second.kind, "range",
        second.counted, low, high, *_si(None, unit),
    )  # fmt: skip


_TRAILING_BIG = re.compile(r"(万亿|[万亿])$")
_TRAILING_SMALL = re.compile(r"[千百仟佰]$")


def _shared_magnitude(low_text: str, high_text: str, low: Decimal) -> Decimal:
    """两到三万 is 20000..30000: a magnitude written once, after the upper bound, scales both."""
    if any(ch in low_text for ch in "万亿"):
        return low
    m = _TRAILING_BIG.search(high_text) or (None if any(ch in low_text for ch in "千百仟佰") else _TRAILING_SMALL.search(high_text))
    if m is None or m.start() == 0:
        return low
    try:
        coefficient = parse_number(high_text[: m.start()]).value
        scale = parse_number(high_text).value
    except ValueError:
        return low
    if coefficient is None or scale is None or coefficient == 0 or low >= coefficient:
        return low
    return low * (scale / coefficient)


def _si(value: Decimal | None, unit: Unit | None) -> tuple[Decimal | None, str | None]:
    """The value in SI units."""
    if unit is None or unit.si_unit is None or unit.si_factor is None:
        return None, None
    if value is None:
        return None, unit.si_unit
    return _si_value(value, unit.unit)


@lru_cache(maxsize=8192)
def _si_value(value: Decimal, unit_form: str) -> tuple[Decimal, str]:
    """The result does not depend on how the value is written (5 and 5.0 give 5), so it is
    cached by value and unit name: news repeats the same small amounts."""
    unit = unit_table()[unit_form]
    assert unit.si_factor is not None and unit.si_unit is not None
    si = (value * unit.si_factor).quantize(Decimal("0.000001")) if value * unit.si_factor != (value * unit.si_factor).to_integral_value() else value * unit.si_factor
    if si == si.to_integral_value():
        si = Decimal(int(si))
    else:
        si = si.normalize()
    return si, unit.si_unit


# nominal in jieba's tags, but never the thing counted: 37个贫困村|全部
_NOT_COUNTED = frozenset({"全部", "全体", "所有", "其中", "以上", "左右", "部分", "一起", "以来", "期间", "当中"})


def _counted(text: str, pos: int) -> str | None:
    """The noun a count or measure applies to: 6个|县, 2个|国家级贫困县, 10亿斤|优质杂粮.

    Up to two words that jieba's dictionary tags as nominal, read by forward longest match
    (no segmentation of the sentence needed); a one-character head ends the noun (6个县|摘帽),
    and a lone character after a noun is not part of it (2000多名党员|奔波)."""
    nouns, longest = _noun_index()
    taken: list[str] = []
    i = pos
    while len(taken) < 2:  # a head noun and one modifier: 国家级|贫困县, 集中式|电站
        word = None
        for n in range(min(_LONGEST_NOUN, longest.get(text[i : i + 1], 0)), 0, -1):
            if text[i : i + n] in nouns:
                word = text[i : i + n]
                break
        if word is None or word in _NOT_COUNTED:
            break
        if len(word) == 1 and word not in _HEAD_CHARACTERS and (taken or _HAN.match(text, i + 1)):
            # a lone character that is not a head begins a longer word (党员|奔波, 两块|富饶,
            # 20余场|双、多边): it counts only when it stands alone (五头牛。)
            break
        taken.append(word)
        i += len(word)
        if len(word) == 1:
            break
    return "".join(taken) or None


_LONGEST_NOUN = 6


@lru_cache(maxsize=1)
def _noun_index() -> tuple[KeysView[str], dict[str, int]]:
    """The nominal words written in Chinese characters only (the thing counted is never
    4G or 5G网络), and for each character the length of the longest that begins with it.
    A dict's keys rather than a set, as in :func:`~policytext.text.segment.noun_words`, so that the
    garbage collector does not walk them."""
    from ...text.segment import noun_words

    nouns = dict.fromkeys(w for w in noun_words() if _all_han(w)).keys()
    longest: dict[str, int] = {}
    for w in nouns:
        if len(w) > longest.get(w[0], 0):
            longest[w[0]] = len(w)
    return nouns, longest
# one-character nouns that end a compound: 摘帽县, 示范村, 光伏站
_HEAD_CHARACTERS = frozenset("县村乡镇省市区州盟旗户人国家所站厂校院园馆场港线路桥点片室库台")


def _all_han(s: str) -> bool:
    return all("\u4e00" <= ch <= "\u9fff" for ch in s)
