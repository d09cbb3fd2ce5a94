"""Small file-system helpers: atomic writes and repository-confined paths."""

from __future__ import annotations

import os
import secrets
import stat
from pathlib import Path

from accord.errors import SourceError


def write_text_if_changed(path: Path, text: str) -> bool:
    """Write ``text`` atomically unless the file already holds exactly it; True if written."""
    return write_bytes_if_changed(path, text.encode("utf-8"))


def write_bytes_if_changed(path: Path, data: bytes) -> bool:
    """Write ``data`` atomically unless the file already holds exactly it; True if written."""
    try:
        if path.read_bytes() == data:
            return False
    except FileNotFoundError:
        pass
    atomic_write_bytes(path, data)
    return True


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` so that readers see the old or the new file, never half.

    The new file keeps the permission bits of the file it replaces; a file that did
    not exist gets the usual ones (0666 less the umask: 0644 under umask 022), so a
    web server or a colleague can read what Accord writes, as with any editor.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        mode: int | None = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        mode = None
    fd, tmp = _temporary(path)
    try:
        with os.fdopen(fd, "wb") as handle:
            if mode is not None:
                os.chmod(tmp, mode)
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _temporary(path: Path) -> tuple[int, str]:
    """A new file beside ``path`` (``.name.XXXX.tmp``), created 0666 less the umask.

    ``tempfile.mkstemp`` would create it 0600, and that mode would survive the rename.
    """
    for _ in range(100):
        tmp = str(path.parent / f".{path.name[:200]}.{secrets.token_hex(4)}.tmp")
        try:
            return os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666), tmp
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary name beside {path}")


def confined(root: Path, relative: str, what: str = "path") -> Path:
    """Resolve ``relative`` under ``root``; refuse anything that would leave it."""
    candidate = (root / relative).resolve()
    base = root.resolve()
    if candidate != base and base not in candidate.parents:
        raise SourceError(f"{what} {relative!r} leaves the repository", path=relative)
    return candidate
