"""Which folder is the repository: found from the current folder upwards, as git does.

A folder is an Accord repository's root when it holds a ``pyproject.toml`` with a
``[tool.accord]`` table, or a ``sources/`` or ``locales/`` folder (the conventional
layout, which needs no settings). The nearest such folder from the starting point upwards wins,
so every task works the same from ``locales/fr/`` or ``sources/en/`` as from the
root; outside any repository the task says so and exits 2.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from accord.errors import ConfigError

PYPROJECT = "pyproject.toml"
LAYOUT = ("sources", "locales")

# A pyproject.toml that does not parse still says whether it is meant for Accord;
# load_config then reports its error with file and line.
_ACCORD_TABLE = re.compile(r"^\s*\[\s*\[?\s*tool\s*\.\s*accord\b", re.MULTILINE)


class NotARepositoryError(ConfigError):
    """The current folder is not inside an Accord repository."""


def is_root(folder: Path) -> bool:
    """True if ``folder`` holds ``pyproject.toml`` with ``[tool.accord]``, or ``sources/``
    or ``locales/``."""
    if any((folder / name).is_dir() for name in LAYOUT):
        return True
    pyproject = folder / PYPROJECT
    if not pyproject.is_file():
        return False
    try:
        text = pyproject.read_bytes().decode("utf-8", errors="replace")
    except OSError:
        return False
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return _ACCORD_TABLE.search(text) is not None
    tool = data.get("tool")
    return isinstance(tool, dict) and "accord" in tool


def find_root(start: Path) -> Path:
    """The nearest folder at or above ``start`` that is a repository root.

    NotARepositoryError (one line, exit 2 in the tasks) when there is none.
    """
    start = start.resolve()
    for folder in (start, *start.parents):
        if is_root(folder):
            return folder
    raise NotARepositoryError(
        f"not inside an Accord repository: neither {start} nor any folder above it has "
        f"a {PYPROJECT} with [tool.accord], a sources/ or a locales/ folder"
    )
