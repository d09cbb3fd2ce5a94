"""QA: ``accord check`` on an English article that writes the German "Araghtschi"."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.helpers import accord, make_repo

from accord.catalog.pofile import Catalog, Entry
from accord.checks.finding import Where
from accord.checks.segment import check_segment, check_source
from accord.glossary import load_glossary
from accord.steps.fix import fix_catalog

REPO = Path(__file__).parent.parent
ARTICLE = """\
---
title: Iran's foreign minister in Moscow
lang: en
date: 2026-11-20
---
Iran's foreign minister arrived in Moscow on Tuesday for talks with Sergey Lavrov.
According to the ministry, Abbas Araghtschi will also meet Vladimir Putin.

> The alliance is not a treaty of defence,
> Araghtschi's aides said.
"""


def _repo(tmp_path: Path) -> Path:
    root = make_repo(tmp_path / "repo", locales=["de"], articles={"visit": ARTICLE})
    shutil.copytree(REPO / "glossary", root / "glossary")
    return root


def test_forbidden_variant_in_a_source_is_reported_on_its_own_line(tmp_path: Path) -> None:
    """glossary-forbidden on the source, at file:line of the word, not of the paragraph."""
    root = _repo(tmp_path)
    result = accord(root, "check", "--format", "json")
    assert result.returncode == 1, result.stderr
    findings = [f for f in json.loads(result.stdout)["findings"]
                if f["check"] == "glossary-forbidden"]
    assert [(f["file"], f["line"], f["locale"], f["concept"], f["found"]) for f in findings] == [
        ("sources/en/visit.md", 7, "en", "abbas-araghchi", "Araghtschi"),
        ("sources/en/visit.md", 10, "en", "abbas-araghchi", "Araghtschi"),
    ]
    text = accord(root, "check")
    assert "sources/en/visit.md:7: error: [glossary-forbidden]" in text.stdout



def test_link_targets_code_and_html_are_not_checked_against_the_glossary() -> None:
    """A URL must stay as it is (the url check), so a name inside it is no finding."""

    glossary = load_glossary(REPO / "glossary")
    source = ("See [the profile](https://example.com/Araghtschi-profile), `Araghtschi`,"
              " <span title=\"Araghtschi\">him</span> and <https://example.com/Peskoff>.")
    assert check_source(glossary, source, "en", Where(locale="en")) == []
    found = check_segment(glossary, "See [Araghchi](https://example.com/Araghchi).",
                          "Siehe [Araghtschi](https://example.com/Araghchi).", "en", "de")
    assert [f.check for f in found if f.check.startswith("glossary")] == []
    found = check_source(glossary, "[Araghtschi](x.md) and Araghtschi.", "en")
    assert [f.found for f in found] == ["Araghtschi", "Araghtschi"]


def test_fix_leaves_link_targets_alone() -> None:
    """``--fix`` replaces the name in the link text, not in the link target."""

    glossary = load_glossary(REPO / "glossary")
    entry = Entry(msgid="See [Araghchi](https://example.com/Araghchi).",
                  msgstr="Siehe [Araghchi](https://example.com/Araghchi).")
    catalog = Catalog([entry])
    fix_catalog(catalog, glossary, "de", "en")
    assert entry.msgstr == "Siehe [Araghtschi](https://example.com/Araghchi)."
    assert entry.fuzzy


def test_soft_hyphens_inside_words_are_ignored() -> None:
    """"Bünd\u00adnis" pasted from a CMS is Bündnis; "Al\u00adlianz" is still forbidden."""
    glossary = load_glossary(REPO / "glossary")
    assert check_segment(glossary, "Putin and the alliance.", "Pu\u00adtin und das Bünd\u00adnis.",
                         "en", "de") == []
    found = check_segment(glossary, "The alliance.", "Die Al\u00adlianz.", "en", "de")
    assert [(f.check, f.found) for f in found] == [("glossary-forbidden", "Allianz")]


def test_a_capitalised_headline_brand_may_take_the_glossary_spelling() -> None:
    """"ACCORD EDITORIAL DESK" → "Redaktion Accord" reproduces the brand."""
    glossary = load_glossary(REPO / "glossary")
    assert check_segment(glossary, "ACCORD EDITORIAL DESK", "Redaktion Accord", "en", "de") == []
    found = check_segment(glossary, "ACCORD EDITORIAL DESK", "Redaktion Akkord", "en", "de")
    assert [f.check for f in found] == ["glossary-brand"]
