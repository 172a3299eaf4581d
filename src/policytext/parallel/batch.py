"""A corpus on disk into an output folder, resumably: :func:`run_batch`, what the
``policytext batch`` command runs.

It reads folders, JSON Lines, CSV and Parquet, analyzes in chunks (here, in worker processes
of :mod:`.workers`, or on an executor such as Dask's), and writes each finished chunk
atomically to a state folder inside the output folder, beside a manifest of the inputs and
options (the analyzer's slogan list among them).  Killed at any moment, the same command
resumes where it stopped; when every chunk is done it merges them into the outputs —
``documents.jsonl``, ``errors.jsonl``, one table per record type and ``summary.json`` — so
that they equal an uninterrupted run.  A document that cannot be read or analyzed, or that
takes longer than ``doc_timeout``, becomes an error record; the batch never stops on one.

The folder is locked while a batch runs (:mod:`.lock`), and what is kept in it between runs
is JSON checked before it is trusted (:mod:`.store`): a resume over changed inputs is
refused, and nothing read back from the folder is unpickled.  Each chunk's tally and table
rows come back from the process that analyzed it pickled (a pipe between live processes of
this run) and stay in memory until the merge; a chunk finished by an earlier run has them
made again from its documents.
"""

from __future__ import annotations

import functools
import json
import os
import pickle
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
from ..inputs import DEFAULT_MAX_BYTES, CorpusItem, count_corpus, iter_corpus, shown_path
from ..output.tables import TABLES, atomic_path, document_rows, frames_from_rows, write_frames
from . import store
from .lock import STATE_DIR, locked_folder
from .progress import Progress
from .timeout import DEFAULT_DOC_TIMEOUT, TimeLimit, TimeLimitExceeded, checked_timeout, limit_reason
from .workers import Workers, analyzer_for, mp_context

__all__ = ["run_batch", "BatchSummary", "BatchFormat", "STATE_DIR"]

BatchFormat = Literal["parquet", "csv", "jsonl"]

# -- analyzing a chunk ---------------------------------------------------------------------------


#: what the summary counts: slogans, quantity kinds, findings by check and status
Tally = dict[str, Counter[str]]
#: each table's rows (see :func:`policytext.output.tables.document_rows`)
Rows = dict[str, list[dict[str, Any]]]
#: what a chunk's analysis gives: ``(index, "document" | "error", JSON)`` of each document, and
#: the chunk's tally and rows, pickled (see :func:`_tally_and_rows`); they are never written
#: to disk
ChunkResult = tuple[list[tuple[int, str, str]], bytes]


def _analyze_items(
    items: list[tuple[int, str, str, str, dict[str, Any]]], analyzer: Analyzer, tokens: bool, *,
    tables: bool = True, doc_timeout: float | None = None,
) -> ChunkResult:  # fmt: skip
    """Analyze a chunk inside a worker: its documents as ready-to-write JSON, and their tallies
    and (when ``tables``) table rows, pickled here and kept by the caller as they are, so
    that the merge at the end of the batch neither parses the documents again nor builds their
    rows in one process.  A document that fails, or runs past ``doc_timeout`` seconds, is an
    error record."""
    out = []
    tally, rows = _tally_and_rows([], tables)  # empty; each document is added below
    with TimeLimit(doc_timeout) as limit:
        for index, doc_id, source, text, meta in items:
            try:
                doc = limit.call(analyzer.analyze, text, id=doc_id, meta={"source": source, **meta}, tokens=tokens)
                data = doc.to_dict()
                out.append((index, "document", json.dumps(data, ensure_ascii=False)))
            except (Exception, TimeLimitExceeded) as exc:  # one bad document must not stop the others
                error = {"id": doc_id, "source": source, "reason": _reason(exc, doc_timeout)}
                out.append((index, "error", json.dumps(error, ensure_ascii=False)))
                continue
            _add(tally, rows, data)  # now, while the document's dicts are young (cheap to collect)
    return out, pickle.dumps((tally, rows), pickle.HIGHEST_PROTOCOL)


