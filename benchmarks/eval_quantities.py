"""Quantities, dates and checks against the seed annotation and the peers' own test tables.

    python benchmarks/eval_quantities.py [--shared ../shared] [--quiet]

1. The seed article (as published, Traditional) against ``gold/seed.gold.json``: precision, recall
   and F1 of quantity mentions (a found quantity matches a gold one when the spans overlap and the
   values agree; *strict* also needs unit, kind and qualifier), what was missed and what was found
   beyond the gold (``neutral_quantities`` such as 这一年 are neither required nor penalized);
   recall of the gold dates; the gold's ratio checks against the ``ratio`` findings.
2. The peer suites in ``corpora/peer-specs/``: Microsoft Recognizers-Text NumberModel and
   PercentModel and NumberWithUnit models, cn2an's conversion tables and JioNLP's money tables.  Each case is either in
   scope (and passes or fails) or out of scope for a stated reason; where policytext gives a
   different answer on purpose the case is listed as a deliberate difference with the reason.
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, Callable

import policytext
from policytext.extract.numbers import find_numbers, parse_number
from policytext.analyzer import prepare

ROOT = Path(__file__).resolve().parents[1]


def prf(tp: int, found: int, gold: int) -> tuple[float, float, float]:
    p = tp / found if found else 1.0
    r = tp / gold if gold else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def _dec(x: Any) -> Decimal | None:
    return None if x is None else Decimal(str(x))


def _close(a: Decimal | None, b: Decimal | None) -> bool:
    if a is None or b is None:
        return a is b
    return abs(a - b) <= Decimal("1e-9") * max(Decimal(1), abs(b))


# -- the seed ----------------------------------------------------------------------------------


def _occurrences(text: str, surface: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(re.escape(surface), text)]


def seed_quantities(doc: policytext.Document, gold: dict, reference: str) -> dict:
    """Match found quantities to gold ones by overlapping span and equal value."""
    slots = []  # one slot per gold mention: (gold row, candidate spans)
    for g in gold["quantities"]:
        spans = _occurrences(reference, g["surface"])
        for _ in range(g.get("occurrences", 1)):
            slots.append((g, spans))
    neutral = [sp for n in gold["neutral_quantities"] for sp in _occurrences(reference, n)]
    used: set[int] = set()
    matched, strict, spurious, wrong = 0, 0, [], []
    for q in doc.quantities:
        hit = None
        for k, (g, spans) in enumerate(slots):
            if k in used:
                continue
            if any(s < q.end and q.start < e for s, e in spans) and _close(q.value, _dec(g["value"])):
                hit = k
                break
        if hit is None:
            if any(s < q.end and q.start < e for s, e in neutral):
                continue
            spurious.append(f"{q.text} ({q.value} {q.unit} {q.kind})")
            continue
        used.add(hit)
        matched += 1
        g = slots[hit][0]
        if (q.unit, q.kind, q.qualifier) == (g["unit"], g["kind"], g.get("qualifier")):
            strict += 1
        else:
            wrong.append(f"{g['surface']}: gold {g['unit']}/{g['kind']}/{g.get('qualifier')}, "
                         f"found {q.unit}/{q.kind}/{q.qualifier}")  # fmt: skip
    found = matched + len(spurious)
    missed = Counter(slots[k][0]["surface"] for k in range(len(slots)) if k not in used)
    return {
        "mention": prf(matched, found, len(slots)),
        "strict": prf(strict, found, len(slots)),
        "counts": (matched, found, len(slots)),
        "missed": sorted(missed.elements()),
        "spurious": spurious,
        "attribute_differences": wrong,
    }


def seed_dates(doc: policytext.Document, gold: dict, reference: str) -> dict:
    found = list(doc.dates)
    used: set[int] = set()
    hits, qual_ok, missed = 0, 0, []
    for g in gold["dates"]:
        spans = _occurrences(reference, g["surface"])
        for i, d in enumerate(found):
            if i in used or not any(s < d.end and d.start < e for s, e in spans):
                continue
            if (d.year, d.month) == (g.get("year"), g.get("month")):
                used.add(i)
                hits += 1
                qual_ok += d.qualifier == g.get("qualifier") or g.get("qualifier") is None
                break
        else:
            missed.append(g["surface"])
    extra = [f"{d.text} ({d.relative or ''}{d.part or ''})" for i, d in enumerate(found) if i not in used]
    return {"recall": hits / len(gold["dates"]), "hits": hits, "gold": len(gold["dates"]),
            "qualifier_agrees": qual_ok, "missed": missed, "not_in_gold": extra}  # fmt: skip


def seed_checks(doc: policytext.Document, gold: dict) -> list[str]:
    lines = []
    ratios = [f for f in doc.findings if f.check == "ratio"]
    for g in gold["checks"]:
        ok = any(f.stated == _dec(g["stated_percent"]) and (f.status == "ok") == g["holds"] for f in ratios)
        lines.append(f"{g['part']}/{g['whole']} = {g['stated_percent']}%: gold holds={g['holds']}, "
                     f"policytext {'agrees' if ok else 'DISAGREES'}")  # fmt: skip
    return lines


# -- peer suites --------------------------------------------------------------------------------


@dataclass
class Suite:
    name: str
    passed: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    out_of_scope: Counter[str] = field(default_factory=Counter)
    differences: list[str] = field(default_factory=list)

    def report(self, quiet: bool) -> None:
        n = len(self.passed) + len(self.failed)
        rate = len(self.passed) / n if n else 1.0
        print(f"== {self.name}: {len(self.passed)}/{n} in-scope cases pass ({rate:.1%}); "
              f"{sum(self.out_of_scope.values())} out of scope")  # fmt: skip
        for reason, k in self.out_of_scope.most_common():
            print(f"  out of scope ({k}): {reason}")
        if self.differences:
            print(f"  deliberate differences ({len(self.differences)}, counted as failures above):")
            for d in self.differences if not quiet else self.differences[:5]:
                print(f"    {d}")
        others = [f for f in self.failed if f not in self.differences]
        if others:
            print(f"  other failures ({len(others)}):")
            for f in others if not quiet else others[:10]:
                print(f"    {f}")

    def record(self, ok: bool, case: str, line: str, diff: str | None = None) -> None:
        """A case's outcome; a failure with a reason is a deliberate difference."""
        if ok:
            self.passed.append(case)
            return
        self.failed.append(f"{line} — {diff}" if diff else line)
        if diff:
            self.differences.append(self.failed[-1])

    @property
    def rate(self) -> float:
        n = len(self.passed) + len(self.failed)
        return len(self.passed) / n if n else 1.0


