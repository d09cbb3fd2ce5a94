"""A whole-request deadline: connect, every read and the whole body within ``timeout``.

``requests``' timeout bounds each socket read, not the request: a server that
drips one byte a second never trips it, and a run would wait on it for hours.
:func:`run_bounded` hands the request to a helper thread (one per worker, so
kept-alive connections are still reused) and waits at most the deadline, and
no longer than the run is wanted: when the run is cancelled (Ctrl-C) the wait
ends at once. A request given up on is abandoned with its helper thread (a
daemon, which ends with the process or when the server finally lets go).
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TypeVar

T = TypeVar("T")

POLL = 0.05  # seconds between two looks at the cancel flag while a request runs

_local = threading.local()


class DeadlineExceeded(Exception):
    """The request did not complete within its deadline (it is abandoned)."""


class Cancelled(Exception):
    """The run was cancelled while the request was in flight (it is abandoned)."""


@contextmanager
def cancellable(event: threading.Event) -> Iterator[None]:
    """Requests this thread makes inside the block end as soon as ``event`` is set."""
    previous = getattr(_local, "cancel", None)
    _local.cancel = event
    try:
        yield
    finally:
        _local.cancel = previous


@dataclass(frozen=True)
class _Result:
    """What a request returned, or what it raised."""

    value: object
    error: BaseException | None


class _Helper:
    """A daemon thread that runs one request at a time for one worker thread."""

    def __init__(self) -> None:
        self.jobs: queue.SimpleQueue[tuple[Callable[[], object], list[_Result], threading.Event]]
        self.jobs = queue.SimpleQueue()
        self.abandoned = False
        threading.Thread(target=self._loop, name="mt-http", daemon=True).start()

    def _loop(self) -> None:
        while not self.abandoned:
            call, box, done = self.jobs.get()
            try:
                box.append(_Result(call(), None))
            except BaseException as error:  # handed to the waiting thread, which raises it
                box.append(_Result(None, error))
            done.set()


def run_bounded(call: Callable[[], T], seconds: float) -> T:
    """``call()`` (one HTTP request) if it completes within ``seconds``.

    DeadlineExceeded when it does not, Cancelled when this thread's cancel event
    (:func:`cancellable`) is set first; an exception ``call`` raises is re-raised.
    """
    helper: _Helper | None = getattr(_local, "helper", None)
    if helper is None:
        helper = _local.helper = _Helper()
    box: list[_Result] = []
    done = threading.Event()
    helper.jobs.put((call, box, done))
    deadline = time.monotonic() + seconds
    cancel: threading.Event | None = getattr(_local, "cancel", None)
    while not done.wait(max(0.0, min(POLL, deadline - time.monotonic()))):
        given_up: type[Exception] | None = None
        if cancel is not None and cancel.is_set():
            given_up = Cancelled
        elif time.monotonic() >= deadline:
            given_up = DeadlineExceeded
        if given_up is not None:
            helper.abandoned = True
            _local.helper = None
            raise given_up()
    result = box[0]
    if result.error is not None:
        raise result.error
    return result.value  # type: ignore[return-value]
