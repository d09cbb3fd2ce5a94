"""Worker processes that never outlive the task that started them.

``kill -9`` of ``sync --jobs N`` gives its workers no chance to notice: they would
sit blocked on their call queue forever. On Linux each worker asks the kernel
(``prctl(PR_SET_PDEATHSIG, SIGKILL)``) to be killed when its parent dies; a worker
whose parent is already gone when it starts exits at once.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
from concurrent.futures import ProcessPoolExecutor

PR_SET_PDEATHSIG = 1


def die_with_parent(parent: int) -> None:
    """Pool initializer: this process is killed when process ``parent`` dies."""
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
        except (OSError, AttributeError):
            pass  # no prctl: the worker still ends when its call queue closes
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)


def process_pool(workers: int) -> ProcessPoolExecutor:
    """A process pool whose workers die with this process, even on SIGKILL."""
    return ProcessPoolExecutor(
        max_workers=workers, initializer=die_with_parent, initargs=(os.getpid(),)
    )
