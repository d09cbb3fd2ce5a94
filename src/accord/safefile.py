"""Reading files the repository's owner may not trust: regular files only, bounded, confined.

A FIFO named like an article would block a task forever, a link to ``/dev/zero``
would read until memory runs out, and a link out of the repository would let a
task read or write files it has no business with. Every file Accord reads from the
repository goes through :func:`read_bytes`; every folder or file it writes
through :func:`inside` (or :func:`no_links_below` under ``build/``).
"""

from __future__ import annotations

import errno
import functools
import os
import stat
from pathlib import Path

from accord.errors import AccordError, SourceError

MAX_FILE_BYTES = 64 * 1024 * 1024  # far above any article, PO file or glossary seen


class UnsafeFileError(OSError):
    """A file Accord refuses to read or write; ``strerror`` says why, for ``cannot read: …``."""


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def refuse(path: Path, why: str) -> UnsafeFileError:
    """The error for ``path``: ``str()`` and ``strerror`` are ``why``."""
    error = UnsafeFileError(why)
    error.strerror = why
    error.filename = str(path)
    return error


def read_bytes(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of the regular file ``path`` (links followed); UnsafeFileError otherwise.

    Opened non-blocking, so that a FIFO is refused instead of waited on; devices,
    sockets and folders are refused, and so is anything larger than ``limit``.
    """
    data, _ = read_with_stat(path, limit)
    return data


def read_with_stat(path: Path, limit: int = MAX_FILE_BYTES) -> tuple[bytes, os.stat_result]:
    """:func:`read_bytes` and the ``fstat`` of the very file read (for compare-and-swap)."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except IsADirectoryError:
        raise refuse(path, "is a directory, not a file") from None
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise refuse(path, "a symlink loop") from None
        raise
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise refuse(path, f"is {_kind(info.st_mode)}, not a regular file")
        if info.st_size > limit:
            raise refuse(path, f"larger than {limit // (1024 * 1024)} MiB: refused")
        chunks = []
        remaining = limit + 1
        while remaining > 0:
            chunk = os.read(fd, min(remaining, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            remaining -= len(chunk)
        data = b"".join(chunks)
        if len(data) > limit:
            raise refuse(path, f"larger than {limit // (1024 * 1024)} MiB: refused")
        return data, info
    finally:
        os.close(fd)


def present(path: Path) -> bool:
    """True if anything is at ``path``: a file, a FIFO, a device, a link (even dangling).

    Tasks that skip a missing file ask this, not ``is_file()``: a FIFO or a device
    named like a PO file is then read, and refused with its reason, instead of
    being taken silently for a file not there yet.
    """
    return os.path.lexists(path)


def is_inside(root: Path, path: Path) -> bool:
    """True if ``path``, every link followed, is ``root`` or lies below it."""
    try:
        resolved = path.resolve()
    except (OSError, RuntimeError):  # a loop of links
        return False
    base = root.resolve()
    return resolved == base or resolved.is_relative_to(base)


def inside(root: Path, path: Path, what: str = "path") -> Path:
    """``path`` itself if it stays inside ``root`` with every link followed, else refused."""
    if not is_inside(root, path):
        shown = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
        raise refuse(path, f"{what} {shown} leads outside the repository (a symlink?): refused")
    return path


def no_links_below(base: Path, path: Path) -> Path:
    """``path`` if no part of it from ``base`` down is a symlink (build/ is Accord's own).

    Writing or deleting through a link in ``build/`` would reach files Accord never
    wrote; such a link is refused, whatever it points to.
    """
    relative = path.relative_to(base)
    current = base
    if base.is_symlink():
        raise refuse(base, f"{base.name}/ is a symlink: Accord writes only real folders there")
    for part in relative.parts:
        current = current / part
        if current.is_symlink():
            raise refuse(current, f"{current} is a symlink: Accord writes only real files there")
    return path


@functools.lru_cache(maxsize=4096)
def _folder_inside(root: Path, folder: Path) -> bool:
    return is_inside(root, folder)


def file_inside(root: Path, path: Path) -> bool:
    """:func:`is_inside` for many files of few folders (each folder resolved once per run)."""
    if path.is_symlink():
        return is_inside(root, path)
    return _folder_inside(root, path.parent)


def read_located(path: Path, label: str, error: type[AccordError] = SourceError) -> bytes:
    """:func:`read_bytes`; any failure as ``error`` at ``label`` (``label: cannot read: …``)."""
    try:
        return read_bytes(path)
    except OSError as problem:
        raise error(f"cannot read: {problem.strerror or problem}", path=label) from None


def escapes(root: Path, path: Path) -> bool:
    """True if ``path`` is a link that resolves, or would resolve, outside ``root``.

    A loop of links resolves nowhere: it is not an escape, and reading it fails
    with its own message.
    """
    try:
        resolved = path.resolve()
    except (OSError, RuntimeError):
        return False
    base = root.resolve()
    return not (resolved == base or resolved.is_relative_to(base))
