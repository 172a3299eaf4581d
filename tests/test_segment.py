from __future__ import annotations

import jieba
import pytest

from policytext import analyze
from policytext.text.segment import get_segmenter, sentences


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


# --- the jieba backend's route search (policytext.text._jieba_route) gives jieba's own tokens ---


def test_route_search_equals_jieba_on_the_shipped_reports() -> None:
    """Every token of the 88 shipped government work reports equals ``Tokenizer.lcut`` (jieba
    0.42.1, HMM on) of the same tokenizer, policy lexicon included."""
    from pathlib import Path

    seg = get_segmenter()
    files = sorted((Path(__file__).resolve().parents[1] / "corpora" / "gov-work-reports" / "texts").rglob("*.txt"))
    assert len(files) == 88
    for f in files:
        text = f.read_text(encoding="utf-8")
        assert seg._cut(text) == seg._tk.lcut(text), f.name


def _tiny_tokenizer(tmp_path, lines: str) -> jieba.Tokenizer:
    path = tmp_path / "dict.txt"
    path.write_text(lines, encoding="utf-8")
    tk = jieba.Tokenizer(dictionary=str(path))
    tk.tmp_dir = str(tmp_path)
    tk.initialize()
    return tk


def test_route_search_breaks_ties_and_prefixes_as_jieba(tmp_path) -> None:
    """With a small dictionary of equal frequencies, routes often score exactly the same, and
    characters are often only prefixes of words: both must go as in jieba (on a tie the longer
    first word; a prefix-only character counts alone only where no word starts)."""
    import random

    from policytext.text._jieba_route import JiebaRoute

    tk = _tiny_tokenizer(tmp_path, "甲乙 3\n甲 3\n乙丙 3\n丙 3\n丁戊 1\n戊己庚 50\n己 0\n庚 1\n")
    route = JiebaRoute(tk)
    assert tk.lcut("甲乙丙") == route("甲乙丙") == ["甲乙", "丙"]  # an exact tie: 甲乙|丙 over 甲|乙丙
    # 丁 is only a prefix (of 丁戊): jieba never takes it alone when a word starts there, even
    # though 丁 + 戊己庚 would score higher
    assert tk.lcut("丁戊己庚") == route("丁戊己庚") == ["丁戊", "己庚"]
    rng = random.Random(7)
    alphabet = "甲乙丙丁戊己庚辛 a1"
    for _ in range(3000):
        s = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 14)))
        assert route(s) == tk.lcut(s), s


def test_route_search_equals_jieba_on_random_text() -> None:
    """Random mixes of common and rare characters, words, Latin letters, digits, white space
    (\\r\\n included) and punctuation: unknown runs go to the HMM, the rest to the dictionary."""
    import random

    seg = get_segmenter()
    pool = list("的一是在不了有和人中大为上个国以要时来们生到作地出就对成会可发年动同工能下过子说产")
    pool += list("龍麼𠀀ＡＢ１２ abcXYZ0189+#&._%-\t\n，。、？！“”《》·〇蔺稷翊琰")
    pool += ["四个意识", "两不愁三保障", "习近平", "乡村振兴", "F-15", "3.5%", "\r\n", "  "]
    rng = random.Random(11)
    for _ in range(3000):
        s = "".join(rng.choice(pool) for _ in range(rng.randint(1, 40)))
        assert seg._cut(s) == seg._tk.lcut(s), s


def test_hmm_states_equal_jieba_viterbi() -> None:
    import random

    from jieba import finalseg

    from policytext.text._jieba_route import _states

    chars = "的一是在人中大为蔺稷翊琰龍麼𠀀张王李赵钱孙周吴郑冯陈褚卫蒋沈韩杨朱秦尤许何吕施"
    rng = random.Random(3)
    for _ in range(3000):
        s = "".join(rng.choice(chars) for _ in range(rng.randint(1, 12)))
        _, path = finalseg.viterbi(s, "BMES", finalseg.start_P, finalseg.trans_P, finalseg.emit_P)
        assert _states(s) == "".join(path), s


def test_hmm_cut_honours_jieba_force_split_words() -> None:
    """A word jieba was told never to keep (``del_word``, kept in ``finalseg.Force_Split_Words``)
    comes out as single characters from the HMM, as jieba's does."""
    from jieba import finalseg

    seg = get_segmenter()
    text = "蔺稷翊琰来了"
    before = seg._tk.lcut(text)
    hmm_word = next(w for w in before if len(w) > 1 and w not in seg._tk.FREQ)
    finalseg.Force_Split_Words.add(hmm_word)
    try:
        assert seg._cut(text) == seg._tk.lcut(text)
        assert hmm_word not in seg._cut(text)
    finally:
        finalseg.Force_Split_Words.discard(hmm_word)


def test_the_noun_lists_are_not_walked_by_the_garbage_collector() -> None:
    """The 240,000 nominal words live in dicts of strings, which Python's collector does not
    track: held in sets, they made every full collection of a researcher's process take about
    35 ms longer (a pause in the middle of a pipe run)."""
    import gc

    from policytext.extract.quantities.counted import _noun_index
    from policytext.text.segment import noun_words

    nouns = noun_words()
    han_nouns, longest = _noun_index()
    for words in (nouns, han_nouns):
        (backing,) = gc.get_referents(words)
        assert isinstance(backing, dict) and not gc.is_tracked(backing)
    assert len(nouns) > 200_000 and len(han_nouns) > 200_000
    assert "贫困县" in nouns and "四个意识" in nouns and "4G网络" not in han_nouns
    assert longest["贫"] >= 3 and not gc.is_tracked(longest)


@pytest.mark.parametrize("backend", ["jieba", "rjieba"])
def test_a_long_document_is_segmented_in_pieces_with_the_same_tokens(backend: str) -> None:
    """Past ``_CHUNK`` characters the text is handed to the segmenter a block of lines at a
    time (issue 17: memory); the tokens are those of the text given whole."""
    from policytext.text import segment

    if backend == "rjieba":
        pytest.importorskip("rjieba")
    seg = get_segmenter(backend)
    lines = ["中国特色社会主义进入新时代，我国社会主要矛盾已经转化", "  践行四个意识\t两个维护", "", "\r", "经济发展"]
    text = "\n".join(lines[i % len(lines)] for i in range(3 * segment._CHUNK // 10))
    assert len(text) > 2 * segment._CHUNK
    starts, ends = seg.cut_arrays(text)
    tokens = [text[s:e] for s, e in zip(starts, ends)]
    expected = [t for t in seg._cut(text.replace("〇", "零")) if not t.isspace()]
    assert tokens == expected
