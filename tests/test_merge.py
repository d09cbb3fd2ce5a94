"""merge(): every rule of bringing a PO catalog up to date with a template."""

from __future__ import annotations

import copy
import datetime

from accord.catalog.pofile import Catalog, Entry
from accord.merge.memory import TranslationMemory
from accord.merge.msgmerge import KEPT_CONTEXT, merge, merge_header
from accord.review.state import State, approve, state_of

HEADER = Entry(
    msgid="",
    msgstr=(
        "Content-Type: text/plain; charset=UTF-8\n"
        "Language: fr\n"
        "Plural-Forms: nplurals=2; plural=(n > 1);\n"
        "X-Source-Language: en\n"
    ),
)
DAY = datetime.date(2026, 11, 25)


def old_catalog(*entries: Entry) -> Catalog:
    return Catalog(entries=[copy.deepcopy(HEADER), *entries])


def ref(msgid: str, msgctxt: str | None = None, line: int = 1) -> Entry:
    return Entry(
        msgid=msgid,
        msgctxt=msgctxt,
        references=[f"sources/en/a.md:{line}"],
        extracted_comments=["block: paragraph"],
    )


def body(catalog: Catalog) -> list[Entry]:
    return catalog.entries[1:]


def test_new_catalog_has_header_and_untranslated_entries() -> None:
    """With no old catalog every template entry is added, untranslated, in order."""
    result = merge(None, [ref("One."), ref("Two.")], HEADER)
    assert result.catalog.entries[0].msgstr == HEADER.msgstr
    assert [(e.msgid, e.msgstr) for e in body(result.catalog)] == [("One.", ""), ("Two.", "")]
    assert result.added == 2
    assert (result.kept, result.fuzzy, result.obsoleted, result.revived) == (0, 0, 0, 0)


def test_exact_match_keeps_translation_flags_comments_and_marks() -> None:
    """An unchanged segment keeps msgstr and translator comments; the template's references
    and flags win (the old no-wrap goes, as in msgmerge)."""
    entry = Entry(
        msgid="Same.",
        msgstr="Pareil.",
        translator_comments=["checked by Ann"],
        references=["sources/en/a.md:3"],
        extracted_comments=["block: heading"],
        flags=["no-wrap"],
    )
    approve(entry, "Jane", DAY)
    result = merge(old_catalog(entry), [ref("Same.", line=9)], HEADER)
    (merged,) = body(result.catalog)
    assert merged.msgstr == "Pareil."
    assert merged.translator_comments == entry.translator_comments
    assert merged.references == ["sources/en/a.md:9"]
    assert merged.extracted_comments == ["block: paragraph"]
    assert merged.flags == []
    assert state_of(merged) is State.APPROVED
    assert result.kept == 1


def test_exact_match_of_fuzzy_entry_keeps_fuzzy_and_previous_msgid() -> None:
    """A still-fuzzy entry stays fuzzy with its #| previous msgid."""
    entry = Entry("New text.", "Texte.", flags=["fuzzy"], previous_msgid="Old text.")
    (merged,) = body(merge(old_catalog(entry), [ref("New text.")], HEADER).catalog)
    assert merged.fuzzy
    assert merged.previous_msgid == "Old text."


def test_previous_msgid_is_dropped_when_not_fuzzy() -> None:
    """A stale #| on a translated, non-fuzzy entry goes, as with msgmerge."""
    entry = Entry("Text.", "Texte.", previous_msgid="Older.")
    (merged,) = body(merge(old_catalog(entry), [ref("Text.")], HEADER).catalog)
    assert merged.previous_msgid is None


def test_changed_segment_gets_fuzzy_translation_with_previous_msgid() -> None:
    """A reworded paragraph takes the old translation, fuzzy, and records the old msgid."""
    old = Entry("Officials called it historic.", "Les officiels l'ont dit historique.",
                translator_comments=["note"])
    result = merge(old_catalog(old), [ref("Officials in Tehran called it historic.")], HEADER)
    (merged,) = body(result.catalog)
    assert merged.fuzzy
    assert merged.msgstr == old.msgstr
    assert merged.previous_msgid == "Officials called it historic."
    assert merged.translator_comments == ["note"]
    assert (result.fuzzy, result.obsoleted) == (1, 0)


def test_fuzzy_source_that_was_fuzzy_passes_on_its_own_previous_msgid() -> None:
    """The #| line names the text the translation was made for, not an intermediate one."""
    old = Entry("Version two of it.", "V1.", flags=["fuzzy"], previous_msgid="Version one of it.")
    (merged,) = body(merge(old_catalog(old), [ref("Version three of it.")], HEADER).catalog)
    assert merged.fuzzy
    assert merged.previous_msgid == "Version one of it."


