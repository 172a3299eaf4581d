"""Numbered policy slogans (数字式提法).

Found on the normalized Simplified working text, by three kinds of evidence:

* the **lexicon** (``lexicon/slogans.tsv``): a known slogan wherever it appears;
* **quotes**: a quoted string that has the shape of a numbered slogan (“三支队伍”, “一县一策”,
  “志智双扶”, “6环联动”, “113” followed by a governance noun such as 机制/工程);
* **stated members**: an unquoted numeral + classifier + head (三个体系, 八大体系, 6个方面) only
  when the text lists exactly that many items right before it, or expands it right after
  (即 / : / 是指 / 包括 / parentheses).

Numbered names get their own ``kind``: 十三五 (``plan_period``), 十九大 (``congress``),
十九届六中全会 (``plenum``), 九二共识 (``consensus``).

Numerals in idioms, sayings, place names, ordinals and plain quantities are not slogans: a shape
alone never suffices outside quotes, and ``lexicon/not_slogans.tsv`` lists the quoted sayings
that look like one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..._regex import longest_of
from ...lexicon import read_table
from ...resources import LexiconEntry, Resources, default_resources, not_numeral_words
from ..numerals import small_numeral

__all__ = ["SloganMention", "find_slogans", "numeral_parts"]

_NUM = "一二两三四五六七八九十百千万双"
_NUM_CLASS = f"[{_NUM}]"
_BARE_DIGITS = frozenset("一二两三四五六七八九")
# classifiers that sit between the numeral and the head of a simple form
_CLASSIFIERS = "个大项支条种类级环基位批型化"
_OPEN_QUOTES = "“「『\"‘"
_CLOSE_QUOTES = "”」』\"’"
_QUOTED = re.compile(r"[“「『]\s*([^“”「」『』\n]{1,24}?)\s*[”」』]")
_HAN = re.compile(r"[\u4e00-\u9fff]")
# words in which a numeral character is not a numeral (lexicon/not_numerals.tsv, each with its reason)
_NOT_NUMERAL_WORDS = not_numeral_words("slogans")
# names taken from a date (七一勋章, 五一劳动奖章, 五四运动, 双十一, 一二·九运动) and generations
# (90后, 00后): a day or a cohort, not a numbered formulation; 十一五 is a plan period, and 三八
# is left alone (三八红旗手 is a day, 三八作风 three phrases and eight characters)
_DATE_NAME = re.compile(r"(?:双十[一二]|[五六七八]一|五四|九一八|一二[·・]?[一九])(?!五)|\d0后$")
# a numeral right before one of these is a date, a time or a count: 六一, 三月三, 五年计划, 六连冠
_TIME_AFTER = re.compile(rf"{_NUM_CLASS}+(?:年|月|日|号|分钟|小时|天|岁|连|届|次|号)|^{_NUM_CLASS}{{1,2}}$")
# governance nouns that end a digit-coded name: “113”政策落实推进机制, 9+9产业扶贫工程
_GOV_NOUN = "机制|工程|体系|模式|格局|计划|行动|战略|政策|工作法|布局|方略|举措|路径|工作机制"
_DIGIT_NAME_QUOTED = re.compile(rf"“(\d{{2,4}}|\d+(?:\+(?:\d+|[NnXx]))+)”\s*([\u4e00-\u9fff]{{0,10}}(?:{_GOV_NOUN}))")
_DIGIT_NAME_CODE = re.compile(rf"(?<![\d.])(\d+(?:\+(?:\d+|[NnXx]))+)\s*([\u4e00-\u9fff]{{0,10}}(?:{_GOV_NOUN}))?")
_PLAN = re.compile(r"([十六七八九](?<![一二三四五六七八九十第].)(?:(?<=十)[一二三四五六七八九]|(?<=[六七八九])))五(?=规划|计划|时期|期间|末|以来|开局|收官|目标|期|”|」)")
_CONGRESS = re.compile(r"([十二](?<![一二三四五六七八九十第].)(?:(?<=十)[一二三四五六七八九]|(?<=二)十[一二三四五六七八九]?))大(?![洲项类城市学会型])")
_PLENUM = re.compile(r"(?<![一二三四五六七八九十])([一二三四五六七八九十]{1,3})届([一二三四五六七八九]{1})中全会")
_CONSENSUS = re.compile(r"九二共识")
# each numbered-name pattern with a character (or word) its every match contains
_NAMED = ((_PLAN, "plan_period", "五"), (_CONGRESS, "congress", "大"), (_PLENUM, "plenum", "届"),
          (_CONSENSUS, "consensus", "九二共识"))  # fmt: skip
# expansion cue right after a slogan (and its closing quote, and a short head-noun tail)
_AFTER_CUE = re.compile(r"[”」』\"]?\s*([\u4e00-\u9fff]{0,6}?)\s*(?::\s*即|:|,\s*即|(?<![在立随当])即(?![将便使可时刻日])|是指|就是|包括|分别是|\()")
_SEPARATORS = "、,;"

# patterns used per candidate, compiled once
_NOT_NUMERAL_RX = re.compile(longest_of(_NOT_NUMERAL_WORDS))
_RX_CODE = re.compile(r"\d+(?:\+(?:\d+|[A-Za-z]))+")
_RX_DIGITS = re.compile(r"\d+")
_RX_LEAD_DIGITS = re.compile(r"(\d+)")
_RX_NUM_RUN = re.compile(f"{_NUM_CLASS}+")
_RX_NUM_START = re.compile(rf"[{_NUM}\d]")
_RX_CLASSIFIER_NUM = re.compile(rf"[{_CLASSIFIERS}]{_NUM_CLASS}+[年体]?")
_RX_NUM_YEAR = re.compile(f"{_NUM_CLASS}+年?")
_RX_PUNCT = re.compile(r"[、,;:。!?《》()\s]")
_RX_ALL_DIGITS = re.compile(r"\d+")
_RX_LONG_CODE = re.compile(r"\d{3,}")
_RX_CN_DIGITS_ONLY = re.compile(r"[〇零一二三四五六七八九]{2,4}")
_RX_YEAR = re.compile(r"(19|20)\d\d")
_RX_ANY_NUM = re.compile(f"{_NUM_CLASS}|\\d")
_RX_LATIN = re.compile(r"[a-zA-Z]")
_RX_DIGIT_PLUS = re.compile(r"\d\+")
_RX_SPACES = re.compile(r"\s+")
_RX_QUOTES_SPACES = re.compile(r"[“”\s]")


@dataclass
class SloganMention:
    """A slogan as found in the working text (offsets into the working text)."""

    start: int
    end: int
    normalized: str
    number: int | None
    parts: tuple[int, ...]
    kind: str = "slogan"
    items: list[tuple[int, int]] = field(default_factory=list)
    items_source: str | None = None
    entry: LexiconEntry | None = None
    ambiguous: tuple[LexiconEntry, ...] = ()
    matched_by: str = "shape"
    declared: int | None = None  # how many items the form announces (for the count check)


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
        digits = m.group(1)
        rest = form[m.end() :]
        if len(digits) > 1 and not rest[:1] in ("个", "大", "项", "条"):
            return None, tuple(int(d) for d in digits)  # digit-coded: “113”
        return int(digits), (int(digits),)
    runs = [(r.start(), r.group()) for r in _RX_NUM_RUN.finditer(form)]
    if not runs:
        return None, ()
    first_pos, first = runs[0]
    if len(first) > 1 and all(ch in _BARE_DIGITS for ch in first):
        # digits side by side name a code, not a number: 八八战略 is eight and eight, not 88
        parts = [small_numeral(ch) for ch in first]
        parts += [v for _, run in runs[1:] if (v := 2 if run == "双" else small_numeral(run)) is not None]
        return None, tuple(p for p in parts if p is not None)
    n = small_numeral(first) if first != "双" else 2
    rest = form[first_pos + len(first) :]
    # a simple form: numeral (+ classifier) + head, where the head may itself be a numeral word
    # (两个一百年, 三个一百, 三位一体)
    simple = len(runs) == 1 or (
        rest[:1] in _CLASSIFIERS and _RX_CLASSIFIER_NUM.fullmatch(rest) is not None
    )
    if simple:
        return n, (n,) if n is not None else ()
    parts = []
    for _, run in runs:
        v = 2 if run == "双" else small_numeral(run)
        if v is not None:
            parts.append(v)
    return None, tuple(parts)


# -- lexicon ------------------------------------------------------------------------------------


def _lexicon_index(res: Resources) -> tuple[re.Pattern[str], dict[str, tuple[LexiconEntry, ...]]]:
    """The lexicon's matcher (longest form first) and its senses by form."""
    by_form: dict[str, list[LexiconEntry]] = {}
    for e in res.slogans:
        by_form.setdefault(e.slogan, []).append(e)
    forms = sorted(by_form, key=len, reverse=True)
    pattern = re.compile(longest_of(forms))
    return pattern, {k: tuple(v) for k, v in by_form.items()}


