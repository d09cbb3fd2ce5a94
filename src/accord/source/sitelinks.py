"""Links between articles on a published site: which article a link means, where it goes.

A relative link names another article in one of two ways:

- by file path, as editors and Markdown previews write it: ``../treaty.md``,
  ``../post/index.md`` (resolved from the folder the source file is in);
- by site URL, as Hugo and most static sites publish pages: ``../treaty/``
  (resolved from the page's own URL, ``<slug>/``; ``post/index`` and
  ``post/_index`` are published at ``post/``).

``build/site/<locale>/`` mirrors ``sources/<lang>/``, so a link to an article that
is built in the same locale keeps working as written; only a link to an article
that is not built there is pointed at the original in ``build/site/<lang>/``.
Every other URL (images, other pages, anchors, queries, templates, absolute paths)
is left exactly as written.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import Enum
from urllib.parse import unquote, urlsplit

INDEX_STEMS = ("index", "_index")


class LinkForm(Enum):
    """How a link names its target."""

    FILE = "file"  # ../treaty.md
    URL = "url"  # ../treaty/


@dataclass(frozen=True)
class LinkTarget:
    """A relative link resolved in the source tree: the article path (or URL) it names."""

    form: LinkForm
    path: str  # "<lang folder>/<slug>.md" for FILE, "<lang folder>/<url>" for URL
    suffix: str  # ?query#fragment as written


@dataclass(frozen=True)
class SiteArticle:
    """What the link map needs of an article: its id, language and source folder name."""

    slug: str
    lang: str
    folder: str  # the folder under sources/ (``pt-br`` for lang ``pt_BR``); URLs resolve in it
    source: str = ""  # the file below sources/, when not ``<folder>/<slug>.md`` (post.de.md)

    @property
    def file(self) -> str:
        """The source file's path below ``sources/``."""
        return self.source or f"{self.folder}/{self.slug}.md"


def page_url(slug: str) -> str:
    """The URL folder a page is published at, relative to its language: ``news/treaty/``."""
    head, _, stem = slug.rpartition("/")
    if stem in INDEX_STEMS:
        return f"{head}/" if head else ""
    return f"{slug}/"


def resolve(url: str, article: SiteArticle) -> LinkTarget | None:
    """The source-tree path a relative link points to, or None for any other URL."""
    if not url or url.startswith(("/", "#", "\\")) or "{{" in url or "{%" in url:
        return None
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    path = unquote(parts.path)
    suffix = url[len(parts.path):]
    last = path.rstrip("/").rpartition("/")[2]
    if path.endswith(".md") and not path.endswith("/"):
        base = posixpath.dirname(article.file)
        form = LinkForm.FILE
    elif path.endswith("/") or "." not in last or last in (".", ".."):
        base = f"{article.folder}/{page_url(article.slug)}".rstrip("/")
        form = LinkForm.URL
    else:
        return None
    joined = posixpath.normpath(posixpath.join(base, path))
    if joined.startswith("../") or joined == "..":
        return None
    if form is LinkForm.URL:
        joined = joined.rstrip("/") + "/"
    return LinkTarget(form, joined, suffix)


class LinkMap:
    """Every article, found by the source path or URL a link may use for it."""

    def __init__(self, articles: Iterable[SiteArticle]):
        self._by_path: dict[str, SiteArticle] = {}
        for article in articles:
            self._by_path[article.file] = article
            self._by_path.setdefault(f"{article.folder}/{page_url(article.slug)}", article)

    def find(self, target: LinkTarget) -> SiteArticle | None:
        """The article the target names, if any."""
        return self._by_path.get(target.path)


def localiser(
    links: LinkMap,
    article: SiteArticle,
    locale: str,
    built: Callable[[str, str], bool],
) -> Callable[[str], str]:
    """Map a link as written in ``article`` to one that works from its page in ``locale``.

    ``built(locale, slug)`` says whether an article has a page in a locale; the
    original (``build/site/<lang>/``) always has one.
    """

    def rewrite(url: str) -> str:
        target = resolve(url, article)
        other = links.find(target) if target else None
        if target is None or other is None:
            return url
        home = locale if built(locale, other.slug) else other.lang
        if target.form is LinkForm.FILE:
            base = posixpath.dirname(f"{locale}/{article.slug}")
            dest = f"{home}/{other.slug}.md"
        else:
            base = f"{locale}/{page_url(article.slug)}".rstrip("/")
            dest = f"{home}/{page_url(other.slug)}"
        written = posixpath.normpath(posixpath.join(base, unquote(urlsplit(url).path)))
        if written.rstrip("/") == dest.rstrip("/"):
            return url  # the link works as written: keep it byte for byte
        new = posixpath.relpath(dest, base or ".")
        if target.form is LinkForm.URL:
            new = new.rstrip("/") + "/" if new != "." else "./"
        return new + target.suffix

    return rewrite
