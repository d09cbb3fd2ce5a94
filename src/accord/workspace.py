"""The repository as Accord sees it: which articles exist and where their PO files live."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from accord import safefile
from accord.config import Config
from accord.errors import AccordError, CatalogError, ConfigError, SourceError
from accord.locales import language_of, normalise_locale
from accord.source.sitelinks import SiteArticle

if TYPE_CHECKING:
    from accord.catalog.pofile import Catalog

SLUG_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789-_.")
MAX_SLUG = 200  # a file name is at most 255 bytes, with room for ``.po`` and a temporary


@dataclass(frozen=True)
class ArticleRef:
    """One source article: ``sources/<lang>/<slug>.md``.

    ``originals`` are the same article written by hand in other languages
    (``sources/fa/<slug>.md`` beside ``sources/en/<slug>.md``, as Hugo sites keep
    translations): those languages get no PO file, their own text is published.
    """

    slug: str
    lang: str
    path: Path
    originals: tuple[tuple[str, Path], ...] = ()

    @property
    def languages(self) -> tuple[str, ...]:
        """Every language the article exists in as a source file, its source language first."""
        return (self.lang, *(lang for lang, _ in self.originals))

    def written_in(self, lang: str) -> ArticleRef:
        """The article as one of its originals: that file, that language."""
        path = dict(self.originals).get(lang, self.path) if lang != self.lang else self.path
        return ArticleRef(self.slug, lang, path)

    def relpath(self, config: Config) -> str:
        """The path as written in ``#:`` references and messages."""
        return config.relative(self.path)


def check_slug(slug: str, path: str | None = None) -> str:
    """Return ``slug`` if every folder and the file stem in it are safe names.

    An article id is its path below ``sources/<lang>/`` without ``.md``
    (``news/2026/treaty``); each part may hold ``a-z 0-9 - _ .`` only and never
    ``..`` or a leading dot, so no id can leave its folder.
    """
    parts = slug.split("/")
    if not slug or any(
        not part
        or part.startswith(".")
        or ".." in part
        or any(c not in SLUG_CHARS for c in part.lower())
        for part in parts
    ):
        raise SourceError(f"invalid article slug {slug!r}", path=path)
    if len(slug) > MAX_SLUG:
        raise SourceError(
            f"article name longer than {MAX_SLUG} characters (file names have a limit)", path=path
        )
    return slug


def discover_articles(
    config: Config, problems: list[AccordError] | None = None
) -> list[ArticleRef]:
    """Every ``sources/<lang>/**/*.md``, sorted by slug (the path below ``<lang>/``).

    One slug in several language folders is one article with several originals;
    its source language is ``primary_language`` if it is among them, else the
    language with the most articles. A file Accord cannot take (a name that is no
    safe slug, a duplicate slug, a symlink out of the repository) is a SourceError:
    appended to ``problems`` and skipped when a list is given, raised otherwise.
    """
    if not config.sources_dir.is_dir():
        return []

    def refuse(error: AccordError) -> None:
        if problems is None:
            raise error
        problems.append(error)

    by_lang: dict[str, dict[str, ArticleRef]] = {}
    if config.layout == "suffix":
        _by_suffix(config, by_lang, refuse)
        return _group_originals(config, by_lang, refuse)
    # Dot-files and -folders are editors' state (.obsidian/, Emacs's .#draft.md), not articles.
    for lang_dir in sorted(
        p for p in config.sources_dir.iterdir() if p.is_dir() and not p.name.startswith(".")
    ):
        rel_dir = config.relative(lang_dir)
        lang = normalise_locale(lang_dir.name, path=rel_dir)
        found = by_lang.setdefault(lang, {})
        linked_dir = lang_dir.is_symlink()
        linked: list[Path] = []
        for path in article_files(lang_dir, linked):
            relpath = config.relative(path)
            slug = path.relative_to(lang_dir).with_suffix("").as_posix()
            try:
                check_slug(slug, relpath)
            except SourceError as error:
                message = error.message if len(slug) > MAX_SLUG else (
                    f"cannot take {slug!r} as an article id: rename it with "
                    "a-z, 0-9, '-', '_' and '.' only")
                refuse(SourceError(message, relpath, 1))
                continue
            if (linked_dir or path.is_symlink()) and safefile.escapes(config.root, path):
                refuse(SourceError(
                    "a symlink to a file outside the repository: "
                    "sources must live in the repository",
                    path=f"{rel_dir}/{path.relative_to(lang_dir).as_posix()}",
                ))
                continue
            # Keyed by the folded slug: Corridor.po and corridor.po are one file on
            # macOS and Windows.
            if slug.lower() in found:
                other = config.relative(found[slug.lower()].path)
                refuse(SourceError(f"slug {slug!r} also used by {other}", path=relpath))
                continue
            found[slug.lower()] = ArticleRef(slug=slug, lang=lang, path=path)
        _refuse_linked_folders(config, linked, refuse)
    return _group_originals(config, by_lang, refuse)