@lru_cache(maxsize=1)
def _not_slogans() -> frozenset[str]:
    return frozenset(row["text"] for row in read_table("not_slogans.tsv"))


_DOMAIN_CUES = {
    "扶贫": ("扶贫", "脱贫", "贫困", "攻坚"),
    "党建": ("党", "党员", "干部", "组织"),
    "经济": ("经济", "产业", "发展", "工业", "农业"),
    "战略": ("全面", "建设", "现代化"),
}


def _choose(entries: tuple[LexiconEntry, ...], context: str) -> tuple[LexiconEntry | None, tuple[LexiconEntry, ...]]:
    """Pick the sense of a homograph from its context; ambiguous when the context does not tell."""
    if len(entries) == 1:
        return entries[0], ()
    if len({e.items for e in entries}) == 1:
        return entries[0], ()
    scores = []
    for e in entries:
        domain = e.domain.split(":")[0]
        cues = _DOMAIN_CUES.get(domain, (domain,))
        scores.append(sum(context.count(c) for c in cues))
    best = max(scores)
    winners = [e for e, s in zip(entries, scores) if s == best]
    if best > 0 and len(winners) == 1:
        return winners[0], ()
    # same member lists across rows (a list restated in a later year): take the newest
    return None, entries


# -- items --------------------------------------------------------------------------------------


