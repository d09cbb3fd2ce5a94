"""``unsafe-markup``: a translation may not bring HTML, event handlers or script URLs in.

A translator's ``<script>``, ``<img onerror=…>`` or ``[link](javascript:…)`` would
be published as it is: markdown-it-py refuses ``javascript:`` links, but
Python-Markdown and commonmark.py keep them live. Whatever the source segment
already has is the editor's; anything the translation adds is an error in
``check``, and ``build`` publishes the source text of that segment instead.
"""

from __future__ import annotations

import html
import re
from collections import Counter

from accord.checks.finding import CheckId, Finding, Severity
from accord.checks.registry import Side, Translation, check, finding

_CODE_SPAN = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)", re.DOTALL)
_TAG = re.compile(r"<\s*/?\s*([a-zA-Z][a-zA-Z0-9:-]*)(?=[\s/>])")
_HANDLER = re.compile(r"<[^>]*?[\s/\"'](on[a-zA-Z]+)\s*=", re.DOTALL)
# A URL scheme where a URL goes: a link target, an autolink, an attribute, a definition.
_SCHEME = re.compile(
    r"(?:\]\(\s*<?|<|=\s*[\"']?|^\s*\[[^\]]+\]:\s*<?)\s*"
    r"(j\s*a\s*v\s*a\s*s\s*c\s*r\s*i\s*p\s*t|v\s*b\s*s\s*c\s*r\s*i\s*p\s*t|d\s*a\s*t\s*a)\s*:",
    re.IGNORECASE | re.MULTILINE,
)
_INVISIBLE = re.compile(r"[\x00-\x09\x0b-\x1f\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]")


def unsafe_features(text: str) -> Counter[str]:
    """Raw HTML tags, event handlers and script/data URLs in ``text`` (code spans aside)."""
    plain = _CODE_SPAN.sub(" ", text)
    # Entities and invisible characters must not hide a scheme: &#106;avascript:, java\tscript:
    decoded = _INVISIBLE.sub("", html.unescape(plain))
    found: Counter[str] = Counter()
    for match in _TAG.finditer(decoded):
        found[f"<{match.group(1).lower()}>"] += 1
    for match in _HANDLER.finditer(decoded):
        found[f"{match.group(1).lower()}="] += 1
    for match in _SCHEME.finditer(decoded):
        found[re.sub(r"\s", "", match.group(1)).lower() + ":"] += 1
    return found


def unsafe_additions(msgid: str, msgstr: str) -> list[str]:
    """What ``msgstr`` adds that ``msgid`` does not have, sorted (empty when safe)."""
    if "<" not in msgstr and ":" not in msgstr and "&" not in msgstr:
        return []  # the common case, without a parse
    added = unsafe_features(msgstr) - unsafe_features(msgid)
    return sorted(added)


@check(Side.TARGET, (CheckId.UNSAFE_MARKUP, Severity.ERROR))
def check_unsafe(t: Translation) -> list[Finding]:
    """The translation adds raw HTML, event handlers or javascript:/data: URLs."""
    added = unsafe_additions(t.msgid, t.msgstr)
    if not added:
        return []
    return [finding(
        CheckId.UNSAFE_MARKUP, t.where,
        "the translation adds " + ", ".join(added) + " that the source does not have;"
        " build publishes the source text until it is fixed",
        found=", ".join(added),
    )]
