"""The workspace iterator: every (locale, article) PO file, in the order the tasks report."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.helpers import ARTICLE, make_repo

from accord.config import load_config
from accord.errors import CatalogError
from accord.workspace import catalogs, discover_articles


def _repo(tmp_path: Path) -> Path:
    root = make_repo(tmp_path / "repo", ["de", "fr"], {
        slug: ARTICLE.format(slug=slug) for slug in ("alpha", "beta")})
    (root / "sources" / "de").mkdir()
    (root / "sources" / "de" / "gamma.md").write_text("# Gamma\n", encoding="utf-8")
    return root


def test_catalogs_run_locale_by_locale_and_skip_an_articles_own_language(tmp_path: Path) -> None:
    """A German article gets no de PO file; pairs come locale by locale, or article by article."""
    config = load_config(_repo(tmp_path))
    articles = discover_articles(config)
    by_locale = [(r.locale, r.article.slug, r.file)
                 for r in catalogs(config, ["de", "fr"], articles)]
    assert by_locale == [
        ("de", "alpha", "locales/de/alpha.po"), ("de", "beta", "locales/de/beta.po"),
        ("fr", "alpha", "locales/fr/alpha.po"), ("fr", "beta", "locales/fr/beta.po"),
        ("fr", "gamma", "locales/fr/gamma.po"),
    ]
    by_article = [(r.article.slug, r.locale)
                  for r in catalogs(config, ["de", "fr"], articles, by_article=True)]
    assert by_article == [("alpha", "de"), ("alpha", "fr"), ("beta", "de"), ("beta", "fr"),
                          ("gamma", "fr")]
    assert not any(r.exists for r in catalogs(config, ["de", "fr"], articles))


def test_a_po_path_out_of_the_repository_is_collected_or_raised(tmp_path: Path) -> None:
    """A locale folder linked out of the repository is one error; the other files still come."""
    root = _repo(tmp_path)
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (root / "locales").mkdir()
    (root / "locales" / "de").symlink_to(outside)
    config = load_config(root)
    articles = discover_articles(config)
    errors: list = []
    found = [r.file for r in catalogs(config, ["de", "fr"], articles, errors=errors)]
    assert found == ["locales/fr/alpha.po", "locales/fr/beta.po", "locales/fr/gamma.po"]
    assert [str(e).split(":")[0] for e in errors] == ["locales/de/alpha.po", "locales/de/beta.po"]
    with pytest.raises(CatalogError, match="outside the repository"):
        list(catalogs(config, ["de", "fr"], articles))


def test_a_folder_linked_out_of_the_repository_is_named_not_read(tmp_path: Path) -> None:
    """sources/en/world -> /elsewhere is a problem (not read); a link inside is just not entered."""
    root = make_repo(tmp_path / "repo", locales=["de"])
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "far.md").write_text(ARTICLE.format(slug="far"), encoding="utf-8")
    (root / "sources" / "en" / "world").symlink_to(outside)
    (root / "sources" / "en" / "again").symlink_to(root / "sources" / "en")
    problems: list[object] = []
    articles = discover_articles(load_config(root), problems)  # type: ignore[arg-type]
    assert [a.slug for a in articles] == ["corridor"]
    assert [str(p) for p in problems] == [
        "sources/en/world: a symlink to a folder outside the repository: not read "
        "(sources must live in the repository)"]
