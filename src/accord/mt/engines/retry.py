"""Retries with exponential backoff and jitter, honouring ``Retry-After``.

Sleeping and randomness are injected so that tests can record the waits instead
of taking them.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from accord.mt.engines.errors import TransientError, UnreachableError, WaitTooLongError

T = TypeVar("T")


@dataclass(frozen=True)
class RetryPolicy:
    """How often and how long to wait before asking an engine again."""

    retries: int = 5
    unreachable_retries: int = 2  # nobody listening rarely changes within seconds
    base: float = 0.5  # first backoff, seconds
    cap: float = 30.0  # longest backoff, seconds
    max_retry_after: float = 120.0  # longest Retry-After we are willing to honour
    sleep: Callable[[float], None] = field(default=time.sleep, compare=False)
    random: Callable[[], float] = field(default=random.random, compare=False)

    def delay(self, attempt: int, error: TransientError) -> float:
        """Seconds to wait before retry number ``attempt`` (1-based) after ``error``."""
        if error.retry_after:  # "Retry-After: 0" gets the ordinary backoff
            return min(error.retry_after, self.max_retry_after)
        ceiling = min(self.cap, self.base * 2 ** (attempt - 1))
        # "Equal jitter": at least half the backoff, so waits still grow.
        return ceiling / 2 + self.random() * ceiling / 2


def with_retries(call: Callable[[], T], policy: RetryPolicy) -> T:
    """Run ``call``; on TransientError wait and try again, at most ``policy.retries`` times.

    A ``Retry-After`` above ``policy.max_retry_after`` is not waited for at all: it
    raises WaitTooLongError, which the worker takes as the engine being down.
    """
    attempt = 0
    while True:
        try:
            return call()
        except TransientError as error:
            attempt += 1
            limit = policy.retries
            if isinstance(error, UnreachableError):
                limit = min(limit, policy.unreachable_retries)
            if error.retry_after and error.retry_after > policy.max_retry_after:
                # "Retry after 27 hours": waiting the cap round after round helps nobody.
                raise WaitTooLongError(
                    f"engine asks to wait {error.retry_after:.0f} s ({error.message}); "
                    "giving up on it for this run",
                    retry_after=error.retry_after, status=error.status, path=error.path,
                ) from None
            if attempt > limit:
                raise
            policy.sleep(policy.delay(attempt, error))
