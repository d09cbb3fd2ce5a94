"""Markdown articles ⇄ segments: cut a source into translatable units, rebuild a translation.

``parse_article`` reads the YAML front matter and the CommonMark + GFM-tables body
(markdown-it-py) and returns one ``Segment`` per heading, paragraph, list-item
paragraph, block-quote paragraph, table cell, image alt text and translatable
front-matter value. ``rebuild_article`` writes the same file back with each
segment replaced by its translation; every other line (code, HTML blocks, link
reference definitions, thematic breaks, blank lines) is copied byte for byte.
``parse_source`` and ``rebuild_parsed`` are the same two steps for a caller that
rebuilds one article in many locales: parse once, rebuild as often as needed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import Any

from markdown_it.token import Token

from accord.errors import SourceError
from accord.source.frontmatter import (
    TRANSLATABLE_KEYS,
    FrontMatter,
    rewrite_front_matter,
    split_front_matter,
    with_value,
)
from accord.source.frontmatter_toml import (
    is_toml,
    rewrite_toml_front_matter,
    split_toml_front_matter,
)
from accord.source.inline import (
    format_destination,
    link_targets,
    parser,
    rewrite_links,
    scan,
)
from accord.source.rebuild import (
    LEADING_PREFIX,
    atx_line,
    block_lines,
    container_prefix,
    hard_break,
    image_source,
    prefixes,
    table_row,
)
from accord.textcodec import decode_utf8

__all__ = [
    "Article",
    "ParsedSource",
    "Segment",
    "decode_source",
    "link_targets",
    "parse_article",
    "parse_source",
    "rebuild_article",
    "rebuild_parsed",
]

FRONT_MATTER_CONTEXT = "front-matter:"


@dataclass(frozen=True)
class Segment:
    """One translatable unit: its Markdown text, context, 1-based file line and block type."""

    msgid: str
    msgctxt: str | None
    line: int
    block: str


@dataclass(frozen=True)
class Article:
    """A parsed source article: its front matter and its segments in file order."""

    front_matter: dict[str, Any]
    segments: tuple[Segment, ...]


class _Kind(Enum):
    FRONT = "front"
    PARAGRAPH = "paragraph"
    ATX = "atx"
    SETEXT = "setext"
    CELL = "cell"
    IMAGE_ALT = "image-alt"


@dataclass(frozen=True)
class _Slot:
    """Where a segment sits in the file and how to write a new text back there."""

    segment: Segment
    kind: _Kind
    start: int  # 0-based line index in the whole file
    end: int  # exclusive; for SETEXT the underline is the last line of the range
    content: str = ""  # the block's inline source as markdown-it saw it
    key: str = ""  # FRONT: the front-matter key
    index: int | None = None  # FRONT: list position; CELL: column
    quotes: int = 0  # CELL: block quotes around the table
    markers: int = 0  # CELL: list markers on this row's line
    columns: int = 0  # CELL: cells per row in this table
    suffix: str = ""  # heading: an attribute block kept out of the msgid (`` {#anchor}``)
    # shortcut and collapsed references (label, "]" or "][]") shown in full in the msgid
    shortcuts: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class ParsedSource:
    """An article parsed once, to segment it and to rebuild it in any number of locales.

    Nothing in it changes after parsing: every rebuild works on its own copy of the lines.
    """

    lines: list[str]
    front: FrontMatter
    slots: tuple[_Slot, ...]
    references: dict[str, Any]
    trailing_newline: bool

    @property
    def article(self) -> Article:
        """The front matter and the segments."""
        return Article(
            front_matter=dict(self.front.data),
            segments=tuple(slot.segment for slot in self.slots),
        )


def decode_source(data: bytes, path: str) -> str:
    """The text of a source file; one that is not UTF-8 (UTF-16 included) is a SourceError."""
    return decode_utf8(data, path, SourceError)


def parse_article(text: str, path: str, keys: tuple[str, ...] = TRANSLATABLE_KEYS) -> Article:
    """The front matter and the segments of the article ``text`` read from ``path``.

    ``keys`` are the front-matter keys to translate (dotted for nested ones).
    """
    return parse_source(text, path, keys).article


def parse_source(text: str, path: str, keys: tuple[str, ...] = TRANSLATABLE_KEYS) -> ParsedSource:
    """The article ``text`` read from ``path``, parsed for ``rebuild_parsed`` (and ``.article``).

    ``keys`` are the front-matter keys to translate (dotted for nested ones).
    """
    return _parse(text, path, keys)


def rebuild_article(
    text: str,
    path: str,
    translate: Callable[[Segment], str | None],
    *,
    front_matter: dict[str, Any] | None = None,
    rewrite_link: Callable[[str], str] | None = None,
    keys: tuple[str, ...] = TRANSLATABLE_KEYS,
) -> str:
    """``text`` with every segment replaced by ``translate(segment)``.

    ``None`` or a blank string keeps the source text. Keys in ``front_matter`` are
    set in (or added to) the front matter; ``rewrite_link`` maps every inline link
    and image destination and every link reference definition's URL. Container
    prefixes (``> ``, list markers, indentation) are kept, and a translation is
    escaped where it would otherwise change the block structure.
    """
    return rebuild_parsed(
        _parse(text, path, keys), translate, front_matter=front_matter, rewrite_link=rewrite_link
    )


def rebuild_parsed(
    parsed: ParsedSource,
    translate: Callable[[Segment], str | None],
    *,
    front_matter: dict[str, Any] | None = None,
    rewrite_link: Callable[[str], str] | None = None,
) -> str:
    """``rebuild_article`` of an article parsed once by ``parse_source``."""
    lines = list(parsed.lines)
    references = parsed.references
    edits: dict[int, tuple[int, list[str]]] = {}
    rows: dict[int, list[tuple[_Slot, str]]] = {}
    front_values: list[tuple[_Slot, str]] = []

    for slot in parsed.slots:
        translation = translate(slot.segment)
        if translation is not None and not translation.strip():
            translation = None
        if slot.kind is _Kind.FRONT:
            if translation is not None:
                front_values.append((slot, translation))
        elif slot.kind is _Kind.CELL:
            new = _localised(slot, translation, rewrite_link, references)
            if new is not None:
                rows.setdefault(slot.start, []).append((slot, new))
        else:
            replacement = _replacement(slot, translation, lines, references, rewrite_link)
            if replacement is not None:
                edits[slot.start] = (slot.end, replacement)

    for line, changed in rows.items():
        edits[line] = (line + 1, _render_row(line, changed, parsed.slots, lines))
    if rewrite_link is not None:
        _rewrite_reference_definitions(lines, parsed, rewrite_link)

    body = _splice(lines, parsed.front.body_start, edits)
    out = _front_matter_text(parsed, front_values, front_matter) + "\n".join(body)
    if body and parsed.trailing_newline:
        out += "\n"
    return out


def _localised(
    slot: _Slot,
    translation: str | None,
    rewrite_link: Callable[[str], str] | None,
    references: dict[str, Any],
) -> str | None:
    """The text to write for a segment, or None when the source lines can stay as they are."""
    msgid = slot.segment.msgid
    new = translation if translation is not None else msgid
    if rewrite_link is not None:
        new = rewrite_links(new, rewrite_link, references)
    if translation is None and new == msgid:
        return None
    for label, tail in slot.shortcuts:
        # [label][label] as the author wrote it ([label] or [label][]) where the text is the label.
        full = re.compile(rf"\[{re.escape(label)}\]\[{re.escape(label)}\](?![(\[:])")
        new = full.sub(f"[{label}{tail}".replace("\\", "\\\\"), new)
    return new + slot.suffix


def _replacement(
    slot: _Slot,
    translation: str | None,
    lines: list[str],
    references: dict[str, Any],
    rewrite_link: Callable[[str], str] | None,
) -> list[str] | None:
    """The lines that replace a heading or paragraph, or None to keep the source lines."""
    if slot.kind is not _Kind.IMAGE_ALT:
        new = _localised(slot, translation, rewrite_link, references)
        return None if new is None else _render(slot, new, lines)
    content = slot.content
    if translation is not None:
        content = image_source(content, translation, references)
    if rewrite_link is not None:
        content = rewrite_links(content, rewrite_link, references)
    if content == slot.content:
        return None
    first, _ = prefixes(lines[slot.start], slot.content.split("\n")[0])
    return [first + re.sub(r"[ \t]*\n[ \t]*", " ", content)]


def _splice(lines: list[str], start: int, edits: dict[int, tuple[int, list[str]]]) -> list[str]:
    """``lines[start:]`` with each edited range (keyed by its first line) replaced."""
    out: list[str] = []
    index = start
    while index < len(lines):
        if index in edits:
            end, replacement = edits[index]
            out.extend(replacement)
            index = end
        else:
            out.append(lines[index])
            index += 1
    return out


# --- parsing ---------------------------------------------------------------------------


def _parse(text: str, path: str, keys: tuple[str, ...] = TRANSLATABLE_KEYS) -> ParsedSource:
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    trailing_newline = text.endswith("\n")
    lines = text.split("\n")
    if trailing_newline:
        lines.pop()
    split = split_toml_front_matter if is_toml(lines) else split_front_matter
    front = split(lines, path, keys)
    slots = [
        _Slot(
            Segment(value.text, FRONT_MATTER_CONTEXT + value.key, value.line, "front-matter"),
            _Kind.FRONT, value.line - 1, value.line, key=value.key, index=value.index,
        )
        for value in front.values
    ]
    env: dict[str, Any] = {}
    body = "\n".join(lines[front.body_start:]) + "\n"
    tokens = parser().parse(body, env)
    references: dict[str, Any] = env.get("references", {})
    slots.extend(_body_slots(tokens, front.body_start, references))
    return ParsedSource(lines, front, tuple(slots), references, trailing_newline)


def _body_slots(tokens: list[Token], offset: int, references: dict[str, Any]) -> list[_Slot]:
    slots: list[_Slot] = []
    containers: list[Token] = []
    row_line = column = columns = 0
    for position, token in enumerate(tokens):
        if token.type in ("blockquote_open", "list_item_open"):
            containers.append(token)
        elif token.type in ("blockquote_close", "list_item_close"):
            containers.pop()
        elif token.type == "tr_open" and token.map:
            row_line, column = token.map[0] + offset, 0
            columns = 0
            for later in tokens[position + 1:]:
                if later.type == "tr_close":
                    break
                columns += later.type in ("th_open", "td_open")
        elif token.type == "inline" and token.map and token.content.strip():
            opener = tokens[position - 1]
            if opener.type in ("th_open", "td_open"):
                slots.append(_cell_slot(token, offset, containers, (row_line, column, columns)))
            elif slot := _block_slot(opener, token, offset, containers, references):
                slots.append(slot)
        if token.type in ("th_close", "td_close"):
            column += 1
    return slots


def _cell_slot(
    token: Token, offset: int, containers: list[Token], cell: tuple[int, int, int]
) -> _Slot:
    row_line, column, columns = cell
    quotes = sum(1 for c in containers if c.type == "blockquote_open")
    markers = sum(1 for c in containers
                  if c.type == "list_item_open" and c.map and c.map[0] + offset == row_line)
    content = token.content.strip()
    segment = Segment(content, None, row_line + 1, "table-cell")
    return _Slot(segment, _Kind.CELL, row_line, row_line + 1, content,
                 index=column, quotes=quotes, markers=markers, columns=columns)


def _block_slot(
    opener: Token, token: Token, offset: int, containers: list[Token], references: dict[str, Any]
) -> _Slot | None:
    assert token.map is not None
    start, end = token.map[0] + offset, token.map[1] + offset
    content = token.content
    in_quote = bool(containers) and containers[-1].type == "blockquote_open"
    if opener.type == "paragraph_open" and in_quote and (alert := ALERT.match(content)):
        # GitHub's and Hugo's ``> [!NOTE]`` marker stays on its own line, untranslated.
        content = content[alert.end():]
        start += 1
    if opener.type == "paragraph_open":
        if not content.strip() or _without_text(content):
            return None  # a shortcode, a Liquid tag or raw HTML standing alone
        content, start, end = _inner_lines(content, start, end)
    msgid, shortcuts = _msgid(
        content, token.children or [], references, content == token.content
    )
    if opener.type == "heading_open":
        return _heading_slot(opener, msgid, shortcuts, (start, offset), content)
    if opener.type != "paragraph_open":
        return None
    alt = _lone_image_alt(content, references)
    if alt is not None:
        if not alt.strip():
            return None
        image = Segment(alt, None, start + 1, "image-alt")
        return _Slot(image, _Kind.IMAGE_ALT, start, end, content)
    block = "paragraph"
    if containers:
        block = "blockquote" if containers[-1].type == "blockquote_open" else "list-item"
    return _Slot(Segment(msgid, None, start + 1, block), _Kind.PARAGRAPH, start, end, content,
                 shortcuts=shortcuts)


def _heading_slot(opener: Token, msgid: str, shortcuts: tuple[tuple[str, str], ...],
                  at: tuple[int, int], content: str) -> _Slot:
    """A heading's slot; a trailing attribute block (``{#anchor}``) stays out of the msgid."""
    start, offset = at
    suffix = ""
    if attributes := HEADING_ATTRIBUTES.search(msgid):
        msgid, suffix = msgid[:attributes.start()], attributes.group(0)
    heading = Segment(msgid, None, start + 1, "heading")
    if opener.markup in ("=", "-"):
        assert opener.map is not None
        return _Slot(heading, _Kind.SETEXT, start, opener.map[1] + offset, content,
                     suffix=suffix, shortcuts=shortcuts)
    return _Slot(heading, _Kind.ATX, start, start + 1, content, suffix=suffix,
                 shortcuts=shortcuts)


