"""The glossary as the reports see it: concepts per column, occurrences, a term finder."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from accord.glossary import Glossary
from accord.report.highlight import Span, span_of
from accord.report.model import ConceptView, GlossaryView


class Occurrences:
    """Per concept, the source segments and articles that mention it, counted article by
    article (in any form, forbidden variants included)."""

    def __init__(self) -> None:
        self.segments: dict[str, int] = {}
        self.articles: dict[str, int] = {}
        self.languages: set[str] = set()

    def add(self, glossary: Glossary, lang: str, texts: Sequence[str]) -> None:
        """Count one article written in ``lang`` with its source segments' ``texts``."""
        self.count(lang, glossary.mentions(texts, lang))

    def count(self, lang: str, mentions: Mapping[str, int]) -> None:
        """Count one article written in ``lang`` from its ``Glossary.mentions``."""
        self.languages.add(lang)
        for concept, segments in mentions.items():
            self.segments[concept] = self.segments.get(concept, 0) + segments
            self.articles[concept] = self.articles.get(concept, 0) + 1


def glossary_view(
    glossary: Glossary,
    locales: Sequence[str],
    sources: Mapping[str, tuple[str, Sequence[str]]] | Occurrences,
) -> GlossaryView:
    """The report's view of ``glossary`` for ``locales``.

    ``sources`` maps each article slug to its language and its source segments'
    texts (or holds them counted already); a concept's occurrences are the source
    segments that mention it (in any form, forbidden variants included).
    """
    if isinstance(sources, Occurrences):
        counted = sources
    else:
        counted = Occurrences()
        for lang, texts in sources.values():
            counted.add(glossary, lang, texts)
    segments, articles = counted.segments, counted.articles
    languages = tuple(sorted(counted.languages - set(locales)))
    columns = (*languages, *locales)
    concepts = tuple(
        ConceptView(
            id=c.id,
            kind=c.kind.value,
            note=c.note,
            renderings={col: c.renderings(col) for col in columns},
            forbidden={col: c.forbidden_variants(col) for col in columns},
            occurrences=segments.get(c.id, 0),
            articles=articles.get(c.id, 0),
        )
        for c in sorted(glossary.concepts, key=lambda c: c.id)
    )

    def find(text: str, lang: str) -> list[Span]:
        return [span_of(m) for m in glossary.find(text, lang)]

    return GlossaryView(concepts=concepts, find=find, languages=languages)
