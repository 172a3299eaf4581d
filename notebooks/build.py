"""Write and execute the notebooks (their outputs are committed so they read on GitHub).

    python notebooks/build.py            # from the project root, with policytext[notebooks]

Each notebook is defined here as a list of cells; nbclient runs it from a clean kernel in this
folder.  tests/test_notebooks.py re-executes the committed notebooks the same way.
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

HERE = Path(__file__).resolve().parent

SETUP = """\
import pandas as pd
import matplotlib.pyplot as plt

import policytext
from policytext import corpora
from policytext.output.plotting import use_cjk_font

use_cjk_font()          # Chinese labels in figures
pd.set_option("display.max_colwidth", 80)
pd.set_option("display.width", 160)
pd.set_option("display.float_format", "{:,.10g}".format)"""

WALKTHROUGH = [
    ("md", """\
# The seed article, stage by stage

《牢记领袖嘱托 决战深度贫困》(下), a 2018 review of poverty-alleviation work in Xinzhou (忻州), is the
article policytext started from: Traditional script with its Simplified title repeated, spaces
inside numbers, a typo (`1439痤`), and errors left by an earlier conversion (`好乾部`, `對錶對標`).
This notebook follows it through every stage: script detection, conversion, segmentation,
slogans, quantities, dates and the consistency checks."""),
    ("code", SETUP),
    ("code", """\
(seed,) = corpora.load("xinzhou-2018")
text = seed.text
doc = policytext.analyze(text, tokens=True)
print(f"{len(text)} characters; script: {doc.script}; {len(doc.slogans)} slogans, "
      f"{len(doc.quantities)} quantities, {len(doc.dates)} dates, {len(doc.findings)} findings")"""),
    ("md", "## 1. Script, paragraph by paragraph\n\nA paragraph is *traditional* or *simplified* by the characters only one script has; the title lines in Simplified make the article *mixed*."),
    ("code", """\
report = policytext.detect_script(text)
pd.DataFrame([{"start": p.start, "script": p.script, "traditional chars": p.traditional_chars,
               "simplified chars": p.simplified_chars, "text": text[p.start:p.end][:30]}
              for p in report.paragraphs]).head(12)"""),
    ("md", """\
## 2. Conversion: what OpenCC alone gets wrong

OpenCC's plain `t2s` leaves the 著 of 隨著/著重 (which should become 着); policytext uses `tw2s`
and a small table of domain fixes. In the other direction, `s2tw` turns 好干部 into 好乾部."""),
    ("code", """\
import opencc

plain = opencc.OpenCC("t2s").convert(text)
ours = policytext.to_simplified(text)
diffs = [(i, text[i], plain[i], ours[i], ours[max(0, i - 6): i + 6])
         for i in range(len(text)) if plain[i] != ours[i]]
pd.DataFrame(diffs, columns=["offset", "original", "OpenCC t2s", "policytext", "context (policytext)"])"""),
    ("code", """\
for simplified in ["好干部到脱贫一线去", "对表对标"]:
    print(simplified, "| OpenCC s2tw:", opencc.OpenCC("s2tw").convert(simplified),
          "| policytext:", policytext.to_traditional(simplified))"""),
    ("md", "## 3. Segmentation with and without the policy lexicon\n\njieba on its own splits slogans; taught the lexicon (and run on the Simplified text) it keeps them whole."),
    ("code", """\
import jieba
from policytext.text.segment import get_segmenter

seg = get_segmenter()
for sentence in ["踐行“四個意識”", "圍繞“兩不愁三保障”目標", "繼續實施9+9產業扶貧工程", "市、縣、鄉、村四級書記齊上陣"]:
    working = policytext.to_simplified(sentence)
    print("jieba alone:    ", " / ".join(jieba.lcut(sentence)))
    print("policytext:     ", " / ".join(seg.lcut(working)))
    print()"""),
    ("md", "## 4. Numbered slogans\n\nEach with its number (or parts), how it was found, and its member items where the text states them."),
    ("code", """\
frames = policytext.to_frames([doc])
frames["slogans"][["text", "normalized", "number", "parts", "kind", "matched_by", "items", "items_source"]]"""),
    ("md", "## 5. Quantities and dates\n\nValues are exact decimals with 万/亿 multiplied out; `counted` is the noun after a measure word."),
    ("code", """\
frames["quantities"][["text", "value", "unit", "kind", "qualifier", "counted", "si_value", "si_unit"]]"""),
    ("code", """\
