"""Throughput of each stage against ``jieba.lcut`` alone, on the same text in the same run.

    python benchmarks/throughput.py [--mb 10] [--corpus ../shared/corpora/xwlb]

Reads at least ``--mb`` megabytes of 新闻联播 items (JSON Lines, field ``text``) from the
corpus folder beside the project, then times, on exactly that text:

* reading + decoding the files,
* script conversion (to_simplified, with its offset map),
* normalization,
* segmentation with policytext's segmenter (jieba taught the policy lexicon),
* ``analyze`` without tokens, and with tokens,
* ``jieba.lcut`` on its own (a fresh ``jieba.Tokenizer``), the yardstick.

It prints characters per second and the ratio to jieba for each.  Figures are for this
machine and this run only; compare ratios, not absolute speeds.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def load_items(corpus: Path, mb: float) -> tuple[list[str], float]:
    files = sorted(corpus.glob("xwlb_*.jsonl")) or sorted(corpus.glob("*.jsonl"))
    if not files:
        raise SystemExit(f"{corpus}: no .jsonl files (is ../shared beside the project?)")
    from policytext.io import decode_bytes

    target = mb * 1024 * 1024
    texts: list[str] = []
    size = 0
    t0 = time.perf_counter()
    for f in files:
        text, _ = decode_bytes(f.read_bytes(), str(f))
        for line in text.splitlines():
            if not line.strip():
                continue
            item = json.loads(line)["text"]
            if not item:
                continue
            texts.append(item)
            size += len(item.encode("utf-8"))
            if size >= target:
                return texts, time.perf_counter() - t0
    return texts, time.perf_counter() - t0


def timed(label: str, fn, texts: list[str]) -> float:
    t0 = time.perf_counter()
    for t in texts:
        fn(t)
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mb", type=float, default=10.0, help="megabytes of text (UTF-8) to run on")
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpora" / "xwlb")
    args = ap.parse_args()

    import jieba

    import policytext
    from policytext.normalize import normalize
    from policytext.segment import get_segmenter

    texts, read_s = load_items(args.corpus, args.mb)
    chars = sum(len(t) for t in texts)
    print(f"{len(texts)} items, {chars:,} characters ({args.mb:g} MB of UTF-8) from {args.corpus}")

    # warm up: dictionaries and converters load once per process, outside the timings
    t0 = time.perf_counter()
    policytext.analyze(texts[0], tokens=True)
    print(f"first document (loads OpenCC, jieba and the lexicon): {time.perf_counter() - t0:.2f} s")
    yard = jieba.Tokenizer()
    yard.initialize()
    yard.lcut(texts[0])

    seg = get_segmenter()
    simplified = [policytext.to_simplified(t) for t in texts]
    working = [normalize(s).text for s in simplified]

    rows = [
        ("read + decode", read_s),
        ("to_simplified (+ offset map)", timed("conv", lambda t: policytext.to_simplified(t, with_map=True), texts)),
        ("normalize", timed("norm", normalize, simplified)),
        ("segment (policy lexicon)", timed("seg", lambda t: list(seg.cut(t)), working)),
        ("analyze, no tokens", timed("an", policytext.analyze, texts)),
        ("analyze, with tokens", timed("ant", lambda t: policytext.analyze(t, tokens=True), texts)),
    ]
    jieba_s = timed("jieba", yard.lcut, texts)
    rows.append(("jieba.lcut alone (yardstick)", jieba_s))
    jieba_rate = chars / jieba_s
    print(f"\n{'stage':<32}{'chars/s':>14}{'x jieba.lcut':>14}")
    for label, seconds in rows:
        rate = chars / seconds
        print(f"{label:<32}{rate:>14,.0f}{rate / jieba_rate:>14.2f}")


if __name__ == "__main__":
    main()
