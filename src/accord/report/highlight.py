"""Glossary highlights: which part of a segment's text shows green, red, amber or dashed."""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass

from accord.report.findings import FindingView

NEAR_MISS_CHECK = "glossary-near-miss"


class Highlight(enum.Enum):
    """How a glossary term in a text is shown: green, red or amber."""

    PREFERRED = "preferred"
    FORBIDDEN = "forbidden"
    NEAR_MISS = "near-miss"
    MISSING = "missing"  # a source term whose rendering the target lacks


# A forbidden variant outranks a near-miss, which outranks a plain preferred match,
# when two spans overlap.
_PRIORITY = {
    Highlight.FORBIDDEN: 0, Highlight.MISSING: 1, Highlight.NEAR_MISS: 2, Highlight.PREFERRED: 3,
}
MISSING_CHECKS = frozenset({"glossary-missing", "glossary-brand"})


@dataclass(frozen=True)
class Span:
    """A glossary term found in a text: ``text[start:end]``."""

    start: int
    end: int
    kind: Highlight
    concept: str


@dataclass(frozen=True)
class Chunk:
    """A piece of a segment's text, highlighted (``kind`` set) or plain."""

    text: str
    kind: Highlight | None = None
    concept: str | None = None


def chunks(text: str, spans: Sequence[Span]) -> tuple[Chunk, ...]:
    """Cut ``text`` into plain and highlighted chunks; overlapping spans keep the strongest."""
    chosen: list[Span] = []
    ordered = sorted(spans, key=lambda s: (_PRIORITY[s.kind], s.start, -(s.end - s.start)))
    for span in ordered:
        if not 0 <= span.start < span.end <= len(text):
            continue
        if all(span.end <= c.start or span.start >= c.end for c in chosen):
            chosen.append(span)
    out: list[Chunk] = []
    position = 0
    for span in sorted(chosen, key=lambda s: s.start):
        if span.start > position:
            out.append(Chunk(text[position:span.start]))
        out.append(Chunk(text[span.start:span.end], span.kind, span.concept))
        position = span.end
    if position < len(text) or not out:
        out.append(Chunk(text[position:]))
    return tuple(out)


def near_miss_spans(text: str, findings: Sequence[FindingView]) -> list[Span]:
    """Every occurrence in ``text`` of a near-miss finding's ``found`` word."""
    spans = []
    for f in findings:
        if f.check != NEAR_MISS_CHECK or not f.found:
            continue
        start = text.find(f.found)
        while start >= 0:
            spans.append(Span(start, start + len(f.found), Highlight.NEAR_MISS, f.concept or ""))
            start = text.find(f.found, start + len(f.found))
    return spans


def mark_missing(spans: Sequence[Span], findings: Sequence[FindingView]) -> list[Span]:
    """Source spans of concepts the target lacks (missing rendering, altered brand)."""
    lacking = {f.concept for f in findings if f.check in MISSING_CHECKS and f.concept}
    return [
        Span(s.start, s.end, Highlight.MISSING, s.concept)
        if s.concept in lacking and s.kind is Highlight.PREFERRED else s
        for s in spans
    ]
