"""Offset maps: every span of the working text maps back to exactly the original characters."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from policytext.text.normalize import normalize
from policytext.text.offsets import OffsetMap
from policytext.analyzer import prepare
from policytext.text.script import to_simplified

# Characters whose conversion does not depend on their neighbours, so that converting a piece
# alone gives what converting it in context gave; plus everything normalization touches.
ALPHABET = list(
    "國發體脫貧攻堅線鄉鎮萬億實現經濟總書記"
    "国发体脱贫攻坚线乡镇万亿实现经济总书记"
    "ab12.%"
    "１２％Ａ，；：（）"
    "“”、。"
) + [" ", "\u3000", "\u200b", "\u200d", "\ufeff", "\r", "\n", "\t"]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=60), st.data())
def test_every_working_span_maps_back_exactly(text, data):
    w = prepare(text)
    n = len(w.text)
    start = data.draw(st.integers(0, n))
    end = data.draw(st.integers(start, n))
    s, e = w.span(start, end)
    assert 0 <= s <= e <= len(text)
    # the original piece, prepared on its own, is the working span again
    assert prepare(text[s:e]).text == w.text[start:end]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=60))
def test_maps_are_monotonic_and_cover_the_text(text):
    w = prepare(text)
    starts = [w.offsets.start(i) for i in range(len(w.text) + 1)]
    ends = [w.offsets.end(i) for i in range(len(w.text) + 1)]
    assert starts == sorted(starts) and ends == sorted(ends)
    assert ends[-1] <= len(text) and starts[0] >= 0
    for i in range(len(w.text)):
        # each working character comes from a non-empty piece of the original
        assert ends[i + 1] > starts[i]


def test_deleted_space_never_leads_or_trails_a_span():
    text = "近30 萬人鞏固提升"
    w = prepare(text)
    assert w.text == "近30万人巩固提升"
    i = w.text.index("万")
    assert w.surface(1, 3) == ("30", 1, 3)
    assert w.surface(i, i + 2) == ("萬人", 4, 6)
    assert w.surface(0, i + 2) == ("近30 萬人", 0, 6)


def test_crlf_bom_and_zero_width_are_mapped():
    text = "\ufeff第一行\r\n二〇一八\u200b年"
    w = prepare(text)
    assert w.text == "第一行\n二〇一八年"
    i = w.text.index("二")
    assert w.surface(i, len(w.text)) == ("二〇一八\u200b年", 6, 12)
    assert w.surface(0, 3) == ("第一行", 1, 4)


def test_from_edits_and_identity():
    assert OffsetMap.identity(5).span(1, 3) == (1, 3)
    m = OffsetMap.from_edits(6, [(0, 1, ""), (3, 5, "X")])  # "abcdef" -> "bcXf"
    assert m.target_len == 4
    assert m.span(0, 2) == (1, 3)
    assert m.span(2, 3) == (3, 5)
    assert m.span(3, 4) == (5, 6)


def test_simplified_conversion_keeps_lengths_on_news(seed_text):
    conv = to_simplified(seed_text, with_map=True)
    assert conv.offsets.is_identity
    assert normalize(conv.text).text.count("万人") == to_simplified(seed_text).count("万人")
