"""A corpus on disk into an output folder, resumably: :func:`run_batch`, what the
``policytext batch`` command runs.

It reads folders, JSON Lines, CSV and Parquet, analyzes in chunks (here, in worker processes
of :mod:`.workers`, or on an executor such as Dask's), and writes each finished chunk
atomically to a state folder inside the output folder, beside a manifest of the inputs and
options (the analyzer's slogan list among them).  Killed at any moment, the same command
resumes where it stopped; when every chunk is done it merges them into the outputs —
``documents.jsonl``, ``errors.jsonl``, one table per record type and ``summary.json`` — so
that they equal an uninterrupted run.  A document that cannot be read or analyzed becomes an
error record; the batch never stops on one.
"""

from __future__ import annotations

import functools
import json
import os
import pickle
import re
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import FIRST_COMPLETED, Executor, Future, wait
from dataclasses import asdict, dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any, Literal, TextIO

from ..analyzer import Analyzer
from ..errors import OptionError, PolicytextError
from ..inputs import DEFAULT_MAX_BYTES, CorpusItem, count_corpus, iter_corpus
from ..output.tables import TABLES, atomic_path, document_rows, frames_from_rows, write_frames
from ..records import SCHEMA
from .progress import Progress
from .workers import Workers, analyzer_for, mp_context

__all__ = ["run_batch", "BatchSummary", "BatchFormat"]

BatchFormat = Literal["parquet", "csv", "jsonl"]
STATE_DIR = ".policytext-state"

# -- analyzing a chunk ---------------------------------------------------------------------------


#: what the summary counts: slogans, quantity kinds, findings by check and status
Tally = dict[str, Counter[str]]
#: each table's rows (see :func:`policytext.output.tables.document_rows`)
Rows = dict[str, list[dict[str, Any]]]
#: what a chunk's analysis gives: ``(index, "document" | "error", JSON)`` of each document, and
#: the chunk's tally and rows, pickled one after the other (see :func:`_tally_and_rows`)
ChunkResult = tuple[list[tuple[int, str, str]], bytes]


def _analyze_items(
    items: list[tuple[int, str, str, str, dict[str, Any]]], analyzer: Analyzer, tokens: bool, *, tables: bool = True
) -> ChunkResult:
    """Analyze a chunk inside a worker: its documents as ready-to-write JSON, and their tallies
    and (when ``tables``) table rows, pickled here and written by the caller as they are, so
    that the merge at the end of the batch neither parses the documents again nor builds their
    rows in one process."""
    out = []
    tally, rows = _tally_and_rows([], tables)  # empty; each document is added below
    for index, doc_id, source, text, meta in items:
        try:
            doc = analyzer.analyze(text, id=doc_id, meta={"source": source, **meta}, tokens=tokens)
            data = doc.to_dict()
            out.append((index, "document", json.dumps(data, ensure_ascii=False)))
        except Exception as exc:  # one bad document must not stop the others
            reason = f"analysis failed: {type(exc).__name__}: {exc}"
            out.append((index, "error", json.dumps({"id": doc_id, "source": source, "reason": reason}, ensure_ascii=False)))
            continue
        _add(tally, rows, data)  # now, while the document's dicts are young (cheap to collect)
    return out, pickle.dumps(tally, pickle.HIGHEST_PROTOCOL) + pickle.dumps(rows, pickle.HIGHEST_PROTOCOL)


def _tally_and_rows(documents: Iterable[Mapping[str, Any]], tables: bool = True) -> tuple[Tally, Rows | None]:
    """What the summary counts of some documents (slogans, quantity kinds, findings by
    status), and the rows they give each table (None unless ``tables``)."""
    tally: Tally = {"slogans": Counter(), "quantity_kinds": Counter(), "findings": Counter()}
    rows: Rows | None = {t: [] for t in TABLES} if tables else None
    for data in documents:
        _add(tally, rows, data)
    return tally, rows


