"""Find every glossary form in a text at once: one Aho-Corasick automaton per locale.

The automaton holds the lower-cased stems of all renderings, explicit forms and
forbidden variants of a locale; word boundaries, inflection endings, compounds and
case are checked only where the automaton reports a hit, so the cost per text is
one pass in compiled code plus a little Python per hit.

Two libraries hold the same keys: ahocorasick-rs (Rust) finds the leftmost-longest
hits of the usual single pass in one call that returns them all (no Python step per
hit in the scan); pyahocorasick iterates every overlapping hit from a given offset,
what the full search needs and ahocorasick-rs does not offer with a start offset.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter
from typing import Any

import ahocorasick
import ahocorasick_rs

from accord.glossary import russian
from accord.glossary.german import MIN_NAME_HEAD, compound_link
from accord.glossary.inflect import Inflection, Rules, inflection, plural_first_word, rules_for
from accord.glossary.model import Concept, Kind, Match
from accord.locales import language_of

# One-to-one character folds applied before matching (same length, so offsets hold):
# white space variants, Arabic/Persian letter variants, typographic apostrophes, and
# dashes ("North-South" typed with a hyphen is the same term as "North–South").
FOLD = str.maketrans({
    "\n": " ", "\t": " ", "\r": " ", "\u00a0": " ", "\u202f": " ", "\u2009": " ",
    "ي": "ی", "ى": "ی", "ك": "ک", "\u2019": "'", "ё": "е",
    "\u200c": " ",  # Persian half-space (ZWNJ): "سازمان‌ملل" is "سازمان ملل"
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2212": "-",
})


def fold(text: str) -> str:
    """Lower-case ``text`` and fold look-alike characters, keeping every offset."""
    low = text.lower()
    if len(low) != len(text):
        low = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    if not low.isascii() or "\n" in low or "\t" in low:
        # low.translate(FOLD), replacing only the characters present: a translation
        # looks every character up, 20 times slower on a long text
        for char, folded in _FOLDS:
            if char in low:
                low = low.replace(char, folded)
    return low


# FOLD as pairs; no folded character is folded again, so one replacement after another
# is the translation.
_FOLDS = tuple((chr(code), folded) for code, folded in FOLD.items())


@lru_cache(maxsize=4096)
def is_word_char(char: str) -> bool:
    """Letters, digits and combining marks belong to words; everything else separates them."""
    return char.isalnum() or unicodedata.category(char)[0] == "M" or char == "\u200d"


# The single pass starts with ahocorasick-rs's default automaton (a contiguous NFA,
# quick to build) and, once a matcher has scanned DFA_TEXTS_PER_KEY texts per key,
# builds a DFA: a quarter faster per text (0.09 against 0.12 s over the 56,069 corpus
# msgids), for 1 MiB per few thousand keys and two to three times the build time
# (18,001 keys: 84 against 41 ms), which those texts have paid back. A short run
# (a report of 200 articles) never builds it; Russian's 100,000 declined forms
# (above DFA_KEYS) would take 39 MiB and keep the NFA.
DFA_KEYS = 30_000
DFA_TEXTS_PER_KEY = 4


def _scanner(keys: list[str], implementation: Any) -> Any:
    """The leftmost-longest search over ``keys``: (key number, start, end) of each hit."""
    return ahocorasick_rs.AhoCorasick(
        keys, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest,
        implementation=implementation).find_matches_as_indexes


@dataclass(frozen=True)
class Pattern:
    """One form of one concept as the automaton knows it."""

    concept: str
    form_index: int
    forbidden: bool
    form: str
    stem: str
    shape: Inflection
    case_sensitive: bool
    upper: str = ""  # the stem in capitals (headlines)
    caseless: bool = False  # a script without case: nothing to compare
    ignored: bool = False  # a word that contains a form but is not the concept
    lower_term: bool = False  # a lower-case term in a language that does not capitalise nouns


class Matcher:
    """All forms of a set of concepts for one locale, compiled once."""

    def __init__(self, concepts: Iterable[Concept], locale: str):
        self.locale = locale
        self.rules: Rules = rules_for(locale)
        self._spaced = self.rules.spaced
        self._automaton = ahocorasick.Automaton()
        table: dict[str, list[Pattern]] = {}
        for concept in concepts:
            for pattern in _patterns(concept, locale, self.rules):
                table.setdefault(fold(pattern.stem), []).append(pattern)
        # Languages where a form never starts inside a word (no compounds, no attached
        # prefixes): a rejected hit there has only shorter forms at the same start.
        self._local = self.rules.spaced and not self.rules.compounds and not self.rules.prefixes
        values: dict[str, tuple[Any, ...]] = {}
        for key, patterns in table.items():
            # A key of one pattern (most keys) can be decided without looking at others.
            only = patterns[0]
            single = only if len(patterns) == 1 and not only.ignored else None
            fast = single if single is not None and (
                not only.case_sensitive or only.caseless) else None
            # A hit inside a word is no match (a language without compounds or prefixes).
            word_only = self._local and single is not None and single.stem.isalnum()
            # (key length, patterns, fast, single, length of the stem, word only, settled:
            # a word-start hit followed by letters is no match (see _inflected_keys), and
            # what the single pass needs to accept a whole-word hit without a call)
            values[key] = (len(key), tuple(patterns), fast, single, len(key), word_only,
                           0, *_quick(single, key))
        if self.rules.spaced:
            values.update(_inflected_keys(table, values))
        for key, value in values.items():
            self._automaton.add_word(key, value)
        self.size = len(table)
        self._longest = max(map(len, values), default=0)
        if table:
            self._automaton.make_automaton()
        # The single pass: key numbers, starts and ends of the leftmost-longest hits, each
        # number the index of its key's value in _values.
        keys = [key for key in values if key]  # (an empty form finds nothing, as before)
        self._values = tuple(values[key] for key in keys)
        self._scan = _scanner(keys, None) if keys and self._spaced else None
        # Texts to scan before the DFA pays for its build (see DFA_KEYS); -1: never.
        self._until_dfa = DFA_TEXTS_PER_KEY * len(keys) if len(keys) <= DFA_KEYS else -1
        self._keys = keys if self._until_dfa > 0 else []
        self._prefixes: dict[str, tuple[tuple[Any, ...], ...]] = {}
        if self._local:
            for key in table:
                shorter = [values[key[:n]] for n in range(len(key) - 1, 0, -1)
                           if key[:n] in table]
                if shorter:
                    self._prefixes[key] = tuple(shorter)

    def find(self, text: str) -> list[Match]:  # noqa: PLR0911, PLR0912, PLR0915  (the hot loop, inline)
        """Every glossary form in ``text``: leftmost-longest, whole words, inflection allowed.

        One pass over the automaton's leftmost-longest hits, exact where the answer is
        local: a hit that starts inside a word is no match (in a language without
        compounds or attached prefixes), and a hit whose word goes on with a foreign
        ending leaves only the shorter forms at the same place to try (in a plain,
        ASCII text). Inflected words are keys of their own. At any other doubt (a key
        shared by several forms, an ignored word, a proper-name guard, a rejected hit
        where compounds may start inside it) the full search decides the rest of the
        text, from the end of the last match; it decides the whole of a text written
        without spaces.
        """
        scan = self._scan
        if scan is None:  # no form at all, or a language written without spaces
            return [] if self._spaced or not self._automaton else self._find_all(text, fold(text))
        low = text.lower()
        plain = text.isascii() or (len(low) == len(text) and low.isascii())
        if not plain or "\n" in low or "\t" in low:
            low = fold(text)
        hits = scan(low)
        self._until_dfa -= 1
        if not self._until_dfa:
            self._scan = _scanner(self._keys, ahocorasick_rs.Implementation.DFA)
            self._keys = []
        if not hits:
            return []
        matches: list[Match] = []
        append = matches.append
        previous_end = 0
        edges = f" {low} "  # edges[i] is the character before low[i], edges[i + 1] after
        values = self._values
        separators = _SEPARATORS
        match = Match
        for number, start, stop in hits:
            (_length, patterns, _fast, single, stem_length, word_only, settled, lower_term,
             check_case, stem, upper, concept, index, forbidden, form, one_word) = values[number]
            if start < previous_end:
                if stop > previous_end:  # it may hide a key that starts after the match
                    return matches + self._find_all(text, low, previous_end)
                continue  # inside the inflection ending of the previous match
            if single is None:  # a key of several forms, or an ignored word
                return matches + self._find_all(text, low, previous_end)
            before = edges[start]
            after = edges[stop + 1]
            if (before in separators and after in separators) or not (
                    (inside := before.isalnum() or (before >= "\u0300" and is_word_char(before)))
                    or after.isalnum() or (after >= "\u0300" and is_word_char(after))):
                # The usual hit: a whole word.
                if not check_case or text[start:start + stem_length] in (stem, upper):
                    # (in a plain text, a key of one word ends its word: no search for it)
                    if not (lower_term and text[start].isupper() and _inside_proper_name(
                            text, start, stop if plain and one_word else -1)):
                        previous_end = stop
                        append(_new_match(match, (
                            concept, start, stop, text[start:stop], index, forbidden, form,
                            "" if patterns else text[start + stem_length:stop])))
                        continue
                    # Part of a proper name (what _decide would find first): only a
                    # shorter form may match here, or a key starting inside it.
                    stem_stop = start + stem_length
                    decided = (self._shorter(text, low, start, stem_stop) if word_only
                               else _REJECTED_HIT)
                else:  # in another case: the full check of this hit decides it
                    stem_stop = start + stem_length
                    decided = self._compound_hit(text, low, start, stem_stop, single)
            elif inside and word_only:
                continue  # starts inside a word (a key that is a whole word only)
            else:
                stem_stop = start + stem_length  # before the ending of an inflected key
                decided = None
                if plain and not inside and settled and (
                        not check_case or text[start:stem_stop] in (stem, upper)):
                    # Followed by letters that are no ending of its: no match, the shorter
                    # forms at the same start, or (with compounds) the compound rules decide.
                    if settled == _LOCAL:
                        continue
                    decided = (self._shorter(text, low, start, stem_stop) if settled == _SHORTER
                               else self._compound_hit(text, low, start, stem_stop, single))
            if decided is None:
                decided = self._decide(text, low, start, stem_stop, single)
            if decided is _REJECTED_HIT:
                decided = None if self._hides_a_match(text, low, start, stop) else _NO_MATCH
            if decided is None:  # the full search decides from here on
                return matches + self._find_all(text, low, previous_end)
            if decided is _NO_MATCH:
                continue
            end, stem_stop, single = decided
            append(_new_match(Match, (
                single.concept, start, end, text[start:end], single.form_index,
                single.forbidden, single.form, text[stem_stop:end])))
            if end < stop:  # an inflected key longer than the match hides what follows it
                return matches + self._find_all(text, low, end)
            previous_end = end
        return matches

    def _decide(
        self, text: str, low: str, start: int, stop: int, single: Pattern | None
    ) -> tuple[int, int, Pattern] | None:
        """(end, end of the form, pattern) of the match at ``start``, _NO_MATCH, or None
        when only the full search can tell."""
        if single is None:
            return None
        local = self._local and single.stem.isalnum()
        if start and _word(low[start - 1]):
            if local:
                return _NO_MATCH  # starts inside a word
            return self._compound_hit(text, low, start, stop, single)
        end = _accepted_end(text, low, start, stop, single)
        if end >= 0:
            return (end, stop, single)
        if end == _REJECTED and local:
            return self._shorter(text, low, start, stop)
        return None if end == _DOUBT else self._compound_hit(text, low, start, stop, single)

    def _compound_hit(
        self, text: str, low: str, start: int, stop: int, single: Pattern
    ) -> tuple[int, int, Pattern] | None:
        """The full check of the hit (in a language with compounds or prefixes, or a
        whole word in another case than its form's), which wins leftmost-longest when
        accepted (the leftmost start, the longest key there); _REJECTED_HIT when
        rejected (a shorter key at its start, or one starting inside it, may still
        match)."""
        if single.lower_term and text[start].isupper() and _inside_proper_name(text, start):
            return _REJECTED_HIT
        candidate = self._accept(text, low, start, stop, single)
        return _REJECTED_HIT if candidate is None else (candidate[1], stop, single)

    def _shorter(
        self, text: str, low: str, start: int, stop: int
    ) -> tuple[int, int, Pattern] | None:
        """The longest shorter form at ``start`` that matches, once the longest did not."""
        for length, _patterns, _fast, shorter, *_quick in self._prefixes.get(low[start:stop], ()):
            if shorter is None:
                return None
            end = _accepted_end(text, low, start, start + length, shorter)
            if end == _DOUBT:
                return None
            if end >= 0:
                return (end, start + length, shorter)
        return _NO_MATCH

    def _find_all(self, text: str, low: str, begin: int = 0) -> list[Match]:
        """Every hit of every key, each checked, then leftmost-longest among the accepted;
        ``begin``: only the hits starting there or after."""
        candidates: list[_Candidate] = []
        for last, (length, patterns, fast, *_single) in self._automaton.iter(low, begin):
            if patterns:  # not an inflected key (the stem's hit stands for it)
                candidates.extend(self._hit(text, low, last + 1 - length, last + 1,
                                            patterns=patterns, fast=fast))
        if not candidates:
            return []
        if len(candidates) > 1:
            candidates = _leftmost_longest(candidates)
        matches = []
        for start, end, stop, pattern in candidates:
            if pattern.ignored:
                continue
            matches.append(_new_match(Match, (
                pattern.concept, start, end, text[start:end], pattern.form_index,
                pattern.forbidden, pattern.form, text[stop:end])))
        return matches

    def _hit(
        self, text: str, low: str, start: int, stop: int, *, patterns: tuple[Pattern, ...],
        fast: Pattern | None,
    ) -> list[_Candidate]:
        """The accepted candidates of the automaton hit ``low[start:stop]``."""
        # Fast path: a whole word with nothing attached; only case may still differ.
        before = low[start - 1] if start else " "
        after = low[stop] if stop < len(low) else " "
        clean = self.rules.spaced and not (
            before.isalnum() or after.isalnum()
            or (before >= "\u0300" and is_word_char(before))
            or (after >= "\u0300" and is_word_char(after)))
        if clean and fast is not None:
            if fast.lower_term and text[start].isupper() and _inside_proper_name(text, start):
                return []
            return [(start, stop, stop, fast)]
        return self._candidates(text, low, start, stop, clean=clean, patterns=patterns)

    def _hides_a_match(self, text: str, low: str, start: int, stop: int) -> bool:
        """Whether a key starting at ``start`` (shorter than ``stop``) or inside
        ``low[start:stop]`` has a hit the full search would accept: what the single pass
        cannot see past a rejected hit in a language with compounds."""
        end = min(len(low), stop + self._longest)
        for last, (length, patterns, fast, *_rest) in self._automaton.iter(low, start, end):
            hit_start = last + 1 - length
            if (hit_start < stop and patterns and (hit_start, last + 1) != (start, stop)
                    and self._hit(text, low, hit_start, last + 1, patterns=patterns, fast=fast)):
                return True
        return False

    def _candidates(
        self, text: str, low: str, start: int, stop: int, *, clean: bool,
        patterns: tuple[Pattern, ...],
    ) -> list[_Candidate]:
        """The accepted candidates of one automaton hit, checked pattern by pattern."""
        found = []
        for pattern in patterns:
            if pattern.lower_term and text[start].isupper() and _inside_proper_name(text, start):
                continue
            if clean and (not pattern.case_sensitive or pattern.caseless
                          or text[start:stop] in (pattern.stem, pattern.upper)):
                found.append((start, stop, stop, pattern))
                continue
            candidate = self._accept(text, low, start, stop, pattern)
            if candidate is not None:
                found.append(candidate)
        return found

    def _accept(
        self, text: str, low: str, start: int, stop: int, pattern: Pattern
    ) -> _Candidate | None:
        shape = pattern.shape
        compound_head = False
        if self.rules.spaced and start > 0 and _word(low[start - 1]):
            head = _inside_word(low, start, shape)
            if head is None:
                return None
            compound_head = head
        if pattern.case_sensitive and not _same_case(text[start:stop], pattern.stem, compound_head):
            return None
        end = stop
        if self.rules.spaced:
            end = _WORD_REST.match(low, stop).end()  # type: ignore[union-attr]
            while end < len(low) and _word(low[end]):  # a rarer combining mark
                end += 1
        ending = _bare(low[stop:end])
        if ending and ending not in shape.endings:
            if shape.compound and not compound_head and _modifier_tail(ending, shape):
                end = stop + _linking_length(ending)
            elif shape.modifier and not compound_head and (
                    link := compound_link(ending)) is not None:
                end = stop + link  # "Kreml|chef", "Putin|versteher"
            else:
                return None
        return (start, end, stop, pattern)


def _inflected_keys(
    table: dict[str, list[Pattern]], values: dict[str, tuple[Any, ...]]
) -> dict[str, tuple[Any, ...]]:
    """Keys for a form with each of its endings ("polic" + "ies"), so that the single
    pass meets the whole inflected word as one hit. Only where that hit is the one the
    stem's would have been: a form of one pattern ending in a letter, an ending of
    letters, no other key between the stem and the inflected word. An inflected key
    has no patterns of its own (the full search skips it) and the stem's single."""
    added: dict[str, tuple[Any, ...]] = {}
    clashes: set[str] = set()
    bases: dict[str, str] = {}
    free: dict[str, int] = {}  # endings of a key that need no key of their own (_settle)
    for key, (_length, _patterns, _fast, single, _stem, word_only, *_rest) in values.items():
        if single is None or not key[-1:].isalnum():
            continue
        for ending in single.shape.endings:
            word = key + ending
            if not ending.isalnum() or fold(ending) != ending or any(
                    word[:n] in table for n in range(len(key) + 1, len(word) + 1)):
                free[key] = free.get(key, 0) + 1
                continue
            if word in added:
                clashes.add(word)
            added[word] = (len(word), (), None, single, len(key), word_only, 0,
                           *_quick(single, word))
            bases[word] = key
    for word in clashes:
        del added[word]
    _settle(table, values, added, bases, free)
    return added


def _settle(
    table: dict[str, list[Pattern]], values: dict[str, tuple[Any, ...]],
    added: dict[str, tuple[Any, ...]], bases: dict[str, str], free: dict[str, int],
) -> None:
    """Mark the stems (and their inflected keys) whose hit followed by letters is settled.

    A stem each of whose endings has its key, or never follows it in a plain lower-cased
    text (not letters of that text), or starts a longer key ("follow" + "s" is the form
    "follows" of another concept; ``free`` counts these two): when the single pass meets
    the stem itself followed by letters (in a plain ASCII text), those letters are no
    ending of it, since the leftmost-longest hit would have been the longer key. Without
    compounds, that is no match (_LOCAL), or the shorter keys at its start decide
    (_SHORTER: "follow" in "following" when "fol" is a key too); with compounds, the
    compound rules decide (_COMPOUND).
    """
    complete = dict(free)
    for word in added:
        complete[bases[word]] = complete.get(bases[word], 0) + 1
    settled: dict[str, int] = {}
    for key, value in values.items():
        if value[3] is None or complete.get(key, 0) != len(value[3].shape.endings):
            continue
        if not value[5]:
            settled[key] = _COMPOUND
        elif any(key[:n] in table for n in range(1, len(key))):
            settled[key] = _SHORTER
        else:
            settled[key] = _LOCAL
    for key, kind in settled.items():
        values[key] = (*values[key][:6], kind, *values[key][7:])
    for word, value in added.items():
        if bases[word] in settled:
            added[word] = (*value[:6], settled[bases[word]], *value[7:])


# How a settled stem followed by letters is decided: no match, the compound rules, the
# shorter forms at its start.
_LOCAL, _COMPOUND, _SHORTER = 1, 2, 3


def _quick(single: Pattern | None, key: str) -> tuple[Any, ...]:
    """(lower term, case checked, stem, stem in capitals, concept, form index, forbidden,
    form) of a key's single pattern, and whether the key is all letters and digits."""
    if single is None:
        return (False, False, "", "", "", 0, False, "", False)
    return (single.lower_term, single.case_sensitive and not single.caseless, single.stem,
            single.upper, single.concept, single.form_index, single.forbidden, single.form,
            key.isalnum())


# ASCII characters that are no part of a word.
_SEPARATORS = frozenset(chr(code) for code in range(128) if not chr(code).isalnum())


# Letters, digits and the common combining marks (Latin, Arabic) that continue a word.
_WORD_REST = re.compile(
    "(?:[^\\W_]+|[\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u200d])*")
_Candidate = tuple[int, int, int, Pattern]  # start, end, end of the stem, pattern


# Arabic-script vowel signs (harakat): optional in Persian and Arabic text, so an
# ezafe kasra ("تهرانِ") or a tanwin is no ending of its own.
_HARAKAT = re.compile("[\u064b-\u065f\u0670]")


def _bare(ending: str) -> str:
    """``ending`` without Arabic-script vowel signs."""
    return _HARAKAT.sub("", ending) if ending and not ending.isascii() else ending


def _word(char: str) -> bool:
    return char.isalnum() or (char >= "\u0300" and is_word_char(char))


def _inside_word(low: str, start: int, shape: Inflection) -> bool | None:
    """A form starting inside a word: after an attached prefix (False), as the head of a
    compound (True: "Verteidigungs|bündnis", "Welt|sicherheitsrat"), else None."""
    begin = start - 1
    while begin > 0 and _word(low[begin - 1]):
        begin -= 1
    if low[begin:start] in shape.prefixes:
        return False
    if not low[start - 1].isalpha():
        return None
    if shape.compound and start - begin >= 2:
        return True
    if shape.modifier and len(shape.stem) >= MIN_NAME_HEAD and start - begin >= 3:
        return True
    return None


_REJECTED = -1
_DOUBT = -2
_NO_MATCH = (-1, -1, Pattern("", 0, False, "", "", Inflection("", "", frozenset(), frozenset(),
                                                             False), False))
_REJECTED_HIT = (-2, -2, _NO_MATCH[2])  # rejected, but another key may start inside it


def _accepted_end(text: str, low: str, start: int, stop: int, single: Pattern) -> int:
    """Where the match of ``single`` at a word start ends, _REJECTED, or _DOUBT."""
    size = len(low)
    if single.lower_term and text[start].isupper() and _inside_proper_name(text, start):
        return _REJECTED  # part of a proper name: this form does not match here
    if single.case_sensitive and not single.caseless and (
            text[start:stop] not in (single.stem, single.upper)):
        return _DOUBT
    if stop < size and _word(low[stop]):
        end: int = _WORD_REST.match(low, stop).end()  # type: ignore[union-attr]
        if end < size and _word(low[end]):
            return _DOUBT
        ending = _bare(low[stop:end])
        return end if not ending or ending in single.shape.endings else _REJECTED
    return stop


_new_match = tuple.__new__  # Match(...) without the keyword-argument machinery


SENTENCE_END = ".!?:;«»\"“”„—–-(["


def _inside_proper_name(text: str, start: int, end: int = -1) -> bool:
    """"Советском Союзе", "Atlantic Alliance", "Alliance Française": a capitalised word
    after a capitalised word that does not start a sentence, or before another
    capitalised word; title-case headlines are not proper names. ``end``: where the word
    at ``start`` ends, when the caller knows it."""
    if end < 0:
        end = _WORD_REST.match(text, start).end()  # type: ignore[union-attr]
    if text[end:end + 1] == " " and text[end + 1:end + 2].isupper() and _not_title_case(text):
        return True  # before a capitalised word
    if not start:
        return False  # the first word
    head = text[:start].rstrip()  # the text before the word, without its trailing white space
    if not head:
        return False
    words = head.rsplit(None, 1)
    if len(words) == 1 or not words[1][0].isupper():  # the previous word
        return False
    rest = words[0]
    if rest[-1] in SENTENCE_END:
        return False
    return _mostly_lower(rest, 1)  # not the first word of the text, not the name


@lru_cache(maxsize=256)  # asked again for every capitalised word of the same text
def _not_title_case(text: str) -> bool:
    """At most half of the words of ``text`` (those starting with a letter) are capitalised."""
    return _mostly_lower(text, 0)


def _mostly_lower(text: str, skip: int) -> bool:
    """At most half of the words of ``text`` starting with a letter, not counting the first
    ``skip`` words, start with a capital."""
    firsts = "".join(map(_FIRST, text.split()[skip:]))
    letters = "".join(filter(str.isalpha, firsts))
    return sum(map(str.isupper, letters)) * 2 <= len(letters)


_FIRST = itemgetter(0)


def _linking_length(ending: str) -> int:
    """The German linking element kept with a modifier: "Bündnis|partner", "Staats|vertrag"."""
    for link in ("es", "s"):
        if ending.startswith(link) and len(ending) - len(link) >= 3:
            return len(link)
    return 0


def _modifier_tail(ending: str, shape: Inflection) -> bool:
    """A German modifier ("Bündnis|partner") needs a real word after it, not a stray ending."""
    return len(shape.stem) >= 5 and len(ending) >= 3


def _patterns(concept: Concept, locale: str, rules: Rules) -> list[Pattern]:
    patterns: list[Pattern] = []
    renderings = concept.renderings(locale)
    if concept.kind is Kind.TRAP:
        # A proper name containing a term: it wins leftmost-longest over the term
        # inside it and is then dropped, in every locale.
        cases = (tuple(d for f in renderings for d in russian.declensions(f, Kind.NAME))
                 if language_of(locale) == "ru" else ())
        for form in renderings + cases:
            shape = inflection(form, concept.kind, True, rules)
            patterns.append(Pattern(concept.id, 0, False, form, form, shape, True, form.upper(),
                                    form.lower() == form.upper(), True, False))
        return patterns

    def add(form: str, index: int, forbidden: bool, ignored: bool = False,
            exact: bool = False) -> None:
        shape = inflection(form, concept.kind, concept.exact or exact, rules, concept.derive)
        caseless = shape.stem.lower() == shape.stem.upper()
        lower_term = (concept.kind is Kind.TERM and not rules.capitalised_nouns
                      and form[:1].islower())
        patterns.append(Pattern(concept.id, index, forbidden, form, shape.stem, shape,
                                concept.case_sensitive and not ignored, shape.stem.upper(),
                                caseless, ignored, lower_term))

    for index, form in enumerate(renderings):
        add(form, index, False)
    for form in concept.extra_forms(locale):
        add(form, closest_index(form, renderings), False)
    for form in concept.forbidden_variants(locale):
        add(form, closest_index(form, renderings), True)
    for form, index, forbidden, exact in _generated(concept, locale):
        add(form, index, forbidden, exact=exact)
    for form in concept.ignored_words(locale):
        add(form, 0, False, ignored=True)
    return patterns


def _generated(concept: Concept, locale: str) -> list[tuple[str, int, bool, bool]]:
    """Forms made from the renderings by morphology: (form, index, forbidden, exact)."""
    if concept.exact or concept.kind is Kind.BRAND:
        return []
    renderings = concept.renderings(locale)
    out: list[tuple[str, int, bool, bool]] = []
    if concept.kind is Kind.TERM:
        for index, form in enumerate(renderings):
            plural = plural_first_word(form, locale)
            if plural:  # "traités de partenariat", "tratados de asociación"
                out.append((plural, index, False, False))
    if language_of(locale) == "ru":
        # Every case of every rendering, from the dictionary: "Сергеем Лавровым", "санкциях".
        for index, form in enumerate(renderings):
            out += [(d, index, False, True) for d in russian.declensions(form, concept.kind)]
        for form in concept.forbidden_variants(locale):
            index = closest_index(form, renderings)
            out += [(d, index, True, True) for d in russian.declensions(form, concept.kind)]
    return out


def closest_index(form: str, renderings: tuple[str, ...]) -> int:
    """The index of the rendering sharing the longest prefix with ``form`` (0 if none)."""
    best, best_len = 0, -1
    low = form.lower()
    for index, rendering in enumerate(renderings):
        other = rendering.lower()
        common = 0
        for a, b in zip(low, other, strict=False):
            if a != b:
                break
            common += 1
        score = common * 100 - abs(len(other) - len(low))
        if score > best_len:
            best, best_len = index, score
    return best


SPACES = str.maketrans({"\n": " ", "\t": " ", "\r": " ", "\u00a0": " ", "\u202f": " ",
                        "\u2009": " "})


def _same_case(found: str, stem: str, compound_head: bool) -> bool:
    found = found.translate(SPACES)
    if found in (stem, stem.upper()) or stem.lower() == stem.upper():
        return True  # exact, all capitals, or a script without case (fa, ar)
    if stem.isupper() and len(stem) >= 3 and found == stem.capitalize():
        return True  # an acronym in title case ("Brics"): the concept, spelt otherwise
    if found[1:] != stem[1:]:
        return False
    # The head of a compound loses its capital: "Verteidigungsbündnis"; a name written
    # in lower case takes one at the start of a sentence or heading: "Mar Caspio: …".
    return (compound_head and found[:1].lower() == stem[:1].lower()) or (
        stem[:1].islower() and found[:1] == stem[:1].upper())


def _leftmost_longest(candidates: list[_Candidate]) -> list[_Candidate]:
    """Non-overlapping candidates: at each start the longest glossary form wins (its
    ending extends it); several concepts sharing that very form are all kept."""
    previous_end = -1
    for start, end, _stop, _pattern in candidates:
        if start < previous_end:
            break
        previous_end = end
    else:
        return candidates  # already in order and disjoint: the usual case
    candidates.sort(key=lambda c: (c[0], c[0] - c[2], c[0] - c[1], c[3].forbidden))
    chosen: list[_Candidate] = []
    last_end = -1
    last_span: tuple[int, int, int] | None = None
    seen: set[tuple[str, bool]] = set()
    for candidate in candidates:
        start, end, stop, pattern = candidate
        key = (pattern.concept, pattern.forbidden)
        if (start, stop, end) == last_span:
            if key not in seen:
                chosen.append(candidate)
                seen.add(key)
            continue
        if start < last_end:
            continue
        chosen.append(candidate)
        last_end, last_span = end, (start, stop, end)
        seen = {key}
    return chosen
