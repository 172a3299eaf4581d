"""Records: frozen, slotted dataclasses with half-open ``[start, end)`` offsets into the
ORIGINAL text of their document, so that ``document.text[r.start:r.end] == r.text`` always.

``Document.to_dict()`` gives JSON-ready data carrying :data:`SCHEMA`.
"""

from __future__ import annotations

from abc import abstractmethod
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import MISSING, dataclass, field, fields
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


@dataclass(frozen=True, slots=True)
class Span(Record):
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Sentence(Record):
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Token(Record):
    text: str
    start: int
    end: int
    #: the token as segmented: Simplified, width-folded
    normalized: str


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

    def to_dicts(self) -> list[dict[str, Any]]:
        o, w = self._original, self._working
        return [
            {"text": o[s:e], "start": s, "end": e, "normalized": w[a:b]}
            for s, e, a, b in zip(self._starts, self._ends, self._wstarts, self._wends)
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

    def __reduce__(self) -> tuple[Any, ...]:
        # both offset arrays as one bytes object: a third of what the default (a slots state
        # dict and two array reconstructors) costs to pickle and unpickle
        return _span_records, (self._cls, self._starts.tobytes() + self._ends.tobytes(), self._labels)


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


@dataclass(frozen=True, slots=True)
class Paragraph(Record):
    start: int
    end: int
    #: ``simplified``, ``traditional``, ``mixed`` or ``none``
    script: str


@dataclass(frozen=True, slots=True)
class Boilerplate(Record):
    start: int
    end: int
    #: ``share_widget``, ``related_links``, ``photo_credit``, ``editor_credit``, ``source_line``,
    #: ``repeated_line``
    kind: str


@dataclass(frozen=True, slots=True)
class Item(Record):
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
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


@dataclass(frozen=True, slots=True)
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


@dataclass(frozen=True, slots=True)
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


@dataclass(frozen=True, slots=True)
class Finding(Record):
    check: str
    #: ``ok`` or ``mismatch``
    status: str
    message: str
    spans: tuple[Span, ...] = ()
    stated: Decimal | int | None = None
    computed: Decimal | int | None = None


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
    #: the records in their compact pickled form, until first read (see ``__reduce__``)
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

    # -- crossing process boundaries ---------------------------------------------------------
    #
    # A Document pickles as its text and its form (see ``_document_form``): records as rows of
    # plain values (Decimals as strings), several times cheaper to pickle and unpickle than
    # record objects, which the receiving process leaves in that form and builds the first time
    # one of the record fields is read.  ``pipe`` sends the form alone: the caller has the text.

    def __reduce__(self) -> tuple[Any, ...]:
        return _document_from_form, (self.text, _document_form(self))

    def __getattr__(self, name: str) -> Any:
        # only reached for a record field not yet built from the wire (an unset slot)
        if name in _WIRE_NAMES:
            wire = object.__getattribute__(self, "_wire")
            if wire is not None:
                for (field_name, cls), rows in zip(_WIRE_FIELDS, wire):
                    object.__setattr__(self, field_name, _decode(cls, rows))
                object.__setattr__(self, "_wire", None)
                return object.__getattribute__(self, name)
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    def span_text(self, start: int, end: int) -> str:
        return self.text[start:end]


def _document_form(doc: Document) -> tuple[Any, ...]:
    """Everything of ``doc`` but its text, in a form that is cheap to pickle: what a worker of
    ``pipe`` sends back for a text the caller already has.  A string equal to the text (the
    Simplified text of a Simplified article, the working text of its tokens) is left out too.
    :func:`_document_from_form` with the text gives the Document back."""
    text = doc.text
    simplified = doc.text_simplified
    wire = object.__getattribute__(doc, "_wire")
    if wire is None:
        wire = tuple(_encode(cls, getattr(doc, name)) for name, cls in _WIRE_FIELDS)
    return (
        None if simplified == text else simplified, doc.script, doc.id, doc.meta,
        doc.paragraphs, doc.sentences, _tokens_form(doc.tokens, text, simplified), wire,
    )  # fmt: skip


def _document_from_form(text: str, form: tuple[Any, ...]) -> Document:
    simplified, script, id_, meta, paragraphs, sentences, tokens, wire = form
    if simplified is None:
        simplified = text
    if type(tokens) is tuple:
        working, shared, packed = tokens
        working = text if working is None else simplified if working == 1 else working
        if shared:
            starts, ends = _unpack_offsets(packed, 2)
            tokens = Tokens.from_arrays(text, working, starts, ends, starts, ends)
        else:
            tokens = Tokens.from_arrays(text, working, *_unpack_offsets(packed, 4))
    elif tokens is not None:  # a list holding whatever else the field held
        tokens = tokens[0]
    doc = object.__new__(Document)
    for name, value in zip(_HEAD_NAMES, (text, simplified, script, id_, meta, paragraphs, sentences, tokens)):
        object.__setattr__(doc, name, value)
    object.__setattr__(doc, "_wire", wire)
    return doc


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


_HEAD_NAMES = ("text", "text_simplified", "script", "id", "meta", "paragraphs", "sentences", "tokens")
_WIRE_FIELDS: tuple[tuple[str, type], ...] = (
    ("slogans", Slogan), ("quantities", Quantity), ("dates", DateMention), ("findings", Finding), ("boilerplate", Boilerplate),
)  # fmt: skip
_WIRE_NAMES = frozenset(name for name, _ in _WIRE_FIELDS)
_ROW = {cls: attrgetter(*(f.name for f in fields(cls))) for _, cls in _WIRE_FIELDS}
_SPAN_ROW = attrgetter("text", "start", "end")  # Item and Span


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


# -- making records --------------------------------------------------------------------------
#
# A frozen dataclass's ``__init__`` sets each field through ``object.__setattr__`` (looked up on
# every call), which made building records a tenth of the time of ``analyze``.  Each record
# class gets instead an ``__init__`` of the same signature that sets its slots through their
# descriptors, held as defaults: half the time, the same records.


def _slot_init(cls: type) -> Any:
    """An ``__init__`` for the frozen, slotted dataclass ``cls``, with the same parameters and
    defaults as the one ``dataclass`` wrote."""
    env: dict[str, Any] = {}
    params, body = [], []
    for i, f in enumerate(fields(cls)):
        env[f"_set{i}"] = cls.__dict__[f.name].__set__
        if f.default is MISSING:
            params.append(f.name)
        else:
            env[f"_default{i}"] = f.default
            params.append(f"{f.name}=_default{i}")
        body.append(f"    _set{i}(self, {f.name})")
    exec(f"def __init__(self, {', '.join(params)}):\n" + "\n".join(body) + "\n", env)  # noqa: S102
    init = env["__init__"]
    generated = cls.__dict__["__init__"]
    init.__qualname__, init.__annotations__, init.__module__ = generated.__qualname__, generated.__annotations__, cls.__module__
    return init


for _cls in (Span, Sentence, Token, Paragraph, Boilerplate, Item, Slogan, Quantity, DateMention, Finding):
    _cls.__init__ = _slot_init(_cls)  # type: ignore[misc]
del _cls