def _split_items(text: str, start: int, end: int, want: int | None = None) -> list[tuple[int, int]] | None:
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


def _split_on(text: str, start: int, end: int, seps: list[str]) -> list[tuple[int, int]]:
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


_ITEMS_END = re.compile(r"[。!?\n]")


def _items_after(text: str, end: int, want: int | None = None) -> tuple[list[tuple[int, int]], int] | None:
    """Items stated right after a slogan that ends at ``end``: after 即 / : / 是指 / 包括, or in
    parentheses.  Returns the item spans and where the expansion ends."""
    m = _AFTER_CUE.match(text, end)
    if not m:
        return None
    cue = m.group()
    body_start = m.end()
    if cue.endswith("("):
        close = text.find(")", body_start)
        if close < 0 or close - body_start > 300:
            return None
        body_end = close
    else:
        stop = _ITEMS_END.search(text, body_start)
        body_end = stop.start() if stop else len(text)
        if body_end - body_start > 400:
            return None
    items = _split_items(text, body_start, body_end, want)
    if items is None or len(items) < 2:
        return None
    return items, body_end


_LIST_SEP = re.compile(r"、|及|和|以及")
_STOP_BEFORE = set(",;:。!?()“”「」『』《》 \n的在把对将向与为从")


def _items_before(text: str, start: int, want: int | None) -> list[tuple[int, int]] | None:
    """A list written right before a slogan (X、Y、Z四级书记; “选、育、管、用”四环联动)."""
    end = start
    quoted = False
    if end > 0 and text[end - 1] in _CLOSE_QUOTES:
        quoted = True
        end -= 1
    if end > 0 and text[end - 1] == "等":
        end -= 1
    if end > 0 and text[end - 1] in "这那":  # 四项基本原则、改革开放这两个基本点
        end -= 1
    # walk back over items separated by 、 (the last joined by 及/和 allowed)
    spans: list[tuple[int, int]] = []
    pos = end
    limit = max(0, start - 200)
    j = pos
    while j > limit and text[j - 1] not in _STOP_BEFORE and text[j - 1] not in "、":
        j -= 1
    last = (j, pos)
    # the last item may be joined by 及/和: 水、电、路、网、房及环境整治
    joined = None
    seg = text[j:pos]
    for conj in ("以及", "及", "和"):
        k = seg.find(conj)
        if k > 0 and j > 0 and text[j - 1] == "、":
            joined = (j, j + k, j + k + len(conj), pos)
            break
    if j == pos or j <= 0 or text[j - 1] != "、":
        return None  # a single word before the slogan is not a list
    if joined:
        spans.append((joined[2], joined[3]))
        spans.append((joined[0], joined[1]))
    else:
        spans.append(last)
    pos = j - 1
    while True:
        j = pos
        while j > limit and text[j - 1] not in _STOP_BEFORE and text[j - 1] != "、":
            j -= 1
        spans.append((j, pos))
        if j > 0 and text[j - 1] == "、":
            pos = j - 1
            continue
        break
    spans.reverse()
    # the first item has no left delimiter: cap it at the length of the others
    inner = [e - s for s, e in spans[1:]] if not joined else [e - s for s, e in spans[1:-1]]
    cap = max(inner) if inner else 4
    s0, e0 = spans[0]
    delimited_by_quote = quoted and s0 > 0 and text[s0 - 1] in _OPEN_QUOTES
    if not delimited_by_quote and e0 - s0 > cap:
        spans[0] = (_first_item_start(text, s0, e0 - cap, e0), e0)
    if any(e <= s for s, e in spans) or len(spans) < 2:
        return None
    if want is not None and len(spans) != want and not quoted:
        return None
    if text[spans[-1][0] : spans[-1][1]].endswith(_VERB_FINAL):
        return None  # 全面准确、坚定不移贯彻“一国两制”: adverbs and a verb governing the slogan
    return spans


