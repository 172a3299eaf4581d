"""Quantities and dates on real policy sentences: value, unit, kind, qualifier, counted, offsets.

Sentences come from the seed article, the government work reports (public domain) and 新闻联播
items; a few are shortened around the figure."""

from __future__ import annotations

import importlib.util
import json
import sys
from decimal import Decimal
from pathlib import Path

import pytest

import policytext

D = Decimal


def quantities(text: str) -> list[tuple]:
    doc = policytext.analyze(text)
    for q in doc.quantities:
        assert text[q.start : q.end] == q.text
    return [(q.text, q.value, q.unit, q.kind, q.qualifier) for q in doc.quantities]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the seed, as published (Traditional, spaces inside numbers)
        ("發現問題7680 個,整改7553 個,整改率98.3%。",
         [("7680 個", D(7680), "个", "count", None), ("7553 個", D(7553), "个", "count", None),
          ("98.3%", D("98.3"), "%", "percent", None)]),
        ("679 個村退出、12.1 萬人脫貧、近30 萬人鞏固提升",
         [("679 個", D(679), "个", "count", None), ("12.1 萬人", D(121000), "人", "count", None),
          ("30 萬人", D(300000), "人", "count", "approx_below")]),
        ("年底竣工率達到65%以上", [("65%", D(65), "%", "percent", "at_least")]),
        ("全市年銷售額突破5 億元", [("5 億元", D(500000000), "元", "money", "more_than")]),
        ("村級光伏扶貧電站1439痤,總規模36.576 萬千瓦",
         [("1439痤", D(1439), "痤", "count", None), ("36.576 萬千瓦", D(365760), "千瓦", "power", None)]),
        ("著力打造10 億斤優質雜糧生產", [("10 億斤", D(1000000000), "斤", "mass", None)]),
        ("寫下了三本厚厚的扶貧日記", [("三本", D(3), "本", "count", None)]),
        ("從住了幾十年的土坯房到現代化小區的六層樓房",
         [("幾十年", None, "年", "duration", "vague"), ("六層", D(6), "层", "count", None)]),
        # government work reports
        ("城镇新增就业1000万人以上，城镇登记失业率4.5%以内",
         [("1000万人", D(10000000), "人", "count", "at_least"), ("4.5%", D("4.5"), "%", "percent", "at_most")]),
        ("居民消费价格涨幅3%左右", [("3%", D(3), "%", "percent", "approx")]),
        ("15亿亩林地确权到户", [("15亿亩", D(1500000000), "亩", "area", None)]),
        ("各地已偿还拖欠工程款1834亿元", [("1834亿元", D(183400000000), "元", "money", None)]),
        # 新闻联播
        ("上升了5.5个百分点", [("5.5个百分点", D("5.5"), "个百分点", "percentage_points", None)]),
        ("种植了100多亩冰脆李", [("100多亩", D(100), "亩", "area", "more_than")]),
        ("造成3人死亡、263人受伤、23.6万人受灾，30万间房屋受损",
         [("3人", D(3), "人", "count", None), ("263人", D(263), "人", "count", None),
          ("23.6万人", D(236000), "人", "count", None), ("30万间", D(300000), "间", "count", None)]),
        ("百分之五十的资金", [("百分之五十", D(50), "%", "percent", None)]),
        ("约4.287亿美元", [("4.287亿美元", D(428700000), "美元", "money", "approx")]),
        # 新闻联播: 整 of 整村 is not the 元整 of a cheque; 近两年 is "the recent two years"
        ("投入144亿元整村推进农村厕所革命", [("144亿元", D(14400000000), "元", "money", None)]),
        ("养牛脱贫，占了近两年减贫人口的一半", [("两年", D(2), "年", "duration", None)]),
        ("时间比以往缩短近20分钟", [("20分钟", D(20), "分钟", "duration", "approx_below")]),
        ("欧盟渔民需在5年半内将赴英国海域的捕捞配额", [("5年半", D("5.5"), "年", "duration", None)]),
        ("用了两个半月", [("两个半月", D("2.5"), "个月", "duration", None)]),
        # 新闻联播: 多 between the magnitude and the unit; 多种 is 多 + 种
        ("老刘每年的纯收入能达到4万多元", [("4万多元", D(40000), "元", "money", "more_than")]),
        ("海关进出口环节监管证件从86种减至48种，30多种农产品参展",
         [("86种", D(86), "种", "count", None), ("48种", D(48), "种", "count", None),
          ("30多种", D(30), "种", "count", "more_than")]),
        # units of energy, temperature, volume and traffic that news reports use
        ("建成后，年发电量将达16.7亿度，节约标准煤", [("16.7亿度", D(1670000000), "度", "energy", None)]),
        ("居民用电量达到300度", [("300度", D(300), "度", "energy", None)]),
        ("今天最低气温已达零下42度，供热部门紧急", [("零下42度", D(-42), "度", "temperature", None)]),
        ("最低温降至零下17℃。广州最低温度只有4℃",
         [("零下17℃", D(-17), "℃", "temperature", None), ("4℃", D(4), "℃", "temperature", None)]),
        ("部分地区气温骤降10摄氏度", [("10摄氏度", D(10), "摄氏度", "temperature", None)]),
        ("伊朗称日均出口原油超过60万桶", [("60万桶", D(600000), "桶", "volume", "more_than")]),
        ("北部湾港集装箱吞吐量达505万标箱", [("505万标箱", D(5050000), "标箱", "count", None)]),
        ("南水北调东中线工程已调水200亿立方", [("200亿立方", D(20000000000), "立方", "volume", None)]),
        ("只要年满60周岁的老人", [("60周岁", D(60), "周岁", "age", None)]),
        ("续航力超过12000海里", [("12000海里", D(12000), "海里", "length", "more_than")]),
        # 新闻联播: an amount in 万/亿 that ends its clause; provinces and counties counted in digits
        ("改革开放以来，中国贫困人口减少6800多万，贫困发生率",
         [("6800多万", D(68000000), None, "count", "more_than")]),
        ("今年减贫人口将超过1000万。", [("1000万", D(10000000), None, "count", "more_than")]),
        ("长江经济带11省市的整体发展", [("11省市", D(11), "省市", "count", None)]),
        ("贵州省普安县、沿河县等3省4县的34个贫困村",
         [("3省", D(3), "省", "count", None), ("4县", D(4), "县", "count", None), ("34个", D(34), "个", "count", None)]),
        # 新闻联播: 万, 亿, 千, 百 on their own after a word of degree, or before 余
        ("今年当地调整近万亩土地种植西瓜", [("万亩", D(10000), "亩", "area", "approx_below")]),
        ("在塔河上争渡，吸引了上万人观看。", [("万人", D(10000), "人", "count", "at_least")]),
        ("多国，去年实现产值过亿元。", [("亿元", D(100000000), "元", "money", "more_than")]),
        ("带动上千户群众增收", [("千户", D(1000), "户", "count", "at_least")]),
        ("共有万余人参加", [("万余人", D(10000), "人", "count", "more_than")]),
        # fractions, and doublings after 翻 (the 1980s and 2012 reports)
        ("八十年代，太行山山区三分之二的农民", [("三分之二", D("0.666667"), None, "fraction", None)]),
        ("城乡居民人均收入比2010年翻一番", [("一番", D(1), "番", "multiple", None)]),
        ("使工农业总产值翻两番", [("两番", D(2), "番", "multiple", None)]),
        # the older 公尺 of the 1950s reports
        ("木材增产了约五百二十万立方公尺", [("五百二十万立方公尺", D(5200000), "立方公尺", "volume", "approx")]),
    ],
)  # fmt: skip
def test_quantities(text: str, expected: list[tuple]) -> None:
    assert quantities(text) == expected


