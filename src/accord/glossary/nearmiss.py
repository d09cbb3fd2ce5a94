"""Near-misses: words close to a name's rendering but not equal to it ("Araqtschi").

Words are compared on a normalised form (no accents, no case, transliteration
variants folded: tsch/sch/ch, gh/q, kh/h, w/v, y/i, doubled letters) by edit
distance, so that both a typo and another locale's transliteration are caught.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import ahocorasick

from accord.glossary import russian
from accord.glossary.inflect import rules_for
from accord.glossary.matcher import fold
from accord.glossary.model import Concept, Kind, Match
from accord.glossary.termbase import Glossary
from accord.locales import language_of

WORD = re.compile(r"\w+")
MIN_LENGTH = 5
REPLACEMENTS = (
    ("tsch", "ch"), ("dsch", "j"), ("sch", "sh"), ("tch", "ch"), ("tsh", "ch"), ("dzh", "j"),
    ("zh", "j"), ("z", "s"),
    ("kh", "h"), ("gh", "g"), ("q", "g"), ("ph", "f"), ("w", "v"), ("y", "i"), ("ck", "k"),
)
# One letter that derives a word from a name: adjectives ("Russian", "Tehrani",
# "Azerbaijani", "ایرانی") and Slavic feminine surnames ("Lavrova", "Лаврова");
# any other is a typo.
DERIVING_LETTERS = frozenset({"n", "i", "a", "ی", "а"})  # Latin, Persian, Cyrillic
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


def strip_accents(text: str) -> str:
    """``text`` folded and without its accents, every offset kept: "Téhéran" → "teheran"."""
    folded = fold(text)
    if folded.isascii():
        return folded  # nothing to strip
    return "".join(_bare_letter(c) for c in folded)


@lru_cache(maxsize=4096)
def _bare_letter(char: str) -> str:
    if char.isascii():
        return char
    base = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
    return base if len(base) == 1 else char


def _add_accented(accents: Any, concept: Concept, locale: str) -> None:
    """Index the renderings of ``concept`` that have accents, by their accent-free spelling."""
    for form in concept.renderings(locale):
        bare = strip_accents(form)
        if bare != fold(form) and len(bare) >= 4:
            accents.add_word(bare, (concept.id, form, concept.kind is Kind.NAME))


def _accent_misses(index: _Index, text: str, matches: list[Match]) -> list[NearMiss]:
    """Renderings written without (or with other) accents: "Douma d'Etat", "Iran" in Spanish."""
    found = []
    bare = strip_accents(text)
    for last, (concept_id, rendering, is_name) in index.accents.iter_long(bare):
        start, end = last + 1 - len(strip_accents(rendering)), last + 1
        if (start and bare[start - 1].isalnum()) or (end < len(bare) and bare[end].isalnum()):
            continue
        surface = text[start:end]
        if fold(surface) == fold(rendering):
            continue
        if is_name and surface[:1].isupper() != rendering[:1].isupper():
            continue  # Spanish "iran" (they will go) is no "Irán"
        if any(m.start <= start and end <= m.end for m in matches):
            continue  # a forbidden variant or another form of the glossary says it already
        found.append(NearMiss(concept_id, start, end, surface, rendering, 0))
    return found


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
    owners: list[tuple[str, str]]  # (concept id, rendering word) per entry
    # ("^" + first letter or "$" + last letter, length) → (key, owner): a misspelling
    # keeps its first or its last letter far more often than not.
    buckets: dict[tuple[str, int], list[tuple[str, int]]]
    known: frozenset[str]  # folded words that are some concept's own form in this locale
    memo: dict[str, tuple[int, int] | None]  # word → (distance, owner) or None
    # Renderings with accents, by their accent-free spelling ("douma d'etat"): a text
    # that writes one without its accents is a near-miss, for terms as for names, in
    # one word or several ("Bundnis", "Conseil de securite", "Iran" for "Irán").
    accents: Any = None  # ahocorasick.Automaton of key → (concept, rendering, is name)
    # (first letter, last letter, length, limit) → the keys to compare and their owners
    pools: dict[tuple[str, str, int, int], tuple[list[str], list[int]]] = field(
        default_factory=dict)

    def closest(self, key: str, limit: int) -> tuple[int, int] | None:
        """(distance, owner) of the nearest rendering word within ``limit`` edits (the
        first one in bucket order among the nearest)."""
        if not key:
            return None
        pool = self.pools.get((key[0], key[-1], len(key), limit))
        if pool is None:
            others: list[str] = []
            owners: list[int] = []
            for length in range(len(key) - limit, len(key) + limit + 1):
                for end in ("^" + key[0], "$" + key[-1]):
                    for other, owner in self.buckets.get((end, length), ()):
                        others.append(other)
                        owners.append(owner)
            pool = self.pools[key[0], key[-1], len(key), limit] = (others, owners)
        # One call compares them all, keeping the first of the nearest.
        from rapidfuzz import process  # noqa: PLC0415  (start-up: only when comparing)
        from rapidfuzz.distance import Levenshtein  # noqa: PLC0415

        found = process.extractOne(key, pool[0], scorer=Levenshtein.distance,
                                   score_cutoff=limit)
        return None if found is None else (found[1], pool[1][found[2]])


def _index(glossary: Glossary, locale: str) -> _Index:
    cached = glossary.memo.get(("near-miss", locale))
    if isinstance(cached, _Index):
        return cached
    owners: list[tuple[str, str]] = []
    buckets: dict[tuple[str, int], list[tuple[str, int]]] = {}
    known: set[str] = set()
    accents = ahocorasick.Automaton()
    indexed: set[tuple[str, str]] = set()
    russian_locale = language_of(locale) == "ru"
    for concept in glossary.concepts:
        everything = (concept.renderings(locale) + concept.extra_forms(locale)
                      + concept.forbidden_variants(locale) + concept.ignored_words(locale))
        if russian_locale:  # "Сергея" in "Сергея Викторовича Лаврова" is a declined form
            everything += tuple(d for form in concept.renderings(locale)
                                for d in russian.declensions(form, concept.kind))
        for form in everything:
            known.update(fold(w) for w in WORD.findall(form))
        if concept.status == "deprecated":
            continue
        if concept.kind in (Kind.TERM, Kind.NAME):
            _add_accented(accents, concept, locale)
        if concept.kind is not Kind.NAME:
            continue
        for form in concept.renderings(locale):
            for word in WORD.findall(form):
                if len(word) < MIN_LENGTH or (concept.id, word) in indexed:
                    continue
                indexed.add((concept.id, word))
                key = normalise(word)
                for end in ("^" + key[:1], "$" + key[-1:]):
                    buckets.setdefault((end, len(key)), []).append((key, len(owners)))
                owners.append((concept.id, word))
    has_accents = len(accents) > 0
    if has_accents:
        accents.make_automaton()
    index = _Index(owners, buckets, frozenset(known), {}, accents if has_accents else None)
    glossary.memo[("near-miss", locale)] = index
    return index


def near_misses(
    glossary: Glossary, text: str, locale: str, matches: list[Match] | None = None
) -> list[NearMiss]:
    """Words of ``text`` close to a name rendering of ``locale`` that no glossary form covers.

    Candidates share the first or the last letter of the normalised rendering, which
    keeps the search to a few comparisons a word.
    """
    index = _index(glossary, locale)
    if not index.owners and index.accents is None:
        return []
    if matches is None:
        matches = glossary.find(text, locale)
    found: list[NearMiss] = []
    if index.accents is not None:
        found = _accent_misses(index, text, matches)
    covered = [(m.start, m.end) for m in matches] + [(m.start, m.end) for m in found]
    endings = sorted(rules_for(locale).name_endings | {"s"}, key=len, reverse=True)
    for word_match in WORD.finditer(text):
        word = word_match.group()
        # The cheap tests first: most words are short or lower-case.
        if len(word) < MIN_LENGTH or word[0].islower() or word.isdigit():
            continue
        start, end = word_match.span()
        if any(s < end and start < e for s, e in covered):
            continue
        if word in index.memo:
            best = index.memo[word]
        else:
            best = _closest(index, word, endings)
            if len(index.memo) < 100_000:
                index.memo[word] = best
        if best is None:
            continue
        concept_id, expected = index.owners[best[1]]
        found.append(NearMiss(concept_id, start, end, word, expected, best[0]))
    return found


def _limit(key: str) -> int:
    """Edits allowed: none for short names (only transliteration variants: "Kazakh" is
    not "Kazan"), one up to eight letters, two beyond."""
    short = 3 if _abjad(key) else 5  # Arabic script leaves out short vowels
    if len(key) <= short:
        return 0
    return 1 if len(key) <= 8 else 2


def _abjad(key: str) -> bool:
    return "\u0600" <= key[:1] <= "\u06ff"


def _closest(index: _Index, word: str, endings: list[str]) -> tuple[int, int] | None:
    folded = fold(word)
    if folded in index.known:
        return None
    candidates = [word] + [word[: -len(x)] for x in endings
                           if word.endswith(x) and len(word) - len(x) >= MIN_LENGTH]
    best: tuple[int, int] | None = None
    for candidate in candidates:
        if fold(candidate) in index.known:
            return None
        key = normalise(candidate)
        hit = index.closest(key, _limit(key))
        if hit is not None and (best is None or hit[0] < best[0]):
            best = hit
    if best is None:
        return None
    name = fold(index.owners[best[1]][1])
    if folded.startswith(name) and _derived(folded[len(name):], name):
        return None  # a word derived from the name ("Russians", "Putinism"), not a misspelling
    return best


def _derived(rest: str, name: str) -> bool:
    """Whether ``rest``, what a word adds to a name, makes a derived word ("Russia" + "ns",
    "Putin" + "ism", "Azerbaijan" + "i") rather than a typo ("Araghchi" + "e", a doubled
    last letter as in "Araghchii" or "Pezeshkiann")."""
    return len(rest) >= 2 or (rest in DERIVING_LETTERS and rest != name[-1:])