Rule = tuple[str, Callable[[str], bool]]


def _first(rules: list[Rule], text: str) -> str | None:
    return next((why for why, test in rules if test(text)), None)


def _rx(pattern: str) -> Callable[[str], bool]:
    rx = re.compile(pattern)
    return lambda s: rx.search(s) is not None


_NOTATION_RULES: list[Rule] = [
    ("exponent and power notation (2^5, 2e5, 21.2E0): not how policy text writes numbers",
     _rx(r"\^|\d\s*[eE]\s*[-+－]?\s*\d")),  # fmt: skip
    ("k/M/w suffixes (40k, 2.5 M, 30w): informal, not used in policy text", _rx(r"\d\s*[kKmMwWＫ](?![a-z])")),
    ("slash fractions (3/5, 1 4/3): in Chinese text a slash separates dates and list items", _rx(r"[/／]")),
    ("dozens and halves (一打, 半百, 半成)", _rx(r"打|半")),
    ("discounts (打八折, 75折): retail prices, outside policy text", _rx(r"折")),
    ("web addresses", _rx(r"https?://")),
    ("malformed input kept by the peer as a parser stress test (2222.2222.22222, ...9, －－9)",
     _rx(r"\d\.\d+\.\d|^\.\.\.|^－－")),  # fmt: skip
]


def _working(text: str) -> str:
    return prepare(text).text


