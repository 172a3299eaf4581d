"""Script conversion and detection.  Reference outputs depend on OpenCC's version (pinned in
pyproject.toml); the tests record which one they were made with."""

from __future__ import annotations

from pathlib import Path

import opencc
import pytest

import policytext
from policytext import OptionError, detect_script, to_simplified, to_traditional

ROOT = Path(__file__).resolve().parents[1]

OPENCC_PINNED = "1.4.2"


def test_opencc_version_is_the_pinned_one():
    # The reference texts below were matched with this OpenCC; another release may differ.
    assert policytext.text.script.OPENCC_VERSION == OPENCC_PINNED


def test_seed_to_simplified_equals_reference(shared, seed_text):
    reference = (shared / "gold" / "seed.simplified.txt").read_text(encoding="utf-8")
    assert to_simplified(seed_text) == reference


def test_seed_round_trip_to_traditional_equals_reference(shared):
    simplified = (shared / "gold" / "seed.simplified.txt").read_text(encoding="utf-8")
    reference = (shared / "gold" / "seed.traditional.txt").read_text(encoding="utf-8")
    assert to_traditional(simplified) == reference


def test_plain_opencc_errs_where_we_fix(shared, seed_text):
    """Why tw2s and the fix table: plain t2s leaves 8 wrong 著 in the seed, plain s2tw 3 errors."""
    reference_s = (shared / "gold" / "seed.simplified.txt").read_text(encoding="utf-8")
    reference_t = (shared / "gold" / "seed.traditional.txt").read_text(encoding="utf-8")
    t2s = opencc.OpenCC("t2s").convert(seed_text)
    assert sum(a != b for a, b in zip(t2s, reference_s)) == 8
    s2tw = opencc.OpenCC("s2tw").convert(reference_s)
    assert sum(a != b for a, b in zip(s2tw, reference_t)) == 3


@pytest.mark.parametrize(
    ("traditional", "simplified"),
    [
        ("隨著脫貧攻堅進入攻城拔寨的衝刺期", "随着脱贫攻坚进入攻城拔寨的冲刺期"),
        ("著重選拔出想幹事、能幹事的幹部", "着重选拔出想干事、能干事的干部"),
        ("迎著東昇旭日", "迎着东升旭日"),
        ("成效顯著，貢獻卓著", "成效显著，贡献卓著"),  # tw2s alone writes 卓着
        ("核心建立整合", "核心建立整合"),  # tw2sp would write 内核创建集成
        ("土著居民", "土著居民"),
    ],
)
def test_to_simplified_table(traditional, simplified):
    assert to_simplified(traditional) == simplified


def test_already_simplified_text_is_left_alone():
    text = "城乡居民收入显著增加，生态文明建设成效显著。"
    assert to_simplified(text) == text


@pytest.mark.parametrize(
    ("simplified", "variant", "traditional"),
    [
        ("好干部到脱贫一线去", "tw", "好幹部到脫貧一線去"),
        ("全面对表对标", "tw", "全面對表對標"),
        ("对标对表", "hk", "對標對表"),
        ("领导干部", "t", "領導幹部"),
        ("干部群众", "tw", "幹部群眾"),
        ("干部群众", "t", "幹部羣衆"),
    ],
)
def test_to_traditional_table(simplified, variant, traditional):
    assert to_traditional(simplified, variant) == traditional


def test_fix_applies_only_where_opencc_changed_the_text():
    # 乾部 written by the author stays: only OpenCC's own 乾 is repaired
    assert to_traditional("這是乾部") == "這是乾部"


def test_unknown_variant_names_the_allowed_values():
    with pytest.raises(OptionError, match=r"variant='cn'.*'hk'.*'tw'"):
        to_traditional("干部", "cn")  # type: ignore[arg-type]


def test_length_changing_conversion_maps_back():
    text = "我的内存和U盘坏了"
    conv = to_traditional(text, "twp", with_map=True)
    assert conv.text == "我的記憶體和隨身碟壞了"
    assert len(conv.text) != len(text)
    start = conv.text.index("記憶體")
    s, e = conv.offsets.span(start, start + 3)
    assert text[s:e] == "内存"
    start = conv.text.index("隨身碟")
    s, e = conv.offsets.span(start, start + 3)
    assert text[s:e] == "U盘"
    s, e = conv.offsets.span(conv.text.index("壞"), len(conv.text))
    assert text[s:e] == "坏了"


def test_seed_is_mixed_with_simplified_title_lines(seed_text):
    report = detect_script(seed_text)
    assert report.script == "mixed"
    scripts = [(seed_text[p.start : p.end], p.script) for p in report.paragraphs]
    assert scripts[0] == ("牢記領袖囑託 決戰深度貧困", "traditional")
    assert scripts[1] == ("牢记领袖嘱托 决战深度贫困", "simplified")
    assert sum(1 for _, s in scripts if s == "simplified") == 3
    assert sum(1 for _, s in scripts if s == "traditional") > 30


