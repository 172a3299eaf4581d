"""policytext in a spaCy pipeline.

    import spacy
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    nlp.add_pipe("policytext", config={"extra_slogans": "mine.tsv"})   # the factory, by entry point
    doc = nlp(text)
    [(s.text, s._.policytext_number) for s in doc.spans["policytext_slogans"]]

    from policytext.integrations.spacy import load
    nlp = load(extra_slogans="mine.tsv")             # the same, with the policy-aware tokenizer

The component runs a :class:`policytext.Analyzer` over the Doc's text and puts its records in
span groups (``policytext_slogans``, ``policytext_quantities``, ``policytext_dates``; the keys
are configurable), labelled with the record's kind.  Span extensions (registered by the
factory, not at import) carry the fields: ``policytext_number``, ``policytext_parts``,
``policytext_items``, ``policytext_normalized``, ``policytext_value``, ``policytext_unit``,
``policytext_kind``, ``policytext_qualifier``, ``policytext_counted``, ``policytext_year``,
``policytext_month``, and ``policytext_char_span`` (the record's exact characters).  A record
whose edges fall inside a token is widened to whole tokens (``alignment_mode="expand"``), never
dropped.  ``doc._.policytext_findings`` holds the consistency findings as dicts.

``extra_slogans`` (component and tokenizer) names a researcher's slogan list, a TSV (see
:mod:`policytext.resources`), read when the pipeline is built: a bad file fails there, naming
``file:line``.  A saved pipeline carries the rows it was built with (``slogans.jsonl`` in the
component's folder, the ``cfg`` of the tokenizer; JSON data, never pickle), so it loads with the
same slogans after the TSV is gone.

``policytext.JiebaTokenizer.v1`` is a registered tokenizer for config files: jieba taught the
policy lexicon (and the user's slogans), run on the Simplified working text and mapped back to
the original characters, so a Traditional article is segmented as well as a Simplified one and
a slogan is one token::

    [nlp.tokenizer]
    @tokenizers = "policytext.JiebaTokenizer.v1"
    segmenter = "jieba"
    extra_slogans = null

That tokenizer keeps the working text it prepared for each Doc it makes, and the component
takes it from there, so each text is converted to Simplified and normalized once.  The Doc
itself carries nothing extra (it serializes as any other); with another tokenizer the component
prepares the text itself.
"""

from __future__ import annotations

import dataclasses
import json
import os
import weakref
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Optional

from spacy import util
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import registry
from spacy.vocab import Vocab

from ..analyzer import Analyzer, default_analyzer
from ..errors import InputError, OptionError
from ..records import Document
from ..resources import LexiconEntry
from ..text.segment import BACKENDS
from ..text.working import Working, prepare

__all__ = ["PolicytextComponent", "JiebaTokenizer", "load", "make_policytext", "create_tokenizer"]

SPAN_EXTENSIONS = (
    "number", "parts", "items", "normalized", "value", "low", "high", "unit", "kind", "qualifier",
    "counted", "year", "month", "day", "relative", "char_span",
)  # fmt: skip

#: the file in the component's folder that holds the user's slogan rows
SLOGANS_FILE = "slogans.jsonl"


def _register_extensions() -> None:
    for name in SPAN_EXTENSIONS:
        if not Span.has_extension(f"policytext_{name}"):
            Span.set_extension(f"policytext_{name}", default=None)
    if not Doc.has_extension("policytext_findings"):
        Doc.set_extension("policytext_findings", default=None)


