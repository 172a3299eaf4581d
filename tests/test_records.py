"""Records: frozen, slotted dataclasses whose ``__init__`` sets the slots directly."""

from __future__ import annotations

import dataclasses
import inspect
from decimal import Decimal

import pytest

from policytext import records as R

RECORDS = [R.Span, R.Sentence, R.Token, R.Paragraph, R.Boilerplate, R.Item, R.Slogan, R.Quantity, R.DateMention, R.Finding]


@pytest.mark.parametrize("cls", RECORDS, ids=lambda c: c.__name__)
def test_a_record_takes_its_fields_as_the_dataclass_says(cls: type) -> None:
    """Every field is a parameter, in order, with its default; a missing one is an error; the
    record stays frozen."""
    params = list(inspect.signature(cls).parameters.values())
    fields = dataclasses.fields(cls)
    assert [p.name for p in params] == [f.name for f in fields]
    for p, f in zip(params, fields):
        assert p.default is (inspect.Parameter.empty if f.default is dataclasses.MISSING else f.default)
        assert p.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD
    required = [f.name for f in fields if f.default is dataclasses.MISSING]
    with pytest.raises(TypeError, match="missing"):
        cls(*range(len(required) - 1))
    record = cls(*(f"v{i}" for i in range(len(required))))
    assert [getattr(record, f.name) for f in fields] == [
        f"v{i}" if i < len(required) else f.default for i, f in enumerate(fields)
    ]
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(record, fields[0].name, "changed")


def test_records_made_by_position_or_keyword_are_equal_and_hash_alike() -> None:
    a = R.Quantity("12.1万人", 3, 9, Decimal("121000"), "人", "count", counted="人", si_value=Decimal("121000"))
    b = R.Quantity(text="12.1万人", start=3, end=9, value=Decimal("121000"), unit="人", kind="count",
                   qualifier=None, counted="人", low=None, high=None, si_value=Decimal("121000"), si_unit=None)  # fmt: skip
    assert a == b and hash(a) == hash(b) and repr(a) == repr(b)
    assert dataclasses.replace(a, kind="money").kind == "money" and a.kind == "count"
    assert a.to_dict()["value"] == 121000 and dataclasses.asdict(a)["si_value"] == Decimal("121000")
    with pytest.raises(TypeError, match="unexpected keyword"):
        R.Span(text="x", start=0, end=1, label="y")  # type: ignore[call-arg]


# a news sentence with a slogan and its items, quantities, a date, a finding, and Traditional script
PICKLED = "2019年，發現問題7680 個，整改7553 個，整改率98.3%。增强“四个意识”：政治意识、大局意识、核心意识、看齐意识。"


@pytest.mark.parametrize("tokens", [False, True])
def test_a_document_pickles_and_copies_to_an_equal_document(tokens: bool) -> None:
    """A Document crosses a process pipe as its wire form (policytext.wire) and comes back equal,
    its records built on first read; pickled again before any is read, it stays equal."""
    import copy
    import pickle

    import policytext

    doc = policytext.analyze(PICKLED, tokens=tokens)
    assert [d.year for d in doc.dates] == [2019]
    assert [(f.check, f.status) for f in doc.findings] == [("ratio", "ok"), ("slogan_item_count", "ok")]
    pickled = pickle.dumps(doc, pickle.HIGHEST_PROTOCOL)
    assert b"document_from_form" in pickled and PICKLED.encode("utf-8") in pickled  # the compact form, text once
    back = pickle.loads(pickled)
    again = pickle.loads(pickle.dumps(back, pickle.HIGHEST_PROTOCOL))  # records still unbuilt
    for other in (back, again, copy.copy(doc), copy.deepcopy(doc)):
        assert other == doc and other.to_dict() == doc.to_dict()
        assert [q.text for q in other.quantities] == ["7680 個", "7553 個", "98.3%"]
        assert other.findings[0].stated == Decimal("98.3") and type(other.findings[0].stated) is Decimal


def test_the_wire_form_leaves_out_the_text() -> None:
    """What a pipe worker sends back: everything of a Document but its text."""
    import pickle

    import policytext
    from policytext.wire import document_form, document_from_form

    doc = policytext.analyze(PICKLED, tokens=True)
    form = pickle.dumps(document_form(doc))
    assert PICKLED.encode("utf-8") not in form
    back = document_from_form(doc.text, pickle.loads(form))
    assert back == doc and list(back.tokens) == list(doc.tokens) and back.text_simplified == doc.text_simplified
    assert [(s.normalized, [i.text for i in s.items]) for s in back.slogans] == [
        ("四个意识", ["政治意识", "大局意识", "核心意识", "看齐意识"])
    ]
