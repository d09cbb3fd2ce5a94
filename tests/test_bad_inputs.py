"""Hostile and malformed repository inputs: ``path:line: message``, exit 2, nothing else lost.

Each file in tests/data/bad/repo/ is one bad input, placed by its suffix: ``*.md``
becomes ``sources/en/bad.md``, ``*.yaml`` ``glossary/bad.yaml``, ``*.toml`` the
``pyproject.toml``. Its ``expect:`` line (first line, or an HTML comment last in an
article) names the ``path:line: fragment`` the task must print. Inputs that cannot
be files (links, FIFOs, folders) are made by :data:`MADE`.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from helpers import accord

BAD = Path(__file__).parent / "data" / "bad" / "repo"
GOOD = "---\ntitle: Fine\n---\n\n# Good\n\nA good paragraph.\n"
PYPROJECT = '[tool.accord]\nlocales = ["de"]\n'
EXPECT = re.compile(r"expect: (\S+?):(\d+): (.+?)(?: -->)?$", re.MULTILINE)


def base_repo(root: Path) -> None:
    """A repository with one good article, a glossary and German as target."""
    (root / "sources" / "en").mkdir(parents=True)
    (root / "sources" / "en" / "good.md").write_text(GOOD, encoding="utf-8")
    (root / "glossary").mkdir()
    (root / "glossary" / "terms.yaml").write_text(
        "- id: paragraph\n  kind: term\n  terms: {en: [paragraph], de: [Absatz]}\n",
        encoding="utf-8",
    )
    (root / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")


def place(root: Path, case: Path) -> None:
    target = {
        ".md": root / "sources" / "en" / "bad.md",
        ".yaml": root / "glossary" / "bad.yaml",
        ".toml": root / "pyproject.toml",
    }[case.suffix]
    target.write_bytes(case.read_bytes())


def _dangling(root: Path) -> None:
    os.symlink("missing.md", root / "sources" / "en" / "bad.md")


def _loop(root: Path) -> None:
    os.symlink("bad.md", root / "sources" / "en" / "bad.md")


def _folder_md(root: Path) -> None:
    (root / "sources" / "en" / "bad.md").mkdir()


def _folder_yaml(root: Path) -> None:
    (root / "glossary" / "bad.yaml").mkdir()


def _fifo(root: Path) -> None:
    os.mkfifo(root / "sources" / "en" / "bad.md")


def _fifo_po(root: Path) -> None:
    (root / "locales" / "de").mkdir(parents=True)
    os.mkfifo(root / "locales" / "de" / "good.po")


def _dev_zero(root: Path) -> None:
    os.symlink("/dev/zero", root / "glossary" / "zero.yaml")


def _long_name(root: Path) -> None:
    (root / "sources" / "en" / ("a" * 250 + ".md")).write_text(GOOD, encoding="utf-8")


def _linked_locale(root: Path) -> None:
    outside = root.parent / f"{root.name}-outside"
    outside.mkdir()
    (root / "locales").mkdir()
    os.symlink(outside, root / "locales" / "de")


# name → (make it, the path:line the message names, a fragment, is the good article synced?)
MADE: dict[str, tuple[Callable[[Path], None], str, str, bool]] = {
    "dangling_symlink": (_dangling, "sources/en/bad.md", "No such file", True),
    "symlink_loop": (_loop, "sources/en/bad.md", "symlink loop", True),
    "folder_named_x_md": (_folder_md, "sources/en/bad.md", "is a directory", True),
    "folder_named_x_yaml": (_folder_yaml, "glossary/bad.yaml", "is a directory", False),
    "fifo_source": (_fifo, "sources/en/bad.md", "is a FIFO", True),
    "fifo_po_file": (_fifo_po, "locales/de/good.po", "is a FIFO", False),
    "link_to_dev_zero": (_dev_zero, "glossary/zero.yaml", "is a device", False),
    "name_of_250_characters": (_long_name, "sources/en/" + "a" * 250 + ".md", "longer than", True),
    "locale_folder_linked_outside": (_linked_locale, "locales/de/good.po", "outside", False),
}


def expectation(case: Path) -> tuple[str, int, str]:
    found = EXPECT.search(case.read_text(encoding="utf-8"))
    assert found, f"{case.name} lacks its expect: line"
    return found.group(1), int(found.group(2)), found.group(3).strip()


def test_there_are_bad_repository_inputs() -> None:
    """The folder walked below holds every class of bad input (a wrong path would be vacuous)."""
    assert {p.suffix for p in BAD.iterdir()} == {".md", ".yaml", ".toml"}
    assert len(list(BAD.iterdir())) >= 15


def assert_reported(root: Path, task: str, where: str, fragment: str) -> None:
    result = accord(root, task)
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 2, (task, result.stdout, result.stderr)
    lines = [line for line in result.stderr.splitlines() if line.startswith(f"accord: {where}")]
    assert lines, result.stderr
    assert any(fragment in line for line in lines), result.stderr


@pytest.mark.parametrize("case", sorted(BAD.iterdir()), ids=lambda p: p.name)
def test_bad_file_is_reported_at_its_line_and_skipped(tmp_path: Path, case: Path) -> None:
    """sync names the bad file's line and exits 2; a good article beside a bad one is synced."""
    base_repo(tmp_path)
    place(tmp_path, case)
    path, line, fragment = expectation(case)
    assert_reported(tmp_path, "sync", f"{path}:{line}: ", fragment)
    if case.suffix == ".md":
        assert (tmp_path / "locales" / "de" / "good.po").is_file()
        assert not (tmp_path / "locales" / "de" / "bad.po").exists()
    assert not Path("/etc/de").exists()


