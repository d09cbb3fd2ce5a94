"""Build: translated articles in ``build/site/<locale>/<slug>.md``.

Every article also gets a copy in its own language's folder, so that links
between articles always have somewhere to point: to the localised version when it
was built, else to the original.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from accord import safefile
from accord.catalog.pofile import Catalog
from accord.checks.unsafe import unsafe_additions
from accord.config import Config
from accord.errors import AccordError, BuildError
from accord.locales import is_rtl, language_of
from accord.review.state import publishable, state_of
from accord.source.inline import has_words
from accord.source.segment import Segment, decode_source, parse_article, rebuild_article
from accord.source.sitelinks import LinkMap, localiser
from accord.steps import buildcache, buildfiles
from accord.workspace import (
    ArticleRef,
    bundle_files,
    check_slug,
    discover_articles,
    language_root,
    po_path,
    read_catalog,
    select_locales,
    site_article,
)


@dataclass(frozen=True)
class Page:
    """One article in one locale: built or not, and why."""

    locale: str
    article: str
    path: str
    built: bool
    written: bool = False
    completeness: float = 1.0
    original: bool = False  # the article in its own language
    reason: str | None = None


@dataclass(frozen=True)
class BuildResult:
    """Every page the build considered, and the files it could not read."""

    pages: tuple[Page, ...]
    removed: tuple[str, ...] = ()
    errors: tuple[AccordError, ...] = ()


def completeness(catalog: Catalog, complete_states: Iterable[str]) -> float:
    """Share of the catalog's active entries whose review state counts as done.

    Entries without words (only code, a number, a shortcode) are no work and not counted.
    """
    wanted = set(complete_states)
    messages = [entry for entry in catalog.messages() if has_words(entry.msgid)]
    if not messages:
        return 1.0
    done = sum(1 for entry in messages if state_of(entry).value in wanted)
    return done / len(messages)


def build_site(  # noqa: PLR0912, PLR0915 - one loop over the plan, kept whole to read in order
    config: Config, locales: Iterable[str] | None = None, *, approved_only: bool = False
) -> BuildResult:
    """Write every article that is complete enough in every selected locale.

    Pages whose inputs did not change since the last build are neither assessed nor
    rendered again (see buildcache.py).
    """
    errors: list[AccordError] = []
    articles = discover_articles(config, errors)
    targets = select_locales(config, list(locales or []), targets_only=True)
    # A page that could not be assessed or rebuilt keeps its last build: an unreadable
    # PO file says nothing about whether the article is still complete enough.
    failed: set[tuple[str, str]] = set()
    key = buildcache.build_key(config, articles, approved_only)
    records = buildcache.load(config.build_dir, key)
    inputs: dict[tuple[str, str], tuple[buildcache.Stat, buildcache.Stat]] = {}

    plan: dict[tuple[str, str], tuple[ArticleRef, Catalog | None, Page]] = {}
    for article in articles:
        for lang in article.languages:
            original = article.written_in(lang)
            locales_of = {lang} | {t for t in targets if language_of(t) == language_of(lang)}
            for locale in sorted(locales_of):
                plan.setdefault(
                    (locale, article.slug), (original, None, _page(config, locale, original, True))
                )
                inputs.setdefault((locale, article.slug), (buildcache.stat_of(original.path), None))
        for locale in targets:
            if (locale, article.slug) in plan:
                continue
            try:
                stats = (buildcache.stat_of(article.path),
                         buildcache.stat_of(po_path(config, locale, article.slug)))
                inputs[(locale, article.slug)] = stats
                known = records.get(f"{locale}/{article.slug}")
                if known is not None and known.inputs == stats:  # assessed as last time
                    plan[(locale, article.slug)] = (article, None, _recalled(
                        config, locale, article, known))
                    continue
                plan[(locale, article.slug)] = _assess(config, locale, article, approved_only)
            except AccordError as error:
                errors.append(error)
                failed.add((locale, article.slug))

    pages: list[Page] = []
    links = LinkMap(
        site_article(config, a.written_in(lang)) for a in articles for lang in a.languages
    )
    owned = buildfiles.load(config.build_dir, "site")  # what earlier builds wrote
    built = {key for key, (_, _, page) in plan.items() if page.built}
    copied: set[Path] = set()
    resources: dict[Path, list[Path]] = {}  # per source folder: a section's files, read once
    links_now = buildcache.links_digest(built)
    done: dict[str, buildcache.PageRecord] = {}
    for (locale, _slug), (article, catalog, page) in sorted(plan.items()):
        name = f"{locale}/{article.slug}"
        record = buildcache.PageRecord(inputs[(locale, article.slug)], page.built,
                                       page.completeness, page.reason, links_now)
        done[name] = record
        if not page.built:
            pages.append(page)
            continue
        if buildcache.unchanged(records.get(name), record, config.root / page.path):
            done[name] = records[name]  # rendered from these very inputs: kept as it is
            owned.add(buildfiles.relative(config.build_dir, config.root / page.path))
            pages.append(page)
            try:
                _copy_bundle(config, locale, article, copied, resources)
            except BuildError as error:
                errors.append(error)
            continue
        if catalog is None and not page.original:  # recalled: read its PO file, if any
            catalog = _catalog_if_any(config, locale, article, failed, errors)  # noqa: PLW2901
            if (locale, article.slug) in failed:
                continue
        try:
            text = decode_source(
                safefile.read_located(article.path, config.relative(article.path)),
                config.relative(article.path),
            )
            translate = _translator(catalog, approved_only) if catalog else (lambda _s: None)
            output = rebuild_article(
                text,
                config.relative(article.path),
                translate,
                front_matter=_front_matter(config, locale, article, page.original),
                keys=config.translatable_keys,
                # An original's links work as written (the tree mirrors sources/): its
                # body stays byte for byte the source's.
                rewrite_link=None
                if page.original
                else localiser(
                    links,
                    site_article(config, article),
                    locale,
                    lambda loc, slug: (loc, slug) in built,
                ),
            )
        except AccordError as error:
            errors.append(error)
            failed.add((locale, article.slug))
            continue
        try:
            written = buildfiles.write(config.build_dir, config.root / page.path, output)
        except OSError as error:
            errors.append(BuildError(f"cannot write: {error.strerror or error}", page.path))
            failed.add((locale, article.slug))
            continue
        done[name] = replace(record, output=buildcache.stat_of(config.root / page.path))
        owned.add(buildfiles.relative(config.build_dir, config.root / page.path))
        pages.append(_replace(page, written=written))
        try:
            _copy_bundle(config, locale, article, copied, resources)
        except BuildError as error:
            errors.append(error)

    considered = {locale for locale, _ in plan} | {locale for locale, _ in failed}
    kept = {(p.locale, p.article) for p in pages if p.built} | failed
    removed = _remove_stale(config, considered, kept, owned)
    try:
        buildfiles.save(config.build_dir, "site", owned)
    except OSError as error:
        errors.append(BuildError(f"cannot write: {error.strerror or error}", "build/cache"))
    failed_names = {f"{locale}/{slug}" for locale, slug in failed}
    others = {name: r for name, r in records.items()
              if tuple(name.split("/", 1)) not in plan and name not in failed_names}
    buildcache.save(config.build_dir, key, {
        **others, **{name: r for name, r in done.items() if name not in failed_names}})
    return BuildResult(tuple(pages), tuple(removed), tuple(errors))


def _recalled(
    config: Config, locale: str, article: ArticleRef, known: buildcache.PageRecord
) -> Page:
    """The page as the last build assessed it (its source and PO file are unchanged)."""
    page = _page(config, locale, article, False)
    return _replace(page, built=known.built, completeness=known.completeness,
                    reason=known.reason)


def _catalog_if_any(
    config: Config, locale: str, article: ArticleRef, failed: set[tuple[str, str]],
    errors: list[AccordError],
) -> Catalog | None:
    """The page's PO file read again to render it (None when it has none)."""
    path = po_path(config, locale, article.slug)
    if not path.exists():
        return None
    try:
        return read_catalog(config, path)
    except AccordError as error:
        errors.append(error)
        failed.add((locale, article.slug))
        return None


