"""All checks of one segment, source side and target side: what the registry holds."""

from __future__ import annotations

from accord.checks.finding import Finding, Where
from accord.checks.registry import Side, SourceSegment, Translation, run
from accord.glossary import Glossary


def check_segment(
    glossary: Glossary, msgid: str, msgstr: str, source_lang: str, locale: str, *,
    where: Where | None = None,
) -> list[Finding]:
    """Every target-side finding for one translated segment (glossary, markup, url, number)."""
    if not msgstr:
        return []
    return run(Side.TARGET, Translation(glossary, msgid, msgstr, source_lang, locale,
                                        where or Where(locale=locale)))


def check_source(
    glossary: Glossary, text: str, lang: str, where: Where | None = None
) -> list[Finding]:
    """Source-side findings of one segment, against the source's own language."""
    return run(Side.SOURCE, SourceSegment(glossary, text, lang, where or Where(locale=lang)))
