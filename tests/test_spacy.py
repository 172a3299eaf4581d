"""The spaCy component and tokenizer, in real spaCy pipelines."""

from __future__ import annotations

import json
import pickle
import re
import subprocess
import sys
from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc, DocBin

import policytext
from policytext.errors import InputError
from policytext.integrations.spacy import load

KEYS = ("policytext_slogans", "policytext_quantities", "policytext_dates")


@pytest.fixture(scope="module")
def zh_jieba():  # type: ignore[no-untyped-def]
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    nlp.add_pipe("policytext")
    return nlp


@pytest.fixture(scope="module")
def policy_nlp():  # type: ignore[no-untyped-def]
    return load()


def test_extensions_are_registered_by_the_factory_not_at_import() -> None:
    code = (
        "import spacy; from spacy.tokens import Span; import policytext.integrations.spacy; "
        "before = Span.has_extension('policytext_number'); nlp = spacy.blank('zh'); "
        "nlp.add_pipe('policytext'); print(before, Span.has_extension('policytext_number'))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "True"]


@pytest.mark.parametrize("fixture", ["zh_jieba", "policy_nlp"])
def test_every_seed_slogan_survives_as_a_span(request, fixture: str, seed_text: str) -> None:  # type: ignore[no-untyped-def]
    nlp = request.getfixturevalue(fixture)
    doc = nlp(seed_text)
    record = policytext.analyze(seed_text)
    spans = doc.spans["policytext_slogans"]
    assert [s._.policytext_normalized for s in spans] == [s.normalized for s in record.slogans]
    for span, s in zip(spans, record.slogans):
        assert span._.policytext_char_span == [s.start, s.end]
        assert span.start_char <= s.start and s.end <= span.end_char  # widened, never cut
        assert span._.policytext_number == s.number and span._.policytext_parts == list(s.parts)
    assert len(doc.spans["policytext_quantities"]) == len(record.quantities)
    assert len(doc.spans["policytext_dates"]) == len(record.dates)


def test_traditional_text_keeps_spans_on_the_original_characters(policy_nlp) -> None:  # type: ignore[no-untyped-def]
    text = "踐行“四個意識”，總規模36.576 萬千瓦，2017 年10 月以來"
    doc = policy_nlp(text)
    assert doc.text == text
    (slogan,) = doc.spans["policytext_slogans"]
    assert slogan.text == "四個意識" and slogan._.policytext_normalized == "四个意识"
    assert len(slogan) == 1  # the policy-aware tokenizer keeps a slogan as one token
    (q,) = doc.spans["policytext_quantities"]
    assert (q.text, q._.policytext_value, q._.policytext_unit, q.label_) == ("36.576 萬千瓦", 365760, "千瓦", "power")
    (d,) = doc.spans["policytext_dates"]
    assert (d._.policytext_year, d._.policytext_month, d._.policytext_qualifier) == (2017, 10, "since")


def test_tokenizer_covers_every_character(policy_nlp) -> None:  # type: ignore[no-untyped-def]
    text = "標題\n\n  正文：两不愁三保障 和 9+9产业扶贫工程。\r\n末尾 "
    doc = policy_nlp.make_doc(text)
    assert doc.text == text
    assert not doc.user_data and Doc(policy_nlp.vocab).from_bytes(doc.to_bytes()).text == text
    assert "两不愁三保障" in [t.text for t in doc] and "9+9产业扶贫工程" in [t.text for t in doc]


def test_configurable_span_keys() -> None:
    nlp = load(slogans_key="s", quantities_key="q", dates_key="d")
    doc = nlp("践行四个意识，12.1万人脱贫，2018年")
    assert set(doc.spans) == {"s", "q", "d"}


def test_docbin_round_trip_keeps_spans_and_extensions(policy_nlp, seed_text: str) -> None:  # type: ignore[no-untyped-def]
    doc = policy_nlp(seed_text)
    data = DocBin(store_user_data=True, docs=[doc]).to_bytes()
    (back,) = DocBin().from_bytes(data).get_docs(policy_nlp.vocab)
    for key in KEYS:
        assert [(s.start, s.end, s.label_) for s in back.spans[key]] == [(s.start, s.end, s.label_) for s in doc.spans[key]]
    assert [s._.policytext_value for s in back.spans["policytext_quantities"]] == [
        s._.policytext_value for s in doc.spans["policytext_quantities"]
    ]
    assert [f["status"] for f in back._.policytext_findings] == [f["status"] for f in doc._.policytext_findings]


def test_pipe_in_two_processes(zh_jieba, seed_text: str) -> None:  # type: ignore[no-untyped-def]
    texts = [seed_text, "实现“三个精准”：即帮扶对象精准；帮扶措施精准；帮扶力量精准。"]
    serial = [[s._.policytext_normalized for s in d.spans["policytext_slogans"]] for d in zh_jieba.pipe(texts)]
    parallel = [[s._.policytext_normalized for s in d.spans["policytext_slogans"]] for d in zh_jieba.pipe(texts, n_process=2)]
    assert parallel == serial and serial[1] == ["三个精准"]


def test_pipeline_from_a_config_file(tmp_path: Path) -> None:
    cfg = tmp_path / "config.cfg"
    cfg.write_text(
        "[nlp]\nlang = \"zh\"\npipeline = [\"policytext\"]\n\n"
        "[nlp.tokenizer]\n@tokenizers = \"policytext.JiebaTokenizer.v1\"\nsegmenter = \"jieba\"\n\n"
        "[components]\n\n[components.policytext]\nfactory = \"policytext\"\nslogans_key = \"slogans\"\n",
        encoding="utf-8",
    )
    nlp = spacy.util.load_model_from_config(spacy.util.load_config(cfg), auto_fill=True)
    doc = nlp("落实两不愁三保障")
    assert [t.text for t in doc] == ["落实", "两不愁三保障"]
    assert [s._.policytext_parts for s in doc.spans["slogans"]] == [[2, 3]]
    nlp.to_disk(tmp_path / "model")
    again = spacy.load(tmp_path / "model")
    assert [t.text for t in again("落实两不愁三保障")] == ["落实", "两不愁三保障"]


# -- a user's slogan list, carried by the pipeline ------------------------------------------------

USER_TSV = (
    "slogan\titems\tsource\n"
    "三个确保\t确保甲、确保乙、确保丙\t县委文件\n"
    "五个坚持\t坚持甲、坚持乙、坚持丙、坚持丁、坚持戊\t\n"
)
USER_TEXT = "全县落实“三个确保”，踐行五個堅持，12.1万人脱贫。"


def _slogans(doc) -> list[tuple[str, str, list[int], list[str]]]:  # type: ignore[no-untyped-def]
    return [
        (s.text, s._.policytext_normalized, s._.policytext_char_span, s._.policytext_items)
        for s in doc.spans["policytext_slogans"]
    ]


EXPECTED_USER_SLOGANS = [
    ("三个确保", "三个确保", [5, 9], ["确保甲", "确保乙", "确保丙"]),
    ("五個堅持", "五个坚持", [13, 17], ["坚持甲", "坚持乙", "坚持丙", "坚持丁", "坚持戊"]),
]


@pytest.fixture()
def user_tsv(tmp_path: Path) -> Path:
    path = tmp_path / "mine.tsv"
    path.write_text(USER_TSV, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def user_list(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same list, kept for the module (tests that delete it use ``user_tsv``)."""
    path = tmp_path_factory.mktemp("list") / "mine.tsv"
    path.write_text(USER_TSV, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def taught_nlp(user_list: Path):  # type: ignore[no-untyped-def]
    """The policy-aware pipeline, tokenizer and component given the user's list."""
    return load(extra_slogans=str(user_list))


def test_user_slogans_from_the_add_pipe_config(user_tsv: Path) -> None:
    nlp = spacy.blank("zh")
    component = nlp.add_pipe("policytext", config={"extra_slogans": str(user_tsv)})
    assert [(e.slogan, e.items, e.source) for e in component.analyzer.extra_slogans] == [
        ("三个确保", ("确保甲", "确保乙", "确保丙"), "县委文件"),
        ("五个坚持", ("坚持甲", "坚持乙", "坚持丙", "坚持丁", "坚持戊"), "user list mine.tsv, line 3"),
    ]
    doc = nlp(USER_TEXT)
    assert _slogans(doc) == EXPECTED_USER_SLOGANS
    assert [(s.label_, s._.policytext_number) for s in doc.spans["policytext_slogans"]] == [("slogan", 3), ("slogan", 5)]
    assert nlp.config["components"]["policytext"]["extra_slogans"] == str(user_tsv)


def test_no_list_is_the_default() -> None:
    nlp = spacy.blank("zh")
    component = nlp.add_pipe("policytext")
    assert component.analyzer.extra_slogans == ()
    assert nlp.config["components"]["policytext"]["extra_slogans"] is None
    doc = nlp(USER_TEXT)
    assert [s.text for s in doc.spans["policytext_slogans"]] == [s.text for s in policytext.analyze(USER_TEXT).slogans]


@pytest.mark.parametrize("tokenizer", ["policytext", "spacy"])
def test_saved_pipeline_keeps_the_slogans_after_the_list_is_deleted(user_tsv: Path, tmp_path: Path, tokenizer: str) -> None:
    if tokenizer == "policytext":
        nlp = load(extra_slogans=str(user_tsv))
    else:
        nlp = spacy.blank("zh")
        nlp.add_pipe("policytext", config={"extra_slogans": str(user_tsv)})
    before = nlp(USER_TEXT)
    nlp.to_disk(tmp_path / "model")
    saved = (tmp_path / "model" / "policytext" / "slogans.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["slogan"] for line in saved] == ["三个确保", "五个坚持"]
    user_tsv.unlink()
    again = spacy.load(tmp_path / "model")
    after = again(USER_TEXT)
    assert _slogans(after) == _slogans(before) == EXPECTED_USER_SLOGANS
    assert [t.text for t in after] == [t.text for t in before]
    assert again.get_pipe("policytext").analyzer.extra_slogans == nlp.get_pipe("policytext").analyzer.extra_slogans


def test_bytes_round_trip_carries_the_slogans(taught_nlp) -> None:  # type: ignore[no-untyped-def]
    nlp = taught_nlp
    data = nlp.to_bytes()
    assert json.loads(nlp.get_pipe("policytext").to_bytes())["extra_slogans"][0]["items"] == ["确保甲", "确保乙", "确保丙"]
    fresh = load()
    assert _slogans(fresh(USER_TEXT)) != EXPECTED_USER_SLOGANS
    fresh.from_bytes(data)
    assert _slogans(fresh(USER_TEXT)) == EXPECTED_USER_SLOGANS
    assert "三个确保" in [t.text for t in fresh(USER_TEXT)]  # the tokenizer's rows came too


def test_tokenizer_keeps_the_users_slogans_one_token(policy_nlp, taught_nlp) -> None:  # type: ignore[no-untyped-def]
    text = "落实三个确保，踐行三個確保"
    plain = [t.text for t in policy_nlp.make_doc(text)]
    assert "三个确保" not in plain and "三個確保" not in plain
    taught = taught_nlp
    assert [t.text for t in taught.make_doc(text)] == ["落实", "三个确保", "，", "踐行", "三個確保"]
    clone = pickle.loads(pickle.dumps(taught.tokenizer))
    assert [t.text for t in clone(text)] == ["落实", "三个确保", "，", "踐行", "三個確保"]


def test_each_text_is_converted_once(user_list: Path, taught_nlp, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    import policytext.text.working as working

    calls: list[str] = []
    real = working.to_simplified

    def counting(text, *args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(text)
        return real(text, *args, **kwargs)

    policy = taught_nlp
    other = spacy.blank("zh")
    other.add_pipe("policytext", config={"extra_slogans": str(user_list)})
    texts = [USER_TEXT, "总规模36.576 萬千瓦，2017 年10 月以来"]
    monkeypatch.setattr(working, "to_simplified", counting)
    with_policy = [policy(t) for t in texts] + list(policy.pipe(texts))
    assert calls == texts + texts
    # the Doc carries nothing but the extension values, and serializes
    assert all(key[0] == "._." for d in with_policy for key in d.user_data)
    assert [len(Doc(policy.vocab).from_bytes(d.to_bytes())) for d in with_policy] == [len(d) for d in with_policy]
    assert [policy.tokenizer.take_prepared(d) for d in with_policy] == [None] * 4  # each was handed over
    calls.clear()
    with_other = list(other.pipe(texts))
    assert calls == texts  # another tokenizer: the component converts, once
    for a, b in zip(with_policy, with_other):
        for key in KEYS:
            assert [(s._.policytext_char_span, s.label_) for s in a.spans[key]] == [
                (s._.policytext_char_span, s.label_) for s in b.spans[key]
            ]
        assert _slogans(a) == [(s.text, n, c, i) for s, (_, n, c, i) in zip(a.spans["policytext_slogans"], _slogans(b))]
        assert a._.policytext_findings == b._.policytext_findings


def test_traditional_offsets_are_the_original_characters(user_list: Path, taught_nlp) -> None:  # type: ignore[no-untyped-def]
    text = "縣委要求落實“三個確保”和五個堅持，總規模36.576 萬千瓦，2017 年10 月以來"
    record = policytext.Analyzer(extra_slogans=user_list).analyze(text)
    doc = taught_nlp(text)
    assert doc.text == text
    pairs = [(doc.spans["policytext_slogans"], record.slogans), (doc.spans["policytext_quantities"], record.quantities),
             (doc.spans["policytext_dates"], record.dates)]  # fmt: skip
    for spans, records in pairs:
        assert len(spans) == len(records) > 0
        for span, r in zip(spans, records):
            assert doc.text[span.start_char : span.end_char] == r.text == span.text
            assert span._.policytext_char_span == [r.start, r.end]
    assert [s.text for s in doc.spans["policytext_slogans"]] == ["三個確保", "五個堅持"]
    assert doc.spans["policytext_slogans"][0]._.policytext_items == ["确保甲", "确保乙", "确保丙"]


def test_a_bad_list_is_one_error_naming_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.tsv"
    bad.write_text("slogan\titems\n三个确保\t甲、乙、丙\n四个坚持\t\t\textra\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"bad\.tsv:3: 4 fields for a header of 2"):
        spacy.blank("zh").add_pipe("policytext", config={"extra_slogans": str(bad)})
    with pytest.raises(InputError, match=r"bad\.tsv:3: 4 fields"):
        load(extra_slogans=str(bad))
    cfg = tmp_path / "config.cfg"
    cfg.write_text(README_CONFIG.replace("mine.tsv", str(bad)), encoding="utf-8")
    with pytest.raises(InputError, match=r"bad\.tsv:3: 4 fields"):
        spacy.util.load_model_from_config(spacy.util.load_config(cfg), auto_fill=True)


def test_a_missing_list_fails_when_the_pipeline_runs(tmp_path: Path) -> None:
    nlp = spacy.blank("zh")
    nlp.add_pipe("policytext", config={"extra_slogans": str(tmp_path / "nowhere.tsv")})
    with pytest.raises(InputError, match=r"nowhere\.tsv: no such file"):
        nlp(USER_TEXT)



def test_a_damaged_saved_row_is_an_error_naming_its_line(user_tsv: Path, tmp_path: Path) -> None:
    nlp = spacy.blank("zh")
    nlp.add_pipe("policytext", config={"extra_slogans": str(user_tsv)})
    nlp.to_disk(tmp_path / "model")
    saved = tmp_path / "model" / "policytext" / "slogans.jsonl"
    first, second = saved.read_text(encoding="utf-8").splitlines()
    saved.write_text(first + "\n\n" + second.replace('"items"', '"members_list"') + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"slogans\.jsonl:3: a saved slogan row has the fields"):
        spacy.load(tmp_path / "model")


def _readme_config() -> str:
    """The ``ini`` block of the README's spaCy section, as a reader copies it."""
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## In spaCy") : readme.index("## In scikit-learn")]
    blocks = re.findall(r"```ini\n(.*?)```", section, flags=re.S)
    assert len(blocks) == 1, "the spaCy section has one config block"
    return blocks[0]


README_CONFIG = _readme_config()


def test_the_readme_config_block(user_list: Path, tmp_path: Path) -> None:
    cfg = tmp_path / "config.cfg"
    cfg.write_text(README_CONFIG.replace("mine.tsv", str(user_list)), encoding="utf-8")
    nlp = spacy.util.load_model_from_config(spacy.util.load_config(cfg), auto_fill=True)
    doc = nlp(USER_TEXT)
    assert _slogans(doc) == EXPECTED_USER_SLOGANS
    assert "三个确保" in [t.text for t in doc]


def test_taught_pipeline_in_two_processes(taught_nlp) -> None:  # type: ignore[no-untyped-def]
    texts = [USER_TEXT, "踐行三個確保"]
    docs = list(taught_nlp.pipe(texts, n_process=2))
    assert _slogans(docs[0]) == EXPECTED_USER_SLOGANS
    assert [(s.text, s._.policytext_items) for s in docs[1].spans["policytext_slogans"]] == [("三個確保", ["确保甲", "确保乙", "确保丙"])]
