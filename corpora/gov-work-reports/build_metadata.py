"""Rebuild metadata.tsv from texts/ (run from the project root: python corpora/gov-work-reports/build_metadata.py).

Each text's first line is its title and the second its Wikisource address; years come from the
file name (government work reports), from the congress number (CPC congress reports) or from the
NPC term and session (NPC resolutions on the report); ``script`` is policytext's detect_script.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

from policytext.script import detect_script

ROOT = Path(__file__).resolve().parent
# years of the CPC national congresses (public record)
CONGRESS_YEAR = {1: 1921, 3: 1923, 7: 1945, 9: 1969, 10: 1973, 11: 1977, 12: 1982, 13: 1987, 14: 1992,
                 15: 1997, 16: 2002, 17: 2007, 18: 2012, 19: 2017, 20: 2022}  # fmt: skip
# years of the NPC sessions by term (the 2nd NPC held no session in 1961)
NPC_SESSION_YEARS = {2: [1959, 1960, 1962, 1963], 10: [2003, 2004, 2005, 2006, 2007]} | {
    term: [start + k for k in range(5)] for term, start in {11: 2008, 12: 2013, 13: 2018, 14: 2023}.items()
}


def main() -> None:
    rows = []
    for f in sorted((ROOT / "texts").glob("*.txt")):
        lines = f.read_text(encoding="utf-8").split("\n")
        title, url, body = lines[0].strip(), lines[1].strip(), "\n".join(lines[2:]).strip("\n")
        name = f.stem
        if name.startswith("gwr_"):
            kind, year = "government_work_report", int(name[4:8])
        elif name.startswith("cpc_congress_"):
            kind, year = "congress_report", CONGRESS_YEAR[int(name.split("_")[2])]
        else:
            m = re.fullmatch(r"npc_resolution_npc(\d+)_session(\d+)", name)
            assert m, name
            kind, year = "npc_resolution", NPC_SESSION_YEARS[int(m.group(1))][int(m.group(2)) - 1]
        rows.append({"id": name, "file": f"texts/{f.name}", "type": kind, "year": year, "title": title,
                     "source_url": url, "script": detect_script(body).script, "chars": len(body)})  # fmt: skip
    with (ROOT / "metadata.tsv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]), delimiter="\t", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


if __name__ == "__main__":
    main()
