"""Small file-system helpers: atomic writes and repository-confined paths."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from accord.errors import SourceError


def write_text_if_changed(path: Path, text: str, *, durable: bool = True) -> bool:
    """Write ``text`` atomically unless the file already holds exactly it; True if written."""
    return write_bytes_if_changed(path, text.encode("utf-8"), durable=durable)


def write_bytes_if_changed(path: Path, data: bytes, *, durable: bool = True) -> bool:
    """Write ``data`` atomically unless the file already holds exactly it; True if written."""
    try:
        if path.read_bytes() == data:
            return False
    except FileNotFoundError:
        pass
    atomic_write_bytes(path, data, durable=durable)
    return True


def atomic_write_bytes(path: Path, data: bytes, *, durable: bool = True) -> None:
    """Replace ``path`` with ``data`` so that readers see the old or the new file, never half.

    The new file keeps the permission bits of the file it replaces; a file that did
    not exist gets the usual ones (0666 less the umask: 0644 under umask 022), so a
    web server or a colleague can read what Accord writes, as with any editor.

    ``durable``: the data reaches the disk before the rename (one ``fsync``), so that
    a power cut leaves the old file or the new one. Files made again from others
    (``build/``) skip it, as static-site generators and git's loose objects do: after
    a power cut such a file may be empty, and the task that wrote it notices (by
    size, or by digest) and writes it again.
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
            if durable:
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
        tmp = str(path.parent / f".{path.name[:200]}.{os.urandom(4).hex()}.tmp")
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


TEMPORARY_SUFFIX = ".tmp"


def sweep_temporaries(folder: Path) -> list[Path]:
    """Remove ``.<name>.XXXXXXXX.tmp`` files a killed run left beside its files in ``folder``
    (at any depth; symlinked folders are not entered).

    Only run while holding the repository lock: no other Accord task is writing then.
    """
    removed: list[Path] = []
    if not folder.is_dir() or folder.is_symlink():
        return removed
    for top, _dirs, files in os.walk(folder):
        for file in files:
            if not (file.startswith(".") and file.endswith(TEMPORARY_SUFFIX)):
                continue
            stem, dot, random = file[1:-len(TEMPORARY_SUFFIX)].rpartition(".")
            tmp = Path(top, file)
            if not dot or len(random) != 8 or not stem or tmp.is_symlink() or not tmp.is_file():
                continue
            tmp.unlink(missing_ok=True)
            removed.append(tmp)
    return sorted(removed)
