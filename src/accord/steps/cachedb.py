"""The SQLite files under ``build/cache/`` that remember work per file (check, report pages).

``open_db`` opens one for a run, under a key digesting everything that shapes every
row: a different key empties the tables first. Any trouble (a link in ``build/``, a
read-only folder, a damaged file, another run writing it) gives None, and the caller
runs without its cache: a cache only ever costs speed.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Sequence
from typing import Any

from accord import safefile
from accord.config import Config


def open_db(
    config: Config, name: str, schema: str, key: str, tables: Sequence[str]
) -> sqlite3.Connection | None:
    """``build/cache/<name>`` open in one write transaction, emptied unless made with ``key``.

    ``schema`` creates ``tables`` (and a ``meta`` table of names and values) if they
    are not there. A file that is no database (damaged) is started again.
    """
    path = config.cache_dir / name
    try:
        safefile.no_links_below(config.root, path)
        if path.is_symlink():
            return None
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    for attempt in range(2):
        try:
            return _opened(sqlite3.connect(path, isolation_level=None, timeout=0.5),
                           schema, key, tables)
        except sqlite3.DatabaseError as error:
            if attempt or isinstance(error, sqlite3.OperationalError):
                return None  # busy (another run), read-only, or still damaged
            with contextlib.suppress(OSError):
                path.unlink()
    return None


def _opened(
    db: sqlite3.Connection, schema: str, key: str, tables: Sequence[str]
) -> sqlite3.Connection:
    try:
        db.execute("PRAGMA synchronous = OFF")  # a cache: a lost update costs work again
        db.execute("CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)")
        db.executescript(schema)
        db.execute("BEGIN IMMEDIATE")  # one writer; another run waits a moment or goes without
        row = db.execute("SELECT value FROM meta WHERE name = 'key'").fetchone()
        if row is None or row[0] != key:
            # Another key may be another format, with other columns: made anew.
            for table in tables:
                db.execute(f"DROP TABLE IF EXISTS {table}")  # our own table names, never input
            db.executescript(schema)
            db.execute("BEGIN IMMEDIATE")  # executescript committed
            db.execute("INSERT OR REPLACE INTO meta VALUES ('key', ?)", (key,))
    except sqlite3.Error:
        db.close()
        raise
    return db


class CacheFile:
    """One of these files open for a run: rows read and written, saved by ``close``.

    The first error turns it off for the rest of the run (what was added is dropped).
    """

    def __init__(self, db: sqlite3.Connection | None) -> None:
        self._db = db

    @property
    def enabled(self) -> bool:
        """Whether rows are kept this run (what only a later run reads need not be made)."""
        return self._db is not None

    def _query(self, sql: str, args: tuple[Any, ...]) -> tuple[Any, ...] | None:
        if self._db is None:
            return None
        try:
            row = self._db.execute(sql, args).fetchone()
        except sqlite3.Error:
            self._off()
            return None
        return None if row is None else tuple(row)

    def _put(self, sql: str, args: tuple[Any, ...]) -> None:
        if self._db is not None:
            try:
                self._db.execute(sql, args)
            except sqlite3.Error:
                self._off()

    def _off(self) -> None:
        self._end("ROLLBACK")

    def close(self) -> None:
        """Save what this run added (one transaction) and close."""
        self._end("COMMIT")

    def _end(self, statement: str) -> None:
        if self._db is not None:
            with contextlib.suppress(sqlite3.Error):
                self._db.execute(statement)
            self._db.close()
            self._db = None
