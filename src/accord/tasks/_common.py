"""What every task shares: the project's Config, and AccordError → message + exit 2."""

from __future__ import annotations

import contextlib
import functools
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

from filelock import FileLock, Timeout
from invoke.exceptions import Exit

from accord import casfile, safefile
from accord.config import Config, load_config
from accord.errors import AccordError, ConfigError

F = TypeVar("F", bound=Callable[..., Any])

EXIT_FINDINGS = 1
EXIT_USAGE = 2


def project() -> Config:
    """The Config of the repository in the current directory."""
    return load_config(Path.cwd())


def reports_errors(function: F) -> F:
    """Turn an AccordError raised by ``function`` into ``path:line: message`` and exit 2."""

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return function(*args, **kwargs)
        except AccordError as error:
            print(f"accord: {error}", file=sys.stderr)
            raise Exit(code=EXIT_USAGE) from None

    return wrapper  # type: ignore[return-value]


def listed(values: list[str] | None) -> list[str]:
    """Flatten repeated and comma-separated flag values (``-l de -l fr,es``)."""
    out: list[str] = []
    for value in values or []:
        out.extend(v.strip() for v in value.split(",") if v.strip())
    return out


def writes_repository(function: F) -> F:
    """Run ``function`` holding the repository's write lock (``build/cache/accord.lock``).

    Two Accord tasks that rewrite PO files at once (a long ``translate`` and a
    ``sync``, or a ``review.approve``) would otherwise read, change and save the same
    file and the later save would drop the other's work. The second task waits.
    """

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        with repository_lock(project()):
            return function(*args, **kwargs)

    return wrapper  # type: ignore[return-value]


@contextlib.contextmanager
def repository_lock(config: Config) -> Iterator[None]:
    """Hold the repository's write lock, saying so when another task has it."""
    try:
        safefile.no_links_below(config.root, config.cache_dir)  # build/cache is Accord's
    except OSError as error:
        raise ConfigError(str(error), config.relative(config.cache_dir)) from None
    config.cache_dir.mkdir(parents=True, exist_ok=True)
    lock = FileLock(config.cache_dir / "accord.lock")
    try:
        lock.acquire(timeout=0)
    except Timeout:
        print(
            "accord: another Accord task is writing in this repository; waiting…", file=sys.stderr
        )
        lock.acquire()
    try:
        # A run killed mid-write leaves its .<name>.XXXXXXXX.tmp; no task writes now.
        casfile.sweep_temporaries(config.locales_dir)
        yield
    finally:
        lock.release()
