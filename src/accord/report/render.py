"""All report files at once (pure): file name → text. ``steps.report`` writes them."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from typing import Any

from accord.report.html import render_html
from accord.report.jsonreport import report_json
from accord.report.markdown import markdown_summary
from accord.report.model import GlossaryView, build_model
from accord.review.status import Status


def render_reports(
    status: Status,
    findings: Sequence[Mapping[str, Any]],
    glossary_view: GlossaryView | None = None,
    source_langs: Mapping[str, str] | None = None,
    pages_for: Collection[str] | None = None,
) -> dict[str, str]:
    """Every report file by name relative to the reports folder → its text.

    ``status`` is what ``collect_status`` returns, ``findings`` are ``Finding.to_dict()``
    values, ``source_langs`` maps article slugs to their source language. The same
    inputs always give the same bytes. With ``pages_for``, only those locales get their
    pages rendered; the index, glossary, JSON and Markdown still cover every locale.
    """
    model = build_model(status, findings, glossary_view or GlossaryView(), source_langs)
    files = render_html(model, pages_for)
    files["report.json"] = report_json(findings, status)
    files["report.md"] = markdown_summary(findings, status)
    return dict(sorted(files.items()))
