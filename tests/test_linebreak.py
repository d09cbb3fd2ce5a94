"""accord.catalog.wrap.linebreak breaks lines exactly as libunistring, the library msgcat uses.

libunistring.so.2 is installed with GNU gettext; the tests call it through ctypes
as the reference and compare the pure-Python breaker with it.
"""

from __future__ import annotations

import ctypes
import subprocess
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from accord.catalog.pofile import format_po, parse_po
from accord.catalog.wrap import linebreak_data
from accord.catalog.wrap.linebreak import (
    UC_BREAK_MANDATORY,
    UC_BREAK_POSSIBLE,
    UC_BREAK_PROHIBITED,
    char_width,
    possible_breaks,
    width_breaks,
)

LIBRARY = ctypes.CDLL("libunistring.so.2")
POSSIBLE = LIBRARY.u8_possible_linebreaks_v2
POSSIBLE.argtypes = [ctypes.c_char_p, ctypes.c_size_t, ctypes.c_char_p, ctypes.c_char_p]
WIDTH = LIBRARY.u8_width_linebreaks_v2
WIDTH.restype = ctypes.c_int
WIDTH.argtypes = [
    ctypes.c_char_p, ctypes.c_size_t, ctypes.c_int, ctypes.c_int, ctypes.c_int,
    ctypes.c_char_p, ctypes.c_char_p, ctypes.c_char_p,
]  # fmt: skip
UC_WIDTH = LIBRARY.uc_width
UC_WIDTH.restype = ctypes.c_int
UC_WIDTH.argtypes = [ctypes.c_uint32, ctypes.c_char_p]


def _per_char(text: str, raw: bytes) -> list[int]:
    values, position = [], 0
    for char in text:
        values.append(raw[position])
        position += len(char.encode("utf-8"))
    return values


def reference_possible(text: str) -> list[int]:
    data = text.encode("utf-8")
    result = ctypes.create_string_buffer(len(data))
    POSSIBLE(data, len(data), b"UTF-8", result)
    return _per_char(text, result.raw)


def reference_width_breaks(text: str, no_break: list[int], width: int, start: int) -> list[int]:
    data = text.encode("utf-8")
    overrides = bytearray(len(data))
    for index in no_break:
        overrides[len(text[:index].encode("utf-8"))] = UC_BREAK_PROHIBITED
    result = ctypes.create_string_buffer(len(data))
    WIDTH(data, len(data), width, start, 0, bytes(overrides), b"UTF-8", result)
    return [i for i, value in enumerate(_per_char(text, result.raw)) if value == UC_BREAK_POSSIBLE]


def test_data_is_unicode_14_like_libunistring_1_0() -> None:
    """The tables are those of the Unicode version gettext 0.21's libunistring knows."""
    assert linebreak_data.UNICODE_VERSION == "14.0.0"
    assert len(linebreak_data.STARTS) == len(linebreak_data.CLASSES)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a b", [1, 1, 2]),  # after a space
        ("ab-cd", [1, 1, 1, 2, 1]),  # after a hyphen before a letter
        ("x〈y", [1, 2, 1]),  # before a wide opening bracket, not before "("
        ("x(y", [1, 1, 1]),
        ("1,5%", [1, 1, 1, 1]),  # numbers stay whole
        ("a\u00a0b", [1, 1, 1]),  # no-break space
        ("漢字", [1, 2]),  # between ideographs
        ("a\nb", [1, UC_BREAK_MANDATORY, 1]),
        ("ב-Linux", [1] * 7),  # LB21a: no break after a hyphen after a Hebrew letter
        ("ב\u05be1", [1, 1, 1]),  # ... nor after a maqaf
        ("ב\u0301-L", [1, 1, 1, 2]),  # a combining mark in between ends LB21a, as in libunistring
        ("a🇫🇷🇩🇪🇮🇹", [1, 2, 1, 2, 1, 2, 1]),  # LB30a: a break between flags, none inside
        ("\U0001fae8\U0001f3fd", [1, 1]),  # LB30b: an emoji newer than Unicode 14 + modifier
    ],
)
def test_possible_breaks_examples(text: str, expected: list[int]) -> None:
    """Break opportunities of a few typical strings, checked against libunistring too."""
    assert possible_breaks(text) == expected
    assert reference_possible(text) == expected


SCRIPT_SAMPLES = (
    "Latin façade Ελληνικά Кириллица Հայերեն עִבְרִית-ב-Linux العربية ދިވެހި ܣܘܪܝܝܐ "
    "देवनागरी বাংলা ਗੁਰਮੁਖੀ ગુજરાતી ଓଡ଼ିଆ தமிழ் తెలుగు ಕನ್ನಡ മലയാളം සිංහල ไทย ລາວ "
    "བོད་ཡིག မြန်မာ ქართული ᎠᏂᏴᏫ ᐃᓄᒃᑎᑐᑦ ᚛ᚑᚌᚐᚋ᚜ ខ្មែរ ᠮᠣᠩᠭᠣᠯ 한국어 漢字かなカナ "
    "ꆈꌠ ߒߞߏ ⵜⴰⵎⴰⵣⵉⵖⵜ 🇫🇷🇩🇪🇮🇹 👍🏽👨\u200d👩\u200d👧 «»“”„‹›—–‐-/.,;:!?()[]{}%‰€$ "
    "1,234.5 ½ ① ㈱ \u00a0\u202f\u200b\u2060\u00ad"
)