def _add(tally: Tally, rows: Rows | None, data: Mapping[str, Any]) -> None:
    tally["slogans"].update(s["normalized"] for s in data.get("slogans", ()))
    tally["quantity_kinds"].update(q["kind"] for q in data.get("quantities", ()))
    tally["findings"].update(f"{f['check']} {f['status']}" for f in data.get("findings", ()))
    if rows is not None:
        for table, r in document_rows(data).items():
            rows[table].extend(r)


# -- batch ---------------------------------------------------------------------------------------


@dataclass
class BatchSummary:
    """What a batch did.  ``documents_in == written + failed`` always; ``skipped`` of them were
    finished by an earlier, interrupted run and not analyzed again."""

    outdir: str
    documents_in: int = 0
    written: int = 0
    failed: int = 0
    skipped: int = 0
    characters: int = 0
    seconds: float = 0.0
    outputs: list[str] = field(default_factory=list)
    top_slogans: list[tuple[str, int]] = field(default_factory=list)
    quantity_kinds: list[tuple[str, int]] = field(default_factory=list)
    findings: list[tuple[str, int]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def table(self) -> str:
        """The summary as a few readable lines."""
        lines = [
            f"documents in {self.documents_in}: written {self.written}, failed {self.failed} "
            f"(skipped as already done: {self.skipped})",
            f"outputs in {self.outdir}: {', '.join(Path(p).name for p in self.outputs)}",
        ]
        for title, rows in (("top slogans", self.top_slogans), ("quantity kinds", self.quantity_kinds),
                            ("findings", self.findings)):  # fmt: skip
            if rows:
                lines.append(f"{title}:")
                lines += [f"  {n:>7}  {k}" for k, n in rows]
        return "\n".join(lines)


def run_batch(
    paths: list[str],
    outdir: str | os.PathLike[str],
    *,
    jobs: int = 1,
    fmt: BatchFormat = "parquet",
    text_field: str = "text",
    id_field: str | None = None,
    tokens: bool = False,
    segmenter: str = "jieba",
    analyzer: Analyzer | None = None,
    chunk_size: int = 64,
    max_bytes: int = DEFAULT_MAX_BYTES,
    executor: Executor | None = None,
    progress: TextIO | None = None,
    progress_every: float = 10.0,
    stop: Callable[[], bool] | None = None,
) -> BatchSummary:
    """Analyze a corpus into ``outdir``, resumably.  ``analyzer``: the
    :class:`~policytext.Analyzer` to use (a researcher's slogan list, recorded in the manifest
    so that a resume with another list is refused); by default the shipped data with
    ``segmenter``.  ``executor`` runs the chunks elsewhere (a Dask ``Client.get_executor()``);
    otherwise ``jobs`` processes analyze them: this one and ``jobs - 1`` workers (so
    ``jobs=1`` is this process alone).  ``stop`` is polled between chunks: when it returns
    true the run stops (KeyboardInterrupt) with every finished chunk kept."""
    if fmt not in ("parquet", "csv", "jsonl"):
        raise OptionError("format", fmt, ["parquet", "csv", "jsonl"])
    if not isinstance(jobs, int) or jobs < 1:
        raise OptionError("jobs", jobs, ["a positive integer"])
    used = analyzer_for(analyzer, segmenter)
    out = Path(outdir)
    state = _state_folder(out)
    options = {"text_field": text_field, "id_field": id_field, "tokens": tokens,
               "segmenter": used.config()["segmenter"] if tokens else None, "chunk_size": chunk_size}  # fmt: skip
    _check_manifest(state, _manifest(paths, used, options))

    started = time.monotonic()
    summary = BatchSummary(outdir=str(out))
    done = {int(p.stem.split("-")[1]) for p in state.glob("chunk-*.jsonl")}
    report = Progress(count_corpus(paths), progress, progress_every) if progress is not None else None
    # each chunk makes its table rows too, unless only JSON Lines are written
    analyze_chunk = functools.partial(_analyze_items, tables=fmt != "jsonl")
    runner = _ChunkRunner(state, report, analyze_chunk, used, tokens, jobs, executor)
    try:
        items = iter_corpus(paths, text_field=text_field, id_field=id_field, max_bytes=max_bytes)
        for number, chunk in enumerate(_chunks(items, chunk_size)):
            _check_stop(stop)
            summary.documents_in += len(chunk)
            if number in done:
                summary.skipped += len(chunk)
                if report:
                    report.update(len(chunk), 0)
                continue
            runner.submit(number, chunk)
        runner.finish(stop)
    finally:
        runner.close()
        if report:
            report.close()
    _finish(state, out, fmt, summary)
    summary.seconds = time.monotonic() - started
    (out / "summary.json").write_text(json.dumps(summary.to_dict(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return summary


def _state_folder(out: Path) -> Path:
    """The state folder inside ``out``, made if needed, without the chunk a killed run was
    writing."""
    if out.exists() and not out.is_dir():
        raise PolicytextError(f"{out}: exists and is not a folder")
    state = out / STATE_DIR
    state.mkdir(parents=True, exist_ok=True)
    for stale in state.glob(".chunk-*.tmp"):  # a chunk being written when a run was killed
        stale.unlink(missing_ok=True)
    return state


def _check_stop(stop: Callable[[], bool] | None) -> None:
    if stop is not None and stop():
        raise KeyboardInterrupt


def _chunks(items: Iterator[CorpusItem], size: int) -> Iterator[list[CorpusItem]]:
    while chunk := list(islice(items, size)):
        yield chunk


class _ChunkRunner:
    """Where a batch's chunks are analyzed, each written to the state folder as it finishes.

    ``jobs > 1``: ``jobs - 1`` worker processes and this one, which analyzes a chunk itself
    whenever every worker already has two waiting; an executor (Dask) runs every chunk
    elsewhere, at most ``2 * max(jobs, 2)`` at a time; otherwise this process alone."""

    def __init__(
        self, state: Path, report: Progress | None, fn: Callable[..., ChunkResult], analyzer: Analyzer,
        tokens: bool, jobs: int, executor: Executor | None,
    ) -> None:  # fmt: skip
        self.state, self.report, self.fn, self.analyzer, self.tokens = state, report, fn, analyzer, tokens
        self.jobs, self.executor = jobs, executor
        self.workers = Workers(jobs - 1, fn, analyzer, tokens, mp_context()) if executor is None and jobs > 1 else None
        self.pending: dict[int, tuple[int, list[CorpusItem]]] = {}  # a worker's chunks by sequence number
        self.in_flight: dict[Future[ChunkResult], tuple[int, list[CorpusItem]]] = {}

    def submit(self, number: int, chunk: list[CorpusItem]) -> None:
        """Analyze chunk ``number`` (its readable documents; the others are errors already)."""
        work = [(i.index, i.id, i.source, i.text, i.meta) for i in chunk if i.error is None and i.text is not None]
        if self.workers is not None:
            for seq, results in self.workers.finished():
                self._write(*self.pending.pop(seq), results)
            if self.workers.busy < 2 * (self.jobs - 1):
                self.pending[self.workers.submit(work)] = (number, chunk)
                return
        if self.executor is None:
            self._write(number, chunk, self.fn(work, self.analyzer, self.tokens))
            return
        self.in_flight[self.executor.submit(self.fn, work, self.analyzer, self.tokens)] = (number, chunk)
        while len(self.in_flight) >= 2 * max(self.jobs, 2):
            self._drain()

    def finish(self, stop: Callable[[], bool] | None) -> None:
        """Wait for every chunk submitted, writing each; ``stop`` is polled between them."""
        for seq in sorted(self.pending):
            _check_stop(stop)
            self._write(*self.pending.pop(seq), self.workers.result(seq))  # type: ignore[union-attr]
        while self.in_flight:
            _check_stop(stop)
            self._drain()

    def close(self) -> None:
        for f in self.in_flight:
            f.cancel()
        if self.workers is not None:
            self.workers.close()

    def _drain(self) -> None:
        finished, _ = wait(list(self.in_flight), return_when=FIRST_COMPLETED)
        for f in finished:
            self._write(*self.in_flight.pop(f), f.result())

    def _write(self, number: int, chunk: list[CorpusItem], result: ChunkResult) -> None:
        _write_chunk(self.state, number, chunk, result)
        if self.report:
            self.report.update(len(chunk), sum(len(i.text or "") for i in chunk))


def _write_chunk(state: Path, number: int, chunk: list[CorpusItem], result: ChunkResult) -> None:
    """One chunk's records, each line ``{"i": index, "document"|"error": …}``, in input order;
    written whole or not at all.  Its tallies and table rows go first, beside it
    (``chunk-N.rows.pickle``): the chunk counts as done once its lines are written, and a chunk
    whose rows are missing (written by an earlier version) has them made from its lines at the
    merge."""
    results, tally_and_rows = result
    with atomic_path(_rows_path(state / f"chunk-{number:07d}.jsonl")) as tmp, open(tmp, "wb") as fh:
        fh.write(tally_and_rows)
    by_index = {i: (kind, payload) for i, kind, payload in results}
    with atomic_path(state / f"chunk-{number:07d}.jsonl") as tmp, open(tmp, "w", encoding="utf-8") as fh:
        for item in chunk:
            if item.index in by_index:
                kind, payload = by_index[item.index]
            else:
                kind = "error"
                payload = json.dumps({"id": item.id, "source": item.source, "reason": item.error}, ensure_ascii=False)
            fh.write(f'{{"i": {item.index}, "{kind}": {payload}}}\n')


def _manifest(paths: list[str], analyzer: Analyzer, options: dict[str, Any]) -> dict[str, Any]:
    """What a batch folder is a batch of: the schema, the inputs, the options, and the
    analyzer's slogan list when it has one (left out otherwise, so that folders of runs
    without one resume as before)."""
    manifest = {"schema": SCHEMA, "inputs": [os.path.abspath(p) for p in paths], **options}
    if analyzer.extra_slogans:
        config = analyzer.config()
        source = config["extra_slogans"]
        manifest["extra_slogans"] = {
            "path": os.path.abspath(source) if source not in (None, "<rows>") else source,
            "rows": config["extra_slogans_rows"],
            "sha256": config["extra_slogans_sha256"],
        }
    return manifest


def _check_manifest(state: Path, manifest: dict[str, Any]) -> None:
    """Write the manifest of a new batch; refuse to resume one of other inputs or options,
    saying which."""
    path = state / "manifest.json"
    if path.exists():
        old = json.loads(path.read_text(encoding="utf-8"))
        if old != manifest:
            raise PolicytextError(
                f"{state.parent}: holds a batch of other inputs or options ({_differences(old, manifest)}); "
                f"resume it with the same command, or write to a new folder"
            )
        return
    with atomic_path(path) as tmp:
        Path(tmp).write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")


def _differences(old: Mapping[str, Any], new: Mapping[str, Any]) -> str:
    keys = list(old) + [k for k in new if k not in old]
    return "; ".join(_difference(k, old.get(k), new.get(k)) for k in keys if old.get(k) != new.get(k))


def _difference(key: str, old: Any, new: Any) -> str:
    if key == "extra_slogans":
        return _slogan_list_difference(old, new)
    if key == "inputs":
        return "the inputs differ"
    return f"{key} was {old!r}, now {new!r}"


def _slogan_list_difference(old: Mapping[str, Any] | None, new: Mapping[str, Any] | None) -> str:
    if old is None:
        return f"the batch began without a slogan list, this run has {new['path']}"  # type: ignore[index]
    began = f"the batch began with the slogan list {old['path']} ({_rows(old['rows'])})"
    if new is None:
        return f"{began}, this run has none"
    if new["path"] == old["path"]:
        counts = f" ({_rows(old['rows'])} then, {_rows(new['rows'])} now)" if new["rows"] != old["rows"] else ""
        return f"the slogan list {new['path']} was edited since the batch began{counts}"
    return f"{began}, this run has {new['path']}"


def _rows(n: int) -> str:
    return f"{n} row" if n == 1 else f"{n} rows"


# a chunk line as _write_chunk writes it: {"i": index, "document"|"error": payload}
_CHUNK_LINE = re.compile(r'\{"i": \d+, "(document|error)": ')


def _records(chunk: Path) -> Iterator[tuple[str, str]]:
    """``(kind, payload)`` of every line of a chunk file, the payload as the worker wrote it:
    JSON text that is copied to the outputs, not parsed and written again."""
    with chunk.open(encoding="utf-8") as fh:
        for line in fh:
            m = _CHUNK_LINE.match(line)
            if m is None:
                raise PolicytextError(f"{chunk}: not a chunk line this version wrote: {line[:60]!r}")
            yield m.group(1), line[m.end() :].rstrip("\n")[:-1]


def _rows_path(chunk: Path) -> Path:
    return chunk.with_name(chunk.name.replace(".jsonl", ".rows.pickle"))


def _chunk_rows(chunk: Path, documents: list[str], tables: bool) -> tuple[Tally, Rows | None]:
    """A chunk's tally and (when ``tables``) its table rows: as the process that analyzed it
    made them, or from its documents' JSON when they are missing (a chunk of an earlier
    version, or of a run that wrote JSON Lines alone) or unreadable."""
    try:
        with _rows_path(chunk).open("rb") as fh:
            tally = pickle.load(fh)
            rows = pickle.load(fh) if tables else None
        if set(tally) == {"slogans", "quantity_kinds", "findings"} and (
            not tables or isinstance(rows, dict) and set(rows) == set(TABLES)
        ):
            return tally, rows
    except Exception:  # noqa: BLE001 - absent, cut short or foreign: made from the documents
        pass
    return _tally_and_rows((json.loads(payload) for payload in documents), tables)


def _finish(state: Path, out: Path, fmt: str, summary: BatchSummary) -> None:
    """Merge the chunks into the outputs, in input order; each output replaced atomically.
    Documents are copied as their workers wrote them, and the tables and the summary are made
    from the rows the workers made, so that no document is parsed here."""
    docs_path, errors_path = out / "documents.jsonl", out / "errors.jsonl"
    counts: Tally = {"slogans": Counter(), "quantity_kinds": Counter(), "findings": Counter()}
    rows: Rows = {t: [] for t in TABLES}
    with atomic_path(docs_path) as dtmp, atomic_path(errors_path) as etmp:
        with open(dtmp, "w", encoding="utf-8") as docs, open(etmp, "w", encoding="utf-8") as errors:
            for chunk in sorted(state.glob("chunk-*.jsonl")):
                documents = []
                for kind, payload in _records(chunk):
                    if kind == "document":
                        documents.append(payload)
                    else:
                        errors.write(payload + "\n")
                        summary.failed += 1
                docs.writelines(payload + "\n" for payload in documents)
                summary.written += len(documents)
                tally, chunk_rows = _chunk_rows(chunk, documents, tables=fmt != "jsonl")
                for key, counter in tally.items():
                    counts[key].update(counter)
                for table, r in (chunk_rows or {}).items():
                    rows[table].extend(r)
    frames = frames_from_rows(rows) if fmt != "jsonl" else None
    summary.outputs = [str(docs_path), str(errors_path)]
    if frames is not None:
        summary.outputs += [str(p) for p in write_frames(frames, out, fmt)]  # type: ignore[arg-type]
    summary.outputs.append(str(out / "summary.json"))
    summary.top_slogans = counts["slogans"].most_common(10)
    summary.quantity_kinds = counts["quantity_kinds"].most_common()
    summary.findings = sorted(counts["findings"].items())
