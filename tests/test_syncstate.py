"""The sync state: incremental work gives what a sync from scratch gives, reading only changes."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from tests.helpers import ARTICLE, accord, make_repo

from accord.catalog.pofile import format_po, read_po
from accord.config import load_config
from accord.merge.memory import TranslationMemory, contributions
from accord.steps.status import collect_status
from accord.steps.sync import sync_project
from accord.steps.syncmemory import stored_memory
from accord.steps.syncstate import LocaleState, state_path
from accord.workspace import discover_articles


def po_tree(repo: Path) -> dict[str, bytes]:
    """Every PO file's bytes by path."""
    return {str(p.relative_to(repo)): p.read_bytes() for p in sorted(repo.rglob("*.po"))}


def translate(path: Path, prefix: str, every: int = 1) -> None:
    """Play a translator: fill every ``every``-th entry."""
    catalog = read_po(path)
    for n, entry in enumerate(catalog.messages()):
        if n % every == 0:
            entry.msgstr = prefix + entry.msgid
    path.write_text(format_po(catalog), encoding="utf-8")


def test_incremental_syncs_equal_a_sync_from_scratch(tmp_path: Path) -> None:
    """After edits to sources and PO files, the incremental result is the from-scratch one."""
    articles = {f"a{n}": ARTICLE.format(slug=f"a{n}") for n in range(4)}
    repo = make_repo(tmp_path / "repo", articles=articles)
    config = load_config(repo)
    sync_project(config)
    translate(repo / "locales" / "de" / "a2.po", "B:", every=2)
    sync_project(config)
    translate(repo / "locales" / "de" / "a3.po", "C:")
    source = repo / "sources" / "en" / "a1.md"
    source.write_text(source.read_text().replace("Rasht is in Iran.", "Rasht is a city."))
    (repo / "sources" / "en" / "a0.md").unlink()
    (repo / "sources" / "en" / "b.md").write_text(ARTICLE.format(slug="b"), encoding="utf-8")
    sync_project(config)
    incremental = po_tree(repo)
    shutil.rmtree(config.cache_dir)
    sync_project(config)
    assert po_tree(repo) == incremental
    assert read_po(repo / "locales" / "de" / "b.po").find("Rasht is in Iran.").msgstr == (
        "B:Rasht is in Iran."
    )


def test_stored_memory_answers_as_one_built_from_every_file(tmp_path: Path) -> None:
    """Each lookup in the stored memory gives what TranslationMemory.build gives."""
    articles = {f"a{n}": ARTICLE.format(slug=f"a{n}") for n in range(3)}
    repo = make_repo(tmp_path / "repo", articles=articles)
    config = load_config(repo)
    sync_project(config)
    for n, path in enumerate(sorted((repo / "locales" / "fr").glob("*.po"))):
        translate(path, f"{n}:", every=n + 1)
    state = LocaleState(state_path(config.cache_dir, "fr"))
    catalogs = [read_po(p) for p in sorted((repo / "locales" / "fr").glob("*.po"))]
    for path, catalog in zip(sorted((repo / "locales" / "fr").glob("*.po")), catalogs,
                             strict=True):
        state.remember(path.stem, contributions(catalog))
    built, stored = TranslationMemory.build(catalogs), stored_memory(state)
    msgids = {e.msgid for c in catalogs for e in c.messages()}
    try:
        for msgid in msgids:
            assert stored.lookup(msgid, source_lang="en") == built.lookup(msgid, source_lang="en")
    finally:
        state.close()
    assert any(built.lookup(m, source_lang="en") for m in msgids)


