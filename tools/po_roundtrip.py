"""Compare Accord's read + write of PO files with what GNU msgcat makes of them.

Usage: ``python tools/po_roundtrip.py [--show] FILE_OR_FOLDER…`` (folders are searched
for ``*.po`` and ``*.pot``).  For each file, msgcat and Accord (``read_po`` then
``encode_po``) either both write it — the same bytes or not — or both refuse it, at
the same line (or, for msgcat's file-level errors, for the same reason).  Where the
bytes differ, msgcat is run again over Accord's output: if that gives msgcat's own
output, only the layout differs, otherwise the meaning changed.  Files that make
msgcat itself crash are counted apart.  Prints the figures for UTF-8 (or ASCII)
files, for the others, and for all; ``--show`` lists every file that is not alike.
A measurement tool, not a test.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import traceback
from collections import Counter
from pathlib import Path

from accord.catalog.pofile import encode_po, read_po
from accord.errors import CatalogError

ALIKE = ("same", "both refuse")
_ENV = dict(os.environ, LC_ALL="C")


def msgcat(path: Path, data: bytes | None = None) -> tuple[str, bytes, str]:
    """("ok", output, stderr), ("refused", b"", stderr) or ("crashed", b"", stderr)."""
    with tempfile.TemporaryDirectory() as folder:
        source = path
        if data is not None:
            source = Path(folder) / path.name
            source.write_bytes(data)
        out = Path(folder) / "out.po"
        command = ["msgcat", str(source), "-o", str(out)]
        run = subprocess.run(command, capture_output=True, env=_ENV, check=False)
        errors = run.stderr.decode("utf-8", "replace")
        if run.returncode not in (0, 1):
            return "crashed", b"", errors
        if run.returncode:
            return "refused", b"", errors
        return "ok", out.read_bytes() if out.exists() else b"", errors


def charset_group(data: bytes) -> str:
    found = re.search(rb"charset=([A-Za-z0-9_.:-]+)", data[:8192])
    name = found.group(1).decode().upper() if found else ""
    if name in ("", "CHARSET", "UTF-8", "UTF8") or data.isascii():
        return "utf-8"
    return "other"


def same_refusal(theirs: str, ours: str) -> bool:
    lines = re.findall(r":(\d+)(?::\d+)?: ", theirs)
    if lines:
        mine = re.search(r":(\d+): ", ours)
        return mine is not None and mine.group(1) == lines[0]
    fatal = re.search(r"^msgcat: (?:input file '[^']*' )?(.*)$", theirs, re.M)
    return fatal is not None and fatal.group(1)[:40] in ours


def compare(path: Path) -> tuple[str, str]:  # noqa: PLR0911  (one verdict per case)
    """The verdict for one file, and a note."""
    status, expected, errors = msgcat(path)
    if status == "crashed":
        return "msgcat crashed", ""
    try:
        mine: bytes | None = encode_po(read_po(path))
        problem = ""
    except CatalogError as error:
        mine, problem = None, str(error)
    except Exception:  # a crash is what this tool looks for
        return "accord crashed", traceback.format_exc(limit=3)
    if status == "refused":
        if mine is not None:
            return "accepted, msgcat refuses", errors.strip()[:200]
        return (
            ("both refuse", "") if same_refusal(errors, problem) else ("refused otherwise", problem)
        )
    if mine is None:
        return "refused, msgcat accepts", problem
    if mine == expected:
        return "same", ""
    again = msgcat(path, mine)
    return ("layout differs" if again[1] == expected else "meaning differs"), ""


def files(arguments: list[str]) -> list[Path]:
    found: list[Path] = []
    for argument in arguments:
        path = Path(argument)
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.suffix in (".po", ".pot"))
        else:
            found.append(path)
    return found


def main(argv: list[str]) -> int:
    show = "--show" in argv
    paths = files([a for a in argv if a != "--show"])
    counts: dict[str, Counter[str]] = {"utf-8": Counter(), "other": Counter()}
    unlike: list[tuple[str, Path, str]] = []
    for path in paths:
        verdict, note = compare(path)
        counts[charset_group(path.read_bytes())][verdict] += 1
        if verdict not in (*ALIKE, "msgcat crashed"):
            unlike.append((verdict, path, note))
    for name, group in (*counts.items(), ("all", counts["utf-8"] + counts["other"])):
        total = sum(n for verdict, n in group.items() if verdict != "msgcat crashed")
        alike = sum(group[verdict] for verdict in ALIKE)
        share = f"{100 * alike / total:.2f} %" if total else "-"
        print(f"{name:6} {alike}/{total} alike ({share})  {dict(group)}")
    if show:
        for verdict, path, note in unlike:
            print(f"{verdict}: {path} {note}".rstrip())
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
