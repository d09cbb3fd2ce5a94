"""What the last sync saw in one locale, so that a sync costs what changed, not the repository.

Kept in ``build/cache/sync/<locale>.sqlite`` (SQLite, in the standard library; a
cache: deleting it only costs one full sync). Per PO file, a *stamp*:

- ``source``: the digest of the article's source when sync last merged the file
  (empty for an orphan, a PO file whose article is gone);
- ``keys``: a digest of that source's segment keys (``status`` compares it with
  the PO file's keys instead of parsing the article again);
- ``merged``: the file's size and mtime as that merge left it: any other value
  means someone edited the file since, and sync merges it again;
- ``read``: the file's size and mtime when its translations were last put into
  the translation memory;
- ``content``: the SHA-256 of the file's bytes then: a file whose stat changed but
  whose bytes did not (a fresh checkout, ``touch``) is no edit (``settle``).

and the locale's translation memory as rows (PO file, segment key, rank, msgstr):
a changed PO file replaces its own rows, nothing else is rewritten. A lookup
returns what ``TranslationMemory.build`` over every PO file of the locale (in slug
order) would: the best rank, ties to the first file in slug order; so does a
suggestion (msgmerge -C's fuzzy match), from the whole memory loaded on first use
(``syncmemory.StoredMemory``, kept apart so that ``status`` imports no merge code).
A ``key`` over everything that shapes every file (Accord's version, settings, the
glossary) guards the whole: when it differs, the state starts empty.

It replaces ``build/cache/sync-<locale>.json``, which held the locale's whole memory
and was read and rewritten by every sync.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from accord import __version__, safefile
from accord.config import Config
from accord.errors import GlossaryError

FORMAT = "3"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS stamps (
    slug TEXT PRIMARY KEY, source TEXT NOT NULL, keys TEXT NOT NULL,
    merged_size INTEGER, merged_mtime INTEGER, read_size INTEGER, read_mtime INTEGER,
    content TEXT NOT NULL DEFAULT '');
CREATE TABLE IF NOT EXISTS memory (
    key TEXT NOT NULL, slug TEXT NOT NULL, rank INTEGER NOT NULL, msgstr TEXT NOT NULL,
    PRIMARY KEY (key, slug)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS memory_by_slug ON memory (slug);
"""

Stat = tuple[int, int]  # size, mtime_ns


@dataclass(frozen=True)
class Stamp:
    """What sync knew of one PO file (see the module docstring)."""

    source: str = ""
    keys: str = ""
    merged: Stat | None = None
    read: Stat | None = None
    content: str = ""  # SHA-256 of the file's bytes when ``read`` was taken


def digest(*chunks: bytes) -> str:
    """A hex SHA-256 over ``chunks``."""
    hasher = hashlib.sha256()
    for chunk in chunks:
        hasher.update(len(chunk).to_bytes(8, "little"))
        hasher.update(chunk)
    return hasher.hexdigest()


def content_digest(data: bytes) -> str:
    """The SHA-256 of a PO file's bytes, as ``casfile.Seen`` records it (hex)."""
    return hashlib.sha256(data).hexdigest()


def sync_key(config: Config) -> str:
    """A digest of everything that shapes every PO file: Accord's version, settings, glossary."""
    return digest(
        __version__.encode(),
        config.porefs.encode(),
        _glossary_digest(config.glossary_dir).encode(),
        "\n".join(config.translatable_keys).encode(),
    )


def _glossary_digest(folder: Path) -> str:
    if not folder.is_dir():
        return ""
    parts = []
    for path in sorted([*folder.glob("*.yaml"), *folder.glob("*.yml")]):  # as load_glossary
        parts.append(path.name.encode())
        parts.append(safefile.read_located(path, f"{folder.name}/{path.name}", GlossaryError))
    return digest(*parts)


def po_stats(folder: Path) -> dict[str, Stat]:
    """slug → (size, mtime_ns) for every ``*.po`` below ``folder`` (``news/treaty`` nested).

    What ``folder.rglob("*.po")`` lists, hidden files and folders left out, with one
    ``scandir`` per folder and no path objects (every sync calls this per locale):
    symlinked folders are not entered, a symlinked file is stat'ed through its link.
    """
    stats: dict[str, Stat] = {}
    if not folder.is_dir():
        return stats
    pending = [("", str(folder))]
    while pending:
        prefix, path = pending.pop()
        try:
            entries = os.scandir(path)
        except OSError:
            continue
        with entries:
            for entry in entries:
                name = entry.name
                if name.startswith("."):
                    continue
                if entry.is_dir(follow_symlinks=False):
                    pending.append((f"{prefix}{name}/", entry.path))
                if name.endswith(".po"):
                    with contextlib.suppress(FileNotFoundError):  # removed while we looked
                        info = entry.stat()
                        stats[prefix + name[:-3]] = (info.st_size, info.st_mtime_ns)
    return stats


def state_path(cache_dir: Path, locale: str) -> Path:
    """Where one locale's sync state lives (below ``build/cache``)."""
    return cache_dir / "sync" / f"{locale}.sqlite"


