"""Numbered slogans: tables of real sentences (the seed article, government work reports,
新闻联播) with the slogans, numbers, items and offsets they must give."""

from __future__ import annotations

import pytest

from policytext import analyze, to_traditional
from policytext.extract.slogans import numeral_parts
from policytext.resources import shipped_slogans


def slogans(text):
    doc = analyze(text)
    for s in doc.slogans:
        assert doc.text[s.start : s.end] == s.text
        for i in s.items:
            assert doc.text[i.start : i.end] == i.text
    return doc


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # (normalized, number, parts, kind)
        ("踐行“四個意識”,恪守履職奉獻", [("四个意识", 4, (4,), "slogan")]),
        ("在現行標準下圍繞“兩不愁三保障”目標實現全面脫貧", [("两不愁三保障", None, (2, 3), "slogan")]),
        ("表彰“一獎雙模雙先”脫貧攻堅先進集體131 個", [("一奖双模双先", None, (1, 2, 2), "slogan")]),
        ("“志智雙扶”也不可能一蹴而就", [("志智双扶", 2, (2,), "slogan")]),
        ("“一縣一策”,著眼解決關鍵突出問題", [("一县一策", None, (1, 1), "slogan")]),
        ("是全市“三大攻堅戰”的硬堡壘", [("三大攻坚战", 3, (3,), "slogan")]),
        ("以黨的十九大精神為指導", [("十九大", 19, (19,), "congress")]),
        ("繼續實施9+9 產業扶貧工程", [("9+9产业扶贫工程", None, (9, 9), "slogan")]),
        ("實施“6 環聯動”", [("6环联动", 6, (6,), "slogan")]),
        ("站在“兩個一百年”的歷史交匯期", [("两个一百年", 2, (2,), "slogan")]),
        ("把“三农”普惠政策落实到村到户", [("三农", 3, (3,), "slogan")]),
        ("我们要以“十四五”规划为引领", [("十四五", 14, (14,), "plan_period")]),
        ("党的十九届六中全会审议通过", [("十九届六中全会", None, (19, 6), "plenum")]),
        ("坚持“一国两制”、“港人治港”、“澳人治澳”", [("一国两制", None, (1, 2), "slogan")]),
        ("坚决打好防范化解重大风险、精准脱贫、污染防治三大攻坚战",
         [("三大攻坚战", 3, (3,), "slogan")]),
        ("坚持“三去一降一补”，推进供给侧结构性改革", [("三去一降一补", None, (3, 1, 1), "slogan")]),
    ],
)
def test_slogans_in_real_sentences(sentence, expected):
    doc = slogans(sentence)
    got = [(s.normalized, s.number, s.parts, s.kind) for s in doc.slogans]
    assert got == expected


