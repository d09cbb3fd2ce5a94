"""The small interface every machine-translation engine offers, and language codes."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Protocol

from accord import redact
from accord.errors import TranslationError
from accord.locales import language_of


class Engine(Protocol):
    """One MT engine. ``translate`` makes one request (text shorter than ``max_chars``)."""

    name: str
    max_chars: int

    def translate(self, text: str, source: str, target: str) -> str:
        """``text`` from locale ``source`` into locale ``target``; raises TranslationError."""
        ...

    def use_glossary(self, source: str, target: str, entries: Mapping[str, str]) -> str:
        """Offer source → target renderings to an engine with native glossaries.

        Returns a fingerprint of what the engine will use ("" when it ignores the
        glossary), which becomes part of the cache key.
        """
        ...


# For engines that only know regional codes (MyMemory): the region a bare language means.
USUAL_TERRITORY = {
    "en": "GB", "pt": "PT", "fa": "IR", "he": "IL", "ar": "SA", "uk": "UA", "el": "GR",
    "cs": "CZ", "da": "DK", "sv": "SE", "ja": "JP", "ko": "KR", "zh": "CN",
}


def code_candidates(locale: str) -> list[str]:
    """Engine-style codes for an Accord locale, most specific first (``pt_BR`` → pt-BR, pt)."""
    from babel import Locale  # noqa: PLC0415  (start-up: babel only when an engine runs)

    parsed = Locale.parse(locale)
    lang = parsed.language
    out: list[str] = []
    if parsed.territory:
        out.append(f"{lang}-{parsed.territory}")
    if parsed.script:
        out.append(f"{lang}-{parsed.script}")
    if lang == "zh":
        traditional = parsed.script == "Hant" or parsed.territory in {"TW", "HK", "MO"}
        out += ["zh-TW", "zh-Hant"] if traditional else ["zh-CN", "zh-Hans"]
    out.append(lang)
    if lang == "he":
        out.append("iw")  # Google still uses the withdrawn ISO code
    out.append(f"{lang}-{lang.upper()}")  # MyMemory's de-DE, fr-FR, ...
    if lang in USUAL_TERRITORY:
        out.append(f"{lang}-{USUAL_TERRITORY[lang]}")
    return list(dict.fromkeys(out))


def engine_code(engine: str, locale: str, supported: Collection[str] | None) -> str:
    """The code ``engine`` uses for ``locale``, chosen among its ``supported`` codes.

    With ``supported`` None the engine's server decides (plain language code).
    """
    candidates = code_candidates(locale)
    if supported is None:
        return language_of(locale)
    by_lower = {code.lower(): code for code in supported}
    for candidate in candidates:
        if candidate.lower() in by_lower:
            return by_lower[candidate.lower()]
    regional = sorted(c for c in supported if c.lower().startswith(language_of(locale) + "-"))
    if regional:
        return regional[0]
    raise TranslationError(f"engine {engine!r} does not support locale {locale!r}")


def api_key(env: Mapping[str, str], variable: str, engine: str) -> str:
    """The API key in environment variable ``variable``; a clear error when it is unset."""
    value = env.get(variable, "").strip()
    if not value:
        raise TranslationError(f"engine {engine!r} needs an API key in ${variable}")
    redact.register(value)
    return value
