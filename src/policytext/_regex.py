"""Regular-expression helpers shared by the extractors."""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["longest_of"]


def longest_of(words: Iterable[str]) -> str:
    """A pattern matching the longest of ``words`` that starts at a position — what the
    alternation of the words sorted longest first matches — written as a trie, so that sre
    follows one branch per character instead of trying every word in turn (an alternation of a
    few hundred words starting with common characters such as 一 or 三 is several times slower).

    >>> re.findall(longest_of(["三农", "三农问题", "三严三实", "两会"]), "三农问题和三严三实、两会、三农")
    ['三农问题', '三严三实', '两会', '三农']
    """
    trie: dict[str, dict] = {}  # type: ignore[type-arg]
    for w in words:
        if not w:
            raise ValueError("longest_of: an empty word")
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _pattern(trie)


def _pattern(node: dict) -> str:  # type: ignore[type-arg]
    ends_here = "" in node
    branches = [re.escape(ch) + _pattern(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    # a word ends here and a longer one may go on: the longer is tried first (greedy ?)
    return f"(?:{body})?" if ends_here else body