def suite_numbers(shared: Path) -> Suite:
    s = Suite("Recognizers-Text NumberModel (number layer: policytext.extract.numbers.find_numbers)")
    cases = json.loads((shared / "peer-specs/recognizers-text-zh/Number/Chinese/NumberModel.json").read_text("utf-8"))
    diff_rules: list[Rule] = [
        ("a number inside a money or discount expression: Recognizers leaves it to its currency model, "
         "policytext's number layer reports every number and its quantity layer adds the unit",
         _rx(r"美元|美刀|一折")),  # fmt: skip
        ("a lone numeral judged by a word list (四川 is a place; 五台山, 九台 too): policytext "
         "blocks place names from the administrative-division list, Recognizers only some",
         _rx(r"四川|五台|九台")),  # fmt: skip
        ("叁 after a sentence about numerals: a lone financial numeral is read as a word "
         "(陆地, 队伍, 拾起), so 叁 alone is not a number", _rx(r"写法是叁")),  # fmt: skip
        ("numbers inside a percentage: Recognizers' NumberModel leaves them to its PercentModel",
         _rx(r"[％%]")),  # fmt: skip
    ]
    _run_values(s, cases, diff_rules, lambda text: [n.parse.value for n in find_numbers(_working(text))])
    return s


def _run_values(s: Suite, cases: list[dict], diff_rules: list[Rule], read: Callable[[str], list]) -> None:
    """Recognizers-Text cases: the values read from each input against the expected ones."""
    for c in cases:
        text = c["Input"]
        why = _first(_NOTATION_RULES, text)
        if why:
            s.out_of_scope[why] += 1
            continue
        got = read(text)
        want = [Decimal(r["Resolution"]["value"].rstrip("%")) for r in c["Results"]]
        ok = len(got) == len(want) and all(_close(g, w) for g, w in zip(got, want))
        line = f"{text[:50]!r}: expected {[str(w) for w in want]}, got {[str(g) for g in got]}"
        s.record(ok, text, line, _first(diff_rules, text))


def _as_percent(q: Any) -> Decimal | None:
    if q.value is None:
        return None
    if q.unit in ("%", "个百分点"):
        return q.value
    if q.unit == "‰":
        return q.value / 10
    if q.unit == "‱":
        return q.value / 100
    if q.unit == "ppm":
        return q.value / 10000
    if q.unit == "成":
        return q.value * 10
    return None


def suite_percent(shared: Path) -> Suite:
    s = Suite("Recognizers-Text PercentModel (quantities with unit %, ‰, 个百分点, 成)")
    cases = json.loads((shared / "peer-specs/recognizers-text-zh/Number/Chinese/PercentModel.json").read_text("utf-8"))
    diff_rules: list[Rule] = [
        ("a range of percentages (百分之二三十, 5-20%): policytext gives one range quantity with low/high; "
         "Recognizers gives nothing or only the upper bound", _rx(r"二三十|5-20%")),  # fmt: skip
        ("ratios below one in a million (千万分之, 万万分之): policytext reads 千分之 ‰, 万分之 ‱ and "
         "百万分之 ppm, and leaves smaller ratios as plain fractions", _rx(r"千万分之|[万萬]万分之|万万分之")),  # fmt: skip
    ]
    _run_values(s, cases, diff_rules,
                lambda text: [p for q in policytext.analyze(text).quantities if (p := _as_percent(q)) is not None])
    return s


