"""Normalization for analysis.  The original text is never changed: ``normalize`` returns a new
working text and the :class:`~policytext.text.offsets.OffsetMap` back to its input.

What it does, every step recorded in the map:

* full-width ASCII (``１２．１％``, ``，：（）``) → ASCII; the ideographic space and no-break
  space → a space;
* ``○``/``◯``/``Ｏ`` used as zero inside a Chinese numeral (二○二○年) → ``〇``;
* drops a BOM, zero-width characters (U+200B/U+200C/U+200D/U+2060) and the ``\\r`` of ``\\r\\n``
  (a lone ``\\r`` becomes ``\\n``);
* drops the spaces that scraped text puts between a number and its unit or a Chinese
  character (``7680 个``, ``12.1 万人``, ``2017 年10 月``) and next to Chinese punctuation
  (``“ 三立”``), but keeps a space between two Chinese words (a title's separator).

>>> normalize("发现问题7680 个，整改率98.3％").text
'发现问题7680个,整改率98.3%'
>>> normalize("二○二○年").text
'二〇二〇年'
"""

from __future__ import annotations

import re
from typing import NamedTuple

from .offsets import OffsetMap

__all__ = ["Normalized", "normalize", "find_boilerplate", "BOILERPLATE_KINDS"]


class Normalized(NamedTuple):
    text: str
    offsets: OffsetMap


_WIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_WIDTH.update({0x3000: 0x20, 0x00A0: 0x20, 0x2007: 0x20, 0x202F: 0x20, 0xFFE5: ord("¥")})

_WIDTH_CHARS = {chr(k): chr(v) for k, v in _WIDTH.items()}
_WIDE = re.compile("[" + "".join(sorted(_WIDTH_CHARS)) + "]")

_ZERO_IN_NUMERAL = re.compile(r"[〇零一二三四五六七八九十百千万○◯O]*[○◯][〇零一二三四五六七八九十百千万○◯O]*")
_LONE_CR = re.compile(r"\r(?!\n)")
# one character class first, so that the scan skips ahead at C speed: a run of spaces or tabs,
# an invisible character, or the \r of \r\n
_DELETABLE = re.compile(r"[ \t\r\ufeff\u200b\u200c\u200d\u2060\u00ad](?:(?<=[ \t])[ \t]*|(?<=\r)(?=\n)|(?<=[^ \t\r]))")


def _is_wide(c: str) -> bool:
    return c >= "\u2e80" or c in "“”‘’"


def _is_han(c: str) -> bool:
    return "\u4e00" <= c <= "\u9fff" or "\u3400" <= c <= "\u4dbf" or c == "〇"


def _drop_space(prev: str, nxt: str) -> bool:
    if not prev or not nxt or prev == "\n" or nxt == "\n":
        return False
    if prev.isdigit() and prev.isascii():
        return _is_wide(nxt) or nxt == "%"
    if nxt.isdigit() and nxt.isascii():
        return _is_wide(prev)
    if _is_wide(prev) and _is_wide(nxt):
        return not (_is_han(prev) and _is_han(nxt))
    return False


def normalize(text: str) -> Normalized:
    """The working text used for analysis and the map from it back to ``text``."""
    folded = _fold_width(text)
    if "○" in folded or "◯" in folded:
        folded = _ZERO_IN_NUMERAL.sub(_zeros, folded)
    if "\r" in folded:
        folded = _LONE_CR.sub("\n", folded)
    edits: list[tuple[int, int, str]] = []
    for m in _DELETABLE.finditer(folded):
        s, e = m.span()
        c = folded[s]
        if c in " \t":
            if not _drop_space(folded[s - 1] if s else "", folded[e] if e < len(folded) else ""):
                continue
        edits.append((s, e, ""))
    if not edits:
        return Normalized(folded, OffsetMap.identity(len(text)))
    offsets = OffsetMap.from_edits(len(folded), edits)
    pieces = []
    last = 0
    for s, e, _ in edits:
        pieces.append(folded[last:s])
        last = e
    pieces.append(folded[last:])
    return Normalized("".join(pieces), offsets)


