"""Script detection and Traditional/Simplified conversion on OpenCC, with domain fixes.

Choices, measured on the seed article against hand-corrected references (see the tests):

* ``to_simplified`` uses OpenCC ``tw2s``: plain ``t2s`` leaves the particle 著 in 随著/跟著/著重
  (8 errors on the seed); ``tw2sp`` rewrites vocabulary (核心→内核) and is never used.
* ``to_traditional`` uses ``s2tw`` by default (``s2t`` writes 羣衆/爲, not Taiwan's 群眾/為).
* After OpenCC, a small table of domain fixes (``lexicon/conversion_fixes.tsv``) repairs what
  OpenCC gets wrong on political text (好乾部 → 好幹部, 對錶對標 → 對表對標, 新徵程 → 新征程),
  and only where OpenCC itself changed the text.
* A text with no character that ``tw2s`` can change (``lexicon/tw2s_changing.txt``, built from
  the pinned OpenCC's own dictionaries) is returned as it is, without calling OpenCC: most
  Simplified news, at the cost of one character-class scan.

>>> to_simplified("隨著脫貧攻堅進入衝刺期")
'随着脱贫攻坚进入冲刺期'
>>> to_traditional("好干部到脱贫一线去")
'好幹部到脫貧一線去'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Literal, NamedTuple, overload

import opencc

from ..errors import OptionError
from ..lexicon import read_table
from .offsets import OffsetMap

__all__ = [
    "ScriptName",
    "TraditionalVariant",
    "Conversion",
    "ScriptReport",
    "ParagraphScript",
    "detect_script",
    "to_simplified",
    "to_traditional",
    "OPENCC_VERSION",
]

ScriptName = Literal["simplified", "traditional", "mixed", "none"]
TraditionalVariant = Literal["tw", "hk", "t", "twp"]

#: OpenCC configuration per Traditional variant. ``twp`` also rewrites vocabulary to Taiwan
#: usage (内存 → 記憶體) and so changes lengths; it is offered for display, never used in analysis.
_TRADITIONAL_CONFIGS: dict[str, str] = {"tw": "s2tw", "hk": "s2hk", "t": "s2t", "twp": "s2twp"}
_SIMPLIFIED_CONFIG = "tw2s"

OPENCC_VERSION: str = getattr(opencc, "__version__", "unknown")

# A paragraph is of one script when the other script's characters are under this share of
# the script-specific characters it contains.
_MINORITY_SHARE = 0.1


class Conversion(NamedTuple):
    """A converted text and the map from its offsets back to the input's."""

    text: str
    offsets: OffsetMap


@lru_cache(maxsize=None)
def _converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


@lru_cache(maxsize=None)
def _fixes(direction: str) -> tuple[re.Pattern[str] | None, dict[str, str]]:
    table: dict[str, str] = {}
    for row in read_table("conversion_fixes.tsv"):
        if row["direction"] == direction:
            if len(row["wrong"]) != len(row["right"]):
                raise ValueError(f"conversion_fixes.tsv: {row['wrong']}→{row['right']} changes length")
            table[row["wrong"]] = row["right"]
    if not table:
        return None, table
    alternation = "|".join(re.escape(w) for w in sorted(table, key=len, reverse=True))
    return re.compile(alternation), table


@lru_cache(maxsize=1)
def _tw2s_changing() -> re.Pattern[str]:
    """A character class of every character ``tw2s`` can change (``lexicon/tw2s_changing.txt``,
    built from the pinned OpenCC's dictionaries), and of any astral character."""
    path = resources.files("policytext") / "lexicon" / "tw2s_changing.txt"
    header, chars = path.read_text(encoding="utf-8").splitlines()[:2]
    if header.split(":")[0] != f"# opencc {OPENCC_VERSION}":
        raise RuntimeError(
            f"{path}: built for {header.split(':')[0][2:]}, but OpenCC {OPENCC_VERSION} is installed; "
            "rebuild it with python -m policytext.lexicon.build_tw2s_changing"
        )
    bmp = "".join(re.escape(c) for c in chars if ord(c) < 0x10000)
    return re.compile(f"[{bmp}\U00010000-\U0010FFFF]")


def _convert(text: str, config: str, direction: str) -> Conversion:
    if config == "tw2s" and _tw2s_changing().search(text) is None:
        # nothing OpenCC could rewrite (most Simplified news): the text is its own conversion
        return Conversion(text, OffsetMap.identity(len(text)))
    converter = _converter(config)
    converted = converter.convert(text)
    if len(converted) == len(text):
        offsets = OffsetMap.identity(len(text))
    else:  # a phrase conversion changed lengths: align against a char-by-char conversion
        by_char = "".join(c if len(k := converter.convert(c)) != 1 else k for c in text)
        offsets = OffsetMap.from_texts(text, converted, by_char)
    pattern, table = _fixes(direction)
    if pattern is not None:
        converted = _apply_fixes(text, converted, offsets, pattern, table)
    return Conversion(converted, offsets)


