"""The ``status``, ``review.approve`` and ``review.reject`` tasks on a real content repository."""

from __future__ import annotations

import datetime
import json
import os
import subprocess
import sys
from pathlib import Path

import polib
import pytest

from accord.catalog.pofile import Catalog, Entry, format_po, header_entry, parse_po
from accord.ids import segment_id
from accord.review.state import MarkKind, State, mark_machine, marks_of, state_of

DAY = datetime.date(2026, 11, 25)

SOURCE_A = """\
---
title: The alliance grows
---
# The alliance grows

The alliance grew on Monday.

Read **the treaty** [online](https://example.org/treaty).

A person translated this.

Nobody translated this.
"""

SOURCE_B = """\
---
title: Das Bündnis
---
Das Bündnis wächst.
"""

GLOSSARY = """\
- id: alliance
  kind: term
  terms: {en: [alliance], de: [Bündnis], fr: [alliance]}
  forbidden: {de: [Allianz]}
"""


def run_accord(root: Path, *args: str, user: str = "Tess Tester") -> subprocess.CompletedProcess:
    """Run the real console entry point in ``root`` with a clean git and user environment."""
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(root),
        "USER": user,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "PYTHONIOENCODING": "utf-8",
    }
    return subprocess.run(
        [sys.executable, "-c", "from accord.cli import main; main()", *args],
        cwd=root, env=env, capture_output=True, text=True, timeout=120, check=False,
    )


def entries_a() -> list[Entry]:
    """German entries for article ``a`` in known states."""
    title = Entry("The alliance grows", "Das Bündnis wächst", msgctxt="front-matter:title")
    heading = Entry("The alliance grows", "Das Bündnis wächst")
    forbidden = Entry("The alliance grew on Monday.", "Die Allianz wuchs am Montag.")
    markup = Entry(
        "Read **the treaty** [online](https://example.org/treaty).",
        "Lesen Sie den Vertrag online.",
    )
    machine = Entry("A person translated this.", "Ein Mensch hat das übersetzt.")
    mark_machine(machine, "google", DAY)
    nobody = Entry("Nobody translated this.")
    return [title, heading, forbidden, markup, machine, nobody]