def suite_cn2an(shared: Path) -> Suite:
    s = Suite("cn2an conversion tables (parse_number on one numeral; find_numbers on sentences)")
    data = json.loads((shared / "peer-specs/cn2an_cases.json").read_text("utf-8"))["tables"]
    t = data["cn2an_test.py"]
    number_diffs: list[Rule] = [
        ("一一 / 壹壹 read digit by digit: in running text 一一 means 'one by one'; policytext reads "
         "digit-by-digit numbers from three digits up (二〇一八)", _rx(r"^(一一|壹壹)$")),  # fmt: skip
    ]
    for table in ("strict_data_dict", "normal_data_dict", "smart_data_dict"):
        for text, want in t[table].items():
            err = ""
            if re.search(r"[元圆]", text):
                # an amount of money: read by the quantity layer (元, 角, 分; 整/正)
                money = [q for q in policytext.analyze(text).quantities if q.kind == "money"]
                got = money[0].value if len(money) == 1 else None
                err = f"money quantities {[(q.text, str(q.value)) for q in money]}"
            else:
                try:
                    got = parse_number(text).value
                except ValueError as exc:
                    got, err = None, str(exc)
            ok = got is not None and _close(got, _dec(want))
            line = f"{table} {text!r}: expected {want}, got {got if got is not None else err}"
            s.record(ok, text, line, _first(number_diffs, text))
    for table in ("error_normal_datas", "error_smart_datas"):
        for text in t[table]:
            try:
                got = parse_number(text).value
            except ValueError:
                s.passed.append(text)
                continue
            line = f"{table} {text!r}: expected an error, got {got}"
            if text == "10.1万零100":
                line += (" — read leniently as 10.1万 + 100: a decimal before a magnitude followed by more "
                         "digits is how some reports write amounts; cn2an's smart mode rejects it")  # fmt: skip
                s.differences.append(line)
            s.failed.append(line)
    s.out_of_scope["strict mode errors (一一, 百十一): policytext reads leniently, like cn2an's normal mode"] += len(t["error_strict_datas"])
    s.out_of_scope["an2cn (Arabic to Chinese): policytext reads numbers, it does not write them"] += len(data["an2cn_test.py"]["input_data"]) + len(data["an2cn_test.py"]["scientific_input_data"]) + len(data["an2cn_test.py"]["error_input_data"])
    tr = data["transform_test.py"]
    s.out_of_scope["transform to Chinese numerals (an2cn direction)"] += len(tr["strict_data_dict"]) + len(tr["direct_an2cn_data_dict"])
    s.out_of_scope["'direct' mode keeps leading zeros of identifiers (零零三 → 003): a code, not a number"] += len(tr["direct_cn2an_data_dict"])
    diff_rules: list[Rule] = [
        ("半 (half) is not read as 0.5", _rx(r"半")),
        ("temperatures: the number layer reads no sign; the quantity layer reads 零下 before a temperature (零下4摄氏度 is -4 摄氏度)", _rx(r"零下")),
        ("~ between two amounts is a range: policytext keeps the numbers (values checked), the peer rewrites text",
         _rx(r"~")),  # fmt: skip
        ("两千米 is read as 2 千米 (2 km), not 2000 米: the same length, but policytext keeps 千米 a unit "
         "(as in 36.576万千瓦)", _rx(r"千米")),  # fmt: skip
    ]
    for text, want in tr["smart_data_dict"].items():
        working = _working(text)
        rebuilt, pos = [], 0
        for n in find_numbers(working):
            rebuilt.append(working[pos : n.start])
            v = n.parse.value
            rebuilt.append(str(v) if v is not None else n.text)
            pos = n.end
        rebuilt.append(working[pos:])
        got = "".join(rebuilt)
        s.record(got == _working(want), text, f"transform {text!r}: expected {want!r}, got {got!r}", _first(diff_rules, text))
    return s


_CURRENCY = {"元": "CNY", "港元": "HKD", "美元": "USD", "日元": "JPY", "欧元": "EUR", "新台币": "TWD",
             "泰铢": "THB", "卢布": "RUB", "韩元": "KRW", "澳元": "AUD"}  # fmt: skip
_DEFINITION = {
    "accurate": {None},
    "blur": {"approx", "range", "vague", "more_than"},
    "blur-": {"approx_below", "at_most"},
    "blur+": {"at_least", "more_than"},
}


