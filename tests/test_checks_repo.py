"""``check`` and ``glossary.*`` over a real content repository, through the real CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.helpers import accord, make_repo, msgcat, msgfmt_check

from accord.catalog.pofile import Catalog, Entry, header_entry, read_po, write_po
from accord.config import load_config
from accord.glossary import load_glossary
from accord.ids import segment_id
from accord.source.segment import parse_article
from accord.steps.check import run_checks
from accord.workspace import discover_articles

DATA = Path(__file__).parent / "data"
ARTICLE = """\
---
title: Araghchi in Moscow
lang: en
---

# Araghchi in Moscow

Abbas Araghchi praised the alliance on 17 January 2025.

Read more from Russland Iran Bündnis.
"""
TRANSLATIONS = {
    "Araghchi in Moscow": "Araghtschi in Moskau",
    "Abbas Araghchi praised the alliance on 17 January 2025.":
        "Abbas Araghtschi lobte am 17. Januar 2025 die Allianz.",
    "Read more from Russland Iran Bündnis.": "Mehr von Russland Iran Bündnis.",
}


def write_catalog(root: Path, slug: str, translations: dict[str, str], fuzzy: bool = False,
                  source: str = ARTICLE) -> Path:
    """A PO file for ``slug`` in de holding ``translations`` for the article's segments."""
    article = parse_article(source, f"sources/en/{slug}.md")
    entries = [header_entry("de", "en", "test")]
    for segment in article.segments:
        entry = Entry(msgid=segment.msgid, msgctxt=segment.msgctxt,
                      msgstr=translations.get(segment.msgid, ""),
                      references=[f"sources/en/{slug}.md:{segment.line}"])
        entry.fuzzy = fuzzy and bool(entry.msgstr)
        entries.append(entry)
    path = root / "locales" / "de" / f"{slug}.po"
    path.parent.mkdir(parents=True, exist_ok=True)
    write_po(path, Catalog(entries))
    return path


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = make_repo(tmp_path / "repo", locales=["de"], articles={"visit": ARTICLE})
    (root / "glossary").mkdir()
    for path in (DATA / "glossary").glob("*.yaml"):
        (root / "glossary" / path.name).write_text(path.read_text(encoding="utf-8"),
                                                  encoding="utf-8")
    write_catalog(root, "visit", TRANSLATIONS)
    return root


def test_run_checks_reports_target_findings_with_po_lines(repo: Path) -> None:
    """The forbidden "Allianz" is found at its PO entry's line, with the segment id."""
    config = load_config(repo)
    findings = run_checks(config, ["de"], discover_articles(config),
                          load_glossary(config.glossary_dir))
    assert [(f.check, f.concept, f.locale) for f in findings] == [
        ("glossary-forbidden", "alliance", "de")]
    (finding,) = findings
    msgid = "Abbas Araghchi praised the alliance on 17 January 2025."
    entry = read_po(repo / "locales/de/visit.po").find(msgid)
    assert entry is not None
    assert (finding.file, finding.line, finding.segment) == (
        "locales/de/visit.po", entry.line, segment_id(msgid))


def test_source_findings_use_the_source_line(repo: Path) -> None:
    """An English source writing "Araghtschi" is reported at its own file and line."""
    source = ARTICLE.replace("Abbas Araghchi praised", "Abbas Araghtschi praised")
    (repo / "sources/en/visit.md").write_text(source, encoding="utf-8")
    config = load_config(repo)
    findings = run_checks(config, ["de"], discover_articles(config),
                          load_glossary(config.glossary_dir))
    source_findings = [f for f in findings if f.file == "sources/en/visit.md"]
    assert [(f.check, f.locale, f.line, f.found) for f in source_findings] == [
        ("glossary-forbidden", "en", 8, "Araghtschi")]


def test_cli_json_and_exit_code(repo: Path) -> None:
    """``check --format json`` prints the contract's object and exits 1 on errors."""
    result = accord(repo, "check", "--format", "json")
    assert result.returncode == 1, result.stderr
    document = json.loads(result.stdout)
    assert document["summary"]["errors"] == 1
    assert document["findings"][0]["check"] == "glossary-forbidden"


def test_cli_exit_zero_when_clean_and_markdown_format(repo: Path) -> None:
    """No errors: exit 0; ``--format markdown`` gives a Markdown report."""
    clean = dict(TRANSLATIONS)
    clean[next(k for k in clean if "praised" in k)] = (
        "Abbas Araghtschi lobte am 17. Januar 2025 das Bündnis.")
    write_catalog(repo, "visit", clean)
    result = accord(repo, "check", "--format", "markdown")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("## Accord glossary report")
    assert "check passes" in result.stdout


def test_cli_bad_format_is_usage_error(repo: Path) -> None:
    """An unknown ``--format`` exits 2 with a message."""
    result = accord(repo, "check", "--format", "xml")
    assert result.returncode == 2
    assert "--format" in result.stderr


