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

Every failure is one line on stderr, ``policytext: error: …``, naming the file or the option —
a bad option value, a disk that is full or not writable, ``-o`` under a file, a scheduler that
cannot be reached, a bug of ours — never a traceback; ``--debug`` (or ``POLICYTEXT_DEBUG=1``)
shows the traceback of an unexpected one.  Exit status: 0 on success; 1 on failure; 2 for a
usage error; 130 when interrupted.  ``batch`` exits 1 when an input is missing or no document
could be analyzed, and 0 when it ran with at least one document written, every other one
counted in the summary and recorded in ``errors.jsonl`` (a line on stderr says how many).
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
from collections.abc import Callable, Iterable, Iterator
from importlib import resources
from pathlib import Path
from typing import IO, Any, NoReturn

from . import __version__
from .errors import PolicytextError
from .analyzer import Analyzer, analyze, default_analyzer
from .inputs import DEFAULT_MAX_BYTES, InputDocument, iter_inputs, shown_path
from .records import Document, Tokens
from .text.decode import replace_surrogates

__all__ = ["main"]

PROG = "policytext"
_DEBUG_HINT = "run again with --debug for the traceback"


_SLOGANS_HELP = (
    "your own slogan list, added to the shipped one: a UTF-8 tab-separated file with a header row "
    "and columns slogan (required), items (members separated by 、), source, kind, id"
)


class _Parser(argparse.ArgumentParser):
    """argparse with its usage errors as one line naming the option, like every other failure
    (argparse prints the whole usage first)."""

    def error(self, message: str) -> NoReturn:
        _error(f"{message} (see {self.prog} --help)")
        raise SystemExit(2)


def _positive_int(text: str) -> int:
    """A count option (``--jobs``, ``--chunk-size``): 0 would analyze nothing, and a negative
    one means nothing."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a positive whole number")
    return value


def _seconds(text: str) -> float:
    """A time limit in seconds: a number, 0 or more (0: no limit)."""
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not value >= 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds (0 for no limit)")
    return value


def _parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog=PROG,
        description="Structured records from Chinese policy news: slogans, quantities, dates, checks.",
    )
    p.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--debug", action="store_true",
                        help="show the traceback of an unexpected failure instead of one line")  # fmt: skip

    a = sub.add_parser("analyze", parents=[common], help="analyze files (.txt, .jsonl, or - for stdin) into JSON Lines")
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
        parents=[common],
        help="analyze a corpus (folders of .txt, .jsonl, .csv, .parquet) into OUTDIR; resumable",
        description="Analyze a corpus into OUTDIR: documents.jsonl, errors.jsonl, one table per "
        "record type, summary.json.  Killed at any moment, the same command resumes; a document "
        "that cannot be read or analyzed is recorded in errors.jsonl and the batch goes on.  "
        "Exit status 1 when an input is missing or no document could be analyzed, 0 otherwise.",
    )
    b.add_argument("paths", nargs="+", metavar="INPUT", help="folders (.txt, recursively), .txt, .jsonl, .csv, .tsv, .parquet")
    b.add_argument("-o", "--output", metavar="OUTDIR", required=True, help="output folder (created if needed)")
    b.add_argument("--jobs", type=_positive_int, default=1, help="processes that analyze, this one included (default: %(default)s)")
    b.add_argument("--format", dest="fmt", choices=["parquet", "csv", "jsonl"], default="parquet",
                   help="tables as Parquet or CSV, or jsonl for documents.jsonl only (default: %(default)s)")
    b.add_argument("--text-field", default="text", help="JSON Lines/CSV/Parquet: the field holding the text")
    b.add_argument("--id-field", default=None, help="JSON Lines/CSV/Parquet: the field holding the document id")
    b.add_argument("--tokens", action="store_true", help="also segment and include tokens in documents.jsonl")
    b.add_argument("--segmenter", choices=["jieba", "rjieba"], default="jieba",
                   help="tokens from jieba (the reference) or rjieba (faster; policytext[fast])")
    b.add_argument("--slogans", metavar="TSV", default=None,
                   help=_SLOGANS_HELP + "; recorded in the batch's manifest, so a resume must give the same list")
    b.add_argument("--chunk-size", type=_positive_int, default=64, help="documents per unit of work and of resumption")
    b.add_argument(
        "--doc-timeout", type=_seconds, default=60.0, metavar="SECONDS",
        help="a document that takes longer becomes an error record and the batch goes on (default: %(default)g; 0: no limit)",
    )  # fmt: skip
    b.add_argument("--scheduler", metavar="ADDRESS", default=None,
                   help="run on an existing Dask cluster (tcp://host:8786); needs policytext[dask]")
    b.add_argument("--max-mb", type=float, default=DEFAULT_MAX_BYTES / 1024 / 1024,
                   help="a single .txt document larger than this is recorded as an error (default: %(default)s)")
    b.add_argument("--progress-every", type=float, default=10.0, help=argparse.SUPPRESS)

    d = sub.add_parser("demo", parents=[common], help="analyze the bundled seed article and print a summary")
    d.add_argument("-o", "--output", metavar="FILE", default="demo-output.jsonl", help="JSON Lines output")
    d.add_argument("--tokens", action="store_true", help="also segment and include tokens")
    return p


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    debug = bool(getattr(args, "debug", False) or os.environ.get("POLICYTEXT_DEBUG"))
    try:
        if args.command == "analyze":
            return _analyze(args, debug)
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
        _silence_stdout()
        return 0
    except Exception as exc:  # noqa: BLE001 - anything else is still one line, unless --debug
        if debug:
            raise
        _error(_unexpected(exc, args))
        return 1


def _error(message: str) -> None:
    print(f"{PROG}: error: {replace_surrogates(message)[0]}", file=sys.stderr)


def _unexpected(exc: Exception, args: argparse.Namespace) -> str:
    """One line for a failure no check foresaw: a system call's (a full or read-only disk) names
    its file; anything else names the command and its output, and says how to see more."""
    if isinstance(exc, OSError) and exc.strerror:
        where = shown_path(exc.filename) if isinstance(exc.filename, (str, bytes)) else _command(args)
        return f"{where}: {exc.strerror}"
    return f"{_command(args)}: {_describe(exc)} ({_DEBUG_HINT})"


def _command(args: argparse.Namespace) -> str:
    output = getattr(args, "output", None)
    return f"{args.command} -o {output}" if output else str(args.command)


def _describe(exc: BaseException) -> str:
    """An exception as one line of reasonable length: its type, and its message if it has one."""
    text = " ".join(str(exc).split())
    if len(text) > 300:
        text = text[:300] + "…"
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _silence_stdout() -> None:
    """Point standard output at /dev/null, so that the interpreter's last flush of what could not
    be written (a closed pipe, a full disk) does not print a second error."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def _check_output_path(output: str | None) -> None:
    """Refuse ``-o`` under a file before anything is done, naming the file (the system says only
    "Not a directory", about a path the user never wrote)."""
    if output is None:
        return
    for parent in Path(os.path.abspath(output)).parents:
        if parent.exists():
            if not parent.is_dir():
                raise PolicytextError(f"-o {output}: {parent} is a file, not a folder")
            return


