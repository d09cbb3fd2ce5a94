"""What counts as an engine's answer: text of a plausible size that kept its placeholders.

An engine (or a proxy in front of it) may answer ``null``, an empty string, a
number, an echo of an error page thousands of characters long, or text that lost
the placeholders protecting names. None of these is a translation: each is a
TranslationError, so the segment is retried or reported, and nothing is stored
in a PO file or in the cache.
"""

from __future__ import annotations

import re
from collections import Counter

from accord.errors import TranslationError

MAX_GROWTH = 10  # an answer this many times longer than the text sent is not a translation
SLACK = 40  # characters allowed on top, for very short texts
_PLACEHOLDER = re.compile(r"\bph\s?(\d{1,3})\s?@\s?x\s?\.\s?zz\b", re.IGNORECASE)


class PlaceholdersLostError(TranslationError):
    """The answer dropped, doubled or invented placeholders: ask again without them."""


def checked_answer(sent: str, answer: object, engine: str) -> str:
    """``answer`` if it can be a translation of ``sent``; TranslationError otherwise."""
    if answer is None:
        raise TranslationError(f"engine {engine} answered no text (null)")
    if not isinstance(answer, str):
        raise TranslationError(f"engine {engine} answered {type(answer).__name__}, not text")
    if sent.strip() and not answer.strip():
        raise TranslationError(f"engine {engine} answered with empty text")
    if len(answer) > MAX_GROWTH * len(sent) + SLACK:
        raise TranslationError(
            f"engine {engine} answered {len(answer)} characters for {len(sent)}:"
            " not a translation"
        )
    if _placeholders(sent) != _placeholders(answer):
        raise PlaceholdersLostError(f"engine {engine} lost or altered placeholders")
    return answer


def _placeholders(text: str) -> Counter[str]:
    return Counter(match.group(1) for match in _PLACEHOLDER.finditer(text))
