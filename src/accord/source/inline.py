"""Inline Markdown of one segment: where its links are, what markup it holds, rewriting links.

markdown-it-py's own inline rules do the parsing; thin wrappers around its ``link``,
``image`` and ``autolink`` rules note where each one starts and where its destination
sits in the text, so that code spans, escapes and raw HTML are never mistaken for links.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_inline import StateInline
    from markdown_it.token import Token


SPANS_KEY = "accord_spans"


@dataclass(frozen=True)
class LinkSpan:
    """A link, image or autolink found in a segment's text (offsets into that text)."""

    kind: str  # "link", "image" or "autolink"
    start: int
    end: int
    label_start: int  # text (or alt text) between the brackets
    label_end: int
    dest_start: int  # the destination as written, -1 when it comes from a reference
    dest_end: int
    destination: str  # unescaped destination (angle brackets removed)


def new_parser() -> MarkdownIt:
    """The parser Accord uses everywhere: CommonMark plus GFM tables, nothing more."""
    from markdown_it import MarkdownIt  # noqa: PLC0415  (start-up: only when parsing)

    md = MarkdownIt("commonmark").enable("table")
    for name in ("link", "image", "autolink"):
        md.inline.ruler.at(name, _recording(name, _rule(md, name)))
    return md


@cache
def parser() -> MarkdownIt:
    """One shared parser instance (markdown-it parsers are reusable and stateless)."""
    return new_parser()


def _rule(md: MarkdownIt, name: str) -> Callable[[StateInline, bool], bool]:
    for rule in md.inline.ruler.__rules__:
        if rule.name == name:
            return rule.fn
    raise LookupError(name)


def _recording(kind: str, rule: Callable[[StateInline, bool], bool]) -> Callable[..., bool]:
    def wrapped(state: StateInline, silent: bool) -> bool:
        start = state.pos
        if not rule(state, silent):
            return False
        spans = state.env.get(SPANS_KEY)
        if not silent and spans is not None and state.src == spans[0]:
            spans[1].append(_span(kind, state, start, state.pos))
        return True

    return wrapped


def _span(kind: str, state: StateInline, start: int, end: int) -> LinkSpan:
    src = state.src
    if kind == "autolink":
        inner = start + 1, end - 1
        return LinkSpan(kind, start, end, *inner, *inner, src[inner[0]:inner[1]])
    label_start = start + (2 if kind == "image" else 1)
    saved = state.pos, state.posMax
    state.posMax = end
    label_end = state.md.helpers.parseLinkLabel(state, label_start - 1, kind == "link")
    state.pos, state.posMax = saved
    pos = label_end + 1
    if pos < end and src[pos] == "(":
        pos += 1
        while pos < end and src[pos] in " \t\n":
            pos += 1
        result = state.md.helpers.parseLinkDestination(src, pos, end)
        if result.ok and result.pos > pos:
            return LinkSpan(kind, start, end, label_start, label_end, pos, result.pos, result.str)
    return LinkSpan(kind, start, end, label_start, label_end, -1, -1, "")


def scan(text: str, references: dict[str, Any] | None = None) -> tuple[list[Token], list[LinkSpan]]:
    """Inline tokens of ``text`` and its top-level links, images and autolinks in order."""
    spans: list[LinkSpan] = []
    env: dict[str, Any] = {SPANS_KEY: (text, spans)}
    if references:
        env["references"] = references
    tokens = parser().parseInline(text, env)
    children = tokens[0].children or [] if tokens else []
    return children, sorted(spans, key=lambda s: s.start)


def link_targets(markdown_inline: str) -> list[str]:
    """The destinations of the links, images and autolinks of a segment, as written."""
    _, spans = scan(markdown_inline)
    return [span.destination for span in spans if span.dest_start >= 0]


_TEMPLATE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.DOTALL)
_HIDES_LETTERS = re.compile(r"[`<&\[]")


def has_words(markdown_inline: str) -> bool:
    """Whether a segment holds prose: a letter outside code spans, HTML tags and shortcodes.

    A segment of only ``code``, a number or a ``{{< shortcode >}}`` is no work for a
    translator, and the completeness threshold does not count it.
    """
    text = _TEMPLATE.sub(" ", markdown_inline)
    if _HIDES_LETTERS.search(text) is None:
        # No code span, HTML, autolink, entity, link or image: every letter is in a text token.
        return any(c.isalpha() for c in text)
    tokens = parser().parseInline(text, {})
    for token in tokens:
        for child in token.children or []:
            if child.type in ("text", "image") and any(c.isalpha() for c in child.content):
                return True
    return False


def rewrite_links(
    text: str, rewrite: Callable[[str], str], references: dict[str, Any] | None = None
) -> str:
    """``text`` with every inline link and image destination passed through ``rewrite``."""
    if "](" not in text:
        return text  # an inline destination always follows its label's closing bracket
    _, spans = scan(text, references)
    for span in sorted(spans, key=lambda s: s.dest_start, reverse=True):
        if span.kind == "autolink" or span.dest_start < 0:
            continue
        new = rewrite(span.destination)
        if new != span.destination:
            text = text[:span.dest_start] + format_destination(new) + text[span.dest_end:]
    return text


def format_destination(url: str) -> str:
    """A link destination written so that Markdown reads it back as ``url``."""
    if re.search(r"[\s<>]|^$", url) or url.count("(") != url.count(")"):
        return "<" + re.sub(r"([<>\\])", r"\\\1", url) + ">"
    return re.sub(r"\\(?=[!-/:-@\[-`{-~])", r"\\\\", url)
