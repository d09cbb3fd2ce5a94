"""Task ``report``: write build/reports/ (HTML pages, report.json, report.md)."""

from __future__ import annotations

import sys
from pathlib import Path

from invoke import Context
from invoke.exceptions import Exit

from accord import safefile
from accord.errors import AccordError, BuildError, ConfigError
from accord.glossary import load_glossary
from accord.report.partial import previous_report
from accord.steps.report import report_project
from accord.tasks._common import EXIT_FINDINGS, EXIT_USAGE, listed, project, reports_errors
from accord.tasks.conventions import task
from accord.workspace import discover_articles, select_locales

FAIL_ON = ("never", "error", "warning")


@task(iterable=["locale"], help={
    "locale": "only this target locale (repeatable)",
    "fail-on": "exit 1 when findings of this severity exist: never (default), error, warning",
})
@reports_errors
def report(c: Context, locale: list[str] | None = None, fail_on: str = "never") -> None:
    """Write build/reports/ (index.html, per-locale pages, report.json, report.md)."""
    if fail_on not in FAIL_ON:
        raise ConfigError(f"--fail-on: expected one of {', '.join(FAIL_ON)}, not {fail_on!r}")
    config = project()
    locales = select_locales(config, listed(locale))
    # --locale fa rewrites the fa pages and the shared ones, and leaves the others' pages.
    partial = set(locales) != set(config.locales)
    problems: list[AccordError] = []
    articles = discover_articles(config, problems)
    glossary = load_glossary(config.glossary_dir)
    previous = previous_report(_read(config.reports_dir / "report.json")) if partial else None
    try:
        done = report_project(config, locales, articles, glossary, previous)
    except OSError as error:  # a link in build/ (refused), a full disk
        raise BuildError(f"cannot write: {error.strerror or error}",
                         config.relative(Path(error.filename or config.reports_dir))) from None
    errors, warnings = done.errors, done.warnings
    where = config.relative(config.reports_dir)
    print(f"{where}/index.html: {done.files} report files ({len(done.changed)} changed); "
          f"{errors} errors, {warnings} warnings")
    for problem in problems:
        print(f"accord: {problem}", file=sys.stderr)  # files skipped: bad names, duplicates
    if problems:
        raise Exit(code=EXIT_USAGE)
    if (fail_on == "error" and errors) or (fail_on == "warning" and errors + warnings):
        raise Exit(code=EXIT_FINDINGS)


def _read(path: Path) -> str | None:
    """The last report.json, if it is a readable regular file (UnsafeFileError is an OSError)."""
    try:
        return safefile.read_bytes(path).decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return None
