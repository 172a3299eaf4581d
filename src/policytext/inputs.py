"""Documents from files on disk: plain text, JSON Lines, CSV/TSV and Parquet, each document with
an id, where it came from, and metadata.  A file or record that cannot be read becomes an error
naming the file (and line), never a stop.

What odd input gives:

- Extensions are read without regard to case (``X.JSONL``, ``t.CSV``).
- JSON Lines are split on ``\\n`` alone: U+2028, U+2029 and U+0085 are characters JSON allows
  inside a string, not line ends.
- A CSV/TSV record is numbered by the physical line where it starts (a quoted field may span
  lines); a record with more fields than the header is an error naming ``file:line``.
- Lone surrogates (a JSON ``"\\ud800"`` escape without its pair) in any field — the text, the id,
  a metadata value or key — are replaced by U+FFFD, one character for one so that offsets hold,
  and ``meta["policytext_replaced"]`` says how many were.  A file name that is not UTF-8 is read
  by its real name and shown (ids, sources, errors) with U+FFFD for the bytes that are not.
- policytext sets ``meta["source"]`` (where the document came from) and
  ``meta["policytext_replaced"]``; an input field of the same name is kept, renamed
  ``input_source`` (``input_input_source`` if that is taken too, and so on).
- A folder with no ``.txt`` file in it is an error item, not silence.
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import InputError, PolicytextError
from .text.decode import DEFAULT_MAX_BYTES, REPLACED_KEY, decode_bytes, read_text, replace_surrogates

__all__ = ["InputDocument", "iter_inputs", "CorpusItem", "iter_corpus", "count_corpus", "RESERVED_META", "shown_path", "expand_paths"]

#: the ``meta`` keys policytext sets itself; an input field of one of these names is renamed
#: ``input_<name>`` so that neither is lost
RESERVED_META = ("source", REPLACED_KEY)

_JSONL_SUFFIXES = (".jsonl", ".ndjson")
_TABLE_SUFFIXES = (".csv", ".tsv", ".parquet")
_MISSING = object()


@dataclass
class InputDocument:
    """One document to analyze: its text, an id, where it came from, and metadata."""

    text: str
    id: str
    source: str
    meta: dict[str, Any] = field(default_factory=dict)


def shown_path(path: str | os.PathLike[str]) -> str:
    """A path as records and messages show it: a name that is not UTF-8 (held by Python with
    surrogate escapes) gets U+FFFD for each byte that is not, so that it can be written."""
    return replace_surrogates(os.fsdecode(path))[0]


def _is_jsonl(path: str) -> bool:
    return path.lower().endswith(_JSONL_SUFFIXES)


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
            yield _stdin_document(stdin)
        elif _is_jsonl(path):
            yield from _iter_jsonl(path, text_field=text_field, id_field=id_field)
        else:
            text = read_text(path, max_bytes=max_bytes)
            yield InputDocument(text=text, id=shown_path(Path(path).name), source=shown_path(path))


def _stdin_document(stdin: Any) -> InputDocument:
    import sys

    stream = stdin if stdin is not None else sys.stdin.buffer
    data = stream.read()
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogatepass")
    if not data.strip():
        raise InputError("<stdin>", "no input")
    text, _ = decode_bytes(data, "<stdin>")
    return InputDocument(text=text, id="<stdin>", source="<stdin>")


def _iter_jsonl(path: str, *, text_field: str, id_field: str | None) -> Iterator[InputDocument]:
    """The strict reading of a JSON Lines file (``analyze``): the first bad line is an error."""
    for lineno, obj in _jsonl_rows(path):
        where = f"{shown_path(path)}:{lineno}"
        if isinstance(obj, str):
            raise InputError(where, obj)
        text, doc_id, meta = _split_row(obj, text_field, id_field, _default_id(path, lineno))
        if text is _MISSING:
            raise InputError(where, f"no field {text_field!r} (choose it with --text-field)")
        if not isinstance(text, str):
            raise InputError(where, f"field {text_field!r} is {type(text).__name__}, not a string")
        yield InputDocument(text=text, id=doc_id, source=where, meta=meta)


def _default_id(path: str, lineno: int) -> str:
    return f"{shown_path(Path(path).name)}:{lineno}"


def _split_row(row: dict[str, Any], text_field: str, id_field: str | None, default_id: str) -> tuple[Any, str, dict[str, Any]]:
    """A record's text (``_MISSING`` when it has no ``text_field``), id and metadata: lone
    surrogates replaced everywhere and counted, and fields named as policytext's own renamed."""
    row, replaced = _without_surrogates(row)
    text = row.pop(text_field, _MISSING)
    doc_id = str(row[id_field]) if id_field and row.get(id_field) is not None else default_id
    for key in RESERVED_META:
        if key in row:
            renamed = f"input_{key}"
            while renamed in row:
                renamed = f"input_{renamed}"
            row[renamed] = row.pop(key)
    if replaced:
        row[REPLACED_KEY] = replaced
    return text, doc_id, row


