"""Files Accord writes keep the mode of the file they replace; new ones follow the umask."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.helpers import make_repo

from accord.fsutil import write_text_if_changed


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def umask_022() -> Iterator[None]:
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


@pytest.mark.usefixtures("umask_022")
def test_new_file_follows_the_umask(tmp_path: Path) -> None:
    """A file that did not exist is created 0644 under umask 022 (not mkstemp's 0600)."""
    target = tmp_path / "new" / "page.html"
    assert write_text_if_changed(target, "hello\n")
    assert mode(target) == 0o644
    assert not [p.name for p in target.parent.iterdir() if p.name.endswith(".tmp")]


def test_new_file_follows_a_strict_umask(tmp_path: Path) -> None:
    """Under umask 077 a new file is private (0600), as with any editor."""
    old = os.umask(0o077)
    try:
        target = tmp_path / "private.po"
        write_text_if_changed(target, "x\n")
    finally:
        os.umask(old)
    assert mode(target) == 0o600


@pytest.mark.usefixtures("umask_022")
@pytest.mark.parametrize("kept", [0o664, 0o640, 0o600, 0o755])
def test_replaced_file_keeps_its_mode(tmp_path: Path, kept: int) -> None:
    """Rewriting a file keeps the mode it had (group-writable, private or executable)."""
    target = tmp_path / "a.po"
    target.write_text("old\n", encoding="utf-8")
    target.chmod(kept)
    assert write_text_if_changed(target, "new\n")
    assert target.read_text(encoding="utf-8") == "new\n"
    assert mode(target) == kept


def test_tasks_write_0644_under_umask_022(tmp_path: Path) -> None:
    """sync, build and report under umask 022 write PO files, articles and pages 0644."""
    root = make_repo(tmp_path)
    (root / "pyproject.toml").write_text('[tool.accord]\nlocales = ["de"]\nthreshold = 0\n',
                                         encoding="utf-8")
    accord = f'"{sys.executable}" -m accord'
    script = f"umask 022 && {accord} sync && {accord} build && {accord} report"
    done = subprocess.run(["sh", "-c", script], cwd=root, capture_output=True, text=True,
                          check=False)
    assert done.returncode == 0, done.stderr
    written = [
        root / "locales" / "de" / "corridor.po",
        root / "build" / "site" / "de" / "corridor.md",
        root / "build" / "reports" / "index.html",
        root / "build" / "reports" / "de" / "corridor.html",
        root / "build" / "reports" / "report.json",
    ]
    assert {p.relative_to(root).as_posix(): oct(mode(p)) for p in written} == {
        p.relative_to(root).as_posix(): "0o644" for p in written
    }
