"""Write the report files under ``build/reports/``: only what changed, and remove only
stale reports an earlier run wrote (never through a link).

``report_project`` checks and writes the whole report one article and one locale at
a time: each page is written as soon as it is made and only small per-row figures
are kept for the index, so memory does not grow with the repository. Its files are
byte for byte what ``accord.report.render_reports`` gives for the same input.
"""

from __future__ import annotations

import heapq
import json
import tempfile
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from typing import Any

from accord import safefile
from accord.checks.finding import Finding, summarize
from accord.config import Config
from accord.errors import AccordError, SourceError
from accord.glossary import Glossary
from accord.report.findings import FindingView, finding_sort_key, finding_view
from accord.report.glossaryview import Occurrences, glossary_view
from accord.report.highlight import recalled_spans
from accord.report.html import (
    locale_page_chunks,
    locale_section,
    render_article,
    render_glossary,
    render_index,
    segment_rows,
)
from accord.report.jsonreport import indented, locale_json, report_json_chunks, separator
from accord.report.markdown import MAX_ROWS, Reviews, markdown_text, row_key
from accord.report.model import (
    ArticleView,
    GlossaryView,
    LocaleView,
    ReportModel,
    add_checks,
    article_page,
    article_summary,
    article_view,
    build_model,
    checked_locale,
    locale_header,
    locale_view,
)
from accord.report.partial import merge_previous
from accord.review.status import (
    ArticleStatus,
    LocaleStatus,
    Status,
    article_status,
    keys_digest,
    locale_status,
)
from accord.steps import buildfiles
from accord.steps.check import Checked, check_file, check_sources, compare, in_force
from accord.steps.checkcache import CheckCache
from accord.steps.pagecache import PageCache, Pages, bytes_digest, page_key
from accord.steps.status import ordered_locales
from accord.steps.syncstate import sync_key
from accord.workspace import (
    ArticleRef,
    CatalogRef,
    catalogs,
    check_slug,
    read_catalog,
)

GENERATED_SUFFIXES = (".html", ".json", ".md")
CHUNK = 1 << 20  # how much of a spilled text is read back at once


def write_reports(
    directory: Path, files: Mapping[str, str], only_locales: Collection[str] | None = None
) -> list[str]:
    """Write ``files`` under ``directory``; remove reports left from earlier runs.

    Unchanged files are not touched. With ``only_locales`` (``report --locale``), old
    files are removed only among those locales' pages (``fa.html``, ``fa/…``): the
    other locales' pages stay as the last run wrote them. Returns the names written
    or removed, sorted.
    """
    writer = ReportWriter(directory, only_locales)
    for name, text in files.items():
        writer.write(name, text)
    return writer.finish()


class ReportWriter:
    """Writes report files one at a time under ``directory``; ``finish`` removes the stale
    ones an earlier run wrote (only those: the manifest) and records what is there now.

    Unchanged files are not touched. With ``only_locales``, old files are removed only
    among those locales' pages.
    """

    def __init__(self, directory: Path, only_locales: Collection[str] | None = None) -> None:
        self.directory = directory
        self.only_locales = only_locales
        # build/ is Accord's: nothing is written or deleted through a link, and only
        # files an earlier report wrote (the manifest) are deleted.
        self.build_dir = directory.parent
        self.owned = buildfiles.load(self.build_dir, "reports")
        self.names: set[str] = set()
        self.changed: list[str] = []

    def _path(self, name: str) -> Path:
        # A name may not climb out (../). Names are Accord's own (article slugs checked
        # by check_slug): the words suffice, and no_links_below refuses any link on the
        # way when the file is written, so nothing is resolved for each of them.
        parts = PurePosixPath(name).parts
        if not parts or parts[0] == "/" or ".." in parts or "\\" in name:
            raise SourceError(f"report file {name!r} leaves the repository", path=name)
        self.names.add(name)
        return self.directory / name

    def _written(self, name: str, path: Path, changed: bool) -> None:
        if changed:
            self.changed.append(name)
        self.owned.add(buildfiles.relative(self.build_dir, path))

    def write(self, name: str, text: str) -> None:
        """Write one file (relative to the reports folder) unless it holds ``text`` already."""
        path = self._path(name)
        self._written(name, path, buildfiles.write(self.build_dir, path, text))

    def intact(self, name: str, digest: str) -> bool:
        """True, and the file counted as written unchanged, if ``name`` holds exactly the
        text of ``digest`` (``pagecache.text_digest``); False if it must be written."""
        path = self._path(name)
        try:
            data = safefile.read_bytes(safefile.no_links_below(self.build_dir, path))
        except OSError:
            return False
        if bytes_digest(data) != digest:
            return False
        self._written(name, path, changed=False)
        return True

    def write_chunks(self, name: str, chunks: Iterable[str]) -> None:
        """``write`` for a file made piece by piece, never held whole."""
        path = self._path(name)
        self._written(name, path, buildfiles.write_chunks(self.build_dir, path, chunks))

    def abandon(self) -> None:
        """Record what was written so far (a run that failed half-way), delete nothing."""
        buildfiles.save(self.build_dir, "reports", self.owned)

    def finish(self) -> list[str]:
        """Remove stale reports, save the manifest; the names written or removed, sorted."""
        directory, build_dir, owned = self.directory, self.build_dir, self.owned
        if directory.is_dir() and not directory.is_symlink():
            for path in sorted(directory.rglob("*")):
                name = path.relative_to(directory).as_posix()
                if self.only_locales is not None and not _of_locales(name, self.only_locales):
                    continue
                stale = path.suffix in GENERATED_SUFFIXES and name not in self.names
                if stale and buildfiles.remove(build_dir, path, owned):
                    owned.discard(buildfiles.relative(build_dir, path))
                    self.changed.append(name)
            for folder in sorted(directory.iterdir()):
                if folder.is_dir() and not folder.is_symlink() and not any(folder.iterdir()):
                    folder.rmdir()
        buildfiles.save(build_dir, "reports", owned)
        return sorted(self.changed)


