"""The spaCy component and tokenizer, in real spaCy pipelines."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import spacy
from spacy.tokens import DocBin

import policytext
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
