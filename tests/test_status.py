"""Status data from catalogs: counts, segments, the terminal table, segment ids and history."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from accord.catalog.pofile import Catalog, Entry
from accord.errors import ReviewError
from accord.ids import segment_id
from accord.review.state import approve, mark_machine, reject
from accord.review.status import Status, article_status, locale_status
from accord.steps.status import (
    Occurrence,
    format_history,
    format_table,
    occurrence_dict,
    resolve_segment,
    translated_by,
)

DAY = datetime.date(2026, 11, 25)


def catalog() -> Catalog:
    header = Entry("", "Language: fr\nContent-Type: text/plain; charset=UTF-8\n")
    untranslated = Entry("One.", line=5)
    machine = Entry("Two.", "Deux.", line=9)
    mark_machine(machine, "google", DAY)
    approved = Entry("Three.", "Trois.", msgctxt="front-matter:title", line=14)
    approve(approved, "Jane Doe", DAY)
    person = Entry("Four.", "Quatre.", line=19)
    gone = Entry("Five.", "Cinq.", obsolete=True, line=23)
    return Catalog([header, untranslated, machine, approved, person, gone])


def test_article_status_counts_every_state() -> None:
    """Counts hold all six states; header and obsolete entries are not segments."""
    status = article_status(catalog(), "a", "locales/fr/a.po").to_json()
    assert status["counts"] == {
        "untranslated": 1, "machine": 1, "fuzzy": 0, "translated": 1, "approved": 1, "rejected": 0,
    }
    assert status["total"] == 4
    assert status["percent"]["approved"] == 25.0
    assert status["missing"] is False
    assert status["complete"] == 2
    assert article_status(catalog(), "a", "f", ("approved",)).complete == 1
    assert [s["source"] for s in status["segments"]] == ["One.", "Two.", "Three.", "Four."]
    assert status["segments"][2] == {
        "id": segment_id("Three.", "front-matter:title"),
        "state": "approved",
        "source": "Three.",
        "target": "Trois.",
        "msgctxt": "front-matter:title",
        "line": 14,
        "review": {"by": "Jane Doe", "date": "2026-11-25", "reason": None},
    }
    assert status["segments"][1]["review"] is None  # machine output: nobody reviewed it


def test_rejected_segment_status_carries_reviewer_and_reason() -> None:
    """A rejected segment lists who rejected it, when, and the reason given."""
    entry = Entry("Four.", "Quatre.", line=19)
    reject(entry, "Ali Rezaei", DAY, "wrong tense")
    status = article_status(Catalog([Entry("", "Language: fr\n"), entry]), "a", "f").to_json()
    assert status["segments"][0]["review"] == {
        "by": "Ali Rezaei", "date": "2026-11-25", "reason": "wrong tense",
    }


def test_stale_when_source_segments_differ() -> None:
    """An article whose source segments differ from its PO file is flagged stale."""
    keys = frozenset(e.key for e in catalog().messages())
    assert article_status(catalog(), "a", "f", source=keys).stale is False
    assert article_status(catalog(), "a", "f", source=keys | {(None, "New.")}).stale is True
    assert article_status(catalog(), "a", "f").stale is None
    assert article_status(None, "a", "f", source=keys).stale is None


def test_missing_file_has_zero_counts() -> None:
    """An article without a PO file yet is listed as missing with all states at zero."""
    status = article_status(None, "b", "locales/fr/b.po").to_json()
    assert status["missing"] is True
    assert status["total"] == 0
    assert set(status["counts"].values()) == {0}
    assert status["percent"]["untranslated"] == 0.0


def test_locale_status_adds_up_articles() -> None:
    """A locale's counts are the sums over its articles."""
    a = article_status(catalog(), "a", "locales/fr/a.po")
    b = article_status(catalog(), "b", "locales/fr/b.po")
    loc = locale_status("fr", [a, b]).to_json()
    assert loc["total"] == 8
    assert loc["counts"]["machine"] == 2
    assert [x["article"] for x in loc["articles"]] == ["a", "b"]