ALERT = re.compile(r"\[![A-Za-z]+\][ \t]*(?:\n|$)")
HEADING_ATTRIBUTES = re.compile(r"[ \t]+\{[ \t]*[#.][^{}]*\}[ \t]*$")
_TEMPLATE_OR_HTML = re.compile(
    r"\{\{[<%].*?[%>]\}\}|\{\{.*?\}\}|\{%.*?%\}|<!--.*?-->|</?[A-Za-z][^<>]*>", re.DOTALL
)


def _inner_lines(content: str, start: int, end: int) -> tuple[str, int, int]:
    """A paragraph without its first and last lines when those hold only shortcodes.

    ``{{% notice %}}`` … ``{{% /notice %}}`` around the prose keep their own lines.
    """
    pieces = content.split("\n")
    if len(pieces) != end - start:
        return content, start, end
    while len(pieces) > 1 and _without_text(pieces[0]):
        pieces.pop(0)
        start += 1
    while len(pieces) > 1 and _without_text(pieces[-1]):
        pieces.pop()
        end -= 1
    return "\n".join(pieces), start, end


def _without_text(content: str) -> bool:
    """Whether a paragraph holds only shortcodes, template tags or HTML tags (no prose)."""
    if "{" not in content and "<" not in content:
        return False  # every pattern below starts with one of these
    rest = _TEMPLATE_OR_HTML.sub("", content)
    return rest != content and not rest.strip()


