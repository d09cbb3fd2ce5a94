"""Fill untranslated segments: translation memory first, then MT with glossary enforcement.

:func:`plan_translation` reads the PO files and decides, per untranslated entry,
whether translation memory fills it or an engine must; :func:`run_translation`
has :class:`~accord.mt.worker.Translator` workers run the engine jobs concurrently,
applies each result as it arrives and saves its PO file (atomically, at most
every ``SAVE_INTERVAL`` seconds), so an interrupted run keeps every finished
segment and leaves every file whole. Engine answers are cached per
engine in ``build/cache/mt-<engine>.sqlite``: an unchanged re-run sends nothing.

Machine output is stored fuzzy with a machine mark (:func:`accord.review.state.mark_machine`);
an entry that a person translated in the meantime is never touched.
"""

from __future__ import annotations

import datetime
import time
from collections.abc import Callable, Mapping
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path

from accord import safefile
from accord.catalog import casfile
from accord.catalog.pofile import Catalog, Entry
from accord.config import Config
from accord.errors import AccordError, CatalogError
from accord.glossary import Glossary
from accord.merge.memory import TranslationMemory
from accord.mt.engines.retry import RetryPolicy
from accord.mt.worker import Job, Outcome, Translator
from accord.review.state import mark_machine
from accord.workspace import ArticleRef, po_path, read_catalog, targets_of

VIOLATION_PREFIX = "accord-mt:"  # not "accord:": review marks stay the review module's
SAVE_INTERVAL = 0.2  # seconds between two saves of one PO file during a run


@dataclass
class Plan:
    """Everything a run will do: catalogs read, TM fills, engine jobs."""

    catalogs: dict[Path, Catalog] = field(default_factory=dict)
    files: dict[Path, str] = field(default_factory=dict)
    tm_fills: list[tuple[Path, Entry, str]] = field(default_factory=list)
    jobs: list[Job] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # PO files not there (run sync)
    errors: list[AccordError] = field(default_factory=list)  # unreadable PO files
    seen: dict[Path, casfile.Seen] = field(default_factory=dict)  # each file as last read


@dataclass(frozen=True)
class Summary:
    """The result of a translate run, for the task's summary and for tests."""

    segments: int  # untranslated entries considered
    sent: int  # segments translated with at least one request
    requests: int  # requests sent
    from_cache: int  # segments answered entirely by the cache
    from_tm: int  # segments filled from translation memory
    failed: int  # segments left untranslated because of an engine error
    glossary_fixes: int  # forbidden variants replaced
    flagged: int  # segments still violating the glossary (marked, reported)
    files_written: tuple[str, ...]
    missing: tuple[str, ...]
    errors: tuple[str, ...]  # one line per failure or unreadable file
    flags: tuple[str, ...] = ()  # one line per segment still violating the glossary
    interrupted: bool = False
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        """No failure, no unreadable file, not interrupted."""
        return not (self.failed or self.interrupted or self.errors)

    def lines(self) -> list[str]:
        """The summary as text lines."""
        head = f"translate: {self.segments} untranslated segment(s)"
        sent = (
            f"  to send (dry run, nothing sent or written): {self.sent} segment(s)"
            if self.dry_run
            else f"  sent to engine: {self.sent} segment(s) in {self.requests} request(s)"
        )
        out = [
            head,
            sent,
            f"  from cache: {self.from_cache}",
            f"  from TM: {self.from_tm}",
            f"  failed: {self.failed}",
            f"  glossary fixes applied: {self.glossary_fixes}",
            f"  flagged (glossary still violated): {self.flagged}",
        ]
        if self.files_written:
            out.append(f"  files written: {len(self.files_written)}")
        out += [f"  missing (run sync first): {m}" for m in self.missing]
        out += [f"  {e}" for e in self.errors]
        out += [f"  flagged: {f}" for f in self.flags]
        if self.interrupted:
            out.append("  interrupted: finished segments are saved; run translate again")
        return out


def plan_translation(
    config: Config,
    locales: list[str],
    articles: list[ArticleRef],
    engine: str | None = None,
) -> Plan:
    """Read the PO files of ``articles`` × ``locales`` and decide what fills each new entry."""
    plan = Plan()
    memories: dict[str, TranslationMemory] = {}
    for article in articles:
        for locale in targets_of(article, locales):
            path = po_path(config, locale, article.slug)
            rel = config.relative(path)
            if not safefile.present(path):
                plan.missing.append(rel)
                continue
            try:
                read, seen = casfile.read_po(path)
            except AccordError as error:
                plan.errors.append(CatalogError(error.message, rel, error.line))
                continue
            if read is None:
                plan.missing.append(rel)
                continue
            catalog = read
            plan.catalogs[path], plan.files[path], plan.seen[path] = catalog, rel, seen
            if locale not in memories:
                memories[locale] = _memory(config, locale)
            name = engine or config.translate.engine_for(locale)
            for entry in catalog.messages():
                if entry.translated or entry.msgid_plural is not None or not entry.msgid.strip():
                    continue
                hit = memories[locale].lookup(entry.msgid, entry.msgctxt, article.lang)
                if hit is not None:
                    plan.tm_fills.append((path, entry, hit))
                    continue
                plan.jobs.append(
                    Job(path, rel, locale, article.lang, name, entry.msgid, entry.msgctxt,
                        entry.line)
                )
    return plan


