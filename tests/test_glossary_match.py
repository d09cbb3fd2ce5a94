"""The matcher: whole words, inflection per locale, compounds, case, hints and fixes."""

from __future__ import annotations

from pathlib import Path

import ahocorasick_rs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from accord.glossary import Glossary, fix_forbidden, hints, load_glossary, near_misses
from accord.glossary.matcher import FOLD, Matcher, fold
from accord.glossary.model import Concept, Kind

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return load_glossary(DATA / "glossary")


def found(glossary: Glossary, text: str, lang: str) -> list[tuple[str, str, bool]]:
    return [(m.concept, m.surface, m.forbidden) for m in glossary.find(text, lang)]


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("des Bündnisses", "de", [("alliance", "Bündnisses", False)]),
    ("im Verteidigungsbündnis", "de", [("alliance", "bündnis", False)]),
    ("die Bündnispartner", "de", [("alliance", "Bündnis", False)]),
    ("Araghtschis Reise", "de", [("abbas-araghchi", "Araghtschis", False)]),
    ("Визит Путина", "ru", [("vladimir-putin", "Путина", False)]),
    ("с Лавровым", "ru", [("sergey-lavrov", "Лавровым", False)]),
    ("России", "ru", [("russia", "России", False)]),
    ("Araghchi's alliances", "en",
     [("abbas-araghchi", "Araghchi", False), ("alliance", "alliances", False)]),
    ("تحریمها", "fa", [("sanction", "تحریمها", False)]),
    ("l'alliance", "fr", [("alliance", "alliance", False)]),
])
def test_inflected_forms_are_found(glossary: Glossary, text: str, lang: str,
                                   expected: list[tuple[str, str, bool]]) -> None:
    """Case endings, genitive names, compounds and attached suffixes still match."""
    assert found(glossary, text, lang) == expected


@pytest.mark.parametrize(("text", "lang"), [
    ("Putinismus", "de"),      # a name is never stemmed into another word
    ("Iranistik", "de"),       # a derivational suffix makes another word
    ("putin", "en"),           # names are case-sensitive
    ("Iranian", "en"),         # no English suffix -ian
    ("Allianzversicherung", "fr"),  # forbidden only in German
    ("Sanktionierung", "en"),  # not the English term
    ("alliancement", "fr"),    # not a French ending
])
def test_no_false_matches(glossary: Glossary, text: str, lang: str) -> None:
    """Words that merely contain a form are not matches."""
    assert found(glossary, text, lang) == []


def test_leftmost_longest_prefers_the_full_name(glossary: Glossary) -> None:
    """"Vladimir Putin" in German is one forbidden match, not also a correct "Putin"."""
    assert found(glossary, "Vladimir Putin kam.", "de") == [
        ("vladimir-putin", "Vladimir Putin", True)]


def test_brand_covers_the_terms_inside_it(glossary: Glossary) -> None:
    """The site's name hides the terms "Russland" and "Bündnis" it is made of."""
    assert found(glossary, "bei Russland Iran Bündnis", "de") == [
        ("site-name", "Russland Iran Bündnis", False)]


def test_capitals_and_line_breaks(glossary: Glossary) -> None:
    """All-capital headlines match; a soft line break inside a name still matches."""
    assert found(glossary, "ARAGHTSCHI", "de") == [("abbas-araghchi", "ARAGHTSCHI", False)]
    assert found(glossary, "Abbas\nAraghtschi", "de") == [
        ("abbas-araghchi", "Abbas\nAraghtschi", False)]


def test_offsets_survive_characters_that_grow_when_lowered(glossary: Glossary) -> None:
    """"İ" lowers to two characters; the offsets of later matches must stay right."""
    text = "İstanbul und Araghtschi"
    (match,) = glossary.find(text, "de")
    assert text[match.start:match.end] == "Araghtschi"


def test_near_misses_use_the_normalised_form(glossary: Glossary) -> None:
    """"Araqtschi" and "Araghtchi" are caught; correct and derived words are not."""
    text = "Araqtschi, Araghtchis, Araghtschi, Russlands, Lawrow"
    misses = [(m.surface, m.expected) for m in near_misses(glossary, text, "de")]
    assert misses == [("Araqtschi", "Araghtschi"), ("Araghtchis", "Araghtschi")]


