"""Fuzzy matching: gettext's fstrcmp similarity and msgmerge's choice of the best candidate."""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from accord.merge.fuzzy import CONTEXT_BONUS, FUZZY_THRESHOLD, FuzzyIndex, fstrcmp, grams


def lcs(a: bytes, b: bytes) -> int:
    """Longest common subsequence by plain dynamic programming (the slow, obvious way)."""
    row = [0] * (len(b) + 1)
    for x in a:
        prev = 0
        for j, y in enumerate(b, 1):
            cur = row[j]
            row[j] = prev + 1 if x == y else max(row[j], row[j - 1])
            prev = cur
    return row[-1]


def reference_fstrcmp(s: str, t: str) -> float:
    a, b = s.encode(), t.encode()
    if not a and not b:
        return 1.0
    if not a or not b:
        return 0.0
    total = len(a) + len(b)
    return (total - (total - 2 * lcs(a, b))) / total


def reference_best(
    candidates: list[tuple[str | None, str]], msgctxt: str | None, msgid: str
) -> int | None:
    """A literal port of msgmerge's message_fuzzy_index_search (heuristic off)."""

    def goal(i: int) -> float:
        ctxt, cand = candidates[i]
        bonus = CONTEXT_BONUS if ctxt is None or ctxt == msgctxt else 0.0
        return reference_fstrcmp(msgid, cand) + bonus

    best, best_weight = None, FUZZY_THRESHOLD
    if len(msgid) >= 4:
        query = grams(msgid)
        counts = []
        for i, (_, cand) in enumerate(candidates):
            have = set(grams(cand))
            count = sum(1 for g in query if g in have)
            if count:
                counts.append((-count, i))
        order = [i for _, i in sorted(counts)]
    else:
        size = len(msgid.encode())
        low = math.ceil(size / (2 / FUZZY_THRESHOLD - 1))
        high = int(size * (2 / FUZZY_THRESHOLD - 1))
        order = [
            i
            for length in range(low, high + 1)
            for i, (_, cand) in enumerate(candidates)
            if len(cand.encode()) == length
        ]
    for i in order:
        weight = goal(i)
        if weight > best_weight:
            best, best_weight = i, weight
    return best


def test_fstrcmp_counts_insertions_and_deletions() -> None:
    """Similarity is (a + b − edits) / (a + b) over insertions and deletions."""
    assert fstrcmp("close", "c l o s e") == 10 / 14
    assert fstrcmp("abc", "abc") == 1.0
    assert fstrcmp("", "") == 1.0
    assert fstrcmp("abc", "") == 0.0


def test_fstrcmp_works_on_utf8_bytes_like_gettext() -> None:
    """An accented letter is two bytes, as in msgmerge, not one character."""
    assert fstrcmp("café", "cafe") == 6 / 9
    assert fstrcmp("é", "e") == 0.0


def test_best_is_the_most_similar_candidate() -> None:
    """Among several candidates the highest similarity wins."""
    index = FuzzyIndex([(None, "The cat sat on the mat."), (None, "The cat sat on a hat.")])
    found = index.best("The cat sat on the hat.")
    assert found is not None
    assert found.index == 0
    assert found.similarity == fstrcmp("The cat sat on the hat.", "The cat sat on the mat.")


def test_nothing_below_the_threshold() -> None:
    """A candidate under 0.6 similarity is not a match."""
    index = FuzzyIndex([(None, "Completely different words here")])
    assert index.best("Nothing alike at all, sorry") is None


def test_exactly_threshold_counts_only_with_compatible_context() -> None:
    """0.6 passes thanks to the context bonus; a foreign msgctxt gets no bonus and fails."""
    query, cand = "abcdefghijkl", "abcdefghiXYZWVUTSR"  # 2 * 9 / (12 + 18)
    assert fstrcmp(query, cand) == 0.6
    assert FuzzyIndex([(None, cand)]).best(query, "ctx") is not None
    assert FuzzyIndex([("ctx", cand)]).best(query, "ctx") is not None
    assert FuzzyIndex([("other", cand)]).best(query, "ctx") is None