def _assess(
    config: Config, locale: str, article: ArticleRef, approved_only: bool
) -> tuple[ArticleRef, Catalog | None, Page]:
    path = po_path(config, locale, article.slug)
    page = _page(config, locale, article, False)
    if not path.exists():
        if not _segments_of(config, article):
            return article, None, page  # nothing to translate: published as it is
        return (
            article,
            None,
            _replace(
                page, built=False, completeness=0.0, reason=f"no {config.relative(path)} (run sync)"
            ),
        )
    catalog = read_catalog(config, path)
    states = ("approved",) if approved_only else config.complete_states
    share = completeness(catalog, states)
    if share < config.threshold:
        reason = f"{share:.0%} done, below the {config.threshold:.0%} threshold"
        return article, catalog, _replace(page, built=False, completeness=share, reason=reason)
    return article, catalog, _replace(page, completeness=share)


def _segments_of(config: Config, article: ArticleRef) -> int:
    """How many segments the article has (sync writes no PO file for an article with none)."""
    relpath = config.relative(article.path)
    text = decode_source(safefile.read_located(article.path, relpath), relpath)
    return len(parse_article(text, relpath, config.translatable_keys).segments)


def _page(config: Config, locale: str, article: ArticleRef, original: bool) -> Page:
    out = config.site_dir / locale / f"{check_slug(article.slug)}.md"
    return Page(
        locale=locale,
        article=article.slug,
        path=config.relative(out),
        built=True,
        original=original,
    )


