"""Progress and review state per locale, article and segment, as JSON-ready data and a table.

Files are read only by ``collect_status``, ``find_occurrences``, ``msgstr_changes``
and their helpers ``read_catalog`` and ``source_keys``; everything else works on
catalogs and on the dict ``collect_status`` returns (the ``status --format json``
shape, DESIGN.md §9)::

    {"locales": [{"locale": "fr", "counts": {state: N, …}, "total": N, "percent": {…},
                  "complete": N,
                  "articles": [{"article": slug, "file": "locales/fr/slug.po",
                                "counts": {…}, "total": N, "percent": {…}, "complete": N,
                                "missing": false, "stale": false,
                                "segments": [{"id", "state", "source", "target",
                                              "msgctxt", "line", "review"}]}]}]}

``review`` is ``{"by", "date", "reason"}`` for an approved or rejected segment, else null.

All six states are always present in ``counts``; locales come in configured order,
articles by slug, segments in file order.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from accord import safefile
from accord.catalog.pofile import Catalog, Entry
from accord.config import Config
from accord.errors import AccordError, ReviewError
from accord.ids import segment_id
from accord.locales import display_name
from accord.readable import readable
from accord.review.state import Event, MarkKind, State, history, state_of
from accord.source.segment import decode_source, parse_article
from accord.steps.history import Change, last_change, msgstr_lines
from accord.workspace import ArticleRef, po_path, targets_of
from accord.workspace import read_catalog as read_po_file

STATES = tuple(State)
DEFAULT_COMPLETE = ("translated", "approved")
SHORT = {
    State.UNTRANSLATED: "untrans",
    State.MACHINE: "machine",
    State.FUZZY: "fuzzy",
    State.TRANSLATED: "transl",
    State.APPROVED: "approved",
    State.REJECTED: "rejected",
}


@dataclass(frozen=True)
class Occurrence:
    """One segment in one locale's PO file of one article (what ``status --segment`` shows)."""

    locale: str
    article: str
    file: str
    entry: Entry

    @property
    def state(self) -> State:
        return state_of(self.entry)


def empty_counts() -> dict[str, int]:
    """``{state: 0}`` for all six states, in State order."""
    return {state.value: 0 for state in STATES}


def percentages(counts: dict[str, int], total: int) -> dict[str, float]:
    """Each state's share of ``total`` in percent, one decimal (0 when there is nothing)."""
    return {k: (round(100 * n / total, 1) if total else 0.0) for k, n in counts.items()}


def segment_status(entry: Entry) -> dict[str, Any]:
    """One segment as listed in ``status --format json``."""
    target = entry.msgstr
    if entry.msgid_plural is not None:
        target = entry.msgstr_plural.get(0, "")
    return {
        "id": segment_id(entry.msgid, entry.msgctxt),
        "state": state_of(entry).value,
        "source": entry.msgid,
        "target": target,
        "msgctxt": entry.msgctxt,
        "line": entry.line,
        "review": review_of(entry),
    }


def review_of(entry: Entry) -> dict[str, Any] | None:
    """Who approved or rejected the segment's current text, when, and why (rejections).

    ``{"by": name, "date": "YYYY-MM-DD", "reason": text or None}``; None for a segment
    that is neither approved nor rejected.
    """
    state = state_of(entry)
    if state not in (State.APPROVED, State.REJECTED):
        return None
    kind = MarkKind.APPROVED if state is State.APPROVED else MarkKind.REJECTED
    mark = [e.mark for e in history(entry) if e.current and e.mark.kind is kind][-1]
    return {"by": mark.who, "date": mark.when.isoformat(), "reason": mark.reason}


def article_status(
    catalog: Catalog | None,
    slug: str,
    file: str,
    complete_states: Iterable[str] = DEFAULT_COMPLETE,
    source: frozenset[tuple[str | None, str]] | None = None,
) -> dict[str, Any]:
    """Counts and segments of one article's PO file; ``None`` means the file does not exist yet.

    ``complete`` counts the segments whose state is among ``complete_states`` (what
    the build's threshold counts as done). ``stale`` tells whether the PO file's
    segments differ from ``source`` (the article's current segment keys, see
    ``source_keys``): the source was edited since the last sync; None when unknown.
    """
    segments = [segment_status(e) for e in catalog.messages()] if catalog is not None else []
    counts = empty_counts()
    for segment in segments:
        counts[segment["state"]] += 1
    return {
        "article": slug,
        "file": file,
        "counts": counts,
        "total": len(segments),
        "percent": percentages(counts, len(segments)),
        "complete": sum(counts[s] for s in set(complete_states)),
        # An article with nothing to translate gets no PO file from sync: not missing.
        "missing": catalog is None and source != frozenset(),
        "stale": None if catalog is None or source is None else _keys(catalog) != source,
        "segments": segments,
    }


