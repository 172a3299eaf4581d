"""The ``policytext`` command.

    policytext analyze PATH... [-o FILE] [--text-field F] [--id-field F] [--tokens] [--slogans TSV]
    policytext batch INPUT... -o OUTDIR [--jobs N] [--format parquet|csv|jsonl] [--scheduler ADDRESS] [--slogans TSV]
    policytext demo [-o FILE]

``--slogans TSV`` adds a researcher's slogan list to the shipped lexicon (the columns are
described in :mod:`policytext.resources`); a bad list stops the command with one line naming
``file:line`` and the problem (exit 1).  ``batch`` records the list in its manifest, and a
resume with another list, or the list edited, is refused.

``analyze`` is strict: every input is read and decoded before anything is written, and one bad
input stops the run with one line on stderr naming the file and the problem (exit 1), leaving
``-o`` untouched.  Output goes through a temporary file renamed into place, so it is never half
written.  ``batch`` is tolerant and resumable: see :mod:`policytext.parallel.batch`.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import tempfile
import threading
from collections import Counter
from collections.abc import Callable, Iterable
from importlib import resources
from typing import IO

from . import __version__
from .errors import PolicytextError
from .analyzer import Analyzer, analyze, default_analyzer
from .inputs import DEFAULT_MAX_BYTES, InputDocument, iter_inputs
from .records import Document

__all__ = ["main"]

PROG = "policytext"


_SLOGANS_HELP = (
    "your own slogan list, added to the shipped one: a UTF-8 tab-separated file with a header row "
    "and columns slogan (required), items (members separated by 、), source, kind, id"
)


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog=PROG,
        description="Structured records from Chinese policy news: slogans, quantities, dates, checks.",
    )
    p.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    a = sub.add_parser("analyze", help="analyze files (.txt, .jsonl, or - for stdin) into JSON Lines")
    a.add_argument("paths", nargs="+", metavar="PATH", help=".txt (UTF-8/GBK/GB18030/Big5), .jsonl, or -")
    a.add_argument("-o", "--output", metavar="FILE", help="write JSON Lines here (default: stdout)")
    a.add_argument("--text-field", default="text", help="JSON Lines: the field holding the text")
    a.add_argument("--id-field", default=None, help="JSON Lines: the field holding the document id")
    a.add_argument("--tokens", action="store_true", help="also segment and include tokens")
    a.add_argument("--segmenter", choices=["jieba", "rjieba"], default="jieba",
                   help="tokens from jieba (the reference) or rjieba (faster; policytext[fast])")
    a.add_argument("--slogans", metavar="TSV", default=None, help=_SLOGANS_HELP)
    a.add_argument(
        "--max-mb",
        type=float,
        default=DEFAULT_MAX_BYTES / 1024 / 1024,
        help="refuse a single document larger than this (default: %(default)s)",
    )

    b = sub.add_parser(
        "batch",
        help="analyze a corpus (folders of .txt, .jsonl, .csv, .parquet) into OUTDIR; resumable",
        description="Analyze a corpus into OUTDIR: documents.jsonl, errors.jsonl, one table per "
        "record type, summary.json.  Killed at any moment, the same command resumes; a document "
        "that cannot be read or analyzed is recorded in errors.jsonl and the batch goes on.",
    )
    b.add_argument("paths", nargs="+", metavar="INPUT", help="folders (.txt, recursively), .txt, .jsonl, .csv, .tsv, .parquet")
    b.add_argument("-o", "--output", metavar="OUTDIR", required=True, help="output folder (created if needed)")
    b.add_argument("--jobs", type=int, default=1, help="processes that analyze, this one included (default: %(default)s)")
    b.add_argument("--format", dest="fmt", choices=["parquet", "csv", "jsonl"], default="parquet",
                   help="tables as Parquet or CSV, or jsonl for documents.jsonl only (default: %(default)s)")
    b.add_argument("--text-field", default="text", help="JSON Lines/CSV/Parquet: the field holding the text")
    b.add_argument("--id-field", default=None, help="JSON Lines/CSV/Parquet: the field holding the document id")
    b.add_argument("--tokens", action="store_true", help="also segment and include tokens in documents.jsonl")
    b.add_argument("--segmenter", choices=["jieba", "rjieba"], default="jieba",
                   help="tokens from jieba (the reference) or rjieba (faster; policytext[fast])")
    b.add_argument("--slogans", metavar="TSV", default=None,
                   help=_SLOGANS_HELP + "; recorded in the batch's manifest, so a resume must give the same list")
    b.add_argument("--chunk-size", type=int, default=64, help="documents per unit of work and of resumption")
    b.add_argument("--scheduler", metavar="ADDRESS", default=None,
                   help="run on an existing Dask cluster (tcp://host:8786); needs policytext[dask]")
    b.add_argument("--max-mb", type=float, default=DEFAULT_MAX_BYTES / 1024 / 1024,
                   help="a single .txt document larger than this is recorded as an error (default: %(default)s)")
    b.add_argument("--progress-every", type=float, default=10.0, help=argparse.SUPPRESS)

    d = sub.add_parser("demo", help="analyze the bundled seed article and print a summary")
    d.add_argument("-o", "--output", metavar="FILE", default="demo-output.jsonl", help="JSON Lines output")
    d.add_argument("--tokens", action="store_true", help="also segment and include tokens")
    return p


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "analyze":
            return _analyze(args)
        if args.command == "batch":
            return _batch(args)
        if args.command == "demo":
            return _demo(args)
        _parser().print_help(sys.stderr)
        return 2
    except PolicytextError as exc:
        _error(str(exc))
        return 1
    except KeyboardInterrupt:
        _error("interrupted")
        return 130
    except BrokenPipeError:  # `policytext analyze … | head`
        try:
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115
        except OSError:
            pass
        return 0


def _error(message: str) -> None:
    print(f"{PROG}: error: {message}", file=sys.stderr)


def _analyzer(args: argparse.Namespace) -> Analyzer:
    """The analyzer the options ask for: with the user's slogan list (read and checked now,
    before any input), or the shipped-data one."""
    if args.slogans is None:
        return default_analyzer(args.segmenter)
    return Analyzer(extra_slogans=args.slogans, segmenter=args.segmenter)


def _analyze(args: argparse.Namespace) -> int:
    analyzer = _analyzer(args)
    max_bytes = int(args.max_mb * 1024 * 1024)
    inputs: list[InputDocument] = []
    failed = 0
    for path in args.paths:
        try:
            inputs.extend(
                iter_inputs([path], text_field=args.text_field, id_field=args.id_field, max_bytes=max_bytes)
            )
        except PolicytextError as exc:
            _error(str(exc))
            failed += 1
    if failed:
        if args.output:
            print(f"{PROG}: nothing written to {args.output}", file=sys.stderr)
        return 1
    docs = (_analyze_one(analyzer, d, tokens=args.tokens) for d in inputs)
    _write_jsonl(docs, args.output)
    return 0


def _analyze_one(analyzer: Analyzer, inp: InputDocument, *, tokens: bool) -> Document:
    try:
        return analyzer.analyze(inp.text, id=inp.id, meta={"source": inp.source, **inp.meta}, tokens=tokens)
    except PolicytextError:
        raise
    except Exception as exc:  # a bug of ours must still name the input, not dump a traceback
        if os.environ.get("POLICYTEXT_DEBUG"):
            raise
        raise PolicytextError(
            f"{inp.source}: analysis failed ({type(exc).__name__}: {exc}); "
            "set POLICYTEXT_DEBUG=1 for the traceback"
        ) from exc


def _write_jsonl(docs: Iterable[Document], output: str | None) -> None:
    if output is None:
        for doc in docs:
            sys.stdout.write(json.dumps(doc.to_dict(), ensure_ascii=False) + "\n")
        sys.stdout.flush()
        return
    target = os.path.abspath(output)
    if os.path.isdir(target):
        raise PolicytextError(f"{output}: is a directory, not a file to write")
    directory = os.path.dirname(target)
    if not os.path.isdir(directory):
        raise PolicytextError(f"{output}: folder {directory} does not exist")
    fd, tmp = tempfile.mkstemp(prefix=".policytext-", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            for doc in docs:
                fh.write(json.dumps(doc.to_dict(), ensure_ascii=False) + "\n")
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; give the file ordinary permissions
        os.replace(tmp, target)
    except BaseException:
        os.unlink(tmp)
        raise


def _batch(args: argparse.Namespace) -> int:
    from .parallel.batch import run_batch

    analyzer = _analyzer(args)
    client = None
    executor = None
    if args.scheduler:
        try:
            from distributed import Client
        except ImportError:
            raise PolicytextError("--scheduler needs Dask: pip install 'policytext[dask]'") from None
        try:
            client = Client(args.scheduler, timeout="20s")
        except OSError as exc:
            raise PolicytextError(f"--scheduler {args.scheduler}: cannot connect ({exc})") from None
        executor = client.get_executor()
    # Ctrl-C asks the batch to stop after the chunk at hand (a second one stops it at once);
    # a flag checked between chunks cannot be swallowed the way a KeyboardInterrupt raised
    # inside a finalizer can
    interrupted = threading.Event()

    def on_sigint(signum: int, frame: object) -> None:
        if interrupted.is_set():
            raise KeyboardInterrupt
        interrupted.set()

    previous = signal.signal(signal.SIGINT, on_sigint)
    try:
        summary = run_batch(
            args.paths,
            args.output,
            jobs=args.jobs,
            fmt=args.fmt,
            text_field=args.text_field,
            id_field=args.id_field,
            tokens=args.tokens,
            analyzer=analyzer,
            chunk_size=args.chunk_size,
            max_bytes=int(args.max_mb * 1024 * 1024),
            executor=executor,
            progress=sys.stderr,
            progress_every=args.progress_every,
            stop=interrupted.is_set,
        )
    except KeyboardInterrupt:
        _error(f"interrupted; finished chunks are kept in {args.output} — run the same command again to resume")
        return 130
    finally:
        signal.signal(signal.SIGINT, previous)
        if client is not None:
            client.close()
    print(summary.table())
    return 0


def _demo(args: argparse.Namespace) -> int:
    text = (resources.files("policytext") / "data" / "xinzhou-2018.txt").read_text(encoding="utf-8")
    doc = analyze(text, id="xinzhou-2018", meta={"source": "policytext/data/xinzhou-2018.txt"}, tokens=args.tokens)
    _write_jsonl([doc], args.output)
    print_summary(doc, sys.stdout)
    print(f"\nrecords written to {args.output} (one JSON document per line)")
    return 0


def print_summary(doc: Document, out: IO[str]) -> None:
    """A readable account of one analyzed document: its text, then each kind of record."""
    for section in (_summary_text, _summary_slogans, _summary_quantities, _summary_dates, _summary_findings):
        section(doc, out.write)


def _summary_text(doc: Document, w: Callable[[str], object]) -> None:
    w(f"document {doc.id}: {len(doc.text)} characters, script {doc.script}\n")
    by_script = Counter(p.script for p in doc.paragraphs)
    w("  paragraphs: " + ", ".join(f"{n} {s}" for s, n in by_script.most_common()) + "\n")
    changed = sum(1 for a, b in zip(doc.text, doc.text_simplified) if a != b)
    w(f"  converted to Simplified: {changed} characters changed\n")
    w(f"  sentences: {len(doc.sentences)}")
    if doc.tokens is not None:
        w(f", tokens: {len(doc.tokens)}")
    w("\n")
    if doc.boilerplate:
        kinds = Counter(b.kind for b in doc.boilerplate)
        w("  boilerplate flagged: " + ", ".join(f"{n} {k}" for k, n in kinds.most_common()) + "\n")


def _summary_slogans(doc: Document, w: Callable[[str], object]) -> None:
    w(f"\nslogans ({len(doc.slogans)})\n")
    for s in doc.slogans:
        num = s.number if s.number is not None else "+".join(map(str, s.parts))
        items = "、".join(i.text for i in s.items)
        src = f" [{s.items_source}]" if s.items_source else ""
        w(f"  {s.start:>5}  {s.normalized:<16} {num!s:<6} {s.kind:<12} {items[:60]}{src}\n")


def _summary_quantities(doc: Document, w: Callable[[str], object]) -> None:
    w(f"\nquantities ({len(doc.quantities)})\n")
    for q in doc.quantities:
        qual = f" ({q.qualifier})" if q.qualifier else ""
        counted = f" of {q.counted}" if q.counted else ""
        value = q.value if q.value is not None else (f"{q.low}..{q.high}" if q.low is not None else "?")
        w(f"  {q.start:>5}  {q.text:<14} = {value} {q.unit or ''} [{q.kind}]{qual}{counted}\n")


def _summary_dates(doc: Document, w: Callable[[str], object]) -> None:
    w(f"\ndates ({len(doc.dates)})\n")
    for d in doc.dates:
        when = "-".join(str(x) for x in (d.year, d.month, d.day) if x is not None)
        extra = " ".join(x for x in (d.relative, d.part, f"to {d.to_year}" if d.to_year else None, d.qualifier) if x)
        w(f"  {d.start:>5}  {d.text:<14} {when} {extra}\n")


def _summary_findings(doc: Document, w: Callable[[str], object]) -> None:
    w(f"\nfindings ({len(doc.findings)})\n")
    for f in doc.findings:
        w(f"  [{f.status}] {f.check}: {f.message}\n")
