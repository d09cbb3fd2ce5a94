"""Findings as text (one per line, compiler style), JSON (DESIGN.md §9) or Markdown."""

from __future__ import annotations

import json

from accord.checks.finding import Finding, summary
from accord.readable import readable

FORMATS = ("text", "json", "markdown")


def format_findings(findings: list[Finding], fmt: str) -> str:
    """``findings`` in ``fmt`` (one of FORMATS)."""
    if fmt == "json":
        return format_json(findings)
    if fmt == "markdown":
        return format_markdown(findings)
    return format_text(findings)


def format_json(findings: list[Finding]) -> str:
    """``{"findings": [...], "summary": {...}}``."""
    document = {"findings": [f.to_dict() for f in findings], "summary": summary(findings)}
    return json.dumps(document, ensure_ascii=False, indent=2)


def format_text(findings: list[Finding]) -> str:
    """``file:line: severity: [check] message (article, segment)`` lines and a total.

    Invisible characters are written out (``<ZWNJ>``): this is terminal output.
    """
    lines = []
    for item in findings:
        fuzzy = " (fuzzy)" if item.fuzzy else ""
        lines.append(readable(f"{item.file}:{item.line}: {item.severity.value}: [{item.check}] "
                              f"{item.message}{fuzzy} ({item.locale}, {item.article}, "
                              f"{item.segment})"))
    totals = summary(findings)
    lines.append(f"{totals['errors']} error(s), {totals['warnings']} warning(s)")
    return "\n".join(lines)


def format_markdown(findings: list[Finding]) -> str:
    """The same Markdown summary as ``build/reports/report.md``, without the progress table."""
    from accord.report.markdown import markdown_summary  # noqa: PLC0415  (report imports checks)

    return markdown_summary([f.to_dict() for f in findings], None)