def _memory(config: Config, locale: str) -> TranslationMemory:
    folder = config.locales_dir / locale
    catalogs = []
    for path in sorted(folder.rglob("*.po")):
        try:
            catalogs.append(read_catalog(config, path))
        except AccordError:
            continue  # reported when the file itself is planned
    return TranslationMemory.build(catalogs)


def apply_outcome(catalog: Catalog, outcome: Outcome, today: datetime.date) -> bool:
    """Store machine output in its entry, fuzzy with a machine mark; False if already filled."""
    job, enforced = outcome.job, outcome.enforced
    entry = catalog.find(job.msgid, job.msgctxt)
    if enforced is None or entry is None or entry.translated or not enforced.text.strip():
        return False
    entry.msgstr = enforced.text
    entry.translator_comments = [
        c for c in entry.translator_comments if not c.startswith(VIOLATION_PREFIX)
    ]
    mark_machine(entry, job.engine, today)
    entry.translator_comments += [f"{VIOLATION_PREFIX} {v.describe()}" for v in enforced.violations]
    entry.translator_comments += [f"{VIOLATION_PREFIX} {note}" for note in enforced.notes]
    return True


@dataclass
class _Tally:
    sent: int = 0
    requests: int = 0
    from_cache: int = 0
    failed: int = 0
    fixes: int = 0
    flagged: int = 0
    written: set[str] = field(default_factory=set)
    errors: list[str] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)


def run_translation(
    config: Config,
    plan: Plan,
    glossary: Glossary,
    *,
    policy: RetryPolicy | None = None,
    env: Mapping[str, str] | None = None,
    today: datetime.date | None = None,
    dry_run: bool = False,
    progress: Callable[[int], None] | None = None,
) -> Summary:
    """Carry out ``plan``: TM fills, then engine jobs; every file saved as results arrive."""
    today = today or datetime.date.today()
    tally = _Tally(errors=[str(e) for e in plan.errors])
    translator = Translator(config, glossary, policy or RetryPolicy(), env)
    interrupted = False
    try:
        translator.prepare(plan.jobs)
        if dry_run:
            tally.from_cache = sum(1 for job in plan.jobs if translator.cached_only(job))
            tally.sent = len(plan.jobs) - tally.from_cache
        else:
            _fill_from_tm(plan, tally)
            interrupted = _run_jobs(plan, translator, tally, today, progress)
    finally:
        translator.close()
    return Summary(
        segments=len(plan.tm_fills) + len(plan.jobs),
        sent=tally.sent,
        requests=tally.requests,
        from_cache=tally.from_cache,
        from_tm=len(plan.tm_fills),
        failed=tally.failed,
        glossary_fixes=tally.fixes,
        flagged=tally.flagged,
        files_written=tuple(sorted(tally.written)),
        missing=tuple(plan.missing),
        errors=tuple(tally.errors),
        flags=tuple(tally.flags),
        interrupted=interrupted,
        dry_run=dry_run,
    )


def _fill_from_tm(plan: Plan, tally: _Tally) -> None:
    """Store the TM matches; a file changed since planning is re-read and only gaps filled."""
    fills: dict[Path, list[tuple[Entry, str]]] = {}
    for path, entry, msgstr in plan.tm_fills:
        fills.setdefault(path, []).append((entry, msgstr))
    for path in sorted(fills):

        def fill(catalog: Catalog, path: Path = path) -> None:
            for old, msgstr in fills[path]:
                current = catalog.find(old.msgid, old.msgctxt)
                if current is not None and not current.translated:
                    current.msgstr = msgstr

        fill(plan.catalogs[path])
        _save(plan, path, tally, fill)


