"""Command-line conventions every task follows, under ``accord`` and under ``invoke`` alike.

- **Short flags mean one thing everywhere.** invoke would give each flag the first
  free letter of its name, so ``-a`` meant ``--article`` in one task, ``--all-clean``
  or ``--approved-only`` in others. Here only the flags in ``SHORT_FLAGS`` have a
  short form, the same in every task; every other flag (among them the ones that
  change many files at once: ``--all-clean``, ``--fix``, ``--approved-only``) is
  spelt out.
- **``TASK --help`` works for tasks with positional arguments.** invoke's parser
  reads ``accord review.approve --help`` as the LOCALE argument, then complains that
  SLUG is missing. A positional argument here recognises ``--help``/``-h`` and ends
  the parse with the task's help (exit 0).

Both live in the task objects (``AccordTask``), because ``invoke`` copies the
collection it loads from tasks.py into a plain Collection; every task is declared
with this module's ``task`` decorator.
"""

from __future__ import annotations

import contextlib
import functools
import io
from typing import Any

import invoke
from invoke.exceptions import Exit
from invoke.parser import Argument, Parser

SHORT_FLAGS = {
    "locale": "l",
    "article": "a",
    "segment": "s",
    "format": "f",
    "output": "o",
    "engine": "e",
    "jobs": "j",
    "by": "b",
    "reason": "r",
}
HELP_TOKENS = frozenset({"--help", "-h"})


class TaskHelp(Exit):
    """``--help`` stood where a task expected a positional argument; the help is printed."""

    def __init__(self, task: str) -> None:
        super().__init__(code=0)
        self.task = task


class PositionalArgument(Argument):
    """A positional argument that takes ``--help``/``-h`` as a request for help."""

    def __init__(self, *args: Any, body: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The task's function, not the Task: invoke's parser deep-copies its arguments,
        # and a function is the one thing deepcopy leaves as it is.
        self.body = body

    def set_value(self, value: Any, cast: bool = True) -> None:
        name = full_name(self.body) if value in HELP_TOKENS else None
        if name is not None:
            # Printed here, not by the Program: plain ``invoke`` would put an Exit's
            # message on standard error.
            print(help_text(name))
            raise TaskHelp(name)
        super().set_value(value, cast=cast)


class AccordTask(invoke.Task):
    """An invoke Task with Accord's short flags and ``--help`` after positional arguments."""

    def get_arguments(self, ignore_unknown_help: bool | None = None) -> list[Argument]:
        arguments: list[Argument] = []
        for arg in super().get_arguments(ignore_unknown_help=ignore_unknown_help):
            long = arg.names[0]
            names = (long, SHORT_FLAGS[long]) if long in SHORT_FLAGS else (long,)
            options = {
                "names": names, "kind": arg.kind, "default": arg.default, "help": arg.help,
                "positional": arg.positional, "optional": arg.optional,
                "incrementable": arg.incrementable, "attr_name": arg.attr_name,
            }
            if arg.positional:
                arguments.append(PositionalArgument(body=self.body, **options))
            else:
                arguments.append(Argument(**options))
        return arguments


task = functools.partial(invoke.task, klass=AccordTask)


def full_name(body: Any) -> str | None:
    """The dotted name (``review.approve``) of Accord's task whose function is ``body``.

    None for a task outside Accord's collection (a project's own task in tasks.py).
    """
    from accord.tasks import ns  # noqa: PLC0415 (the collection imports the task modules)

    for name in ns.task_names:
        if ns[name].body is body:
            return str(name)
    return None


def help_text(name: str) -> str:
    """What ``accord --help NAME`` prints, naming the command as it was run."""
    from accord.cli import AccordProgram, binary_name  # noqa: PLC0415 (cli imports tasks)
    from accord.tasks import ns  # noqa: PLC0415

    program = AccordProgram(namespace=ns, binary=binary_name())
    program.collection = ns
    program.parser = Parser(initial=program.initial_context, contexts=ns.to_contexts())
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        program.print_task_help(name)
    return out.getvalue().rstrip("\n")
