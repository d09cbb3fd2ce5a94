"""No sequence of source edits, translator edits and merges loses a translation a person wrote."""

from __future__ import annotations

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from accord.catalog.pofile import Catalog, Entry
from accord.merge.memory import TranslationMemory
from accord.merge.msgmerge import merge

HEADER = Entry(msgid="", msgstr="Language: de\nX-Source-Language: en\n")
WORDS = ["Iran", "Russia", "signed", "a", "railway", "treaty", "the", "corridor", "opens",
         "officials", "called", "it", "historic", "Rasht", "Astara", "border", "freight"]
sentence = st.lists(st.sampled_from(WORDS), min_size=2, max_size=10).map(
    lambda words: " ".join(words) + "."
)


class Editing(RuleBasedStateMachine):
    """An article's paragraphs, its German catalog, and the translations people wrote."""

    def __init__(self) -> None:
        super().__init__()
        self.source: list[str] = []
        self.contexts: dict[str, str | None] = {}
        self.catalog = Catalog([HEADER])
        self.written: set[str] = set()  # every msgstr a person typed, still expected somewhere
        self.counter = 0
        self.elsewhere = Catalog([HEADER])  # another article's catalog: the memory's source

    # Source edits -------------------------------------------------------------------
    @rule(text=sentence, where=st.integers(min_value=0))
    def insert(self, text: str, where: int) -> None:
        if text not in self.source:
            self.source.insert(where % (len(self.source) + 1), text)

    @precondition(lambda self: self.source)
    @rule(where=st.integers(min_value=0))
    def delete(self, where: int) -> None:
        del self.source[where % len(self.source)]

    @precondition(lambda self: self.source)
    @rule(where=st.integers(min_value=0), word=st.sampled_from(WORDS), cut=st.booleans())
    def reword(self, where: int, word: str, cut: bool) -> None:
        i = where % len(self.source)
        words = self.source[i].rstrip(".").split()
        words = words[:-1] if cut and len(words) > 2 else [*words, word]
        text = " ".join(words) + "."
        if text not in self.source:
            self.source[i] = text

    @precondition(lambda self: len(self.source) > 1)
    @rule(a=st.integers(min_value=0), b=st.integers(min_value=0))
    def reorder(self, a: int, b: int) -> None:
        paragraph = self.source.pop(a % len(self.source))
        self.source.insert(b % (len(self.source) + 1), paragraph)

    @precondition(lambda self: self.source)
    @rule(where=st.integers(min_value=0), title=st.booleans())
    def toggle_title(self, where: int, title: bool) -> None:
        text = self.source[where % len(self.source)]
        self.contexts[text] = "front-matter:title" if title else None

    # Translator edits ---------------------------------------------------------------
    @rule(where=st.integers(min_value=0), clear_fuzzy=st.booleans())
    def translate(self, where: int, clear_fuzzy: bool) -> None:
        active = self.catalog.messages()
        if not active:
            return
        entry = active[where % len(active)]
        self.counter += 1
        if entry.msgstr:
            # Overwriting is the person's own decision: the old text may go only if
            # no other entry still holds it.
            others = [
                e for e in self.catalog.entries if e is not entry and e.msgstr == entry.msgstr
            ]
            if not others:
                self.written.discard(entry.msgstr)
        entry.msgstr = f"Ü{self.counter}: {entry.msgid}"
        self.written.add(entry.msgstr)
        if clear_fuzzy:
            entry.fuzzy = False
            entry.previous_msgid = None

    @precondition(lambda self: self.source)
    @rule(where=st.integers(min_value=0))
    def translate_elsewhere(self, where: int) -> None:
        """Another article gets a paragraph of this one (perhaps not synced here yet)."""
        text = self.source[where % len(self.source)]
        if self.elsewhere.find(text) is None:
            self.elsewhere.entries.append(Entry(text, f"TM: {text}"))

    # Merge ----------------------------------------------------------------------------
    @rule(like_msgmerge=st.booleans(), with_memory=st.booleans())
    def sync(self, like_msgmerge: bool, with_memory: bool) -> None:
        template = [Entry(msgid=m, msgctxt=self.contexts.get(m)) for m in self.source]
        before = {e.msgstr for e in self.catalog.entries if e.msgstr} - {HEADER.msgstr}
        memory = TranslationMemory.build([self.elsewhere]) if with_memory else None
        known = {e.key for e in self.catalog.entries}
        result = merge(self.catalog, template, HEADER, tm=memory, like_msgmerge=like_msgmerge)
        for entry in result.catalog.messages():
            hit = memory.lookup(entry.msgid, entry.msgctxt, "en") if memory else None
            if entry.key not in known and hit is not None:
                assert (entry.msgstr, entry.fuzzy) == (hit, False)
        after = {e.msgstr for e in result.catalog.entries if e.msgstr}
        assert before <= after, f"merge lost {before - after}"
        keys = [(e.msgctxt, e.msgid) for e in result.catalog.messages()]
        assert keys == [(t.msgctxt, t.msgid) for t in template]
        self.catalog = result.catalog

    @invariant()
    def translations_survive(self) -> None:
        present = {e.msgstr for e in self.catalog.entries}
        assert self.written <= present

    @invariant()
    def keys_are_unique(self) -> None:
        keys = [e.key for e in self.catalog.entries]
        assert len(keys) == len(set(keys))

    @invariant()
    def obsolete_entries_come_last(self) -> None:
        flags = [e.obsolete for e in self.catalog.entries]
        assert flags == sorted(flags)


Editing.TestCase.settings = settings(max_examples=150, stateful_step_count=40, deadline=None)
test_no_translation_is_ever_lost = Editing.TestCase