def _msgid(
    content: str, children: list[Token], references: dict[str, Any], parsed: bool
) -> tuple[str, tuple[tuple[str, str], ...]]:
    """The inline source with soft line breaks as spaces and hard breaks kept.

    Where joining lines would change what the text means (a line break inside a
    link destination or a code span's edge), the source lines are kept as they are.
    Shortcut and collapsed reference links are shown as full references, so that
    translating the link text does not break the link. ``parsed`` says that
    ``children`` are the block parse's tokens of ``content`` itself: the source's
    HTML is then rendered from them instead of parsing ``content`` again.
    """
    md = parser()
    env = {"references": references}
    rendered: list[str] = []

    def html(text: str) -> str:
        return _fold(md.renderInline(text, env))

    def source() -> str:
        if not rendered:
            rendered.append(
                _fold(md.renderer.render(children, md.options, env)) if parsed
                else html(content)
            )
        return rendered[0]

    joined = _join_lines(content, children)
    if joined != content and not _joins_plainly(content) and html(joined) != source():
        joined = "\n".join(piece.lstrip(" \t") for piece in content.split("\n"))
    expanded, labels = _full_references(joined, references)
    if expanded != joined and html(expanded) == source():
        return expanded, labels
    return joined, ()


_INLINE_MARKUP_ACROSS_LINES = re.compile(r"[`<\[\]\\&]")


