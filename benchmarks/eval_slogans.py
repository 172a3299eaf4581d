"""Slogan extraction against the hand-made seed annotation.

    python benchmarks/eval_slogans.py [--gold ../shared/gold/seed.gold.json]

Runs ``policytext.analyze`` on the seed article as published (Traditional, mixed) and on its
Simplified reference, and prints for each:

* mention-level precision, recall and F1 (a mention is a slogan's normalized form; a form
  that occurs k times in the gold counts k times);
* strict figures, where a found mention also needs the gold's number/parts and its inline items;
* what was missed, what was found that the gold does not have, and any ``not_slogans`` found;
* whether both scripts give the same normalized slogans.
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from pathlib import Path

import policytext

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def _norm(s: str) -> str:
    return re.sub(r"[\s“”\"]", "", s)


def prf(tp: int, found: int, gold: int) -> tuple[float, float, float]:
    p = tp / found if found else 1.0
    r = tp / gold if gold else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def evaluate(doc: policytext.Document, gold: dict) -> dict:
    gold_counts = Counter({g["text"]: g["occurrences"] for g in gold["slogans"]})
    gold_by = {g["text"]: g for g in gold["slogans"]}
    found = Counter(s.normalized for s in doc.slogans)
    tp = sum(min(n, gold_counts[k]) for k, n in found.items())
    strict_ok: Counter[str] = Counter()
    problems = []
    for s in doc.slogans:
        g = gold_by.get(s.normalized)
        if g is None:
            continue
        want_parts = g.get("parts") or ([g["number"]] if g.get("number") is not None else [])
        ok_number = s.number == g.get("number") and list(s.parts) == want_parts
        want_items = [_norm(i) for i in g["items"]]
        got_items = [_norm(i.text) for i in s.items] if s.items_source == "inline" else []
        ok_items = got_items == [policytext.to_simplified(i) for i in want_items] or [
            policytext.to_simplified(i) for i in got_items
        ] == want_items
        if ok_number and ok_items:
            strict_ok[s.normalized] += 1
        else:
            problems.append((s.normalized, s.number, s.parts, got_items, g.get("number"), want_parts, want_items))
    strict_tp = sum(min(n, gold_counts[k]) for k, n in strict_ok.items())
    gold_total = sum(gold_counts.values())
    found_total = sum(found.values())
    not_slogans = [s.normalized for s in doc.slogans if any(s.normalized in _norm(n) or _norm(n) in s.normalized
                                                            for n in gold["not_slogans"])]
    return {
        "mention": prf(tp, found_total, gold_total),
        "strict": prf(strict_tp, found_total, gold_total),
        "missed": sorted((gold_counts - found).elements()),
        "spurious": sorted((found - gold_counts).elements()),
        "not_slogans_found": not_slogans,
        "structure_problems": problems,
        "counts": (tp, found_total, gold_total),
        "forms": found,
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--gold", type=Path, default=SHARED / "gold" / "seed.gold.json")
    args = ap.parse_args()
    if not args.gold.exists():
        raise SystemExit(f"{args.gold}: not found (is ../shared beside the project?)")
    gold = json.loads(args.gold.read_text(encoding="utf-8"))
    seed = (SHARED / "seeds" / gold["document"]).read_text(encoding="utf-8")
    simplified = (SHARED / "gold" / "seed.simplified.txt").read_text(encoding="utf-8")
    results = {}
    for label, text in (("original (Traditional, mixed)", seed), ("Simplified reference", simplified)):
        r = evaluate(policytext.analyze(text), gold)
        results[label] = r
        print(f"== {label}")
        for kind in ("mention", "strict"):
            p, rc, f = r[kind]
            print(f"  {kind:<8} P={p:.3f} R={rc:.3f} F1={f:.3f}")
        tp, found, total = r["counts"]
        print(f"  found {found}, gold {total}, matched {tp}")
        print(f"  missed: {r['missed'] or 'none'}")
        print(f"  not in gold: {r['spurious'] or 'none'}")
        print(f"  not_slogans found: {r['not_slogans_found'] or 'none'}")
        for prob in r["structure_problems"]:
            print(f"  structure differs: {prob}")
    a, b = (r["forms"] for r in results.values())
    print(f"== same normalized slogans in both scripts: {a == b}")
    if a != b:
        print(f"  only in original: {sorted((a - b).elements())}; only in Simplified: {sorted((b - a).elements())}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
