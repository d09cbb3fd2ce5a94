"""Incremental build: only pages whose inputs changed are assessed and rendered again."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from tests.helpers import ARTICLE, make_repo
from tests.test_site import translate

import accord.steps.build
from accord.catalog.pofile import format_po, read_po
from accord.config import load_config
from accord.steps.build import build_site
from accord.steps.sync import sync_project


def site_tree(repo: Path) -> dict[str, bytes]:
    """Every built page's bytes by path."""
    return {str(p.relative_to(repo)): p.read_bytes()
            for p in sorted((repo / "build" / "site").rglob("*.md"))}


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    articles = {f"a{n}": ARTICLE.format(slug=f"a{n}") for n in range(3)}
    root = make_repo(tmp_path / "repo", locales=["de", "fr"], articles=articles)
    sync_project(load_config(root))
    for path in sorted((root / "locales").rglob("*.po")):
        translate(path, prefix=f"{path.parent.name}:")
    return root


def rendered(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The sources of the pages the build renders from now on (the real renderer still runs)."""
    seen: list[str] = []
    real = accord.steps.build._render

    def spy(plan: Any, links: Any, where: Any, *args: object) -> str:
        seen.append(plan.config.relative(where[0].path))
        return real(plan, links, where, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(accord.steps.build, "_render", spy)
    return seen


def test_a_build_with_nothing_changed_renders_nothing(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The second build neither renders nor writes a page, and reports the same pages."""
    config = load_config(repo)
    first = build_site(config)
    seen = rendered(monkeypatch)
    second = build_site(config)
    assert seen == []
    assert [(p.locale, p.article, p.built) for p in second.pages] == [
        (p.locale, p.article, p.built) for p in first.pages
    ]
    assert not any(p.written for p in second.pages)


def test_only_the_edited_page_is_rendered_again(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Editing one PO file renders that page again, and the result is a full build's."""
    config = load_config(repo)
    build_site(config)
    translate(repo / "locales" / "de" / "a1.po", prefix="neu:")
    seen = rendered(monkeypatch)
    build_site(config)
    assert seen == ["sources/en/a1.md"]
    incremental = site_tree(repo)
    shutil.rmtree(repo / "build")
    build_site(config)
    assert site_tree(repo) == incremental


def test_a_page_falling_below_the_threshold_updates_its_locale(repo: Path) -> None:
    """When a page stops being built, links to it in its locale change as a full build's."""
    config = load_config(repo)
    build_site(config)
    path = repo / "locales" / "fr" / "a0.po"
    catalog = read_po(path)
    for entry in catalog.messages():
        entry.msgstr = ""
    path.write_text(format_po(catalog), encoding="utf-8")
    result = build_site(config)
    assert ("fr", "a0", False) in [(p.locale, p.article, p.built) for p in result.pages]
    incremental = site_tree(repo)
    shutil.rmtree(repo / "build" / "cache")
    build_site(config)
    assert site_tree(repo) == incremental


def test_a_deleted_output_is_written_again(repo: Path) -> None:
    """build/ is only a cache: a page deleted by hand comes back on the next build."""
    config = load_config(repo)
    build_site(config)
    page = repo / "build" / "site" / "de" / "a2.md"
    text = page.read_bytes()
    page.unlink()
    build_site(config)
    assert page.read_bytes() == text


def test_the_manifest_still_lists_every_page(repo: Path) -> None:
    """A build that renders nothing records every page it keeps in build/'s manifest."""
    config = load_config(repo)
    build_site(config)
    manifest = (repo / "build" / "cache" / "written.json").read_bytes()
    (repo / "build" / "cache" / "written.json").unlink()
    build_site(config)
    assert (repo / "build" / "cache" / "written.json").read_bytes() == manifest