def _apply_fixes(
    source: str,
    converted: str,
    offsets: OffsetMap,
    pattern: re.Pattern[str],
    table: dict[str, str],
) -> str:
    pieces: list[str] = []
    last = 0
    for m in pattern.finditer(converted):
        s, e = offsets.span(m.start(), m.end())
        if source[s:e] == m.group():
            continue  # the input already said this: not OpenCC's doing
        pieces.append(converted[last : m.start()])
        pieces.append(table[m.group()])
        last = m.end()
    if not pieces:
        return converted
    pieces.append(converted[last:])
    return "".join(pieces)


@overload
def to_simplified(text: str, *, with_map: Literal[False] = ...) -> str: ...
@overload
def to_simplified(text: str, *, with_map: Literal[True]) -> Conversion: ...
def to_simplified(text: str, *, with_map: bool = False) -> str | Conversion:
    """Convert to Simplified script (OpenCC ``tw2s`` plus domain fixes).

    With ``with_map=True`` returns a :class:`Conversion` whose ``offsets`` map spans of the
    converted text back to ``text``.
    """
    _check_text(text)
    conv = _convert(text, _SIMPLIFIED_CONFIG, "to_simplified")
    return conv if with_map else conv.text


@overload
def to_traditional(
    text: str, variant: TraditionalVariant = ..., *, with_map: Literal[False] = ...
) -> str: ...
@overload
def to_traditional(
    text: str, variant: TraditionalVariant = ..., *, with_map: Literal[True]
) -> Conversion: ...
def to_traditional(
    text: str, variant: TraditionalVariant = "tw", *, with_map: bool = False
) -> str | Conversion:
    """Convert to Traditional script: ``tw`` (Taiwan standard, default), ``hk``, ``t`` (OpenCC's
    own standard), or ``twp`` (Taiwan with vocabulary, which changes lengths)."""
    _check_text(text)
    if variant not in _TRADITIONAL_CONFIGS:
        raise OptionError("variant", variant, sorted(_TRADITIONAL_CONFIGS))
    conv = _convert(text, _TRADITIONAL_CONFIGS[variant], "to_traditional")
    return conv if with_map else conv.text


def _check_text(text: object) -> None:
    if not isinstance(text, str):
        raise TypeError(f"expected str, got {type(text).__name__}")


# -- detection -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ParagraphScript:
    start: int
    end: int
    script: ScriptName
    #: characters that only Traditional script writes this way (changed by tw2s)
    traditional_chars: int
    #: characters that only Simplified script writes this way (changed by s2tw)
    simplified_chars: int


@dataclass(frozen=True, slots=True)
class ScriptReport:
    """The script of a whole text and of each paragraph (non-empty line)."""

    script: ScriptName
    paragraphs: tuple[ParagraphScript, ...]
    traditional_chars: int
    simplified_chars: int

    def __str__(self) -> str:
        return self.script


def _classify(trad: int, simp: int) -> ScriptName:
    total = trad + simp
    if total == 0:
        return "none"
    if simp <= _MINORITY_SHARE * total:
        return "traditional"
    if trad <= _MINORITY_SHARE * total:
        return "simplified"
    return "mixed"


_LINE = re.compile(r"[^\n]+")
# the CJK blocks OpenCC's character tables cover (URO, Extension A, Extension B)
_CJK_RANGES = ((0x3400, 0x4DC0), (0x4E00, 0xA000), (0x20000, 0x2A6E0))


@lru_cache(maxsize=1)
def _script_chars() -> tuple[dict[int, None], dict[int, None]]:
    """(Traditional-only, Simplified-only) characters, as ``str.translate`` tables that delete
    them: those OpenCC's ``t2s`` and ``s2tw`` change on their own.  Built once per process from
    the pinned OpenCC, in about 0.15 s."""
    chars = [chr(c) for lo, hi in _CJK_RANGES for c in range(lo, hi)]
    joined = "\n".join(chars)
    to_s = _converter("t2s").convert(joined).split("\n")
    to_t = _converter("s2tw").convert(joined).split("\n")
    trad = {ord(c): None for c, o in zip(chars, to_s) if o != c}
    simp = {ord(c): None for c, o in zip(chars, to_t) if o != c}
    return trad, simp