def test_noop_sync_reads_no_po_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A sync with nothing changed neither reads nor writes a PO file."""
    repo = make_repo(tmp_path / "repo")
    config = load_config(repo)
    sync_project(config)
    import accord.steps.sync  # noqa: PLC0415

    def refuse(*args: object) -> None:
        raise AssertionError("a PO file was read")

    from accord.catalog import casfile  # noqa: PLC0415

    monkeypatch.setattr(casfile, "read_po", refuse)
    monkeypatch.setattr(accord.steps.sync, "read_catalog", refuse)
    result = sync_project(config)
    assert result.written == []
    assert result.unchanged == 2



def test_suggestions_come_from_the_whole_stored_memory(tmp_path: Path) -> None:
    """A new segment close to one translated elsewhere gets msgmerge -C's fuzzy suggestion,
    whether the memory was just read from the PO files or comes from the stored state."""
    articles = {"a": ARTICLE.format(slug="a")}
    repo = make_repo(tmp_path / "repo", articles=articles)
    config = load_config(repo)
    sync_project(config)
    translate(repo / "locales" / "de" / "a.po", "T:")
    sync_project(config)  # the memory now holds a's translations
    new = ARTICLE.format(slug="b").replace("Rasht is in Iran.", "Rasht is in Iran too.")
    (repo / "sources" / "en" / "b.md").write_text(new, encoding="utf-8")
    sync_project(config)
    incremental = po_tree(repo)
    shutil.rmtree(config.cache_dir)
    sync_project(config)
    assert po_tree(repo) == incremental
    assert "T:Rasht is in Iran." in (repo / "locales" / "de" / "b.po").read_text("utf-8")


def test_status_knows_a_stale_source_with_or_without_the_cache(tmp_path: Path) -> None:
    """status marks an article stale when its source changed since sync, cache or not."""
    repo = make_repo(tmp_path / "repo")
    config = load_config(repo)
    sync_project(config)
    source = repo / "sources" / "en" / "corridor.md"

    def stale() -> list[bool]:
        report = collect_status(config, ["de", "fr"], discover_articles(config))
        return [a.stale for loc in report.locales for a in loc.articles]

    assert stale() == [False, False]
    source.write_text(source.read_text().replace("Rasht is in Iran.", "Rasht is a city."))
    assert stale() == [True, True]
    shutil.rmtree(config.cache_dir)
    assert stale() == [True, True]


def test_status_table_names_locales_as_babel_does_with_or_without_the_cache(
    tmp_path: Path,
) -> None:
    """status prints babel's display names, remembered in build/cache after the first run."""
    repo = make_repo(tmp_path / "repo")
    sync_project(load_config(repo))
    first = accord(repo, "status").stdout
    assert "de (German)" in first
    assert "fr (French)" in first
    assert (repo / "build" / "cache" / "display-names.json").is_file()
    assert accord(repo, "status").stdout == first


def test_a_fresh_checkout_is_no_edit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """PO files with new mtimes but the bytes sync left (a fresh clone with build/cache
    restored) are neither parsed nor merged again; the next sync is a no-op too."""
    repo = make_repo(tmp_path / "repo")
    config = load_config(repo)
    sync_project(config)
    for path in sorted((repo / "locales").rglob("*.po")):
        os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))
    from accord.catalog import casfile  # noqa: PLC0415

    def refuse(*args: object) -> None:
        raise AssertionError("a PO file was parsed")

    monkeypatch.setattr(casfile, "read_po", refuse)
    result = sync_project(config)
    assert result.written == []
    assert result.unchanged == 2
    assert sync_project(config).unchanged == 2


def test_same_size_other_bytes_is_an_edit(tmp_path: Path) -> None:
    """A PO file edited to other bytes of the same size is read and merged as an edit."""
    repo = make_repo(tmp_path / "repo")
    config = load_config(repo)
    sync_project(config)
    path = sorted((repo / "locales").rglob("*.po"))[0]
    text = path.read_text(encoding="utf-8")
    head, _, tail = text.rpartition('msgstr ""\n')
    assert not tail
    assert "Last-Translator: \\n" in head
    edited = head.replace("Last-Translator: \\n", "Last-Translator:\\n", 1) + 'msgstr "x"\n'
    assert len(edited.encode()) == len(text.encode())
    path.write_text(edited, encoding="utf-8")
    sync_project(config)
    assert 'msgstr "x"' in path.read_text(encoding="utf-8")
