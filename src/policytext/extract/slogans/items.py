"""The members a text states for a slogan: after it (即 / : / 是指 / 包括, or in parentheses) or
listed right before it (X、Y、Z四级书记; “选、育、管、用”四环联动)."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from .mention import CLOSE_QUOTES, OPEN_QUOTES, SloganMention
from .named import KINDS as NAMED_KINDS
from .vocabulary import words

__all__ = ["ListWords", "attach_items", "expansion_cue", "items_after", "items_before", "list_words"]

Span = tuple[int, int]

_ITEMS_END = re.compile(r"[。!?\n]")
# punctuation that ends the walk back over a list before a slogan (function words come from data)
_STOP_PUNCTUATION = ",;:。!?()“”「」『』《》 \n"
# how far an expansion in parentheses, or up to the end of the sentence, may reach
_MAX_PARENTHESIS = 300
_MAX_SENTENCE = 400
# how far back a list before a slogan may start
_MAX_BEFORE = 200


class ListWords(NamedTuple):
    """The words of ``slogan_list_words.tsv`` and ``slogan_verbs.tsv`` the item rules use."""

    stops: frozenset[str]  # what a list before a slogan does not reach past
    closers: frozenset[str]  # 等
    demonstratives: frozenset[str]  # 这, 那
    conjunctions: tuple[str, ...]  # longest first: 以及 before 及
    verbs_final: tuple[str, ...]  # a list ending in one governs the slogan
    verbs_before: frozenset[str]  # verbs a list follows


@lru_cache(maxsize=1)
def list_words() -> ListWords:
    """The word lists of the item rules, read once per process."""
    table = "slogan_list_words.tsv"
    verbs = "slogan_verbs.tsv"
    for role in ("stop", "closer", "demonstrative"):
        if any(len(w) != 1 for w in words(table, role)):
            raise ValueError(f"lexicon/{table}: a {role} word must be one character (the list walk reads characters)")
    if any(len(w) != 2 for w in words(verbs, "yes", column="governs") + words(verbs, "no", column="governs")):
        raise ValueError(f"lexicon/{verbs}: every verb must have two characters (the first-item rule relies on it)")
    return ListWords(
        stops=frozenset(_STOP_PUNCTUATION) | frozenset(words(table, "stop")),
        closers=frozenset(words(table, "closer")),
        demonstratives=frozenset(words(table, "demonstrative")),
        conjunctions=tuple(sorted(words(table, "conjunction"), key=len, reverse=True)),
        verbs_final=words(verbs, "yes", column="governs"),
        verbs_before=frozenset(words(verbs, "yes", column="governs") + words(verbs, "no", column="governs")),
    )


# -- items after a slogan -----------------------------------------------------------------------


@lru_cache(maxsize=1)
def expansion_cue() -> re.Pattern[str]:
    """An expansion cue right after a slogan (and its closing quote, and a short head-noun tail):
    a colon, 即 (not inside 立即, 即将 …), a cue word (是指, 包括 …) or an opening parenthesis."""
    table = "slogan_list_words.tsv"
    not_cue = words(table, "not_expansion")
    if any(len(w) != 2 or "即" not in w for w in not_cue):
        raise ValueError(f"lexicon/{table}: a not_expansion word must have two characters, one of them 即")
    before = "".join(w[0] for w in not_cue if w[1] == "即")
    after = "".join(w[1] for w in not_cue if w[0] == "即")
    cues = "|".join(words(table, "expansion"))
    return re.compile(
        rf"[”」』\"]?\s*([\u4e00-\u9fff]{{0,6}}?)\s*(?::\s*即|:|,\s*即|(?<![{before}])即(?![{after}])|{cues}|\()"
    )


def items_after(text: str, end: int, want: int | None = None) -> tuple[list[Span], int] | None:
    """Items stated right after a slogan that ends at ``end``: after 即 / : / 是指 / 包括, or in
    parentheses.  Returns the item spans and where the expansion ends."""
    m = expansion_cue().match(text, end)
    if not m:
        return None
    body_start = m.end()
    body_end = _expansion_end(text, body_start, parenthesized=m.group().endswith("("))
    if body_end is None:
        return None
    items = split_items(text, body_start, body_end, want)
    if items is None or len(items) < 2:
        return None
    return items, body_end


def _expansion_end(text: str, start: int, *, parenthesized: bool) -> int | None:
    """Where an expansion ends: at its closing parenthesis, else at the end of the sentence;
    None when that is too far to be a list."""
    if parenthesized:
        close = text.find(")", start)
        return close if 0 <= close and close - start <= _MAX_PARENTHESIS else None
    stop = _ITEMS_END.search(text, start)
    end = stop.start() if stop else len(text)
    return end if end - start <= _MAX_SENTENCE else None


def split_items(text: str, start: int, end: int, want: int | None = None) -> list[Span] | None:
    """Split an expansion ``text[start:end]`` into item spans: on ; if any, else , else 、.

    An expansion split on commas that does not give the ``want`` items the form announces is
    not a list but clauses (一是抓思想认识到位,把学习贯穿始终,…; 即坚持社会主义道路,坚持…,
    running on past the fourth principle), and gives None rather than a count to check."""
    body = text[start:end]
    seps = [sep for sep in (";", ",", "、") if sep in body][:1]
    items = _split_on(text, start, end, seps)
    if want is not None and len(items) != want and seps == [","]:
        return None
    return items


def _split_on(text: str, start: int, end: int, seps: list[str]) -> list[Span]:
    """The non-blank pieces of ``text[start:end]`` between separators, stripped of spaces."""
    spans = []
    pos = start
    pieces = re.split("|".join(map(re.escape, seps)), text[start:end]) if seps else [text[start:end]]
    for piece in pieces:
        s = pos + (len(piece) - len(piece.lstrip()))
        e = pos + len(piece.rstrip())
        if e > s:
            spans.append((s, e))
        pos += len(piece) + 1
    return spans


# -- items before a slogan ----------------------------------------------------------------------


def items_before(text: str, start: int, want: int | None) -> list[Span] | None:
    """A list written right before a slogan (X、Y、Z四级书记; “选、育、管、用”四环联动): items
    separated by 、, the last perhaps joined by 及/和, walking back from the slogan."""
    limit = max(0, start - _MAX_BEFORE)
    if text.rfind("、", max(0, limit - 1), start) < 0:
        return None  # no 、 where the walk back could meet one: a substring test is cheap
    lw = list_words()
    end, quoted = _list_end(text, start, lw)
    j = _item_start(text, end, limit, lw)
    if j == end or j <= 0 or text[j - 1] != "、":
        return None  # a single word before the slogan is not a list
    spans = _last_items(text, j, end, lw)
    joined = len(spans) == 2
    spans += _earlier_items(text, j - 1, limit, lw)
    spans.reverse()
    _cap_first_item(text, spans, joined=joined, quoted=quoted, lw=lw)
    return spans if _is_member_list(text, spans, want, quoted, lw) else None


def _list_end(text: str, start: int, lw: ListWords) -> tuple[int, bool]:
    """Where the list before a slogan ends, past a closing quote, 等 and 这/那; and whether the
    list is quoted (its count then need not match)."""
    end = start
    quoted = end > 0 and text[end - 1] in CLOSE_QUOTES
    if quoted:
        end -= 1
    if end > 0 and text[end - 1] in lw.closers:
        end -= 1
    if end > 0 and text[end - 1] in lw.demonstratives:  # 四项基本原则、改革开放这两个基本点
        end -= 1
    return end, quoted


def _item_start(text: str, pos: int, limit: int, lw: ListWords) -> int:
    """Where the item ending at ``pos`` starts: after a 、, a stop or ``limit``."""
    stops = lw.stops
    j = pos
    while j > limit and text[j - 1] not in stops and text[j - 1] != "、":
        j -= 1
    return j


def _last_items(text: str, j: int, end: int, lw: ListWords) -> list[Span]:
    """The last item of the list, or the last two when joined by 及/和 (水、电、路、网、房及环境
    整治), last first."""
    seg = text[j:end]
    for conj in lw.conjunctions:
        k = seg.find(conj)
        if k > 0:
            return [(j + k + len(conj), end), (j, j + k)]
    return [(j, end)]


def _earlier_items(text: str, pos: int, limit: int, lw: ListWords) -> list[Span]:
    """The items before the 、 at ``pos``, walking back while a 、 separates them, last first."""
    spans = []
    while True:
        j = _item_start(text, pos, limit, lw)
        spans.append((j, pos))
        if j > 0 and text[j - 1] == "、":
            pos = j - 1
            continue
        return spans


def _cap_first_item(text: str, spans: list[Span], *, joined: bool, quoted: bool, lw: ListWords) -> None:
    """The first item has no left delimiter (unless an opening quote): cap it at the length of
    the others, at a word boundary."""
    inner = [e - s for s, e in spans[1:]] if not joined else [e - s for s, e in spans[1:-1]]
    cap = max(inner) if inner else 4
    s0, e0 = spans[0]
    delimited_by_quote = quoted and s0 > 0 and text[s0 - 1] in OPEN_QUOTES
    if not delimited_by_quote and e0 - s0 > cap:
        spans[0] = (_first_item_start(text, s0, e0 - cap, e0, lw), e0)


def _is_member_list(text: str, spans: list[Span], want: int | None, quoted: bool, lw: ListWords) -> bool:
    """Whether the items are the slogan's members: at least two, non-empty, as many as it
    announces (unless quoted), and not adverbs and a verb governing it (全面准确、坚定不移贯彻
    “一国两制”)."""
    if any(e <= s for s, e in spans) or len(spans) < 2:
        return False
    if want is not None and len(spans) != want and not quoted:
        return False
    return not text[spans[-1][0] : spans[-1][1]].endswith(lw.verbs_final)


def _first_item_start(text: str, s0: int, cut: int, e0: int, lw: ListWords) -> int:
    """Where the first item of a list begins, when the list has no left delimiter and the item
    was cut at ``cut`` to the length of the others: after a verb the cut went through (打|造果业
    → 果业), or at the start of a nominal word it went through (江|西井冈山 → 江西井冈山, 攀|枝花)."""
    # every verb of the list has two characters: one the cut goes through starts just before it
    if cut - 1 >= s0 and text[cut - 1 : cut + 1] in lw.verbs_before and cut + 1 < e0:
        return cut + 1
    if text[cut - 2 : cut] in lw.verbs_before:
        return cut  # 健全|县、乡、村: a verb ends where the cut is
    return _word_start_before(text, s0, cut, e0)


@lru_cache(maxsize=1)
def _item_heads() -> frozenset[str]:
    """One-character heads an item can end with after a name (浙江省, 阿克苏河, 青岛港)."""
    return frozenset(words("slogan_heads.tsv", "item_head"))


def _word_start_before(text: str, s0: int, cut: int, e0: int) -> int:
    """The start of a nominal word the cut goes through (江|西井冈山 → 江西井冈山), if what the
    word leaves is whole; else the cut."""
    from ...text.segment import noun_words

    nouns = noun_words()
    heads = _item_heads()

    def rest_is_whole(q: int) -> bool:
        # what the word leaves must not be a broken word (中大|豆, 动产|业): nothing, a
        # nominal word, or a one-character head (浙江|省)
        return q == e0 or text[q] in heads or any(text[q:r] in nouns for r in range(q + 2, min(e0, q + 4) + 1))

    for p in range(cut - 1, max(s0, cut - 4) - 1, -1):
        if any(text[p:q] in nouns and rest_is_whole(q) for q in range(cut + 1, min(e0, p + 6) + 1)):
            return p
    return cut


# -- attaching items ----------------------------------------------------------------------------


def attach_items(text: str, m: SloganMention) -> None:
    """Give a mention the items the text states after or before it, and how many it announces;
    else say the lexicon supplies them.  Numbered names have no members."""
    if m.kind in NAMED_KINDS:
        return
    want = _announced(m)
    items = _stated_items(text, m, want)
    if items:
        m.items, m.items_source, m.declared = items, "inline", want
    elif m.entry is not None and m.entry.items:
        m.items_source = "lexicon"


def _announced(m: SloganMention) -> int | None:
    """How many items a form announces: its number, or for a digit code, how many digits."""
    if m.number is None and m.parts and m.matched_by == "digit_code":
        return len(m.parts)
    return m.number


def _stated_items(text: str, m: SloganMention, want: int | None) -> list[Span] | None:
    """The items stated after the mention, else right before it (and its opening quote)."""
    after = items_after(text, m.end, want)
    if after is not None:
        return after[0]
    start = m.start - 1 if m.start > 0 and text[m.start - 1] in OPEN_QUOTES else m.start
    return items_before(text, start, want)
