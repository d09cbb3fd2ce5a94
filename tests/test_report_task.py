"""``accord report`` on a scratch repository: files, exit codes, agreement with ``status``."""

from __future__ import annotations

import datetime
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from accord.catalog.pofile import Entry
from accord.review.state import approve
from accord.source.segment import parse_article

ARTICLE = """---
title: Araghchi in Moscow
slug: treaty
date: 2026-11-20
---

Abbas Araghchi signed the treaty.

The alliance holds <script>window.__pwned = 1</script>.

Araqchi said nothing.
"""

GLOSSARY = """\
- id: abbas-araghchi
  kind: name
  note: Foreign minister of Iran since August 2024.
  terms:
    en: [Abbas Araghchi, Araghchi]
    de: [Abbas Araghtschi, Araghtschi]
    fa: [عباس عراقچی, عراقچی]
  forbidden:
    en: [Araghtschi, Araqchi]
    de: [Araghchi]
- id: alliance
  kind: term
  terms: {en: [alliance], de: [Bündnis]}
  forbidden: {de: [Allianz]}
"""

PYPROJECT = """\
[tool.accord]
locales = ["de", "fa"]
"""

# msgid → (msgstr, fuzzy, approved) per locale; missing = untranslated
TRANSLATIONS = {
    "de": {
        "Araghchi in Moscow": ("Araghtschi in Moskau", False, True),
        "Abbas Araghchi signed the treaty.": ("Abbas Araghchi unterzeichnete den Vertrag.",
                                              False, False),
        "The alliance holds <script>window.__pwned = 1</script>.":
            ("Die Allianz hält <script>window.__pwned = 1</script>.", True, False),
    },
    "fa": {
        "Araghchi in Moscow": ("عراقچی در مسکو", False, True),
    },
}


def quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def po_text(locale: str) -> str:
    """A PO file as a translator's editor would leave it, marks made by accord.review.state."""
    article = parse_article(ARTICLE, "sources/en/treaty.md")
    lines = [
        'msgid ""', 'msgstr ""',
        f'"Language: {locale}\\n"', '"MIME-Version: 1.0\\n"',
        '"Content-Type: text/plain; charset=UTF-8\\n"',
        '"Content-Transfer-Encoding: 8bit\\n"', '"X-Source-Language: en\\n"', "",
    ]
    for segment in article.segments:
        msgstr, fuzzy, approved = TRANSLATIONS[locale].get(segment.msgid, ("", False, False))
        entry = Entry(msgid=segment.msgid, msgstr=msgstr, msgctxt=segment.msgctxt)
        if approved:
            approve(entry, "Reviewer", datetime.date(2026, 11, 25))
        lines += [f"# {c}" for c in entry.translator_comments]
        lines.append(f"#: sources/en/treaty.md:{segment.line}")
        if fuzzy:
            lines.append("#, fuzzy")
        if segment.msgctxt:
            lines.append(f"msgctxt {quote(segment.msgctxt)}")
        lines += [f"msgid {quote(segment.msgid)}", f"msgstr {quote(msgstr)}", ""]
    return "\n".join(lines)


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    """A content repository with one English article, a glossary and de/fa PO files."""
    (tmp_path / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    (tmp_path / "sources" / "en").mkdir(parents=True)
    (tmp_path / "sources" / "en" / "treaty.md").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "glossary").mkdir()
    (tmp_path / "glossary" / "people.yaml").write_text(GLOSSARY, encoding="utf-8")
    for locale in TRANSLATIONS:
        folder = tmp_path / "locales" / locale
        folder.mkdir(parents=True)
        (folder / "treaty.po").write_text(po_text(locale), encoding="utf-8")
    return tmp_path


