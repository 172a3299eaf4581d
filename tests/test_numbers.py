"""Reading numbers: exact values, the forms print uses, and what is not a number."""

from __future__ import annotations

from decimal import Decimal

import cn2an
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policytext.extract.numbers import find_numbers, parse_number

D = Decimal


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("36.576万", D(365760)),  # exact, not 365759.99999
        ("12.1万", D(121000)),
        ("121.35万", D(1213500)),
        ("1,234.5", D("1234.5")),
        ("233,333,333,434.34", D("233333333434.34")),
        ("三千五百", D(3500)),
        ("两千四百五", D(2450)),  # abbreviated tail
        ("一万三", D(13000)),
        ("九十二万四", D(924000)),
        ("千三", D(1300)),
        ("廿三", D(23)),
        ("肆佰陆拾", D(460)),
        ("4.78万亿", D(4780000000000)),
        ("四万万", D(400000000)),
        ("五兆六十二亿四万五千二", D(5006200045200)),
        ("3万4000", D(34000)),
        ("5亿1万4千6百", D(500014600)),
        ("2千零30万", D(20300000)),
        ("一百零十万", D(1100000)),
        ("五亿零六", D(500000006)),
        ("十五点七", D("15.7")),
        ("两千万点五五四四", D("20000000.5544")),
        ("二〇一八", D(2018)),
        ("二○一八", D(2018)),  # ○ (white circle) as zero
        ("负三十二", D(-32)),
        ("五分之一", D("0.2")),
        ("7 万5 千4 百", D(75400)),
        ("萬", None),
    ],
)
def test_values(text: str, value: Decimal | None) -> None:
    if value is None:
        with pytest.raises(ValueError, match="not a number"):
            parse_number(text)
        return
    parsed = parse_number(text)
    assert parsed.value == value
    assert parsed.approx is None


@pytest.mark.parametrize(
    ("text", "approx", "value", "low", "high"),
    [
        ("十余万", "more_than", D(100000), D(100000), D(200000)),
        ("二十几万", "more_than", D(200000), D(200000), D(300000)),
        ("500余万", "more_than", D(5000000), D(5000000), D(6000000)),
        ("几十", "vague", None, D(10), D(100)),
        ("数十亿", "vague", None, D(1000000000), D(10000000000)),
        ("两三", "range", None, D(2), D(3)),
        ("八九亿", "range", None, D(800000000), D(900000000)),
        ("三五百", "range", None, D(300), D(500)),
    ],
)
def test_approximate_forms(text: str, approx: str, value: Decimal | None, low: Decimal, high: Decimal) -> None:
    p = parse_number(text)
    assert (p.approx, p.value, p.low, p.high) == (approx, value, low, high)


@pytest.mark.parametrize("text", ["", "负", "点零", "五十千", "七十百", "一一", "元整"])
def test_not_numbers_raise_value_error_naming_the_text(text: str) -> None:
    with pytest.raises(ValueError) as err:
        parse_number(text)
    assert repr(text) in str(err.value)


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=10**15))
def test_agrees_with_cn2an_on_every_integer(n: int) -> None:
    """cn2an writes the number in Chinese; policytext reads it back (and the Arabic form too)."""
    assert parse_number(cn2an.an2cn(n)).value == n
    assert parse_number(f"{n:,}").value == n


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="〇零一二两三四五六七八九十百千万亿兆点负余多几数分之又壹贰拾佰仟0123456789.,- ", max_size=12))
def test_garbage_raises_only_value_error(text: str) -> None:
    try:
        parse_number(text)
    except ValueError:
        pass
    find_numbers(text)  # never raises


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("发现问题7680个,整改7553个,整改率98.3%", [("7680", D(7680)), ("7553", D(7553)), ("98.3", D("98.3"))]),
        ("总规模36.576万千瓦", [("36.576万", D(365760))]),  # 千 of 千瓦 belongs to the unit
        ("装机100兆瓦", [("100", D(100))]),  # 兆 before 瓦 is mega, not 10^12
        ("五十五兆一十二亿", [("五十五兆一十二亿", D(55001200000000))]),
        ("千家万户一切统一零售价", []),
        ("四川陆地队伍", []),
        ("第一书记", [("一", D(1))]),  # the number layer reads it; quantities drop ordinals
        ("四分之三", [("四分之三", D("0.75"))]),
        ("667.123五点八", [("667.123", D("667.123")), ("五点八", D("5.8"))]),
        ("1万-5万", [("1万", D(10000)), ("5万", D(50000))]),  # a dash, not a minus
        ("增速为-3.5%", [("-3.5", D("-3.5"))]),  # after 为 a dash is a minus
        ("气温5-8度", [("5", D(5)), ("8", D(8))]),
    ],
)
def test_find_numbers(text: str, found: list[tuple[str, Decimal]]) -> None:
    got = find_numbers(text)
    assert [(n.text, n.parse.value) for n in got] == found
    assert all(text[n.start : n.end] == n.text for n in got)


# --- the one numeral table (lexicon/numerals.tsv) ----------------------------------------------


def test_every_numeral_an_amount_reads_is_read_alone_by_its_value() -> None:
    """Each digit and place of the table, written alone, reads as its value."""
    from policytext.extract.numerals import numeral_table

    rows = [n for n in numeral_table() if "amount" in n.readers and n.role != "magnitude"]
    assert len(rows) == 30
    assert all(parse_number(n.char).value == n.value for n in rows)


