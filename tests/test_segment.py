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
