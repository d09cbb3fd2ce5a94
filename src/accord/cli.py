"""The ``accord`` console script: the same tasks as ``invoke`` in the repository."""

from __future__ import annotations

from invoke import Program
from invoke.exceptions import Exit, ParseError

from accord import __version__
from accord.tasks import ns
from accord.tasks._common import EXIT_USAGE


class AccordProgram(Program):
    """invoke's Program, with bad usage (unknown task or flag) exiting 2 as DESIGN.md §9 says."""

    def parse_core(self, argv: list[str] | None) -> None:
        try:
            super().parse_core(argv)
        except ParseError as error:
            raise Exit(f"accord: {error}", code=EXIT_USAGE) from None

    def parse_tasks(self) -> None:
        try:
            super().parse_tasks()
        except ParseError as error:
            raise Exit(f"accord: {error}", code=EXIT_USAGE) from None


program = AccordProgram(namespace=ns, version=__version__, name="Accord", binary="accord")


def main() -> None:
    """Run ``accord TASK [flags]``."""
    program.run()
