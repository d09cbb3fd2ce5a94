"""``report.md`` and ``check --format markdown``: a short summary for a pull-request comment."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from accord.checks.finding import summarize
from accord.report.findings import finding_sort_key
from accord.report.model import STATES, percent
from accord.review.state import State
from accord.review.status import Review, Status

MAX_ROWS = 25
_SPECIAL = re.compile(r"([\\`*_{}\[\]|<>#!~])")


def cell(text: object) -> str:
    """``text`` safe inside a Markdown table cell: one line, no markup, no HTML."""
    flat = " ".join(str(text).split())
    escaped = flat.replace("&", "&amp;")
    return _SPECIAL.sub(r"\\\1", escaped)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def markdown_summary(findings: Sequence[Mapping[str, Any]],
                     status: Status | None = None) -> str:
    """A Markdown summary of ``findings`` (and of progress, given ``status``).

    ``findings`` are finding dicts (``Finding.to_dict()``); ``status`` is what
    ``collect_status`` returns. Errors are listed first, at most 25 rows.
    """
    summary = summarize(findings)
    errors, warnings = summary["errors"], summary["warnings"]
    verdict = "❌ check fails" if errors else "✅ check passes"
    lines = [
        "## Accord glossary report",
        "",
        f"**{verdict}**: {_plural(errors, 'error')}, {_plural(warnings, 'warning')}.",
        "",
    ]
    if status is not None:
        lines += _progress_table(status, summary)
        lines += _reviews(status)
    elif summary["by_locale"]:
        lines += ["| locale | errors | warnings |", "| --- | ---: | ---: |"]
        for locale, row in summary["by_locale"].items():
            lines.append(f"| {cell(locale)} | {row['errors']} | {row['warnings']} |")
        lines.append("")
    if summary["by_check"]:
        lines.append("Findings by check: " + ", ".join(
            f"`{check}` {n}" for check, n in summary["by_check"].items()
        ) + ".")
        lines.append("")
    listed = sorted(findings, key=lambda f: (f.get("severity") != "error", finding_sort_key(f)))
    if listed:
        lines += ["| | locale | where | segment | check | message |",
                  "| --- | --- | --- | --- | --- | --- |"]
        for f in listed[:MAX_ROWS]:
            icon = "❌" if f.get("severity") == "error" else "⚠️"
            where = f"{f.get('file') or ''}:{f.get('line')}" if f.get("line") else f.get("file")
            message = str(f.get("message") or "")
            expected = f.get("expected")
            if expected and str(expected) not in message:
                message += f" (expected: {expected})"
            lines.append(
                f"| {icon} | {cell(f.get('locale') or '')} | {cell(where or '')} | "
                f"{cell(f.get('segment') or '')} | {cell(f.get('check') or '')} | {cell(message)} |"
            )
        if len(listed) > MAX_ROWS:
            lines.append("")
            lines.append(f"…and {len(listed) - MAX_ROWS} more in `build/reports/report.json`.")
        lines.append("")
    return "\n".join(lines)


def _progress_table(status: Status, summary: Mapping[str, Any]) -> list[str]:
    lines = [
        "| locale | done | " + " | ".join(STATES) + " | errors | warnings |",
        "| --- | ---: | " + " | ".join("---:" for _ in STATES) + " | ---: | ---: |",
    ]
    for entry in status.locales:
        locale, counts, total, done = entry.locale, entry.counts, entry.total, entry.complete
        found = summary["by_locale"].get(locale, {"errors": 0, "warnings": 0})
        lines.append(
            f"| {cell(locale)} | {percent(done, total)} % | "
            + " | ".join(str(counts[s]) for s in STATES)
            + f" | {found['errors']} | {found['warnings']} |"
        )
    lines.append("")
    return lines


def _reviews(status: Status) -> list[str]:
    """Rejected segments with reviewer and reason, and approvals per reviewer and locale."""
    rejected: list[tuple[str, str, str, Review]] = []
    approvals: dict[tuple[str, str], list[str]] = {}
    for entry in status.locales:
        for article in entry.articles:
            for segment in article.segments:
                review = segment.review
                if review is None or not review.by:
                    continue
                if segment.state is State.REJECTED:
                    rejected.append((entry.locale, article.article, segment.id, review))
                elif segment.state is State.APPROVED:
                    approvals.setdefault((entry.locale, review.by), []).append(review.date)
    lines: list[str] = []
    if rejected:
        lines += ["### Rejected segments", "",
                  "| locale | article | segment | rejected by | on | reason |",
                  "| --- | --- | --- | --- | --- | --- |"]
        for locale, slug, sid, review in rejected[:MAX_ROWS]:
            lines.append(
                f"| {cell(locale)} | {cell(slug)} | {cell(sid)} | {cell(review.by)} | "
                f"{cell(review.date)} | {cell(review.reason or '')} |"
            )
        if len(rejected) > MAX_ROWS:
            lines += ["", f"…and {len(rejected) - MAX_ROWS} more in `build/reports/report.json`."]
        lines.append("")
    if approvals:
        lines += ["### Approvals", "", "| locale | approved by | segments | latest |",
                  "| --- | --- | ---: | --- |"]
        for (locale, who), dates in sorted(approvals.items()):
            lines.append(f"| {cell(locale)} | {cell(who)} | {len(dates)} | {cell(max(dates))} |")
        lines.append("")
    return lines
