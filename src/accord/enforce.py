"""Glossary enforcement around an MT engine: protect, restore, fix, verify.

1. :func:`protect` replaces every name and brand of the source segment by a
   placeholder ``{0}``, ``{1}``, … that engines copy through (curly-brace numbers
   survive Google, DeepL, LibreTranslate and Microsoft in text mode; XML tags are
   moved or dropped, and bare tokens like ``XYZ0`` get transliterated).
2. The engine translates the protected text.
3. :func:`restore` puts back each concept's *target* rendering (aligned form:
   full name ↔ full name, surname ↔ surname) with the inflection the locale needs
   (an English possessive becomes a German genitive "Araghtschis"). It tolerates
   placeholders with spaces inside (``{ 0 }``) or full-width braces; if one is lost
   or doubled it gives up, and the caller translates the segment unprotected and
   lets :func:`substitute` replace source spellings the engine copied.
4. :func:`~accord.glossary.fix_forbidden` replaces forbidden variants the engine
   produced for terms ("Allianz" → "Bündnis"), keeping inflection suffixes.
5. :func:`verify` checks the result again; what still violates the glossary is
   returned as :class:`Violation` values for the caller to mark and report.

All functions are pure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from accord.glossary import Fix, Glossary, Kind, fix_forbidden
from accord.locales import language_of

PLACEHOLDER = "{{{0}}}"
_PLACEHOLDER_RE = re.compile(r"[{｛]\s*([0-9０-９]{1,3})\s*[}｝]")
_POSSESSIVE_RE = r"(?P<poss>['’]s\b|(?<=s)['’](?!\w))?"
_SIBILANT_END = ("s", "ß", "x", "z", "ce")


@dataclass(frozen=True)
class Slot:
    """One protected concept occurrence: placeholder ``index`` stands for ``surface``."""

    index: int
    concept: str
    kind: Kind
    surface: str  # as written in the source
    suffix: str  # source inflection ending (German genitive "s", ...)
    rendering: str  # the target rendering (aligned form), uninflected


@dataclass(frozen=True)
class Protected:
    """A segment ready for the engine: ``text`` has placeholders where ``slots`` were."""

    source: str
    text: str
    slots: tuple[Slot, ...]


@dataclass(frozen=True)
class Violation:
    """Something the glossary forbids that is still in the target after enforcement."""

    check: str  # glossary-missing | glossary-forbidden | glossary-brand
    concept: str
    found: str
    expected: str

    def describe(self) -> str:
        """One line for a translator comment or a summary."""
        if self.check == "glossary-missing":
            return f"{self.check} {self.concept}: expected {self.expected!r}"
        return f"{self.check} {self.concept}: found {self.found!r}, expected {self.expected!r}"


@dataclass(frozen=True)
class Enforced:
    """The enforced translation of one segment, with what was done to it."""

    text: str
    fixes: tuple[Fix, ...]
    violations: tuple[Violation, ...]


def protect(glossary: Glossary, text: str, source_lang: str, locale: str) -> Protected:
    """Replace names and brands that have a rendering in ``locale`` by placeholders."""
    if _PLACEHOLDER_RE.search(text):
        return Protected(text, text, ())  # the source itself looks like a placeholder
    slots: list[Slot] = []
    pieces: list[str] = []
    position = 0
    for match in glossary.find(text, source_lang):
        concept = glossary.concept(match.concept)
        if match.forbidden or concept.kind is Kind.TERM or match.start < position:
            continue
        rendering = glossary.rendering(match.concept, locale, match.form_index)
        if rendering is None:
            continue
        index = len(slots)
        slot = Slot(index, match.concept, concept.kind, match.surface, match.suffix, rendering)
        slots.append(slot)
        pieces += [text[position : match.start], PLACEHOLDER.format(index)]
        position = match.end
    pieces.append(text[position:])
    return Protected(text, "".join(pieces), tuple(slots))


def restore(translated: str, protected: Protected, source_lang: str, locale: str) -> str | None:
    """Put the target renderings back; None if a placeholder was lost or doubled."""
    if not protected.slots:
        return translated
    by_index = {slot.index: slot for slot in protected.slots}
    found = [int(_ascii_digits(m.group(1))) for m in _PLACEHOLDER_RE.finditer(translated)]
    if sorted(found) != sorted(by_index):
        return None
    pattern = re.compile(_PLACEHOLDER_RE.pattern + _POSSESSIVE_RE)

    def put_back(match: re.Match[str]) -> str:
        slot = by_index[int(_ascii_digits(match.group(1)))]
        possessive = bool(match.group("poss")) and language_of(locale) != "en"
        if possessive:
            return inflected(slot, locale, genitive=True)
        english_possessive = match.group("poss") or ""
        return inflected(slot, locale, genitive=_is_genitive(slot, source_lang)) + (
            english_possessive if language_of(locale) == "en" else ""
        )

    return pattern.sub(put_back, translated)


def inflected(slot: Slot, locale: str, genitive: bool) -> str:
    """The slot's rendering, as a genitive when ``genitive`` and the locale marks it."""
    rendering = slot.rendering
    if not genitive or slot.kind is not Kind.NAME:
        return rendering
    lang = language_of(locale)
    if lang == "de":
        return rendering + ("’" if rendering.endswith(_SIBILANT_END) else "s")
    if lang == "en":
        return rendering + ("’" if rendering.endswith("s") else "’s")
    return rendering