def _without_surrogates(value: Any) -> tuple[Any, int]:
    """``value`` (parsed JSON: strings, lists, objects) with every lone surrogate replaced,
    in keys too, and how many were."""
    if isinstance(value, str):
        return replace_surrogates(value)
    if isinstance(value, dict):
        total = 0
        clean = {}
        for k, v in value.items():
            k, n = _without_surrogates(k)
            clean[k], m = _without_surrogates(v)
            total += n + m
        return clean, total
    if isinstance(value, list):
        pairs = [_without_surrogates(v) for v in value]
        return [v for v, _ in pairs], sum(n for _, n in pairs)
    return value, 0


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


_EMPTY_FOLDER = (
    "a folder with no .txt files (a folder gives the .txt files in it, at any depth; "
    "name .jsonl, .csv, .tsv and .parquet files one by one)"
)


def expand_paths(paths: list[str]) -> Iterator[tuple[str, str]]:
    """(path, id prefix) for every file: a directory gives its ``.txt`` files, recursively,
    sorted, or itself when it has none (an error item)."""
    for path in paths:
        p = Path(path)
        if p.is_dir():
            files = sorted(q for q in p.rglob("*") if q.is_file() and q.suffix.lower() == ".txt")
            for f in files:
                yield str(f), f.relative_to(p).as_posix()
            if not files:
                yield path, p.name or path
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
    for path, name in expand_paths(paths):
        try:
            if Path(path).is_dir():
                raise InputError(path, _EMPTY_FOLDER)
            if _is_jsonl(path):
                rows: Iterator[tuple[int, dict[str, Any] | str]] = _jsonl_rows(path)
            elif path.lower().endswith(_TABLE_SUFFIXES):
                rows = _table_rows(path)
            else:
                text = read_text(path, max_bytes=max_bytes)
                yield CorpusItem(index, shown_path(name), shown_path(path), text, {})
                index += 1
                continue
            for lineno, row in rows:
                yield _row_item(index, path, lineno, row, text_field, id_field)
                index += 1
        except PolicytextError as exc:
            yield CorpusItem(index, shown_path(name), shown_path(path), error=_reason(exc, path))
            index += 1


def _reason(exc: PolicytextError, source: str) -> str:
    msg = str(exc)
    prefix = f"{source}: "
    return shown_path(msg[len(prefix) :] if msg.startswith(prefix) else msg)


def _row_item(
    index: int, path: str, lineno: int, row: dict[str, Any] | str, text_field: str, id_field: str | None
) -> CorpusItem:
    where = f"{shown_path(path)}:{lineno}"
    if isinstance(row, str):
        return CorpusItem(index, _default_id(path, lineno), where, error=row)
    text, doc_id, meta = _split_row(row, text_field, id_field, _default_id(path, lineno))
    if text is _MISSING or text is None:
        return CorpusItem(index, doc_id, where, meta=meta, error=f"no field {text_field!r} (choose it with --text-field)")
    if not isinstance(text, str):
        return CorpusItem(index, doc_id, where, meta=meta, error=f"field {text_field!r} is {type(text).__name__}, not text")
    if not text.strip():
        return CorpusItem(index, doc_id, where, meta=meta, error="empty text")
    return CorpusItem(index, doc_id, where, text, meta)


