"""Findings as the reports use them: values, a stable order, the ``check`` summary."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from accord.checks import Severity

SEVERITIES = tuple(Severity)  # worst first


@dataclass(frozen=True, slots=True)  # a big report holds a locale's findings at once
class FindingView:
    """One finding as shown next to its segment."""

    check: str
    severity: Severity
    message: str
    file: str
    line: int | None
    segment: str | None
    concept: str | None = None
    found: str | None = None
    expected: str | None = None
    article: str | None = None
    fuzzy: bool = False  # found in an entry still marked fuzzy


def finding_sort_key(f: Mapping[str, Any]) -> tuple[str, str, int, str, str, str]:
    """A total order on findings so that reports never depend on the checks' order."""
    return (
        str(f.get("locale") or ""),
        str(f.get("article") or ""),
        int(f.get("line") or 0),
        str(f.get("segment") or ""),
        str(f.get("check") or ""),
        str(f.get("message") or ""),
    )


def finding_view(f: Mapping[str, Any]) -> FindingView:
    """A finding dict (``Finding.to_dict()``) as a value."""

    def text(key: str) -> str | None:
        value = f.get(key)
        return None if value is None else str(value)

    line = f.get("line")
    return FindingView(
        check=str(f.get("check", "")),
        severity=Severity(f.get("severity", "error")),
        message=str(f.get("message", "")),
        file=str(f.get("file") or ""),
        line=int(line) if isinstance(line, int) else None,
        segment=text("segment"),
        concept=text("concept"),
        found=text("found"),
        expected=text("expected"),
        article=text("article"),
        fuzzy=f.get("fuzzy") is True,
    )
