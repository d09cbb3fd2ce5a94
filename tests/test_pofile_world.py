"""PO files as other tools write them: each file in tests/data/world/ comes back as msgcat has it.

Each fixture reproduces one class of file that Accord once refused or changed:
obsolete entries with comments and flags, entries on one line, CR-only and
CR CR LF line ends, ``domain`` directives, Latin-1, KOI8-R and EUC-JP files,
ASCII files declaring ISO-8859-1, NUL escapes, Hebrew hyphens and flag emoji
(UAX #14 LB21a and LB30a), ``java-printf-format``.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from accord.catalog.pofile import (
    Catalog,
    Entry,
    encode_po,
    parse_po,
    parse_po_bytes,
    read_po,
    write_po,
)
from accord.errors import CatalogError

WORLD = Path(__file__).parent / "data" / "world"


def msgcat_bytes(path: Path) -> bytes:
    return subprocess.run(["msgcat", str(path)], capture_output=True, check=True).stdout


def test_there_are_world_files() -> None:
    """The folder walked below is not empty (a wrong path would make the test vacuous)."""
    assert len(sorted(WORLD.glob("*.po"))) >= 12


@pytest.mark.parametrize("path", sorted(WORLD.glob("*.po")), ids=lambda p: p.stem)
def test_read_and_write_gives_what_msgcat_gives(path: Path) -> None:
    """read_po + encode_po writes exactly msgcat's bytes, in the file's own charset."""
    assert encode_po(read_po(path)) == msgcat_bytes(path)


@pytest.mark.parametrize("path", sorted(WORLD.glob("*.po")), ids=lambda p: p.stem)
def test_written_file_reads_back_the_same(path: Path, tmp_path: Path) -> None:
    """What Accord writes for a fixture, read again, writes the same bytes (a fixed point)."""
    first = encode_po(read_po(path))
    copy = tmp_path / path.name
    copy.write_bytes(first)
    assert encode_po(read_po(copy)) == first


def test_obsolete_entries_keep_comments_and_flags() -> None:
    """An obsolete entry keeps its comments, references, fuzzy, format flags and no-wrap."""
    catalog = read_po(WORLD / "obsolete_flags.po")
    obsolete = catalog.obsolete_entries()[0]
    assert obsolete.translator_comments == ["translator note"]
    assert obsolete.references == ["src/a.c:12"]
    assert obsolete.flags == ["fuzzy", "c-format", "range: 1..5", "no-wrap"]
    text = encode_po(catalog).decode("utf-8")
    assert "#, fuzzy, c-format, no-wrap\n#~| msgid" in text  # range is not written, as gettext


def test_domains_are_kept_apart() -> None:
    """The same msgid in two domains is two entries, each written under its directive."""
    catalog = read_po(WORLD / "domain.po")
    assert [(e.domain, e.msgid, e.msgstr) for e in catalog.entries if e.msgid == "a"] == [
        ("first", "a", "b"),
        ("second", "a", "c"),
    ]


def test_latin1_file_is_written_back_in_latin1(tmp_path: Path) -> None:
    """A Latin-1 file is read as text and, changed, written again in Latin-1."""
    path = tmp_path / "fr.po"
    path.write_bytes((WORLD / "latin1.po").read_bytes())
    catalog = read_po(path)
    assert catalog.charset() == "ISO-8859-1"
    assert "café" in catalog.messages()[0].msgstr
    catalog.messages()[0].msgstr = "thé à la menthe"
    assert write_po(path, catalog)
    assert "thé à la menthe".encode("latin-1") in path.read_bytes()


def test_unwritable_character_is_an_error_naming_msgconv(tmp_path: Path) -> None:
    """A character the declared charset cannot hold is refused, the file left as it was."""
    path = tmp_path / "fr.po"
    original = (WORLD / "latin1.po").read_bytes()
    path.write_bytes(original)
    catalog = read_po(path)
    catalog.messages()[0].msgstr = "10 €"
    with pytest.raises(CatalogError, match="msgconv --to-code=UTF-8") as caught:
        write_po(path, catalog)
    assert caught.value.path == str(path)
    assert path.read_bytes() == original


def test_charset_python_cannot_decode_is_refused_with_msgconv_hint() -> None:
    """EUC-TW is portable for gettext but has no Python codec: refused, msgconv suggested."""
    data = (
        b'msgid ""\nmsgstr "Content-Type: text/plain; charset=EUC-TW\\n"\n\nmsgid "a"\nmsgstr "b"\n'
    )
    with pytest.raises(CatalogError, match="msgconv --to-code=UTF-8"):
        parse_po_bytes(data, "tw.po")


def test_charset_placeholder_is_accepted_in_a_template_only() -> None:
    """``charset=CHARSET`` (xgettext's placeholder) is fine in a .pot, refused in a .po."""
    data = (
        b'msgid ""\nmsgstr "Content-Type: text/plain; charset=CHARSET\\n"\n\nmsgid "a"\nmsgstr ""\n'
    )
    assert parse_po_bytes(data, "messages.pot").messages()[0].msgid == "a"
    with pytest.raises(CatalogError, match="not a portable encoding name"):
        parse_po_bytes(data, "fr.po")


def test_non_ascii_without_charset_is_refused() -> None:
    """Non-ASCII text in a file with no charset in its header is refused, as msgcat does."""
    with pytest.raises(CatalogError, match="charset specification"):
        parse_po_bytes('msgid "a"\nmsgstr "é"\n'.encode(), "x.po")


def test_syntax_error_names_what_did_not_fit() -> None:
    """gettext's 'syntax error' comes with the token that did not fit."""
    with pytest.raises(CatalogError, match=r"syntax error \(unexpected 'msgstr'\)") as caught:
        parse_po('msgid "a"\nmsgstr "b"\nmsgstr "c"\n', "x.po")
    assert caught.value.line == 3


def test_new_catalog_without_header_is_utf8() -> None:
    """A catalog Accord builds with no header is written as UTF-8."""
    catalog = Catalog([Entry(msgid="né", msgstr="born")])
    assert encode_po(catalog) == 'msgid "né"\nmsgstr "born"\n'.encode()
