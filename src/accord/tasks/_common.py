"""What every task shares: the project's Config, and AccordError → message + exit 2."""

from __future__ import annotations

import contextlib
import functools
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, NoReturn, TypeVar

from accord import safefile
from accord.config import Config, load_config
from accord.errors import AccordError, ConfigError
from accord.readable import readable
from accord.root import find_root
from accord.tasks.conventions import Exit

F = TypeVar("F", bound=Callable[..., Any])

EXIT_FINDINGS = 1
EXIT_USAGE = 2


def project() -> Config:
    """The Config of the repository the current folder is in (see ``accord.root``)."""
    return load_config(find_root(Path.cwd()))


def given_path(config: Config, path: str) -> str:
    """A path the user typed (relative to the current folder) as messages name it:
    relative to the repository root when it is inside, else as typed."""
    resolved = Path(path).resolve()
    if resolved.is_relative_to(config.root):
        return resolved.relative_to(config.root).as_posix()
    return path


def tell(problem: object) -> None:
    """``accord: <problem>`` on stderr, line by line, every control character written out."""
    for line in str(problem).split("\n"):
        print(f"accord: {readable(line)}", file=sys.stderr)


def reports_errors(function: F) -> F:
    """Turn an AccordError raised by ``function`` into ``path:line: message`` and exit 2.

    Output piped into a reader that stops early (``accord status | head``) ends quietly.
    """

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            try:
                result = function(*args, **kwargs)
            finally:
                sys.stdout.flush()  # a closed pipe shows here, not at the interpreter's exit
        except AccordError as error:
            tell(error)
            raise Exit(code=EXIT_USAGE) from None
        except BrokenPipeError:
            quiet_broken_pipe()
        return result

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
    from accord.fsutil import sweep_temporaries  # noqa: PLC0415  (imported on demand: start-up)
    from accord.tasks.repolock import exclusive  # noqa: PLC0415

    def waiting() -> None:
        print(
            "accord: another Accord task is writing in this repository; waiting…", file=sys.stderr
        )

    try:
        safefile.no_links_below(config.root, config.cache_dir)  # build/cache is Accord's
    except OSError as error:
        raise ConfigError(str(error), config.relative(config.cache_dir)) from None
    config.cache_dir.mkdir(parents=True, exist_ok=True)
    lock = config.cache_dir / "accord.lock"
    held = contextlib.ExitStack()
    try:
        held.enter_context(exclusive(lock, waiting))
    except OSError as error:  # a link or a folder where the lock file goes
        why = "a symlink" if lock.is_symlink() else (error.strerror or str(error))
        raise ConfigError(f"cannot take the repository's write lock: {why}; remove it",
                          config.relative(lock)) from None
    with held:
        # A run killed mid-write leaves its .<name>.XXXXXXXX.tmp; no task writes now.
        sweep_temporaries(config.locales_dir)
        yield


EXIT_BROKEN_PIPE = 128 + 13  # what a shell reports for a program ended by SIGPIPE


def quiet_broken_pipe() -> NoReturn:
    """End quietly because the reader of standard output (``head``, ``less``) has gone.

    Standard output is pointed at /dev/null first, so the interpreter's final flush
    of what is still buffered cannot raise a second BrokenPipeError at exit.
    """
    devnull = os.open(os.devnull, os.O_WRONLY)
    with contextlib.suppress(OSError, ValueError):
        os.dup2(devnull, sys.stdout.fileno())
    raise SystemExit(EXIT_BROKEN_PIPE)
