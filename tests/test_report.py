"""Reports: file set, escaping, counts, highlights, determinism and the writer."""

from __future__ import annotations

import json
import os
import random
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from accord.errors import ConfigError, SourceError
from accord.report import markdown_summary, render_reports
from accord.report.highlight import Chunk, Highlight, Span, chunks
from accord.report.html import content_security_policy
from accord.report.svg import progress_bar
from accord.review.status import Status
from accord.steps.report import write_reports
from report_inputs import SOURCE_LANGS, STATES, findings, glossary_view, status, typed


def render() -> dict[str, str]:
    return render_reports(typed(status()), findings(), glossary_view(), SOURCE_LANGS)


class Elements(HTMLParser):
    """Every start tag with its attributes, and the text of every <script>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"
        if self._in_script:
            self.scripts.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts[-1] += data


def elements(page: str) -> Elements:
    parser = Elements()
    parser.feed(page)
    parser.close()
    return parser


def test_report_files_are_index_glossary_locales_articles_json_and_markdown() -> None:
    """One page per locale and per article PO file, plus the overview files."""
    assert sorted(render()) == [
        "de.html", "de/corridor.html", "de/treaty.html", "fa.html", "fa/treaty.html",
        "glossary.html", "index.html", "report.json", "report.md",
    ]


def test_hostile_text_never_becomes_markup() -> None:
    """A segment holding <script>, an event-handler attribute or <img onerror> stays text."""
    script = None
    for name, page in render().items():
        if not name.endswith(".html"):
            continue
        parsed = elements(page)
        for tag, attrs in parsed.tags:
            assert tag != "img", name
            assert not [a for a in attrs if a.startswith("on")], (name, tag, attrs)
        assert len(parsed.scripts) == 1, name
        script = script or parsed.scripts[0]
        assert parsed.scripts[0] == script
        assert "__pwned" not in script
    treaty = render()["de/treaty.html"]
    assert "&lt;script&gt;window.__pwned = &#39;script&#39;;&lt;/script&gt;" in treaty
    assert "&#34; onmouseover=&#34;window.__pwned" in treaty


def test_pages_pin_their_only_script_by_hash() -> None:
    """The CSP names the hash of the page's script, forbids network, and matches the page."""
    page = render()["de.html"]
    parsed = elements(page)
    policies = [a for _, a in parsed.tags if a.get("http-equiv") == "Content-Security-Policy"]
    (csp,) = [a["content"] for a in policies]
    assert csp == content_security_policy(parsed.scripts[0])
    assert "default-src 'none'" in csp
    assert not re.search(r"(src|href)=\"(https?:)?//", page)


def test_index_counts_equal_status_counts() -> None:
    """Each locale row shows the status counts per state and the finding counts."""
    index = render()["index.html"]
    expected = {e["locale"]: e for e in status()["locales"]}
    rows = re.findall(r'<tr class="locale-row" data-locale="(\w+)">(.*?)</tr>', index, re.S)
    assert [r[0] for r in rows] == ["de", "fa"]
    for locale, row in rows:
        cells = dict(re.findall(r'data-state="(\w+)">(?:<a [^>]*>)?(\d+)', row))
        assert {s: int(n) for s, n in cells.items()} == expected[locale]["counts"]
        assert re.search(rf'data-total>{expected[locale]["total"]}<', row)
    de_row = dict(rows)["de"]
    assert re.search(r'data-errors><a href="de.html#errors=1">3</a>', de_row)
    assert re.search(r"data-warnings>2<", de_row)
    assert 'data-check="glossary-forbidden"' in de_row


def test_report_json_carries_sorted_findings_summary_and_status() -> None:
    """report.json = findings in a stable order, their summary, and the status unchanged."""
    data = json.loads(render()["report.json"])
    assert data["status"] == typed(status()).to_json()
    assert data["summary"]["errors"] == 5
    assert data["summary"]["warnings"] == 2
    assert data["summary"]["by_locale"]["de"] == {"errors": 3, "warnings": 2}
    assert data["summary"]["by_check"]["glossary-forbidden"] == 3
    assert [f["locale"] for f in data["findings"]] == ["de"] * 5 + ["en", "fa"]


def test_output_does_not_depend_on_finding_order() -> None:
    """Shuffled findings give byte-identical reports (no timestamps, stable order)."""
    first = render()
    shuffled = findings()
    random.Random(4).shuffle(shuffled)
    assert render_reports(typed(status()), shuffled, glossary_view(), SOURCE_LANGS) == first


