"""Build: translated articles in ``build/site/<locale>/<slug>.md``.

Every article also gets a copy in its own language's folder, so that links
between articles always have somewhere to point: to the localised version when it
was built, else to the original.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterable, Iterator
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
from accord.source.segment import (
    ParsedSource,
    Segment,
    decode_source,
    parse_source,
    rebuild_parsed,
)
from accord.source.sitelinks import LinkMap, localiser
from accord.steps import buildcache, buildfiles
from accord.workspace import (
    ArticleRef,
    bundle_files,
    catalogs,
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


def build_site(  # noqa: PLR0915 - one pass over the articles, kept whole to read in order
    config: Config, locales: Iterable[str] | None = None, *, approved_only: bool = False
) -> BuildResult:
    """Write every article that is complete enough in every selected locale.

    Article by article: each source file is read and parsed once and rebuilt in
    every locale, each PO file read when its page is made, so that memory holds
    one article at a time whatever the size of the site. Pages whose inputs did not
    change since the last build are neither assessed nor rendered again (see
    buildcache.py).
    """
    errors: list[AccordError] = []
    articles = discover_articles(config, errors)
    targets = select_locales(config, list(locales or []), targets_only=True)
    cache_key = buildcache.build_key(config, articles, approved_only)
    records = buildcache.load(config.build_dir, cache_key)
    plan = _Plan(config, articles, targets, approved_only, records)
    # A page's links depend on which pages are built: every page is assessed first
    # (a page unchanged since the last build is recalled, not read). A PO path out of
    # the repository is skipped here and reported when its page's turn comes.
    for ref in catalogs(config, targets, articles, by_article=True, errors=[]):
        plan.is_built(ref.locale, ref.article.slug)
    links_now = buildcache.links_digest(
        key for key in plan.considered
        if key in plan.originals or (key in plan.assessed and plan.assessed[key].built)
    )
    done: dict[str, buildcache.PageRecord] = {}
    links = LinkMap(
        site_article(config, a.written_in(lang)) for a in articles for lang in a.languages
    )
    owned = buildfiles.load(config.build_dir, "site")  # what earlier builds wrote
    copied: set[Path] = set()
    resources: dict[Path, list[Path]] = {}  # per source folder: a section's files, read once
    pages: dict[tuple[str, str], Page] = {}
    render_errors: list[tuple[tuple[str, str], AccordError]] = []
    for article in sorted(articles, key=lambda a: a.slug):
        for locale, source, catalog, page in plan.pages_of(article):
            key = (locale, article.slug)
            name = f"{locale}/{article.slug}"
            inputs = plan.inputs.get(key) or (buildcache.stat_of(source.path), None)
            record = buildcache.PageRecord(inputs, page.built, page.completeness, page.reason,
                                           links_now)
            done[name] = record
            if not page.built:
                pages[key] = page
                continue
            if buildcache.unchanged(records.get(name), record, config.root / page.path):
                done[name] = records[name]  # rendered from these very inputs: kept as it is
                owned.add(buildfiles.relative(config.build_dir, config.root / page.path))
                pages[key] = page
                try:
                    _copy_bundle(config, locale, source, copied, resources)
                except BuildError as error:
                    render_errors.append((key, error))
                continue
            if catalog is None and not page.original and key in plan.recalled:
                try:  # recalled: its PO file, if any, is read to render it
                    catalog = plan.catalog_of(locale, article)  # noqa: PLW2901
                except AccordError as error:
                    render_errors.append((key, error))
                    plan.failed.add(key)
                    continue
            try:
                output = _render(plan, links, (source, locale), catalog, page)
            except AccordError as error:
                render_errors.append((key, error))
                plan.failed.add(key)
                continue
            try:
                written = buildfiles.write(config.build_dir, config.root / page.path, output)
            except OSError as error:
                render_errors.append(
                    (key, BuildError(f"cannot write: {error.strerror or error}", page.path))
                )
                plan.failed.add(key)
                continue
            done[name] = replace(record, output=buildcache.stat_of(config.root / page.path))
            owned.add(buildfiles.relative(config.build_dir, config.root / page.path))
            pages[key] = _replace(page, written=written)
            try:
                _copy_bundle(config, locale, source, copied, resources)
            except BuildError as error:
                render_errors.append((key, error))
        plan.forget_sources()

    # Errors in the order a build assessing every page first, then writing them, meets them.
    errors.extend(error for _, error in sorted(plan.errors, key=lambda item: item[0]))
    errors.extend(error for _, error in sorted(render_errors, key=lambda item: item[0]))
    failed = plan.failed
    considered = {locale for locale, _ in plan.considered} | {locale for locale, _ in failed}
    kept = {key for key, page in pages.items() if page.built} | failed
    owned |= {buildfiles.relative(config.build_dir, out) for out in copied}
    removed = _remove_stale(config, considered, kept, owned)
    removed += _remove_stale_files(config, considered, copied, failed, owned)
    try:
        buildfiles.save(config.build_dir, "site", owned)
    except OSError as error:
        errors.append(BuildError(f"cannot write: {error.strerror or error}", "build/cache"))
    failed_names = {f"{locale}/{slug}" for locale, slug in failed}
    planned = {f"{locale}/{slug}" for locale, slug in plan.considered}
    others = {name: r for name, r in records.items()
              if name not in planned and name not in failed_names}
    buildcache.save(config.build_dir, cache_key, {
        **others, **{name: r for name, r in done.items() if name not in failed_names}})
    return BuildResult(tuple(pages[key] for key in sorted(pages)), tuple(removed), tuple(errors))


def _render(
    plan: _Plan,
    links: LinkMap,
    where: tuple[ArticleRef, str],
    catalog: Catalog | None,
    page: Page,
) -> str:
    """The built page: the article's parse (made once for all its locales) rebuilt."""
    article, locale = where
    config = plan.config
    translate = _translator(catalog, plan.approved_only) if catalog else (lambda _s: None)
    return rebuild_parsed(
        plan.source(article),
        translate,
        front_matter=_front_matter(config, locale, article, page.original),
        # An original's links work as written (the tree mirrors sources/): its
        # body stays byte for byte the source's.
        rewrite_link=None
        if page.original
        else localiser(links, site_article(config, article), locale, plan.is_built),
    )