@pytest.mark.parametrize(
    ("sentence", "normalized", "items"),
    [
        ("激發幹部“ 三立”:即立下軍令狀、立下愚公志、立下千秋業。", "三立", ["立下軍令狀", "立下愚公志", "立下千秋業"]),
        ("“選、育、管、用”四環聯動,著重選拔", "四环联动", ["選", "育", "管", "用"]),
        ("在忻州,市、縣、鄉、村四級書記齊上陣", "四级书记", ["市", "縣", "鄉", "村"]),
        ("健全完善脫貧統攬的責任、工作、政策、投入、幫扶、動員、監督、考評八大體系,實現",
         "八大体系", ["責任", "工作", "政策", "投入", "幫扶", "動員", "監督", "考評"]),
        ("加快完善水、電、路、網、房及環境整治等6 個方面的基礎設施短板",
         "6个方面", ["水", "電", "路", "網", "房", "環境整治"]),
        ("要堅持專項扶貧、行業扶貧、社會扶貧“三位一體”大扶貧格局", "三位一体", ["專項扶貧", "行業扶貧", "社會扶貧"]),
        ("實現“三個精準”:即幫扶對象精準;幫扶措施精準;幫扶力量精準。", "三个精准",
         ["幫扶對象精準", "幫扶措施精準", "幫扶力量精準"]),
        ("黃河、長城、太行山三大旅遊板塊開發項目優先向貧困縣傾斜", "三大旅游板块", ["黃河", "長城", "太行山"]),
        # 新闻联播: heads longer than two characters, not cut short (三大保卫, 5个千)
        ("突出打好蓝天、碧水、净土三大保卫战", "三大保卫战", ["蓝天", "碧水", "净土"]),
        # ... and a first item cut neither inside a word (四|项基本原则, 浙|江省) nor after half a verb
        # (形|成光电子信息)
        ("逐渐形成光电子信息、生物医药、节能环保、高端装备制造、现代服务业5个千亿级产业，带动",
         "5个千亿级产业", ["光电子信息", "生物医药", "节能环保", "高端装备制造", "现代服务业"]),
        ("要坚持把以经济建设为中心同四项基本原则、改革开放这两个基本点统一于发展", "两个基本点", ["四项基本原则", "改革开放"]),
        ("近日，浙江省、市、县区、乡镇四级联动，采取室内", "四级联动", ["浙江省", "市", "县区", "乡镇"]),
        # 新闻联播: a head reaches past five characters only over nominal words, never across a verb
        # (not 三个角度阐释总书记)
        ("從重民生、興民德、得民心三個角度闡釋總書記的思想", "三个角度", ["重民生", "興民德", "得民心"]),
        ("重要的有鞍山、武汉、包头三大钢铁工业基地，太原", "三大钢铁工业基地", ["鞍山", "武汉", "包头"]),  # 1958 report
    ],
)
def test_inline_items(sentence, normalized, items):
    doc = slogans(sentence)
    [s] = [s for s in doc.slogans if s.normalized == normalized]
    assert [i.text for i in s.items] == items
    assert s.items_source == "inline"
    [f] = [f for f in doc.findings if f.check == "slogan_item_count" and f.spans[0].start == s.start]
    assert f.status == "ok"


def test_digit_code_decodes_against_its_expansion_and_nested_slogan():
    text = "建立健全“113”政策落實推進機制(建立政策任務清單,建立定期報告制度,建立責任、督查、評估三個體系),解決問題"
    doc = slogans(text)
    outer, inner = doc.slogans
    assert outer.normalized == "113政策落实推进机制"
    assert outer.text == "“113”政策落實推進機制"
    assert outer.parts == (1, 1, 3) and outer.number is None
    assert [i.text for i in outer.items] == ["建立政策任務清單", "建立定期報告制度", "建立責任、督查、評估三個體系"]
    assert inner.normalized == "三个体系"
    assert [i.text for i in inner.items] == ["責任", "督查", "評估"]
    # the last item of “113” holds a nested three: 1 + 1 + 3
    assert len(inner.items) == outer.parts[-1]


def test_lexicon_supplies_items_the_text_does_not_state():
    doc = slogans("全市幹部群眾踐行“四個意識”")
    [s] = doc.slogans
    assert s.items_source == "lexicon"
    assert s.lexicon_items == ("政治意识", "大局意识", "核心意识", "看齐意识")
    assert s.lexicon_id and s.lexicon_source.startswith("http")
    assert s.items == ()


def test_homograph_resolved_by_context():
    poverty = slogans("构建政府、市场、社会协同推进的大扶贫格局,坚持“三位一体”扶贫开发,脱贫攻坚")
    [s] = poverty.slogans
    assert s.lexicon_items == ("专项扶贫", "行业扶贫", "社会扶贫")


def test_count_mismatch_is_reported():
    # a real sentence of the seed with one of its three items removed
    text = "推動“三個轉變”:即由注重外因向內因與外因並重轉變;由注重物質扶貧向物質扶貧與精神扶貧並重轉變。"
    doc = slogans(text)
    [f] = doc.findings
    assert f.check == "slogan_item_count" and f.status == "mismatch"
    assert (f.stated, f.computed) == (3, 2)


