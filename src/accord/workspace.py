"""The repository as Accord sees it: which articles exist and where their PO files live."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from accord.config import Config
from accord.errors import CatalogError, ConfigError, SourceError
from accord.locales import language_of, normalise_locale
from accord.pofile import Catalog, read_po, write_po

SLUG_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789-_.")


@dataclass(frozen=True)
class ArticleRef:
    """One source article: ``sources/<lang>/<slug>.md``."""

    slug: str
    lang: str
    path: Path

    def relpath(self, config: Config) -> str:
        """The path as written in ``#:`` references and messages."""
        return config.relative(self.path)


def check_slug(slug: str, path: str | None = None) -> str:
    """Return ``slug`` if it is a safe file stem; refuse anything that could leave a folder."""
    if (
        not slug
        or slug.startswith(".")
        or any(c not in SLUG_CHARS for c in slug.lower())
        or ".." in slug
    ):
        raise SourceError(f"invalid article slug {slug!r}", path=path)
    return slug


def discover_articles(config: Config) -> list[ArticleRef]:
    """Every ``sources/<lang>/<slug>.md``, sorted by slug; duplicate slugs are an error."""
    found: dict[str, ArticleRef] = {}
    if not config.sources_dir.is_dir():
        return []
    # Dot-files and -folders are editors' state (.obsidian/, Emacs's .#draft.md), not articles.
    for lang_dir in sorted(
        p for p in config.sources_dir.iterdir() if p.is_dir() and not p.name.startswith(".")
    ):
        rel_dir = config.relative(lang_dir)
        lang = normalise_locale(lang_dir.name, path=rel_dir)
        linked_dir = lang_dir.is_symlink()
        for path in sorted(p for p in lang_dir.glob("*.md") if not p.name.startswith(".")):
            slug = check_slug(path.stem, config.relative(path))
            if (linked_dir or path.is_symlink()) and not path.resolve().is_relative_to(config.root):
                raise SourceError(
                    "a symlink to a file outside the repository: "
                    "sources must live in the repository",
                    path=f"{config.relative(lang_dir)}/{path.name}",
                )
            # Keyed by the folded slug: Corridor.po and corridor.po are one file on
            # macOS and Windows.
            if slug.lower() in found:
                other = config.relative(found[slug.lower()].path)
                raise SourceError(f"slug {slug!r} also used by {other}", path=config.relative(path))
            found[slug.lower()] = ArticleRef(slug=slug, lang=lang, path=path)
    return sorted(found.values(), key=lambda a: a.slug)


def select_articles(articles: list[ArticleRef], slugs: list[str] | None) -> list[ArticleRef]:
    """The articles named by ``--article`` (all when none named); unknown slugs are an error."""
    if not slugs:
        return articles
    by_slug = {a.slug: a for a in articles}
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
    """Target locales of an article: never its own source language."""
    return [loc for loc in locales if language_of(loc) != language_of(article.lang)]


def po_path(config: Config, locale: str, slug: str) -> Path:
    """``locales/<locale>/<slug>.po``."""
    return config.locales_dir / locale / f"{check_slug(slug)}.po"


def read_catalog(config: Config, path: Path) -> Catalog:
    """``read_po`` with errors located relative to the repository root."""
    try:
        return read_po(path)
    except CatalogError as error:
        raise CatalogError(error.message, config.relative(path), error.line) from None


def write_catalog(config: Config, path: Path, catalog: Catalog) -> bool:
    """``write_po`` with errors located relative to the repository root; True if written."""
    try:
        return write_po(path, catalog)
    except CatalogError as error:
        raise CatalogError(error.message, config.relative(path), error.line) from None
