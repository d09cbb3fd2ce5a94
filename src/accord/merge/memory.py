"""Translation memory: translations a person made elsewhere, reused for new entries.

A memory belongs to one target locale and is built from that locale's catalogs. It
remembers, per source language (the catalog header's ``X-Source-Language``) and per
(msgctxt, msgid), one translation: only entries whose review state is
``translated`` or ``approved`` count, so fuzzy entries and machine output are never
reused, nor a rejected text (even once someone cleared its fuzzy flag without
changing it). When several translations of one segment exist,
an approved one beats a merely translated one, an active entry beats an obsolete
one, and otherwise the first in catalog order wins, so the result does not depend
on anything but the input order.

Besides exact hits, ``suggest`` finds the most similar remembered segment, as
``msgmerge -C`` (a compendium) does: same similarity, threshold and choice as the
fuzzy matching of old entries (:mod:`accord.merge.fuzzy`).  Each translation remembers
where it came from (the catalog's name, e.g. the article slug) so that a
suggestion can say so.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from accord.catalog.pofile import Catalog, Entry
from accord.merge.fuzzy import CONTEXT_BONUS, FUZZY_THRESHOLD, FuzzyIndex
from accord.review.state import MarkKind, State, history, state_of

SOURCE_LANGUAGE_FIELD = "X-Source-Language"
_CONTEXT_SEPARATOR = "\x04"  # gettext's own msgctxt/msgid separator in MO files
_LANGUAGE_SEPARATOR = "\x00"
_USABLE = {State.APPROVED: 2, State.TRANSLATED: 1}
_ORIGIN_SEPARATOR = "\x00"  # in to_dict values: msgstr, then where it came from


def contributions(catalog: Catalog) -> dict[str, tuple[int, str]]:
    """One catalog's memory rows: key → (rank, msgstr) of its best usable translation.

    The unit both :meth:`TranslationMemory.build` and sync's stored memory are made of.
    """
    source_lang = catalog.metadata().get(SOURCE_LANGUAGE_FIELD, "")
    head = catalog.header
    best: dict[str, tuple[int, str]] = {}
    for entry in catalog.entries:
        if entry is head or entry.msgid_plural is not None:
            continue
        rank = _rank(entry)
        if rank is None:
            continue
        key = _key(source_lang, entry.msgid, entry.msgctxt)
        held = best.get(key)
        if held is None or rank > held[0]:
            best[key] = (rank, entry.msgstr)
    return best


@dataclass(frozen=True)
class Suggestion:
    """A remembered translation of a segment similar to the one asked for."""

    msgid: str
    msgctxt: str | None
    msgstr: str
    origin: str  # the name of the catalog it came from ("" when unknown)
    goal: float  # similarity, plus msgmerge's bonus for a matching context


def _key(source_lang: str, msgid: str, msgctxt: str | None) -> str:
    body = msgid if msgctxt is None else msgctxt + _CONTEXT_SEPARATOR + msgid
    return source_lang + _LANGUAGE_SEPARATOR + body


@dataclass
class TranslationMemory:
    """Exact-match translations of one target locale, keyed by source language and segment."""

    _pairs: dict[str, str] = field(default_factory=dict)
    _origins: dict[str, str] = field(default_factory=dict)
    _indexes: dict[str, tuple[FuzzyIndex, list[str]]] = field(
        default_factory=dict, compare=False, repr=False
    )

    @classmethod
    def build(
        cls, catalogs: Iterable[Catalog], names: Iterable[str] | None = None
    ) -> TranslationMemory:
        """The memory of every usable translation in ``catalogs`` (obsolete entries included).

        ``names`` (one per catalog, e.g. article slugs) say where each translation came from.
        """
        best: dict[str, tuple[int, str]] = {}
        origins: dict[str, str] = {}
        name_list = list(names) if names is not None else None
        for number, catalog in enumerate(catalogs):
            name = name_list[number] if name_list is not None else ""
            for key, (rank, msgstr) in contributions(catalog).items():
                held = best.get(key)
                if held is None or rank > held[0]:
                    best[key] = (rank, msgstr)
                    origins[key] = name
        return cls({key: msgstr for key, (_, msgstr) in best.items()}, origins)

    def lookup(self, msgid: str, msgctxt: str | None = None, source_lang: str = "") -> str | None:
        """The remembered translation of (msgctxt, msgid) from ``source_lang``, or None."""
        return self._pairs.get(_key(source_lang, msgid, msgctxt))

    def suggest(
        self,
        msgid: str,
        msgctxt: str | None = None,
        source_lang: str = "",
        lower_bound: float = FUZZY_THRESHOLD,
    ) -> Suggestion | None:
        """The remembered segment most similar to (msgctxt, msgid), as msgmerge picks one
        from a compendium, if its goal beats ``lower_bound``; None otherwise."""
        index, keys = self._index(source_lang)
        found = index.best(msgid, msgctxt, lower_bound)
        if found is None:
            return None
        key = keys[found.index]
        body = key[len(source_lang) + 1 :]
        context, separator, text = body.partition(_CONTEXT_SEPARATOR)
        found_ctxt = context if separator else None
        found_msgid = text if separator else body
        bonus = CONTEXT_BONUS if found_ctxt is None or found_ctxt == msgctxt else 0.0
        msgstr, origin = self._answer(key)
        return Suggestion(
            msgid=found_msgid,
            msgctxt=found_ctxt,
            msgstr=msgstr,
            origin=origin,
            goal=found.similarity + bonus,
        )

    def _answer(self, key: str) -> tuple[str, str]:
        """The msgstr remembered for ``key`` and the PO file it came from."""
        return self._pairs[key], self._origins.get(key, "")

    def _keys(self, prefix: str) -> list[str]:
        """Every remembered key starting with ``prefix``, sorted."""
        return sorted(key for key in self._pairs if key.startswith(prefix))

    def _index(self, source_lang: str) -> tuple[FuzzyIndex, list[str]]:
        """The fuzzy index of one source language's segments, built once, when first needed."""
        held = self._indexes.get(source_lang)
        if held is None:
            prefix = source_lang + _LANGUAGE_SEPARATOR
            keys = self._keys(prefix)
            pairs = []
            for key in keys:
                context, separator, text = key[len(prefix) :].partition(_CONTEXT_SEPARATOR)
                pairs.append((context, text) if separator else (None, key[len(prefix) :]))
            held = self._indexes[source_lang] = (FuzzyIndex(pairs), keys)
        return held

    def __len__(self) -> int:
        return len(self._pairs)

    def to_dict(self) -> dict[str, str]:
        """A JSON-ready copy (the sync cache stores it); ``from_dict`` reads it back."""
        return {
            key: msgstr + _ORIGIN_SEPARATOR + self._origins.get(key, "")
            for key, msgstr in self._pairs.items()
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, str]) -> TranslationMemory:
        """The memory saved by ``to_dict``; entries that are not string pairs are ignored."""
        pairs: dict[str, str] = {}
        origins: dict[str, str] = {}
        for key, value in data.items():
            if isinstance(key, str) and isinstance(value, str):
                msgstr, _, origin = value.partition(_ORIGIN_SEPARATOR)
                pairs[key] = msgstr
                origins[key] = origin
        return cls(pairs, origins)


def _rank(entry: Entry) -> int | None:
    """How much to trust the entry's msgstr as a translation memory hit (None: not at all)."""
    if not entry.msgstr or entry.fuzzy:
        return None
    current = [event.mark.kind for event in history(entry) if event.current]
    if current and current[-1] is MarkKind.REJECTED:
        return None  # unfuzzied but not changed since the rejection: still rejected text
    weight = _USABLE.get(state_of(entry))
    if weight is None:
        return None
    return weight * 2 + (0 if entry.obsolete else 1)
