"""Task ``report``: write build/reports/ (HTML pages, report.json, report.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from accord import safefile
from accord.config import Config
from accord.errors import AccordError, BuildError, ConfigError
from accord.tasks._common import EXIT_FINDINGS, EXIT_USAGE, listed, project, reports_errors, tell
from accord.tasks.conventions import Context, Exit, task
from accord.workspace import discover_articles, select_locales

FAIL_ON = ("never", "error", "warning")


@task(iterable=["locale"], help={
    "locale": "only this target locale (repeatable)",
    "fail-on": "exit 1 when findings of this severity exist: never (default), error, warning",
})
@reports_errors
def report(c: Context, locale: list[str] | None = None, fail_on: str = "never") -> None:
    """Write build/reports/ (index.html, per-locale pages, report.json, report.md)."""
    from accord.steps import runcache  # noqa: PLC0415  (imported on demand: start-up)

    if fail_on not in FAIL_ON:
        raise ConfigError(f"--fail-on: expected one of {', '.join(FAIL_ON)}, not {fail_on!r}")
    config = project()
    locales = select_locales(config, listed(locale))
    # --locale fa rewrites the fa pages and the shared ones, and leaves the others' pages.
    partial = set(locales) != set(config.locales)
    key = runcache.inputs_key(config, "report", *locales)
    known = runcache.recall(config, "report", key, config.reports_dir)
    if known is not None:  # nothing changed since the last report: its files still stand
        _summarise(config, known, fail_on)
        return
    from accord.report.partial import previous_report  # noqa: PLC0415
    from accord.steps import glossarycache  # noqa: PLC0415
    from accord.steps.report import report_project  # noqa: PLC0415
    from accord.steps.syncstate import sync_key  # noqa: PLC0415

    problems: list[AccordError] = []
    articles = discover_articles(config, problems)
    # The glossary as sync keeps it (JSON under the sync key, which digests its files).
    glossary = glossarycache.load(config.cache_dir, config.glossary_dir, sync_key(config))
    previous = previous_report(_read(config.reports_dir / "report.json")) if partial else None
    try:
        done = report_project(config, locales, articles, glossary, previous)
    except OSError as error:  # a link in build/ (refused), a full disk
        raise BuildError(f"cannot write: {error.strerror or error}",
                         config.relative(Path(error.filename or config.reports_dir))) from None
    run = {"files": done.files, "changed": len(done.changed), "errors": done.errors,
           "warnings": done.warnings, "problems": [str(p) for p in problems]}
    runcache.remember(config, "report", key, config.reports_dir, {**run, "changed": 0})
    _summarise(config, run, fail_on)


def _summarise(config: Config, run: dict[str, Any], fail_on: str) -> None:
    """Print a report run's summary and problems, and exit as it did (run now or recalled)."""
    errors, warnings = int(run["errors"]), int(run["warnings"])
    where = config.relative(config.reports_dir)
    print(f"{where}/index.html: {run['files']} report files ({run['changed']} changed); "
          f"{errors} errors, {warnings} warnings")
    problems = run.get("problems") or []
    for problem in problems:
        tell(problem)  # files skipped: bad names, duplicates
    if problems:
        raise Exit(code=EXIT_USAGE)
    if (fail_on == "error" and errors) or (fail_on == "warning" and errors + warnings):
        raise Exit(code=EXIT_FINDINGS)


REPORT_JSON_LIMIT = 1 << 30  # report.json is Accord's own: 97 MB at 1,000 articles × 5


def _read(path: Path) -> str | None:
    """The last report.json, if it is a readable regular file (UnsafeFileError is an OSError).

    Not bound by the 64 MiB of an input file: a big repository's report.json is larger,
    and a partial report that took it for missing dropped the other locales."""
    try:
        return safefile.read_bytes(path, REPORT_JSON_LIMIT).decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return None