def _joins_plainly(content: str) -> bool:
    """Whether joining ``content``'s lines surely keeps its HTML: no code span, raw HTML,
    autolink, link, image, entity or backslash, only text, emphasis and line breaks."""
    return _INLINE_MARKUP_ACROSS_LINES.search(content) is None


def _full_references(
    text: str, references: dict[str, Any]
) -> tuple[str, tuple[tuple[str, str], ...]]:
    """``[text]`` and ``[text][]`` written as ``[text][text]`` (and the same for images).

    Also returns the labels so expanded and the form they had (``]`` or ``][]``), which
    the rebuild writes back in that form where the translation kept the label.
    """
    if not references or "[" not in text:
        return text, ()
    _, spans = scan(text, references)
    shortcuts: list[tuple[str, str]] = []
    for span in sorted(spans, key=lambda s: s.label_end, reverse=True):
        if span.kind == "autolink" or span.dest_start >= 0:
            continue
        tail = text[span.label_end:span.end]
        if tail in ("]", "][]"):
            label = text[span.label_start:span.label_end]
            text = text[:span.label_end] + "][" + label + "]" + text[span.end:]
            shortcuts.append((label, tail))
    return text, tuple(dict.fromkeys(shortcuts))


def _fold(html: str) -> str:
    return re.sub(r"\s+", " ", html).strip()