class _Plan:
    """Which page each article gets in each locale, assessed when first needed.

    A page a link points to may be assessed before its own article's turn: only its
    Page is kept, and its PO file is read again when the page is made.
    """

    def __init__(
        self, config: Config, articles: list[ArticleRef], targets: list[str], approved_only: bool,
        records: dict[str, buildcache.PageRecord] | None = None,
    ) -> None:
        self.config = config
        self.records = records or {}
        self.inputs: dict[tuple[str, str], tuple[buildcache.Stat, buildcache.Stat]] = {}
        self.recalled: set[tuple[str, str]] = set()  # assessed as the last build did
        self.targets = targets
        self.approved_only = approved_only
        self.order = {article.slug: index for index, article in enumerate(articles)}
        self.articles = {article.slug: article for article in articles}
        self.originals: dict[tuple[str, str], tuple[ArticleRef, Page]] = {}
        self.own_locales: dict[str, set[str]] = {}  # per slug: the locales of its originals
        for article in articles:
            for lang in article.languages:
                original = article.written_in(lang)
                locales_of = {lang} | {t for t in targets if language_of(t) == language_of(lang)}
                for locale in sorted(locales_of):
                    self.originals.setdefault(
                        (locale, article.slug), (original, _page(config, locale, original, True))
                    )
                self.own_locales.setdefault(article.slug, set()).update(locales_of)
        self.assessed: dict[tuple[str, str], Page] = {}
        # A page that could not be assessed or rebuilt keeps its last build: an unreadable
        # PO file says nothing about whether the article is still complete enough.
        self.failed: set[tuple[str, str]] = set()
        self.errors: list[tuple[tuple[int, int], AccordError]] = []
        self._sources: dict[Path, ParsedSource | AccordError] = {}

    @property
    def considered(self) -> set[tuple[str, str]]:
        """Every page that was planned: the originals and the assessed translations."""
        return set(self.originals) | set(self.assessed)

    def pages_of(
        self, article: ArticleRef
    ) -> Iterator[tuple[str, ArticleRef, Catalog | None, Page]]:
        """Each locale's page of ``article`` in locale order, with the catalog to build it."""
        slug = article.slug
        wanted = self.own_locales.get(slug, set()) | set(self.targets)
        for locale in sorted(wanted):
            if (locale, slug) in self.originals:
                original, page = self.originals[(locale, slug)]
                yield locale, original, None, page
                continue
            assessed = self._assess(locale, article)
            if assessed is not None:
                catalog, page = assessed
                yield locale, article, catalog, page

    def is_built(self, locale: str, slug: str) -> bool:
        """Whether ``slug`` has a page in ``locale`` (assessing it if it was not yet)."""
        if (locale, slug) in self.originals:
            return True
        if (locale, slug) not in self.assessed:
            if locale not in self.targets or slug not in self.articles:
                return False
            if (locale, slug) in self.failed:
                return False
            self._assess(locale, self.articles[slug])
        page = self.assessed.get((locale, slug))
        return page is not None and page.built

    def _assess(self, locale: str, article: ArticleRef) -> tuple[Catalog | None, Page] | None:
        key = (locale, article.slug)
        if key in self.failed:
            return None
        try:
            if key not in self.inputs:
                self.inputs[key] = (
                    buildcache.stat_of(article.path),
                    buildcache.stat_of(po_path(self.config, locale, article.slug)),
                )
            known = self.records.get(f"{locale}/{article.slug}")
            if known is not None and known.inputs == self.inputs[key]:
                page = _replace(_page(self.config, locale, article, False), built=known.built,
                                completeness=known.completeness, reason=known.reason)
                self.assessed[key] = page
                self.recalled.add(key)
                return None, page
            catalog, page = _assess(self.config, locale, article, self.approved_only, self)
        except AccordError as error:
            if key not in self.assessed:
                self.errors.append(
                    ((self.order[article.slug], self.targets.index(locale)), error)
                )
            self.failed.add(key)
            return None
        self.assessed[key] = page
        return catalog, page

    def catalog_of(self, locale: str, article: ArticleRef) -> Catalog | None:
        """The page's PO file read to render it (None when it has none)."""
        path = po_path(self.config, locale, article.slug)
        return read_catalog(self.config, path) if safefile.present(path) else None

    def source(self, article: ArticleRef) -> ParsedSource:
        """The parsed source file of ``article`` (read and parsed once; its error kept too)."""
        if article.path not in self._sources:
            relpath = self.config.relative(article.path)
            try:
                text = decode_source(safefile.read_located(article.path, relpath), relpath)
                self._sources[article.path] = parse_source(
                    text, relpath, self.config.translatable_keys
                )
            except AccordError as error:
                self._sources[article.path] = error
        found = self._sources[article.path]
        if isinstance(found, AccordError):
            raise found
        return found

    def forget_sources(self) -> None:
        """Drop the parsed articles: the next article's pages need none of them."""
        self._sources.clear()


