"""The :class:`Analyzer`: one article in, a :class:`~policytext.records.Document` out.

The stages (see the README's architecture section) are plain functions composed here::

    original ─to_simplified─▶ simplified ─normalize─▶ working text        (text/)
             ◀──────────── offset maps, chained ───────────┘
    working ─▶ sentences, tokens (opt-in)                                  (text/segment)
            ─▶ slogans, dates, quantities                                  (extract/)
            ─▶ findings                                                    (checks/)
            ─▶ records, every span mapped back to the original             (records)

An Analyzer holds the :class:`~policytext.resources.Resources` those stages read: the shipped
lexicons plus a researcher's own slogan list, and the segmenter.  :func:`analyze` is a default
Analyzer.  An Analyzer pickles by its configuration (the user's rows and the segmenter), and a
process rebuilds it from that once, so ``pipe``, ``batch`` and Dask workers load each resource
once per process.
"""

from __future__ import annotations

import hashlib
import os
from array import array
from collections.abc import Iterable, Mapping
from functools import lru_cache
from itertools import accumulate
from typing import Any, Protocol, runtime_checkable

from .errors import OptionError, PolicytextError
from .project import run_extractors
from .records import Boilerplate, Document, Paragraph, Sentence, SpanRecords, Tokens
from .resources import LexiconEntry, Resources, default_resources, read_user_slogans
from .text.decode import REPLACED_KEY, replace_surrogates
from .text.normalize import find_boilerplate
from .text.script import paragraph_scripts
from .text.segment import BACKENDS, Segmenter, get_segmenter, sentences
from .text.working import Working, prepare

__all__ = ["Analyzer", "analyze", "default_analyzer", "SegmenterLike"]


@runtime_checkable
class SegmenterLike(Protocol):
    """What an Analyzer accepts as its segmenter besides a backend name: an object whose
    ``cut(text)`` yields the tokens of ``text`` as strings, in order (``jieba.Tokenizer``,
    ``rjieba``-like objects, a spaCy-free wrapper of another segmenter)."""

    def cut(self, text: str) -> Iterable[str]: ...


class _StringTokens:
    """A :class:`SegmenterLike` adapted to the span arrays the records store.  White space is
    never a token; tokens that do not cover the text in order are an error naming the
    segmenter."""

    def __init__(self, segmenter: SegmenterLike, words: Iterable[str]) -> None:
        self.inner = segmenter
        add_word = getattr(segmenter, "add_word", None)
        if callable(add_word):  # jieba.Tokenizer and the like: teach it the lexicon
            for w in sorted(words):
                add_word(w)

    def cut_arrays(self, working: str) -> tuple[array[int], array[int]]:
        pieces = list(self.inner.cut(working))
        if "".join(pieces) != working:
            raise PolicytextError(
                f"segmenter {type(self.inner).__name__}: its tokens do not spell the text they were given"
            )
        bounds = list(accumulate(map(len, pieces), initial=0))
        starts: array[int] = array("l")
        ends: array[int] = array("l")
        for piece, s, e in zip(pieces, bounds, bounds[1:]):
            if piece and not piece.isspace():
                starts.append(s)
                ends.append(e)
        return starts, ends


_WARM_UP = "践行“四个意识”，6个县摘帽、12.1万人脱贫、三百二十五户搬迁，整改率98.3%。2018年底。\n經濟發展"


