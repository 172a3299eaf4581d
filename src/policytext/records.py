"""Records: frozen, slotted dataclasses with half-open ``[start, end)`` offsets into the
ORIGINAL text of their document, so that ``document.text[r.start:r.end] == r.text`` always.

``Document.to_dict()`` gives JSON-ready data carrying :data:`SCHEMA`.
"""

from __future__ import annotations

from abc import abstractmethod
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, fields
from decimal import Decimal
from operator import attrgetter
from typing import Any, overload

__all__ = [
    "SCHEMA",
    "Span",
    "Sentence",
    "Token",
    "Paragraph",
    "Boilerplate",
    "Item",
    "Slogan",
    "Quantity",
    "DateMention",
    "Finding",
    "Document",
]

#: Name and version of the JSON layout; bumped whenever a field changes meaning or goes away.
SCHEMA = "policytext.document/1"


_SCALARS = frozenset({str, int, float, bool, type(None)})


def _plain(value: Any) -> Any:
    kind = type(value)
    if kind in _SCALARS:  # most values: checked by type first, the cheapest test
        return value
    if kind is Decimal:
        # exact decimal as int when integral, else float for JSON (the exact value stays in Python)
        return int(value) if value == value.to_integral_value() else float(value)
    if kind is tuple or kind is list:
        return [_plain(v) for v in value]
    if isinstance(value, Record):
        return value.to_dict()
    if isinstance(value, _LazyRecords):
        return value.to_dicts()
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, (list, tuple, Sequence)) and not isinstance(value, str):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


class Record:
    """Mixin: ``to_dict()`` for dataclass records."""

    __slots__ = ()

    def to_dict(self) -> dict[str, Any]:
        found = _FIELD_GETTERS.get(type(self))
        if found is None:
            names = tuple(f.name for f in fields(self))  # type: ignore[arg-type]
            found = _FIELD_GETTERS[type(self)] = (names, attrgetter(*names) if len(names) > 1 else lambda r: (getattr(r, names[0]),))
        names, values = found
        return {n: (v if type(v) in _SCALARS else _plain(v)) for n, v in zip(names, values(self))}


#: each record class's field names and a getter of their values, made once (dataclasses.fields()
#: builds the names on every call)
_FIELD_GETTERS: dict[type, tuple[tuple[str, ...], Any]] = {}


# -- making records ----------------------------------------------------------------------------
#
# A frozen dataclass's own ``__init__`` sets each field through ``object.__setattr__``, which looks
# the slot up again on every call: building records took a tenth of the time of ``analyze``.  So
# each record class writes its ``__init__`` out (``init=False``: the parameters are its fields, in
# order, with their defaults; tests/test_records.py holds the two together) and sets its slots
# through their descriptors, taken once from the finished class: half the time, the same records.


def _slot_setters(cls: type) -> tuple[Any, ...]:
    """The ``__set__`` of each slot of the slotted dataclass ``cls``, in field order."""
    return tuple(cls.__dict__[f.name].__set__ for f in fields(cls))


@dataclass(frozen=True, slots=True, init=False)
class Span(Record):
    text: str
    start: int
    end: int

    def __init__(self, text: str, start: int, end: int) -> None:
        set_text, set_start, set_end = _SPAN_SETTERS
        set_text(self, text)
        set_start(self, start)
        set_end(self, end)


_SPAN_SETTERS = _slot_setters(Span)


@dataclass(frozen=True, slots=True, init=False)
class Sentence(Record):
    start: int
    end: int

    def __init__(self, start: int, end: int) -> None:
        set_start, set_end = _SENTENCE_SETTERS
        set_start(self, start)
        set_end(self, end)


_SENTENCE_SETTERS = _slot_setters(Sentence)


@dataclass(frozen=True, slots=True, init=False)
class Token(Record):
    text: str
    start: int
    end: int
    #: the token as segmented: Simplified, width-folded
    normalized: str

    def __init__(self, text: str, start: int, end: int, normalized: str) -> None:
        set_text, set_start, set_end, set_normalized = _TOKEN_SETTERS
        set_text(self, text)
        set_start(self, start)
        set_end(self, end)
        set_normalized(self, normalized)


_TOKEN_SETTERS = _slot_setters(Token)


