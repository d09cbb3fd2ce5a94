"""Reports show who approved and rejected, and why; ``report --locale`` touches only its pages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.helpers import accord, make_repo

from accord.catalog.pofile import read_po, write_po
from accord.report.partial import merge_previous
from accord.review.status import LocaleStatus, Status

REASON = "wrong tense: the treaty is signed, not being signed"


@pytest.fixture(scope="module")
def reviewed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A repository (de, fr) with one approved and one rejected fr segment, and a full report."""
    root = make_repo(tmp_path_factory.mktemp("reviewed"))
    assert accord(root, "sync").returncode == 0
    for locale in ("de", "fr"):
        path = root / "locales" / locale / "corridor.po"
        catalog = read_po(path)
        for entry in catalog.messages():
            entry.msgstr = f"[{locale}] {entry.msgid}"
        write_po(path, catalog)
    segments = json.loads(accord(root, "status", "--format", "json").stdout)
    ids = [s["id"] for s in segments["locales"][1]["articles"][0]["segments"]]
    done = accord(root, "review.approve", "fr", "corridor", "-s", ids[0], "--by", "Jane Doe")
    assert done.returncode == 0, done.stderr
    done = accord(root, "review.reject", "fr", "corridor", "-s", ids[1], "-r", REASON, "-b", "Ali")
    assert done.returncode == 0, done.stderr
    assert accord(root, "report").returncode == 0
    return root


def test_html_shows_reviewers_and_the_rejection_reason(reviewed: Path) -> None:
    """The article page names the approver and the rejecter, with the reason, escaped."""
    page = (reviewed / "build" / "reports" / "fr" / "corridor.html").read_text(encoding="utf-8")
    assert '<span class="reviewer">Jane Doe</span>' in page
    assert '<span class="reviewer">Ali</span>' in page
    assert "Rejected by Ali on " in page
    assert f"<q dir=\"auto\">{REASON}</q>" in page
    locale_page = (reviewed / "build" / "reports" / "fr.html").read_text(encoding="utf-8")
    assert REASON in locale_page


def test_markdown_lists_rejections_and_approvals(reviewed: Path) -> None:
    """report.md has a table of rejected segments with reasons and one of approvals by reviewer."""
    text = (reviewed / "build" / "reports" / "report.md").read_text(encoding="utf-8")
    assert "### Rejected segments" in text
    row = next(line for line in text.splitlines() if "| Ali |" in line)
    assert row.startswith("| fr | corridor | ")
    assert REASON in row
    assert "| fr | Jane Doe | 1 |" in text


def test_json_carries_the_review_of_each_segment(reviewed: Path) -> None:
    """report.json's status segments carry review {by, date, reason} (null when unreviewed)."""
    data = json.loads((reviewed / "build" / "reports" / "report.json").read_text("utf-8"))
    fr = next(loc for loc in data["status"]["locales"] if loc["locale"] == "fr")
    reviews = [s["review"] for s in fr["articles"][0]["segments"]]
    assert reviews[0]["by"] == "Jane Doe"
    assert reviews[0]["reason"] is None
    assert reviews[1]["by"] == "Ali"
    assert reviews[1]["reason"] == REASON
    assert all(r is None for r in reviews[2:])


def stamps(folder: Path) -> dict[str, int]:
    return {p.relative_to(folder).as_posix(): p.stat().st_mtime_ns
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_report_for_one_locale_leaves_the_others_pages(tmp_path: Path) -> None:
    """report --locale fr rewrites fr's pages and the index, keeps de's; the index lists both."""
    root = make_repo(tmp_path)
    assert accord(root, "sync").returncode == 0
    assert accord(root, "report").returncode == 0
    reports = root / "build" / "reports"
    before = stamps(reports)
    path = root / "locales" / "fr" / "corridor.po"
    catalog = read_po(path)
    next(iter(catalog.messages())).msgstr = "Le corridor s'ouvre"
    write_po(path, catalog)
    done = accord(root / "locales", "report", "--locale", "fr")
    assert done.returncode == 0, done.stderr
    after = stamps(reports)
    assert set(after) == set(before)  # nothing deleted, nothing new
    changed = {name for name in after if after[name] != before[name]}
    assert changed <= {"index.html", "report.json", "report.md", "fr.html", "fr/corridor.html"}
    assert {"fr.html", "fr/corridor.html", "index.html"} <= changed
    index = (reports / "index.html").read_text(encoding="utf-8")
    assert 'href="de.html"' in index
    assert 'href="fr.html"' in index
    data = json.loads((reports / "report.json").read_text(encoding="utf-8"))
    assert [loc["locale"] for loc in data["status"]["locales"]] == ["de", "fr"]


def test_merge_keeps_only_configured_locales_and_their_target_findings() -> None:
    """Old data is kept for configured, unchosen locales; old findings only for their PO files."""
    previous = {
        "status": {"locales": [{"locale": "de", "articles": []}, {"locale": "ru"},
                               {"locale": "fr", "articles": ["stale"]}]},
        "findings": [
            {"locale": "de", "file": "locales/de/a.po", "check": "number"},
            {"locale": "en", "file": "sources/en/a.md", "check": "glossary-forbidden"},
            {"locale": "fr", "file": "locales/fr/a.po", "check": "url"},
            {"locale": "ru", "file": "locales/ru/a.po", "check": "url"},
        ],
    }
    fresh = Status.from_json({"locales": [{"locale": "fr", "articles": []}]})
    new_findings = [{"locale": "en", "file": "sources/en/a.md", "check": "glossary-near-miss"}]
    status, findings = merge_previous(previous, fresh, new_findings, chosen=["fr"],
                                      configured=["de", "fr"], targets_prefix="locales/")
    assert [loc.locale for loc in status.locales] == ["de", "fr"]
    assert status.locales[1] == LocaleStatus.from_json({"locale": "fr", "articles": []})
    assert [(f["locale"], f["check"]) for f in findings] == [
        ("en", "glossary-near-miss"), ("de", "number"),
    ]
