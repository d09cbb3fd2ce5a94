"""Findings as text (one per line, compiler style), JSON (DESIGN.md §9) or Markdown."""

from __future__ import annotations

import io
import json
from collections.abc import Iterable
from typing import Any, Protocol

from accord.checks.finding import Finding, Tally
from accord.readable import readable


class Writer(Protocol):
    """Where findings are written: a text stream, or one that copies what it is given."""

    def write(self, text: str, /) -> int: ...

FORMATS = ("text", "json", "markdown")
_JSON = json.JSONEncoder(ensure_ascii=False, indent=2)  # what json.dumps builds on each call


def format_findings(findings: list[Finding], fmt: str) -> str:
    """``findings`` in ``fmt`` (one of FORMATS)."""
    out = io.StringIO()
    write_findings(findings, fmt, out)
    return out.getvalue()


def write_findings(findings: Iterable[Finding], fmt: str, out: Writer) -> dict[str, Any]:
    """Write ``findings`` in ``fmt`` to ``out`` as they come; the summary object.

    Text and JSON are written one finding at a time, so that a repository's findings
    are never all held at once; Markdown (a summary by locale and check) collects them.
    """
    if fmt == "json":
        return write_json(findings, out)
    if fmt == "markdown":
        listed = list(findings)
        out.write(format_markdown(listed))
        return Tally.of(f.to_dict() for f in listed)
    return write_text(findings, out)


def format_json(findings: list[Finding]) -> str:
    """``{"findings": [...], "summary": {...}}``."""
    return format_findings(findings, "json")


def write_json(findings: Iterable[Finding], out: Writer) -> dict[str, Any]:
    """The bytes ``json.dumps(document, ensure_ascii=False, indent=2)`` gives, streamed."""
    tally = Tally()
    out.write('{\n  "findings": [')
    for number, item in enumerate(findings):
        record = item.to_dict()
        tally.add(record)
        text = _JSON.encode(record).replace("\n", "\n    ")
        out.write(("," if number else "") + "\n    " + text)
    summary = tally.summary()
    close = "\n  ]" if tally.count else "]"
    text = _JSON.encode(summary).replace("\n", "\n  ")
    out.write(f'{close},\n  "summary": {text}\n}}')
    return summary


def format_text(findings: list[Finding]) -> str:
    """``file:line: severity: [check] message (article, segment)`` lines and a total."""
    return format_findings(findings, "text")


def write_text(findings: Iterable[Finding], out: Writer) -> dict[str, Any]:
    """``file:line: severity: [check] message (article, segment)`` lines and a total.

    Invisible characters are written out (``<ZWNJ>``): this is terminal output.
    """
    tally = Tally()
    for item in findings:
        tally.add(item.to_dict())
        fuzzy = " (fuzzy)" if item.fuzzy else ""
        out.write(readable(f"{item.file}:{item.line}: {item.severity.value}: [{item.check}] "
                           f"{item.message}{fuzzy} ({item.locale}, {item.article}, "
                           f"{item.segment})") + "\n")
    totals = tally.summary()
    out.write(f"{totals['errors']} error(s), {totals['warnings']} warning(s)")
    return totals


def format_markdown(findings: list[Finding]) -> str:
    """The same Markdown summary as ``build/reports/report.md``, without the progress table."""
    from accord.report.markdown import markdown_summary  # noqa: PLC0415  (report imports checks)

    return markdown_summary([f.to_dict() for f in findings], None)
