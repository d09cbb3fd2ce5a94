"""Near-misses: words close to a name's rendering but not equal to it ("Araqtschi").

Words are compared on a normalised form (no accents, no case, transliteration
variants folded: tsch/sch/ch, gh/q, kh/h, w/v, y/i, doubled letters) by edit
distance, so that both a typo and another locale's transliteration are caught.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from accord.glossary.inflect import rules_for
from accord.glossary.matcher import fold
from accord.glossary.model import Kind, Match
from accord.glossary.termbase import Glossary

WORD = re.compile(r"\w+")
MIN_LENGTH = 5
REPLACEMENTS = (
    ("tsch", "ch"), ("dsch", "j"), ("sch", "sh"), ("tch", "ch"), ("dzh", "j"), ("zh", "j"),
    ("kh", "h"), ("gh", "g"), ("q", "g"), ("ph", "f"), ("w", "v"), ("y", "i"), ("ck", "k"),
)
DOUBLED = re.compile(r"(.)\1+")
ARABIC_MARKS = re.compile("[\u064b-\u065f\u0670\u0640]")


@dataclass(frozen=True)
class NearMiss:
    """A word of a text that is probably a misspelt rendering of a name."""

    concept: str
    start: int
    end: int
    surface: str
    expected: str
    distance: int


def normalise(word: str) -> str:
    """The comparison key of a word: accents, case and transliteration variants folded."""
    text = unicodedata.normalize("NFKD", fold(word))
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = ARABIC_MARKS.sub("", text)
    for old, new in REPLACEMENTS:
        text = text.replace(old, new)
    return DOUBLED.sub(r"\1", text)


@dataclass(frozen=True)
class _Index:
    keys: list[str]
    owners: list[tuple[str, str]]  # (concept id, rendering word) per key
    known: frozenset[str]  # folded words that are some concept's own form in this locale


def _index(glossary: Glossary, locale: str) -> _Index:
    cached = glossary.memo.get(("near-miss", locale))
    if isinstance(cached, _Index):
        return cached
    keys: list[str] = []
    owners: list[tuple[str, str]] = []
    known: set[str] = set()
    for concept in glossary.concepts:
        everything = (concept.renderings(locale) + concept.extra_forms(locale)
                      + concept.forbidden_variants(locale))
        for form in everything:
            known.update(fold(w) for w in WORD.findall(form))
        if concept.kind is not Kind.NAME or concept.status == "deprecated":
            continue
        for form in concept.renderings(locale):
            for word in WORD.findall(form):
                key = normalise(word)
                if len(word) >= MIN_LENGTH and (concept.id, word) not in owners:
                    keys.append(key)
                    owners.append((concept.id, word))
    index = _Index(keys, owners, frozenset(known))
    glossary.memo[("near-miss", locale)] = index
    return index


def near_misses(
    glossary: Glossary, text: str, locale: str, matches: list[Match] | None = None
) -> list[NearMiss]:
    """Words of ``text`` close to a name rendering of ``locale`` that no glossary form covers."""
    index = _index(glossary, locale)
    if not index.keys:
        return []
    if matches is None:
        matches = glossary.find(text, locale)
    covered = [(m.start, m.end) for m in matches]
    endings = sorted(rules_for(locale).name_endings | {"s"}, key=len, reverse=True)
    found: list[NearMiss] = []
    for word_match in WORD.finditer(text):
        word = word_match.group()
        start, end = word_match.span()
        if len(word) < MIN_LENGTH or word.isdigit():
            continue
        if word[0].islower() or fold(word) in index.known:
            continue
        if any(s < end and start < e for s, e in covered):
            continue
        candidates = [word] + [word[: -len(x)] for x in endings
                               if word.endswith(x) and len(word) - len(x) >= MIN_LENGTH]
        folded = fold(word)
        best: tuple[int, int] | None = None
        for candidate in candidates:
            if fold(candidate) in index.known:
                best = None
                break
            key = normalise(candidate)
            limit = 1 if len(key) <= 7 else 2
            hit = process.extractOne(key, index.keys, scorer=Levenshtein.distance,
                                     score_cutoff=limit)
            if hit is not None and (best is None or hit[1] < best[0]):
                best = (int(hit[1]), int(hit[2]))
        if best is None:
            continue
        concept_id, expected = index.owners[best[1]]
        if folded.startswith(fold(expected)):
            continue  # a word derived from the name ("Russians", "Putinism"), not a misspelling
        found.append(NearMiss(concept_id, start, end, word, expected, best[0]))
    return found
