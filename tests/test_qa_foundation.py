"""Bad input on the way from articles to PO files to the build: exit 2, a location, nothing lost."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from tests.helpers import ARTICLE, accord, make_repo

from accord.catalog.pofile import format_po, read_po
from accord.config import load_config
from accord.errors import ConfigError
from accord.source.segment import rebuild_article
from accord.workspace import discover_articles


def translate_all(path: Path) -> None:
    """Fill every msgstr of ``path`` with its msgid, as a translator would."""
    catalog = read_po(path)
    for entry in catalog.messages():
        entry.msgstr = entry.msgid
    path.write_text(format_po(catalog), encoding="utf-8")


def test_sync_reports_a_malformed_po_file_once(tmp_path: Path) -> None:
    """A PO file with a syntax error is reported once, with its line, and left as it is."""
    root = make_repo(tmp_path / "repo")
    assert accord(root, "sync").returncode == 0
    po = root / "locales" / "fr" / "corridor.po"
    broken = po.read_text(encoding="utf-8").replace('msgstr ""\n\n#', 'msgstr "x\n\n#', 1)
    po.write_text(broken, encoding="utf-8")

    run = accord(root, "sync")

    assert run.returncode == 2
    errors = [line for line in run.stderr.splitlines() if "corridor.po" in line]
    assert len(errors) == 1, run.stderr
    assert errors[0].startswith("accord: locales/fr/corridor.po:")
    assert "Traceback" not in run.stderr
    assert po.read_text(encoding="utf-8") == broken


def test_build_keeps_a_built_article_whose_po_file_became_unreadable(tmp_path: Path) -> None:
    """A malformed PO file makes the build exit 2 without deleting that article's last build."""
    articles = {slug: ARTICLE.format(slug=slug) for slug in ("corridor", "treaty")}
    root = make_repo(tmp_path / "repo", locales=["fr"], articles=articles)
    assert accord(root, "sync").returncode == 0
    for slug in articles:
        translate_all(root / "locales" / "fr" / f"{slug}.po")
    po = root / "locales" / "fr" / "corridor.po"
    assert accord(root, "build").returncode == 0
    built = root / "build" / "site" / "fr" / "corridor.md"
    before = built.read_text(encoding="utf-8")
    po.write_bytes(po.read_bytes().replace(b"Rasht", b"R\xe4sht"))

    run = accord(root, "build")

    assert run.returncode == 2
    assert "locales/fr/corridor.po:" in run.stderr
    assert "removed" not in run.stdout
    assert built.read_text(encoding="utf-8") == before


def test_a_symlinked_source_outside_the_repository_is_refused(tmp_path: Path) -> None:
    """A source that is a symlink to a file outside the repository is bad input, not content."""
    root = make_repo(tmp_path / "repo")
    secret = tmp_path / "secret.md"
    secret.write_text("Not for publication.\n", encoding="utf-8")
    (root / "sources" / "en" / "leak.md").symlink_to(secret)

    run = accord(root, "sync")

    assert run.returncode == 2
    assert "accord: sources/en/leak.md" in run.stderr
    assert "outside the repository" in run.stderr
    assert not (root / "locales" / "fr" / "leak.po").exists()


def test_a_source_symlinked_out_of_the_repository_skips_only_itself(tmp_path: Path) -> None:
    """Every task goes on past a source linked out of the repository: the rest is done, exit 2."""
    root = make_repo(tmp_path / "repo")
    secret = tmp_path / "secret.md"
    secret.write_text("# Secret\n\nNot for publication.\n", encoding="utf-8")
    (root / "sources" / "en" / "leak.md").symlink_to(secret)

    runs = {task: accord(root, task) for task in ("sync", "check", "report", "build")}

    for task, run in runs.items():
        assert run.returncode == 2, task
        assert "sources/en/leak.md" in run.stderr, task
        assert "Traceback" not in run.stderr, task
    assert (root / "locales" / "fr" / "corridor.po").is_file()
    assert not (root / "locales" / "fr" / "leak.po").exists()
    assert (root / "build" / "reports" / "index.html").is_file()
    assert "corridor" in (root / "build" / "reports" / "index.html").read_text(encoding="utf-8")


def test_a_symlinked_source_inside_the_repository_still_works(tmp_path: Path) -> None:
    """A symlink to another file of the repository is followed as before."""
    root = make_repo(tmp_path / "repo")
    shared = root / "shared"
    shared.mkdir()
    (shared / "alias.md").write_text(ARTICLE.format(slug="alias"), encoding="utf-8")
    (root / "sources" / "en" / "alias.md").symlink_to(shared / "alias.md")

    assert [a.slug for a in discover_articles(load_config(root))] == ["alias", "corridor"]


