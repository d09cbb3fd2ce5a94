"""``run_checks``: every check over the repository's sources and PO files."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from typing import TYPE_CHECKING

from accord import safefile
from accord.catalog.pofile import Catalog, Entry
from accord.checks.finding import Finding, Where
from accord.checks.links import KnownArticles, known_articles
from accord.checks.registry import Side, SourceSegment, Translation, run
from accord.config import Config
from accord.errors import AccordError
from accord.glossary import Glossary
from accord.ids import segment_id
from accord.source.prose import prose
from accord.steps.syncstate import po_stats
from accord.workspace import (
    ArticleRef,
    catalogs,
    discover_articles,
    read_catalog,
    site_article,
)

if TYPE_CHECKING:
    from accord.source.segment import Article


def run_checks(
    config: Config, locales: list[str], articles: list[ArticleRef], glossary: Glossary,
    errors: list[AccordError] | None = None,
) -> list[Finding]:
    """Every finding of ``iter_findings``, as a list."""
    return list(iter_findings(config, locales, articles, glossary, errors))


def iter_findings(
    config: Config, locales: list[str], articles: list[ArticleRef], glossary: Glossary,
    errors: list[AccordError] | None = None,
) -> Iterator[Finding]:
    """Findings of the sources (own language) and of ``locales/<locale>/<slug>.po``.

    Target checks look at every entry with a translation, fuzzy ones included (a
    fuzzy translation is still what a reviewer will read); their findings carry
    ``fuzzy: true``. ``inconsistent`` compares only non-fuzzy translations. A concept
    with ``since`` raises no glossary finding in an article dated before that day.
    With ``errors`` given, an unreadable source or PO file is appended there and
    skipped (the rest is still checked); without, it is raised.

    Findings come as each file is checked, so that memory does not grow with the
    repository: the sources', then the translations' locale by locale, then those
    that compare the translations of one locale (held only while that locale is read).
    """

    skip = _skipper(errors)
    dates: dict[str, str] = {}

    def kept(found: Iterable[Finding]) -> Iterator[Finding]:  # concepts in force only
        return (f for f in found if in_force(glossary, f, dates.get(f.article, "")))

    yield from kept(_source_findings(config, articles, glossary, skip, dates))
    compared: list[Finding] = []  # few: held back to come last, as they always have
    translations: Seen = []
    for ref in catalogs(config, locales, articles, errors=errors):
        if translations and translations[-1].locale != ref.locale:
            compared += inconsistencies(translations)
            translations = []
        if not ref.exists:
            continue
        try:
            catalog = read_catalog(config, ref.path)
        except AccordError as error:
            skip(error)
            continue
        yield from kept(check_catalog(glossary, catalog, ref.locale, ref.article, ref.file,
                                           seen=translations))
    compared += inconsistencies(translations)
    yield from kept(compared)


Seen = list[Translation]  # one locale's translations, for the checks that compare them


def _skipper(errors: list[AccordError] | None) -> Callable[[AccordError], None]:
    def skip(error: AccordError) -> None:
        if errors is None:
            raise error
        errors.append(error)
    return skip


def check_sources(
    config: Config, articles: list[ArticleRef], glossary: Glossary,
    errors: list[AccordError] | None = None,
    also: Callable[[ArticleRef, Article], None] | None = None,
) -> tuple[list[Finding], dict[str, str]]:
    """The findings of the source articles (not yet filtered by ``in_force``) and each
    article's date (for ``in_force``).

    ``also`` is called with each article parsed, for a caller that needs more of it
    (the report: its segment keys and glossary occurrences) without parsing it again.
    """
    dates: dict[str, str] = {}
    found = list(_source_findings(config, articles, glossary, _skipper(errors), dates, also))
    return found, dates


def _source_findings(  # noqa: PLR0917 - the sources' walk, shared by check and report
    config: Config, articles: list[ArticleRef], glossary: Glossary,
    skip: Callable[[AccordError], None], dates: dict[str, str],
    also: Callable[[ArticleRef, Article], None] | None = None,
) -> Iterator[Finding]:
    """Each source article's findings as it is read; ``dates`` filled on the way."""
    from accord.source.segment import decode_source, parse_article  # noqa: PLC0415

    known = _known_articles(config)
    for article in articles:
        site = site_article(config, article)
        relpath = article.relpath(config)
        try:
            text = decode_source(safefile.read_located(article.path, relpath), relpath)
            parsed = parse_article(text, relpath, config.translatable_keys)
        except AccordError as error:
            skip(error)
            continue
        if also is not None:
            also(article, parsed)
        dates[article.slug] = str(parsed.front_matter.get("date") or "")
        lines = text.splitlines()
        starts = sorted({s.line for s in parsed.segments})
        for segment in parsed.segments:
            where = Where(locale=article.lang, article=article.slug,
                          segment=segment_id(segment.msgid, segment.msgctxt),
                          file=relpath, line=segment.line)
            end = next((n for n in starts if n > segment.line), len(lines) + 1)
            subject = SourceSegment(glossary, segment.msgid, article.lang, where,
                                    segment.msgctxt, site, known)
            yield from _on_their_lines(run(Side.SOURCE, subject), lines, segment.line, end)