@settings(max_examples=60, deadline=None)
@given(
    words=st.lists(
        st.text(alphabet=SCRIPT_SAMPLES, min_size=1, max_size=14), min_size=1, max_size=30
    ),
    separators=st.lists(st.sampled_from([" ", "", "-", " - ", "\u00a0"]), min_size=1),
)
def test_every_script_wraps_like_msgcat(
    words: list[str], separators: list[str], tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Strings mixing every script's letters, punctuation and emoji wrap as msgcat wraps them."""
    text = "".join(
        word + separators[index % len(separators)] for index, word in enumerate(words)
    )
    entry = 'msgid "x"\nmsgstr "' + text.replace("\\", "\\\\").replace('"', '\\"') + '"\n'
    po = 'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n' + entry
    path = tmp_path_factory.mktemp("scripts") / "scripts.po"
    path.write_text(po, encoding="utf-8")
    wanted = subprocess.run(["msgcat", str(path)], capture_output=True, check=True).stdout
    assert format_po(parse_po(po)).encode("utf-8") == wanted


@pytest.mark.slow
def test_every_assigned_code_point_breaks_like_libunistring() -> None:
    """Each assigned code point, next to characters of every kind, breaks as in libunistring."""
    probes = [
        "x{}x", "x {} x", "({})", "\u4e00{}\u4e00", "{}%", "${}", "0{}0", "-{}-",
        "{}\u0301", "\U0001f466{}", "{}\U0001f3fb", "\u05d0{}", "{}\u00a0", "\u200b{}", "{}{}",
    ]  # fmt: skip
    mismatches: list[str] = []
    for block in range(0, 0x110000, 0x2000):
        chars = [
            chr(code)
            for code in range(block, block + 0x2000)
            if not 0xD800 <= code < 0xE000
            and code != 0x0D  # CR: write-po.c always escapes it
            and unicodedata.category(chr(code)) != "Cn"
        ]
        if not chars:
            continue
        # A newline resets the algorithm, so one call can check many probes at once.
        segments = [probe.format(char, char) for char in chars for probe in probes]
        text = "\n".join(segments)
        ours, theirs = possible_breaks(text), reference_possible(text)
        if ours != theirs:
            start = 0
            for segment in segments:
                end = start + len(segment)
                if ours[start:end] != theirs[start:end]:
                    mismatches.append(f"{segment!r}")
                start = end + 1
    assert not mismatches, f"{len(mismatches)} probes differ: {mismatches[:20]}"


def test_char_width_matches_uc_width() -> None:
    """Column widths agree with libunistring's uc_width for every code point, unassigned
    ones (newer emoji, CJK planes) included, in UTF-8 and in a legacy CJK encoding."""
    differ = [
        hex(code)
        for code in range(0x20, 0x110000)
        if not 0xD800 <= code < 0xE000
        and unicodedata.category(chr(code)) not in ("Cc", "Co")
        and char_width(chr(code)) != max(UC_WIDTH(code, b"UTF-8"), 0)
    ]
    assert not differ, differ[:20]
    cjk = [
        hex(code)
        for code in range(0x20, 0x30000, 7)
        if not 0xD800 <= code < 0xE000
        and unicodedata.category(chr(code)) not in ("Cc", "Co")
        and char_width(chr(code), cjk=True) != max(UC_WIDTH(code, b"EUC-JP"), 0)
    ]
    assert not cjk, cjk[:20]


ALPHABET = (
    "aZé9 -/,.;:!?()[]{}\"'%$+=<>|_#@&*\u00a0\u00ad\u2010\u2013\u2014\u2026«»“”„"
    "漢字日本語、。「」〈〉한국어ایران\u0301\u200b\u200d\u2060👦🏻🇫🇷\t\\"
)


@settings(max_examples=300, deadline=None)
@given(
    text=st.text(alphabet=ALPHABET, max_size=200),
    width=st.integers(min_value=5, max_value=80),
    start=st.integers(min_value=0, max_value=20),
    data=st.data(),
)
def test_width_breaks_match_libunistring(
    text: str, width: int, start: int, data: st.DataObject
) -> None:
    """Random mixed-script strings are cut at the same places as libunistring cuts them."""
    no_break = sorted(
        data.draw(st.sets(st.integers(min_value=0, max_value=max(len(text) - 1, 0))))
        if text
        else []
    )
    assert width_breaks(text, no_break, width, start) == reference_width_breaks(
        text, no_break, width, start
    )


SIMPLE_ALPHABET = (
    "aZé9 -/,.;:!?()[]{}\"'%$+=<>|_#@&*\u00a0\u202f\u2010\u2013\u2014\u2019\u2026«»“”„"
    "ЖяΩ\\"
)


@settings(max_examples=300, deadline=None)
@given(
    text=st.text(alphabet=SIMPLE_ALPHABET + "abc   ", max_size=300),
    width=st.integers(min_value=5, max_value=80),
    start=st.integers(min_value=0, max_value=20),
    data=st.data(),
)
def test_width_breaks_of_simple_text_match_libunistring(
    text: str, width: int, start: int, data: st.DataObject
) -> None:
    """Latin, Cyrillic and punctuation text (the one-column fast path) is cut at the same
    places as libunistring cuts it."""
    no_break = sorted(
        data.draw(st.sets(st.integers(min_value=0, max_value=max(len(text) - 1, 0))))
        if text
        else []
    )
    assert width_breaks(text, no_break, width, start) == reference_width_breaks(
        text, no_break, width, start
    )
