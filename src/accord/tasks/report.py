"""Task ``report``: write build/reports/ (HTML pages, report.json, report.md)."""

from __future__ import annotations

from pathlib import Path

from invoke import Context
from invoke.exceptions import Exit

from accord import safefile
from accord.config import Config
from accord.errors import AccordError, BuildError, ConfigError
from accord.glossary import load_glossary
from accord.report import render_reports
from accord.report.glossaryview import glossary_view
from accord.report.partial import merge_previous, previous_report
from accord.steps.check import run_checks
from accord.steps.report import write_reports
from accord.steps.status import collect_status
from accord.tasks._common import EXIT_FINDINGS, EXIT_USAGE, listed, project, reports_errors, tell
from accord.tasks.conventions import task
from accord.workspace import ArticleRef, discover_articles, select_locales

FAIL_ON = ("never", "error", "warning")


def source_texts(config: Config, articles: list[ArticleRef]) -> dict[str, tuple[str, list[str]]]:
    """Each article's language and source segment texts (for glossary occurrence counts)."""
    from accord.source.segment import decode_source, parse_article  # noqa: PLC0415

    out = {}
    for article in articles:
        parsed = parse_article(
            decode_source(safefile.read_located(article.path, article.relpath(config)),
                          article.relpath(config)),
            article.relpath(config),
            config.translatable_keys,
        )
        out[article.slug] = (article.lang, [s.msgid for s in parsed.segments])
    return out


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
    status = collect_status(config, locales, articles)
    findings = [f.to_dict() for f in run_checks(config, locales, articles, glossary)]
    checked = findings  # what this run found: --fail-on looks at these only
    if partial:
        status, findings = merge_previous(
            previous_report(_read(config.reports_dir / "report.json")), status, findings,
            chosen=locales, configured=config.locales,
            targets_prefix=config.relative(config.locales_dir) + "/",
        )
    shown = [str(entry["locale"]) for entry in status["locales"]]
    view = glossary_view(glossary, shown, source_texts(config, articles))
    files = render_reports(status, findings, view, {a.slug: a.lang for a in articles},
                           pages_for=locales if partial else None)
    try:
        changed = write_reports(config.reports_dir, files, locales if partial else None)
    except OSError as error:  # a link in build/ (refused), a full disk
        raise BuildError(f"cannot write: {error.strerror or error}",
                         config.relative(Path(error.filename or config.reports_dir))) from None
    errors = sum(1 for f in checked if f.get("severity") == "error")
    warnings = sum(1 for f in checked if f.get("severity") == "warning")
    where = config.relative(config.reports_dir)
    print(f"{where}/index.html: {len(files)} report files ({len(changed)} changed); "
          f"{errors} errors, {warnings} warnings")
    for problem in problems:
        tell(problem)  # files skipped: bad names, duplicates
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
