"""What a slogan form says by itself: its numerals, whether it has the shape of a numbered
slogan, and where the head noun after numeral + classifier ends.

All functions here are pure functions of a string, cached per process: the finders call them
for every candidate.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..._regex import longest_of
from ...lexicon import read_table
from ...resources import not_numeral_words
from ..numerals import small_numeral
from .mention import CLASSIFIERS, NUM_CLASS
from .vocabulary import words

__all__ = ["head_length", "is_head", "not_slogans", "numeral_parts", "shape_ok"]

_BARE_DIGITS = frozenset("一二两三四五六七八九")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_RX_CODE = re.compile(r"\d+(?:\+(?:\d+|[A-Za-z]))+")
_RX_DIGITS = re.compile(r"\d+")
_RX_LEAD_DIGITS = re.compile(r"(\d+)")
_RX_NUM_RUN = re.compile(f"{NUM_CLASS}+")
_RX_CLASSIFIER_NUM = re.compile(rf"[{CLASSIFIERS}]{NUM_CLASS}+[年体]?")
_RX_NUM_YEAR = re.compile(f"{NUM_CLASS}+年?")
_RX_PUNCT = re.compile(r"[、,;:。!?《》()\s]")
_RX_LONG_CODE = re.compile(r"\d{3,}")
_RX_CN_DIGITS_ONLY = re.compile(r"[〇零一二三四五六七八九]{2,4}")
_RX_YEAR = re.compile(r"(19|20)\d\d")
_RX_ANY_NUM = re.compile(f"{NUM_CLASS}|\\d")
_RX_LATIN = re.compile(r"[a-zA-Z]")
_RX_DIGIT_PLUS = re.compile(r"\d\+")
# classifiers after a run of digits that make it a count (10个, 3大): 113 alone is a code
_COUNT_CLASSIFIERS = ("个", "大", "项", "条")


# -- numerals of a form -------------------------------------------------------------------------


@lru_cache(maxsize=8192)
def numeral_parts(form: str) -> tuple[int | None, tuple[int, ...]]:
    """``(number, parts)`` of a slogan form: the numeral of a simple form, and every numeral.

    >>> numeral_parts("四个意识"), numeral_parts("两不愁三保障"), numeral_parts("113政策落实推进机制")
    ((4, (4,)), (None, (2, 3)), (None, (1, 1, 3)))
    >>> numeral_parts("两个一百年"), numeral_parts("三位一体"), numeral_parts("一奖双模双先")
    ((2, (2,)), (3, (3,)), (None, (1, 2, 2)))
    """
    m = _RX_CODE.match(form)
    if m:  # 9+9产业扶贫工程, 1+N政策体系: the numbers of the code only
        return None, tuple(int(x) for x in _RX_DIGITS.findall(m.group()))
    m = _RX_LEAD_DIGITS.match(form)
    if m:
        return _digit_parts(m.group(1), form[m.end() :])
    runs = [(r.start(), r.group()) for r in _RX_NUM_RUN.finditer(form)]
    if not runs:
        return None, ()
    return _numeral_run_parts(form, runs)


def _digit_parts(digits: str, rest: str) -> tuple[int | None, tuple[int, ...]]:
    """A form led by Arabic digits: a count before a classifier (6个方面), else a code (“113”)."""
    if len(digits) > 1 and rest[:1] not in _COUNT_CLASSIFIERS:
        return None, tuple(int(d) for d in digits)  # digit-coded: “113”
    return int(digits), (int(digits),)


def _run_value(run: str) -> int | None:
    """The value of a run of numeral characters; 双 (a pair) counts two."""
    return 2 if run == "双" else small_numeral(run)


def _numeral_run_parts(form: str, runs: list[tuple[int, str]]) -> tuple[int | None, tuple[int, ...]]:
    """A form led by Chinese numerals: a simple form has one number, a compound form only parts."""
    first_pos, first = runs[0]
    if len(first) > 1 and all(ch in _BARE_DIGITS for ch in first):
        # digits side by side name a code, not a number: 八八战略 is eight and eight, not 88
        parts = [small_numeral(ch) for ch in first] + [_run_value(run) for _, run in runs[1:]]
        return None, tuple(p for p in parts if p is not None)
    rest = form[first_pos + len(first) :]
    # a simple form: numeral (+ classifier) + head, where the head may itself be a numeral word
    # (两个一百年, 三个一百, 三位一体)
    if len(runs) == 1 or (rest[:1] in CLASSIFIERS and _RX_CLASSIFIER_NUM.fullmatch(rest) is not None):
        n = _run_value(first)
        return n, (n,) if n is not None else ()
    return None, tuple(v for _, run in runs if (v := _run_value(run)) is not None)


# -- the shape of a quoted form -----------------------------------------------------------------


@lru_cache(maxsize=1)
def not_slogans() -> frozenset[str]:
    """Sayings that have the shape of a numbered slogan but are not one (``not_slogans.tsv``)."""
    return frozenset(row["text"] for row in read_table("not_slogans.tsv"))


@lru_cache(maxsize=1)
def _shape_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """Patterns built from word lists: words whose numerals are not numbers, names taken from a
    date (and cohorts such as 90后), and a numeral followed by a time word (or a bare numeral)."""
    not_numeral = re.compile(longest_of(not_numeral_words("slogans")))
    dates = longest_of(words("slogan_name_words.tsv", "date_name"))
    # 十一五 is a plan period, not a date, hence (?!五)
    date_name = re.compile(rf"(?:{dates})(?!五)|\d0后$")
    time_words = longest_of(words("slogan_name_words.tsv", "time_after"))
    time_after = re.compile(rf"{NUM_CLASS}+(?:{time_words})|^{NUM_CLASS}{{1,2}}$")
    return not_numeral, date_name, time_after


@lru_cache(maxsize=8192)
def shape_ok(form: str) -> bool:
    """Whether a quoted string has the shape of a numbered slogan: short, not a known saying, not
    a date, a year or a bare number, with a numeral that counts and leads the form."""
    if not 2 <= len(form) <= 8 or form in not_slogans():
        return False
    return not _names_a_date_or_number(form) and _numeral_leads(form)


def _names_a_date_or_number(form: str) -> bool:
    """An ordinal, a phrase, a number or a date rather than a numbered form: “第一”, “301调查”
    (digits need a governance noun after them, handled elsewhere), “四一二”, “九一八”, “七一勋章”,
    “90后”, a year, Latin letters without a digit code."""
    _, date_name, _ = _shape_patterns()
    return bool(
        form.startswith("第")
        or _RX_PUNCT.search(form)
        or _RX_DIGITS.fullmatch(form)
        or _RX_LONG_CODE.match(form)
        or _RX_CN_DIGITS_ONLY.fullmatch(form)
        or date_name.search(form)
        or _RX_YEAR.search(form)
        or (_RX_LATIN.search(form) and not _RX_DIGIT_PLUS.search(form))
        or not _HAN.search(form)
    )


def _numeral_leads(form: str) -> bool:
    """A numeral that counts (not inside 统一, 一些 …, not before a time word) starts the form or
    its second half (志智双扶)."""
    not_numeral, _, time_after = _shape_patterns()
    masked = not_numeral.sub(lambda m: "□" * len(m.group()), form)
    first = _RX_ANY_NUM.search(masked)
    return first is not None and first.start() <= 2 and not time_after.search(masked)


# -- the head after numeral + classifier --------------------------------------------------------


@lru_cache(maxsize=1)
def _head_final() -> re.Pattern[str]:
    """Known head words, shortest first, so that each match() is the shortest word at its start."""
    return re.compile("|".join(sorted(words("slogan_heads.tsv", "head"), key=len)))


def is_head(head: str) -> bool:
    """A head the form can end with: a known head word (体系, 问题, 联动 …), 一百(年), or a
    word jieba's dictionary tags as nominal."""
    from ...text.segment import noun_words

    return bool(_head_final().search(head)) or bool(_RX_NUM_YEAR.match(head)) or head in noun_words()