def test_fuzzy_match_can_come_from_an_obsolete_entry() -> None:
    """Obsolete translations are candidates too."""
    old = Entry("The border town of Astara.", "La ville frontière d'Astara.", obsolete=True)
    result = merge(old_catalog(old), [ref("The border town of Astara!")], HEADER)
    (merged,) = body(result.catalog)
    assert merged.msgstr == old.msgstr
    assert merged.fuzzy
    assert not merged.obsolete


def test_exactly_matched_entries_are_not_fuzzy_candidates() -> None:
    """A translation still in use is not copied to a similar new segment."""
    old = Entry("Hello world", "Bonjour le monde")
    result = merge(old_catalog(old), [ref("Hello world"), ref("Hello world!")], HEADER)
    assert [(e.msgid, e.msgstr, e.fuzzy) for e in body(result.catalog)] == [
        ("Hello world", "Bonjour le monde", False),
        ("Hello world!", "", False),
    ]


def test_dissimilar_segment_is_untranslated() -> None:
    """Below 0.6 similarity nothing is proposed and the old entry becomes obsolete."""
    old = Entry("Completely unrelated sentence.", "Phrase.")
    result = merge(old_catalog(old), [ref("Rasht is in Iran.")], HEADER)
    new, gone = body(result.catalog)
    assert (new.msgid, new.msgstr, new.fuzzy) == ("Rasht is in Iran.", "", False)
    assert gone.obsolete
    assert gone.msgstr == "Phrase."
    assert (result.added, result.obsoleted) == (1, 1)


def test_removed_segment_becomes_obsolete_without_references() -> None:
    """A removed segment is kept as #~ with its translation and comments, minus refs."""
    old = Entry("Gone.", "Parti.", translator_comments=["keep"], references=["a.md:1"],
                extracted_comments=["block: paragraph"])
    result = merge(old_catalog(old), [], HEADER)
    (gone,) = body(result.catalog)
    assert gone.obsolete
    assert (gone.msgstr, gone.translator_comments, gone.references, gone.extracted_comments) == (
        "Parti.", ["keep"], [], []
    )


def test_untranslated_removed_segment_is_dropped() -> None:
    """An obsolete entry without translation would hold nothing and is not written."""
    result = merge(old_catalog(Entry("Gone.", "")), [], HEADER)
    assert body(result.catalog) == []
    assert result.obsoleted == 0


def test_obsolete_entries_are_kept_and_revived_on_return() -> None:
    """An obsolete entry stays obsolete until its segment returns, then it is active again."""
    old = old_catalog(Entry("Back.", "Retour.", obsolete=True, translator_comments=["x"]))
    still = merge(old, [ref("Other.")], HEADER)
    assert [e.msgid for e in body(still.catalog) if e.obsolete] == ["Back."]
    revived = merge(old, [ref("Back.")], HEADER)
    (entry,) = body(revived.catalog)
    assert (entry.obsolete, entry.msgstr, entry.fuzzy) == (False, "Retour.", False)
    assert entry.translator_comments == ["x"]
    assert entry.references == ["sources/en/a.md:1"]
    assert revived.revived == 1


def test_order_is_template_order_then_obsolete_in_old_order() -> None:
    """Active entries follow the template; obsolete ones come last."""
    old = old_catalog(
        Entry("Zeta one two.", "z"), Entry("Alpha.", "a"), Entry("Old one.", "o1", obsolete=True),
        Entry("Removed here.", "r"),
    )
    result = merge(old, [ref("New."), ref("Alpha."), ref("Zeta one two.")], HEADER)
    assert [(e.msgid, e.obsolete) for e in body(result.catalog)] == [
        ("New.", False), ("Alpha.", False), ("Zeta one two.", False),
        ("Removed here.", True), ("Old one.", True),
    ]


def test_context_is_part_of_the_key() -> None:
    """A title and a paragraph with the same text are different entries."""
    old = old_catalog(Entry("Iran", "Iran (titre)", msgctxt="front-matter:title"))
    result = merge(old, [ref("Iran", "front-matter:title"), ref("Iran")], HEADER)
    title, para = body(result.catalog)
    assert (title.msgstr, title.fuzzy) == ("Iran (titre)", False)
    assert para.msgstr == ""


def test_translation_memory_fills_new_entry_not_fuzzy() -> None:
    """An exact TM hit fills a new entry as a finished translation, before fuzzy matching."""
    other = Catalog([copy.deepcopy(HEADER), Entry("Rasht is in Iran.", "Rasht est en Iran.")])
    memory = TranslationMemory.build([other])
    old = old_catalog(Entry("Rasht is in Iran!", "Rasht est en Iran !"))
    result = merge(old, [ref("Rasht is in Iran.")], HEADER, tm=memory)
    new, gone = body(result.catalog)
    assert (new.msgstr, new.fuzzy, new.previous_msgid) == ("Rasht est en Iran.", False, None)
    assert gone.obsolete
    assert (result.tm_filled, result.added, result.fuzzy) == (1, 1, 0)