@pytest.mark.parametrize("name", sorted(MADE))
def test_links_fifos_and_folders_are_refused_not_followed(tmp_path: Path, name: str) -> None:
    """A link, FIFO, device or folder where a file should be: a message and exit 2, no hang."""
    make, where, fragment, good_synced = MADE[name]
    base_repo(tmp_path)
    make(tmp_path)
    assert_reported(tmp_path, "sync", where, fragment)
    assert (tmp_path / "locales" / "de" / "good.po").is_file() == good_synced
    outside = tmp_path.parent / f"{tmp_path.name}-outside"
    assert not outside.exists() or not any(outside.iterdir())


@pytest.mark.parametrize("task", ["check", "build", "status", "report"])
def test_other_tasks_report_a_bad_source_too(tmp_path: Path, task: str) -> None:
    """Reading tasks give the same located message for bad front matter, not a traceback."""
    base_repo(tmp_path)
    place(tmp_path, BAD / "tag_bool.md")
    assert accord(tmp_path, "sync").returncode == 2
    result = accord(tmp_path, task)
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 2, result.stderr
    assert "sources/en/bad.md:3: front matter: invalid bool value 'maybe'" in result.stderr
    if task == "status":  # it still shows the rest
        assert "good" in result.stdout


def test_check_goes_on_past_a_bad_source(tmp_path: Path) -> None:
    """check reports the bad article (exit 2) and still checks the good one."""
    base_repo(tmp_path)
    place(tmp_path, BAD / "tag_int.md")
    accord(tmp_path, "sync")
    po = tmp_path / "locales" / "de" / "good.po"
    po.write_text(po.read_text(encoding="utf-8").replace(
        'msgid "A good paragraph."\nmsgstr ""', 'msgid "A good paragraph."\nmsgstr "Ein Satz."'),
        encoding="utf-8")
    result = accord(tmp_path, "check", "--format", "json")
    assert result.returncode == 2
    assert "sources/en/bad.md:3: front matter: invalid int value 'abc'" in result.stderr
    assert '"glossary-missing"' in result.stdout