def write_catalog(path: Path, locale: str, entries: list[Entry]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    for number, entry in enumerate(entries):
        entry.references.append(f"sources/en/a.md:{number + 1}")
    catalog = Catalog([header_entry(locale, "en", "accord"), *entries])
    path.write_text(format_po(catalog), encoding="utf-8")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A content repository: an English and a German article, de and fr PO files, a glossary."""
    return build_repo(tmp_path)


def build_repo(tmp_path: Path) -> Path:
    """Write the content repository of the ``repo`` fixture into ``tmp_path``."""
    (tmp_path / "pyproject.toml").write_text(
        '[tool.accord]\nlocales = ["de", "fr"]\n', encoding="utf-8"
    )
    (tmp_path / "sources" / "en").mkdir(parents=True)
    (tmp_path / "sources" / "de").mkdir(parents=True)
    (tmp_path / "sources" / "en" / "a.md").write_text(SOURCE_A, encoding="utf-8")
    (tmp_path / "sources" / "de" / "b.md").write_text(SOURCE_B, encoding="utf-8")
    (tmp_path / "glossary").mkdir()
    (tmp_path / "glossary" / "terms.yaml").write_text(GLOSSARY, encoding="utf-8")
    write_catalog(tmp_path / "locales" / "de" / "a.po", "de", entries_a())
    write_catalog(tmp_path / "locales" / "fr" / "a.po", "fr", [
        Entry("The alliance grows", "L'alliance grandit", msgctxt="front-matter:title"),
        Entry("The alliance grows"),
    ])
    return tmp_path


def load(path: Path) -> Catalog:
    return parse_po(path.read_text(encoding="utf-8"))


def state(path: Path, msgid: str, msgctxt: str | None = None) -> State:
    entry = load(path).find(msgid, msgctxt)
    assert entry is not None
    return state_of(entry)


def test_status_json_matches_polib_count(repo: Path) -> None:
    """status --format json agrees with an independent polib reading of every PO file."""
    done = run_accord(repo, "status", "--format", "json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert [loc["locale"] for loc in data["locales"]] == ["de", "fr"]
    # b is German: never a de target; its fr PO file does not exist yet
    assert [[(a["article"], a["missing"]) for a in loc["articles"]] for loc in data["locales"]] == [
        [("a", False)], [("a", False), ("b", True)]
    ]
    for loc in data["locales"]:
        for art in loc["articles"]:
            if art["missing"]:
                assert not (repo / art["file"]).exists()
                assert art["total"] == 0
                continue
            po = polib.pofile(str(repo / art["file"]))
            active = [e for e in po if not e.obsolete]
            assert art["total"] == len(active) == len(art["segments"])
            assert [(s["source"], s["target"], s["msgctxt"]) for s in art["segments"]] == [
                (e.msgid, e.msgstr, e.msgctxt) for e in active
            ]
            assert [s["id"] for s in art["segments"]] == [
                segment_id(e.msgid, e.msgctxt) for e in active
            ]
            counts = art["counts"]
            assert set(counts) == {s.value for s in State}
            assert counts["untranslated"] == len([e for e in active if not e.msgstr])
            assert counts["translated"] + counts["approved"] == len(po.translated_entries())
            assert counts["machine"] + counts["fuzzy"] + counts["rejected"] == len(
                [e for e in active if e.msgstr and e.fuzzy]
            )
            assert counts["machine"] == len(
                [e for e in active if any(c.startswith("accord: machine") for c in
                                          e.tcomment.splitlines())]
            )
        assert loc["total"] == sum(a["total"] for a in loc["articles"])
    de = data["locales"][0]["articles"][0]
    assert de["counts"] == {"untranslated": 1, "machine": 1, "fuzzy": 0, "translated": 4,
                            "approved": 0, "rejected": 0}


def test_status_text_table_and_filters(repo: Path) -> None:
    """The terminal table lists the selected locales and articles with counts and percentages."""
    done = run_accord(repo, "status", "--locale", "fr")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[1].startswith("fr (French)")
    assert lines[2].split()[:3] == ["a", "1", "(50%)"]
    assert "de (German)" not in done.stdout


def test_status_segment_history(repo: Path) -> None:
    """status --segment PREFIX shows the segment's state and who translated it in each locale."""
    sid = segment_id("A person translated this.")
    done = run_accord(repo, "status", "--segment", sid[:5])
    assert done.returncode == 0, done.stderr
    assert f"segment {sid}" in done.stdout
    assert "[machine]" in done.stdout
    assert "translated by machine (google)" in done.stdout
    data = json.loads(run_accord(repo, "status", "--segment", sid, "--format", "json").stdout)
    assert data["segment"] == sid
    assert [o["locale"] for o in data["occurrences"]] == ["de"]
    assert data["occurrences"][0]["history"][0]["event"] == "machine"


def test_status_refuses_unknown_segment_and_format(repo: Path) -> None:
    """Unknown ids and formats are usage errors (exit 2) with a message."""
    done = run_accord(repo, "status", "--segment", "ffffffff")
    assert done.returncode == 2
    assert "no segment with id 'ffffffff'" in done.stderr
    assert run_accord(repo, "status", "--format", "xml").returncode == 2


def test_approve_named_segment(repo: Path) -> None:
    """review.approve --segment approves exactly that text; the file stays canonical and valid."""
    po = repo / "locales" / "de" / "a.po"
    sid = segment_id("A person translated this.")
    done = run_accord(repo, "review.approve", "de", "a", "--segment", sid[:6], "--by", "Ana María")
    assert done.returncode == 0, done.stderr
    assert state(po, "A person translated this.") is State.APPROVED
    entry = load(po).find("A person translated this.")
    assert entry is not None
    assert not entry.fuzzy
    assert [(m.kind, m.who) for m in marks_of(entry)] == [
        (MarkKind.MACHINE, "google"), (MarkKind.APPROVED, "Ana María")
    ]
    assert marks_of(entry)[-1].when == datetime.date.today()
    cat = subprocess.run(["msgcat", str(po)], capture_output=True, check=True)
    assert cat.stdout == po.read_bytes()
    subprocess.run(["msgfmt", "--check", "-o", os.devnull, str(po)], check=True)


def test_approve_all_clean_skips_error_findings(repo: Path) -> None:
    """--all-clean approves translated segments without error findings, and nothing else."""
    po = repo / "locales" / "de" / "a.po"
    done = run_accord(repo, "review.approve", "de", "a", "--all-clean")
    assert done.returncode == 0, done.stderr
    assert state(po, "The alliance grows", "front-matter:title") is State.APPROVED
    assert state(po, "The alliance grows") is State.APPROVED
    assert state(po, "The alliance grew on Monday.") is State.TRANSLATED  # forbidden "Allianz"
    assert state(po, "Read **the treaty** [online](https://example.org/treaty).") is (
        State.TRANSLATED  # markup and link lost
    )
    assert state(po, "A person translated this.") is State.MACHINE
    assert state(po, "Nobody translated this.") is State.UNTRANSLATED
    entry = load(po).find("The alliance grows")
    assert entry is not None
    assert marks_of(entry)[-1].who == "Tess Tester"  # $USER: no git repository here


def test_reviewer_defaults_to_git_user_name(repo: Path) -> None:
    """Without --by the reviewer is git's user.name of the repository."""
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    subprocess.run(["git", "-C", str(repo), "config", "user.name", "Gitta Reviewer"], check=True)
    sid = segment_id("The alliance grows")
    done = run_accord(repo, "review.approve", "de", "a", "--segment", sid)
    assert done.returncode == 0, done.stderr
    entry = load(repo / "locales" / "de" / "a.po").find("The alliance grows")
    assert entry is not None
    assert marks_of(entry)[-1].who == "Gitta Reviewer"


def test_reject_with_reason(repo: Path) -> None:
    """review.reject records the reason and flags the entry fuzzy; status shows it rejected."""
    po = repo / "locales" / "de" / "a.po"
    sid = segment_id("The alliance grew on Monday.")
    reason = 'Use "Bündnis": house style: 2026-01-01 fp=000000000000'
    done = run_accord(repo, "review.reject", "de", "a", "--segment", sid,
                      "--reason", reason, "--by", "Jane Doe")
    assert done.returncode == 0, done.stderr
    entry = load(po).find("The alliance grew on Monday.")
    assert entry is not None
    assert entry.fuzzy
    assert state_of(entry) is State.REJECTED
    assert marks_of(entry)[-1].reason == reason
    polib_entry = polib.pofile(str(po)).find("The alliance grew on Monday.")
    assert polib_entry is not None
    assert "fuzzy" in polib_entry.flags
    data = json.loads(run_accord(repo, "status", "--format", "json", "-l", "de").stdout)
    assert data["locales"][0]["counts"]["rejected"] == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["review.approve", "xx", "a", "--segment", "aaaa"], "unknown locale"),
        (["review.approve", "es", "a", "--segment", "aaaa"], "not configured"),
        (["review.approve", "de", "nope", "--segment", "aaaa"], "no article 'nope'"),
        (["review.approve", "de", "../a", "--segment", "aaaa"], "no article"),
        (["review.approve", "de", "b", "--segment", "aaaa"], "written in de"),
        (["review.approve", "de", "a", "--segment", "ffffffff"], "no segment with id"),
        (["review.approve", "de", "a"], "--segment ID or use --all-clean"),
        (["review.approve", "de", "a", "--segment", segment_id("Nobody translated this.")],
         "untranslated"),
        (["review.reject", "de", "a", "--segment", segment_id("The alliance grows")],
         "--reason"),
        (["review.reject", "de", "a", "--reason", "bad"], "--segment"),
        (["review.reject", "fr", "a", "--segment", segment_id("The alliance grows"),
          "--reason", "x"], "untranslated"),
    ],
)
def test_review_tasks_refuse_bad_input(repo: Path, args: list[str], message: str) -> None:
    """Unknown locales, slugs and ids are refused with exit 2, and no file is touched."""
    before = {p: p.read_bytes() for p in (repo / "locales").rglob("*.po")}
    done = run_accord(repo, *args)
    assert done.returncode == 2, done.stdout + done.stderr
    assert message in done.stderr
    assert {p: p.read_bytes() for p in (repo / "locales").rglob("*.po")} == before


def test_missing_po_file_is_refused(repo: Path) -> None:
    """Approving in a locale whose PO file does not exist yet asks for a sync."""
    (repo / "locales" / "fr" / "a.po").unlink()
    done = run_accord(repo, "review.approve", "fr", "a", "--all-clean")
    assert done.returncode == 2
    assert "locales/fr/a.po: no such PO file (run sync first)" in done.stderr


def test_malformed_po_file_is_reported_with_line(repo: Path) -> None:
    """A broken PO file is named with its line by status and review tasks, and left untouched."""
    po = repo / "locales" / "de" / "a.po"
    broken = po.read_text(encoding="utf-8") + 'msgid "dangling\n'
    po.write_text(broken, encoding="utf-8")
    line = broken.count("\n") + 1  # gettext names the line after an unterminated string
    for args in (["status"], ["review.approve", "de", "a", "--all-clean"]):
        done = run_accord(repo, *args)
        assert done.returncode == 2
        assert f"locales/de/a.po:{line}:" in done.stderr
    assert po.read_text(encoding="utf-8") == broken
