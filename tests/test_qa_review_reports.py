"""QA: reports and status agree on "done" with the configured ``complete_states``."""

from __future__ import annotations

import json
import re
from pathlib import Path

import polib

from accord.status import format_table
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
    table = format_table({"locales": [{**entry, "locale": "de", "articles": [article]}]})
    assert table.splitlines()[1].endswith(" 99%"), table
