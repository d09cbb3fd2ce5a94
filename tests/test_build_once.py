"""Build article by article: one parse per source file, PO files read as their pages are made."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.helpers import ARTICLE, make_repo

from accord.catalog.pofile import format_po, read_po
from accord.config import load_config
from accord.source import segment
from accord.steps import build
from accord.steps.build import build_site
from accord.steps.sync import sync_project


def _translated(path: Path, prefix: str) -> None:
    catalog = read_po(path)
    for entry in catalog.messages():
        entry.msgstr = prefix + entry.msgid
    path.write_text(format_po(catalog), encoding="utf-8")


def _repo(tmp_path: Path, locales: list[str]) -> Path:
    # "aaa" links to "zzz", whose pages are made after its own.
    linking = ARTICLE.format(slug="aaa").replace("[the treaty](treaty.md)", "[later](zzz.md)")
    root = make_repo(tmp_path, locales, {"aaa": linking, "zzz": ARTICLE.format(slug="zzz")})
    sync_project(load_config(root))
    for locale in locales:
        for slug in ("aaa", "zzz"):
            _translated(root / "locales" / locale / f"{slug}.po", f"{locale.upper()} ")
    return root


def test_each_source_is_parsed_once_for_all_its_locales(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Three locales and the original page of two articles cost two parses, not eight."""
    root = _repo(tmp_path, ["de", "fr", "es"])
    parsed: list[str] = []

    def counting(text: str, path: str, keys: tuple[str, ...]) -> segment.ParsedSource:
        parsed.append(path)
        return segment.parse_source(text, path, keys)

    monkeypatch.setattr(build, "parse_source", counting)
    result = build_site(load_config(root))

    assert not result.errors
    assert sum(page.built for page in result.pages) == 8
    assert sorted(parsed) == ["sources/en/aaa.md", "sources/en/zzz.md"]


def test_a_link_to_a_page_with_an_unreadable_po_file_reports_it_once(tmp_path: Path) -> None:
    """A linked page's broken PO file is one error, in order; the link goes to the original."""
    root = _repo(tmp_path, ["de"])
    (root / "locales" / "de" / "zzz.po").write_text('msgid "x"\nmsgstr "y\n', encoding="utf-8")
    (root / "sources" / "en" / "aaa.md").write_text("---\ntitle: [broken\n---\n", encoding="utf-8")
    (root / "locales" / "de" / "aaa.po").unlink()
    (root / "sources" / "en" / "bbb.md").write_text(
        "# Links\n\nSee [later](zzz.md).\n", encoding="utf-8"
    )
    sync_project(load_config(root), articles=["bbb"])
    _translated(root / "locales" / "de" / "bbb.po", "DE ")

    result = build_site(load_config(root))

    assert [str(error).split(":")[0] for error in result.errors] == [
        "sources/en/aaa.md",  # assessing de/aaa: no PO file, and the source cannot be read
        "locales/de/zzz.po",  # assessing de/zzz, met first through bbb's link
        "sources/en/aaa.md",  # making en/aaa, the original
    ]
    built = (root / "build" / "site" / "de" / "bbb.md").read_text(encoding="utf-8")
    assert "DE See [later](../en/zzz.md)." in built
    assert [(p.locale, p.article) for p in result.pages] == [("de", "bbb"), ("en", "bbb"),
                                                            ("en", "zzz")]
