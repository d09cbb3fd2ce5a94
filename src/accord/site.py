"""Build: translated articles in ``build/site/<locale>/<slug>.md``.

Every article also gets a copy in its own language's folder, so that links
between articles always have somewhere to point: to the localised version when it
was built, else to the original.
"""

from __future__ import annotations

import os
import posixpath
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import urlsplit

from accord import buildfiles, safefile
from accord.checks.unsafe import unsafe_additions
from accord.config import Config
from accord.errors import AccordError, BuildError
from accord.locales import is_rtl, language_of
from accord.markdown import Segment, decode_source, parse_article, rebuild_article
from accord.pofile import Catalog
from accord.review import publishable, state_of
from accord.workspace import (
    ArticleRef,
    discover_articles,
    po_path,
    read_catalog,
    select_locales,
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
    """Share of the catalog's active entries whose review state counts as done."""
    wanted = set(complete_states)
    messages = catalog.messages()
    if not messages:
        return 1.0
    done = sum(1 for entry in messages if state_of(entry).value in wanted)
    return done / len(messages)


def build_site(
    config: Config, locales: Iterable[str] | None = None, *, approved_only: bool = False
) -> BuildResult:
    """Write every article that is complete enough in every selected locale."""
    articles = discover_articles(config)
    targets = select_locales(config, list(locales or []), targets_only=True)
    errors: list[AccordError] = []
    # A page that could not be assessed or rebuilt keeps its last build: an unreadable
    # PO file says nothing about whether the article is still complete enough.
    failed: set[tuple[str, str]] = set()

    plan: dict[tuple[str, str], tuple[ArticleRef, Catalog | None, Page]] = {}
    for article in articles:
        originals = {article.lang} | {
            t for t in targets if language_of(t) == language_of(article.lang)
        }
        for locale in sorted(originals):
            plan[(locale, article.slug)] = (article, None, _page(config, locale, article, True))
        for locale in targets:
            if (locale, article.slug) in plan:
                continue
            try:
                plan[(locale, article.slug)] = _assess(config, locale, article, approved_only)
            except AccordError as error:
                errors.append(error)
                failed.add((locale, article.slug))

    pages: list[Page] = []
    owned = buildfiles.load(config.build_dir, "site")  # what earlier builds wrote
    by_path = {_resolved(a.path): a for a in articles}
    built = {key for key, (_, _, page) in plan.items() if page.built}
    for (locale, _slug), (article, catalog, page) in sorted(plan.items()):
        if not page.built:
            pages.append(page)
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
                rewrite_link=_link_rewriter(config, locale, article, by_path, built),
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
        owned.add(buildfiles.relative(config.build_dir, config.root / page.path))
        pages.append(_replace(page, written=written))

    considered = {locale for locale, _ in plan} | {locale for locale, _ in failed}
    kept = {(p.locale, p.article) for p in pages if p.built} | failed
    removed = _remove_stale(config, considered, kept, owned)
    try:
        buildfiles.save(config.build_dir, "site", owned)
    except OSError as error:
        errors.append(BuildError(f"cannot write: {error.strerror or error}", "build/cache"))
    return BuildResult(tuple(pages), tuple(removed), tuple(errors))


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
    return len(parse_article(text, relpath).segments)


def _page(config: Config, locale: str, article: ArticleRef, original: bool) -> Page:
    out = config.site_dir / locale / f"{article.slug}.md"
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


def _link_rewriter(
    config: Config,
    locale: str,
    article: ArticleRef,
    by_path: dict[Path, ArticleRef],
    built: set[tuple[str, str]],
) -> Callable[[str], str]:
    """Map a link as written in the source to one that works from build/site/<locale>/."""
    out_dir = config.site_dir / locale

    def rewrite(url: str) -> str:
        parts = urlsplit(url)
        if parts.scheme or parts.netloc or not parts.path or url.startswith(("/", "#")):
            return url
        suffix = url[len(parts.path) :]
        target = (article.path.parent / parts.path).resolve()
        other = by_path.get(target)
        if other is None:
            relative = os.path.relpath(target, out_dir)
            return posixpath.join(*Path(relative).parts) + suffix
        if (locale, other.slug) in built:
            return f"{other.slug}.md{suffix}"
        return f"../{other.lang}/{other.slug}.md{suffix}"

    return rewrite


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
    for path in sorted(config.site_dir.glob("*/*.md")):
        stale = path.parent.name in locales and (path.parent.name, path.stem) not in kept
        if stale and buildfiles.remove(config.build_dir, path, owned):
            owned.discard(buildfiles.relative(config.build_dir, path))
            removed.append(config.relative(path))
    return removed


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # a loop of links: reading it reports the problem
        return path
