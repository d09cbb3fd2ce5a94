"""Progress and review state as typed records: a segment, an article's PO file, a locale.

``collect_status`` (in ``accord.steps.status``) reads the files and builds these; the
status table, the reports and the workbench read their fields. ``to_json()`` gives
the ``status --format json`` shape (DESIGN.md §9), key for key::

    {"locales": [{"locale": "fr", "counts": {state: N, …}, "total": N, "percent": {…},
                  "complete": N,
                  "articles": [{"article": slug, "file": "locales/fr/slug.po",
                                "counts": {…}, "total": N, "percent": {…}, "complete": N,
                                "missing": false, "stale": false,
                                "segments": [{"id", "state", "source", "target",
                                              "msgctxt", "line", "review"}]}]}]}

``review`` is ``{"by", "date", "reason"}`` for an approved or rejected segment, else null.
All six states are always present in ``counts``. ``from_json`` reads that shape back
(an earlier ``report.json``), filling what an older or hand-written one leaves out.

A new value shown per article or locale is a field here, its ``to_json`` key, and the
report's view of it in ``accord.report.model``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from accord.ids import segment_id
from accord.review.state import COMPLETE_BY_DEFAULT, MarkKind, State, history, state_of

if TYPE_CHECKING:
    from accord.catalog.pofile import Catalog, Entry

STATES = tuple(State)
SourceKeys = frozenset[tuple[str | None, str]]


def empty_counts() -> dict[str, int]:
    """``{state: 0}`` for all six states, in State order."""
    return {state.value: 0 for state in STATES}


def percentages(counts: Mapping[str, int], total: int) -> dict[str, float]:
    """Each state's share of ``total`` in percent, one decimal (0 when there is nothing)."""
    return {k: (round(100 * n / total, 1) if total else 0.0) for k, n in counts.items()}


@dataclass(frozen=True)
class Review:
    """Who approved or rejected a segment's current text, on which day, and why."""

    by: str
    date: str
    reason: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"by": self.by, "date": self.date, "reason": self.reason}

    @staticmethod
    def from_json(raw: object) -> Review | None:
        """The ``review`` of a status segment, None if absent or without a reviewer."""
        if not isinstance(raw, Mapping) or not raw.get("by"):
            return None
        reason = raw.get("reason")
        return Review(by=str(raw["by"]), date=str(raw.get("date") or ""),
                      reason=None if reason is None else str(reason))


@dataclass(frozen=True)
class SegmentStatus:
    """One segment of one PO file: its state, texts, place and review."""

    id: str
    state: State
    source: str
    target: str
    msgctxt: str | None
    line: int | None
    review: Review | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "state": self.state.value,
            "source": self.source,
            "target": self.target,
            "msgctxt": self.msgctxt,
            "line": self.line,
            "review": None if self.review is None else self.review.to_json(),
        }

    @staticmethod
    def from_json(raw: Mapping[str, Any]) -> SegmentStatus:
        line = raw.get("line")
        context = raw.get("msgctxt")
        return SegmentStatus(
            id=str(raw.get("id", "")),
            state=State(raw.get("state", "untranslated")),
            source=str(raw.get("source") or ""),
            target=str(raw.get("target") or ""),
            msgctxt=None if context is None else str(context),
            line=line if isinstance(line, int) and not isinstance(line, bool) else None,
            review=Review.from_json(raw.get("review")),
        )


def _counts_json(raw: object) -> dict[str, int]:
    counts = raw if isinstance(raw, Mapping) else {}
    return {state.value: int(counts.get(state.value, 0)) for state in STATES}


def _complete_json(raw: Mapping[str, Any], counts: Mapping[str, int]) -> int:
    complete = raw.get("complete")
    if isinstance(complete, int) and not isinstance(complete, bool):
        return complete
    return sum(counts[s] for s in COMPLETE_BY_DEFAULT)


@dataclass(frozen=True)
class ArticleStatus:
    """One article's PO file in one locale: counts and, unless summarised, its segments.

    ``complete`` counts the segments in the configured ``complete_states``; ``missing``
    is True when the PO file does not exist yet (and the article has segments);
    ``stale`` tells whether the PO file's segments differ from the source (None:
    unknown).
    """

    article: str
    file: str
    counts: Mapping[str, int]
    total: int
    percent: Mapping[str, float]
    complete: int
    missing: bool
    stale: bool | None
    segments: tuple[SegmentStatus, ...] = ()

    def summary(self) -> ArticleStatus:
        """The same row without its segments (what an index keeps)."""
        return replace(self, segments=())

    def to_json(self) -> dict[str, Any]:
        return {
            "article": self.article,
            "file": self.file,
            "counts": dict(self.counts),
            "total": self.total,
            "percent": dict(self.percent),
            "complete": self.complete,
            "missing": self.missing,
            "stale": self.stale,
            "segments": [s.to_json() for s in self.segments],
        }

    @staticmethod
    def from_json(raw: Mapping[str, Any]) -> ArticleStatus:
        counts = _counts_json(raw.get("counts"))
        total = int(raw.get("total", 0))
        stale = raw.get("stale")
        segments = raw.get("segments")
        return ArticleStatus(
            article=str(raw["article"]),
            file=str(raw.get("file", "")),
            counts=counts,
            total=total,
            percent=percentages(counts, total),
            complete=_complete_json(raw, counts),
            missing=raw.get("missing") is True,
            stale=stale if isinstance(stale, bool) else None,
            segments=tuple(SegmentStatus.from_json(s) for s in segments or ()
                           if isinstance(s, Mapping)),
        )


