"""Which Accord made a cache: a digest of the files of the package it ran from.

Every cache under ``build/cache/`` is kept under a key that includes it, so that a
checkout whose code changed (``git pull`` in an editable install, an edited check or
template) never replays what other code made, even before Accord's version changes.
"""

from __future__ import annotations

import contextlib
from functools import cache
from pathlib import Path

from accord.steps.syncstate import digest


@cache
def code_digest() -> str:
    """Size and mtime of every file of the package (modules, templates)."""
    package = Path(__file__).resolve().parent.parent
    parts = []
    for path in sorted(package.rglob("*")):
        if "__pycache__" in path.parts or not path.is_file():
            continue
        with contextlib.suppress(OSError):
            info = path.stat()
            parts.append(f"{path.relative_to(package)}\0{info.st_size}\0{info.st_mtime_ns}")
    return digest(*(p.encode() for p in parts))