@pytest.mark.parametrize(
    ("text", "low", "high", "unit"),
    [
        ("用3至5年时间", D(3), D(5), "年"),
        ("国内生产总值增长6.5%－7%", D("6.5"), D(7), "%"),
        ("两三次", D(2), D(3), "次"),
        ("两到三万港元", D(20000), D(30000), "港元"),
        ("1万(含)-5万元", D(10000), D(50000), "元"),
    ],
)
def test_ranges(text: str, low: Decimal, high: Decimal, unit: str) -> None:
    (q,) = policytext.analyze(text).quantities
    assert (q.value, q.low, q.high, q.unit, q.qualifier) == (None, low, high, unit, "range")


@pytest.mark.parametrize(
    ("text", "counted"),
    [
        ("保德6个县摘帽", "县"),
        ("今年6个摘帽县整村搬迁", "摘帽县"),
        ("争取再有2个国家级贫困县列入", "国家级贫困县"),
        ("确保8个集中式电站和1350个村级电站", "集中式电站"),
        ("全县20余万干部群众", "干部群众"),
        ("宁地震灾区，2000多名党员奔波一线", "党员"),  # 新闻联播: 奔 begins 奔波, it is not a head
        ("着力打造10亿斤优质杂粮生产和加工基地", "优质杂粮"),
        ("降低900多万个体工商户税负", "个体工商户"),
        ("把中国和拉美两块富饶的土地更加紧密地连在一起", None),  # 富 begins 富饶
        ("凑钱买了五头牛。", "牛"),  # 2012 report: 个 of 个体 is not a measure word
        ("发现问题7680个,整改", None),
        ("目前，已有大约4000剂疫苗被运往疫区", "疫苗"),
        ("援扶县的1.2万款产品参与销售", "产品"),
    ],
)
def test_counted_noun(text: str, counted: str | None) -> None:
    q = policytext.analyze(text).quantities[0]
    assert q.counted == counted


