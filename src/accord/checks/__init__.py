"""Glossary and QA checks: each a small function returning Finding values, never raising.

Public API::

    Severity, Finding, Where, CHECKS, SEVERITY, summary(findings)
    check_segment(glossary, msgid, msgstr, source_lang, locale, where=None) -> list[Finding]
    check_source(glossary, text, lang, where=None) -> list[Finding]
"""

from accord.checks.finding import CHECKS, SEVERITY, Finding, Severity, Where, summary
from accord.checks.segment import check_segment, check_source

__all__ = [
    "CHECKS",
    "SEVERITY",
    "Finding",
    "Severity",
    "Where",
    "check_segment",
    "check_source",
    "summary",
]
