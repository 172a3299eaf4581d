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


def _plain(value: Any) -> Any:
    if isinstance(value, Record):
        return value.to_dict()
    if isinstance(value, Decimal):
        # exact decimal as int when integral, else float for JSON (the exact value stays in Python)
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
        return {f.name: _plain(getattr(self, f.name)) for f in fields(self)}  # type: ignore[arg-type]


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
        """Tokens from span arrays as :meth:`policytext.segment.Segmenter.cut_arrays` gives them
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

    def __repr__(self) -> str:
        return f"{self._cls.__name__} x {len(self)}"


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

    def to_dict(self, *, tokens: bool = True) -> dict[str, Any]:
        """JSON-ready dict; ``tokens`` appears only when the document was segmented (and
        ``tokens=True``)."""
        out: dict[str, Any] = {"schema": SCHEMA}
        for f in fields(self):
            if f.name == "tokens" and (self.tokens is None or not tokens):
                continue
            out[f.name] = _plain(getattr(self, f.name))
        return out

    def span_text(self, start: int, end: int) -> str:
        return self.text[start:end]
