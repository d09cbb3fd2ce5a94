"""Every task reads PO files through one safe reader: no FIFO, device or link out is read.

A FIFO named like a PO file used to hang ``build`` and ``translate --dry-run``
(and ``check``, ``report``, ``status`` took it for a file not synced yet); a link to
``/dev/zero`` was read by ``translate`` until memory ran out.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from test_bad_inputs import base_repo

TASKS = [("translate", "--dry-run"), ("check",), ("report",), ("build",),
         ("build", "--approved-only"), ("status",), ("check", "--fix")]
PO = "locales/de/good.po"


def run(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``accord`` in ``root``, killed after 60 s so that a hang fails instead of blocking."""
    env = dict(os.environ, PYTHONIOENCODING="utf-8", COLUMNS="100")
    return subprocess.run([sys.executable, "-m", "accord", *args], cwd=root, env=env,
                          capture_output=True, text=True, check=False, timeout=60)


def synced(root: Path) -> Path:
    base_repo(root)
    assert run(root, "sync").returncode == 0
    po = root / PO
    po.unlink()
    return po


@pytest.mark.parametrize("task", TASKS, ids=" ".join)
def test_a_fifo_po_file_is_refused_by_every_task(tmp_path: Path, task: tuple[str, ...]) -> None:
    """A FIFO as PO file: ``path: cannot read: is a FIFO``, an exit code, never a hang."""
    os.mkfifo(synced(tmp_path))
    result = run(tmp_path, *task)
    assert "Traceback" not in result.stderr + result.stdout
    assert f"{PO}: cannot read: is a FIFO" in result.stderr + result.stdout
    assert "run sync" not in result.stdout
    assert result.returncode == (1 if task[0] == "translate" else 2), result.stderr


@pytest.mark.parametrize("task", TASKS, ids=" ".join)
def test_a_po_file_linked_to_dev_zero_is_never_read(tmp_path: Path, task: tuple[str, ...]) -> None:
    """A link to /dev/zero as PO file is refused (exit 2) before a byte is read."""
    os.symlink("/dev/zero", synced(tmp_path))
    result = run(tmp_path, *task)
    assert "Traceback" not in result.stderr
    assert f"{PO}: leads outside the repository" in result.stderr
    assert result.returncode == 2, result.stderr


def test_translation_memory_reads_no_po_file_linked_outside(tmp_path: Path) -> None:
    """A PO file linked out of the repository is not read into the translation memory."""
    po = synced(tmp_path)
    outside = tmp_path.parent / f"{tmp_path.name}-outside.po"
    outside.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                       'msgid "A good paragraph."\nmsgstr "GEHEIM"\n', encoding="utf-8")
    os.symlink(outside, po.with_name("other.po"))
    os.symlink(outside, po)
    result = run(tmp_path, "translate", "--dry-run")
    assert "GEHEIM" not in result.stdout + result.stderr
    assert f"{PO}: leads outside the repository" in result.stderr


def test_the_workbench_never_reads_a_fifo_for_a_version(tmp_path: Path) -> None:
    """The workbench's version check of a PO file refuses a FIFO instead of blocking on it."""
    from accord.safefile import UnsafeFileError  # noqa: PLC0415
    from accord.serve.snapshot import current_version  # noqa: PLC0415

    fifo = tmp_path / "x.po"
    os.mkfifo(fifo)
    with pytest.raises(UnsafeFileError):
        current_version(fifo)
    assert current_version(tmp_path / "gone.po") is None
