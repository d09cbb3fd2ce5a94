"""Format directives (``%s``, ``%(name)s``, ``%1$d``) that gettext keeps whole when it wraps.

When an entry carries a format flag, gettext's writer parses its strings with
that language's format parser and never breaks a line inside a directive, only
before it.  These scanners find the directives of ``c-format`` and
``python-format`` as gettext 0.21 does, stopping at the first invalid one as its
parsers do.  gettext 0.21 marks no directives for ``python-brace-format``; other
languages are not analysed (Accord never writes format flags, and such entries
may wrap differently from msgcat).
"""

from __future__ import annotations

from collections.abc import Callable

# Directive spans: (start, end) character indexes, end exclusive.
Spans = list[tuple[int, int]]

_PYTHON_FLAGS = "-+ #0"
_PYTHON_CONVERSIONS = "%csradiuoxXeEfFgG"
_C_FLAGS = " +-#0'"
_C_SIZES = "hlLqjzZt"
_C_CONVERSIONS = "%mcCsSiduoxXeEfFgGaApn"


def directive_spans(text: str, language: str) -> Spans:
    """The format directives of ``language`` (``c``, ``objc``, ``python``) in ``text``."""
    scanner = _SCANNERS.get(language)
    return scanner(text) if scanner is not None else []


def no_break_indexes(text: str, flags: list[str]) -> list[int]:
    """Indexes inside directives (not their first character) for the entry's format flag."""
    language = format_language(flags)
    if language is None:
        return []
    return [
        index for start, end in directive_spans(text, language) for index in range(start + 1, end)
    ]


def format_language(flags: list[str]) -> str | None:
    """The language gettext parses strings with: the first ``X-format`` flag in gettext's order."""
    for flag in flags:  # canonical flags are already in gettext's order
        if flag.endswith("-format") and not flag.startswith("no-"):
            return flag[: -len("-format")]
    return None


def _digits(text: str, index: int) -> int:
    while index < len(text) and "0" <= text[index] <= "9":
        index += 1
    return index


def _python_spans(text: str) -> Spans:
    spans: Spans = []
    named = unnamed = False
    index = text.find("%")
    while index >= 0:
        start = index
        name_end = _python_name_end(text, index + 1)
        if name_end is None:
            return spans
        name = name_end > index + 1
        index, stars = _python_width_precision(text, name_end)
        if stars and (name or named):
            return spans  # a "*" takes an unnamed argument: gettext refuses to mix
        unnamed = unnamed or stars
        while index < len(text) and text[index] in "hlL":
            index += 1
        if index >= len(text) or text[index] not in _PYTHON_CONVERSIONS:
            return spans
        if text[index] != "%" or name:
            if (name and unnamed) or (not name and named):
                return spans  # gettext refuses to mix named and unnamed directives
            named, unnamed = named or name, unnamed or not name
        spans.append((start, index + 1))
        index = text.find("%", index + 1)
    return spans


def _python_name_end(text: str, index: int) -> int | None:
    """The index after a ``(name)`` (``index`` itself when there is none; None if unclosed)."""
    if text[index : index + 1] != "(":
        return index
    depth = 0
    index += 1
    while index < len(text) and not (text[index] == ")" and depth == 0):
        depth += {"(": 1, ")": -1}.get(text[index], 0)
        index += 1
    return index + 1 if index < len(text) else None


def _python_width_precision(text: str, index: int) -> tuple[int, bool]:
    """Skip flags, width and precision; whether a ``*`` asks for an argument."""
    while index < len(text) and text[index] in _PYTHON_FLAGS:
        index += 1
    stars = False
    if text[index : index + 1] == "*":
        index, stars = index + 1, True
    else:
        index = _digits(text, index)
    if text[index : index + 1] == ".":
        index += 1
        if text[index : index + 1] == "*":
            index, stars = index + 1, True
        else:
            index = _digits(text, index)
    return index, stars


def _c_spans(text: str, conversions: str = "") -> Spans:
    """C directives; ``conversions`` adds conversion letters (``@`` for Objective-C)."""
    conversions = _C_CONVERSIONS + conversions
    spans: Spans = []
    numbered: set[bool] = set()  # gettext refuses "%1$s" and "%s" in one string
    index = text.find("%")
    while index >= 0:
        start = index
        index, argument = _c_argument(text, index + 1)
        while index < len(text) and text[index] in _C_FLAGS:
            index += 1
        index, width = _c_amount(text, index)
        precision = None
        if text[index : index + 1] == ".":
            index, precision = _c_amount(text, index + 1)
        if text[index : index + 1] == "<":
            index = _c_macro_end(text, index + 1)
            takes_argument = True
        else:
            while index < len(text) and text[index] in _C_SIZES:
                index += 1
            conversion = text[index : index + 1]
            if not conversion or conversion not in conversions:
                return spans
            takes_argument = conversion not in "%m"
        kinds = {kind for kind in (width, precision) if kind is not None}
        if takes_argument:
            kinds.add(argument is True)
        if index < 0 or argument is None or None in kinds or len(numbered | kinds) > 1:
            return spans
        numbered |= kinds
        spans.append((start, index + 1))
        index = text.find("%", index + 1)
    return spans


def _c_argument(text: str, index: int) -> tuple[int, bool | None]:
    """Skip an ``N$`` argument number: whether there was one (None for the invalid ``0$``)."""
    end = _digits(text, index)
    if end > index and text[end : end + 1] == "$":
        return end + 1, (None if int(text[index:end]) == 0 else True)
    return index, False


def _c_amount(text: str, index: int) -> tuple[int, bool | None]:
    """Skip a width or precision; for ``*`` or ``*N$``, whether its argument is numbered."""
    if text[index : index + 1] != "*":
        return _digits(text, index), None
    return _c_argument(text, index + 1)


_C_MACRO_SIZES = ("MAX", "PTR", "LEAST8", "LEAST16", "LEAST32", "LEAST64",
                  "FAST8", "FAST16", "FAST32", "FAST64", "8", "16", "32", "64")  # fmt: skip


def _c_macro_end(text: str, index: int) -> int:
    """The index of the ``>`` ending a ``<PRId64>``-style macro, or -1 when it is invalid."""
    if text[index : index + 3] != "PRI" or text[index + 3 : index + 4] not in tuple("diouxX"):
        return -1
    index += 4
    for size in _C_MACRO_SIZES:
        if text.startswith(size + ">", index):
            return index + len(size)
    return -1


_SCANNERS: dict[str, Callable[[str], Spans]] = {
    "c": _c_spans,
    "objc": lambda text: _c_spans(text, "@"),
    "python": _python_spans,
}
