"""The translation memory sync merges with, answered from the stored sync state.

``StoredMemory`` answers as ``TranslationMemory.build`` over every PO file of the
locale would (see syncstate.py for the rows; ``merge.memory.contributions`` makes them).
"""

from __future__ import annotations

from accord.merge.fuzzy import FUZZY_THRESHOLD
from accord.merge.memory import (
    Suggestion,
    TranslationMemory,
    _key,
)
from accord.steps.syncstate import LocaleState


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