def source_keys(config: Config, article: ArticleRef) -> frozenset[tuple[str | None, str]] | None:
    """The (msgctxt, msgid) of every segment of the article now; None if it cannot be read."""
    try:
        relpath = config.relative(article.path)
        text = decode_source(safefile.read_located(article.path, relpath), relpath)
        parsed = parse_article(text, relpath, config.translatable_keys)
    except (AccordError, OSError):
        return None  # sync and check report a broken source with its line; status just shows
    return frozenset((s.msgctxt, s.msgid) for s in parsed.segments)


def _keys(catalog: Catalog) -> frozenset[tuple[str | None, str]]:
    return frozenset(e.key for e in catalog.messages())


def locale_status(locale: str, articles: list[dict[str, Any]]) -> dict[str, Any]:
    """One locale's totals over its articles' statuses."""
    counts = empty_counts()
    for article in articles:
        for state, n in article["counts"].items():
            counts[state] += n
    total = sum(a["total"] for a in articles)
    return {
        "locale": locale,
        "counts": counts,
        "total": total,
        "percent": percentages(counts, total),
        "complete": sum(a["complete"] for a in articles),
        "articles": articles,
    }


def ordered_locales(config: Config, locales: Iterable[str]) -> list[str]:
    """``locales`` in configured order (any not configured follow in the order given)."""
    wanted = list(dict.fromkeys(locales))
    return [loc for loc in config.locales if loc in wanted] + [
        loc for loc in wanted if loc not in config.locales
    ]


def read_catalog(config: Config, locale: str, slug: str) -> Catalog | None:
    """The PO file of ``slug`` in ``locale``, or None if it does not exist; errors name the file."""
    path = po_path(config, locale, slug)
    if not safefile.present(path):
        return None
    return read_po_file(config, path)


def collect_status(
    config: Config, locales: Iterable[str], articles: Iterable[ArticleRef]
) -> dict[str, Any]:
    """Read every selected PO file and return the ``status --format json`` object."""
    refs = sorted(articles, key=lambda a: a.slug)
    sources: dict[str, frozenset[tuple[str | None, str]] | None] = {}
    out = []
    for locale in ordered_locales(config, locales):
        rows = []
        for article in refs:
            if not targets_of(article, [locale]):
                continue
            if article.slug not in sources:
                sources[article.slug] = source_keys(config, article)
            file = config.relative(po_path(config, locale, article.slug))
            catalog = read_catalog(config, locale, article.slug)
            rows.append(article_status(catalog, article.slug, file, config.complete_states,
                                       sources[article.slug]))
        out.append(locale_status(locale, rows))
    return {"locales": out}


def format_table(status: dict[str, Any]) -> str:
    """A terminal table: per locale and article, count and percentage of each state.

    ``done`` is the share of segments in the configured ``complete_states``, which
    the build compares with its threshold.
    """
    labels: list[str] = []
    cells: list[list[str] | str] = []  # a row of cells, or a note for a missing file
    notes: dict[int, str] = {}
    for loc in status["locales"]:
        labels.append(f"{loc['locale']} ({display_name(loc['locale'])})")
        cells.append(_cells(loc))
        for art in loc["articles"]:
            labels.append(f"  {art['article']}")
            cells.append(f"no {art['file']} (run sync)" if art["missing"] else _cells(art))
            if art.get("stale"):
                notes[len(cells) - 1] = "  source changed: run sync"
    header = [*(SHORT[s] for s in STATES), "total", "done"]
    width = max([0, *(len(label) for label in labels)])
    rows = [row for row in cells if isinstance(row, list)]
    columns = [max([len(h), *(len(r[i]) for r in rows)]) + 2 for i, h in enumerate(header)]
    lines = [" " * width + "".join(f"{h:>{w}}" for h, w in zip(header, columns, strict=True))]
    for number, (label, row) in enumerate(zip(labels, cells, strict=True)):
        if isinstance(row, str):
            lines.append(f"{label:<{width}}  {row}")
        else:
            text = "".join(f"{c:>{w}}" for c, w in zip(row, columns, strict=True))
            lines.append(f"{label:<{width}}{text}{notes.get(number, '')}")
    return "\n".join(line.rstrip() for line in lines) + "\n"


def _cells(totals: dict[str, Any]) -> list[str]:
    counts, percent, total = totals["counts"], totals["percent"], totals["total"]
    # rounded down, as the reports show it: 99.6 % done is not 100 % done
    done = f"{100 * totals['complete'] // total}%" if total else "-"
    shown = [
        f"{counts[s.value]} ({percent[s.value]:.0f}%)" if counts[s.value] else "0" for s in STATES
    ]
    return [*shown, str(total), done]


def resolve_segment(ids: Iterable[str], wanted: str, where: str | None = None) -> str:
    """The one id among ``ids`` equal to ``wanted`` or starting with it; ReviewError otherwise."""
    prefix = wanted.strip().lower()
    known = sorted(set(ids))
    if prefix in known:
        return prefix
    matches = [i for i in known if i.startswith(prefix)] if prefix else []
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise ReviewError(f"no segment with id {wanted!r}", path=where)
    shown = ", ".join(matches[:5]) + (", …" if len(matches) > 5 else "")
    raise ReviewError(f"segment id {wanted!r} is ambiguous: {shown}", path=where)