def _first_item_start(text: str, s0: int, cut: int, e0: int) -> int:
    """Where the first item of a list begins, when the list has no left delimiter and the item
    was cut at ``cut`` to the length of the others: after a verb the cut went through (打|造果业
    → 果业), or at the start of a nominal word it went through (江|西井冈山 → 江西井冈山, 攀|枝花)."""
    # every verb of the list has two characters: one the cut goes through starts just before it
    if cut - 1 >= s0 and text[cut - 1 : cut + 1] in _VERBS_BEFORE_LIST and cut + 1 < e0:
        return cut + 1
    if text[cut - 2 : cut] in _VERBS_BEFORE_LIST:
        return cut  # 健全|县、乡、村: a verb ends where the cut is
    from ...text.segment import noun_words

    nouns = noun_words()

    def rest_is_whole(q: int) -> bool:
        # what the word leaves must not be a broken word (中大|豆, 动产|业): nothing, a
        # nominal word, or a one-character head (浙江|省)
        return q == e0 or text[q] in _ITEM_HEADS or any(text[q:r] in nouns for r in range(q + 2, min(e0, q + 4) + 1))

    for p in range(cut - 1, max(s0, cut - 4) - 1, -1):
        if any(text[p:q] in nouns and rest_is_whole(q) for q in range(cut + 1, min(e0, p + 6) + 1)):
            return p
    return cut


# one-character heads an item can end with after a name (浙江省, 阿克苏河, 青岛港)
_ITEM_HEADS = frozenset("省市县区州盟乡镇村河江湖山港站厂")