class _LazyRecords(Sequence[Any]):
    """An immutable sequence of records stored as offset arrays, each record built when read.
    Subclasses define ``_make(i)`` and ``_key()`` (what two of them are equal by); equal to any
    sequence of the same records."""

    __slots__ = ("_starts", "_ends")

    def __len__(self) -> int:
        return len(self._starts)

    @overload
    def __getitem__(self, i: int) -> Any: ...
    @overload
    def __getitem__(self, i: slice) -> tuple[Any, ...]: ...
    def __getitem__(self, i: int | slice) -> Any:
        if isinstance(i, slice):
            return tuple(self._make(k) for k in range(*i.indices(len(self))))
        if i < 0:
            i += len(self)
        if not 0 <= i < len(self):
            raise IndexError(i)
        return self._make(i)

    @abstractmethod
    def _make(self, i: int) -> Any:
        """The record at position ``i``."""

    def to_dicts(self) -> list[dict[str, Any]]:
        """``[r.to_dict() for r in self]``; subclasses build the dicts without the records."""
        return [r.to_dict() for r in self]

    @abstractmethod
    def _key(self) -> Any:
        """What two sequences of this kind are equal by."""

    def __eq__(self, other: object) -> bool:
        if type(other) is type(self):
            return bool(self._key() == other._key())  # type: ignore[attr-defined]
        if isinstance(other, Sequence):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]


class Tokens(_LazyRecords):
    """A document's tokens, stored as offset arrays and made into :class:`Token` records when
    read (a news item has thousands of tokens; building each record up front cost as much as
    segmenting)."""

    __slots__ = ("_original", "_working", "_wstarts", "_wends")

    def __init__(
        self, original: str, working: str, spans: Sequence[tuple[int, int]], wspans: Sequence[tuple[int, int]]
    ) -> None:
        self._original, self._working = original, working
        self._starts = array("l", (s for s, _ in spans))
        self._ends = array("l", (e for _, e in spans))
        self._wstarts = array("l", (s for s, _ in wspans))
        self._wends = array("l", (e for _, e in wspans))

    @classmethod
    def from_arrays(
        cls, original: str, working: str, starts: array[int], ends: array[int], wstarts: array[int], wends: array[int]
    ) -> Tokens:
        """Tokens from span arrays as :meth:`policytext.text.segment.Segmenter.cut_arrays` gives them
        (the same arrays for both texts when the offsets are the original's)."""
        tokens = cls.__new__(cls)
        tokens._original, tokens._working = original, working
        tokens._starts, tokens._ends, tokens._wstarts, tokens._wends = starts, ends, wstarts, wends
        return tokens

    def _make(self, i: int) -> Token:
        s, e = self._starts[i], self._ends[i]
        return Token(self._original[s:e], s, e, self._working[self._wstarts[i] : self._wends[i]])

    def _key(self) -> Any:
        return (self._starts, self._ends, self._original, [self._working[a:b] for a, b in zip(self._wstarts, self._wends)])

    def __repr__(self) -> str:
        return f"Tokens({len(self)} tokens)"

    def to_dicts(self, start: int = 0, stop: int | None = None) -> list[dict[str, Any]]:
        """The tokens ``start:stop`` (all by default) as JSON-ready dicts; a writer of a very
        long document takes them a block at a time rather than all at once."""
        o, w = self._original, self._working
        part = slice(start, stop)
        return [
            {"text": o[s:e], "start": s, "end": e, "normalized": w[a:b]}
            for s, e, a, b in zip(self._starts[part], self._ends[part], self._wstarts[part], self._wends[part])
        ]

    def texts(self) -> list[str]:
        """The tokens as written in the original, without building records."""
        o = self._original
        return [o[s:e] for s, e in zip(self._starts, self._ends)]


class SpanRecords(_LazyRecords):
    """Records that are only a span (and maybe a label) — a document's sentences and
    paragraphs — stored as offset arrays and made into records when read.  A news item has a
    dozen of each; as objects they were most of what a worker had to send back."""

    __slots__ = ("_cls", "_labels")

    def __init__(self, cls: type, spans: Iterable[tuple[int, int]], labels: Sequence[str] | None = None) -> None:
        self._cls = cls
        pairs = spans if isinstance(spans, list) else list(spans)
        starts, ends = zip(*pairs) if pairs else ((), ())
        self._starts = array("l", starts)
        self._ends = array("l", ends)
        self._labels = tuple(labels) if labels is not None else None

    def _make(self, i: int) -> Any:
        if self._labels is None:
            return self._cls(self._starts[i], self._ends[i])
        return self._cls(self._starts[i], self._ends[i], self._labels[i])

    def _key(self) -> Any:
        return (self._cls, self._starts, self._ends, self._labels)

    def to_dicts(self) -> list[dict[str, Any]]:
        if self._cls is Sentence:
            return [{"start": s, "end": e} for s, e in zip(self._starts, self._ends)]
        if self._cls is Paragraph and self._labels is not None:
            return [{"start": s, "end": e, "script": k} for s, e, k in zip(self._starts, self._ends, self._labels)]
        return super().to_dicts()

    def __repr__(self) -> str:
        return f"{self._cls.__name__} x {len(self)}"


