"""Any sequence of reviews, edits, flags and polib/msgcat/msgmerge round trips: expected states."""

from __future__ import annotations

import datetime
import itertools
import subprocess
import tempfile
from pathlib import Path

import polib
from hypothesis import given, settings
from hypothesis import strategies as st

from accord.catalog.pofile import Catalog, Entry, format_po, header_entry, parse_po
from accord.review.state import State, approve, mark_machine, reject, state_of

DAY = datetime.date(2026, 11, 25)

people = st.sampled_from(["Jane Doe", "Jean-Pierre  Müller", 'A "quoted" name', "Ωmega"])
operations = st.one_of(
    st.tuples(st.just("approve"), people),
    st.tuples(st.just("reject"), people, st.sampled_from(["tense", "Use “Bündnis” - not Allianz"])),
    st.tuples(st.just("machine"), st.sampled_from(["google", "deepl"])),
    st.tuples(st.just("edit")),
    st.tuples(st.just("change_source")),
    st.tuples(st.just("set_fuzzy")),
    st.tuples(st.just("clear_fuzzy")),
    st.tuples(st.just("polib")),
    st.tuples(st.just("format")),
    st.tuples(st.just("msgcat")),
    st.tuples(st.just("msgmerge")),
)


def expected(decision: str | None, fuzzy: bool) -> State:
    """The state a person expects from the latest decision on today's text and the flag."""
    if decision == "rejected":
        return State.REJECTED
    if decision == "machine":
        return State.MACHINE if fuzzy else State.TRANSLATED
    if decision == "approved":
        return State.FUZZY if fuzzy else State.APPROVED
    return State.FUZZY if fuzzy else State.TRANSLATED


def polib_round_trip(entry: Entry) -> Entry:
    catalog = Catalog([header_entry("de", "en", "accord"), entry])
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "a.po"
        path.write_text(format_po(catalog), encoding="utf-8")
        polib.pofile(str(path)).save(str(path))
        (back,) = parse_po(path.read_text(encoding="utf-8")).messages()
    return back


def gettext_round_trip(entry: Entry, tool: str) -> Entry:
    """The entry after ``msgcat``, or ``msgmerge`` against a template of its own msgid."""
    catalog = Catalog([header_entry("de", "en", "accord"), entry])
    with tempfile.TemporaryDirectory() as folder:
        po, pot, out = Path(folder) / "a.po", Path(folder) / "a.pot", Path(folder) / "out.po"
        po.write_text(format_po(catalog), encoding="utf-8")
        if tool == "msgcat":
            subprocess.run(["msgcat", "-o", str(out), str(po)], check=True, capture_output=True)
        else:
            template = Catalog([header_entry("de", "en", "accord"),
                                Entry(entry.msgid, msgctxt=entry.msgctxt)])
            pot.write_text(format_po(template), encoding="utf-8")
            subprocess.run(["msgmerge", "--quiet", "--previous", "-o", str(out), str(po), str(pot)],
                           check=True, capture_output=True)
        (back,) = parse_po(out.read_text(encoding="utf-8")).messages()
    return back


def format_round_trip(entry: Entry) -> Entry:
    catalog = Catalog([header_entry("de", "en", "accord"), entry])
    (back,) = parse_po(format_po(catalog)).messages()
    return back


@settings(max_examples=150, deadline=None)
@given(steps=st.lists(operations, max_size=14))
def test_state_follows_a_persons_expectation(steps: list[tuple[str, ...]]) -> None:
    """The state after every step is what the latest decision on today's text says."""
    counter = itertools.count(1)
    entry = Entry("Source text 0.", "Zieltext 0.")
    decision: str | None = None
    for step in steps:
        kind = step[0]
        if kind == "approve":
            approve(entry, step[1], DAY)
            decision = "approved"
        elif kind == "reject":
            reject(entry, step[1], DAY, step[2])
            decision = "rejected"
        elif kind == "machine":
            mark_machine(entry, step[1], DAY)
            decision = "machine"
        elif kind == "edit":
            entry.msgstr = f"Zieltext {next(counter)}."
            decision = None
        elif kind == "change_source":  # what msgmerge and sync do when the paragraph changed
            entry.previous_msgid = entry.msgid
            entry.msgid = f"Source text {next(counter)}."
            entry.fuzzy = True
            decision = None
        elif kind == "set_fuzzy":
            entry.fuzzy = True
        elif kind == "clear_fuzzy":
            entry.fuzzy = False
        elif kind == "polib":
            entry = polib_round_trip(entry)
        elif kind in ("msgcat", "msgmerge"):
            entry = gettext_round_trip(entry, kind)
        else:
            entry = format_round_trip(entry)
        assert state_of(entry) is expected(decision, entry.fuzzy), step
    catalog = Catalog([header_entry("de", "en", "accord"), entry])
    cat = subprocess.run(["msgcat", "-"], input=format_po(catalog).encode(), capture_output=True,
                         check=True)
    (back,) = parse_po(cat.stdout.decode("utf-8")).messages()
    assert state_of(back) is state_of(entry)
