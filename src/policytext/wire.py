"""The wire form of records: how a :class:`~policytext.records.Document` crosses a process pipe.

A pipe worker sends back :func:`document_form` of each Document it made: everything but the text
the caller already has, with the records as rows of plain values (Decimals as strings, offset
arrays as bytes).  That is several times cheaper to pickle and unpickle than record objects; the
receiving side (:func:`document_from_form`) leaves the rows as they are and the Document builds
its records the first time one of those fields is read.

Importing this module registers the same form as the pickle (and ``copy``) reduction of
Documents and of :class:`~policytext.records.SpanRecords`, through :mod:`copyreg`, so that a
Document pickled by any other route is as cheap.  The bytes are the machine's own
(``array.tobytes``): these pickles are for crossing processes of one run, never for storage.

This module imports :mod:`policytext.records`, never the other way round: the records are the
public schema, this is one way of shipping them.
"""

from __future__ import annotations

import copyreg
from array import array
from collections.abc import Sequence
from dataclasses import fields
from decimal import Decimal
from operator import attrgetter
from typing import Any

from .records import (
    _DEFERRED_FIELDS,
    Boilerplate,
    DateMention,
    Document,
    Finding,
    Item,
    Quantity,
    Slogan,
    Span,
    SpanRecords,
    Token,
    Tokens,
)

__all__ = ["document_form", "document_from_form"]


#: a Document's record fields that travel as rows, with their record class, in the form's order
_ROW_FIELDS: tuple[tuple[str, type], ...] = (
    ("slogans", Slogan), ("quantities", Quantity), ("dates", DateMention), ("findings", Finding), ("boilerplate", Boilerplate),
)  # fmt: skip
assert {name for name, _ in _ROW_FIELDS} == _DEFERRED_FIELDS
#: the fields a form carries as they are, in the form's order after the text
_HEAD_NAMES = ("text", "text_simplified", "script", "id", "meta", "paragraphs", "sentences", "tokens")
_ROW = {cls: attrgetter(*(f.name for f in fields(cls))) for _, cls in _ROW_FIELDS}
_SPAN_ROW = attrgetter("text", "start", "end")  # Item and Span


class _Rows:
    """A Document's record fields as rows, until first read (see ``Document._wire``)."""

    __slots__ = ("rows",)

    def __init__(self, rows: tuple[Any, ...]) -> None:
        self.rows = rows

    def build(self) -> list[tuple[str, tuple[Any, ...]]]:
        return [(name, _decode(cls, rows)) for (name, cls), rows in zip(_ROW_FIELDS, self.rows)]


def document_form(doc: Document) -> tuple[Any, ...]:
    """Everything of ``doc`` but its text, in a form that is cheap to pickle: what a worker of
    ``pipe`` sends back for a text the caller already has.  A string equal to the text (the
    Simplified text of a Simplified article, the working text of its tokens) is left out too.
    :func:`document_from_form` with the text gives the Document back."""
    text = doc.text
    simplified = doc.text_simplified
    pending = object.__getattribute__(doc, "_wire")
    if isinstance(pending, _Rows):
        rows = pending.rows  # never built on this side: passed on as it came
    else:
        rows = tuple(_encode(cls, getattr(doc, name)) for name, cls in _ROW_FIELDS)
    return (
        None if simplified == text else simplified, doc.script, doc.id, doc.meta,
        doc.paragraphs, doc.sentences, _tokens_form(doc.tokens, text, simplified), rows,
    )  # fmt: skip


def document_from_form(text: str, form: tuple[Any, ...]) -> Document:
    """The Document whose :func:`document_form` is ``form``, given its text."""
    simplified, script, id_, meta, paragraphs, sentences, tokens, rows = form
    if simplified is None:
        simplified = text
    tokens = _tokens_from_form(tokens, text, simplified)
    doc = object.__new__(Document)
    for name, value in zip(_HEAD_NAMES, (text, simplified, script, id_, meta, paragraphs, sentences, tokens)):
        object.__setattr__(doc, name, value)
    object.__setattr__(doc, "_wire", _Rows(rows))
    return doc


def _reduce_document(doc: Document) -> tuple[Any, ...]:
    return document_from_form, (doc.text, document_form(doc))


# -- tokens and spans: offset arrays as bytes ---------------------------------------------------


