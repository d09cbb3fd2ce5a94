"""Tasks ``sync`` and ``build``."""

from __future__ import annotations

from invoke import task

from accord.tasks._common import listed, project, reports_errors


@task(iterable=["locale", "article"], help={
    "locale": "only this target locale (repeatable)",
    "article": "only this article slug (repeatable)",
})
@reports_errors
def sync(c, locale=None, article=None):  # type: ignore[no-untyped-def]
    """Segment sources, merge into every locale's PO files, fill from TM, write hints."""
    config = project()
    print(config, listed(locale), listed(article))


@task(iterable=["locale"], help={"locale": "only this target locale (repeatable)"})
@reports_errors
def build(c, locale=None):  # type: ignore[no-untyped-def]
    """Write build/site/<locale>/<slug>.md."""
    config = project()
    print(config, listed(locale))
