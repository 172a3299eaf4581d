"""Flat tables of records: one row per document, slogan, quantity, date and finding, joined by
``doc_id`` and carrying the document's metadata as ``meta_*`` columns.

>>> import policytext
>>> frames = policytext.to_frames([policytext.analyze("整改率98.3%", id="a", meta={"year": 2018})])
>>> frames["quantities"][["doc_id", "text", "value", "unit", "kind", "meta_year"]].to_dict("records")
[{'doc_id': 'a', 'text': '98.3%', 'value': 98.3, 'unit': '%', 'kind': 'percent', 'meta_year': 2018}]
"""

from __future__ import annotations

import json
import numbers
import os
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from ..errors import OptionError
from ..records import Document

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["TABLES", "COLUMNS", "document_rows", "frames_from_rows", "to_frames", "write_frames", "TableFormat"]

TableFormat = Literal["parquet", "csv"]

#: the columns of each table before the ``meta_*`` columns
COLUMNS: dict[str, tuple[str, ...]] = {
    "documents": ("doc_id", "script", "chars", "slogans", "quantities", "dates", "findings", "mismatches"),
    "slogans": ("doc_id", "text", "start", "end", "normalized", "number", "parts", "kind", "items",
                "items_source", "lexicon_id", "matched_by"),
    "quantities": ("doc_id", "text", "start", "end", "value", "unit", "kind", "qualifier", "counted",
                   "low", "high", "si_value", "si_unit"),
    "dates": ("doc_id", "text", "start", "end", "year", "month", "day", "part", "relative", "qualifier",
              "to_year", "to_month", "to_day"),
    "findings": ("doc_id", "check", "status", "message", "stated", "computed", "spans"),
}  # fmt: skip
TABLES = tuple(COLUMNS)
_JOIN = "；"  # joins list cells (items, parts) so that CSV and Parquet hold the same thing


def _meta_columns(doc: Mapping[str, Any]) -> dict[str, Any]:
    out = {}
    for key, value in (doc.get("meta") or {}).items():
        if type(value).__module__ == "numpy" and hasattr(value, "item"):  # a numpy scalar: its Python value
            value = value.item()
        if value is not None and not isinstance(value, (str, numbers.Number)):
            value = json.dumps(value, ensure_ascii=False, default=str)
        out[f"meta_{key}"] = value
    return out