@pytest.mark.parametrize(
    "text",
    [
        "践行“四个意识”",  # a slogan's numeral
        "一步一个脚印，一年一个台阶",  # parallel 一X一Y
        "打通最后一公里",  # set phrase
        "十八洞村",
        "三晋大地",
        "第一书记",  # ordinal
        "攻克一座座深度贫困堡垒",  # reduplicated classifier
        "出台一系列政策举措，涌现一批优秀干部",  # 一 as an article
        "全市上下一心",
        "2017年以来",  # a date
        "十三届全国人大二次会议",  # ordinals without 第
        "三次产业",
        "全国人民从一年比一年好的发展形势中",  # 一X比一X (1985 report)
        "推动实现联合国千年发展目标",  # a name
        "实现第二个百年奋斗目标",  # the centenary goals
        "我们千万不能在一片喝彩声中丧失革命精神",  # 千万 as "by all means"
        "万万不可掉以轻心",
        "打造360度全景展示",  # 度 outside electricity and temperature
        "新建的电视塔落成！观光层可以旋转360度观景",  # 电 in the sentence before does not count
        "形成多元化投资格局",
        "“九一八事变”后东北三省沦陷",  # places named with a Chinese numeral
        "拨打12345市民热线",
        "没有成千上万个生产单位的劳动热忱",  # an idiom
        "大家认真研究一番",  # 一番 without 翻: 'a while'
    ],
)
def test_not_quantities(text: str) -> None:
    assert policytext.analyze(text).quantities == ()


def test_si_values() -> None:
    doc = policytext.analyze("总规模36.576万千瓦，建设农村公路2900公里，打造10亿斤优质杂粮")
    si = [(q.si_value, q.si_unit) for q in doc.quantities]
    assert si == [(D(365760000), "W"), (D(2900000), "m"), (D(500000000), "kg")]


def test_more_than_gives_the_bracket() -> None:
    (q,) = policytext.analyze("年人均收入900多块钱").quantities
    assert (q.value, q.low, q.high, q.qualifier, q.unit, q.kind) == (D(900), D(900), D(1000), "more_than", "块钱", "money")


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("累计收到各类捐款10万多元", D(100000), D(110000)),  # 多 after 万: within the next 万
        ("降低900多万个体工商户税负", D(9000000), D(10000000)),  # 多 before 万: within the next hundred 万
        ("12.5万多元", D(125000), D(126000)),
        ("零下20多度", D(-30), D(-20)),  # below zero, the bracket turns over
    ],
)
def test_how_far_more_than_reaches(text: str, low: Decimal, high: Decimal) -> None:
    (q,) = policytext.analyze(text).quantities
    assert (q.low, q.high, q.qualifier) == (low, high, "more_than")


