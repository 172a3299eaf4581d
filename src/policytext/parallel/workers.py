"""Worker processes for :func:`policytext.pipe` and ``policytext batch --jobs``, read from the
caller's own thread.

``concurrent.futures.ProcessPoolExecutor`` reads results in a thread of the calling process.
That is fine while the caller only waits, but here the caller analyzes chunks too, and then
the reading thread gets the GIL only at the switch interval (5 ms) between reads of 64 KB pipe
buffers, while the worker, whose result put is synchronous, stalls: a chunk's texts (about
95 KB for 64 news items) or a batch chunk's results do not fit one buffer.  Here a worker hands each pickled result to its queue's feeder thread
and goes on to the next chunk, and the caller reads results in its own thread when it wants
them; on Linux the pipes are widened so that a chunk goes in one write.  A worker that dies is
reported, not waited for; a worker whose caller died (killed with SIGKILL) exits instead of
waiting for work forever, so that a killed batch leaves no process behind.
"""

from __future__ import annotations

import multiprocessing
import pickle
import queue
import signal
from collections.abc import Callable, Iterator
from typing import Any

from ..analyzer import Analyzer, default_analyzer
from ..errors import OptionError, PolicytextError
from ..text.segment import BACKENDS

__all__ = ["Workers", "WorkerDied", "analyzer_for", "warm_up", "mp_context"]

#: how often an idle worker checks that its caller is still alive (seconds)
_IDLE_CHECK = 1.0

#: what a worker applies to each chunk: ``fn(chunk, analyzer, tokens)``
ChunkFn = Callable[[Any, "Analyzer", bool], Any]


class WorkerDied(PolicytextError):
    """A worker process ended while chunks were still in its hands (killed, or out of memory)."""


def analyzer_for(analyzer: Analyzer | None, segmenter: str) -> Analyzer:
    """The analyzer a run of many documents uses: the one given (which brings its own
    segmenter), or the shipped-data one of ``segmenter``.  A ``segmenter`` other than the
    default that disagrees with the given analyzer's is an error, not silently dropped."""
    if analyzer is None:
        if segmenter not in BACKENDS:
            raise OptionError("segmenter", segmenter, list(BACKENDS))
        return default_analyzer(segmenter)
    if not isinstance(analyzer, Analyzer):
        raise OptionError("analyzer", analyzer, ["a policytext.Analyzer", None])
    own = analyzer.config()["segmenter"]
    if segmenter != "jieba" and segmenter != own:
        raise OptionError("segmenter", segmenter, [f"{own} (the analyzer's own; or leave segmenter out)"])
    return analyzer


def warm_up(analyzer: Analyzer, tokens: bool = False) -> None:
    """Load every resource a worker needs, once (:meth:`Analyzer.load`: OpenCC, the lexicon,
    the unit table, the noun list, and the segmenter only when tokens are wanted).  Ctrl-C is
    the parent's to handle: a worker ignores it, so that the parent stops cleanly between
    chunks."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    analyzer.load(tokens=tokens)


def mp_context() -> Any:
    """The multiprocessing context workers start in.

    forkserver: workers start from a small server process that has imported policytext, not
    from a copy of the caller (whose memory may hold a whole corpus); spawn where it is
    missing.  The server loads the shipped resources once (:mod:`._preload`); workers forked
    from it start warm, and later pools of the same process reuse the server."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["policytext.parallel._preload"])
        return ctx
    return multiprocessing.get_context("spawn")


def _work(fn: ChunkFn, tasks: Any, results: Any, analyzer: Analyzer, tokens: bool) -> None:
    # ``analyzer`` arrives pickled by its configuration and is rebuilt once in this process
    # (the shipped-data one is the server's, already warm).
    # Hold neither the writing end of the task pipe nor the reading end of the result pipe
    # (a queue carries both ends into every process it is given to): once the caller is gone,
    # nothing can write a task, so reading one ends (EOF) rather than waiting for ever, even in
    # the middle of a task the caller was killed while sending.
    for end in (getattr(tasks, "_writer", None), getattr(results, "_reader", None)):
        if end is not None:
            end.close()
    warm_up(analyzer, tokens)
    caller = multiprocessing.parent_process()
    while True:
        task = _next_task(tasks, caller)
        if task is None:
            results.cancel_join_thread()  # what is unsent has no reader
            return
        seq, chunk = task
        # the feeder thread writes the result; this loop goes on
        results.put((seq, _run(fn, chunk, analyzer, tokens)))


