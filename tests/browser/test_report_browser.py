"""The report pages as a reviewer sees them: headless Chromium on file:// URLs.

Needs Debian's chromium (/usr/bin/chromium) and the PyPI ``playwright`` package (its
bundled browsers are never downloaded). Without them the tests are skipped on a
workstation and fail when ``CI`` is set. Screenshots go to build/test-artifacts/.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from accord.report import render_reports
from accord.steps.report import write_reports
from chromium import browser
from report_inputs import SOURCE_LANGS, findings, glossary_view, status, typed

pytestmark = pytest.mark.browser
__all__ = ["browser"]  # the shared fixture (tests/chromium.py)

ARTIFACTS = Path(__file__).resolve().parents[2] / "build" / "test-artifacts" / "report"


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The hand-made reports (hostile text, Persian, long segments) written to disk."""
    out = tmp_path_factory.mktemp("reports")
    write_reports(out, render_reports(typed(status()), findings(), glossary_view(), SOURCE_LANGS))
    return out


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh page that records every request not made to a file:// URL."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    opened = context.new_page()
    opened.outside = []
    opened.on("request", lambda r: None if r.url.startswith(("file:", "data:"))
              else opened.outside.append(r.url))
    yield opened
    context.close()


def open_page(page: Any, reports: Path, name: str) -> None:
    page.goto((reports / name).as_uri())
    page.wait_for_load_state("load")


def shot(page: Any, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / name
    page.screenshot(path=str(path), full_page=True)
    return path


def visible_rows(page: Any) -> int:
    return int(page.locator("tr.segment:visible").count())


def test_index_has_one_row_per_locale_with_status_counts(page: Any, reports: Path) -> None:
    """index.html: a row per locale whose state counts are those of the status."""
    open_page(page, reports, "index.html")
    rows = page.locator("tr.locale-row")
    assert rows.count() == 2
    for index, entry in enumerate(status()["locales"]):
        row = rows.nth(index)
        assert row.get_attribute("data-locale") == entry["locale"]
        for state, count in entry["counts"].items():
            assert row.locator(f'td[data-state="{state}"]').inner_text() == str(count)
        assert row.locator("td[data-total]").inner_text() == str(entry["total"])
    assert rows.nth(0).locator("td[data-errors]").inner_text() == "3"
    assert page.locator("#total-errors").inner_text() == "5"
    assert page.locator("svg.chart rect[data-state]").count() == 9
    assert page.outside == []
    assert shot(page, "index.png").stat().st_size > 10_000


def test_injected_script_never_runs(page: Any, reports: Path) -> None:
    """Segments holding <script>, onmouseover= and <img onerror> show as text and never run."""
    for name in ("de/treaty.html", "de.html", "fa/treaty.html", "glossary.html", "index.html"):
        open_page(page, reports, name)
        for cell in page.locator("td.source, td.target").all():
            cell.hover()
        assert page.evaluate("typeof window.__pwned") == "undefined", name
    open_page(page, reports, "de/treaty.html")
    text = page.locator("main").inner_text()
    assert "<script>window.__pwned = 'script';</script>" in text
    assert '" onmouseover="window.__pwned' in text
    assert page.locator("main img, main script").count() == 0
    shot(page, "article-de-treaty.png")


def test_filters_change_what_is_visible(page: Any, reports: Path) -> None:
    """Errors only, by check and by state: rows hide and show without any server."""
    open_page(page, reports, "de.html")
    assert visible_rows(page) == 7
    page.check("input[name=errors-only]")
    assert visible_rows(page) == 3
    assert page.locator("#shown-count").inner_text() == "3"
    assert page.locator("#article-corridor").is_hidden()
    shot(page, "locale-de-errors-only.png")
    page.uncheck("input[name=errors-only]")
    page.select_option("select[name=check]", "glossary-near-miss")
    assert visible_rows(page) == 1
    assert page.locator("tr.segment:visible").get_attribute("data-state") == "rejected"
    page.select_option("select[name=check]", "")
    page.select_option("select[name=state]", "translated")
    assert visible_rows(page) == 2
    page.click("button[type=reset]")
    page.wait_for_function("document.getElementById('shown-count').textContent === '7'")
    assert visible_rows(page) == 7


def test_links_from_the_overview_open_filtered_pages(page: Any, reports: Path) -> None:
    """A state count on index.html links to the locale page filtered to that state."""
    open_page(page, reports, "index.html")
    page.click('tr[data-locale="de"] td[data-state="approved"] a')
    page.wait_for_load_state("load")
    assert page.url.endswith("de.html#state=approved")
    assert visible_rows(page) == 1
    assert page.locator("select[name=state]").input_value() == "approved"


def test_persian_targets_read_right_to_left(page: Any, reports: Path) -> None:
    """fa target cells have direction rtl and right alignment; source cells stay ltr."""
    open_page(page, reports, "fa/treaty.html")
    target = page.locator("td.target").first
    assert target.evaluate("e => getComputedStyle(e).direction") == "rtl"
    assert target.evaluate("e => getComputedStyle(e).textAlign") in {"right", "start"}
    source = page.locator("td.source").first
    assert source.evaluate("e => getComputedStyle(e).direction") == "ltr"
    findings_list = page.locator("td.target ul.findings").first
    assert findings_list.evaluate("e => getComputedStyle(e).direction") == "ltr"
    shot(page, "article-fa-treaty.png")


def test_terms_are_coloured_by_kind(page: Any, reports: Path) -> None:
    """Preferred renderings green, forbidden variants red, near-misses amber."""
    open_page(page, reports, "de/treaty.html")
    colours = {
        kind: page.locator(f"td mark.term-{kind}").first.evaluate(
            "e => getComputedStyle(e).backgroundColor")
        for kind in ("preferred", "forbidden", "near-miss")
    }
    assert colours == {
        "preferred": "rgb(212, 242, 221)",
        "forbidden": "rgb(251, 213, 210)",
        "near-miss": "rgb(255, 231, 168)",
    }
    assert page.locator("mark.term-forbidden", has_text="Allianz").count() == 1
    assert page.locator("td.source mark.term-preferred", has_text="Araghchi").count() >= 1


def test_glossary_page_marks_gaps(page: Any, reports: Path) -> None:
    """glossary.html: one row per concept, gaps visible, occurrence counts shown."""
    open_page(page, reports, "glossary.html")
    assert page.locator("tr.concept").count() == 2
    gap = page.locator('#concept-alliance td[data-gap="1"][data-locale="fa"]')
    assert gap.inner_text() == "no rendering"
    assert page.locator('#concept-abbas-araghchi td[data-occurrences="3"]').count() == 1
    shot(page, "glossary.png")
