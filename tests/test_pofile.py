"""The PO layer: what parse_po keeps, how format_po writes, write_po's file handling, headers."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from accord.catalog.pofile import (
    Catalog,
    Entry,
    canonical_flags,
    format_po,
    header_entry,
    parse_po,
    read_po,
    write_po,
)
from accord.errors import CatalogError

RICH = """\
msgid ""
msgstr "Content-Type: text/plain; charset=UTF-8\\n"

# Translator comment
#. Extracted comment
#: src/a.md:1 src/b.md:22
#, fuzzy
#| msgctxt "old context"
#| msgid "Old "
#| "text"
msgctxt "ctx"
msgid "Hello \\"world\\"\\n"
"second\\tline\\\\"
msgstr "Bonjour"

msgid "one file"
msgid_plural "%d files"
msgstr[0] "un fichier"
msgstr[1] "%d fichiers"

# gone
#~| msgid "older"
#~ msgid "obsolete"
#~ msgstr "obsolète"
"""


def msgcat_text(tmp_path: Path, text: str, name: str = "in.po") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return subprocess.run(["msgcat", str(path)], capture_output=True, text=True, check=True).stdout


def test_parse_keeps_everything_gettext_keeps() -> None:
    """Comments, references, flags, previous fields, context, plurals and obsolete entries."""
    catalog = parse_po(RICH, "rich.po")
    header, first, plural, obsolete = catalog.entries
    assert header.msgstr == "Content-Type: text/plain; charset=UTF-8\n"
    assert first.translator_comments == ["Translator comment"]
    assert first.extracted_comments == ["Extracted comment"]
    assert first.references == ["src/a.md:1", "src/b.md:22"]
    assert first.flags == ["fuzzy"]
    assert first.previous_msgctxt == "old context"
    assert first.previous_msgid == "Old text"
    assert first.msgctxt == "ctx"
    assert first.msgid == 'Hello "world"\nsecond\tline\\'
    assert first.msgstr == "Bonjour"
    assert first.line == 4
    assert plural.msgid_plural == "%d files"
    assert plural.msgstr_plural == {0: "un fichier", 1: "%d fichiers"}
    assert plural.line == 16
    assert obsolete.obsolete
    assert obsolete.previous_msgid == "older"
    assert obsolete.translator_comments == ["gone"]
    assert obsolete.msgstr == "obsolète"
    assert catalog.messages() == [first, plural]


def test_rich_file_is_written_as_msgcat_writes_it(tmp_path: Path) -> None:
    """The hand-written sample comes back from format_po exactly as msgcat prints it."""
    assert format_po(parse_po(RICH)) == msgcat_text(tmp_path, RICH)


def test_octal_and_hex_escapes_are_utf8_bytes() -> None:
    """``\\303\\251`` and ``\\xc3\\xa9`` are the bytes of é, as gettext reads them."""
    catalog = parse_po('msgid "caf\\303\\251"\nmsgstr "caf\\xc3\\xa9 \\a\\b\\f\\v\\r"\n')
    entry = catalog.entries[0]
    assert entry.msgid == "café"
    assert entry.msgstr == "café \a\b\f\v\r"
    assert format_po(catalog) == 'msgid "café"\nmsgstr "café \\a\\b\\f\\v\\r"\n'


def test_bom_and_crlf_are_accepted() -> None:
    """A byte-order mark and CRLF line ends read like LF, except that comments keep the CR
    (gettext reads a comment up to the LF and writes the CR back)."""
    text = 'msgid ""\nmsgstr ""\n"Language: fr\\n"\n\n# note\nmsgid "a"\nmsgstr "b"\n'
    plain = parse_po(text)
    windows = parse_po("\ufeff" + text.replace("\n", "\r\n"))
    assert windows.entries[1].translator_comments == ["note\r"]
    windows.entries[1].translator_comments = ["note"]
    assert windows == plain


def test_gettext_flag_rules() -> None:
    """Flags come out in gettext's order; unknown ones, ``wrap`` and ``impossible-`` vanish."""
    assert canonical_flags(["python-format", "no-wrap", "fuzzy", "c-format", "foo"]) == [
        "fuzzy", "c-format", "python-format", "no-wrap",
    ]  # fmt: skip
    assert canonical_flags(["possible-c-format", "impossible-python-format", "wrap"]) == [
        "c-format"
    ]
    assert canonical_flags(["range: 1..5", "range: 9..2"]) == ["range: 1..5"]


