"""Engines reached through deep-translator: google, libre, mymemory, microsoft.

deep-translator's quirks are absorbed here:

- each class keeps its own language table (Google's ``iw``, MyMemory's ``de-DE``,
  LibreTranslate's outdated 17-language list): codes are chosen per class, and for
  LibreTranslate the server decides;
- LibreTranslator puts the text in the URL of a POST: it goes in a JSON body (and,
  while short, the query string too);
- no timeouts, no common exception base, ``Retry-After`` dropped, a raw
  ``requests.ConnectionError`` on refused connections: requests go through
  :mod:`accord.mt.engines.transport`, and whatever the library raises becomes a
  :class:`~accord.errors.TranslationError`;
- translator objects keep per-call state in ``_url_params``: one object per thread
  and language pair;
- base URLs are hard-coded: they are replaced by the configured ``url``;
- MicrosoftTranslator fetches its language list from a fixed URL in its constructor:
  the adapter asks the configured server instead.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from typing import Any

import requests
from deep_translator import exceptions as dt_errors
from deep_translator import google, libre, microsoft, mymemory
from deep_translator.base import BaseTranslator
from deep_translator.constants import (
    GOOGLE_LANGUAGES_TO_CODES,
    MY_MEMORY_LANGUAGES_TO_CODES,
)

from accord import redact
from accord.config import EngineSettings
from accord.errors import TranslationError
from accord.mt.engines import transport
from accord.mt.engines.base import api_key, engine_code

for _module in (google, microsoft, mymemory):
    transport.install(_module)
transport.install(libre, json_body=True)

# What deep-translator raises for an answer it cannot use (no common base class).
LIBRARY_ERRORS: tuple[type[BaseException], ...] = (
    dt_errors.BaseError,
    dt_errors.RequestError,
    dt_errors.TooManyRequests,
    dt_errors.ServerException,
    dt_errors.MicrosoftAPIerror,
    dt_errors.AuthorizationException,
)
# What its parsing code raises on a malformed body.
MALFORMED_ERRORS: tuple[type[BaseException], ...] = (
    ValueError,  # includes requests' JSONDecodeError
    KeyError,
    IndexError,
    TypeError,
    AttributeError,
    StopIteration,
)

Factory = Callable[[str, str], BaseTranslator]


@dataclass
class DeepTranslatorEngine:
    """An :class:`~accord.mt.engines.base.Engine` backed by one deep-translator class."""

    name: str
    max_chars: int
    factory: Factory  # (engine source code, engine target code) -> translator
    supported: Callable[[], Collection[str] | None]
    timeout: float = transport.DEFAULT_TIMEOUT
    _local: threading.local = field(default_factory=threading.local, repr=False)

    def translate(self, text: str, source: str, target: str) -> str:
        """One request to the engine; every failure is a TranslationError."""
        with transport.call_timeout(self.timeout):
            translator = self._translator(source, target)
            try:
                result = translator.translate(text)
            except TranslationError:
                raise
            except requests.JSONDecodeError:
                raise TranslationError(f"{self.name}: malformed answer (not JSON)") from None
            except requests.RequestException as error:
                raise transport.translate_exception(error, str(translator._base_url)) from None
            except dt_errors.AuthorizationException:
                raise TranslationError(f"{self.name}: the server refused the API key") from None
            except LIBRARY_ERRORS as error:
                raise TranslationError(f"{self.name}: {_describe(error)}") from None
            except MALFORMED_ERRORS as error:
                raise TranslationError(
                    f"{self.name}: malformed answer ({type(error).__name__})"
                ) from None
        if result is None and text.strip() and self.name == "google":
            # GoogleTranslator falls off its own end when the page echoes the input;
            # any other engine's null is garbage (engines/answer.py refuses it).
            return text.strip()
        if result is None:
            raise TranslationError(f"engine {self.name} answered no text (null)")
        if not isinstance(result, str):
            raise TranslationError(f"{self.name}: malformed answer ({type(result).__name__})")
        return result

    def use_glossary(self, source: str, target: str, entries: Mapping[str, str]) -> str:
        """deep-translator engines have no glossaries: enforcement does all the work."""
        return ""

    def _translator(self, source: str, target: str) -> BaseTranslator:
        cache: dict[tuple[str, str], BaseTranslator] = self._local.__dict__.setdefault("pairs", {})
        translator = cache.get((source, target))
        if translator is None:
            supported = self.supported()
            codes = (
                engine_code(self.name, source, supported),
                engine_code(self.name, target, supported),
            )
            try:
                translator = self.factory(*codes)
            except LIBRARY_ERRORS as error:
                raise TranslationError(f"{self.name}: {_describe(error)}") from None
            cache[(source, target)] = translator
        return translator


def _describe(error: BaseException) -> str:
    text = str(getattr(error, "message", "") or error or type(error).__name__)
    return text.splitlines()[0] if text else type(error).__name__


def _endpoint(url: str | None, default: str, path: str) -> str:
    """The configured server's URL for ``path`` (``url`` names the server's root)."""
    if not url:
        return default
    if url.rstrip("/").endswith("/" + path.strip("/")) and path.strip("/"):
        return url
    return url.rstrip("/") + "/" + path


def _retarget(translator: BaseTranslator, url: str, source: str, target: str) -> BaseTranslator:
    translator._base_url = url
    translator._source, translator._target = source, target
    return translator


def google_engine(settings: EngineSettings, env: Mapping[str, str]) -> DeepTranslatorEngine:
    """Google Translate's mobile page (``GET /m``), as deep-translator scrapes it."""
    url = _endpoint(settings.url, google.BASE_URLS["GOOGLE_TRANSLATE"], "m")

    def factory(source: str, target: str) -> BaseTranslator:
        return _retarget(google.GoogleTranslator(source="auto", target="en"), url, source, target)

    return DeepTranslatorEngine(
        name=settings.name,
        max_chars=5000,
        factory=factory,
        supported=GOOGLE_LANGUAGES_TO_CODES.values,
        timeout=settings.timeout,
    )


