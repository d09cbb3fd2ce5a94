"""``link-broken``: a link in a source segment to an article that no longer exists.

A link by file path (``../treaty.md``) is broken when no file is there any more;
a link by site URL (``../treaty/``) is broken when it names an article that is
gone but still has PO files (its translations are kept as orphans). Other links
(pages Accord does not manage, images, external URLs) are not judged.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from accord.checks.finding import CheckId, Finding, Severity
from accord.checks.registry import Side, SourceSegment, check, finding
from accord.source.inline import link_targets
from accord.source.sitelinks import LinkForm, LinkMap, SiteArticle, page_url, resolve


@dataclass(frozen=True)
class KnownArticles:
    """The articles a link may name: those that exist, and those gone (orphan PO files)."""

    links: LinkMap
    sources_dir: Path
    gone_urls: frozenset[str]  # the site URL (below the language) of every article gone


def known_articles(
    articles: list[SiteArticle], gone: set[str], sources_dir: Path
) -> KnownArticles:
    """``gone`` holds the slug of each orphan PO file."""
    urls = frozenset(page_url(slug) for slug in gone)
    return KnownArticles(LinkMap(articles), sources_dir, urls)


@check(Side.SOURCE, (CheckId.LINK_BROKEN, Severity.WARNING))
def check_links(segment: SourceSegment) -> list[Finding]:
    """A link of the article's body to an article that no longer exists."""
    known, article = segment.known, segment.article
    if known is None or article is None or segment.msgctxt is not None:
        return []  # no repository to look in, or front matter (no links there)
    findings = []
    for url in link_targets(segment.text):
        target = resolve(url, article)
        if target is None or known.links.find(target) is not None:
            continue
        if target.form is LinkForm.FILE:
            broken = not (known.sources_dir / target.path).exists()
        else:
            broken = target.path.partition("/")[2] in known.gone_urls
        if broken:
            findings.append(finding(
                CheckId.LINK_BROKEN, segment.where,
                f"links to {url}, an article that no longer exists",
                found=url,
            ))
    return findings
