"""One batch at a time in an output folder: an exclusive lock on a file in its state folder.

Two batches writing one folder would clean up each other's temporary files and interleave their
chunks, so the second is refused before it touches anything.  The lock is ``flock`` on an open
file: the kernel drops it when the process ends, however it ends, so a killed run leaves no
stale lock to clear by hand.  Where ``fcntl`` is missing (Windows) no lock is taken; on a
file system that cannot lock, the batch is refused rather than run unguarded.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import PolicytextError

__all__ = ["FolderInUse", "locked_folder", "STATE_DIR"]

#: the folder inside an output folder that holds a batch's lock, manifest and finished chunks
STATE_DIR = ".policytext-state"
_LOCK = "lock"


class FolderInUse(PolicytextError):
    """Another batch is writing the output folder."""


@contextmanager
def locked_folder(outdir: str | os.PathLike[str]) -> Iterator[Path]:
    """Hold the lock of batch folder ``outdir`` (made if needed) while the block runs; raise
    :class:`FolderInUse` at once if another process holds it.  Yields the state folder."""
    out = Path(outdir)
    state = out / STATE_DIR
    try:
        state.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise PolicytextError(f"{out}: exists and is not a folder") from None
    except OSError as exc:
        raise PolicytextError(f"{out}: cannot make the output folder ({exc.strerror or exc})") from None
    fd = os.open(state / _LOCK, os.O_RDWR | os.O_CREAT, 0o666)
    try:
        _lock(fd, out)
        yield state
    finally:
        os.close(fd)  # releases the lock


def _lock(fd: int, out: Path) -> None:
    """Take the lock on ``fd`` without waiting, and write this process's id in the file so that
    a refused run can say which process holds it."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: no lock
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
        who = f" (process {holder})" if holder.isdigit() else ""
        raise FolderInUse(f"{out}: in use by another batch{who}; wait for it to finish, or write to another folder") from None
    except OSError as exc:  # a file system that cannot lock (ENOLCK, ENOTSUP): refuse rather than risk it
        raise PolicytextError(f"{out}: cannot lock the output folder ({exc.strerror or exc}); write to a local folder") from None
    os.ftruncate(fd, 0)
    os.pwrite(fd, str(os.getpid()).encode("ascii"), 0)
