"""report and check with nothing changed replay the last run; any change runs them again."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from tests.helpers import accord, make_repo

from accord.catalog.pofile import format_po, read_po
from accord.config import load_config
from accord.steps import buildcache, codedigest, glossarycache, runcache
from accord.steps.runcache import inputs_key, recall, remember


def test_key_follows_every_input_file(tmp_path: Path) -> None:
    """The inputs key changes when a source, PO or glossary file changes, and only then."""
    repo = make_repo(tmp_path / "repo")
    config = load_config(repo)
    first = inputs_key(config, "report")
    assert inputs_key(config, "report") == first
    assert inputs_key(config, "report", "de") != first
    (repo / "locales" / "de").mkdir(parents=True)
    (repo / "locales" / "de" / "x.po").write_text("", encoding="utf-8")
    assert inputs_key(config, "report") != first


def test_other_code_is_another_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A checkout whose code changed (git pull in an editable install) replays no run,
    no build and no glossary made by the code before, even under the same version."""
    repo = make_repo(tmp_path / "repo")
    config = load_config(repo)
    run, build = inputs_key(config, "report"), buildcache.build_key(config, [], False)
    glossary = glossarycache.load(config.cache_dir, config.glossary_dir, "k")
    kept = glossarycache.recall(config.cache_dir, config.glossary_dir, "k")
    assert kept is not None
    assert kept.concepts == glossary.concepts
    for module in (runcache, buildcache, glossarycache):
        monkeypatch.setattr(module, "code_digest", lambda: "other code")
    assert inputs_key(config, "report") != run
    assert buildcache.build_key(config, [], False) != build
    assert glossarycache.recall(config.cache_dir, config.glossary_dir, "k") is None
    assert codedigest.code_digest() not in ("", "other code")


def test_recall_needs_the_outputs_as_they_were_left(tmp_path: Path) -> None:
    """A recorded run is replayed only while its output folder is exactly as it left it."""
    repo = make_repo(tmp_path / "repo")
    config = load_config(repo)
    out = repo / "build" / "reports"
    out.mkdir(parents=True)
    (out / "index.html").write_text("x", encoding="utf-8")
    remember(config, "report", "k", out, {"files": 1})
    assert recall(config, "report", "k", out) == {"files": 1}
    assert recall(config, "report", "other", out) is None
    (out / "extra.html").write_text("y", encoding="utf-8")
    assert recall(config, "report", "k", out) is None


def test_report_twice_then_after_an_edit(tmp_path: Path) -> None:
    """The second report changes nothing; a deleted page or an edited PO file is redone."""
    repo = make_repo(tmp_path / "repo")
    assert accord(repo, "sync").returncode == 0
    first = accord(repo, "report")
    assert first.returncode == 0
    again = accord(repo, "report")
    assert again.stdout == re.sub(r"\(\d+ changed\)", "(0 changed)", first.stdout)
    index = repo / "build" / "reports" / "index.html"
    text = index.read_bytes()
    index.unlink()
    assert "(1 changed)" in accord(repo, "report").stdout
    assert index.read_bytes() == text
    path = repo / "locales" / "de" / "corridor.po"
    catalog = read_po(path)
    for entry in catalog.messages():
        entry.msgstr = "Übersetzt"
    path.write_text(format_po(catalog), encoding="utf-8")
    assert "(0 changed)" not in accord(repo, "report").stdout


def test_check_replays_its_findings_until_something_changes(tmp_path: Path) -> None:
    """A second check prints the same findings and exit code; an edit is checked afresh."""
    repo = make_repo(tmp_path / "repo")
    accord(repo, "sync")
    path = repo / "locales" / "de" / "corridor.po"
    catalog = read_po(path)
    for entry in catalog.messages():
        entry.msgstr = "ohne Markup"
    path.write_text(format_po(catalog), encoding="utf-8")
    first = accord(repo, "check", "--format", "json")
    second = accord(repo, "check", "--format", "json")
    assert (second.returncode, second.stdout) == (first.returncode, first.stdout)
    assert first.returncode == 1
    for entry in catalog.messages():
        entry.msgstr = entry.msgid
    path.write_text(format_po(catalog), encoding="utf-8")
    assert accord(repo, "check", "--format", "json").stdout != first.stdout


def test_check_replays_the_files_it_skipped(tmp_path: Path) -> None:
    """A replayed check names the unreadable source again and exits 2, as the first did."""
    repo = make_repo(tmp_path / "repo")
    accord(repo, "sync")
    (repo / "sources" / "en" / "Bad Name.md").write_text("# x\n", encoding="utf-8")
    first = accord(repo, "check")
    second = accord(repo, "check")
    assert first.returncode == 2
    assert (second.returncode, second.stdout, second.stderr) == (
        first.returncode, first.stdout, first.stderr)


def test_a_replayed_report_leaves_the_files_of_a_full_run(tmp_path: Path) -> None:
    """After a replay, build/reports/ holds byte for byte what a report from scratch writes."""
    repo = make_repo(tmp_path / "repo")
    accord(repo, "sync")
    accord(repo, "report")
    accord(repo, "report")
    reports = repo / "build" / "reports"
    replayed = {p.name: p.read_bytes() for p in sorted(reports.rglob("*")) if p.is_file()}
    shutil.rmtree(repo / "build")
    accord(repo, "report")
    assert {p.name: p.read_bytes() for p in sorted(reports.rglob("*")) if p.is_file()} == replayed
