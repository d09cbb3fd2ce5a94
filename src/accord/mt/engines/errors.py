"""What can go wrong when talking to an engine, sorted by what the caller should do next.

Exception tree (all are :class:`accord.errors.TranslationError`, so tasks report
them as ``path:line: message``)::

    TranslationError
    ├── TransientError        worth retrying: 429, 5xx, timeouts, dropped connections
    │   └── UnreachableError  nobody listens at the URL (refused, DNS); retried, then
    │                         the run stops asking this engine
    │   └── WaitTooLongError  its Retry-After is longer than Accord waits: the run
    │                         stops asking this engine at once
    └── (plain)               permanent: bad key, unsupported language, garbage answer
"""

from __future__ import annotations

from accord.errors import TranslationError


class TransientError(TranslationError):
    """The engine may answer if asked again later; ``retry_after`` is its hint in seconds."""

    def __init__(
        self,
        message: str,
        retry_after: float | None = None,
        status: int | None = None,
        path: str | None = None,
    ):
        super().__init__(message, path=path)
        self.retry_after = retry_after
        self.status = status


class UnreachableError(TransientError):
    """No connection could be made to the engine at all."""


class WaitTooLongError(TransientError):
    """The engine asks to be asked again later than the run is willing to wait."""