def test_translation_memory_respects_source_language() -> None:
    """A German article's translation does not fill an English article's entry."""
    german = Catalog([Entry("", "Language: fr\nX-Source-Language: de\n"), Entry("Iran", "Iran")])
    result = merge(None, [ref("Iran")], HEADER, tm=TranslationMemory.build([german]))
    assert body(result.catalog)[0].msgstr == ""
    assert result.tm_filled == 0


def test_exact_match_beats_translation_memory() -> None:
    """The file's own translation is kept even if the memory knows another."""
    other = Catalog([copy.deepcopy(HEADER), Entry("Same.", "Autre.")])
    old = old_catalog(Entry("Same.", "Mien."))
    result = merge(old, [ref("Same.")], HEADER, tm=TranslationMemory.build([other]))
    assert body(result.catalog)[0].msgstr == "Mien."


def test_duplicate_obsolete_keys_keep_both_translations() -> None:
    """Two old entries with one key (a hand-edited file) never produce duplicate keys
    and never lose a different translation."""
    old = old_catalog(
        Entry("Twice.", "Deux fois."),
        Entry("Twice.", "Deux fois (ancien).", obsolete=True),
        Entry("Twice.", "Deux fois.", obsolete=True),
    )
    result = merge(old, [], HEADER)
    entries = body(result.catalog)
    keys = [e.key for e in entries]
    assert len(keys) == len(set(keys))
    assert sorted(e.msgstr for e in entries) == ["Deux fois (ancien).", "Deux fois."]
    kept = [e for e in entries if e.msgctxt is not None]
    assert kept[0].msgctxt == f"{KEPT_CONTEXT}1"
    assert all(e.obsolete for e in entries)


def test_duplicate_of_an_active_key_is_kept_apart() -> None:
    """An obsolete twin of an active entry with another translation is kept under a new key."""
    old = old_catalog(Entry("Twice.", "A.", msgctxt="c"), Entry("Twice.", "B.", msgctxt="c",
                                                                 obsolete=True))
    result = merge(old, [ref("Twice.", "c")], HEADER)
    active, kept = body(result.catalog)
    assert (active.msgstr, active.obsolete) == ("A.", False)
    assert (kept.msgstr, kept.obsolete, kept.msgctxt) == ("B.", True, f"{KEPT_CONTEXT}1|c")


def test_duplicate_template_entries_appear_once() -> None:
    """A template listing one key twice yields one entry."""
    result = merge(None, [ref("Same."), ref("Same.")], HEADER)
    assert [e.msgid for e in body(result.catalog)] == ["Same."]


def test_merge_does_not_modify_its_inputs() -> None:
    """merge is pure: the old catalog and the template are left as they were."""
    old = old_catalog(Entry("Officials called it historic.", "Historique."), Entry("Gone.", "P."))
    template = [ref("Officials in Tehran called it historic.")]
    before = (copy.deepcopy(old), copy.deepcopy(template))
    merge(old, template, HEADER)
    assert (old, template) == before


def test_merge_is_idempotent() -> None:
    """Merging the same template again changes nothing."""
    old = old_catalog(Entry("Officials called it historic.", "Historique."), Entry("Gone.", "P."))
    template = [ref("Officials in Tehran called it historic."), ref("New.")]
    once = merge(old, template, HEADER).catalog
    twice = merge(once, template, HEADER)
    assert twice.catalog == once
    assert (twice.added, twice.fuzzy, twice.obsoleted, twice.kept) == (0, 0, 0, 2)


def test_header_keeps_old_comments_and_unknown_fields() -> None:
    """Old header comments and fields stay in place; the layout's fields are set over them,
    missing ones added, and the editor-owned Plural-Forms is not added afterwards."""
    old = Entry(
        msgid="",
        msgstr=(
            "Project-Id-Version: site\nLanguage: de\nLast-Translator: Ann\n"
            "X-Source-Language: de\n"
        ),
        translator_comments=["French translation of the site."],
        flags=["fuzzy"],
    )
    merged = merge_header(old, HEADER)
    assert merged.translator_comments == ["French translation of the site."]
    assert merged.flags == ["fuzzy"]
    assert merged.msgstr == (
        "Project-Id-Version: site\n"
        "Language: fr\n"
        "Last-Translator: Ann\n"
        "X-Source-Language: en\n"
        "Content-Type: text/plain; charset=UTF-8\n"
    )
    assert merge_header(merged, HEADER) == merged


def test_old_catalog_without_header_gets_the_given_one() -> None:
    """A headerless old file gains the given header."""
    result = merge(Catalog([Entry("A.", "a")]), [ref("A.")], HEADER)
    assert result.catalog.entries[0] == HEADER
    assert result.catalog.entries[1].msgstr == "a"


def test_plural_template_entry_gets_one_empty_form_per_plural() -> None:
    """A new plural entry gets nplurals empty msgstr forms, as msgmerge writes them."""
    template = [Entry("one file", msgid_plural="{n} files")]
    (entry,) = body(merge(None, template, HEADER).catalog)
    assert entry.msgstr_plural == {0: "", 1: ""}