def test_only_the_last_flag_line_counts_as_in_gettext(tmp_path: Path) -> None:
    """gettext keeps the flags of the last ``#,`` line of an entry; so does parse_po."""
    text = '#, fuzzy\n#, c-format\nmsgid "a"\nmsgstr "b"\n'
    assert parse_po(text).entries[0].flags == ["c-format"]
    assert format_po(parse_po(text)) == msgcat_text(tmp_path, text)


def test_fuzzy_on_empty_msgstr_and_empty_obsolete_are_not_written(tmp_path: Path) -> None:
    """msgcat drops ``fuzzy`` on an untranslated entry and obsolete entries with no msgstr."""
    text = (
        '#, fuzzy\nmsgid "a"\nmsgstr ""\n\n'
        '#~ msgid "b"\n#~ msgstr ""\n\n#~ msgid "c"\n#~ msgstr "d"\n'
    )
    written = format_po(parse_po(text))
    assert written == msgcat_text(tmp_path, text)
    assert written == 'msgid "a"\nmsgstr ""\n\n#~ msgid "c"\n#~ msgstr "d"\n'


def test_obsolete_entries_are_written_last(tmp_path: Path) -> None:
    """Obsolete entries move after the active ones, as msgcat sorts them."""
    text = '#~ msgid "old"\n#~ msgstr "vieux"\n\nmsgid "new"\nmsgstr "neuf"\n'
    assert format_po(parse_po(text)) == msgcat_text(tmp_path, text)
    assert format_po(parse_po(text)).startswith('msgid "new"')


def test_references_are_parsed_and_rewrapped_as_gettext_does(tmp_path: Path) -> None:
    """``./`` prefixes go, ``file: 12`` joins, duplicates vanish, lines wrap at 79 columns."""
    names = " ".join(f"./sources/en/article-{n}.md:{n * 7}" for n in range(1, 15))
    text = f'#: {names} sources/x.md: 12 sources/x.md:12 noline.md\nmsgid "a"\nmsgstr ""\n'
    entry = parse_po(text).entries[0]
    assert entry.references[-2:] == ["sources/x.md:12", "noline.md"]
    assert format_po(parse_po(text)) == msgcat_text(tmp_path, text)


LONG = (
    "Ce paragraphe est assez long pour être coupé: il contient des «guillemets», "
    'des "citations", un\ttab, un chemin/vers/un/fichier-très-long, '
    "https://docs.python.org/fr/3/library/functions.html#open et un mot "
    + "x"
    * 90
    + " puis 漢字日本語の文章が続きます漢字日本語の文章が続きます漢字日本語の文章が続きます、"
    "ایران و عراق ۱۲۳۴ کیلومتر مرز مشترک دارند، بیش از هر همسایه دیگر.\n"
    "Ligne deux\\ avec antislash.\n\nFin"
)


@pytest.mark.parametrize("keyword_prefix", ["", "#~ "])
def test_wrapping_matches_msgcat(tmp_path: Path, keyword_prefix: str) -> None:
    """Long mixed-script strings wrap exactly like msgcat (widths, escapes, ``\\n`` splits)."""
    entry = Entry(msgid=LONG, msgstr=LONG[::-1], msgctxt=LONG[:100], obsolete=bool(keyword_prefix))
    entry.previous_msgid = LONG[50:]
    entry.flags = ["fuzzy"]
    text = format_po(Catalog(entries=[header_entry("fr", "en", "t"), entry]))
    assert msgcat_text(tmp_path, text) == text
    assert any(line.startswith(f'{keyword_prefix}msgid ""') for line in text.splitlines())


def test_no_wrap_flag_keeps_lines_whole(tmp_path: Path) -> None:
    """An entry flagged ``no-wrap`` is cut only after ``\\n``, as msgcat does."""
    entry = Entry(msgid=LONG, msgstr="", flags=["no-wrap"])
    text = format_po(Catalog(entries=[header_entry("fr", "en", "t"), entry]))
    assert msgcat_text(tmp_path, text) == text
    assert max(len(line) for line in text.splitlines()) > 200


