"""The segmenter's shortcuts give what the full parse they skip would give.

Each shortcut answers a question (is this one paragraph, does joining these lines
keep the HTML, does this text hold a word or a link destination, may libyaml write
this front matter) without parsing; each test lets the parser answer it too.
"""

from __future__ import annotations

import re

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from accord import safeyaml
from accord.source import frontmatter, inline
from accord.source.inline import has_words, parser, rewrite_links, scan
from accord.source.rebuild import _is_one_paragraph, _plain_lines
from accord.source.segment import (
    Segment,
    _join_lines,
    _joins_plainly,
    parse_source,
    rebuild_article,
    rebuild_parsed,
)

# Characters that make Markdown interesting, beside ordinary letters and spaces.
MARKUP = "*_#>-+=`~<>[]()!:|\\&;{}%\"'«“0123456789.)"
ALPHABET = "ab cdXY é Ж ش 日" + MARKUP + "\t\u00a0\u3000"
lines_of = st.lists(st.text(alphabet=ALPHABET, min_size=0, max_size=12), min_size=1, max_size=4)


def _one_paragraph_by_parsing(lines: list[str]) -> bool:
    text = "\n".join(lines)
    tokens = parser().parse(text + "\n", {})
    return [t.type for t in tokens] == ["paragraph_open", "inline", "paragraph_close"] and (
        tokens[1].content == text.strip()
    )


@settings(max_examples=1000, deadline=None)
@given(lines_of)
def test_plain_lines_are_one_paragraph(lines: list[str]) -> None:
    """Lines the shortcut calls plain are exactly one paragraph when parsed."""
    text = "\n".join(lines)
    if _plain_lines(lines, text):
        assert _one_paragraph_by_parsing(lines)
    assert _is_one_paragraph(lines) == _one_paragraph_by_parsing(lines)


def _html(text: str) -> str:
    return re.sub(r"\s+", " ", parser().renderInline(text, {})).strip()


@settings(max_examples=1000, deadline=None)
@given(lines_of)
def test_plain_lines_join_without_changing_the_html(lines: list[str]) -> None:
    """A paragraph without code, HTML, links, entities or backslashes renders the same joined."""
    content = "\n".join(line.strip() for line in lines).strip() or "x"
    if not _joins_plainly(content):
        return
    children = parser().parseInline(content, {})[0].children or []
    assert _html(_join_lines(content, children)) == _html(content)


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=30))
def test_has_words_shortcut_agrees_with_the_parse(text: str) -> None:
    """has_words gives the answer of looking at every text and image token."""
    tokens = parser().parseInline(inline._TEMPLATE.sub(" ", text), {})
    parsed = any(
        child.type in ("text", "image") and any(c.isalpha() for c in child.content)
        for token in tokens
        for child in token.children or []
    )
    assert has_words(text) == parsed


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=30))
def test_text_without_bracket_parenthesis_has_no_destination(text: str) -> None:
    """Only text holding ``](`` has an inline link or image destination to rewrite."""
    if "](" in text:
        return
    _, spans = scan(text)
    assert all(span.dest_start < 0 for span in spans)
    assert rewrite_links(text, lambda url: url + "?x") == text


@settings(max_examples=300, deadline=None)
@given(st.lists(lines_of, min_size=1, max_size=4))
def test_block_children_render_like_their_content(blocks: list[list[str]]) -> None:
    """The block parse's inline tokens render the HTML that parsing their content again gives."""
    text = "\n\n".join("\n".join(lines) for lines in blocks) + "\n"
    env: dict[str, object] = {}
    md = parser()
    for token in md.parse(text, env):
        if token.type == "inline":
            again = md.renderInline(token.content, {"references": env.get("references", {})})
            assert md.renderer.render(token.children or [], md.options, env) == again


EMITTED = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=60
) | st.sampled_from(["yes", "no", "null", "~", "1e3", "2026-01-01", "12:30", "- a", ": b", "#c",
                     "'", '"', "...", "---", "0o17", ".inf", "", " ", "[de] x", "a: b", "x #y"])


@settings(max_examples=1000, deadline=None)
@given(EMITTED, st.lists(EMITTED, max_size=3), st.booleans())
def test_libyaml_writes_what_pyyaml_writes(text: str, items: list[str], as_list: bool) -> None:
    """Front matter the shortcut hands to libyaml comes out byte for byte as PyYAML's."""
    data: dict[str, object] = {"title": [text, *items] if as_list else text, "lang": "de"}
    if frontmatter._FAST_DUMPER is None or not frontmatter._simple(data):
        return
    options = {"allow_unicode": True, "sort_keys": False, "width": 1000}
    fast = yaml.dump(data, Dumper=frontmatter._FAST_DUMPER, **options)
    assert fast == yaml.dump(data, Dumper=frontmatter._Dumper, **options)


def test_one_parse_rebuilds_every_locale_alike() -> None:
    """An article parsed once rebuilds as often as wanted, each time as if parsed afresh."""
    text = (
        "---\ntitle: Talks\ntags: [a, b]\n---\n\n# Talks\n\nThe *minister* [spoke][1].\n\n"
        "[1]: spoke.md\n"
    )
    parsed = parse_source(text, "a.md")
    for locale in ("de", "fr", "de"):

        def translate(segment: Segment, locale: str = locale) -> str:
            return f"[{locale}] {segment.msgid}"

        extra = {"lang": locale}
        assert rebuild_parsed(parsed, translate, front_matter=extra, rewrite_link=str.upper) == (
            rebuild_article(text, "a.md", translate, front_matter=extra, rewrite_link=str.upper)
        )


def _depth(text: str) -> int:
    """The deepest nesting of collections, counted as safeyaml's depth check counts it."""
    depth = deepest = 0
    for token in yaml.scan(text, Loader=yaml.SafeLoader):
        if isinstance(token, safeyaml._OPEN):
            depth += 1
            deepest = max(deepest, depth)
        elif isinstance(token, safeyaml._CLOSE):
            depth -= 1
    return deepest


nested = st.recursive(
    st.sampled_from(["a", "1", "x y", "- z", "", "a]b", "[c", "}{", "it's \"q\""]),
    lambda inner: st.lists(inner, min_size=1, max_size=2)
    | st.dictionaries(st.sampled_from(["k", "key", "? q"]), inner, min_size=1, max_size=2),
    max_leaves=60,
)


@settings(max_examples=500, deadline=None)
@given(nested, st.sampled_from([False, None, True]), st.sampled_from([2, 4]))
def test_shallow_front_matter_needs_no_depth_scan(
    data: object, flow: bool | None, indent: int
) -> None:
    """Text the shortcut calls shallow nests no deeper than safeyaml's limit."""
    text = yaml.safe_dump({"d": data}, default_flow_style=flow, indent=indent)
    try:
        deepest = _depth(text)
    except yaml.YAMLError:
        return
    if safeyaml.surely_shallow(text):
        assert deepest <= safeyaml.MAX_DEPTH


def test_deep_front_matter_is_not_taken_for_shallow() -> None:
    """Sixty nested one-space mappings or compact sequences are still scanned for depth."""
    mappings = "".join(" " * level + f"k{level}:\n" for level in range(60)) + " " * 60 + "v\n"
    sequences = "- " * 60 + "x\n"
    for text in (mappings, sequences):
        assert _depth(text) > safeyaml.MAX_DEPTH
        assert not safeyaml.surely_shallow(text)
