"""Review states derived from PO entries: marks, fingerprints, approve/reject, build gate."""

from __future__ import annotations

import datetime
import textwrap

import pytest
from hypothesis import given
from hypothesis import strategies as st

from accord.catalog.pofile import Entry
from accord.review.state import (
    Mark,
    MarkKind,
    State,
    approve,
    entry_fingerprint,
    format_mark,
    history,
    mark_machine,
    marks_of,
    parse_mark,
    publishable,
    read_marks,
    reject,
    state_of,
)

DAY = datetime.date(2026, 11, 25)
NEXT = datetime.date(2026, 11, 26)


def entry(msgstr: str = "Bonjour le monde", msgid: str = "Hello world") -> Entry:
    return Entry(msgid=msgid, msgstr=msgstr, references=["sources/en/a.md:3"])


def test_empty_msgstr_is_untranslated_even_when_fuzzy() -> None:
    """An entry without msgstr is untranslated whatever its flags and marks say."""
    e = entry("")
    e.fuzzy = True
    e.translator_comments.append("accord: machine google 2026-11-25 fp=000000000000")
    assert state_of(e) is State.UNTRANSLATED


def test_person_translation_is_translated() -> None:
    """A msgstr, no fuzzy flag and no mark is a person's translation."""
    assert state_of(entry()) is State.TRANSLATED


def test_fuzzy_without_marks_is_fuzzy() -> None:
    """The fuzzy flag alone means needs work."""
    e = entry()
    e.fuzzy = True
    assert state_of(e) is State.FUZZY


def test_mark_machine_sets_fuzzy_and_mark() -> None:
    """mark_machine flags the entry fuzzy and records engine, date and fingerprint."""
    e = entry()
    mark_machine(e, "google", DAY)
    assert e.fuzzy
    assert e.translator_comments == [
        f"accord: machine google 2026-11-25 fp={entry_fingerprint(e)}"
    ]
    assert state_of(e) is State.MACHINE


def test_mark_machine_refuses_empty_msgstr_and_odd_engine_names() -> None:
    """Machine marks need a translation and a one-word engine name."""
    with pytest.raises(ValueError, match="no msgstr"):
        mark_machine(entry(""), "google", DAY)
    with pytest.raises(ValueError, match="simple word"):
        mark_machine(entry(), "goo gle", DAY)


def test_clearing_fuzzy_on_machine_output_makes_it_translated() -> None:
    """A translator accepting machine output (clearing fuzzy, as Poedit does) owns it."""
    e = entry()
    mark_machine(e, "deepl", DAY)
    e.fuzzy = False
    assert state_of(e) is State.TRANSLATED


def test_editing_machine_output_drops_machine_state() -> None:
    """Machine output edited by a person is no longer machine: fuzzy if flagged, else translated."""
    e = entry()
    mark_machine(e, "deepl", DAY)
    e.msgstr = "Salut le monde"
    assert state_of(e) is State.FUZZY
    e.fuzzy = False
    assert state_of(e) is State.TRANSLATED


def test_approve_then_edit_msgstr_or_msgid_drops_approval() -> None:
    """Approval holds only for the exact msgid+msgstr it fingerprinted."""
    e = entry()
    approve(e, "Jane Doe", DAY)
    assert state_of(e) is State.APPROVED
    e.msgstr = "Salut le monde"
    assert state_of(e) is State.TRANSLATED
    e.msgstr = "Bonjour le monde"
    assert state_of(e) is State.APPROVED
    e.msgid = "Hello, world"
    assert state_of(e) is State.TRANSLATED
    e.fuzzy = True  # what msgmerge does when the source paragraph changed
    assert state_of(e) is State.FUZZY


def test_approval_does_not_travel_to_another_context() -> None:
    """A mark copied onto the same msgid+msgstr under another msgctxt does not count there."""
    title = Entry("Hello", "Hallo", msgctxt="front-matter:title")
    approve(title, "Jane Doe", DAY)
    heading = Entry("Hello", "Hallo", translator_comments=list(title.translator_comments))
    assert state_of(title) is State.APPROVED
    assert state_of(heading) is State.TRANSLATED


def test_approve_clears_fuzzy_and_previous_msgid() -> None:
    """Approving machine or fuzzy output makes it final: no fuzzy flag, no #| lines."""
    e = entry()
    mark_machine(e, "google", DAY)
    e.previous_msgid = "Hello old world"
    approve(e, "Jane Doe", NEXT)
    assert not e.fuzzy
    assert e.previous_msgid is None
    assert state_of(e) is State.APPROVED
    assert [m.kind for m in marks_of(e)] == [MarkKind.MACHINE, MarkKind.APPROVED]