def test_table_shows_counts_and_percentages() -> None:
    """The text table has a row per locale and per article with count (percent) per state."""
    a = article_status(catalog(), "russia-iran-treaty", "locales/fr/russia-iran-treaty.po")
    missing = article_status(None, "zz", "locales/fr/zz.po")
    text = format_table(Status((locale_status("fr", [a, missing]),)))
    lines = text.splitlines()
    assert lines[0].split() == [
        "untrans", "machine", "fuzzy", "transl", "approved", "rejected", "total", "done"
    ]
    assert lines[1].startswith("fr (French)")
    assert "1 (25%)" in lines[2]
    assert lines[2].split()[-2:] == ["4", "50%"]  # translated + approved of 4
    assert lines[3].split() == ["zz", "no", "locales/fr/zz.po", "(run", "sync)"]


def test_resolve_segment_accepts_unique_prefix() -> None:
    """Full ids and unique prefixes resolve; unknown and ambiguous ones are ReviewErrors."""
    ids = ["3f2a9c0d", "3f2b0000", "a1b2c3d4"]
    assert resolve_segment(ids, "a1b2c3d4") == "a1b2c3d4"
    assert resolve_segment(ids, "A1") == "a1b2c3d4"
    assert resolve_segment(ids, "3f2a") == "3f2a9c0d"
    with pytest.raises(ReviewError, match="ambiguous"):
        resolve_segment(ids, "3f2")
    with pytest.raises(ReviewError, match="no segment") as error:
        resolve_segment(ids, "ffff", "locales/fr/a.po")
    assert str(error.value).startswith("locales/fr/a.po: ")
    with pytest.raises(ReviewError, match="no segment"):
        resolve_segment(ids, "")


def test_history_names_machine_engine_person_and_reviewers() -> None:
    """status --segment shows who translated (engine or person) and who approved/rejected, when."""
    entry = Entry("Two.", "Deux.", references=["sources/en/a.md:3"], line=9)
    mark_machine(entry, "deepl", DAY)
    assert translated_by(entry) == "machine (deepl)"
    entry.msgstr = "Deux !"
    entry.fuzzy = False
    assert translated_by(entry) == "a person"
    reject(entry, "Bob\x1b[31m", datetime.date(2026, 11, 26), "punctuation")
    occurrence = Occurrence("fr", "a", "locales/fr/a.po", entry)
    text = format_history("abcd1234", [occurrence])
    assert "segment abcd1234" in text
    assert "source:  Two." in text
    assert "fr  a  locales/fr/a.po:9  [rejected]" in text
    assert "2026-11-25  machine translation by deepl  (for an earlier text)" in text
    assert "2026-11-26  rejected by Bob\\x1b[31m: punctuation" in text
    assert "\x1b" not in text
    data = occurrence_dict(occurrence)
    assert data["state"] == "rejected"
    assert data["translated_by"] == "a person"
    assert data["history"][-1] == {
        "event": "rejected", "by": "Bob\x1b[31m", "date": "2026-11-26",
        "reason": "punctuation", "current": True,
    }
    assert translated_by(Entry("x")) is None


def test_article_with_nothing_to_translate_is_not_missing(tmp_path: Path) -> None:
    """Sync writes no PO file for an article without segments; status does not ask for one."""
    from accord.config import load_config  # noqa: PLC0415
    from accord.steps.status import collect_status  # noqa: PLC0415
    from accord.steps.sync import sync_project  # noqa: PLC0415
    from accord.workspace import discover_articles  # noqa: PLC0415

    (tmp_path / "pyproject.toml").write_text('[tool.accord]\nlocales = ["de"]\n')
    (tmp_path / "sources" / "en").mkdir(parents=True)
    (tmp_path / "sources" / "en" / "empty.md").write_text("---\nslug: empty\n---\n")
    config = load_config(tmp_path)
    sync_project(config)
    status = collect_status(config, list(config.locales), discover_articles(config))
    article = status.to_json()["locales"][0]["articles"][0]
    assert article["article"] == "empty"
    assert article["missing"] is False
    assert article["total"] == 0
