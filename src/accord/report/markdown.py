"""``report.md`` and ``check --format markdown``: a short summary for a pull-request comment."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from accord.checks.finding import summarize
from accord.report.findings import finding_sort_key
from accord.report.model import STATES, percent
from accord.review.state import State
from accord.review.status import ArticleStatus, LocaleStatus, Review, Status

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
    reviews = None
    if status is not None:
        reviews = Reviews()
        for entry in status.locales:
            for article in entry.articles:
                reviews.add(entry.locale, article)
    listed = sorted(findings, key=row_key)
    return markdown_text(summarize(findings), listed[:MAX_ROWS], len(listed),
                         None if status is None else status.locales, reviews)


def row_key(f: Mapping[str, Any]) -> tuple[bool, tuple[str, str, int, str, str, str]]:
    """The order of the findings table: errors first, then as the reports sort them."""
    return (f.get("severity") != "error", finding_sort_key(f))


def markdown_text(
    summary: Mapping[str, Any],
    first: Sequence[Mapping[str, Any]],
    count: int,
    locales: Sequence[LocaleStatus] | None = None,
    reviews: Reviews | None = None,
) -> str:
    """The summary from its parts: ``summarize`` of every finding, the first ``MAX_ROWS``
    findings in ``row_key`` order, how many there are, the locales' totals and their
    reviews (both absent without a status)."""
    errors, warnings = summary["errors"], summary["warnings"]
    verdict = "❌ check fails" if errors else "✅ check passes"
    lines = [
        "## Accord glossary report",
        "",
        f"**{verdict}**: {_plural(errors, 'error')}, {_plural(warnings, 'warning')}.",
        "",
    ]
    if locales is not None:
        lines += _progress_table(locales, summary)
        lines += (reviews or Reviews()).lines()
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
    if count:
        lines += ["| | locale | where | segment | check | message |",
                  "| --- | --- | --- | --- | --- | --- |"]
        for f in first[:MAX_ROWS]:
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
        if count > MAX_ROWS:
            lines.append("")
            lines.append(f"…and {count - MAX_ROWS} more in `build/reports/report.json`.")
        lines.append("")
    return "\n".join(lines)


def _progress_table(locales: Sequence[LocaleStatus], summary: Mapping[str, Any]) -> list[str]:
    lines = [
        "| locale | done | " + " | ".join(STATES) + " | errors | warnings |",
        "| --- | ---: | " + " | ".join("---:" for _ in STATES) + " | ---: | ---: |",
    ]
    for entry in locales:
        locale, counts, total, done = entry.locale, entry.counts, entry.total, entry.complete
        found = summary["by_locale"].get(locale, {"errors": 0, "warnings": 0})
        lines.append(
            f"| {cell(locale)} | {percent(done, total)} % | "
            + " | ".join(str(counts[s]) for s in STATES)
            + f" | {found['errors']} | {found['warnings']} |"
        )
    lines.append("")
    return lines


class Reviews:
    """Rejected segments (the first ``MAX_ROWS``, and how many) and approvals per locale and
    reviewer (how many, the latest date), gathered article by article in status order."""

    def __init__(self) -> None:
        self.rejected: list[tuple[str, str, str, Review]] = []
        self.rejections = 0
        self.approvals: dict[tuple[str, str], tuple[int, str]] = {}

    def add(self, locale: str, article: ArticleStatus) -> None:
        """Count the reviews of one article's segments in ``locale``."""
        for segment in article.segments:
            review = segment.review
            if review is None or not review.by:
                continue
            if segment.state is State.REJECTED:
                self.rejections += 1
                if len(self.rejected) < MAX_ROWS:
                    self.rejected.append((locale, article.article, segment.id, review))
            elif segment.state is State.APPROVED:
                n, latest = self.approvals.get((locale, review.by), (0, review.date))
                self.approvals[(locale, review.by)] = (n + 1, max(latest, review.date))

    def lines(self) -> list[str]:
        """Rejected segments with reviewer and reason, and approvals per reviewer and locale."""
        return _reviews(self.rejected, self.rejections, self.approvals)


def _reviews(
    rejected: list[tuple[str, str, str, Review]], rejections: int,
    approvals: dict[tuple[str, str], tuple[int, str]],
) -> list[str]:
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
        if rejections > MAX_ROWS:
            lines += ["", f"…and {rejections - MAX_ROWS} more in `build/reports/report.json`."]
        lines.append("")
    if approvals:
        lines += ["### Approvals", "", "| locale | approved by | segments | latest |",
                  "| --- | --- | ---: | --- |"]
        for (locale, who), (n, latest) in sorted(approvals.items()):
            lines.append(f"| {cell(locale)} | {cell(who)} | {n} | {cell(latest)} |")
        lines.append("")
    return lines