def _fold_width(text: str) -> str:
    """``text.translate(_WIDTH)``, several times faster on Chinese text: a handful of distinct
    full-width characters (，：（）) each replaced in one C-speed pass."""
    for ch in set(_WIDE.findall(text)):
        text = text.replace(ch, _WIDTH_CHARS[ch])
    return text


def _zeros(m: re.Match[str]) -> str:
    run = m.group()
    # a lone circle between non-numerals is a bullet or a mark, not a zero
    if len(run) < 2:
        return run
    return run.replace("○", "〇").replace("◯", "〇")


# -- boilerplate ----------------------------------------------------------------------------

BOILERPLATE_KINDS = (
    "share_widget",
    "related_links",
    "photo_credit",
    "editor_credit",
    "source_line",
    "repeated_line",
)

_BOILERPLATE_LINES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "share_widget",
        re.compile(
            r"\s*(?:分享到|分享至|转发到|扫一扫|打印本页|关闭窗口|收藏本文|【?字[体号]\s*:?\s*[大中小]"
            r"|推荐给朋友|打印\s*\|?\s*关闭)"
        ),
    ),
    ("related_links", re.compile(r"\s*(?:相关文章|相关阅读|相关新闻|延伸阅读|相关链接|推荐阅读)\s*:?\s*$")),
    (
        "photo_credit",
        re.compile(
            r"\s*(?:[(\[【]\s*)?(?:(?:新华社|本报|人民网|央视网)?(?:记者|通讯员|摄影)\s*)?"
            r"[\u4e00-\u9fff]{2,4}(?:(?:\s*、|[^\S ]* )\s*[\u4e00-\u9fff]{2,4}){0,2}\s*摄(?:影)?\s*(?:[)\]】]\s*)?$"
        ),
    ),
    ("editor_credit", re.compile(r"\s*(?:[(\[【]\s*)?(?:责任编辑|责编|编辑|审核|校对|值班编辑)\s*:")),
    ("source_line", re.compile(r"\s*(?:[(\[【]\s*)?(?:来源|稿源|文章来源|信息来源|原标题)\s*:")),
)

_LINE = re.compile(r"[^\n]+")
# White space around an optional mark is written \s*(?:[(]\s*)? and (?:\s*、|[^\S ]* )\s*, not
# \s*[(]?\s* and \s*[、 ]\s*: the same lines, but the latter try every split of a run of
# spaces between two \s*, quadratic in the run (a line of 20,000 spaces: seconds).
# every kind in one pattern, tried once per line (the kind is the group that matched)
_ANY_BOILERPLATE = re.compile("|".join(f"(?P<{kind}>{pattern.pattern})" for kind, pattern in _BOILERPLATE_LINES))


def find_boilerplate(working: str) -> list[tuple[int, int, str]]:
    """Lines of site furniture in a normalized text, as ``(start, end, kind)``: share widgets,
    related-article headers, photo and editor credits, source lines, and short lines that
    repeat an earlier line (a title printed again).  Nothing is deleted; callers flag them.

    >>> find_boilerplate("标题\\n正文。\\n宫清华 摄\\n标题\\n分享到:")
    [(7, 12, 'photo_credit'), (13, 15, 'repeated_line'), (16, 20, 'share_widget')]
    """
    found: list[tuple[int, int, str]] = []
    seen: set[str] = set()
    for m in _LINE.finditer(working):
        line = m.group()
        hit = _ANY_BOILERPLATE.match(line)
        if hit is None and len(line) > _REPEATED_MAX and not line[0].isspace() and not line[-1].isspace():
            continue  # a paragraph of text (most lines): too long to be a repeated title
        key = line.strip()
        if not key:
            continue
        s = m.start() + (len(line) - len(line.lstrip()))
        e = m.start() + len(line.rstrip())
        if hit is not None:
            found.append((s, e, hit.lastgroup))  # type: ignore[arg-type]
        elif len(key) <= _REPEATED_MAX and key in seen:
            found.append((s, e, "repeated_line"))
        seen.add(key)
    return found


_REPEATED_MAX = 60  # the longest line that counts as a repeated title