@pytest.mark.parametrize(
    ("char", "amount", "slogan"),
    [
        ("两", D(2), 2),
        ("俩", D(2), None),  # colloquial 两个: amounts only
        ("双", None, 2),  # 双循环: slogan numerals only
        ("廿", D(20), 20),
        ("壹", D(1), None),  # financial numerals: amounts only
    ],
)
def test_which_reader_accepts_a_numeral(char: str, amount: Decimal | None, slogan: int | None) -> None:
    from policytext.extract.numerals import small_numeral

    if amount is None:
        with pytest.raises(ValueError):
            parse_number(char)
    else:
        assert parse_number(char).value == amount
    assert small_numeral(char) == slogan


def test_financial_numerals_that_are_words_alone() -> None:
    """陆 (陆地), 伍 (队伍), 拾 (拾起), 肆 (放肆), 佰 are not numbers on their own, but are inside
    an amount written in financial numerals."""
    assert find_numbers("大陆和队伍，拾起，放肆") == []
    assert [(n.text, n.parse.value) for n in find_numbers("金额伍佰陆拾元")] == [("伍佰陆拾", D(560))]
    assert [(n.text, n.parse.value) for n in find_numbers("壹万元")] == [("壹万", D(10000))]


def test_magnitudes_an_amount_ends_with() -> None:
    """万亿, 亿, 万 (longest first); 兆 ends no amount: 兆瓦 is a megawatt."""
    from policytext.extract.numbers import MAGNITUDES

    assert MAGNITUDES == (("万亿", D(10) ** 12), ("亿", D(10) ** 8), ("万", D(10) ** 4))


@pytest.mark.parametrize(
    ("text", "value", "approx", "low", "high"),
    [
        ("四五千", None, "range", D(4000), D(5000)),  # a loose range with a place
        ("七八", None, "range", D(7), D(8)),
        ("一七二零点一", D("1720.1"), None, None, None),  # digit by digit, with a decimal part
        ("二又三分之一", D(7) / D(3), None, None, None),  # a whole and a fraction
        ("负五分之一", D("-0.2"), None, None, None),
        ("一千多万", D(10000000), "more_than", D(10000000), D(20000000)),
        ("4.78万亿", D(4780000000000), None, None, None),
        ("3万4000", D(34000), None, None, None),
    ],
)
def test_each_written_form(text: str, value: Decimal | None, approx: str | None, low: Decimal | None, high: Decimal | None) -> None:
    p = parse_number(text)
    assert (p.value, p.approx, p.low, p.high) == (value, approx, low, high)


@pytest.mark.parametrize("text", ["二七", "五三"])
def test_two_digits_that_are_not_neighbours_are_no_number(text: str) -> None:
    with pytest.raises(ValueError, match="not a range"):
        parse_number(text)


def test_bare_magnitudes_after_a_word_of_degree() -> None:
    """近万名, 上万人, 逾亿元, 万余人 (lexicon/number_words.tsv): one of the magnitude."""
    got = find_numbers("近万名干部、上万人、逾亿元、万余人；千万")
    assert [(n.text, n.start, n.parse.value, n.parse.approx) for n in got] == [
        ("万", 1, D(10000), None),
        ("万", 7, D(10000), None),
        ("亿", 11, D(100000000), None),
        ("万余", 14, D(10000), "more_than"),
        ("千万", 18, D(10000000), None),
    ]


# -- exact at any length, and runs nobody writes as one number (issue 17) ---------------------------

_LONG = "12345678901234567890123456789"  # 29 digits: one past Decimal's default 28


@pytest.mark.parametrize(
    ("text", "value"),
    [
        (_LONG + "万", D(_LONG + "0000")),
        (_LONG + ".5万", D(_LONG + "5000")),
        (_LONG + "亿", D(_LONG + "00000000")),
        ("9" * 999 + "亿", D("9" * 999 + "0" * 8)),
        ("1" * 60 + "点5", D("1" * 60 + ".5")),
    ],
)
def test_long_numbers_are_read_exactly(text: str, value: Decimal) -> None:
    assert parse_number(text).value == value


@pytest.mark.parametrize("text", [_LONG + "万", _LONG + ".5万", "9" * 999 + "亿", "1,234,567,890,123,456,789,012,345,678"])
def test_long_numbers_are_found_whole(text: str) -> None:
    (n,) = find_numbers(text)
    assert (n.start, n.end, n.parse.value) == (0, len(text), parse_number(text).value)


@pytest.mark.parametrize(
    "run",
    [
        "一二三四五六七八九十" * 50,  # no number anyone writes: not read, not a giant amount
        "一" + "点一" * 100,
        "九" * 20_000 + "亿",
        "9" * 5000 + "亿",
        "7" * 200_000,
    ],
)
def test_runs_too_long_for_a_number_are_not_read(run: str) -> None:
    assert all(n.end - n.start <= 1000 for n in find_numbers(run))
    assert not any(n.parse.value is not None and n.parse.value > 10**1010 for n in find_numbers(run))


def test_a_text_longer_than_any_number_raises_value_error_briefly() -> None:
    with pytest.raises(ValueError, match=r"not a number: '99999.*5001 characters") as info:
        parse_number("9" * 5000 + "亿")
    assert len(str(info.value)) < 100
    assert parse_number("一" + "亿" * 100 + "零一").value == 10 ** 800 + 1  # exact past any default precision
