"""Messages name files relative to the repository and write invisible characters out."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.helpers import accord, make_repo

from accord.catalog.pofile import read_po, write_po
from accord.readable import quoted, readable

ZWNJ = "\u200c"
FA_GLOSSARY = f"""\
- id: rail-line
  kind: term
  terms:
    en: [railway]
    fa: [راه{ZWNJ}آهن]
"""


@pytest.mark.parametrize(("text", "shown"), [
    (f"راه{ZWNJ}آهن", "راه<ZWNJ>آهن"),
    ("prix\u00a0: 3\u202f€", "prix<NBSP>: 3<NNBSP>€"),
    ("\u200fx\u2066y\u2069", "<RLM>x<LRI>y<PDI>"),
    ("a\x1b[31mb\tc\nd", "a\\x1b[31mb\\tc\\nd"),
    ("a\u2063b", "a<U+2063>b"),
    ("Bündnis Россия عراقچی", "Bündnis Россия عراقچی"),
])
def test_readable_writes_invisible_characters_out(text: str, shown: str) -> None:
    """Invisible characters get a short name or code point; printable text of any script stays."""
    assert readable(text) == shown


def test_quoted_does_not_escape() -> None:
    """quoted() quotes like repr but leaves every character as it is."""
    assert quoted(f"a{ZWNJ}b") == f"'a{ZWNJ}b'"
    assert quoted("l'alliance") == '"l\'alliance"'
    assert quoted("Iran") == repr("Iran")


def persian_repo(tmp_path: Path) -> Path:
    """A repository with an fa locale whose glossary form holds a zero-width non-joiner."""
    root = make_repo(tmp_path, locales=["fa"])
    (root / "glossary").mkdir()
    (root / "glossary" / "terms.yaml").write_text(FA_GLOSSARY, encoding="utf-8")
    assert accord(root, "sync").returncode == 0
    path = root / "locales" / "fa" / "corridor.po"
    catalog = read_po(path)
    for entry in catalog.messages():
        if "railway" in entry.msgid:
            entry.msgstr = "روسیه و ایران یک توافق امضا کردند."
    write_po(path, catalog)
    return root


def test_check_shows_a_half_space_readably(tmp_path: Path) -> None:
    """check's text names the ZWNJ in a Persian form <ZWNJ>, never a literal \\u200c."""
    root = persian_repo(tmp_path)
    result = accord(root, "check")
    assert result.returncode == 1
    line = next(x for x in result.stdout.splitlines() if "[glossary-missing]" in x)
    assert "'railway' should be rendered as 'راه<ZWNJ>آهن'" in line
    assert "\\u200c" not in result.stdout


def test_json_keeps_the_characters_themselves(tmp_path: Path) -> None:
    """check --format json holds the form as it is (machine-readable), no escape in the message."""
    result = accord(persian_repo(tmp_path), "check", "--format", "json")
    finding = next(f for f in json.loads(result.stdout)["findings"]
                   if f["check"] == "glossary-missing")
    assert finding["expected"] == f"راه{ZWNJ}آهن"
    assert finding["message"] == f"'railway' should be rendered as 'راه{ZWNJ}آهن'"


def broken_repo(tmp_path: Path) -> Path:
    root = make_repo(tmp_path)
    assert accord(root, "sync").returncode == 0
    with (root / "locales" / "fr" / "corridor.po").open("a", encoding="utf-8") as po:
        po.write('\nmsgid "unterminated\n')
    (root / "glossary").mkdir()
    (root / "glossary" / "terms.yaml").write_text(FA_GLOSSARY, encoding="utf-8")
    return root


@pytest.mark.parametrize("args", [
    ["translate", "--dry-run"],
    ["check", "--fix"],
    ["status"],
    ["review.approve", "fr", "corridor", "--all-clean", "--by", "Jane"],
])
def test_broken_po_file_is_named_relative_to_the_repository(
    tmp_path: Path, args: list[str]
) -> None:
    """A malformed PO file is named locales/fr/corridor.po:LINE, never by its absolute path."""
    root = broken_repo(tmp_path)
    result = accord(root / "sources", *args)
    output = result.stdout + result.stderr
    assert "locales/fr/corridor.po:" in output
    assert str(tmp_path) not in output
    assert "Traceback" not in output


@pytest.mark.parametrize("task", ["sync", "check", "status", "build"])
def test_control_characters_in_a_file_name_are_written_out(tmp_path: Path, task: str) -> None:
    """An ESC or a newline in a file name reaches the terminal as ``\\x1b``/``\\n``, one line."""
    root = make_repo(tmp_path)
    sources = root / "sources" / "en"
    (sources / "x\x1b[31my.md").write_text("# Title\n\nText.\n", encoding="utf-8")
    (sources / "a\nb.md").write_text("# Title\n\nText.\n", encoding="utf-8")
    result = accord(root, task)
    assert "\x1b" not in result.stderr + result.stdout
    assert "accord: sources/en/x\\x1b[31my.md:1: cannot take" in result.stderr
    assert "accord: sources/en/a\\nb.md:1: cannot take" in result.stderr
    assert all(line.startswith("accord: ") for line in result.stderr.splitlines())


def test_an_error_path_is_escaped_like_its_message() -> None:
    """AccordError writes its path with the same escapes as ``readable``."""
    from accord.errors import SourceError  # noqa: PLC0415

    assert str(SourceError("bad", "a\x1bb\n.md", 3)) == "a\\x1bb\\n.md:3: bad"
