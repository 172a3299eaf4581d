"""How far a batch has got, on the caller's terminal: a progress bar (tqdm) when it is one,
plain periodic lines otherwise (a log file, a CI job), so that a long run can be watched
without flooding what records it."""

from __future__ import annotations

import time
from typing import TextIO

__all__ = ["Progress"]


class Progress:
    """A progress bar on a terminal (tqdm); a line every ``every`` seconds otherwise."""

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