def _replace(page: Page, **changes: object) -> Page:
    return replace(page, **changes)  # type: ignore[arg-type]


def _translator(catalog: Catalog, approved_only: bool) -> Callable[[Segment], str | None]:
    # A translation adding HTML or a script URL (check: unsafe-markup) is not published.
    published = {
        entry.key: text
        for entry in catalog.messages()
        if (text := publishable(entry, approved_only)) is not None
        and not unsafe_additions(entry.msgid, text)
    }
    return lambda segment: published.get((segment.msgctxt, segment.msgid))


def _front_matter(
    config: Config, locale: str, article: ArticleRef, original: bool
) -> dict[str, str]:
    extra = {"lang": locale}
    if not original:
        extra["translation_of"] = config.relative(article.path)
    if is_rtl(locale):
        extra["dir"] = "rtl"
    return extra


def _copy_bundle(
    config: Config,
    locale: str,
    article: ArticleRef,
    copied: set[Path],
    resources: dict[Path, list[Path]],
) -> None:
    """Copy the files beside the article (a page bundle's images) to its built folder."""
    lang_dir = language_root(config, article)
    if article.path.parent not in resources:
        resources[article.path.parent] = bundle_files(article)
    for source in resources[article.path.parent]:
        out = config.site_dir / locale / source.relative_to(lang_dir)
        if out in copied:
            continue
        copied.add(out)
        try:
            safefile.no_links_below(config.build_dir, out)  # never copy through a link
            if out.is_file() and out.stat().st_size == source.stat().st_size and (
                out.read_bytes() == source.read_bytes()
            ):
                continue
            out.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, out)
        except OSError as error:
            raise BuildError(
                f"cannot copy {config.relative(source)}: {error.strerror}",
                config.relative(out),
            ) from None


def _remove_stale(
    config: Config, locales: set[str], kept: set[tuple[str, str]], owned: set[str]
) -> list[str]:
    """Delete built articles of ``locales`` no longer built: only files a build wrote there.

    A file Accord did not write (not in ``owned``, the manifest) or one reached
    through a link is left alone.
    """
    removed: list[str] = []
    if not config.site_dir.is_dir() or config.site_dir.is_symlink():
        return removed
    for locale in sorted(locales):
        folder = config.site_dir / locale
        if not folder.is_dir() or folder.is_symlink():
            continue
        for path in sorted(folder.rglob("*.md")):
            slug = path.relative_to(folder).with_suffix("").as_posix()
            if (locale, slug) not in kept and buildfiles.remove(config.build_dir, path, owned):
                owned.discard(buildfiles.relative(config.build_dir, path))
                removed.append(config.relative(path))
    return removed
