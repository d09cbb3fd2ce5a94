"""The ``accord`` console script: the same tasks as ``invoke`` in the repository."""

from __future__ import annotations

import contextlib
import io
import sys
from pathlib import Path

from invoke import Program
from invoke.exceptions import Exit, ParseError

from accord import __version__
from accord.tasks import ns
from accord.tasks._common import EXIT_USAGE, quiet_broken_pipe
from accord.tasks.conventions import TaskHelp


def binary_name() -> str:
    """The command as it was run (``accord``, ``invoke``), for help texts."""
    path = Path(sys.argv[0]) if sys.argv and sys.argv[0] else Path()
    if path.name == "__main__.py":  # python -m accord, python -m invoke
        path = path.parent
    return "accord" if path.name in ("", "-c") else path.name


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
        except TaskHelp:
            raise Exit(code=0) from None  # the help is printed already
        except ParseError as error:
            raise Exit(f"accord: {error}", code=EXIT_USAGE) from None

    def print_task_help(self, name: str) -> None:
        """invoke's per-task help, with the task's positional arguments in the usage line."""
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            super().print_task_help(name)
        text = out.getvalue()
        positional = [a.name.upper() for a in self.parser.contexts[name].positional_args if a.name]
        if positional:
            text = text.replace(
                f" {name} [--options] ", f" {name} [--options] {' '.join(positional)} ", 1
            )
        sys.stdout.write(text)


program = AccordProgram(namespace=ns, version=__version__, name="Accord", binary="accord")


def main() -> None:
    """Run ``accord TASK [flags]``."""
    try:
        program.run()
    except BrokenPipeError:
        quiet_broken_pipe()
