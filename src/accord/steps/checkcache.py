"""The checks' findings remembered file by file, so that ``check`` and ``report`` re-check
only the sources and PO files whose inputs changed.

Kept in ``build/cache/check.sqlite`` (SQLite, in the standard library; a cache:
deleting it only costs one full check). One row per source article and one per PO
file, under a digest of everything its findings depend on:

- a source: its bytes, path and language, and every article of the repository
  (the link check knows them), the ``known`` digest;
- a PO file: its bytes, path, locale and the language of its source; its row also
  holds the file's status (``review.status.article_status``) and its keys' digest,
  so that the report's pages need not parse a file nobody edited, and the glossary
  spans its page highlights, so that they need no matcher.

Everything that shapes every finding (Accord's version and code, the settings, the
glossary and the registered checks) is the cache's ``key``: when it differs, the
cache starts empty. A source's row holds its findings (before ``in_force``), its
date, its segment keys' digest and per concept the number of its segments that
mention it (the report's glossary page); a PO file's row holds its findings and,
per translated entry no longer fuzzy, a pair of digests (segment key, msgstr): what
``inconsistent`` needs to tell which keys one locale translates two ways without
reading the files that were not edited.

Any trouble with the file (a link in ``build/``, a read-only folder, a damaged
database, another run holding it) only turns the cache off for the run.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from accord.checks.finding import Finding
from accord.config import Config
from accord.steps.cachedb import CacheFile, open_db
from accord.steps.codedigest import code_digest
from accord.steps.syncstate import digest, sync_key

FORMAT = "3"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS sources (
    slug TEXT PRIMARY KEY, digest TEXT NOT NULL, record TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS catalogs (
    locale TEXT NOT NULL, slug TEXT NOT NULL, digest TEXT NOT NULL,
    findings TEXT NOT NULL, pairs BLOB NOT NULL, status TEXT NOT NULL, keys TEXT NOT NULL,
    spans TEXT NOT NULL, PRIMARY KEY (locale, slug)) WITHOUT ROWID;
"""
PAIR = 32  # bytes of one (segment key, msgstr) pair of digests


@dataclass(frozen=True)
class SourceRecord:
    """What the checks found in one source article, and what the report needs of it."""

    findings: tuple[Finding, ...]
    date: str  # front matter ``date`` (``in_force``)
    keys: str  # ``keys_digest`` of its segments
    mentions: dict[str, int]  # concept → segments that mention it


@dataclass(frozen=True)
class CatalogRecord:
    """What the checks found in one PO file; ``pairs`` as ``translation_pairs`` gives them;
    its status (the report's pages need no parse of an unchanged file)."""

    findings: tuple[Finding, ...]
    pairs: bytes
    status: str  # JSON: article_status of the file (stale and missing not yet known)
    keys: str  # keys_digest of its entries (stale: they differ from the source's)
    spans: str = ""  # JSON: the glossary spans of its segments (highlight.segment_spans)


def pair_digest(text: str) -> bytes:
    """The 16-byte digest ``translation_pairs`` uses for one text."""
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()


def key_digest(msgctxt: str | None, msgid: str) -> bytes:
    """The digest of a segment key (msgctxt, msgid), as in ``translation_pairs``."""
    return pair_digest(("\x01" if msgctxt is None else "\x02" + msgctxt) + "\x04" + msgid)


def translation_pairs(keys_and_msgstrs: Iterable[tuple[str | None, str, str]]) -> bytes:
    """(msgctxt, msgid, msgstr) of each translation no longer fuzzy, as digest pairs."""
    return b"".join(key_digest(ctxt, msgid) + pair_digest(msgstr)
                    for ctxt, msgid, msgstr in keys_and_msgstrs)


def pair_keys(pairs: bytes) -> Iterable[tuple[bytes, bytes]]:
    """The (key digest, msgstr digest) pairs of a record."""
    return ((pairs[i:i + 16], pairs[i + 16:i + PAIR]) for i in range(0, len(pairs), PAIR))


