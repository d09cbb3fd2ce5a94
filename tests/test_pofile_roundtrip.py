"""Files Accord writes: valid for msgfmt --check, reproduced exactly by msgcat, read back equal.

A hypothesis strategy builds random catalogs (unicode, long words, ``\\n``, quotes,
tabs, plurals, contexts, comments, previous msgids, obsolete entries); each is
written with format_po, checked with the real GNU tools and parsed back.
"""

from __future__ import annotations

import dataclasses
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accord.catalog.pofile import Catalog, Entry, format_po, header_entry, parse_po

# Latin with accents, Persian, Cyrillic, CJK (two columns wide), combining marks,
# quotes, backslashes, tabs, no-break spaces, and plenty of plain spaces.
ALPHABET = (
    "abcdefghijklmnopqrstuvwxyz ABCXYZ 0123456789 "
    "éèàçœ ÄÖÜß «»“”‘’…–— ‑-/.,;:!?()[]{}<>%&*+=#|~_@$^`'"
    '" \\ \t '
    "ایرانعراقچ привет 漢字日本語 한국어 "
    "\u0301\u0308 \u00a0\u202f\u200b"
)
WORD = st.text(alphabet=ALPHABET + "\r\a\b\f\v", min_size=0, max_size=12)
LONG_WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=70, max_size=120)
PIECE = st.one_of(WORD, WORD, WORD, LONG_WORD, st.just("\n"), st.just(" "), st.just('"'))
TEXT = st.lists(PIECE, max_size=40).map("".join)
# gettext reads a backslash ending a line as a line continuation, even in comments.
COMMENT = st.text(alphabet=ALPHABET.replace("\t", ""), max_size=90).filter(
    lambda text: not text.endswith("\\")
)
REFERENCE = st.builds(
    "{}:{}".format,
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz/_-.", min_size=1, max_size=30).filter(
        lambda name: not name.startswith("./") and not name.endswith(":")
    ),
    st.integers(min_value=1, max_value=9999),
)


def _same_edges(source: str, text: str) -> str:
    """``text`` beginning and ending with a newline exactly when ``source`` does (msgfmt checks)."""
    head = "\n" if source.startswith("\n") else ""
    tail = "\n" if source.endswith("\n") else ""
    return head + (text.strip("\n") or "x") + tail


@st.composite
def entries(draw: st.DrawFn, obsolete: bool = False) -> Entry:
    msgid = draw(TEXT.filter(bool))
    plural = draw(st.booleans())
    translated = obsolete or draw(st.booleans())
    entry = Entry(msgid=msgid, obsolete=obsolete)
    if draw(st.booleans()):
        entry.msgctxt = draw(TEXT)
    if plural:
        entry.msgid_plural = _same_edges(msgid, draw(TEXT))
        entry.msgstr_plural = {
            index: _same_edges(msgid, draw(TEXT)) if translated else "" for index in range(2)
        }
    elif translated:
        entry.msgstr = _same_edges(msgid, draw(TEXT))
    entry.translator_comments = draw(st.lists(COMMENT, max_size=3))
    if not obsolete:
        entry.extracted_comments = draw(st.lists(COMMENT, max_size=2))
        entry.references = list(dict.fromkeys(draw(st.lists(REFERENCE, max_size=8))))
    if not obsolete and draw(st.integers(min_value=0, max_value=5)) == 0:
        entry.flags = ["no-wrap"]  # gettext writes only "fuzzy" for obsolete entries
    if translated and draw(st.booleans()):
        entry.flags = ["fuzzy", *entry.flags]
        if draw(st.booleans()):
            entry.previous_msgid = draw(TEXT)
            if draw(st.booleans()):  # gettext reads "#| msgctxt" only before "#| msgid"
                entry.previous_msgctxt = draw(TEXT)
    return entry


@st.composite
def catalogs(draw: st.DrawFn) -> Catalog:
    # At least one message: msgcat writes nothing at all for a header-only file.
    active = draw(st.lists(entries(), min_size=1, max_size=6))
    old = draw(st.lists(entries(obsolete=True), max_size=3))
    unique: dict[tuple[str | None, str], Entry] = {}
    for entry in active + old:
        unique.setdefault(entry.key, entry)
    return Catalog(entries=[header_entry("fr", "en", "hypothesis"), *unique.values()])


def _without_lines(catalog: Catalog) -> list[Entry]:
    return [dataclasses.replace(entry, line=0) for entry in catalog.entries]


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(catalog=catalogs())
def test_written_catalog_is_canonical_valid_and_reads_back(
    tmp_path_factory: pytest.TempPathFactory, catalog: Catalog
) -> None:
    """msgcat reproduces format_po's text, msgfmt --check accepts it, parse_po gives it back."""
    text = format_po(catalog)
    path: Path = tmp_path_factory.mktemp("po") / "random.po"
    path.write_text(text, encoding="utf-8")
    msgcat = subprocess.run(["msgcat", str(path)], capture_output=True, text=True, check=False)
    assert msgcat.returncode == 0, msgcat.stderr
    assert msgcat.stdout == text
    msgfmt = subprocess.run(
        ["msgfmt", "--check", "-o", "/dev/null", str(path)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert msgfmt.returncode == 0, msgfmt.stderr
    assert _without_lines(parse_po(text, str(path))) == _without_lines(catalog)
