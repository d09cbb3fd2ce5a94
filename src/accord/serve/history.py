"""Who last changed each line of a PO file, from one ``git blame`` of the whole file.

``status --segment`` blames one msgstr at a time (``accord.steps.history.last_change``); a page
shows every segment of an article, so it blames the file once and reads each
segment's msgstr lines from the result.
"""

from __future__ import annotations

import datetime
import subprocess
from pathlib import Path

from accord.steps.history import NOT_COMMITTED, Change, msgstr_lines

_UNCOMMITTED = Change(author="(not committed yet)", when=None, commit=NOT_COMMITTED)


def parse_line_porcelain(output: str) -> dict[int, Change]:
    """``git blame --porcelain`` output → the change of each final line number."""
    info: dict[str, dict[str, str]] = {}
    lines: dict[int, str] = {}
    current: dict[str, str] | None = None
    for line in output.splitlines():
        if line.startswith("\t"):
            current = None
            continue
        head, _, rest = line.partition(" ")
        if len(head) == 40 and all(c in "0123456789abcdef" for c in head):
            parts = rest.split()
            if len(parts) >= 2 and parts[1].isdigit():
                lines[int(parts[1])] = head
            current = info.setdefault(head, {})
        elif current is not None:
            current[head] = rest
    return {number: _change(sha, info.get(sha, {})) for number, sha in lines.items()}


def _change(sha: str, fields: dict[str, str]) -> Change:
    if sha == NOT_COMMITTED:
        return _UNCOMMITTED
    stamp = fields.get("author-time", "")
    when = (datetime.datetime.fromtimestamp(int(stamp), tz=datetime.UTC).date()
            if stamp.isdigit() else None)
    return Change(author=fields.get("author", "?"), when=when, commit=sha)


def blame_file(root: Path, relpath: str) -> dict[int, Change]:
    """The last change of every line of ``relpath``; empty outside git or for an untracked file."""
    try:
        done = subprocess.run(
            ["git", "blame", "--porcelain", "--", relpath],
            cwd=root, capture_output=True, encoding="utf-8", errors="replace", timeout=30,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return {}
    return parse_line_porcelain(done.stdout) if done.returncode == 0 else {}


def msgstr_change(text: str, entry_line: int, blame: dict[int, Change]) -> Change | None:
    """The newest change among the msgstr lines of the entry at ``entry_line``."""
    span = msgstr_lines(text, entry_line)
    if span is None:
        return None
    found = [blame[n] for n in range(span[0], span[1] + 1) if n in blame]
    if not found:
        return None
    if any(c.commit == NOT_COMMITTED for c in found):
        return _UNCOMMITTED
    return max(found, key=lambda c: c.when or datetime.date.min)