def suite_jionlp(shared: Path) -> Suite:
    s = Suite("JioNLP money parser and extractor tables (money quantities: value or low/high, currency, qualifier)")
    data = json.loads((shared / "peer-specs/jionlp_cases.json").read_text("utf-8"))["tables"]
    rules: list[Rule] = _NOTATION_RULES + [
        ("an amount with no currency word (三百万, 小于40万): JioNLP assumes yuan, policytext does not guess a unit",
         lambda t: not re.search(r"[元块圆铢币镑卢布]", t)),  # fmt: skip
        ("two currency words for one amount (三万元欧元, 9000元日币)", _rx(r"元(欧元|日币)")),
        ("个 between a number and its magnitude (两个亿): colloquial", _rx(r"个亿")),
    ]
    money_diffs: list[Rule] = [
        ("块 alone is a count classifier (三块地, 两块牌子); only 块钱 is money in policytext",
         _rx(r"[百万千]块$")),  # fmt: skip
    ]
    for text, want in data["test_money_parser.py"]["money_string_list"]:
        why = _first(rules, text)
        if why:
            s.out_of_scope[why] += 1
            continue
        money = [q for q in policytext.analyze(text).quantities if q.kind == "money"]
        line = f"{text!r}: expected {want}, got " + str([(str(q.value), str(q.low), str(q.high), q.unit, q.qualifier) for q in money])
        if len(money) != 1:
            s.record(False, text, line, _first(money_diffs, text))
            continue
        q = money[0]
        num = want["num"]
        if isinstance(num, list):
            ok_value = _close(q.low, _dec(num[0])) and _close(q.high, _dec(num[1]))
        else:
            ok_value = _close(q.value, _dec(num))
        ok = ok_value and q.si_unit == _CURRENCY.get(want["case"]) and q.qualifier in _DEFINITION[want["definition"]]
        s.record(ok, text, line)
    for text, want in data["test_money_extractor.py"]["money_string_list"]:
        why = _first(_NOTATION_RULES, text)
        if why:
            s.out_of_scope[why] += 1
            continue
        money = [q for q in policytext.analyze(text).quantities if q.kind == "money"]
        got = [(q.text, [q.start, q.end]) for q in money]
        exp = [(w["text"], w["offset"]) for w in want]
        s.record(got == exp, text, f"extract {text[:40]!r}: expected {exp}, got {got}")
    s.out_of_scope["time expressions resolved against a base timestamp (JioNLP time parser): policytext "
                   "records calendar mentions, not timestamps"] += sum(
        len(g["rows"]) for g in data["test_time_parser.py"]["time_string_list_groups"])  # fmt: skip
    s.out_of_scope["time extractor (times of day, lunar dates, spans with hours)"] += len(
        data["test_time_extractor.py"]["text_string_list"])
    return s


#: Recognizers-Text unit names and the policytext units that say the same
_PEER_UNITS = {
    "Mu": {"亩"}, "Kilogram": {"公斤", "千克"}, "Centimeter": {"公分", "厘米"}, "Ton": {"吨"}, "Meter": {"米"},
    "Jin": {"斤"}, "Kilometer": {"千米", "公里"}, "Gram": {"克"}, "Kilowatt": {"千瓦"},
    "C": {"摄氏度", "℃"}, "Degree": {"度"}, "Year": {"岁", "周岁"}, "Month": {"个月"}, "Week": {"周"}, "Day": {"天"},
}  # fmt: skip


