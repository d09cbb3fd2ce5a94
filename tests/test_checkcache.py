"""The check cache: ``check`` and ``report`` re-check only the files whose inputs changed,
and say exactly what a run without the cache says."""

from __future__ import annotations

import contextlib
import shutil
from pathlib import Path

import pytest
from tests.helpers import accord, make_repo
from tests.test_checks_repo import ARTICLE, DATA, TRANSLATIONS, write_catalog

from accord.checks import registry
from accord.config import load_config
from accord.glossary import load_glossary
from accord.steps import check as check_step
from accord.steps.checkcache import contested, translation_pairs
from accord.workspace import discover_articles

OTHER = ARTICLE.replace("Araghchi in Moscow", "Araghchi in Tehran").replace(
    "[link](missing.md)", "")
LINKED = ARTICLE + "\nSee [the brief](brief.md).\n"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return three_articles(tmp_path)


def three_articles(tmp_path: Path) -> Path:
    """Three articles in de: a forbidden variant, one segment translated two ways, a link."""
    root = make_repo(tmp_path / "repo", locales=["de"],
                     articles={"visit": ARTICLE, "tehran": OTHER, "linked": LINKED})
    (root / "glossary").mkdir()
    for path in (DATA / "glossary").glob("*.yaml"):
        shutil.copy(path, root / "glossary" / path.name)
    write_catalog(root, "visit", TRANSLATIONS)
    other = dict(TRANSLATIONS)
    other["Read more from Russland Iran Bündnis."] = "Lesen Sie mehr bei Russland Iran Bündnis."
    write_catalog(root, "tehran", other, source=OTHER)
    write_catalog(root, "linked", TRANSLATIONS, source=LINKED)
    return root


def check_json(root: Path) -> str:
    """``check --format json`` run afresh (the whole-run replay is removed first)."""
    shutil.rmtree(root / "build" / "cache" / "runs", ignore_errors=True)
    result = accord(root, "check", "--format", "json")
    assert result.returncode in (0, 1), result.stderr
    return result.stdout


def uncached(root: Path, task: list[str]) -> str:
    """What ``task`` prints with ``build/`` removed: the answer to compare against."""
    copy = root.parent / "uncached"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(root, copy, ignore=shutil.ignore_patterns("build"))
    out = check_json(copy) if task == ["check"] else accord(copy, *task).stdout
    return out.replace(str(copy), str(root))


