"""Task ``report``: write build/reports/."""

from __future__ import annotations

from invoke import task

from accord.tasks._common import project, reports_errors


@task(iterable=["locale"])
@reports_errors
def report(c, locale=None):  # type: ignore[no-untyped-def]
    """Write build/reports/ (index.html, per-locale pages, report.json, report.md)."""
    project()
    raise NotImplementedError("report: reports issue")
