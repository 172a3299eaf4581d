"""Many documents: :func:`pipe` over texts, and :func:`run_batch` over a corpus on disk.

``pipe`` is ``analyze`` mapped over an iterable, in input order, optionally in worker
processes (each loads OpenCC, jieba and the lexicon once).  ``run_batch`` is what the
``policytext batch`` command runs: it reads folders, JSON Lines, CSV and Parquet, analyzes in
chunks, and writes each finished chunk atomically to a state folder inside the output folder.
Killed at any moment, the same command resumes where it stopped; when every chunk is done it
writes the outputs — ``documents.jsonl``, ``errors.jsonl``, one table per record type and
``summary.json`` — so that they equal an uninterrupted run.  A document that cannot be read
or analyzed becomes an error record; the batch never stops on one.
"""

from __future__ import annotations

import functools
import json
import os
import pickle
import re
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import FIRST_COMPLETED, Executor, Future, wait
from dataclasses import asdict, dataclass, field
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TextIO

from ..errors import OptionError, PolicytextError
from ..inputs import DEFAULT_MAX_BYTES, CorpusItem, count_corpus, iter_corpus
from ..analyzer import analyze
from ..records import SCHEMA, Document, _document_form, _document_from_form
from ..output.tables import TABLES, atomic_path, document_rows, frames_from_rows, write_frames

if TYPE_CHECKING:
    from .workers import Workers

__all__ = ["pipe", "run_batch", "BatchSummary", "BatchFormat"]

BatchFormat = Literal["parquet", "csv", "jsonl"]
STATE_DIR = ".policytext-state"


# -- worker side ---------------------------------------------------------------------------------


