"""What every task shares: the project's Config, and AccordError → message + exit 2."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from invoke.exceptions import Exit

from accord.config import Config, load_config
from accord.errors import AccordError

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