def substitute(translated: str, protected: Protected) -> str:
    """Unprotected fallback: source spellings the engine copied become target renderings."""
    table = {
        slot.surface: slot.rendering
        for slot in protected.slots
        if slot.surface != slot.rendering and slot.kind is not Kind.BRAND
    }
    if not table:
        return translated
    alternatives = "|".join(re.escape(s) for s in sorted(table, key=len, reverse=True))
    pattern = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")
    return pattern.sub(lambda m: table[m.group()], translated)


def verify(
    glossary: Glossary, source: str, target: str, source_lang: str, locale: str
) -> list[Violation]:
    """What in ``target`` still breaks the glossary for the concepts of ``source``."""
    violations: list[Violation] = []
    target_matches = glossary.find(target, locale)
    present = {m.concept for m in target_matches if not m.forbidden}
    for match in target_matches:
        if match.forbidden:
            expected = glossary.rendering(match.concept, locale, match.form_index) or ""
            found = Violation("glossary-forbidden", match.concept, match.surface, expected)
            violations.append(found)
    seen: set[str] = set()
    for match in glossary.find(source, source_lang):
        if match.forbidden or match.concept in seen:
            continue
        seen.add(match.concept)
        concept = glossary.concept(match.concept)
        wanted = glossary.rendering(match.concept, locale, match.form_index)
        if wanted is None:
            continue  # a glossary gap: nothing to enforce
        if concept.kind is Kind.BRAND:
            if match.surface not in target:
                violations.append(Violation("glossary-brand", match.concept, "", match.surface))
        elif match.concept not in present:
            violations.append(Violation("glossary-missing", match.concept, "", wanted))
    return violations


def enforce(
    glossary: Glossary, protected: Protected, restored: str, source_lang: str, locale: str
) -> Enforced:
    """Fix forbidden variants in ``restored`` and verify the result against the source."""
    text, fixes = fix_forbidden(glossary, restored, locale)
    violations = verify(glossary, protected.source, text, source_lang, locale)
    return Enforced(text, tuple(fixes), tuple(violations))


def _is_genitive(slot: Slot, source_lang: str) -> bool:
    return language_of(source_lang) == "de" and slot.suffix in {"s", "’", "'"}


def _ascii_digits(text: str) -> str:
    return text.translate(str.maketrans("０１２３４５６７８９", "0123456789"))
