"""The ``accord`` console script: the same tasks as ``invoke`` in the repository."""

from __future__ import annotations

from invoke import Program

from accord import __version__
from accord.tasks import ns

program = Program(namespace=ns, version=__version__, name="Accord", binary="accord")


def main() -> None:
    """Run ``accord TASK [flags]``."""
    program.run()
