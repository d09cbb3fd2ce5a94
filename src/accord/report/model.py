"""Report data: status, findings and glossary matches assembled into one page-ready model.

Everything here is pure: the typed status records of ``accord.review.status`` and
finding dicts (the JSON shape of ``check --format json``) in, frozen values out. The
HTML, Markdown and JSON writers only lay these values out.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from babel import UnknownLocaleError

from accord.checks import Severity
from accord.checks.finding import summarize
from accord.errors import ConfigError
from accord.locales import display_name, is_rtl
from accord.report.findings import (
    SEVERITIES,
    FindingView,
    finding_sort_key,
    finding_view,
)
from accord.report.highlight import (
    Chunk,
    SegmentSpans,
    Span,
    chunks,
    mark_missing,
    near_miss_spans,
)
from accord.review.state import STATE_NAMES, State
from accord.review.status import ArticleStatus, LocaleStatus, Review, Status
from accord.workspace import check_slug

STATES = STATE_NAMES  # the order of status counts

_LOCALE_FILE = re.compile(r"[A-Za-z]{2,3}(?:_[A-Za-z0-9]{2,8})*")


@dataclass(frozen=True)
class ConceptView:
    """One glossary concept as the glossary page shows it.

    ``renderings[locale]`` is empty for a gap; ``occurrences`` counts source
    segments mentioning the concept and ``articles`` the articles they belong to.
    """

    id: str
    kind: str
    note: str | None
    renderings: Mapping[str, tuple[str, ...]]
    forbidden: Mapping[str, tuple[str, ...]]
    occurrences: int = 0
    articles: int = 0


Finder = Callable[[str, str], Sequence[Span]]


def _no_terms(text: str, lang: str) -> Sequence[Span]:
    return ()


@dataclass(frozen=True)
class GlossaryView:
    """What the reports need from the glossary: its concepts and a term finder.

    ``find(text, lang)`` returns the preferred and forbidden renderings found in
    ``text`` written in ``lang``; near-misses come from the findings instead.
    """

    concepts: tuple[ConceptView, ...] = ()
    find: Finder = _no_terms
    languages: tuple[str, ...] = ()  # glossary columns besides the target locales


@dataclass(frozen=True)
class SegmentView:
    """One segment of one article in one locale, with its findings and highlights."""

    id: str
    state: State
    msgctxt: str | None
    line: int | None
    source: tuple[Chunk, ...]
    target: tuple[Chunk, ...]
    findings: tuple[FindingView, ...]
    review: Review | None = None  # set for approved and rejected segments

    @property
    def severity(self) -> Severity | None:
        """The severity of the worst finding on this segment (None without findings)."""
        for severity in SEVERITIES:
            if any(f.severity is severity for f in self.findings):
                return severity
        return None

    @property
    def checks(self) -> tuple[str, ...]:
        """The check ids of this segment's findings, sorted, once each."""
        return tuple(sorted({f.check for f in self.findings}))


class _Tally:
    """Errors, warnings and the done share of a page (an article or a whole locale)."""

    findings: tuple[FindingView, ...]
    complete: int
    total: int

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.severity is Severity.ERROR)

    @property
    def warnings(self) -> int:
        return sum(1 for f in self.findings if f.severity is Severity.WARNING)

    @property
    def percent_done(self) -> int:
        return percent(self.complete, self.total)


@dataclass(frozen=True)
class ArticleView(_Tally):
    """One article's PO file for one locale."""

    slug: str
    file: str
    source_lang: str
    counts: Mapping[str, int]
    total: int
    complete: int  # segments in the configured complete_states (status "complete")
    segments: tuple[SegmentView, ...]
    findings: tuple[FindingView, ...]  # every finding for the article, placed or not
    unplaced: tuple[FindingView, ...]  # findings that name no segment of this file
    page: str  # relative to the reports folder
    missing: bool = False  # no PO file yet (sync has not run for this locale)
    stale: bool = False  # the source changed since the last sync: states describe old text

    @property
    def segments_by_check(self) -> dict[str, int]:
        """How many segments have at least one finding of each check (for the filter)."""
        return segments_by_check(self.segments)


@dataclass(frozen=True)
class LocaleView:
    """One target locale: its progress, its findings by check, its articles.

    The figures over its findings and segments (``errors`` … ``segments_by_check``)
    are kept as values, so that a summary without its articles and findings (what
    the index and the other pages' navigation need) still shows them.
    """

    locale: str
    name: str
    rtl: bool
    counts: Mapping[str, int]
    total: int
    complete: int  # segments in the configured complete_states (status "complete")
    articles: tuple[ArticleView, ...]
    findings: tuple[FindingView, ...]
    unplaced: tuple[FindingView, ...]  # findings naming no article page of this locale
    page: str
    errors: int = 0
    warnings: int = 0
    by_check: Mapping[str, Mapping[str, int]] = field(default_factory=dict)  # check → severity → n
    checks: tuple[str, ...] = ()
    segments_by_check: Mapping[str, int] = field(default_factory=dict)  # for the filter

    @property
    def percent_done(self) -> int:
        return percent(self.complete, self.total)

    def summary(self) -> LocaleView:
        """The same figures without the articles and findings."""
        return replace(self, articles=(), findings=(), unplaced=())


