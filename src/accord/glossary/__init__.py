"""The glossary engine: load and validate the termbase, find concepts, hint and fix.

Public API::

    load_glossary(directory) -> Glossary        # GlossaryError with file:line: key
    Glossary.find(text, lang) -> list[Match]
    Glossary.concept(id) -> Concept
    Glossary.rendering(concept_id, locale, form_index=0) -> str | None
    hints(glossary, msgid, source_lang, locale) -> list[str]
    fix_forbidden(glossary, text, locale) -> tuple[str, list[Fix]]
"""

from typing import TYPE_CHECKING, Any

from accord.glossary.fix import Fix, fix_forbidden
from accord.glossary.hints import hints
from accord.glossary.model import ALL, Concept, Kind, Match
from accord.glossary.nearmiss import NearMiss, near_misses
from accord.glossary.termbase import Glossary, make_glossary

if TYPE_CHECKING:
    from accord.glossary.load import load_glossary, parse_glossary


def __getattr__(name: str) -> Any:
    """``load_glossary`` and ``parse_glossary``, imported (with the YAML parser) on first use:
    a task whose glossary comes from build/cache needs neither (start-up)."""
    if name in ("load_glossary", "parse_glossary"):
        from accord.glossary import load  # noqa: PLC0415

        return getattr(load, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "ALL",
    "Concept",
    "Fix",
    "Glossary",
    "Kind",
    "Match",
    "NearMiss",
    "fix_forbidden",
    "hints",
    "load_glossary",
    "make_glossary",
    "near_misses",
    "parse_glossary",
]
