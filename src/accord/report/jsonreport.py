"""``report.json``: the findings (as ``check --format json``) and the status, in one object."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from functools import cache
from json.encoder import c_make_encoder  # type: ignore[attr-defined]
from json.encoder import encode_basestring as _string  # C-accelerated, as json.dumps's
from typing import Any

from accord.checks.finding import summarize
from accord.report.findings import finding_sort_key
from accord.review.status import LocaleStatus, Status


def report_data(findings: Sequence[Mapping[str, Any]], status: Status) -> dict[str, Any]:
    """``{"findings": [...], "summary": {...}, "status": {...}}`` in a stable order."""
    ordered = [dict(f) for f in sorted(findings, key=finding_sort_key)]
    return {"findings": ordered, "summary": summarize(ordered), "status": status.to_json()}


def report_json(findings: Sequence[Mapping[str, Any]], status: Status) -> str:
    """``report.json`` text: UTF-8 as is, two-space indent, a final newline."""
    return json.dumps(report_data(findings, status), ensure_ascii=False, indent=2) + "\n"


# report.json piece by piece, byte for byte what ``report_json`` gives for the whole: a
# report over thousands of articles is written as it is made, never held at once.

def indented(value: object, level: int) -> str:
    """``value`` as ``report_json`` lays it out ``level`` levels deep (first line unindented).

    Byte for byte ``json.dumps(value, ensure_ascii=False, indent=2)`` with each line
    indented ``level`` more. json's C encoder works only without ``indent``; here it
    encodes each object or list of plain values (a segment's status, its counts)
    whole, its item separator carrying the line break and the indent. A value json
    would treat specially (a key that is not a string, a type of its own) goes through
    ``json.dumps`` itself.
    """
    out: list[str] = []
    try:
        _lay(value, "\n" + "  " * level, out)
    except _Unusual:
        return json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n" + "  " * level)
    return "".join(out)


class _Unusual(Exception):
    """A value ``_lay`` leaves to ``json.dumps``."""


_PLAIN = frozenset({str, int, float, bool, type(None)})


@cache
def _encoder(inner: str) -> Callable[[object], str]:
    """json's C encoder laying out the items of a flat list or object on lines ``inner``
    (made once: ``JSONEncoder.encode`` would make it again for every value)."""
    if c_make_encoder is None:  # a Python without json's C part
        return json.JSONEncoder(ensure_ascii=False, separators=("," + inner, ": ")).encode
    encode = c_make_encoder(None, None, _string, None, ": ", "," + inner, False, False, True)
    return lambda value: "".join(encode(value, 0))


def _lay(value: object, newline: str, out: list[str]) -> None:
    """Append ``value``'s indented JSON to ``out``; ``newline`` starts its lines."""
    if type(value) in _PLAIN:
        out.append(json.dumps(value, ensure_ascii=False))
    elif isinstance(value, dict):
        if not all(type(key) is str for key in value):
            raise _Unusual
        _container(value, value.values(), newline, out)
    elif isinstance(value, list | tuple):
        _container(value, value, newline, out)
    else:
        raise _Unusual


def _container(
    value: dict[str, object] | list[object] | tuple[object, ...], items: Iterable[object],
    newline: str, out: list[str],
) -> None:
    """``_lay`` of an object or a list (``items``: its values)."""
    opening, closing = ("{", "}") if isinstance(value, dict) else ("[", "]")
    if not value:
        out.append(opening + closing)
        return
    inner = newline + "  "
    if all(type(item) in _PLAIN for item in items):
        text = _encoder(inner)(value)  # opening, the items with the lines in the separator
        out.append(opening + inner + text[1:-1] + newline + closing)
        return
    out.append(opening + inner)
    if isinstance(value, dict):
        for index, (key, item) in enumerate(value.items()):
            out.append(("," + inner if index else "") + _string(key) + ": ")
            _lay(item, inner, out)
    else:
        for index, item in enumerate(value):
            if index:
                out.append("," + inner)
            _lay(item, inner, out)
    out.append(newline + closing)


def separator(level: int) -> str:
    """What stands between two items of a list ``level`` levels deep."""
    return ",\n" + "  " * (level + 1)


def joined_list(runs: Iterable[Iterable[str]], level: int) -> Iterator[str]:
    """A JSON list ``level`` deep from runs of items: each run is the pieces of one or more
    ``indented(item, level + 1)`` texts joined by ``separator(level)``."""
    empty = True
    for run in runs:
        yield "[\n" + "  " * (level + 1) if empty else separator(level)
        yield from run
        empty = False
    yield "[]" if empty else "\n" + "  " * level + "]"


def locale_json(locale: LocaleStatus, articles: Iterable[str] | None) -> Iterator[str]:
    """One locale of ``status.locales`` (3 deep); ``articles`` are the pieces of its
    articles' ``indented(a, 5)`` texts joined by ``separator(4)``, None for none."""
    head = indented({**locale.to_json(), "articles": []}, 3)
    yield head.removesuffix('[]\n' + "  " * 3 + "}")
    yield from joined_list([articles] if articles is not None else [], 4)
    yield "\n" + "  " * 3 + "}"


def report_json_chunks(
    findings: Iterable[Iterable[str]], summary: Mapping[str, Any],
    locales: Iterable[Iterable[str]],
) -> Iterator[str]:
    """``report.json`` from its parts: runs of findings (``indented(f, 2)`` joined by
    ``separator(1)``, in order), their summary, the status locales (``locale_json``)."""
    yield '{\n  "findings": '
    yield from joined_list(findings, 1)
    yield ',\n  "summary": ' + indented(dict(summary), 1)
    yield ',\n  "status": {\n    "locales": '
    yield from joined_list(locales, 2)
    yield "\n  }\n}\n"
