"""The reports on this repository's own articles and glossary, read in headless Chromium.

A copy of the repository is synced, partly "translated" (source text with the
glossary's forbidden variants fixed, or copied as is, as raw machine output would
be), reported on, and opened as a reviewer would. Screenshots go to
build/test-artifacts/report/own-*.png.
"""

from __future__ import annotations

import datetime
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from test_report_browser import ARTIFACTS

from accord.config import load_config
from accord.glossary import fix_forbidden, load_glossary
from accord.review.state import approve, mark_machine
from chromium import browser

pytestmark = pytest.mark.browser
__all__ = ["browser"]  # the shared fixture (tests/chromium.py)
REPO = Path(__file__).resolve().parents[2]
DAY = datetime.date(2026, 11, 25)


def accord(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([sys.executable, "-m", "accord", *args], cwd=root,
                          capture_output=True, text=True, timeout=300, check=False,
                          env={**os.environ, "PYTHONWARNINGS": "error"})
    assert done.returncode == 0, done.stderr
    return done


def pretend_translations(root: Path) -> None:
    """Fill the de and en PO files the way a first review round finds them."""
    from accord.catalog.pofile import read_po, write_po  # noqa: PLC0415  (PO layer lands concurrently)

    config = load_config(root)
    glossary = load_glossary(config.glossary_dir)
    for locale in ("de", "en"):
        for path in sorted((config.locales_dir / locale).rglob("*.po")):  # nested ids too
            catalog = read_po(path)
            for index, entry in enumerate(catalog.messages()):
                if index % 4 == 3:
                    continue  # left untranslated
                fixed, _ = fix_forbidden(glossary, entry.msgid, locale)
                if index % 4 == 0:
                    entry.msgstr = fixed
                    approve(entry, "Reviewer", DAY)
                elif index % 4 == 1:
                    entry.msgstr = fixed
                else:
                    entry.msgstr = entry.msgid
                    mark_machine(entry, "google", DAY)
            write_po(path, catalog)


@pytest.fixture(scope="module")
def own_reports(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    """build/reports of a copy of this repository, and its ``status --format json``."""
    root = tmp_path_factory.mktemp("own")
    shutil.copy2(REPO / "pyproject.toml", root / "pyproject.toml")
    for folder in ("sources", "glossary", "locales"):
        if (REPO / folder).is_dir():
            shutil.copytree(REPO / folder, root / folder)
    accord(root, "sync")
    pretend_translations(root)
    accord(root, "report")
    status = json.loads(accord(root, "status", "--format", "json").stdout)
    return root / "build" / "reports", status


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    yield context.new_page()
    context.close()


def test_overview_of_own_content_agrees_with_status(page: Any, own_reports: Any) -> None:
    """index.html has a row per configured locale with the counts of ``status``."""
    reports, status = own_reports
    page.goto((reports / "index.html").as_uri())
    rows = page.locator("tr.locale-row")
    assert rows.count() == len(status["locales"]) == 6
    for index, entry in enumerate(status["locales"]):
        for state, count in entry["counts"].items():
            cell = rows.nth(index).locator(f'td[data-state="{state}"]')
            assert cell.inner_text() == str(count), (entry["locale"], state)
    data = json.loads((reports / "report.json").read_text(encoding="utf-8"))
    assert data["status"] == status
    assert page.locator("#total-errors").inner_text() == str(data["summary"]["errors"])
    page.screenshot(path=str(ARTIFACTS / "own-index.png"), full_page=True)


def test_german_page_of_own_content_filters_to_errors(page: Any, own_reports: Any) -> None:
    """de.html: copied English text keeps "Araghchi", a forbidden variant in German."""
    reports, _ = own_reports
    page.goto((reports / "de.html").as_uri())
    total = page.locator("tr.segment").count()
    assert total > 10
    page.check("input[name=errors-only]")
    errors = page.locator("tr.segment:visible").count()
    assert 0 < errors < total
    assert page.locator("tr.segment:visible mark.term-forbidden").count() > 0
    page.screenshot(path=str(ARTIFACTS / "own-de-errors.png"), full_page=True)
    page.uncheck("input[name=errors-only]")
    page.screenshot(path=str(ARTIFACTS / "own-de.png"), full_page=False)


def test_glossary_page_of_own_content(page: Any, own_reports: Any) -> None:
    """glossary.html lists every concept of glossary/ and counts their occurrences."""
    reports, _ = own_reports
    page.goto((reports / "glossary.html").as_uri())
    assert page.locator("tr.concept").count() == len(load_glossary(REPO / "glossary"))
    mentioned = page.locator('td[data-occurrences]:not([data-occurrences="0"])').count()
    assert mentioned > 5
    page.screenshot(path=str(ARTIFACTS / "own-glossary.png"), full_page=True)
