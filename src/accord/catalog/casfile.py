"""Compare-and-swap writes: a PO file is replaced only while it is still the file a task read.

A translator may save a PO file in Poedit at any moment of a ``sync``, a
``translate``, a ``review.approve`` or a ``check --fix``; the repository lock keeps
Accord's tasks apart but not the translator's editor. So every task remembers
what it read (:class:`Seen`: size, mtime and a hash of the bytes) and, just before
the atomic rename, checks the file on disk is still that one. If it is not,
:class:`ChangedOnDiskError` is raised and the task reads the new file and does its
work again on it (:func:`rewrite`), or reports the conflict; a person's save is
never overwritten.

A narrow window remains between the last check and the rename (POSIX has no
compare-and-rename); it is a few system calls wide.
"""

from __future__ import annotations

import hashlib
import os
import stat
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from accord import safefile
from accord.catalog.pofile import Catalog, encode_po, parse_po_bytes
from accord.errors import CatalogError

ATTEMPTS = 5  # reads and merges again before a file that keeps changing is a conflict


@dataclass(frozen=True)
class Seen:
    """What a task saw of a file when it read it: absent, or its size, mtime and hash."""

    exists: bool
    size: int = 0
    mtime_ns: int = 0
    digest: str = ""


ABSENT = Seen(exists=False)


class ChangedOnDiskError(CatalogError):
    """The file changed on disk since the task read it; nothing was written."""


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def seen_of(data: bytes, info: os.stat_result) -> Seen:
    """The Seen of ``data`` read from a file whose ``fstat`` is ``info``."""
    return Seen(True, info.st_size, info.st_mtime_ns, _digest(data))


def read_seen(path: Path) -> tuple[bytes | None, Seen]:
    """The bytes of ``path`` (None when absent) and what was seen of them."""
    try:
        data, info = safefile.read_with_stat(path)
    except FileNotFoundError:
        return None, ABSENT
    return data, seen_of(data, info)


def unchanged(path: Path, expected: Seen) -> bool:
    """True if ``path`` is still exactly the file described by ``expected``."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return not expected.exists
    if not expected.exists or (info.st_size, info.st_mtime_ns) != (
        expected.size,
        expected.mtime_ns,
    ):
        return False
    # Same size and mtime can still be another save within the clock's resolution.
    try:
        return _digest(safefile.read_bytes(path)) == expected.digest
    except OSError:
        return False


def before_swap(path: Path) -> None:
    """Called between writing the new file aside and checking the old one (a test hook)."""


def replace_if_unchanged(path: Path, data: bytes, expected: Seen) -> tuple[bool, Seen]:
    """Replace ``path`` with ``data`` if it is still ``expected``; (written, what is there now).

    Nothing is written when ``data`` is what was read. ChangedOnDiskError when the
    file changed since (the temporary file is removed, the file left as it is).
    """
    if expected.exists and _digest(data) == expected.digest:
        return False, expected
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name[:200]}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fchmod(handle.fileno(), _mode_for(path))
            os.fsync(handle.fileno())
            info = os.fstat(handle.fileno())
        before_swap(path)
        if not unchanged(path, expected):
            raise ChangedOnDiskError(
                "changed on disk while Accord worked on it (someone saved it?): not overwritten",
                path=path,
            )
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True, seen_of(data, info)


def _mode_for(path: Path) -> int:
    """The file's own permissions, or for a new file what the umask allows."""
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


def read_po(path: Path) -> tuple[Catalog | None, Seen]:
    """The catalog in ``path`` (None when absent) and what was seen of the file."""
    try:
        data, seen = read_seen(path)
    except OSError as error:
        raise CatalogError(f"cannot read: {error.strerror}", path=path) from None
    if data is None:
        return None, seen
    return parse_po_bytes(data, str(path)), seen


def write_po(path: Path, catalog: Catalog, expected: Seen) -> tuple[bool, Seen]:
    """:func:`replace_if_unchanged` for a catalog, in gettext's formatting."""
    try:
        return replace_if_unchanged(path, encode_po(catalog), expected)  # in its own charset
    except ChangedOnDiskError:
        raise
    except OSError as error:
        raise CatalogError(f"cannot write: {error.strerror}", path=path) from None


def rewrite(
    path: Path,
    change: Callable[[Catalog | None], Catalog | None],
    first: tuple[Catalog | None, Seen] | None = None,
    label: str | None = None,
) -> tuple[bool, Seen]:
    """Apply ``change`` to the catalog in ``path`` and save it, again while someone saves.

    ``first`` is a read already made. ``change`` gets a fresh catalog each time (None
    when the file does not exist) and returns the catalog to write (None: nothing).
    After ATTEMPTS changes on disk in a row the conflict is reported.
    """
    catalog, seen = first if first is not None else read_po(path)
    for _ in range(ATTEMPTS):
        result = change(catalog)
        if result is None:
            return False, seen
        try:
            return write_po(path, result, seen)
        except ChangedOnDiskError:
            catalog, seen = read_po(path)
    raise ChangedOnDiskError(
        "keeps changing on disk while Accord works on it: not written, run the task again",
        path=label or path,
    )
