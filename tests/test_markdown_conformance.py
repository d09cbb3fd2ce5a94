"""Round trip over the CommonMark 0.31.2 spec examples and markdown-it-py's GFM table fixtures.

Each example gets a small front matter block, is segmented, rebuilt with every
translation equal to its msgid (the HTML must not change, white space folded) and
with a pseudo-translation that uppercases letters (the block structure must not
change).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from markdown_it import MarkdownIt

from accord.source.segment import Segment, parse_article, rebuild_article
from conftest import CONFORMANCE, REPO

FRONT = "---\ntitle: Example\n---\n"
REQUIRED = 0.99


@dataclass(frozen=True)
class Example:
    """One conformance example: where it comes from and its Markdown source."""

    name: str
    markdown: str
    tables: bool


def commonmark_examples() -> list[Example]:
    """The 652 examples of the CommonMark specification."""
    data = json.loads((CONFORMANCE / "commonmark-0.31.2.json").read_text(encoding="utf-8"))
    return [Example(f"commonmark #{e['example']} ({e['section']})", e["markdown"], False)
            for e in data]


def gfm_table_examples() -> list[Example]:
    """The GFM table fixtures (title, '.', input, '.', expected HTML, '.')."""
    lines = (CONFORMANCE / "gfm-tables.md").read_text(encoding="utf-8").split("\n")
    examples = []
    index = 0
    while index < len(lines):
        if index + 1 < len(lines) and lines[index + 1] == "." and lines[index].strip():
            title = lines[index]
            end = lines.index(".", index + 2)
            source = "\n".join(lines[index + 2:end]) + "\n"
            examples.append(Example(f"gfm-tables: {title} (line {index + 1})", source, True))
            index = lines.index(".", end + 1) + 1
        else:
            index += 1
    return examples


def renderer(tables: bool) -> MarkdownIt:
    """The reference renderer: markdown-it-py's CommonMark preset (plus tables for GFM)."""
    md = MarkdownIt("commonmark")
    return md.enable("table") if tables else md


def fold(html: str) -> str:
    """HTML with runs of white space folded to one space (a soft break renders as a space)."""
    return re.sub(r"\s+", " ", html).strip()


def body(rebuilt: str) -> str:
    """The Markdown after the front matter block of a rebuilt example."""
    assert rebuilt.startswith("---\n")
    return rebuilt[rebuilt.index("\n---\n", 3) + len("\n---\n"):]


def block_structure(md: MarkdownIt, text: str) -> list[str]:
    """The sequence of block-level tags (no inline content) of a document."""
    return [f"{t.type}:{t.tag}" for t in md.parse(text) if t.type != "inline"]


_PROTECTED = re.compile(
    r"(`+)[\s\S]*?(?<!`)\1(?!`)"  # code spans
    r"|<[^<>\n]*>"  # autolinks and raw HTML
    r"|&#?[A-Za-z0-9]+;"  # entities
    r"|\\[\s\S]"  # backslash escapes
    r"|\]\([^)]*\)?"  # link destinations and titles
)


def pseudo(text: str) -> str:
    """Letters uppercased outside code spans, HTML, entities, escapes and link destinations."""
    out, pos = [], 0
    for match in _PROTECTED.finditer(text):
        out.append(text[pos:match.start()].upper())
        out.append(match.group(0))
        pos = match.end()
    out.append(text[pos:].upper())
    return "".join(out)


def run(examples: list[Example], check: Callable[[Example], str | None]) -> list[str]:
    """Failure reasons (``name: reason``) of ``check`` over ``examples``."""
    failures = []
    for example in examples:
        reason = check(example)
        if reason is not None:
            failures.append(f"{example.name}: {reason}")
    return failures


def identity_failure(example: Example) -> str | None:
    """Why the rebuilt example renders differently from the source, or None."""
    md = renderer(example.tables)
    text = FRONT + example.markdown
    rebuilt = body(rebuild_article(text, "example.md", lambda s: s.msgid))
    expected, got = fold(md.render(example.markdown)), fold(md.render(rebuilt))
    if expected != got:
        return f"HTML differs\n  source:  {expected!r}\n  rebuilt: {got!r}"
    return None


