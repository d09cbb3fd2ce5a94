"""Task ``translate``: machine translation with glossary enforcement."""

from __future__ import annotations

import signal
import sys
from types import FrameType
from typing import TYPE_CHECKING

from accord.config import Config
from accord.errors import AccordError, ConfigError
from accord.mt.engines import ENGINE_NAMES
from accord.readable import readable
from accord.tasks._common import (
    EXIT_FINDINGS,
    EXIT_USAGE,
    listed,
    project,
    reports_errors,
    tell,
    writes_repository,
)
from accord.tasks.conventions import Context, Exit, task
from accord.workspace import discover_articles, select_articles, select_locales

if TYPE_CHECKING:
    from accord.glossary import Glossary


def project_glossary(config: Config) -> Glossary:
    """The repository's glossary (empty when there is no glossary folder)."""
    from accord.glossary import load_glossary, make_glossary  # noqa: PLC0415  (imported on demand: start-up)

    if not config.glossary_dir.is_dir():
        return make_glossary([])
    return load_glossary(config.glossary_dir)


def _interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


@task(
    iterable=["locale", "article"],
    help={
        "engine": f"engine for every locale ({', '.join(ENGINE_NAMES)}); default: configured",
        "locale": "target locale (repeatable; default: all configured)",
        "article": "article slug (repeatable; default: all)",
        "dry-run": "show what would be sent, from cache and from TM; send and write nothing",
    },
)
@reports_errors
@writes_repository
def translate(
    c: Context,
    engine: str | None = None,
    locale: list[str] | None = None,
    article: list[str] | None = None,
    dry_run: bool = False,
) -> None:
    """Machine-translate untranslated segments with glossary enforcement."""
    from tqdm import tqdm  # noqa: PLC0415  (imported on demand: start-up)

    from accord.steps.translate import plan_translation, run_translation  # noqa: PLC0415

    config = project()
    if engine is not None and engine not in ENGINE_NAMES:
        raise ConfigError(f"--engine: unknown engine {engine!r} (known: {', '.join(ENGINE_NAMES)})")
    locales = select_locales(config, listed(locale))
    problems: list[AccordError] = []
    articles = select_articles(discover_articles(config, problems), listed(article))
    for problem in problems:  # files skipped: bad names, duplicates (the rest is translated)
        tell(problem)
    glossary = project_glossary(config)
    plan = plan_translation(config, locales, articles, engine)
    bar = tqdm(
        total=len(plan.jobs),
        unit="seg",
        desc="translate",
        disable=dry_run or not sys.stderr.isatty(),
        file=sys.stderr,
    )
    previous = signal.signal(signal.SIGTERM, _interrupt)  # `kill`: stop like Ctrl-C
    try:
        summary = run_translation(config, plan, glossary, dry_run=dry_run, progress=bar.update)
    finally:
        signal.signal(signal.SIGTERM, previous)
        bar.close()
    print("\n".join(readable(line) for line in summary.lines()))
    if summary.interrupted:
        raise Exit(code=130)
    if problems:
        raise Exit(code=EXIT_USAGE)
    if not summary.ok:
        raise Exit(code=EXIT_FINDINGS)