class _Spill:
    """Text written to a temporary file and read back in pieces, in order."""

    def __init__(self) -> None:
        self.file = tempfile.TemporaryFile("w+", encoding="utf-8", newline="")  # noqa: SIM115
        self.count = 0

    def write(self, text: str) -> None:
        self.file.write(text)

    def add(self, item: str, level: int) -> None:
        """One more item of a JSON list ``level`` deep (see ``jsonreport.joined_list``)."""
        self.file.write(separator(level) + item if self.count else item)
        self.count += 1

    def pieces(self) -> Iterator[str]:
        self.file.seek(0)
        yield from iter(lambda: self.file.read(CHUNK), "")

    def close(self) -> None:
        self.file.close()


@dataclass(frozen=True)
class ReportRun:
    """What ``report_project`` did: files written in all, those changed or removed, and
    the errors and warnings this run's checks found (``--fail-on`` looks at these)."""

    files: int
    changed: list[str]
    errors: int
    warnings: int


@dataclass
class _Group:
    """One locale's findings (or a source language's) once written: what is kept."""

    count: int
    summary: dict[str, Any]
    first: list[dict[str, Any]]  # the first MAX_ROWS in report.md's order
    spill: _Spill | None = None  # as report.json items (None: kept as ``rows``)
    rows: list[dict[str, Any]] | None = None


def _group(rows: list[dict[str, Any]], spill: bool) -> _Group:
    """``rows`` (sorted) as a group, spilled to a file or (``spill`` False) kept."""
    group = _Group(len(rows), summarize(rows), heapq.nsmallest(MAX_ROWS, rows, key=row_key))
    if spill:
        group.spill = _Spill()
        for row in rows:
            group.spill.add(indented(row, 2), 1)
    else:
        group.rows = rows
    return group


def _run(group: _Group) -> Iterable[str]:
    """The group's findings as a run of report.json items."""
    if group.spill is not None:
        return group.spill.pieces()
    return [separator(1).join(indented(row, 2) for row in group.rows or ())]


def _merged(groups: Iterable[_Group]) -> dict[str, Any]:
    """``summarize`` of every finding, from the groups' own summaries."""
    errors = warnings = 0
    by_check: dict[str, int] = {}
    by_locale: dict[str, dict[str, int]] = {}
    for group in groups:
        errors += group.summary["errors"]
        warnings += group.summary["warnings"]
        for check, n in group.summary["by_check"].items():
            by_check[check] = by_check.get(check, 0) + n
        for code, row in group.summary["by_locale"].items():
            into = by_locale.setdefault(code, {"errors": 0, "warnings": 0})
            for key, n in row.items():
                into[key] = into.get(key, 0) + n
    return {"errors": errors, "warnings": warnings, "by_check": dict(sorted(by_check.items())),
            "by_locale": dict(sorted(by_locale.items()))}


@dataclass(frozen=True)
class _Run:
    """What every locale of one report run shares."""

    config: Config
    writer: ReportWriter
    nav: ReportModel  # the locales' names and pages (every page's navigation)
    glossary: GlossaryView
    langs: Mapping[str, str]  # article slug → source language
    digests: Mapping[str, str]  # article slug → keys_digest of its source segments
    reviews: Reviews
    cache: CheckCache
    pages: PageCache
    glossary_key: str  # a digest of the glossary (its files)


