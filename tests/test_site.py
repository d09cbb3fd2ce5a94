"""Build: translated articles with translated front matter, fallbacks and localised links."""

from __future__ import annotations

from pathlib import Path

import yaml
from tests.helpers import ARTICLE, accord, make_repo

from accord.catalog.pofile import format_po, read_po
from accord.config import load_config
from accord.steps.build import build_site
from accord.steps.sync import sync_project


def translate(path: Path, share: float = 1.0, prefix: str = "X:") -> None:
    """Translate the first ``share`` of the entries as a person would."""
    catalog = read_po(path)
    messages = catalog.messages()
    for entry in messages[: round(len(messages) * share)]:
        entry.msgstr = prefix + entry.msgid
    path.write_text(format_po(catalog), encoding="utf-8")


def front_matter(text: str) -> dict:
    return yaml.safe_load(text.split("---\n")[1])


def two_articles(tmp_path: Path, locales: list[str]) -> Path:
    treaty = (
        ARTICLE.format(slug="treaty")
        .replace("The corridor opens", "The treaty")
        .replace("[the treaty](treaty.md)", "[the corridor](corridor.md#top)")
    )
    return make_repo(
        tmp_path,
        locales=locales,
        articles={"corridor": ARTICLE.format(slug="corridor"), "treaty": treaty},
    )


def test_complete_translation_is_built_with_translated_front_matter(tmp_path: Path) -> None:
    """A fully translated article is written with lang and translation_of."""
    repo = two_articles(tmp_path, ["de"])
    config = load_config(repo)
    sync_project(config)
    translate(repo / "locales" / "de" / "corridor.po", prefix="DE ")
    result = build_site(config)
    assert not result.errors
    out = repo / "build" / "site" / "de" / "corridor.md"
    text = out.read_text(encoding="utf-8")
    meta = front_matter(text)
    assert meta["title"] == "DE The corridor opens"
    assert meta["tags"] == ["DE transport", "DE Iran"]
    assert meta["lang"] == "de"
    assert meta["translation_of"] == "sources/en/corridor.md"
    assert meta["slug"] == "corridor"
    assert "# DE The corridor opens" in text
    assert "> DE Officials called it **historic**." in text


def test_incomplete_article_is_not_built_and_says_why(tmp_path: Path) -> None:
    """Below the threshold (80 % by default) the article is skipped with a reason."""
    repo = two_articles(tmp_path, ["de"])
    config = load_config(repo)
    sync_project(config)
    translate(repo / "locales" / "de" / "corridor.po", share=0.5)
    result = build_site(config)
    page = next(p for p in result.pages if (p.locale, p.article) == ("de", "corridor"))
    assert not page.built
    assert "below the 80% threshold" in (page.reason or "")
    assert not (repo / "build" / "site" / "de" / "corridor.md").exists()


def test_untranslated_segments_fall_back_to_the_source(tmp_path: Path) -> None:
    """Above the threshold, a missing translation shows the source text."""
    repo = two_articles(tmp_path, ["de"])
    (repo / "pyproject.toml").write_text('[tool.accord]\nlocales = ["de"]\nthreshold = 0.5\n')
    config = load_config(repo)
    sync_project(config)
    translate(repo / "locales" / "de" / "corridor.po", share=0.6)
    build_site(config)
    text = (repo / "build" / "site" / "de" / "corridor.md").read_text(encoding="utf-8")
    assert "| Rasht | Iran |" in text.replace("  ", " ")


def test_links_point_to_localised_articles_or_the_original(tmp_path: Path) -> None:
    """A link to another article goes to its translation if built, else to the original."""
    repo = two_articles(tmp_path, ["de", "fa"])
    config = load_config(repo)
    sync_project(config)
    for locale in ("de", "fa"):
        translate(repo / "locales" / locale / "treaty.po")
    translate(repo / "locales" / "de" / "corridor.po")
    build_site(config)
    german = (repo / "build" / "site" / "de" / "treaty.md").read_text(encoding="utf-8")
    assert "(corridor.md#top)" in german
    persian = (repo / "build" / "site" / "fa" / "treaty.md").read_text(encoding="utf-8")
    assert "(../en/corridor.md#top)" in persian
    assert front_matter(persian)["dir"] == "rtl"
    assert (repo / "build" / "site" / "en" / "corridor.md").exists()


def test_fuzzy_and_machine_output_do_not_count_and_are_not_published(tmp_path: Path) -> None:
    """A fuzzy translation is neither counted as done nor published."""
    repo = two_articles(tmp_path, ["de"])
    (repo / "pyproject.toml").write_text('[tool.accord]\nlocales = ["de"]\nthreshold = 0.0\n')
    config = load_config(repo)
    sync_project(config)
    path = repo / "locales" / "de" / "corridor.po"
    catalog = read_po(path)
    for entry in catalog.messages():
        entry.msgstr = "FUZZ " + entry.msgid
        entry.fuzzy = True
    path.write_text(format_po(catalog), encoding="utf-8")
    build_site(config)
    text = (repo / "build" / "site" / "de" / "corridor.md").read_text(encoding="utf-8")
    assert "FUZZ" not in text


def test_cli_build_reports_skipped_articles(tmp_path: Path) -> None:
    """accord build names what it skipped and why."""
    repo = two_articles(tmp_path, ["de"])
    assert accord(repo, "sync").returncode == 0
    result = accord(repo, "build")
    assert result.returncode == 0, result.stderr
    assert "skipped de/corridor: 0% done" in result.stdout


def test_article_with_nothing_to_translate_gets_no_po_file_and_is_built(tmp_path: Path) -> None:
    """No header-only PO file (msgcat would drop it); the article is published as it is."""
    repo = make_repo(
        tmp_path, locales=["de"], articles={"empty": "---\nslug: empty\ndate: 2025-01-01\n---\n"}
    )
    config = load_config(repo)
    result = sync_project(config)
    assert not result.errors
    assert not (repo / "locales" / "de" / "empty.po").exists()
    assert sync_project(config).written == []
    build = build_site(config)
    assert not build.errors
    assert (repo / "build" / "site" / "de" / "empty.md").exists()
