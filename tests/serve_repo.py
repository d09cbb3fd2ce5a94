"""A small content repository for the workbench tests: one article, German, a glossary, git."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from accord.catalog.pofile import read_po, write_po
from accord.config import load_config
from accord.ids import segment_id
from accord.serve.server import Served, serving

ARTICLE = """\
---
title: The alliance
---
# Talks on the alliance

The alliance is strong.

Russia and Iran signed a treaty.

Officials met in Moscow today.

A new paragraph about the corridor.
"""

GLOSSARY = """\
- id: alliance
  kind: term
  terms: {en: [alliance], de: [Bündnis]}
  forbidden: {de: [Allianz]}
"""

TRANSLATIONS = {
    "The alliance": "Das Bündnis",
    "Talks on the alliance": "Gespräche über das Bündnis",
    "The alliance is strong.": "Die Allianz ist stark.",  # forbidden variant: fix suggested
    "Russia and Iran signed a treaty.": "Russland und Iran unterzeichneten einen Vertrag.",
    "A new paragraph about the corridor.": "Ein neuer Absatz über den Korridor.",
}  # "Officials met in Moscow today." stays untranslated

REVIEWER = "Rita Reviewer"  # git's user.name in the repository

SEG = {msgid: segment_id(msgid) for msgid in [*TRANSLATIONS, "Officials met in Moscow today."]}
SEG["The alliance"] = segment_id("The alliance", "front-matter:title")


def environment(root: Path) -> dict[str, str]:
    """The environment for git and accord: no user-wide git settings, no API keys."""
    env = {k: v for k, v in os.environ.items() if not k.endswith("_API_KEY")}
    env.update(USER="nobody", GIT_CONFIG_NOSYSTEM="1", GIT_CONFIG_GLOBAL=os.devnull,
               HOME=str(root), PYTHONIOENCODING="utf-8")
    return env


def accord(root: Path, *args: str) -> str:
    """Run ``accord ARGS`` in ``root``; it must succeed."""
    done = subprocess.run([sys.executable, "-m", "accord", *args], cwd=root,
                          env=environment(root), capture_output=True, text=True, timeout=120,
                          check=False)
    assert done.returncode == 0, f"accord {' '.join(args)}:\n{done.stdout}\n{done.stderr}"
    return done.stdout


def git(root: Path, *args: str) -> None:
    """Run git in ``root``; it must succeed."""
    subprocess.run(["git", *args], cwd=root, env=environment(root), check=True,
                   capture_output=True, timeout=60)


def make_repo(root: Path, article: str = ARTICLE,
              translations: dict[str, str] | None = None) -> Path:
    """The repository, synced, with a translator's work in locales/de/a.po, committed to git."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "pyproject.toml").write_text(textwrap.dedent("""\
        [tool.accord]
        locales = ["de"]
        """), encoding="utf-8")
    (root / "sources" / "en").mkdir(parents=True)
    (root / "sources" / "en" / "a.md").write_text(article, encoding="utf-8")
    (root / "glossary").mkdir()
    (root / "glossary" / "terms.yaml").write_text(GLOSSARY, encoding="utf-8")
    accord(root, "sync")
    path = po_file(root)
    catalog = read_po(path)
    for entry in catalog.messages():
        text = (TRANSLATIONS if translations is None else translations).get(entry.msgid)
        if text is not None:
            entry.msgstr = text
            entry.fuzzy = False
    write_po(path, catalog)
    git(root, "init", "-q")
    git(root, "config", "user.name", REVIEWER)
    git(root, "config", "user.email", "rita@example.org")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "translations")
    return root


def po_file(root: Path) -> Path:
    """``locales/de/a.po``."""
    return root / "locales" / "de" / "a.po"


def states(root: Path) -> dict[str, str]:
    """``accord status --format json``: each segment's state by its source text."""
    data = json.loads(accord(root, "status", "--format", "json"))
    (article,) = data["locales"][0]["articles"]
    return {s["source"]: s["state"] for s in article["segments"]}


def msgstrs(root: Path) -> dict[str, str]:
    """Each segment's msgstr in locales/de/a.po, by its source text."""
    return {e.msgid: e.msgstr for e in read_po(po_file(root)).messages()}


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The workbench test repository (synced, translated, committed), made once."""
    return make_repo(tmp_path_factory.mktemp("template") / "repo")


@pytest.fixture
def repo(template: Path, tmp_path: Path) -> Path:
    """A fresh copy of the test repository, git history included."""
    return Path(shutil.copytree(template, tmp_path / "repo", symlinks=True))


@pytest.fixture
def served(repo: Path) -> Iterator[Served]:
    """The workbench on 127.0.0.1 at a free port, shut down after the test."""
    with serving(load_config(repo)) as running:
        yield running
