"""Fuzzy matching of msgids with GNU msgmerge's similarity and choice, without its O(n·m) cost.

Similarity is gettext's ``fstrcmp``: for two strings of ``a`` and ``b`` UTF-8 bytes
whose shortest edit script (insertions and deletions of one byte) has ``d`` steps,
``(a + b - d) / (a + b)``. msgmerge accepts a candidate above 0.6 and gives a bonus
of 0.00001 to a candidate without msgctxt or with the query's msgctxt, so that a
candidate of the same context wins a tie and one scoring exactly 0.6 still counts.

Which candidate wins follows msgmerge's ``message_fuzzy_index_search``: only
candidates that share a character 4-gram with a query of four characters or more
are considered (shorter queries: candidates of a suitable byte length); the best
score wins; among equal scores, the candidate sharing more 4-gram occurrences with
the query wins, then the one earlier in the list.

Speed comes from never scoring a pair that cannot reach the threshold: a score of
0.6 needs the byte lengths within a factor 7/3 of each other, so candidates are
kept sorted by length and each query only meets its length window. Within it,
rapidfuzz (bit-parallel LCS in C++) first finds the best similarity, raising its
cutoff as it goes; a second pass keeps only the candidates within a context bonus
of that best, and 4-gram counts are computed for those few alone.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import process
from rapidfuzz.distance import Indel

FUZZY_THRESHOLD = 0.6
CONTEXT_BONUS = 0.00001
GRAM = 4
# msgmerge handles queries of fewer than 4 characters by byte length alone, among
# candidates of at most this many bytes (gettext's SHORT_MSG_MAX: 12 * (2/0.6 - 1)).
_SHORT_QUERY_BYTES = (GRAM - 1) * 4
_SHORT_MSG_MAX = int(_SHORT_QUERY_BYTES * (2 / FUZZY_THRESHOLD - 1))
_LENGTH_FACTOR = 2 / FUZZY_THRESHOLD - 1
_EPSILON = 1e-9  # rapidfuzz's normalised scores may differ from gettext's in the last bits


def fstrcmp(first: str, second: str) -> float:
    """gettext's similarity of two strings, from 0.0 (nothing in common) to 1.0 (equal)."""
    a, b = first.encode(), second.encode()
    total = len(a) + len(b)
    if total == 0:
        return 1.0
    if not a or not b:
        return 0.0
    return (total - Indel.distance(a, b)) / total


def grams(text: str) -> list[str]:
    """The character 4-grams of ``text``, in order, repeats included."""
    return [text[i : i + GRAM] for i in range(len(text) - GRAM + 1)]


@dataclass(frozen=True)
class FuzzyMatch:
    """The winning candidate for one query: its position in the index, and its score."""

    index: int
    similarity: float  # fstrcmp, without the context bonus


