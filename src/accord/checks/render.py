"""Findings as text (one per line, compiler style), JSON (DESIGN.md §9) or Markdown."""

from __future__ import annotations

import json

from accord.checks.finding import Finding, Severity, summary

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
    """``file:line: severity: [check] message (article, segment)`` lines and a total."""
    lines = []
    for item in findings:
        fuzzy = " (fuzzy)" if item.fuzzy else ""
        lines.append(f"{item.file}:{item.line}: {item.severity.value}: [{item.check}] "
                     f"{item.message}{fuzzy} ({item.locale}, {item.article}, {item.segment})")
    totals = summary(findings)
    lines.append(f"{totals['errors']} error(s), {totals['warnings']} warning(s)")
    return "\n".join(lines)


def _cell(text: str | None) -> str:
    return (text or "").replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def format_markdown(findings: list[Finding]) -> str:
    """A Markdown report: totals, then one table per locale."""
    totals = summary(findings)
    out = ["# Accord check", "",
           f"{totals['errors']} error(s), {totals['warnings']} warning(s).", ""]
    for locale in dict.fromkeys(f.locale for f in findings):
        out += [f"## {locale}", "",
                "| severity | check | file:line | segment | message |",
                "| --- | --- | --- | --- | --- |"]
        for item in (f for f in findings if f.locale == locale):
            mark = "**error**" if item.severity is Severity.ERROR else "warning"
            out.append(f"| {mark} | {item.check} | {_cell(item.file)}:{item.line} | "
                       f"{item.segment} | {_cell(item.message)} |")
        out.append("")
    return "\n".join(out)