def _number(value: Any) -> float | int | None:
    """Decimal values as JSON/msgpack-friendly numbers (DocBin stores extension values)."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


# -- the user's slogan list, as a pipe carries it ------------------------------------------------

_ENTRY_FIELDS = tuple(f.name for f in dataclasses.fields(LexiconEntry))


def _entry_to_json(entry: LexiconEntry) -> dict[str, Any]:
    row = dataclasses.asdict(entry)
    row["items"] = list(entry.items)
    return row


def _entry_from_json(row: Any, where: str) -> LexiconEntry:
    """One saved row back as a :class:`LexiconEntry`; a hand-edited row that is not one is an
    error naming where it was read."""
    if not isinstance(row, dict) or set(row) != set(_ENTRY_FIELDS):
        raise InputError(where, f"a saved slogan row has the fields {list(_ENTRY_FIELDS)}")
    if not isinstance(row["slogan"], str) or not isinstance(row["items"], list):
        raise InputError(where, "a saved slogan row has a text slogan and a list of items")
    return LexiconEntry(**{**row, "items": tuple(row["items"])})


class _SloganList:
    """The user's slogan list a tokenizer or the component was configured with, and the
    :class:`~policytext.Analyzer` built from it.

    The list is read when the pipe is built, so that a bad file fails at ``add_pipe`` (or when
    a config is loaded) naming ``file:line``.  A saved pipeline's config still names the file
    the rows came from, but the rows themselves travel with the pipeline: when that file is gone
    at ``spacy.load``, the rows arrive from the pipeline's folder (:meth:`use_rows`), and only
    running the pipe before any arrived raises the missing file's error."""

    def __init__(self, path: str | None, segmenter: str) -> None:
        self.segmenter = segmenter
        self._missing: str | None = None
        if path is not None and not os.path.lexists(path):
            self._missing, path = path, None
        self.analyzer = Analyzer(extra_slogans=path, segmenter=segmenter) if path is not None else default_analyzer(segmenter)

    def get(self) -> Analyzer:
        """The analyzer, or the error of a list that was named but never found."""
        if self._missing is not None:
            raise InputError(self._missing, "no such file (nor a saved pipeline's copy of its rows)")
        return self.analyzer

    @property
    def rows(self) -> tuple[LexiconEntry, ...]:
        return self.analyzer.extra_slogans

    def to_json(self) -> list[dict[str, Any]]:
        return [_entry_to_json(e) for e in self.rows]

    def use_rows(self, rows: tuple[LexiconEntry, ...], source: str, segmenter: str | None = None) -> None:
        """Replace the list with saved rows (those a pipeline was built with)."""
        self.segmenter = segmenter or self.segmenter
        self._missing = None
        if rows:
            self.analyzer = Analyzer(extra_slogans=rows, segmenter=self.segmenter)
            self.analyzer.slogans_source = source
        else:
            self.analyzer = default_analyzer(self.segmenter)

    def use_json(self, rows: Any, source: str, segmenter: str | None = None) -> None:
        """Replace the list with saved rows, a JSON list of row objects."""
        if not isinstance(rows, list):
            raise InputError(source, "the saved slogan rows are not a list")
        self.use_numbered(list(enumerate(rows, start=1)), source, segmenter)

    def use_numbered(self, rows: list[tuple[int, Any]], source: str, segmenter: str | None = None) -> None:
        """Replace the list with saved rows numbered as read (a JSON Lines file: an error
        names the line)."""
        self.use_rows(tuple(_entry_from_json(row, f"{source}:{n}") for n, row in rows), source, segmenter)


def _read_jsonl(path: Path) -> list[tuple[int, Any]]:
    """The objects of a JSON Lines file with their line numbers."""
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip():
            try:
                rows.append((n, json.loads(line)))
            except json.JSONDecodeError as exc:
                raise InputError(f"{path}:{n}", f"is not a JSON line ({exc.msg})") from None
    return rows


def _write_jsonl(path: Path, rows: Iterable[dict[str, Any]]) -> None:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")


# -- the component -------------------------------------------------------------------------------