def test_si_of_the_news_units() -> None:
    """度 is a kilowatt-hour; an oil barrel 42 US gallons (SI values are kept to six decimals)."""
    doc = policytext.analyze("年发电量3.9亿度，日均减产原油120万桶，血液200多万毫升")
    si = [(q.si_value, q.si_unit) for q in doc.quantities]
    assert si == [(D(390000000) * 3600000, "J"), (D("190784.753914"), "m3"), (D(2), "m3")]


def test_quantities_serialize_exactly() -> None:
    doc = policytext.analyze("总规模36.576万千瓦，占比30.14%")
    data = json.loads(json.dumps(doc.to_dict(), ensure_ascii=False))
    assert [q["value"] for q in data["quantities"]] == [365760, 30.14]
    assert data["quantities"][0]["si_value"] == 365760000


@pytest.mark.parametrize(
    ("text", "dates"),
    [
        ("2017年以来，市委市政府", [(2017, None, None, None, None, "since")]),
        ("2017年10月以来忻州", [(2017, 10, None, None, None, "since")]),
        ("到2020年，在现行标准下", [(2020, None, None, None, None, "by")]),
        ("确保在6月底前全部投入运行", [(None, 6, None, "end", None, "by")]),
        ("二〇一八年是全面脱贫的关键之年", [(2018, None, None, None, None, None)]),
        ("二○一八年", [(2018, None, None, None, None, None)]),
        ("截至2018年底", [(2018, None, None, "end", None, "as_of")]),
        ("7月3日，皮山县发生", [(None, 7, 3, None, None, None)]),
        ("去年底", [(None, None, None, "end", "last_year", None)]),
        ("今年上半年", [(None, None, None, "H1", "this_year", None)]),
        ("第三季度", [(None, None, None, "Q3", None, None)]),
        ("从2019年1月1日起施行", [(2019, 1, 1, None, None, "since")]),
        # 新闻联播: the 中 of 中央 and 中国 is not the middle of the year; 大年初二 is a lunar day
        ("关于2017年中央和地方预算执行情况", [(2017, None, None, None, None, None)]),
        ("世界银行将2018年中国经济增长预期", [(2018, None, None, None, None, None)]),
        ("2019年中，工程完工", [(2019, None, None, "middle", None, None)]),
        ("今天是大年初二，许多人在家", [(None, None, None, None, "today", None)]),
        ("今天是农历七月初七", [(None, None, None, None, "today", None)]),
    ],
)
def test_dates(text: str, dates: list[tuple]) -> None:
    doc = policytext.analyze(text)
    assert [(d.year, d.month, d.day, d.part, d.relative, d.qualifier) for d in doc.dates] == dates
    assert doc.quantities == ()  # a date is never a quantity
    for d in doc.dates:
        assert text[d.start : d.end] == d.text


def test_date_range() -> None:
    (d,) = policytext.analyze("2016—2020年").dates
    assert (d.year, d.to_year) == (2016, 2020)


@pytest.mark.parametrize(
    ("text", "surface", "start", "end", "qualifier"),
    [
        # 新闻联播: a day and the day that ends its range are one date
        ("马克龙将于1月8日至10日对中国进行国事访问", "1月8日至10日", (None, 1, 8), (None, 1, 10), None),
        ("全会于2018年1月18日至19日在北京举行", "2018年1月18日至19日", (2018, 1, 18), (2018, 1, 19), None),
        ("赵乐际25日至27日在贵州调研", "25日至27日", (None, None, 25), (None, None, 27), None),
        ("从4月30日到5月4日，全国铁路预计发送旅客", "4月30日到5月4日", (None, 4, 30), (None, 5, 4), None),
        ("据统计，2017年1月至11月，全国", "2017年1月至11月", (2017, 1, None), (2017, 11, None), None),
    ],
)
def test_day_and_month_ranges(text: str, surface: str, start: tuple, end: tuple, qualifier: str | None) -> None:
    (d,) = policytext.analyze(text).dates
    assert d.text == surface and text[d.start : d.end] == surface
    assert ((d.year, d.month, d.day), (d.to_year, d.to_month, d.to_day), d.qualifier) == (start, end, qualifier)


