"""Documents from files on disk: plain text, JSON Lines, CSV/TSV and Parquet, each document with
an id, where it came from, and metadata.  A file or record that cannot be read becomes an error
naming the file (and line), never a stop."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import InputError, PolicytextError
from .text.decode import DEFAULT_MAX_BYTES, decode_bytes, read_text

__all__ = ["InputDocument", "iter_inputs", "CorpusItem", "iter_corpus", "count_corpus"]


@dataclass
class InputDocument:
    """One document to analyze: its text, an id, where it came from, and metadata."""

    text: str
    id: str
    source: str
    meta: dict[str, Any] = field(default_factory=dict)


def iter_inputs(
    paths: list[str],
    *,
    text_field: str = "text",
    id_field: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    stdin: Any = None,
) -> Iterator[InputDocument]:
    """Documents from ``.txt`` files (one document each), ``.jsonl`` files (one per line, text
    in ``text_field``, other fields into ``meta``) and ``-`` (standard input, text)."""
    for path in paths:
        if path == "-":
            import sys

            stream = stdin if stdin is not None else sys.stdin.buffer
            data = stream.read()
            if isinstance(data, str):
                data = data.encode("utf-8")
            if not data.strip():
                raise InputError("<stdin>", "no input")
            text, _ = decode_bytes(data, "<stdin>")
            yield InputDocument(text=text, id="<stdin>", source="<stdin>")
        elif path.endswith((".jsonl", ".ndjson")):
            yield from _iter_jsonl(path, text_field=text_field, id_field=id_field, max_bytes=max_bytes)
        else:
            text = read_text(path, max_bytes=max_bytes)
            yield InputDocument(text=text, id=Path(path).name, source=path)


def _iter_jsonl(
    path: str, *, text_field: str, id_field: str | None, max_bytes: int
) -> Iterator[InputDocument]:
    """The strict reading of a JSON Lines file (``analyze``): the first bad line is an error."""
    for where, obj in _jsonl_rows(path):
        if isinstance(obj, str):
            raise InputError(where, obj)
        if text_field not in obj:
            raise InputError(where, f"no field {text_field!r} (choose it with --text-field)")
        text = obj.pop(text_field)
        if not isinstance(text, str):
            raise InputError(where, f"field {text_field!r} is {type(text).__name__}, not a string")
        lineno = where.rsplit(":", 1)[1]
        doc_id = str(obj[id_field]) if id_field and id_field in obj else f"{Path(path).name}:{lineno}"
        yield InputDocument(text=text, id=doc_id, source=where, meta=obj)


# -- corpora: many documents, where a bad one is recorded, never fatal ---------------------------


@dataclass
class CorpusItem:
    """One document of a corpus, or the reason it could not be read (``error``), in a fixed
    order: the same inputs always give the same items with the same ``index``."""

    index: int
    id: str
    source: str
    text: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    error: str | None = None


_TABLE_SUFFIXES = (".csv", ".tsv", ".parquet")


def _expand(paths: list[str]) -> Iterator[tuple[str, str]]:
    """(path, id prefix) for every file: a directory gives its ``.txt`` files, recursively, sorted."""
    for path in paths:
        p = Path(path)
        if p.is_dir():
            for f in sorted(q for q in p.rglob("*") if q.is_file() and q.suffix.lower() == ".txt"):
                yield str(f), f.relative_to(p).as_posix()
        else:
            yield path, p.name


def iter_corpus(
    paths: list[str],
    *,
    text_field: str = "text",
    id_field: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[CorpusItem]:
    """Every document of ``paths`` — folders (``.txt`` files, recursively), ``.txt`` files,
    JSON Lines, CSV/TSV and Parquet (text in ``text_field``; other columns go to ``meta``) — in a
    fixed order.  A file or line that cannot be read becomes an item with ``error`` set."""
    index = 0
    for path, name in _expand(paths):
        try:
            if path.endswith((".jsonl", ".ndjson")):
                rows: Iterator[tuple[str, dict[str, Any] | str]] = _jsonl_rows(path)
            elif path.lower().endswith(_TABLE_SUFFIXES):
                rows = _table_rows(path)
            else:
                text = read_text(path, max_bytes=max_bytes)
                yield CorpusItem(index, name, path, text, {})
                index += 1
                continue
            for where, row in rows:
                yield _row_item(index, path, where, row, text_field, id_field)
                index += 1
        except PolicytextError as exc:
            yield CorpusItem(index, name, path, error=_reason(exc, path))
            index += 1


def _reason(exc: PolicytextError, source: str) -> str:
    msg = str(exc)
    prefix = f"{source}: "
    return msg[len(prefix) :] if msg.startswith(prefix) else msg


def _row_item(
    index: int, path: str, where: str, row: dict[str, Any] | str, text_field: str, id_field: str | None
) -> CorpusItem:
    default_id = f"{Path(path).name}:{where.rsplit(':', 1)[1]}"
    if isinstance(row, str):
        return CorpusItem(index, default_id, where, error=row)
    text = row.pop(text_field, None)
    doc_id = str(row[id_field]) if id_field and row.get(id_field) is not None else default_id
    if text is None:
        return CorpusItem(index, doc_id, where, meta=row, error=f"no field {text_field!r} (choose it with --text-field)")
    if not isinstance(text, str):
        return CorpusItem(index, doc_id, where, meta=row, error=f"field {text_field!r} is {type(text).__name__}, not text")
    if not text.strip():
        return CorpusItem(index, doc_id, where, meta=row, error="empty text")
    return CorpusItem(index, doc_id, where, text, row)


def _jsonl_rows(path: str) -> Iterator[tuple[str, dict[str, Any] | str]]:
    """(``path:line``, object or the reason the line is unusable) for each non-blank line."""
    p = Path(path)
    if not p.is_file():
        raise InputError(path, "no such file")
    content = read_text(path, max_bytes=max(p.stat().st_size, 1))
    for lineno, line in enumerate(content.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{path}:{lineno}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield where, f"not valid JSON ({exc.msg} at column {exc.colno})"
            continue
        yield where, obj if isinstance(obj, dict) else "a JSON line must be an object"


def _table_rows(path: str) -> Iterator[tuple[str, dict[str, Any] | str]]:
    """Rows of a CSV/TSV or Parquet file, read with pandas."""
    if not Path(path).is_file():
        raise InputError(path, "no such file")
    import pandas as pd

    try:
        if path.lower().endswith(".parquet"):
            frame = pd.read_parquet(path)
        else:
            sep = "\t" if path.lower().endswith(".tsv") else ","
            frame = pd.read_csv(path, sep=sep, dtype=str, keep_default_na=False, encoding_errors="strict")
    except (ValueError, OSError, UnicodeDecodeError) as exc:
        raise InputError(path, f"cannot be read as a table ({type(exc).__name__}: {exc})") from None
    header_lines = 1 if not path.lower().endswith(".parquet") else 0
    for i, row in enumerate(frame.to_dict(orient="records")):
        clean = {str(k): (None if _is_missing(v) else _plain_cell(v)) for k, v in row.items()}
        yield f"{path}:{i + 1 + header_lines}", clean


def _is_missing(value: Any) -> bool:
    try:
        return bool(value != value)  # NaN
    except (TypeError, ValueError):
        return False


def _plain_cell(value: Any) -> Any:
    """numpy scalars to Python ones, so rows serialize as JSON."""
    item = getattr(value, "item", None)
    return item() if callable(item) and not isinstance(value, (str, bytes)) else value


def count_corpus(paths: list[str]) -> int | None:
    """How many documents :func:`iter_corpus` will give, cheaply (for a progress estimate):
    files are counted, JSON Lines by their lines, Parquet from its metadata, CSV by its lines."""
    total = 0
    for path, _ in _expand(paths):
        p = Path(path)
        try:
            if path.endswith((".jsonl", ".ndjson")):
                with p.open("rb") as fh:
                    total += sum(1 for line in fh if line.strip())
            elif path.lower().endswith(".parquet"):
                import pyarrow.parquet as pq

                total += pq.ParquetFile(path).metadata.num_rows
            elif path.lower().endswith((".csv", ".tsv")):
                with p.open("rb") as fh:
                    total += max(0, sum(1 for line in fh if line.strip()) - 1)
            else:
                total += 1
        except (OSError, ImportError, ValueError):
            total += 1
    return total