def test_same_context_wins_a_tie() -> None:
    """Between two equal candidates, the one with the query's msgctxt wins."""
    index = FuzzyIndex([("other", "Hello big world"), ("title", "Hello big world")])
    found = index.best("Hello big world!", "title")
    assert found is not None
    assert found.index == 1


def test_tie_goes_to_more_shared_grams_then_earlier() -> None:
    """Equal scores: more shared 4-grams first, then list order (as msgmerge sorts)."""
    query = "abcdefgh"
    fewer, more = "abcd1efgh", "abcdefgh1"  # same similarity; 2 and 5 shared 4-grams
    assert fstrcmp(query, fewer) == fstrcmp(query, more)
    found = FuzzyIndex([(None, fewer), (None, more)]).best(query)
    assert found is not None
    assert found.index == 1
    same: list[tuple[str | None, str]] = [(None, "abcdefg1"), (None, "1abcdefg")]
    assert fstrcmp(query, same[0][1]) == fstrcmp(query, same[1][1])
    found = FuzzyIndex(same).best(query)
    assert found is not None
    assert found.index == reference_best(same, None, query) == 0


def test_candidate_sharing_no_4gram_is_not_considered() -> None:
    """Like msgmerge, a similar string without a common 4-gram is never proposed."""
    assert fstrcmp("close", "c l o s e") > FUZZY_THRESHOLD
    assert FuzzyIndex([(None, "c l o s e")]).best("close") is None


def test_a_less_similar_candidate_wins_when_the_best_shares_no_4gram() -> None:
    """If the most similar candidates are invisible to msgmerge, the next one is found."""
    candidates: list[tuple[str | None, str]] = [(None, "c l o s e"), (None, "closXYZ")]
    assert fstrcmp("close", "c l o s e") > fstrcmp("close", "closXYZ") > FUZZY_THRESHOLD
    found = FuzzyIndex(candidates).best("close")
    assert found is not None
    assert found.index == reference_best(candidates, None, "close") == 1


def test_short_query_is_matched_by_length() -> None:
    """A query under four characters is compared with candidates of similar byte length."""
    index = FuzzyIndex([(None, "abcdefghijklmnop"), (None, "ab"), (None, "abd")])
    found = index.best("abc")
    assert found is not None
    assert index.best("abc") == found
    assert found.index == reference_best(
        [(None, "abcdefghijklmnop"), (None, "ab"), (None, "abd")], None, "abc"
    )


def test_empty_index_and_empty_query() -> None:
    """No candidates or an empty msgid gives no match."""
    assert FuzzyIndex([]).best("anything") is None
    assert FuzzyIndex([(None, "x")]).best("") is None


words = st.sampled_from(["the", "cat", "sat", "on", "mat", "Iran", "Россия", "é", "a", "b"])
texts = st.lists(words, min_size=1, max_size=8).map(" ".join)
contexts = st.sampled_from([None, "front-matter:title", "x"])


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.tuples(contexts, texts), min_size=0, max_size=12),
    contexts,
    texts,
)
def test_index_agrees_with_a_literal_port_of_msgmerge(
    candidates: list[tuple[str | None, str]], msgctxt: str | None, msgid: str
) -> None:
    """The fast index picks exactly the candidate msgmerge's own loop would pick."""
    found = FuzzyIndex(candidates).best(msgid, msgctxt)
    expected = reference_best(candidates, msgctxt, msgid)
    assert (found.index if found else None) == expected


@settings(max_examples=200, deadline=None)
@given(texts, texts)
def test_fstrcmp_matches_dynamic_programming(a: str, b: str) -> None:
    """The bit-parallel similarity equals the textbook LCS computation."""
    assert fstrcmp(a, b) == reference_fstrcmp(a, b)
