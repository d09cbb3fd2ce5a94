"""``status --segment``: who last changed a person's translation, from the real git history."""

from __future__ import annotations

import datetime
import json
import os
import subprocess
from pathlib import Path

import pytest

from accord.ids import segment_id
from accord.steps.history import NOT_COMMITTED, last_change, msgstr_lines
from test_review_cli import build_repo, run_accord

PO = """\
msgid ""
msgstr ""
"Language: de\\n"

#: sources/en/a.md:1
msgid "One."
msgstr "Eins."

#: sources/en/a.md:3
msgid "A long paragraph."
msgstr ""
"Ein langer "
"Absatz."

#, fuzzy
msgid "Last."
msgstr "Letzt."
"""


def git(root: Path, *args: str, author: str = "Ana María", date: str = "2026-11-20T10:00Z") -> None:
    env = {
        "PATH": os.environ.get("PATH", ""), "HOME": str(root), "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_CONFIG_GLOBAL": os.devnull, "GIT_AUTHOR_NAME": author, "GIT_AUTHOR_EMAIL": "a@b.c",
        "GIT_COMMITTER_NAME": author, "GIT_COMMITTER_EMAIL": "a@b.c",
        "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date,
    }
    subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)


def test_msgstr_lines_finds_single_multi_line_and_last_msgstr() -> None:
    """The msgstr span of an entry: one line, continued strings, or up to the end of the file."""
    assert msgstr_lines(PO, 5) == (7, 7)
    assert msgstr_lines(PO, 9) == (11, 13)
    assert msgstr_lines(PO, 15) == (17, 17)
    assert msgstr_lines("", 1) is None


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    git(tmp_path, "init", "-q")
    (tmp_path / "a.po").write_text(PO, encoding="utf-8")
    git(tmp_path, "add", "a.po")
    git(tmp_path, "commit", "-q", "-m", "first")
    changed = PO.replace('"Absatz."', '"Absatz, geändert."')
    (tmp_path / "a.po").write_text(changed, encoding="utf-8")
    git(tmp_path, "commit", "-q", "-am", "second", author="Bob", date="2026-11-24T09:00Z")
    return tmp_path


def test_last_change_names_newest_author_of_the_msgstr(repo: Path) -> None:
    """The newest commit among the msgstr's lines gives the author and date."""
    change = last_change(repo, "a.po", 11, 13)
    assert change is not None
    assert (change.author, change.when) == ("Bob", datetime.date(2026, 11, 24))
    first = last_change(repo, "a.po", 7, 7)
    assert first is not None
    assert (first.author, first.when) == ("Ana María", datetime.date(2026, 11, 20))


def test_uncommitted_and_outside_git(repo: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    """An edit not yet committed says so; outside a git repository there is no answer."""
    text = (repo / "a.po").read_text(encoding="utf-8").replace('"Eins."', '"Eins!"')
    (repo / "a.po").write_text(text, encoding="utf-8")
    change = last_change(repo, "a.po", 7, 7)
    assert change is not None
    assert change.commit == NOT_COMMITTED
    assert change.when is None
    elsewhere = tmp_path_factory.mktemp("nogit")
    (elsewhere / "a.po").write_text(PO, encoding="utf-8")
    assert last_change(elsewhere, "a.po", 7, 7) is None


def test_status_segment_shows_who_changed_the_msgstr(tmp_path: Path) -> None:
    """status --segment in a git repository names who last changed a translation, and when."""
    root = build_repo(tmp_path)
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "translations", author="Tom Translator")
    sid = segment_id("The alliance grows")
    done = run_accord(root, "status", "--segment", sid, "--locale", "de")
    assert done.returncode == 0, done.stderr
    assert "msgstr last changed by Tom Translator on 2026-11-20" in done.stdout
    data = json.loads(run_accord(root, "status", "--segment", sid, "--format", "json").stdout)
    assert data["occurrences"][0]["msgstr_last_changed"]["author"] == "Tom Translator"