frames["dates"][["text", "year", "month", "part", "relative", "qualifier"]]"""),
    ("md", "## 6. Consistency checks\n\nThe article states three ratios; recomputed from its own figures, all hold. Slogans that list their members are checked against their number."),
    ("code", """\
frames["findings"][["check", "status", "message"]]"""),
    ("md", "## 7. Where the records sit in the article"),
    ("code", """\
fig, ax = plt.subplots(figsize=(11, 3.2))
rows = {"slogans": 2, "quantities": 1, "dates": 0}
for name, y in rows.items():
    table = frames[name]
    ax.scatter(table["start"], [y] * len(table), s=30, alpha=0.7, label=name)
for i, (_, s) in enumerate(frames["slogans"].iterrows()):
    ax.annotate(s["normalized"], (s["start"], 2), xytext=(0, 8 + 10 * (i % 3)), textcoords="offset points",
                rotation=35, fontsize=8, ha="left")
ax.set_yticks([2, 1, 0], ["口号 slogans", "数量 quantities", "日期 dates"])
ax.set_ylim(-0.6, 3.6)
ax.set_xlabel("字符位置 character offset in the article")
ax.set_title("《牢记领袖嘱托 决战深度贫困》: records along the article")
plt.tight_layout()
plt.show()"""),
]

OVER_TIME = [
    ("md", """\
# Slogans over time in the government work reports, 1954–2025

The 52 government work reports shipped in `corpora/gov-work-reports/` (official documents, public
domain), batch-processed; slogan frequency per 10,000 characters by year, first appearances, and
the member lists the reports themselves state next to the lexicon's."""),
    ("code", SETUP),
    ("code", """\
from dataclasses import replace

reports = [r for r in corpora.load("gov-work-reports") if r.type == "government_work_report"]
docs = [replace(d, id=r.id, meta={"year": r.year})
        for d, r in zip(policytext.pipe([r.text for r in reports], n_process=2), reports)]
frames = policytext.to_frames(docs)
chars = frames["documents"].set_index("meta_year")["chars"].astype(float)
print(len(docs), "reports,", int(chars.sum()), "characters,", len(frames["slogans"]), "slogan mentions")"""),
    ("code", """\
counts = frames["slogans"].groupby(["meta_year", "normalized"]).size().unstack(fill_value=0)
per_10k = (counts.div(chars, axis=0) * 10_000).astype(float)
top = per_10k.sum().sort_values(ascending=False).head(30).index
top_by_first = sorted(top, key=lambda s: per_10k.index[per_10k[s] > 0].min())

fig, ax = plt.subplots(figsize=(12, 8))
image = ax.imshow(per_10k[top_by_first].T, aspect="auto", cmap="YlOrRd")
ax.set_yticks(range(len(top_by_first)), top_by_first, fontsize=9)
ax.set_xticks(range(len(per_10k.index)), per_10k.index, rotation=90, fontsize=8)
ax.set_title("30 most frequent numbered slogans, per 10,000 characters of each report")
fig.colorbar(image, ax=ax, shrink=0.6, label="mentions per 10,000 characters")
plt.tight_layout()
plt.show()"""),
    ("code", """\
chosen = ["两个一百年", "四个全面", "三大攻坚战", "两不愁三保障", "四个现代化", "一带一路"]
fig, ax = plt.subplots(figsize=(11, 4))
for s in chosen:
    if s in per_10k:
        ax.plot(per_10k.index, per_10k[s], marker="o", markersize=3, label=s)
ax.set_xlabel("year")
ax.set_ylabel("per 10,000 characters")
ax.legend(ncol=3)
ax.set_title("Selected slogans in the government work reports")
plt.tight_layout()
plt.show()"""),
    ("md", "## First appearance of each slogan in the reports"),
    ("code", """\
first = (frames["slogans"].groupby("normalized")["meta_year"].agg(["min", "max", "count"])
         .rename(columns={"min": "first", "max": "last", "count": "mentions"})
         .sort_values(["first", "mentions"], ascending=[True, False]))
first[first["mentions"] >= 3]"""),
    ("md", "## Member lists: as the reports state them, and as the lexicon has them"),
    ("code", """\
from policytext.resources import shipped_slogans

lexicon = {}
for entry in shipped_slogans():
    lexicon.setdefault(entry.slogan, entry.items)
stated = frames["slogans"][frames["slogans"]["items_source"] == "inline"]
rows = []
for _, s in stated.iterrows():
    known = lexicon.get(s["normalized"])
    rows.append({"year": s["meta_year"], "slogan": s["normalized"], "stated": s["items"],
                 "lexicon": "；".join(known) if known else None})
pd.DataFrame(rows)"""),
]

