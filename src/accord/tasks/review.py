"""Tasks ``status``, ``review.approve``, ``review.reject``."""

from __future__ import annotations

from invoke import Collection, task

from accord.tasks._common import project, reports_errors


@task(iterable=["locale"])
@reports_errors
def status(c, locale=None, format="text", segment=None):  # type: ignore[no-untyped-def]  # noqa: A002
    """Progress and review state per locale, article and segment."""
    project()
    raise NotImplementedError("status: review issue")


@task(positional=["locale", "slug"], iterable=["segment"])
@reports_errors
def approve(c, locale, slug, segment=None, all_clean=False, by=None):  # type: ignore[no-untyped-def]
    """Approve segments of one article in one locale."""
    raise NotImplementedError("review.approve: review issue")


ns = Collection(approve)
