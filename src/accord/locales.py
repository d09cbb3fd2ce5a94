"""Locale codes: validation and normalisation with babel, plural forms, direction."""

from __future__ import annotations

from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.messages.plurals import get_plural

from accord.errors import ConfigError


@lru_cache(maxsize=256)
def normalise_locale(code: str, path: str | None = None) -> str:
    """Return babel's canonical form of ``code`` (``pt-BR`` → ``pt_BR``) or raise ConfigError."""
    text = code.strip()
    try:
        locale = Locale.parse(text.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        raise ConfigError(f"unknown locale code {code!r}", path=path) from None
    return str(locale)


def language_of(locale: str) -> str:
    """The language part of a locale code (``pt_BR`` → ``pt``)."""
    return locale.split("_", 1)[0]


@lru_cache(maxsize=256)
def is_rtl(locale: str) -> bool:
    """True for right-to-left scripts (fa, ar, he, …)."""
    return bool(Locale.parse(locale).character_order == "right-to-left")


@lru_cache(maxsize=256)
def plural_forms(locale: str) -> str:
    """The gettext ``Plural-Forms`` value for ``locale``, from babel's data."""
    return str(get_plural(locale)).strip()


@lru_cache(maxsize=256)
def display_name(locale: str) -> str:
    """The locale's English display name (``fa`` → ``Persian``)."""
    return str(Locale.parse(locale).get_display_name("en"))