def test_terms_are_highlighted_by_kind() -> None:
    """Preferred renderings green, forbidden variants red, near-misses amber, in both columns."""
    page = render()["de/treaty.html"]
    assert re.search(r'<mark class="term term-preferred" data-concept="abbas-araghchi"[^>]*>'
                     r"Araghtschi</mark>", page)
    assert re.search(r'<mark class="term term-forbidden" data-concept="alliance"[^>]*>'
                     r"Allianz</mark>", page)
    assert re.search(r'<mark class="term term-near-miss"[^>]*>Araqtschi</mark>', page)
    source_cell = re.search(r'<td class="source" lang="en" dir="auto">(.*?)</td>', page, re.S)
    assert source_cell is not None
    assert "term-preferred" in source_cell.group(1)


def test_findings_show_expected_rendering_next_to_segment() -> None:
    """A finding sits in its segment's row with what was found and what is expected."""
    page = render()["de/treaty.html"]
    row = re.search(r'<tr class="segment sev-error"[^>]*data-state="machine".*?</tr>', page, re.S)
    assert row is not None
    assert 'data-checks="glossary-forbidden"' in row.group(0)
    assert '<bdi class="found">Allianz</bdi>' in row.group(0)
    assert '<bdi class="expected">Bündnis</bdi>' in row.group(0)


def test_right_to_left_targets_are_marked() -> None:
    """Persian target cells carry dir="rtl" and lang="fa"; German ones dir="ltr"."""
    assert re.search(r'<td class="target" lang="fa" dir="rtl">', render()["fa/treaty.html"])
    assert re.search(r'<td class="target" lang="de" dir="ltr">', render()["de/treaty.html"])


def test_source_findings_are_listed_on_the_overview() -> None:
    """A finding in a locale outside the report (a source article) is not dropped."""
    index = render()["index.html"]
    assert "Findings in other languages" in index
    assert "source uses a forbidden variant" in index


def test_glossary_page_shows_renderings_gaps_and_occurrences() -> None:
    """Every concept, its renderings per column, forbidden variants, gaps and counts."""
    page = render()["glossary.html"]
    assert 'id="concept-abbas-araghchi"' in page
    assert re.search(r'<td data-locale="fa" lang="fa" dir="rtl"><ul class="renderings">'
                     r"<li>عباس عراقچی</li>", page)
    alliance = re.search(r'<tr class="concept" id="concept-alliance".*?</tr>', page, re.S)
    assert alliance is not None
    assert '<td class="gap" data-locale="fa" data-gap="1">' in alliance.group(0)
    assert "<s lang=\"de\">Allianz</s>" in alliance.group(0)
    assert 'data-occurrences="3"' in page
    assert "Foreign minister &lt;script&gt;" in page


def test_unsafe_slug_or_locale_is_refused() -> None:
    """Page names come from checked slugs and locale codes, never raw text."""
    bad = status()
    bad["locales"][0]["articles"][0]["article"] = "../../etc/evil"
    with pytest.raises(SourceError):
        render_reports(typed(bad), [], glossary_view())
    bad = status()
    bad["locales"][0]["locale"] = "../x"
    with pytest.raises(ConfigError):
        render_reports(typed(bad), [], glossary_view())


def test_markdown_summary_is_escaped_and_lists_errors_first() -> None:
    """report.md: verdict, progress per locale, findings table; no raw HTML or pipes."""
    text = markdown_summary(findings(), typed(status()))
    assert text.startswith("## Accord glossary report\n\n**❌ check fails**: 5 errors, 2 warnings.")
    assert "| de | 42 % | 1 | 1 | 1 | 2 | 1 | 1 | 3 | 2 |" in text
    assert "<script>" not in text
    assert r"\<script\>" in text
    rows = [line for line in text.splitlines() if line.startswith(("| ❌", "| ⚠️"))]
    assert len(rows) == 7
    assert all(r.startswith("| ❌") for r in rows[:5])
    assert markdown_summary([], None).startswith("## Accord glossary report\n\n**✅ check passes**")


def test_markdown_summary_caps_long_lists() -> None:
    """More than 25 findings: 25 rows and a pointer to report.json."""
    many = findings() * 5
    text = markdown_summary(many)
    assert "…and 10 more in `build/reports/report.json`." in text


@given(st.text(max_size=40), st.lists(st.tuples(st.integers(-3, 45), st.integers(-3, 45),
                                                st.sampled_from(list(Highlight))), max_size=6))
def test_chunks_keep_the_text_whole(text: str, raw: list[tuple[int, int, Highlight]]) -> None:
    """Whatever spans come in, the chunks spell the text exactly once, without overlaps."""
    spans = [Span(a, b, kind, "c") for a, b, kind in raw]
    assert "".join(c.text for c in chunks(text, spans)) == text


def test_chunks_prefer_forbidden_over_preferred() -> None:
    """Overlapping matches: the forbidden one wins."""
    spans = [Span(0, 8, Highlight.PREFERRED, "a"), Span(4, 8, Highlight.FORBIDDEN, "b")]
    assert chunks("Abbasxyz rest", spans) == (
        Chunk("Abba"), Chunk("sxyz", Highlight.FORBIDDEN, "b"), Chunk(" rest"),
    )