def suite_units(shared: Path) -> Suite:
    s = Suite("Recognizers-Text NumberWithUnit: dimensions, temperatures, ages, currencies (value and unit)")
    base = shared / "peer-specs/recognizers-text-zh/NumberWithUnit/Chinese"
    rules: list[Rule] = _NOTATION_RULES + [
        ("units of information, frequency and food energy (比特, 字节, 赫兹, 千卡) and micro-units: not in "
         "policy news", _rx(r"比特|字节|赫兹|千卡|微克|存储单位")),  # fmt: skip
        ("Latin unit symbols after a number (168cm, 250m, °C, $20)", _rx(r"\d\s*(cm|CM|m\b|m$)|°|\$")),
        ("the old weight 两 (二两, 三十两): in policy text 两 is 'two'", _rx(r"两$|两百两|万两")),
        ("signed amounts (负0.2千米): policytext records amounts, not signs", _rx(r"负")),
        ("Fahrenheit (华氏温度98.6度): not used in Chinese policy text", _rx(r"华氏")),
        ("currencies policy news seldom names (瑞士法郎, 奈拉, 比特币, 日本銭) and cents (美分)",
         _rx(r"法郎|奈拉|比特币|銭|美分")),  # fmt: skip
        ("a unit with no number (人民币 美元, 温度的单位)", lambda t: not re.search(r"[0-9０-９一二三四五六七八九十两百千万亿]", t)),
        ("age written as 大 after a span (十个月大, 三周大): read as a duration, not an age", _rx(r"[月周天]大")),
    ]
    diff_rules: list[Rule] = [
        ("块 alone is a count classifier (三块地, 两块牌子); only 块钱 is money in policytext", _rx(r"三块$")),
        ("a number with a unit the text writes once for two amounts (15元中大乐透1600万): policytext "
         "does not carry 元 to the second amount", _rx(r"1600万")),  # fmt: skip
    ]
    # each peer model answers for its own kinds only: its expectations leave the rest out
    models = {"DimensionModel.json": {"area", "length", "mass", "power", "energy", "volume"},
              "TemperatureModel.json": {"temperature"}, "AgeModel.json": {"age", "duration"},
              "CurrencyModel.json": {"money"}}  # fmt: skip
    for name, kinds in models.items():
        for c in json.loads((base / name).read_text("utf-8")):
            text = c["Input"]
            why = _first(rules, text)
            if why:
                s.out_of_scope[why] += 1
                continue
            want = [(r["Resolution"].get("value"), r["Resolution"].get("unit"), r["Resolution"].get("isoCurrency"))
                    for r in c["Results"]]  # fmt: skip
            got = [q for q in policytext.analyze(text).quantities if q.kind in kinds]
            ok = len(got) == len(want) and all(
                _close(q.value, _dec(v)) and (q.si_unit == iso if iso else q.unit in _PEER_UNITS.get(u, ()))
                for q, (v, u, iso) in zip(got, want)
            )
            line = f"{name[:-10]} {text[:40]!r}: expected {[(v, u) for v, u, _ in want]}, got {[(str(q.value), q.unit, q.kind) for q in got]}"
            s.record(ok, text, line, None if ok else _first(diff_rules, text))
    return s


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--quiet", action="store_true", help="list at most a few failures per suite")
    args = ap.parse_args()
    gold_path = args.shared / "gold" / "seed.gold.json"
    if not gold_path.exists():
        raise SystemExit(f"{gold_path}: not found (is ../shared beside the project?)")
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    seed = (args.shared / "seeds" / gold["document"]).read_text(encoding="utf-8")
    reference = (args.shared / "gold" / "seed.simplified.txt").read_text(encoding="utf-8")
    for label, text in (("original (Traditional, mixed)", seed), ("Simplified reference", reference)):
        doc = policytext.analyze(text)
        r = seed_quantities(doc, gold, reference)
        print(f"== seed quantities, {label}")
        for kind in ("mention", "strict"):
            p, rc, f = r[kind]
            print(f"  {kind:<8} P={p:.3f} R={rc:.3f} F1={f:.3f}")
        print(f"  matched {r['counts'][0]} of {r['counts'][2]} gold mentions; {r['counts'][1]} found (neutral ones not counted)")
        print(f"  missed: {r['missed'] or 'none'}")
        print(f"  not in gold: {r['spurious'] or 'none'}")
        for w in r["attribute_differences"]:
            print(f"  attributes differ: {w}")
        d = seed_dates(doc, gold, reference)
        print(f"  dates: recall {d['recall']:.3f} ({d['hits']}/{d['gold']}), qualifier agrees on {d['qualifier_agrees']}; "
              f"missed {d['missed'] or 'none'}; found beyond the gold (relative dates, 年底 …): {d['not_in_gold'] or 'none'}")  # fmt: skip
        for line in seed_checks(doc, gold):
            print(f"  check {line}")
    print()
    suites = [suite_numbers(args.shared / "corpora"), suite_percent(args.shared / "corpora"),
              suite_cn2an(args.shared / "corpora"), suite_jionlp(args.shared / "corpora"),
              suite_units(args.shared / "corpora")]  # fmt: skip
    for s in suites:
        s.report(args.quiet)
    print()
    print("== summary of peer suites (in-scope pass rate)")
    for s in suites:
        print(f"  {s.rate:6.1%}  {s.name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