def libre_engine(settings: EngineSettings, env: Mapping[str, str]) -> DeepTranslatorEngine:
    """LibreTranslate (``POST /translate``); the server's own language list decides."""
    configured = settings.url
    if configured and configured.rstrip("/").endswith("/translate"):
        configured = configured.rstrip("/")[: -len("translate")]  # the endpoint, not the root
    url = _endpoint(configured, libre.BASE_URLS["LIBRE"], "")
    key = env.get("LIBRE_API_KEY", "").strip()
    redact.register(key)

    def factory(source: str, target: str) -> BaseTranslator:
        # The library refuses to start without a key; self-hosted servers need none.
        translator = libre.LibreTranslator(source="en", target="de", api_key=key or "-")
        translator.api_key = key or None
        return _retarget(translator, url, source, target)

    return DeepTranslatorEngine(
        name=settings.name,
        max_chars=int(settings.extra.get("max_chars", 5000)),
        factory=factory,
        supported=lambda: None,
        timeout=settings.timeout,
    )


def mymemory_engine(settings: EngineSettings, env: Mapping[str, str]) -> DeepTranslatorEngine:
    """MyMemory (``GET /get``); ``email`` in the engine table raises the free quota."""
    url = _endpoint(settings.url, mymemory.BASE_URLS["MYMEMORY"], "get")
    email = settings.extra.get("email")

    def factory(source: str, target: str) -> BaseTranslator:
        translator = mymemory.MyMemoryTranslator(source="en-GB", target="de-DE", email=email)
        return _retarget(translator, url, source, target)

    return DeepTranslatorEngine(
        name=settings.name,
        max_chars=500,
        factory=factory,
        supported=MY_MEMORY_LANGUAGES_TO_CODES.values,
        timeout=settings.timeout,
    )


def microsoft_languages(root: str) -> list[str]:
    """The codes Microsoft Translator at ``root`` translates into (``GET /languages``)."""
    response = transport.send(
        "GET",
        _endpoint(root, "", "languages"),
        params={"api-version": "3.0", "scope": "translation"},
    )
    try:
        table: dict[str, Any] = response.json()["translation"]
        return [str(code).lower() for code in table]
    except MALFORMED_ERRORS:
        raise TranslationError("microsoft: malformed language list") from None


def microsoft_engine(settings: EngineSettings, env: Mapping[str, str]) -> DeepTranslatorEngine:
    """Microsoft Translator v3 (key in $MICROSOFT_API_KEY, ``region`` in the engine table)."""
    key = api_key(env, "MICROSOFT_API_KEY", settings.name)
    root = settings.url or "https://api.cognitive.microsofttranslator.com/"
    region = settings.extra.get("region")
    lock = threading.Lock()
    codes: list[str] = []

    def supported() -> list[str]:
        with lock:
            if not codes:
                with transport.call_timeout(settings.timeout):
                    codes.extend(microsoft_languages(root))
            return codes

    class Configured(microsoft.MicrosoftTranslator):
        # The library downloads this list from a fixed URL in its constructor.
        def _get_supported_languages(self) -> dict[str, str]:
            return {code: code for code in supported()}

    def factory(source: str, target: str) -> BaseTranslator:
        translator = Configured(source=source, target=target, api_key=key, region=region)
        translator._base_url = _endpoint(root, "", "translate") + "?api-version=3.0"
        return translator

    return DeepTranslatorEngine(
        name=settings.name,
        max_chars=int(settings.extra.get("max_chars", 10000)),
        factory=factory,
        supported=supported,
        timeout=settings.timeout,
    )
