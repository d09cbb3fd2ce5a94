"""Tasks ``sync`` and ``build``."""

from __future__ import annotations

from accord.errors import ConfigError
from accord.tasks._common import (
    EXIT_USAGE,
    listed,
    project,
    reports_errors,
    tell,
    writes_repository,
)
from accord.tasks.conventions import Exit, task


@task(
    iterable=["locale", "article"],
    help={
        "locale": "only this target locale (repeatable, or comma-separated)",
        "article": "only this article slug (repeatable, or comma-separated)",
        "jobs": "worker processes (default: one per core when there is enough work)",
    },
)
@reports_errors
@writes_repository
def sync(c, locale=None, article=None, jobs=None):
    """Segment sources, merge into every locale's PO files, fill from TM, write hints."""
    from accord.steps.sync import sync_project  # noqa: PLC0415  (imported on demand: start-up)

    config = project()
    result = sync_project(config, listed(locale), listed(article), jobs=_jobs(jobs))
    for outcome in result.written:
        changes = [
            f"{n} {label}"
            for n, label in (
                (outcome.added, "new"),
                (outcome.fuzzy, "fuzzy"),
                (outcome.obsoleted, "obsolete"),
                (outcome.revived, "revived"),
                (outcome.tm_filled, "from TM"),
            )
            if n
        ]
        if outcome.moved_from:
            changes.append(f"translations and review marks from {outcome.moved_from}")
        print(f"wrote {outcome.path}" + (f" ({', '.join(changes)})" if changes else ""))
    for orphan in result.orphans:
        print(f"kept {orphan}: its article is gone; its translations still feed the TM")
    print(
        f"sync: {len(result.written)} written, "
        f"{len(result.files) - len(result.written) + result.unchanged} unchanged"
        + (f", {len(result.errors)} problem(s)" if result.errors else "")
    )
    if result.errors:
        for error in result.errors:
            tell(error)
        raise Exit(code=EXIT_USAGE)


def _jobs(value: object) -> int | None:
    """``--jobs`` as a number of worker processes; anything but a whole number ≥ 1 is usage."""
    if value is None:
        return None
    try:
        jobs = int(str(value))
    except ValueError:
        jobs = 0
    if jobs < 1:
        raise ConfigError(f"--jobs: expected a whole number of processes ≥ 1, not {value!r}")
    return jobs


@task(
    iterable=["locale"],
    help={
        "locale": "only this target locale (repeatable, or comma-separated)",
        "approved_only": "publish approved segments only; the rest falls back to the source",
    },
)
@reports_errors
def build(c, locale=None, approved_only=False):
    """Write build/site/<locale>/<slug>.md for every article complete enough."""
    from accord.steps.build import build_site  # noqa: PLC0415  (imported on demand: start-up)

    config = project()
    result = build_site(config, listed(locale), approved_only=approved_only)
    built = [p for p in result.pages if p.built]
    for page in result.pages:
        if not page.built:
            print(f"skipped {page.locale}/{page.article}: {page.reason}")
    for path in result.removed:
        print(f"removed {path}: no longer complete enough")
    written = sum(1 for p in built if p.written)
    print(
        f"build: {len(built)} article(s) in {config.relative(config.site_dir)} "
        f"({written} written), {len(result.pages) - len(built)} skipped"
    )
    if result.errors:
        for error in result.errors:
            tell(error)
        raise Exit(code=EXIT_USAGE)