def find_occurrences(
    config: Config, locales: Iterable[str], articles: Iterable[ArticleRef], wanted: str
) -> tuple[str, list[Occurrence]]:
    """The full id named by ``wanted`` (id or unique prefix) and every entry carrying it."""
    entries: list[tuple[str, str, str, Entry]] = []
    for locale in ordered_locales(config, locales):
        for article in sorted(articles, key=lambda a: a.slug):
            if not targets_of(article, [locale]):
                continue
            catalog = read_catalog(config, locale, article.slug)
            if catalog is None:
                continue
            file = config.relative(po_path(config, locale, article.slug))
            entries.extend((locale, article.slug, file, e) for e in catalog.messages())
    full = resolve_segment((segment_id(e.msgid, e.msgctxt) for *_, e in entries), wanted)
    found = [
        Occurrence(locale, slug, file, e)
        for locale, slug, file, e in entries
        if segment_id(e.msgid, e.msgctxt) == full
    ]
    return full, found


def translated_by(entry: Entry) -> str | None:
    """Who wrote today's msgstr: ``machine <engine>``, ``a person``, or None if untranslated."""
    if not entry.translated:
        return None
    for event in reversed(history(entry)):
        if event.current and event.mark.kind is MarkKind.MACHINE:
            return f"machine ({event.mark.who})"
    return "a person"


def event_dict(event: Event) -> dict[str, Any]:
    """One history line as JSON."""
    mark = event.mark
    return {
        "event": mark.kind.value,
        "by": mark.who,
        "date": mark.when.isoformat(),
        "reason": mark.reason,
        "current": event.current,
    }


def occurrence_dict(occurrence: Occurrence, change: Change | None = None) -> dict[str, Any]:
    """A segment's state and history in one locale, as JSON (``change``: from git blame)."""
    entry = occurrence.entry
    return {
        "locale": occurrence.locale,
        "article": occurrence.article,
        "file": occurrence.file,
        **segment_status(entry),
        "translated_by": translated_by(entry),
        "history": [event_dict(e) for e in history(entry)],
        "msgstr_last_changed": None if change is None else {
            "author": change.author,
            "date": change.when.isoformat() if change.when else None,
            "commit": change.commit,
        },
    }


def format_history(
    full_id: str, occurrences: list[Occurrence], changes: dict[int, Change] | None = None
) -> str:
    """``status --segment ID`` as text: the source, then per locale state and history.

    ``changes`` maps an occurrence's index to the last git change of its msgstr.
    """
    lines = [f"segment {full_id}"]
    if occurrences:
        first = occurrences[0].entry
        if first.msgctxt:
            lines.append(f"  context: {shown(first.msgctxt)}")
        lines.append(f"  source:  {shown(first.msgid)}")
        if first.references:
            lines.append(f"  in:      {' '.join(first.references)}")
    for number, occ in enumerate(occurrences):
        entry = occ.entry
        lines.append("")
        lines.append(f"{occ.locale}  {occ.article}  {occ.file}:{entry.line}  [{occ.state.value}]")
        if entry.translated:
            lines.append(f"  target:  {shown(entry.msgstr or entry.msgstr_plural.get(0, ''))}")
            lines.append(f"  translated by {translated_by(entry)}")
        change = (changes or {}).get(number)
        if change is not None:
            when = f" on {change.when.isoformat()}" if change.when else ""
            commit = f" (commit {change.commit[:10]})" if change.when else ""
            lines.append(f"  msgstr last changed by {shown(change.author)}{when}{commit}")
        for event in history(entry):
            lines.append("  " + _event_text(event))
    return "\n".join(lines) + "\n"


def msgstr_changes(config: Config, occurrences: list[Occurrence]) -> dict[int, Change]:
    """The last git change of each translated occurrence's msgstr (none outside git)."""
    texts: dict[str, str] = {}
    changes: dict[int, Change] = {}
    for number, occ in enumerate(occurrences):
        if not occ.entry.translated:
            continue
        if occ.file not in texts:
            texts[occ.file] = (config.root / occ.file).read_text(encoding="utf-8", errors="replace")
        span = msgstr_lines(texts[occ.file], occ.entry.line)
        change = last_change(config.root, occ.file, *span) if span else None
        if change is not None:
            changes[number] = change
    return changes


def _event_text(event: Event) -> str:
    mark = event.mark
    date = mark.when.isoformat()
    if mark.kind is MarkKind.MACHINE:
        text = f"{date}  machine translation by {mark.who}"
    elif mark.kind is MarkKind.APPROVED:
        text = f"{date}  approved by {mark.who}"
    else:
        text = f"{date}  rejected by {mark.who}: {mark.reason}"
    text = shown(text)
    return text if event.current else f"{text}  (for an earlier text)"


def shown(text: str) -> str:
    """``text`` safe and readable in a terminal (see ``accord.readable``)."""
    return readable(text)
