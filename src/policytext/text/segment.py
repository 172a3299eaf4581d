"""Sentences and tokens.

Tokens come from a per-instance ``jieba.Tokenizer`` (never the global ``jieba.dt``), built once
per process and taught the policy lexicon, so that a known slogan (四个意识, 两不愁三保障) is one
token.  Two things jieba gets wrong are handled before it sees the text:

* spans it cannot keep whole (``9+9``, ``1+N``, names with ``·``) are cut out and kept as
  single tokens;
* its Han-character class excludes ``〇``, so 二〇一八年 would split: ``〇`` is shown to jieba as
  ``零`` (same length) and the token text is taken back from the working text.

Segment the working (Simplified, normalized) text: jieba splits Traditional text badly.
"""

from __future__ import annotations

import logging
import re
from array import array
from bisect import bisect_left
from functools import lru_cache
from itertools import accumulate
from typing import Iterable, Iterator, KeysView, Literal

from ..errors import OptionError
from ..lexicon import slogan_forms

__all__ = ["Segmenter", "get_segmenter", "sentences", "SegmenterBackend", "BACKENDS", "noun_words"]

SegmenterBackend = Literal["jieba", "rjieba"]
BACKENDS: tuple[str, ...] = ("jieba", "rjieba")

#: spans kept whole before jieba sees them: digit codes joined by + (9+9, 1+N, 8+N) with the
#: governance noun after them, and years in Chinese digits; lexicon words with + - · are added
#: to this pattern as they are
_PROTECTED = re.compile(
    r"[0-9]+(?:\s*[+＋]\s*(?:[0-9]+|[NnXx]))+(?:[\u4e00-\u9fff]{0,8}(?:工程|机制|体系|模式|政策|计划|战略|格局|行动))?"
    r"|[〇零一二三四五六七八九]{4}年"  # a year written in Chinese digits: jieba cuts 二零一/八年
)

_SENTENCE = re.compile(r"[^\n。！？!?…]+(?:[。！？!?…]+[”’」』\")）]*|(?=\n)|$)")


_WHITE_RUN = re.compile(r"\s+")
#: about how many characters the segmenter is given at once (see Segmenter._cut_plain)
_CHUNK = 1 << 15


def sentences(working: str) -> Iterator[tuple[int, int]]:
    """Sentence spans of a normalized text: split after 。！？!?… (closing quotes stay with
    their sentence) and at line breaks; surrounding white space is trimmed.

    >>> [("一二。三“四！”五")[s:e] for s, e in sentences("一二。三“四！”五")]
    ['一二。', '三“四！”', '五']
    """
    for m in _SENTENCE.finditer(working):
        chunk = m.group()
        if not (chunk[0].isspace() or chunk[-1].isspace()):
            yield m.span()  # the usual case: nothing to trim
            continue
        stripped = chunk.strip()
        if not stripped:
            continue
        s = m.start() + len(chunk) - len(chunk.lstrip())
        yield s, s + len(stripped)