# a list whose last item ends in one of these governs the slogan after it; it does not name its
# members (坚定不移贯彻一国两制, 全面落实两不愁三保障)
_VERB_FINAL = (
    "贯彻", "落实", "坚持", "推进", "实施", "实行", "加强", "完善", "深化", "推动", "执行", "遵循",
    "践行", "树立", "增强", "把握", "发挥", "维护", "坚守", "弘扬", "用好", "抓好", "做好", "搞好",
    "开展", "打赢", "打好", "实现", "统筹", "巩固", "提高", "健全", "坚定", "牢记", "持续",
    "达到", "形成", "建成", "打造",
)  # fmt: skip
# verbs a list often follows (打造果业、奶山羊和设施农业3个千亿级产业)
_VERBS_BEFORE_LIST = frozenset((*_VERB_FINAL, "设置", "设立", "建立", "包括", "涵盖", "覆盖", "围绕", "聚焦", "突出", "发展", "培育"))
_GOVERNING_VERBS = frozenset(_VERB_FINAL)
assert all(len(v) == 2 for v in _VERBS_BEFORE_LIST)


# -- shapes -------------------------------------------------------------------------------------

_HEAD_FINAL = (
    "体系 板块 书记 队伍 攻坚战 战役 工程 行动 任务 目标 机制 意识 方面 问题 举措 措施 格局 理念 "
    "战略 规定 原则 产业 基地 品牌 中心 建设 联动 自信 转变 精准 保障 作风 法宝 纪律 改革 革命 变革 "
    "文明 倡导 坚持 明确 服从 维护 确立 务必 代表 面向 自我 考验 危险 形态 责任 结合 大局 屏障 "
    "清单 制度 环节 领域 重点 短板 难题 关口 底线 红线 要求 标准 作用 能力 本领 关系 矛盾 基本点"
).split()
_HEAD_FINAL_RE = re.compile("|".join(sorted(_HEAD_FINAL, key=len)))
_SIMPLE_UNQUOTED = re.compile(
    rf"([{_NUM}\d](?<![{_NUM}第\d.].)(?:(?<=[{_NUM}]){_NUM_CLASS}{{0,2}}|(?<=\d)\d?)[{_CLASSIFIERS}])([\u4e00-\u9fff]{{1,7}})"
)


# a count of concrete things (6个县, 10个贫困村, 3名干部) is a quantity, not a numbered list
_CONCRETE_HEADS = set("县村乡镇省市区户人名家所座次年月天周岁位批字")


def _is_head(head: str) -> bool:
    """A head the form can end with: a known head word (体系, 问题, 联动 …), 一百(年), or a
    word jieba's dictionary tags as nominal."""
    from ...text.segment import noun_words

    return bool(_HEAD_FINAL_RE.search(head)) or bool(_RX_NUM_YEAR.match(head)) or head in noun_words()