@dataclass(frozen=True)
class ReportModel:
    """Everything the reports show."""

    locales: tuple[LocaleView, ...]
    concepts: tuple[ConceptView, ...]
    glossary_columns: tuple[str, ...]
    findings: tuple[FindingView, ...]
    unplaced: tuple[FindingView, ...]  # findings for locales not in the report
    summary: Mapping[str, Any] = field(default_factory=dict)

    @property
    def errors(self) -> int:
        return int(self.summary.get("errors", 0))

    @property
    def warnings(self) -> int:
        return int(self.summary.get("warnings", 0))

    @property
    def checks(self) -> tuple[str, ...]:
        return tuple(sorted({f.check for f in self.findings}))

    @property
    def gaps(self) -> dict[str, int]:
        """Per glossary column: how many concepts have no rendering there."""
        return {
            col: sum(1 for c in self.concepts if not c.renderings.get(col))
            for col in self.glossary_columns
        }


def segments_by_check(segments: Sequence[SegmentView]) -> dict[str, int]:
    """``{check: number of segments with a finding of it}`` in check-id order."""
    counts: dict[str, int] = {}
    for segment in segments:
        for check in segment.checks:
            counts[check] = counts.get(check, 0) + 1
    return dict(sorted(counts.items()))


def percent(part: int, total: int) -> int:
    """``part`` of ``total`` in whole percent, rounded down so 99.6 % never shows as 100 %.

    Nothing of nothing is 0 %: a locale whose PO files do not exist yet is not done.
    """
    return 0 if total == 0 else (100 * part) // total


def locale_page(locale: str) -> str:
    """The page of a locale, relative to the reports folder (``fa.html``)."""
    return f"{checked_locale(locale)}.html"


def article_page(locale: str, slug: str) -> str:
    """The page of one article in one locale (``fa/<slug>.html``)."""
    return f"{checked_locale(locale)}/{check_slug(slug)}.html"


def checked_locale(locale: str) -> str:
    """``locale`` if it is safe as a file name (a locale code), else ConfigError."""
    if not _LOCALE_FILE.fullmatch(locale):
        raise ConfigError(f"invalid locale code {locale!r} in report input")
    return locale


def build_model(
    status: Status,
    findings: Sequence[Mapping[str, Any]],
    glossary: GlossaryView,
    source_langs: Mapping[str, str] | None = None,
) -> ReportModel:
    """Assemble the report from the status (``collect_status``), finding dicts and the glossary.

    ``source_langs`` maps an article slug to its source language (for highlighting
    the source side); without it the source side is not highlighted.
    """
    langs = dict(source_langs or {})
    ordered = sorted(findings, key=finding_sort_key)
    views = [finding_view(f) for f in ordered]
    by_locale: dict[str, list[FindingView]] = {}
    for raw, view in zip(ordered, views, strict=True):
        by_locale.setdefault(str(raw.get("locale") or ""), []).append(view)

    locales = []
    for entry in status.locales:
        code = checked_locale(entry.locale)
        locales.append(_locale_view(entry, code, by_locale.get(code, []), glossary, langs))
    shown = {view.locale for view in locales}
    unplaced = tuple(v for code, vs in sorted(by_locale.items()) if code not in shown for v in vs)
    columns = tuple(
        dict.fromkeys([*glossary.languages, *(view.locale for view in locales)])
    )
    return ReportModel(
        locales=tuple(locales),
        concepts=glossary.concepts,
        glossary_columns=columns,
        findings=tuple(views),
        unplaced=unplaced,
        summary=summarize(ordered),
    )


def _locale_view(
    entry: LocaleStatus,
    code: str,
    findings: list[FindingView],
    glossary: GlossaryView,
    langs: Mapping[str, str],
) -> LocaleView:
    by_article: dict[str, list[FindingView]] = {}
    for f in findings:
        by_article.setdefault(f.article or "", []).append(f)
    articles = []
    for raw in entry.articles:
        slug = check_slug(raw.article)
        articles.append(
            article_view(
                raw,
                locale=code,
                slug=slug,
                findings=by_article.pop(slug, []),
                glossary=glossary,
                langs=langs,
            )
        )
    leftover = tuple(f for _, fs in sorted(by_article.items()) for f in fs)
    return locale_view(entry, code, findings, articles, leftover,
                       segments_by_check([s for a in articles for s in a.segments]))


