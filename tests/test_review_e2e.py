"""A reviewer's day end to end with the real tasks: sync, translate, approve, reject, status."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import polib

from accord.ids import segment_id
from servers import FakeProvider

pytest_plugins = ["servers.fixtures"]

ARTICLE = """\
---
title: Hello world
---
# Talks in Moscow

Russia and Iran signed a treaty.

The alliance is strong.

The foreign minister met in Moscow today.

Hello world with talks.

A new paragraph about the corridor.
"""

GLOSSARY = """\
- id: alliance
  kind: term
  terms: {en: [alliance], de: [Bündnis]}
  forbidden: {de: [Allianz]}
"""

PERSON = {
    ("front-matter:title", "Hello world"): "Hallo Welt",
    (None, "Talks in Moscow"): "Gespräche in Moskau",
    (None, "Russia and Iran signed a treaty."): "Russland und Iran unterzeichneten einen Vertrag.",
    (None, "The alliance is strong."): "Die Allianz ist stark.",  # forbidden variant
    (None, "The foreign minister met in Moscow today."): "Der Außenminister traf heute in Moskau.",
    (None, "A new paragraph about the corridor."): "Ein neuer Absatz über den Korridor.",
}


def accord(root: Path, *args: str) -> str:
    """Run ``accord ARGS`` in ``root``; it must succeed."""
    env = {k: v for k, v in os.environ.items() if not k.endswith("_API_KEY")}
    env.update(USER="nobody", GIT_CONFIG_NOSYSTEM="1", GIT_CONFIG_GLOBAL=os.devnull, HOME=str(root))
    done = subprocess.run([sys.executable, "-m", "accord", *args], cwd=root, env=env,
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, f"accord {' '.join(args)}:\n{done.stdout}\n{done.stderr}"
    return done.stdout


def make_repo(root: Path, url: str) -> None:
    (root / "pyproject.toml").write_text(textwrap.dedent(f"""\
        [tool.accord]
        locales = ["de"]

        [tool.accord.translate]
        engine = "libre"

        [tool.accord.engines.libre]
        url = "{url}"
        timeout = 5
        retries = 1
        """), encoding="utf-8")
    (root / "sources" / "en").mkdir(parents=True)
    (root / "sources" / "en" / "a.md").write_text(ARTICLE, encoding="utf-8")
    (root / "glossary").mkdir()
    (root / "glossary" / "terms.yaml").write_text(GLOSSARY, encoding="utf-8")


def translator_edits(po_path: Path, changes: dict[tuple[str | None, str], str]) -> None:
    """What a translator does in an editor: type msgstrs, clear fuzzy, save (polib's writer)."""
    po = polib.pofile(str(po_path))
    for entry in po:
        text = changes.get((entry.msgctxt, entry.msgid))
        if text is not None:
            entry.msgstr = text
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
    po.save(str(po_path))


def test_reviewer_day(tmp_path: Path, provider: FakeProvider) -> None:
    """Approve clean, reject one, edit another, change the source, sync: every state as expected."""
    make_repo(tmp_path, provider.url)
    po_path = tmp_path / "locales" / "de" / "a.po"
    accord(tmp_path, "sync")
    translator_edits(po_path, PERSON)
    accord(tmp_path, "translate")  # fills the one segment nobody translated

    accord(tmp_path, "review.approve", "de", "a", "--all-clean", "--by", "Rita Reviewer")
    alliance = segment_id("The alliance is strong.")
    accord(tmp_path, "review.reject", "de", "a", "--segment", alliance[:4],
           "--reason", 'Use "Bündnis", never "Allianz".', "--by", "Rita Reviewer")
    minister = "The foreign minister met in Moscow today."
    translator_edits(po_path, {(None, minister): "Heute traf der Außenminister in Moskau."})
    source = tmp_path / "sources" / "en" / "a.md"
    source.write_text(
        ARTICLE.replace("A new paragraph", "A newer paragraph") + "\nA late addition.\n",
        encoding="utf-8",
    )
    before_sync = json.loads(accord(tmp_path, "status", "--format", "json"))
    assert before_sync["locales"][0]["articles"][0]["stale"] is True
    assert "source changed: run sync" in accord(tmp_path, "status")
    accord(tmp_path, "sync")

    data = json.loads(accord(tmp_path, "status", "--format", "json"))
    (article,) = data["locales"][0]["articles"]
    assert article["stale"] is False
    states = {(s["msgctxt"], s["source"]): s["state"] for s in article["segments"]}
    assert states == {
        ("front-matter:title", "Hello world"): "approved",
        (None, "Talks in Moscow"): "approved",
        (None, "Russia and Iran signed a treaty."): "approved",
        (None, "The alliance is strong."): "rejected",
        (None, "The foreign minister met in Moscow today."): "translated",  # edited after approval
        (None, "Hello world with talks."): "machine",
        (None, "A newer paragraph about the corridor."): "fuzzy",  # source changed after approval
        (None, "A late addition."): "untranslated",
    }
    assert article["counts"] == {"untranslated": 1, "machine": 1, "fuzzy": 1, "translated": 1,
                                 "approved": 3, "rejected": 1}
    assert data["locales"][0]["total"] == 8

    history = accord(tmp_path, "status", "--segment", segment_id(minister)[:5])
    assert "[translated]" in history
    assert "translated by a person" in history
    assert "approved by Rita Reviewer  (for an earlier text)" in history
    rejected = accord(tmp_path, "status", "--segment", alliance)
    assert 'rejected by Rita Reviewer: Use "Bündnis", never "Allianz".' in rejected
    machine = accord(tmp_path, "status", "--segment", segment_id("Hello world with talks."))
    assert "translated by machine (libre)" in machine

    table = accord(tmp_path, "status")
    assert table.splitlines()[2].split()[0] == "a"
    subprocess.run(["msgfmt", "--check", "-o", os.devnull, str(po_path)], check=True)
