"""DeepL through the official ``deepl`` client, with DeepL's native glossaries.

deep-translator's DeepL class still sends the key as a query parameter, which
DeepL stopped accepting in November 2025; the official client sends
``Authorization: DeepL-Auth-Key``. Its own retry loop (real sleeps, no
``Retry-After``) is switched off: Accord's :mod:`~accord.mt.engines.retry` decides.

A glossary is created once per language pair and content: its name carries a
fingerprint of the entries, so an unchanged glossary is found again by name and
reused; a changed one gets a new DeepL glossary and the stale one is deleted.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Mapping
from typing import Any

import deepl
from deepl import http_client

from accord.config import EngineSettings
from accord.errors import TranslationError
from accord.locales import language_of
from accord.mt.engines import transport
from accord.mt.engines.base import api_key
from accord.mt.engines.errors import TransientError

GLOSSARY_PREFIX = "accord"


def source_code(locale: str) -> str:
    """DeepL's source language code: the bare language (``pt_BR`` → ``PT``)."""
    return language_of(locale).upper()


def target_code(locale: str) -> str:
    """DeepL's target code (``en`` → ``EN-GB``, ``pt_BR`` → ``PT-BR``, ``zh`` → ``ZH-HANS``)."""
    lang = language_of(locale)
    territory = locale.rsplit("_", maxsplit=1)[-1] if "_" in locale else ""
    if lang == "en":
        return "EN-US" if territory == "US" else "EN-GB"
    if lang == "pt":
        return "PT-BR" if territory == "BR" else "PT-PT"
    if lang == "zh":
        return "ZH-HANT" if territory in {"TW", "HK", "MO", "Hant"} else "ZH-HANS"
    return lang.upper()


def glossary_name(source: str, target: str, entries: Mapping[str, str]) -> str:
    """``accord en→de <fingerprint>``: equal names mean equal content."""
    text = "\n".join(f"{k}\t{v}" for k, v in sorted(entries.items()))
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    return f"{GLOSSARY_PREFIX} {source_code(source)}→{source_code(target)} {digest}"


class DeepLEngine:
    """The ``deepl`` engine: one request per text, native glossary per language pair."""

    name = "deepl"

    def __init__(self, settings: EngineSettings, env: Mapping[str, str]):
        self.settings = settings
        self.max_chars = int(settings.extra.get("max_chars", 30000))
        self._key = api_key(env, "DEEPL_AUTH_KEY", settings.name)
        self._local = threading.local()
        self._lock = threading.Lock()
        self._wanted: dict[tuple[str, str], dict[str, str]] = {}
        self._ready: dict[tuple[str, str], str | None] = {}
        http_client.max_network_retries = 0

    def use_glossary(self, source: str, target: str, entries: Mapping[str, str]) -> str:
        """Remember the pair's entries; the DeepL glossary is made on the first request."""
        entries = {k: v for k, v in entries.items() if k and v and "\t" not in k + v}
        with self._lock:
            self._wanted[(source, target)] = dict(entries)
        return glossary_name(source, target, entries) if entries else ""

    def translate(self, text: str, source: str, target: str) -> str:
        """One ``POST /v2/translate``; DeepL exceptions become TranslationError."""
        client = self._client()
        glossary = self._glossary_for(client, source, target)
        result = self._call(
            client.translate_text,
            text,
            source_lang=source_code(source),
            target_lang=target_code(target),
            glossary=glossary,
            preserve_formatting=True,
        )
        answer = getattr(result, "text", None)
        if not isinstance(answer, str):
            raise TranslationError("deepl: malformed answer")
        return answer

    def _client(self) -> deepl.Translator:
        client = getattr(self._local, "client", None)
        if client is None:
            client = deepl.Translator(
                self._key, server_url=self.settings.url, send_platform_info=False
            )
            client._client._session = transport.CheckedSession(self.settings.timeout)
            self._local.client = client
        return client

    def _glossary_for(self, client: deepl.Translator, source: str, target: str) -> str | None:
        with self._lock:
            pair = (source, target)
            if pair in self._ready:
                return self._ready[pair]
            entries = self._wanted.get(pair)
            if not entries:
                self._ready[pair] = None
                return None
            name = glossary_name(source, target, entries)
            existing = self._call(client.list_glossaries)
            glossary_id = None
            for info in existing:
                if info.name == name and info.ready:
                    glossary_id = info.glossary_id
                elif info.name.startswith(name.rsplit(" ", 1)[0] + " "):
                    self._call(client.delete_glossary, info.glossary_id)  # stale content
            if glossary_id is None:
                created = self._call(
                    client.create_glossary, name, source_code(source), source_code(target), entries
                )
                glossary_id = created.glossary_id
            self._ready[pair] = glossary_id
            return glossary_id

    def _call(self, function: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return function(*args, **kwargs)
        except deepl.DeepLException as error:
            raise _accord_error(error) from None
        except (ValueError, KeyError, IndexError, TypeError, AttributeError) as error:
            raise TranslationError(f"deepl: malformed answer ({type(error).__name__})") from None


def _accord_error(error: deepl.DeepLException) -> TranslationError:
    cause = error.__cause__
    if isinstance(cause, TranslationError):
        return cause  # raised by CheckedSession: carries Retry-After
    if isinstance(error, deepl.AuthorizationException):
        return TranslationError("deepl: the server refused the key in $DEEPL_AUTH_KEY")
    if isinstance(error, deepl.QuotaExceededException):
        return TranslationError("deepl: the character quota of this billing period is used up")
    if isinstance(error, deepl.TooManyRequestsException) or error.should_retry:
        return TransientError(f"deepl: {error}", status=error.http_status_code)
    return TranslationError(f"deepl: {str(error).splitlines()[0]}")


def deepl_engine(settings: EngineSettings, env: Mapping[str, str]) -> DeepLEngine:
    """The DeepL engine (key in $DEEPL_AUTH_KEY, ``url`` for the API server)."""
    return DeepLEngine(settings, env)
