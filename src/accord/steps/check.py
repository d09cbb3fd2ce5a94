"""``run_checks``: every check over the repository's sources and PO files."""

from __future__ import annotations

import contextlib
import json
import os
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace

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
from accord.steps.checkcache import (
    CatalogRecord,
    CheckCache,
    SourceRecord,
    catalog_key,
    contested,
    key_digest,
    pair_keys,
    source_key,
    translation_pairs,
)
from accord.steps.syncstate import digest, po_stats
from accord.workspace import (
    ArticleRef,
    CatalogRef,
    catalog_bytes,
    catalogs,
    discover_articles,
    parse_catalog,
    read_catalog,
    site_article,
)


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

    with _opened(config) as cache:
        for article, record in source_records(config, articles, glossary, skip, cache):
            dates[article.slug] = record.date
            yield from kept(record.findings)
        compared: list[Finding] = []  # few: held back to come last, as they always have
        locale: list[Checked] = []  # one locale's PO files, for the checks that compare them
        for ref in catalogs(config, locales, articles, errors=errors):
            if locale and locale[-1].ref.locale != ref.locale:
                compared += compare(config, glossary, locale, skip)
                locale = []
            if not ref.exists:
                continue
            try:
                checked = check_file(config, glossary, ref, cache)
            except AccordError as error:
                skip(error)
                continue
            locale.append(replace(checked, status="", findings=()))  # what compare needs
            yield from kept(checked.findings)
        compared += compare(config, glossary, locale, skip)
        yield from kept(compared)


@contextlib.contextmanager
def _opened(config: Config) -> Iterator[CheckCache]:
    cache = CheckCache.open(config)
    try:
        yield cache
    finally:
        cache.close()


Seen = list[Translation]  # one locale's translations, for the checks that compare them


def _skipper(errors: list[AccordError] | None) -> Callable[[AccordError], None]:
    def skip(error: AccordError) -> None:
        if errors is None:
            raise error
        errors.append(error)
    return skip


def check_sources(
    config: Config, articles: list[ArticleRef], glossary: Glossary,
    errors: list[AccordError] | None = None, cache: CheckCache | None = None,
) -> Iterator[tuple[ArticleRef, SourceRecord]]:
    """Each readable source article with its record: its findings (not yet filtered
    by ``in_force``), its date (for ``in_force``), its segment keys' digest and the
    glossary concepts it mentions (the report's)."""
    return source_records(config, articles, glossary, _skipper(errors),
                          cache or CheckCache(None))


def source_records(
    config: Config, articles: list[ArticleRef], glossary: Glossary,
    skip: Callable[[AccordError], None], cache: CheckCache,
) -> Iterator[tuple[ArticleRef, SourceRecord]]:
    """Each source article's record as it is read (from ``cache`` when its inputs are
    those it was checked with); an unreadable one is given to ``skip``."""
    known: KnownArticles | None = None
    known_key = _known_key(config)
    for article in articles:
        relpath = article.relpath(config)
        try:
            data = safefile.read_located(article.path, relpath)
        except AccordError as error:
            skip(error)
            continue
        key = source_key(data, relpath, article.lang, known_key)
        record = cache.source(article.slug, key)
        if record is None:
            if known is None:
                known = _known_articles(config)
            try:
                record = _check_source(config, glossary, article, data, known)
            except AccordError as error:
                skip(error)
                continue
            cache.put_source(article.slug, key, record)
        yield article, record


def _check_source(
    config: Config, glossary: Glossary, article: ArticleRef, data: bytes, known: KnownArticles,
) -> SourceRecord:
    """One source article checked: its record (see ``checkcache.SourceRecord``)."""
    from accord.review.status import keys_digest  # noqa: PLC0415
    from accord.source.segment import decode_source, parse_article  # noqa: PLC0415

    relpath = article.relpath(config)
    text = decode_source(data, relpath)
    parsed = parse_article(text, relpath, config.translatable_keys)
    site = site_article(config, article)
    lines = text.splitlines()
    starts = sorted({s.line for s in parsed.segments})
    findings: list[Finding] = []
    for segment in parsed.segments:
        where = Where(locale=article.lang, article=article.slug,
                      segment=segment_id(segment.msgid, segment.msgctxt),
                      file=relpath, line=segment.line)
        end = next((n for n in starts if n > segment.line), len(lines) + 1)
        subject = SourceSegment(glossary, segment.msgid, article.lang, where,
                                segment.msgctxt, site, known)
        findings += _on_their_lines(run(Side.SOURCE, subject), lines, segment.line, end)
    return SourceRecord(
        findings=tuple(findings),
        date=str(parsed.front_matter.get("date") or ""),
        keys=keys_digest((s.msgctxt, s.msgid) for s in parsed.segments),
        mentions=glossary.mentions([s.msgid for s in parsed.segments], article.lang),
    )


