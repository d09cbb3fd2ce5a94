"""Glossary highlights: which part of a segment's text shows green, red, amber or dashed."""

from __future__ import annotations

import enum
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from accord.report.findings import FindingView

if TYPE_CHECKING:
    from accord.glossary import Glossary, Match
    from accord.review.status import SegmentStatus

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


def span_of(match: Match) -> Span:
    """A glossary match as a highlight: red for a forbidden variant, green otherwise."""
    kind = Highlight.FORBIDDEN if match.forbidden else Highlight.PREFERRED
    return Span(match.start, match.end, kind, match.concept)


# The glossary spans of a PO file's segments, found when the file is checked and kept
# with its findings (``checkcache``): the report's article pages then need no matcher.
SegmentSpans = tuple[list[Span], list[Span]]  # a segment's source spans, its target's


def segment_spans(
    glossary: Glossary, segments: Iterable[SegmentStatus], source_lang: str, locale: str
) -> str:
    """As JSON, the spans an article page highlights in each of ``segments``: its source
    written in ``source_lang`` and its translation in ``locale`` (what
    ``report.model.article_view`` finds when they are not given)."""
    def found(text: str, lang: str) -> list[list[object]]:
        return [[m.start, m.end, m.concept, int(m.forbidden)] for m in glossary.find(text, lang)]

    return json.dumps([[found(s.source, source_lang) if source_lang else [],
                        found(s.target, locale) if s.target else []] for s in segments],
                      ensure_ascii=False, separators=(",", ":"))


def recalled_spans(raw: str) -> list[SegmentSpans]:
    """``segment_spans``' JSON read back."""
    kinds = (Highlight.PREFERRED, Highlight.FORBIDDEN)
    return [([Span(a, b, kinds[f], c) for a, b, c, f in source],
             [Span(a, b, kinds[f], c) for a, b, c, f in target])
            for source, target in json.loads(raw)]


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
