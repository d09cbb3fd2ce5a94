"""The glossary checks of one segment: missing, forbidden, brand, near-miss, gap."""

from __future__ import annotations

from accord.checks.finding import CheckId, Finding, Severity, Where
from accord.checks.registry import Side, SourceSegment, Translation, check, finding
from accord.glossary import Glossary, Kind, Match, near_misses
from accord.glossary.verdict import letter_variant, nfc, reported
from accord.readable import quoted
from accord.source.prose import prose


@check(Side.SOURCE, (CheckId.GLOSSARY_FORBIDDEN, Severity.ERROR),
       (CheckId.GLOSSARY_NEAR_MISS, Severity.WARNING))
def glossary_in_source(segment: SourceSegment) -> list[Finding]:
    """A source writes a forbidden variant or a near-miss of a rendering in its own language."""
    return check_source_text(segment.glossary, segment.text, segment.lang, segment.where)


@check(Side.TARGET, (CheckId.GLOSSARY_MISSING, Severity.ERROR),
       (CheckId.GLOSSARY_FORBIDDEN, Severity.ERROR), (CheckId.GLOSSARY_BRAND, Severity.ERROR),
       (CheckId.GLOSSARY_NEAR_MISS, Severity.WARNING), (CheckId.GLOSSARY_GAP, Severity.WARNING))
def glossary_in_translation(t: Translation) -> list[Finding]:
    """A translation misses, forbids, alters or misspells a glossary concept of its msgid."""
    return check_glossary(t.glossary, t.msgid, t.msgstr, t.source_lang, t.locale, where=t.where)


def _active(glossary: Glossary, concept_id: str) -> bool:
    return glossary.concept(concept_id).status != "deprecated"


def check_source_text(glossary: Glossary, text: str, lang: str, where: Where) -> list[Finding]:
    """Findings in a source segment against its own language: forbidden variants, near-misses."""
    text = prose(nfc(text))
    matches = glossary.find(text, lang)
    findings = _forbidden(glossary, matches, lang, where)
    for match in matches:
        if not match.forbidden and letter_variant(match):
            findings.append(finding(
                CheckId.GLOSSARY_NEAR_MISS, where,
                f"{quoted(match.surface)} is spelt with other letters than {quoted(match.form)}",
                concept=match.concept, found=match.surface, expected=match.form,
            ))
    for miss in near_misses(glossary, text, lang, matches):
        findings.append(finding(
            CheckId.GLOSSARY_NEAR_MISS, where,
            f"{quoted(miss.surface)} looks like a misspelling of {quoted(miss.expected)}",
            concept=miss.concept, found=miss.surface, expected=miss.expected,
        ))
    return findings


def check_glossary(
    glossary: Glossary, msgid: str, msgstr: str, source_lang: str, locale: str, *, where: Where
) -> list[Finding]:
    """Glossary findings in a translation ``msgstr`` of ``msgid`` (target side only).

    One problem gives one finding: a concept whose target shows a forbidden variant or
    a near-miss of its rendering is not also reported as missing. A forbidden variant
    copied from the source where the source does not mean the concept is a name
    carried over ("Allianz Insurance" → "Allianzversicherung"), not a finding.
    """
    msgid, msgstr = prose(nfc(msgid)), prose(nfc(msgstr))
    source_matches = glossary.find(msgid, source_lang)
    in_source = {m.concept for m in source_matches}
    target_matches = reported(glossary, msgid, source_lang, glossary.find(msgstr, locale), msgstr)
    findings = _forbidden(glossary, target_matches, locale, where)
    explained = {m.concept for m in target_matches if m.forbidden}
    for match in target_matches:
        if not match.forbidden and match.concept in in_source and letter_variant(match):
            explained.add(match.concept)
            findings.append(finding(
                CheckId.GLOSSARY_NEAR_MISS, where,
                f"{quoted(match.surface)} is spelt with other letters than {quoted(match.form)}",
                concept=match.concept, found=match.surface, expected=match.form,
            ))
    misses = [m for m in near_misses(glossary, msgstr, locale, target_matches)
              if m.concept in in_source]
    for miss in misses:
        explained.add(miss.concept)
        findings.append(finding(
            CheckId.GLOSSARY_NEAR_MISS, where,
            f"{quoted(miss.surface)} looks like a misspelling of {quoted(miss.expected)}",
            concept=miss.concept, found=miss.surface, expected=miss.expected,
        ))
    present = {m.concept for m in target_matches if not m.forbidden}
    done: set[str] = set()
    for match in source_matches:
        if match.concept in done or not _active(glossary, match.concept):
            continue
        done.add(match.concept)
        concept = glossary.concept(match.concept)
        if concept.kind is Kind.BRAND:
            expected = match.surface
            if not _contains(msgstr, (expected, match.form), target_matches, match.concept):
                findings.append(finding(
                    CheckId.GLOSSARY_BRAND, where,
                    f"brand {quoted(expected)} is not reproduced unchanged",
                    concept=match.concept, found=_found_of(target_matches, match.concept),
                    expected=expected,
                ))
            continue
        rendering = glossary.rendering(match.concept, locale, match.form_index)
        if rendering is None:
            findings.append(finding(
                CheckId.GLOSSARY_GAP, where,
                f"the glossary has no {locale} rendering of {quoted(match.form)}",
                concept=match.concept, found=match.surface, expected=None,
            ))
            continue
        if match.concept in present or match.concept in explained:
            continue
        findings.append(finding(
            CheckId.GLOSSARY_MISSING, where,
            f"{quoted(match.surface)} should be rendered as {quoted(rendering)}",
            concept=match.concept, found=None, expected=rendering,
        ))
    return findings


def _forbidden(
    glossary: Glossary, matches: list[Match], locale: str, where: Where
) -> list[Finding]:
    findings = []
    for match in matches:
        if not match.forbidden or not _active(glossary, match.concept):
            continue
        rendering = glossary.rendering(match.concept, locale, match.form_index)
        advice = f", use {quoted(rendering)}" if rendering else ""
        findings.append(finding(
            CheckId.GLOSSARY_FORBIDDEN, where,
            f"forbidden variant {quoted(match.surface)}{advice}",
            concept=match.concept, found=match.surface, expected=rendering,
        ))
    return findings


def _contains(
    text: str, spellings: tuple[str, ...], matches: list[Match], concept_id: str
) -> bool:
    """The brand appears as a whole, uninflected, in the source's spelling or in the
    glossary's own (an all-capitals headline "ACCORD" may become "Accord")."""
    return any(m.concept == concept_id and m.surface in spellings for m in matches)


def _found_of(matches: list[Match], concept_id: str) -> str | None:
    for match in matches:
        if match.concept == concept_id:
            return match.surface
    return None
