"""Locale codes: validation and normalisation with babel, plural forms, direction.

babel (and its locale data) is imported by the first function that needs it: it costs
more than the rest of a small command's start-up.
"""

from __future__ import annotations

import importlib.util
import os
import re
from functools import lru_cache

from accord.errors import ConfigError


@lru_cache(maxsize=256)
def normalise_locale(code: str, path: str | None = None) -> str:
    """Return babel's canonical form of ``code`` (``pt-BR`` → ``pt_BR``) or raise ConfigError.

    A code already in canonical form with a CLDR file of its own in babel's data
    (``de``, ``pt_BR``, ``zh_Hans``) is that form: checked by the file's presence,
    without importing babel (every command loads the settings; babel costs more than
    the rest of a small command's start-up).
    """
    text = code.strip()
    data = _babel_data()
    if data is not None and _CANONICAL.fullmatch(text) and os.path.isfile(
            os.path.join(data, f"{text}.dat")):
        return text
    from babel import Locale, UnknownLocaleError  # noqa: PLC0415  (see module docstring)

    try:
        locale = Locale.parse(text.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        raise ConfigError(f"unknown locale code {code!r}", path=path) from None
    return str(locale)


# language, then an optional script (Latn) and territory (BR, 419): babel's canonical form
_CANONICAL = re.compile(r"[a-z]{2,3}(?:_[A-Z][a-z]{3})?(?:_(?:[A-Z]{2}|[0-9]{3}))?")


@lru_cache(maxsize=1)
def _babel_data() -> str | None:
    """The folder of babel's CLDR files (``locale-data``), found without importing babel."""
    spec = importlib.util.find_spec("babel")
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = os.path.join(next(iter(spec.submodule_search_locations)), "locale-data")
    return folder if os.path.isdir(folder) else None


def babel_stamp() -> str:
    """What identifies the installed babel (its ``__init__``'s place, size and mtime),
    without importing it: a key for data derived from babel's (display names)."""
    spec = importlib.util.find_spec("babel")
    origin = spec.origin if spec is not None else None
    if not origin:
        return ""
    info = os.stat(origin)
    return f"{origin}:{info.st_size}:{info.st_mtime_ns}"


def language_of(locale: str) -> str:
    """The language part of a locale code (``pt_BR`` → ``pt``)."""
    return locale.split("_", 1)[0]


@lru_cache(maxsize=256)
def is_rtl(locale: str) -> bool:
    """True for right-to-left scripts (fa, ar, he, …)."""
    from babel import Locale  # noqa: PLC0415

    return bool(Locale.parse(locale).character_order == "right-to-left")


# gettext's conventional Plural-Forms, the table msginit writes (gettext-tools'
# plural-table.c, unchanged since gettext 0.14). Written by hand rather than taken
# from babel: babel follows CLDR, whose rules change between releases (babel 2.19
# gives French nplurals=3), and a header must not depend on the installed version.
_GETTEXT_PLURALS = {
    **dict.fromkeys(("ja", "vi", "ko"), "nplurals=1; plural=0;"),
    **dict.fromkeys(
        ("en", "de", "nl", "sv", "da", "no", "nb", "nn", "fo", "es", "pt", "it", "bg",
         "el", "fi", "et", "he", "eo", "hu", "tr", "ca"),
        "nplurals=2; plural=(n != 1);"),
    **dict.fromkeys(("pt_BR", "fr"), "nplurals=2; plural=(n > 1);"),
    "lv": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n != 0 ? 1 : 2);",
    "ga": "nplurals=3; plural=n==1 ? 0 : n==2 ? 1 : 2;",
    "ro": "nplurals=3; plural=n==1 ? 0 : (n==0 || (n%100 > 0 && n%100 < 20)) ? 1 : 2;",
    "lt": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && (n%100<10 || "
          "n%100>=20) ? 1 : 2);",
    **dict.fromkeys(
        ("ru", "uk", "be", "sr", "hr"),
        "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
        "(n%100<10 || n%100>=20) ? 1 : 2);"),
    **dict.fromkeys(("cs", "sk"), "nplurals=3; plural=(n==1) ? 0 : (n>=2 && n<=4) ? 1 : 2;"),
    "pl": "nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) "
          "? 1 : 2);",
    "sl": "nplurals=4; plural=(n%100==1 ? 0 : n%100==2 ? 1 : n%100==3 || n%100==4 ? 2 : 3);",
}

# Languages gettext's table lacks, frozen here with the formulas their gettext
# translation teams use (Persian as GNOME and Accord's own fa files write it).
_ACCORD_PLURALS = {
    **dict.fromkeys(("fa", "zh", "id", "ms", "th", "ka"), "nplurals=1; plural=0;"),
    **dict.fromkeys(("hi", "bn", "ur", "sw", "az", "kk", "uz", "sq", "eu", "gl", "af"),
                    "nplurals=2; plural=(n != 1);"),
    "hy": "nplurals=2; plural=(n > 1);",
    "is": "nplurals=2; plural=(n%10!=1 || n%100==11);",
    "mk": "nplurals=2; plural=(n % 10 == 1 && n % 100 != 11) ? 0 : 1;",
    "ar": "nplurals=6; plural=n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 "
          ": n%100>=11 ? 4 : 5;",
}


@lru_cache(maxsize=256)
def plural_forms(locale: str) -> str:
    """The ``Plural-Forms`` a new PO file for ``locale`` starts with.

    gettext's conventional table first (``pt_BR`` before ``pt``), then Accord's
    frozen additions; only a language in neither falls back to babel's CLDR data.
    Written once, when the file is created: afterwards the editors own it.
    """
    for key in (locale, language_of(locale)):
        found = _GETTEXT_PLURALS.get(key) or _ACCORD_PLURALS.get(key)
        if found:
            return found
    from babel.messages.plurals import get_plural  # noqa: PLC0415 - rarely needed, slow import

    return str(get_plural(locale)).strip()


@lru_cache(maxsize=256)
def display_name(locale: str) -> str:
    """The locale's English display name (``fa`` → ``Persian``)."""
    from babel import Locale  # noqa: PLC0415

    return str(Locale.parse(locale).get_display_name("en"))
