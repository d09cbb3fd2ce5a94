"""Compare-and-swap writes: a translator's save made while a task runs is never overwritten.

Each race is reproduced deterministically: ``casfile.before_swap`` (called after a
task wrote its new file aside and before it checks and renames) saves the PO file
as an editor would, exactly once.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from invoke import Context

from accord.catalog import casfile, pofile
from accord.config import load_config
from accord.fsutil import sweep_temporaries
from accord.mt.engines.retry import RetryPolicy
from accord.steps.sync import sync_project
from accord.steps.translate import plan_translation, run_translation
from accord.tasks.conventions import Exit
from accord.tasks.translate import project_glossary
from accord.workspace import discover_articles
from helpers import make_repo, msgfmt_check
from servers import FakeProvider

pytest_plugins = ["servers.fixtures"]

ARTICLE = "# Title\n\nFirst paragraph.\n\nSecond paragraph.\n"


def save_once(monkeypatch: pytest.MonkeyPatch, path: Path, edit: Callable[[str], str]) -> list[str]:
    """Make the next compare-and-swap of ``path`` find it saved by a person; returns the saves."""
    saves: list[str] = []
    real = casfile.before_swap

    def person_saves(target: Path) -> None:
        if target == path and not saves:
            text = edit(path.read_text(encoding="utf-8") if path.exists() else "")
            path.write_text(text, encoding="utf-8")
            saves.append(text)
        real(target)

    monkeypatch.setattr(casfile, "before_swap", person_saves)
    return saves


def translate_entry(text: str, msgid: str, msgstr: str) -> str:
    """``text`` with the msgstr of ``msgid`` set, as an editor saves it."""
    old = f'msgid "{msgid}"\nmsgstr ""'
    assert old in text, text
    return text.replace(old, f'msgid "{msgid}"\nmsgstr "{msgstr}"')


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob(".*.tmp"))


def test_replace_if_unchanged_refuses_a_file_saved_since_it_was_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The write raises ChangedOnDiskError, keeps the person's bytes and leaves no temporary."""
    path = tmp_path / "x.po"
    path.write_text("old\n", encoding="utf-8")
    _, seen = casfile.read_seen(path)
    save_once(monkeypatch, path, lambda _text: "person\n")
    with pytest.raises(casfile.ChangedOnDiskError, match="not overwritten"):
        casfile.replace_if_unchanged(path, b"accord\n", seen)
    assert path.read_text(encoding="utf-8") == "person\n"
    assert leftovers(tmp_path) == []


def test_same_size_and_mtime_but_other_bytes_is_a_change(tmp_path: Path) -> None:
    """The hash catches a save of equal size within the clock's resolution."""
    path = tmp_path / "x.po"
    path.write_text("aaaa\n", encoding="utf-8")
    _, seen = casfile.read_seen(path)
    info = path.stat()
    path.write_text("bbbb\n", encoding="utf-8")
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert not casfile.unchanged(path, seen)