EMPTY = keys_digest(())


def report_project(
    config: Config,
    locales: list[str],
    articles: list[ArticleRef],
    glossary: Glossary,
    previous: Mapping[str, Any] | None = None,
) -> ReportRun:
    """Check and write ``build/reports/``, one article and one locale at a time.

    ``locales`` are the chosen ones; with fewer than configured (``report --locale``),
    the others' status and target findings come from ``previous`` (the last
    ``report.json``) and only the chosen locales' pages are written. Each source is
    parsed once, each PO file read twice (for its locale's checks, then for its page).
    """
    cache, pages = CheckCache.open(config), PageCache.open(config)
    try:
        return _report(config, locales, articles, glossary, previous, cache, pages)
    finally:
        cache.close()
        pages.close()


def _report(  # noqa: PLR0917 - report_project's inputs, and the check cache it opened
    config: Config,
    locales: list[str],
    articles: list[ArticleRef],
    glossary: Glossary,
    previous: Mapping[str, Any] | None,
    cache: CheckCache,
    pages: PageCache,
) -> ReportRun:
    partial = set(locales) != set(config.locales)
    writer = ReportWriter(config.reports_dir, locales if partial else None)
    rows_of, dates, occurrences, digests = _sources(config, articles, glossary, cache)
    checked = [row.get("severity") for rows in rows_of.values() for row in rows]
    errors, warnings = checked.count("error"), checked.count("warning")

    fresh = ordered_locales(config, locales)
    plan, kept = merge_previous(
        previous or {}, Status(tuple(locale_status(loc, []) for loc in fresh)), [],
        chosen=locales, configured=config.locales,
        targets_prefix=config.relative(config.locales_dir) + "/",
    )
    for row in kept:
        rows_of.setdefault(str(row.get("locale") or ""), []).append(row)
    shown = [checked_locale(entry.locale) for entry in plan.locales]
    view = glossary_view(glossary, shown, occurrences)
    nav = ReportModel(locales=tuple(locale_header(code) for code in shown), concepts=(),
                      glossary_columns=(), findings=(), unplaced=())
    run = _Run(config, writer, nav, view, {a.slug: a.lang for a in articles}, digests,
               Reviews(), cache, pages, sync_key(config))
    source_languages = {article.lang for article in articles}
    groups: dict[str, _Group] = {}
    statuses: list[Iterable[str]] = []  # each locale's status, as report.json pieces
    spills: list[_Spill] = []
    summaries: list[LocaleView] = []
    totals: list[LocaleStatus] = []
    try:
        for entry in plan.locales:
            code = entry.locale
            rows = rows_of.pop(code, [])
            if code in fresh:
                found, summary, total, spill = _fresh_locale(run, code, rows, articles,
                                                             glossary, dates)
                if code not in source_languages:  # its sources still need theirs
                    glossary.release(code)
                errors += found[0]
                warnings += found[1]
                groups[code] = found[2]
                spills.append(spill)
                statuses.append(locale_json(total, spill.pieces() if spill.count else None))
            else:
                rows.sort(key=finding_sort_key)
                groups[code] = _group(rows, spill=True)
                summary, total = _old_locale(run, entry, rows)
                statuses.append([indented(entry.to_json(), 3)])
            summaries.append(summary)
            totals.append(replace(total, articles=()))
        for code, rows in rows_of.items():  # findings in languages not reported on
            groups[code] = _group(sorted(rows, key=finding_sort_key), spill=False)
        _write_shared(run, groups, shown, summaries, totals, statuses)
    except BaseException:
        writer.abandon()
        raise
    finally:
        for spill in spills:
            spill.close()
        for group in groups.values():
            if group.spill is not None:
                group.spill.close()
    changed = writer.finish()
    return ReportRun(len(writer.names), changed, errors, warnings)


def _sources(
    config: Config, articles: list[ArticleRef], glossary: Glossary, cache: CheckCache
) -> tuple[dict[str, list[dict[str, Any]]], dict[str, str], Occurrences, dict[str, str]]:
    """Every source's record (checked once, or from the cache): its findings by
    language, its date, the glossary's occurrences and each article's ``keys_digest``."""
    occurrences = Occurrences()
    digests: dict[str, str] = {}
    dates: dict[str, str] = {}
    rows_of: dict[str, list[dict[str, Any]]] = {}
    for article, record in check_sources(config, articles, glossary, cache=cache):
        occurrences.count(article.lang, record.mentions)
        digests[article.slug] = record.keys
        dates[article.slug] = record.date
        for f in record.findings:
            if in_force(glossary, f, record.date):
                row = f.to_dict()
                rows_of.setdefault(str(row.get("locale") or ""), []).append(row)
    return rows_of, dates, occurrences, digests


