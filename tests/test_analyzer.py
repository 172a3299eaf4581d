"""The Analyzer and its resources: a researcher's own slogan list through the API, errors that
name file:line, pickling by configuration, a segmenter given as an object."""

from __future__ import annotations

import pickle
from pathlib import Path

import jieba
import pytest

import policytext
from policytext import Analyzer
from policytext.errors import InputError, OptionError, PolicytextError
from policytext.resources import default_resources, read_user_slogans, shipped_slogans

# A formulation of a provincial report (三个确保 is not in the shipped lexicon), in Traditional
# script with full-width separators as a Hong Kong researcher might type it.
TSV = (
    "# my list\n"
    "slogan\titems\tsource\tid\tnotes\n"
    "三個確保\t確保脫貧攻堅、確保鄉村振興、確保社會穩定\t某省政府工作报告 2021\tmine-1\tseen in 2021\n"
    "四个意识\t政治意识、大局意识\tmy reading\tmine-2\t\n"
)


@pytest.fixture()
def mine(tmp_path: Path) -> Path:
    path = tmp_path / "mine.tsv"
    path.write_text(TSV, encoding="utf-8")
    return path


def test_user_rows_are_read_converted_to_the_working_script(mine: Path) -> None:
    rows = read_user_slogans(mine)
    assert [(r.id, r.slogan, r.items, r.members, r.source) for r in rows] == [
        ("mine-1", "三个确保", ("确保脱贫攻坚", "确保乡村振兴", "确保社会稳定"), 3, "某省政府工作报告 2021"),
        ("mine-2", "四个意识", ("政治意识", "大局意识"), 2, "my reading"),
    ]


def test_a_user_slogan_is_found_with_its_members_and_offsets_into_the_original(mine: Path) -> None:
    text = "會議強調，要落實“三個確保”，增強四个意识。"
    doc = Analyzer(extra_slogans=mine).analyze(text)
    found = [(s.text, s.start, s.end, s.number, s.lexicon_id, s.lexicon_items, s.matched_by) for s in doc.slogans]
    assert found[0] == ("三個確保", 9, 13, 3, "mine-1", ("确保脱贫攻坚", "确保乡村振兴", "确保社会稳定"), "lexicon")
    for s in doc.slogans:
        assert text[s.start : s.end] == s.text


def test_a_user_row_replaces_the_shipped_senses_of_its_slogan(mine: Path) -> None:
    shipped = [e for e in shipped_slogans() if e.slogan == "四个意识"]
    assert shipped and len(shipped[0].items) == 4
    doc = Analyzer(extra_slogans=mine).analyze("增强四个意识")
    assert [(s.lexicon_id, s.lexicon_items) for s in doc.slogans] == [("mine-2", ("政治意识", "大局意识"))]
    # the default analyzer is untouched
    assert [s.lexicon_id for s in policytext.analyze("增强四个意识").slogans] == [shipped[0].id]


def test_without_a_list_the_analyzer_is_the_default_one() -> None:
    text = "决胜全面建成小康社会，落实两不愁三保障，12.1万人脱贫。"
    assert Analyzer().analyze(text) == policytext.analyze(text)
    assert Analyzer().resources is default_resources()


def test_user_slogans_are_one_token(mine: Path) -> None:
    doc = Analyzer(extra_slogans=mine).analyze("落实三个确保", tokens=True)
    assert [t.text for t in doc.tokens] == ["落实", "三个确保"]
    # the shipped segmenter is not taught a user's words
    assert "三个确保" not in [t.text for t in policytext.analyze("落实三个确保", tokens=True).tokens]


@pytest.mark.parametrize(
    "content, where, problem",
    [
        ("items\tsource\n甲、乙\tx\n", ":1", "no 'slogan' column"),
        ("slogan\titems\n三个确保\t甲、、乙\n", ":2", "empty member"),
        ("slogan\n共同富裕\n", ":2", "has no numeral"),
        ("slogan\tkind\n三个确保\tmotto\n", ":2", "kind 'motto'"),
        ("slogan\n三个确保\n# a comment\n三个确保\n", ":4", "listed twice (first at"),
        ("slogan\titems\n三个确保\t甲\t乙\n", ":2", "3 fields for a header of 2"),
        ("slogan\n\t\n \n", "", "has no slogan rows"),
        ("slogan\n三个 确保\n", ":2", "not one formulation"),
    ],
)
def test_a_bad_list_is_one_error_naming_file_and_line(tmp_path: Path, content: str, where: str, problem: str) -> None:
    path = tmp_path / "bad.tsv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as err:
        Analyzer(extra_slogans=path)
    message = str(err.value)
    assert message.startswith(f"{path}{where}")
    assert problem in message


