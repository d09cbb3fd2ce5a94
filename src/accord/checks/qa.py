"""QA checks of one segment that need no glossary: markup, url, number."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from accord.checks.finding import CheckId, Finding, Severity
from accord.checks.registry import Side, Translation, check, finding
from accord.source.prose import prose

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:|^//")
DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")
NUMBER = re.compile(r"\d{1,3}(?:[\u00a0\u202f\u2009 ]\d{3})+(?!\d)|\d+(?:[.,'’]\d+)*")
MARKUP_NAMES = {
    "strong_open": "**strong**", "em_open": "*emphasis*", "s_open": "~~strikethrough~~",
    "link_open": "[link](…)", "image": "![image](…)", "code_inline": "`code`",
    "html_inline": "inline HTML", "hardbreak": "hard line break",
}


@dataclass(frozen=True)
class Inline:
    """The inline structure of a segment: markup kinds, code spans, link targets."""

    markup: Counter[str]
    code: Counter[str]
    targets: tuple[str, ...]


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt  # noqa: PLC0415  (start-up: only when checking)

    return MarkdownIt("commonmark").enable("strikethrough")


@lru_cache(maxsize=8192)
def inline_structure(text: str) -> Inline:
    """The markup of ``text`` as markdown-it-py's inline parser sees it."""
    markup: Counter[str] = Counter()
    code: Counter[str] = Counter()
    targets: list[str] = []
    tokens = _parser().parseInline(text)
    stack: list[Token] = [child for token in tokens for child in (token.children or [])]
    for token in stack:
        if token.type in MARKUP_NAMES:
            markup[token.type] += 1
        if token.type in ("code_inline", "html_inline"):
            code[token.content] += 1
        elif token.type == "link_open":
            targets.append(str(token.attrs.get("href", "")))
        elif token.type == "image":
            targets.append(str(token.attrs.get("src", "")))
    return Inline(markup, code, tuple(targets))


def link_key(target: str) -> str:
    """What must survive translation of a link target.

    External targets must stay byte for byte; internal ones (another article,
    ``other-slug.md``) may be localised by Accord, so only the article slug counts,
    and an anchor (headings are translated) is ignored.
    """
    if SCHEME.match(target) or target.startswith("#"):
        return target
    path = target.split("#", 1)[0].split("?", 1)[0].rstrip("/")
    stem = path.rsplit("/", 1)[-1]
    for suffix in (".md", ".html", ".htm"):
        if stem.endswith(suffix):
            stem = stem[: -len(suffix)]
    return "article:" + stem


@check(Side.TARGET, (CheckId.MARKUP, Severity.ERROR))
def check_markup(t: Translation) -> list[Finding]:
    """Inline markup or link structure differs from the source."""
    source, target, where = inline_structure(t.msgid), inline_structure(t.msgstr), t.where
    findings = []
    if source.markup != target.markup:
        differences = []
        for kind in sorted(set(source.markup) | set(target.markup)):
            if source.markup[kind] != target.markup[kind]:
                differences.append(
                    f"{MARKUP_NAMES[kind]} {source.markup[kind]} in source, "
                    f"{target.markup[kind]} in translation"
                )
        findings.append(finding(CheckId.MARKUP, where,
                                "markup differs: " + "; ".join(differences)))
    elif source.code != target.code:
        lost = sorted((source.code - target.code).elements())
        findings.append(finding(
            CheckId.MARKUP, where, "code or inline HTML changed: " + ", ".join(lost or ["(extra)"]),
            found=", ".join(sorted((target.code - source.code).elements())) or None,
            expected=", ".join(lost) or None,
        ))
    return findings


@check(Side.TARGET, (CheckId.URL, Severity.ERROR))
def check_url(t: Translation) -> list[Finding]:
    """A link target changed (other than Accord's own localisation of internal links)."""
    source = Counter(link_key(url) for url in inline_structure(t.msgid).targets)
    target = Counter(link_key(url) for url in inline_structure(t.msgstr).targets)
    if source == target:
        return []
    lost = sorted((source - target).elements())
    added = sorted((target - source).elements())
    if not lost:
        return []  # an extra link is a markup difference, reported there
    return [finding(
        CheckId.URL, t.where, "link target changed: " + ", ".join(lost) + (
            f" (translation has {', '.join(added)})" if added else ""),
        found=", ".join(added) or None, expected=", ".join(lost),
    )]


def numbers(text: str) -> Counter[str]:
    """The numbers of the prose of a text, separators dropped (1,000.5 = 1.000,5 = 1 000,5),
    any digits; those of link targets, URLs, code and HTML tags are not counted."""
    text = prose(text.translate(DIGITS))
    return Counter(re.sub(r"\D", "", n) for n in NUMBER.findall(text))


@check(Side.TARGET, (CheckId.NUMBER, Severity.WARNING))
def check_number(t: Translation) -> list[Finding]:
    """Numbers differ between source and target."""
    source, target = numbers(t.msgid), numbers(t.msgstr)
    if source == target:
        return []
    lost = sorted((source - target).elements())
    added = sorted((target - source).elements())
    parts = []
    if lost:
        parts.append("missing " + ", ".join(lost))
    if added:
        parts.append("extra " + ", ".join(added))
    return [finding(CheckId.NUMBER, t.where, "numbers differ: " + "; ".join(parts),
                    found=", ".join(added) or None, expected=", ".join(lost) or None)]