def locale_header(code: str) -> LocaleView:
    """A locale's name and page alone (for the navigation and an article's page)."""
    return LocaleView(locale=code, name=_display_name(code), rtl=_rtl(code), counts={},
                      total=0, complete=0, articles=(), findings=(), unplaced=(),
                      page=locale_page(code))


def locale_view(  # noqa: PLR0917 - the parts a locale page is made of
    entry: LocaleStatus,
    code: str,
    findings: Sequence[FindingView],
    articles: Sequence[ArticleView],
    unplaced: Sequence[FindingView],
    segment_checks: Mapping[str, int],
) -> LocaleView:
    """The locale ``code`` of ``entry`` with its articles' views and its findings."""
    table: dict[str, dict[str, int]] = {}
    for f in sorted(findings, key=lambda f: f.check):
        row = table.setdefault(f.check, {s.value: 0 for s in SEVERITIES})
        row[f.severity.value] += 1
    return replace(
        locale_header(code),
        counts=entry.counts,
        total=entry.total,
        complete=entry.complete,
        articles=tuple(articles),
        findings=tuple(findings),
        unplaced=tuple(unplaced),
        errors=sum(1 for f in findings if f.severity is Severity.ERROR),
        warnings=sum(1 for f in findings if f.severity is Severity.WARNING),
        by_check=table,
        checks=tuple(sorted({f.check for f in findings})),
        segments_by_check=dict(sorted(segment_checks.items())),
    )


def add_checks(total: dict[str, int], more: Mapping[str, int]) -> None:
    """Add one article's ``segments_by_check`` to a locale's running ``total``."""
    for check, n in more.items():
        total[check] = total.get(check, 0) + n


def article_view(
    raw: ArticleStatus,
    *,
    locale: str,
    slug: str,
    findings: list[FindingView],
    glossary: GlossaryView,
    langs: Mapping[str, str],
    found: Sequence[SegmentSpans] | None = None,
) -> ArticleView:
    """An article's page: its segments with their findings and glossary highlights;
    ``found``: the glossary spans of each segment (``highlight.segment_spans``), else
    they are looked up."""
    source_lang = langs.get(slug, "")
    if found is not None and len(found) != len(raw.segments):
        found = None
    by_segment: dict[str, list[FindingView]] = {}
    for f in findings:
        by_segment.setdefault(f.segment or "", []).append(f)
    segments = []
    for n, seg in enumerate(raw.segments):
        mine = tuple(by_segment.pop(seg.id, []))
        source, target = seg.source, seg.target
        in_source: Sequence[Span]
        in_target: Sequence[Span]
        if found is not None:
            in_source, in_target = found[n]
        else:
            in_source = glossary.find(source, source_lang) if source_lang else []
            in_target = glossary.find(target, locale) if target else []
        source_spans = mark_missing(in_source, mine) if source_lang else []
        target_chunks: tuple[Chunk, ...] = ()
        if target:  # an untranslated segment has nothing to highlight
            target_chunks = chunks(target, [*in_target, *near_miss_spans(target, mine)])
        segments.append(
            SegmentView(
                id=seg.id,
                state=seg.state,
                msgctxt=seg.msgctxt,
                line=seg.line,
                source=chunks(source, source_spans),
                target=target_chunks,
                findings=mine,
                review=seg.review if seg.review is not None and seg.review.by else None,
            )
        )
    unplaced = tuple(f for _, fs in sorted(by_segment.items()) for f in fs)
    return article_summary(raw, locale=locale, slug=slug, findings=findings,
                           unplaced=unplaced, langs=langs, segments=tuple(segments))


def article_summary(
    raw: ArticleStatus,
    *,
    locale: str,
    slug: str,
    findings: Sequence[FindingView],
    unplaced: Sequence[FindingView],
    langs: Mapping[str, str],
    segments: tuple[SegmentView, ...] = (),
) -> ArticleView:
    """An article's view from its status and findings; without ``segments``, what a
    locale's page keeps of it (``article_view`` with its segments dropped)."""
    return ArticleView(
        slug=slug,
        file=raw.file,
        source_lang=langs.get(slug, ""),
        counts=raw.counts,
        total=raw.total,
        complete=raw.complete,
        segments=segments,
        findings=tuple(findings),
        unplaced=tuple(unplaced),
        page=article_page(locale, slug),
        missing=raw.missing,
        stale=raw.stale is True,
    )


def _display_name(locale: str) -> str:
    try:
        return display_name(locale)
    except (UnknownLocaleError, ValueError):
        return locale


def _rtl(locale: str) -> bool:
    try:
        return is_rtl(locale)
    except (UnknownLocaleError, ValueError):
        return False
