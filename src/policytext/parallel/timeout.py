"""A time limit per document, so that one pathological text cannot stall a run of thousands.

The limit is a real-time interval timer (``setitimer``) whose ``SIGALRM`` raises
:class:`TimeLimitExceeded` inside the analysis, wherever it is.  Signals are delivered to a
process's main thread only, so the limit applies where documents are analyzed on a main
thread: policytext's worker processes, and the calling process of ``batch`` and :func:`pipe`
when it runs there.  On another thread (a Dask worker, a web server's request thread), or where
``setitimer`` is missing (Windows), documents are analyzed without a limit and nothing else
changes.  A real-time timer of the caller's (pytest-timeout's, say) keeps its handler and goes
on with the time it had left.
"""

from __future__ import annotations

import math
import signal
import threading
import time
from collections.abc import Callable
from typing import Any, TypeVar

from ..errors import OptionError

__all__ = ["TimeLimitExceeded", "TimeLimit", "limit_reason", "checked_timeout", "DEFAULT_DOC_TIMEOUT"]

#: seconds one document may take by default: a news item takes milliseconds, a whole report
#: of megabytes a few seconds
DEFAULT_DOC_TIMEOUT = 60.0

T = TypeVar("T")


class TimeLimitExceeded(BaseException):
    """A document took longer than its limit.  A BaseException, like KeyboardInterrupt, so
    that no ``except Exception`` inside the analysis (a library's fallback) can swallow it."""


def checked_timeout(seconds: Any) -> float | None:
    """``seconds`` when it is None or a positive, finite number; an OptionError otherwise."""
    if seconds is None:
        return None
    if isinstance(seconds, bool) or not isinstance(seconds, (int, float)) or not 0 < seconds < math.inf:
        raise OptionError("doc_timeout", seconds, ["a positive number of seconds", None])
    return float(seconds)


def limit_reason(seconds: float) -> str:
    """What an error record says of a document stopped at the limit."""
    return f"analysis stopped at the time limit of {seconds:g} s per document"


def _can_time() -> bool:
    return (
        hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
        and signal.getsignal(signal.SIGALRM) is not None  # None: a handler set outside Python
    )


class TimeLimit:
    """``seconds`` (None: no limit) for each call of :meth:`call`, over a chunk of documents::

        with TimeLimit(60) as limit:
            docs = [limit.call(analyzer.analyze, t) for t in texts]

    The SIGALRM handler is installed once for the block (installing one costs more than
    arming the timer) and the caller's put back after it; between calls the caller's own
    timer, if it fires, reaches the caller's handler."""

    def __init__(self, seconds: float | None) -> None:
        self.seconds = seconds
        self.active = False
        self.armed = False
        self.previous: Any = None

    def __enter__(self) -> TimeLimit:
        if self.seconds is not None and _can_time():
            self.previous = signal.signal(signal.SIGALRM, self._expired)
            self.active = True
        return self

    def __exit__(self, *exc: object) -> None:
        if self.active:
            signal.signal(signal.SIGALRM, self.previous)
            self.active = False

    def _expired(self, signum: int, frame: Any) -> None:
        if self.armed:
            raise TimeLimitExceeded
        if callable(self.previous):  # the caller's timer, outside a call
            self.previous(signum, frame)
        elif self.previous == signal.SIG_DFL:
            signal.signal(signal.SIGALRM, signal.SIG_DFL)
            signal.raise_signal(signal.SIGALRM)

    def call(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """``fn(*args, **kwargs)``, stopped with :class:`TimeLimitExceeded` at the limit."""
        if not self.active:
            return fn(*args, **kwargs)
        outer, interval = signal.setitimer(signal.ITIMER_REAL, self.seconds)  # type: ignore[arg-type]
        if outer and outer <= self.seconds:  # the caller's timer comes first: keep it as it was
            signal.setitimer(signal.ITIMER_REAL, outer, interval)
            return fn(*args, **kwargs)
        started = time.monotonic() if outer else 0.0
        self.armed = True
        try:
            return fn(*args, **kwargs)
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            self.armed = False
            if outer:  # the caller's timer, less the time spent here
                signal.setitimer(signal.ITIMER_REAL, max(outer - (time.monotonic() - started), 1e-6), interval)
