"""TOML front matter (``+++``, Hugo's default): split it off, find its values, write it back.

tomllib reads the block; the lines are scanned once more to know where each key's
value sits (``title = "…"``, ``[params]`` then ``description = "…"``, dotted keys),
so that a rewrite replaces only the values that changed and copies every other
line (comments, quoting, dates, order) as written.
"""

from __future__ import annotations

import datetime
import json
import re
import tomllib
from typing import Any

from accord.errors import SourceError
from accord.source.frontmatter import FrontMatter, FrontMatterValue, lookup

DELIMITER = "+++"
MAX_DEPTH = 50  # as for YAML front matter (accord.safeyaml): articles need a handful

_BARE = r"[A-Za-z0-9_-]+"
_QUOTED = r"\"(?:[^\"\\]|\\.)*\"|'[^']*'"
_KEY = rf"(?:{_BARE}|{_QUOTED})(?:\s*\.\s*(?:{_BARE}|{_QUOTED}))*"
_ASSIGNMENT = re.compile(rf"^\s*({_KEY})\s*=")
_TABLE = re.compile(rf"^\s*\[\s*({_KEY})\s*\]\s*(?:#.*)?$")
_ARRAY_TABLE = re.compile(r"^\s*\[\[")


def too_deep(text: str) -> int:
    """The line (1-based, in ``text``) where ``[`` and ``{`` nest deeper than MAX_DEPTH, or 0.

    tomllib parses nested arrays and inline tables by recursion: a few thousand
    ``[`` end in RecursionError. This scan skips strings and comments, without recursion.
    """
    depth, line, index, size = 0, 1, 0, len(text)
    while index < size:
        char = text[index]
        if char == "\n":
            line += 1
        elif char == "#":
            index = _end_of_line(text, index)
            continue
        elif char in "\"'":
            triple = text.startswith(char * 3, index)
            close = char * 3 if triple else char
            index += len(close)
            while index < size and not text.startswith(close, index):
                if text[index] == "\\" and char == '"':
                    index += 1
                elif text[index] == "\n":
                    if not triple:
                        break  # an unclosed string: tomllib reports it
                    line += 1
                index += 1
            index += len(close)
            continue
        elif char in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return line
        elif char in "]}":
            depth = max(0, depth - 1)
        index += 1
    return 0


def _end_of_line(text: str, index: int) -> int:
    end = text.find("\n", index)
    return len(text) if end < 0 else end


def is_toml(lines: list[str]) -> bool:
    """Whether the article opens with a ``+++`` TOML block."""
    return bool(lines) and lines[0].rstrip() == DELIMITER


def split_toml_front_matter(lines: list[str], path: str, keys: tuple[str, ...]) -> FrontMatter:
    """Parse the ``+++`` block at the top of ``lines``; a TOML error names its file line."""
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() == DELIMITER), None)
    if end is None:
        raise SourceError("front matter is not closed by a '+++' line", path, 1)
    text = "\n".join(lines[1:end]) + "\n"
    if deep := too_deep(text):
        raise SourceError(
            f"front matter nests arrays or tables more than {MAX_DEPTH} levels deep",
            path, deep + 1)
    try:
        data = tomllib.loads(text)
    except RecursionError:  # too_deep missed a way of nesting: still no traceback
        raise SourceError("front matter nests too deeply", path, 2) from None
    except tomllib.TOMLDecodeError as error:
        where = re.search(r" \(at line (\d+), column \d+\)$", str(error))
        line = int(where.group(1)) + 1 if where else 1
        problem = str(error)[: where.start()] if where else str(error)
        raise SourceError(f"front matter is not valid TOML: {problem}", path, line) from None
    spans = _spans(lines, end)
    values: list[FrontMatterValue] = []
    for key in keys:
        value = lookup(data, key)
        line = _line_of(spans, key)
        if isinstance(value, str) and value.strip():
            values.append(FrontMatterValue(key, None, value, line))
        elif isinstance(value, list):
            values.extend(
                FrontMatterValue(key, index, item, line)
                for index, item in enumerate(value)
                if isinstance(item, str) and item.strip()
            )
        elif isinstance(value, dict):
            raise SourceError(
                f"front matter key '{key}' must be a string or a list of strings", path, line
            )
    values.sort(key=lambda v: v.line)
    return FrontMatter(
        data=data, values=tuple(values), body_start=end + 1, present=True,
        spans=tuple(spans), format="toml",
    )


