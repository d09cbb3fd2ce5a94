"""Task ``translate``: machine translation with glossary enforcement."""

from __future__ import annotations

from invoke import task

from accord.tasks._common import project, reports_errors


@task(iterable=["locale", "article"])
@reports_errors
def translate(c, engine=None, locale=None, article=None, dry_run=False):  # type: ignore[no-untyped-def]
    """Machine-translate untranslated segments with glossary enforcement."""
    project()
    raise NotImplementedError("translate: MT issue")
