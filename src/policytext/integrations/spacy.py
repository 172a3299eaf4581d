"""policytext in a spaCy pipeline.

    import spacy
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    nlp.add_pipe("policytext")                       # the factory, found through an entry point
    doc = nlp(text)
    [(s.text, s._.policytext_number) for s in doc.spans["policytext_slogans"]]

    from policytext.integrations.spacy import load
    nlp = load()                                     # the same, with the policy-aware tokenizer

The component runs :func:`policytext.analyze` on ``doc.text`` and puts its records in span
groups (``policytext_slogans``, ``policytext_quantities``, ``policytext_dates``; the keys are
configurable), labelled with the record's kind.  Span extensions (registered by the factory,
not at import) carry the fields: ``policytext_number``, ``policytext_parts``,
``policytext_items``, ``policytext_normalized``, ``policytext_value``, ``policytext_unit``,
``policytext_kind``, ``policytext_qualifier``, ``policytext_counted``, ``policytext_year``,
``policytext_month``, and ``policytext_char_span`` (the record's exact characters).  A record
whose edges fall inside a token is widened to whole tokens (``alignment_mode="expand"``), never
dropped.  ``doc._.policytext_findings`` holds the consistency findings as dicts.

``policytext.JiebaTokenizer.v1`` is a registered tokenizer for config files: jieba taught the
policy lexicon, run on the Simplified working text and mapped back to the original characters,
so a Traditional article is segmented as well as a Simplified one and a slogan is one token::

    [nlp.tokenizer]
    @tokenizers = "policytext.JiebaTokenizer.v1"
    segmenter = "jieba"
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, Iterable

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import registry
from spacy.vocab import Vocab

from ..analyzer import analyze
from ..text.working import prepare
from ..records import Document

__all__ = ["PolicytextComponent", "JiebaTokenizer", "load", "make_policytext", "create_tokenizer"]

SPAN_EXTENSIONS = (
    "number", "parts", "items", "normalized", "value", "low", "high", "unit", "kind", "qualifier",
    "counted", "year", "month", "day", "relative", "char_span",
)  # fmt: skip


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


class PolicytextComponent:
    """Slogans, quantities and dates as span groups; findings on the Doc."""

    def __init__(self, nlp: Language, name: str, slogans_key: str, quantities_key: str, dates_key: str) -> None:
        self.name = name
        self.keys = {"slogans": slogans_key, "quantities": quantities_key, "dates": dates_key}

    def __call__(self, doc: Doc) -> Doc:
        return self.set_annotations(doc, analyze(doc.text))

    def pipe(self, docs: Iterable[Doc], *, batch_size: int = 64) -> Iterable[Doc]:
        for doc in docs:
            yield self(doc)

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

    # the component keeps no state: serialization writes nothing
    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        return b""

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> PolicytextComponent:
        return self

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        return None

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> PolicytextComponent:
        return self


@Language.factory(
    "policytext",
    assigns=["doc.spans", "doc._.policytext_findings"],
    default_config={
        "slogans_key": "policytext_slogans",
        "quantities_key": "policytext_quantities",
        "dates_key": "policytext_dates",
    },
)
def make_policytext(
    nlp: Language, name: str, slogans_key: str, quantities_key: str, dates_key: str
) -> PolicytextComponent:
    """The ``policytext`` pipeline component (extensions are registered here, not at import)."""
    _register_extensions()
    return PolicytextComponent(nlp, name, slogans_key, quantities_key, dates_key)


class JiebaTokenizer:
    """jieba taught the policy lexicon, on the Simplified working text, mapped back to the
    original characters.  Every character of the text lies in exactly one token or is the
    single space after one (spaCy's ``whitespace_``)."""

    def __init__(self, vocab: Vocab, segmenter: str = "jieba") -> None:
        self.vocab = vocab
        self.segmenter = segmenter

    def __call__(self, text: str) -> Doc:
        from ..text.segment import get_segmenter

        if not text:
            return Doc(self.vocab, words=[], spaces=[])
        w = prepare(text)
        spans = [w.span(s, e) for s, e in get_segmenter(self.segmenter).cut(w.text)]
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

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        import srsly

        return srsly.msgpack_dumps({"segmenter": self.segmenter})

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> JiebaTokenizer:
        import srsly

        self.segmenter = srsly.msgpack_loads(data)["segmenter"]
        return self

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        Path(path).mkdir(parents=True, exist_ok=True)
        (Path(path) / "cfg").write_bytes(self.to_bytes())

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> JiebaTokenizer:
        return self.from_bytes((Path(path) / "cfg").read_bytes())


@registry.tokenizers("policytext.JiebaTokenizer.v1")
def create_tokenizer(segmenter: str = "jieba") -> Callable[[Language], JiebaTokenizer]:
    """``policytext.JiebaTokenizer.v1`` for config files (``segmenter``: jieba or rjieba)."""
    from ..errors import OptionError
    from ..text.segment import BACKENDS

    if segmenter not in BACKENDS:
        raise OptionError("segmenter", segmenter, list(BACKENDS))

    def make(nlp: Language) -> JiebaTokenizer:
        return JiebaTokenizer(nlp.vocab, segmenter)

    return make


def load(*, segmenter: str = "jieba", **component_config: Any) -> Language:
    """A blank Chinese pipeline with the policy-aware tokenizer and the ``policytext``
    component (``component_config``: the span group keys)."""
    import spacy

    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"@tokenizers": "policytext.JiebaTokenizer.v1", "segmenter": segmenter}}})
    nlp.add_pipe("policytext", config=component_config)
    return nlp