class Analyzer:
    """Turns articles into :class:`~policytext.records.Document` records.

    ``extra_slogans``: a researcher's slogan list, a TSV path or rows (see
    :mod:`policytext.resources` for the columns), added to the shipped lexicon: its slogans are
    found wherever they appear, with their members, and kept one token by the segmenter.
    ``segmenter``: ``"jieba"`` (default), ``"rjieba"`` (``pip install 'policytext[fast]'``), or
    an object whose ``cut(text)`` yields token strings; it is used only when tokens are asked for.

    >>> a = Analyzer(extra_slogans=[{"slogan": "三个确保", "items": "确保甲、确保乙、确保丙"}])
    >>> [(s.text, s.matched_by, s.lexicon_items) for s in a.analyze("落实“三个确保”").slogans]
    [('三个确保', 'lexicon', ('确保甲', '确保乙', '确保丙'))]
    """

    def __init__(
        self,
        *,
        extra_slogans: str | os.PathLike[str] | Iterable[Mapping[str, Any]] | None = None,
        segmenter: str | SegmenterLike = "jieba",
    ) -> None:
        if isinstance(segmenter, str):
            if segmenter not in BACKENDS:
                raise OptionError("segmenter", segmenter, list(BACKENDS) + ["an object with cut(text)"])
        elif not isinstance(segmenter, SegmenterLike):
            raise OptionError("segmenter", segmenter, list(BACKENDS) + ["an object with cut(text)"])
        self.segmenter = segmenter
        if extra_slogans is None:
            rows: tuple[LexiconEntry, ...] = ()
            self.slogans_source: str | None = None
        elif isinstance(extra_slogans, tuple) and all(isinstance(e, LexiconEntry) for e in extra_slogans):
            rows, self.slogans_source = extra_slogans, "<rows>"
        else:
            rows = read_user_slogans(extra_slogans)
            self.slogans_source = os.fspath(extra_slogans) if isinstance(extra_slogans, (str, os.PathLike)) else "<rows>"
        #: the user's rows, as read (converted to Simplified)
        self.extra_slogans = rows
        self.resources: Resources = Resources(rows) if rows else default_resources()
        self._segmenter: Any = None

    # -- configuration ---------------------------------------------------------------------------

    def config(self) -> dict[str, Any]:
        """What this analyzer was built from, as JSON-ready data (a batch records it)."""
        return {
            "extra_slogans": self.slogans_source,
            "extra_slogans_rows": len(self.extra_slogans),
            "extra_slogans_sha256": _rows_digest(self.extra_slogans) if self.extra_slogans else None,
            "segmenter": self.segmenter if isinstance(self.segmenter, str) else type(self.segmenter).__name__,
        }

    def __reduce__(self) -> tuple[Any, ...]:
        # by configuration: the receiving process builds (or reuses) its own instance
        return (_rebuilt, (self.extra_slogans, self.segmenter, self.slogans_source))

    def __repr__(self) -> str:
        extra = f", extra_slogans={self.slogans_source!r} ({len(self.extra_slogans)} rows)" if self.extra_slogans else ""
        return f"Analyzer(segmenter={self.config()['segmenter']!r}{extra})"

    # -- resources -------------------------------------------------------------------------------

    def segmenter_for_tokens(self) -> Any:
        """The segmenter, built on first use: a backend taught the lexicon (the shipped one is
        shared by every analyzer of the process), or the user's object, adapted."""
        if self._segmenter is None:
            if not isinstance(self.segmenter, str):
                self._segmenter = _StringTokens(self.segmenter, (e.slogan for e in self.resources.slogans))
            elif not self.extra_slogans:
                self._segmenter = get_segmenter(self.segmenter)
            else:
                backend = self.segmenter
                self._segmenter = self.resources.built(
                    f"segmenter.{backend}", lambda res: Segmenter(words={e.slogan for e in res.slogans}, backend=backend)
                )
        return self._segmenter

    def load(self, *, tokens: bool = False) -> Analyzer:
        """Load every resource now rather than on first use, so that no later document pays for
        it: OpenCC (a Traditional line too, since Simplified text skips the tw2s converter), the
        lexicon, the unit table, cn2an (its first call compiles its patterns), the noun list,
        and the segmenter when ``tokens``.  A worker process calls this once; benchmarks call it
        before timing."""
        self.analyze(_WARM_UP, tokens=tokens)
        return self

    # -- analysis --------------------------------------------------------------------------------

    def analyze(
        self, text: str, *, id: str | None = None, meta: dict[str, Any] | None = None, tokens: bool = False
    ) -> Document:
        """Analyze one article (Traditional, Simplified or mixed) and return its records.

        ``tokens=True`` also segments it (taught the lexicon); extraction does not need
        tokens, so they are off by default for speed.  Lone surrogates in ``text`` or ``id``
        (which UTF-8 cannot write) are replaced by U+FFFD, one for one so that offsets hold, and
        counted in ``meta["policytext_replaced"]``."""
        text, replaced = replace_surrogates(text)
        if id is not None:
            id, replaced_in_id = replace_surrogates(id)
            replaced += replaced_in_id
        if replaced:
            meta = {**(meta or {}), REPLACED_KEY: replaced}
        return self.analyze_prepared(prepare(text), id=id, meta=meta, tokens=tokens)

    def analyze_prepared(
        self, w: Working, *, id: str | None = None, meta: dict[str, Any] | None = None, tokens: bool = False
    ) -> Document:
        """:meth:`analyze` of a text already converted and normalized (:func:`~policytext.text.working.prepare`),
        so that a caller who needed the working text first (the spaCy tokenizer) does not
        convert it twice."""
        text = w.original
        script, paragraph_spans, paragraph_labels = paragraph_scripts(text)
        paragraphs = SpanRecords(Paragraph, paragraph_spans, paragraph_labels)

        spans = sentences(w.text)
        sents = SpanRecords(Sentence, spans if w.identity else (w.span(s, e) for s, e in spans))

        toks: Tokens | None = None
        if tokens:
            wstarts, wends = self.segmenter_for_tokens().cut_arrays(w.text)
            if w.identity:  # most news: the working text's offsets are the original's
                toks = Tokens.from_arrays(text, w.text, wstarts, wends, wstarts, wends)
            else:
                toks = Tokens.from_arrays(text, w.text, *_original_spans(w, wstarts, wends), wstarts, wends)

        found_boilerplate = find_boilerplate(w.text)
        boiler = tuple(Boilerplate(*w.span(s, e), kind) for s, e, kind in found_boilerplate)
        # a line printed again (a repeated title) is flagged, and its mentions are not counted twice
        repeated = [(s, e) for s, e, kind in found_boilerplate if kind == "repeated_line"]

        slogans, quantities, dates, findings = run_extractors(w, skip=repeated, res=self.resources)

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