@pytest.mark.parametrize(("text", "month", "to_month"), [("1-2月份进口物流量同比增长5.5%", 1, 2), ("今年1至11月", 1, 11), ("一至三月", 1, 3)])
def test_month_ranges(text: str, month: int, to_month: int) -> None:
    d = [x for x in policytext.analyze(text).dates if x.month is not None][0]
    assert (d.month, d.to_month) == (month, to_month)


def test_first_time_over_is_more_than() -> None:
    (q,) = policytext.analyze("全国技术合同成交首破2万亿元").quantities  # 新闻联播 2020
    assert (q.value, q.unit, q.qualifier) == (D(2000000000000), "元", "more_than")


def test_seed_offsets_and_ratios(seed_text: str) -> None:
    doc = policytext.analyze(seed_text)
    for rec in (*doc.quantities, *doc.dates):
        assert seed_text[rec.start : rec.end] == rec.text
    ratios = [(f.stated, f.status) for f in doc.findings if f.check == "ratio"]
    assert ratios == [(D("98.3"), "ok"), (D("30.14"), "ok"), (D("32.08"), "ok")]
    power = [q.value for q in doc.quantities if q.kind == "power"]
    assert power == [D(365760), D(1213500), D(385000), D(1200000)]


def test_seed_against_gold(shared, gold) -> None:  # type: ignore[no-untyped-def]
    """Every gold quantity is found with its value (mention-level recall 1.0 on the seed)."""
    root = Path(__file__).resolve().parents[1]
    spec = importlib.util.spec_from_file_location("eval_quantities", root / "benchmarks" / "eval_quantities.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    sys.modules[spec.name] = module  # type: ignore[union-attr]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    reference = (shared / "gold" / "seed.simplified.txt").read_text(encoding="utf-8")
    seed = (shared / "seeds" / gold["document"]).read_text(encoding="utf-8")
    r = module.seed_quantities(policytext.analyze(seed), gold, reference)
    assert r["missed"] == []
    precision, recall, f1 = r["mention"]
    assert recall == 1.0 and f1 >= 0.98
    d = module.seed_dates(policytext.analyze(seed), gold, reference)
    assert d["recall"] == 1.0 and d["qualifier_agrees"] == d["gold"]


def test_a_qualified_date_keeps_every_field() -> None:
    """The qualifier is added by rebuilding the record field by field: nothing else changes."""
    from policytext.extract.dates import find_dates

    (d,) = find_dates("截至2016—2020年")
    assert (d.text, d.year, d.to_year, d.qualifier) == ("2016—2020年", 2016, 2020, "as_of")
    (d,) = find_dates("6月底前完成")
    assert (d.month, d.part, d.qualifier) == (6, "end", "by")
    (d,) = find_dates("去年以来")
    assert (d.relative, d.qualifier) == ("last_year", "since")


@pytest.mark.parametrize("text", ["发现问题7680个", "装机36.576万千瓦", "增长98.3%", "贫困县共有6个"])
def test_a_unit_that_ends_the_text(text: str) -> None:
    """A unit read by looking up longer forms first: at the end of the text, the slice is
    shorter than the form it was looking for, and the quantity still ends at the text's end."""
    from policytext.extract.quantities import find_quantities

    (q,) = find_quantities(text)
    assert q.end == len(text) and text[q.start : q.end] == q.text


# --- the rules of extract/quantities/, each on its own -----------------------------------------


def _found(text: str) -> list[tuple]:
    from policytext.extract.quantities import find_quantities

    return [(q.text, q.start, q.end, q.value, q.unit, q.qualifier) for q in find_quantities(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("受灾群众近30万人", ("30万人", 5, 9, D(300000), "人", "approx_below")),
        ("全市年销售额突破5亿元", ("5亿元", 8, 11, D(500000000), "元", "more_than")),
        ("年底竣工率达到65%以上", ("65%", 7, 10, D(65), "%", "at_least")),
        ("居民消费价格涨幅3%左右", ("3%", 8, 10, D(3), "%", "approx")),
        ("至少5000名", ("5000名", 2, 7, D(5000), "名", "at_least")),
        ("不超过3%", ("3%", 3, 5, D(3), "%", "at_most")),
        ("吸引上万人参观", ("万人", 3, 5, D(10000), "人", "at_least")),  # 上 before a round amount
        ("营业收入过亿元", ("亿元", 5, 7, D(100000000), "元", "more_than")),
        ("30多个", ("30多个", 0, 4, D(30), "个", "more_than")),  # 多 between number and unit
        ("4万多元", ("4万多元", 0, 4, D(40000), "元", "more_than")),
        ("3个多月", ("3个多月", 0, 4, D(3), "个月", "more_than")),
        ("十余万人", ("十余万人", 0, 4, D(100000), "人", "more_than")),  # inside the number
        ("1万(含)以上", ("1万", 0, 2, D(10000), None, "at_least")),
        ("近两年来", ("两年", 1, 3, D(2), "年", None)),  # the recent two years
        ("最近30天", ("30天", 2, 5, D(30), "天", None)),  # 最近 is "recently"
        ("附近3公里", ("3公里", 2, 5, D(3), "公里", None)),
        ("5%多", ("5%", 0, 2, D(5), "%", None)),  # 多 after a percent is not "more"
    ],
)
def test_qualifiers_on_real_phrases(text: str, expected: tuple) -> None:
    assert _found(text) == [expected]


@pytest.mark.parametrize(
    ("text", "unit_end", "unit", "more", "expected"),
    [
        ("近30万人", 5, "人", False, ("approx_below", False)),
        ("1000万人以上", 6, "人", False, ("at_least", False)),
        ("30多个", 4, "个", True, ("more_than", True)),  # 多 written inside: the caller brackets
        ("3个月多", 3, "个月", False, ("more_than", True)),  # 多 after the unit: bracketed too
        ("约二十几万人", 6, "人", False, ("approx", False)),  # a written word stands over the number's 几
        ("二十几万人", 5, "人", False, ("more_than", False)),  # the number's own reading
        ("约几十年", 4, "年", False, ("vague", False)),
        ("近两年", 3, "年", False, (None, False)),
    ],
)
def test_one_function_decides_the_qualifier(text: str, unit_end: int, unit: str, more: bool, expected: tuple) -> None:
    from policytext.extract.numbers import find_numbers
    from policytext.extract.quantities.qualifiers import qualifier

    (n,) = find_numbers(text)
    assert qualifier(text, n, n.start, unit_end, unit, more) == expected


def _units():  # type: ignore[no-untyped-def]
    from policytext.extract.quantities.units import UnitIndex
    from policytext.resources import default_resources

    return UnitIndex(default_resources().units)


@pytest.mark.parametrize(
    ("text", "pos", "expected"),
    [
        ("7680个", 4, ("个", 5)),
        ("7680 个", 4, ("个", 6)),  # a space before the unit
        ("5个 百 分 点", 1, ("个百分点", 8)),  # spaces inside it
        ("36.576万千瓦时", 7, ("千瓦时", 10)),  # the longest form
        ("3个多月", 1, ("个月", 4)),
        ("144亿元整村推进", 4, ("元", 5)),  # 整 begins 整村
        ("5000元整", 4, ("元整", 6)),  # cheque style
        ("三年级", 1, None),  # 年 begins 年级 (lexicon/unit_not_before.tsv)
        ("五天然气", 1, None),
        ("三家庭", 1, None),
        ("5倍", 1, ("倍", 2)),
        ("5头", 1, ("头", 2)),
        ("5样", 1, None),  # no unit begins with 样
    ],
)
def test_unit_at(text: str, pos: int, expected: tuple | None) -> None:
    from policytext.extract.quantities.units import unit_at

    found = unit_at(text, pos, _units())
    assert (found[0], found[2]) == expected if expected else found is None


@pytest.mark.parametrize(
    ("text", "unit", "kind"),
    [
        ("年发电17亿度", "度", "energy"),  # electricity: kilowatt-hours
        ("气温升高5度", "度", "temperature"),
        ("使工农业总产值翻两番", "番", "multiple"),
    ],
)
def test_units_read_in_context(text: str, unit: str, kind: str) -> None:
    (q,) = policytext.analyze(text).quantities
    assert (q.unit, q.kind) == (unit, kind)


def test_si_is_a_pure_function_of_value_and_factor() -> None:
    from policytext.extract.quantities.units import si

    units = _units()
    assert si(D("36.576"), units.table["千瓦"]) == (D(36576), "W")
    assert si(D("1.5"), units.table["亩"]) == (D(1000), "m2")  # six decimals, then written plainly
    assert si(D(1), units.table["亩"]) == (D("666.666667"), "m2")
    assert str(si(D("5.0"), units.table["海里"])[0]) == str(si(D(5), units.table["海里"])[0]) == "9260"
    assert si(None, units.table["公里"]) == (None, "m")  # a range: the SI unit, no value
    assert si(D(3), units.table["个"]) == (None, None)  # a count has no SI value


def test_money_currency_and_coins() -> None:
    from policytext.extract.quantities.money import coins_after, currency_before

    units = _units()
    text = "港币两千九百六十元"
    assert currency_before(text, 2, "元", units.table["元"], units) == ("港币", units.table["港币"])
    assert currency_before("人民币5元", 3, "元", units.table["元"], units) == ("元", units.table["元"])
    assert coins_after("123元1角1分", 4) == (D("0.11"), 8)
    assert coins_after("十块三毛钱", 2) == (D("0.3"), 5)
    assert coins_after("123元。", 4) is None
    assert _found("港币两千九百六十元") == [("两千九百六十元", 2, 9, D(2960), "港币", None)]
    assert _found("十块三毛") == [("十块三毛", 0, 4, D("10.3"), "元", None)]


@pytest.mark.parametrize(
    ("text", "start", "expected"),
    [
        ("百分之五十", 3, ("%", 0)),
        ("千分之三", 3, ("‰", 0)),
        ("万分之五", 3, ("‱", 0)),
        ("百万分之五", 4, ("ppm", 0)),
        ("达到百 分 之五十", 7, ("%", 2)),  # spaces inside the ratio word
        ("三分之二", 3, None),  # a fraction, not a ratio word
        ("五十", 0, None),
    ],
)
def test_percent_word_before(text: str, start: int, expected: tuple | None) -> None:
    from policytext.extract.quantities.shares import percent_word_before

    assert percent_word_before(text, start) == expected


def test_shares_in_tenths_and_fractions() -> None:
    from policytext.extract.quantities.shares import six_digits, tenths_after

    assert tenths_after("七成六", 2) == (D("0.6"), 3)
    assert tenths_after("七成十", 2) is None  # 十 is not a tenth
    assert six_digits(D(1) / D(3)) == D("0.333333")
    assert _found("七成六") == [("七成六", 0, 3, D("7.6"), "成", None)]


@pytest.mark.parametrize(
    ("text", "number_end", "pos", "expected"),
    [
        ("用了5年半", 3, 4, 5),
        ("两个半月", 1, 4, 4),  # 个半月 is read with 个月
        ("5年半年", 1, 2, None),  # 半年 is a duration of its own
    ],
)
def test_half_after_a_duration(text: str, number_end: int, pos: int, expected: int | None) -> None:
    from policytext.extract.quantities.durations import half_after

    assert half_after(text, number_end, pos) == expected


def test_ranges_share_a_magnitude_written_once() -> None:
    from policytext.extract.quantities import find_quantities

    (q,) = find_quantities("两到三万港元")
    assert (q.text, q.start, q.end, q.low, q.high, q.unit, q.qualifier) == ("两到三万港元", 0, 6, D(20000), D(30000), "港元", "range")
    (q,) = find_quantities("气温5到8度")  # 度 read in the clause of 气温
    assert (q.low, q.high, q.unit, q.kind) == (D(5), D(8), "度", "temperature")


def test_counted_nouns_and_places() -> None:
    from policytext.extract.numbers import find_numbers
    from policytext.extract.quantities.counted import counted_after, places_counted

    assert counted_after("6个县摘帽", 2) == "县"
    assert counted_after("2个国家级贫困县列入", 2) == "国家级贫困县"
    assert counted_after("37个贫困村全部", 3) == "贫困村"  # 全部 is never the thing counted
    (n,) = find_numbers("11省市")
    assert places_counted("11省市", n, 2).group() == "省市"  # type: ignore[union-attr]
    (n,) = find_numbers("3省长")
    assert places_counted("3省长", n, 1) is None  # 省长 is a governor
    (n,) = find_numbers("东北三省")
    assert places_counted("东北三省", n, 3) is None  # places named with a Chinese numeral


@pytest.mark.parametrize(
    ("text", "article"),
    [("这一年", True), ("一座座", True), ("一步一个脚印", True), ("一年比一年", True), ("延长一年", False)],
)
def test_one_as_an_article(text: str, article: bool) -> None:
    from policytext.extract.numbers import find_numbers
    from policytext.extract.quantities.not_amounts import one_is_an_article

    n = next(n for n in find_numbers(text) if n.text == "一")
    assert one_is_an_article(text, n) is article


def test_units_and_set_phrases_come_from_the_resources() -> None:
    """find_quantities reads the units and set phrases of the Resources it is given, and builds
    what it needs from them once per Resources."""
    from policytext.extract.quantities import find_quantities
    from policytext.resources import Resources, Unit, default_resources

    text = "种了5垄菜，打通最后一公里"
    assert find_quantities(text) == find_quantities(text, res=default_resources())
    assert [q.text for q in find_quantities(text)] == []
    res = Resources()
    res.units = {**res.units, "垄": Unit("垄", "count", None, None)}
    res.not_quantities = ()
    found = find_quantities(text, res=res)
    assert [(q.text, q.unit, q.counted) for q in found] == [("5垄", "垄", "菜"), ("一公里", "公里", None)]
    built = res.built("quantities", lambda r: pytest.fail("built twice"))  # type: ignore[arg-type, return-value]
    assert built.units.table is res.units
    assert find_quantities(text, res=res) == found


def test_amounts_past_28_digits_stay_exact() -> None:
    """Decimal rounds to 28 digits by default; values read from text must not be (issue 17)."""
    (q,) = policytext.analyze("12345678901234567890123456789万元").quantities
    assert q.value == Decimal("123456789012345678901234567890000")
    assert q.si_value == Decimal("123456789012345678901234567890000") and q.si_unit == "CNY"
    (q,) = policytext.analyze("12345678901234567890123456789元3角").quantities
    assert q.value == Decimal("12345678901234567890123456789.3")
    (q,) = policytext.analyze("12345678901234567890123456789多万元").quantities
    assert (q.low, q.high) == (Decimal("123456789012345678901234567890000"), Decimal("123456789012345678901234567900000"))


def test_a_number_too_long_to_print_is_no_quantity_and_no_crash() -> None:
    """``"9"*5000+"亿"`` raised when written out (Python prints integers of at most 4,300
    digits): such a run is not read as a quantity, and the document serializes."""
    doc = policytext.analyze("共" + "9" * 5000 + "亿元")
    assert doc.quantities == () or list(doc.quantities) == []
    assert json.loads(json.dumps(doc.to_dict()))["text"] == doc.text
    (q,) = policytext.analyze("9" * 999 + "亿元").quantities
    assert q.value == int("9" * 999) * 10**8
    json.dumps(q.to_dict())