@dataclass(frozen=True, slots=True, init=False)
class Paragraph(Record):
    start: int
    end: int
    #: ``simplified``, ``traditional``, ``mixed`` or ``none``
    script: str

    def __init__(self, start: int, end: int, script: str) -> None:
        set_start, set_end, set_script = _PARAGRAPH_SETTERS
        set_start(self, start)
        set_end(self, end)
        set_script(self, script)


_PARAGRAPH_SETTERS = _slot_setters(Paragraph)


@dataclass(frozen=True, slots=True, init=False)
class Boilerplate(Record):
    start: int
    end: int
    #: ``share_widget``, ``related_links``, ``photo_credit``, ``editor_credit``, ``source_line``,
    #: ``repeated_line``
    kind: str

    def __init__(self, start: int, end: int, kind: str) -> None:
        set_start, set_end, set_kind = _BOILERPLATE_SETTERS
        set_start(self, start)
        set_end(self, end)
        set_kind(self, kind)


_BOILERPLATE_SETTERS = _slot_setters(Boilerplate)


@dataclass(frozen=True, slots=True, init=False)
class Item(Record):
    text: str
    start: int
    end: int

    def __init__(self, text: str, start: int, end: int) -> None:
        set_text, set_start, set_end = _ITEM_SETTERS
        set_text(self, text)
        set_start(self, start)
        set_end(self, end)


_ITEM_SETTERS = _slot_setters(Item)


@dataclass(frozen=True, slots=True, init=False)
class Slogan(Record):
    text: str
    start: int
    end: int
    #: canonical Simplified form without quotes or spaces
    normalized: str
    #: the numeral of a simple form (四个意识 -> 4); None for compounds
    number: int | None
    #: every numeral in the form, in order (两不愁三保障 -> [2, 3])
    parts: tuple[int, ...]
    #: ``slogan``, ``plan_period``, ``congress``, ``plenum``, ``consensus``, ``document``
    kind: str
    items: tuple[Item, ...] = ()
    #: ``inline`` (the text states the items: ``items`` have spans), ``lexicon`` (the text does
    #: not, and ``lexicon_items`` gives the curated list), or None
    items_source: str | None = None
    #: the lexicon row (``PT0007``); homographs the context could not resolve: ``PT0006|PT0007``
    lexicon_id: str | None = None
    lexicon_source: str | None = None
    lexicon_items: tuple[str, ...] = ()
    #: how the mention was found: ``lexicon`` or a shape name
    matched_by: str = "shape"

    def __init__(
        self, text: str, start: int, end: int, normalized: str, number: int | None, parts: tuple[int, ...],
        kind: str, items: tuple[Item, ...] = (), items_source: str | None = None, lexicon_id: str | None = None,
        lexicon_source: str | None = None, lexicon_items: tuple[str, ...] = (), matched_by: str = "shape",
    ) -> None:
        (set_text, set_start, set_end, set_normalized, set_number, set_parts, set_kind, set_items,
         set_items_source, set_lexicon_id, set_lexicon_source, set_lexicon_items, set_matched_by) = _SLOGAN_SETTERS  # fmt: skip
        set_text(self, text)
        set_start(self, start)
        set_end(self, end)
        set_normalized(self, normalized)
        set_number(self, number)
        set_parts(self, parts)
        set_kind(self, kind)
        set_items(self, items)
        set_items_source(self, items_source)
        set_lexicon_id(self, lexicon_id)
        set_lexicon_source(self, lexicon_source)
        set_lexicon_items(self, lexicon_items)
        set_matched_by(self, matched_by)


_SLOGAN_SETTERS = _slot_setters(Slogan)


@dataclass(frozen=True, slots=True, init=False)
class Quantity(Record):
    text: str
    start: int
    end: int
    value: Decimal | None
    unit: str | None
    kind: str
    qualifier: str | None = None
    counted: str | None = None
    low: Decimal | None = None
    high: Decimal | None = None
    si_value: Decimal | None = None
    si_unit: str | None = None

    def __init__(
        self, text: str, start: int, end: int, value: Decimal | None, unit: str | None, kind: str,
        qualifier: str | None = None, counted: str | None = None, low: Decimal | None = None,
        high: Decimal | None = None, si_value: Decimal | None = None, si_unit: str | None = None,
    ) -> None:
        (set_text, set_start, set_end, set_value, set_unit, set_kind, set_qualifier, set_counted, set_low,
         set_high, set_si_value, set_si_unit) = _QUANTITY_SETTERS  # fmt: skip
        set_text(self, text)
        set_start(self, start)
        set_end(self, end)
        set_value(self, value)
        set_unit(self, unit)
        set_kind(self, kind)
        set_qualifier(self, qualifier)
        set_counted(self, counted)
        set_low(self, low)
        set_high(self, high)
        set_si_value(self, si_value)
        set_si_unit(self, si_unit)