@lru_cache(maxsize=8192)
def _head_length(head: str) -> int:
    """Length of the head noun after numeral + classifier, from a text run of up to 7 chars."""
    m = _RX_NUM_YEAR.match(head)
    if m and head[0] == "一" and small_numeral(m.group().rstrip("年")) in (100, 1000):  # 两个一百年, 三个一百
        return len(m.group())
    # the earliest end (at least 2 characters in) of a head word starting anywhere; the
    # alternation is sorted shortest first, so each match() is the shortest word at its start
    # past five characters, only after nominal words (社会救助|制度, 钢铁工业|基地), not across a
    # verb or 的 (三个角度|阐释总书记, 六个大区的经济体系)
    ends = [
        m.end()
        for i in range(len(head))
        if (m := _HEAD_FINAL_RE.match(head, i)) and m.end() >= 2 and (m.end() <= 5 or _nominal(head[:i]))
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


@lru_cache(maxsize=8192)
def _shape_ok(form: str) -> bool:
    """Whether a quoted string has the shape of a numbered slogan."""
    if not 2 <= len(form) <= 8 or form in _not_slogans():
        return False
    if form.startswith("第") or _RX_PUNCT.search(form):
        return False
    masked = _NOT_NUMERAL_RX.sub(lambda m: "□" * len(m.group()), form)
    if _RX_ALL_DIGITS.fullmatch(form) or _RX_LONG_CODE.match(form):
        return False  # digits need a governance noun after them (handled elsewhere): not “301调查”
    if _RX_CN_DIGITS_ONLY.fullmatch(form) or _DATE_NAME.search(form):
        return False  # “四一二”, “九一八”, “七一勋章”, “90后”: a date or a cohort, not a numbered form
    if _RX_YEAR.search(form):
        return False  # a year, not a numbered form
    if not _RX_ANY_NUM.search(masked) or _TIME_AFTER.search(masked):
        return False
    if _RX_LATIN.search(form) and not _RX_DIGIT_PLUS.search(form):
        return False
    # the numeral must start the form, or start its second half (志智双扶)
    first = _RX_ANY_NUM.search(masked)
    assert first is not None
    if first.start() > 2:
        return False
    if not _HAN.search(form):
        return False
    return True


def find_slogans(
    text: str, *, skip: list[tuple[int, int]] | None = None, res: Resources | None = None
) -> list[SloganMention]:
    """Numbered slogans of a normalized Simplified text, in document order.

    >>> [(m.normalized, m.number, m.parts) for m in find_slogans("增强“四个意识”,落实两不愁三保障")]
    [('四个意识', 4, (4,)), ('两不愁三保障', None, (2, 3))]
    """
    found: list[SloganMention] = []
    lex_pattern, by_form = (res or default_resources()).built("slogans.lexicon_index", _lexicon_index)

    # numbered names
    for rx, kind, anchor in _NAMED:
        if anchor not in text:  # a substring test is far cheaper than a regex scan
            continue
        for m in rx.finditer(text):
            form = m.group()
            if kind == "plenum":
                parts = tuple(v for v in (small_numeral(m.group(1)), small_numeral(m.group(2))) if v is not None)
                number = None
            elif kind == "consensus":
                number, parts = None, (9, 2)
            else:
                number = small_numeral(m.group(1))
                parts = (number,) if number is not None else ()
            entries = by_form.get(form, ())
            found.append(
                SloganMention(m.start(), m.end(), form, number, parts, kind, entry=entries[0] if entries else None,
                              matched_by=kind)
            )

    # lexicon
    for m in lex_pattern.finditer(text):
        form = m.group()
        entries = by_form[form]
        if entries[0].kind != "slogan":
            kind = entries[0].kind
        else:
            kind = "slogan"
        if _inside_word(text, m.start(), m.end()):
            continue
        number, parts = numeral_parts(form)
        ctx = text[max(0, m.start() - 150) : m.end() + 150]
        entry, ambiguous = _choose(entries, ctx)
        found.append(
            SloganMention(m.start(), m.end(), form, number, parts, kind, entry=entry, ambiguous=ambiguous,
                          matched_by="lexicon")
        )

    # quoted shapes
    for m in _QUOTED.finditer(text):
        form = m.group(1)
        s, e = m.span(1)
        if form[:2] in _GOVERNING_VERBS and _RX_NUM_START.match(form, 2):
            form, s = form[2:], s + 2  # “打赢三大攻坚战”, “坚持四个自信”: the verb governs the slogan
        compact = _RX_SPACES.sub("", form)
        if not _shape_ok(compact):
            continue
        number, parts = numeral_parts(compact)
        if not parts:
            continue
        found.append(SloganMention(s, e, compact, number, parts, matched_by="quote"))

    # digit-coded names: “113”政策落实推进机制, 9+9产业扶贫工程, 1+N政策体系
    quoted_codes = list(_DIGIT_NAME_QUOTED.finditer(text)) if "“" in text else []
    unquoted_codes = list(_DIGIT_NAME_CODE.finditer(text)) if "+" in text else []
    for m in sorted(quoted_codes + unquoted_codes, key=lambda m: m.start()):
        if m.re is _DIGIT_NAME_CODE:
            if any(q.start() <= m.start() < q.end() for q in quoted_codes):
                continue  # the code inside “9+9”产业扶贫工程
            code, tail = m.group(1), m.group(2) or ""
            if not tail and not re.search(r"[A-Za-z]", code):
                continue  # unquoted 1+1+1 with no governance noun is arithmetic; 1+N is a code
        s, e = m.span()
        normalized = _RX_QUOTES_SPACES.sub("", text[s:e])
        number, parts = numeral_parts(normalized)
        found.append(SloganMention(s, e, normalized, number, parts, matched_by="digit_code"))

    # unquoted numeral + classifier + head, accepted only with stated members
    for m in _SIMPLE_UNQUOTED.finditer(text):
        num_cls, run = m.group(1), m.group(2)
        head_len = _head_length(run)
        s = m.start()
        e = m.start(2) + head_len
        form = num_cls + run[:head_len]
        number, parts = numeral_parts(form)
        if number is None or number < 2 or number > 20:
            continue
        if form in _not_slogans() or run[0] in _CONCRETE_HEADS or form[-1] in _CONCRETE_HEADS or num_cls[-1] in "位名":
            continue  # 8位代表, 7位新任大使, 3个贫困县, 两个直辖市: a count of places or people named before it
        if not _is_head(run[:head_len]):
            continue  # 胡中山等5位来自…: the word after the classifier is not a noun
        after = _items_after(text, e, number)
        before = _items_before(text, s, number)
        if before is None and after is None:
            continue
        if after is not None and before is None and len(after[0]) != number:
            # an unquoted form needs its expansion to match; quoted and lexicon forms do not
            after_tail = _AFTER_CUE.match(text, e)
            if after_tail is None or "即" not in after_tail.group():
                continue
        found.append(SloganMention(s, e, form, number, parts, matched_by="stated_members"))

    mentions = _resolve_overlaps(found)
    if skip:
        mentions = [m for m in mentions if not any(a <= m.start and m.end <= b for a, b in skip)]
    for m in mentions:
        _attach_items(text, m)
    return mentions


def _inside_word(text: str, start: int, end: int) -> bool:
    """A lexicon form glued into a longer numeral run (三十三农 is not 三农)."""
    before = text[start - 1] if start else ""
    return bool(before) and before in _NUM and text[start] in _NUM


# a numbered name (十一五, 十九大) wins over the same span read as a quoted shape
_PRIORITY = {"plan_period": 4, "congress": 4, "plenum": 4, "consensus": 4, "lexicon": 3, "quote": 2,
             "digit_code": 3, "stated_members": 1}  # fmt: skip


def _resolve_overlaps(found: list[SloganMention]) -> list[SloganMention]:
    """Keep the longest of overlapping mentions; the same span found twice keeps the
    lexicon's knowledge and the quote's extent."""
    merged: dict[tuple[int, int], SloganMention] = {}
    for m in found:
        key = (m.start, m.end)
        if key in merged:
            old = merged[key]
            if old.entry is None and m.entry is not None:
                old.entry, old.ambiguous = m.entry, m.ambiguous
            if m.kind != "slogan":
                old.kind = m.kind
            if _PRIORITY.get(m.matched_by, 0) > _PRIORITY.get(old.matched_by, 0):
                old.matched_by = m.matched_by
            continue
        merged[key] = m
    ordered = sorted(merged.values(), key=lambda m: (m.start, -(m.end - m.start)))
    kept: list[SloganMention] = []
    for m in ordered:
        if kept and m.start < kept[-1].end:
            prev = kept[-1]
            if m.end - m.start > prev.end - prev.start:
                kept[-1] = m
            continue
        kept.append(m)
    return kept


# numbered names whose numeral is an ordinal, not a count of members: 十三五, 十九大, 十九届六中全会
_NAMES_WITHOUT_MEMBERS = frozenset({"plan_period", "congress", "plenum", "consensus"})


def _attach_items(text: str, m: SloganMention) -> None:
    if m.kind in _NAMES_WITHOUT_MEMBERS:
        return
    want = len(m.parts) if m.number is None and m.parts and m.matched_by == "digit_code" else m.number
    after = _items_after(text, m.end, want)
    if after is not None:
        m.items = after[0]
        m.items_source = "inline"
    else:
        start = m.start
        if start > 0 and text[start - 1] in _OPEN_QUOTES:
            start -= 1
        before = _items_before(text, start, want)
        if before is not None:
            m.items = before
            m.items_source = "inline"
    if m.items:
        m.declared = want
    elif m.entry is not None and m.entry.items:
        m.items_source = "lexicon"

