"""What Accord wrote under ``build/``: only those files may be replaced or deleted there.

``build/`` is Accord's own, but a person (or an attacker's pull request) may put a
link in it: ``build/reports`` pointing at a home folder, ``build/site/de`` at
``/etc``. Every write and deletion there refuses a path through a link
(:func:`accord.safefile.no_links_below`), and a deletion touches only a file
recorded in the manifest ``build/cache/written.json`` when Accord wrote it.
"""

from __future__ import annotations

import filecmp
import json
import os
import stat
from collections.abc import Iterable
from pathlib import Path

from accord import safefile
from accord.fsutil import write_text_if_changed

MANIFEST = "written.json"


def _manifest_path(build_dir: Path) -> Path:
    return build_dir / "cache" / MANIFEST


def load(build_dir: Path, area: str) -> set[str]:
    """Paths (relative to ``build_dir``) Accord wrote in ``area`` (``site``, ``reports``)."""
    path = _manifest_path(build_dir)
    try:
        data = json.loads(safefile.read_bytes(path))
    except (OSError, ValueError):
        return set()
    listed = data.get(area, []) if isinstance(data, dict) else []
    return {p for p in listed if isinstance(p, str)}


def save(build_dir: Path, area: str, paths: Iterable[str]) -> None:
    """Record ``paths`` as what ``area`` holds now (links in the way are refused)."""
    path = _manifest_path(build_dir)
    try:
        data = json.loads(safefile.read_bytes(path))
    except (OSError, ValueError):
        data = {}
    if not isinstance(data, dict):
        data = {}
    data[area] = sorted(set(paths))
    safefile.no_links_below(build_dir, path)
    write_text_if_changed(path, json.dumps(data, indent=1, sort_keys=True) + "\n")


def relative(build_dir: Path, path: Path) -> str:
    """``path`` as the manifest records it."""
    return path.relative_to(build_dir).as_posix()


def write(build_dir: Path, path: Path, text: str) -> bool:
    """Write ``text`` at ``path`` under ``build_dir`` unless a link is in the way (OSError).

    Atomic but not durable (no ``fsync``): a page is made again from the sources, and
    the build (by size and mtime) and the report (by digest) rewrite one a power cut
    left empty (:func:`accord.fsutil.atomic_write_bytes`)."""
    return write_text_if_changed(safefile.no_links_below(build_dir, path), text, durable=False)


def remove(build_dir: Path, path: Path, owned: set[str]) -> bool:
    """Delete ``path`` if Accord wrote it and no link leads there; True if deleted."""
    if relative(build_dir, path) not in owned:
        return False
    try:
        safefile.no_links_below(build_dir, path)
    except OSError:
        return False
    if not path.is_file():
        return False
    path.unlink()
    return True


def write_chunks(build_dir: Path, path: Path, chunks: Iterable[str]) -> bool:
    """``write`` for a text made piece by piece (a page too big to hold): the pieces go to
    a temporary file beside ``path``, which replaces it only if it differs; True if so."""
    safefile.no_links_below(build_dir, path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = str(path.parent / f".{path.name[:200]}.{os.urandom(4).hex()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)  # 0666 less the umask
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            for chunk in chunks:
                handle.write(chunk)
            handle.flush()
            if path.is_file() and filecmp.cmp(tmp, path, shallow=False):
                os.unlink(tmp)
                return False
            if path.exists():
                os.chmod(tmp, stat.S_IMODE(path.stat().st_mode))
        os.replace(tmp, path)  # not durable, as ``write``
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True