def _reason(exc: BaseException, doc_timeout: float | None) -> str:
    if isinstance(exc, TimeLimitExceeded):
        return limit_reason(doc_timeout)  # type: ignore[arg-type]
    return f"analysis failed: {type(exc).__name__}: {exc}"


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
    finished by an earlier, interrupted run and not analyzed again.  ``problems`` says, a line
    each, why the run did not do its job (an input missing, nothing found, nothing analyzed);
    ``exit_status`` is 1 then, 0 otherwise (documents that failed among others written are
    counted in ``failed`` and listed in ``errors.jsonl``)."""

    outdir: str
    documents_in: int = 0
    written: int = 0
    failed: int = 0
    skipped: int = 0
    missing_inputs: list[str] = field(default_factory=list)
    characters: int = 0
    seconds: float = 0.0
    outputs: list[str] = field(default_factory=list)
    top_slogans: list[tuple[str, int]] = field(default_factory=list)
    quantity_kinds: list[tuple[str, int]] = field(default_factory=list)
    findings: list[tuple[str, int]] = field(default_factory=list)

    @property
    def problems(self) -> list[str]:
        found = [f"{p}: no such input" for p in self.missing_inputs]
        if self.documents_in == 0:
            found.append("no documents found in the inputs")
        elif self.written == 0:
            found.append(f"no document could be analyzed: {self.failed} failed (see errors.jsonl)")
        return found

    @property
    def exit_status(self) -> int:
        return 1 if self.problems else 0

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "problems": self.problems, "exit_status": self.exit_status}

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
        lines += [f"problem: {p}" for p in self.problems]
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
    doc_timeout: float | None = DEFAULT_DOC_TIMEOUT,
) -> BatchSummary:
    """Analyze a corpus into ``outdir``, resumably.  ``analyzer``: the
    :class:`~policytext.Analyzer` to use (a researcher's slogan list, recorded in the manifest
    so that a resume with another list is refused); by default the shipped data with
    ``segmenter``.  ``executor`` runs the chunks elsewhere (a Dask ``Client.get_executor()``);
    otherwise ``jobs`` processes analyze them: this one and ``jobs - 1`` workers (so
    ``jobs=1`` is this process alone).  ``stop`` is polled between chunks: when it returns
    true the run stops (KeyboardInterrupt) with every finished chunk kept.

    ``doc_timeout``: seconds one document may take (None: no limit); a document past it is an
    error record.  It applies in worker processes and in this one when it runs on the main
    thread, not on an executor's threads (see :mod:`.timeout`).

    ``outdir`` is locked while the batch runs: another batch into it raises
    :class:`~policytext.parallel.lock.FolderInUse` and changes nothing.  A resume over inputs
    that changed since the batch began (size or content) is refused with a PolicytextError
    naming them."""
    _check_options(fmt, jobs, chunk_size)
    doc_timeout = checked_timeout(doc_timeout)
    used = analyzer_for(analyzer, segmenter)
    out = Path(outdir)
    if out.exists() and not out.is_dir():
        raise PolicytextError(f"{out}: exists and is not a folder")
    with locked_folder(out) as state:
        options = {"text_field": text_field, "id_field": id_field, "tokens": tokens,
                   "segmenter": used.config()["segmenter"] if tokens else None, "chunk_size": chunk_size}  # fmt: skip
        store.check_manifest(state, store.manifest(paths, used, options))  # a refused run changes nothing
        store.clean_leftovers(out, state, _output_names())
        if doc_timeout is not None and executor is None:
            used.load(tokens=tokens)  # loading is not a document's time
        started = time.monotonic()
        summary = BatchSummary(outdir=shown_path(str(out)), missing_inputs=[shown_path(p) for p in store.missing_inputs(paths)])
        report = Progress(count_corpus(paths), progress, progress_every) if progress is not None else None
        # each chunk makes its table rows too, unless only JSON Lines are written
        analyze_chunk = functools.partial(_analyze_items, tables=fmt != "jsonl", doc_timeout=doc_timeout)
        runner = _ChunkRunner(state, report, analyze_chunk, used, tokens, jobs, executor)
        try:
            items = iter_corpus(paths, text_field=text_field, id_field=id_field, max_bytes=max_bytes)
            chunks = _run_chunks(runner, _chunks(items, chunk_size), summary, stop)
        finally:
            runner.close()
            if report:
                report.close()
        _finish(state, out, fmt, chunks, runner.rows, summary)
        summary.seconds = time.monotonic() - started
        with atomic_path(out / "summary.json") as tmp:
            Path(tmp).write_text(json.dumps(summary.to_dict(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return summary


def _check_options(fmt: str, jobs: Any, chunk_size: Any) -> None:
    if fmt not in ("parquet", "csv", "jsonl"):
        raise OptionError("format", fmt, ["parquet", "csv", "jsonl"])
    for name, value in (("jobs", jobs), ("chunk_size", chunk_size)):
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise OptionError(name, value, ["a positive integer"])


def _output_names() -> list[str]:
    """Every file a batch writes in its output folder."""
    return ["documents.jsonl", "errors.jsonl", "summary.json"] + [f"{t}.{ext}" for t in TABLES for ext in ("parquet", "csv")]


def _run_chunks(
    runner: _ChunkRunner, chunks: Iterator[list[CorpusItem]], summary: BatchSummary, stop: Callable[[], bool] | None
) -> int:
    """Analyze every chunk not finished by an earlier run (one whose file does not hold its
    documents is done again); return how many chunks the inputs make."""
    number = -1
    for number, chunk in enumerate(chunks):
        _check_stop(stop)
        summary.documents_in += len(chunk)
        if store.chunk_path(runner.state, number).exists():
            if store.valid_chunk(runner.state, number, chunk):
                summary.skipped += len(chunk)
                if runner.report:
                    runner.report.update(len(chunk), 0)
                continue
            store.forget_chunk(runner.state, number)
        runner.submit(number, chunk)
    runner.finish(stop)
    return number + 1


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
        self.rows: dict[int, bytes] = {}  # each chunk's tally and rows, pickled, by chunk number

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
        results, self.rows[number] = result
        store.write_chunk(self.state, number, chunk, results)
        if self.report:
            self.report.update(len(chunk), sum(len(i.text or "") for i in chunk))


def _chunk_rows(kept: bytes | None, documents: list[str], tables: bool) -> tuple[Tally, Rows | None]:
    """A chunk's tally and (when ``tables``) its table rows: as the process that analyzed it in
    this run made them, or from its documents' JSON for a chunk of an earlier run."""
    if kept is not None:
        tally, rows = pickle.loads(kept)  # from a live process of this run, never from disk
        if rows is not None or not tables:
            return tally, rows
    return _tally_and_rows((json.loads(payload) for payload in documents), tables)


