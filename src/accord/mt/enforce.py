"""Glossary enforcement around an MT engine: protect, restore, fix, verify.

1. :func:`protect` replaces every name and brand of the source segment, and every
   link destination, URL and code span, by an e-mail-shaped placeholder
   ``ph0@x.zz``, ``ph1@x.zz``, … Engines copy e-mail addresses through untouched;
   XML tags are moved or dropped (DeepL's ignore_tags move them to the sentence
   start in most languages), brace tokens get their braces doubled or dropped,
   and bare tokens like ``XYZ0`` get transliterated.
2. The engine translates the protected text.
3. :func:`restore` puts back each concept's *target* rendering (aligned form:
   full name ↔ full name, surname ↔ surname) with the inflection the locale needs
   (an English possessive becomes a German genitive "Araghtschis"; in Russian the
   name takes the case the engine's words before it call for, "с ph0" →
   "с Сергеем Лавровым", see :mod:`accord.glossary.russian`). It tolerates
   changed case (``Ph0@X.zz`` at a sentence start), inserted spaces and native
   digits (``ph۰@x.zz``); if a placeholder is lost or doubled it gives up, and the
   caller translates the segment unprotected and lets :func:`substitute` replace
   source spellings the engine copied.
4. :func:`~accord.glossary.verdict.fix_target` replaces the forbidden variants
   the engine produced ("Allianz" → "Bündnis"), keeping inflection suffixes: the
   very fixes ``check --fix`` makes, and only where ``check`` reports something
   (the insurer's "Allianz-Aktien" for "Allianz shares" stays).
5. :func:`verify` checks the result again with ``check``'s own glossary checks;
   what still violates the glossary is returned as :class:`Violation` values.

All functions are pure.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from accord.checks.finding import Where
from accord.checks.glossary import check_glossary
from accord.glossary import Fix, Glossary, Kind, russian
from accord.glossary.verdict import fix_target, reported_forbidden
from accord.locales import language_of
from accord.readable import quoted
from accord.source.prose import prose

# E-mail-shaped tokens: engines copy e-mail addresses through untouched (DeepL masks
# markup the same way internally, "xml-ph-0000@deepl.internal"), whereas XML tags
# are moved or dropped and brace tokens get their braces altered.
PLACEHOLDER = "ph{0}@x.zz"
_PLACEHOLDER_RE = re.compile(r"\bph\s?(\d{1,3})\s?@\s?x\s?\.\s?zz\b", re.IGNORECASE)
_POSSESSIVE_RE = r"(?P<poss>['’]s\b|(?<=s)['’](?!\w))?"
_SIBILANT_END = ("s", "ß", "x", "z", "ce")
# Markdown that must reach the target unchanged: link and image destinations (with
# an optional title), code spans, autolinks and bare URLs.
_VERBATIM_RE = re.compile(
    r"(?<=\]\()[^)\s]+(?:\s+\"[^\"]*\")?(?=\))"
    r"|(`+)[^`].*?\1"
    r"|<[A-Za-z][A-Za-z0-9+.-]*:[^>\s]*>"
    r"|https?://[^\s)>\]]*[^\s)>\].,;:!?'\"]",
    re.DOTALL,
)


@dataclass(frozen=True)
class Slot:
    """One protected concept occurrence: placeholder ``index`` stands for ``surface``."""

    index: int
    concept: str
    kind: Kind
    surface: str  # as written in the source
    suffix: str  # source inflection ending (German genitive "s", ...)
    rendering: str  # the target rendering (aligned form), uninflected
    verbatim: bool = False  # Markdown (URL, code span) kept from the engine, not a concept


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
        # A found text may span a line break; a translator comment is one line.
        expected, found = (quoted(" ".join(t.splitlines())) for t in (self.expected, self.found))
        if self.check == "glossary-missing":
            return f"{self.check} {self.concept}: expected {expected}"
        return f"{self.check} {self.concept}: found {found}, expected {expected}"


@dataclass(frozen=True)
class Enforced:
    """The enforced translation of one segment, with what was done to it."""

    text: str
    fixes: tuple[Fix, ...]
    violations: tuple[Violation, ...]
    notes: tuple[str, ...] = ()  # doubts for the reviewer (a restored name's case)


def verbatim_spans(text: str) -> list[tuple[int, int]]:
    """Where ``text`` has Markdown that no engine and no fix may change (URLs, code)."""
    return [m.span() for m in _VERBATIM_RE.finditer(text)]


def _inside(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(start < span_end and span_start < end for span_start, span_end in spans)


def protect(glossary: Glossary, text: str, source_lang: str, locale: str) -> Protected:
    """Replace names, brands, URLs and code spans by placeholders the engine keeps."""
    if _PLACEHOLDER_RE.search(text):
        return Protected(text, text, ())  # the source itself looks like a placeholder
    spans = verbatim_spans(text)
    candidates: list[tuple[int, int, Slot]] = [
        (start, end, Slot(0, "", Kind.BRAND, text[start:end], "", text[start:end], True))
        for start, end in spans
    ]
    for match in glossary.find(prose(text), source_lang):  # what check reads as prose
        concept = glossary.concept(match.concept)
        if match.forbidden or concept.kind is Kind.TERM or _inside(match.start, match.end, spans):
            continue
        rendering = glossary.rendering(match.concept, locale, match.form_index)
        if rendering is None:
            continue
        surface = text[match.start:match.end]
        slot = Slot(0, match.concept, concept.kind, surface, match.suffix, rendering)
        candidates.append((match.start, match.end, slot))
    slots: list[Slot] = []
    pieces: list[str] = []
    position = 0
    for start, end, slot in sorted(candidates, key=lambda c: (c[0], -c[1])):
        if start < position:
            continue
        slots.append(dataclasses.replace(slot, index=len(slots)))
        pieces += [text[position:start], PLACEHOLDER.format(len(slots) - 1)]
        position = end
    pieces.append(text[position:])
    return Protected(text, "".join(pieces), tuple(slots))


def restore(translated: str, protected: Protected, source_lang: str, locale: str) -> str | None:
    """Put the target renderings back; None if a placeholder was lost or doubled."""
    if not protected.slots:
        return translated
    by_index = {slot.index: slot for slot in protected.slots}
    found = [int(m.group(1)) for m in _PLACEHOLDER_RE.finditer(translated)]
    if sorted(found) != sorted(by_index):
        return None
    pattern = re.compile(_PLACEHOLDER_RE.pattern + _POSSESSIVE_RE, _PLACEHOLDER_RE.flags)

    def put_back(match: re.Match[str]) -> str:
        slot = by_index[int(match.group(1))]
        if slot.verbatim:
            return slot.rendering + (match.group("poss") or "")
        possessive = bool(match.group("poss")) and language_of(locale) != "en"
        if language_of(locale) == "ru" and slot.kind is Kind.NAME:
            case = "gent" if possessive else case_needed(translated, match.start()).case
            return russian.inflect(slot.rendering, case)
        if possessive:
            return inflected(slot, locale, genitive=True)
        english_possessive = match.group("poss") or ""
        return inflected(slot, locale, genitive=_is_genitive(slot, source_lang)) + (
            english_possessive if language_of(locale) == "en" else ""
        )

    return pattern.sub(put_back, translated)


def case_needed(translated: str, position: int) -> russian.CaseGuess:
    """The case of the Russian name whose placeholder starts at ``position``."""
    before = _PLACEHOLDER_RE.sub(" X ", translated[:position])
    return russian.case_for_context(before)


def unsure_cases(translated: str, protected: Protected, locale: str) -> tuple[str, ...]:
    """Notes for the reviewer where a restored Russian name's case is a guess."""
    if language_of(locale) != "ru" or not protected.slots:
        return ()
    by_index = {slot.index: slot for slot in protected.slots}
    notes = []
    for match in _PLACEHOLDER_RE.finditer(translated):
        slot = by_index.get(int(match.group(1)))
        if slot is None or slot.kind is not Kind.NAME or slot.verbatim:
            continue
        if translated[match.end():match.end() + 2] in ("'s", "’s"):
            continue
        guess = case_needed(translated, match.start())
        if not guess.sure and russian.inflect(slot.rendering, "gent") != slot.rendering:
            notes.append(f"case of {slot.rendering!r} unsure ({guess.reason}): "
                         f"left in the {_CASE_NAMES.get(guess.case, guess.case)}")
    return tuple(notes)


