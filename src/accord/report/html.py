"""The HTML pages of the report: index, one page per locale and per article, glossary.

Pages are rendered by jinja2 with autoescaping on, so every text that comes from an
article, a PO file or the glossary is escaped. The only markup inserted unescaped is
made here (SVG plots with escaped text), by ``accord.report.rows`` (the segment rows,
with escaped text) or shipped with Accord (CSS and the filter script). A
Content-Security-Policy allows that one script by its hash, so even a text that
somehow escaped escaping could not run.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from jinja2 import (
    BaseLoader,
    ChoiceLoader,
    Environment,
    FileSystemBytecodeCache,
    PackageLoader,
    PrefixLoader,
    StrictUndefined,
)
from markupsafe import Markup, escape

from accord.report.model import (
    STATES,
    ArticleView,
    LocaleView,
    ReportModel,
    percent,
)
from accord.report.rows import ROOT, finding_html, segment_rows_html, text_html
from accord.report.svg import STATE_COLOURS, progress_bar, progress_chart


@cache
def template_environment(*packages: str) -> Environment:
    """jinja2 over ``report/templates/``, autoescaping: every text from a file is escaped.

    The workbench's pages share it: each of ``packages`` (``accord.serve``) adds its
    own ``templates/`` folder under its name (``serve/article.html``), and may use the
    report's macros."""
    loaders: list[BaseLoader] = [PackageLoader("accord.report", "templates")]
    loaders += [PrefixLoader({name.rpartition(".")[2]: PackageLoader(name, "templates")})
                for name in packages]
    environment = Environment(
        loader=ChoiceLoader(loaders),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # Templates compiled once per machine, as Python keeps its bytecode: jinja2's own
        # cache in the temporary folder (a private folder of the user's, checked by
        # jinja2), keyed by each template's source, so an edited template is compiled
        # again. Compiling the six report templates is a tenth of a small report's cost.
        bytecode_cache=FileSystemBytecodeCache(),
        auto_reload=False,  # shipped templates: no stat of each one for every page
    )
    # The macros text and finding: the markup accord.report.rows lays out the rows with.
    environment.globals.update(
        text_html=lambda chunks: Markup(text_html(chunks)),
        finding_html=lambda f, root: Markup(finding_html(f, str(escape(root)))),
    )
    return environment


@cache
def template_resource(name: str, package: str = "accord.report") -> str:
    """A file shipped in ``package``'s ``templates/`` (a style sheet, a script), as text."""
    return resources.files(package).joinpath("templates", name).read_text(encoding="utf-8")


def content_security_policy(script: str) -> str:
    """No network at all; inline styles; only Accord's own script, pinned by its hash."""
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    return (
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
        f"script-src 'sha256-{digest}'; base-uri 'none'; form-action 'none'"
    )


@cache
def _shipped() -> dict[str, Any]:
    """What every page carries: the style sheet, the filter script and its CSP hash."""
    script = template_resource("report-filters.js")
    if "</" in script:  # would end the <script> element early
        raise ValueError("report-filters.js must not contain '</'")
    return {
        "states": STATES,
        "colours": STATE_COLOURS,
        "style": Markup(template_resource("report.css")),
        "script": Markup(script),
        "csp": content_security_policy(script),
    }


def _common(model: ReportModel) -> dict[str, Any]:
    return {"model": model, **_shipped()}


def _totals(model: ReportModel) -> dict[str, Any]:
    counts = {s: sum(lv.counts[s] for lv in model.locales) for s in STATES}
    total = sum(lv.total for lv in model.locales)
    return {
        "counts": counts,
        "total": total,
        "percent": percent(sum(lv.complete for lv in model.locales), total),
        "errors": sum(lv.errors for lv in model.locales),
        "warnings": sum(lv.warnings for lv in model.locales),
    }


def render_index(model: ReportModel) -> str:
    """``index.html``: one row per locale with progress, counts and findings by check."""
    chart = progress_chart([(lv.locale, lv.counts, lv.total) for lv in model.locales],
                           done=[lv.complete for lv in model.locales])
    bars = {lv.locale: Markup(progress_bar(lv.counts, lv.total, label=lv.locale))
            for lv in model.locales}
    return template_environment().get_template("report-index.html").render(
        **_common(model), kind="index", root="", current="", title="Overview",
        chart=Markup(chart), bars=bars, totals=_totals(model),
    )


