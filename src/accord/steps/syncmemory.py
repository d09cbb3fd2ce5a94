"""The translation memory sync merges with, answered from the stored sync state.

``StoredMemory`` answers as ``TranslationMemory.build`` over every PO file of the
locale would (see syncstate.py for the rows; ``merge.memory.contributions`` makes them).
"""

from __future__ import annotations

from accord.merge.memory import TranslationMemory, _key
from accord.steps.syncstate import LocaleState


def stored_memory(state: LocaleState) -> StoredMemory:
    """The translation memory as merge() uses it (lookups answered from the store)."""
    return StoredMemory(state)


class StoredMemory(TranslationMemory):
    """A TranslationMemory whose pairs live in a LocaleState rather than in memory.

    Nothing is loaded whole: a lookup is one query; a suggestion's fuzzy index is
    built from the keys alone (read in sorted order from the store's primary key),
    and only the winner's msgstr is read.
    """

    def __init__(self, state: LocaleState) -> None:
        super().__init__()
        self._state = state

    def lookup(self, msgid: str, msgctxt: str | None = None, source_lang: str = "") -> str | None:
        """The remembered translation, from the store (see TranslationMemory.lookup)."""
        return self._state.lookup(_key(source_lang, msgid, msgctxt))

    def _answer(self, key: str) -> tuple[str, str]:
        found = self._state.best(key)
        if found is None:
            raise KeyError(key)
        return found

    def _keys(self, prefix: str) -> list[str]:
        return self._state.keys(prefix)

    def __len__(self) -> int:
        return self._state.size()
