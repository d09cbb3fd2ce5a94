"""The report's article pages remembered by what they show, so that a report after a
change renders again only the articles whose view changed.

Kept in ``build/cache/report.sqlite`` (a cache: deleting it only costs one full
report). One row per locale and article: the digest of the article's page (the file
is reused while it holds exactly that), its section of the locale's page, its status
as ``report.json`` writes it and what the locale's page and report.md keep of it,
compressed, under a digest of everything they are made from: the PO file's bytes,
the source's segment keys, the article's findings, its source language, the locale's
header and the navigation, and the glossary. Accord's code and templates, and the
settings, are the whole cache's key.
"""

from __future__ import annotations

import hashlib
import zlib
from dataclasses import dataclass

from accord.config import Config
from accord.steps.cachedb import CacheFile, open_db
from accord.steps.codedigest import code_digest
from accord.steps.syncstate import digest

FORMAT = "3"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS pages (
    locale TEXT NOT NULL, slug TEXT NOT NULL, digest TEXT NOT NULL, page TEXT NOT NULL,
    section BLOB NOT NULL, status BLOB NOT NULL, kept BLOB NOT NULL,
    PRIMARY KEY (locale, slug)) WITHOUT ROWID;
"""


@dataclass(frozen=True)
class Pages:
    """What the report writes for one article of one locale, and what it keeps of it.

    The article's own page is not kept (it is the file on disk): ``page_digest``
    tells whether that file is still the one written, ``page`` is empty when recalled.
    """

    page: str  # <locale>/<slug>.html (empty when recalled)
    section: str  # its section of <locale>.html
    status: str  # its status in report.json, indented
    kept: str  # JSON: its segments by check, its unplaced findings' places
    page_digest: str = ""


def text_digest(text: str) -> str:
    """The digest ``Pages.page_digest`` holds: of the page's bytes as written (UTF-8)."""
    return bytes_digest(text.encode("utf-8", "surrogatepass"))


def bytes_digest(data: bytes) -> str:
    """``text_digest`` of a page file's bytes (to tell it is still the page written)."""
    return hashlib.sha256(data).hexdigest()


def page_key(*parts: object) -> str:
    """The digest of what a page is made from (frozen dataclasses: their ``repr``)."""
    return digest(*(repr(part).encode("utf-8", "surrogatepass") for part in parts))


def _pack(text: str) -> bytes:
    return zlib.compress(text.encode("utf-8", "surrogatepass"), 1)


def _unpack(blob: bytes) -> str:
    return zlib.decompress(blob).decode("utf-8", "surrogatepass")


class PageCache(CacheFile):
    """The remembered pages, open for one report run (``close`` saves what it added)."""

    @classmethod
    def open(cls, config: Config) -> PageCache:
        """The cache of ``config``'s repository (off on any trouble)."""
        key = digest(FORMAT.encode(), code_digest().encode(), repr(config).encode())
        return cls(open_db(config, "report.sqlite", _SCHEMA, key, ("pages",)))

    def get(self, locale: str, slug: str, key: str) -> Pages | None:
        """The pages of an article if they were made from the same view."""
        row = self._query("SELECT page, section, status, kept FROM pages WHERE locale = ? AND "
                          "slug = ? AND digest = ?", (locale, slug, key))
        if row is None:
            return None
        try:
            section, status, kept = (_unpack(blob) for blob in row[1:])
        except (zlib.error, UnicodeDecodeError):
            return None
        return Pages("", section, status, kept, page_digest=str(row[0]))

    def put(self, locale: str, slug: str, key: str, pages: Pages) -> None:
        self._put("INSERT OR REPLACE INTO pages VALUES (?, ?, ?, ?, ?, ?, ?)", (
            locale, slug, key, text_digest(pages.page), _pack(pages.section),
            _pack(pages.status), _pack(pages.kept)))