def _refuse_linked_folders(
    config: Config, linked: list[Path], refuse: Callable[[AccordError], None]
) -> None:
    """A folder below ``sources/`` that links out of the repository is named, not read."""
    for folder in linked:
        if safefile.escapes(config.root, folder):
            refuse(SourceError("a symlink to a folder outside the repository: not read "
                               "(sources must live in the repository)",
                               path=config.relative(folder)))


def _by_suffix(
    config: Config,
    by_lang: dict[str, dict[str, ArticleRef]],
    refuse: Callable[[AccordError], None],
) -> None:
    """Translations by file name: ``post.md`` in ``primary_language``, ``post.de.md`` in de."""
    primary = config.primary_language or ""
    linked: list[Path] = []
    for path in article_files(config.sources_dir, linked):
        relpath = config.relative(path)
        stem = path.relative_to(config.sources_dir).as_posix().removesuffix(".md")
        lang = primary
        head, dot, code = stem.rpartition(".")
        if dot and "/" not in code and (found := _language_code(code)):
            stem, lang = head, found
        try:
            check_slug(stem, relpath)
        except SourceError:
            refuse(SourceError(
                f"cannot take {stem!r} as an article id: rename it with "
                "a-z, 0-9, '-', '_' and '.' only",
                relpath, 1,
            ))
            continue
        found_lang = by_lang.setdefault(lang, {})
        if stem.lower() in found_lang:
            other = config.relative(found_lang[stem.lower()].path)
            refuse(SourceError(f"slug {stem!r} also used by {other}", path=relpath))
            continue
        found_lang[stem.lower()] = ArticleRef(slug=stem, lang=lang, path=path)
    _refuse_linked_folders(config, linked, refuse)


def _language_code(code: str) -> str | None:
    """``de``, ``pt-br``, ``zh-Hans`` as a normalised locale; None for any other word."""
    if not 2 <= len(re.split(r"[-_]", code, maxsplit=1)[0]) <= 3:
        return None
    try:
        return normalise_locale(code)
    except ConfigError:
        return None


def _group_originals(
    config: Config,
    by_lang: dict[str, dict[str, ArticleRef]],
    refuse: Callable[[AccordError], None],
) -> list[ArticleRef]:
    """One ArticleRef per slug, the other languages' files as its originals."""
    order = sorted(by_lang, key=lambda lang: (-len(by_lang[lang]), lang))
    if config.primary_language in by_lang:
        order.remove(config.primary_language)
        order.insert(0, config.primary_language)
    articles: dict[str, ArticleRef] = {}
    for lang in order:
        for key, article in sorted(by_lang[lang].items()):
            first = articles.get(key)
            if first is None:
                articles[key] = article
            elif first.slug != article.slug:
                refuse(SourceError(
                    f"slug {article.slug!r} differs only in case from {first.slug!r} "
                    f"in {config.relative(first.path)}",
                    path=config.relative(article.path),
                ))
            else:
                articles[key] = replace(first, originals=(*first.originals, (lang, article.path)))
    return sorted(articles.values(), key=lambda a: a.slug)


