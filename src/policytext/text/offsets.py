"""Offset maps: where a span of a derived text came from in its source text.

Every transformation policytext applies before analysis (OpenCC conversion, width folding,
dropping zero-width characters or the spaces inside ``12.1 萬人``) is recorded as an
:class:`OffsetMap`.  Analysis runs on the derived text; the map carries each span back, so
that ``original[start:end]`` is always what the reader saw.

A map is a list of contiguous segments of the derived text.  An *equal* segment corresponds
character for character to a run of the source; a *replace* segment corresponds to a run of
the source of another length, and a span that starts or ends inside it is widened to the
whole source run.  Characters deleted from the source (a BOM, a ``\\r``, a stray space) have
no segment: a span starting after a deletion maps past it, a span ending before it stops
short of it, so deleted characters never lead or trail a mapped span.

>>> m = OffsetMap.from_edits(10, [(4, 5, "")])    # "12.1 萬人…" -> "12.1萬人…"
>>> m.span(0, 6)
(0, 7)
>>> m.span(4, 6)
(5, 7)
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from difflib import SequenceMatcher

__all__ = ["OffsetMap"]


class OffsetMap:
    """Maps boundaries of a derived text of length ``target_len`` onto its source."""

    __slots__ = ("_w0", "_w1", "_o0", "_o1", "_eq", "source_len", "target_len", "_identity")

    def __init__(
        self,
        segments: Sequence[tuple[int, int, int, int, bool]],
        source_len: int,
        target_len: int,
    ) -> None:
        # segments: (target_start, target_end, source_start, source_end, equal), target-contiguous,
        # each with a non-empty target side.
        self._w0 = [s[0] for s in segments]
        self._w1 = [s[1] for s in segments]
        self._o0 = [s[2] for s in segments]
        self._o1 = [s[3] for s in segments]
        self._eq = [s[4] for s in segments]
        self.source_len = source_len
        self.target_len = target_len
        self._identity = (
            source_len == target_len
            and all(segments_eq for segments_eq in self._eq)
            and all(w == o for w, o in zip(self._w0, self._o0))
        )

    # -- constructors -------------------------------------------------------------------------

    @classmethod
    def identity(cls, length: int) -> OffsetMap:
        """The map of a transformation that kept every character in place."""
        m = cls.__new__(cls)  # the common case, built without the general constructor's passes
        m._w0, m._w1, m._o0, m._o1, m._eq = ([0], [length], [0], [length], [True]) if length else ([], [], [], [], [])
        m.source_len = m.target_len = length
        m._identity = True
        return m

    @classmethod
    def from_edits(cls, source_len: int, edits: Iterable[tuple[int, int, str]]) -> OffsetMap:
        """Build the map of applying ``edits`` (source start, source end, replacement), sorted
        and non-overlapping, to a source of length ``source_len``."""
        segments: list[tuple[int, int, int, int, bool]] = []
        pos = 0  # source position
        out = 0  # target position

        def keep(upto: int) -> None:
            nonlocal pos, out
            if upto > pos:
                n = upto - pos
                segments.append((out, out + n, pos, upto, True))
                out += n
                pos = upto

        for start, end, replacement in edits:
            if start < pos or end < start:
                raise ValueError(f"edits overlap or are unsorted at {start}:{end}")
            keep(start)
            n = len(replacement)
            if n:
                equal = n == end - start
                segments.append((out, out + n, start, end, equal))
                out += n
            pos = end
        keep(source_len)
        return cls(_merge(segments), source_len, out)

    @classmethod
    def from_texts(cls, source: str, target: str, comparable: str | None = None) -> OffsetMap:
        """Align two texts (a conversion that may change lengths) and build the map.

        Lines are aligned one by one where both texts have the same number of lines (OpenCC
        never touches line breaks); a line of unchanged length maps character for character.
        ``comparable``, if given, is ``source`` converted character by character (same length):
        aligning it instead of ``source`` lets converted-but-unchanged-length characters match.
        """
        if len(source) == len(target):
            return cls.identity(len(source))
        if comparable is not None and len(comparable) == len(source):
            source_for_matching = comparable
        else:
            source_for_matching = source
        src_lines = source_for_matching.split("\n")
        dst_lines = target.split("\n")
        if len(src_lines) != len(dst_lines):
            return cls._from_opcodes(source_for_matching, target, 0, 0)
        segments: list[tuple[int, int, int, int, bool]] = []
        s_off = t_off = 0
        for s_line, t_line in zip(src_lines, dst_lines):
            if len(s_line) == len(t_line):
                if s_line:
                    segments.append((t_off, t_off + len(t_line), s_off, s_off + len(s_line), True))
            else:
                segments.extend(cls._opcode_segments(s_line, t_line, s_off, t_off))
            s_off += len(s_line) + 1
            t_off += len(t_line) + 1
            # the newline itself
            if s_off <= len(source):
                segments.append((t_off - 1, t_off, s_off - 1, s_off, True))
        return cls(_merge(segments), len(source), len(target))

    @classmethod
    def _from_opcodes(cls, source: str, target: str, s_off: int, t_off: int) -> OffsetMap:
        segs = cls._opcode_segments(source, target, s_off, t_off)
        return cls(_merge(segs), len(source), len(target))

    @staticmethod
    def _opcode_segments(
        source: str, target: str, s_off: int, t_off: int
    ) -> list[tuple[int, int, int, int, bool]]:
        segs = []
        matcher = SequenceMatcher(None, source, target, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if j2 == j1:
                continue  # deletion: no target segment
            equal = tag == "equal" or (tag == "replace" and i2 - i1 == j2 - j1)
            segs.append((t_off + j1, t_off + j2, s_off + i1, s_off + i2, equal))
        return segs

    # -- lookups ------------------------------------------------------------------------------

    @property
    def is_identity(self) -> bool:
        return self._identity

    def start(self, j: int) -> int:
        """Source offset of a span that starts at target offset ``j``."""
        if self._identity:
            return j
        self._check(j)
        if j == self.target_len:
            return self.source_len
        k = bisect_right(self._w0, j) - 1  # target segments are contiguous: w0[k] <= j < w1[k]
        if self._eq[k]:
            return self._o0[k] + (j - self._w0[k])
        return self._o0[k]

    def end(self, j: int) -> int:
        """Source offset of a span that ends at target offset ``j`` (exclusive)."""
        if self._identity:
            return j
        self._check(j)
        if j == 0:
            return 0
        k = bisect_left(self._w1, j)  # w0[k] < j <= w1[k]
        if self._eq[k]:
            return self._o0[k] + (j - self._w0[k])
        return self._o1[k]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Source ``(start, end)`` of the target span ``[start, end)``."""
        s = self.start(start)
        e = self.end(end) if end > start else s
        return s, max(s, e)

    def then(self, outer: OffsetMap) -> ChainedMap:
        """Compose: ``self`` maps C to B, ``outer`` maps B to A; the result maps C to A."""
        return ChainedMap([self, outer])

    def _check(self, j: int) -> None:
        if not 0 <= j <= self.target_len:
            raise IndexError(f"offset {j} outside the text (length {self.target_len})")

    def __repr__(self) -> str:
        kind = "identity" if self._identity else f"{len(self._w0)} segments"
        return f"OffsetMap({kind}, source_len={self.source_len}, target_len={self.target_len})"


