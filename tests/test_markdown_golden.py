"""Golden files: ``<case>.md`` → ``<case>.segments.json`` and ``<case>.translated.md``.

A case with ``<case>.translations.json`` (msgid → msgstr) is rebuilt with those
translations (a msgid missing there keeps its source text); the others with a
pseudo-translation that uppercases letters outside markup. Every rebuild also sets
``lang`` and ``translation_of`` and localises relative ``.md`` links. Set
``ACCORD_REGENERATE_GOLDEN=1`` to rewrite the expected files after a deliberate change.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from accord.source.segment import Segment, decode_source, parse_article, rebuild_article
from test_markdown_conformance import pseudo

GOLDEN = Path(__file__).parent / "golden" / "markdown"
CASES = sorted(p.stem for p in GOLDEN.glob("*.md") if not p.stem.endswith(".translated"))
REGENERATE = os.environ.get("ACCORD_REGENERATE_GOLDEN") == "1"


def localise(url: str) -> str:
    """Point a relative link to another article at the German build of it."""
    if "://" in url or url.startswith(("/", "#")) or not url.endswith(".md"):
        return url
    return url.removesuffix(".md") + ".de.md"


def expect(path: Path, actual: str) -> None:
    """Compare ``actual`` with the golden file's exact text (or write it when regenerating)."""
    if REGENERATE:
        path.write_bytes(actual.encode("utf-8"))
    assert path.read_bytes().decode("utf-8") == actual


def source_of(case: str) -> str:
    """The case's Markdown, decoded as Accord decodes sources."""
    return decode_source((GOLDEN / f"{case}.md").read_bytes(), f"{case}.md")


@pytest.mark.parametrize("case", CASES)
def test_segments_match_the_golden_file(case: str) -> None:
    """Each case cuts into exactly the recorded segments (text, context, line, block type)."""
    article = parse_article(source_of(case), f"{case}.md")
    actual = json.dumps([s.__dict__ for s in article.segments], ensure_ascii=False, indent=2)
    expect(GOLDEN / f"{case}.segments.json", actual + "\n")


@pytest.mark.parametrize("case", CASES)
def test_translated_article_matches_the_golden_file(case: str) -> None:
    """Rebuilding with the case's translations gives the recorded article byte for byte."""
    table_path = GOLDEN / f"{case}.translations.json"
    if table_path.exists():
        table: dict[str, str] = json.loads(table_path.read_text(encoding="utf-8"))

        def translate(segment: Segment) -> str | None:
            return table.get(segment.msgid)
    else:

        def translate(segment: Segment) -> str | None:
            return pseudo(segment.msgid)

    actual = rebuild_article(
        source_of(case),
        f"{case}.md",
        translate,
        front_matter={"lang": "de", "translation_of": f"sources/en/{case}.md"},
        rewrite_link=localise,
    )
    expect(GOLDEN / f"{case}.translated.md", actual)


def test_every_case_has_its_expected_files() -> None:
    """No golden case lacks its expected segments or translated article."""
    assert len(CASES) >= 5
    for case in CASES:
        assert (GOLDEN / f"{case}.segments.json").exists(), case
        assert (GOLDEN / f"{case}.translated.md").exists(), case
