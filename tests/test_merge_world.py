"""merge() on what real PO files hold: plural entries, flags, obsolete entries, the memory.

tests/data/merge/old.po and new.pot are merged by Accord and by the real
``msgmerge --previous``; the results agree entry for entry, except where
docs/merge-and-scale.md says why Accord differs (a partly translated plural entry
is kept, obsolete, where msgmerge drops it).
"""

from __future__ import annotations

import copy
import subprocess
from pathlib import Path

from accord.catalog.pofile import Catalog, Entry, format_po, parse_po, read_po
from accord.merge.memory import TranslationMemory
from accord.merge.msgmerge import SUGGESTION_COMMENT, merge

DATA = Path(__file__).parent / "data" / "merge"
HEADER = Entry(
    msgid="",
    msgstr=(
        "Content-Type: text/plain; charset=UTF-8\nLanguage: fr\n"
        "Plural-Forms: nplurals=2; plural=(n > 1);\nX-Source-Language: en\n"
    ),
)


def entries_text(text: str) -> str:
    """A PO text without its header entry (Accord merges headers its own way)."""
    return text.split("\n\n", 1)[1]


def msgmerge_text(old: Path, template: Path) -> str:
    return subprocess.run(
        ["msgmerge", "-q", "--previous", str(old), str(template)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def test_fixture_merges_like_msgmerge_but_keeps_the_partial_plural() -> None:
    """Flags from the template, plural fuzzy sources, revived obsolete entries: as msgmerge;
    plus the partly translated plural entry, obsolete, that msgmerge loses."""
    old = read_po(DATA / "old.po")
    template = read_po(DATA / "new.pot")
    ours = format_po(merge(old, template.messages(), HEADER, like_msgmerge=True).catalog)
    theirs = msgmerge_text(DATA / "old.po", DATA / "new.pot")
    kept = (
        "\n\n# partly translated: must survive as obsolete\n"
        '#~ msgid "One folder"\n#~ msgid_plural "%d folders"\n'
        '#~ msgstr[0] ""\n#~ msgstr[1] "%d dossiers"\n'
    )
    assert entries_text(ours) == entries_text(theirs).rstrip("\n") + kept


def test_template_format_flags_replace_the_old_ones() -> None:
    """Old ``c-format, no-wrap`` and a template's ``python-format`` give ``python-format``."""
    old = Catalog([HEADER, Entry("a %s", "b %s", flags=["c-format", "no-wrap"])])
    (merged,) = merge(old, [Entry("a %s", flags=["python-format"])], HEADER).catalog.messages()
    assert merged.flags == ["python-format"]
    assert merged.msgstr == "b %s"


def test_partly_translated_plural_leaving_the_template_is_kept_obsolete() -> None:
    """A plural entry with only some forms translated becomes obsolete, all forms kept."""
    plural = Entry("file", msgid_plural="files", msgstr_plural={0: "", 1: "fichiers"})
    result = merge(Catalog([HEADER, plural]), [Entry("other")], HEADER)
    (obsolete,) = result.catalog.obsolete_entries()
    assert obsolete.msgstr_plural == {0: "", 1: "fichiers"}
    assert result.obsoleted == 1
    written = parse_po(format_po(result.catalog))
    assert written.obsolete_entries()[0].msgstr_plural == {0: "", 1: "fichiers"}


def test_plural_entry_is_offered_as_fuzzy_source() -> None:
    """A changed plural msgid takes the old plural translation, every form, fuzzy."""
    plural = Entry(
        "One file was copied",
        msgid_plural="%d files were copied",
        msgstr_plural={0: "Un fichier copié", 1: "%d fichiers copiés"},
    )
    ref = Entry("One file was copied.", msgid_plural="%d files were copied.")
    (merged,) = merge(Catalog([HEADER, plural]), [ref], HEADER).catalog.messages()
    assert merged.msgstr_plural == plural.msgstr_plural
    assert merged.fuzzy
    assert (merged.previous_msgid, merged.previous_msgid_plural) == (
        "One file was copied",
        "%d files were copied",
    )


def test_obsoleted_entry_keeps_comments_and_flags_not_references() -> None:
    """An entry leaving the template keeps translator comments and flags; the template's
    references and extracted comments go, as in msgmerge."""
    entry = Entry(
        "Gone %d",
        "Parti %d",
        translator_comments=["note"],
        extracted_comments=["block: paragraph"],
        references=["a.c:1"],
        flags=["fuzzy", "c-format"],
    )
    result = merge(Catalog([HEADER, entry]), [Entry("Completely different")], HEADER)
    (obsolete,) = result.catalog.obsolete_entries()
    assert (obsolete.translator_comments, obsolete.flags) == (["note"], ["fuzzy", "c-format"])
    assert (obsolete.references, obsolete.extracted_comments) == ([], [])
    assert "#, fuzzy, c-format\n#~ msgid" in format_po(result.catalog)


def test_memory_suggests_an_edited_paragraph_from_another_article() -> None:
    """A paragraph moved to another article and edited is proposed fuzzy from the memory,
    with the old text as previous msgid and the source article named in a comment."""
    elsewhere = Catalog(
        [HEADER, Entry("The alliance was signed in Tehran.", "Le pacte fut signé à Téhéran.")]
    )
    memory = TranslationMemory.build([elsewhere], names=["news/pact"])
    ref = Entry("The alliance was signed in Tehran on Monday.")
    result = merge(None, [ref], HEADER, tm=memory)
    (merged,) = result.catalog.messages()
    assert merged.msgstr == "Le pacte fut signé à Téhéran."
    assert merged.fuzzy
    assert merged.previous_msgid == "The alliance was signed in Tehran."
    assert merged.translator_comments == [SUGGESTION_COMMENT + "news/pact"]
    assert (result.fuzzy, result.tm_suggested, result.added) == (1, 1, 0)


def test_memory_suggestion_survives_the_sync_cache() -> None:
    """to_dict/from_dict keep where each translation came from."""
    catalog = Catalog([HEADER, Entry("Hello there", "Bonjour")])
    memory = TranslationMemory.from_dict(TranslationMemory.build([catalog], names=["a"]).to_dict())
    found = memory.suggest("Hello there!", None, "en")
    assert found is not None
    assert (found.msgstr, found.origin) == ("Bonjour", "a")


def test_old_catalog_beats_an_equally_similar_memory_segment() -> None:
    """The old file's own candidate wins a tie with the memory, as with msgmerge -C."""
    old = Catalog([HEADER, Entry("The cat sat.", "Le chat était assis.")])
    other = Catalog([HEADER, Entry("The cat sat.", "Le chat s'assit.")])
    memory = TranslationMemory.build([copy.deepcopy(other)], names=["other"])
    (merged,) = merge(old, [Entry("The cat sat!")], HEADER, tm=memory).catalog.messages()
    assert merged.msgstr == "Le chat était assis."
    assert merged.translator_comments == []


def test_memory_below_the_threshold_suggests_nothing() -> None:
    """A memory segment less than 60 % similar is not proposed."""
    memory = TranslationMemory.build([Catalog([HEADER, Entry("Zebra", "Zèbre")])], names=["z"])
    (merged,) = merge(
        None, [Entry("Completely unrelated text")], HEADER, tm=memory
    ).catalog.messages()
    assert merged.msgstr == ""
    assert not merged.fuzzy


def test_new_format_flag_fuzzies_a_translation_that_would_fail_msgfmt_check() -> None:
    """A template newly declaring c-format makes the entry fuzzy only where the translation
    lacks the msgid's directives, as msgmerge does."""
    old = Catalog([HEADER, Entry("%s files", "%s fichiers"), Entry("%d dirs", "des dossiers")])
    template = [Entry("%s files", flags=["c-format"]), Entry("%d dirs", flags=["c-format"])]
    good, bad = merge(old, template, HEADER).catalog.messages()
    assert not good.fuzzy
    assert bad.fuzzy
    assert bad.msgstr == "des dossiers"


def test_plural_made_singular_keeps_its_other_forms_obsolete() -> None:
    """When the template makes a plural entry singular, msgmerge keeps only the first form;
    Accord keeps the whole old entry too, obsolete, under an accord-kept context."""
    plural = Entry("file", msgid_plural="files", msgstr_plural={0: "fichier", 1: "fichiers"})
    result = merge(Catalog([HEADER, plural]), [Entry("file")], HEADER)
    (active,) = result.catalog.messages()
    assert (active.msgstr, active.fuzzy) == ("fichier", True)
    (kept,) = result.catalog.obsolete_entries()
    assert kept.msgctxt == "accord-kept-1"
    assert kept.msgstr_plural == {0: "fichier", 1: "fichiers"}