def _join_lines(content: str, children: list[Token]) -> str:
    pieces = content.split("\n")
    hard = [hard_break(piece) for piece in pieces[:-1]]
    # Trailing spaces are a hard break only outside code spans and raw HTML: trust the
    # parser's count, and normalise to the visible backslash form only when it agrees.
    normalise = sum(1 for h in hard if h) == sum(1 for c in children if c.type == "hardbreak")
    out = pieces[0]
    for kind, piece in zip(hard, pieces[1:], strict=True):
        if kind == "spaces" and normalise and not out.rstrip(" ").endswith("\\"):
            out = out.rstrip(" ") + "\\\n"
        elif kind:
            out += "\n"
        else:
            out = out.rstrip(" \t") + " "
        out += piece.lstrip(" \t")
    return out


def _lone_image_alt(content: str, references: dict[str, Any]) -> str | None:
    """The alt text (as Markdown) when the paragraph is nothing but one image."""
    if not content.startswith("!["):
        return None
    children, spans = scan(content, references)
    if len(children) != 1 or children[0].type != "image" or not spans:
        return None
    span = spans[0]
    if span.kind != "image" or span.start != 0 or span.end != len(content):
        return None
    return re.sub(r"[ \t]*\n[ \t]*", " ", content[span.label_start:span.label_end])


# --- rebuilding ------------------------------------------------------------------------


def _render(slot: _Slot, text: str, lines: list[str]) -> list[str]:
    if slot.kind is _Kind.ATX:
        return [atx_line(lines[slot.start], slot.content, text)]
    out = block_lines(*prefixes(lines[slot.start], slot.content.split("\n")[0]), text)
    if slot.kind is _Kind.SETEXT:
        out.append(lines[slot.end - 1])
    return out


def _render_row(line: int, changed: list[tuple[_Slot, str]], slots: tuple[_Slot, ...],
                lines: list[str]) -> list[str]:
    """A table row rebuilt as ``| a | b |`` from its (possibly translated) cells."""
    cells = {slot.index: slot.content for slot in slots
             if slot.kind is _Kind.CELL and slot.start == line}
    cells.update({slot.index: text for slot, text in changed})
    first = changed[0][0]
    prefix = container_prefix(lines[line], first.quotes, first.markers)
    return [table_row(prefix, [cells.get(i, "") for i in range(first.columns)])]


def _rewrite_reference_definitions(lines: list[str], parsed: ParsedSource,
                                   rewrite: Callable[[str], str]) -> None:
    """Pass each link reference definition's URL through ``rewrite``."""
    md = parser()
    for reference in parsed.references.values():
        span = reference.get("map")
        if not span:
            continue
        index = span[0] + parsed.front.body_start
        colon = lines[index].find("]:")
        if colon < 0:
            continue
        pos = colon + 2
        if not lines[index][pos:].strip() and index + 1 < span[1] + parsed.front.body_start:
            index, pos = index + 1, 0  # the URL is on the line after the label
        line = lines[index]
        match = LEADING_PREFIX.match(line, pos) if pos == 0 else None
        pos = match.end() if match else pos
        while pos < len(line) and line[pos] in " \t":
            pos += 1
        result = md.helpers.parseLinkDestination(line, pos, len(line))
        if result.ok and result.pos > pos:
            new = rewrite(result.str)
            if new != result.str:
                lines[index] = line[:pos] + format_destination(new) + line[result.pos:]


def _front_matter_text(parsed: ParsedSource, values: list[tuple[_Slot, str]],
                       extra: dict[str, Any] | None) -> str:
    front = parsed.front
    if not values and not extra:
        return "".join(line + "\n" for line in parsed.lines[: front.body_start])
    data = dict(front.data)
    for slot, text in values:
        data = with_value(data, slot.key, slot.index, text)
    data.update(extra or {})
    if front.format == "toml":
        return rewrite_toml_front_matter(parsed.lines, front, data)
    # A block added to an article that had none gets a blank line before the body.
    return rewrite_front_matter(parsed.lines, front, data) + ("" if front.present else "\n")
