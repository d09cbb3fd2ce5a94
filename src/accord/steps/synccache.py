"""What the last sync saw, per locale, so that a sync with nothing new touches nothing.

Kept in ``build/cache/sync-<locale>.json``: a key over everything that shapes every
file (Accord's version, settings, the glossary), the digest of each source article,
the size and mtime of each PO file as the sync left it, and the locale's
translation memory. A PO file whose stat differs was edited by someone else: its
locale is merged again in full, because a new translation there may fill
untranslated entries elsewhere through the translation memory.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from accord.fsutil import write_text_if_changed

FORMAT = 1


@dataclass
class LocaleCache:
    """The state of one locale after the last sync."""

    key: str = ""
    sources: dict[str, str] = field(default_factory=dict)  # slug → source digest
    files: dict[str, list[int]] = field(default_factory=dict)  # slug → [size, mtime_ns]
    memory: dict[str, str] | None = None  # translation memory pairs, see tm.py


def digest(*chunks: bytes) -> str:
    """A hex SHA-256 over ``chunks``."""
    hasher = hashlib.sha256()
    for chunk in chunks:
        hasher.update(len(chunk).to_bytes(8, "little"))
        hasher.update(chunk)
    return hasher.hexdigest()


def po_stats(folder: Path) -> dict[str, list[int]]:
    """slug → [size, mtime_ns] for every ``*.po`` below ``folder`` (``news/treaty`` nested)."""
    stats: dict[str, list[int]] = {}
    if folder.is_dir():
        for path in folder.rglob("*.po"):
            if any(part.startswith(".") for part in path.relative_to(folder).parts):
                continue
            info = path.stat()
            stats[path.relative_to(folder).with_suffix("").as_posix()] = [
                info.st_size,
                info.st_mtime_ns,
            ]
    return stats


def cache_path(cache_dir: Path, locale: str) -> Path:
    return cache_dir / f"sync-{locale}.json"


def load(cache_dir: Path, locale: str) -> LocaleCache:
    """The cached state, or an empty one when missing, unreadable or of another format."""
    try:
        data = json.loads(cache_path(cache_dir, locale).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return LocaleCache()
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return LocaleCache()
    try:
        return LocaleCache(
            key=str(data["key"]),
            sources={str(k): str(v) for k, v in data["sources"].items()},
            files={str(k): [int(x) for x in v] for k, v in data["files"].items()},
            memory=data.get("memory"),
        )
    except (KeyError, TypeError, ValueError, AttributeError):
        return LocaleCache()


def save(cache_dir: Path, locale: str, cache: LocaleCache) -> None:
    """Write the state atomically (a cache that cannot be written only costs speed)."""
    payload = {
        "format": FORMAT,
        "key": cache.key,
        "sources": dict(sorted(cache.sources.items())),
        "files": dict(sorted(cache.files.items())),
        "memory": cache.memory,
    }
    with contextlib.suppress(OSError):
        write_text_if_changed(
            cache_path(cache_dir, locale), json.dumps(payload, ensure_ascii=False)
        )
