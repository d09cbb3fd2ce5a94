"""Does a translation keep the format directives of its msgid? (``msgfmt --check``'s question)

msgmerge marks a merged entry fuzzy when the template newly declares it a format
string (``c-format``, ``python-format``) and the old translation would not pass
``msgfmt --check`` as one.  This module answers that question for the two
languages Accord analyses (:mod:`accord.catalog.wrap.formats`): the translation must use the
same directives, of compatible types, as the msgid (C: in argument order;
Python: by name, or in order when unnamed).
"""

from __future__ import annotations

import re

from accord.catalog.wrap.formats import directive_spans

_C_DIRECTIVE = re.compile(
    r"%(?:(\d+)\$)?[-+ #0']*(?:\*(?:\d+\$)?|\d+)?(?:\.(?:\*(?:\d+\$)?|\d*))?([hlLqjzZt]*)(.)"
)
_C_CLASSES = {**dict.fromkeys("di", "i"), **dict.fromkeys("ouxX", "u"),
              **dict.fromkeys("eEfFgGaA", "f"), **dict.fromkeys("cC", "c"),
              **dict.fromkeys("sS", "s"), "p": "p", "n": "n", "@": "@"}  # fmt: skip
_PYTHON_DIRECTIVE = re.compile(r"%(?:\(([^)]*)\))?[-+ #0]*(?:\*|\d+)?(?:\.(?:\*|\d*))?[hlL]?(.)")
_PYTHON_CLASSES = {**dict.fromkeys("sra", "s"), "c": "c", **dict.fromkeys("diuoxX", "i"),
                   **dict.fromkeys("eEfFgG", "f")}  # fmt: skip


def signature(text: str, language: str) -> list[tuple[str, str]] | None:
    """The directives of ``text`` as (argument, type) pairs, in the order that matters;
    None when ``text`` is not a valid format string of ``language``."""
    spans = directive_spans(text, language)
    if text.count("%") != sum(text.count("%", start, end) for start, end in spans):
        return None  # the parser stopped at an invalid directive
    out: list[tuple[str, str]] = []
    for start, end in spans:
        piece = text[start:end]
        if language == "python":
            found = _PYTHON_DIRECTIVE.match(piece)
            if found is None or found.group(2) == "%":
                continue
            out.append((found.group(1) or "", _PYTHON_CLASSES.get(found.group(2), "?")))
        else:
            found = _C_DIRECTIVE.match(piece)
            if found is None or found.group(3) in "%m":
                continue
            size, kind = found.group(2), _C_CLASSES.get(found.group(3), "?")
            out.append((found.group(1) or "", size + kind))
    if out and all(argument for argument, _ in out):
        out.sort(key=lambda pair: pair[0] if language == "python" else int(pair[0]))
    return out


def _compatible(
    wanted: list[tuple[str, str]], found: list[tuple[str, str]], strict: bool, language: str
) -> bool:
    """gettext's check: the same directives, or (relaxed) a part of them, of the same types;
    Python's unnamed directives must always be as many (format-python.c)."""
    if strict:
        return found == wanted
    if language == "python":
        if any(argument for argument, _ in wanted + found):
            return set(found) <= set(wanted)
        return found == wanted
    return len(found) <= len(wanted) and found == wanted[: len(found)]


def keeps_directives(msgid: str, msgstrs: list[str], language: str, plural: str | None) -> bool:
    """Whether the translations would pass ``msgfmt --check`` for ``language`` (True for
    languages Accord does not analyse, and when the msgid is no valid format string).

    As gettext's format.c: every form is compared with the msgid, or with the
    msgid_plural of a plural entry; strictly, except the first of several plural
    forms (which may leave out the count; gettext decides this from the plural formula).
    """
    if language not in ("c", "objc", "python"):
        return True
    wanted = signature(plural if plural is not None else msgid, language)
    if wanted is None:
        return True
    several = plural is not None and len(msgstrs) > 1
    for number, msgstr in enumerate(msgstrs):
        found = signature(msgstr, language)
        strict = not (several and number == 0)
        if found is None or not _compatible(wanted, found, strict, language):
            return False
    return True