def test_a_bogus_locale_folder_is_named_in_the_error(tmp_path: Path) -> None:
    """With locales taken from the folders, an unknown code names its folder, not pyproject."""
    root = tmp_path / "repo"
    (root / "locales" / "fr").mkdir(parents=True)
    (root / "locales" / "xx").mkdir()

    with pytest.raises(ConfigError) as raised:
        load_config(root)
    assert raised.value.path == "locales/xx"
    assert "'xx'" in raised.value.message

    run = accord(root, "sync")
    assert run.returncode == 2
    assert "accord: locales/xx: unknown locale code 'xx'" in run.stderr


def test_hidden_folders_under_locales_are_not_locales(tmp_path: Path) -> None:
    """Dot-folders (editor and tool state) under locales/ are not taken for locales."""
    root = tmp_path / "repo"
    for name in ("fr", ".tx", "__pycache__"):
        (root / "locales" / name).mkdir(parents=True)

    assert load_config(root).locales == ("fr",)


def test_a_configured_sources_folder_that_is_missing_is_an_error(tmp_path: Path) -> None:
    """A misspelt ``sources`` setting is a configuration error, not 'every article is gone'."""
    root = make_repo(tmp_path / "repo")
    assert accord(root, "sync").returncode == 0
    pyproject = root / "pyproject.toml"
    pyproject.write_text(pyproject.read_text() + 'sources = "source"\n', encoding="utf-8")

    with pytest.raises(ConfigError, match="sources: no folder 'source'"):
        discover_articles(load_config(root))
    run = accord(root, "sync")
    assert run.returncode == 2
    assert "its article is gone" not in run.stdout


COPIED_KEYS = """\
---
# House style: keep the date in UTC.
title: The corridor opens
date: 2024-03-04T10:20:30Z
zip: 01234
version: 1.10
draft: no
lang: en
tags:
  - transport   # first tag
  - Iran
extra:
  when: 2024-01-01
---

Body text.
"""


def test_build_copies_untranslated_front_matter_keys_as_written(tmp_path: Path) -> None:
    """Copied keys keep their source text: YAML 1.1 re-dumping would turn 01234 into 668."""
    root = make_repo(tmp_path / "repo", locales=["fr"], articles={"keys": COPIED_KEYS})
    assert accord(root, "sync").returncode == 0
    po = root / "locales" / "fr" / "keys.po"
    catalog = read_po(po)
    for entry in catalog.messages():
        entry.msgstr = "FR " + entry.msgid
    po.write_text(format_po(catalog), encoding="utf-8")

    assert accord(root, "build").returncode == 0

    built = (root / "build" / "site" / "fr" / "keys.md").read_text(encoding="utf-8")
    for line in COPIED_KEYS.splitlines()[1:]:
        if line.startswith(("title", "lang", "tags", "  - ", "---")):
            continue
        assert line + "\n" in built, line
    data = yaml.safe_load(built.split("---\n")[1])
    assert data["title"] == "FR The corridor opens"
    assert data["tags"] == ["FR transport", "FR Iran"]
    assert data["lang"] == "fr"
    assert data["zip"] == 668  # what the source itself says, read as YAML 1.1
    assert data["translation_of"] == "sources/en/keys.md"
    assert built.endswith("---\n\nFR Body text.\n")


def test_a_multi_line_translated_value_is_written_as_a_block() -> None:
    """A multi-line msgstr for ``summary`` comes out as a ``|`` block, not a quoted string."""
    text = "---\ntitle: T\nsummary: |\n  One\n  two\n---\n\nBody.\n"
    out = rebuild_article(
        text,
        "sources/en/a.md",
        lambda s: "Un\ndeux\n" if s.msgctxt == "front-matter:summary" else None,
    )
    assert out == "---\ntitle: T\nsummary: |\n  Un\n  deux\n---\n\nBody.\n"


def test_slugs_that_differ_only_in_case_are_duplicates(tmp_path: Path) -> None:
    """Corridor.md and corridor.md would share one PO file on macOS and Windows: one is refused."""
    root = make_repo(tmp_path / "repo")
    german = root / "sources" / "de"
    german.mkdir()
    (german / "Corridor.md").write_text("Der Korridor.\n", encoding="utf-8")

    run = accord(root, "sync")

    assert run.returncode == 2
    expected = (
        "sources/en/corridor.md: slug 'corridor' differs only in case from 'Corridor' "
        "in sources/de/Corridor.md"
    )
    assert f"accord: {expected}" in run.stderr
    assert not (root / "locales" / "fr" / "corridor.po").exists()


def test_hidden_files_and_folders_under_sources_are_not_articles(tmp_path: Path) -> None:
    """An editor's lock file (.#corridor.md) or state folder (.obsidian/) does not stop sync."""
    root = make_repo(tmp_path / "repo")
    (root / "sources" / ".obsidian").mkdir()
    (root / "sources" / "en" / ".#corridor.md").write_text("lock\n", encoding="utf-8")

    assert [a.slug for a in discover_articles(load_config(root))] == ["corridor"]