def test_a_list_that_is_not_utf8_or_missing_is_named(tmp_path: Path) -> None:
    path = tmp_path / "gbk.tsv"
    path.write_bytes("slogan\n三个确保\n".encode("gbk"))
    with pytest.raises(InputError, match=r"gbk\.tsv: is not UTF-8"):
        read_user_slogans(path)
    with pytest.raises(InputError, match=r"nothere\.tsv: no such file"):
        read_user_slogans(tmp_path / "nothere.tsv")


def test_rows_may_be_given_as_mappings() -> None:
    a = Analyzer(extra_slogans=[{"slogan": "五个一批", "items": ["发展生产脱贫一批", "易地搬迁脱贫一批"]}])
    assert a.extra_slogans[0].items == ("发展生产脱贫一批", "易地搬迁脱贫一批")
    assert a.extra_slogans[0].id == "<rows>:1"
    with pytest.raises(InputError, match=r"<rows>:1: the slogan is empty"):
        Analyzer(extra_slogans=[{"items": "甲"}])


def test_an_analyzer_pickles_by_its_configuration_and_is_rebuilt_once(mine: Path) -> None:
    a = Analyzer(extra_slogans=mine)
    data = pickle.dumps(a)
    assert len(data) < 2_000  # the rows, not the lexicon, matcher or segmenter
    b, c = pickle.loads(data), pickle.loads(data)
    assert b is c  # one rebuilt instance per configuration in a process
    assert b.config() == a.config()
    assert b.config()["extra_slogans"] == str(mine) and b.config()["extra_slogans_rows"] == 2
    assert b.analyze("落实三个确保").slogans == a.analyze("落实三个确保").slogans
    assert pickle.loads(pickle.dumps(Analyzer())) is policytext.analyzer.default_analyzer("jieba")


def test_the_segmenter_may_be_an_object_with_cut() -> None:
    tk = jieba.Tokenizer()
    a = Analyzer(segmenter=tk)
    doc = a.analyze("坚持“两不愁三保障” 标准", tokens=True)
    assert [t.text for t in doc.tokens] == ["坚持", "“", "两不愁三保障", "”", "标准"]  # taught the lexicon
    assert a.config()["segmenter"] == "Tokenizer"


def test_a_segmenter_whose_tokens_do_not_spell_the_text_is_an_error() -> None:
    class Dropping:
        def cut(self, text: str) -> list[str]:
            return [text[1:]]

    with pytest.raises(PolicytextError, match="Dropping: its tokens do not spell the text"):
        Analyzer(segmenter=Dropping()).analyze("四个意识", tokens=True)


@pytest.mark.parametrize("bad", ["hanlp", 3])
def test_an_unknown_segmenter_lists_the_choices(bad: object) -> None:
    with pytest.raises(OptionError, match=r"jieba.*rjieba"):
        Analyzer(segmenter=bad)  # type: ignore[arg-type]


def test_lone_surrogates_are_replaced_one_for_one_and_noted() -> None:
    """A lone surrogate (a JSON "\\ud800" escape without its pair) cannot be written as UTF-8:
    it is replaced by U+FFFD, offsets hold, and the document says how many were."""
    import json

    from policytext import analyze

    doc = analyze("四个意识\ud800两个维护", id="a\udcff", meta={"k": 1})
    assert (doc.text, doc.id) == ("四个意识\ufffd两个维护", "a\ufffd")
    assert [(s.text, s.start, s.end) for s in doc.slogans] == [("四个意识", 0, 4), ("两个维护", 5, 9)]
    assert doc.meta == {"k": 1, "policytext_replaced": 2}
    json.dumps(doc.to_dict(), ensure_ascii=False).encode("utf-8")  # writable
    assert analyze("四个意识").meta == {}
