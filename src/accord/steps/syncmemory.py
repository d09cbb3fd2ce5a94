"""The translation memory sync merges with, answered from the stored sync state.

``StoredMemory`` answers as ``TranslationMemory.build`` over every PO file of the
locale would (see syncstate.py for the rows); ``contributions`` are one catalog's rows.
"""

from __future__ import annotations

from accord.catalog.pofile import Catalog
from accord.merge.fuzzy import FUZZY_THRESHOLD
from accord.merge.memory import (
    SOURCE_LANGUAGE_FIELD,
    Suggestion,
    TranslationMemory,
    _key,
    _rank,
)
from accord.steps.syncstate import LocaleState


def contributions(catalog: Catalog) -> dict[str, tuple[int, str]]:
    """The catalog's translation-memory rows: key → (rank, msgstr), as ``tm.py`` ranks them."""
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


def stored_memory(state: LocaleState) -> StoredMemory:
    """The translation memory as merge() uses it (lookups answered from the store)."""
    return StoredMemory(state)


class StoredMemory(TranslationMemory):
    """A TranslationMemory whose pairs live in a LocaleState rather than in memory."""

    def __init__(self, state: LocaleState) -> None:
        super().__init__()
        self._state = state
        self._loaded = False

    def lookup(self, msgid: str, msgctxt: str | None = None, source_lang: str = "") -> str | None:
        """The remembered translation, from the store (see TranslationMemory.lookup)."""
        if self._loaded:
            return super().lookup(msgid, msgctxt, source_lang)
        return self._state.lookup(_key(source_lang, msgid, msgctxt))

    def suggest(
        self,
        msgid: str,
        msgctxt: str | None = None,
        source_lang: str = "",
        lower_bound: float = FUZZY_THRESHOLD,
    ) -> Suggestion | None:
        """The most similar remembered segment: the whole memory is loaded on first use."""
        if not self._loaded:
            self._pairs, self._origins = self._state.pairs()
            self._loaded = True
        return super().suggest(msgid, msgctxt, source_lang, lower_bound)

    def __len__(self) -> int:
        if not self._loaded:
            self._pairs, self._origins = self._state.pairs()
            self._loaded = True
        return super().__len__()