@pytest.mark.parametrize(
    "sentence",
    [
        "一步一個腳印,一年一個臺階,不斷把脫貧攻堅向前推進",
        "行百里者半九十。進入新時代,踏上新徵程",
        "一分部署,九分落實;唯有實幹,方能決勝",
        "“志智雙扶”之外,也不可能一蹴而就",
        "打造三晉水塔",
        "湖南花垣縣十八洞村",
        "提拔重用張尚富等一批優秀第一書記",
        "未來三年建設生態項目",
        "在一個戰場打贏脫貧攻堅與生態建設兩場戰役",
        "打通服務群眾最後一公里",
        "出臺一系列政策舉措",
        "可以說是忻州集中攻堅深度貧困的2018版",
        "一方水土养不起一方人,“一方水土养不起一方人”",
        "完成繁峙、神池、五寨、岢嵐、河曲、保德6 個縣摘帽",
        "“六一”儿童节",
        # 新闻联播: places counted, not a numbered list; a grade, not two items
        "2019年1月1日起，厦门、青岛、武汉、成都、昆明5个城市",
        "重庆、上海两个直辖市",
        "長江幹流、黃河幹流全線達到二類水質",
        # 新闻联播: names taken from a date, cohorts, and words whose numeral is lexical
        "授予“八一勋章”和中央军委颁授“八一勋章”",
        "荣获“全国五一劳动奖章”",
        "从古稀老人到“90后”、“00后”青年一代",
        "各项医保“一站式”即时结算",
        "实现了企业发展强、党建强的“双赢”",
    ],
)
def test_not_slogans(sentence):
    found = [s.normalized for s in slogans(sentence).slogans if s.normalized != "志智双扶"]
    assert found == []


def test_same_slogans_in_both_scripts(seed_text, shared):
    simplified = (shared / "gold" / "seed.simplified.txt").read_text(encoding="utf-8")
    a = [(s.normalized, s.number, s.parts, len(s.items)) for s in analyze(seed_text).slogans]
    b = [(s.normalized, s.number, s.parts, len(s.items)) for s in analyze(simplified).slogans]
    c = [(s.normalized, s.number, s.parts, len(s.items)) for s in analyze(to_traditional(simplified)).slogans]
    assert a == b == c


def test_repeated_title_lines_are_not_counted_twice():
    text = "踐行“四個意識”\n\n正文第一段。\n\n踐行“四個意識”\n"
    doc = analyze(text)
    assert [s.start for s in doc.slogans] == [3]


def test_seed_against_gold(seed_text, gold):
    from collections import Counter

    found = Counter(s.normalized for s in analyze(seed_text).slogans)
    expected = Counter({g["text"]: g["occurrences"] for g in gold["slogans"]})
    assert found == expected
    for s in analyze(seed_text).slogans:
        assert not any(s.normalized == n for n in gold["not_slogans"])


def test_lexicon_is_sourced_and_large_enough():
    rows = shipped_slogans()
    assert len(rows) >= 150
    assert all(r.source.startswith(("http", "doc:")) for r in rows)
    assert len({r.id for r in rows}) == len(rows)


@pytest.mark.parametrize(
    ("form", "number", "parts"),
    [
        ("四个意识", 4, (4,)),
        ("两不愁三保障", None, (2, 3)),
        ("113政策落实推进机制", None, (1, 1, 3)),
        ("两个一百年", 2, (2,)),
        ("三位一体", 3, (3,)),
        ("三品一标", None, (3, 1)),
        ("1+N政策体系", None, (1,)),
        ("十四条", 14, (14,)),
    ],
)
def test_numeral_parts(form, number, parts):
    assert numeral_parts(form) == (number, parts)


def test_a_list_of_adverbs_and_a_verb_is_not_a_slogans_members() -> None:
    # 2024 government work report
    (s,) = [s for s in analyze("继续全面准确、坚定不移贯彻“一国两制”方针").slogans if s.normalized == "一国两制"]
    assert s.items_source == "lexicon" and s.items == ()


@pytest.mark.parametrize(
    ("text", "lexicon_id", "items"),
    [
        ("着力解决义务教育、基本医疗、住房安全三保障问题", "PT0167", ["义务教育", "基本医疗", "住房安全"]),
        ("“三保”工作，保基本民生、保工资、保运转", "PT0086", []),
    ],
)
def test_poverty_three_guarantees_are_not_the_budget_three_guarantees(text: str, lexicon_id: str, items: list[str]) -> None:
    (s,) = analyze(text).slogans
    assert s.lexicon_id == lexicon_id and [i.text for i in s.items] == items


