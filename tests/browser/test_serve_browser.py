"""``accord serve`` as a reviewer uses it: headless Chromium on the running workbench.

Needs Debian's chromium (/usr/bin/chromium) and the PyPI ``playwright`` package, as
the report's browser tests do. The server runs in a thread on 127.0.0.1 at a free
port for each test and is always shut down. Screenshots go to build/test-artifacts/.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from accord.config import load_config
from accord.serve.server import Served, serving
from chromium import browser
from helpers import msgcat, msgfmt_check
from serve_repo import (
    REVIEWER,
    SEG,
    accord,
    make_repo,
    msgstrs,
    po_file,
    repo,
    served,
    states,
    template,
)

pytestmark = pytest.mark.browser
__all__ = ["browser", "repo", "served", "template"]  # shared fixtures

ARTIFACTS = Path(__file__).resolve().parents[2] / "build" / "test-artifacts" / "serve"
REPO = Path(__file__).resolve().parents[2]


def new_page(browser: Any, served: Served) -> Any:
    """A page in its own browser context (its own cookies) that records foreign requests."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.outside = []
    page.dialogs = []
    page.on("request", lambda r: None if r.url.startswith((served.url, "data:"))
            else page.outside.append(r.url))
    page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
    return page


@pytest.fixture
def page(browser: Any, served: Served) -> Iterator[Any]:
    """A fresh page."""
    opened = new_page(browser, served)
    yield opened
    opened.context.close()


def shot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name), full_page=True)


def segment(page: Any, msgid: str) -> Any:
    return page.locator(f"#seg-{SEG[msgid]}")


def history(page: Any, msgid: str) -> str:
    """The segment's history, opened as a reviewer opens it."""
    details = segment(page, msgid).locator("details.history")
    details.locator("summary").click()
    return str(details.inner_text())


def state_shown(page: Any, msgid: str) -> str:
    return str(segment(page, msgid).get_attribute("data-state"))


def test_a_reviewers_day_without_a_terminal(page: Any, served: Served, repo: Path) -> None:
    """Fix, edit, approve and reject in the page; after a reload the PO file holds exactly that."""
    page.goto(served.url)
    page.click("text=de")
    page.click("a:text('a')")
    assert page.url.endswith("/l/de/a")
    strong, officials = "The alliance is strong.", "Officials met in Moscow today."
    treaty, corridor = "Russia and Iran signed a treaty.", "A new paragraph about the corridor."
    assert segment(page, strong).locator(".finding[data-check=glossary-forbidden]").count() == 1
    assert segment(page, strong).locator("mark.term-forbidden").inner_text() == "Allianz"
    assert "alliance → Bündnis" in segment(page, strong).locator(".hints").inner_text()
    shot(page, "article-before.png")

    # the suggested glossary fix, by the key f on the focused segment
    segment(page, strong).focus()
    with page.expect_navigation():
        page.keyboard.press("f")
    assert page.locator("#notice").get_attribute("data-action") == "fix"
    assert state_shown(page, strong) == "translated"
    assert segment(page, strong).locator(".finding[data-check=glossary-forbidden]").count() == 0

    # a translation typed in, saved with Ctrl+Enter, checked at once
    textarea = segment(page, officials).locator("textarea")
    textarea.fill("Beamte trafen sich heute in Moskau.")
    with page.expect_navigation():
        textarea.press("Control+Enter")
    assert page.locator("#notice").get_attribute("data-action") == "edit"
    assert state_shown(page, officials) == "translated"

    # approve with the key a, after moving there with j/k
    segment(page, officials).focus()
    page.keyboard.press("k")
    page.keyboard.press("k")
    page.keyboard.press("j")
    assert "current" in str(segment(page, treaty).get_attribute("class"))
    with page.expect_navigation():
        page.keyboard.press("a")
    assert state_shown(page, treaty) == "approved"
    assert "current" in str(segment(page, officials).get_attribute("class"))  # on to the next

    # a different reviewer name, set in the page, then reject with r, a reason, Enter
    page.fill("#reviewer-name", "Erika Muster")
    with page.expect_navigation():
        page.click("form.reviewer button")
    segment(page, corridor).focus()
    page.keyboard.press("r")
    page.keyboard.type("Korridor: use Nord-Süd-Korridor")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert state_shown(page, corridor) == "rejected"

    page.reload()
    assert "rejected by Erika Muster: Korridor: use Nord-Süd-Korridor" in history(page, corridor)
    assert f"approved by {REVIEWER}" in history(page, treaty)
    assert page.locator("#percent-done").inner_text() == "83 %"  # 5 of 6 translated/approved
    shot(page, "article-after.png")
    assert page.outside == []
    assert page.dialogs == []

    assert_day_recorded(repo)


