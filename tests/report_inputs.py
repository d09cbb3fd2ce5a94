"""Hand-made report inputs: status and findings as the tasks print them, hostile text too."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from accord.ids import segment_id
from accord.report import ConceptView, GlossaryView, Highlight, Span
from accord.review.status import Status

STATES = ("untranslated", "machine", "fuzzy", "translated", "approved", "rejected")

SCRIPT = "<script>window.__pwned = 'script';</script>"
ATTRIBUTE = '" onmouseover="window.__pwned = \'attribute\'" data-x="'
IMAGE = "<img src=x onerror=\"window.__pwned = 'image'\">"
LONG = "Araghchi " + "lorem ipsum dolor sit amet " * 120 + "Supercalifragilistic" * 20

# (slug, source, target, state) per locale
SEGMENTS: dict[str, dict[str, list[tuple[str, str, str]]]] = {
    "de": {
        "treaty": [
            ("Treaty signed by Araghchi", "Vertrag von Araghtschi unterzeichnet", "approved"),
            ("The alliance holds", "Die Allianz hält", "machine"),
            ("Araghchi met Lavrov " + SCRIPT, "Araghchi traf Lawrow " + SCRIPT, "translated"),
            ("Quote " + ATTRIBUTE, "Zitat " + ATTRIBUTE, "fuzzy"),
            ("Image " + IMAGE, "", "untranslated"),
            (LONG, "Araqtschi " + LONG, "rejected"),
        ],
        "corridor": [
            ("The corridor opens", "Der Korridor öffnet", "translated"),
        ],
    },
    "fa": {
        "treaty": [
            ("Treaty signed by Araghchi", "معاهده به امضای عراقچی رسید", "machine"),
            ("The alliance holds", "اتحاد پابرجاست", "approved"),
            ("Araghchi met Lavrov " + SCRIPT, "", "untranslated"),
        ],
    },
}


def status() -> dict[str, Any]:
    """A ``collect_status`` result for locales de and fa."""
    locales = []
    for locale, articles in SEGMENTS.items():
        article_rows = []
        for slug in sorted(articles):
            segments = [
                {
                    "id": segment_id(source),
                    "state": state,
                    "source": source,
                    "target": target,
                    "msgctxt": None,
                    "line": 3 + 2 * index,
                }
                for index, (source, target, state) in enumerate(articles[slug])
            ]
            counts = {s: sum(1 for seg in segments if seg["state"] == s) for s in STATES}
            article_rows.append({
                "article": slug,
                "file": f"locales/{locale}/{slug}.po",
                "counts": counts,
                "total": len(segments),
                "segments": segments,
            })
        counts = {s: sum(a["counts"][s] for a in article_rows) for s in STATES}
        locales.append({
            "locale": locale,
            "counts": counts,
            "total": sum(a["total"] for a in article_rows),
            "articles": article_rows,
        })
    return {"locales": locales}


def typed(data: dict[str, Any]) -> Status:
    """A status dict (the ``status --format json`` shape, maybe partial) as the typed records."""
    return Status.from_json(data)


def finding(  # noqa: PLR0917 - positional fields read like the finding they describe
    locale: str, slug: str, source: str, check: str, severity: str, message: str, **extra: Any
) -> dict[str, Any]:
    """A finding dict as ``Finding.to_dict()`` gives it."""
    row = {
        "check": check, "severity": severity, "locale": locale, "article": slug,
        "segment": segment_id(source), "file": f"locales/{locale}/{slug}.po", "line": 7,
        "message": message, "concept": None, "found": None, "expected": None,
    }
    row.update(extra)
    return row


def findings() -> list[dict[str, Any]]:
    """Errors and warnings on the de and fa segments, one hostile message among them."""
    treaty = SEGMENTS["de"]["treaty"]
    return [
        finding("de", "treaty", treaty[1][0], "glossary-forbidden", "error",
                "forbidden variant 'Allianz' of alliance", concept="alliance",
                found="Allianz", expected="Bündnis"),
        finding("de", "treaty", treaty[2][0], "glossary-forbidden", "error",
                "forbidden variant 'Araghchi'", concept="abbas-araghchi",
                found="Araghchi", expected="Araghtschi"),
        finding("de", "treaty", treaty[3][0], "markup", "error",
                "markup differs " + SCRIPT),
        finding("de", "treaty", treaty[5][0], "glossary-near-miss", "warning",
                "'Araqtschi' looks like 'Araghtschi'", concept="abbas-araghchi",
                found="Araqtschi", expected="Araghtschi"),
        finding("de", "corridor", "The corridor opens", "number", "warning",
                "numbers differ"),
        finding("fa", "treaty", SEGMENTS["fa"]["treaty"][1][0], "glossary-missing", "error",
                "alliance has no rendering in the target", concept="alliance",
                expected="اتحاد"),
        finding("en", "treaty", "Treaty signed by Araghchi", "glossary-forbidden", "error",
                "source uses a forbidden variant", concept="abbas-araghchi",
                found="Araqchi", expected="Araghchi", file="sources/en/treaty.md"),
    ]


TERMS: dict[str, list[tuple[str, str, bool]]] = {
    "en": [("Araghchi", "abbas-araghchi", False), ("alliance", "alliance", False)],
    "de": [("Araghtschi", "abbas-araghchi", False), ("Araghchi", "abbas-araghchi", True),
           ("Bündnis", "alliance", False), ("Allianz", "alliance", True)],
    "fa": [("عراقچی", "abbas-araghchi", False), ("اتحاد", "alliance", False)],
}


def find(text: str, lang: str) -> Sequence[Span]:
    """Every listed term in ``text`` (plain substring search: enough for hand-made inputs)."""
    spans = []
    for surface, concept, forbidden in TERMS.get(lang, []):
        start = text.find(surface)
        while start >= 0:
            kind = Highlight.FORBIDDEN if forbidden else Highlight.PREFERRED
            spans.append(Span(start, start + len(surface), kind, concept))
            start = text.find(surface, start + 1)
    return spans


def glossary_view() -> GlossaryView:
    """Two concepts, one with a gap (no fa rendering of the brand), one hostile note."""
    return GlossaryView(
        concepts=(
            ConceptView(
                id="abbas-araghchi", kind="name", note="Foreign minister " + SCRIPT,
                renderings={"en": ("Abbas Araghchi", "Araghchi"),
                            "de": ("Abbas Araghtschi", "Araghtschi"),
                            "fa": ("عباس عراقچی", "عراقچی")},
                forbidden={"de": ("Araghchi",), "en": ("Araqchi",)},
                occurrences=3, articles=1,
            ),
            ConceptView(
                id="alliance", kind="term", note=None,
                renderings={"en": ("alliance",), "de": ("Bündnis",)},
                forbidden={"de": ("Allianz",)},
                occurrences=1, articles=1,
            ),
        ),
        find=find,
        languages=("en",),
    )


SOURCE_LANGS = {"treaty": "en", "corridor": "en"}