def test_an_unconfigured_locale_is_refused_not_created(tmp_path: Path) -> None:
    """``--locale it`` in a repository translating into de and fr starts no locales/it/."""
    root = make_repo(tmp_path / "repo")

    run = accord(root, "sync", "--locale", "it")

    assert run.returncode == 2
    assert "locale 'it' is not a target locale (configured: de, fr)" in run.stderr
    assert not (root / "locales" / "it").exists()
    assert accord(root, "sync", "--locale", "fr").returncode == 0


@pytest.mark.parametrize(
    ("pyproject", "message"),
    [
        (b"[tool.accord]\n# caf\xe9\n", "pyproject.toml:2: not valid UTF-8"),
        (b'[tool.accord]\nlocales = ["fr"\n', "pyproject.toml:2: invalid TOML: Unclosed array"),
        (b"[tool.accord]\nx = = 1\n", "pyproject.toml:2: invalid TOML: Invalid value"),
        (
            b'[project]\nname = "x"\n\n[tool.accord]\nlocales = [\n  "fr",\n  "zz",\n]\n',
            "pyproject.toml:7: unknown locale code 'zz'",
        ),
        (
            b'[tool.accord]\nlocales = ["fr"]\nthreshold = 2\n',
            "pyproject.toml:3: [tool.accord] threshold: expected a number from 0 to 1",
        ),
        (b"[tool.accord]\n\nbogus = 1\n", "pyproject.toml:3: [tool.accord]: unknown key 'bogus'"),
        (
            b'[tool.accord.engines.libre]\nurl = "http://127.0.0.1:9/"\ntimeout = -1\n',
            "pyproject.toml:3: [tool.accord.engines.libre] timeout: expected a number > 0",
        ),
    ],
)
def test_a_bad_pyproject_is_reported_with_its_line(
    tmp_path: Path, pyproject: bytes, message: str
) -> None:
    """Settings errors say ``pyproject.toml:LINE: message``, never a traceback."""
    root = make_repo(tmp_path / "repo")
    (root / "pyproject.toml").write_bytes(pyproject)

    run = accord(root, "sync")

    assert run.returncode == 2
    assert f"accord: {message}" in run.stderr
    assert "Traceback" not in run.stderr


@pytest.mark.parametrize("jobs", ["abc", "0", "-3", "1.5"])
def test_a_bad_jobs_value_is_a_usage_error(tmp_path: Path, jobs: str) -> None:
    """``sync --jobs abc`` exits 2 with a message instead of a ValueError traceback."""
    root = make_repo(tmp_path / "repo")

    run = accord(root, "sync", "--jobs", jobs)

    assert run.returncode == 2
    assert f"accord: --jobs: expected a whole number of processes ≥ 1, not '{jobs}'" in run.stderr
    assert "Traceback" not in run.stderr
    assert not (root / "locales").exists()


def test_sync_does_not_start_a_locale_for_a_source_language(tmp_path: Path) -> None:
    """``sync --locale de`` with German sources but only fr configured creates no locales/de/."""
    root = make_repo(tmp_path / "repo", locales=["fr"])
    (root / "sources" / "de").mkdir()
    (root / "sources" / "de" / "korridor.md").write_text("Der Korridor.\n", encoding="utf-8")

    run = accord(root, "sync", "--locale", "de")

    assert run.returncode == 2
    assert "locale 'de' is not a target locale (configured: fr)" in run.stderr
    assert not (root / "locales" / "de").exists()


def test_a_translated_anchor_keeps_its_aliases_valid() -> None:
    """``title: &t …`` reused as ``og_title: *t`` still parses once the title is translated."""
    text = "---\ntitle: &t Hello\nog_title: *t\n---\n\nBody.\n"
    out = rebuild_article(text, "sources/en/a.md", lambda s: "Bonjour" if s.msgctxt else None)
    data = yaml.safe_load(out.split("---\n")[1])
    assert data == {"title": "Bonjour", "og_title": "Hello"}


def test_a_lock_file_linked_out_of_the_repository_is_refused(tmp_path: Path) -> None:
    """A symlink at build/cache/accord.lock: exit 2 naming it, nothing created where it leads."""
    root = make_repo(tmp_path / "repo")
    (root / "build" / "cache").mkdir(parents=True)
    target = tmp_path / "outside" / "taken.lock"
    target.parent.mkdir()
    (root / "build" / "cache" / "accord.lock").symlink_to(target)

    run = accord(root, "sync")

    assert run.returncode == 2, run.stderr
    assert "build/cache/accord.lock" in run.stderr
    assert "Traceback" not in run.stderr
    assert not target.exists()
