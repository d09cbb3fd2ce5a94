"""HTTP for the engines: a timeout on every request and HTTP failures as Accord errors.

deep-translator calls ``requests.get``/``requests.post`` with no timeout and turns
429 and 5xx answers into unrelated exception classes that drop the ``Retry-After``
header. :func:`install` swaps the ``requests`` name inside a deep-translator module
for :data:`SHIM`, which sends through a per-thread :class:`requests.Session` (kept-alive
connections) with the timeout of the current call and raises
:class:`~accord.mt.engines.errors.TransientError` (carrying ``Retry-After``) before the
library sees a failed response. The official ``deepl`` client gets the same
treatment through :class:`CheckedSession`.
"""

from __future__ import annotations

import email.utils
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import ModuleType
from typing import Any
from urllib.parse import urlencode

import requests
from urllib3.exceptions import NameResolutionError, NewConnectionError

from accord.errors import TranslationError
from accord.mt.engines import deadline
from accord.mt.engines.errors import TransientError, UnreachableError

DEFAULT_TIMEOUT = 20.0
RETRYABLE_STATUS = frozenset({408, 425, 429, 500, 502, 503, 504})
AUTH_STATUS = frozenset({401, 403})
MAX_QUERY = 2000  # characters of query string a POST may repeat its body in

_local = threading.local()


@contextmanager
def call_timeout(seconds: float) -> Iterator[None]:
    """Requests made by this thread inside the block time out after ``seconds``."""
    previous = getattr(_local, "timeout", None)
    _local.timeout = seconds
    try:
        yield
    finally:
        _local.timeout = previous


def current_timeout() -> float:
    """The timeout of the call this thread is making (DEFAULT_TIMEOUT outside any call)."""
    value = getattr(_local, "timeout", None)
    return DEFAULT_TIMEOUT if value is None else float(value)


def thread_session() -> requests.Session:
    """This thread's session: connections are reused between requests of one worker."""
    session = getattr(_local, "session", None)
    if session is None:
        session = requests.Session()
        _local.session = session
    return session


def parse_retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delta-seconds or HTTP-date)."""
    if not value:
        return None
    text = value.strip()
    if text.isdigit():
        return float(text)
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if when is None:
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


def raise_for_retryable(response: requests.Response) -> requests.Response:
    """Raise TransientError for a 429/5xx answer, TranslationError for a refused key."""
    if response.status_code in AUTH_STATUS:
        response.close()
        raise TranslationError(
            f"{_origin(response.url)} refused the request (HTTP {response.status_code}):"
            " check the API key"
        )
    if response.status_code in RETRYABLE_STATUS or response.status_code >= 500:
        retry_after = parse_retry_after(response.headers.get("Retry-After"))
        response.close()
        raise TransientError(
            f"HTTP {response.status_code} from {_origin(response.url)}",
            retry_after=retry_after,
            status=response.status_code,
        )
    return response


def translate_exception(error: requests.RequestException, url: str) -> TranslationError:
    """The Accord error for a failed request (no answer at all)."""
    origin = _origin(url)
    if isinstance(error, requests.exceptions.InvalidURL | requests.exceptions.MissingSchema
                  | requests.exceptions.InvalidSchema):
        return TranslationError(f"invalid engine URL {url!r}: check the engine's url setting")
    if isinstance(error, requests.Timeout) and not isinstance(error, requests.ConnectTimeout):
        return TransientError(f"no answer from {origin} within {current_timeout():g} s")
    reason = getattr(error.args[0], "reason", None) if error.args else None
    if isinstance(error, requests.ConnectTimeout) or isinstance(
        reason, NewConnectionError | NameResolutionError
    ):
        return UnreachableError(f"cannot connect to {origin}")
    return TransientError(f"connection to {origin} failed: {type(error).__name__}")


def send(method: str, url: str, **kwargs: Any) -> requests.Response:
    """One HTTP request, all of it within the current timeout; failures become TransientError."""
    seconds = kwargs["timeout"] = current_timeout()
    response = bounded(lambda: thread_session().request(method, url, **kwargs), url, seconds)
    return raise_for_client_error(raise_for_retryable(response))


def bounded(call: Callable[[], requests.Response], url: str, seconds: float) -> requests.Response:
    """``call()`` (a request to ``url``) completed within ``seconds``, body included.

    A server that trickles its answer is given up on at the deadline (TransientError,
    retried); a cancelled run gives up at once.
    """
    try:
        return deadline.run_bounded(call, seconds)
    except deadline.DeadlineExceeded:
        raise TransientError(
            f"no answer from {_origin(url)} within {seconds:g} s (or not all of it)"
        ) from None
    except deadline.Cancelled:
        raise TranslationError("interrupted") from None
    except requests.RequestException as error:
        with call_timeout(seconds):
            raise translate_exception(error, url) from None


def raise_for_client_error(response: requests.Response) -> requests.Response:
    """Raise TranslationError for any other 4xx, naming the status and what the server said.

    deep-translator turns these into messages of its own that can mislead (a 404 from
    a wrong ``url`` setting read as a daily quota), so they never reach it.
    """
    if 400 <= response.status_code < 500:
        said = " ".join(response.text.split())[:200]
        response.close()
        raise TranslationError(
            f"HTTP {response.status_code} from {_origin(response.url)}"
            + (f": {said}" if said else "")
            + (" (check the engine's url setting)" if response.status_code == 404 else "")
        )
    return response


class _RequestsShim(ModuleType):
    """Stands in for the ``requests`` module inside deep-translator's modules.

    With ``json_body`` a POST's parameters travel as a JSON body, which every
    LibreTranslate reads and which has no length limit; while the URL stays short
    they are also repeated in the query string (without any API key), where
    deep-translator put them, for servers written against that.
    """

    def __init__(self, json_body: bool = False) -> None:
        super().__init__("accord_requests_shim")
        self.json_body = json_body

    def get(self, url: str, **kwargs: Any) -> requests.Response:
        return send("GET", url, **kwargs)

    def post(self, url: str, **kwargs: Any) -> requests.Response:
        has_body = "json" in kwargs or "data" in kwargs
        if self.json_body and kwargs.get("params") and not has_body:
            params = dict(kwargs.pop("params"))
            kwargs["json"] = params
            query = {k: v for k, v in params.items() if k != "api_key"}
            if len(urlencode(query)) <= MAX_QUERY:
                kwargs["params"] = query
        return send("POST", url, **kwargs)

    def request(self, method: str, url: str, **kwargs: Any) -> requests.Response:
        return send(method, url, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(requests, name)


SHIM = _RequestsShim()
JSON_SHIM = _RequestsShim(json_body=True)


def install(module: ModuleType, json_body: bool = False) -> None:
    """Make ``module`` (a deep-translator module) send its requests through the shim."""
    module.requests = JSON_SHIM if json_body else SHIM  # type: ignore[attr-defined]


class CheckedSession(requests.Session):
    """A session for the ``deepl`` client: our timeout, and 429/5xx raised with Retry-After."""

    def __init__(self, timeout: float):
        super().__init__()
        self.timeout = timeout

    def send(self, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:
        kwargs["timeout"] = self.timeout
        response = bounded(
            lambda: super(CheckedSession, self).send(request, **kwargs),
            request.url or "",
            self.timeout,
        )
        return raise_for_retryable(response)


def _origin(url: str) -> str:
    scheme, _, rest = url.partition("://")
    return f"{scheme}://{rest.split('/', 1)[0].split('?', 1)[0]}" if rest else url
