"""Bytes of a text file Accord reads as UTF-8 → str, or an error naming file, line and byte.

Sources, glossary YAML, TBX and CSV files are UTF-8 (a UTF-8 byte-order mark is allowed, as
spreadsheets write one). A file in another encoding is bad input like any other: the
error says which line holds the first byte that is not UTF-8, and for a UTF-16 or
UTF-32 file (recognised by its byte-order mark) says so and how to convert it.
"""

from __future__ import annotations

import codecs

from accord.errors import AccordError

_WIDE_BOMS = (  # longest first: the UTF-32 LE mark starts with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)


def decode_utf8(data: bytes, path: str, error: type[AccordError]) -> str:
    """``data`` decoded as UTF-8 (without a leading byte-order mark); ``error`` if it is not."""
    for bom, name in _WIDE_BOMS:
        if data.startswith(bom):
            raise error(
                f"the file is {name} (it starts with a {name} byte-order mark); Accord reads "
                f"UTF-8: convert it, e.g. iconv -f {name} -t UTF-8",
                path, 1,
            )
    nul = data.find(b"\x00")
    if nul >= 0:
        line = data[:nul].count(b"\n") + 1
        guess = _utf16_guess(data[:4096])
        if guess is None:  # one stray NUL in UTF-8 text is not UTF-16
            raise error(f"a NUL byte (at byte {nul + 1}): text files hold none; remove it",
                        path, line)
        raise error(
            f"the file holds NUL bytes: it looks like {guess} without a byte-order mark; "
            f"Accord reads UTF-8: convert it, e.g. iconv -f {guess} -t UTF-8",
            path, line,
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as problem:
        line = data[: problem.start].count(b"\n") + 1
        raise error(
            f"not valid UTF-8 (byte 0x{data[problem.start]:02x}); Accord reads UTF-8 files",
            path, line,
        ) from None


def _utf16_guess(sample: bytes) -> str | None:
    """"UTF-16LE"/"UTF-16BE" if NUL bytes sit in every other byte, as Latin text in UTF-16.

    NULs on one side of the pairs (hardly any on the other), in a third of the pairs
    or at least four (spaces and newlines of Cyrillic or Greek text): a NUL or two
    somewhere in UTF-8 text is a stray NUL, not another encoding.
    """
    pairs = len(sample) // 2
    if pairs == 0:
        return None
    even, odd = sample[0 : pairs * 2 : 2].count(0), sample[1 : pairs * 2 : 2].count(0)
    for side, other, name in ((odd, even, "UTF-16LE"), (even, odd, "UTF-16BE")):
        if (side * 3 >= pairs or side >= 4) and other * 10 <= side:
            return name
    return None
