"""Cut a long segment into pieces an engine accepts, and join the translations again."""

from __future__ import annotations

import re
from collections.abc import Callable

# A sentence ends at . ! ? … (optionally followed by a closing quote or bracket)
# and the white space after it; a line break always ends a piece.
_SENTENCE_END = re.compile(r"(?<=[.!?…。؟])[\"'»”)\]]*\s+|\n+")
_SPACE = re.compile(r"\s+")


def split_text(text: str, limit: int) -> list[tuple[str, str]]:
    """``text`` as (piece, separator) pairs, each piece shorter than ``limit`` characters.

    Pieces end at sentence boundaries where possible, else at spaces, else anywhere;
    ``"".join(p + s for p, s in split_text(t, n)) == t`` always holds.
    """
    if limit < 2:
        raise ValueError("limit must be at least 2")
    if len(text) < limit:
        return [(text, "")]
    out: list[tuple[str, str]] = []
    for piece, separator in _cut(text, _SENTENCE_END):
        if len(piece) < limit:
            out.append((piece, separator))
            continue
        runs = _pack(_cut(piece, _SPACE), limit)
        for index, (word_run, space) in enumerate(runs):
            out.append((word_run, space + separator if index == len(runs) - 1 else space))
    return _merge(out, limit)


def join_pieces(pieces: list[tuple[str, str]], translate: Callable[[str], str]) -> str:
    """Translate each non-blank piece and put the separators back between them."""
    return "".join((translate(p) if p.strip() else p) + s for p, s in pieces)


def _cut(text: str, pattern: re.Pattern[str]) -> list[tuple[str, str]]:
    pieces: list[tuple[str, str]] = []
    start = 0
    for match in pattern.finditer(text):
        if match.start() == start and pieces:
            piece, sep = pieces[-1]
            pieces[-1] = (piece, sep + match.group())
        else:
            # Closing quotes/brackets matched by the lookahead group stay with the sentence.
            head = match.group()
            separator = head.lstrip("\"'»”)]")
            closing = head[: len(head) - len(separator)]
            pieces.append((text[start : match.start()] + closing, separator))
        start = match.end()
    if start < len(text) or not pieces:
        pieces.append((text[start:], ""))
    return pieces


def _pack(words: list[tuple[str, str]], limit: int) -> list[tuple[str, str]]:
    """Group words into runs shorter than ``limit``; a too-long word is cut hard."""
    runs: list[tuple[str, str]] = []
    current: str | None = None  # None: no word in the current run yet
    last_space = ""
    for whole_word, space in words:
        word = whole_word
        while len(word) >= limit:
            if current is not None:
                runs.append((current, last_space))
                current, last_space = None, ""
            runs.append((word[: limit - 1], ""))
            word = word[limit - 1 :]
        candidate = word if current is None else current + last_space + word
        if current is not None and len(candidate) >= limit:
            runs.append((current, last_space))
            candidate = word
        current = candidate
        last_space = space
    runs.append((current or "", last_space))
    return runs


def _merge(pieces: list[tuple[str, str]], limit: int) -> list[tuple[str, str]]:
    """Put short neighbouring sentences back together so that fewer requests are made."""
    merged: list[tuple[str, str]] = []
    for piece, separator in pieces:
        if merged:
            previous, previous_sep = merged[-1]
            joined = previous + previous_sep + piece
            if "\n" not in previous_sep and len(joined) < limit:
                merged[-1] = (joined, separator)
                continue
        merged.append((piece, separator))
    return merged
