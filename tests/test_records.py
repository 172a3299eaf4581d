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
