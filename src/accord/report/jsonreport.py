"""``report.json``: the findings (as ``check --format json``) and the status, in one object."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from accord.checks.finding import summarize
from accord.report.findings import finding_sort_key
from accord.review.status import Status


def report_data(findings: Sequence[Mapping[str, Any]], status: Status) -> dict[str, Any]:
    """``{"findings": [...], "summary": {...}, "status": {...}}`` in a stable order."""
    ordered = [dict(f) for f in sorted(findings, key=finding_sort_key)]
    return {"findings": ordered, "summary": summarize(ordered), "status": status.to_json()}


def report_json(findings: Sequence[Mapping[str, Any]], status: Status) -> str:
    """``report.json`` text: UTF-8 as is, two-space indent, a final newline."""
    return json.dumps(report_data(findings, status), ensure_ascii=False, indent=2) + "\n"
