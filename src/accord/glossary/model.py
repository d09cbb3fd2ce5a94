"""The termbase as values: concepts, their renderings per locale, and matches in a text."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import NamedTuple

from accord.locales import language_of

ALL = "all"  # the pseudo-locale of renderings shared by every locale (brands)


class Kind(enum.Enum):
    """What a concept is; it decides the default case handling and the brand check."""

    NAME = "name"
    TERM = "term"
    BRAND = "brand"
    # A proper name that contains a term but is not it ("Alliance Française", "Allianz
    # Arena"): matched so that no term is found inside it, never a finding.
    TRAP = "trap"


@dataclass(frozen=True)
class Concept:
    """One glossary entry: preferred renderings, extra inflected forms and forbidden variants.

    ``terms[locale][i]`` corresponds to ``terms[other][i]`` (full name ↔ full name,
    surname ↔ surname). Locale keys are as written in the YAML (``de``, ``pt_BR``, ``all``).
    """

    id: str
    kind: Kind
    terms: dict[str, tuple[str, ...]]
    forms: dict[str, tuple[str, ...]] = field(default_factory=dict)
    forbidden: dict[str, tuple[str, ...]] = field(default_factory=dict)
    ignore: dict[str, tuple[str, ...]] = field(default_factory=dict)
    case_sensitive: bool = False
    exact: bool = False
    derive: bool = True  # German -er adjectives and compounds count as the concept
    note: str | None = None
    status: str | None = None
    since: str | None = None
    file: str = ""
    line: int = 0

    def _lookup(self, table: dict[str, tuple[str, ...]], locale: str) -> tuple[str, ...]:
        for key in (locale, language_of(locale), ALL):
            if key in table:
                return table[key]
        return ()

    def renderings(self, locale: str) -> tuple[str, ...]:
        """Preferred renderings for ``locale`` (falling back to its language, then ``all``)."""
        return self._lookup(self.terms, locale)

    def extra_forms(self, locale: str) -> tuple[str, ...]:
        """Explicit inflected forms for ``locale`` (``forms:`` in the YAML)."""
        return self._lookup(self.forms, locale)

    def forbidden_variants(self, locale: str) -> tuple[str, ...]:
        """Variants that must not appear in ``locale``'s text."""
        return self._lookup(self.forbidden, locale)

    def ignored_words(self, locale: str) -> tuple[str, ...]:
        """Words that contain a form but are not the concept ("Allianzversicherung")."""
        return self._lookup(self.ignore, locale)


class Match(NamedTuple):
    """A concept found in a text: ``text[start:end] == surface``.

    A NamedTuple rather than a frozen dataclass: the matcher creates one per hit
    and this is its hot path. ``form_index`` is the index of the rendering it
    matched (aligned across locales); ``forbidden`` tells that the surface is a
    forbidden variant; ``suffix`` is the inflection ending after the glossary form
    (``s`` in "Araghtschis").
    """

    concept: str
    start: int
    end: int
    surface: str
    form_index: int
    forbidden: bool
    form: str = ""
    suffix: str = ""
