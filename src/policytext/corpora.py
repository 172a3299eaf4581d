"""The corpora that ship with the project (in its ``corpora/`` folder, not in the wheel).

    >>> from policytext import corpora
    >>> corpora.available()
    ('gov-work-reports', 'xinzhou-2018')
    >>> reports = corpora.load("gov-work-reports")
    >>> r = next(r for r in reports if r.id == "gwr_2019")
    >>> (r.year, r.type, r.title, r.text[:5])
    (2019, 'government_work_report', '2019年中华人民共和国国务院政府工作报告', '各位代表：')

The folder is found next to the source tree (a clone of the project), or where the environment
variable ``POLICYTEXT_CORPORA`` points; ``load(name, root=...)`` names it directly.
"""

from __future__ import annotations

import csv
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import InputError, OptionError

__all__ = ["CorpusDocument", "available", "load", "corpora_root"]

_NAMES = ("gov-work-reports", "xinzhou-2018")


@dataclass(frozen=True, slots=True)
class CorpusDocument:
    """One document of a shipped corpus: its text (without the title and source lines) and
    its metadata."""

    id: str
    text: str
    year: int | None
    type: str
    title: str
    source_url: str | None
    meta: dict[str, Any] = field(default_factory=dict)


def available() -> tuple[str, ...]:
    return _NAMES


def corpora_root(root: str | os.PathLike[str] | None = None) -> Path:
    """The ``corpora/`` folder: ``root`` when given (and only it), else ``$POLICYTEXT_CORPORA``,
    else the one in the project's source tree."""
    if root is not None:
        candidates = [Path(root)]
    else:
        candidates = [Path(os.environ["POLICYTEXT_CORPORA"])] if os.environ.get("POLICYTEXT_CORPORA") else []
        candidates.append(Path(__file__).resolve().parents[2] / "corpora")
    for c in candidates:
        if (c / "gov-work-reports" / "metadata.tsv").is_file():
            return c
    raise InputError(
        str(candidates[0]),
        "no policytext corpora folder here; the corpora ship with the project's source "
        "(git clone), or set POLICYTEXT_CORPORA to its corpora/ folder",
    )


def load(name: str, *, root: str | os.PathLike[str] | None = None) -> list[CorpusDocument]:
    """Every document of corpus ``name``, in the order of its metadata table."""
    if name not in _NAMES:
        raise OptionError("corpus", name, list(_NAMES))
    base = corpora_root(root) / name
    if name == "xinzhou-2018":
        path = base / "000_469cae3db60a0aaf.txt"
        return [CorpusDocument("xinzhou-2018", path.read_text(encoding="utf-8"), 2018, "news",
                               "牢记领袖嘱托 决战深度贫困(下)", None)]  # fmt: skip
    out = []
    with (base / "metadata.tsv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            lines = (base / row["file"]).read_text(encoding="utf-8").split("\n")
            text = "\n".join(lines[2:]).strip("\n")  # line 1 is the title, line 2 the address
            meta = {"script": row["script"], "chars": int(row["chars"]), "file": row["file"]}
            out.append(CorpusDocument(row["id"], text, int(row["year"]), row["type"], row["title"],
                                      row["source_url"] or None, meta))  # fmt: skip
    return out