def _tokens_form(tokens: Sequence[Token] | None, text: str, simplified: str) -> Any:
    """``Tokens`` of the document's text as ``(working, shared, offsets)``: the working text
    left out (None) when it is the text and given as 1 when it is the Simplified text, and the
    offset arrays as bytes, two of them when the working offsets are the original's; anything
    else in a list."""
    if tokens is None:
        return None
    if type(tokens) is not Tokens or tokens._original != text:
        return [tokens]
    working = tokens._working
    shared = tokens._wstarts is tokens._starts and tokens._wends is tokens._ends
    packed = tokens._starts.tobytes() + tokens._ends.tobytes()
    if not shared:
        packed += tokens._wstarts.tobytes() + tokens._wends.tobytes()
    return (None if working == text else 1 if working == simplified else working, shared, packed)


def _tokens_from_form(form: Any, text: str, simplified: str) -> Any:
    if type(form) is not tuple:
        return None if form is None else form[0]  # a list holding whatever else the field held
    working, shared, packed = form
    working = text if working is None else simplified if working == 1 else working
    if shared:
        starts, ends = _unpack_offsets(packed, 2)
        return Tokens.from_arrays(text, working, starts, ends, starts, ends)
    return Tokens.from_arrays(text, working, *_unpack_offsets(packed, 4))


def _reduce_span_records(records: SpanRecords) -> tuple[Any, ...]:
    # both offset arrays as one bytes object: a third of what the default (a slots state
    # dict and two array reconstructors) costs to pickle and unpickle
    return _span_records, (records._cls, records._starts.tobytes() + records._ends.tobytes(), records._labels)


def _span_records(cls: type, packed: bytes, labels: tuple[str, ...] | None) -> SpanRecords:
    records = SpanRecords.__new__(SpanRecords)
    starts, ends = _unpack_offsets(packed, 2)
    records._cls, records._starts, records._ends, records._labels = cls, starts, ends, labels
    return records


def _unpack_offsets(packed: bytes, n: int) -> list[array[int]]:
    """``n`` offset arrays of equal length from their bytes, concatenated.  The bytes are the
    machine's own (``array.tobytes``): pickles go between processes of one kind of machine."""
    whole = array("l")
    whole.frombytes(packed)
    k = len(whole) // n
    return [whole[i * k : (i + 1) * k] for i in range(n)]


# -- records as rows ----------------------------------------------------------------------------


def _encode(cls: type, records: tuple[Any, ...]) -> tuple[Any, ...]:
    """Records as rows of plain values: nested Items and Spans as tuples, Decimals as str."""
    if cls is Quantity:  # value, low, high, si_value: a Decimal or None
        return tuple(
            (q.text, q.start, q.end, None if q.value is None else str(q.value), q.unit, q.kind, q.qualifier, q.counted,
             None if q.low is None else str(q.low), None if q.high is None else str(q.high),
             None if q.si_value is None else str(q.si_value), q.si_unit)
            for q in records
        )  # fmt: skip
    row = _ROW[cls]
    if cls is Slogan:
        return tuple((*r[:7], tuple(map(_SPAN_ROW, r[7])), *r[8:]) for r in map(row, records))
    if cls is Finding:
        return tuple((*r[:3], tuple(map(_SPAN_ROW, r[3])), _dec_out(r[4]), _dec_out(r[5])) for r in map(row, records))
    return tuple(map(row, records))


def _decode(cls: type, rows: tuple[Any, ...]) -> tuple[Any, ...]:
    if cls is Quantity:
        return tuple(
            Quantity(t, s, e, None if v is None else Decimal(v), u, k, q, c, None if lo is None else Decimal(lo),
                     None if hi is None else Decimal(hi), None if si is None else Decimal(si), su)
            for t, s, e, v, u, k, q, c, lo, hi, si, su in rows
        )  # fmt: skip
    if cls is Slogan:
        return tuple(Slogan(*r[:7], tuple(Item(*i) for i in r[7]), *r[8:]) for r in rows)
    if cls is Finding:
        return tuple(Finding(*r[:3], tuple(Span(*s) for s in r[3]), _dec_in(r[4]), _dec_in(r[5])) for r in rows)
    return tuple(cls(*r) for r in rows)


def _dec_out(value: Decimal | int | None) -> str | int | None:
    return str(value) if isinstance(value, Decimal) else value


def _dec_in(value: str | int | None) -> Decimal | int | None:
    return Decimal(value) if isinstance(value, str) else value


copyreg.pickle(Document, _reduce_document)
copyreg.pickle(SpanRecords, _reduce_span_records)
