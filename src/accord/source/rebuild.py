"""Writing one translated block back into Markdown without changing the document's shape.

Pure functions over strings: container prefixes, escapes that keep a translation a
paragraph (or a heading, a cell, an image's alt text), and table rows.
"""

from __future__ import annotations

import re
from typing import Any

from accord.source.inline import parser, scan

_LIST_MARKER = re.compile(r"[-+*]|\d{1,9}[.)]")
LEADING_PREFIX = re.compile(r"(?:[ \t]*(?:>|[-+*](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$)))*[ \t]*")


def prefixes(raw: str, first_piece: str) -> tuple[str, str]:
    """The container prefix of a block's first line, and the one for lines after it."""
    raw_end = raw.rstrip()
    piece = first_piece.strip()
    if piece and raw_end.endswith(piece):
        first = raw_end[: len(raw_end) - len(piece)]
    else:
        match = LEADING_PREFIX.match(raw)
        first = match.group(0) if match else ""
    continuation = _LIST_MARKER.sub(lambda m: " " * len(m.group(0)), first)
    return first, continuation


def block_lines(first: str, continuation: str, text: str) -> list[str]:
    """The lines of a translated paragraph (or setext heading text) under its prefixes."""
    body = paragraph_lines(text)
    marker = re.search(r"([-*_])[ \t]+$", first)
    if marker and THEMATIC_BREAK.match(marker.group(0) + body[0]):
        # "- " followed by "--" would read as one thematic break, not a list item.
        body[0] = "\\" + body[0]
    return [first + body[0]] + [continuation + line for line in body[1:]]


def table_row(prefix: str, cells: list[str]) -> str:
    """A GFM table row ``| a | b |`` whose cells cannot be split by a ``|`` in their text."""
    texts = [re.sub(r"\s*\n\s*", " ", cell).strip() for cell in cells]
    # markdown-it drops one backslash before every escaped pipe, whatever precedes it.
    return prefix + "| " + " | ".join(t.replace("|", "\\|") for t in texts) + " |"


def paragraph_lines(text: str) -> list[str]:
    """A translation as paragraph lines that cannot start any other block.

    The first of these that reads as one paragraph holding all the text wins: the
    lines as given; soft line breaks joined (a line break and a space mean the same
    inside a paragraph); both again with block starts (``#``, ``>``, ``-``, ``1.``,
    fences, …) escaped; a line break inside a leading HTML tag, so that it is not
    alone on its line and opens no HTML block; every leading punctuation escaped.
    """
    lines = [line.lstrip(" \t") for line in text.split("\n")]
    lines = [line for line in lines if line.strip()] or [""]
    lines[-1] = lines[-1].rstrip(" \t")
    joined = _join_soft_breaks(lines)
    escaped = [_escape_line_start(line) for line in joined]
    candidates = [lines, joined, escaped, [_escape_line_start(line) for line in lines]]
    head, space, tail = escaped[0].partition(" ")
    if space and tail:
        candidates.append([head, _escape_line_start(tail), *escaped[1:]])
    for candidate in candidates:
        if _is_one_paragraph(candidate):
            return candidate
    last = [_escape_first_punctuation(line) for line in escaped]
    return last if _is_one_paragraph(last) else [line.replace("|", "\\|") for line in last]


def _join_soft_breaks(lines: list[str]) -> list[str]:
    out = [lines[0]]
    for line in lines[1:]:
        if hard_break(out[-1]):
            out.append(line)
        else:
            out[-1] = out[-1].rstrip(" \t") + " " + line
    return out


THEMATIC_BREAK = re.compile(r"([-*_])[ \t]*(?:\1[ \t]*){2,}$")
_BLOCK_STARTS = (
    (re.compile(r"#{1,6}(?=[ \t]|$)"), 0),  # ATX heading
    (re.compile(r">"), 0),  # block quote
    (THEMATIC_BREAK, 0),
    (re.compile(r"[-+*](?=[ \t]|$)"), 0),  # bullet list item
    (re.compile(r"\d{1,9}[.)](?=[ \t]|$)"), -1),  # ordered list item: escape the . or )
    (re.compile(r"(?:=+|-+)[ \t]*$"), 0),  # setext underline
    (re.compile(r"(?:`{3,}[^`]*$|~{3,})"), 0),  # code fence
)


