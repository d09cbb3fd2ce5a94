"""Reviewer reports: status + findings + glossary → build/reports/ (HTML, JSON, Markdown).

``render_reports`` is pure (file name → text); ``accord.steps.report.write_reports``
writes them.
"""

from __future__ import annotations

from accord.report.highlight import Highlight, Span
from accord.report.markdown import markdown_summary
from accord.report.model import ConceptView, GlossaryView, build_model
from accord.report.render import render_reports

__all__ = [
    "ConceptView",
    "GlossaryView",
    "Highlight",
    "Span",
    "build_model",
    "markdown_summary",
    "render_reports",
]
