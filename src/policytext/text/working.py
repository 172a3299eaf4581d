"""The working text of one document: its original, converted to Simplified and normalized, with
the chained offset map back to the original.  Every later stage reads the working text; every
span it returns is projected back through :meth:`Working.surface`."""

from __future__ import annotations

from .normalize import normalize
from .offsets import ChainedMap
from .script import to_simplified

__all__ = ["Working", "prepare"]


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
    """Convert and normalize ``text`` (the first two stages of :func:`~policytext.analyze`).

    >>> w = prepare("發現問題7680 個")
    >>> w.text, w.surface(4, 9)
    ('发现问题7680个', ('7680 個', 4, 10))
    """
    if not isinstance(text, str):
        raise TypeError(f"analyze() takes a str, not {type(text).__name__}")
    return Working(text)
