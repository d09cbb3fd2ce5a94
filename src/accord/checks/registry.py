"""The check registry: every check registers itself, with the ids it reports and their severity.

A check is a function in a module of this folder whose docstring is its title::

    @check(Side.TARGET, (CheckId.NUMBER, Severity.WARNING))
    def check_number(t: Translation) -> list[Finding]:
        \"\"\"Numbers differ between source and target.\"\"\"

``checks/__init__.py`` imports every module of the folder, so a new check is one new
module here and its id in ``finding.CheckId``; ``check`` (the task), the reports, the
workbench and the review tools run whatever is registered. ``run(side, subject)``
calls the checks of one side in the order they registered (module name, then their
place in the module), which is the order of their findings.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from accord.checks.finding import CheckId, Finding, Severity, Where

if TYPE_CHECKING:
    from accord.checks.links import KnownArticles
    from accord.glossary import Glossary
    from accord.source.sitelinks import SiteArticle


class Side(enum.Enum):
    """What a check looks at, and so what it is called with."""

    SOURCE = "source"  # one source segment against its own language: a SourceSegment
    TARGET = "target"  # one translated PO entry against its msgid: a Translation
    # The translations of one locale, together: Sequence[Translation]. A LOCALE check
    # compares translations of the same segment key (msgctxt, msgid): it is given only
    # the keys the locale translates two ways (steps/check.compare, which works from
    # the check cache's digests and does not read the files nobody edited).
    LOCALE = "locale"


@dataclass(frozen=True, slots=True)  # slots: check holds a locale's translations at once
class Translation:
    """One translated segment (fuzzy ones included: ``where.fuzzy`` tells)."""

    glossary: Glossary
    msgid: str
    msgstr: str
    source_lang: str
    locale: str
    where: Where
    msgctxt: str | None = None


@dataclass(frozen=True)
class SourceSegment:
    """One segment of a source article; ``article`` and ``known`` when a repository is checked."""

    glossary: Glossary
    text: str
    lang: str
    where: Where
    msgctxt: str | None = None
    article: SiteArticle | None = None
    known: KnownArticles | None = None


@dataclass(frozen=True)
class Check:
    """One registered check: its function, its side, what it may report."""

    function: Callable[[Any], list[Finding]]
    side: Side
    reports: tuple[tuple[CheckId, Severity], ...]

    @property
    def title(self) -> str:
        """The first line of the function's docstring."""
        return (self.function.__doc__ or "").strip().split("\n", 1)[0]


REGISTERED: list[Check] = []
SEVERITY: dict[str, Severity] = {}  # of every registered id

F = TypeVar("F", bound=Callable[..., list[Finding]])


def check(side: Side, *reports: tuple[CheckId, Severity]) -> Callable[[F], F]:
    """Register the decorated function as a check of ``side`` reporting these ids.

    Two checks may report one id (the glossary's, on sources and on translations)
    with one severity; a second severity for an id is a mistake, refused at import.
    """

    def register(function: F) -> F:
        for check_id, severity in reports:
            if SEVERITY.setdefault(check_id.value, severity) is not severity:
                raise ValueError(f"{check_id.value} registered as {SEVERITY[check_id.value]}"
                                 f" and as {severity}")
        REGISTERED.append(Check(function, side, reports))
        REGISTERED.sort(key=lambda c: c.function.__module__)  # stable: module order kept
        return function

    return register


def run(side: Side, subject: SourceSegment | Translation | Sequence[Translation]
        ) -> list[Finding]:
    """The findings of every check of ``side`` on ``subject``, in registration order."""
    return [found for c in REGISTERED if c.side is side for found in c.function(subject)]


def finding(
    check: CheckId, where: Where, message: str, *,
    concept: str | None = None, found: str | None = None, expected: str | None = None,
) -> Finding:
    """A Finding of ``check`` at ``where`` with the severity its check registered."""
    return Finding(
        check=check.value, severity=SEVERITY[check.value], locale=where.locale,
        article=where.article, segment=where.segment, file=where.file, line=where.line,
        message=message, concept=concept, found=found, expected=expected, fuzzy=where.fuzzy,
    )
