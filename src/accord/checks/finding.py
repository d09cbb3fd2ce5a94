"""Findings: what every check returns, with a stable check id and a severity.

Each id's severity is declared where its check registers (``registry.check``).
"""

from __future__ import annotations

import enum
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any


class Severity(enum.Enum):
    """How bad a finding is: errors fail ``check`` (exit 1), warnings do not."""

    ERROR = "error"
    WARNING = "warning"


class CheckId(enum.StrEnum):
    """The stable id of a check: a finding's ``check`` (DESIGN.md §9), in the order listed."""

    GLOSSARY_MISSING = "glossary-missing"
    GLOSSARY_FORBIDDEN = "glossary-forbidden"
    GLOSSARY_BRAND = "glossary-brand"
    GLOSSARY_NEAR_MISS = "glossary-near-miss"
    GLOSSARY_GAP = "glossary-gap"
    MARKUP = "markup"
    URL = "url"
    NUMBER = "number"
    INCONSISTENT = "inconsistent"
    LINK_BROKEN = "link-broken"
    UNSAFE_MARKUP = "unsafe-markup"


CHECKS = tuple(check.value for check in CheckId)


@dataclass(frozen=True, slots=True)
class Where:
    """The segment a finding is about: article, PO or source file, line, segment id."""

    locale: str = ""
    article: str = ""
    segment: str = ""
    file: str = ""
    line: int = 0
    fuzzy: bool = False


@dataclass(frozen=True)
class Finding:
    """One problem in one segment. ``fuzzy`` tells that the entry was still marked fuzzy."""

    check: str
    severity: Severity
    locale: str
    article: str
    segment: str
    file: str
    line: int
    message: str
    concept: str | None = None
    found: str | None = None
    expected: str | None = None
    fuzzy: bool = False

    def to_dict(self) -> dict[str, Any]:
        """The JSON object of ``check --format json`` (DESIGN.md §9)."""
        return {
            "check": self.check,
            "severity": self.severity.value,
            "locale": self.locale,
            "article": self.article,
            "segment": self.segment,
            "file": self.file,
            "line": self.line,
            "message": self.message,
            "concept": self.concept,
            "found": self.found,
            "expected": self.expected,
            "fuzzy": self.fuzzy,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Finding:
        """The finding of a ``to_dict`` object (the check cache keeps them so)."""
        return cls(
            check=data["check"], severity=Severity(data["severity"]), locale=data["locale"],
            article=data["article"], segment=data["segment"], file=data["file"],
            line=data["line"], message=data["message"], concept=data["concept"],
            found=data["found"], expected=data["expected"], fuzzy=data["fuzzy"],
        )


def summary(findings: list[Finding]) -> dict[str, Any]:
    """The ``summary`` object: totals, per check and per locale."""
    return summarize([f.to_dict() for f in findings])


def summarize(findings: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    """The ``summary`` object of ``check --format json`` for ``findings``."""
    return Tally.of(findings)


class Tally:
    """The ``summary`` object counted one finding at a time (``check`` streams them)."""

    def __init__(self) -> None:
        self.by_check: Counter[str] = Counter()
        self.by_locale: dict[str, dict[str, int]] = {}
        self.counts = {"error": 0, "warning": 0}
        self.count = 0

    @classmethod
    def of(cls, findings: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
        """The summary of ``findings``."""
        tally = cls()
        for f in findings:
            tally.add(f)
        return tally.summary()

    def add(self, f: Mapping[str, Any]) -> None:
        """Count one finding (its JSON object)."""
        self.count += 1
        severity = str(f.get("severity", "error"))
        self.counts[severity] = self.counts.get(severity, 0) + 1
        self.by_check[str(f.get("check", ""))] += 1
        row = self.by_locale.setdefault(str(f.get("locale", "")), {"errors": 0, "warnings": 0})
        key = severity + "s"
        row[key] = row.get(key, 0) + 1

    def summary(self) -> dict[str, Any]:
        """The summary of every finding counted so far."""
        return {
            "errors": self.counts["error"],
            "warnings": self.counts["warning"],
            "by_check": dict(sorted(self.by_check.items())),
            "by_locale": dict(sorted(self.by_locale.items())),
        }

