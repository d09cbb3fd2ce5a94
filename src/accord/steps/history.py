"""Who last changed a translation, from ``git blame`` (for ``status --segment``).

Marks name the machine engine and the reviewers; a person's translation carries no
mark, so its author and date come from the repository history when there is one.
"""

from __future__ import annotations

import datetime
import subprocess
from dataclasses import dataclass
from pathlib import Path

NOT_COMMITTED = "0" * 40


@dataclass(frozen=True)
class Change:
    """The newest commit that touched some lines: its author and date (None if uncommitted)."""

    author: str
    when: datetime.date | None
    commit: str


def msgstr_lines(text: str, entry_line: int) -> tuple[int, int] | None:
    """The 1-based first and last line of the msgstr of the entry starting at ``entry_line``."""
    lines = text.splitlines()
    start = None
    for number in range(max(entry_line, 1), len(lines) + 1):
        line = lines[number - 1].strip()
        if start is None and line.startswith("msgstr"):
            start = number
        elif start is not None and not line.startswith('"'):
            return start, number - 1
    return (start, len(lines)) if start is not None else None


def parse_porcelain(output: str) -> Change | None:
    """The newest commit among ``git blame --porcelain`` output."""
    commits: dict[str, dict[str, str]] = {}
    current: dict[str, str] | None = None
    for line in output.splitlines():
        if line.startswith("\t"):
            continue
        head, _, rest = line.partition(" ")
        if len(head) == 40 and all(c in "0123456789abcdef" for c in head):
            current = commits.setdefault(head, {})
        elif current is not None:
            current[head] = rest
    if not commits:
        return None
    if NOT_COMMITTED in commits:
        return Change(author="(not committed yet)", when=None, commit=NOT_COMMITTED)
    newest = max(commits.items(), key=lambda item: int(item[1].get("author-time", "0") or 0))
    sha, fields = newest
    stamp = fields.get("author-time", "")
    when = (datetime.datetime.fromtimestamp(int(stamp), tz=datetime.UTC).date()
            if stamp.isdigit() else None)
    return Change(author=fields.get("author", "?"), when=when, commit=sha)


def last_change(root: Path, relpath: str, first: int, last: int) -> Change | None:
    """The newest commit touching lines ``first``..``last`` of ``relpath``; None outside git."""
    try:
        done = subprocess.run(
            ["git", "blame", "--porcelain", "-L", f"{first},{last}", "--", relpath],
            cwd=root, capture_output=True, encoding="utf-8", errors="replace", timeout=30,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if done.returncode != 0:
        return _never_committed(root, relpath)
    return parse_porcelain(done.stdout)


def _never_committed(root: Path, relpath: str) -> Change | None:
    """A file of a git work tree that git cannot blame (untracked, or no commit yet) is
    a local edit not committed yet; None outside git or for a missing file."""
    if not (root / relpath).is_file():
        return None
    try:
        inside = subprocess.run(
            ["git", "rev-parse", "--is-inside-work-tree"],
            cwd=root, capture_output=True, encoding="utf-8", errors="replace", timeout=30,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if inside.returncode != 0 or inside.stdout.strip() != "true":
        return None
    return Change(author="(not committed yet)", when=None, commit=NOT_COMMITTED)