def contested(all_pairs: Iterable[bytes]) -> set[bytes]:
    """The key digests translated two ways across ``all_pairs`` (one locale's records)."""
    first: dict[bytes, bytes] = {}
    found: set[bytes] = set()
    for pairs in all_pairs:
        for key, value in pair_keys(pairs):
            if first.setdefault(key, value) != value:
                found.add(key)
    return found


def cache_key(config: Config) -> str:
    """A digest of everything that shapes every finding (see the module docstring)."""
    from accord.checks.registry import REGISTERED  # noqa: PLC0415

    checks = [f"{c.function.__module__}.{c.function.__qualname__}" for c in REGISTERED]
    return digest(FORMAT.encode(), code_digest().encode(), sync_key(config).encode(),
                  repr(config).encode(), "\n".join(checks).encode())


def _findings(raw: str) -> tuple[Finding, ...]:
    return tuple(Finding.from_dict(item) for item in json.loads(raw))


def _raw(findings: Sequence[Finding]) -> str:
    return json.dumps([f.to_dict() for f in findings], ensure_ascii=False)


class CheckCache(CacheFile):
    """The remembered findings, open for one run (``open``; ``close`` saves them)."""

    @classmethod
    def open(cls, config: Config) -> CheckCache:
        """The cache of ``config``'s repository under its current key (off on any trouble)."""
        return cls(open_db(config, "check.sqlite", _SCHEMA, cache_key(config),
                           ("sources", "catalogs")))

    def source(self, slug: str, key: str) -> SourceRecord | None:
        """The record of a source article if it was checked with these inputs."""
        row = self._query("SELECT record FROM sources WHERE slug = ? AND digest = ?",
                          (slug, key))
        if row is None:
            return None
        data = json.loads(row[0])
        return SourceRecord(_findings(data["findings"]), data["date"], data["keys"],
                            data["mentions"])

    def put_source(self, slug: str, key: str, record: SourceRecord) -> None:
        raw = json.dumps({"findings": _raw(record.findings), "date": record.date,
                          "keys": record.keys, "mentions": record.mentions},
                         ensure_ascii=False)
        self._put("INSERT OR REPLACE INTO sources VALUES (?, ?, ?)", (slug, key, raw))

    def catalog(self, locale: str, slug: str, key: str) -> CatalogRecord | None:
        """The record of a PO file if it was checked with these inputs."""
        row = self._query(
            "SELECT findings, pairs, status, keys FROM catalogs WHERE locale = ? AND slug = ? "
            "AND digest = ?", (locale, slug, key))
        if row is None:
            return None
        return CatalogRecord(_findings(row[0]), bytes(row[1]), str(row[2]), str(row[3]))

    def status(self, locale: str, slug: str, key: str) -> str | None:
        """The status JSON of a PO file checked with these inputs (``CatalogRecord.status``)."""
        row = self._query("SELECT status FROM catalogs WHERE locale = ? AND slug = ? AND "
                          "digest = ?", (locale, slug, key))
        return None if row is None else str(row[0])

    def spans(self, locale: str, slug: str, key: str) -> str | None:
        """The glossary spans of a PO file checked with these inputs (``CatalogRecord.spans``;
        None when not kept, or kept empty)."""
        row = self._query("SELECT spans FROM catalogs WHERE locale = ? AND slug = ? AND "
                          "digest = ?", (locale, slug, key))
        if row is None or not row[0]:
            return None
        return str(row[0])

    def put_catalog(self, locale: str, slug: str, key: str, record: CatalogRecord) -> None:
        self._put("INSERT OR REPLACE INTO catalogs VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                  (locale, slug, key, _raw(record.findings), record.pairs, record.status,
                   record.keys, record.spans))


def source_key(data: bytes, relpath: str, lang: str, known: str) -> str:
    """The inputs of one source article's findings."""
    return digest(data, relpath.encode(), lang.encode(), known.encode())


def catalog_key(data: bytes, relpath: str, locale: str, source_lang: str) -> str:
    """The inputs of one PO file's findings."""
    return digest(data, relpath.encode(), locale.encode(), source_lang.encode())
