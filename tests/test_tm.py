"""Translation memory: a person's exact translations, reused per source language and segment."""

from __future__ import annotations

import datetime
import json

from accord.catalog.pofile import Catalog, Entry
from accord.merge.memory import TranslationMemory
from accord.review.state import approve, mark_machine, reject

DAY = datetime.date(2026, 11, 25)


def catalog(*entries: Entry, source_lang: str = "en") -> Catalog:
    header = Entry(msgid="", msgstr=f"Language: fr\nX-Source-Language: {source_lang}\n")
    return Catalog(entries=[header, *entries])


def test_translated_entry_is_found() -> None:
    """A non-fuzzy translation is returned for the same msgid and source language."""
    memory = TranslationMemory.build([catalog(Entry("Rasht is in Iran.", "Rasht est en Iran."))])
    assert memory.lookup("Rasht is in Iran.", None, "en") == "Rasht est en Iran."
    assert memory.lookup("Rasht is in Iran.", None, "de") is None
    assert memory.lookup("Rasht is in Iran", None, "en") is None


def test_context_must_match() -> None:
    """msgctxt is part of the key: a title is not a body paragraph."""
    memory = TranslationMemory.build([catalog(Entry("Iran", "Iran", msgctxt="front-matter:tags"))])
    assert memory.lookup("Iran", "front-matter:tags", "en") == "Iran"
    assert memory.lookup("Iran", None, "en") is None


def test_fuzzy_machine_and_untranslated_entries_are_ignored() -> None:
    """Fuzzy entries, raw machine output and empty msgstrs never feed the memory."""
    fuzzy = Entry("A", "a", flags=["fuzzy"])
    machine = Entry("B", "b")
    mark_machine(machine, "google", DAY)
    empty = Entry("C", "")
    memory = TranslationMemory.build([catalog(fuzzy, machine, empty)])
    assert len(memory) == 0


def test_rejected_translation_is_ignored_until_a_person_changes_it() -> None:
    """A current rejection keeps a translation out; once edited it counts again."""
    entry = Entry("A sentence.", "Une phrase fausse.")
    reject(entry, "Jane", DAY, "wrong")
    entry.fuzzy = False  # a person cleared the flag without changing the text
    assert TranslationMemory.build([catalog(entry)]).lookup("A sentence.", None, "en") is None
    entry.msgstr = "Une phrase."
    memory = TranslationMemory.build([catalog(entry)])
    assert memory.lookup("A sentence.", None, "en") == "Une phrase."


def test_approved_beats_translated_and_active_beats_obsolete() -> None:
    """Conflicting translations resolve to the most trusted one, then the first one."""
    plain = Entry("X", "first")
    approved = Entry("X", "approved")
    approve(approved, "Jane", DAY)
    old = Entry("Y", "old", obsolete=True)
    new = Entry("Y", "new")
    memory = TranslationMemory.build([catalog(plain, old), catalog(approved, new)])
    assert memory.lookup("X", None, "en") == "approved"
    assert memory.lookup("Y", None, "en") == "new"
    first = TranslationMemory.build([catalog(Entry("Z", "one")), catalog(Entry("Z", "two"))])
    assert first.lookup("Z", None, "en") == "one"


def test_obsolete_translations_count() -> None:
    """An obsolete entry still holds a person's translation and is remembered."""
    memory = TranslationMemory.build([catalog(Entry("Gone", "Parti", obsolete=True))])
    assert memory.lookup("Gone", None, "en") == "Parti"


def test_header_is_not_remembered() -> None:
    """The header entry (msgid "") is metadata, not a translation."""
    memory = TranslationMemory.build([catalog()])
    assert memory.lookup("", None, "en") is None


def test_round_trip_through_json() -> None:
    """to_dict survives JSON (the sync cache) and from_dict gives the same answers."""
    memory = TranslationMemory.build(
        [
            catalog(Entry("T", "t", msgctxt="front-matter:title")),
            catalog(Entry("D", "d"), source_lang="de"),
        ]
    )
    again = TranslationMemory.from_dict(json.loads(json.dumps(memory.to_dict())))
    assert again.lookup("T", "front-matter:title", "en") == "t"
    assert again.lookup("D", None, "de") == "d"
    assert again.to_dict() == memory.to_dict()


def test_from_dict_ignores_garbage() -> None:
    """A damaged cache cannot inject non-string translations."""
    memory = TranslationMemory.from_dict({"en\x00A": "a", "en\x00B": 3})  # type: ignore[dict-item]
    assert memory.lookup("A", None, "en") == "a"
    assert memory.lookup("B", None, "en") is None