class Segmenter:
    """A jieba tokenizer of its own, taught the policy lexicon (``words``: the shipped slogans
    unless given).

    ``backend="jieba"`` (the reference) gives jieba's own tokens: the tokenizer's dictionary and
    HMM with the route search of :class:`~policytext.text._jieba_route.JiebaRoute`, about twice as fast
    as ``Tokenizer.cut`` and equal to it token for token; ``backend="rjieba"`` is jieba-rs
    through rjieba (``pip install 'policytext[fast]'``), 10-20x faster, taught the same words.
    Both run with the HMM for unknown words (jieba's default): so set, rjieba gives jieba's exact
    tokens on 98 % of 新闻联播 items (5.7 % with its HMM off); ``benchmarks/throughput.py``
    reports the agreement on the corpus."""

    def __init__(self, *, words: Iterable[str] | None = None, backend: str = "jieba") -> None:
        if backend not in BACKENDS:
            raise OptionError("backend", backend, list(BACKENDS))
        self.backend = backend
        # the words taught, each kept one token: the shipped slogans unless a list is given
        words = set(words) if words is not None else set(slogan_forms())
        plain = [w for w in sorted(words) if not (_PROTECTED.fullmatch(w) or not re.fullmatch(r"[\u4e00-\u9fffA-Za-z0-9]+", w))]
        special = sorted(words - set(plain))
        if backend == "jieba":
            import jieba

            from ._jieba_route import JiebaRoute

            logging.getLogger("jieba").setLevel(logging.WARNING)
            self._tk = jieba.Tokenizer()
            self._tk.initialize()
            for w in plain:
                self._tk.add_word(w)
            # jieba's own cut, token for token, with the route search made cheaper
            self._cut = JiebaRoute(self._tk)
        else:
            try:
                import rjieba
            except ImportError:
                raise OptionError("backend", backend, ["jieba (rjieba is not installed: pip install 'policytext[fast]')"]) from None
            self._rj = rjieba.Jieba()
            for w in plain:
                self._rj.add_word(w, None, None)
            self._cut = lambda text: self._rj.cut(text, hmm=True)  # a list already
        lexicon_special = "|".join(re.escape(w) for w in sorted(special, key=len, reverse=True))
        self._protected = re.compile(
            (lexicon_special + "|" if lexicon_special else "") + _PROTECTED.pattern
        )
        # the same matches found faster: a class of the characters a match can start with comes
        # first, so that sre skips ahead at C speed, and the whole pattern is a lookahead there
        # (group 1); a match inside the previous one is passed over by the caller
        first = set("0123456789零一二三四五六七八九") | {w[0] for w in special}
        self._protected_at = re.compile(
            "[" + "".join(re.escape(c) for c in sorted(first)) + "](?<=(?=(" + self._protected.pattern + ")).)"
        )

    def cut(self, working: str) -> Iterator[tuple[int, int]]:
        """Token spans ``(start, end)`` of a normalized text; white space is not a token."""
        starts, ends = self.cut_arrays(working)
        return zip(starts, ends)

    def cut_arrays(self, working: str) -> tuple[array[int], array[int]]:
        """The token spans of :meth:`cut` as two arrays (starts, ends), built from the token
        lengths in bulk rather than span by span: what :class:`~policytext.records.Tokens`
        stores."""
        shown = working.replace("〇", "零")
        starts: array[int] = array("l")
        ends: array[int] = array("l")
        pos = 0
        for m in self._protected_at.finditer(shown):
            s, e = m.span(1)
            if s < pos:
                continue
            self._cut_plain(shown, pos, s, starts, ends)
            starts.append(s)
            ends.append(e)
            pos = e
        self._cut_plain(shown, pos, len(shown), starts, ends)
        return starts, ends

    def _cut_plain(self, shown: str, start: int, end: int, starts: array[int], ends: array[int]) -> None:
        """The tokens of ``shown[start:end]``, handed to the segmenter a few thousand lines at
        a time: it makes a Python string per token (and this a number per boundary) for all it
        is given, ~60 bytes a character at once for a document of many lines.  Cut just after a
        line break, the tokens are the same: a line break is never inside a token."""
        while end - start > _CHUNK:
            cut = shown.rfind("\n", start, start + _CHUNK) + 1 or shown.find("\n", start + _CHUNK, end) + 1
            if cut <= start:
                break  # one line: given whole
            self._cut_piece(shown, start, cut, starts, ends)
            start = cut
        self._cut_piece(shown, start, end, starts, ends)

    def _cut_piece(self, shown: str, start: int, end: int, starts: array[int], ends: array[int]) -> None:
        if start >= end:
            return
        piece = shown[start:end]
        bounds = list(accumulate(map(len, self._cut(piece)), initial=start))
        # white space is never part of a word token: each run of it is one or more tokens of
        # its own, starting and ending on token boundaries, so the tokens to leave out are found
        # by bisecting the few runs into the boundaries rather than testing every token
        kept_from = 0
        for m in _WHITE_RUN.finditer(piece):
            i = bisect_left(bounds, start + m.start())
            j = bisect_left(bounds, start + m.end(), i)
            starts.fromlist(bounds[kept_from:i])  # fromlist: twice as fast as extend
            ends.fromlist(bounds[kept_from + 1 : i + 1])
            kept_from = j
        starts.fromlist(bounds[kept_from:-1])
        ends.fromlist(bounds[kept_from + 1 :])

    def lcut(self, working: str) -> list[str]:
        """Token strings (convenience for inspection and tests)."""
        return [working[s:e] for s, e in self.cut(working)]


@lru_cache(maxsize=None)
def get_segmenter(backend: str = "jieba") -> Segmenter:
    """The process-wide segmenter for ``backend`` (``jieba`` or ``rjieba``): its dictionary
    loads once per process."""
    if backend not in BACKENDS:
        raise OptionError("backend", backend, list(BACKENDS))
    return Segmenter(backend=backend)


#: jieba part-of-speech tags read as nominal when finding what a quantity counts
_NOMINAL_TAGS = frozenset({"n", "nr", "ns", "nt", "nz", "ng", "nrt", "nrfg", "b", "vn", "an", "j", "zg"})


@lru_cache(maxsize=1)
def noun_words() -> KeysView[str]:
    """Words that jieba's own dictionary tags as nominal (n…, b, vn, an, j, zg), plus the policy
    lexicon's slogans.  Read once per process, only when a quantity needs its counted noun.

    A set-like view (membership, iteration, set operations) of the keys of a dict: Python's
    garbage collector does not follow a dict that holds only strings, while it walks all
    240,000 words of a set at every full collection (35 ms each, a pause in the middle of a
    researcher's run)."""
    from importlib import resources

    words: dict[str, None] = {}
    with (resources.files("jieba") / "dict.txt").open(encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) == 3 and parts[2] in _NOMINAL_TAGS:
                words[parts[0]] = None
    words.update(dict.fromkeys(slogan_forms()))
    return words.keys()