def test_sync_merges_again_from_a_file_saved_during_the_sync(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """sync finds the save just before its rename, merges the new file and keeps both."""
    make_repo(tmp_path, ["de"], {"story": ARTICLE})
    config = load_config(tmp_path)
    sync_project(config, jobs=1)
    po = tmp_path / "locales" / "de" / "story.po"
    (tmp_path / "sources/en/story.md").write_text(ARTICLE + "\nThird paragraph.\n")
    saves = save_once(
        monkeypatch, po, lambda t: translate_entry(t, "First paragraph.", "Erster Absatz.")
    )
    result = sync_project(load_config(tmp_path), jobs=1)
    assert saves
    assert not result.errors
    catalog = pofile.read_po(po)
    first = catalog.find("First paragraph.", None)
    assert first is not None
    assert first.msgstr == "Erster Absatz."
    assert catalog.find("Third paragraph.", None) is not None
    msgfmt_check(po)
    assert leftovers(tmp_path / "locales") == []


def test_sync_creating_a_file_someone_just_created_keeps_theirs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A PO file that appears while sync creates it is merged, not replaced."""
    make_repo(tmp_path, ["de"], {"story": ARTICLE})
    po = tmp_path / "locales" / "de" / "story.po"
    po.parent.mkdir(parents=True)
    theirs = (
        'msgid ""\nmsgstr ""\n"Language: de\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "First paragraph."\nmsgstr "Mein Absatz."\n'
    )
    save_once(monkeypatch, po, lambda _t: theirs)
    result = sync_project(load_config(tmp_path), jobs=1)
    assert not result.errors
    first = pofile.read_po(po).find("First paragraph.", None)
    assert first is not None
    assert first.msgstr == "Mein Absatz."


def test_sync_reports_a_file_that_keeps_changing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file saved before every one of sync's attempts is a conflict, reported, never written."""
    make_repo(tmp_path, ["de"], {"story": ARTICLE})
    sync_project(load_config(tmp_path), jobs=1)
    po = tmp_path / "locales" / "de" / "story.po"
    (tmp_path / "sources/en/story.md").write_text(ARTICLE + "\nThird paragraph.\n")
    count = [0]

    def always(target: Path) -> None:
        count[0] += 1
        po.write_text(po.read_text(encoding="utf-8") + f"\n# save {count[0]}\n", encoding="utf-8")

    monkeypatch.setattr(casfile, "before_swap", always)
    result = sync_project(load_config(tmp_path), jobs=1)
    assert [e.path for e in result.errors] == ["locales/de/story.po"]
    assert "keeps changing" in str(result.errors[0])
    assert po.read_text(encoding="utf-8").endswith(f"# save {casfile.ATTEMPTS}\n")
    assert "Third paragraph." not in po.read_text(encoding="utf-8")


def test_translate_reapplies_its_output_to_a_file_saved_during_the_save(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, provider: FakeProvider
) -> None:
    """Machine output lands in the person's new file; the person's translation stays."""
    make_repo(tmp_path, ["de"], {"story": ARTICLE})
    with (tmp_path / "pyproject.toml").open("a", encoding="utf-8") as handle:
        handle.write(f'[tool.accord.translate]\nengine = "libre"\n'
                     f'[tool.accord.engines.libre]\nurl = "{provider.url}"\nretries = 0\n')
    config = load_config(tmp_path)
    sync_project(config, jobs=1)
    po = tmp_path / "locales" / "de" / "story.po"
    saves = save_once(
        monkeypatch, po, lambda t: translate_entry(t, "First paragraph.", "Erster Absatz.")
    )
    plan = plan_translation(config, ["de"], discover_articles(config))
    summary = run_translation(config, plan, project_glossary(config), env={},
                              policy=RetryPolicy(sleep=lambda s: None))
    assert saves
    assert not summary.errors, summary.errors
    catalog = pofile.read_po(po)
    first, second = catalog.find("First paragraph.", None), catalog.find("Second paragraph.", None)
    assert first is not None
    assert first.msgstr == "Erster Absatz."
    assert not first.fuzzy
    assert second is not None
    assert second.msgstr
    msgfmt_check(po)


def test_approve_reports_a_conflict_and_keeps_the_save(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """review.approve of a file saved meanwhile writes nothing and says so (exit 2)."""
    from accord.tasks.review import approve  # noqa: PLC0415 (imports the task collection)

    make_repo(tmp_path, ["de"], {"story": ARTICLE})
    sync_project(load_config(tmp_path), jobs=1)
    po = tmp_path / "locales" / "de" / "story.po"
    po.write_text(translate_entry(po.read_text(encoding="utf-8"), "Title", "Titel"))
    saves = save_once(
        monkeypatch, po, lambda t: translate_entry(t, "First paragraph.", "Erster Absatz.")
    )
    monkeypatch.chdir(tmp_path)
    with pytest.raises(Exit) as caught:
        approve(Context(), "de", "story", all_clean=True, by="Rev")
    assert caught.value.code == 2
    assert po.read_text(encoding="utf-8") == saves[0]


def test_check_fix_fixes_the_file_saved_during_the_fix(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """check --fix re-reads a file saved meanwhile, keeps that save and fixes it again."""
    from accord.glossary import load_glossary  # noqa: PLC0415
    from accord.steps.fix import fix_repository  # noqa: PLC0415

    make_repo(tmp_path, ["de"], {"story": "# Alliance\n\nThe alliance.\n\nSecond paragraph.\n"})
    (tmp_path / "glossary").mkdir()
    (tmp_path / "glossary" / "t.yaml").write_text(
        "- id: alliance\n  kind: term\n  terms: {en: [alliance], de: [Bündnis]}\n"
        "  forbidden: {de: [Allianz]}\n", encoding="utf-8")
    config = load_config(tmp_path)
    sync_project(config, jobs=1)
    po = tmp_path / "locales" / "de" / "story.po"
    po.write_text(translate_entry(po.read_text(encoding="utf-8"), "The alliance.",
                                  "Die Allianz."), encoding="utf-8")
    save_once(monkeypatch, po,
              lambda t: translate_entry(t, "Second paragraph.", "Zweiter Absatz."))
    fix_repository(config, ["de"], discover_articles(config), load_glossary(config.glossary_dir))
    catalog = pofile.read_po(po)
    fixed, saved = catalog.find("The alliance.", None), catalog.find("Second paragraph.", None)
    assert fixed is not None
    assert fixed.msgstr == "Die Bündnis."
    assert fixed.fuzzy
    assert saved is not None
    assert saved.msgstr == "Zweiter Absatz."


def test_temporaries_of_a_killed_run_are_swept(tmp_path: Path) -> None:
    """``.x.po.XXXXXXXX.tmp`` files go; a person's own dot-file stays."""
    folder = tmp_path / "locales" / "de"
    folder.mkdir(parents=True)
    (folder / ".story.po.ab12cd34.tmp").write_bytes(b"")
    (folder / ".notes.tmp").write_text("mine")
    removed = sweep_temporaries(tmp_path / "locales")
    assert [p.name for p in removed] == [".story.po.ab12cd34.tmp"]
    assert (folder / ".notes.tmp").exists()


def _stale_saves(monkeypatch: pytest.MonkeyPatch, path: Path, times: int) -> list[int]:
    """After each of Accord's first ``times`` writes of ``path``, an editor saves the copy
    it loaded before the run (its buffer lacks the machine output); returns the count."""
    stale = path.read_text(encoding="utf-8")
    done: list[int] = []
    real = casfile.replace_if_unchanged

    def write_then_editor_saves(target: Path, data: bytes, expected: casfile.Seen):  # type: ignore[no-untyped-def]
        result = real(target, data, expected)
        if target == path and len(done) < times:
            path.write_text(stale, encoding="utf-8")
            done.append(1)
        return result

    monkeypatch.setattr(casfile, "replace_if_unchanged", write_then_editor_saves)
    return done


def _translate_story(tmp_path: Path, provider: FakeProvider):  # type: ignore[no-untyped-def]
    make_repo(tmp_path, ["de"], {"story": ARTICLE})
    with (tmp_path / "pyproject.toml").open("a", encoding="utf-8") as handle:
        handle.write(f'[tool.accord.translate]\nengine = "libre"\n'
                     f'[tool.accord.engines.libre]\nurl = "{provider.url}"\nretries = 0\n')
    config = load_config(tmp_path)
    sync_project(config, jobs=1)
    return config, tmp_path / "locales" / "de" / "story.po"


def test_translate_saves_again_over_an_editor_saving_a_stale_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, provider: FakeProvider
) -> None:
    """A stale save made after translate wrote the file does not undo the run's output."""
    config, po = _translate_story(tmp_path, provider)
    saves = _stale_saves(monkeypatch, po, times=1)
    plan = plan_translation(config, ["de"], discover_articles(config))
    summary = run_translation(config, plan, project_glossary(config), env={},
                              policy=RetryPolicy(sleep=lambda s: None))
    assert saves
    assert not summary.errors, summary.errors
    catalog = pofile.read_po(po)
    assert all(catalog.find(m, None).msgstr for m in ("First paragraph.", "Second paragraph."))  # type: ignore[union-attr]
    msgfmt_check(po)


def test_translate_reports_output_undone_by_saves_it_cannot_outlast(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, provider: FakeProvider
) -> None:
    """When every write is followed by a stale save, the run says so instead of succeeding."""
    config, po = _translate_story(tmp_path, provider)
    _stale_saves(monkeypatch, po, times=100)
    plan = plan_translation(config, ["de"], discover_articles(config))
    summary = run_translation(config, plan, project_glossary(config), env={},
                              policy=RetryPolicy(sleep=lambda s: None))
    undone = "locales/de/story.po: 3 machine translation(s) undone"
    assert any(undone in e for e in summary.errors), summary.errors