def _warm_up(tokens: bool = False, segmenter: str = "jieba") -> None:
    """Load every resource a worker needs, once: OpenCC, the lexicon, the unit table, the noun
    list — and the segmenter only when tokens are wanted.  Ctrl-C is the parent's to handle:
    a worker ignores it, so that the parent stops cleanly between chunks."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    load_resources(tokens, segmenter)


def load_resources(tokens: bool = False, segmenter: str = "jieba") -> None:
    """Load what :func:`~policytext.analyze` reads on first use (OpenCC, the lexicon, the unit
    table, cn2an, the noun list, and the segmenter when ``tokens``), so that no later document
    pays for it; benchmarks call it before timing."""
    # a Traditional line too (Simplified text alone skips the tw2s converter), and a Chinese
    # number cn2an reads (its first call compiles its patterns: 0.1 s)
    analyze("践行“四个意识”，6个县摘帽、12.1万人脱贫、三百二十五户搬迁，整改率98.3%。2018年底。\n經濟發展", tokens=tokens, segmenter=segmenter)


def _analyze_texts(texts: list[str], tokens: bool, segmenter: str = "jieba") -> list[Document]:
    return [analyze(t, tokens=tokens, segmenter=segmenter) for t in texts]


def _analyze_forms(texts: list[str], tokens: bool, segmenter: str = "jieba") -> list[tuple[Any, ...]]:
    """What a worker of :func:`pipe` sends back: each Document without its text, which the
    caller has: on news items, a quarter of the bytes of the pickled Documents, pickled and
    unpickled in 55% of the time."""
    return [_document_form(analyze(t, tokens=tokens, segmenter=segmenter)) for t in texts]


#: what the summary counts: slogans, quantity kinds, findings by check and status
Tally = dict[str, Counter[str]]
#: each table's rows (see :func:`policytext.output.tables.document_rows`)
Rows = dict[str, list[dict[str, Any]]]
#: what a chunk's analysis gives: ``(index, "document" | "error", JSON)`` of each document, and
#: the chunk's tally and rows, pickled one after the other (see :func:`_tally_and_rows`)
ChunkResult = tuple[list[tuple[int, str, str]], bytes]


def _analyze_items(
    items: list[tuple[int, str, str, str, dict[str, Any]]], tokens: bool, segmenter: str = "jieba", *, tables: bool = True
) -> ChunkResult:
    """Analyze a chunk inside a worker: its documents as ready-to-write JSON, and their tallies
    and (when ``tables``) table rows, pickled here and written by the caller as they are, so
    that the merge at the end of the batch neither parses the documents again nor builds their
    rows in one process."""
    out = []
    tally, rows = _tally_and_rows([], tables)  # empty; each document is added below
    for index, doc_id, source, text, meta in items:
        try:
            doc = analyze(text, id=doc_id, meta={"source": source, **meta}, tokens=tokens, segmenter=segmenter)
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


def _mp_context() -> Any:
    import multiprocessing as mp

    # forkserver: workers start from a small server process that has imported policytext, not
    # from a copy of the caller (whose memory may hold a whole corpus); spawn where it is missing
    if "forkserver" in mp.get_all_start_methods():
        ctx = mp.get_context("forkserver")
        # the server loads the resources once; workers forked from it start warm, and later
        # pools of the same process reuse the server
        ctx.set_forkserver_preload(["policytext.parallel._preload"])
        return ctx
    return mp.get_context("spawn")


# -- pipe ----------------------------------------------------------------------------------------


def pipe(
    texts: Iterable[Any],
    *,
    n_process: int = 1,
    batch_size: int = 128,
    as_tuples: bool = False,
    tokens: bool = False,
    segmenter: str = "jieba",
) -> Iterator[Any]:
    """Analyze many texts; yield Documents in input order.

    ``as_tuples=True`` takes ``(text, context)`` pairs and yields ``(Document, context)``, as
    spaCy's ``Language.pipe`` does.  ``n_process > 1`` analyzes ``batch_size`` texts at a time
    in ``n_process`` processes: ``n_process - 1`` worker processes and the calling one, which
    analyzes chunks itself while it waits for the workers' (so ``n_process=2`` on two cores
    keeps both busy).

    >>> [d.slogans[0].normalized for d in pipe(["四个意识", "两个维护"])]
    ['四个意识', '两个维护']
    """
    if isinstance(texts, (str, bytes)):
        raise TypeError("pipe() takes an iterable of texts, not one text: use analyze(text) or pipe([text])")
    if not isinstance(n_process, int) or n_process < 1:
        raise OptionError("n_process", n_process, ["a positive integer"])
    if not isinstance(batch_size, int) or batch_size < 1:
        raise OptionError("batch_size", batch_size, ["a positive integer"])
    from ..text.segment import BACKENDS

    if segmenter not in BACKENDS:
        raise OptionError("segmenter", segmenter, list(BACKENDS))
    return _pipe(iter(texts), n_process, batch_size, as_tuples, tokens, segmenter)


def _pipe(
    texts: Iterator[Any], n_process: int, batch_size: int, as_tuples: bool, tokens: bool, segmenter: str
) -> Iterator[Any]:
    def batches() -> Iterator[tuple[list[str], list[Any]]]:
        while chunk := list(islice(texts, batch_size)):
            if as_tuples:
                bad = [c for c in chunk if not (isinstance(c, tuple) and len(c) == 2)]
                if bad:
                    raise TypeError(f"pipe(as_tuples=True) takes (text, context) pairs, got {type(bad[0]).__name__}")
                yield [t for t, _ in chunk], [c for _, c in chunk]
            else:
                yield chunk, [None] * len(chunk)

    def checked(chunk: list[Any]) -> list[str]:
        for t in chunk:
            if not isinstance(t, str):
                raise TypeError(f"pipe() takes texts (str), got {type(t).__name__}")
        return chunk

    if n_process == 1:
        for chunk, contexts in batches():
            for doc, ctx in zip(_analyze_texts(checked(chunk), tokens, segmenter), contexts):
                yield (doc, ctx) if as_tuples else doc
        return
    from .workers import Workers

    workers = Workers(n_process - 1, _analyze_forms, tokens, segmenter, _mp_context())  # the caller is the n-th
    try:
        yield from _shared(workers, n_process - 1, batches(), checked, as_tuples, tokens, segmenter)
    finally:
        workers.close()


class _Slot:
    """One chunk on its way out of :func:`_shared`: with a worker (``seq``) or kept for the
    calling process (``docs`` once analyzed)."""

    __slots__ = ("seq", "texts", "contexts", "docs")

    def __init__(self, seq: int | None, texts: list[str], contexts: list[Any]) -> None:
        self.seq = seq
        self.texts = texts
        self.contexts = contexts
        self.docs: list[Document] | None = None


def _shared(
    workers: Workers,
    n_workers: int,
    chunks: Iterator[tuple[list[str], list[Any]]],
    checked: Callable[[list[Any]], list[str]],
    as_tuples: bool,
    tokens: bool,
    segmenter: str,
) -> Iterator[Any]:
    """Documents of ``chunks`` in input order, analyzed by ``n_workers`` processes and by this one.

    Each worker is kept three chunks ahead: as results arrive, the next chunks go to the workers,
    and the chunks read while they are that far ahead stay here.  While the next chunk in order
    is still with a worker, this process analyzes a kept one rather than wait, so that with as
    many cores as ``n_process`` no core idles; the caller's own load (unpickling what workers
    send, and whatever it does with each Document) sets how much it takes on.  At most
    ``4 * n_process`` chunks are read ahead."""
    cap = 3 * n_workers
    window = 4 * (n_workers + 1)
    slots: deque[_Slot] = deque()
    more = True
    while True:
        workers.poll()
        while more and len(slots) < window:
            nxt = next(chunks, None)
            if nxt is None:
                more = False
                break
            texts = checked(nxt[0])
            seq = workers.submit(texts) if workers.busy < cap else None
            slots.append(_Slot(seq, texts, nxt[1]))
        if not slots:
            return
        head = slots[0]
        if head.seq is not None and not workers.ready(head.seq):
            kept = next((s for s in slots if s.seq is None and s.docs is None), None)
            if kept is not None:  # work here while a worker finishes the head chunk
                kept.docs = _analyze_texts(kept.texts, tokens, segmenter)
                continue
        slots.popleft()
        if head.seq is not None:
            docs = list(map(_document_from_form, head.texts, workers.result(head.seq)))
        else:
            docs = head.docs if head.docs is not None else _analyze_texts(head.texts, tokens, segmenter)
        for doc, ctx in zip(docs, head.contexts):
            yield (doc, ctx) if as_tuples else doc


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


class _Progress:
    """A progress bar on a terminal (tqdm); plain periodic lines otherwise."""

    def __init__(self, total: int | None, stream: TextIO, every: float) -> None:
        self.total, self.stream, self.every = total, stream, every
        self.docs = self.chars = 0
        self.start = self.last = time.monotonic()
        self.bar = None
        if stream.isatty():
            from tqdm import tqdm

            self.bar = tqdm(total=total, unit="doc", file=stream, dynamic_ncols=True, smoothing=0.1)

    def update(self, docs: int, chars: int) -> None:
        self.docs += docs
        self.chars += chars
        elapsed = max(time.monotonic() - self.start, 1e-9)
        if self.bar is not None:
            self.bar.update(docs)
            self.bar.set_postfix_str(f"{self.chars / elapsed / 1e6:.2f} M chars/s", refresh=False)
            return
        now = time.monotonic()
        if now - self.last >= self.every:
            self.last = now
            self.stream.write(self.line(elapsed) + "\n")
            self.stream.flush()

    def line(self, elapsed: float) -> str:
        rate = self.docs / elapsed
        done = f"{self.docs}/{self.total}" if self.total else str(self.docs)
        eta = ""
        if self.total and rate > 0:
            eta = f", ETA {_duration(max(self.total - self.docs, 0) / rate)}"
        return f"batch: {done} documents, {rate:.1f} docs/s, {self.chars / elapsed / 1e6:.2f} M chars/s{eta}"

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
        else:
            self.stream.write(self.line(max(time.monotonic() - self.start, 1e-9)) + "\n")
            self.stream.flush()


def _duration(seconds: float) -> str:
    if seconds < 90:
        return f"{seconds:.0f} s"
    if seconds < 5400:
        return f"{seconds / 60:.0f} min"
    return f"{seconds / 3600:.1f} h"


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
    chunk_size: int = 64,
    max_bytes: int = DEFAULT_MAX_BYTES,
    executor: Executor | None = None,
    progress: TextIO | None = None,
    progress_every: float = 10.0,
    stop: Callable[[], bool] | None = None,
) -> BatchSummary:
    """Analyze a corpus into ``outdir``, resumably.  ``executor`` runs the chunks elsewhere (a
    Dask ``Client.get_executor()``); otherwise ``jobs`` processes analyze them: this one and
    ``jobs - 1`` workers (so ``jobs=1`` is this process alone).
    ``stop`` is polled between chunks: when it returns true the run stops (KeyboardInterrupt)
    with every finished chunk kept."""
    if fmt not in ("parquet", "csv", "jsonl"):
        raise OptionError("format", fmt, ["parquet", "csv", "jsonl"])
    if not isinstance(jobs, int) or jobs < 1:
        raise OptionError("jobs", jobs, ["a positive integer"])
    out = Path(outdir)
    if out.exists() and not out.is_dir():
        raise PolicytextError(f"{out}: exists and is not a folder")
    state = out / STATE_DIR
    state.mkdir(parents=True, exist_ok=True)
    for stale in state.glob(".chunk-*.tmp"):  # a chunk being written when a run was killed
        stale.unlink(missing_ok=True)
    _check_manifest(state, paths, text_field=text_field, id_field=id_field, tokens=tokens,
                    segmenter=segmenter if tokens else None, chunk_size=chunk_size)  # fmt: skip

    started = time.monotonic()
    summary = BatchSummary(outdir=str(out))
    done = {int(p.stem.split("-")[1]) for p in state.glob("chunk-*.jsonl")}
    report = _Progress(count_corpus(paths), progress, progress_every) if progress is not None else None

    # jobs > 1: jobs - 1 worker processes and this one, which analyzes a chunk itself whenever
    # every worker already has two waiting; an executor (Dask) runs every chunk elsewhere.
    # Each makes its chunk's table rows too, unless only JSON Lines are written.
    analyze_chunk = functools.partial(_analyze_items, tables=fmt != "jsonl")
    workers = None
    if executor is None and jobs > 1:
        from .workers import Workers

        workers = Workers(jobs - 1, analyze_chunk, tokens, segmenter, _mp_context())
    pending: dict[int, tuple[int, list[CorpusItem]]] = {}  # a worker's chunks by sequence number
    in_flight: dict[Future[ChunkResult], tuple[int, list[CorpusItem]]] = {}

    def write(number: int, chunk: list[CorpusItem], results: list[tuple[int, str, str]]) -> None:
        _write_chunk(state, number, chunk, results)
        if report:
            report.update(len(chunk), sum(len(i.text or "") for i in chunk))

    try:
        items = iter_corpus(paths, text_field=text_field, id_field=id_field, max_bytes=max_bytes)
        for number, chunk in enumerate(_chunks(items, chunk_size)):
            if stop is not None and stop():
                raise KeyboardInterrupt
            summary.documents_in += len(chunk)
            if number in done:
                summary.skipped += len(chunk)
                if report:
                    report.update(len(chunk), 0)
                continue
            work = [(i.index, i.id, i.source, i.text, i.meta) for i in chunk if i.error is None and i.text is not None]
            if workers is not None:
                for seq, results in workers.finished():
                    write(*pending.pop(seq), results)
                if workers.busy < 2 * (jobs - 1):
                    pending[workers.submit(work)] = (number, chunk)
                    continue
            if executor is None:
                write(number, chunk, analyze_chunk(work, tokens, segmenter))  # type: ignore[arg-type]
                continue
            in_flight[executor.submit(analyze_chunk, work, tokens, segmenter)] = (number, chunk)
            while len(in_flight) >= 2 * max(jobs, 2):
                _drain(in_flight, state, report, FIRST_COMPLETED)
        for seq in sorted(pending):
            if stop is not None and stop():
                raise KeyboardInterrupt
            write(*pending.pop(seq), workers.result(seq))  # type: ignore[union-attr]
        while in_flight:
            if stop is not None and stop():
                raise KeyboardInterrupt
            _drain(in_flight, state, report, FIRST_COMPLETED)
    finally:
        for f in in_flight:
            f.cancel()
        if workers is not None:
            workers.close()
        if report:
            report.close()
    _finish(state, out, fmt, summary)
    summary.seconds = time.monotonic() - started
    (out / "summary.json").write_text(json.dumps(summary.to_dict(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return summary


def _chunks(items: Iterator[CorpusItem], size: int) -> Iterator[list[CorpusItem]]:
    while chunk := list(islice(items, size)):
        yield chunk


def _drain(in_flight: dict, state: Path, report: _Progress | None, how: str) -> None:
    finished, _ = wait(list(in_flight), return_when=how)
    for f in finished:
        number, chunk = in_flight.pop(f)
        _write_chunk(state, number, chunk, f.result())
        if report:
            report.update(len(chunk), sum(len(i.text or "") for i in chunk))


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


def _check_manifest(state: Path, paths: list[str], **options: Any) -> None:
    manifest = {"schema": SCHEMA, "inputs": [os.path.abspath(p) for p in paths], **options}
    path = state / "manifest.json"
    if path.exists():
        old = json.loads(path.read_text(encoding="utf-8"))
        if old != manifest:
            raise PolicytextError(
                f"{state.parent}: holds a batch of other inputs or options; resume it with the same command, "
                f"or write to a new folder"
            )
        return
    with atomic_path(path) as tmp:
        Path(tmp).write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")


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