def test_progress_bar_is_proportional_and_escaped() -> None:
    """Bar pieces add up to the full width; labels are escaped."""
    svg = progress_bar({"approved": 1, "machine": 3}, 4, width=200, label="<b>")
    pieces = re.findall(r'data-count="\d+" x="[\d.]+" y="0" width="([\d.]+)"', svg)
    widths = [float(w) for w in pieces]
    assert widths == [150.0, 50.0]
    assert "<b>" not in svg
    assert "&lt;b&gt;" in svg


def test_writer_skips_unchanged_files_and_removes_stale_reports(tmp_path: Path) -> None:
    """A no-op run writes nothing; pages of articles gone are removed, other files kept."""
    out = tmp_path / "reports"
    files = render()
    assert write_reports(out, files) == sorted(files)
    index = out / "index.html"
    os.utime(index, (1_000_000, 1_000_000))
    assert write_reports(out, files) == []
    assert index.stat().st_mtime == 1_000_000
    (out / "keep.png").write_bytes(b"png")
    fewer = {k: v for k, v in files.items() if not k.startswith("fa")}
    assert write_reports(out, fewer) == ["fa.html", "fa/treaty.html"]
    assert not (out / "fa").exists()
    assert (out / "keep.png").exists()


def test_every_state_is_in_the_legend() -> None:
    """The overview names all six states."""
    index = render()["index.html"]
    for state in STATES:
        assert f'<span class="state state-{state}">{state}</span>' in index


def test_article_without_po_file_says_how_to_create_it() -> None:
    """A status row with ``missing: true`` tells the reviewer to run sync."""
    data = status()
    data["locales"][1]["articles"][0].update(missing=True, segments=[], total=0)
    page = render_reports(typed(data), [], glossary_view())["fa/treaty.html"]
    assert "No PO file yet: run <code>accord sync --locale fa --article treaty</code>" in page


def test_finding_in_fuzzy_entry_is_labelled() -> None:
    """``fuzzy: true`` on a finding shows as "in a fuzzy entry"."""
    marked = [dict(f, fuzzy=f["check"] == "markup") for f in findings()]
    page = render_reports(typed(status()), marked, glossary_view())["de/treaty.html"]
    assert page.count("(error, in a fuzzy entry)") == 1


def test_glossary_footer_counts_gaps_per_column() -> None:
    """The glossary table ends with the number of concepts lacking a rendering per column."""
    page = render()["glossary.html"]
    assert '<td data-gaps="fa" class="count-warning">1</td>' in page
    assert '<td data-gaps="de" class="zero">0</td>' in page


def test_source_term_missing_from_translation_is_dashed() -> None:
    """A glossary-missing finding turns its concept's source highlight into "missing"."""
    page = render()["fa/treaty.html"]
    missing = r'<mark class="term term-missing" data-concept="alliance"[^>]*>alliance</mark>'
    assert re.search(missing, page)
    assert 'term-missing" data-concept="abbas-araghchi"' not in page


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("<>&\"'=/ ascriptonerror\u200f\u202eفا")),
               min_size=1, max_size=60))
def test_any_segment_text_stays_text(text: str) -> None:
    """Whatever a segment, a finding or a concept note holds, pages gain no element or handler."""
    data = status()
    segment = data["locales"][0]["articles"][1]["segments"][0]
    segment.update(source=text, target=text, msgctxt=text)
    hostile = [dict(findings()[0], message=text, found=text, expected=text, concept=text,
                    segment=segment["id"], article="corridor")]
    pages = render_reports(typed(data), hostile, glossary_view(), SOURCE_LANGS)
    baseline = render_reports(typed(data), [], glossary_view(), SOURCE_LANGS)
    for name in ("de/corridor.html", "de.html"):
        parsed = elements(pages[name])
        assert len(parsed.scripts) == 1
        assert all(not a.startswith("on") for _, attrs in parsed.tags for a in attrs)
        tags = [t for t, _ in parsed.tags]
        clean = [t for t, _ in elements(baseline[name]).tags]
        assert set(tags) <= set(clean) | {"ul", "li", "bdi", "br", "a"}


def test_repository_without_locales_gets_a_hint_not_an_empty_table() -> None:
    """No target locale: the overview says how to configure one and draws no empty plot."""
    index = render_reports(Status(), [])["index.html"]
    assert "No target locale" in index
    assert 'class="chart"' not in index


def test_filter_options_count_segments() -> None:
    """Filter options say how many segments each would show; empty states are disabled."""
    page = render()["de.html"]
    assert '<option value="glossary-forbidden">glossary-forbidden (2)</option>' in page
    assert '<option value="translated">translated (2)</option>' in page
    fa = render()["fa.html"]
    assert '<option value="fuzzy" disabled>fuzzy (0)</option>' in fa
