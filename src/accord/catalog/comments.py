"""gettext's comment syntax: ``#,`` flags and ``#:`` references, read and written as gettext does.

GNU gettext does not keep these lines as text: it parses them (keeping only the
flags it knows, the positions it can read) and writes them back in its own order
and layout.  These pure functions do the same, so that Accord's output matches
``msgcat``'s.
"""

from __future__ import annotations

from collections.abc import Iterator

PAGE_WIDTH = 79


# gettext 0.21's format languages, in the order msgcat writes their flags.
FORMAT_LANGUAGES = (
    "c", "objc", "python", "python-brace", "java", "java-printf", "csharp", "javascript", "scheme",
    "lisp", "elisp", "librep", "ruby", "sh", "awk", "lua", "object-pascal", "smalltalk",
    "qt", "qt-plural", "kde", "kde-kuit", "boost", "tcl", "perl", "perl-brace", "php",
    "gcc-internal", "gfc-internal", "ycp",
)  # fmt: skip
_FORMAT_RANK = {name: rank for rank, name in enumerate(FORMAT_LANGUAGES)}
_FLAG_SEPARATORS = "\n \t\r\f\v,"
_INT_MAX = 2**31 - 1


def canonical_flags(flags: list[str]) -> list[str]:
    """The flags gettext keeps, in the order it writes them.

    ``fuzzy`` first, then ``[no-]X-format`` in gettext's language order, then
    ``range: a..b``, then ``no-wrap``; flags gettext does not know are dropped,
    as ``msgcat`` drops them.
    """
    return parse_flags(", ".join(flags))


def _split_flag_tokens(text: str) -> list[str]:
    for separator in _FLAG_SEPARATORS[1:]:
        text = text.replace(separator, "\n")
    return [token for token in text.split("\n") if token]


def parse_flags(text: str) -> list[str]:
    fuzzy = False
    formats: dict[str, str] = {}
    flag_range: tuple[int, int] | None = None
    wrap: bool | None = None
    tokens = _split_flag_tokens(text)
    index = 0
    while index < len(tokens):
        token = tokens[index]
        index += 1
        if token == "fuzzy":
            fuzzy = True
        elif token.endswith("-format") and _format_flag(token, formats):
            pass
        elif token == "range:":
            if index < len(tokens):
                flag_range = _parse_range(tokens[index]) or flag_range
                index += 1
        elif token == "wrap":
            wrap = True
        elif token == "no-wrap":
            wrap = False
    result = ["fuzzy"] if fuzzy else []
    result += [formats[name] for name in FORMAT_LANGUAGES if name in formats]
    if flag_range is not None:
        result.append(f"range: {flag_range[0]}..{flag_range[1]}")
    if wrap is False:
        result.append("no-wrap")
    return result


def _format_flag(token: str, formats: dict[str, str]) -> bool:
    """Record a ``[no-|possible-|impossible-]X-format`` flag; False if X is unknown."""
    name = token[: -len("-format")]
    prefix = ""
    for candidate in ("no-", "possible-", "impossible-"):
        if name.startswith(candidate) and name[len(candidate) :] in _FORMAT_RANK:
            prefix, name = candidate, name[len(candidate) :]
            break
    if name not in _FORMAT_RANK:
        return False
    if prefix == "impossible-":
        formats.pop(name, None)
    else:
        formats[name] = ("no-" if prefix == "no-" else "") + name + "-format"
    return True


def _leading_number(text: str) -> tuple[int, str] | None:
    digits = 0
    while digits < len(text) and "0" <= text[digits] <= "9":
        digits += 1
    if digits == 0:
        return None
    return min(int(text[:digits]), _INT_MAX), text[digits:]


def _parse_range(token: str) -> tuple[int, int] | None:
    low = _leading_number(token)
    if low is None or not low[1].startswith(".."):
        return None
    high = _leading_number(low[1][2:])
    if high is None or low[0] > high[0]:
        return None
    return low[0], high[0]


def is_number(text: str) -> bool:
    return text.isascii() and text.isdigit()


def parse_references(text: str, into: list[str]) -> None:
    """Add the ``file:line`` positions of a ``#:`` line, read as gettext reads them."""
    tokens = [token for token in text.replace("\t", " ").split(" ") if token]
    index = 0
    while index < len(tokens):
        token = tokens[index]
        following = tokens[index + 1] if index + 1 < len(tokens) else ""
        if following == ":" and index + 2 < len(tokens) and is_number(tokens[index + 2]):
            reference, index = f"{token}:{int(tokens[index + 2])}", index + 3
        elif following.startswith(":") and is_number(following[1:]):
            reference, index = f"{token}:{int(following[1:])}", index + 2
        elif token.endswith(":") and is_number(following):
            reference, index = f"{token[:-1]}:{int(following)}", index + 2
        else:
            digits = len(token)
            while digits > 0 and "0" <= token[digits - 1] <= "9":
                digits -= 1
            if digits < len(token) and digits > 1 and token[digits - 1] == ":":
                reference = f"{token[: digits - 1]}:{int(token[digits:])}"
            else:
                reference = token
            index += 1
        if reference not in into:
            into.append(reference)


def reference_lines(references: list[str]) -> Iterator[str]:
    """The ``#:`` lines for ``references``: ``./`` prefixes dropped, filled up to 79 columns."""
    line = "#:"
    column = 2
    for reference in references:
        name = reference
        while name.startswith("./"):
            name = name[2:]
        size = len(name.encode("utf-8")) + 1
        if column > 2 and column + size > PAGE_WIDTH:
            yield line + "\n"
            line, column = "#:", 2
        line += " " + name
        column += size
    yield line + "\n"