def check_catalog(
    glossary: Glossary, catalog: Catalog, locale: str, article: ArticleRef, relpath: str, *,
    seen: Seen,
) -> list[Finding]:
    """The findings of one PO file; its translations are added to ``seen``."""
    findings: list[Finding] = []
    for entry in catalog.messages():
        if not entry.translated or entry.msgid_plural is not None:
            continue
        translation = Translation(
            glossary, entry.msgid, entry.msgstr, article.lang, locale,
            _where(entry, locale, article.slug, relpath), entry.msgctxt)
        findings += run(Side.TARGET, translation)
        seen.append(translation)
    return findings


def inconsistencies(seen: Seen) -> list[Finding]:
    """The findings of the checks that compare one locale's translations (``inconsistent``)."""
    return run(Side.LOCALE, seen) if seen else []


def _known_articles(config: Config) -> KnownArticles:
    """Every article of the repository (in each language it is written in) and those gone."""
    everything = discover_articles(config, [])
    present = [
        site_article(config, a.written_in(lang)) for a in everything for lang in a.languages
    ]
    slugs = {a.slug for a in everything}
    gone = {
        slug
        for locale in config.locales
        for slug in po_stats(config.locales_dir / locale)
        if slug not in slugs
    }
    return known_articles(present, gone, config.sources_dir)


def _on_their_lines(
    found: list[Finding], lines: list[str], first: int, end: int
) -> list[Finding]:
    """Source glossary findings moved to the line where their word stands.

    A segment (a hard-wrapped paragraph, a block quote) spans the lines ``first`` to
    ``end - 1``; a finding of a concept names the line of its own word, the n-th
    occurrence for the n-th finding of the same word. A word not found there, and any
    other finding (a broken link), keeps the segment's line.
    """
    if first <= 0 or end - first <= 1:
        return found
    block = prose("\n".join(lines[first - 1:end - 1]))
    seen: Counter[str] = Counter()
    moved = []
    for item in found:
        if not item.found or item.concept is None:
            moved.append(item)
            continue
        pattern = r"\s+".join(re.escape(w) for w in item.found.split())
        hits = list(re.finditer(rf"(?<!\w){pattern}(?!\w)", block))
        index = seen[item.found]
        seen[item.found] += 1
        if index < len(hits):
            moved.append(replace(item, line=first + block.count("\n", 0, hits[index].start())))
        else:
            moved.append(item)
    return moved


def in_force(glossary: Glossary, item: Finding, date: str) -> bool:
    """False for a finding about a concept whose ``since`` is after the article's date."""
    if item.concept is None or item.concept not in glossary or not date:
        return True
    since = glossary.concept(item.concept).since
    return since is None or date[:10] >= since


def _where(entry: Entry, locale: str, slug: str, relpath: str) -> Where:
    return Where(locale=locale, article=slug, segment=segment_id(entry.msgid, entry.msgctxt),
                 file=relpath, line=entry.line, fuzzy=entry.fuzzy)
