"""Errors meant for users, each with the place it points at.

Exception tree::

    AccordError                 str() is "path:line: message" (parts omitted when unknown)
    ├── ConfigError             pyproject [tool.accord], unknown locale codes, bad flags
    ├── SourceError             article sources: front matter, Markdown, paths
    ├── CatalogError            PO files that cannot be parsed or written
    ├── GlossaryError           glossary YAML, TBX and CSV files
    ├── TranslationError        machine-translation engines (network, quota, garbage)
    ├── ReviewError             review tasks naming unknown segments
    └── BuildError              building translated articles

The task layer turns an AccordError into its message and exit code 2; anything
else is a bug and keeps its traceback.
"""

from __future__ import annotations

from pathlib import Path

from accord import redact
from accord.readable import readable


class AccordError(Exception):
    """A problem in the user's input or environment, located where possible."""

    def __init__(self, message: str, path: str | Path | None = None, line: int | None = None):
        message = redact.scrub(message)  # a server's echo of an API key is never printed
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            # A file may be named with an escape sequence or a newline: like the
            # message's quoted values, the path never drives the terminal.
            where = readable(self.path) + (f":{self.line}" if self.line else "") + ": "
        return where + self.message


class ConfigError(AccordError):
    """The project configuration or a command-line value is wrong."""


class SourceError(AccordError):
    """An article source cannot be read or segmented."""


class CatalogError(AccordError):
    """A PO file cannot be parsed or written."""


class GlossaryError(AccordError):
    """A glossary file is malformed or inconsistent."""


class TranslationError(AccordError):
    """A machine-translation engine failed or answered garbage."""


class ReviewError(AccordError):
    """A review task names something that does not exist."""


class BuildError(AccordError):
    """A translated article cannot be built."""
