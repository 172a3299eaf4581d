from __future__ import annotations

import pytest

from policytext.text.normalize import find_boilerplate, normalize


@pytest.mark.parametrize(
    ("raw", "working"),
    [
        ("发现问题7680 个,整改7553 个", "发现问题7680个,整改7553个"),
        ("12.1 万人脱贫", "12.1万人脱贫"),
        ("2017 年10 月以来", "2017年10月以来"),
        ("继续实施9+9 产业扶贫工程", "继续实施9+9产业扶贫工程"),
        ("激发干部“ 三立”:即", "激发干部“三立”:即"),
        ("牢记领袖嘱托 决战深度贫困", "牢记领袖嘱托 决战深度贫困"),  # a title's separator stays
        ("ＧＤＰ增长６．１％，", "GDP增长6.1%,"),
        ("二○二○年", "二〇二〇年"),
        ("○ 第一条", "○ 第一条"),  # a lone circle is a bullet
        ("行1\r\n行2\r行3", "行1\n行2\n行3"),
        ("生态\u200b文明\u200d建设", "生态文明建设"),
        ("\ufeff正文", "正文"),
        ("GDP grew 5 percent", "GDP grew 5 percent"),
        ("\u3000\u3000各位代表", "  各位代表"),
    ],
)
def test_normalize_table(raw, working):
    assert normalize(raw).text == working


def test_original_is_not_mutated():
    raw = "12.1 万人"
    normalize(raw)
    assert raw == "12.1 万人"


def test_gov_report_zero_width_characters_are_dropped(shared):
    text = (shared / "corpora" / "gov-reports" / "gwr_1957.txt").read_text(encoding="utf-8")
    assert "\u200b" in text
    assert "\u200b" not in normalize(text).text


def test_seed_boilerplate(seed_text):
    from policytext.analyzer import prepare

    w = prepare(seed_text)
    found = [(seed_text[slice(*w.span(s, e))], kind) for s, e, kind in find_boilerplate(w.text)]
    assert ("宮清華 攝", "photo_credit") in found
    assert ("分享到:", "share_widget") in found
    assert ("相關文章:", "related_links") in found
    repeated = [t for t, k in found if k == "repeated_line"]
    assert repeated == ["牢记领袖嘱托 决战深度贫困"] * 3  # the Traditional title, printed again
    assert len(found) == 6


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("（记者 张三 摄）", "photo_credit"),
        ("责任编辑：李四", "editor_credit"),
        ("来源：人民日报", "source_line"),
        ("相关阅读", "related_links"),
    ],
)
def test_boilerplate_kinds(line, kind):
    text = normalize("正文第一段。\n" + line).text
    assert [k for _, _, k in find_boilerplate(text)] == [kind]


def test_ordinary_lines_are_not_boilerplate():
    text = normalize("新华社北京3月5日电 政府工作报告指出。\n摄影爱好者在乡村振兴中拍摄了很多照片。").text
    assert find_boilerplate(text) == []