def _jsonl_rows(path: str) -> Iterator[tuple[int, dict[str, Any] | str]]:
    """(line number, object or the reason the line is unusable) for each non-blank line.  Lines
    end at ``\\n`` alone (``str.splitlines`` would also end them at U+2028 and other characters
    that JSON strings may hold)."""
    p = Path(path)
    if not p.is_file():
        raise InputError(path, "no such file")
    content = read_text(path, max_bytes=max(p.stat().st_size, 1))
    for lineno, line in enumerate(content.split("\n"), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            # some messages end in "at" ("Unterminated string starting at")
            yield lineno, f"not valid JSON ({exc.msg.removesuffix(' at')} at column {exc.colno})"
            continue
        yield lineno, obj if isinstance(obj, dict) else "a JSON line must be an object"


def _table_rows(path: str) -> Iterator[tuple[int, dict[str, Any] | str]]:
    """Rows of a CSV/TSV or Parquet file, numbered by line (CSV/TSV) or row (Parquet)."""
    if not Path(path).is_file():
        raise InputError(path, "no such file")
    if not path.lower().endswith(".parquet"):
        yield from _csv_rows(path, "\t" if path.lower().endswith(".tsv") else ",")
        return
    import pandas as pd

    try:
        frame = pd.read_parquet(path)
    except (ValueError, OSError) as exc:
        raise InputError(path, f"cannot be read as a table ({type(exc).__name__}: {exc})") from None
    for i, row in enumerate(frame.to_dict(orient="records")):
        yield i + 1, {str(k): (None if _is_missing(v) else _plain_cell(v)) for k, v in row.items()}


def _csv_rows(path: str, sep: str) -> Iterator[tuple[int, dict[str, Any] | str]]:
    """Records of a CSV/TSV file, decoded as a text file is (UTF-8 with or without BOM,
    GB18030, Big5), each numbered by the line where it starts.  Every cell is text; a short
    record's missing cells are ``""``; a record with more fields than the header is an error,
    since where its text is cannot be known."""
    text = read_text(path, max_bytes=max(Path(path).stat().st_size, 1))
    records = _csv_records(text, sep, path)
    if not records:
        return
    names = _column_names(records[0][1])
    for lineno, cells in records[1:]:
        if len(cells) > len(names):
            yield lineno, f"{len(cells)} fields for a header of {len(names)} (a separator inside a field must be quoted)"
        else:
            yield lineno, dict(zip(names, cells + [""] * (len(names) - len(cells))))


def _csv_records(text: str, sep: str, path: str) -> list[tuple[int, list[str]]]:
    """(first line, cells) of each record that is not blank.  The csv module refuses a field
    over 128 KiB by default (one long document), so its process-wide limit is raised to the
    size of this text while it is read, and put back."""
    limit = csv.field_size_limit()
    csv.field_size_limit(max(limit, len(text) + 1))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep)
    records = []
    start = 1
    try:
        for cells in reader:
            if cells and (len(cells) > 1 or cells[0].strip()):  # blank lines are skipped
                records.append((start, cells))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise InputError(path, f"cannot be read as a table (line {start}: {exc})") from None
    finally:
        csv.field_size_limit(limit)
    return records


def _column_names(header: list[str]) -> list[str]:
    """The header's names as pandas made them: an empty one is ``Unnamed: i``, a repeated one
    gets ``.1``, ``.2`` …"""
    names: list[str] = []
    for i, name in enumerate(header):
        name = name or f"Unnamed: {i}"
        base, n = name, 0
        while name in names:
            n += 1
            name = f"{base}.{n}"
        names.append(name)
    return names


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
    for path, _ in expand_paths(paths):
        p = Path(path)
        try:
            if _is_jsonl(path):
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