def test_a_count_of_people_before_a_verb_is_not_a_numbered_list() -> None:
    # 新闻联播: five named people, then 5位来自… (a count, and 来自 is a verb)
    text = "刘双燕、毛相林、陈望慧、杨波、胡中山等5位来自脱贫攻坚一线的基层党支部书记"
    assert analyze(text).slogans == ()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # government work reports and congress reports, read by eye
        ("内开展多种形式的为“十一五”规划建言献策活动", [("十一五", "plan_period")]),  # a name beats a quoted shape
        ("全面推广国际贸易“单一窗口”。", []),  # 单一 is "single", not a numeral
        ("发挥好政府投资“四两拨千斤”的带动作用", []),  # an idiom in quotes
        ("坚持四项基本原则、改革开放这两个基本点", [("四项基本原则", "slogan"), ("两个基本点", "slogan")]),
        # 新闻联播 2018, read by eye
        ("李伟、朱程、王宁等8位代表围绕推进军民融合", []),  # a count of people
        ("“四一二”反革命政变后", []),  # a date naming an event
        ("美方发布对华“301调查”项下征税产品", []),  # a law's section number
        ("合推动产业升级实现“1+1+1＞3”的效果", []),  # arithmetic
    ],
)
def test_forms_read_in_official_reports(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(s.normalized, s.kind) for s in analyze(text).slogans] == expected


def test_digits_side_by_side_are_parts_not_a_number() -> None:
    assert numeral_parts("八八战略") == (None, (8, 8))
    assert numeral_parts("四个意识") == (4, (4,))


def test_a_verb_inside_the_quotes_is_not_part_of_the_slogan() -> None:
    # 新闻联播 2018: the quote holds the verb that governs the slogan
    text = "王培安、刘炳江五位政协委员就“打赢三大攻坚战”回应媒体关切"
    (s,) = analyze(text).slogans
    assert (s.normalized, text[s.start : s.end], s.lexicon_id is not None) == ("三大攻坚战", "三大攻坚战", True)


# -- the finders one by one (extract/slogans/*.py), on the working text ----------------------------
# Each finder yields mentions with offsets into the working text; find_slogans composes them.


def _found(finder, text):
    from policytext.resources import default_resources

    return [
        (text[m.start : m.end], m.normalized, m.number, m.parts, m.kind, m.matched_by)
        for m in finder(text, default_resources())
    ]


def test_numbered_names_finder() -> None:
    from policytext.extract.slogans.named import named_numbers

    text = "党的十九届六中全会审议通过,我们要以“十四五”规划为引领,深入学习党的十九大精神,坚持九二共识"
    assert _found(named_numbers, text) == [
        ("十四五", "十四五", 14, (14,), "plan_period", "plan_period"),
        ("十九大", "十九大", 19, (19,), "congress", "congress"),
        ("十九届六中全会", "十九届六中全会", None, (19, 6), "plenum", "plenum"),
        ("九二共识", "九二共识", None, (9, 2), "consensus", "consensus"),
    ]
    # 大 starting a word after a count (lexicon/slogan_name_words.tsv, not_congress)
    assert _found(named_numbers, "世界七大洲,中国十大城市") == []


def test_lexicon_finder_skips_a_form_inside_a_numeral_run() -> None:
    from policytext.extract.slogans.lexicon import lexicon_matches

    text = "在现行标准下围绕“两不愁三保障”目标,实现三十三农"
    assert _found(lexicon_matches, text) == [("两不愁三保障", "两不愁三保障", None, (2, 3), "slogan", "lexicon")]


def test_quoted_finder_drops_the_governing_verb_and_dates() -> None:
    from policytext.extract.slogans.quoted import quoted_forms

    text = "王培安、刘炳江五位政协委员就“打赢三大攻坚战”回应媒体关切"
    assert _found(quoted_forms, text) == [("三大攻坚战", "三大攻坚战", 3, (3,), "slogan", "quote")]
    assert _found(quoted_forms, "授予“八一勋章”,“一县一策”") == [("一县一策", "一县一策", None, (1, 1), "slogan", "quote")]