@dataclass(frozen=True)
class Checked:
    """One PO file checked: its findings, its translations' digest pairs (see
    ``checkcache``) and, when it was read for this run, its translations."""

    ref: CatalogRef
    findings: tuple[Finding, ...]
    pairs: bytes
    key: str  # checkcache.catalog_key: the digest of the file and what it is checked as
    status: str  # its article_status as JSON
    keys: str  # keys_digest of its entries
    translations: Seen | None = None  # when it was read for this run


def check_file(
    config: Config, glossary: Glossary, ref: CatalogRef, cache: CheckCache
) -> Checked:
    """The findings of one PO file, from ``cache`` when it was checked as it is now."""
    data = catalog_bytes(config, ref.path)
    key = catalog_key(data, ref.file, ref.locale, ref.article.lang)
    record = cache.catalog(ref.locale, ref.article.slug, key)
    if record is not None:
        return Checked(ref, record.findings, record.pairs, key, record.status, record.keys)
    from accord.report.highlight import segment_spans  # noqa: PLC0415
    from accord.review.status import article_status, keys_digest  # noqa: PLC0415

    catalog = parse_catalog(config, ref.path, data)
    seen: Seen = []
    findings = tuple(check_catalog(glossary, catalog, ref.locale, ref.article, ref.file,
                                   seen=seen))
    pairs = translation_pairs((t.msgctxt, t.msgid, t.msgstr) for t in seen if not t.where.fuzzy)
    counted = article_status(catalog, ref.article.slug, ref.file, config.complete_states)
    status = json.dumps(counted.to_json(), ensure_ascii=False)
    keys = keys_digest(e.key for e in catalog.messages())
    spans = (segment_spans(glossary, counted.segments, ref.article.lang, ref.locale)
             if cache.enabled else "")  # for the report's page of the file
    cache.put_catalog(ref.locale, ref.article.slug, key,
                      CatalogRecord(findings, pairs, status, keys, spans))
    return Checked(ref, findings, pairs, key, status, keys, seen)


def compare(
    config: Config, glossary: Glossary, files: Sequence[Checked],
    skip: Callable[[AccordError], None],
) -> list[Finding]:
    """The findings of the checks that compare one locale's translations (``files``,
    in order), given only the segment keys it translates two ways: a PO file taken
    from the cache is read again only when it holds one of them."""
    keys = contested(f.pairs for f in files)
    if not keys:
        return []
    seen: Seen = []
    for f in files:
        translations = f.translations
        if translations is None:
            if not any(key in keys for key, _ in pair_keys(f.pairs)):
                continue
            try:
                catalog = read_catalog(config, f.ref.path)
            except AccordError as error:
                skip(error)
                continue
            translations = []
            check_catalog(glossary, catalog, f.ref.locale, f.ref.article, f.ref.file,
                          seen=translations, checks=False)
        seen += [t for t in translations if key_digest(t.msgctxt, t.msgid) in keys]
    return inconsistencies(seen)


def check_catalog(
    glossary: Glossary, catalog: Catalog, locale: str, article: ArticleRef, relpath: str, *,
    seen: Seen, checks: bool = True,
) -> list[Finding]:
    """The findings of one PO file; its translations are added to ``seen`` (and only
    that is done, with ``checks`` False)."""
    findings: list[Finding] = []
    for entry in catalog.messages():
        if not entry.translated or entry.msgid_plural is not None:
            continue
        translation = Translation(
            glossary, entry.msgid, entry.msgstr, article.lang, locale,
            _where(entry, locale, article.slug, relpath), entry.msgctxt)
        if checks:
            findings += run(Side.TARGET, translation)
        seen.append(translation)
    return findings


def inconsistencies(seen: Seen) -> list[Finding]:
    """The findings of the checks that compare one locale's translations (``inconsistent``)."""
    return run(Side.LOCALE, seen) if seen else []


def _known_key(config: Config) -> str:
    """A digest of what ``_known_articles`` and the link check see: every path below
    ``sources/`` (a link may name any file there) and the orphan PO files."""
    parts: list[bytes] = []
    for top, dirs, files in os.walk(config.sources_dir):
        dirs.sort()
        for name in [*dirs, *sorted(files)]:
            path = os.path.join(top, name)
            there = "1" if os.path.exists(path) else "0"  # a dangling link names nothing
            parts.append(f"{os.path.relpath(path, config.sources_dir)}\0{there}".encode())
    for locale in config.locales:
        parts.append(f"\1{locale}".encode())
        parts += (slug.encode() for slug in sorted(po_stats(config.locales_dir / locale)))
    return digest(*parts)


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
