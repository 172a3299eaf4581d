from __future__ import annotations

import jieba
import pytest

from policytext import analyze
from policytext.segment import get_segmenter, sentences


@pytest.mark.parametrize(
    ("working", "token"),
    [
        ("践行四个意识,恪守履职奉献", "四个意识"),
        ("围绕两不愁三保障目标实现全面脱贫", "两不愁三保障"),
        ("继续实施9+9产业扶贫工程,大力发展有机旱作农业", "9+9产业扶贫工程"),
        ("出台1+N政策体系", "1+N政策体系"),
        ("二〇一八年是关键之年", "二〇一八年"),
        ("推进三去一降一补", "三去一降一补"),
    ],
)
def test_policy_tokens_stay_whole(working, token):
    assert token in get_segmenter().lcut(working)


def test_segmenter_is_loaded_once_and_never_the_global_one():
    seg = get_segmenter()
    assert get_segmenter() is seg
    assert seg._tk is not jieba.dt
    assert not jieba.dt.initialized  # the global tokenizer was never built


def test_tokens_map_back_to_traditional_original(seed_text):
    doc = analyze(seed_text, tokens=True)
    assert doc.tokens
    for t in doc.tokens:
        assert doc.text[t.start : t.end] == t.text
    by_text = {t.text: t.normalized for t in doc.tokens}
    assert by_text["四個意識"] == "四个意识"
    assert by_text["9+9 產業扶貧工程"] == "9+9产业扶贫工程"
    assert by_text["兩不愁三保障"] == "两不愁三保障"


def test_sentences():
    text = "发现问题7680个。整改率98.3%!“一县一策”,着眼解决问题?\n分享到:"
    assert [text[s:e] for s, e in sentences(text)] == [
        "发现问题7680个。",
        "整改率98.3%!",
        "“一县一策”,着眼解决问题?",
        "分享到:",
    ]


@pytest.mark.parametrize("backend", ["jieba", "rjieba"])
def test_token_spans_skip_white_space_and_keep_protected_spans(backend: str) -> None:
    """cut_arrays builds spans from token lengths: white space between words is no token, and a
    protected span (9+9产业扶贫工程) sits whole between the pieces around it."""
    seg = get_segmenter(backend)
    text = "标题 一\t发展  9+9产业扶贫工程和二〇一八年"
    starts, ends = seg.cut_arrays(text)
    tokens = [text[s:e] for s, e in zip(starts, ends)]
    assert not any(t.isspace() for t in tokens)
    assert "9+9产业扶贫工程" in tokens and "二〇一八年" in tokens
    assert "".join(tokens) == "".join(text.split())
    assert list(zip(starts, ends)) == list(seg.cut(text)) and all(a < b for a, b in zip(starts, ends))
    assert all(e <= s for e, s in zip(ends[:-1], starts[1:]))  # in order, not overlapping
