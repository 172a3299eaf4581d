"""Consistency checks, on real sentences and on the same sentences with one number altered."""

from __future__ import annotations

from decimal import Decimal

import pytest

import policytext

D = Decimal


def findings(text: str, check: str) -> list[tuple[str, Decimal, Decimal]]:
    doc = policytext.analyze(text)
    return [(f.status, f.stated, f.computed) for f in doc.findings if f.check == check]


# seed sentences (Simplified reference form)
RATIO = "光伏扶贫电站1439座,总规模36.576 万千瓦,规模占全省121.35万千瓦的{}%,容量位列全省第一"
RATE = "开展专项治理,发现问题7680 个,整改7553 个,整改率{}%。"
# 新闻联播, 2019
POINTS = "户均务工收入占比从63.3%上升到68.8%，{}了{}个百分点。"


@pytest.mark.parametrize(("stated", "status"), [("30.14", "ok"), ("30.1", "ok"), ("31.14", "mismatch"), ("3.14", "mismatch")])
def test_ratio_x_of_y(stated: str, status: str) -> None:
    (f,) = findings(RATIO.format(stated), "ratio")
    assert f[0] == status and f[1] == D(stated)
    assert abs(f[2] - D("30.1409")) < D("0.001")  # 365760 / 1213500


@pytest.mark.parametrize(("stated", "status"), [("98.3", "ok"), ("98", "ok"), ("97.3", "mismatch"), ("99.3", "mismatch")])
def test_rate_found_fixed(stated: str, status: str) -> None:
    (f,) = findings(RATE.format(stated), "ratio")
    assert f[0] == status
    assert abs(f[2] - D("98.346")) < D("0.005")  # 7553 / 7680, shown to two digits more than stated


def test_ratio_spans_point_at_the_numbers() -> None:
    text = RATIO.format("30.14")
    (f,) = [f for f in policytext.analyze(text).findings if f.check == "ratio"]
    assert [s.text for s in f.spans] == ["36.576 万千瓦", "121.35万千瓦", "30.14%"]
    assert all(text[s.start : s.end] == s.text for s in f.spans)


@pytest.mark.parametrize(
    ("verb", "points", "status"),
    [("上升", "5.5", "ok"), ("上升", "6.5", "mismatch"), ("下降", "5.5", "mismatch")],
)
def test_percentage_points(verb: str, points: str, status: str) -> None:
    (f,) = findings(POINTS.format(verb, points), "percentage_points")
    assert (f[0], f[1], f[2]) == (status, D(points), D("5.5"))


@pytest.mark.parametrize(
    ("text", "status", "total"),
    [
        ("三次产业构成为42%、20%、10%、8%、20%。", "ok", D(100)),
        ("三次产业构成为42%、20%、10%、8%、25%。", "mismatch", D(105)),
        ("按方式分配，即70%利润用于贫困户分红，20%用于村合作社，10%用于务工农户。", "ok", D(100)),
        ("其中男性占33.3%、女性占33.3%、未登记33.3%。", "ok", D("99.9")),  # rounding of three thirds
    ],
)
def test_sum_to_100(text: str, status: str, total: Decimal) -> None:
    (f,) = findings(text, "sum_to_100")
    assert (f[0], f[2]) == (status, total)


@pytest.mark.parametrize(
    "text",
    [
        # growth rates listed together are not a distribution (government work report)
        "单位国内生产总值用水量、能耗、二氧化碳排放量分别下降23%、15%、18%。",
        # shares of different wholes (新闻联播)
        "博物馆和科技馆、历史文化街区的游客比例分别达40.5%、44.2%、40.6%和18.4%。",
    ],
)
def test_no_sum_check_where_there_is_no_distribution(text: str) -> None:
    assert findings(text, "sum_to_100") == []


def test_seed_findings_all_hold(seed_text: str) -> None:
    doc = policytext.analyze(seed_text)
    assert {f.status for f in doc.findings} == {"ok"}
    assert {f.check for f in doc.findings} == {"ratio", "slogan_item_count"}


def test_years_qualifying_amounts_are_not_a_ratio() -> None:
    # 1955 government work report: the amounts of the two and the five years are not stated
    text = "两年实际完成的投资额（即工作量），占五年投资总额的百分之三十二。"
    assert findings(text, "ratio") == []


# 新闻联播 2020: figures rounded to 0.01万 and 0.1万; recomputed over what the rounding allows
@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("全国房屋建筑和市政基础设施工程在建项目共18.66万个，已开复工15.87万个，开复工率为85.06%。", "ok"),
        ("中西部22个省份安排扶贫项目35.85万个，目前已开工项目14.9万个，开工率41.55%。", "ok"),
        ("中西部22个省份安排扶贫项目35.85万个，目前已开工项目14.9万个，开工率43.55%。", "mismatch"),
    ],
)
def test_rounded_figures_are_recomputed_over_their_rounding(text: str, status: str) -> None:
    doc = policytext.analyze(text)
    (f,) = [f for f in doc.findings if f.check == "ratio"]
    assert f.status == status
    if status == "ok":
        assert f.computed != f.stated and "rounding" in f.message  # held only within the rounding


