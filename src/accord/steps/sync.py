"""Sync: segment the sources and merge them into every locale's PO files.

For each target locale, only the articles whose inputs changed are merged again
(see syncstate.py), so a sync costs what changed; each merged catalog is written
only when its text changed. When a PO file changed since sync last read it (a
translator's save), the whole locale is merged again, because its new translations
may fill untranslated entries elsewhere through the translation memory; only the
changed files are read again to update that memory.
Problems with one file (a malformed PO file, broken front matter) are collected
and reported together; that file is left untouched and the rest of the work goes on.
"""

from __future__ import annotations

import dataclasses
import datetime
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from accord import safefile
from accord.config import Config
from accord.errors import AccordError, CatalogError, SourceError
from accord.locales import display_name
from accord.review.status import keys_digest
from accord.steps import syncstate
from accord.workspace import (
    ArticleRef,
    catalogs,
    discover_articles,
    po_path,
    read_catalog,
    select_articles,
    select_locales,
)

if TYPE_CHECKING:  # the merge, the parsers and the glossary load only when there is work
    from accord.catalog import casfile
    from accord.catalog.pofile import Catalog, Entry
    from accord.glossary import Glossary
    from accord.merge.memory import TranslationMemory
    from accord.merge.msgmerge import MergeResult

PARALLEL_MIN_FILES = 200  # below this, starting worker processes costs more than it saves


@dataclass(frozen=True)
class FileOutcome:
    """What the sync did to one PO file."""

    locale: str
    article: str
    path: str
    written: bool
    added: int = 0
    fuzzy: int = 0
    obsoleted: int = 0
    revived: int = 0
    tm_filled: int = 0
    moved_from: str | None = None  # the orphan PO file a renamed article's work came from


@dataclass(frozen=True)
class SyncResult:
    """Everything one sync did, and what it could not do."""

    files: tuple[FileOutcome, ...] = ()
    unchanged: int = 0  # files skipped because none of their inputs changed
    orphans: tuple[str, ...] = ()  # PO files whose article is gone (kept, feed the TM)
    errors: tuple[AccordError, ...] = ()

    @property
    def written(self) -> list[FileOutcome]:
        return [f for f in self.files if f.written]


@dataclass
class _LocaleJob:
    """One locale's share of a sync, picklable for a worker process."""

    config: Config
    locale: str
    key: str
    articles: list[ArticleRef]
    templates: dict[str, list[Entry]]
    digests: dict[str, str]
    dates: dict[str, str] = field(default_factory=dict)
    keys: dict[str, str] = field(default_factory=dict)  # slug → digest of its segment keys
    all_slugs: set[str] = field(default_factory=set)
    refresh: bool = False  # some PO file changed since sync last read it (memory to update)
    stats: dict[str, syncstate.Stat] = field(default_factory=dict)  # the PO files when planned


def sync_project(
    config: Config,
    locales: Iterable[str] | None = None,
    articles: Iterable[str] | None = None,
    *,
    jobs: int | None = None,
) -> SyncResult:
    """Bring every selected locale's PO files up to date with the selected sources."""
    errors: list[AccordError] = []
    everything = discover_articles(config, errors)
    chosen = select_articles(everything, list(articles or []))
    targets = select_locales(config, list(locales or []), targets_only=True)
    key = syncstate.sync_key(config)

    digests: dict[str, str] = {}
    sources: dict[str, bytes] = {}
    for article in chosen:
        try:
            data = safefile.read_bytes(article.path)
        except OSError as error:
            errors.append(
                AccordError(f"cannot read: {error.strerror}", config.relative(article.path))
            )
            continue
        sources[article.slug] = data
        digests[article.slug] = syncstate.digest(data)

    plans: list[_LocaleJob] = []
    for locale in targets:
        state = syncstate.LocaleState(syncstate.state_path(config.cache_dir, locale), create=False)
        try:
            stamps = state.stamps() if state.key == key else {}
        finally:
            state.close()
        stats = syncstate.po_stats(config.locales_dir / locale)
        stamps = _settle(config, locale, stamps, stats)
        refresh = _needs_reading(stamps, stats)
        changed = [
            a
            for a in chosen
            if a.slug in digests
            and (refresh or _needs_merge(stamps.get(a.slug), digests[a.slug], stats.get(a.slug)))
        ]
        # The articles translated into this locale, each PO path checked (a link out of
        # the repository is reported here, once, and the article skipped).
        todo = [ref.article for ref in catalogs(config, [locale], changed, errors=errors)]
        plans.append(
            _LocaleJob(
                config=config,
                locale=locale,
                key=key,
                articles=todo,
                templates={},
                digests=digests,
                all_slugs={a.slug for a in everything},
                refresh=refresh,
                stats=stats,
            )
        )

    needed = {a.slug: a for plan in plans for a in plan.articles}
    templates, dates, keys = _segment(config, needed, sources, errors)
    sources.clear()  # segmented: the bytes are not needed again
    for plan in plans:
        plan.articles = [a for a in plan.articles if a.slug in templates]
        plan.templates = {a.slug: templates[a.slug] for a in plan.articles}
        plan.dates = {a.slug: dates[a.slug] for a in plan.articles}
        plan.keys = {a.slug: keys[a.slug] for a in plan.articles}

    outcomes = _run(plans, jobs)
    files: list[FileOutcome] = []
    unchanged = 0
    orphans: list[str] = []
    for done, skipped, orphaned, failed in outcomes:
        files.extend(done)
        unchanged += skipped
        orphans.extend(orphaned)
        errors.extend(failed)
    return SyncResult(tuple(files), unchanged, tuple(orphans), tuple(errors))


