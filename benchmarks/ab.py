"""``analyze`` (no tokens) in two source trees, alternating, on the same text in the same run.

    python benchmarks/ab.py OLD_TREE NEW_TREE [--mb 10] [--rounds 4] [--env OLD:POLICYTEXT_PURE=1]

Each round runs one fresh interpreter per tree (``PYTHONPATH=TREE/src``) that loads the
resources, then times ``analyze`` over the first ``--mb`` megabytes of 新闻联播 items (best of 3)
and ``jieba.lcut`` on the same texts, and prints both and their ratio.  Trees alternate, so that
the machine's drift falls on both; compare the medians of the ratios.  Use it to show that a
change did not slow ``analyze`` down (git worktree add /tmp/old REV gives the old tree).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

_RUN = r"""
import json, sys, time
import jieba, policytext
texts = json.loads(open(sys.argv[1], encoding="utf-8").read())
if hasattr(policytext, "Analyzer"):
    from policytext.analyzer import default_analyzer
    default_analyzer().load()
else:  # trees before the Analyzer
    from policytext.batch import load_resources
    load_resources()
for t in texts[:50]:
    policytext.analyze(t)
yard = jieba.Tokenizer(); yard.initialize(); yard.lcut(texts[0])
def best(fn):
    b = float("inf")
    for _ in range(3):
        t0 = time.perf_counter()
        for t in texts:
            fn(t)
        b = min(b, time.perf_counter() - t0)
    return b
a = best(policytext.analyze)
j = best(yard.lcut)
print(json.dumps({"analyze": a, "jieba": j, "file": policytext.__file__}))
"""


def load_texts(corpus: Path, mb: float) -> list[str]:
    texts: list[str] = []
    size = 0
    for f in sorted(corpus.glob("xwlb_*.jsonl")):
        for line in f.read_text(encoding="utf-8").splitlines():
            if size >= mb * 1024 * 1024:
                return texts
            if line.strip() and (t := json.loads(line).get("text") or "").strip():
                texts.append(t)
                size += len(t.encode("utf-8"))
    if not texts:
        raise SystemExit(f"{corpus}: no xwlb_*.jsonl (is ../shared beside the project?)")
    return texts


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("trees", nargs=2, type=Path)
    ap.add_argument("--mb", type=float, default=10.0)
    ap.add_argument("--rounds", type=int, default=4)
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpora" / "xwlb")
    ap.add_argument("--env", action="append", default=[], help="TREE_INDEX:NAME=VALUE, e.g. 0:POLICYTEXT_PURE=1")
    args = ap.parse_args()
    texts = load_texts(args.corpus, args.mb)
    chars = sum(map(len, texts))
    extra: dict[int, dict[str, str]] = {0: {}, 1: {}}
    for item in args.env:
        idx, _, kv = item.partition(":")
        name, _, value = kv.partition("=")
        extra[int(idx)][name] = value
    ratios: dict[int, list[float]] = {0: [], 1: []}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "texts.json"
        path.write_text(json.dumps(texts, ensure_ascii=False), encoding="utf-8")
        for r in range(args.rounds):
            for i, tree in enumerate(args.trees):
                env = {**os.environ, "PYTHONPATH": str(tree.resolve() / "src"), **extra[i]}
                out = subprocess.run([sys.executable, "-c", _RUN, str(path)], env=env, capture_output=True, text=True, check=True)
                res = json.loads(out.stdout.strip().splitlines()[-1])
                ratio = res["jieba"] / res["analyze"]
                ratios[i].append(ratio)
                print(f"round {r + 1} {tree}: analyze {chars / res['analyze']:,.0f} chars/s, "
                      f"jieba.lcut {chars / res['jieba']:,.0f} chars/s, {ratio:.2f}x jieba ({res['file']})")  # fmt: skip
    for i, tree in enumerate(args.trees):
        print(f"{tree}: median {statistics.median(ratios[i]):.2f}x jieba.lcut (range {min(ratios[i]):.2f}-{max(ratios[i]):.2f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
