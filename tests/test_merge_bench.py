"""The benchmark's inputs are deterministic and valid (the benchmark itself is not a test)."""

from __future__ import annotations

import random
from pathlib import Path

from tools.bench_scale import make_site, reword, synthetic_glossary, template_of

from accord.catalog.pofile import Catalog, Entry
from accord.config import load_config
from accord.glossary import load_glossary
from accord.source.segment import parse_article


def test_reword_changes_one_word_deterministically() -> None:
    """A reworded msgid differs from the original by one word, the same for the same seed."""
    text = "Return the result of the Task."
    first = reword(text, random.Random(3))
    assert first != text
    assert first == reword(text, random.Random(3))
    assert abs(len(first.split()) - len(text.split())) <= 1


def test_template_rewords_about_the_requested_share() -> None:
    """About 5 % of the msgids change; the rest, contexts and order are kept."""
    entries = [Entry(msgid=f"Sentence number {i} of the corpus.", msgstr="x") for i in range(2000)]
    catalog = Catalog([Entry(msgid="", msgstr="Language: fr\n"), *entries])
    template, changed = template_of(catalog, random.Random(1), 0.05)
    assert len(template) == 2000
    assert 60 <= len(changed) <= 140
    assert all(not e.msgstr for e in template)
    assert {(e.msgctxt, e.msgid) for e in template} >= changed


def test_synthetic_site_is_valid_for_accord(tmp_path: Path) -> None:
    """The synthetic glossary loads without errors and the articles segment."""
    text, surfaces = synthetic_glossary(random.Random(1), 50)
    assert len(surfaces) == 50
    assert "id: concept-50\n" in text
    make_site(tmp_path, 3, seed=1)
    config = load_config(tmp_path)
    glossary = load_glossary(config.glossary_dir)
    assert glossary is not None
    for path in sorted((tmp_path / "sources" / "en").glob("*.md")):
        article = parse_article(path.read_text(encoding="utf-8"), str(path))
        assert len(article.segments) > 10
