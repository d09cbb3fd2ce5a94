"""Checks of one segment: each check fires on its problem and stays quiet otherwise."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from accord.catalog.pofile import Catalog, Entry
from accord.checks import CHECKS, Finding, Severity, Where, check_segment, check_source, summary
from accord.checks.finding import CheckId
from accord.checks.qa import link_key, numbers
from accord.checks.registry import REGISTERED, SEVERITY, Side, Translation, check, finding
from accord.glossary import Glossary, load_glossary
from accord.report.check_output import format_json, format_markdown, format_text, write_findings
from accord.steps.fix import fix_catalog

DATA = Path(__file__).parent / "data"
WHERE = Where(locale="de", article="a", segment="0123abcd", file="locales/de/a.po", line=7)


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return load_glossary(DATA / "glossary")


def checks_of(glossary: Glossary, msgid: str, msgstr: str, locale: str = "de") -> list[str]:
    return sorted(f.check for f in check_segment(glossary, msgid, msgstr, "en", locale,
                                                 where=WHERE))


def test_clean_translation_has_no_findings(glossary: Glossary) -> None:
    """A translation that follows the glossary and keeps markup, links and numbers is clean."""
    msgid = "On 17 January 2025, **Araghchi** signed the [alliance](https://example.org/a)."
    msgstr = "Am 17. Januar 2025 unterzeichnete **Araghtschi** das [Bündnis](https://example.org/a)."
    assert checks_of(glossary, msgid, msgstr) == []


@pytest.mark.parametrize(("msgid", "msgstr", "expected"), [
    ("The alliance.", "Die Allianz.", ["glossary-forbidden"]),
    ("The alliance.", "Der Vertrag.", ["glossary-missing"]),
    ("Araghchi spoke.", "Araqtschi sprach.", ["glossary-near-miss"]),
    ("From Russland Iran Bündnis.", "Vom Bündnis Russland–Iran.", ["glossary-brand"]),
    ("A **bold** move.", "Ein kühner Schritt.", ["markup"]),
    ("Run `sync`.", "Führe `synchronisieren` aus.", ["markup"]),
    ("See [x](https://a.org/1).", "Siehe [x](https://a.org/2).", ["url"]),
    ("In 2024.", "Im Jahr 2025.", ["number"]),
])
def test_each_check_fires_on_its_problem(glossary: Glossary, msgid: str, msgstr: str,
                                         expected: list[str]) -> None:
    """One problem, one finding of the right check."""
    assert checks_of(glossary, msgid, msgstr) == expected


def test_gap_when_the_locale_has_no_rendering(glossary: Glossary) -> None:
    """A concept without a rendering for the locale is a warning, not a missing error."""
    (finding,) = check_segment(glossary, "The grain corridor.", "Le corridor céréalier.",
                               "en", "fr", where=WHERE)
    assert (finding.check, finding.severity, finding.concept) == (
        "glossary-gap", Severity.WARNING, "grain-corridor")


def test_forbidden_finding_carries_found_and_expected(glossary: Glossary) -> None:
    """Glossary findings name the concept, what was found and the rendering expected."""
    (finding,) = check_segment(glossary, "Both alliances.", "Beide Allianzen.", "en", "de",
                               where=WHERE)
    assert (finding.concept, finding.found, finding.expected) == ("alliance", "Allianzen",
                                                                  "Bündnis")
    assert (finding.file, finding.line, finding.segment) == ("locales/de/a.po", 7, "0123abcd")


def test_source_is_checked_against_its_own_language(glossary: Glossary) -> None:
    """An English source writing the German transliteration is a forbidden finding."""
    (finding,) = check_source(glossary, "Foreign minister Araghtschi said so.", "en")
    assert (finding.check, finding.locale, finding.found, finding.expected) == (
        "glossary-forbidden", "en", "Araghtschi", "Araghchi")


def test_internal_links_may_be_localised() -> None:
    """Links to other articles compare by slug; external links byte for byte."""
    assert link_key("north-south-corridor.md") == link_key("../de/north-south-corridor.md#x")
    assert link_key("https://a.org/x") != link_key("https://a.org/y")


def test_numbers_ignore_separators_and_digit_scripts() -> None:
    """1,500.5 = 1.500,5 = ۱۵۰۰٫۵ style digits; numbers inside link targets do not count."""
    assert numbers("1,500.5 in [2024](https://x.org/99)") == numbers("1.500,5 in [2024](y)")
    assert numbers("۲۰۲۵") == numbers("2025")


def test_json_output_follows_the_contract(glossary: Glossary) -> None:
    """``{"findings": [...], "summary": {errors, warnings, by_check, by_locale}}``."""
    findings = check_segment(glossary, "The alliance, 2024.", "Die Allianz, 2025.", "en", "de",
                             where=WHERE)
    document = json.loads(format_json(findings))
    assert set(document) == {"findings", "summary"}
    first = document["findings"][0]
    assert {"check", "severity", "locale", "article", "segment", "file", "line", "message",
            "concept", "found", "expected"} <= set(first)
    assert document["summary"] == {
        "errors": 1, "warnings": 1,
        "by_check": {"glossary-forbidden": 1, "number": 1},
        "by_locale": {"de": {"errors": 1, "warnings": 1}},
    }


def test_text_and_markdown_output() -> None:
    """Text is compiler-style ``file:line: severity: [check]``; Markdown escapes pipes."""
    finding = Finding("markup", Severity.ERROR, "de", "a", "0123abcd", "locales/de/a.po", 7,
                      "markup differs: a|b")
    assert format_text([finding]).splitlines()[0].startswith(
        "locales/de/a.po:7: error: [markup] markup differs: a|b")
    assert "a\\|b" in format_markdown([finding])
    assert summary([])["errors"] == 0


def test_every_check_has_a_severity() -> None:
    """The table of DESIGN.md §6, in order; every id is registered with its severity."""
    assert CHECKS == ("glossary-missing", "glossary-forbidden", "glossary-brand",
                      "glossary-near-miss", "glossary-gap", "markup", "url", "number",
                      "inconsistent", "link-broken", "unsafe-markup")
    assert sorted(SEVERITY) == sorted(CHECKS)
    assert SEVERITY["glossary-missing"] is Severity.ERROR
    assert SEVERITY["number"] is Severity.WARNING


def test_every_registered_check_has_a_title_and_a_documented_id() -> None:
    """Each check's docstring is its title, and docs/glossary.md has a row for each id."""
    table = (Path(__file__).parent.parent / "docs" / "glossary.md").read_text(encoding="utf-8")
    assert all(c.title for c in REGISTERED)
    assert [c for c in CHECKS if f"| `{c}` |" not in table] == []


