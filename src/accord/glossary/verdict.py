"""One glossary verdict: which forbidden variants are findings, and the fixes.

``check``, ``check --fix``, sync's hints and machine-translation enforcement all
read a segment through these functions, so they cannot disagree: enforcement
changes only what ``check`` reports, and every change it makes is one
``check --fix`` makes (a forbidden variant carried over from the source, as the
insurer in "Allianz shares" → "Allianz-Aktien", is neither reported nor fixed).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from accord.glossary.fix import Fix, fix_forbidden
from accord.glossary.matcher import fold
from accord.glossary.model import Match
from accord.glossary.termbase import Glossary
from accord.source.prose import prose

# Invisible characters inside words: soft hyphen, zero-width space, word joiner.
_INVISIBLE = re.compile("[\u00ad\u200b\u2060]")
# Arabic-script letters that a keyboard layout swaps: Arabic yeh/kaf in Persian text.
LETTER_VARIANTS = frozenset("يىكیک")


def nfc(text: str) -> str:
    """Composed characters: "Bu\u0308ndnis" from some editors is "Bündnis"; soft hyphens
    and zero-width spaces ("Bünd\u00adnis", pasted from a CMS) are dropped."""
    if "\u00ad" in text or "\u200b" in text or "\u2060" in text:
        text = _INVISIBLE.sub("", text)
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


def _occurrences(form: str, msgid: str) -> list[tuple[int, int]]:
    pattern = r"(?<!\w)" + re.escape(form) + r"(?!\w)"
    return [m.span() for m in re.finditer(pattern, msgid, re.IGNORECASE)]


def reported(
    glossary: Glossary, msgid: str, source_lang: str, matches: list[Match], msgstr: str = ""
) -> list[Match]:
    """The matches of a translation of ``msgid`` that count, forbidden ones included only
    where they are findings.

    A forbidden variant copied from the source is a name carried over, not the
    concept: "Allianz shares" → "Allianz-Aktien" (the insurer). Where the source has
    the concept too ("Allianz shares rose after the alliance summit"), as many
    target occurrences are exempt as the source has occurrences of the variant
    outside its own matches of the concept (less those the target already hides in
    a proper name, "Allianz-Aktien"); "Lavrov" copied from an English source into
    German is the concept's English rendering, so it stays a finding.
    """
    text = prose(nfc(msgid))
    source_matches = glossary.find(text, source_lang)
    in_source = {m.concept for m in source_matches}
    budget: dict[tuple[str, str], int] = {}
    kept = []
    for match in matches:
        if match.forbidden:
            key = (match.concept, match.form.lower())
            if key not in budget:
                budget[key] = _copied(match, text, source_matches, in_source) - _hidden(
                    match, msgstr, matches)
            if budget[key] > 0:
                if match.concept in in_source:
                    budget[key] -= 1
                continue
        kept.append(match)
    return kept


def _copied(match: Match, msgid: str, source_matches: list[Match], in_source: set[str]) -> int:
    """How many source occurrences of the variant are not the concept (a large number:
    all of them, when the source does not have the concept at all)."""
    spans = _occurrences(match.form, msgid)
    if match.concept not in in_source:
        return 1 << 30 if spans else 0
    own = [(m.start, m.end) for m in source_matches if m.concept == match.concept]
    return sum(1 for start, end in spans
               if not any(s < end and start < e for s, e in own))


def _hidden(match: Match, msgstr: str, matches: list[Match]) -> int:
    """Occurrences of the variant in ``msgstr`` that are no match (inside a proper name)."""
    own = [(m.start, m.end) for m in matches if m.concept == match.concept]
    return sum(1 for start, end in _occurrences(match.form, msgstr)
               if not any(s < end and start < e for s, e in own))


def reported_forbidden(
    glossary: Glossary, msgid: str, source_lang: str, msgstr: str, locale: str
) -> Callable[[Match], bool]:
    """Which forbidden matches of ``msgstr`` (a translation of ``msgid``) are findings."""
    kept = reported(glossary, msgid, source_lang, glossary.find(msgstr, locale), msgstr)
    spans = {(m.start, m.end) for m in kept if m.forbidden}
    return lambda match: (match.start, match.end) in spans


def fix_target(
    glossary: Glossary, msgid: str, msgstr: str, source_lang: str, locale: str
) -> tuple[str, list[Fix]]:
    """``msgstr`` with the forbidden variants ``check`` reports replaced, in prose only."""
    visible = prose(msgstr)
    is_reported = reported_forbidden(glossary, msgid, source_lang, visible, locale)

    def only(match: Match) -> bool:
        # never inside a link target, a code span or an HTML tag
        return visible[match.start:match.end] == msgstr[match.start:match.end] and (
            is_reported(match))

    return fix_forbidden(glossary, msgstr, locale, only)


def letter_variant(match: Match) -> bool:
    """The match differs from its glossary form only by swapped Arabic-script letters
    ("ايران" for "ایران") or is an acronym in title case ("Brics" for "BRICS"): accepted
    by the matcher, reported as a near-miss."""
    surface = match.surface[: len(match.form)]
    if match.form.isupper() and len(match.form) >= 3 and surface == match.form.capitalize():
        return True
    if surface == match.form or not LETTER_VARIANTS.intersection(surface):
        return False
    return fold(surface) == fold(match.form) and any(
        a != b and a in LETTER_VARIANTS for a, b in zip(surface, match.form, strict=False))
