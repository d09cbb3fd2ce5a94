"""Sync: sources segmented and merged into per-locale PO files, loss-free and incremental."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from tests.helpers import ARTICLE, accord, make_repo, msgcat, msgfmt_check

from accord.catalog.pofile import format_po, read_po
from accord.config import load_config
from accord.steps.sync import sync_project


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return make_repo(tmp_path)


def translate_all(path: Path, prefix: str = "T:") -> None:
    """Play a translator: give every untranslated entry a translation."""
    catalog = read_po(path)
    for entry in catalog.messages():
        if not entry.msgstr:
            entry.msgstr = prefix + entry.msgid
    path.write_text(format_po(catalog), encoding="utf-8")


def test_sync_writes_one_valid_canonical_po_per_locale(repo: Path) -> None:
    """Every written file passes msgfmt --check and msgcat reproduces it byte for byte."""
    result = sync_project(load_config(repo))
    assert not result.errors
    for locale in ("de", "fr"):
        path = repo / "locales" / locale / "corridor.po"
        assert msgfmt_check(path).returncode == 0, msgfmt_check(path).stderr
        assert msgcat(path) == path.read_text(encoding="utf-8")
    catalog = read_po(repo / "locales" / "de" / "corridor.po")
    meta = catalog.metadata()
    assert meta["Language"] == "de"
    assert meta["X-Source-Language"] == "en"
    assert "POT-Creation-Date" not in meta
    msgids = [e.msgid for e in catalog.messages()]
    assert "The corridor opens" in msgids
    assert "Rasht is in Iran." in msgids
    title = catalog.find("The corridor opens", "front-matter:title")
    assert title is not None
    assert title.references == ["sources/en/corridor.md:2"]
    body = catalog.find("The corridor opens")
    assert body is not None
    assert body.references == ["sources/en/corridor.md:11"]
    assert "block: heading" in body.extracted_comments


def test_no_po_file_for_the_source_language(tmp_path: Path) -> None:
    """An English article gets no English PO file even when en is a target locale."""
    repo = make_repo(tmp_path, locales=["en", "de"])
    sync_project(load_config(repo))
    assert not (repo / "locales" / "en" / "corridor.po").exists()
    assert (repo / "locales" / "de" / "corridor.po").exists()


def test_noop_sync_rewrites_nothing(repo: Path) -> None:
    """A second sync with no change writes no file and leaves mtimes alone."""
    config = load_config(repo)
    sync_project(config)
    path = repo / "locales" / "de" / "corridor.po"
    before = path.stat().st_mtime_ns
    result = sync_project(config)
    assert result.written == []
    assert path.stat().st_mtime_ns == before


def test_noop_sync_without_cache_rewrites_nothing(repo: Path) -> None:
    """Even with build/ deleted, identical content is not rewritten."""
    config = load_config(repo)
    sync_project(config)
    shutil.rmtree(repo / "build")
    path = repo / "locales" / "fr" / "corridor.po"
    before = path.stat().st_mtime_ns
    result = sync_project(config)
    assert result.written == []
    assert path.stat().st_mtime_ns == before


def test_reworded_paragraph_keeps_translation_as_fuzzy(repo: Path) -> None:
    """A changed segment keeps its old translation, marked fuzzy, old msgid as #|."""
    config = load_config(repo)
    sync_project(config)
    path = repo / "locales" / "de" / "corridor.po"
    translate_all(path)
    source = repo / "sources" / "en" / "corridor.md"
    source.write_text(
        source.read_text().replace("Officials called it", "Officials in Tehran called it"),
        encoding="utf-8",
    )
    sync_project(config)
    catalog = read_po(path)
    entry = catalog.find("Officials in Tehran called it **historic**.")
    assert entry is not None
    assert entry.fuzzy
    assert entry.msgstr == "T:Officials called it **historic**."
    assert entry.previous_msgid == "Officials called it **historic**."


