"""jieba's default cut (accurate mode, HMM on), token for token, in less time.

``jieba.Tokenizer.cut`` builds, for every block of Han characters, a dict of the dictionary
words starting at each position (``get_DAG``), then finds the most probable route through them
(``calc``), taking ``log`` of each word's frequency anew every time.  :class:`JiebaRoute` does
the same search in one right-to-left pass over a table of log probabilities made once from the
tokenizer's dictionary, and hands runs of single characters to jieba's HMM exactly where jieba
does (the model of ``jieba.finalseg``, searched by an unrolled Viterbi equal to
``finalseg.viterbi``).  The arithmetic is jieba's, in jieba's order
(``(log(freq) - log(total)) + best_rest``), and ties go to the longer word as ``max`` over jieba's
``(score, end)`` tuples does, so the tokens are the same: ``tests/test_segment.py`` compares them
with ``Tokenizer.lcut`` on whole corpora.

The table is a snapshot: words added to the tokenizer after it is made are not seen, so the
segmenter makes it after teaching the tokenizer its lexicon and never changes it after.
"""

from __future__ import annotations

from functools import lru_cache
from math import log

import jieba
from jieba import finalseg

__all__ = ["JiebaRoute"]

_BLOCK = jieba.re_han_default  # the same block and white-space patterns as jieba.Tokenizer.cut
_SKIP = jieba.re_skip_default
#: table value of a key that is only a prefix of longer words (frequency 0); every real log
#: probability is <= 0
_PREFIX = 1.0


class JiebaRoute:
    """``tokenizer.lcut(text)`` (HMM on) as ``JiebaRoute(tokenizer)(text)``."""

    def __init__(self, tokenizer: jieba.Tokenizer) -> None:
        tokenizer.check_initialized()
        logtotal = log(tokenizer.total)
        #: word -> log(freq) - log(total); a prefix-only key -> _PREFIX
        self._logp: dict[str, float] = {w: (log(f) - logtotal if f else _PREFIX) for w, f in tokenizer.FREQ.items()}
        #: the score of a character jieba does not know (or knows only as a prefix): log(1) - log(total)
        self._alone = log(1) - logtotal

    def __call__(self, sentence: str) -> list[str]:
        out: list[str] = []
        block = self._block
        for blk in _BLOCK.split(sentence):
            if not blk:
                continue
            if _BLOCK.match(blk):
                block(blk, out)
            else:
                for x in _SKIP.split(blk):
                    if _SKIP.match(x):
                        out.append(x)
                    else:
                        out.extend(x)
        return out

    def _block(self, s: str, out: list[str]) -> None:
        """Append the tokens of one block of Han characters and word symbols to ``out``."""
        logp = self._logp
        get = logp.get
        alone_score = self._alone
        n = len(s)
        score = [0.0] * (n + 1)  # best log probability of the rest of the block from each position
        nxt = list(range(1, n + 2))  # where the first word of that best route ends
        for k in range(n - 1, -1, -1):
            p = get(s[k])
            if p is None or p > 0.0:  # jieba's route from k may be the character alone, scored as freq 1
                best = alone_score + score[k + 1]
                if p is None:  # no word starts with this character
                    score[k] = best
                    continue
                alone = True  # ... unless a word starts here: then only words count
            else:
                best = p + score[k + 1]
                alone = False
            end = k
            i = k + 1
            while i < n:
                p = get(s[k : i + 1])
                if p is None:
                    break
                if p <= 0.0:
                    v = p + score[i + 1]
                    if v >= best or alone:  # on a tie the longer word wins, as in max((score, end))
                        best = v
                        end = i
                        alone = False
                i += 1
            score[k] = best
            nxt[k] = end + 1
        # walk the route; runs of single characters go to the HMM unless the run is itself a word
        x = 0
        buf = ""
        while x < n:
            y = nxt[x]
            if y - x == 1:
                buf += s[x]
            else:
                if buf:
                    self._flush(buf, out)
                    buf = ""
                out.append(s[x:y])
            x = y
        if buf:
            self._flush(buf, out)

    def _flush(self, buf: str, out: list[str]) -> None:
        if len(buf) == 1:
            out.append(buf)
            return
        p = self._logp.get(buf)
        if p is None or p > 0.0:  # not a word (jieba: `not FREQ.get(buf)`)
            _hmm_cut(buf, out)
        else:
            out.extend(buf)


