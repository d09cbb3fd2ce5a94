"""Translator hints: one ``glossary: source → rendering (concept)`` line per concept in a msgid."""

from __future__ import annotations

from accord.glossary.termbase import Glossary
from accord.glossary.verdict import nfc
from accord.source.prose import prose


def hints(glossary: Glossary, msgid: str, source_lang: str, locale: str) -> list[str]:
    """Extracted-comment texts for the concepts of ``msgid``, in order of first appearance.

    The left side is the source form found (its preferred spelling when the source
    uses a forbidden variant); the right side the rendering for ``locale`` at the
    same form index, or ``[no <locale> rendering]`` when the glossary has none.
    """
    lines: list[str] = []
    seen: set[str] = set()
    for match in glossary.find(prose(nfc(msgid)), source_lang):  # as check reads it
        if match.concept in seen:
            continue
        seen.add(match.concept)
        source = match.form
        if match.forbidden:
            source = glossary.rendering(match.concept, source_lang, match.form_index) or match.form
        target = glossary.rendering(match.concept, locale, match.form_index)
        shown = target if target is not None else f"[no {locale} rendering]"
        lines.append(f"glossary: {source} → {shown} ({match.concept})")
    return lines