def _write_shared(  # noqa: PLR0917 - what the locales left for the shared files
    run: _Run,
    groups: Mapping[str, _Group],
    shown: list[str],
    summaries: list[LocaleView],
    totals: list[LocaleStatus],
    statuses: list[Iterable[str]],
) -> None:
    """index.html, glossary.html, report.json and report.md, once every locale is done."""
    writer, view = run.writer, run.glossary
    order = sorted(groups)
    summary_all = _merged(groups[code] for code in order)
    unplaced = tuple(finding_view(row) for code in order if code not in shown
                     for row in groups[code].rows or ())
    columns = tuple(dict.fromkeys([*view.languages, *shown]))
    model = ReportModel(locales=tuple(summaries), concepts=view.concepts,
                        glossary_columns=columns, findings=(), unplaced=unplaced,
                        summary=summary_all)
    writer.write("index.html", render_index(model))
    rtl = frozenset(lv.locale for lv in summaries if lv.rtl)
    writer.write("glossary.html", render_glossary(model, rtl))
    runs = (_run(groups[code]) for code in order if groups[code].count)
    writer.write_chunks("report.json", report_json_chunks(runs, summary_all, statuses))
    first = sorted((row for code in order for row in groups[code].first), key=row_key)
    count = sum(group.count for group in groups.values())
    writer.write("report.md", markdown_text(summary_all, first[:MAX_ROWS], count, totals,
                                            run.reviews))


def _fresh_locale(  # noqa: PLR0917 - one locale reported on, and what it needs
    run: _Run, code: str, rows: list[dict[str, Any]], articles: list[ArticleRef],
    glossary: Glossary, dates: Mapping[str, str],
) -> tuple[tuple[int, int, _Group], LocaleView, LocaleStatus, _Spill]:
    """Check a locale and write its pages: (its errors, warnings and findings' group),
    its summary, its totals and the spill of its articles' status."""
    known: dict[str, Checked] = {}
    targets = _locale_findings(run.config, code, articles, glossary, dates, known, run.cache)
    severities = [row.get("severity") for row in targets]
    rows = sorted([*rows, *targets], key=finding_sort_key)
    del targets
    group = _group(rows, spill=True)  # report.json's items are on disk now
    rows.reverse()  # each row becomes a view as it goes: both are never held whole
    views: list[FindingView] = []
    while rows:
        views.append(finding_view(rows.pop()))
    summary, total, spill = _write_locale(run, code, views, articles, known)
    return ((severities.count("error"), severities.count("warning"), group),
            summary, total, spill)


def _locale_findings(  # noqa: PLR0917 - one locale's checks, and what they read
    config: Config, locale: str, articles: list[ArticleRef], glossary: Glossary,
    dates: Mapping[str, str], known: dict[str, Checked], cache: CheckCache,
) -> list[dict[str, Any]]:
    """The findings of one locale's PO files, as ``run_checks`` gives them (from
    ``cache`` for the files checked as they are now).

    What was learnt of each file (its digest, status and keys, not its catalog nor
    its translations) is put in ``known`` for the pages, which need not read it again.
    """
    found: list[Finding] = []
    files: list[Checked] = []

    def skip(error: AccordError) -> None:
        raise error

    for ref in catalogs(config, [locale], articles):
        if not ref.exists:
            continue
        checked = check_file(config, glossary, ref, cache)
        found.extend(checked.findings)
        files.append(checked)
    found.extend(compare(config, glossary, files, skip))
    for checked in files:
        # Its status is read from the check cache when its page is made, one at a time.
        known[checked.ref.article.slug] = replace(checked, translations=None, findings=(),
                                                  status="")
    return [f.to_dict() for f in found if in_force(glossary, f, dates.get(f.article, ""))]


