"""Task ``check``: glossary and QA checks on sources and targets."""

from __future__ import annotations

import sys

from invoke import Context
from invoke.exceptions import Exit

from accord.checks import Severity
from accord.errors import AccordError, ConfigError
from accord.glossary import load_glossary
from accord.readable import quoted, readable
from accord.report.check_output import FORMATS, format_findings
from accord.steps.check import run_checks
from accord.steps.fix import fix_repository
from accord.tasks._common import (
    EXIT_FINDINGS,
    EXIT_USAGE,
    listed,
    project,
    reports_errors,
    repository_lock,
    tell,
)
from accord.tasks.conventions import task
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
    if format not in FORMATS:
        raise ConfigError(f"--format: expected one of {', '.join(FORMATS)}, not {format!r}")
    config = project()
    locales = select_locales(config, listed(locale))
    problems: list[AccordError] = []  # files skipped: bad names, duplicates, unreadable
    articles = select_articles(discover_articles(config, problems), listed(article))
    glossary = load_glossary(config.glossary_dir)
    if fix:
        with repository_lock(config):
            fixed_files = fix_repository(config, locales, articles, glossary)
        for fixed in fixed_files:
            for item in fixed.fixes:
                print(readable(f"{fixed.file}:{fixed.line}: fixed {quoted(item.found)} → "
                               f"{quoted(item.replacement)} ({item.concept}); entry marked fuzzy"),
                      file=sys.stderr)
    findings = run_checks(config, locales, articles, glossary, problems)
    print(format_findings(findings, format))
    for problem in problems:
        tell(problem)
    if problems:
        raise Exit(code=EXIT_USAGE)
    if any(f.severity is Severity.ERROR for f in findings):
        raise Exit(code=EXIT_FINDINGS)