def assert_day_recorded(repo: Path) -> None:
    """The PO file holds exactly the day's work; msgfmt and msgcat accept it; status agrees."""
    strong, officials = "The alliance is strong.", "Officials met in Moscow today."
    treaty, corridor = "Russia and Iran signed a treaty.", "A new paragraph about the corridor."
    assert msgstrs(repo) == {
        "The alliance": "Das Bündnis",
        "Talks on the alliance": "Gespräche über das Bündnis",
        strong: "Die Bündnis ist stark.",
        treaty: "Russland und Iran unterzeichneten einen Vertrag.",
        officials: "Beamte trafen sich heute in Moskau.",
        corridor: "Ein neuer Absatz über den Korridor.",
    }
    assert states(repo) == {
        "The alliance": "translated",
        "Talks on the alliance": "translated",
        strong: "translated",
        treaty: "approved",
        officials: "translated",
        corridor: "rejected",
    }
    text = po_file(repo).read_text(encoding="utf-8")
    assert f'approved by "{REVIEWER}"' in text
    assert 'rejected by "Erika Muster"' in text
    assert msgfmt_check(po_file(repo)).returncode == 0
    assert msgcat(po_file(repo)) == text  # gettext-canonical: no churn for editors


def test_two_pages_and_a_sync_lose_nothing(browser: Any, served: Served, repo: Path) -> None:
    """Two pages and a sync write the same file: each stale write is a conflict, none is lost."""
    first, second = new_page(browser, served), new_page(browser, served)
    try:
        url = served.url + "l/de/a"
        first.goto(url)
        second.goto(url)
        officials, treaty = "Officials met in Moscow today.", "Russia and Iran signed a treaty."
        corridor = "A new paragraph about the corridor."

        segment(first, officials).locator("textarea").fill("Beamte trafen sich in Moskau.")
        with first.expect_navigation():
            segment(first, officials).locator("button[data-key=save]").click()

        with second.expect_navigation():
            segment(second, treaty).locator("button[data-key=approve]").click()
        assert second.locator("#conflict").is_visible()
        assert "changed on disk" in second.locator("#conflict").inner_text()
        assert states(repo)[treaty] == "translated"  # nothing written
        shot(second, "conflict.png")
        with second.expect_navigation():
            second.click("#reload")
        assert segment(second, officials).locator(".target").inner_text() == (
            "Beamte trafen sich in Moskau.")
        with second.expect_navigation():
            segment(second, treaty).locator("button[data-key=approve]").click()
        assert state_shown(second, treaty) == "approved"

        first.reload()
        source = repo / "sources" / "en" / "a.md"
        source.write_text(source.read_text(encoding="utf-8") + "\nA late addition.\n",
                          encoding="utf-8")
        accord(repo, "sync")  # rewrites the file while the first page shows the old one

        segment(first, corridor).locator("textarea").fill("Ein neuer Abschnitt über den Korridor.")
        with first.expect_navigation():
            segment(first, corridor).locator("button[data-key=save]").click()
        assert first.locator("#conflict").is_visible()
        assert first.locator("#sent-msgstr").input_value() == (
            "Ein neuer Abschnitt über den Korridor.")  # the typed text is still there
        assert states(repo)["A late addition."] == "untranslated"
        assert msgstrs(repo)[corridor] == "Ein neuer Absatz über den Korridor."
        with first.expect_navigation():
            first.click("#resubmit")  # the reviewer saves deliberately over today's file

        assert msgstrs(repo)[corridor] == "Ein neuer Abschnitt über den Korridor."
        final = states(repo)
        assert final[treaty] == "approved"
        assert final[officials] == "translated"
        assert final["A late addition."] == "untranslated"
        assert msgstrs(repo)[officials] == "Beamte trafen sich in Moskau."
        assert msgfmt_check(po_file(repo)).returncode == 0
    finally:
        first.context.close()
        second.context.close()


