"""What of a segment is prose: the one list of the spans that are not.

Code spans, link and image targets (with titles), autolinks and bare URLs, inline
HTML tags. The glossary does not look there (a URL must stay as it is, the url
check says so, and code is not text), nor does the number check. Plain regular
expressions, no Markdown parser: this runs on every segment of every check.
"""

from __future__ import annotations

import re

_NOT_PROSE = re.compile(
    r"(`+).+?\1"
    r"|\]\((?:[^()\\]|\\.|\([^()]*\))*\)"
    r"|<[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*>"
    r"|</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>"
    r"|https?://[^\s<>()]+",
    re.DOTALL,
)


def prose(text: str) -> str:
    """``text`` with everything that is not prose blanked out, every offset kept."""
    if not any(c in text for c in "`](<:"):
        return text
    return _NOT_PROSE.sub(_blank, text)


def _blank(span: re.Match[str]) -> str:
    return "".join("\n" if c == "\n" else " " for c in span.group())
