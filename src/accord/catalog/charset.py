"""The charset a PO file declares, as GNU gettext 0.21 reads it, and the Python codec for it.

gettext finds ``charset=`` in the header entry's msgstr (anywhere in it, the name ends
at a space, tab or newline) and accepts only the names of its fixed list of portable
encodings (``po_charset_canonicalize`` in po-charset.c), compared without regard to
case.  A file is read and written back in the charset it declares; a name that is
not on the list, or whose encoding Python has no codec for, is refused with a hint.
"""

from __future__ import annotations

import codecs

UTF8 = "UTF-8"
ASCII = "ASCII"

# gettext's canonical names and the Python codec of each (None: Python has none).
_CODECS: dict[str, str | None] = {
    "ASCII": "ascii",
    **{f"ISO-8859-{n}": f"iso8859-{n}" for n in (1, 2, 3, 4, 5, 6, 7, 8, 9, 13, 14, 15)},
    "KOI8-R": "koi8_r", "KOI8-U": "koi8_u", "KOI8-T": "koi8_t",
    "CP850": "cp850", "CP866": "cp866", "CP874": "cp874", "CP932": "cp932",
    "CP949": "cp949", "CP950": "cp950",
    **{f"CP125{n}": f"cp125{n}" for n in range(7)},
    "CP1257": "cp1257",
    "GB2312": "gb2312", "EUC-JP": "euc_jp", "EUC-KR": "euc_kr", "EUC-TW": None,
    "BIG5": "big5", "BIG5-HKSCS": "big5hkscs", "GBK": "gbk", "GB18030": "gb18030",
    "SHIFT_JIS": "shift_jis", "JOHAB": "johab", "TIS-620": "tis_620",
    "VISCII": None, "GEORGIAN-PS": None,
    "UTF-8": "utf-8",
}  # fmt: skip
_ALIASES = {"ANSI_X3.4-1968": "ASCII", "US-ASCII": "ASCII"} | {
    f"ISO_8859-{n}": f"ISO-8859-{n}" for n in (1, 2, 3, 4, 5, 6, 7, 8, 9, 13, 14, 15)
}
_CANONICAL = {name.upper(): name for name in _CODECS} | {
    alias.upper(): name for alias, name in _ALIASES.items()
}

# libunistring counts most non-ASCII characters two columns wide in these encodings.
CJK_ENCODINGS = frozenset({"EUC-JP", "GB2312", "GBK", "EUC-TW", "BIG5", "EUC-KR", "CP949", "JOHAB"})


def declared_charset(header_msgstr: str) -> str | None:
    """The charset name after the first ``charset=`` of a header msgstr, as written."""
    at = header_msgstr.find("charset=")
    if at < 0:
        return None
    rest = header_msgstr[at + len("charset=") :]
    end = len(rest)
    for stop in " \t\n":
        found = rest.find(stop)
        if 0 <= found < end:
            end = found
    return rest[:end]


def canonical(name: str) -> str | None:
    """gettext's canonical name for charset ``name`` (``iso-8859-1`` → ``ISO-8859-1``), or None."""
    return _CANONICAL.get(name.upper())


def codec(name: str | None) -> str | None:
    """The Python codec for a declared charset (UTF-8 when none is declared), or None."""
    if name is None:
        return "utf-8"
    canon = canonical(name)
    if canon is None:
        return None
    found = _CODECS[canon]
    if found is None:
        return None
    codecs.lookup(found)
    return found
