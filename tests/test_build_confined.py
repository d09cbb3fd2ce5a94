"""build and report write and delete only Accord's own files in build/, never through a link."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from helpers import accord, make_repo

ARTICLE = "# Title\n\nOne paragraph.\n"


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder outside the repository holding a person's files."""
    folder = tmp_path / "home"
    folder.mkdir()
    (folder / "notes.md").write_text("mine", encoding="utf-8")
    (folder / "index.html").write_text("mine", encoding="utf-8")
    return folder


def repo(tmp_path: Path) -> Path:
    root = make_repo(tmp_path / "repo", ["de"], {"story": ARTICLE})
    (root / "pyproject.toml").write_text('[tool.accord]\nlocales = ["de"]\nthreshold = 0\n')
    assert accord(root, "sync").returncode == 0
    return root


def test_build_refuses_a_linked_locale_folder(tmp_path: Path, outside: Path) -> None:
    """build/site/de linked elsewhere: nothing written or deleted there, a message, exit 2."""
    root = repo(tmp_path)
    (root / "build" / "site").mkdir(parents=True)
    os.symlink(outside, root / "build" / "site" / "de")
    result = accord(root, "build")
    assert result.returncode == 2
    assert "symlink" in result.stderr
    assert "Traceback" not in result.stderr
    assert sorted(p.name for p in outside.iterdir()) == ["index.html", "notes.md"]


def test_report_refuses_a_linked_reports_folder(tmp_path: Path, outside: Path) -> None:
    """build/reports linked elsewhere: the person's files there stay as they are."""
    root = repo(tmp_path)
    (root / "build").mkdir(exist_ok=True)
    os.symlink(outside, root / "build" / "reports")
    result = accord(root, "report")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert (outside / "index.html").read_text(encoding="utf-8") == "mine"
    assert sorted(p.name for p in outside.iterdir()) == ["index.html", "notes.md"]


def test_build_deletes_only_pages_it_wrote(tmp_path: Path) -> None:
    """A stale page Accord wrote goes; a file someone else put in build/site stays."""
    root = repo(tmp_path)
    assert accord(root, "build").returncode == 0
    page = root / "build" / "site" / "de" / "story.md"
    assert page.is_file()
    theirs = root / "build" / "site" / "de" / "handmade.md"
    theirs.write_text("mine", encoding="utf-8")
    (root / "pyproject.toml").write_text('[tool.accord]\nlocales = ["de"]\nthreshold = 1\n')
    result = accord(root, "build")
    assert result.returncode == 0, result.stderr
    assert not page.exists()
    assert theirs.read_text(encoding="utf-8") == "mine"