@pytest.fixture
def target_checks(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The articles whose translations are checked in this process, in order."""
    checked: list[str] = []
    real = registry.run

    def counting(side: registry.Side, subject: object) -> list[object]:
        if side is registry.Side.TARGET and isinstance(subject, registry.Translation):
            checked.append(subject.where.article)
        return real(side, subject)  # type: ignore[arg-type]

    monkeypatch.setattr(check_step, "run", counting)
    return checked


def findings_in_process(root: Path) -> list[dict[str, object]]:
    config = load_config(root)
    articles = discover_articles(config)
    found = check_step.iter_findings(config, ["de"], articles, load_glossary(config.glossary_dir))
    return [f.to_dict() for f in found]


def test_second_check_reads_findings_from_the_cache(repo: Path) -> None:
    """A check after a check gives the same JSON, byte for byte, as one without build/."""
    first = check_json(repo)
    assert '"inconsistent"' in first
    assert '"glossary-forbidden"' in first
    assert (repo / "build" / "cache" / "check.sqlite").is_file()
    assert check_json(repo) == first == uncached(repo, ["check"])


def test_only_the_edited_po_file_is_checked_again(repo: Path, target_checks: list[str]) -> None:
    """After one PO file changes, only its translations go through the checks again."""
    findings_in_process(repo)
    assert set(target_checks) == {"visit", "tehran", "linked"}
    target_checks.clear()
    path = repo / "locales" / "de" / "linked.po"
    path.write_text(path.read_text(encoding="utf-8").replace("die Allianz", "das Bündnis"),
                    encoding="utf-8")
    again = findings_in_process(repo)
    assert set(target_checks) == {"linked"}
    target_checks.clear()
    shutil.rmtree(repo / "build")
    assert findings_in_process(repo) == again
    assert set(target_checks) == {"visit", "tehran", "linked"}


def test_an_inconsistency_with_a_cached_file_is_still_found(repo: Path) -> None:
    """Editing one file into disagreement with files taken from the cache reports it
    exactly as a run without the cache does (the cached files are read again for it)."""
    check_json(repo)
    path = repo / "locales" / "de" / "linked.po"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "Araghtschi in Moskau", "Araghtschi zu Besuch in Moskau"), encoding="utf-8")
    cached = check_json(repo)
    assert cached.count("Araghtschi zu Besuch in Moskau") >= 1
    assert cached == uncached(repo, ["check"])


def test_a_new_file_in_sources_rechecks_the_links(repo: Path) -> None:
    """The link to brief.md is broken until brief.md exists: a file added below sources/
    makes the sources be checked again."""
    assert '"link-broken"' in check_json(repo)
    (repo / "sources" / "en" / "brief.md").write_text(OTHER, encoding="utf-8")
    after = check_json(repo)
    assert '"link-broken"' not in after
    assert after == uncached(repo, ["check"])


def test_a_glossary_change_empties_the_cache(repo: Path) -> None:
    """Allowing "Allianz" in the glossary removes the finding the cache held."""
    assert "Allianz" in check_json(repo)
    for path in (repo / "glossary").glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("Allianz", "Allianzvertrag"), encoding="utf-8")
    after = check_json(repo)
    assert after == uncached(repo, ["check"])
    assert '"found": "Allianz"' not in after


def test_a_damaged_cache_is_started_again(repo: Path) -> None:
    """Garbage in check.sqlite costs a full check, never a wrong answer or a traceback."""
    first = check_json(repo)
    (repo / "build" / "cache" / "check.sqlite").write_bytes(b"not a database\n" * 100)
    assert check_json(repo) == first


def test_the_cache_is_not_written_through_a_link(repo: Path, tmp_path: Path) -> None:
    """A check.sqlite that is a symlink out of the repository is left alone."""
    outside = tmp_path / "outside.sqlite"
    outside.write_bytes(b"")
    (repo / "build" / "cache").mkdir(parents=True)
    (repo / "build" / "cache" / "check.sqlite").symlink_to(outside)
    assert check_json(repo) == uncached(repo, ["check"])
    assert outside.read_bytes() == b""


def test_report_after_check_is_the_report_without_cache(repo: Path) -> None:
    """The report built from the findings check left is byte for byte the cold one."""
    check_json(repo)
    assert accord(repo, "report").returncode == 0
    copy = repo.parent / "uncached"
    uncached(repo, ["report"])
    for path in sorted((copy / "build" / "reports").rglob("*")):
        if path.is_file():
            ours = repo / "build" / "reports" / path.relative_to(copy / "build" / "reports")
            assert ours.read_bytes() == path.read_bytes(), path.name


def test_report_after_check_highlights_with_the_spans_check_kept(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The article pages of a report after check take their glossary highlights from
    the check cache: the glossary is not searched again (and the pages are those of a
    report that searched it, as the test above shows)."""
    from accord.cli import main  # noqa: PLC0415
    from accord.glossary.termbase import Glossary  # noqa: PLC0415

    check_json(repo)
    searched: list[str] = []
    real = Glossary.find

    def find(self: Glossary, text: str, lang: str) -> list[object]:
        searched.append(text)
        return real(self, text, lang)  # type: ignore[return-value]

    monkeypatch.setattr(Glossary, "find", find)
    monkeypatch.chdir(repo)
    with contextlib.suppress(SystemExit):  # a report of errors may end with exit code 1
        main(["report", "--locale", "de"])
    page = (repo / "build" / "reports" / "de" / "visit.html").read_text(encoding="utf-8")
    assert "Allianz" in page
    assert "term-forbidden" in page
    assert searched == []


def test_contested_keys_are_those_translated_two_ways() -> None:
    """Digest pairs find the keys with two msgstrs across files, and only those."""
    a = translation_pairs([(None, "one", "eins"), ("ctx", "two", "zwei")])
    b = translation_pairs([(None, "one", "ein"), (None, "two", "zwei")])
    c = translation_pairs([("ctx", "two", "zwei")])
    assert len(contested([a, b, c])) == 1
    assert contested([a, c]) == set()


def test_a_cache_of_another_format_is_made_anew(repo: Path) -> None:
    """A check.sqlite written by another version (other columns) is rebuilt, not left off."""
    import sqlite3  # noqa: PLC0415

    path = repo / "build" / "cache" / "check.sqlite"
    path.parent.mkdir(parents=True)
    old = sqlite3.connect(path)
    old.executescript("CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);"
                      "INSERT INTO meta VALUES ('key', 'older');"
                      "CREATE TABLE catalogs (locale TEXT, slug TEXT, digest TEXT);")
    old.close()
    assert check_json(repo) == uncached(repo, ["check"])
    rows = sqlite3.connect(path).execute("SELECT COUNT(*) FROM catalogs").fetchone()[0]
    assert rows == 3
