"""Machine-translation engines behind one small interface (:class:`Engine`).

``make_engine(settings, env)`` builds the engine named by ``settings.name``:
``google``, ``libre``, ``mymemory``, ``microsoft`` (deep-translator) and ``deepl``
(the official client). API keys come from ``env`` (the process environment).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping

from accord.config import EngineSettings
from accord.errors import ConfigError
from accord.mt.engines.base import Engine
from accord.mt.engines.deepl_engine import deepl_engine
from accord.mt.engines.deeptranslator import (
    google_engine,
    libre_engine,
    microsoft_engine,
    mymemory_engine,
)

BUILDERS: dict[str, Callable[[EngineSettings, Mapping[str, str]], Engine]] = {
    "google": google_engine,
    "libre": libre_engine,
    "mymemory": mymemory_engine,
    "microsoft": microsoft_engine,
    "deepl": deepl_engine,
}
ENGINE_NAMES = tuple(BUILDERS)


def make_engine(settings: EngineSettings, env: Mapping[str, str] | None = None) -> Engine:
    """The engine ``settings.name`` configured by ``settings``; unknown names are a ConfigError."""
    if settings.name not in BUILDERS:
        raise ConfigError(
            f"unknown engine {settings.name!r} (known: {', '.join(ENGINE_NAMES)})",
            path="pyproject.toml",
        )
    return BUILDERS[settings.name](settings, os.environ if env is None else env)


__all__ = ["ENGINE_NAMES", "Engine", "make_engine"]