class PolicytextComponent:
    """Slogans, quantities and dates as span groups; findings on the Doc."""

    def __init__(
        self,
        nlp: Language,
        name: str,
        slogans_key: str,
        quantities_key: str,
        dates_key: str,
        extra_slogans: str | None = None,
    ) -> None:
        # the pipeline, to find its tokenizer at each call (a user may replace it after add_pipe)
        self.nlp = nlp
        self.name = name
        self.keys = {"slogans": slogans_key, "quantities": quantities_key, "dates": dates_key}
        # the component never segments, so the analyzer's segmenter is never built
        self.slogans = _SloganList(extra_slogans, "jieba")

    @property
    def analyzer(self) -> Analyzer:
        """The :class:`~policytext.Analyzer` the component runs (the user's slogans with it)."""
        return self.slogans.get()

    def __call__(self, doc: Doc) -> Doc:
        analyzer = self.analyzer
        return self.set_annotations(doc, analyzer.analyze_prepared(self._working(doc)))

    def pipe(self, docs: Iterable[Doc], *, batch_size: int = 64) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)

    def _working(self, doc: Doc) -> Working:
        """The working text of ``doc``: the one the policytext tokenizer prepared when it made
        the Doc, or prepared here from ``doc.text`` (another tokenizer, or a Doc made apart)."""
        tokenizer = getattr(self.nlp, "tokenizer", None)
        w = tokenizer.take_prepared(doc) if isinstance(tokenizer, JiebaTokenizer) else None
        text = doc.text
        if w is None or w.original != text:
            w = prepare(text)
        return w

    def set_annotations(self, doc: Doc, record: Document) -> Doc:
        slogans = []
        for s in record.slogans:
            span = self._span(doc, s.start, s.end, s.kind)
            span._.policytext_number = s.number
            span._.policytext_parts = list(s.parts)
            span._.policytext_items = [i.text for i in s.items] or list(s.lexicon_items)
            span._.policytext_normalized = s.normalized
            span._.policytext_kind = s.kind
            slogans.append(span)
        quantities = []
        for q in record.quantities:
            span = self._span(doc, q.start, q.end, q.kind)
            span._.policytext_value = _number(q.value)
            span._.policytext_low = _number(q.low)
            span._.policytext_high = _number(q.high)
            span._.policytext_unit = q.unit
            span._.policytext_kind = q.kind
            span._.policytext_qualifier = q.qualifier
            span._.policytext_counted = q.counted
            quantities.append(span)
        dates = []
        for d in record.dates:
            span = self._span(doc, d.start, d.end, "date")
            span._.policytext_year = d.year
            span._.policytext_month = d.month
            span._.policytext_day = d.day
            span._.policytext_relative = d.relative
            span._.policytext_qualifier = d.qualifier
            dates.append(span)
        doc.spans[self.keys["slogans"]] = slogans
        doc.spans[self.keys["quantities"]] = quantities
        doc.spans[self.keys["dates"]] = dates
        doc._.policytext_findings = [f.to_dict() for f in record.findings]
        return doc

    @staticmethod
    def _span(doc: Doc, start: int, end: int, label: str) -> Span:
        span = doc.char_span(start, end, label=label, alignment_mode="expand")
        if span is None:  # pragma: no cover - expand covers every non-empty span inside the text
            raise ValueError(f"characters {start}-{end} ({doc.text[start:end]!r}) do not cover a token")
        span._.policytext_char_span = [start, end]
        return span

    # -- serialization: the user's slogan rows, as JSON ----------------------------------------
    # (a pipeline saved before the component carried rows wrote nothing: it loads with none)

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        if "slogans" in exclude:
            return b""
        return json.dumps({"extra_slogans": self.slogans.to_json()}, ensure_ascii=False).encode("utf-8")

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> PolicytextComponent:
        if data and "slogans" not in exclude:
            self.slogans.use_json(json.loads(data.decode("utf-8"))["extra_slogans"], "<bytes>")
        return self

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        util.to_disk(path, {SLOGANS_FILE: lambda p: _write_jsonl(p, self.slogans.to_json())}, exclude)

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> PolicytextComponent:
        def read(p: Path) -> None:
            if p.is_file():
                self.slogans.use_numbered(_read_jsonl(p), str(p))

        util.from_disk(path, {SLOGANS_FILE: read}, exclude)
        return self


@Language.factory(
    "policytext",
    assigns=["doc.spans", "doc._.policytext_findings"],
    default_config={
        "slogans_key": "policytext_slogans",
        "quantities_key": "policytext_quantities",
        "dates_key": "policytext_dates",
        "extra_slogans": None,
    },
)
def make_policytext(
    nlp: Language,
    name: str,
    slogans_key: str,
    quantities_key: str,
    dates_key: str,
    extra_slogans: Optional[str] = None,
) -> PolicytextComponent:
    """The ``policytext`` pipeline component (extensions are registered here, not at import).
    ``extra_slogans``: the path of a user's slogan list (TSV), or None."""
    _register_extensions()
    return PolicytextComponent(nlp, name, slogans_key, quantities_key, dates_key, extra_slogans)


# -- the tokenizer -------------------------------------------------------------------------------