def test_approve_twice_adds_one_mark() -> None:
    """Approving the same text twice on the same day does not duplicate the mark."""
    e = entry()
    approve(e, "Jane Doe", DAY)
    approve(e, "Jane Doe", DAY)
    assert len(e.translator_comments) == 1


def test_reject_marks_fuzzy_with_reason() -> None:
    """A rejection records reviewer, date and reason and flags the entry fuzzy."""
    e = entry()
    approve(e, "Jane Doe", DAY)
    reject(e, "Bob", NEXT, "wrong tense")
    assert e.fuzzy
    assert state_of(e) is State.REJECTED
    last = marks_of(e)[-1]
    assert (last.kind, last.who, last.when, last.reason) == (
        MarkKind.REJECTED, "Bob", NEXT, "wrong tense"
    )


def test_rejected_then_fixed_by_translator() -> None:
    """A translator fixing a rejected text (edit + clear fuzzy) sends it back to translated."""
    e = entry()
    reject(e, "Bob", DAY, "wrong tense")
    e.msgstr = "Bonjour au monde"
    assert state_of(e) is State.FUZZY
    e.fuzzy = False
    assert state_of(e) is State.TRANSLATED


def test_rejection_holds_until_the_text_changes() -> None:
    """Clearing fuzzy on a rejected text without editing it leaves it rejected (never published)."""
    e = entry()
    reject(e, "Bob", DAY, "wrong tense")
    e.fuzzy = False
    assert state_of(e) is State.REJECTED
    assert publishable(e, approved_only=False) is None


def test_approved_then_flagged_fuzzy_by_hand_is_fuzzy() -> None:
    """An approval does not hold once someone flags the entry fuzzy again."""
    e = entry()
    mark_machine(e, "google", DAY)
    approve(e, "Jane Doe", DAY)
    e.fuzzy = True
    assert state_of(e) is State.FUZZY


def test_reapproval_after_rejection() -> None:
    """The latest current mark decides: approve after a rejection gives approved."""
    e = entry()
    reject(e, "Bob", DAY, "check the name")
    approve(e, "Jane Doe", NEXT)
    assert state_of(e) is State.APPROVED


def test_reject_and_approve_refuse_bad_input() -> None:
    """Rejections need a reason, both need a reviewer name and a msgstr."""
    with pytest.raises(ValueError, match="reason"):
        reject(entry(), "Bob", DAY, "  ")
    with pytest.raises(ValueError, match="reviewer"):
        approve(entry(), " ", DAY)
    with pytest.raises(ValueError, match="no msgstr"):
        approve(entry(""), "Bob", DAY)
    with pytest.raises(ValueError, match="no msgstr"):
        reject(entry(""), "Bob", DAY, "x")


@pytest.mark.parametrize(
    "comment",
    [
        "accord: approved by Jane 2026-11-25",  # no fingerprint
        "accord: approved by Jane 2026-13-45 fp=0123456789ab",  # no such date
        "accord: approved by  2026-11-25 fp=0123456789ab",  # no name
        'accord: approved by "Jane 2026-11-25 fp=0123456789ab',  # unbalanced quote
        "accord: machine google 2026-11-25 fp=0123",  # short fingerprint
        "accord: machine goo gle 2026-11-25 fp=0123456789ab",  # engine not a word
        "accord: blessed by Jane 2026-11-25 fp=0123456789ab",  # unknown kind
        "accord:",
        "accord",
        "translator note: accord: approved by Jane 2026-11-25 fp=0123456789ab",
    ],
)
def test_malformed_marks_are_ignored(comment: str) -> None:
    """A mark a person broke is ignored: the state comes from the rest of the entry."""
    assert parse_mark(comment) is None
    e = entry()
    e.translator_comments.append(comment.replace("0123456789ab", entry_fingerprint(e)))
    assert state_of(e) is State.TRANSLATED


def test_hand_edited_marks_still_parse() -> None:
    """Extra spaces and an unquoted name (as a person might type) are read."""
    e = entry()
    fp = entry_fingerprint(e)
    e.translator_comments.append(f"  accord:  approved  by Jane Doe   2026-11-25  fp={fp}  ")
    assert state_of(e) is State.APPROVED
    assert marks_of(e)[0].who == "Jane Doe"


def test_other_translator_comments_are_kept() -> None:
    """Accord appends marks after a translator's own comments and never removes them."""
    e = entry()
    e.translator_comments.append("check with the desk")
    approve(e, "Jane", DAY)
    assert e.translator_comments[0] == "check with the desk"


