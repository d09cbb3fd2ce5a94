"""Task ``check``: glossary and QA checks on sources and targets."""

from __future__ import annotations

import sys

from accord.errors import AccordError, ConfigError
from accord.readable import quoted, readable
from accord.tasks._common import (
    EXIT_FINDINGS,
    EXIT_USAGE,
    listed,
    project,
    reports_errors,
    repository_lock,
    tell,
)
from accord.tasks.conventions import Context, Exit, task
from accord.workspace import discover_articles, select_articles, select_locales


@task(iterable=["locale", "article"], help={
    "locale": "only this target locale (repeatable)",
    "article": "only this article slug (repeatable)",
    "format": "text (default), json or markdown",
    "fix": "replace forbidden variants in PO files (entries become fuzzy), then check",
})
@reports_errors
def check(
    c: Context,
    locale: list[str] | None = None,
    article: list[str] | None = None,
    format: str = "text",
    fix: bool = False,
) -> None:
    """Glossary and QA checks on sources and targets (exit 1 on errors)."""
    from accord.report.check_output import FORMATS  # noqa: PLC0415  (on demand: start-up)
    from accord.steps import runcache  # noqa: PLC0415

    if format not in FORMATS:
        raise ConfigError(f"--format: expected one of {', '.join(FORMATS)}, not {format!r}")
    config = project()
    locales = select_locales(config, listed(locale))
    problems: list[AccordError] = []  # files skipped: bad names, duplicates, unreadable
    articles = select_articles(discover_articles(config, problems), listed(article))
    key = runcache.inputs_key(config, "check", format, *locales, "--", *(a.slug for a in articles))
    known = None if fix else runcache.recall(config, "check", key, config.cache_dir / "none")
    if known is not None and runcache.replay_output(config, "check", known, sys.stdout):
        _exit(known)  # nothing changed since the last check: the same findings
        return
    from accord.report.check_output import write_findings  # noqa: PLC0415
    from accord.steps import glossarycache  # noqa: PLC0415
    from accord.steps.check import iter_findings  # noqa: PLC0415
    from accord.steps.fix import fix_repository  # noqa: PLC0415
    from accord.steps.syncstate import sync_key  # noqa: PLC0415

    # The glossary as sync keeps it (JSON under the sync key, which digests its files).
    glossary = glossarycache.load(config.cache_dir, config.glossary_dir, sync_key(config))
    if fix:
        with repository_lock(config):
            fixed_files = fix_repository(config, locales, articles, glossary)
        for fixed in fixed_files:
            for item in fixed.fixes:
                print(readable(f"{fixed.file}:{fixed.line}: fixed {quoted(item.found)} → "
                               f"{quoted(item.replacement)} ({item.concept}); entry marked fuzzy"),
                      file=sys.stderr)
    # Written as they are found (a large repository's findings are never all in memory),
    # and copied aside for a replay when nothing has changed.
    with runcache.recording(config, "check", sys.stdout, keep=not fix) as out:
        summary = write_findings(iter_findings(config, locales, articles, glossary, problems),
                                 format, out)
        out.write("\n")
    run = {"errors": bool(summary["errors"]), "problems": [str(p) for p in problems]}
    if not fix:  # after a fix the inputs are not the ones the key was made from
        runcache.remember(config, "check", key, config.cache_dir / "none",
                          {**run, "output": out.size})
    _exit(run)


def _exit(run: dict[str, object]) -> None:
    """Print a check's problems and exit as it did (run now or recalled)."""
    problems = run.get("problems") or []
    for problem in problems if isinstance(problems, list) else []:
        tell(problem)
    if problems:
        raise Exit(code=EXIT_USAGE)
    if run["errors"]:
        raise Exit(code=EXIT_FINDINGS)