def test_hints_name_source_form_rendering_and_concept(glossary: Glossary) -> None:
    """One extracted comment per concept, aligned form, in order of appearance."""
    assert hints(glossary, "Abbas Araghchi met Putin; Araghchi and the alliance.", "en", "de") == [
        "glossary: Abbas Araghchi → Abbas Araghtschi (abbas-araghchi)",
        "glossary: Putin → Putin (vladimir-putin)",
        "glossary: alliance → Bündnis (alliance)",
    ]
    assert hints(glossary, "The grain corridor", "en", "fa") == [
        "glossary: grain corridor → [no fa rendering] (grain-corridor)"]
    assert hints(glossary, "Araghtschi said", "en", "ru") == [
        "glossary: Araghchi → Аракчи (abbas-araghchi)"]


@pytest.mark.parametrize(("text", "locale", "expected"), [
    ("Die Allianz hält.", "de", "Die Bündnis hält."),
    ("Beide Allianzen wuchsen.", "de", "Beide Bündnissen wuchsen."),
    ("Eine Verteidigungsallianz.", "de", "Eine Verteidigungsbündnis."),
    ("ALLIANZ", "de", "BÜNDNIS"),
    ("Araghchis Plan", "de", "Araghtschis Plan"),
    ("Будущее альянса.", "ru", "Будущее союза."),
    ("Putin a parlé.", "fr", "Poutine a parlé."),
])
def test_fix_keeps_suffix_and_case(glossary: Glossary, text: str, locale: str,
                                   expected: str) -> None:
    """Forbidden variants are replaced by the rendering with the same ending and case."""
    fixed, fixes = fix_forbidden(glossary, text, locale)
    assert fixed == expected
    assert fixes


def test_fix_leaves_clean_text_alone(glossary: Glossary) -> None:
    """No forbidden variant, no change."""
    assert fix_forbidden(glossary, "Das Bündnis und Araghtschi.", "de") == (
        "Das Bündnis und Araghtschi.", [])


def test_many_concepts_compile_once(glossary: Glossary) -> None:
    """The matcher of a locale is built once and reused."""
    assert glossary.matcher("de") is glossary.matcher("de")


def test_russian_indeclinable_names_are_not_declined(glossary: Glossary) -> None:
    """"Аракчи" ends in -и: "Аракчу" is not a form of it (it is a near-miss instead)."""
    assert found(glossary, "Аракчу", "ru") == []
    assert [m.surface for m in near_misses(glossary, "Лавров поблагодарил Аракчу.", "ru")] == [
        "Аракчу"]


def test_lower_case_term_inside_a_proper_name(glossary: Glossary) -> None:
    """"Советском Союзе" is the Soviet Union; a sentence-initial "Союз" is still the term."""
    assert found(glossary, "Это напоминает о Советском Союзе.", "ru") == []
    assert found(glossary, "Союз вырос.", "ru") == [("alliance", "Союз", False)]
    assert found(glossary, "Russia And Iran Sign Alliance", "en") == [
        ("russia", "Russia", False), ("iran", "Iran", False), ("alliance", "Alliance", False)]


WORDS = ["Bündnis", "Bündnisse", "Bündnissen", "Allianz", "Allianzen", "Araghtschi",
         "Araghchi", "Putin", "Путина", "союз", "союзом", "Russland", "Iran", "Bündnis",
         "Verteidigungsbündnis", "alliance", "alliances", "Wladimir", "Vladimir", "Sanktion",
         "Kaspischen", "Meer", "عراقچی", "تحریمها", "x", "und", "the", "Allianzpartner",
         "Putinversteher", "Iranistik", "Kremlchef", "sanctions", "sanctioned", "allianced",
         # names in another case than the glossary's (the full check of the hit decides)
         "putin", "PUTIN", "araghtschi", "ARAGHCHI", "wladimir putin", "russland", "iRAN"]
SEPARATORS = [" ", ", ", ". ", "-", "s ", "en ", "\n", "'s ", "", "ies "]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(SEPARATORS)), max_size=12),
       st.sampled_from(["de", "en", "ru", "fa"]))
def test_single_pass_agrees_with_the_full_search(parts: list[tuple[str, str]],
                                                 locale: str) -> None:
    """The one-pass search (which hands the rest of the text to the full search at its
    first doubt) answers what the full search answers."""
    glossary = load_glossary(DATA / "glossary")
    text = "".join(word + sep for word, sep in parts)
    matcher = glossary.matcher(locale)
    full = matcher._find_all(text, fold(text))
    assert matcher.find(text) == full


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(
    [chr(code) for code in FOLD] + list("aZ İK\u212a\u0130ß") + [*FOLD.values()]), max_size=30))