FACT_CHECK = [
    ("md", """\
# Fact-checking the numbers: every consistency finding

policytext recomputes what an article states about its own numbers: a share (X 占 Y 的 Z%, or
发现 A 个，整改 B 个，整改率 Z%), a change in percentage points, shares that should add up to 100%,
and a slogan's number against the items it lists. This notebook runs the checks on the shipped
corpora — the seed article and the official reports — and, when `../shared/corpora/xwlb/` is beside
the project, on a year of 新闻联播 (CCTV) items, which are not shipped (their text belongs to CCTV)."""),
    ("code", SETUP),
    ("code", """\
import json
from dataclasses import replace
from pathlib import Path

texts, ids, sources = [], [], []
for r in corpora.load("xinzhou-2018") + corpora.load("gov-work-reports"):
    texts.append(r.text); ids.append(r.id); sources.append("seed" if r.type == "news" else r.type)
xwlb = Path("../../shared/corpora/xwlb/xwlb_2019.jsonl")
if xwlb.exists():
    for n, line in enumerate(xwlb.read_text(encoding="utf-8").splitlines()):
        item = json.loads(line)
        if item["text"].strip():
            texts.append(item["text"]); ids.append(f"xwlb-2019-{n}"); sources.append("新闻联播 2019")
print("新闻联播 items read from ../shared:", xwlb.exists())
docs = [replace(d, id=i, meta={"source": s})
        for d, i, s in zip(policytext.pipe(texts, n_process=2, batch_size=64), ids, sources)]
frames = policytext.to_frames(docs)
findings = frames["findings"]
print(len(docs), "documents,", len(findings), "findings")"""),
    ("code", """\
findings.groupby(["meta_source", "check", "status"]).size().unstack(fill_value=0)"""),
    ("md", "## The checks that hold"),
    ("code", """\
numeric = findings[findings["check"] != "slogan_item_count"]
shipped = numeric["meta_source"] != "新闻联播 2019"
numeric[(numeric["status"] == "ok") & shipped][["doc_id", "check", "message"]].head(15)"""),
    ("md", "## Mismatches, for a reader to inspect\n\nEach row quotes the figures involved; a mismatch is a lead, not a verdict (a share may be of a different whole, a rate may round differently)."),
    ("code", """\
by_id = {d.id: d for d in docs}

def context(doc_id, spans, width=30):
    d = by_id[doc_id]
    if d.meta["source"] == "新闻联播 2019":
        return "(CCTV text, not reproduced here)"  # read from ../shared, not ours to redistribute
    first = int(spans.split("；")[0].rsplit("@", 1)[1].split("-")[0])
    return d.text[max(0, first - width): first + 2 * width].replace("\\n", " ")

mismatches = findings[findings["status"] == "mismatch"].copy()
mismatches["context"] = [context(i, s) for i, s in zip(mismatches["doc_id"], mismatches["spans"])]
mismatches[["meta_source", "doc_id", "check", "message", "context"]]"""),
    ("code", """\
ratios = numeric.dropna(subset=["stated", "computed"])
fig, ax = plt.subplots(figsize=(8, 3.5))
ax.hist(ratios["computed"] - ratios["stated"], bins=40, color="tab:blue")
ax.set_xlabel("computed − stated (percent or percentage points)")
ax.set_ylabel("findings")
ax.set_title("比例核对 How far recomputed figures lie from the stated ones")
plt.tight_layout()
plt.show()"""),
]

NOTEBOOKS = {
    "01-seed-walkthrough.ipynb": WALKTHROUGH,
    "02-slogans-over-time.ipynb": OVER_TIME,
    "03-fact-check.ipynb": FACT_CHECK,
}


def make(cells: list[tuple[str, str]]) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [nbformat.v4.new_markdown_cell(src) if kind == "md" else nbformat.v4.new_code_cell(src)
                for kind, src in cells]
    return nb


def main(names: list[str]) -> None:
    for name, cells in NOTEBOOKS.items():
        if names and name not in names:
            continue
        nb = make(cells)
        NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(HERE)}}).execute()
        nbformat.write(nb, HERE / name)
        print("wrote", name)


if __name__ == "__main__":
    main(sys.argv[1:])