def _segment(
    config: Config,
    needed: dict[str, ArticleRef],
    sources: dict[str, bytes],
    errors: list[AccordError],
) -> tuple[dict[str, list[Entry]], dict[str, str], dict[str, str]]:
    """Template entries, revision date and segment-keys digest of each needed article."""
    templates: dict[str, list[Entry]] = {}
    dates: dict[str, str] = {}
    keys: dict[str, str] = {}
    if not needed:
        return templates, dates, keys
    from accord.source.segment import decode_source, parse_article  # noqa: PLC0415  (start-up)
    from accord.source.template import template_entries  # noqa: PLC0415

    for slug, article in needed.items():
        try:
            parsed = parse_article(
                decode_source(sources[slug], config.relative(article.path)),
                config.relative(article.path),
                config.translatable_keys,
            )
        except AccordError as error:
            errors.append(error)
            continue
        templates[slug] = template_entries(
            parsed.segments, config.relative(article.path), config.porefs
        )
        dates[slug] = _revision_date(parsed.front_matter.get("date"))
        keys[slug] = keys_digest((s.msgctxt, s.msgid) for s in parsed.segments)
    return templates, dates, keys


def _needs_merge(stamp: syncstate.Stamp | None, source: str, stat: syncstate.Stat | None) -> bool:
    """True unless the PO file is as the last merge of this very source left it.

    (An article with nothing to translate has no PO file: its stamp has no stat either.)
    """
    return stamp is None or stamp.source != source or stamp.merged != stat


def _settle(
    config: Config, locale: str, stamps: dict[str, syncstate.Stamp],
    stats: dict[str, syncstate.Stat],
) -> dict[str, syncstate.Stamp]:
    """The stamps with the new stat of every PO file whose stat changed but whose bytes
    are those the last sync left (a fresh checkout, a restored cache, ``touch``), saved.

    Only a file left as one sync both read and merged it, of the same size, is read
    (and hashed) for it; any other change is an edit, as before.
    """
    moved = {
        slug: stat for slug, stat in stats.items()
        if (stamp := stamps.get(slug)) is not None and stamp.content
        and stamp.read == stamp.merged and stamp.read not in (None, stat)
        and stamp.read is not None and stamp.read[0] == stat[0]
    }
    settled: dict[str, syncstate.Stamp] = {}
    for slug, stat in moved.items():
        try:
            data = safefile.read_bytes(config.locales_dir / locale / f"{slug}.po")
        except OSError:
            continue  # the merge reports it
        if syncstate.content_digest(data) == stamps[slug].content:
            settled[slug] = dataclasses.replace(stamps[slug], read=stat, merged=stat)
    if not settled:
        return stamps
    state = syncstate.LocaleState(syncstate.state_path(config.cache_dir, locale))
    try:
        for slug, stamp in settled.items():
            state.put_stamp(slug, stamp)
    finally:
        state.close()
    return {**stamps, **settled}


