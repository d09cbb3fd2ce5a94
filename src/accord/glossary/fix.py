"""Replace forbidden variants by the preferred rendering, keeping inflection and case."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from accord.glossary.inflect import inflect_like
from accord.glossary.matcher import is_word_char
from accord.glossary.model import Match
from accord.glossary.termbase import Glossary


@dataclass(frozen=True)
class Fix:
    """One replacement made in a text (offsets are those of the original text)."""

    concept: str
    start: int
    end: int
    found: str
    replacement: str


def fix_forbidden(
    glossary: Glossary, text: str, locale: str, only: Callable[[Match], bool] | None = None
) -> tuple[str, list[Fix]]:
    """``text`` with every forbidden variant replaced, and the list of replacements made.

    ``only`` narrows the replacements to the matches it accepts (the checks' view of
    which variants are findings).

    "die Allianzen" → "die Bündnissen" is not always grammatical (articles may need
    to change), which is why the task marks every fixed entry fuzzy for review.
    """
    fixes: list[Fix] = []
    for match in glossary.find(text, locale):
        if not match.forbidden or (only is not None and not only(match)):
            continue
        rendering = glossary.rendering(match.concept, locale, match.form_index)
        if rendering is None:
            continue
        concept = glossary.concept(match.concept)
        replacement = inflect_like(rendering, _ending(match, concept.forbidden_variants(locale)),
                                   concept.kind, locale)
        replacement = _adapt_case(replacement, match, text)
        if replacement != match.surface:
            fixes.append(Fix(match.concept, match.start, match.end, match.surface, replacement))
    out = text
    for fix in reversed(fixes):
        out = out[: fix.start] + fix.replacement + out[fix.end:]
    return out, fixes


def _ending(match: Match, variants: tuple[str, ...]) -> str:
    """The inflection ending of the surface relative to the shortest forbidden variant it
    starts with: "Allianzen" listed as a variant of its own still ends in "en" after
    "Allianz"."""
    surface = match.surface.lower()
    stems = [v for v in variants if surface.startswith(v.lower()) and " " not in v]
    if not stems:
        return match.suffix
    return match.surface[len(min(stems, key=len)):]


def _adapt_case(replacement: str, match: Match, text: str) -> str:
    surface = match.surface
    if len(surface) > 1 and surface.isupper():
        return replacement.upper()
    if match.start > 0 and is_word_char(text[match.start - 1]) and surface[:1].islower():
        return replacement[:1].lower() + replacement[1:]  # head of a compound
    if surface[:1].isupper() and replacement[:1].islower():
        return replacement[:1].upper() + replacement[1:]
    return replacement
