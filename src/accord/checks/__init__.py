"""Glossary and QA checks: each a small function returning Finding values, never raising.

Every module of this folder is imported here, so that the checks it registers
(``registry.check``) run wherever checks run.

Public API::

    Severity, Finding, Where, CHECKS, SEVERITY, summary(findings)
    check_segment(glossary, msgid, msgstr, source_lang, locale, where=None) -> list[Finding]
    check_source(glossary, text, lang, where=None) -> list[Finding]
"""

import importlib
import pkgutil

from accord.checks.finding import CHECKS, Finding, Severity, Where, summary
from accord.checks.registry import SEVERITY
from accord.checks.segment import check_segment, check_source

for _module in pkgutil.iter_modules(__path__):
    importlib.import_module(f"{__name__}.{_module.name}")

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