def test_removed_paragraph_becomes_obsolete_and_returns(repo: Path) -> None:
    """A deleted segment is kept as #~ and revived with its translation when it comes back."""
    config = load_config(repo)
    sync_project(config)
    path = repo / "locales" / "de" / "corridor.po"
    translate_all(path)
    source = repo / "sources" / "en" / "corridor.md"
    original = source.read_text()
    source.write_text(
        original.replace("> Officials called it **historic**.\n", ""), encoding="utf-8"
    )
    sync_project(config)
    obsolete = list(read_po(path).obsolete_entries())
    assert any(e.msgstr == "T:Officials called it **historic**." for e in obsolete)
    source.write_text(original, encoding="utf-8")
    sync_project(config)
    entry = read_po(path).find("Officials called it **historic**.")
    assert entry is not None
    assert entry.msgstr == "T:Officials called it **historic**."


def test_translation_memory_fills_a_new_article(repo: Path) -> None:
    """An exact match translated in one article fills the same segment in a new one."""
    config = load_config(repo)
    sync_project(config)
    translate_all(repo / "locales" / "fr" / "corridor.po", prefix="FR:")
    other = ARTICLE.format(slug="second").replace("The corridor opens", "A second look")
    (repo / "sources" / "en" / "second.md").write_text(other, encoding="utf-8")
    sync_project(config)
    entry = read_po(repo / "locales" / "fr" / "second.po").find("Rasht is in Iran.")
    assert entry is not None
    assert entry.msgstr == "FR:Rasht is in Iran."
    assert not entry.fuzzy


def test_new_locale_is_picked_up(tmp_path: Path) -> None:
    """With no locales setting, a new folder under locales/ is a new target."""
    repo = make_repo(tmp_path)
    (repo / "pyproject.toml").write_text("", encoding="utf-8")
    (repo / "locales" / "es").mkdir(parents=True)
    sync_project(load_config(repo))
    assert (repo / "locales" / "es" / "corridor.po").exists()


def test_deleted_article_keeps_its_po_file(repo: Path) -> None:
    """A PO file whose article is gone is kept and reported, and its translations feed the TM."""
    config = load_config(repo)
    sync_project(config)
    path = repo / "locales" / "de" / "corridor.po"
    translate_all(path, prefix="DE:")
    source = repo / "sources" / "en" / "corridor.md"
    text = source.read_text()
    source.unlink()
    (repo / "sources" / "en" / "renamed.md").write_text(text, encoding="utf-8")
    result = sync_project(config)
    assert result.orphans == ("locales/de/corridor.po", "locales/fr/corridor.po")
    assert path.exists()
    entry = read_po(repo / "locales" / "de" / "renamed.po").find("Astara lies on the border.")
    assert entry is not None
    assert entry.msgstr == "DE:Astara lies on the border."


def test_person_edit_is_kept_by_incremental_sync(repo: Path) -> None:
    """A translator's edit between syncs is never overwritten."""
    config = load_config(repo)
    sync_project(config)
    path = repo / "locales" / "de" / "corridor.po"
    translate_all(path, prefix="Mensch:")
    before = path.read_text(encoding="utf-8")
    sync_project(config)
    assert path.read_text(encoding="utf-8") == before


def test_malformed_po_is_reported_and_left_untouched(repo: Path) -> None:
    """A broken PO file gets path:line and keeps its bytes; other files are still synced."""
    config = load_config(repo)
    sync_project(config)
    path = repo / "locales" / "de" / "corridor.po"
    broken = path.read_text(encoding="utf-8") + '\nmsgid "unterminated\n'
    path.write_text(broken, encoding="utf-8")
    source = repo / "sources" / "en" / "corridor.md"
    source.write_text(source.read_text() + "\nA new closing line.\n", encoding="utf-8")
    result = sync_project(config)
    assert path.read_text(encoding="utf-8") == broken
    messages = [str(e) for e in result.errors]
    assert any(m.startswith("locales/de/corridor.po:") for m in messages), messages
    assert read_po(repo / "locales" / "fr" / "corridor.po").find("A new closing line.") is not None