@lru_cache(maxsize=8192)
def head_length(head: str) -> int:
    """Length of the head noun after numeral + classifier, from a text run of up to 7 chars."""
    m = _RX_NUM_YEAR.match(head)
    if m and head[0] == "一" and small_numeral(m.group().rstrip("年")) in (100, 1000):  # 两个一百年, 三个一百
        return len(m.group())
    # the earliest end (at least 2 characters in) of a head word starting anywhere; the
    # alternation is sorted shortest first, so each match() is the shortest word at its start
    # past five characters, only after nominal words (社会救助|制度, 钢铁工业|基地), not across a
    # verb or 的 (三个角度|阐释总书记, 六个大区的经济体系)
    head_final = _head_final()
    ends = [
        m.end()
        for i in range(len(head))
        if (m := head_final.match(head, i)) and m.end() >= 2 and (m.end() <= 5 or _nominal(head[:i]))
    ]
    if ends:
        return min(ends)
    return _noun_at_start(head)


def _nominal(run: str) -> bool:
    """Whether ``run`` is one to three words that jieba's dictionary tags as nominal."""
    from ...text.segment import noun_words

    nouns = noun_words()
    i = 0
    for _ in range(3):
        n = next((n for n in range(min(4, len(run) - i), 1, -1) if run[i : i + n] in nouns), 0)
        if n == 0:
            return False
        i += n
        if i == len(run):
            return True
    return False


def _noun_at_start(run: str) -> int:
    """Length of the longest word of up to four characters at the start of ``run`` that jieba's
    dictionary tags as nominal (经济特区, 少数民族, 机场), or two characters when none is."""
    from ...text.segment import noun_words

    nouns = noun_words()
    return next((n for n in range(min(4, len(run)), 2, -1) if run[:n] in nouns), 2)
