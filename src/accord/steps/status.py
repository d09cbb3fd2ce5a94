"""Progress and review state per locale, article and segment, as JSON-ready data and a table.

Files are read only by ``collect_status``, ``find_occurrences``, ``msgstr_changes``
and their helpers ``source_keys``, ``known_keys`` and ``sync_stamps``; everything else works on
catalogs and on the typed ``Status`` records of ``accord.review.status`` that
``collect_status`` returns (``Status.to_json()`` is the ``status --format json`` shape,
DESIGN.md §9). Locales come in configured order, articles by slug, segments in file
order.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from accord import safefile
from accord.config import Config
from accord.errors import AccordError, ReviewError
from accord.ids import segment_id
from accord.locales import display_name
from accord.readable import readable
from accord.review.state import Event, MarkKind, State, history, state_of
from accord.review.status import (
    ArticleStatus,
    LocaleStatus,
    SourceKeys,
    Status,
    article_status,
    locale_status,
    segment_status,
)
from accord.steps.syncstate import LocaleState, Stamp, digest, state_path, sync_key
from accord.workspace import ArticleRef, catalogs
from accord.workspace import read_catalog as read_po_file

if TYPE_CHECKING:
    from accord.catalog.pofile import Entry
    from accord.steps.history import Change

STATES = tuple(State)
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


def source_keys(
    config: Config, article: ArticleRef, errors: list[AccordError] | None = None
) -> SourceKeys | None:
    """The (msgctxt, msgid) of every segment of the article now; None if it cannot be
    read (the error, with its ``path:line``, goes to ``errors`` when given)."""
    from accord.source.segment import decode_source, parse_article  # noqa: PLC0415  (start-up)

    try:
        relpath = config.relative(article.path)
        text = decode_source(safefile.read_located(article.path, relpath), relpath)
        parsed = parse_article(text, relpath, config.translatable_keys)
    except AccordError as error:
        if errors is not None:
            errors.append(error)
        return None
    except OSError:
        return None
    return frozenset((s.msgctxt, s.msgid) for s in parsed.segments)


def ordered_locales(config: Config, locales: Iterable[str]) -> list[str]:
    """``locales`` in configured order (any not configured follow in the order given)."""
    wanted = list(dict.fromkeys(locales))
    return [loc for loc in config.locales if loc in wanted] + [
        loc for loc in wanted if loc not in config.locales
    ]


def known_keys(config: Config, article: ArticleRef, stamps: dict[str, Stamp]) -> str | None:
    """The digest of the article's segment keys as the last sync recorded it for this very
    source (so that status need not parse the article); None when sync has not seen it."""
    stamp = stamps.get(article.slug)
    if stamp is None or not stamp.keys:
        return None
    try:
        data = safefile.read_located(article.path, config.relative(article.path))
    except (AccordError, OSError):
        return None
    return stamp.keys if digest(data) == stamp.source else None


def sync_stamps(config: Config, locale: str, key: str) -> dict[str, Stamp]:
    """What the last sync recorded for the locale's PO files (nothing if its settings differ)."""
    state = LocaleState(state_path(config.cache_dir, locale), create=False)
    try:
        return state.stamps() if state.key == key else {}
    finally:
        state.close()


def collect_status(
    config: Config, locales: Iterable[str], articles: Iterable[ArticleRef],
    errors: list[AccordError] | None = None,
) -> Status:
    """Read every selected PO file and return their status (``to_json()``: the JSON shape).

    A source that cannot be parsed is still shown (its PO file's states, staleness
    unknown); its error goes to ``errors`` when given."""
    refs = sorted(articles, key=lambda a: a.slug)
    sources: dict[str, SourceKeys | str | None] = {}
    key = sync_key(config)
    chosen = ordered_locales(config, locales)
    rows: dict[str, list[ArticleStatus]] = {locale: [] for locale in chosen}
    stamps: dict[str, dict[str, Stamp]] = {}
    for ref in catalogs(config, chosen, refs):
        article = ref.article
        if ref.locale not in stamps:
            stamps[ref.locale] = sync_stamps(config, ref.locale, key)
        if article.slug not in sources:
            sources[article.slug] = known_keys(config, article, stamps[ref.locale]) or (
                source_keys(config, article, errors)
            )
        catalog = read_po_file(config, ref.path) if ref.exists else None
        rows[ref.locale].append(article_status(
            catalog, article.slug, ref.file, config.complete_states, sources[article.slug],
        ))
    return Status(tuple(locale_status(locale, rows[locale]) for locale in chosen))


def format_table(status: Status, names: dict[str, str] | None = None) -> str:
    """A terminal table: per locale and article, count and percentage of each state.

    ``done`` is the share of segments in the configured ``complete_states``, which
    the build compares with its threshold. ``names`` gives locale display names
    already known (see namecache.py); the others come from ``display_name``.
    """
    labels: list[str] = []
    cells: list[list[str] | str] = []  # a row of cells, or a note for a missing file
    notes: dict[int, str] = {}
    for loc in status.locales:
        name = (names or {}).get(loc.locale) or display_name(loc.locale)
        labels.append(f"{loc.locale} ({name})")
        cells.append(_cells(loc))
        for art in loc.articles:
            labels.append(f"  {art.article}")
            cells.append(f"no {art.file} (run sync)" if art.missing else _cells(art))
            if art.stale:
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


def _cells(totals: LocaleStatus | ArticleStatus) -> list[str]:
    counts, percent, total = totals.counts, totals.percent, totals.total
    # rounded down, as the reports show it: 99.6 % done is not 100 % done
    done = f"{100 * totals.complete // total}%" if total else "-"
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
    chosen = sorted(articles, key=lambda a: a.slug)
    for ref in catalogs(config, ordered_locales(config, locales), chosen):
        if ref.exists:
            entries.extend((ref.locale, ref.article.slug, ref.file, e)
                           for e in read_po_file(config, ref.path).messages())
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
        **segment_status(entry).to_json(),
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
    from accord.steps.history import last_change, msgstr_lines  # noqa: PLC0415  (--segment only)

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