def _needs_reading(stamps: dict[str, syncstate.Stamp], stats: dict[str, syncstate.Stat]) -> bool:
    """True if a PO file appeared, went or changed since sync last read it."""
    if any(slug not in stamps or stamps[slug].read != stat for slug, stat in stats.items()):
        return True
    return any(stamp.read is not None for slug, stamp in stamps.items() if slug not in stats)


def _run(plans: list[_LocaleJob], jobs: int | None) -> list[tuple]:
    work = sum(len(p.articles) for p in plans)
    workers = jobs if jobs is not None else min(len(plans), os.cpu_count() or 1)
    if workers <= 1 or len(plans) <= 1 or work < PARALLEL_MIN_FILES:
        return [_sync_locale(plan) for plan in plans]
    import multiprocessing  # noqa: PLC0415  (start-up)

    from accord.steps.workers import process_pool  # noqa: PLC0415

    with process_pool(workers) as pool:
        if multiprocessing.get_start_method() != "fork":
            return list(pool.map(_sync_locale, plans))
        # Forked workers already hold the plans (their templates are most of a cold
        # sync's memory): they get an index, not a pickled second copy of them.
        _PLANNED[:] = plans
        try:
            return list(pool.map(_sync_planned, range(len(plans))))
        finally:
            _PLANNED.clear()


_PLANNED: list[_LocaleJob] = []  # the plans a forked worker finds in its copy of this process


def _sync_planned(index: int) -> tuple:
    return _sync_locale(_PLANNED[index])


_GLOSSARY: dict[tuple[Path, str], Glossary | None] = {}  # the last one loaded, by sync key


def _glossary(config: Config, key: str) -> Glossary | None:
    """The project's glossary as it is now (None when there is no glossary/).

    Loaded once per process for a sync key (which digests the glossary's files), so
    the locales of one sync share it and its matchers, and a process that syncs
    twice (a server, a test) sees the glossary's edits.
    """
    from accord.steps import glossarycache  # noqa: PLC0415  (start-up: only with work)

    if (config.glossary_dir, key) not in _GLOSSARY:
        has_files = config.glossary_dir.is_dir() and any(config.glossary_dir.glob("*.yaml"))
        _GLOSSARY.clear()
        _GLOSSARY[(config.glossary_dir, key)] = (
            glossarycache.load(config.cache_dir, config.glossary_dir, key) if has_files else None
        )
    return _GLOSSARY[(config.glossary_dir, key)]


def _sync_locale(plan: _LocaleJob) -> tuple[list[FileOutcome], int, list[str], list[AccordError]]:
    config, locale = plan.config, plan.locale
    folder = config.locales_dir / locale
    stats_before = plan.stats
    errors: list[AccordError] = []
    outcomes: list[FileOutcome] = []
    orphans = sorted(
        config.relative(folder / f"{slug}.po")
        for slug in stats_before
        if slug not in plan.all_slugs
    )
    if not plan.articles and not plan.refresh:
        # Nothing to merge, nothing to read: the state stays as the last sync left it.
        skipped = sum(1 for slug in plan.digests if slug in stats_before)
        return outcomes, skipped, orphans, errors

    from accord.merge.memory import contributions  # noqa: PLC0415  (start-up)
    from accord.steps.syncmemory import stored_memory  # noqa: PLC0415

    state = syncstate.LocaleState(syncstate.state_path(config.cache_dir, locale))
    try:
        if state.key != plan.key:
            state.reset(plan.key)
        parsed = _refresh_memory(plan, state, stats_before, errors)
        memory = stored_memory(state)
        glossary = _glossary(config, plan.key) if plan.articles else None
        written_rows: dict[str, dict[str, tuple[int, str]]] = {}
        for article in plan.articles:
            failures = len(errors)
            synced = _sync_file(
                plan, article, parsed, memory=memory, glossary=glossary, errors=errors,
                orphans=orphans,
            )
            stamp = syncstate.Stamp(plan.digests[article.slug], plan.keys.get(article.slug, ""))
            if synced is None:
                if len(errors) == failures and article.slug not in stats_before:
                    # Nothing to translate and no PO file: nothing to redo either.
                    state.put_stamp(article.slug, stamp)
                continue
            outcome, now, catalog = synced
            outcomes.append(outcome)
            # The stat the file had when this sync left it: a save that came after shows
            # as an edit to the next sync, which then merges that locale again. The memory
            # answers every merge of this sync as it was when the sync began (as a memory
            # built from all files would): the new rows are stored afterwards.
            stat = (now.size, now.mtime_ns) if now.exists else None
            state.put_stamp(article.slug, dataclasses.replace(
                stamp, merged=stat, read=stat, content=now.digest if now.exists else ""))
            written_rows[article.slug] = contributions(catalog)
        for slug, rows in written_rows.items():
            state.remember(slug, rows)
    finally:
        state.close()
    present = set(stats_before) | {o.article for o in outcomes}  # sync deletes no PO file
    skipped = sum(1 for slug in plan.digests if slug in present) - len(outcomes)
    return outcomes, max(skipped, 0), orphans, errors