class FuzzyIndex:
    """A set of candidate (msgctxt, msgid) pairs to search for the one most similar to a query."""

    def __init__(self, candidates: Sequence[tuple[str | None, str]]):
        self._contexts = [ctxt for ctxt, _ in candidates]
        self._msgids = [msgid for _, msgid in candidates]
        self._bytes = [msgid.encode() for msgid in self._msgids]
        sizes = list(map(len, self._bytes))
        order = sorted(range(len(candidates)), key=sizes.__getitem__)  # stable: ties by index
        self._order = order
        self._lengths = [len(self._bytes[i]) for i in order]
        self._sorted_bytes = [self._bytes[i] for i in order]
        self._gram_sets: dict[int, frozenset[str]] = {}

    def __len__(self) -> int:
        return len(self._msgids)

    def best(
        self, msgid: str, msgctxt: str | None = None, lower_bound: float = FUZZY_THRESHOLD
    ) -> FuzzyMatch | None:
        """The candidate msgmerge would pick as fuzzy match for (msgctxt, msgid), if any."""
        query = msgid.encode()
        if not query or not self._msgids:
            return None
        if len(msgid) < GRAM:
            scored = self._scores(query, msgctxt, lower_bound, self._short_window(len(query)), 0.0)
            if not scored:
                return None
            # msgmerge walks short candidates by length, then in list order.
            _, index = max(scored, key=lambda s: (s[0], -len(self._bytes[s[1]]), -s[1]))
            return FuzzyMatch(index, self._similarity(query, index))
        # The lowest similarity that can still win, once the context bonus is counted.
        floor = lower_bound - 2 * CONTEXT_BONUS
        window = self._window(len(query), floor)
        top = process.extractOne(
            query, self._slice(window), scorer=Indel.normalized_similarity,
            score_cutoff=floor - _EPSILON,
        )
        if top is None:
            return None
        # Only candidates within a bonus of the most similar one can win; should they
        # all share no 4-gram with the query, look at everything above the threshold.
        for at_least in (top[1] - 2 * CONTEXT_BONUS - _EPSILON, floor - _EPSILON):
            scored = self._scores(query, msgctxt, lower_bound, window, at_least)
            found = self._pick(scored, grams(msgid))
            if found is not None:
                return FuzzyMatch(found, self._similarity(query, found))
        return None

    def _short_window(self, size: int) -> tuple[int, int]:
        low = math.ceil(size / _LENGTH_FACTOR)
        high = min(int(size * _LENGTH_FACTOR), _SHORT_MSG_MAX)
        return bisect.bisect_left(self._lengths, low), bisect.bisect_right(self._lengths, high)

    def _window(self, size: int, floor: float) -> tuple[int, int]:
        """Positions (in length order) of the candidates long enough and short enough to
        reach ``floor``: 2·min(a, b) / (a + b) bounds the similarity of a and b bytes."""
        low = math.ceil(size * floor / (2 - floor))
        high = math.floor(size * (2 - floor) / floor)
        return bisect.bisect_left(self._lengths, low), bisect.bisect_right(self._lengths, high)

    def _slice(self, window: tuple[int, int]) -> list[bytes]:
        return self._sorted_bytes[window[0] : window[1]]

    def _scores(
        self,
        query: bytes,
        msgctxt: str | None,
        lower_bound: float,
        window: tuple[int, int],
        at_least: float,
    ) -> list[tuple[float, int]]:
        """(goal, candidate index) of the window's candidates at least ``at_least`` similar
        whose goal (similarity plus context bonus) beats ``lower_bound``."""
        first, last = window
        if first >= last:
            return []
        found = process.extract(
            query, self._slice(window), scorer=Indel.normalized_similarity,
            score_cutoff=max(at_least, 0.0), limit=None,
        )
        out = []
        for _, _, position in found:
            index = self._order[first + position]
            weight = self._similarity(query, index)
            ctxt = self._contexts[index]
            goal = weight + CONTEXT_BONUS if ctxt is None or ctxt == msgctxt else weight
            if goal > lower_bound:
                out.append((goal, index))
        return out

    def _pick(self, scored: list[tuple[float, int]], query_grams: list[str]) -> int | None:
        """msgmerge's winner: best goal; on a tie more shared 4-grams, then the earlier one.
        A candidate sharing no 4-gram with the query is never found by msgmerge."""
        scored.sort(key=lambda s: -s[0])
        start = 0
        while start < len(scored):
            goal = scored[start][0]
            end = start
            while end < len(scored) and scored[end][0] == goal:
                end += 1
            tied = [(self._shared(query_grams, index), index) for _, index in scored[start:end]]
            tied = [t for t in tied if t[0] > 0]
            if tied:
                return min(tied, key=lambda t: (-t[0], t[1]))[1]
            start = end
        return None

    def _shared(self, query_grams: list[str], index: int) -> int:
        """How many of the query's 4-gram occurrences the candidate contains."""
        found = self._gram_sets.get(index)
        if found is None:
            found = frozenset(grams(self._msgids[index]))
            self._gram_sets[index] = found
        return sum(1 for g in query_grams if g in found)

    def _similarity(self, query: bytes, index: int) -> float:
        candidate = self._bytes[index]
        total = len(query) + len(candidate)
        return (total - Indel.distance(query, candidate)) / total
