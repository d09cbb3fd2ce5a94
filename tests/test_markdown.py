"""Segmenting articles and rebuilding translations: front matter, blocks, escapes, links."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from accord.errors import SourceError
from accord.source.inline import format_destination, rewrite_links
from accord.source.segment import (
    Segment,
    decode_source,
    link_targets,
    parse_article,
    rebuild_article,
)

PATH = "sources/en/corridor.md"

ARTICLE = """\
---
title: The corridor opens
summary: Freight moves.
tags: [transport, Iran]
slug: corridor
date: 2025-05-01
author: Staff
---

# The corridor opens

Russia and Iran signed
an *agreement*. See [the treaty](treaty.md).

> Officials called it **historic**.
"""


def segments(text: str) -> list[tuple[str, str | None, int, str]]:
    """The segments of ``text`` as plain tuples (msgid, msgctxt, line, block)."""
    return [(s.msgid, s.msgctxt, s.line, s.block) for s in parse_article(text, PATH).segments]


def blocks(text: str) -> list[str]:
    """Block-level token types of ``text`` (CommonMark + tables)."""
    md = MarkdownIt("commonmark").enable("table")
    return [t.type for t in md.parse(text) if t.type != "inline"]


def test_front_matter_and_body_segments_carry_file_lines() -> None:
    """Translatable front-matter values and body blocks come out in file order with real lines."""
    assert segments(ARTICLE) == [
        ("The corridor opens", "front-matter:title", 2, "front-matter"),
        ("Freight moves.", "front-matter:summary", 3, "front-matter"),
        ("transport", "front-matter:tags", 4, "front-matter"),
        ("Iran", "front-matter:tags", 4, "front-matter"),
        ("The corridor opens", None, 10, "heading"),
        ("Russia and Iran signed an *agreement*. See [the treaty](treaty.md).", None, 12,
         "paragraph"),
        ("Officials called it **historic**.", None, 15, "blockquote"),
    ]


def test_front_matter_keeps_every_key() -> None:
    """slug, date, author and unknown keys are read (and later copied) untouched."""
    article = parse_article(ARTICLE, PATH)
    assert article.front_matter["slug"] == "corridor"
    assert str(article.front_matter["date"]) == "2025-05-01"
    assert article.front_matter["author"] == "Staff"


def test_bom_and_crlf_are_transparent() -> None:
    """A BOM and Windows line endings give exactly the segments of the plain file."""
    windows = "\ufeff" + ARTICLE.replace("\n", "\r\n")
    assert segments(windows) == segments(ARTICLE)


def test_article_without_front_matter() -> None:
    """No leading ``---`` means no front matter and body lines counted from 1."""
    assert segments("Hello\n\n## World\n") == [
        ("Hello", None, 1, "paragraph"),
        ("World", None, 3, "heading"),
    ]


def test_non_string_front_matter_values_are_not_segments() -> None:
    """A number or date under a translatable key is copied, not translated."""
    assert segments("---\ntitle: 1984\nsummary: ''\n---\nText\n") == [
        ("Text", None, 5, "paragraph")
    ]


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("---\ntitle: ok\nsummary: [unclosed\nslug: x\n---\nbody\n", 4, "not valid YAML"),
        ("---\ntitle: ok\n  bad: indent\n---\n", 3, "not valid YAML"),
        ("\ufeff---\r\ntitle: ok\r\nk2: @bad\r\n---\r\n", 3, "not valid YAML"),
        ("---\ntitle: x\n\nNo closing line.\n", 1, "not closed"),
        ("---\n- a\n- b\n---\n", 2, "must be a mapping"),
        ("---\njust a sentence\n---\n", 2, "must be a mapping"),
        ("---\ntitle: ok\ntags: {a: b}\n---\n", 3, "must be a string or a list"),
        ("---\ntitle: one\nslug: x\ntitle: two\n---\n", 4, "appears twice"),
    ],
)
def test_bad_front_matter_is_a_source_error_at_its_line(text: str, line: int, message: str) -> None:
    """Broken, unterminated or non-mapping front matter names the file and the real line."""
    with pytest.raises(SourceError) as caught:
        parse_article(text, PATH)
    assert caught.value.path == PATH
    assert caught.value.line == line
    assert message in caught.value.message
    assert str(caught.value).startswith(f"{PATH}:{line}: ")


def test_non_utf8_bytes_are_a_source_error_naming_the_file() -> None:
    """A source that is not UTF-8 is reported with its path and the line of the bad byte."""
    with pytest.raises(SourceError) as caught:
        decode_source(b"---\ntitle: ok\n---\n\nCaf" + b"\xe9\n", PATH)
    assert str(caught.value) == (
        f"{PATH}:5: not valid UTF-8 (byte 0xe9); Accord reads UTF-8 files")


def test_a_utf16_source_is_named_as_such() -> None:
    """A source saved as UTF-16 gets the conversion hint, not a stray-byte error."""
    with pytest.raises(SourceError, match="the file is UTF-16"):
        decode_source("\ufeff# Titel\n".encode("utf-16-le"), PATH)


def test_decode_source_drops_the_bom() -> None:
    """A UTF-8 BOM is not part of the text."""
    assert decode_source(b"\xef\xbb\xbfHello", PATH) == "Hello"


def test_soft_breaks_become_spaces_and_hard_breaks_survive() -> None:
    """Source wrapping is invisible in the msgid; both hard-break forms become ``\\`` + newline."""
    text = "one\ntwo  \nthree\\\nfour\n"
    assert segments(text) == [("one two\\\nthree\\\nfour", None, 1, "paragraph")]
    rebuilt = rebuild_article(text, PATH, lambda s: s.msgid.upper())
    assert rebuilt == "ONE TWO\\\nTHREE\\\nFOUR\n"


def test_untranslated_blocks_produce_no_segments() -> None:
    """Code, HTML blocks, reference definitions and thematic breaks are not segments."""
    text = "    code\n\n```\nfence\n```\n\n<div>\nhtml\n</div>\n\n***\n\n[a]: /url\n"
    assert segments(text) == []


def test_the_same_text_twice_gives_two_segments() -> None:
    """Repeated paragraphs stay separate segments (sync merges them into one entry)."""
    assert [s[0] for s in segments("Same.\n\nSame.\n")] == ["Same.", "Same."]


def test_block_types_name_the_container() -> None:
    """Paragraphs in lists and quotes, table cells and lone images have their own block type."""
    text = "- item\n\n> quote\n\n| a |\n|---|\n| b |\n\n![alt](x.png)\n\nSee ![i](y.png).\n"
    assert [(s[0], s[3]) for s in segments(text)] == [
        ("item", "list-item"),
        ("quote", "blockquote"),
        ("a", "table-cell"),
        ("b", "table-cell"),
        ("alt", "image-alt"),
        ("See ![i](y.png).", "paragraph"),
    ]


def test_none_and_empty_translations_keep_the_source_bytes() -> None:
    """Segments without a translation keep their original lines, wrapping included."""
    assert rebuild_article(ARTICLE, PATH, lambda _s: None) == ARTICLE
    assert rebuild_article(ARTICLE, PATH, lambda _s: "") == ARTICLE
    assert rebuild_article(ARTICLE, PATH, lambda _s: " \n ") == ARTICLE


def test_translation_keeps_container_prefixes() -> None:
    """Quote markers, list markers and indentation stay around the translated text."""
    text = "> - first\n>   wrapped\n> - second\n\n1. one\n\n   more\n"
    rebuilt = rebuild_article(text, PATH, lambda s: f"[{s.msgid}]")
    assert rebuilt == "> - [first wrapped]\n> - [second]\n\n1. [one]\n\n   [more]\n"


def test_hard_breaks_in_a_translation_keep_the_container() -> None:
    """Continuation lines of a translated list-item paragraph are indented under the marker."""
    rebuilt = rebuild_article("> - a\n", PATH, lambda _s: "x\\\ny")
    assert rebuilt == "> - x\\\n>   y\n"
    assert blocks(rebuilt) == blocks("> - a\n")


@pytest.mark.parametrize(
    ("translation", "expected"),
    [
        ("# not a heading", "\\# not a heading"),
        ("1. not a list", "1\\. not a list"),
        ("- not a list", "\\- not a list"),
        ("> not a quote", "\\> not a quote"),
        ("***", "\\***"),
        ("=====", "====="),
        ("text\\\n=====", "text\\\n\\====="),
        ("text\\\n# heading", "text\\\n\\# heading"),
        ("```", "\\```"),
        ("text\\\n2) cannot interrupt", "text\\\n2) cannot interrupt"),
    ],
)
def test_translations_cannot_open_a_block(translation: str, expected: str) -> None:
    """A translated paragraph that starts like another block is escaped, not restructured."""
    rebuilt = rebuild_article("Plain text.\n", PATH, lambda _s: translation)
    assert rebuilt == expected + "\n"
    assert blocks(rebuilt) == ["paragraph_open", "paragraph_close"]


def test_translation_that_is_one_html_tag_stays_a_paragraph() -> None:
    """A lone inline tag would open an HTML block; the line is broken inside the tag instead."""
    rebuilt = rebuild_article("Text.\n", PATH, lambda _s: '<a href="x" />')
    assert blocks(rebuilt) == ["paragraph_open", "paragraph_close"]


def test_heading_translation_ending_in_hashes_is_escaped() -> None:
    """A trailing ``#`` run would be read as a closing sequence; it is escaped."""
    assert rebuild_article("## Title ##\n", PATH, lambda _s: "Nummer #") == "## Nummer \\# ##\n"


