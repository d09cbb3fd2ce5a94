"""What the workbench's pages show, built from the report's models, and their HTML.

The overview and locale pages are the report's ``ReportModel`` (the same status and
findings ``accord report`` shows); an article page adds, per segment, what a
reviewer acts on: the raw msgstr to edit, the glossary hints sync wrote, the
suggested glossary fix, and the segment's history.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any
from urllib.parse import urlencode

from jinja2 import Environment
from markupsafe import Markup

from accord.catalog.pofile import Catalog, Entry
from accord.checks import Severity
from accord.config import Config
from accord.glossary import Fix, Glossary
from accord.glossary.verdict import fix_target
from accord.ids import segment_id
from accord.report.glossaryview import glossary_view
from accord.report.html import template_environment, template_resource
from accord.report.model import (
    STATES,
    ArticleView,
    GlossaryView,
    LocaleView,
    ReportModel,
    SegmentView,
    build_model,
)
from accord.report.svg import STATE_COLOURS, progress_bar
from accord.review.state import Event, history
from accord.review.status import Status, article_status, locale_status
from accord.serve.history import blame_file, msgstr_change
from accord.serve.snapshot import Snapshot, current_version, read_snapshot
from accord.steps.check import run_checks
from accord.steps.history import Change
from accord.steps.status import collect_status, source_keys, translated_by
from accord.tasks.review import clean_entries
from accord.workspace import ArticleRef, po_path

HINT_PREFIX = "glossary:"
READ_ATTEMPTS = 5  # re-reads when the file changes while a page is being built


@dataclass(frozen=True)
class Filters:
    """Which segments an article page shows: by state, by check, errors only, by text."""

    state: str = ""
    check: str = ""
    errors_only: bool = False
    query: str = ""
    keep: str = ""  # the segment just acted on: shown even if it no longer matches

    @classmethod
    def from_params(cls, params: Mapping[str, str]) -> Filters:
        """The filters named in a query string (unknown values show everything)."""
        state = params.get("state", "")
        return cls(
            state=state if state in STATES else "",
            check=params.get("check", "")[:64],
            errors_only=params.get("errors") == "1",
            query=params.get("q", "")[:200],
            keep=params.get("seg", "")[:8] if params.get("done") else "",
        )

    @property
    def active(self) -> bool:
        return bool(self.state or self.check or self.errors_only or self.query)

    def accepts(self, row: SegmentRow) -> bool:
        """True if ``row`` passes every filter; the search ignores case, in source and target."""
        view = row.view
        if self.keep and view.id == self.keep:
            return True
        if self.state and view.state.value != self.state:
            return False
        if self.check and self.check not in view.checks:
            return False
        if self.errors_only and view.severity is not Severity.ERROR:
            return False
        needle = self.query.strip().casefold()
        return not needle or needle in row.source.casefold() or needle in row.msgstr.casefold()

    def query_string(self) -> str:
        """These filters as a query string (empty when none is set)."""
        pairs = [("state", self.state), ("check", self.check),
                 ("errors", "1" if self.errors_only else ""), ("q", self.query)]
        return urlencode([(k, v) for k, v in pairs if v])


@dataclass(frozen=True)
class SegmentRow:
    """One segment of an article page: the report's view plus what a reviewer acts on."""

    view: SegmentView
    source: str
    msgstr: str
    editable: bool  # a singular entry (plural forms are edited in a PO editor)
    hints: tuple[str, ...]  # "glossary: A → B (concept)" comments written by sync
    translated_by: str | None
    events: tuple[Event, ...]
    change: Change | None  # the last git change of the msgstr lines
    fixed: str | None  # the msgstr after the suggested glossary fix, if one applies
    fixes: tuple[Fix, ...] = ()


@dataclass(frozen=True)
class ArticlePage:
    """One article in one locale: every segment, those the filters show, the file's version."""

    locale: LocaleView
    article: ArticleView
    rows: tuple[SegmentRow, ...]
    filters: Filters
    version: str | None  # None: no PO file yet
    clean: int  # how many segments "approve all clean" would approve
    checks: tuple[str, ...] = field(default=())

    @property
    def shown(self) -> tuple[SegmentRow, ...]:
        return tuple(r for r in self.rows if self.filters.accepts(r))


def overview_model(config: Config, glossary: Glossary, articles: list[ArticleRef]) -> ReportModel:
    """The report's model of every configured locale (progress, findings by check)."""
    locales = list(config.locales)
    status = collect_status(config, locales, articles)
    findings = [f.to_dict() for f in run_checks(config, locales, articles, glossary)]
    return build_model(status, findings, GlossaryView(), {a.slug: a.lang for a in articles})