def _spans(lines: list[str], end: int) -> list[tuple[str, int, int]]:
    """(dotted key, first line, end line) of every assignment outside arrays of tables."""
    spans: list[tuple[str, int, int]] = []
    table: list[str] | None = []
    index = 1
    while index < end:
        line = lines[index]
        if header := _TABLE.match(line):
            table = _parts(header.group(1))
            index += 1
            continue
        if _ARRAY_TABLE.match(line):
            table = None
            index += 1
            continue
        assignment = _ASSIGNMENT.match(line)
        if not assignment:
            index += 1
            continue
        stop = index + 1
        while stop < end and not _parses("\n".join(lines[index:stop])):
            stop += 1
        if table is not None:
            spans.append((".".join([*table, *_parts(assignment.group(1))]), index, stop))
        index = stop
    return spans


def _parses(text: str) -> bool:
    try:
        tomllib.loads(text + "\n")
    except tomllib.TOMLDecodeError:
        return False
    return True


def _parts(key: str) -> list[str]:
    """``params."a.b"`` as ``["params", "a.b"]``."""
    parts = []
    for match in re.finditer(rf"{_BARE}|{_QUOTED}", key):
        part = match.group(0)
        parts.append(tomllib.loads(f"k = {part}")["k"] if part[0] in "\"'" else part)
    return parts


def _line_of(spans: list[tuple[str, int, int]], key: str) -> int:
    """The 1-based file line of ``key``'s value (of the inline table holding it)."""
    best = 1
    for name, start, _ in spans:
        if key == name or key.startswith(name + "."):
            best = start + 1
    return best


def rewrite_toml_front_matter(lines: list[str], front: FrontMatter, data: dict[str, Any]) -> str:
    """The ``+++`` block with only the values that differ in ``data`` rewritten.

    Keys new in ``data`` (``lang``, ``translation_of``) are top-level keys: they go
    before the first ``[table]``, where TOML still reads them as top-level.
    """
    out = list(lines[: front.body_start - 1])
    for name, start, stop in sorted(front.spans, key=lambda s: s[1], reverse=True):
        old, new = lookup(front.data, name), lookup(data, name)
        if new is None or (old == new and type(old) is type(new)):
            continue
        written = lines[start].split("=", 1)[0].rstrip()
        out[start:stop] = [f"{written} = {toml_value(new)}"]
    added = [f"{key} = {toml_value(value)}" for key, value in data.items() if key not in front.data]
    first_table = next(
        (i for i in range(1, len(out)) if _TABLE.match(out[i]) or _ARRAY_TABLE.match(out[i])),
        len(out),
    )
    while first_table > 1 and not out[first_table - 1].strip():
        first_table -= 1  # after the last top-level line, not after the blank line before [x]
    out[first_table:first_table] = added
    return "".join(line + "\n" for line in out) + DELIMITER + "\n"


def toml_value(value: Any) -> str:
    """``value`` written as TOML (strings, numbers, booleans, dates, arrays, inline tables)."""
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007F")
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        inner = ", ".join(f"{_key(k)} = {toml_value(v)}" for k, v in value.items())
        return "{" + inner + "}"
    raise TypeError(f"no TOML for {type(value).__name__}")


def _key(key: str) -> str:
    return key if re.fullmatch(_BARE, key) else json.dumps(key, ensure_ascii=False)
