"""Quoted PO strings as gettext writes them: escapes, ``\\n`` splits, lines cut at 79 columns.

This is write-po.c's ``wrap`` function: a string is cut after each ``\\n``; each
piece is escaped and cut where the Unicode line breaking algorithm allows
(:mod:`accord.catalog.wrap.linebreak`) so that no line passes the page width; a string that
takes more than one line starts with an empty ``""`` line.
"""

from __future__ import annotations

from collections.abc import Iterator

from accord.catalog.comments import PAGE_WIDTH
from accord.catalog.wrap.formats import no_break_indexes
from accord.catalog.wrap.linebreak import width_breaks

_INT_MAX = 2**31 - 1
_WRITE_ESCAPES = {
    "\a": "\\a", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t",
    "\v": "\\v", "\\": "\\\\", '"': '\\"',
}  # fmt: skip
_NEEDS_ESCAPE = frozenset(_WRITE_ESCAPES)


def _escape(portion: str, inside: list[int]) -> tuple[str, list[int]]:
    """``portion`` with gettext's escapes, and the indexes a line must not break before.

    ``inside`` lists indexes of ``portion`` that lie inside a format directive.
    """
    if not inside and not _NEEDS_ESCAPE.intersection(portion):
        return portion, []
    inside_set = set(inside)
    out: list[str] = []
    no_break: list[int] = []
    length = 0
    for index, char in enumerate(portion):
        if index in inside_set:
            no_break.append(length)
        escaped = _WRITE_ESCAPES.get(char)
        if escaped is None:
            out.append(char)
            length += 1
        else:
            out.append(escaped)
            no_break.append(length + 1)
            length += 2
    return "".join(out), no_break


def wrap_string(
    prefix: str,
    keyword: str,
    value: str,
    wrap: bool = True,
    flags: list[str] | None = None,
    *,
    cjk: bool = False,
) -> Iterator[str]:
    """The lines of ``keyword "value"``, cut as gettext cuts them at ``PAGE_WIDTH`` columns.

    ``flags`` are the entry's canonical flags: a format flag keeps directives whole.
    ``cjk``: the file's charset is a legacy CJK one, where libunistring counts most
    non-ASCII characters two columns wide.
    """
    if not value:
        yield f'{prefix}{keyword} ""\n'
        return
    pieces = value.split("\n")
    portions = [piece + "\n" for piece in pieces[:-1]]
    if pieces[-1]:
        portions.append(pieces[-1])
    after_break = len(prefix) + 1
    width = (PAGE_WIDTH if wrap else _INT_MAX) - 1 - after_break
    inside = no_break_indexes(value, flags) if flags else []
    first_line = True
    offset = 0
    for number, portion in enumerate(portions, 1):
        portion_inside = [i - offset for i in inside if offset <= i < offset + len(portion)]
        offset += len(portion)
        escaped, no_break = _escape(portion, portion_inside)
        if portion.endswith("\n"):
            no_break.append(len(escaped) - 2)
        # Columns as write-po.c counts them: the opening quote, less the indent of later lines.
        if first_line:
            start = len(prefix) + len(keyword) + 2 - after_break
        else:
            start = len(prefix) + 1 - after_break
        breaks = width_breaks(escaped, no_break, width, start, cjk=cjk)
        if first_line and (number < len(portions) or start > width or breaks):
            yield f'{prefix}{keyword} ""\n'
            first_line = False
            start = len(prefix) + 1 - after_break
            breaks = width_breaks(escaped, no_break, width, start, cjk=cjk)
        lead = f"{prefix}{keyword} " if first_line else prefix
        first_line = False
        cut = 0
        for position in breaks:
            yield f'{lead}"{escaped[cut:position]}"\n'
            lead = prefix
            cut = position
        yield f'{lead}"{escaped[cut:]}"\n'
