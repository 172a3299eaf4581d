"""``analyze``: one article in, a :class:`~policytext.records.Document` out.

The stages (see DESIGN.md) are plain functions composed here::

    original ─to_simplified─▶ simplified ─normalize─▶ working text
             ◀──────────── offset maps, chained ───────────┘
    working ─▶ sentences, tokens (opt-in), slogans, quantities, dates ─▶ checks ─▶ records

Extractors see only the working text; every span they return is projected back through the
chained offset map, so that ``document.text[r.start:r.end] == r.text`` for every record.
"""

from __future__ import annotations

from typing import Any

from .text.normalize import find_boilerplate, normalize
from .text.offsets import ChainedMap
from .records import Boilerplate, Document, Paragraph, Sentence, SpanRecords, Tokens
from .text.script import paragraph_scripts, to_simplified
from .text.segment import get_segmenter, sentences

__all__ = ["analyze", "Working", "prepare"]


class Working:
    """The working text of one document and the way back to its original."""

    __slots__ = ("original", "simplified", "text", "offsets", "identity", "unchanged")

    def __init__(self, original: str) -> None:
        conv = to_simplified(original, with_map=True)
        norm = normalize(conv.text)
        self.original = original
        self.simplified = conv.text
        self.text = norm.text
        self.offsets = ChainedMap([norm.offsets, conv.offsets])
        #: whether every working-text offset is the original's (most Simplified news)
        self.identity = self.offsets.is_identity
        #: whether the working text is the original itself (no character converted or folded)
        self.unchanged = self.identity and self.text == original

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original ``(start, end)`` of a working-text span."""
        return self.offsets.span(start, end)

    def surface(self, start: int, end: int) -> tuple[str, int, int]:
        """``(original text, start, end)`` of a working-text span."""
        if self.identity:
            return self.original[start:end], start, end
        s, e = self.offsets.span(start, end)
        return self.original[s:e], s, e


def prepare(text: str) -> Working:
    """Convert and normalize ``text`` (the first two stages of :func:`analyze`)."""
    if not isinstance(text, str):
        raise TypeError(f"analyze() takes a str, not {type(text).__name__}")
    return Working(text)


def analyze(
    text: str,
    *,
    id: str | None = None,
    meta: dict[str, Any] | None = None,
    tokens: bool = False,
    segmenter: str = "jieba",
) -> Document:
    """Analyze one article (Traditional, Simplified or mixed) and return its records.

    ``tokens=True`` also segments it with jieba (taught the policy lexicon), or with rjieba
    when ``segmenter="rjieba"`` (faster; ``pip install 'policytext[fast]'``); extraction does
    not need tokens, so they are off by default for speed.

    >>> doc = analyze("踐行“四個意識”，發現問題7680 個。")
    >>> doc.script, doc.text_simplified
    ('traditional', '践行“四个意识”，发现问题7680 个。')
    >>> [(s.start, s.end) for s in doc.sentences]
    [(0, 20)]
    """
    w = prepare(text)
    script, paragraph_spans, paragraph_labels = paragraph_scripts(text)
    paragraphs = SpanRecords(Paragraph, paragraph_spans, paragraph_labels)

    spans = sentences(w.text)
    sents = SpanRecords(Sentence, spans if w.identity else (w.span(s, e) for s, e in spans))

    toks: Tokens | None = None
    if tokens:
        seg = get_segmenter(segmenter)
        wstarts, wends = seg.cut_arrays(w.text)
        if w.identity:  # most news: the working text's offsets are the original's
            toks = Tokens.from_arrays(text, w.text, wstarts, wends, wstarts, wends)
        else:
            toks = Tokens(text, w.text, [w.offsets.span(s, e) for s, e in zip(wstarts, wends)], list(zip(wstarts, wends)))

    found_boilerplate = find_boilerplate(w.text)
    boiler = tuple(Boilerplate(*w.span(s, e), kind) for s, e, kind in found_boilerplate)
    # a line printed again (a repeated title) is flagged, and its mentions are not counted twice
    repeated = [(s, e) for s, e, kind in found_boilerplate if kind == "repeated_line"]

    from .extract import run_extractors

    slogans, quantities, dates, findings = run_extractors(w, skip=repeated)

    return Document(
        text=text,
        text_simplified=w.simplified,
        script=script,
        id=id,
        meta=dict(meta or {}),
        paragraphs=paragraphs,
        sentences=sents,
        tokens=toks,
        slogans=slogans,
        quantities=quantities,
        dates=dates,
        findings=findings,
        boilerplate=boiler,
    )