def _analyzer(args: argparse.Namespace) -> Analyzer:
    """The analyzer the options ask for: with the user's slogan list (read and checked now,
    before any input), or the shipped-data one."""
    if args.slogans is None:
        return default_analyzer(args.segmenter)
    return Analyzer(extra_slogans=args.slogans, segmenter=args.segmenter)


def _analyze(args: argparse.Namespace, debug: bool) -> int:
    _check_output_path(args.output)
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
    pieces = (piece for d in inputs for piece in _document_line(analyzer, d, tokens=args.tokens, debug=debug))
    _write_lines(pieces, args.output)
    return 0


def _document_line(analyzer: Analyzer, inp: InputDocument, *, tokens: bool, debug: bool) -> Iterator[str]:
    """One input analyzed and serialized, as a line of JSON in pieces; a failure of either names
    the input."""
    try:
        doc = analyzer.analyze(inp.text, id=inp.id, meta={"source": inp.source, **inp.meta}, tokens=tokens)
        yield from _json_line(doc)
    except PolicytextError:
        raise
    except Exception as exc:  # a bug of ours must still name the input, not dump a traceback
        if debug:
            raise
        raise PolicytextError(f"{inp.source}: analysis failed ({_describe(exc)}); {_DEBUG_HINT}") from exc


#: tokens serialized at a time when a document's JSON line is written in pieces
_TOKEN_BLOCK = 16384


