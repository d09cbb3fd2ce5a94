"""The ``accord`` console script: the same tasks as ``invoke`` in the repository.

A well-formed command runs straight from the task records (``accord.fastcli``);
anything else goes to invoke's Program, imported only then.
"""

from __future__ import annotations

import contextlib
import io
import sys
from pathlib import Path
from typing import Any

from accord import __version__
from accord.fastcli import Call, plan
from accord.tasks._common import EXIT_USAGE, quiet_broken_pipe


def binary_name() -> str:
    """The command as it was run (``accord``, ``invoke``), for help texts."""
    path = Path(sys.argv[0]) if sys.argv and sys.argv[0] else Path()
    if path.name == "__main__.py":  # python -m accord, python -m invoke
        path = path.parent
    return "accord" if path.name in ("", "-c") else path.name


def invoke_program(binary: str = "accord") -> Any:
    """invoke's Program over Accord's tasks, with bad usage exiting 2 as DESIGN.md §9 says."""
    from invoke import Program  # noqa: PLC0415  (see the module docstring)
    from invoke.exceptions import Exit, ParseError  # noqa: PLC0415

    from accord.tasks import ns  # noqa: PLC0415
    from accord.tasks.conventions import TaskHelp  # noqa: PLC0415

    class AccordProgram(Program):
        """invoke's Program, with bad usage (unknown task or flag) exiting 2."""

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
            positional = [a.name.upper() for a in self.parser.contexts[name].positional_args
                          if a.name]
            if positional:
                text = text.replace(
                    f" {name} [--options] ", f" {name} [--options] {' '.join(positional)} ", 1
                )
            sys.stdout.write(text)

    return AccordProgram(namespace=ns, version=__version__, name="Accord", binary=binary)


def main(argv: list[str] | None = None) -> None:
    """Run ``accord TASK [flags]``."""
    from accord.tasks import tasks  # noqa: PLC0415  (keeps `import accord.cli` cheap for tests)

    words = sys.argv[1:] if argv is None else argv
    try:
        action = plan(words, tasks, __version__)
        if action is None:
            invoke_program().run(["accord", *words])
        elif isinstance(action, Call):
            try:
                action.spec.body(None, **action.kwargs)
            except KeyboardInterrupt:
                sys.exit(1)  # as invoke's Program does
        else:
            sys.stdout.write(action.text)
            sys.stdout.flush()
    except BrokenPipeError:
        quiet_broken_pipe()