_HMM_HAN = finalseg.re_han  # finalseg.cut's own patterns
_HMM_SKIP = finalseg.re_skip


def _hmm_cut(buf: str, out: list[str]) -> None:
    """``out.extend(jieba.finalseg.cut(buf))``, with the Viterbi search of :func:`_states`."""
    force_split = finalseg.Force_Split_Words  # read each time: jieba's del_word adds to it
    for blk in _HMM_HAN.split(buf):
        if _HMM_HAN.match(blk):
            states = _states(blk)
            begin = nexti = 0
            for i, pos in enumerate(states):
                if pos == "B":
                    begin = i
                    continue
                if pos == "E":
                    word = blk[begin : i + 1]
                elif pos == "S":
                    word = blk[i]
                else:
                    continue
                nexti = i + 1
                if word in force_split:
                    out.extend(word)
                else:
                    out.append(word)
            if nexti < len(blk):
                word = blk[nexti:]
                if word in force_split:
                    out.extend(word)
                else:
                    out.append(word)
        else:
            out.extend(x for x in _HMM_SKIP.split(blk) if x)


_START = finalseg.start_P
_MIN = finalseg.MIN_FLOAT
_T = {(a, b): finalseg.trans_P[a].get(b, _MIN) for a in "BMES" for b in "BMES"}
_EMIT_B, _EMIT_M, _EMIT_E, _EMIT_S = (finalseg.emit_P[y] for y in "BMES")
_STATE_INDEX = {"B": 0, "M": 1, "E": 2, "S": 3}  # positions in a step of _states' back pointers


@lru_cache(maxsize=1 << 16)
def _states(obs: str) -> str:
    """The B/M/E/S state of each character: ``jieba.finalseg.viterbi`` unrolled over its four
    states, with the same sums in the same order and the same tie-breaks (``max`` over
    ``(prob, state)`` tuples prefers the later letter).  Cached: unknown names recur."""
    c = obs[0]
    vb = _START["B"] + _EMIT_B.get(c, _MIN)
    vm = _START["M"] + _EMIT_M.get(c, _MIN)
    ve = _START["E"] + _EMIT_E.get(c, _MIN)
    vs = _START["S"] + _EMIT_S.get(c, _MIN)
    t_eb, t_sb = _T["E", "B"], _T["S", "B"]
    t_mm, t_bm = _T["M", "M"], _T["B", "M"]
    t_ss, t_es = _T["S", "S"], _T["E", "S"]
    t_be, t_me = _T["B", "E"], _T["M", "E"]
    back: list[tuple[str, str, str, str]] = []  # per step, the previous state of B, M, E, S
    for c in obs[1:]:
        em = _EMIT_B.get(c, _MIN)
        x, y = ve + t_eb + em, vs + t_sb + em
        nb, pb = (y, "S") if y >= x else (x, "E")
        em = _EMIT_M.get(c, _MIN)
        x, y = vm + t_mm + em, vb + t_bm + em
        nm, pm = (x, "M") if x >= y else (y, "B")
        em = _EMIT_E.get(c, _MIN)
        x, y = vb + t_be + em, vm + t_me + em
        ne, pe = (y, "M") if y >= x else (x, "B")
        em = _EMIT_S.get(c, _MIN)
        x, y = vs + t_ss + em, ve + t_es + em
        ns, ps = (x, "S") if x >= y else (y, "E")
        back.append((pb, pm, pe, ps))
        vb, vm, ve, vs = nb, nm, ne, ns
    state = "S" if vs >= ve else "E"
    path = [state]
    for prev in reversed(back):
        state = prev[_STATE_INDEX[state]]
        path.append(state)
    return "".join(reversed(path))