def _next_task(tasks: Any, caller: Any) -> Any:
    """The next ``(seq, chunk)``, or None when there will be none: the caller sent None, or
    died (SIGKILL) while this worker was idle or reading."""
    while True:
        try:
            return tasks.get(timeout=_IDLE_CHECK)
        except queue.Empty:
            if caller is None or caller.is_alive():
                continue
            return None
        except (EOFError, OSError):  # the caller died: no task will ever come
            return None


def _run(fn: ChunkFn, chunk: Any, analyzer: Analyzer, tokens: bool) -> bytes:
    """``fn``'s result pickled, or its exception (raised again in the caller, as it would have
    been there)."""
    try:
        return pickle.dumps(("ok", fn(chunk, analyzer, tokens)), pickle.HIGHEST_PROTOCOL)
    except Exception as exc:
        try:
            return pickle.dumps(("error", exc), pickle.HIGHEST_PROTOCOL)
        except Exception:  # an exception that cannot be pickled: send its text
            return pickle.dumps(("error", PolicytextError(f"{type(exc).__name__}: {exc}")))


#: the capacity asked for the pipes to and from the workers: a chunk's texts (about 95 KB for
#: 64 news items) and its results then go in one write, rather than in 64 KB pieces, each
#: waiting for the reader and then for the writing thread to get the GIL back
_PIPE_BYTES = (1 << 20, 1 << 18)


def _widen(q: Any) -> None:
    """Ask for a larger buffer of the pipe under queue ``q`` (Linux; elsewhere, or above this
    user's ``/proc/sys/fs/pipe-max-size``, the default stays)."""
    try:
        import fcntl

        setpipe, fd = fcntl.F_SETPIPE_SZ, q._writer.fileno()
    except (ImportError, AttributeError, OSError):
        return
    for size in _PIPE_BYTES:
        try:
            fcntl.fcntl(fd, setpipe, size)
            return
        except OSError:
            continue


class Workers:
    """``n`` worker processes applying ``fn(chunk, analyzer, tokens)`` to chunks; results are
    collected by sequence number.  ``analyzer`` goes to each worker once, pickled by its
    configuration, and is loaded there once."""

    def __init__(self, n: int, fn: ChunkFn, analyzer: Analyzer, tokens: bool, ctx: Any) -> None:
        self._tasks = ctx.Queue()
        self._results = ctx.Queue()
        for q in (self._tasks, self._results):
            _widen(q)
        self._done: dict[int, bytes] = {}
        self._sent = 0
        self._received = 0
        self._procs = [
            ctx.Process(target=_work, args=(fn, self._tasks, self._results, analyzer, tokens), daemon=True) for _ in range(n)
        ]
        for p in self._procs:
            p.start()

    def submit(self, chunk: Any) -> int:
        """Queue a chunk; return its sequence number."""
        seq = self._sent
        self._tasks.put((seq, chunk))
        self._sent += 1
        return seq

    @property
    def busy(self) -> int:
        """Chunks submitted whose results have not arrived (call :meth:`poll` first)."""
        return self._sent - self._received

    def poll(self) -> None:
        """Take in every result that has arrived, without waiting."""
        while True:
            try:
                s, payload = self._results.get_nowait()
            except queue.Empty:
                return
            self._done[s] = payload
            self._received += 1

    def ready(self, seq: int) -> bool:
        """Whether the result of chunk ``seq`` has arrived."""
        if seq not in self._done:
            self.poll()
        return seq in self._done

    def finished(self) -> Iterator[tuple[int, Any]]:
        """``(seq, result)`` of every chunk whose result has arrived and was not taken yet."""
        self.poll()
        for seq in sorted(self._done):
            yield seq, self.result(seq)

    def result(self, seq: int) -> Any:
        """The result of chunk ``seq``, waiting for it; a worker's exception is raised here."""
        while seq not in self._done:
            try:
                s, payload = self._results.get(timeout=0.5)
            except queue.Empty:
                dead = [p for p in self._procs if not p.is_alive()]
                if dead:
                    raise WorkerDied(f"a worker process ended unexpectedly (exit code {dead[0].exitcode})") from None
                continue
            self._done[s] = payload
            self._received += 1
        status, value = pickle.loads(self._done.pop(seq))
        if status == "error":
            raise value
        return value

    def close(self) -> None:
        """Stop the workers: at once, dropping work still queued (the caller has what it read)."""
        for p in self._procs:
            if p.is_alive():
                p.terminate()
        for p in self._procs:
            p.join(timeout=5)
        for q in (self._tasks, self._results):
            q.cancel_join_thread()  # never block on data nobody will read
            q.close()
