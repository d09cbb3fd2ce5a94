"""One PO file as a page read it: its bytes, their version token and the parsed catalog."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from accord import safefile
from accord.catalog import casfile
from accord.catalog.pofile import Catalog, parse_po_bytes
from accord.config import Config
from accord.workspace import po_path


@dataclass(frozen=True)
class Snapshot:
    """``locales/<locale>/<slug>.po`` at one moment; ``version`` changes with any byte."""

    path: Path
    file: str  # relative to the repository root
    data: bytes
    catalog: Catalog
    seen: casfile.Seen  # for the compare-and-swap write (a save made meanwhile is kept)

    @property
    def version(self) -> str:
        return version_of(self.data)


def version_of(data: bytes) -> str:
    """The version token of a file's bytes (what a page's forms carry back)."""
    return hashlib.sha256(data).hexdigest()[:24]


def read_snapshot(config: Config, locale: str, slug: str) -> Snapshot | None:
    """The PO file of ``slug`` in ``locale`` now; None if it does not exist.

    CatalogError (``path:line: message``) for a malformed file.
    """
    path = po_path(config, locale, slug)
    data, seen = casfile.read_seen(path)
    if data is None:
        return None
    file = config.relative(path)
    return Snapshot(path, file, data, parse_po_bytes(data, file), seen)


def current_version(path: Path) -> str | None:
    """The version token of the file at ``path`` now (None if it is gone); read as every
    PO file is (a regular file of bounded size, never a FIFO)."""
    try:
        return version_of(safefile.read_bytes(path))
    except FileNotFoundError:
        return None