def accord(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONWARNINGS": "error"}
    return subprocess.run([sys.executable, "-m", "accord", *args], cwd=root, env=env,
                          capture_output=True, text=True, timeout=120, check=False)


def test_report_writes_every_file_and_exits_zero_despite_errors(repository: Path) -> None:
    """report is not the gate: errors found, reports written, exit 0."""
    done = accord(repository, "report")
    assert done.returncode == 0, done.stderr
    names = sorted(p.relative_to(repository / "build" / "reports").as_posix()
                   for p in (repository / "build" / "reports").rglob("*") if p.is_file())
    assert names == ["de.html", "de/treaty.html", "fa.html", "fa/treaty.html", "glossary.html",
                     "index.html", "report.json", "report.md"]
    assert "errors" in done.stdout


def test_report_json_status_equals_status_json(repository: Path) -> None:
    """The counts in report.json and index.html are those of ``status --format json``."""
    assert accord(repository, "report").returncode == 0
    status = json.loads(accord(repository, "status", "--format", "json").stdout)
    data = json.loads((repository / "build/reports/report.json").read_text(encoding="utf-8"))
    assert data["status"] == status
    de = status["locales"][0]
    assert de["locale"] == "de"
    assert de["counts"]["approved"] == 1
    assert de["counts"]["fuzzy"] == 1
    index = (repository / "build/reports/index.html").read_text(encoding="utf-8")
    for entry in status["locales"]:
        for state, count in entry["counts"].items():
            assert f'data-state="{state}">{count}<' in index or (
                f'data-state="{state}"><a href="{entry["locale"]}.html#state={state}">{count}</a>'
                in index
            )


def test_findings_appear_inline_and_in_json(repository: Path) -> None:
    """Forbidden variants in de are errors shown next to their segments; the en source too."""
    assert accord(repository, "report").returncode == 0
    data = json.loads((repository / "build/reports/report.json").read_text(encoding="utf-8"))
    checks = {(f["locale"], f["check"], f.get("found")) for f in data["findings"]}
    assert ("de", "glossary-forbidden", "Araghchi") in checks
    assert ("de", "glossary-forbidden", "Allianz") in checks
    assert ("en", "glossary-forbidden", "Araqchi") in checks
    page = (repository / "build/reports/de/treaty.html").read_text(encoding="utf-8")
    assert '<mark class="term term-forbidden" data-concept="alliance"' in page
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in page
    assert "<script>window.__pwned" not in page


def test_second_run_changes_nothing(repository: Path) -> None:
    """A no-op run leaves every report file byte-identical and untouched."""
    assert accord(repository, "report").returncode == 0
    out = repository / "build" / "reports"
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in out.rglob("*") if p.is_file()}
    done = accord(repository, "report")
    assert "(0 changed)" in done.stdout
    after = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in out.rglob("*") if p.is_file()}
    assert after == before


def test_fail_on_error_exits_one_and_bad_value_exits_two(repository: Path) -> None:
    """--fail-on error gates like check; an unknown --fail-on value is a usage error."""
    assert accord(repository, "report", "--fail-on", "error").returncode == 1
    bad = accord(repository, "report", "--fail-on", "sometimes")
    assert bad.returncode == 2
    assert "--fail-on" in bad.stderr


def test_locale_flag_limits_the_pages(repository: Path) -> None:
    """report -l fa writes the fa pages and keeps the de pages of an earlier run."""
    assert accord(repository, "report").returncode == 0
    assert accord(repository, "report", "--locale", "fa").returncode == 0
    out = repository / "build" / "reports"
    assert (out / "fa.html").is_file()
    assert (out / "de.html").is_file()
    assert any((out / "de").iterdir())


def test_a_partial_report_reads_a_large_last_report(repository: Path) -> None:
    """report -l fa after a report.json beyond 64 MiB (a big repository's) still lists de:
    the last report is Accord's own file, not taken for missing."""
    assert accord(repository, "report").returncode == 0
    last = repository / "build" / "reports" / "report.json"
    with last.open("a", encoding="utf-8") as padding:  # JSON allows trailing white space
        padding.write(" " * (65 << 20))
    assert accord(repository, "report", "--locale", "fa").returncode == 0
    data = json.loads(last.read_text(encoding="utf-8"))
    assert [entry["locale"] for entry in data["status"]["locales"]] == ["de", "fa"]


@pytest.mark.parametrize("name", ["../escape.html", "de/../../escape.html", "/tmp/x.html",
                                  "de\\..\\x.html", ""])
def test_a_report_file_name_may_not_climb_out(tmp_path: Path, name: str) -> None:
    """The report's writer refuses a file name that would leave the reports folder."""
    from accord.errors import SourceError  # noqa: PLC0415
    from accord.steps.report import ReportWriter  # noqa: PLC0415

    writer = ReportWriter(tmp_path / "build" / "reports")
    with pytest.raises(SourceError, match="leaves the repository"):
        writer.write(name, "x")
    assert not (tmp_path / "escape.html").exists()


def test_a_report_file_below_the_reports_folder_is_written(tmp_path: Path) -> None:
    from accord.steps.report import ReportWriter  # noqa: PLC0415

    writer = ReportWriter(tmp_path / "build" / "reports")
    writer.write("de/a-b.html", "page")
    assert (tmp_path / "build" / "reports" / "de" / "a-b.html").read_text() == "page"
