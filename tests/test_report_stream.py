"""``report_project`` writes, page by page, exactly the files ``render_reports`` makes at once."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from tests.helpers import ARTICLE, accord, make_repo

from accord.catalog.pofile import read_po, write_po
from accord.config import Config, load_config
from accord.glossary import Glossary, load_glossary
from accord.report import render_reports
from accord.report.glossaryview import glossary_view
from accord.report.partial import merge_previous, previous_report
from accord.safefile import read_located
from accord.source.segment import decode_source, parse_article
from accord.steps.check import run_checks
from accord.steps.report import report_project
from accord.steps.status import collect_status
from accord.workspace import ArticleRef, discover_articles

GLOSSARY = Path(__file__).parent / "data" / "glossary"


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three articles in de, fr and es: approvals, a rejection, a fuzzy entry, one
    inconsistent translation, a source edited after sync and a locale never synced."""
    root = make_repo(tmp_path_factory.mktemp("stream"), ["de", "fr", "es"], {
        "corridor": ARTICLE.format(slug="corridor"),
        "treaty": ARTICLE.format(slug="treaty").replace("railway", "road"),
        "zeal": ARTICLE.format(slug="zeal") + "\nA new paragraph.\n",
    })
    shutil.copytree(GLOSSARY, root / "glossary")
    assert accord(root, "sync", "--locale", "de", "--locale", "fr").returncode == 0
    for locale in ("de", "fr"):
        for slug in ("corridor", "treaty", "zeal"):
            path = root / "locales" / locale / f"{slug}.po"
            catalog = read_po(path)
            for number, entry in enumerate(catalog.messages()):
                entry.msgstr = f"[{locale}] {entry.msgid}" + (" !" if slug == "zeal" else "")
                if number == 2 and slug == "treaty":
                    entry.flags = [*entry.flags, "fuzzy"]
            write_po(path, catalog)
    status = json.loads(accord(root, "status", "--format", "json").stdout)
    ids = [s["id"] for s in status["locales"][1]["articles"][0]["segments"]]
    done = accord(root, "review.approve", "fr", "corridor", "-s", ids[0], "-b", "Jane")
    assert done.returncode == 0
    assert accord(root, "review.reject", "fr", "corridor", "-s", ids[1], "-r", "<b>no</b>",
                  "-b", "Ali").returncode == 0
    zeal = root / "sources" / "en" / "zeal.md"
    zeal.write_text(zeal.read_text(encoding="utf-8") + "\nEdited after sync.\n", encoding="utf-8")
    return root


def in_memory(
    config: Config, locales: list[str], glossary: Glossary, previous: dict | None = None
) -> dict[str, str]:
    """The report files as the task made them before it streamed (everything held at once)."""
    articles = discover_articles(config)
    status = collect_status(config, locales, articles)
    findings = [f.to_dict() for f in run_checks(config, locales, articles, glossary)]
    partial = set(locales) != set(config.locales)
    if partial:
        status, findings = merge_previous(
            previous or {}, status, findings, chosen=locales, configured=config.locales,
            targets_prefix="locales/")
    texts = {a.slug: (a.lang, _texts(config, a)) for a in articles}
    view = glossary_view(glossary, [e.locale for e in status.locales], texts)
    return render_reports(status, findings, view, {a.slug: a.lang for a in articles},
                          pages_for=locales if partial else None)


def _texts(config: Config, article: ArticleRef) -> list[str]:
    relpath = article.relpath(config)
    text = decode_source(read_located(article.path, relpath), relpath)
    return [s.msgid for s in parse_article(text, relpath, config.translatable_keys).segments]


def written(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8")
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_streamed_report_is_byte_identical(repo: Path) -> None:
    """Every page, report.json and report.md equal the all-at-once rendering, file for file."""
    config = load_config(repo)
    glossary = load_glossary(config.glossary_dir)
    done = report_project(config, list(config.locales), discover_articles(config), glossary)
    expected = in_memory(config, list(config.locales), glossary)
    assert written(config.reports_dir) == expected
    assert done.files == len(expected)
    data = json.loads(expected["report.json"])
    checks = {f["check"] for f in data["findings"]}
    assert "inconsistent" in checks
    assert any(a["stale"] for loc in data["status"]["locales"] for a in loc["articles"])
    assert any(a["missing"] for loc in data["status"]["locales"] for a in loc["articles"])


def test_streamed_partial_report_is_byte_identical(repo: Path) -> None:
    """``--locale fr`` rewrites fr's pages and the shared files as the all-at-once path would."""
    config = load_config(repo)
    glossary = load_glossary(config.glossary_dir)
    articles = discover_articles(config)
    report_project(config, list(config.locales), articles, glossary)
    before = written(config.reports_dir)
    previous = previous_report(before["report.json"])
    done = report_project(config, ["fr"], articles, glossary, dict(previous))
    expected = in_memory(config, ["fr"], glossary, dict(previous))
    after = written(config.reports_dir)
    assert {name: after[name] for name in expected} == expected
    assert set(after) == set(before)
    assert done.changed == sorted(n for n in after if after[n] != before[n])


def test_unchanged_report_rewrites_nothing(repo: Path) -> None:
    """A second run over the same files changes no file, the streamed ones included."""
    config = load_config(repo)
    glossary = load_glossary(config.glossary_dir)
    articles = discover_articles(config)
    report_project(config, list(config.locales), articles, glossary)
    stamps = {p: p.stat().st_mtime_ns for p in config.reports_dir.rglob("*") if p.is_file()}
    done = report_project(config, list(config.locales), articles, glossary)
    assert done.changed == []
    assert {p: p.stat().st_mtime_ns for p in stamps} == stamps
