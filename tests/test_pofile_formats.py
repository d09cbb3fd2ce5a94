"""Entries with a format flag: lines break inside directives exactly where msgcat lets them.

gettext keeps ``c-format`` and ``python-format`` directives whole; it does not
analyse ``python-brace-format`` ones (gettext 0.21), so neither does Accord.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from accord.catalog.pofile import Catalog, Entry, format_po, header_entry
from accord.catalog.wrap.formats import directive_spans

PIECES = [
    "%s", "%d", "%(name)s", "% d", "%-10s", "%.2f", "%%", "%(a b)s", "%5.3lf", "%1$s",
    "% *d", "%'d", "%z", "%zd", "%m", "%<PRId64>", "%*1$d", "%0$s", "%y", "%*d", "%(a)*d",
    "%.*f", "%@",
    "{0}", "{name!r:>10}", "{a[0]}", "{a.b:{w}}", "{{", "}}", "{", "}", "{ }",
    "word", "longerword", " ", " ", " ", "é", "漢字", "\n", '"',
]  # fmt: skip
# Directives a line could break inside (after a space, ":" or "!") if gettext allowed it.
BREAKABLE = ["% d", "%(a b)s", "% *d", "{name!r:>10}", "{a.b:{w}}", "%-5s %(x y)d"]
TEXT = st.lists(
    st.one_of(st.sampled_from(PIECES), st.sampled_from(BREAKABLE)), min_size=5, max_size=60
).map("".join)


@pytest.mark.parametrize(
    ("text", "language", "spans"),
    [
        ("a %(y)s b %(x)d %% c", "python", [(2, 7), (10, 15), (16, 18)]),
        ("%(x)s %s", "python", [(0, 5)]),  # named then unnamed: gettext stops there
        ("%1$s %2$d % d", "c", [(0, 4), (5, 9)]),  # numbered then unnumbered
        ("%lu %<PRId64> %y %s", "c", [(0, 3), (4, 13)]),  # %y is invalid: no more
        ("{0} {a:>10}", "python-brace", []),  # gettext 0.21 marks none
    ],
)
def test_directive_spans(text: str, language: str, spans: list[tuple[int, int]]) -> None:
    """Directives are found as gettext's parsers find them, up to the first invalid one."""
    assert directive_spans(text, language) == spans


@pytest.mark.parametrize(
    ("flag", "directive"),
    [("c-format", "% d"), ("c-format", "%1$ *2$d"), ("python-format", "%(a b)s")],
)
def test_no_break_inside_a_directive(tmp_path: Path, flag: str, directive: str) -> None:
    """Wherever the directive falls on the line, msgcat and Accord keep it on one line."""
    entries = [header_entry("fr", "en", "formats")]
    for width in range(30, 80):
        entries.append(Entry(msgid=f"{'x' * width} {directive} tail", flags=[flag]))
    text = format_po(Catalog(entries=entries))
    assert directive in text  # never cut
    path = tmp_path / "formats.po"
    path.write_text(text, encoding="utf-8")
    written = subprocess.run(["msgcat", str(path)], capture_output=True, text=True, check=True)
    assert written.stdout == text


@settings(max_examples=60, deadline=None)
@given(
    texts=st.lists(TEXT, min_size=10, max_size=20),
    flag=st.sampled_from(["c-format", "python-format", "python-brace-format"]),
)
def test_format_entries_wrap_like_msgcat(
    tmp_path_factory: pytest.TempPathFactory, texts: list[str], flag: str
) -> None:
    """Random strings full of directives, flagged for a language, come out of msgcat unchanged."""
    entries = [header_entry("fr", "en", "formats")]
    entries += [
        Entry(msgid=f"{index} {text}", msgstr=text, flags=[flag])
        for index, text in enumerate(texts)
    ]
    text = format_po(Catalog(entries=entries))
    path: Path = tmp_path_factory.mktemp("formats") / "formats.po"
    path.write_text(text, encoding="utf-8")
    written = subprocess.run(["msgcat", str(path)], capture_output=True, text=True, check=True)
    assert written.stdout == text
