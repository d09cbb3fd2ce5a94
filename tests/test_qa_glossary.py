"""QA: the reviewer's labelled set and near-miss edge cases of the glossary engine."""

from __future__ import annotations

from pathlib import Path

import pytest
from tools.evaluate import evaluate, load_cases

from accord.errors import GlossaryError
from accord.glossary import load_glossary
from accord.glossary.nearmiss import near_misses

DATA = Path(__file__).parent / "data"
REPO = Path(__file__).parent.parent
THRESHOLD = 0.95


def test_qa_labelled_set_scores() -> None:
    """Every check reaches precision and recall ≥ 0.95 on the QA set (≥ 80 cases)."""
    cases = load_cases(DATA / "glossary_cases_qa.yaml")
    assert len(cases) >= 80
    assert len({c.id for c in cases}) == len(cases)
    assert {c.locale for c in cases} >= {"de", "en", "fr", "ru", "fa", "es"}
    result = evaluate(load_glossary(REPO / "glossary"), cases)
    wrong = "\n".join(f"{case.id}: expected {sorted(case.expected, key=str)}, "
                      f"found {sorted(got, key=str)}" for case, got in result.wrong)
    low = [s.check for s in result.scores.values()
           if min(s.precision, s.recall) < THRESHOLD]
    assert not low, f"\n{result.table()}\n{wrong}"


def test_a_name_with_a_stray_letter_is_a_near_miss() -> None:
    """"Araghchie" starts with "Araghchi" but is a typo, not a word derived from it."""
    glossary = load_glossary(REPO / "glossary")
    found = near_misses(glossary, "Araghchie arrived in Moscow.", "en")
    assert [(m.concept, m.surface) for m in found] == [("abbas-araghchi", "Araghchie")]
    found = near_misses(glossary, "Araghchii and Pezeshkiann", "en")
    assert [m.surface for m in found] == ["Araghchii", "Pezeshkiann"]


def test_words_derived_from_a_name_are_not_near_misses() -> None:
    """Adjectives and plurals built on a name stay quiet."""
    glossary = load_glossary(REPO / "glossary")
    assert near_misses(glossary, "Russians and Azerbaijani traders; Putinism.", "en") == []
    assert near_misses(glossary, "نفت ایرانی", "fa") == []


def test_a_persian_vowel_sign_after_a_name_is_no_ending() -> None:
    """The ezafe kasra on "تهرانِ" leaves the name تهران found."""
    glossary = load_glossary(REPO / "glossary")
    assert [m.concept for m in glossary.find("خیابان‌های تهرانِ", "fa")] == ["tehran"]


def test_a_hyphen_typed_for_a_dash_is_the_same_term() -> None:
    """"North-South corridor" (hyphen) is the rendering "North–South corridor" (en dash)."""
    glossary = load_glossary(REPO / "glossary")
    found = glossary.find("The North-South corridor and the North–South corridor.", "en")
    assert [m.concept for m in found] == ["north-south-corridor"] * 2


def test_german_names_take_the_genitive_es() -> None:
    """"des UN-Sicherheitsrates" renders the Security Council, as "Sicherheitsrats" would."""
    glossary = load_glossary(REPO / "glossary")
    found = glossary.find("Resolutionen des UN-Sicherheitsrates und des Föderationsrates", "de")
    assert [m.concept for m in found] == ["un-security-council", "federation-council"]


def test_a_lower_case_name_capitalised_at_a_sentence_start_is_found() -> None:
    """"Mar Caspio: …" is the Spanish rendering "mar Caspio" at the start of a heading."""
    glossary = load_glossary(REPO / "glossary")
    assert [m.concept for m in glossary.find("Mar Caspio: las rutas", "es")] == ["caspian-sea"]
    assert [m.concept for m in glossary.find("la mer Caspienne", "fr")] == ["caspian-sea"]


def test_a_malformed_labelled_case_is_an_error_not_a_silent_miss(tmp_path: Path) -> None:
    """A misspelt check id would score nothing; a missing key would crash: both name the case."""
    bad = tmp_path / "bad.yaml"
    bad.write_text("- {id: a, source_lang: en, locale: de, source: x, target: y,"
                   " expected: [{check: glossary-mising, concept: alliance}]}\n", encoding="utf-8")
    with pytest.raises(GlossaryError, match="unknown check 'glossary-mising'"):
        load_cases(bad)
    bad.write_text("- {id: b, locale: de, source: x, target: y, expected: []}\n",
                   encoding="utf-8")
    with pytest.raises(GlossaryError, match="case b: source_lang"):
        load_cases(bad)


def test_persian_attached_pronouns_and_half_spaces() -> None:
    """اتحادمان (our alliance), اتحادهایشان (their alliances), سازمان‌ملل with a ZWNJ."""
    glossary = load_glossary(REPO / "glossary")
    for text, concept in (("اتحادمان", "alliance"), ("اتحادهایشان", "alliance"),
                          ("سازمان\u200cملل", "united-nations")):
        assert [m.concept for m in glossary.find(text, "fa")] == [concept], text
