"""A fixed dump of analyzed documents, to diff outputs before and after a change.

    python benchmarks/dump.py -o /tmp/before.jsonl [--mb 10] [--corpus ../shared/corpora/xwlb]
    python benchmarks/dump.py --compare /tmp/before.jsonl /tmp/after.jsonl

The document set is fixed and does not depend on the code under test:

* the first ``--mb`` megabytes of 新闻联播 items (2018 first), from the corpus folder beside
  the project (skipped, with a note, when it is absent);
* the 88 shipped reports in ``corpora/gov-work-reports/texts``;
* 3,000 cuts: slices of the reports at pseudo-random offsets and lengths (seeded), which start
  and end in the middle of sentences, numbers and slogans;
* 300 Traditional copies of news items (OpenCC ``s2t`` of the item, made by OpenCC itself and
  not by policytext, so that the input does not change when policytext's conversion does);
* the first 500 news items again with tokens (jieba backend).

Each line is one document's ``to_dict()`` with a ``dump_id``.  ``--compare`` prints how many
documents differ, and for the first few, which fields and how.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def documents(corpus: Path, mb: float) -> list[tuple[str, str, bool]]:
    """``(dump_id, text, tokens)`` for every document of the dump, in a fixed order."""
    out: list[tuple[str, str, bool]] = []
    news: list[str] = []
    files = sorted(corpus.glob("xwlb_*.jsonl"))
    if not files:
        print(f"note: {corpus} has no xwlb_*.jsonl; the dump has no news items", file=sys.stderr)
    budget = mb * 1024 * 1024
    size = 0
    for f in files:
        for line in f.read_text(encoding="utf-8").splitlines():
            if size >= budget:
                break
            if not line.strip():
                continue
            text = json.loads(line).get("text") or ""
            if text.strip():
                news.append(text)
                size += len(text.encode("utf-8"))
    out += [(f"news-{i}", t, False) for i, t in enumerate(news)]
    reports = sorted((ROOT / "corpora" / "gov-work-reports" / "texts").glob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in reports]
    out += [(f"report-{p.stem}", t, False) for p, t in zip(reports, texts)]
    rng = random.Random(20261204)
    for i in range(3000):
        t = texts[rng.randrange(len(texts))]
        start = rng.randrange(max(1, len(t) - 10))
        length = rng.choice((20, 60, 200, 1000))
        out.append((f"cut-{i}", t[start : start + length], False))
    if news:
        import opencc

        s2t = opencc.OpenCC("s2t")
        for i, t in enumerate(news[:: max(1, len(news) // 300)][:300]):
            out.append((f"trad-{i}", s2t.convert(t), False))
        out += [(f"tokens-{i}", t, True) for i, t in enumerate(news[:500])]
    return out


def dump(path: Path, corpus: Path, mb: float) -> None:
    import policytext

    docs = documents(corpus, mb)
    with path.open("w", encoding="utf-8") as f:
        for dump_id, text, tokens in docs:
            d = policytext.analyze(text, tokens=tokens).to_dict()
            d["dump_id"] = dump_id
            f.write(json.dumps(d, ensure_ascii=False, sort_keys=True) + "\n")
    print(f"{len(docs)} documents -> {path}")


def compare(a: Path, b: Path, show: int = 10) -> int:
    left = a.read_text(encoding="utf-8").splitlines()
    right = b.read_text(encoding="utf-8").splitlines()
    if len(left) != len(right):
        print(f"different document counts: {len(left)} against {len(right)}")
    differ = 0
    for la, lb in zip(left, right):
        if la == lb:
            continue
        differ += 1
        if differ > show:
            continue
        da, db = json.loads(la), json.loads(lb)
        print(f"== {da.get('dump_id')}")
        for key in sorted(set(da) | set(db)):
            if da.get(key) != db.get(key):
                va, vb = da.get(key), db.get(key)
                if isinstance(va, list) and isinstance(vb, list):
                    gone = [x for x in va if x not in vb]
                    new = [x for x in vb if x not in va]
                    print(f"  {key}: -{json.dumps(gone, ensure_ascii=False)[:600]}")
                    print(f"  {key}: +{json.dumps(new, ensure_ascii=False)[:600]}")
                else:
                    print(f"  {key}: {str(va)[:300]!r} -> {str(vb)[:300]!r}")
    print(f"{differ} of {min(len(left), len(right))} documents differ")
    return 1 if differ or len(left) != len(right) else 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-o", "--output", type=Path)
    ap.add_argument("--mb", type=float, default=10.0)
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpora" / "xwlb")
    ap.add_argument("--compare", nargs=2, type=Path, metavar=("BEFORE", "AFTER"))
    args = ap.parse_args()
    if args.compare:
        return compare(*args.compare)
    if not args.output:
        ap.error("give -o FILE or --compare BEFORE AFTER")
    dump(args.output, args.corpus, args.mb)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