def _escape_line_start(line: str) -> str:
    for pattern, where in _BLOCK_STARTS:
        match = pattern.match(line)
        if match:
            at = match.end() + where if where else 0
            return line[:at] + "\\" + line[at:]
    return line


def _escape_first_punctuation(line: str) -> str:
    if line and line[0] in "!\"#$%&'()*+,-./:;<=>?@[]^_`{|}~" and not line.startswith("\\"):
        return "\\" + line
    return line


def _is_one_paragraph(lines: list[str]) -> bool:
    """Whether ``lines`` read as exactly one paragraph holding all of their text."""
    text = "\n".join(lines)
    if _plain_lines(lines, text):
        return True
    tokens = parser().parse(text + "\n", {})
    return [t.type for t in tokens] == ["paragraph_open", "inline", "paragraph_close"] and (
        tokens[1].content == text.strip()
    )


_ORDERED_MARKER = re.compile(r"[0-9]{1,9}[.)](?:[ \t]|$)")
_OPENING_PUNCTUATION = frozenset("\"'(«»“”„‘’‚¿¡")


def _plain_lines(lines: list[str], text: str) -> bool:
    """Whether every line surely continues one paragraph: each starts with a letter, an
    opening quote or parenthesis, a number that is no list marker, or a ``[`` that opens
    no link reference definition (the text has no ``]:``). No block starts that way, and
    no such line is a table's delimiter row or a setext underline."""
    if "\0" in text or "\r" in text:
        return False  # the parser replaces or splits on these
    for line in lines:
        first = line[:1]
        if first.isalpha() or first in _OPENING_PUNCTUATION:
            continue
        if first == "[" and "]:" not in text:
            continue
        if "0" <= first <= "9" and not _ORDERED_MARKER.match(line):
            continue
        return False
    return True


def atx_line(raw: str, content: str, text: str) -> str:
    """The ATX heading line ``raw`` with its ``content`` replaced by ``text`` on one line."""
    hashes = raw.find("#")
    level_end = hashes
    while level_end < len(raw) and raw[level_end] == "#":
        level_end += 1
    start = raw.find(content, level_end)
    if start < 0:
        return raw
    text = re.sub(r"\s*\n\s*", " ", text).strip()
    if re.search(r"(?:^|[ \t])#+$", text):
        cut = len(text.rstrip("#"))
        text = text[:cut] + "\\" + text[cut:]
    return raw[:start] + text + raw[start + len(content):]


def image_source(content: str, alt: str, references: dict[str, Any]) -> str:
    """A lone image's Markdown ``content`` with its alt text replaced by ``alt``."""
    _, spans = scan(content, references)
    span = spans[0]
    label = content[span.label_start:span.label_end]
    after = content[span.label_end:]
    if alt != label:
        # A shortcut or collapsed reference uses the alt text as its label: name it.
        if after.startswith("][]"):
            after = "][" + label + "]" + after[3:]
        elif not after.startswith(("](", "][")):
            after = "][" + label + "]" + after[1:]
    alt = re.sub(r"\s*\n\s*", " ", alt).strip()
    if alt.count("[") != alt.count("]"):
        alt = re.sub(r"([\[\]])", r"\\\1", alt)
    new = content[: span.label_start] + alt + after
    kids, _ = scan(new, references)
    if len(kids) != 1 or kids[0].type != "image":
        new = content[: span.label_start] + re.sub(r"([\[\]])", r"\\\1", alt) + after
    return new


def container_prefix(raw: str, quotes: int, markers: int) -> str:
    """The start of ``raw`` holding up to ``quotes`` ``>`` and ``markers`` list markers."""
    pos = 0
    while True:
        rest = raw[pos:]
        spaces = len(rest) - len(rest.lstrip(" \t"))
        rest = rest[spaces:]
        if quotes and rest.startswith(">"):
            quotes -= 1
            pos += spaces + 1
            continue
        match = _LIST_MARKER.match(rest) if markers else None
        if match and rest[match.end():match.end() + 1] in (" ", "\t", ""):
            markers -= 1
            pos += spaces + match.end()
            continue
        return raw[:pos + spaces]


def hard_break(piece: str) -> str:
    """``spaces`` or ``backslash`` when a line ending after ``piece`` is a hard break, else ""."""
    if piece.endswith("  "):
        return "spaces"
    backslashes = len(piece) - len(piece.rstrip("\\"))
    return "backslash" if backslashes % 2 == 1 else ""


