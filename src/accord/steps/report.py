"""Write the report files under ``build/reports/``: only what changed, and remove only
stale reports an earlier run wrote (never through a link)."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from pathlib import Path

from accord.fsutil import confined
from accord.steps import buildfiles

GENERATED_SUFFIXES = (".html", ".json", ".md")


def write_reports(
    directory: Path, files: Mapping[str, str], only_locales: Collection[str] | None = None
) -> list[str]:
    """Write ``files`` under ``directory``; remove reports left from earlier runs.

    Unchanged files are not touched. With ``only_locales`` (``report --locale``), old
    files are removed only among those locales' pages (``fa.html``, ``fa/…``): the
    other locales' pages stay as the last run wrote them. Returns the names written
    or removed, sorted.
    """
    changed = []
    # build/ is Accord's: nothing is written or deleted through a link, and only
    # files an earlier report wrote (the manifest) are deleted.
    build_dir = directory.parent
    owned = buildfiles.load(build_dir, "reports")
    for name, text in files.items():
        confined(directory, name, "report file")  # a name may not climb out (../)
        path = directory / name
        if buildfiles.write(build_dir, path, text):
            changed.append(name)
        owned.add(buildfiles.relative(build_dir, path))
    if directory.is_dir() and not directory.is_symlink():
        for path in sorted(directory.rglob("*")):
            name = path.relative_to(directory).as_posix()
            if only_locales is not None and not _of_locales(name, only_locales):
                continue
            stale = path.suffix in GENERATED_SUFFIXES and name not in files
            if stale and buildfiles.remove(build_dir, path, owned):
                owned.discard(buildfiles.relative(build_dir, path))
                changed.append(name)
        for folder in sorted(directory.iterdir()):
            if folder.is_dir() and not folder.is_symlink() and not any(folder.iterdir()):
                folder.rmdir()
    buildfiles.save(build_dir, "reports", owned)
    return sorted(changed)


def _of_locales(name: str, locales: Collection[str]) -> bool:
    """True for a locale's own page (``fa.html``) or one of its article pages (``fa/…``)."""
    head, _, rest = name.partition("/")
    return (head in locales and bool(rest)) or (not rest and name.removesuffix(".html") in locales)