def _refresh_memory(
    plan: _LocaleJob,
    state: syncstate.LocaleState,
    stats: dict[str, syncstate.Stat],
    errors: list[AccordError],
) -> dict[str, tuple[Catalog | None, casfile.Seen]]:
    """Bring the stored memory up to date with every PO file of the locale (orphans too).

    Only files whose size or mtime differ from when they were last read are read; a
    file that cannot be read is reported and forgotten, so the next sync tries again.
    The catalogs read are handed on, so that the merge does not read them again, up
    to KEEP_BYTES of PO files (orphans always, for ``_moved_from``): beyond that a file
    is read again when merged, so that memory does not grow with the locale.
    """
    from accord.merge.memory import contributions  # noqa: PLC0415  (start-up)

    config, locale = plan.config, plan.locale
    stamps = state.stamps()
    for slug in sorted(set(stamps) - set(stats)):
        if stamps[slug].read is not None:  # the PO file is gone: so are its translations
            state.remember(slug, {})
            state.put_stamp(slug, dataclasses.replace(stamps[slug], read=None, merged=None))
    catalogs: dict[str, tuple[Catalog | None, casfile.Seen]] = {}
    budget = KEEP_BYTES
    for slug in sorted(stats):
        stamp = stamps.get(slug, syncstate.Stamp())
        if stamp.read == stats[slug]:
            continue
        try:
            read = _read(config, config.locales_dir / locale / f"{slug}.po")
        except CatalogError as error:
            errors.append(error)
            state.drop(slug)
            continue
        catalog = read[0]
        state.remember(slug, contributions(catalog) if catalog is not None else {})
        state.put_stamp(slug, dataclasses.replace(stamp, read=stats[slug], content=read[1].digest))
        if slug not in plan.all_slugs or budget >= stats[slug][0]:
            catalogs[slug] = read
            budget -= stats[slug][0] if slug in plan.all_slugs else 0
    return catalogs


KEEP_BYTES = 4 << 20  # of PO files read for the memory and kept for the merge


MOVED_SHARE = 0.5  # of a new article's segments found in an orphan PO file: the article moved


def _moved_from(
    plan: _LocaleJob,
    template: list[Entry],
    source_lang: str,
    parsed: dict[str, tuple[Catalog | None, casfile.Seen]],
) -> tuple[str | None, Catalog | None]:
    """The orphan PO file of the article this new one was renamed or moved from, if any.

    An orphan (a PO file whose article is gone) that holds at least half of the new
    article's segments, from the same source language, is taken as the article's own
    file: its entries keep their translations and review marks (an approval still
    holds where its fingerprint matches), its other entries go obsolete as in any sync.
    """
    from accord.merge.memory import SOURCE_LANGUAGE_FIELD  # noqa: PLC0415  (start-up)

    config, locale = plan.config, plan.locale
    wanted = {entry.key for entry in template}
    best: tuple[float, str, Catalog] | None = None
    for slug in sorted(syncstate.po_stats(config.locales_dir / locale)):
        if slug in plan.all_slugs:
            continue
        catalog = parsed[slug][0] if slug in parsed else None
        if catalog is None:
            try:
                catalog = read_catalog(config, po_path(config, locale, slug))
            except (CatalogError, SourceError):
                continue  # reported where the file is read for the memory
        if catalog.metadata().get(SOURCE_LANGUAGE_FIELD, "") != source_lang:
            continue
        keys = {entry.key for entry in catalog.messages() if entry.translated}
        share = len(wanted & keys) / len(wanted) if wanted else 0.0
        if share >= MOVED_SHARE and (best is None or share > best[0]):
            best = (share, slug, catalog)
    if best is None:
        return None, None
    return config.relative(po_path(config, locale, best[1])), best[2]