def document_rows(doc: Document | Mapping[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """The rows one document contributes to each table (from a Document or its ``to_dict()``)."""
    d = doc.to_dict(tokens=False) if isinstance(doc, Document) else doc
    meta = _meta_columns(d)
    doc_id = d.get("id")
    findings = d.get("findings", [])
    out: dict[str, list[dict[str, Any]]] = {
        "documents": [{
            "doc_id": doc_id, "script": d.get("script"), "chars": len(d.get("text", "")),
            "slogans": len(d.get("slogans", [])), "quantities": len(d.get("quantities", [])),
            "dates": len(d.get("dates", [])), "findings": len(findings),
            "mismatches": sum(1 for f in findings if f["status"] == "mismatch"), **meta,
        }],
        "slogans": [], "quantities": [], "dates": [], "findings": [],
    }  # fmt: skip
    for s in d.get("slogans", []):
        row = {c: s.get(c) for c in COLUMNS["slogans"][1:]}
        row["parts"] = ",".join(map(str, s.get("parts", ())))
        row["items"] = _JOIN.join(i["text"] for i in s.get("items", ()))
        out["slogans"].append({"doc_id": doc_id, **row, **meta})
    for q in d.get("quantities", []):
        out["quantities"].append({"doc_id": doc_id, **{c: q.get(c) for c in COLUMNS["quantities"][1:]}, **meta})
    for x in d.get("dates", []):
        out["dates"].append({"doc_id": doc_id, **{c: x.get(c) for c in COLUMNS["dates"][1:]}, **meta})
    for f in findings:
        row = {c: f.get(c) for c in COLUMNS["findings"][1:]}
        row["spans"] = _JOIN.join(f"{sp['text']}@{sp['start']}-{sp['end']}" for sp in f.get("spans", ()))
        out["findings"].append({"doc_id": doc_id, **row, **meta})
    return out


def to_frames(docs: Iterable[Document | Mapping[str, Any]]) -> dict[str, pd.DataFrame]:
    """pandas DataFrames, one per table (``documents``, ``slogans``, ``quantities``, ``dates``,
    ``findings``).  Numbers are floats (``value`` and friends), counts and offsets integers.

    Every table has a ``meta_*`` column for each metadata key of any document, typed by the
    values the documents give it, so that a key some documents lack does not change its type:
    integers are ``Int64`` (a missing one is ``<NA>``, not a float NaN that turns 2018 into
    2018.0), numbers with a fraction ``float64``, true/false ``boolean``, anything else
    ``string``."""
    if isinstance(docs, (str, Document)) or isinstance(docs, Mapping):
        raise TypeError("to_frames() takes an iterable of documents, not a single one: wrap it in a list")
    rows: dict[str, list[dict[str, Any]]] = {t: [] for t in TABLES}
    for doc in docs:
        for table, r in document_rows(doc).items():
            rows[table].extend(r)
    return frames_from_rows(rows)


def frames_from_rows(rows: Mapping[str, list[dict[str, Any]]]) -> dict[str, pd.DataFrame]:
    """The tables of :func:`to_frames` from the rows :func:`document_rows` gives, each table's
    rows concatenated in document order (what ``policytext batch`` merges from its chunks)."""
    import pandas as pd

    meta_types = {col: _meta_dtype(values) for col, values in _meta_values(rows["documents"]).items()}
    frames = {}
    for table, r in rows.items():
        frame = pd.DataFrame.from_records(r)
        columns = list(COLUMNS[table]) + sorted(meta_types)
        frame = frame.reindex(columns=columns)
        frames[table] = _typed(frame, table).astype(meta_types)
    return frames


def _meta_values(documents: list[dict[str, Any]]) -> dict[str, list[Any]]:
    """Each ``meta_*`` column's values over the documents table (one row a document)."""
    values: dict[str, list[Any]] = {}
    for row in documents:
        for col, value in row.items():
            if col.startswith("meta_"):
                values.setdefault(col, []).append(value)
    return values


def _meta_dtype(values: Iterable[Any]) -> str:
    """The column type of a metadata key's values, missing ones left out."""
    kinds = {_kind(v) for v in values if v is not None and v == v}  # v != v: NaN, as pandas reads it
    if not kinds or "other" in kinds:
        return "string"
    if kinds == {"bool"}:
        return "boolean"
    if kinds == {"int"}:
        return "Int64"
    return "float64" if "bool" not in kinds else "string"


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, numbers.Integral):
        return "int"
    if isinstance(value, numbers.Real):
        return "float"
    return "other"


_INTEGER = {"start", "end", "number", "year", "month", "day", "to_year", "to_month", "to_day", "chars",
            "slogans", "quantities", "dates", "findings", "mismatches"}  # fmt: skip
_FLOAT = {"value", "low", "high", "si_value", "stated", "computed"}


def _typed(frame: pd.DataFrame, table: str) -> pd.DataFrame:
    for col in frame.columns:
        if col in _INTEGER:
            frame[col] = frame[col].astype("Int64")
        elif col in _FLOAT:
            frame[col] = frame[col].astype("float64")
        elif frame[col].dtype == object and not col.startswith("meta_"):
            frame[col] = frame[col].astype("string")
    return frame


def write_frames(frames: Mapping[str, pd.DataFrame], outdir: str | os.PathLike[str], fmt: TableFormat) -> list[Path]:
    """Write each table as ``<table>.parquet`` or ``<table>.csv`` in ``outdir``, each through a
    temporary file renamed into place."""
    if fmt not in ("parquet", "csv"):
        raise OptionError("format", fmt, ["parquet", "csv"])
    written = []
    for table, frame in frames.items():
        target = Path(outdir) / f"{table}.{fmt}"
        with atomic_path(target) as tmp:
            if fmt == "parquet":
                frame.to_parquet(tmp, index=False)
            else:
                frame.to_csv(tmp, index=False, encoding="utf-8")
        written.append(target)
    return written


class atomic_path:  # noqa: N801 - used as a context manager, like open()
    """A temporary path beside ``target`` that is renamed onto it when the block succeeds."""

    def __init__(self, target: str | os.PathLike[str]) -> None:
        self.target = Path(target)

    def __enter__(self) -> str:
        fd, self.tmp = tempfile.mkstemp(prefix=f".{self.target.name}.", suffix=".tmp", dir=self.target.parent)
        os.close(fd)
        return self.tmp

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        if exc_type is not None:
            Path(self.tmp).unlink(missing_ok=True)
            return
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(self.tmp, 0o666 & ~umask)
        os.replace(self.tmp, self.target)