def _run_jobs(
    plan: Plan,
    translator: Translator,
    tally: _Tally,
    today: datetime.date,
    progress: Callable[[int], None] | None,
) -> bool:
    """Run the jobs; True if interrupted (Ctrl-C). Results are applied in this thread only.

    Each PO file is saved as its results arrive, at most every SAVE_INTERVAL seconds
    (formatting a long catalog per segment would make the file, not the engine, the
    bottleneck); the cache already holds every answer, so a kill in between costs
    no request on the next run.
    """
    if not plan.jobs:
        return False
    executor = ThreadPoolExecutor(max_workers=translator.concurrency(), thread_name_prefix="mt")
    pending: set[Future[Outcome]] = {executor.submit(translator.run, job) for job in plan.jobs}
    failures: dict[str, int] = {}
    unsaved: dict[Path, list[Outcome]] = {}
    saved_at: dict[Path, float] = {}
    try:
        while pending:
            done, pending = wait(pending, timeout=SAVE_INTERVAL, return_when=FIRST_COMPLETED)
            for future in done:
                outcome = future.result()
                if _record(plan, outcome, tally, today, failures):
                    unsaved.setdefault(outcome.job.path, []).append(outcome)
                if progress is not None:
                    progress(1)
            now = time.monotonic()
            for path in [p for p in unsaved if now - saved_at.get(p, 0.0) >= SAVE_INTERVAL]:
                _save_results(plan, path, unsaved.pop(path), tally, today)
                saved_at[path] = now
    except KeyboardInterrupt:
        translator.cancel()  # workers stop waiting out Retry-After and backoff
        for future in pending:
            future.cancel()
        executor.shutdown(wait=False, cancel_futures=True)
        _save_all(plan, unsaved, tally, today)
        return True
    executor.shutdown(wait=True)
    _save_all(plan, unsaved, tally, today)
    for reason, count in sorted(failures.items()):
        tally.errors.append(f"{count} segment(s) not translated: {reason}")
    return False


def _record(
    plan: Plan, outcome: Outcome, tally: _Tally, today: datetime.date, failures: dict[str, int]
) -> bool:
    """Count the outcome and apply it to its catalog in memory; True if the catalog changed."""
    tally.requests += outcome.requests
    if outcome.error is not None or outcome.enforced is None:
        tally.failed += 1
        reason = outcome.error.message if outcome.error else "no translation"
        failures[reason] = failures.get(reason, 0) + 1
        return False
    if outcome.requests:
        tally.sent += 1
    else:
        tally.from_cache += 1
    catalog = plan.catalogs.get(outcome.job.path)
    if catalog is None or not apply_outcome(catalog, outcome, today):
        return False
    tally.fixes += len(outcome.enforced.fixes)
    if outcome.enforced.violations:
        tally.flagged += 1
        tally.flags.append(
            f"{outcome.job.file}:{outcome.job.line}: "
            + "; ".join(v.describe() for v in outcome.enforced.violations)
        )
    return True


def _save_all(
    plan: Plan, unsaved: dict[Path, list[Outcome]], tally: _Tally, today: datetime.date
) -> None:
    for path in sorted(unsaved):
        _save_results(plan, path, unsaved[path], tally, today)
    unsaved.clear()


def _save_results(
    plan: Plan, path: Path, outcomes: list[Outcome], tally: _Tally, today: datetime.date
) -> None:
    """Save ``path``; if someone changed it meanwhile, re-read it and re-apply ``outcomes``.

    Re-applying skips entries that are no longer untranslated, so a person's
    translation saved during the run always wins over machine output.
    """

    def reapply(catalog: Catalog) -> None:
        for outcome in outcomes:
            apply_outcome(catalog, outcome, today)

    _save(plan, path, tally, reapply)


def _save(plan: Plan, path: Path, tally: _Tally, reapply: Callable[[Catalog], None]) -> None:
    """Write the catalog of ``path`` unless the file changed on disk since it was read.

    When it did, the new file is read and ``reapply`` does this save's work again
    on it (compare-and-swap, see casfile.py).
    """
    first: tuple[Catalog | None, casfile.Seen] = (plan.catalogs[path], plan.seen[path])
    calls = [0]

    def change(catalog: Catalog | None) -> Catalog | None:
        calls[0] += 1
        if catalog is not None and calls[0] > 1:
            reapply(catalog)
            plan.catalogs[path] = catalog
        return catalog

    try:
        written, plan.seen[path] = casfile.rewrite(path, change, first, plan.files[path])
    except (CatalogError, OSError) as error:
        tally.errors.append(f"{plan.files[path]}: not saved: {_why(error)}")
        return
    if written:
        tally.written.add(plan.files[path])


def _why(error: Exception) -> str:
    """What went wrong with a file already named in the message (no absolute path twice)."""
    if isinstance(error, AccordError):
        return f"line {error.line}: {error.message}" if error.line else error.message
    if isinstance(error, OSError):
        return f"cannot read or write: {error.strerror}"
    return str(error)


__all__ = [
    "Job",
    "Outcome",
    "Plan",
    "Summary",
    "Translator",
    "apply_outcome",
    "plan_translation",
    "run_translation",
]