def _assess(
    config: Config, locale: str, article: ArticleRef, approved_only: bool, plan: _Plan
) -> tuple[Catalog | None, Page]:
    path = po_path(config, locale, article.slug)
    page = _page(config, locale, article, False)
    if not safefile.present(path):
        if not plan.source(article).slots:
            return None, page  # nothing to translate: published as it is
        return (
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
        return catalog, _replace(page, built=False, completeness=share, reason=reason)
    return catalog, _replace(page, completeness=share)


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


def _remove_stale_files(
    config: Config, locales: set[str], copied: set[Path], failed: set[tuple[str, str]],
    owned: set[str],
) -> list[str]:
    """Delete bundle files (images beside an article) a build copied into ``locales`` and
    this build did not: their source is gone, or their page is no longer built.

    Only files in the manifest and not reached through a link go; a page that failed
    this time keeps its last build, the files in its folder included.
    """
    removed: list[str] = []
    keep_below = {config.site_dir / locale / Path(slug).parent for locale, slug in failed}
    for name in sorted(owned):
        path = config.build_dir / name
        parts = Path(name).parts
        if (name.endswith(".md") or len(parts) < 3 or parts[0] != config.site_dir.name
                or parts[1] not in locales or path in copied):
            continue
        if any(path.is_relative_to(folder) for folder in keep_below):
            continue
        if buildfiles.remove(config.build_dir, path, owned):
            removed.append(config.relative(path))
        if not path.exists():
            owned.discard(name)
    return removed