_CASE_NAMES = {"nomn": "nominative", "gent": "genitive", "datv": "dative", "accs": "accusative",
               "ablt": "instrumental", "loct": "prepositional"}


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


def substitute(
    translated: str, protected: Protected, glossary: Glossary, source_lang: str, locale: str
) -> str:
    """Unprotected fallback: source spellings the engine copied become target renderings,
    where ``check`` reports them (a forbidden variant in the target language)."""
    visible = prose(translated)
    is_reported = reported_forbidden(glossary, protected.source, source_lang, visible, locale)
    flagged = [(m.start, m.end) for m in glossary.find(visible, locale)
               if m.forbidden and is_reported(m)]
    table = {
        slot.surface: slot.rendering
        for slot in protected.slots
        if slot.surface != slot.rendering and slot.kind is not Kind.BRAND
    }
    if not table:
        return translated
    alternatives = "|".join(re.escape(s) for s in sorted(table, key=len, reverse=True))
    pattern = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")
    spans = verbatim_spans(translated)

    def swap(m: re.Match[str]) -> str:
        if _inside(m.start(), m.end(), spans) or not _inside(m.start(), m.end(), flagged):
            return m.group()
        return table[m.group()]

    return pattern.sub(swap, translated)


def verify(
    glossary: Glossary, source: str, target: str, source_lang: str, locale: str
) -> list[Violation]:
    """What ``check`` reports as an error in ``target`` (missing, forbidden, brand)."""
    findings = check_glossary(glossary, source, target, source_lang, locale, where=Where())
    return [Violation(f.check, f.concept or "", f.found or "", f.expected or "")
            for f in findings if f.severity.value == "error"]


def enforce(
    glossary: Glossary, protected: Protected, restored: str, source_lang: str, locale: str,
    *, notes: tuple[str, ...] = (),
) -> Enforced:
    """Fix what ``check --fix`` fixes in ``restored`` and verify the result as ``check`` does."""
    text, fixes = fix_target(glossary, protected.source, restored, source_lang, locale)
    violations = verify(glossary, protected.source, text, source_lang, locale)
    return Enforced(text, tuple(fixes), tuple(violations), notes)


def _is_genitive(slot: Slot, source_lang: str) -> bool:
    return language_of(source_lang) == "de" and slot.suffix in {"s", "’", "'"}

