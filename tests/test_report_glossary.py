"""The report's view of the real repository glossary: columns, occurrences, highlights."""

from __future__ import annotations

from pathlib import Path

from accord.glossary import load_glossary
from accord.report import GlossaryView, Highlight, render_reports
from accord.report.glossaryview import glossary_view
from accord.review.status import Status

SOURCES = {
    "treaty": ("en", ["Abbas Araghchi met Lavrov.", "The alliance holds.", "No names here."]),
    "profil": ("de", ["Araghtschi und das Bündnis."]),
}


def view(repo_root: Path, locales: tuple[str, ...] = ("de", "fa")) -> GlossaryView:
    return glossary_view(load_glossary(repo_root / "glossary"), list(locales), SOURCES)


def test_columns_are_source_languages_then_locales(repo_root: Path) -> None:
    """Source languages that are not target locales come first, then the locales."""
    assert view(repo_root).languages == ("en",)
    assert view(repo_root, ("de", "en", "fa")).languages == ()


def test_occurrences_count_segments_and_articles(repo_root: Path) -> None:
    """A concept mentioned in two segments of two articles: 2 occurrences, 2 articles."""
    concepts = {c.id: c for c in view(repo_root).concepts}
    assert (concepts["abbas-araghchi"].occurrences, concepts["abbas-araghchi"].articles) == (2, 2)
    assert (concepts["alliance"].occurrences, concepts["alliance"].articles) == (2, 2)
    assert concepts["abbas-araghchi"].renderings["fa"] == ("عباس عراقچی", "عراقچی")
    assert "Araghchi" in concepts["abbas-araghchi"].forbidden["de"]


def test_finder_marks_forbidden_variants_red(repo_root: Path) -> None:
    """Glossary matches become highlights: preferred green, forbidden red."""
    spans = view(repo_root).find("Araghtschi traf Araghchi", "de")
    kinds = {(s.start, s.kind) for s in spans}
    assert (0, Highlight.PREFERRED) in kinds
    assert (16, Highlight.FORBIDDEN) in kinds


def test_glossary_page_lists_every_concept(repo_root: Path) -> None:
    """glossary.html has a row per concept of the repository's glossary."""
    glossary = load_glossary(repo_root / "glossary")
    page = render_reports(Status(), [], view(repo_root))["glossary.html"]
    assert page.count('<tr class="concept"') == len(glossary)
