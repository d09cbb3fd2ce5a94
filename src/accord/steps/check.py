"""``run_checks``: every check over the repository's sources and PO files."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace

from accord import safefile
from accord.catalog.pofile import Entry
from accord.checks.finding import Finding, Where, finding
from accord.checks.glossary import prose
from accord.checks.links import KnownArticles, check_links, known_articles
from accord.checks.segment import check_segment, check_source
from accord.config import Config
from accord.errors import AccordError
from accord.glossary import Glossary
from accord.ids import segment_id
from accord.steps.synccache import po_stats
from accord.workspace import (
    ArticleRef,
    discover_articles,
    po_path,
    read_catalog,
    site_article,
    targets_of,
)


@dataclass(frozen=True)
class _Translation:
    msgstr: str
    where: Where


def run_checks(
    config: Config, locales: list[str], articles: list[ArticleRef], glossary: Glossary,
    errors: list[AccordError] | None = None,
) -> list[Finding]:
    """Findings of the sources (own language) and of ``locales/<locale>/<slug>.po``.

    Target checks look at every entry with a translation, fuzzy ones included (a
    fuzzy translation is still what a reviewer will read); their findings carry
    ``fuzzy: true``. ``inconsistent`` compares only non-fuzzy translations. A concept
    with ``since`` raises no glossary finding in an article dated before that day.
    With ``errors`` given, an unreadable source or PO file is appended there and
    skipped (the rest is still checked); without, it is raised.
    """

    def skip(error: AccordError) -> None:
        if errors is None:
            raise error
        errors.append(error)

    from accord.source.segment import decode_source, parse_article  # noqa: PLC0415

    findings: list[Finding] = []
    dates: dict[str, str] = {}
    known = _known_articles(config)
    for article in articles:
        relpath = article.relpath(config)
        try:
            text = decode_source(safefile.read_located(article.path, relpath), relpath)
            parsed = parse_article(text, relpath, config.translatable_keys)
        except AccordError as error:
            skip(error)
            continue
        dates[article.slug] = str(parsed.front_matter.get("date") or "")
        lines = text.splitlines()
        starts = sorted({s.line for s in parsed.segments})
        for segment in parsed.segments:
            where = Where(locale=article.lang, article=article.slug,
                          segment=segment_id(segment.msgid, segment.msgctxt),
                          file=relpath, line=segment.line)
            end = next((n for n in starts if n > segment.line), len(lines) + 1)
            findings.extend(_on_their_lines(
                check_source(glossary, segment.msgid, article.lang, where),
                lines, segment.line, end))
            if segment.msgctxt is None:
                findings.extend(check_links(segment.msgid, site_article(config, article),
                                            known, where))
    seen: dict[tuple[str, str | None, str], list[_Translation]] = {}
    for locale in locales:
        for article in articles:
            if locale not in targets_of(article, [locale]):
                continue
            try:
                path = po_path(config, locale, article.slug)
                if not safefile.present(path):
                    continue
                catalog = read_catalog(config, path)
            except AccordError as error:
                skip(error)
                continue
            relpath = config.relative(path)
            for entry in catalog.messages():
                if not entry.translated or entry.msgid_plural is not None:
                    continue
                where = _where(entry, locale, article.slug, relpath)
                findings.extend(check_segment(glossary, entry.msgid, entry.msgstr,
                                              article.lang, locale, where=where))
                if not entry.fuzzy:
                    key = (locale, entry.msgctxt, entry.msgid)
                    seen.setdefault(key, []).append(_Translation(entry.msgstr, where))
    findings.extend(inconsistencies(seen))
    return [f for f in findings if _in_force(glossary, f, dates.get(f.article, ""))]


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
    """Source findings moved to the line where their word stands.

    A segment (a hard-wrapped paragraph, a block quote) spans the lines ``first`` to
    ``end - 1``; a finding names the line of its own word, the n-th occurrence for
    the n-th finding of the same word. A word not found there keeps the segment's line.
    """
    if first <= 0 or end - first <= 1:
        return found
    block = prose("\n".join(lines[first - 1:end - 1]))
    seen: Counter[str] = Counter()
    moved = []
    for item in found:
        if not item.found:
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


def _in_force(glossary: Glossary, item: Finding, date: str) -> bool:
    """False for a finding about a concept whose ``since`` is after the article's date."""
    if item.concept is None or item.concept not in glossary or not date:
        return True
    since = glossary.concept(item.concept).since
    return since is None or date[:10] >= since


def _where(entry: Entry, locale: str, slug: str, relpath: str) -> Where:
    return Where(locale=locale, article=slug, segment=segment_id(entry.msgid, entry.msgctxt),
                 file=relpath, line=entry.line, fuzzy=entry.fuzzy)


def inconsistencies(seen: dict[tuple[str, str | None, str], list[_Translation]]) -> list[Finding]:
    """One source segment translated differently in two places of one locale."""
    findings = []
    for translations in seen.values():
        variants = Counter(t.msgstr for t in translations)
        if len(variants) < 2:
            continue
        majority = max(variants, key=lambda s: (variants[s], -_first(translations, s)))
        reference = translations[_first(translations, majority)]
        for item in translations:
            if item.msgstr == majority:
                continue
            findings.append(replace(finding(
                "inconsistent", item.where,
                f"translated differently in {reference.where.file}:{reference.where.line}",
                found=item.msgstr, expected=majority,
            )))
    return findings


def _first(translations: list[_Translation], msgstr: str) -> int:
    return next(i for i, t in enumerate(translations) if t.msgstr == msgstr)