def site_article(config: Config, article: ArticleRef) -> SiteArticle:
    """What the link map needs of an article: id, language, folder under ``sources/``."""
    source = article.path.relative_to(config.sources_dir).as_posix()
    if config.layout == "suffix":
        return SiteArticle(article.slug, article.lang, article.lang, source)
    return SiteArticle(article.slug, article.lang, source.split("/", 1)[0])


def language_root(config: Config, article: ArticleRef) -> Path:
    """The folder an article's id is relative to: ``sources/<lang>/``, or ``sources/``."""
    if config.layout == "suffix":
        return config.sources_dir
    return config.sources_dir / article.path.relative_to(config.sources_dir).parts[0]


def article_files(lang_dir: Path, linked: list[Path] | None = None) -> list[Path]:
    """The ``*.md`` files below ``lang_dir`` at any depth, hidden files and folders left out.

    Symlinked folders are not followed (a loop or a folder outside the repository
    would otherwise be read as articles): they are added to ``linked`` when given.
    Symlinked files are listed for the caller to judge.
    """
    found: list[Path] = []
    for folder, dirs, files in os.walk(lang_dir):
        base = Path(folder)
        if linked is not None:
            linked.extend(base / d for d in sorted(dirs)
                          if not d.startswith(".") and os.path.islink(base / d))
        # A folder named like an article (``x.md``) is listed, so that reading it
        # reports "is a directory" instead of its name passing silently; not entered.
        found.extend(base / d for d in sorted(dirs) if d.endswith(".md") and not d.startswith("."))
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not d.endswith(".md"))
        found.extend(
            base / name for name in sorted(files)
            if name.endswith(".md") and not name.startswith(".")
        )
    return found


def bundle_files(article: ArticleRef) -> list[Path]:
    """The files beside an article that are not Markdown: a page bundle's images and such.

    The article's folder and, below it, every sub-folder holding no Markdown of its
    own (``post/images/``); a sub-folder with articles is a section with its own files.
    Hidden files and folders are left out.
    """
    found: list[Path] = []
    pending = [article.path.parent]
    while pending:
        folder = pending.pop()
        try:
            entries = sorted(folder.iterdir())
        except OSError:
            continue
        for entry in entries:
            if entry.name.startswith(".") or entry.is_symlink():
                continue
            if entry.is_dir():
                if not any(entry.rglob("*.md")):
                    pending.append(entry)
            elif not entry.name.endswith(".md"):
                found.append(entry)
    return sorted(found)


def select_articles(articles: list[ArticleRef], slugs: list[str] | None) -> list[ArticleRef]:
    """The articles named by ``--article`` (all when none named); unknown slugs are an error."""
    if not slugs:
        return articles
    by_slug = {a.slug: a for a in articles}
    slugs = [s.strip("/").removesuffix(".md") for s in slugs]
    for slug in slugs:
        check_slug(slug)
        if slug not in by_slug:
            raise ConfigError(f"no article with slug {slug!r} under sources/")
    return [by_slug[s] for s in dict.fromkeys(slugs)]


def select_locales(
    config: Config, codes: list[str] | None, *, targets_only: bool = False
) -> list[str]:
    """The locales named by ``--locale`` (all configured when none named), normalised.

    Tasks that read may name a source language too; those that write (``targets_only``)
    may not, or ``sync --locale en`` would start a locales/en/ nobody configured.
    """
    if not codes:
        return list(config.locales)
    chosen = list(dict.fromkeys(normalise_locale(c) for c in codes))
    for code in chosen:
        # A valid but unconfigured code is most likely a typo (fa for fr): sync would
        # otherwise start a whole new locale folder. A source language may be named.
        source_language = not targets_only and (config.sources_dir / code).is_dir()
        if code not in config.locales and not source_language:
            where = ", ".join(config.locales) or "none"
            raise ConfigError(f"locale {code!r} is not a target locale (configured: {where})")
    return chosen