_QUANTITY_SETTERS = _slot_setters(Quantity)


@dataclass(frozen=True, slots=True, init=False)
class DateMention(Record):
    text: str
    start: int
    end: int
    year: int | None = None
    month: int | None = None
    day: int | None = None
    #: a part of the period: ``end`` (年底, 月底), ``start`` (年初), ``H1``, ``Q3``, ``early``/``mid``/``late`` (旬)
    part: str | None = None
    #: 去年 → ``last_year``, 今年 → ``this_year``, 本月 → ``this_month`` …
    relative: str | None = None
    #: ``since`` (以来), ``by`` (到…), ``before``, ``after``, ``as_of`` (截至)
    qualifier: str | None = None
    #: the end of a range (2016—2020年)
    to_year: int | None = None
    to_month: int | None = None
    to_day: int | None = None

    def __init__(
        self, text: str, start: int, end: int, year: int | None = None, month: int | None = None,
        day: int | None = None, part: str | None = None, relative: str | None = None,
        qualifier: str | None = None, to_year: int | None = None, to_month: int | None = None,
        to_day: int | None = None,
    ) -> None:
        (set_text, set_start, set_end, set_year, set_month, set_day, set_part, set_relative, set_qualifier,
         set_to_year, set_to_month, set_to_day) = _DATE_MENTION_SETTERS  # fmt: skip
        set_text(self, text)
        set_start(self, start)
        set_end(self, end)
        set_year(self, year)
        set_month(self, month)
        set_day(self, day)
        set_part(self, part)
        set_relative(self, relative)
        set_qualifier(self, qualifier)
        set_to_year(self, to_year)
        set_to_month(self, to_month)
        set_to_day(self, to_day)


_DATE_MENTION_SETTERS = _slot_setters(DateMention)


@dataclass(frozen=True, slots=True, init=False)
class Finding(Record):
    check: str
    #: ``ok`` or ``mismatch``
    status: str
    message: str
    spans: tuple[Span, ...] = ()
    stated: Decimal | int | None = None
    computed: Decimal | int | None = None

    def __init__(
        self, check: str, status: str, message: str, spans: tuple[Span, ...] = (),
        stated: Decimal | int | None = None, computed: Decimal | int | None = None,
    ) -> None:
        set_check, set_status, set_message, set_spans, set_stated, set_computed = _FINDING_SETTERS
        set_check(self, check)
        set_status(self, status)
        set_message(self, message)
        set_spans(self, spans)
        set_stated(self, stated)
        set_computed(self, computed)


_FINDING_SETTERS = _slot_setters(Finding)


@dataclass(frozen=True, slots=True)
class Document(Record):
    text: str
    text_simplified: str
    script: str
    id: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    paragraphs: Sequence[Paragraph] = ()
    sentences: Sequence[Sentence] = ()
    tokens: Sequence[Token] | None = None
    slogans: tuple[Slogan, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    dates: tuple[DateMention, ...] = ()
    findings: tuple[Finding, ...] = ()
    boilerplate: tuple[Boilerplate, ...] = ()
    #: the record fields still in the form they crossed a process boundary in, until one of
    #: them is first read: an object whose ``build()`` gives ``(field name, records)`` pairs
    #: (see :mod:`policytext.wire`, which makes them; this module never imports it)
    _wire: Any = field(default=None, init=False, repr=False, compare=False)

    def to_dict(self, *, tokens: bool = True) -> dict[str, Any]:
        """JSON-ready dict; ``tokens`` appears only when the document was segmented (and
        ``tokens=True``)."""
        out: dict[str, Any] = {"schema": SCHEMA}
        for f in fields(self):
            if f.name == "_wire" or f.name == "tokens" and (self.tokens is None or not tokens):
                continue
            out[f.name] = _plain(getattr(self, f.name))
        return out

    def __getattr__(self, name: str) -> Any:
        # only reached for a field whose slot is unset: a record field of a Document that came
        # through a process pipe, built from its wire rows the first time one of them is read
        if name in _DEFERRED_FIELDS:
            pending = object.__getattribute__(self, "_wire")
            if pending is not None:
                for field_name, records in pending.build():
                    object.__setattr__(self, field_name, records)
                object.__setattr__(self, "_wire", None)
                return object.__getattribute__(self, name)
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    def span_text(self, start: int, end: int) -> str:
        return self.text[start:end]


#: the fields of a Document that may arrive unbuilt (``_wire``): the ones holding many records
_DEFERRED_FIELDS = frozenset({"slogans", "quantities", "dates", "findings", "boilerplate"})

