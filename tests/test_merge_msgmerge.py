"""merge() agrees with GNU msgmerge --previous on the same old PO file and template.

The files are written and read with polib here (the PO layer is tested elsewhere);
msgmerge is the real GNU gettext 0.21 binary.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import polib
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accord.catalog.pofile import Catalog, Entry
from accord.merge.msgmerge import merge

HEADER = Entry(msgid="", msgstr="Content-Type: text/plain; charset=UTF-8\nLanguage: fr\n")


def to_polib(entry: Entry) -> polib.POEntry:
    return polib.POEntry(
        msgid=entry.msgid,
        msgstr=entry.msgstr,
        msgctxt=entry.msgctxt,
        tcomment="\n".join(entry.translator_comments),
        comment="\n".join(entry.extracted_comments),
        occurrences=[tuple(r.rsplit(":", 1)) for r in entry.references],
        flags=list(entry.flags),
        previous_msgid=entry.previous_msgid,
        obsolete=entry.obsolete,
    )


def from_polib(entry: polib.POEntry) -> Entry:
    return Entry(
        msgid=entry.msgid,
        msgstr=entry.msgstr,
        msgctxt=entry.msgctxt,
        translator_comments=entry.tcomment.split("\n") if entry.tcomment else [],
        flags=list(entry.flags),
        previous_msgid=entry.previous_msgid,
        obsolete=entry.obsolete,
    )


def write(path: Path, entries: list[Entry]) -> None:
    po = polib.POFile(wrapwidth=79)
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": "fr"}
    for entry in entries:
        po.append(to_polib(entry))
    po.save(str(path))


def msgmerge(tmp: Path, old: list[Entry], template: list[Entry]) -> list[Entry]:
    write(tmp / "old.po", old)
    write(tmp / "new.pot", template)
    subprocess.run(
        ["msgmerge", "--previous", "--quiet", "-o", str(tmp / "out.po"),
         str(tmp / "old.po"), str(tmp / "new.pot")],
        check=True,
    )
    return [from_polib(e) for e in polib.pofile(str(tmp / "out.po"))]


def ours(old: list[Entry], template: list[Entry], like_msgmerge: bool = False) -> list[Entry]:
    result = merge(Catalog([HEADER, *old]), template, HEADER, like_msgmerge=like_msgmerge).catalog
    return result.entries[1:]


def summary(entries: list[Entry]) -> list[tuple[object, ...]]:
    """What both tools must agree on: keys, translations, state, previous msgid, comments, order."""
    return [
        (e.msgctxt, e.msgid, e.msgstr, e.fuzzy, e.previous_msgid, e.obsolete,
         tuple(e.translator_comments))
        for e in entries
    ]


CASES = {
    "reworded": (
        [Entry("Officials called it historic.", "Historique.", translator_comments=["n"])],
        [Entry("Officials in Tehran called it historic.")],
    ),
    "revived and obsolete": (
        [Entry("Keep.", "Garde."), Entry("Back again.", "De retour.", obsolete=True),
         Entry("Dropped for good.", "Abandonné.")],
        [Entry("Back again."), Entry("Keep.")],
    ),
    "fuzzy chain keeps first previous": (
        [Entry("Version two of the text.", "V1.", flags=["fuzzy"],
               previous_msgid="Version one of the text.")],
        [Entry("Version three of the text.")],
    ),
    "contexts": (
        [Entry("Iran and Russia", "Iran et Russie", msgctxt="front-matter:title"),
         Entry("Iran and Russia.", "L'Iran et la Russie.")],
        [Entry("Iran and Russia!", msgctxt="front-matter:title"), Entry("Iran & Russia.")],
    ),
    "two new segments share one old translation": (
        [Entry("The corridor opens in May.", "Le corridor ouvre en mai.")],
        [Entry("The corridor opens in June."), Entry("The corridor opens in July.")],
    ),
    "untranslated removed": (
        [Entry("Nobody translated this.", ""), Entry("Some text.", "Du texte.")],
        [Entry("Some text.")],
    ),
    "non-ascii bytes": (
        [Entry("Der Bündnisvertrag wurde unterzeichnet.", "Le traité d'alliance a été signé.")],
        [Entry("Der Bündnisvertrag wurde gestern unterzeichnet.")],
    ),
    "short strings": (
        [Entry("Ok", "D'accord"), Entry("Yes", "Oui")],
        [Entry("Okk"), Entry("Yes!")],
    ),
}


@pytest.mark.parametrize("like_msgmerge", [False, True])
@pytest.mark.parametrize("name", sorted(CASES))
def test_same_result_as_msgmerge(tmp_path: Path, name: str, like_msgmerge: bool) -> None:
    """On hand-picked cases merge and msgmerge produce the same entries in the same order."""
    old, template = CASES[name]
    expected = summary(msgmerge(tmp_path, old, template))
    assert summary(ours(old, template, like_msgmerge)) == expected


def test_translation_still_in_use_is_offered_only_like_msgmerge(tmp_path: Path) -> None:
    """By default a translation still attached to its segment is not copied to a similar
    new one; like_msgmerge=True does copy it, exactly as msgmerge."""
    old = [Entry("Hello world", "Bonjour le monde")]
    template = [Entry("Hello world!"), Entry("Hello world")]
    theirs = msgmerge(tmp_path, old, template)
    assert theirs[0].fuzzy
    assert theirs[0].msgstr == "Bonjour le monde"
    assert summary(ours(old, template, like_msgmerge=True)) == summary(theirs)
    default = ours(old, template)
    assert (default[0].msgstr, default[0].fuzzy) == ("", False)


WORDS = ["Iran", "Russia", "signed", "the", "treaty", "corridor", "opens", "in", "May", "rail",
         "freight", "border", "Astara", "Rasht", "officials", "called", "it", "historic", "Bündnis"]
sentences = st.lists(st.sampled_from(WORDS), min_size=1, max_size=9).map(
    lambda words: " ".join(words) + "."
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    old_ids=st.lists(sentences, min_size=1, max_size=8, unique=True),
    new_ids=st.lists(sentences, min_size=1, max_size=8, unique=True),
    data=st.data(),
)
def test_fuzzy_choices_agree_with_msgmerge(
    tmp_path: Path, old_ids: list[str], new_ids: list[str], data: st.DataObject
) -> None:
    """With no msgid in common, merge picks the same fuzzy sources as msgmerge, always."""
    new_ids = [m for m in new_ids if m not in old_ids]
    old = []
    for i, msgid in enumerate(old_ids):
        translated = data.draw(st.booleans())
        old.append(Entry(msgid, f"T{i}" if translated else "",
                         obsolete=translated and data.draw(st.booleans())))
    template = [Entry(m) for m in new_ids]
    assert summary(ours(old, template)) == summary(msgmerge(tmp_path, old, template))


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    old_ids=st.lists(sentences, min_size=1, max_size=8, unique=True),
    new_ids=st.lists(sentences, min_size=1, max_size=8, unique=True),
    data=st.data(),
)
def test_like_msgmerge_mode_agrees_with_msgmerge(
    tmp_path: Path, old_ids: list[str], new_ids: list[str], data: st.DataObject
) -> None:
    """With like_msgmerge=True, old and new msgids may overlap and the result is msgmerge's."""
    old = []
    for i, msgid in enumerate(old_ids):
        translated = data.draw(st.booleans())
        old.append(Entry(msgid, f"T{i}" if translated else "",
                         obsolete=translated and data.draw(st.booleans())))
    template = [Entry(m) for m in new_ids]
    expected = summary(msgmerge(tmp_path, old, template))
    assert summary(ours(old, template, like_msgmerge=True)) == expected
