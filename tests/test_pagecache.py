"""The report's page cache: a report after a change renders again only the articles
whose pages changed, and its files are byte for byte those of a report without it."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from tests.helpers import accord
from tests.test_checkcache import three_articles

from accord.config import load_config
from accord.glossary import load_glossary
from accord.steps import report as report_step
from accord.workspace import discover_articles


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return three_articles(tmp_path)


@pytest.fixture
def rendered(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The article pages rendered in this process, in order."""
    pages: list[str] = []
    real = report_step.render_article

    def counting(nav: object, header: object, page: report_step.ArticleView,
                 rows: object = None) -> str:
        pages.append(page.page)
        return real(nav, header, page, rows)  # type: ignore[arg-type]

    monkeypatch.setattr(report_step, "render_article", counting)
    return pages


def report_in_process(root: Path) -> None:
    config = load_config(root)
    articles = discover_articles(config)
    report_step.report_project(config, list(config.locales), articles,
                               load_glossary(config.glossary_dir))


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def cold_report(root: Path) -> dict[str, bytes]:
    """The report files of a copy of ``root`` without build/."""
    copy = root.parent / "cold"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(root, copy, ignore=shutil.ignore_patterns("build"))
    assert accord(copy, "report").returncode == 0
    return tree(copy / "build" / "reports")


def test_unchanged_articles_are_not_rendered_again(repo: Path, rendered: list[str]) -> None:
    """After one PO file changes, only its article page is rendered again; every
    report file is still what a report without build/ writes."""
    report_in_process(repo)
    assert sorted(rendered) == ["de/linked.html", "de/tehran.html", "de/visit.html"]
    rendered.clear()
    report_in_process(repo)
    assert rendered == []
    path = repo / "locales" / "de" / "tehran.po"
    path.write_text(path.read_text(encoding="utf-8").replace("lobte", "pries"),
                    encoding="utf-8")
    report_in_process(repo)
    assert rendered == ["de/tehran.html"]
    assert tree(repo / "build" / "reports") == cold_report(repo)


def _approve(repo: Path) -> None:
    assert accord(repo, "review.approve", "de", "visit", "--all-clean").returncode == 0


def _edit_source(repo: Path) -> None:
    path = repo / "sources" / "en" / "visit.md"
    path.write_text(path.read_text(encoding="utf-8").replace("praised", "hailed"),
                    encoding="utf-8")


@pytest.mark.parametrize(("change", "shown"), [
    (_approve, b"approved"),
    (_edit_source, b"The source changed since the last sync"),
], ids=["approval", "source edited"])
def test_a_change_shows_on_the_page(
    repo: Path, change: Callable[[Path], None], shown: bytes
) -> None:
    """An approval (a comment in the PO file) or a source edited since the last sync
    shows on the article's page at the next report, as a cold report shows it."""
    assert accord(repo, "report").returncode == 0
    change(repo)
    assert accord(repo, "report").returncode == 0
    reports = tree(repo / "build" / "reports")
    assert shown in reports["de/visit.html"]
    assert reports == cold_report(repo)


def test_a_damaged_page_cache_costs_a_full_report(repo: Path) -> None:
    """Garbage in report.sqlite gives the same files, and the cache works again."""
    assert accord(repo, "report").returncode == 0
    (repo / "build" / "cache" / "report.sqlite").write_bytes(b"garbage\n" * 500)
    shutil.rmtree(repo / "build" / "cache" / "runs")
    assert accord(repo, "report").returncode == 0
    assert tree(repo / "build" / "reports") == cold_report(repo)
    assert (repo / "build" / "cache" / "report.sqlite").read_bytes()[:15] == b"SQLite format 3"


def test_a_page_changed_on_disk_is_written_again(repo: Path, rendered: list[str]) -> None:
    """A recalled page is reused only while its file holds exactly what was written:
    one deleted and one edited are rendered again."""
    report_in_process(repo)
    reports = repo / "build" / "reports"
    (reports / "de" / "visit.html").unlink()
    (reports / "de" / "tehran.html").write_text("edited", encoding="utf-8")
    rendered.clear()
    report_in_process(repo)
    assert sorted(rendered) == ["de/tehran.html", "de/visit.html"]
    assert tree(reports) == cold_report(repo)


def test_a_report_without_the_check_cache_is_the_same(repo: Path, tmp_path: Path) -> None:
    """With check.sqlite unusable (a link out of the repository) the report parses the
    PO files for their status itself, and writes what a report with the cache writes."""
    outside = tmp_path / "outside.sqlite"
    outside.write_bytes(b"")
    (repo / "build" / "cache").mkdir(parents=True)
    (repo / "build" / "cache" / "check.sqlite").symlink_to(outside)
    assert accord(repo, "report").returncode == 0
    assert outside.read_bytes() == b""
    assert tree(repo / "build" / "reports") == cold_report(repo)