@dataclass(frozen=True)
class LocaleStatus:
    """One target locale: totals over its articles, and the articles."""

    locale: str
    counts: Mapping[str, int]
    total: int
    percent: Mapping[str, float]
    complete: int
    articles: tuple[ArticleStatus, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "locale": self.locale,
            "counts": dict(self.counts),
            "total": self.total,
            "percent": dict(self.percent),
            "complete": self.complete,
            "articles": [a.to_json() for a in self.articles],
        }

    @staticmethod
    def from_json(raw: Mapping[str, Any]) -> LocaleStatus:
        counts = _counts_json(raw.get("counts"))
        total = int(raw.get("total", 0))
        articles = raw.get("articles")
        return LocaleStatus(
            locale=str(raw["locale"]),
            counts=counts,
            total=total,
            percent=percentages(counts, total),
            complete=_complete_json(raw, counts),
            articles=tuple(ArticleStatus.from_json(a) for a in articles or ()
                           if isinstance(a, Mapping)),
        )


@dataclass(frozen=True)
class Status:
    """The status of the selected locales, in configured order."""

    locales: tuple[LocaleStatus, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {"locales": [loc.to_json() for loc in self.locales]}

    @staticmethod
    def from_json(raw: Mapping[str, Any]) -> Status:
        locales = raw.get("locales")
        return Status(tuple(LocaleStatus.from_json(e) for e in locales or ()
                            if isinstance(e, Mapping)))


def keys_digest(keys: Iterable[tuple[str | None, str]]) -> str:
    """A digest of a set of segment keys (msgctxt, msgid), independent of their order:
    equal digests, equal sets.

    Lets sync record an article's keys and a report or status tell a stale PO file
    from its source without holding every article's keys (the sync state stores it).
    """
    hasher = hashlib.sha256()
    for ctxt, msgid in sorted(set(keys), key=lambda k: (k[0] is not None, k[0] or "", k[1])):
        chunk = (b"\x01" if ctxt is None else b"\x02" + ctxt.encode()) + b"\x04" + msgid.encode()
        hasher.update(len(chunk).to_bytes(8, "little"))
        hasher.update(chunk)
    return hasher.hexdigest()


def review_of(entry: Entry, state: State | None = None) -> Review | None:
    """Who approved or rejected the segment's current text, when, and why (rejections).

    None for a segment that is neither approved nor rejected. ``state`` is the
    entry's ``state_of`` when the caller has it already.
    """
    if state is None:
        state = state_of(entry)
    if state not in (State.APPROVED, State.REJECTED):
        return None
    kind = MarkKind.APPROVED if state is State.APPROVED else MarkKind.REJECTED
    mark = [e.mark for e in history(entry) if e.current and e.mark.kind is kind][-1]
    return Review(by=mark.who, date=mark.when.isoformat(), reason=mark.reason)


def segment_status(entry: Entry) -> SegmentStatus:
    """One segment as listed in ``status --format json``."""
    target = entry.msgstr
    if entry.msgid_plural is not None:
        target = entry.msgstr_plural.get(0, "")
    state = state_of(entry)
    return SegmentStatus(
        id=segment_id(entry.msgid, entry.msgctxt),
        state=state,
        source=entry.msgid,
        target=target,
        msgctxt=entry.msgctxt,
        line=entry.line,
        review=review_of(entry, state),
    )


def article_status(
    catalog: Catalog | None,
    slug: str,
    file: str,
    complete_states: Iterable[str] = COMPLETE_BY_DEFAULT,
    source: SourceKeys | str | None = None,
) -> ArticleStatus:
    """Counts and segments of one article's PO file; ``None`` means the file does not exist yet.

    ``complete`` counts the segments whose state is among ``complete_states`` (what
    the build's threshold counts as done). ``stale`` tells whether the PO file's
    segments differ from ``source`` (the article's current segment keys, or their
    ``keys_digest`` as the last sync recorded it): the source was edited since the
    last sync; None when unknown.
    """
    messages = catalog.messages() if catalog is not None else []
    segments = tuple(segment_status(e) for e in messages)
    counts = empty_counts()
    for segment in segments:
        counts[segment.state.value] += 1
    keys = None if catalog is None else frozenset(e.key for e in messages)
    if isinstance(source, str):
        empty = source == keys_digest(frozenset())
        stale = None if keys is None else keys_digest(keys) != source
    else:
        empty = source == frozenset()
        stale = None if keys is None or source is None else keys != source
    return ArticleStatus(
        article=slug,
        file=file,
        counts=counts,
        total=len(segments),
        percent=percentages(counts, len(segments)),
        complete=sum(counts[s] for s in set(complete_states)),
        # An article with nothing to translate gets no PO file from sync: not missing.
        missing=catalog is None and not empty,
        stale=stale,
        segments=segments,
    )


def locale_status(locale: str, articles: Sequence[ArticleStatus]) -> LocaleStatus:
    """One locale's totals over its articles' statuses."""
    counts = empty_counts()
    for article in articles:
        for state, n in article.counts.items():
            counts[state] += n
    total = sum(a.total for a in articles)
    return LocaleStatus(
        locale=locale,
        counts=counts,
        total=total,
        percent=percentages(counts, total),
        complete=sum(a.complete for a in articles),
        articles=tuple(articles),
    )
