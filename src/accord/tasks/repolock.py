"""An exclusive lock on a file, held by one process at a time (the repository write lock).

On POSIX systems it is ``flock`` on the file, the very lock the ``filelock`` package
takes there (so either side waits for the other) without importing it, which costs
more than the rest of a no-op ``accord sync``; elsewhere it is ``filelock``'s.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from pathlib import Path


@contextlib.contextmanager
def exclusive(path: Path, on_wait: Callable[[], None]) -> Iterator[None]:
    """Hold the lock on ``path``; ``on_wait`` is called once if another process holds it."""
    try:
        import fcntl  # noqa: PLC0415  (POSIX only)
    except ImportError:
        with _filelock(path, on_wait):
            yield
        return
    # Never through a link: a lock file linked elsewhere would create or lock that file.
    fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            on_wait()
            fcntl.flock(fd, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


@contextlib.contextmanager
def _filelock(path: Path, on_wait: Callable[[], None]) -> Iterator[None]:
    from filelock import FileLock, Timeout  # noqa: PLC0415  (only where flock is missing)

    lock = FileLock(path)
    try:
        lock.acquire(timeout=0)
    except Timeout:
        on_wait()
        lock.acquire()
    try:
        yield
    finally:
        lock.release()