def pseudo_failure(example: Example) -> str | None:
    """Why the pseudo-translated example has another block structure, or None."""
    md = renderer(example.tables)
    text = FRONT + example.markdown
    translate: Callable[[Segment], str] = lambda s: pseudo(s.msgid)  # noqa: E731
    rebuilt = body(rebuild_article(text, "example.md", translate))
    if block_structure(md, example.markdown) != block_structure(md, rebuilt):
        return f"block structure differs; rebuilt:\n{rebuilt}"
    return None


def report(kind: str, examples: list[Example], failures: list[str]) -> float:
    """Print the pass rate and every failure; return the pass rate."""
    rate = 1 - len(failures) / len(examples)
    print(f"\n{kind}: {len(examples) - len(failures)}/{len(examples)} examples pass ({rate:.2%})")
    for failure in failures:
        print(" -", failure)
    return rate


ALL = [("commonmark", commonmark_examples), ("gfm-tables", gfm_table_examples)]


@pytest.mark.parametrize(("corpus", "load"), ALL)
def test_identity_translation_renders_the_same_html(
    corpus: str, load: Callable[[], list[Example]]
) -> None:
    """Rebuilding with msgstr = msgid renders the source's HTML for at least 99 % of examples."""
    examples = load()
    assert len(examples) >= (652 if corpus == "commonmark" else 10)
    rate = report(f"{corpus} identity", examples, run(examples, identity_failure))
    assert rate >= REQUIRED


@pytest.mark.parametrize(("corpus", "load"), ALL)
def test_pseudo_translation_keeps_the_block_structure(
    corpus: str, load: Callable[[], list[Example]]
) -> None:
    """Uppercased translations leave the sequence of block-level tags unchanged (99 %)."""
    examples = load()
    rate = report(f"{corpus} pseudo", examples, run(examples, pseudo_failure))
    assert rate >= REQUIRED


def test_the_conformance_run_really_rewrites_the_examples() -> None:
    """The examples yield segments and the identity rebuild rewrites their lines."""
    examples = commonmark_examples()
    count = sum(len(parse_article(FRONT + e.markdown, "example.md").segments) for e in examples)
    rewritten = sum(
        body(rebuild_article(FRONT + e.markdown, "example.md", lambda s: s.msgid)) != e.markdown
        for e in examples
    )
    assert count > 600
    assert rewritten > 50


HOSTILE = (
    "# not a heading", "1. not a list", "- not a list", "> not a quote", "a | b", "---",
    "===", "```", "<div>x</div>", "[x]: /url", "foo #", "a\n\nb", "*", "~~~ tilde",
    "x\\\n# y\\\n2) z\\\n---",
)


@pytest.mark.parametrize("translation", HOSTILE)
def test_translations_that_look_like_blocks_are_escaped(translation: str) -> None:
    """A translation that reads like a heading, list, quote, fence, table or HTML stays inline."""
    examples = commonmark_examples() + gfm_table_examples()
    failures = []
    for example in examples:
        md = renderer(example.tables)
        rebuilt = body(rebuild_article(FRONT + example.markdown, "x.md", lambda _s: translation))
        if block_structure(md, example.markdown) != block_structure(md, rebuilt):
            failures.append(f"{example.name}: {rebuilt!r}")
    assert failures == []


def test_repository_articles_round_trip() -> None:
    """The project's own articles rebuild (msgstr = msgid) to the HTML of their source."""
    sources = sorted((REPO / "sources").glob("*/*.md"))
    assert sources
    md = renderer(True)
    for path in sources:
        text = path.read_text(encoding="utf-8-sig")
        rebuilt = rebuild_article(text, str(path), lambda s: s.msgid)
        start = text.index("\n---\n", 3) + len("\n---\n")
        assert fold(md.render(body(rebuilt))) == fold(md.render(text[start:])), path.name
        assert parse_article(rebuilt, str(path)).segments != ()


def test_identity_rebuild_gives_back_the_same_segments() -> None:
    """Segmenting a rebuilt example yields the source's msgids and block types again."""
    failures = []
    for example in commonmark_examples() + gfm_table_examples():
        text = FRONT + example.markdown
        rebuilt = rebuild_article(text, "example.md", lambda s: s.msgid)
        before = [(s.msgid, s.block) for s in parse_article(text, "example.md").segments]
        after = [(s.msgid, s.block) for s in parse_article(rebuilt, "example.md").segments]
        if before != after:
            failures.append(f"{example.name}: {before} became {after}")
    assert failures == []
