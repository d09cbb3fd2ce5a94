"""The glossary engine: load and validate the termbase, find concepts, hint and fix.

Public API::

    load_glossary(directory) -> Glossary        # GlossaryError with file:line: key
    Glossary.find(text, lang) -> list[Match]
    Glossary.concept(id) -> Concept
    Glossary.rendering(concept_id, locale, form_index=0) -> str | None
    hints(glossary, msgid, source_lang, locale) -> list[str]
    fix_forbidden(glossary, text, locale) -> tuple[str, list[Fix]]
"""

from accord.glossary.fix import Fix, fix_forbidden
from accord.glossary.hints import hints
from accord.glossary.load import load_glossary, make_glossary, parse_glossary
from accord.glossary.model import ALL, Concept, Kind, Match
from accord.glossary.nearmiss import NearMiss, near_misses
from accord.glossary.termbase import Glossary

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