def test_fix_replaces_marks_fuzzy_and_keeps_gettext_format(repo: Path) -> None:
    """``check --fix`` writes "Bündnis", marks the entry fuzzy, and msgfmt/msgcat agree."""
    result = accord(repo, "check", "--fix")
    assert result.returncode == 0, result.stdout + result.stderr
    path = repo / "locales/de/visit.po"
    entry = read_po(path).find("Abbas Araghchi praised the alliance on 17 January 2025.")
    assert entry is not None
    assert entry.msgstr == "Abbas Araghtschi lobte am 17. Januar 2025 die Bündnis."
    assert entry.fuzzy
    assert msgfmt_check(path).returncode == 0
    assert msgcat(path) == path.read_text(encoding="utf-8")
    untouched = read_po(path).find("Read more from Russland Iran Bündnis.")
    assert untouched is not None
    assert not untouched.fuzzy


def test_fuzzy_entries_are_checked_and_say_so(repo: Path) -> None:
    """A fuzzy translation is still checked; its finding carries ``fuzzy: true``."""
    write_catalog(repo, "visit", TRANSLATIONS, fuzzy=True)
    document = json.loads(accord(repo, "check", "--format", "json").stdout)
    assert [f["fuzzy"] for f in document["findings"]] == [True]


def test_inconsistent_translations_across_articles(repo: Path) -> None:
    """The same msgid translated differently in two PO files of a locale is a warning."""
    (repo / "sources/en/second.md").write_text(ARTICLE, encoding="utf-8")
    other = dict(TRANSLATIONS)
    other["Araghchi in Moscow"] = "Araghtschi zu Besuch in Moskau"
    write_catalog(repo, "second", other)
    config = load_config(repo)
    findings = run_checks(config, ["de"], discover_articles(config),
                          load_glossary(config.glossary_dir))
    inconsistent = [f for f in findings if f.check == "inconsistent"]
    # The title is two segments (front matter and heading), both translated differently.
    assert len(inconsistent) == 2
    assert {f.found for f in inconsistent} <= {"Araghtschi in Moskau",
                                               "Araghtschi zu Besuch in Moskau"}
    assert {f.segment for f in inconsistent} == {
        segment_id("Araghchi in Moscow", "front-matter:title"), segment_id("Araghchi in Moscow")}


def test_bad_glossary_is_reported_with_file_and_line(repo: Path) -> None:
    """``glossary.validate`` and ``check`` exit 2 with ``file:line: key: message``."""
    (repo / "glossary" / "zz.yaml").write_text(
        "- id: x\n  kind: term\n  terms:\n    de: [ok, 3]\n", encoding="utf-8")
    for task in ("glossary.validate", "check"):
        result = accord(repo, task)
        assert result.returncode == 2
        assert "glossary/zz.yaml:4: terms.de[1]: expected a string" in result.stderr


def test_validate_export_import_round_trip(repo: Path, tmp_path: Path) -> None:
    """Export to TBX and CSV, import into an empty repository: the same concepts come back."""
    assert accord(repo, "glossary.validate").returncode == 0
    for fmt in ("tbx", "csv"):
        out = tmp_path / f"g.{fmt}"
        result = accord(repo, "glossary.export", "--format", fmt, "--output", str(out))
        assert result.returncode == 0, result.stderr
        fresh = make_repo(tmp_path / f"fresh-{fmt}", locales=["de"])
        (fresh / "glossary").mkdir()
        result = accord(fresh, "glossary.import", str(out))
        assert result.returncode == 0, result.stderr
        before = load_glossary(repo / "glossary").concepts
        after = load_glossary(fresh / "glossary").concepts
        assert [(c.id, c.terms, c.forms, c.forbidden, c.kind) for c in after] == [
            (c.id, c.terms, c.forms, c.forbidden, c.kind) for c in before]


def test_since_spares_articles_written_before(repo: Path) -> None:
    """A concept with ``since`` after the article's date raises no glossary finding there."""
    path = repo / "glossary" / "engine.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "  forbidden: {de: [Allianz], ru: [альянс]}",
        "  forbidden: {de: [Allianz], ru: [альянс]}\n  since: 2025-06-01")
    path.write_text(text, encoding="utf-8")
    config = load_config(repo)
    glossary = load_glossary(config.glossary_dir)
    assert glossary.concept("alliance").since == "2025-06-01"
    source = repo / "sources/en/visit.md"
    for date, expected in (("2025-01-01", []), ("2025-06-01", ["glossary-forbidden"])):
        source.write_text(ARTICLE.replace("lang: en", f"lang: en\ndate: {date}"),
                          encoding="utf-8")
        findings = run_checks(config, ["de"], discover_articles(config), glossary)
        assert [f.check for f in findings] == expected
