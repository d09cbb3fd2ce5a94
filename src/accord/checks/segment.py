"""All checks of one segment, source side and target side."""

from __future__ import annotations

from accord.checks.finding import Finding, Where
from accord.checks.glossary import check_glossary, check_source_text
from accord.checks.qa import check_markup, check_number, check_url
from accord.checks.unsafe import check_unsafe
from accord.glossary import Glossary


def check_segment(
    glossary: Glossary, msgid: str, msgstr: str, source_lang: str, locale: str, *,
    where: Where | None = None,
) -> list[Finding]:
    """Every target-side finding for one translated segment (glossary, markup, url, number)."""
    where = where or Where(locale=locale)
    if not msgstr:
        return []
    return [
        *check_glossary(glossary, msgid, msgstr, source_lang, locale, where=where),
        *check_markup(msgid, msgstr, where),
        *check_url(msgid, msgstr, where),
        *check_number(msgid, msgstr, where),
        *check_unsafe(msgid, msgstr, where),
    ]


def check_source(
    glossary: Glossary, text: str, lang: str, where: Where | None = None
) -> list[Finding]:
    """Source-side findings of one segment, against the source's own language."""
    return check_source_text(glossary, text, lang, where or Where(locale=lang))