def test_header_entry_has_the_fields_and_no_dates() -> None:
    """header_entry gives Language, Plural-Forms, UTF-8 and the source language, no timestamps."""
    header = header_entry("fa", "en", "corridor")
    catalog = parse_po(format_po(Catalog(entries=[header, Entry(msgid="a")])))
    meta = catalog.metadata()
    assert meta == {
        "Project-Id-Version": "corridor",
        "Language": "fa",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": "nplurals=1; plural=0;",
        "X-Source-Language": "en",
        "X-Generator": "Accord",
    }
    assert header_entry("fa", "en", "corridor") == header
    assert "python-format" not in format_po(catalog)


def test_written_file_passes_msgfmt_check(tmp_path: Path) -> None:
    """A catalog Accord writes passes ``msgfmt --check`` and msgcat leaves it unchanged."""
    path = tmp_path / "locales" / "de" / "article.po"
    catalog = Catalog(
        entries=[
            header_entry("de", "en", "article"),
            Entry(msgid="The corridor opens", msgstr="Der Korridor öffnet", references=["a.md:2"]),
            Entry(msgid="A line\n", msgstr="Eine Zeile\n", msgctxt="front-matter:title"),
            Entry(msgid="one", msgid_plural="many", msgstr_plural={0: "eins", 1: "viele"}),
        ]
    )
    assert write_po(path, catalog)
    checked = subprocess.run(
        ["msgfmt", "--check", "-o", os.devnull, str(path)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert checked.returncode == 0, checked.stderr
    assert msgcat_text(tmp_path, path.read_text(encoding="utf-8"), "again.po") == path.read_text(
        encoding="utf-8"
    )
    assert read_po(path).messages()[0].msgstr == "Der Korridor öffnet"


def test_write_po_leaves_unchanged_files_alone(tmp_path: Path) -> None:
    """Writing the same catalog again neither rewrites nor replaces the file."""
    path = tmp_path / "a.po"
    catalog = Catalog(entries=[header_entry("fr", "en", "a"), Entry(msgid="x", msgstr="y")])
    assert write_po(path, catalog) is True
    before = path.stat()
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns - 10**9))
    dated = path.stat()
    assert write_po(path, read_po(path)) is False
    after = path.stat()
    assert (after.st_ino, after.st_mtime_ns) == (dated.st_ino, dated.st_mtime_ns)
    catalog.entries[1].msgstr = "z"
    assert write_po(path, catalog) is True
    assert path.stat().st_ino != dated.st_ino


FULL_DISK = """
import resource, signal, sys
from pathlib import Path
from accord.errors import CatalogError
from accord.catalog.pofile import Catalog, Entry, write_po

signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG
resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))
try:
    write_po(Path(sys.argv[1]), Catalog(entries=[Entry(msgid="x", msgstr="new " * 10_000)]))
except CatalogError as error:
    print(error)
"""


def test_write_po_never_leaves_a_partial_file(tmp_path: Path) -> None:
    """When the disk fills up mid-write, the old file is intact and no temporary file remains."""
    path = tmp_path / "a.po"
    write_po(path, Catalog(entries=[Entry(msgid="x", msgstr="old")]))
    original = path.read_bytes()
    run = subprocess.run(
        [sys.executable, "-c", FULL_DISK, str(path)], capture_output=True, text=True, check=True
    )
    assert run.stdout.startswith(f"{path}: cannot write"), run.stdout + run.stderr
    assert path.read_bytes() == original
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.po"]


def test_a_catalog_that_cannot_be_formatted_leaves_the_file_alone(tmp_path: Path) -> None:
    """The text is built before the file is touched, so a failure keeps the old file."""
    path = tmp_path / "a.po"
    write_po(path, Catalog(entries=[Entry(msgid="x", msgstr="old")]))
    broken = Entry(msgid="y")
    broken.translator_comments = [None]  # type: ignore[list-item]
    with pytest.raises(AttributeError):
        write_po(path, Catalog(entries=[Entry(msgid="x", msgstr="new"), broken]))
    assert read_po(path).entries[0].msgstr == "old"


def test_read_po_reports_missing_file(tmp_path: Path) -> None:
    """A missing file is a CatalogError naming the path."""
    with pytest.raises(CatalogError, match="cannot read"):
        read_po(tmp_path / "missing.po")
