"""Where gettext breaks a quoted PO string: Unicode line breaking (UAX #14) by column width.

GNU gettext's writer asks libunistring's ``ulc_width_linebreaks`` where to cut a
string so that no line passes the page width.  To reproduce its output byte for
byte, Accord asks the same function of the same library (``libunistring.so.2``,
the library gettext's tools are linked with).  Where that library is missing a
pure-Python approximation takes over: it breaks after spaces and after the
punctuation gettext most often breaks after, which covers ordinary prose but may
differ from ``msgcat`` on unusual strings.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import unicodedata
from collections.abc import Callable, Sequence
from functools import lru_cache

UC_BREAK_UNDEFINED = 0
UC_BREAK_PROHIBITED = 1
UC_BREAK_POSSIBLE = 2

# (text, no_break_before, width, start_column) -> indexes of characters a new line starts at
Breaker = Callable[[str, Sequence[int], int, int], list[int]]


def width_breaks(
    text: str, no_break_before: Sequence[int], width: int, start_column: int
) -> list[int]:
    """Indexes in ``text`` before which a line must break so no line is wider than ``width``.

    ``no_break_before`` lists character indexes where breaking is forbidden (inside an
    escape sequence, before a final ``\\n``); ``start_column`` is the column the text
    starts at on its first line, later lines start at column 0.
    """
    # No character is wider than two columns: a text that fits even so needs no break.
    widest = len(text) if text.isascii() else 2 * len(text)
    if start_column + widest <= width:
        return []
    return _breaker()(text, no_break_before, width, start_column)


@lru_cache(maxsize=1)
def _breaker() -> Breaker:
    function = _libunistring_function()
    if function is None:
        return _python_breaks
    return lambda text, no_break, width, start: _libunistring_breaks(
        function, text, no_break, width, start
    )


def _libunistring_function() -> ctypes._CFuncPtr | None:  # type: ignore[name-defined]
    for name in (ctypes.util.find_library("unistring"), "libunistring.so.2", "libunistring.so"):
        if not name:
            continue
        try:
            library = ctypes.CDLL(name)
        except OSError:
            continue
        function = getattr(library, "u8_width_linebreaks_v2", None) or getattr(
            library, "u8_width_linebreaks", None
        )
        if function is None:
            continue
        function.restype = ctypes.c_int
        function.argtypes = [
            ctypes.c_char_p,  # s
            ctypes.c_size_t,  # n
            ctypes.c_int,  # width
            ctypes.c_int,  # start_column
            ctypes.c_int,  # at_end_columns
            ctypes.c_char_p,  # overrides
            ctypes.c_char_p,  # encoding
            ctypes.c_char_p,  # result
        ]
        return function
    return None


def _libunistring_breaks(
    function: ctypes._CFuncPtr,  # type: ignore[name-defined]
    text: str,
    no_break_before: Sequence[int],
    width: int,
    start_column: int,
) -> list[int]:
    data = text.encode("utf-8")
    ascii_only = len(data) == len(text)
    overrides = bytearray(len(data))
    for index in no_break_before:
        overrides[index if ascii_only else len(text[:index].encode("utf-8"))] = UC_BREAK_PROHIBITED
    result = ctypes.create_string_buffer(len(data))
    function(data, len(data), width, start_column, 0, bytes(overrides), b"UTF-8", result)
    raw = result.raw
    breaks: list[int] = []
    position = raw.find(_POSSIBLE)
    while position >= 0:
        breaks.append(position if ascii_only else len(data[:position].decode("utf-8")))
        position = raw.find(_POSSIBLE, position + 1)
    return breaks


_POSSIBLE = bytes([UC_BREAK_POSSIBLE])


# Characters after which the approximation allows a break even without a space
# (UAX #14 classes BA and HY when followed by a letter, SY "/" before a letter).
_BREAK_AFTER = frozenset("-/|\u2010\u2012\u2013")


def char_width(char: str) -> int:
    """Columns ``char`` takes in a terminal: 0 for combining and format marks, 2 for wide."""
    if unicodedata.combining(char) or unicodedata.category(char) in {"Mn", "Me", "Cf"}:
        return 0
    if unicodedata.category(char) == "Cc":
        return 0
    return 2 if unicodedata.east_asian_width(char) in {"W", "F"} else 1


def _python_breaks(
    text: str, no_break_before: Sequence[int], width: int, start_column: int
) -> list[int]:
    forbidden = set(no_break_before)
    possible = [False] * len(text)
    for i in range(1, len(text)):
        before, char = text[i - 1], text[i]
        if char == " ":
            continue
        if before == " " or (
            before in _BREAK_AFTER and char.isalpha() and i > 1 and text[i - 2] != " "
        ):
            possible[i] = i not in forbidden
    breaks: list[int] = []
    last_break: int | None = None
    column = start_column
    piece = 0
    for i, char in enumerate(text):
        if possible[i]:
            if last_break is not None and column + piece > width:
                breaks.append(last_break)
                column = 0
            last_break = i
            column += piece
            piece = 0
        piece += char_width(char)
    if last_break is not None and column + piece > width:
        breaks.append(last_break)
    return breaks
