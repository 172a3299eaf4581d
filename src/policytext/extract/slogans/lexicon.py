"""Evidence from the lexicon: a known slogan (``lexicon/slogans.tsv`` and a user's list)
wherever it appears, with the sense of a homograph chosen from its context."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..._regex import longest_of
from ...resources import LexiconEntry, Resources
from .forms import numeral_parts
from .mention import NUM, SloganMention
from .vocabulary import domain_cues

__all__ = ["lexicon_index", "lexicon_matches"]

LexiconIndex = tuple[re.Pattern[str], dict[str, tuple[LexiconEntry, ...]]]

# how far on each side of a homograph its domain cues are counted
_CONTEXT = 150


def _build_index(res: Resources) -> LexiconIndex:
    """The lexicon's matcher (longest form first) and its senses by form."""
    by_form: dict[str, list[LexiconEntry]] = {}
    for e in res.slogans:
        by_form.setdefault(e.slogan, []).append(e)
    forms = sorted(by_form, key=len, reverse=True)
    pattern = re.compile(longest_of(forms))
    return pattern, {k: tuple(v) for k, v in by_form.items()}


def lexicon_index(res: Resources) -> LexiconIndex:
    """The index of the caller's lexicon, built once per :class:`Resources` (a user's slogan list
    makes its own), never a module global."""
    return res.built("slogans.lexicon_index", _build_index)


def lexicon_matches(text: str, res: Resources) -> Iterator[SloganMention]:
    """Every lexicon form in ``text``, except one glued into a longer numeral run."""
    pattern, by_form = lexicon_index(res)
    for m in pattern.finditer(text):
        if _inside_numeral_run(text, m.start()):
            continue
        form = m.group()
        entries = by_form[form]
        number, parts = numeral_parts(form)
        ctx = text[max(0, m.start() - _CONTEXT) : m.end() + _CONTEXT]
        entry, ambiguous = choose_sense(entries, ctx)
        yield SloganMention(
            m.start(), m.end(), form, number, parts, entries[0].kind, entry=entry, ambiguous=ambiguous,
            matched_by="lexicon",
        )  # fmt: skip


def _inside_numeral_run(text: str, start: int) -> bool:
    """A lexicon form glued into a longer numeral run (三十三农 is not 三农)."""
    return start > 0 and text[start - 1] in NUM and text[start] in NUM


def choose_sense(
    entries: tuple[LexiconEntry, ...], context: str
) -> tuple[LexiconEntry | None, tuple[LexiconEntry, ...]]:
    """Pick the sense of a homograph from its context (``slogan_domain_cues.tsv``); ambiguous
    when the context does not tell."""
    if len(entries) == 1 or len({e.items for e in entries}) == 1:
        return entries[0], ()
    cues_by_domain = domain_cues()
    scores = []
    for e in entries:
        domain = e.domain.split(":")[0]
        cues = cues_by_domain.get(domain, (domain,))
        scores.append(sum(context.count(c) for c in cues))
    best = max(scores)
    winners = [e for e, s in zip(entries, scores) if s == best]
    if best > 0 and len(winners) == 1:
        return winners[0], ()
    return None, entries