def _finish(state: Path, out: Path, fmt: str, chunks: int, kept: dict[int, bytes], summary: BatchSummary) -> None:
    """Merge chunks ``0 … chunks - 1`` into the outputs, in input order; each output replaced
    atomically.  Documents are copied as their workers wrote them, and the tables and the
    summary are made from the rows the workers made, so that no document is parsed here."""
    docs_path, errors_path = out / "documents.jsonl", out / "errors.jsonl"
    counts: Tally = {"slogans": Counter(), "quantity_kinds": Counter(), "findings": Counter()}
    rows: Rows = {t: [] for t in TABLES}
    with atomic_path(docs_path) as dtmp, atomic_path(errors_path) as etmp:
        with open(dtmp, "w", encoding="utf-8") as docs, open(etmp, "w", encoding="utf-8") as errors:
            for number in range(chunks):
                documents = []
                for kind, payload in store.records(state, number):
                    if kind == "document":
                        documents.append(payload)
                    else:
                        errors.write(payload + "\n")
                        summary.failed += 1
                docs.writelines(payload + "\n" for payload in documents)
                summary.written += len(documents)
                tally, chunk_rows = _chunk_rows(kept.pop(number, None), documents, tables=fmt != "jsonl")
                for key, counter in tally.items():
                    counts[key].update(counter)
                for table, r in (chunk_rows or {}).items():
                    rows[table].extend(r)
        if summary.written + summary.failed != summary.documents_in:  # never a silently short output
            raise PolicytextError(
                f"{state}: the finished chunks hold {summary.written + summary.failed} records of "
                f"{summary.documents_in} documents; write to a new output folder"
            )
    frames = frames_from_rows(rows) if fmt != "jsonl" else None
    summary.outputs = [shown_path(docs_path), shown_path(errors_path)]
    if frames is not None:
        summary.outputs += [shown_path(p) for p in write_frames(frames, out, fmt)]  # type: ignore[arg-type]
    summary.outputs.append(shown_path(out / "summary.json"))
    summary.top_slogans = counts["slogans"].most_common(10)
    summary.quantity_kinds = counts["quantity_kinds"].most_common()
    summary.findings = sorted(counts["findings"].items())
