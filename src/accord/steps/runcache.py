"""A whole task run remembered by its inputs: a report with nothing changed costs a directory walk.

``inputs_key`` digests the size and mtime of every file under the sources, locales
and glossary folders, the settings and Accord's code (:mod:`accord.steps.codedigest`),
plus the task's own arguments. ``recall`` returns what the last run with that key recorded, provided
every file it left in its output folder is still exactly there (none added, none
changed, none removed); ``remember`` records a run. Kept in
``build/cache/runs/<task>.json``: deleting it only costs one full run.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO, TextIO

from accord import safefile
from accord.config import Config
from accord.fsutil import write_text_if_changed
from accord.steps.codedigest import code_digest
from accord.steps.syncstate import digest

FORMAT = 1


def _walk(folder: Path) -> list[tuple[str, int, int]]:
    """(relative path, size, mtime_ns) of every file under ``folder``, sorted."""
    found: list[tuple[str, int, int]] = []
    if not folder.is_dir():
        return found
    for top, dirs, files in os.walk(folder):
        dirs.sort()
        for name in sorted(files):
            path = os.path.join(top, name)
            with contextlib.suppress(OSError):
                info = os.stat(path)
                found.append((os.path.relpath(path, folder), info.st_size, info.st_mtime_ns))
    return found


def inputs_key(config: Config, *arguments: str) -> str:
    """A digest of everything a read-only task over the repository reads."""
    parts = [code_digest().encode(), repr(config).encode(), *(a.encode() for a in arguments)]
    for folder in (config.sources_dir, config.locales_dir, config.glossary_dir):
        parts.append(str(folder).encode())
        parts += (f"{name}\0{size}\0{mtime}".encode() for name, size, mtime in _walk(folder))
    return digest(*parts)


def _path(config: Config, task: str) -> Path:
    return config.cache_dir / "runs" / f"{task}.json"


def recall(config: Config, task: str, key: str, outputs: Path) -> dict[str, Any] | None:
    """What the last run of ``task`` with inputs ``key`` recorded, if its outputs are intact."""
    try:
        data = json.loads(safefile.read_bytes(_path(config, task)))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("key") != key:
        return None
    if data.get("outputs") != [list(f) for f in _walk(outputs)]:
        return None
    result = data.get("result")
    return result if isinstance(result, dict) else None


def remember(config: Config, task: str, key: str, outputs: Path, result: dict[str, Any]) -> None:
    """Record a run (a record that cannot be written only costs speed next time)."""
    payload = {"format": FORMAT, "key": key, "outputs": [list(f) for f in _walk(outputs)],
               "result": result}
    with contextlib.suppress(OSError):
        path = safefile.no_links_below(config.root, _path(config, task))
        write_text_if_changed(path, json.dumps(payload, ensure_ascii=False))


class Recording:
    """A text stream written to ``target`` and, when kept, to a file beside the record."""

    def __init__(self, target: TextIO, aside: BinaryIO | None) -> None:
        self.target, self.aside, self.size = target, aside, 0

    def write(self, text: str) -> int:
        self.target.write(text)
        if self.aside is not None:
            self.size += self.aside.write(text.encode("utf-8"))
        return len(text)


def _output_path(config: Config, task: str) -> Path:
    return config.cache_dir / "runs" / f"{task}.out"


@contextlib.contextmanager
def recording(config: Config, task: str, target: TextIO, *, keep: bool) -> Iterator[Recording]:
    """Write a task's output to ``target`` and keep a copy for :func:`replay_output`.

    The copy is written aside and renamed over the last one only when the task got
    to the end, so a killed run never leaves a half copy to be replayed.
    """
    path = _output_path(config, task)
    aside: BinaryIO | None = None
    temporary = path.with_name(path.name + ".tmp")
    if keep:
        with contextlib.suppress(OSError):
            safefile.no_links_below(config.root, temporary)
            temporary.parent.mkdir(parents=True, exist_ok=True)
            aside = temporary.open("wb")
    out = Recording(target, aside)
    try:
        yield out
    finally:
        if aside is not None:
            aside.close()
    if aside is not None:
        with contextlib.suppress(OSError):
            os.replace(temporary, path)


def replay_output(config: Config, task: str, run: dict[str, Any], target: TextIO) -> bool:
    """Copy the output kept for ``run`` to ``target``; False (nothing written) if it is gone."""
    path = _output_path(config, task)
    try:
        safefile.no_links_below(config.root, path)
        if path.is_symlink() or os.stat(path).st_size != run.get("output"):
            return False
        with path.open(encoding="utf-8", newline="") as kept:
            while chunk := kept.read(1 << 20):
                target.write(chunk)
    except OSError:
        return False
    return True
