"""The segment rows and report.json's pieces: the same bytes as the templates and json give."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import markupsafe
from hypothesis import given, settings
from hypothesis import strategies as st

from accord.report import render_reports
from accord.report.jsonreport import indented
from accord.report.rows import escape
from report_inputs import SOURCE_LANGS, findings, glossary_view, status, typed

GOLDEN = Path(__file__).parent / "golden" / "report"
SECTION = re.compile(r'<section class="article".*?</section>\n', re.S)


def reviewed_status() -> dict[str, Any]:
    """``report_inputs.status()`` with an approval, a rejection (hostile reason) and a context."""
    data = status()
    segments = data["locales"][0]["articles"][1]["segments"]
    segments[0]["review"] = {"by": "Jane <Doe>", "date": "2026-11-30", "reason": None}
    segments[5]["review"] = {"by": "Ali", "date": "", "reason": "<b>no</b> & \"why\""}
    segments[2]["msgctxt"] = "front-matter:title"
    return data


def pages() -> dict[str, str]:
    return render_reports(typed(reviewed_status()), findings(), glossary_view(), SOURCE_LANGS)


def test_article_sections_equal_the_golden_files() -> None:
    """Each page's article sections (segment rows, highlights, findings, reviews, RTL) are
    byte for byte the golden ones, written by the jinja2 macro the rows replaced."""
    made = {name.replace("/", "--") + ".sections": "".join(SECTION.findall(text))
            for name, text in pages().items() if SECTION.search(text)}
    golden = {p.name: p.read_text(encoding="utf-8") for p in sorted(GOLDEN.iterdir())}
    assert made == golden


def test_rows_link_up_from_the_page_they_are_on() -> None:
    """A finding's concept link climbs out of the article page's folder, not the locale page's."""
    made = pages()
    assert 'href="../glossary.html#concept-alliance"' in made["de/treaty.html"]
    assert 'href="glossary.html#concept-alliance"' in made["de.html"]
    assert "<!--root-->" not in made["de/treaty.html"] + made["de.html"]


@given(st.text())
def test_escape_is_markupsafes(text: str) -> None:
    """The rows escape any text exactly as markupsafe (the templates) does."""
    assert escape(text) == str(markupsafe.escape(text))


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner,
                                                                max_size=4),
    max_leaves=20,
)


@settings(max_examples=300)
@given(JSON, st.integers(0, 5))
def test_indented_is_json_dumps(value: object, level: int) -> None:
    """``indented`` gives json.dumps's indent=2 bytes for any JSON value at any depth."""
    expected = json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n" + "  " * level)
    assert indented(value, level) == expected