@lru_cache(maxsize=1)
def _script_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Character classes of the Traditional-only and Simplified-only characters."""
    drop_trad, drop_simp = _script_chars()
    # BMP characters only (a class mixing in astral characters loses sre's bitmap and is slow);
    # any character of Extension B counts as a possible hit and is then counted exactly
    return tuple(  # type: ignore[return-value]
        re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(table) if c < 0x10000) + "\U00020000-\U0002A6DF]")
        for table in (drop_trad, drop_simp)
    )


def paragraph_scripts(text: str) -> tuple[ScriptName, list[tuple[int, int]], list[ScriptName]]:
    """``(script, paragraph spans, paragraph scripts)``: what :func:`detect_script` with
    ``exact=False`` reports, without building the report (the form :func:`policytext.analyze`
    keeps).  A text with no Traditional-only character needs one search per line, for its
    first two Simplified-only characters."""
    any_trad, any_simp = _script_patterns()
    if any_trad.search(text) is not None:
        report = detect_script(text, exact=False)
        return report.script, [(p.start, p.end) for p in report.paragraphs], [p.script for p in report.paragraphs]
    spans: list[tuple[int, int]] = []
    scripts: list[ScriptName] = []
    several = False  # a paragraph with two or more script-specific characters
    for m in _TEXT_LINE.finditer(text):
        s, e = m.span()
        first = any_simp.search(text, s, e)
        if first is None:
            scripts.append("none")
        else:
            scripts.append("simplified")
            several = several or any_simp.search(text, first.end(), e) is not None
        spans.append((s, e))
    return ("simplified" if several else "none"), spans, scripts


# a whole line with something other than white space on it; anchored at the line's start, so
# that a line of spaces is passed in one step (unanchored, the search was retried from each of
# its characters: quadratic in the length of a run of white space)
_TEXT_LINE = re.compile(r"^[^\S\n]*[^\s][^\n]*", re.MULTILINE)


def detect_script(text: str, *, exact: bool = True) -> ScriptReport:
    """Which script a text is written in, overall and per paragraph.

    A character counts as Traditional when OpenCC's Simplified conversion (``t2s``) changes it,
    and as Simplified when the Taiwan conversion (``s2tw``) changes it; a paragraph with both kinds (each over
    10 % of them) is ``mixed``, one with neither is ``none``.  The text is ``mixed`` when it
    has paragraphs of both scripts (a Traditional article that repeats its title in Simplified
    is mixed); paragraphs with a single script-specific character do not make it mixed.

    ``exact=False`` (what :func:`policytext.analyze` uses) gives the same scripts faster, with
    the Simplified count of a line without Traditional characters capped at 2.

    >>> detect_script("牢記領袖囑託\\n牢记领袖嘱托").script
    'mixed'
    >>> [p.script for p in detect_script("牢記領袖囑託\\n牢记领袖嘱托").paragraphs]
    ['traditional', 'simplified']
    """
    _check_text(text)
    # t2s, not tw2s: tw2s also rewrites the Simplified 著 of 显著, which says nothing of script.
    # Counting characters against the two sets is 4x faster than converting the text twice.
    drop_trad, drop_simp = _script_chars()
    any_trad, any_simp = _script_patterns()
    paragraphs: list[ParagraphScript] = []
    some_trad = any_trad.search(text) is not None  # one scan of the text, not one per line
    for m in _LINE.finditer(text):
        s, e = m.span()
        line = m.group()
        if not line.strip():
            continue
        if some_trad and any_trad.search(line):
            trad = len(line) - len(line.translate(drop_trad))
            simp = len(line) - len(line.translate(drop_simp))
        elif not exact:
            # no Traditional-only character (most lines): the script needs only whether there
            # are none, one, or two or more Simplified-only ones
            first = any_simp.search(line)
            trad, simp = 0, (0 if first is None else 1 if any_simp.search(line, first.end()) is None else 2)
        else:
            trad, simp = 0, len(line) - len(line.translate(drop_simp))
        paragraphs.append(ParagraphScript(s, e, _classify(trad, simp), trad, simp))
    kinds = {p.script for p in paragraphs if p.traditional_chars + p.simplified_chars >= 2}
    kinds.discard("none")
    trad_total = sum(p.traditional_chars for p in paragraphs)
    simp_total = sum(p.simplified_chars for p in paragraphs)
    if not kinds:
        overall: ScriptName = "none"
    elif len(kinds) == 1:
        overall = next(iter(kinds))  # type: ignore[assignment]
    else:
        overall = "mixed"
    return ScriptReport(overall, tuple(paragraphs), trad_total, simp_total)