def render_locale(model: ReportModel, locale: LocaleView) -> str:
    """``<locale>.html``: every article of the locale, segment by segment, with filters."""
    sections = (locale_section(locale, article) + "\n" for article in locale.articles)
    return "".join(locale_page_chunks(model, locale, sections))


@dataclass(frozen=True)
class SegmentRows:
    """An article's segment rows, rendered once for both its page and its locale's page:
    the HTML cut where the link to the reports folder goes (the pages sit at different
    depths)."""

    pieces: tuple[str, ...]

    def at(self, root: str) -> Markup:
        """The rows on a page ``root`` below the reports folder (``""``, ``"../"``)."""
        return Markup(root.join(self.pieces))


def segment_rows(locale: LocaleView, article: ArticleView) -> SegmentRows:
    """The rows of ``article``'s segment table, for ``locale_section`` and ``render_article``."""
    return SegmentRows(tuple(segment_rows_html(locale, article).split(ROOT)))


def locale_section(
    locale: LocaleView, article: ArticleView, rows: SegmentRows | None = None
) -> str:
    """One article's section of its locale's page (``locale`` may be a ``locale_header``);
    ``rows`` are its ``segment_rows`` if made already."""
    rows = rows or segment_rows(locale, article)
    return str(_macros().article_section(article, locale, "", True, rows.at("")))


def locale_page_chunks(
    model: ReportModel, locale: LocaleView, sections: Iterable[str]
) -> Iterator[str]:
    """``<locale>.html`` piece by piece: ``sections`` (``locale_section`` of each article
    and a newline, in order, in pieces of any size) are taken one at a time, so a
    caller may stream them from a file.

    ``locale.articles`` may be summaries without segments: the page's table and
    filters use only their figures.
    """
    article_bars = {
        a.slug: Markup(progress_bar(a.counts, a.total, width=160, label=a.slug))
        for a in locale.articles
    }
    return template_environment().get_template("report-locale.html").generate(
        **_common(model), kind="locale", root="", current=locale.locale,
        title=f"{locale.name} ({locale.locale})", locale=locale,
        bar=Markup(progress_bar(locale.counts, locale.total, width=480, height=18,
                                label=locale.locale)),
        article_bars=article_bars, sections=(Markup(s) for s in sections),
    )


@cache
def _macros() -> Any:
    """The macros of ``report-macros.html``, callable from Python."""
    return template_environment().get_template("report-macros.html").module


def render_article(
    model: ReportModel, locale: LocaleView, article: ArticleView, rows: SegmentRows | None = None
) -> str:
    """``<locale>/<slug>.html``: one article's segments side by side with their findings;
    ``rows`` are its ``segment_rows`` if made already."""
    checks = tuple(sorted({f.check for f in article.findings}))
    # A nested id (news/2026/treaty) puts the page that many folders deeper.
    root = "../" * (1 + article.slug.count("/"))
    rows = rows or segment_rows(locale, article)
    return template_environment().get_template("report-article.html").render(
        **_common(model), kind="article", root=root, current=locale.locale,
        title=f"{article.slug} ({locale.locale})", locale=locale, article=article,
        checks=checks, rows=rows.at(root),
        bar=Markup(progress_bar(article.counts, article.total, width=480, height=18,
                                label=article.slug)),
    )


def render_glossary(model: ReportModel, rtl: frozenset[str]) -> str:
    """``glossary.html``: every concept with its renderings per locale and gaps marked."""
    return template_environment().get_template("report-glossary.html").render(
        **_common(model), kind="glossary", root="", current="", title="Glossary", rtl=rtl,
    )


def render_html(model: ReportModel, pages_for: Collection[str] | None = None) -> dict[str, str]:
    """Every HTML page of the report, by file name relative to the reports folder.

    With ``pages_for``, only those locales' own pages (and the shared ones) are rendered.
    """
    pages = {"index.html": render_index(model)}
    rtl = frozenset(lv.locale for lv in model.locales if lv.rtl)
    pages["glossary.html"] = render_glossary(model, rtl)
    for locale in model.locales:
        if pages_for is not None and locale.locale not in pages_for:
            continue
        pages[locale.page] = render_locale(model, locale)
        for article in locale.articles:
            pages[article.page] = render_article(model, locale, article)
    return pages