def _json_line(doc: Document) -> Iterator[str]:
    """A Document's JSON line, in pieces: the tokens of a long document are serialized a block at
    a time (a 20 MB document has millions; their dicts at once took gigabytes), the rest whole.
    The pieces join to ``json.dumps(doc.to_dict())`` exactly."""
    tokens = doc.tokens
    if not isinstance(tokens, Tokens) or len(tokens) <= _TOKEN_BLOCK:
        yield json.dumps(doc.to_dict(), ensure_ascii=False) + "\n"
        return
    data = doc.to_dict(tokens=False)
    keys = list(data)
    cut = keys.index("sentences") + 1  # a Document's fields: … sentences, tokens, slogans …
    yield json.dumps({k: data[k] for k in keys[:cut]}, ensure_ascii=False)[:-1] + ', "tokens": ['
    for start in range(0, len(tokens), _TOKEN_BLOCK):
        block = json.dumps(tokens.to_dicts(start, start + _TOKEN_BLOCK), ensure_ascii=False)[1:-1]
        yield block if start == 0 else ", " + block
    yield "], " + json.dumps({k: data[k] for k in keys[cut:]}, ensure_ascii=False)[1:] + "\n"


def _write_lines(lines: Iterable[str], output: str | None) -> None:
    if output is None:
        _write_stdout(lines)
        return
    target = os.path.abspath(output)
    if os.path.isdir(target):
        raise PolicytextError(f"{output}: is a directory, not a file to write")
    directory = os.path.dirname(target)
    if not os.path.isdir(directory):
        raise PolicytextError(f"{output}: folder {directory} does not exist")
    try:
        fd, tmp = tempfile.mkstemp(prefix=".policytext-", suffix=".tmp", dir=directory)
    except OSError as exc:  # a folder we may not write in: name -o, not the temporary file
        raise PolicytextError(f"{output}: cannot be written ({exc.strerror or exc})") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.writelines(lines)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; give the file ordinary permissions
        os.replace(tmp, target)
    except BaseException as exc:
        os.unlink(tmp)
        if isinstance(exc, OSError) and exc.strerror:  # a full disk: name -o, not the temporary file
            raise PolicytextError(f"{output}: cannot be written ({exc.strerror})") from None
        raise


def _write_stdout(lines: Iterable[str]) -> None:
    try:
        for line in lines:
            sys.stdout.write(line)
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:  # a full disk behind a redirection
        _silence_stdout()
        raise PolicytextError(f"standard output: {exc.strerror or exc}") from None


def _batch(args: argparse.Namespace) -> int:
    from .parallel.batch import run_batch

    _check_output_path(args.output)
    analyzer = _analyzer(args)
    client = _dask_client(args.scheduler) if args.scheduler else None
    executor = client.get_executor() if client is not None else None
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
            doc_timeout=args.doc_timeout or None,
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
    return _batch_status(args.paths, Path(args.output), summary)


def _dask_client(address: str) -> Any:
    try:
        from distributed import Client
    except ImportError:
        raise PolicytextError("--scheduler needs Dask: pip install 'policytext[dask]'") from None
    try:
        return Client(address, timeout="20s")
    except Exception as exc:  # noqa: BLE001 - unreachable (OSError) or malformed (ValueError, TypeError)
        raise PolicytextError(f"--scheduler {address}: cannot connect ({_describe(exc)})") from None


def _batch_status(paths: list[str], out: Path, summary: Any) -> int:
    """The exit status of a finished batch, with a line on stderr for each thing that went
    wrong: 1 when an input is missing or no document could be analyzed; otherwise 0, the
    documents that failed counted (they are in errors.jsonl)."""
    errors = out / "errors.jsonl"
    missing = [p for p in paths if not os.path.exists(p)]
    for path in missing:
        _error(f"{shown_path(path)}: no such file or folder (recorded in {errors})")
    if summary.documents_in == 0:
        _error(f"no documents in {', '.join(map(shown_path, paths))}")
        return 1
    if summary.written == 0:
        _error(f"no document could be analyzed ({summary.failed} of {summary.documents_in} failed{_first_error(errors)}); "
               f"every reason is in {errors}")  # fmt: skip
        return 1
    if summary.failed:
        print(f"{PROG}: {summary.failed} of {summary.documents_in} documents could not be analyzed; see {errors}",
              file=sys.stderr)  # fmt: skip
    return 1 if missing else 0


def _first_error(errors: Path) -> str:
    """``; the first: SOURCE: REASON`` from a batch's errors.jsonl, or nothing if unreadable."""
    try:
        with errors.open(encoding="utf-8") as fh:
            first = json.loads(fh.readline())
        return f"; the first: {first['source']}: {first['reason']}"
    except (OSError, ValueError, KeyError, TypeError):
        return ""


def _demo(args: argparse.Namespace) -> int:
    text = (resources.files("policytext") / "data" / "xinzhou-2018.txt").read_text(encoding="utf-8")
    doc = analyze(text, id="xinzhou-2018", meta={"source": "policytext/data/xinzhou-2018.txt"}, tokens=args.tokens)
    _write_lines(_json_line(doc), args.output)
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