@pytest.mark.parametrize(
    ("text", "script"),
    [
        ("脱贫攻坚取得决定性成就。", "simplified"),
        ("脫貧攻堅取得決定性成就。", "traditional"),
        ("GDP grew 5.2% in 2023.", "none"),
        ("", "none"),
        ("脫貧攻堅取得決定性成就。\n脱贫攻坚取得决定性成就。", "mixed"),
    ],
)
def test_detect_script_table(text, script):
    assert detect_script(text).script == script


def test_gov_reports_simplified_except_the_traditional_ones(shared):
    folder = shared / "corpora" / "gov-reports"
    assert detect_script((folder / "gwr_2019.txt").read_text(encoding="utf-8")).script == "simplified"
    assert detect_script((folder / "gwr_1954.txt").read_text(encoding="utf-8")).script in {"traditional", "mixed"}
    trad = detect_script((folder / "gwr_1954.txt").read_text(encoding="utf-8"))
    assert trad.traditional_chars > 10 * trad.simplified_chars


# -- the tw2s fast path: texts OpenCC cannot change skip it ---------------------------------


def test_tw2s_changing_set_matches_installed_opencc() -> None:
    """The shipped character set is what the installed OpenCC's dictionaries give, rebuilt."""
    from importlib import resources

    from policytext.lexicon.build_tw2s_changing import changing_characters

    shipped = (resources.files("policytext") / "lexicon" / "tw2s_changing.txt").read_text(encoding="utf-8").splitlines()
    version, chars = changing_characters()
    assert version == opencc.__version__ == "1.4.2"
    assert shipped[0].startswith(f"# opencc {version}:")
    assert shipped[1] == chars


def test_every_character_tw2s_changes_alone_is_in_the_set() -> None:
    from policytext.text.script import _tw2s_changing

    rx = _tw2s_changing()
    cjk = [chr(c) for c in range(0x4E00, 0xA000)] + [chr(c) for c in range(0x3400, 0x4DC0)]
    converted = opencc.OpenCC("tw2s").convert("\n".join(cjk)).split("\n")
    changed = [c for c, o in zip(cjk, converted) if o != c]
    assert len(changed) > 2500
    assert [c for c in changed if not rx.fullmatch(c)] == []
    # Simplified characters that a phrase key rewrites are in it too: 著 (显著 → 显着), 乾, 么
    assert all(rx.fullmatch(c) for c in "著乾么")


def _corpus_texts(root: Path) -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(root.rglob("*.txt"))]


def test_fast_path_gives_opencc_output(shared: Path) -> None:
    """On real text, every text the fast path returns unchanged is one OpenCC leaves unchanged,
    and every conversion equals OpenCC's with the domain fixes."""
    import json

    from policytext.text.script import _tw2s_changing

    rx = _tw2s_changing()
    converter = opencc.OpenCC("tw2s")
    texts = _corpus_texts(ROOT / "corpora")
    for f in sorted((shared / "corpora" / "xwlb").glob("*.jsonl"))[:2]:
        texts += [json.loads(line)["text"] for line in f.read_text(encoding="utf-8").splitlines() if line.strip()]
    fast = [t for t in texts if rx.search(t) is None]
    assert len(fast) > 1000 and len(fast) < len(texts)
    assert [t[:40] for t in fast if converter.convert(t) != t] == []
    conv = to_simplified(fast[0], with_map=True)
    assert conv.text == fast[0] and conv.offsets.is_identity


def test_text_with_a_changing_character_is_converted() -> None:
    assert to_simplified("显著成效") == "显著成效"  # 著 goes through OpenCC and the fixes
    assert to_simplified("經濟發展") == "经济发展"
    conv = to_simplified("第一階段", with_map=True)
    assert conv.text == "第一阶段" and conv.offsets.span(2, 4) == (2, 4)


@pytest.mark.parametrize(
    "text",
    [
        "发展经济\n\n  \n2018 ABC\n  这是第二段  \n",
        "牢記領袖囑託\n牢记领袖嘱托",
        "一二三\n四五六",
        "这\n一二",
        "",
        "\n \t\n",
        "說明\r\n说明",
    ],
)
def test_paragraph_scripts_is_detect_script_without_the_report(text: str) -> None:
    """What analyze keeps: the same script, paragraph spans and labels as detect_script(exact=False)."""
    from policytext.text.script import paragraph_scripts

    report = detect_script(text, exact=False)
    assert paragraph_scripts(text) == (report.script, [(p.start, p.end) for p in report.paragraphs], [p.script for p in report.paragraphs])


def test_paragraph_scripts_labels() -> None:
    from policytext.text.script import paragraph_scripts

    script, spans, labels = paragraph_scripts("发展经济\n\n  \n2018 ABC\n这是")
    assert script == "simplified"
    assert spans == [(0, 4), (9, 17), (18, 20)] and labels == ["simplified", "none", "simplified"]
