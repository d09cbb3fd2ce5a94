"""Writing tasks take the repository's write lock, so two runs never clobber a PO file."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from filelock import FileLock
from tests.helpers import make_repo


def test_sync_waits_for_the_task_holding_the_lock(tmp_path: Path) -> None:
    """While another task holds the lock, sync says it waits and writes nothing."""
    repo = make_repo(tmp_path)
    lock = FileLock(repo / "build" / "cache" / "accord.lock")
    (repo / "build" / "cache").mkdir(parents=True)
    with lock:
        process = subprocess.Popen(
            [sys.executable, "-m", "accord", "sync"],
            cwd=repo, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            env=dict(os.environ, PYTHONIOENCODING="utf-8"),
        )
        assert process.stderr is not None
        first = process.stderr.readline()  # blocks until the task reports waiting
        assert "another Accord task is writing in this repository" in first
        assert not (repo / "locales").exists()
    out, err = process.communicate(timeout=120)
    assert process.returncode == 0, err
    assert "wrote locales/de/corridor.po" in out
    assert (repo / "locales" / "de" / "corridor.po").exists()