def test_a_registered_check_runs_with_the_others(glossary: Glossary) -> None:
    """A function decorated with ``@check`` is run by check_segment, no other file changed."""

    @check(Side.TARGET, (CheckId.NUMBER, Severity.WARNING))
    def shouting(t: Translation) -> list[Finding]:
        """The translation is all capitals."""
        return [finding(CheckId.NUMBER, t.where, "shouting")] if t.msgstr.isupper() else []

    try:
        found = check_segment(glossary, "Quiet.", "LAUT.", "en", "de", where=WHERE)
    finally:
        REGISTERED.remove(next(c for c in REGISTERED if c.function is shouting))
    assert [(f.check, f.message, f.line) for f in found] == [("number", "shouting", 7)]
    assert check_segment(glossary, "Quiet.", "LAUT.", "en", "de") == []


def test_an_id_cannot_have_two_severities() -> None:
    """Registering a known id with another severity is refused at import."""
    with pytest.raises(ValueError, match="registered as"):
        check(Side.TARGET, (CheckId.NUMBER, Severity.ERROR))(lambda t: [])


def test_decomposed_characters_are_composed_first(glossary: Glossary) -> None:
    """"Bu\u0308ndnis" (u + combining diaeresis) is the preferred rendering, not a missing one."""
    assert checks_of(glossary, "The alliance.", "Das Bu\u0308ndnis.") == []


def test_fix_leaves_names_carried_over_from_the_source(glossary: Glossary) -> None:
    """``--fix`` changes what the checks report, and nothing else."""
    catalog = Catalog([
        Entry(msgid="The insurer Allianz left.", msgstr="Der Versicherer Allianz ging."),
        Entry(msgid="The alliance held.", msgstr="Die Allianz hielt."),
    ])
    changed = fix_catalog(catalog, glossary, "de", "en")
    assert [e.msgstr for e in catalog.entries] == ["Der Versicherer Allianz ging.",
                                                   "Die Bündnis hielt."]
    assert [e.fuzzy for e in catalog.entries] == [False, True]
    assert len(changed) == 1


@pytest.mark.parametrize("count", [0, 1, 3])
def test_streamed_json_is_what_json_dumps_writes(glossary: Glossary, count: int) -> None:
    """check writes its JSON one finding at a time, byte for byte json.dumps's document."""
    findings = 2 * check_segment(glossary, "The alliance, 2024 — «Bündnis».",
                                 "Die Allianz, 2025 „ok“.", "en", "de", where=WHERE)
    findings = findings[:count]
    assert len(findings) == count
    dicts = [f.to_dict() for f in findings]
    expected = json.dumps({"findings": dicts, "summary": summary(findings)},
                          ensure_ascii=False, indent=2)
    out = io.StringIO()
    assert write_findings(iter(findings), "json", out) == summary(findings)
    assert out.getvalue() == expected == format_json(findings)
