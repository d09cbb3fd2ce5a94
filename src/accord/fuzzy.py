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
kept sorted by length and each query is scored (by rapidfuzz's bit-parallel LCS,
with the largest admissible distance as cutoff) only against its length window;
4-gram counts are computed for the few candidates tied at the top.
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
        order = sorted(range(len(candidates)), key=lambda i: (len(self._bytes[i]), i))
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
        size = len(query)
        if size == 0 or not self._msgids:
            return None
        short = len(msgid) < GRAM
        scored = self._scores(query, msgctxt, lower_bound, short)
        if not scored:
            return None
        if short:
            # msgmerge walks short candidates by length, then in list order.
            goal, _, index = max(scored, key=lambda s: (s[0], -len(self._bytes[s[2]]), -s[2]))
            return FuzzyMatch(index, self._similarity(query, index))
        scored.sort(key=lambda s: -s[0])
        query_grams = grams(msgid)
        start = 0
        while start < len(scored):
            goal = scored[start][0]
            end = start
            while end < len(scored) and scored[end][0] == goal:
                end += 1
            tied = [(self._shared(query_grams, s[2]), s[2]) for s in scored[start:end]]
            tied = [t for t in tied if t[0] > 0]
            if tied:
                _, index = min(tied, key=lambda t: (-t[0], t[1]))
                return FuzzyMatch(index, self._similarity(query, index))
            start = end
        return None

    def _scores(
        self, query: bytes, msgctxt: str | None, lower_bound: float, short: bool
    ) -> list[tuple[float, int, int]]:
        """(goal, distance, candidate index) of each candidate whose goal beats ``lower_bound``."""
        size = len(query)
        if short:
            low = math.ceil(size / _LENGTH_FACTOR)
            high = min(int(size * _LENGTH_FACTOR), _SHORT_MSG_MAX)
        else:
            # A bonus lowers the bar a little: widen the window so no candidate is missed.
            floor = lower_bound - 2 * CONTEXT_BONUS
            low = math.ceil(size * floor / (2 - floor))
            high = math.floor(size * (2 - floor) / floor)
        first = bisect.bisect_left(self._lengths, low)
        last = bisect.bisect_right(self._lengths, high)
        if first >= last:
            return []
        window = self._sorted_bytes[first:last]
        longest = max(self._lengths[last - 1], size)
        cutoff = int((size + longest) * (1 - lower_bound + 2 * CONTEXT_BONUS)) + 1
        found = process.extract(
            query, window, scorer=Indel.distance, score_cutoff=cutoff, limit=None
        )
        out = []
        for _, distance, position in found:
            index = self._order[first + position]
            total = size + len(self._bytes[index])
            weight = (total - distance) / total
            ctxt = self._contexts[index]
            goal = weight + CONTEXT_BONUS if ctxt is None or ctxt == msgctxt else weight
            if goal > lower_bound:
                out.append((goal, distance, index))
        return out

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