XSS_ARTICLE = """\
---
title: "Hello <script>window.__pwned='title'</script>"
---
Russia <img src=x onerror="window.__pwned='source'"> and Iran.

A plain paragraph.
"""

XSS_TRANSLATIONS = {
    "Russia <img src=x onerror=\"window.__pwned='source'\"> and Iran.":
        "Russland <img src=x onerror=\"window.__pwned='target'\"> und Iran."
        "</textarea><script>window.__pwned='textarea'</script>",
    "A plain paragraph.": "Ein einfacher Absatz.",
}
XSS_NAME = "<svg onload=\"window.__pwned='name'\">"
XSS_REASON = "\"><img src=x onerror=\"window.__pwned='reason'\">"
XSS_EDIT = "</textarea><script>window.__pwned='conflict'</script>"


def test_injected_markup_is_inert(browser: Any, tmp_path: Path) -> None:
    """Script in a source, a translation, a reason and a reviewer's name shows as text."""
    root = make_repo(tmp_path / "xss", XSS_ARTICLE, XSS_TRANSLATIONS)
    with serving(load_config(root)) as served:
        page, stale = new_page(browser, served), new_page(browser, served)
        try:
            stale.goto(served.url + "l/de/a")
            page.goto(served.url + "l/de/a")
            page.fill("#reviewer-name", XSS_NAME)
            with page.expect_navigation():
                page.click("form.reviewer button")
            plain = page.locator("section.seg", has_text="A plain paragraph.")
            plain.locator("input[name=reason]").fill(XSS_REASON)
            with page.expect_navigation():
                plain.locator("button[data-key=reject]").click()
            page.reload()
            for details in page.locator("details.history").all():
                details.locator("summary").click()
            for box in page.locator(".source, .target").all():
                box.hover()
            text = page.locator("main").inner_text()
            assert "<script>window.__pwned='title'</script>" in text
            assert "<img src=x onerror=\"window.__pwned='target'\">" in text
            assert f"rejected by {XSS_NAME}: {XSS_REASON}" in text
            assert page.locator("#reviewer-name").input_value() == XSS_NAME
            assert page.locator("main img, main script, svg[onload]").count() == 0
            assert page.evaluate("typeof window.__pwned") == "undefined"
            shot(page, "xss.png")
            assert page.dialogs == []
            assert page.outside == []
            before = po_file(root).read_bytes()
            stale_plain = stale.locator("section.seg", has_text="A plain paragraph.")
            stale_plain.locator("textarea").fill(XSS_EDIT)
            with stale.expect_navigation():
                stale_plain.locator("button[data-key=save]").click()
            assert stale.locator("#conflict").is_visible()
            assert stale.locator("#sent-msgstr").input_value() == XSS_EDIT
            assert stale.evaluate("typeof window.__pwned") == "undefined"
            assert po_file(root).read_bytes() == before
            assert msgfmt_check(po_file(root)).returncode == 0
        finally:
            page.context.close()
            stale.context.close()


def test_persian_is_right_to_left(browser: Any, tmp_path: Path) -> None:
    """On the repository's own content, Persian text and its editor run right to left."""
    root = tmp_path / "own"
    root.mkdir()
    for name in ("sources", "locales", "glossary"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "pyproject.toml", root / "pyproject.toml")
    with serving(load_config(root)) as served:
        page = new_page(browser, served)
        try:
            page.goto(served.url + "l/fa/analysis/north-south-corridor/index")
            targets = page.locator(".pair .target")
            assert targets.count() > 5
            assert {t.get_attribute("dir") for t in targets.all()} == {"rtl"}
            assert page.locator("textarea[dir=rtl][lang=fa]").count() > 0
            assert page.locator(".pair .source").first.get_attribute("dir") == "auto"
            shot(page, "persian.png")
            assert page.outside == []
        finally:
            page.context.close()