class ChainedMap:
    """Several offset maps applied innermost first (the map of the last transformation first)."""

    __slots__ = ("maps", "source_len", "target_len")

    def __init__(self, maps: Sequence[OffsetMap | ChainedMap]) -> None:
        flat: list[OffsetMap] = []
        for m in maps:
            flat.extend(m.maps if isinstance(m, ChainedMap) else [m])
        self.maps = [m for m in flat if not m.is_identity] or flat[:1]
        self.source_len = flat[-1].source_len
        self.target_len = flat[0].target_len

    @property
    def is_identity(self) -> bool:
        return all(m.is_identity for m in self.maps)

    def start(self, j: int) -> int:
        for m in self.maps:
            j = m.start(j)
        return j

    def end(self, j: int) -> int:
        for m in self.maps:
            j = m.end(j)
        return j

    def span(self, start: int, end: int) -> tuple[int, int]:
        s = self.start(start)
        e = self.end(end) if end > start else s
        return s, max(s, e)

    def then(self, outer: OffsetMap | ChainedMap) -> ChainedMap:
        return ChainedMap([self, outer])


def _merge(segments: list[tuple[int, int, int, int, bool]]) -> list[tuple[int, int, int, int, bool]]:
    """Join adjacent equal segments that are contiguous on both sides."""
    merged: list[tuple[int, int, int, int, bool]] = []
    for seg in segments:
        if merged:
            w0, w1, o0, o1, eq = merged[-1]
            if eq and seg[4] and seg[0] == w1 and seg[2] == o1:
                merged[-1] = (w0, seg[1], o0, seg[3], True)
                continue
        merged.append(seg)
    return merged
