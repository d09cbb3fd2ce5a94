"""check on broken files: exit 2 with a repository-relative path:line, no traceback."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import accord, make_repo


def test_malformed_po_is_named_relative_to_the_repository(tmp_path: Path) -> None:
    """A PO syntax error is reported as locales/<locale>/<slug>.po:<line>."""
    repo = make_repo(tmp_path)
    assert accord(repo, "sync").returncode == 0
    (repo / "locales" / "de" / "corridor.po").write_text('msgid "a"\nmsgstr "b"\nmsgstr "c"\n')
    result = accord(repo, "check")
    assert result.returncode == 2
    assert "accord: locales/de/corridor.po:3:" in result.stderr
    assert "Traceback" not in result.stderr


def test_source_not_utf8_is_a_located_error(tmp_path: Path) -> None:
    """A source that is not UTF-8 is named with its line, not a UnicodeDecodeError."""
    repo = make_repo(tmp_path)
    (repo / "sources" / "en" / "latin.md").write_bytes(b"---\ntitle: x\n---\n\nCaf\xe9 society.\n")
    result = accord(repo, "check")
    assert result.returncode == 2
    assert "sources/en/latin.md:5:" in result.stderr
    assert "Traceback" not in result.stderr