def test_digit_code_finder() -> None:
    from policytext.extract.slogans.codes import digit_codes

    text = "建立健全“113”政策落实推进机制,继续实施9+9产业扶贫工程,实现“1+1+1>3”的效果"
    assert _found(digit_codes, text) == [
        ("“113”政策落实推进机制", "113政策落实推进机制", None, (1, 1, 3), "slogan", "digit_code"),
        ("9+9产业扶贫工程", "9+9产业扶贫工程", None, (9, 9), "slogan", "digit_code"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("在忻州,市、县、乡、村四级书记齐上阵", [("四级书记", "四级书记", 4, (4,), "slogan", "stated_members")]),
        ("推进三个转变:即由注重外因向内因转变;由输血向造血转变;由物质向精神转变。",
         [("三个转变", "三个转变", 3, (3,), "slogan", "stated_members")]),
        # a count of people before a verb, and a count of places
        ("刘双燕、毛相林、陈望慧、杨波、胡中山等5位来自脱贫攻坚一线的基层党支部书记", []),
        ("完成繁峙、神池、五寨、岢岚、河曲、保德6个县摘帽", []),
    ],
)  # fmt: skip
def test_stated_members_finder(text, expected) -> None:
    from policytext.extract.slogans.members import stated_members

    assert _found(stated_members, text) == expected


def test_items_before_and_after_a_slogan() -> None:
    from policytext.extract.slogans.items import items_after, items_before

    text = "加快完善水、电、路、网、房及环境整治等6个方面的基础设施短板"
    spans = items_before(text, text.index("6个方面"), 6)
    assert [text[s:e] for s, e in spans] == ["水", "电", "路", "网", "房", "环境整治"]
    assert items_before(text, text.index("6个方面"), 5) is None  # an unquoted list must match the count
    text = "实现“三个精准”:即帮扶对象精准;帮扶措施精准;帮扶力量精准。"
    spans, end = items_after(text, text.index("”"), 3)
    assert [text[s:e] for s, e in spans] == ["帮扶对象精准", "帮扶措施精准", "帮扶力量精准"]
    assert text[end] == "。"
    # 即 introduces the members, but not inside 立即 (lexicon/slogan_list_words.tsv, not_expansion)
    spans, _ = items_after("三个精准即帮扶对象精准,帮扶措施精准,帮扶力量精准。", 4, 3)
    assert spans == [(5, 11), (12, 18), (19, 25)]
    assert items_after("三个精准立即帮扶对象精准,帮扶措施精准,帮扶力量精准。", 4, 3) is None


def test_overlaps_keep_the_longest_and_merge_the_same_span() -> None:
    from policytext.extract.slogans.mention import SloganMention
    from policytext.extract.slogans.overlap import resolve_overlaps

    quote = SloganMention(0, 4, "三个代表", 3, (3,), matched_by="quote")
    named = SloganMention(0, 4, "三个代表", 3, (3,), kind="other", matched_by="lexicon")
    longer = SloganMention(2, 9, "代表重要思想", None, (), matched_by="quote")
    inside = SloganMention(5, 7, "要思", None, (), matched_by="quote")
    kept = resolve_overlaps([quote, named, longer, inside])
    assert kept == [longer]
    kept = resolve_overlaps([quote, named, inside])
    assert [(m.start, m.end, m.kind, m.matched_by) for m in kept] == [(0, 4, "other", "lexicon"), (5, 7, "slogan", "quote")]


def test_slogan_vocabulary_rows_give_their_reason() -> None:
    from policytext.extract.slogans.vocabulary import words
    from policytext.lexicon import read_table

    for name in ("slogan_heads.tsv", "slogan_verbs.tsv", "slogan_list_words.tsv", "slogan_name_words.tsv",
                 "slogan_domain_cues.tsv"):  # fmt: skip
        rows = list(read_table(name))
        assert rows and all(r["why"].strip() and None not in r for r in rows), name
    assert "体系" in words("slogan_heads.tsv", "head")
    with pytest.raises(ValueError, match="no row"):
        words("slogan_heads.tsv", "no_such_role")