def _write_locale(
    run: _Run, code: str, views: list[FindingView], articles: list[ArticleRef],
    known: dict[str, Checked],
) -> tuple[LocaleView, LocaleStatus, _Spill]:
    """Write the pages of a locale reported on; its summary, its totals and the spill of
    its articles' status (report.json items)."""
    config = run.config
    header = locale_header(code)
    by_article: dict[str, list[FindingView]] = {}
    for f in views:
        by_article.setdefault(f.article or "", []).append(f)
    sections, statuses = _Spill(), _Spill()
    shown: list[ArticleView] = []
    rows_done: list[ArticleStatus] = []
    segment_checks: dict[str, int] = {}
    try:
        base = page_key(run.nav, header, run.glossary_key)
        for ref in catalogs(config, [code], sorted(articles, key=lambda a: a.slug)):
            article = ref.article
            found = by_article.pop(article.slug, [])
            status, page, made = _article_pages(run, header, base, ref, found,
                                                known.pop(article.slug, None))
            if made.page:  # else the page on disk is the one recalled (writer.intact)
                run.writer.write(page.page, made.page)
            sections.write(made.section + "\n")
            statuses.add(made.status, 4)
            run.reviews.add(code, status)
            add_checks(segment_checks, json.loads(made.kept)["checks"])
            shown.append(page)
            rows_done.append(status.summary())
        leftover = tuple(f for _, fs in sorted(by_article.items()) for f in fs)
        total = locale_status(code, rows_done)
        locale = locale_view(total, code, views, shown, leftover, segment_checks)
        run.writer.write_chunks(locale.page, locale_page_chunks(run.nav, locale,
                                                                 sections.pieces()))
    except BaseException:
        statuses.close()
        raise
    finally:
        sections.close()
    return locale.summary(), total, statuses


def _article_pages(  # noqa: PLR0917 - one article of a locale, and what it is made of
    run: _Run, header: LocaleView, base: str, ref: CatalogRef, findings: list[FindingView],
    checked: Checked | None,
) -> tuple[ArticleStatus, ArticleView, Pages]:
    """An article's status, its view without segments and its pages, taken from the
    page cache when what they are made of is unchanged. The status comes from the
    checks (``checked``): the PO file is not read again."""
    slug = ref.article.slug
    key = page_key(base, run.digests.get(slug), findings, run.langs.get(slug),
                   None if checked is None else checked.key)
    made = run.pages.get(header.locale, slug, key)
    if made is not None and run.writer.intact(article_page(header.locale, check_slug(slug)),
                                              made.page_digest):
        kept = json.loads(made.kept)
        status = _article_status(run, header.locale, ref, checked)
        unplaced = [findings[i] for i in kept["unplaced"]]
        view = article_summary(status, locale=header.locale, slug=check_slug(slug),
                               findings=findings, unplaced=unplaced, langs=run.langs)
        return status, view, made
    status = _article_status(run, header.locale, ref, checked)
    spans = None if checked is None else run.cache.spans(header.locale, slug, checked.key)
    page = article_view(status, locale=header.locale, slug=check_slug(slug), findings=findings,
                        glossary=run.glossary, langs=run.langs,
                        found=None if spans is None else recalled_spans(spans))
    places = {id(f): i for i, f in enumerate(findings)}
    kept = {"checks": page.segments_by_check,
            "unplaced": [places[id(f)] for f in page.unplaced]}
    rows = segment_rows(header, page)  # the same rows on both pages
    made = Pages(render_article(run.nav, header, page, rows),
                 locale_section(header, page, rows), indented(status.to_json(), 5),
                 json.dumps(kept, ensure_ascii=False))
    run.pages.put(header.locale, slug, key, made)
    return status, replace(page, segments=()), made


def _article_status(
    run: _Run, locale: str, ref: CatalogRef, checked: Checked | None
) -> ArticleStatus:
    """``article_status`` of one PO file as its checks recorded it (``checked``; None: no
    file; its status JSON read from the check cache, or the file parsed again if the
    cache is off), ``stale`` from the source's ``keys_digest``."""
    config, slug = run.config, ref.article.slug
    digest = run.digests.get(slug)
    if checked is None:
        status = article_status(None, slug, ref.file, config.complete_states)
        return replace(status, missing=digest != EMPTY, stale=None)
    raw = checked.status or run.cache.status(locale, slug, checked.key)
    if raw:
        status = ArticleStatus.from_json(json.loads(raw))
    else:
        status = article_status(read_catalog(config, ref.path), slug, ref.file,
                                config.complete_states)
    stale = None if digest is None else checked.keys != digest
    return replace(status, missing=False, stale=stale)


def _old_locale(
    run: _Run, entry: LocaleStatus, rows: list[dict[str, Any]]
) -> tuple[LocaleView, LocaleStatus]:
    """A locale kept from the last report: its summary for the index (no page is written)."""
    model = build_model(Status((entry,)), rows, GlossaryView(), run.langs)
    for article in entry.articles:
        run.reviews.add(entry.locale, article)
    return model.locales[0].summary(), entry


def _of_locales(name: str, locales: Collection[str]) -> bool:
    """True for a locale's own page (``fa.html``) or one of its article pages (``fa/…``)."""
    head, _, rest = name.partition("/")
    return (head in locales and bool(rest)) or (not rest and name.removesuffix(".html") in locales)
