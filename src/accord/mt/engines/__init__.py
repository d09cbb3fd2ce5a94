"""Machine-translation engines behind one small interface (:class:`Engine`).

``make_engine(settings, env)`` builds the engine named by ``settings.name``:
``google``, ``libre``, ``mymemory``, ``microsoft`` (deep-translator) and ``deepl``
(the official client). API keys come from ``env`` (the process environment).
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable, Mapping

from accord.config import EngineSettings
from accord.errors import ConfigError
from accord.mt.engines.base import Engine

# name → (module, builder): a client library (deepl, deep-translator with requests and
# bs4) is imported only when its engine is made, not by every command that imports this.
BUILDERS: dict[str, tuple[str, str]] = {
    "google": ("accord.mt.engines.deeptranslator", "google_engine"),
    "libre": ("accord.mt.engines.deeptranslator", "libre_engine"),
    "mymemory": ("accord.mt.engines.deeptranslator", "mymemory_engine"),
    "microsoft": ("accord.mt.engines.deeptranslator", "microsoft_engine"),
    "deepl": ("accord.mt.engines.deepl_engine", "deepl_engine"),
}
ENGINE_NAMES = tuple(BUILDERS)


def builder(name: str) -> Callable[[EngineSettings, Mapping[str, str]], Engine]:
    """The function that makes engine ``name`` (imports its client library)."""
    module, function = BUILDERS[name]
    made: Callable[[EngineSettings, Mapping[str, str]], Engine]
    made = getattr(importlib.import_module(module), function)
    return made


def make_engine(settings: EngineSettings, env: Mapping[str, str] | None = None) -> Engine:
    """The engine ``settings.name`` configured by ``settings``; unknown names are a ConfigError."""
    if settings.name not in BUILDERS:
        raise ConfigError(
            f"unknown engine {settings.name!r} (known: {', '.join(ENGINE_NAMES)})",
            path="pyproject.toml",
        )
    return builder(settings.name)(settings, os.environ if env is None else env)


__all__ = ["ENGINE_NAMES", "Engine", "make_engine"]
