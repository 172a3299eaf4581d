"""Dates, one rule at a time: the calendar reading, parts of a period, relative words, ranges and
qualifiers, on policy sentences, with offsets; and the date vocabulary (lexicon/date_*.tsv)."""

from __future__ import annotations

import pytest

from policytext.extract.dates import find_dates
from policytext.lexicon import read_table

def dates(text: str) -> list[dict[str, object]]:
    found = [{k: v for k, v in d.to_dict().items() if v is not None} for d in find_dates(text)]
    for d in found:
        assert text[d["start"] : d["end"]] == d["text"]  # type: ignore[misc]
    return found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a part of a year: 中 is the middle only where it ends the date
        ("2019年中，全省完成投资", [{"text": "2019年中", "start": 0, "end": 6, "year": 2019, "part": "middle"}]),
        ("2019年中国经济增长6.1%", [{"text": "2019年", "start": 0, "end": 5, "year": 2019}]),
        # 初 + a numeral is a lunar day, not the start of a year
        ("大年初二，习近平来到", []),
        ("6月上旬，各地陆续开学", [{"text": "6月上旬", "start": 0, "end": 4, "month": 6, "part": "early"}]),
        ("前三季度，国内生产总值同比增长6.2%", [{"text": "前三季度", "start": 0, "end": 4, "part": "Q1-Q3"}]),
        ("第三季度，全国居民人均可支配收入", [{"text": "第三季度", "start": 0, "end": 4, "part": "Q3"}]),
        # relative words, alone and with a part
        ("今年上半年，全国新增减税降费1.17万亿元",
         [{"text": "今年上半年", "start": 0, "end": 5, "relative": "this_year", "part": "H1"}]),
        ("同年10月，中共中央印发", [{"text": "同年", "start": 0, "end": 2, "relative": "same_year"},
                                  {"text": "10月", "start": 2, "end": 5, "month": 10}]),
        # a bare Chinese month needs a day or a part: 十月 alone is often a name
        ("十月革命一声炮响", []),
        ("一至三月，全国一般公共预算收入", [{"text": "一至三月", "start": 0, "end": 4, "month": 1, "to_month": 3}]),
        ("1-2月份，全国规模以上工业增加值同比增长", [{"text": "1-2月份", "start": 0, "end": 5, "month": 1, "to_month": 2}]),
    ],
)  # fmt: skip
def test_a_date_reads_what_the_text_pins_down(text: str, expected: list[dict[str, object]]) -> None:
    assert dates(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("会议于2019年10月28日至31日在北京召开",
         [{"text": "2019年10月28日至31日", "start": 3, "end": 18, "year": 2019, "month": 10, "day": 28,
           "to_year": 2019, "to_month": 10, "to_day": 31}]),
        ("4月30日到5月4日放假调休", [{"text": "4月30日到5月4日", "start": 0, "end": 10, "month": 4, "day": 30,
                                     "to_month": 5, "to_day": 4}]),
        ("2019年3月至5月，全省开展专项整治", [{"text": "2019年3月至5月", "start": 0, "end": 10, "year": 2019, "month": 3,
                                           "to_year": 2019, "to_month": 5}]),
        # a month only at the end is not one range with the day before it
        ("20日至3月1日", [{"text": "20日", "start": 0, "end": 3, "day": 20},
                         {"text": "3月1日", "start": 4, "end": 8, "month": 3, "day": 1, "qualifier": "by"}]),
    ],
)  # fmt: skip
def test_a_range_joins_its_start_and_its_end(text: str, expected: list[dict[str, object]]) -> None:
    assert dates(text) == expected


@pytest.mark.parametrize(
    ("text", "date", "qualifier"),
    [
        ("截至2019年底，全国农村贫困人口减少至551万人", "2019年底", "as_of"),
        ("自2013年以来，全国累计减贫", "2013年", "since"),
        ("今年初以来，全市新增就业", "今年初", "since"),
        ("2020年1月1日起施行", "2020年1月1日", "since"),
        ("6月底前完成整改", "6月底", "by"),  # 前 after an end: by the end of June
        ("2018年以前建成的项目", "2018年", "before"),
        ("到2020年，确保现行标准下农村贫困人口实现脱贫", "2020年", "by"),
        ("从2012年到2018年，贫困人口减少8239万人", "2012年到2018年", None),  # a range's start is not a since
        ("在2019年，全省完成投资", "2019年", None),
    ],
)
def test_the_words_around_a_date_qualify_it(text: str, date: str, qualifier: str | None) -> None:
    (d,) = [d for d in find_dates(text) if d.text == date]
    assert d.qualifier == qualifier


def test_every_date_word_has_a_reason_and_a_value() -> None:
    for name, value in (("date_parts.tsv", "part"), ("date_relatives.tsv", "relative"), ("date_qualifiers.tsv", "qualifier")):
        rows = list(read_table(name))
        assert rows and all(row["why"].strip() and row[value].strip() for row in rows), name
        words = [row["word"] for row in rows]
        assert len(words) == len(set(words)), name


@pytest.mark.parametrize("row", list(read_table("date_relatives.tsv")), ids=lambda r: r["word"])
def test_every_relative_word_is_found_in_a_sentence(row: dict[str, str]) -> None:
    """The finder tries the full pattern only near an anchor (年月日号季天) that follows a
    character a date can have there: every relative word must meet that, or it is never read."""
    text = f"全省{row['word']}完成投资"
    assert dates(text) == [{"text": row["word"], "start": 2, "end": 2 + len(row["word"]), "relative": row["relative"]}]


@pytest.mark.parametrize("row", [r for r in read_table("date_parts.tsv") if r["alone"] == "yes"], ids=lambda r: r["word"])
def test_every_part_that_stands_alone_is_found_in_a_sentence(row: dict[str, str]) -> None:
    text = f"全省{row['word']}完成投资"
    assert dates(text) == [{"text": row["word"], "start": 2, "end": 2 + len(row["word"]), "part": row["part"]}]
