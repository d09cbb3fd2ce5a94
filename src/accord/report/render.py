"""All report files at once (pure), and the writer that puts them under build/reports/."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from pathlib import Path
from typing import Any

from accord import buildfiles
from accord.fsutil import confined
from accord.report.html import render_html
from accord.report.jsonreport import report_json
from accord.report.markdown import markdown_summary
from accord.report.model import GlossaryView, build_model

GENERATED_SUFFIXES = (".html", ".json", ".md")


def render_reports(
    status: Mapping[str, Any],
    findings: Sequence[Mapping[str, Any]],
    glossary_view: GlossaryView | None = None,
    source_langs: Mapping[str, str] | None = None,
    pages_for: Collection[str] | None = None,
) -> dict[str, str]:
    """Every report file by name relative to the reports folder → its text.

    ``status`` is ``collect_status`` output, ``findings`` are ``Finding.to_dict()``
    values, ``source_langs`` maps article slugs to their source language. The same
    inputs always give the same bytes. With ``pages_for``, only those locales get their
    pages rendered; the index, glossary, JSON and Markdown still cover every locale.
    """
    model = build_model(status, findings, glossary_view or GlossaryView(), source_langs)
    files = render_html(model, pages_for)
    files["report.json"] = report_json(findings, status)
    files["report.md"] = markdown_summary(findings, status)
    return dict(sorted(files.items()))


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