names = st.text(min_size=1).filter(lambda s: s.strip() != "")


@given(who=names, reason=names)
def test_marks_round_trip_any_name_and_reason(who: str, reason: str) -> None:
    """Any reviewer name and reason survives format → parse and stays on one line."""
    mark = Mark(MarkKind.REJECTED, who, DAY, "0123456789ab", reason)
    line = format_mark(mark)
    assert "\n" not in line
    assert len(line.splitlines()) == 1
    assert parse_mark(line) == mark
    approved = Mark(MarkKind.APPROVED, who, DAY, "0123456789ab")
    assert parse_mark(format_mark(approved)) == approved


def polib_wrap(comments: list[str], width: int) -> list[str]:
    """Translator comments as polib writes them: lines longer than ``width`` wrapped by textwrap."""
    out: list[str] = []
    for comment in comments:
        if len(comment) + 2 > width:
            wrapped = textwrap.wrap(comment, width, initial_indent="# ",
                                    subsequent_indent="# ", break_long_words=False)
            out.extend(line[2:] for line in wrapped)
        else:
            out.append(comment)
    return out


@given(who=names, reason=names, width=st.integers(min_value=12, max_value=100))
def test_marks_survive_line_wrapping(who: str, reason: str, width: int) -> None:
    """A mark wrapped over several comment lines (as polib does) is read back exactly."""
    comments = [
        format_mark(Mark(MarkKind.MACHINE, "google", DAY, "0123456789ab")),
        format_mark(Mark(MarkKind.APPROVED, who, DAY, "0123456789ab")),
        "a translator's own note",
        format_mark(Mark(MarkKind.REJECTED, who, NEXT, "0123456789ab", reason)),
    ]
    assert read_marks(polib_wrap(comments, width)) == read_marks(comments)
    assert len(read_marks(comments)) == 3


def test_wrapped_hyphenated_names_and_spaces_round_trip() -> None:
    """Hyphens and runs of spaces in names and reasons survive wrapping at any point."""
    who = "Jean-Pierre  Müller-Lüdenscheidt - de la  Roche"
    reason = "see  the house-style -- and  the glossary - again " * 3
    mark = Mark(MarkKind.REJECTED, who, DAY, "0123456789ab", reason)
    for width in range(10, 120):
        assert read_marks(polib_wrap([format_mark(mark)], width)) == [mark]


def test_broken_wrapped_mark_does_not_swallow_the_next() -> None:
    """A mark cut short by hand is ignored; the valid mark after it still counts."""
    e = entry()
    fp = entry_fingerprint(e)
    e.translator_comments.extend([
        'accord: approved by "Jane',
        "some note",
        f'accord: approved by "Bob" 2026-11-25 fp={fp}',
    ])
    assert [m.who for m in marks_of(e)] == ["Bob"]
    assert state_of(e) is State.APPROVED


def test_history_tells_which_marks_still_hold() -> None:
    """history() lists every mark with whether it matches today's text."""
    e = entry()
    mark_machine(e, "google", DAY)
    e.msgstr = "Salut le monde"
    e.fuzzy = False
    approve(e, "Jane", NEXT)
    events = history(e)
    assert [(ev.mark.kind, ev.current) for ev in events] == [
        (MarkKind.MACHINE, False), (MarkKind.APPROVED, True)
    ]


def test_plural_entries_fingerprint_every_form() -> None:
    """Changing one plural form of an approved plural entry drops its approval."""
    e = Entry(msgid="one file", msgid_plural="%d files", msgstr_plural={0: "un", 1: "des"})
    approve(e, "Jane", DAY)
    assert state_of(e) is State.APPROVED
    e.msgstr_plural[1] = "plusieurs"
    assert state_of(e) is State.TRANSLATED


def test_publishable() -> None:
    """Only translated/approved text is published; approved_only narrows to approved."""
    person = entry()
    approved = entry()
    approve(approved, "Jane", DAY)
    machine = entry()
    mark_machine(machine, "google", DAY)
    rejected = entry()
    reject(rejected, "Bob", DAY, "no")
    assert publishable(person, approved_only=False) == "Bonjour le monde"
    assert publishable(person, approved_only=True) is None
    assert publishable(approved, approved_only=True) == "Bonjour le monde"
    assert publishable(machine, approved_only=False) is None
    assert publishable(rejected, approved_only=False) is None
    assert publishable(entry(""), approved_only=False) is None
