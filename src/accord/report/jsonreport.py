"""``report.json``: the findings (as ``check --format json``) and the status, in one object."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
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
    """``value`` as ``report_json`` lays it out ``level`` levels deep (first line unindented)."""
    return json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n" + "  " * level)


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
