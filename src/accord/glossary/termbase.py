"""The Glossary: all concepts of a repository, with one compiled matcher per locale."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from accord.errors import GlossaryError
from accord.glossary.matcher import Matcher
from accord.glossary.model import Concept, Match

# How many texts' matches a glossary keeps (see ``Glossary.find``).
FOUND_KEPT = 4096


class Glossary:
    """The merged termbase. Matchers are compiled lazily, once per locale."""

    def __init__(self, concepts: Iterable[Concept]):
        self.concepts: tuple[Concept, ...] = tuple(concepts)
        self._by_id = {c.id: c for c in self.concepts}
        self._matchers: dict[str, Matcher] = {}
        self.memo: dict[Any, Any] = {}  # derived indexes (near-miss keys) per locale
        self._found: dict[tuple[str, str], list[Match]] = {}

    def __len__(self) -> int:
        return len(self.concepts)

    def __contains__(self, concept_id: object) -> bool:
        return concept_id in self._by_id

    def concept(self, concept_id: str) -> Concept:
        """The concept with id ``concept_id`` (KeyError if unknown)."""
        return self._by_id[concept_id]

    def matcher(self, locale: str) -> Matcher:
        """The compiled matcher of ``locale`` (built on first use)."""
        matcher = self._matchers.get(locale)
        if matcher is None:
            matcher = self._matchers[locale] = Matcher(self.concepts, locale)
        return matcher

    def release(self, locale: str) -> None:
        """Forget the compiled matcher and derived indexes of ``locale`` (a task done with
        that locale keeps its memory for the next one; asked again, they are rebuilt)."""
        self._matchers.pop(locale, None)
        self._found.clear()
        for key in [k for k in self.memo if isinstance(k, tuple) and k[-1:] == (locale,)]:
            del self.memo[key]

    def find(self, text: str, lang: str) -> list[Match]:
        """Every concept form (preferred or forbidden) in ``text`` written in ``lang``.

        The matches of the last few thousand texts are kept: the checks of one file ask
        for the same texts more than once (the source check and the article's
        mentions; the glossary checks and the report's highlights, see
        ``report.glossaryview.segment_spans``)."""
        key = (lang, text)
        found = self._found.get(key)
        if found is None:
            found = self.matcher(lang).find(text)
            if len(self._found) >= FOUND_KEPT:
                self._found.clear()
            self._found[key] = found
        return list(found)

    def mentions(self, texts: Iterable[str], lang: str) -> dict[str, int]:
        """Per concept, how many of ``texts`` (written in ``lang``) mention it, in any form."""
        counts: dict[str, int] = {}
        for text in texts:
            for concept in {m.concept for m in self.find(text, lang)}:
                counts[concept] = counts.get(concept, 0) + 1
        return counts

    def rendering(self, concept_id: str, locale: str, form_index: int = 0) -> str | None:
        """The preferred rendering of a concept in ``locale`` at ``form_index`` (else the first)."""
        forms = self._by_id[concept_id].renderings(locale)
        if not forms:
            return None
        return forms[form_index] if form_index < len(forms) else forms[0]


def make_glossary(concepts: list[Concept]) -> Glossary:
    """A Glossary of ``concepts``; a duplicate id is an error at its second definition."""
    seen: dict[str, Concept] = {}
    for concept in concepts:
        first = seen.get(concept.id)
        if first is not None:
            raise GlossaryError(
                f"id: duplicate id {concept.id!r} (first defined at {first.file}:{first.line})",
                path=concept.file, line=concept.line,
            )
        seen[concept.id] = concept
    return Glossary(concepts)