def test_setext_heading_keeps_its_underline() -> None:
    """A setext heading is rewritten on one line above its original underline."""
    text = "Two\nlines\n===\n"
    assert segments(text) == [("Two lines", None, 1, "heading")]
    assert rebuild_article(text, PATH, lambda _s: "Zwei Zeilen") == "Zwei Zeilen\n===\n"


def test_table_cells_are_rebuilt_with_pipes_escaped() -> None:
    """A ``|`` in a translated cell cannot split it; untranslated cells keep their text."""
    text = "> | City | Note |\n> |------|------|\n> | Rasht | `a\\|b` |\n"
    assert [s[0] for s in segments(text)] == ["City", "Note", "Rasht", "`a|b`"]
    rebuilt = rebuild_article(text, PATH, lambda s: "Stadt | Ort" if s.msgid == "City" else None)
    assert rebuilt == "> | Stadt \\| Ort | Note |\n> |------|------|\n> | Rasht | `a\\|b` |\n"


def test_front_matter_is_translated_and_extended() -> None:
    """Translated values replace the source ones; extra keys are added; others are copied."""
    translations = {"The corridor opens": "Der Korridor öffnet", "Iran": "Iran (de)"}
    rebuilt = rebuild_article(
        ARTICLE, PATH, lambda s: translations.get(s.msgid) if s.msgctxt else None,
        front_matter={"lang": "de", "translation_of": PATH},
    )
    assert rebuilt.startswith(
        "---\ntitle: Der Korridor öffnet\nsummary: Freight moves.\ntags:\n- transport\n"
        "- Iran (de)\nslug: corridor\ndate: 2025-05-01\nauthor: Staff\nlang: de\n"
        f"translation_of: {PATH}\n---\n\n# The corridor opens\n"
    )


