"""No merge loses a translation, with plural entries, flags and obsolete entries, on real files.

Two properties: a stateful run of template edits, partial translations and syncs
whose catalog is written and read back with every sync (so what the writer drops
counts as lost); and random template edits (entries dropped, reworded, flags
changed, plural made singular and back) applied to real PO files: the committed
fixtures and, where the shared corpus is present, python-docs-fr files.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from accord.catalog.pofile import (
    Catalog,
    Entry,
    encode_po,
    format_po,
    parse_po,
    parse_po_bytes,
    read_po,
)
from accord.merge.msgmerge import merge

HEADER = Entry(
    msgid="",
    msgstr=(
        "Content-Type: text/plain; charset=UTF-8\nLanguage: ru\n"
        "Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : "
        "n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);\nX-Source-Language: en\n"
    ),
)
WORDS = ["file", "files", "%d", "%s", "copied", "deleted", "folder", "now", "here", "all"]
FLAGS = [[], ["c-format"], ["python-format"], ["no-wrap"], ["c-format", "no-wrap"], ["range: 1..9"]]
DATA = Path(__file__).parent / "data"
CORPUS = Path(__file__).parent.parent.parent / "shared" / "corpus" / "python-docs-fr-3.13"
REAL_FILES = [
    *sorted((DATA / "world").glob("*.po")),
    DATA / "merge" / "old.po",
    *sorted(CORPUS.rglob("*.po"))[:: max(1, len(sorted(CORPUS.rglob("*.po"))) // 25 or 1)],
]
phrase = st.lists(st.sampled_from(WORDS), min_size=1, max_size=6).map(" ".join)


def translations(catalog: Catalog) -> set[str]:
    """Every non-empty msgstr and plural form of the catalog, header excluded."""
    found: set[str] = set()
    for entry in catalog.entries:
        if entry is catalog.header:
            continue
        found.update(text for text in (entry.msgstr, *entry.msgstr_plural.values()) if text)
    return found


class PluralEditing(RuleBasedStateMachine):
    """Template entries with plurals and flags; translators fill some forms; syncs write."""

    def __init__(self) -> None:
        super().__init__()
        self.template: list[Entry] = []
        self.catalog = Catalog([HEADER])
        self.written: set[str] = set()
        self.counter = 0

    @rule(msgid=phrase, plural=st.booleans(), flags=st.sampled_from(FLAGS))
    def add(self, msgid: str, plural: bool, flags: list[str]) -> None:
        if all(t.msgid != msgid for t in self.template):
            self.template.append(
                Entry(msgid, msgid_plural=msgid + " (n)" if plural else None, flags=list(flags))
            )

    @precondition(lambda self: self.template)
    @rule(where=st.integers(min_value=0))
    def remove(self, where: int) -> None:
        del self.template[where % len(self.template)]

    @precondition(lambda self: self.template)
    @rule(where=st.integers(min_value=0), word=st.sampled_from(WORDS), flags=st.sampled_from(FLAGS))
    def edit(self, where: int, word: str, flags: list[str]) -> None:
        entry = self.template[where % len(self.template)]
        msgid = f"{entry.msgid} {word}"
        if all(t.msgid != msgid for t in self.template):
            entry.msgid, entry.flags = msgid, list(flags)

    @precondition(lambda self: self.template)
    @rule(where=st.integers(min_value=0))
    def switch_plural(self, where: int) -> None:
        entry = self.template[where % len(self.template)]
        entry.msgid_plural = None if entry.msgid_plural else entry.msgid + " (n)"

    @rule(where=st.integers(min_value=0), forms=st.sets(st.integers(0, 2), min_size=1))
    def translate(self, where: int, forms: set[int]) -> None:
        active = self.catalog.messages()
        if not active:
            return
        entry = active[where % len(active)]
        self.counter += 1
        # Overwriting is the person's own decision: the old text may go.
        if entry.msgid_plural is None:
            self.written.discard(entry.msgstr)
            entry.msgstr = f"T{self.counter}"
            self.written.add(entry.msgstr)
            return
        for form in forms:
            self.written.discard(entry.msgstr_plural.get(form, ""))
            entry.msgstr_plural[form] = f"T{self.counter}.{form}"
            self.written.add(entry.msgstr_plural[form])

    @rule(like_msgmerge=st.booleans())
    def sync(self, like_msgmerge: bool) -> None:
        template = [
            Entry(t.msgid, msgid_plural=t.msgid_plural, flags=list(t.flags)) for t in self.template
        ]
        result = merge(self.catalog, template, HEADER, like_msgmerge=like_msgmerge)
        self.catalog = parse_po(format_po(result.catalog))

    @invariant()
    def nothing_is_lost(self) -> None:
        lost = self.written - translations(self.catalog)
        assert not lost, f"lost {lost}"


PluralEditing.TestCase.settings = settings(max_examples=120, stateful_step_count=35, deadline=None)
test_plural_and_flag_edits_lose_nothing = PluralEditing.TestCase


def _mutated(entries: list[Entry], choices: list[int], flags: list[list[str]]) -> list[Entry]:
    out: list[Entry] = []
    seen: set[tuple[str | None, str]] = set()
    for number, entry in enumerate(entries):
        choice = choices[number % len(choices)]
        if choice == 0:
            continue  # dropped
        ref = Entry(
            entry.msgid,
            msgctxt=entry.msgctxt,
            msgid_plural=entry.msgid_plural,
            flags=[f for f in entry.flags if f != "fuzzy"],
            references=list(entry.references),
        )
        if choice == 1:
            ref.msgid += " (edited)"
        elif choice == 2:
            ref.flags = list(flags[number % len(flags)])
        elif choice == 3:
            ref.msgid_plural = None if ref.msgid_plural else ref.msgid + "s"
        if ref.key not in seen:
            seen.add(ref.key)
            out.append(ref)
    return out


@settings(max_examples=60, deadline=None)
@given(
    path=st.sampled_from(REAL_FILES),
    choices=st.lists(st.integers(0, 6), min_size=1, max_size=30),
    flags=st.lists(st.sampled_from(FLAGS), min_size=1, max_size=5),
    like_msgmerge=st.booleans(),
)
def test_real_files_merge_without_loss(
    path: Path, choices: list[int], flags: list[list[str]], like_msgmerge: bool
) -> None:
    """A real PO file merged with a randomly edited template, written and read back, still
    holds every translation it had (active or obsolete)."""
    old = read_po(path)
    header = old.header or HEADER
    template = _mutated(old.messages(), choices, flags)
    result = merge(old, template, header, like_msgmerge=like_msgmerge)
    again = parse_po_bytes(encode_po(result.catalog), str(path))
    assert translations(old) <= translations(again)
