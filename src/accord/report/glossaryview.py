"""The glossary as the reports see it: concepts per column, occurrences, a term finder."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from accord.glossary import Glossary, Match
from accord.report.highlight import Highlight, Span
from accord.report.model import ConceptView, GlossaryView


def span_of(match: Match) -> Span:
    """A glossary match as a highlight: red for a forbidden variant, green otherwise."""
    kind = Highlight.FORBIDDEN if match.forbidden else Highlight.PREFERRED
    return Span(match.start, match.end, kind, match.concept)


def glossary_view(
    glossary: Glossary,
    locales: Sequence[str],
    sources: Mapping[str, tuple[str, Sequence[str]]],
) -> GlossaryView:
    """The report's view of ``glossary`` for ``locales``.

    ``sources`` maps each article slug to its language and its source segments'
    texts; a concept's occurrences are the source segments that mention it (in any
    form, forbidden variants included).
    """
    segments: dict[str, int] = {}
    articles: dict[str, set[str]] = {}
    for slug, (lang, texts) in sorted(sources.items()):
        for text in texts:
            for concept in {m.concept for m in glossary.find(text, lang)}:
                segments[concept] = segments.get(concept, 0) + 1
                articles.setdefault(concept, set()).add(slug)
    languages = tuple(sorted({lang for lang, _ in sources.values()} - set(locales)))
    columns = (*languages, *locales)
    concepts = tuple(
        ConceptView(
            id=c.id,
            kind=c.kind.value,
            note=c.note,
            renderings={col: c.renderings(col) for col in columns},
            forbidden={col: c.forbidden_variants(col) for col in columns},
            occurrences=segments.get(c.id, 0),
            articles=len(articles.get(c.id, ())),
        )
        for c in sorted(glossary.concepts, key=lambda c: c.id)
    )

    def find(text: str, lang: str) -> list[Span]:
        return [span_of(m) for m in glossary.find(text, lang)]

    return GlossaryView(concepts=concepts, find=find, languages=languages)
