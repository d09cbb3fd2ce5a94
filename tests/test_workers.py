"""Worker processes die with their parent, even when the parent is killed with SIGKILL."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

SCRIPT = """
import os, time
from accord.steps.workers import process_pool
pool = process_pool(2)
print(pool.submit(os.getpid).result(), flush=True)
pool.submit(time.sleep, 600)
time.sleep(600)
"""


def alive(pid: int) -> bool:
    """True if ``pid`` runs (a zombie waiting to be reaped counts as dead)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, IndexError):
        return False
    return state not in ("Z", "X")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux's")
def test_workers_die_when_the_parent_is_killed() -> None:
    """kill -9 of the process owning the pool leaves no worker behind."""
    with subprocess.Popen([sys.executable, "-c", SCRIPT], stdout=subprocess.PIPE,
                          text=True) as parent:
        assert parent.stdout is not None
        worker = int(parent.stdout.readline())
        assert alive(worker)
        os.kill(parent.pid, signal.SIGKILL)
        parent.wait()
    for _ in range(200):  # the kernel signals at once; this only waits for the exit
        if not alive(worker):
            break
        time.sleep(0.05)
    assert not alive(worker)
