"""QA of review, status and reports: done shares, segment history, what a reviewer reads."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import polib
import pytest

import report_inputs
from accord.report import render_reports
from accord.review.status import Status
from accord.steps.status import format_table
from helpers import accord, make_repo

STATES = ("untranslated", "machine", "fuzzy", "translated", "approved", "rejected")


def test_report_done_share_follows_configured_complete_states(tmp_path: Path) -> None:
    """With complete_states including fuzzy, report.md, index.html and the locale page
    show the same done share as ``status`` (and the build), not translated + approved."""
    root = make_repo(tmp_path / "repo", locales=["de"])
    pyproject = root / "pyproject.toml"
    pyproject.write_text(
        pyproject.read_text(encoding="utf-8")
        + 'complete_states = ["translated", "approved", "fuzzy"]\n',
        encoding="utf-8",
    )
    assert accord(root, "sync").returncode == 0
    po_path = root / "locales" / "de" / "corridor.po"
    po = polib.pofile(str(po_path), wrapwidth=79)
    for entry in po[:4]:
        entry.msgstr = "Übersetzt: " + entry.msgid
        entry.flags.append("fuzzy")
    po.save()

    status = json.loads(accord(root, "status", "--format", "json").stdout)
    locale = status["locales"][0]
    assert locale["counts"]["fuzzy"] == 4
    assert locale["complete"] == 4
    done = 100 * locale["complete"] // locale["total"]
    assert done > 0

    result = accord(root, "report")
    assert result.returncode == 0, result.stderr
    reports = root / "build" / "reports"
    report = json.loads((reports / "report.json").read_text(encoding="utf-8"))
    assert report["status"] == status
    markdown = (reports / "report.md").read_text(encoding="utf-8")
    assert f"| de | {done} % |" in markdown
    index = (reports / "index.html").read_text(encoding="utf-8")
    assert re.findall(r'<td class="num">(\d+) %</td>', index) == [str(done), str(done)]
    assert f"{done} %</text>" in index  # the chart's label
    page = (reports / "de.html").read_text(encoding="utf-8")
    assert f'<span class="n">{done} %</span>' in page
    table = accord(root, "status").stdout
    assert re.search(rf"^de \(German\).* {done}%$", table, re.M), table


def test_status_table_rounds_done_down_like_the_reports() -> None:
    """199 of 200 segments done is 99 %, not 100 % — the same figure as the reports."""
    counts = dict.fromkeys(STATES, 0)
    counts.update(approved=199, untranslated=1)
    percent = {s: round(100 * n / 200, 1) for s, n in counts.items()}
    entry = {"counts": counts, "total": 200, "percent": percent, "complete": 199}
    article = {**entry, "article": "a", "file": "locales/de/a.po", "missing": False,
               "stale": False, "segments": []}
    table = format_table(Status.from_json(
        {"locales": [{**entry, "locale": "de", "articles": [article]}]}))
    assert table.splitlines()[1].endswith(" 99%"), table


def _git(root: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=Ed", "-c", "user.email=ed@example.org", *args],
        cwd=root, check=True, capture_output=True,
    )


@pytest.mark.parametrize("committed_before", [True, False])
def test_segment_history_of_an_untracked_po_file_says_not_committed(
    tmp_path: Path, committed_before: bool
) -> None:
    """A PO file that sync created and a translator filled but nobody committed yet is a
    local edit: ``status --segment`` says "(not committed yet)", as for an edited line."""
    root = make_repo(tmp_path / "repo", locales=["de"])
    _git(root, "init", "-q")
    if committed_before:  # the sources are committed, the new PO file is not
        _git(root, "add", ".")
        _git(root, "commit", "-q", "-m", "sources")
    assert accord(root, "sync").returncode == 0
    po_path = root / "locales" / "de" / "corridor.po"
    po = polib.pofile(str(po_path), wrapwidth=79)
    po[0].msgstr = "Der Korridor öffnet sich"
    po.save()
    sid = json.loads(accord(root, "status", "--format", "json").stdout)[
        "locales"][0]["articles"][0]["segments"][0]["id"]
    text = accord(root, "status", "--segment", sid)
    assert text.returncode == 0, text.stderr
    assert "msgstr last changed by (not committed yet)" in text.stdout
    data = json.loads(accord(root, "status", "--segment", sid, "--format", "json").stdout)
    assert data["occurrences"][0]["msgstr_last_changed"]["commit"] == "0" * 40


def test_reports_say_when_the_source_changed_since_sync() -> None:
    """An article whose source was edited since the last sync (status ``stale``) is
    marked on the locale page and on its article page, as ``status`` marks it."""
    data = report_inputs.status()
    data["locales"][0]["articles"][0]["stale"] = True
    stale_slug = data["locales"][0]["articles"][0]["article"]
    files = render_reports(Status.from_json(data), report_inputs.findings(),
                           report_inputs.glossary_view(), report_inputs.SOURCE_LANGS)
    locale_page = files["de.html"]
    assert locale_page.count("(source changed: run sync)") == 1
    assert f"--article {stale_slug}</code>" in files[f"de/{stale_slug}.html"]
    assert "source changed since the last sync" in files[f"de/{stale_slug}.html"]
    for name, text in files.items():
        if name.startswith("fa"):
            assert "source changed" not in text


def test_a_locale_with_no_po_file_yet_is_not_100_percent_done() -> None:
    """A configured locale that sync has not reached (no segment at all) shows 0 % done
    in report.md and index.html, not 100 % (status shows "-", the build builds nothing)."""
    data = report_inputs.status()
    counts = dict.fromkeys(STATES, 0)
    percent = dict.fromkeys(STATES, 0.0)
    article = {"article": "treaty", "file": "locales/fr/treaty.po", "counts": counts,
               "total": 0, "percent": percent, "complete": 0, "missing": True,
               "stale": None, "segments": []}
    data["locales"].append({"locale": "fr", "counts": counts, "total": 0,
                            "percent": percent, "complete": 0, "articles": [article]})
    files = render_reports(Status.from_json(data), [], report_inputs.glossary_view(),
                           report_inputs.SOURCE_LANGS)
    assert "| fr | 0 % |" in files["report.md"]
    assert '<span class="n">0 %</span>done' in files["fr.html"]
    assert "100 %</td>" not in files["fr.html"]
    index = files["index.html"]
    fr_row = index[index.index('data-locale="fr"'):]
    fr_row = fr_row[: fr_row.index("</tr>")]
    assert '<td class="num">0 %</td>' in fr_row
