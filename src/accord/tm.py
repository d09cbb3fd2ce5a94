"""Translation memory: exact translations a person made elsewhere, reused for new entries.

A memory belongs to one target locale and is built from that locale's catalogs. It
remembers, per source language (the catalog header's ``X-Source-Language``) and per
(msgctxt, msgid), one translation: only entries whose review state is
``translated`` or ``approved`` count, so fuzzy entries and machine output are never
reused, nor a rejected text (even once someone cleared its fuzzy flag without
changing it). When several translations of one segment exist,
an approved one beats a merely translated one, an active entry beats an obsolete
one, and otherwise the first in catalog order wins, so the result does not depend
on anything but the input order.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from accord.pofile import Catalog, Entry
from accord.review import MarkKind, State, history, state_of

SOURCE_LANGUAGE_FIELD = "X-Source-Language"
_CONTEXT_SEPARATOR = "\x04"  # gettext's own msgctxt/msgid separator in MO files
_LANGUAGE_SEPARATOR = "\x00"
_USABLE = {State.APPROVED: 2, State.TRANSLATED: 1}


def _key(source_lang: str, msgid: str, msgctxt: str | None) -> str:
    body = msgid if msgctxt is None else msgctxt + _CONTEXT_SEPARATOR + msgid
    return source_lang + _LANGUAGE_SEPARATOR + body


@dataclass
class TranslationMemory:
    """Exact-match translations of one target locale, keyed by source language and segment."""

    _pairs: dict[str, str] = field(default_factory=dict)

    @classmethod
    def build(cls, catalogs: Iterable[Catalog]) -> TranslationMemory:
        """The memory of every usable translation in ``catalogs`` (obsolete entries included)."""
        best: dict[str, tuple[int, str]] = {}
        for catalog in catalogs:
            source_lang = catalog.metadata().get(SOURCE_LANGUAGE_FIELD, "")
            head = catalog.header
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
        return cls({key: msgstr for key, (_, msgstr) in best.items()})

    def lookup(self, msgid: str, msgctxt: str | None = None, source_lang: str = "") -> str | None:
        """The remembered translation of (msgctxt, msgid) from ``source_lang``, or None."""
        return self._pairs.get(_key(source_lang, msgid, msgctxt))

    def __len__(self) -> int:
        return len(self._pairs)

    def to_dict(self) -> dict[str, str]:
        """A JSON-ready copy (the sync cache stores it); ``from_dict`` reads it back."""
        return dict(self._pairs)

    @classmethod
    def from_dict(cls, data: Mapping[str, str]) -> TranslationMemory:
        """The memory saved by ``to_dict``; entries that are not string pairs are ignored."""
        return cls({k: v for k, v in data.items() if isinstance(k, str) and isinstance(v, str)})


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