def test_links_are_rewritten_everywhere_but_in_code() -> None:
    """Inline links, images and reference definitions go through rewrite_link; code does not."""
    text = (
        "See [a](a.md), ![p](p.png) and `[c](c.md)` or <https://x.org>.\n\n"
        "![lone](lone.png)\n\n| [t](t.md) |\n|---|\n\n[r]: r.md \"R\"\n"
    )
    rebuilt = rebuild_article(text, PATH, lambda _s: None, rewrite_link=lambda u: "../en/" + u)
    assert rebuilt == (
        "See [a](../en/a.md), ![p](../en/p.png) and `[c](c.md)` or <https://x.org>.\n\n"
        "![lone](../en/lone.png)\n\n| [t](../en/t.md) |\n|---|\n\n[r]: ../en/r.md \"R\"\n"
    )


def test_reference_definition_url_on_the_next_line_is_rewritten() -> None:
    """A definition split over lines, also inside a quote, has its URL rewritten."""
    text = "[a] [b]\n\n[a]:\n  a.md\n  \"t\"\n\n> [b]:\n> b.md\n"
    rebuilt = rebuild_article(text, PATH, lambda _s: None, rewrite_link=lambda u: "x/" + u)
    assert rebuilt == "[a] [b]\n\n[a]:\n  x/a.md\n  \"t\"\n\n> [b]:\n> x/b.md\n"


