"""Text shown in a terminal: invisible characters made visible, quotes that do not escape.

Article and glossary text holds characters a terminal does not show: the Persian
half-space (zero-width non-joiner, U+200C), no-break spaces, bidirectional marks,
soft hyphens, byte-order marks, and control characters from files anyone can edit.
``readable`` writes each as a short name in angle brackets (``<ZWNJ>``, ``<NBSP>``,
``<RLM>``), any other such character as its code point (``<U+2063>``), and control
characters as Python escapes (``\\n``, ``\\t``, ``\\x1b``), so a reader sees that a
form holds a half-space rather than a space, and no escape sequence reaches the
terminal. Everything Python considers printable, any script, is shown as it is.

Messages keep the characters themselves (``quoted`` instead of ``repr``): the JSON
output and the HTML reports show them as text, and only the terminal layer (the
tasks' text output) calls ``readable``.
"""

from __future__ import annotations

NAMES = {
    "\u00a0": "NBSP",
    "\u00ad": "SHY",
    "\u061c": "ALM",
    "\u180e": "MVS",
    "\u2007": "FIGSP",
    "\u200b": "ZWSP",
    "\u200c": "ZWNJ",
    "\u200d": "ZWJ",
    "\u200e": "LRM",
    "\u200f": "RLM",
    "\u2028": "LSEP",
    "\u2029": "PSEP",
    "\u202a": "LRE",
    "\u202b": "RLE",
    "\u202c": "PDF",
    "\u202d": "LRO",
    "\u202e": "RLO",
    "\u202f": "NNBSP",
    "\u2060": "WJ",
    "\u2066": "LRI",
    "\u2067": "RLI",
    "\u2068": "FSI",
    "\u2069": "PDI",
    "\ufeff": "BOM",
}


def readable(text: str) -> str:
    """``text`` with every invisible or control character written out (see the module)."""
    if text.isprintable():
        return text
    return "".join(_shown(c) for c in text)


def _shown(char: str) -> str:
    if char.isprintable():
        return char
    if char in NAMES:
        return f"<{NAMES[char]}>"
    if ord(char) < 0x20 or 0x7F <= ord(char) < 0xA0:
        return repr(char)[1:-1]
    return f"<U+{ord(char):04X}>"


def quoted(text: str) -> str:
    """``text`` in quotes as ``repr`` would put it, without escaping any character."""
    quote = '"' if "'" in text and '"' not in text else "'"
    return f"{quote}{text}{quote}"