def article_page(
    config: Config, glossary: Glossary, locale: str, article: ArticleRef, filters: Filters
) -> ArticlePage:
    """The article page, built from one version of the PO file (re-read if it changes meanwhile)."""
    path = po_path(config, locale, article.slug)
    for _ in range(READ_ATTEMPTS):
        snapshot = read_snapshot(config, locale, article.slug)
        model = _article_model(config, glossary, locale, article, snapshot)
        version = snapshot.version if snapshot is not None else None
        if current_version(path) == version:
            break
    locale_view = model.locales[0]
    article_view = locale_view.articles[0]
    catalog = snapshot.catalog if snapshot is not None else Catalog()
    rows = _rows(config, glossary, locale, article, view=article_view, snapshot=snapshot,
                 catalog=catalog)
    clean = len(clean_entries(catalog, glossary, article.lang, locale))
    return ArticlePage(locale_view, article_view, rows, filters, version, clean,
                       tuple(sorted({c for r in rows for c in r.view.checks})))


def _article_model(
    config: Config, glossary: Glossary, locale: str, article: ArticleRef,
    snapshot: Snapshot | None,
) -> ReportModel:
    catalog = snapshot.catalog if snapshot is not None else None
    file = config.relative(po_path(config, locale, article.slug))
    row = article_status(catalog, article.slug, file, config.complete_states,
                         source_keys(config, article))
    status = Status((locale_status(locale, [row]),))
    findings = [f.to_dict() for f in run_checks(config, [locale], [article], glossary)]
    return build_model(status, findings, glossary_view(glossary, [locale], {}),
                       {article.slug: article.lang})


def _rows(
    config: Config, glossary: Glossary, locale: str, article: ArticleRef, *,
    view: ArticleView, snapshot: Snapshot | None, catalog: Catalog,
) -> tuple[SegmentRow, ...]:
    entries = {segment_id(e.msgid, e.msgctxt): e for e in catalog.messages()}
    blame = blame_file(config.root, snapshot.file) if snapshot is not None else {}
    text = snapshot.data.decode("utf-8", errors="replace") if snapshot is not None else ""
    rows = []
    for seg in view.segments:
        entry = entries.get(seg.id)
        if entry is None:
            continue
        rows.append(_row(glossary, locale, article, seg, entry, text=text, blame=blame))
    return tuple(rows)


def _row(
    glossary: Glossary, locale: str, article: ArticleRef, seg: SegmentView, entry: Entry, *,
    text: str, blame: dict[int, Change],
) -> SegmentRow:
    singular = entry.msgid_plural is None
    fixed: str | None = None
    fixes: tuple[Fix, ...] = ()
    if singular and entry.msgstr:
        new, found = fix_target(glossary, entry.msgid, entry.msgstr, article.lang, locale)
        if found:
            fixed, fixes = new, tuple(found)
    return SegmentRow(
        view=seg,
        source=entry.msgid,
        msgstr=entry.msgstr if singular else entry.msgstr_plural.get(0, ""),
        editable=singular,
        hints=tuple(c for c in entry.extracted_comments if c.startswith(HINT_PREFIX)),
        translated_by=translated_by(entry),
        events=tuple(history(entry)),
        change=msgstr_change(text, entry.line, blame) if entry.translated and blame else None,
        fixed=fixed,
        fixes=fixes,
    )


# ---------------------------------------------------------------------------
# HTML
# ---------------------------------------------------------------------------


def environment() -> Environment:
    """The report's jinja2 environment (autoescaping), with the workbench's templates."""
    return template_environment("accord.serve")


def resource(name: str) -> str:
    """A file shipped under ``serve/templates/``."""
    return template_resource(name, "accord.serve")


@cache
def content_security_policy() -> str:
    """Nothing from the network; Accord's own script only (by hash); forms post to this server."""
    script = resource("serve.js")
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    return (
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
        f"script-src 'sha256-{digest}'; form-action 'self'; base-uri 'none'; "
        "frame-ancestors 'none'"
    )


def render(template: str, **values: Any) -> str:
    """Render ``serve/templates/<template>`` with the shared style, script and colours."""
    script = resource("serve.js")
    if "</" in script:  # would end the <script> element early
        raise ValueError("serve.js must not contain '</'")
    return environment().get_template(f"serve/{template}").render(
        style=Markup(template_resource("report.css") + resource("serve.css")),
        script=Markup(script),
        states=STATES,
        colours=STATE_COLOURS,
        bar=_bar,
        **values,
    )


def _bar(counts: Mapping[str, int], total: int, label: str, width: int = 220) -> Markup:
    return Markup(progress_bar(counts, total, width=width, label=label))