def _sync_file(
    plan: _LocaleJob,
    article: ArticleRef,
    parsed: dict[str, tuple[Catalog | None, casfile.Seen]],
    *,
    memory: TranslationMemory | None,
    glossary: Glossary | None,
    errors: list[AccordError],
    orphans: list[str],
) -> tuple[FileOutcome, casfile.Seen, Catalog] | None:
    """Merge one article into its PO file; a save made meanwhile is merged again, never lost."""
    from accord.catalog import casfile  # noqa: PLC0415  (start-up: only with work)
    from accord.catalog.pofile import header_entry  # noqa: PLC0415
    from accord.merge.msgmerge import merge  # noqa: PLC0415
    from accord.source.template import initial_header, with_hints  # noqa: PLC0415

    config, locale = plan.config, plan.locale
    try:
        path = po_path(config, locale, article.slug)
    except AccordError as error:
        errors.append(error)
        return None
    relpath = config.relative(path)
    if any(error.path == relpath for error in errors):
        return None  # unreadable, and already reported while building the memory
    try:
        first = parsed.get(article.slug) or _read(config, path)
    except CatalogError as error:
        errors.append(error)
        return None
    template = plan.templates[article.slug]
    if first[0] is None and not template:
        # Nothing to translate: a header-only file is one msgcat would not reproduce.
        return None
    moved_from, moved = None, None
    if first[0] is None and orphans:
        moved_from, moved = _moved_from(plan, template, article.lang, parsed)
    if glossary is not None:
        template = with_hints(template, _hinter(glossary, article.lang, locale))
    results: list[MergeResult] = []

    def change(old: Catalog | None) -> Catalog:
        if old is not None and (foreign := next((e for e in old.entries if e.domain), None)):
            # An article's file holds the default domain only: merging a named domain's
            # entries against the article would drop them and their header.
            raise CatalogError(
                f'entries under a domain "{foreign.domain}" directive: an article\'s catalog '
                "holds only the default domain; the file is left as it is",
                line=foreign.line,
            )
        if old is None:
            old = moved  # a renamed or moved article takes over its old file's entries
        header = header_entry(locale, article.lang, article.slug)
        if old is None:
            header = initial_header(header, plan.dates.get(article.slug, ""), display_name(locale))
        results.append(merge(old, template, header, tm=memory))
        return results[-1].catalog

    try:
        written, now = casfile.rewrite(path, change, first, relpath)
    except CatalogError as error:
        errors.append(CatalogError(error.message, relpath, error.line))
        return None
    result = results[-1]
    outcome = FileOutcome(
        locale=locale,
        article=article.slug,
        path=relpath,
        written=written,
        added=result.added,
        fuzzy=result.fuzzy,
        obsoleted=result.obsoleted,
        revived=result.revived,
        tm_filled=result.tm_filled,
        moved_from=moved_from,
    )
    return outcome, now, result.catalog


def _read(config: Config, path: Path) -> tuple[Catalog | None, casfile.Seen]:
    """The catalog in ``path`` and what was seen of it; errors relative to the repository."""
    from accord.catalog import casfile  # noqa: PLC0415  (start-up: only with work)

    try:
        return casfile.read_po(path)
    except CatalogError as error:
        raise CatalogError(error.message, config.relative(path), error.line) from None


def _hinter(glossary: Glossary, source_lang: str, locale: str) -> Callable[[str], list[str]]:
    """The glossary hints of a msgid for one language pair."""
    from accord.glossary import hints  # noqa: PLC0415  (start-up)

    return lambda msgid: hints(glossary, msgid, source_lang, locale)


def _revision_date(value: object) -> str:
    """A PO-Revision-Date from the article's ``date`` (gettext's format), else the epoch."""
    if isinstance(value, datetime.datetime):
        return value.strftime("%Y-%m-%d %H:%M+0000")
    if isinstance(value, datetime.date):
        return value.strftime("%Y-%m-%d 00:00+0000")
    text = str(value or "")
    try:
        return datetime.date.fromisoformat(text[:10]).strftime("%Y-%m-%d 00:00+0000")
    except ValueError:
        return "1970-01-01 00:00+0000"