@pytest.mark.parametrize(("newline", "bom"), [("\r\n", ""), ("\n", "\ufeff"), ("\r\n", "\ufeff")])
def test_crlf_and_bom_sources_just_work(tmp_path: Path, newline: str, bom: str) -> None:
    """A source saved with Windows line ends or a BOM gives the same PO file."""
    plain = make_repo(tmp_path / "plain")
    odd = make_repo(tmp_path / "odd")
    text = bom + ARTICLE.format(slug="corridor").replace("\n", newline)
    (odd / "sources" / "en" / "corridor.md").write_bytes(text.encode("utf-8"))
    sync_project(load_config(plain))
    sync_project(load_config(odd))
    expected = (plain / "locales" / "de" / "corridor.po").read_text(encoding="utf-8")
    assert (odd / "locales" / "de" / "corridor.po").read_text(encoding="utf-8") == expected


def test_porefs_file_drops_line_numbers(repo: Path) -> None:
    """porefs = "file" names the source once, so inserted paragraphs cause no churn."""
    (repo / "pyproject.toml").write_text(
        '[tool.accord]\nlocales = ["de"]\nporefs = "file"\n', encoding="utf-8"
    )
    sync_project(load_config(repo))
    catalog = read_po(repo / "locales" / "de" / "corridor.po")
    assert {tuple(e.references) for e in catalog.messages()} == {("sources/en/corridor.md",)}


# --- the CLI: exit codes and messages -----------------------------------------------


def test_cli_sync_then_noop(repo: Path) -> None:
    """accord sync reports what it wrote; a second run writes nothing."""
    first = accord(repo, "sync")
    assert first.returncode == 0, first.stderr
    assert "wrote locales/de/corridor.po" in first.stdout
    second = accord(repo, "sync")
    assert second.returncode == 0
    assert "sync: 0 written" in second.stdout


def test_cli_broken_front_matter_exits_2_with_location(repo: Path) -> None:
    """Broken YAML front matter: exit 2 and path:line on stderr."""
    (repo / "sources" / "en" / "bad.md").write_text(
        "---\ntitle: [unclosed\nslug: bad\n---\n\nBody.\n", encoding="utf-8"
    )
    result = accord(repo, "sync")
    assert result.returncode == 2
    assert "sources/en/bad.md:" in result.stderr


def test_cli_unknown_locale_exits_2(repo: Path) -> None:
    """An unknown locale code on the command line is a usage error naming the code."""
    result = accord(repo, "sync", "--locale", "xx")
    assert result.returncode == 2
    assert "unknown locale code 'xx'" in result.stderr
    assert "Traceback" not in result.stderr


def test_cli_unknown_locale_in_pyproject_names_the_file(repo: Path) -> None:
    """An unknown locale in [tool.accord] is reported against pyproject.toml."""
    (repo / "pyproject.toml").write_text(
        '[tool.accord]\nlocales = ["de", "zz"]\n', encoding="utf-8"
    )
    result = accord(repo, "sync")
    assert result.returncode == 2
    assert "pyproject.toml:2: unknown locale code 'zz'" in result.stderr


@pytest.mark.parametrize("slug", ["../../etc/passwd", "..", "a/../../b", ".hidden"])
def test_cli_slug_leaving_the_repository_is_refused(repo: Path, slug: str) -> None:
    """--article with a path instead of a slug is refused with exit 2."""
    result = accord(repo, "sync", "--article", slug)
    assert result.returncode == 2
    assert "invalid article slug" in result.stderr


def test_cli_malformed_po_exits_2_and_keeps_file(repo: Path) -> None:
    """A malformed PO file: exit 2, path:line, file untouched."""
    accord(repo, "sync")
    path = repo / "locales" / "fr" / "corridor.po"
    path.write_text('msgid "a"\nmsgstr "b"\nmsgstr "c"\n', encoding="utf-8")
    result = accord(repo, "sync")
    assert result.returncode == 2
    assert "locales/fr/corridor.po:3:" in result.stderr
    assert path.read_text(encoding="utf-8") == 'msgid "a"\nmsgstr "b"\nmsgstr "c"\n'