def test_rewritten_link_with_spaces_is_bracketed() -> None:
    """A new destination that needs it is written in angle brackets."""
    rebuilt = rebuild_article("[a](a.md)\n", PATH, lambda _s: None,
                              rewrite_link=lambda _u: "my file.md")
    assert rebuilt == "[a](<my file.md>)\n"


def test_lone_image_alt_is_translated_in_place() -> None:
    """Only the alt text of a lone image is a segment; its destination and title stay."""
    text = '![Cranes](c.jpg "Port")\n'
    assert segments(text) == [("Cranes", None, 1, "image-alt")]
    assert rebuild_article(text, PATH, lambda _s: "Kräne") == '![Kräne](c.jpg "Port")\n'


def test_shortcut_image_reference_keeps_its_label() -> None:
    """Translating a shortcut reference's alt text turns it into a full reference."""
    text = "![Logo]\n\n[logo]: logo.png\n"
    expected = "![Signet][Logo]\n\n[logo]: logo.png\n"
    assert rebuild_article(text, PATH, lambda _s: "Signet") == expected


def test_link_targets_lists_destinations_as_written() -> None:
    """Links, images and autolinks, in order; code spans and escapes are not links."""
    text = "[a](a.md#x) ![i](<i m.png>) <https://x.org> `[c](c.md)` \\[d](d.md)"
    assert link_targets(text) == ["a.md#x", "i m.png", "https://x.org"]


_ALPHABET = st.sampled_from(
    [*"ab #>-+*=_~`|[]():!<\\1.) \n", "```", "1. ", "<div>", "---", "--", "**", "[x]: /u"]
)


CONTEXTS = (
    "> - Source text.\n>\n> After.\n",
    "* Source text.\n",
    "1. Source text.\n   more\n",
    "# Source text.\n",
    "Source text.\n===\n",
    "| a | Source text. |\n|---|---|\n| Source text. | b |\n",
    "![Source text.](x.png)\n",
)


@pytest.mark.parametrize("text", CONTEXTS)
@settings(derandomize=True, deadline=None, max_examples=300)
@given(translation=st.lists(_ALPHABET, min_size=1, max_size=12).map("".join))
def test_any_translation_keeps_the_block_structure(text: str, translation: str) -> None:
    """Whatever a translator types, headings, list items, quotes and cells keep their shape."""
    rebuilt = rebuild_article(
        text, PATH, lambda s: translation if s.msgid == "Source text." else None
    )
    assert blocks(rebuilt) == blocks(text)


def test_segment_is_a_frozen_value() -> None:
    """Segments are hashable values."""
    segment = Segment("a", None, 1, "paragraph")
    assert {segment, Segment("a", None, 1, "paragraph")} == {segment}


def test_nested_image_link_destinations_are_both_rewritten() -> None:
    """A linked image has two destinations; rewriting both keeps the offsets right."""
    assert rewrite_links("[![i](a.png)](b.md) x", lambda u: "../" + u) == (
        "[![i](../a.png)](../b.md) x"
    )


@pytest.mark.parametrize(
    ("url", "written"),
    [
        ("a.md", "a.md"),
        ("my file.md", "<my file.md>"),
        ("a(b.md", "<a(b.md>"),
        ("a(b).md", "a(b).md"),
        ("", "<>"),
        ("a\\*b", "a\\\\*b"),
    ],
)
def test_format_destination_reads_back_as_the_url(url: str, written: str) -> None:
    """A destination is written so that markdown-it reads back exactly ``url``."""
    assert format_destination(url) == written
    assert link_targets(f"[x]({written})") == [url]