class JiebaTokenizer:
    """jieba taught the policy lexicon (and the user's slogans, ``extra_slogans``), on the
    Simplified working text, mapped back to the original characters.  Every character of the
    text lies in exactly one token or is the single space after one (spaCy's ``whitespace_``).

    The working text of each Doc it makes is kept, by weak reference to the Doc, until the
    ``policytext`` component takes it (:meth:`take_prepared`): the text is converted once, and
    the Doc carries nothing that would not serialize."""

    def __init__(self, vocab: Vocab, segmenter: str = "jieba", extra_slogans: str | None = None) -> None:
        self.vocab = vocab
        self.slogans = _SloganList(extra_slogans, segmenter)
        self._prepared: weakref.WeakKeyDictionary[Doc, Working] = weakref.WeakKeyDictionary()

    @property
    def segmenter(self) -> str:
        return self.slogans.segmenter

    def __call__(self, text: str) -> Doc:
        segmenter = self.slogans.get().segmenter_for_tokens()
        if not text:
            return Doc(self.vocab, words=[], spaces=[])
        w = prepare(text)
        starts, ends = segmenter.cut_arrays(w.text)
        doc = self._doc(text, [w.span(s, e) for s, e in zip(starts, ends)])
        self._prepared[doc] = w
        return doc

    def take_prepared(self, doc: Doc) -> Working | None:
        """The working text prepared for ``doc`` when this tokenizer made it, handed over once."""
        return self._prepared.pop(doc, None)

    def _doc(self, text: str, spans: list[tuple[int, int]]) -> Doc:
        words: list[str] = []
        spaces: list[bool] = []
        pos = 0
        for s, e in spans:
            if s < pos:  # a widened span overlapping the previous token: join them
                s = pos
            if e <= s:
                continue
            if s > pos:
                self._gap(text[pos:s], words, spaces)
            words.append(text[s:e])
            spaces.append(False)
            pos = e
        if pos < len(text):
            self._gap(text[pos:], words, spaces)
        return Doc(self.vocab, words=words, spaces=spaces)

    @staticmethod
    def _gap(gap: str, words: list[str], spaces: list[bool]) -> None:
        """Text between tokens (white space the segmenter skips): a single space after a token
        is its ``whitespace_``; anything else is a token of its own."""
        if gap == " " and words and not spaces[-1]:
            spaces[-1] = True
            return
        words.append(gap)
        spaces.append(False)

    def __getstate__(self) -> dict[str, Any]:
        # the working texts in flight stay in this process
        return {"vocab": self.vocab, "slogans": self.slogans}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.vocab = state["vocab"]
        self.slogans = state["slogans"]
        self._prepared = weakref.WeakKeyDictionary()

    # -- serialization: the segmenter and the user's slogan rows (msgpack of JSON data) --------

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        import srsly

        return srsly.msgpack_dumps({"segmenter": self.segmenter, "extra_slogans": self.slogans.to_json()})

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = (), source: str = "<bytes>") -> JiebaTokenizer:
        import srsly

        cfg = srsly.msgpack_loads(data)
        if "extra_slogans" in cfg:
            self.slogans.use_json(cfg["extra_slogans"], source, cfg["segmenter"])
        else:  # saved before the tokenizer carried rows: the segmenter alone
            self.slogans.use_rows(self.slogans.rows, self.slogans.analyzer.slogans_source or "<rows>", cfg["segmenter"])
        return self

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        Path(path).mkdir(parents=True, exist_ok=True)
        (Path(path) / "cfg").write_bytes(self.to_bytes())

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> JiebaTokenizer:
        return self.from_bytes((Path(path) / "cfg").read_bytes(), source=str(Path(path) / "cfg"))


@registry.tokenizers("policytext.JiebaTokenizer.v1")
def create_tokenizer(segmenter: str = "jieba", extra_slogans: Optional[str] = None) -> Callable[[Language], JiebaTokenizer]:
    """``policytext.JiebaTokenizer.v1`` for config files (``segmenter``: jieba or rjieba;
    ``extra_slogans``: the path of a user's slogan list, each slogan kept one token)."""
    if segmenter not in BACKENDS:
        raise OptionError("segmenter", segmenter, list(BACKENDS))

    def make(nlp: Language) -> JiebaTokenizer:
        return JiebaTokenizer(nlp.vocab, segmenter, extra_slogans)

    return make


def load(*, segmenter: str = "jieba", extra_slogans: str | None = None, **component_config: Any) -> Language:
    """A blank Chinese pipeline with the policy-aware tokenizer and the ``policytext``
    component, both given ``extra_slogans`` (``component_config``: the span group keys)."""
    import spacy

    tokenizer = {"@tokenizers": "policytext.JiebaTokenizer.v1", "segmenter": segmenter, "extra_slogans": extra_slogans}
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": tokenizer}})
    nlp.add_pipe("policytext", config={**component_config, "extra_slogans": extra_slogans})
    return nlp
