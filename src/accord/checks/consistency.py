"""``inconsistent``: one source segment translated two ways in one locale."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from accord.checks.finding import CheckId, Finding, Severity
from accord.checks.registry import Side, Translation, check, finding


@check(Side.LOCALE, (CheckId.INCONSISTENT, Severity.WARNING))
def check_consistency(translations: Sequence[Translation]) -> list[Finding]:
    """One source segment translated differently in two places of one locale.

    Only entries no longer fuzzy count; the finding is on each minority translation
    and names the first place of the majority one.
    """
    seen: dict[tuple[str, str | None, str], list[Translation]] = {}
    for t in translations:
        if not t.where.fuzzy:
            seen.setdefault((t.locale, t.msgctxt, t.msgid), []).append(t)
    findings: list[Finding] = []
    for group in seen.values():
        variants = Counter(t.msgstr for t in group)
        if len(variants) < 2:
            continue
        majority = max(variants, key=lambda s: (variants[s], -_first(group, s)))
        reference = group[_first(group, majority)].where
        findings.extend(
            finding(
                CheckId.INCONSISTENT, item.where,
                f"translated differently in {reference.file}:{reference.line}",
                found=item.msgstr, expected=majority,
            )
            for item in group if item.msgstr != majority
        )
    return findings


def _first(group: Sequence[Translation], msgstr: str) -> int:
    return next(i for i, t in enumerate(group) if t.msgstr == msgstr)