def targets_of(article: ArticleRef, locales: list[str]) -> list[str]:
    """Target locales of an article: never a language it is written in."""
    own = {language_of(lang) for lang in article.languages}
    return [loc for loc in locales if language_of(loc) not in own]


def po_path(config: Config, locale: str, slug: str) -> Path:
    """``locales/<locale>/<slug>.po`` (nested as the slug is: ``news/2026/treaty.po``);
    CatalogError if a symlink takes it out of the repository."""
    path = config.locales_dir / locale / f"{check_slug(slug)}.po"
    if not safefile.file_inside(config.root, path):
        raise CatalogError(
            "leads outside the repository through a symlink: not read or written",
            config.relative(path),
        )
    return path


@dataclass(frozen=True)
class CatalogRef:
    """One article in one of its target locales: ``locales/<locale>/<slug>.po``."""

    locale: str
    article: ArticleRef
    path: Path
    file: str  # the path as messages name it, relative to the repository

    @property
    def exists(self) -> bool:
        """Whether something is at the PO file's path (sync has written it); a FIFO, a
        device or a dangling link there is read, and refused with its reason."""
        return safefile.present(self.path)


def catalogs(
    config: Config,
    locales: Iterable[str],
    articles: Iterable[ArticleRef],
    *,
    by_article: bool = False,
    errors: list[AccordError] | None = None,
) -> Iterator[CatalogRef]:
    """The PO file of every article in every one of ``locales`` it is translated into.

    Locale by locale, each in the order ``articles`` come (``by_article``: article by
    article, each in the order of ``locales``); a locale the article is written in is
    no target of it (``targets_of``). Files are not read and may not exist yet. A
    path that leads out of the repository is a CatalogError: appended to ``errors``
    and skipped when a list is given, raised otherwise.
    """
    locales, articles = list(locales), list(articles)
    pairs = (
        ((locale, article) for article in articles for locale in targets_of(article, locales))
        if by_article
        else ((locale, article) for locale in locales for article in articles
              if targets_of(article, [locale]))
    )
    for locale, article in pairs:
        try:
            path = po_path(config, locale, article.slug)
        except AccordError as error:
            if errors is None:
                raise
            errors.append(error)
            continue
        yield CatalogRef(locale, article, path, config.relative(path))


def read_catalog(config: Config, path: Path) -> Catalog:
    """``read_po`` with errors located relative to the repository root.

    Every PO file a task reads goes through here (or :func:`accord.catalog.casfile.read_po`
    for those it rewrites): a link out of the repository is refused like in ``po_path``.
    """
    return parse_catalog(config, path, catalog_bytes(config, path))


def catalog_bytes(config: Config, path: Path) -> bytes:
    """The bytes of a PO file, read as :func:`read_catalog` reads them (same refusals)."""
    if not safefile.file_inside(config.root, path):
        raise CatalogError(
            "leads outside the repository through a symlink: not read or written",
            config.relative(path),
        )
    try:
        return safefile.read_bytes(path)
    except OSError as error:
        raise CatalogError(f"cannot read: {error.strerror or error}",
                           config.relative(path)) from None


def parse_catalog(config: Config, path: Path, data: bytes) -> Catalog:
    """The catalog in ``data``, the bytes of the PO file at ``path`` (``catalog_bytes``)."""
    from accord.catalog.pofile import parse_po_bytes  # noqa: PLC0415  (start-up)

    try:
        return parse_po_bytes(data, str(path))
    except CatalogError as error:
        raise CatalogError(error.message, config.relative(path), error.line) from None