def _original_spans(w: Working, wstarts: array[int], wends: array[int]) -> tuple[array[int], array[int]]:
    """The original spans of the working-text tokens, as two arrays filled one span at a time:
    lists of tuples made first cost ~150 bytes a token, 0.4 GB for an 8 MB document."""
    starts: array[int] = array("l")
    ends: array[int] = array("l")
    add_start, add_end = starts.append, ends.append
    for s, e in map(w.offsets.span, wstarts, wends):
        add_start(s)
        add_end(e)
    return starts, ends


def _rows_digest(rows: tuple[LexiconEntry, ...]) -> str:
    h = hashlib.sha256()
    for e in rows:
        h.update(repr((e.id, e.slogan, e.items, e.kind, e.source)).encode("utf-8"))
    return h.hexdigest()


#: analyzers rebuilt in this process from a pickled configuration, by that configuration
_REBUILT: dict[tuple[Any, ...], Analyzer] = {}


def _rebuilt(rows: tuple[LexiconEntry, ...], segmenter: Any, source: str | None) -> Analyzer:
    if not rows and isinstance(segmenter, str):
        return default_analyzer(segmenter)
    try:
        key = (rows, segmenter, source)
        hash(key)
    except TypeError:  # a segmenter object that is not hashable: no reuse
        return _with_source(Analyzer(extra_slogans=rows or None, segmenter=segmenter), source)
    if key not in _REBUILT:
        _REBUILT[key] = _with_source(Analyzer(extra_slogans=rows or None, segmenter=segmenter), source)
    return _REBUILT[key]


def _with_source(a: Analyzer, source: str | None) -> Analyzer:
    if a.extra_slogans:
        a.slogans_source = source
    return a


@lru_cache(maxsize=None)
def default_analyzer(segmenter: str = "jieba") -> Analyzer:
    """The process-wide analyzer with the shipped data alone (what :func:`analyze` uses)."""
    return Analyzer(segmenter=segmenter)


def analyze(
    text: str,
    *,
    id: str | None = None,
    meta: dict[str, Any] | None = None,
    tokens: bool = False,
    segmenter: str = "jieba",
) -> Document:
    """Analyze one article with the default :class:`Analyzer` (the shipped data alone).

    ``tokens=True`` also segments it with jieba (taught the policy lexicon), or with rjieba
    when ``segmenter="rjieba"`` (faster; ``pip install 'policytext[fast]'``); extraction does
    not need tokens, so they are off by default for speed.

    >>> doc = analyze("踐行“四個意識”，發現問題7680 個。")
    >>> doc.script, doc.text_simplified
    ('traditional', '践行“四个意识”，发现问题7680 个。')
    >>> [(s.start, s.end) for s in doc.sentences]
    [(0, 20)]
    """
    if segmenter not in BACKENDS:
        raise OptionError("segmenter", segmenter, list(BACKENDS))
    return default_analyzer(segmenter).analyze(text, id=id, meta=meta, tokens=tokens)
