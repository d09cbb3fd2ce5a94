"""Glossary enforcement around an engine: protect, restore, substitute, fix, verify."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from accord.glossary import Glossary, make_glossary, parse_glossary
from accord.mt.enforce import enforce, protect, restore, substitute, verbatim_spans, verify
from servers import fake_translate

GLOSSARY = """\
- id: abbas-araghchi
  kind: name
  terms:
    en: [Abbas Araghchi, Araghchi]
    de: [Abbas Araghtschi, Araghtschi]
    ru: [Аббас Аракчи, Аракчи]
  forbidden:
    de: [Araghchi]
- id: lavrov
  kind: name
  terms: {en: [Sergey Lavrov, Lavrov], de: [Sergej Lawrow, Lawrow]}
  forbidden: {de: [Lavrov]}
- id: alliance
  kind: term
  terms: {en: [alliance], de: [Bündnis]}
  forbidden: {de: [Allianz]}
- id: site-name
  kind: brand
  terms: {all: [Russland Iran Bündnis]}
- id: ghost
  kind: name
  terms: {en: [Ghostly]}
"""


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return make_glossary(parse_glossary(GLOSSARY, "glossary/test.yaml"))


def round_trip(glossary: Glossary, source: str, locale: str = "de") -> str:
    """Protect, 'translate' with the fake provider's dictionary, restore, enforce."""
    protected = protect(glossary, source, "en", locale)
    restored = restore(fake_translate(protected.text, locale), protected, "en", locale)
    assert restored is not None
    return enforce(glossary, protected, restored, "en", locale).text


def test_names_and_brands_become_placeholders(glossary: Glossary) -> None:
    """Names and brands leave the text; terms stay for the engine to inflect."""
    protected = protect(glossary, "Abbas Araghchi met Lavrov at Russland Iran Bündnis "
                                  "about the alliance.", "en", "de")
    assert protected.text == "ph0@x.zz met ph1@x.zz at ph2@x.zz about the alliance."
    assert [(s.concept, s.rendering) for s in protected.slots] == [
        ("abbas-araghchi", "Abbas Araghtschi"), ("lavrov", "Lawrow"),
        ("site-name", "Russland Iran Bündnis")]


def test_concepts_without_a_rendering_are_left_to_the_engine(glossary: Glossary) -> None:
    """A glossary gap for the locale means nothing to protect or restore."""
    assert protect(glossary, "Ghostly said so.", "en", "de").slots == ()


def test_restore_uses_the_aligned_form_and_german_genitive(glossary: Glossary) -> None:
    """Surname stays surname; an English possessive becomes a German genitive."""
    assert round_trip(glossary, "Araghchi's talks with Abbas Araghchi.") == (
        "Araghtschis Gespräche mit Abbas Araghtschi."
    )


def test_restore_tolerates_case_spaces_and_native_digits(glossary: Glossary) -> None:
    """Ph0@X.zz at a sentence start, ph 1 @ x.zz and Persian digits are still ours."""
    protected = protect(glossary, "Araghchi and Lavrov.", "en", "de")
    assert restore("Ph0@X.ZZ und ph 1 @ x.zz.", protected, "en", "de") == (
        "Araghtschi und Lawrow.")
    assert restore("ph۰@x.zz und ph۱@x.zz.", protected, "en", "de") == "Araghtschi und Lawrow."


@pytest.mark.parametrize(
    "answer", ["ph0@x.zz und Lavrov.", "ph0@x.zz und ph0@x.zz und ph1@x.zz.", "Und ph7@x.zz."]
)
def test_lost_or_doubled_placeholders_give_up(glossary: Glossary, answer: str) -> None:
    """restore refuses answers whose placeholders do not match one to one."""
    protected = protect(glossary, "Araghchi and Lavrov.", "en", "de")
    assert restore(answer, protected, "en", "de") is None


def test_substitute_fixes_copied_source_spellings(glossary: Glossary) -> None:
    """Unprotected fallback: source spellings of names become target renderings."""
    protected = protect(glossary, "Abbas Araghchi and Lavrov.", "en", "de")
    assert substitute("Abbas Araghchi und Lavrov.", protected, glossary, "en", "de") == (
        "Abbas Araghtschi und Lawrow.")


def test_forbidden_variants_are_fixed_with_inflection(glossary: Glossary) -> None:
    """The engine's 'Allianz' becomes 'Bündnis'; verification then finds nothing."""
    assert round_trip(glossary, "The alliance is strong.") == "Die Bündnis ist stark."


def test_urls_and_code_are_never_touched(glossary: Glossary) -> None:
    """Link destinations, code spans and URLs are protected and never 'fixed'."""
    source = ("See [Araghchi's page](https://x.org/Araghchi/alliance) and `Araghchi()` "
              "or https://x.org/Lavrov.")
    assert [source[a:b] for a, b in verbatim_spans(source)] == [
        "https://x.org/Araghchi/alliance", "`Araghchi()`", "https://x.org/Lavrov"]
    out = round_trip(glossary, source)
    assert "(https://x.org/Araghchi/alliance)" in out
    assert "`Araghchi()`" in out
    assert "https://x.org/Lavrov." in out
    assert "[Araghtschis page]" in out


def test_verify_reports_what_is_still_wrong(glossary: Glossary) -> None:
    """Missing names, forbidden variants and altered brands are violations."""
    source = "Abbas Araghchi visited Russland Iran Bündnis with Lavrov."
    found = verify(glossary, source, "Araghchi besuchte RIB mit Lawrow.", "en", "de")
    assert sorted((v.check, v.concept) for v in found) == [
        ("glossary-brand", "site-name"),
        ("glossary-forbidden", "abbas-araghchi"),  # one problem, one finding (as check)
    ]
    assert verify(glossary, source, "Abbas Araghtschi besuchte Russland Iran Bündnis mit "
                                    "Lawrow.", "en", "de") == []


def test_source_that_looks_like_placeholders_is_sent_as_is(glossary: Glossary) -> None:
    """A msgid already containing a placeholder is sent as is (the answer would be ambiguous)."""
    protected = protect(glossary, "Mail ph0@x.zz for Araghchi", "en", "de")
    assert (protected.text, protected.slots) == ("Mail ph0@x.zz for Araghchi", ())


WORDS = st.sampled_from(["the", "met", "said", "and", "alliance", "in", "today", ","])
NAMES = st.sampled_from(["Abbas Araghchi", "Araghchi", "Lavrov", "Sergey Lavrov",
                         "Russland Iran Bündnis", "[link](https://x.org/Lavrov)", "`code`"])


@given(st.lists(st.one_of(WORDS, NAMES), min_size=1, max_size=25))
def test_an_engine_that_keeps_placeholders_always_restores(words: list[str]) -> None:
    """Whatever the sentence, placeholders copied through come back as target renderings."""
    glossary = make_glossary(parse_glossary(GLOSSARY, "glossary/test.yaml"))
    source = " ".join(words)
    protected = protect(glossary, source, "en", "de")
    assert "Araghchi" not in protected.text.replace("(https://x.org/Lavrov)", "")
    restored = restore(fake_translate(protected.text, "de"), protected, "en", "de")
    assert restored is not None
    result = enforce(glossary, protected, restored, "en", "de")
    assert result.violations == ()
    assert "https://x.org/Lavrov" in result.text or "https://x.org/Lavrov" not in source
