"""A per-engine cache of engine answers in SQLite (``build/cache/mt-<engine>.sqlite``).

The key is everything the answer depends on: engine, language pair, the exact text
sent (placeholders included) and a variant string (e.g. the DeepL glossary's
fingerprint). Every answer is committed as soon as it arrives, so a killed run
loses nothing it had already paid for.
"""

from __future__ import annotations

import hashlib
import sqlite3
import threading
from pathlib import Path
from types import TracebackType

from accord import safefile
from accord.errors import TranslationError

SCHEMA = """
CREATE TABLE IF NOT EXISTS answers (
    key TEXT PRIMARY KEY,
    text TEXT NOT NULL,
    translation TEXT NOT NULL
)
"""

LINKED_FILES = ("-wal", "-shm", "-journal")  # what SQLite writes beside the database


def cache_key(engine: str, source: str, target: str, text: str, variant: str = "") -> str:
    """A digest of everything an engine's answer depends on."""
    parts = "\x00".join((engine, source, target, variant, text))
    return hashlib.sha256(parts.encode("utf-8")).hexdigest()


class TranslationCache:
    """Engine answers by :func:`cache_key`; safe to share between worker threads."""

    def __init__(self, path: Path | None):
        """Open (creating) the cache at ``path``; ``None`` keeps it in memory only."""
        self.path = path
        target = ":memory:"
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            target = str(path)
        try:
            self._db = sqlite3.connect(target, check_same_thread=False, isolation_level=None)
            # WAL with synchronous=NORMAL: a commit survives the process being killed
            # (only a power cut may lose the last answers), without one fsync per answer.
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.execute(SCHEMA)
        except sqlite3.DatabaseError as error:
            raise TranslationError(f"cannot open the MT cache: {error}", path=path) from None
        self._lock = threading.Lock()

    @classmethod
    def for_engine(cls, cache_dir: Path, engine: str, shown: str | None = None) -> TranslationCache:
        """The cache file of ``engine`` under ``build/cache`` (``shown``: that folder in messages).

        SQLite would follow a link (to the database or to its ``-wal``, ``-shm`` or
        ``-journal`` file) and write outside the repository: any link from ``build/``
        down is refused instead.
        """
        path = cache_dir / f"mt-{engine}.sqlite"
        for part in (path, *(path.with_name(path.name + tail) for tail in LINKED_FILES)):
            try:
                safefile.no_links_below(cache_dir.parent, part)
            except OSError:
                where = f"{shown}/{part.name}" if shown is not None else str(part)
                raise TranslationError(
                    "cannot open the MT cache: is a symlink (Accord writes only real files "
                    "in build/)", path=where) from None
        return cls(path)

    def get(self, key: str) -> str | None:
        """The cached translation for ``key``, or None."""
        with self._lock:
            query = "SELECT translation FROM answers WHERE key = ?"
            row = self._db.execute(query, (key,)).fetchone()
        return None if row is None else str(row[0])

    def put(self, key: str, text: str, translation: str) -> None:
        """Store the answer to ``text`` and commit it at once."""
        with self._lock:
            self._db.execute(
                "INSERT OR REPLACE INTO answers VALUES (?, ?, ?)", (key, text, translation)
            )

    def __len__(self) -> int:
        with self._lock:
            return int(self._db.execute("SELECT COUNT(*) FROM answers").fetchone()[0])

    def close(self) -> None:
        """Close the database."""
        with self._lock:
            self._db.close()

    def __enter__(self) -> TranslationCache:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()
