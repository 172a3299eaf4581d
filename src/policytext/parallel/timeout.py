"""A time limit per document, so that one pathological text cannot stall a run of thousands.

The limit is a real-time interval timer (``setitimer``) whose ``SIGALRM`` raises
:class:`TimeLimitExceeded` inside the analysis, wherever it is.  Signals are delivered to a
process's main thread only, so the limit applies where documents are analyzed on a main
thread: policytext's worker processes, and the calling process of ``batch`` and :func:`pipe`
when it runs there.  On another thread (a Dask worker, a web server's request thread), where
``setitimer`` is missing (Windows), documents are analyzed without a limit and nothing else
changes.  A real-time timer the caller has running goes on with the time it had left.
"""

from __future__ import annotations

import math
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from ..errors import OptionError

__all__ = ["TimeLimitExceeded", "time_limit", "limit_reason", "checked_timeout", "DEFAULT_DOC_TIMEOUT"]

#: seconds one document may take by default: a news item takes milliseconds, a whole report
#: of megabytes a few seconds
DEFAULT_DOC_TIMEOUT = 60.0


class TimeLimitExceeded(BaseException):
    """A document took longer than its limit.  A BaseException, like KeyboardInterrupt, so
    that no ``except Exception`` inside the analysis (a library's fallback) can swallow it."""


def _expired(signum: int, frame: Any) -> None:
    raise TimeLimitExceeded


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


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise :class:`TimeLimitExceeded` in the block once it has run ``seconds`` (None: no
    limit).  The caller's own SIGALRM handler is put back afterwards, and a timer of the
    caller's that was running (pytest-timeout's, say) goes on with the time it had left; if it
    was due sooner than this limit, it is left alone and no limit is set."""
    if seconds is None or not _can_time():
        yield
        return
    previous = signal.signal(signal.SIGALRM, _expired)
    outer, interval = signal.setitimer(signal.ITIMER_REAL, seconds)
    if outer and outer <= seconds:  # the caller's timer comes first: keep it as it was
        signal.setitimer(signal.ITIMER_REAL, outer, interval)
        signal.signal(signal.SIGALRM, previous)
        yield
        return
    started = time.monotonic()
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if outer:  # the caller's timer, less the time spent here
            signal.setitimer(signal.ITIMER_REAL, max(outer - (time.monotonic() - started), 1e-6), interval)