@pytest.mark.parametrize(("bound", "status"), [("95%以上", "ok"), ("97%以上", "mismatch"), ("近97%", "ok"), ("不到95%", "mismatch")])
def test_a_stated_bound_is_checked_as_a_bound(bound: str, status: str) -> None:
    (f,) = [f for f in policytext.analyze(f"发现问题100个，整改96个，整改率{bound}。").findings if f.check == "ratio"]
    assert (f.status, f.computed) == (status, D("96.00"))


def test_a_rate_over_a_hundred_pairs_the_wrong_figures() -> None:
    # 新闻联播 2020: 22个省份 is not what the 27667 workshops are a share of
    text = "中西部22个省份扶贫车间目前已复工27667个，复工率97%以上，吸纳贫困人口就业"
    assert policytext.analyze(text).findings == ()


def test_rates_of_change_are_not_shares() -> None:
    # 新闻联播 2018: 6.5% and 6.8% are growth rates beside a share of 85%
    text = "规模以上工业增加值增长6.5%，特别是占工业85%左右的制造业，增长了6.8%，快于年初确定的预期"
    assert policytext.analyze(text).findings == ()


@pytest.mark.parametrize(
    "text",
    [
        "“十三五”规划目标任务即将完成，全面建成小康社会胜利在望，中华民族伟大复兴",  # an ordinal, not 13 items
        "对接完成11条口罩生产线，即将进入设备安装程序",  # 即将 is 'about to', not 'namely'
        "要注意抓“四个到位”：一是抓思想认识到位，把学习贯穿始终，不断深化认识。",  # clauses, not items
        "今年全国两会在即，要继续提高建议提案办理质量，认真研究吸纳意见建议，更好为人民办实事。",  # 在即: imminent
        # a government work report: the expansion runs on past the fourth principle
        "坚持四项基本原则，即坚持社会主义道路，坚持人民民主专政，坚持共产党的领导，坚持马克思列宁主义、毛泽东思想，是载入我国宪法的",
    ],
)
def test_no_item_count_where_the_text_lists_no_members(text: str) -> None:
    assert [f for f in policytext.analyze(text).findings if f.check == "slogan_item_count"] == []


# -- each check on its own, on the quantities the reader finds ---------------------------------------


def _spans_of(module_check, text: str) -> list[str]:
    """The figures a check pairs, for the last quantity of ``text``."""
    from policytext.extract.quantities import find_quantities

    qs = list(find_quantities(text))
    found = module_check(text, qs, len(qs) - 1)
    assert found is not None
    found = found[0] if isinstance(found, tuple) else found
    assert all(text[s:e] for s, e in found.spans)
    return [text[s:e] for s, e in found.spans]


def test_each_check_pairs_the_figures_of_its_sentence() -> None:
    from policytext.checks import points, rate, ratio, sum_to_100

    assert _spans_of(ratio.check, RATIO.format("30.14")) == ["36.576 万千瓦", "121.35万千瓦", "30.14%"]
    assert _spans_of(rate.check, RATE.format("98.3")) == ["7680 个", "7553 个", "98.3%"]
    assert _spans_of(points.check, POINTS.format("上升", "5.5")) == ["63.3%", "68.8%", "5.5个百分点"]
    # the list starts at its first share: the check is asked at the first of the five
    from policytext.extract.quantities import find_quantities

    text = "三次产业构成为42%、20%、10%、8%、20%。"
    qs = list(find_quantities(text))
    found, members = sum_to_100.check(text, qs, 0)  # type: ignore[misc]
    assert members == [0, 1, 2, 3, 4] and [text[s:e] for s, e in found.spans] == ["42%", "20%", "10%", "8%", "20%"]


@pytest.mark.parametrize(
    ("stated", "computed", "holds"),
    [
        ("98.3", "98.346", True),  # rounded
        ("98.35", "98.346", True),  # rounded up
        ("98.34", "98.346", True),  # truncated
        ("98", "98.346", True),
        ("98.4", "98.346", False),
        ("99", "98.346", False),
    ],
)
def test_a_stated_figure_holds_rounded_or_truncated(stated: str, computed: str, holds: bool) -> None:
    from policytext.checks.common import holds as figure_holds

    assert figure_holds(D(stated), D(computed)) is holds


def test_a_list_divides_a_whole_more_loosely_when_the_sentence_says_so() -> None:
    """94% in all: a distribution only where the sentence names the whole (构成, 占, 比重)."""
    assert findings("三次产业构成为40%、20%、10%、8%、16%。", "sum_to_100") == [("mismatch", D(100), D(94))]
    assert findings("三次产业为40%、20%、10%、8%、16%。", "sum_to_100") == []


def test_every_check_word_has_a_use_and_a_reason() -> None:
    from policytext.checks.words import words
    from policytext.lexicon import read_table

    rows = list(read_table("check_words.tsv"))
    assert all(row["word"] and row["why"].strip() for row in rows)
    pairs = [(row["word"], row["use"]) for row in rows]
    assert len(pairs) == len(set(pairs))
    uses = {"share_verb", "share_noun", "copula", "hedge", "change_to", "to", "points_down", "points_up", "whole_cue", "change"}
    assert {use for _, use in pairs} == uses
    with pytest.raises(ValueError, match="no use 'shares'"):
        words("shares")
