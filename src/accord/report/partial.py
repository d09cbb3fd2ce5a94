"""``report --locale fa``: fresh data for the chosen locales, the last report's for the others.

The index, ``report.json`` and ``report.md`` cover every locale. When only some
locales are reported on again, the others' status and target findings are taken
from the ``report.json`` the last run wrote, so the index still lists every locale
and links to pages that are left as they were. Source findings are always fresh:
every run checks every source article.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Mapping, Sequence
from typing import Any

from accord.review.status import LocaleStatus, Status


def previous_report(text: str | None) -> Mapping[str, Any]:
    """The parsed ``report.json`` of an earlier run; empty if missing or not a report."""
    if not text:
        return {}
    try:
        data = json.loads(text)
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def merge_previous(
    previous: Mapping[str, Any],
    status: Status,
    findings: Sequence[Mapping[str, Any]],
    *,
    chosen: Collection[str],
    configured: Sequence[str],
    targets_prefix: str,
) -> tuple[Status, list[dict[str, Any]]]:
    """``status`` and ``findings`` of ``chosen`` locales plus the previous ones of the others.

    Only locales still ``configured`` are kept from ``previous``, in configured order;
    a kept finding must be a target finding (its file under ``targets_prefix``, the
    locales folder) of a kept locale.
    """
    fresh = {e.locale: e for e in status.locales}
    old_status = previous.get("status")
    old_entries = old_status.get("locales", []) if isinstance(old_status, Mapping) else []
    old = {
        str(e.get("locale")): e
        for e in old_entries
        if isinstance(e, Mapping)
        and e.get("locale") in configured
        and e.get("locale") not in chosen
    }
    order = [loc for loc in configured if loc in fresh or loc in old]
    order += [loc for loc in fresh if loc not in order]
    locales = [fresh[loc] if loc in fresh else LocaleStatus.from_json(old[loc]) for loc in order]
    old_findings = previous.get("findings")
    kept = [
        dict(f)
        for f in (old_findings if isinstance(old_findings, list) else [])
        if isinstance(f, Mapping)
        and f.get("locale") in old
        and str(f.get("file") or "").startswith(targets_prefix)
    ]
    return Status(tuple(locales)), [*(dict(f) for f in findings), *kept]
