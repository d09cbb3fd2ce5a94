"""Files in another encoding than UTF-8 are bad input: path:line: message, exit 2."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from tests.helpers import accord, make_repo

from accord.errors import GlossaryError, SourceError
from accord.textcodec import decode_utf8

GLOSSARY = "- id: cafe\n  kind: term\n  terms: {en: [café], de: [Café]}\n"


def latin1_glossary(tmp_path: Path) -> Path:
    root = make_repo(tmp_path)
    (root / "glossary").mkdir()
    (root / "glossary" / "terms.yaml").write_bytes(GLOSSARY.encode("latin-1"))
    return root


@pytest.mark.parametrize("task", ["glossary.validate", "check", "sync"])
def test_latin1_glossary_is_located_not_a_traceback(tmp_path: Path, task: str) -> None:
    """A Latin-1 glossary file names its file, the line of the first bad byte, and exits 2."""
    result = accord(latin1_glossary(tmp_path), task)
    assert result.returncode == 2
    assert "accord: glossary/terms.yaml:3: not valid UTF-8 (byte 0xe9)" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_utf16_tbx_import_is_refused_with_a_message(tmp_path: Path, encoding: str) -> None:
    """A UTF-16/32 TBX file is named with line 1 and how to convert it; exit 2, nothing written."""
    root = make_repo(tmp_path)
    (root / "glossary").mkdir()
    (root / "glossary" / "terms.yaml").write_text(GLOSSARY, encoding="utf-8")
    exported = accord(root, "glossary.export", "--format", "tbx")
    assert exported.returncode == 0, exported.stderr
    (root / "terms.tbx").write_bytes(exported.stdout.replace("cafe", "cafe2").encode(encoding))
    result = accord(root / "sources", "glossary.import", "../terms.tbx")
    assert result.returncode == 2
    line = result.stderr.strip()
    assert line.startswith("accord: terms.tbx:1: ")
    assert "UTF-" in line
    assert "iconv" in line
    assert "Traceback" not in result.stderr
    assert not (root / "glossary" / "imported.yaml").exists()


def test_latin1_csv_import_names_the_line(tmp_path: Path) -> None:
    """A Latin-1 CSV import names the line holding the first byte that is not UTF-8."""
    root = make_repo(tmp_path)
    csv = "id,kind,locale,term\nalliance,term,en,alliance\ncafe,term,de,Café\n"
    (root / "terms.csv").write_bytes(csv.encode("latin-1"))
    result = accord(root, "glossary.import", "terms.csv")
    assert result.returncode == 2
    assert "accord: terms.csv:3: not valid UTF-8 (byte 0xe9)" in result.stderr


def test_a_csv_field_over_the_csv_limit_is_located(tmp_path: Path) -> None:
    """A 200 000-character CSV field is ``path:line: invalid CSV: …``, exit 2, no traceback."""
    root = make_repo(tmp_path)
    (root / "big.csv").write_text("id,kind,locale,status,term\nx,term,en,preferred,"
                                  + "a" * 200_000 + "\n", encoding="utf-8")
    result = accord(root, "glossary.import", "big.csv")
    assert "Traceback" not in result.stderr
    assert result.returncode == 2
    assert "accord: big.csv:2: invalid CSV: field larger than field limit" in result.stderr
    assert not (root / "glossary" / "imported.yaml").exists()


def test_a_fifo_to_import_is_refused_not_waited_on(tmp_path: Path) -> None:
    """``glossary.import`` of a FIFO: ``path: cannot read: is a FIFO``, exit 2, no hang."""
    root = make_repo(tmp_path)
    os.mkfifo(root / "terms.csv")
    result = accord(root, "glossary.import", "terms.csv")
    assert result.returncode == 2
    assert "accord: terms.csv: cannot read: is a FIFO" in result.stderr


def test_utf8_with_a_byte_order_mark_is_read() -> None:
    """A UTF-8 byte-order mark, as spreadsheets write it, is accepted and dropped."""
    assert decode_utf8("\ufeffid,term\n".encode(), "a.csv", GlossaryError) == "id,term\n"


def test_utf16_without_a_byte_order_mark_is_refused() -> None:
    """UTF-16 without a mark (NUL bytes) is refused rather than read as garbage."""
    with pytest.raises(GlossaryError, match=r"^a\.tbx:1: the file holds NUL bytes: .* UTF-16LE"):
        decode_utf8("<tbx/>\n".encode("utf-16-le"), "a.tbx", GlossaryError)


def test_a_stray_nul_byte_is_named_as_such() -> None:
    """One NUL in UTF-8 text is reported as a NUL byte at its line, not as UTF-16."""
    with pytest.raises(SourceError, match=r"^a\.md:3: a NUL byte \(at byte 11\)"):
        decode_utf8(b"# T\n\nText \x00 here.\n", "a.md", SourceError)
    with pytest.raises(SourceError, match=r"^a\.md:1: a NUL byte"):
        decode_utf8(b"x" * 5000 + b"\x00", "a.md", SourceError)


@pytest.mark.parametrize("text", ["Hello world.\n", "Привет, мир! Как дела?\nДа.\n"])
@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_mark_is_still_recognised(text: str, codec: str) -> None:
    """NULs in every other byte (or on one side only, as Cyrillic spaces) are UTF-16."""
    name = codec.upper().replace("-LE", "LE").replace("-BE", "BE")
    with pytest.raises(SourceError, match=f"looks like {name} without a byte-order mark"):
        decode_utf8(text.encode(codec), "a.md", SourceError)