def test_fold_is_the_translation_lower_cased(text: str) -> None:
    """fold() of a text beyond ASCII (one replacement per folded character present) is
    the lower-cased text translated by FOLD, at the same length."""
    text = "é" + text
    low = text.lower()
    if len(low) != len(text):
        low = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    assert fold(text) == low.translate(FOLD)
    assert len(fold(text)) == len(text)


@settings(max_examples=300, deadline=None)
@given(st.sets(st.text(alphabet="ab c", min_size=1, max_size=5), min_size=1, max_size=8),
       st.lists(st.text(alphabet="ab c", max_size=14), min_size=1, max_size=5))
def test_the_single_pass_is_leftmost_longest(keys: set[str], texts: list[str]) -> None:
    """ahocorasick-rs's hits are the leftmost-longest ones, found the slow way: at each
    place the earliest start, the longest key there (so never a key that a longer key
    matching there extends, what the matcher's settled keys rely on)."""
    ordered = sorted(keys)
    scan = ahocorasick_rs.AhoCorasick(
        ordered, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest,
        implementation=ahocorasick_rs.Implementation.DFA).find_matches_as_indexes
    for text in texts:
        expected, position = [], 0
        while True:
            found = [(start, -len(key), key) for start in range(position, len(text))
                     for key in keys if text.startswith(key, start)]
            if not found:
                break
            start, _, key = min(found)
            expected.append((key, start, start + len(key)))
            position = start + len(key)
        assert [(ordered[number], start, end) for number, start, end in scan(text)] == expected


def test_a_name_at_the_end_inside_a_longer_term_is_found() -> None:
    """"Iran" ending a text in "Russia-Iran", the start of the term "Russia-Iran alliance":
    pyahocorasick's iter_long, which the single pass used before, reported nothing there."""
    concepts = [Concept(id="iran", kind=Kind.NAME, terms={"en": ("Iran",)}),
                Concept(id="alliance", kind=Kind.TERM, terms={"en": ("Russia-Iran alliance",)})]
    matcher = Matcher(concepts, "en")
    assert [m.surface for m in matcher.find("Talks on the Russia-Iran")] == ["Iran"]
    assert [m.surface for m in matcher.find("the Russia-Iran alliance")] == [
        "Russia-Iran alliance"]


def test_fix_uses_the_shortest_listed_variant_for_the_ending(repo_root: Path) -> None:
    """"Allianzen" is listed as a forbidden variant itself; its ending still carries over."""
    glossary = load_glossary(repo_root / "glossary")
    assert fix_forbidden(glossary, "Beide Allianzen", "de")[0] == "Beide Bündnissen"


def test_near_miss_with_a_wrong_first_letter(glossary: Glossary) -> None:
    """"Eraghtschi" keeps the last letter, so it is still compared and caught."""
    assert [m.surface for m in near_misses(glossary, "Eraghtschi kam.", "de")] == ["Eraghtschi"]


@pytest.mark.parametrize("locale", ["en", "de", "zh"])
def test_an_empty_form_finds_nothing_and_keeps_the_others(locale: str) -> None:
    """A rendering that is empty (nothing to look for) neither matches nor stops the
    automaton from being built for the other forms."""
    empty = Concept(id="empty", kind=Kind.TERM, terms={locale: ("",)})
    alliance = Concept(id="alliance", kind=Kind.TERM, terms={locale: ("alliance",)})
    assert Matcher([empty], locale).find("the alliance") == []
    assert [m.concept for m in Matcher([empty, alliance], locale).find("the alliance")] == [
        "alliance"]


def test_a_released_locale_is_compiled_again_with_the_same_finds(glossary: Glossary) -> None:
    """release() drops a locale's matcher and near-miss index (a report done with that
    locale); asking again rebuilds them, with the same answers."""
    text = "Der Außenminister Araghtschi sprach über das Bündnis."
    before = glossary.find(text, "de")
    near = near_misses(glossary, "Araghtchi kam.", "de")
    glossary.release("de")
    assert "de" not in glossary._matchers
    assert not [key for key in glossary.memo if key[-1:] == ("de",)]
    assert glossary.find(text, "de") == before
    assert near_misses(glossary, "Araghtchi kam.", "de") == near