class LocaleState:
    """One locale's stamps and translation memory, open for reading and updating."""

    def __init__(self, path: Path, *, create: bool = True) -> None:
        self.path = path
        self._db: sqlite3.Connection | None = None
        if not create and not path.is_file():
            return
        try:
            self._db = self._open()
        except sqlite3.Error:
            # A damaged cache only costs a full sync: start it again.
            path.unlink(missing_ok=True)
            self._db = self._open() if create else None

    def _open(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(self.path, isolation_level=None)
        db.execute("PRAGMA synchronous = OFF")  # a cache: a lost update costs a re-merge
        db.executescript(_SCHEMA)
        row = db.execute("SELECT value FROM meta WHERE name = 'format'").fetchone()
        if row is None or row[0] != FORMAT:
            # Another format: its tables may have other columns, so they are made anew.
            db.executescript("DROP TABLE stamps; DROP TABLE memory; DELETE FROM meta;")
            db.executescript(_SCHEMA)
            db.execute("INSERT INTO meta VALUES ('format', ?)", (FORMAT,))
        db.execute("BEGIN")
        return db

    @property
    def key(self) -> str:
        if self._db is None:
            return ""
        row = self._db.execute("SELECT value FROM meta WHERE name = 'key'").fetchone()
        return str(row[0]) if row else ""

    def reset(self, key: str) -> None:
        """Forget everything (settings changed): every file will be read and merged again."""
        assert self._db is not None
        # execute(), not executescript(): that would commit and leave the transaction,
        # making every later row its own transaction (a hundred times slower).
        self._db.execute("DELETE FROM stamps")
        self._db.execute("DELETE FROM memory")
        self._db.execute("INSERT OR REPLACE INTO meta VALUES ('key', ?)", (key,))

    def stamps(self) -> dict[str, Stamp]:
        if self._db is None:
            return {}
        found = {}
        for slug, source, keys, msize, mtime, rsize, rtime, content in self._db.execute(
            "SELECT slug, source, keys, merged_size, merged_mtime, read_size, read_mtime, "
            "content FROM stamps"
        ):
            merged = None if msize is None else (int(msize), int(mtime))
            read = None if rsize is None else (int(rsize), int(rtime))
            found[str(slug)] = Stamp(str(source), str(keys), merged, read, str(content))
        return found

    def put_stamp(self, slug: str, stamp: Stamp) -> None:
        assert self._db is not None
        merged = stamp.merged or (None, None)
        read = stamp.read or (None, None)
        self._db.execute(
            "INSERT OR REPLACE INTO stamps VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (slug, stamp.source, stamp.keys, *merged, *read, stamp.content),
        )

    def drop(self, slug: str) -> None:
        """Forget a PO file: its stamp and its translation-memory rows."""
        assert self._db is not None
        self._db.execute("DELETE FROM stamps WHERE slug = ?", (slug,))
        self._db.execute("DELETE FROM memory WHERE slug = ?", (slug,))

    def remember(self, slug: str, rows: Mapping[str, tuple[int, str]]) -> None:
        """Replace the translation-memory rows of one PO file."""
        assert self._db is not None
        self._db.execute("DELETE FROM memory WHERE slug = ?", (slug,))
        self._db.executemany(
            "INSERT INTO memory VALUES (?, ?, ?, ?)",
            ((key, slug, rank, msgstr) for key, (rank, msgstr) in rows.items()),
        )

    def lookup(self, key: str) -> str | None:
        """The best stored msgstr for a memory key (see merge.memory), ties to the first slug."""
        if self._db is None:
            return None
        row = self._db.execute(
            "SELECT msgstr FROM memory WHERE key = ? ORDER BY rank DESC, slug LIMIT 1", (key,)
        ).fetchone()
        return None if row is None else str(row[0])

    def best(self, key: str) -> tuple[str, str] | None:
        """The best stored msgstr for a memory key and the PO file (slug) it came from."""
        if self._db is None:
            return None
        row = self._db.execute(
            "SELECT msgstr, slug FROM memory WHERE key = ? ORDER BY rank DESC, slug LIMIT 1",
            (key,)).fetchone()
        return None if row is None else (str(row[0]), str(row[1]))

    def keys(self, prefix: str) -> list[str]:
        """Every memory key that starts with ``prefix`` (not empty), once each, sorted as
        Python sorts them (SQLite compares TEXT as UTF-8 bytes: code point order)."""
        if self._db is None:
            return []
        end = prefix[:-1] + chr(ord(prefix[-1]) + 1)
        return [str(key) for (key,) in self._db.execute(
            "SELECT DISTINCT key FROM memory WHERE key >= ? AND key < ? ORDER BY key",
            (prefix, end))]

    def size(self) -> int:
        """How many distinct keys the memory holds."""
        if self._db is None:
            return 0
        return int(self._db.execute("SELECT COUNT(DISTINCT key) FROM memory").fetchone()[0])

    def close(self) -> None:
        """Save what changed (one transaction) and close."""
        if self._db is not None:
            with contextlib.suppress(sqlite3.Error):
                self._db.execute("COMMIT")
            self._db.close()
            self._db = None
