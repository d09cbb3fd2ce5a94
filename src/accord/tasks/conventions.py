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
- **Tasks are declared without importing invoke.** Importing invoke costs more CPU
  than the whole of ``accord status`` on a small repository, so this module's
  ``task`` and ``Collection`` record what invoke's would (the body and the
  decorator's options) and nothing more. ``to_invoke`` turns them into invoke's own
  objects (``AccordTask``, made on first use) for ``invoke TASK`` and for the
  ``accord`` script's full parser; ``accord.fastcli`` runs a well-formed command line
  straight from the records.

Both conventions live in the task objects (``AccordTask``), because ``invoke`` copies
the collection it loads from tasks.py into a plain Collection; every task is declared
with this module's ``task`` decorator.
"""

from __future__ import annotations

import contextlib
import io
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import invoke
    from invoke import Context
else:
    Context = Any  # what a task's first parameter receives (unused by Accord's tasks)

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


class Exit(SystemExit):
    """End the task with exit ``code`` (and ``message`` on stderr), under invoke or not.

    A SystemExit passes through invoke's Program untouched, so both runners exit alike.
    """

    def __init__(self, message: str | None = None, code: int = 1) -> None:
        if message:
            print(message, file=sys.stderr)
        super().__init__(code)


@dataclass
class TaskSpec:
    """One task: its body and the options of invoke's ``@task`` decorator."""

    body: Callable[..., Any]
    options: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.__doc__ = self.body.__doc__
        self.__name__ = getattr(self.body, "__name__", "task")
        self.__wrapped__ = self.body

    @property
    def name(self) -> str:
        """The task's name on the command line (``import_`` is ``import``)."""
        name: str = self.options.get("name") or self.__name__.strip("_")
        return name.replace("_", "-")

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self.body(*args, **kwargs)


def task(*args: Any, **options: Any) -> Any:
    """invoke's ``@task`` and ``@task(...)``, recorded for later (see module docstring)."""
    if len(args) == 1 and callable(args[0]) and not options:
        return TaskSpec(args[0])

    def decorate(body: Callable[..., Any]) -> TaskSpec:
        return TaskSpec(body, dict(options))

    return decorate


class Collection:
    """invoke's Collection of tasks and named sub-collections, recorded for later."""

    def __init__(self, *tasks: TaskSpec) -> None:
        self.tasks: list[TaskSpec] = list(tasks)
        self.collections: dict[str, Collection] = {}

    def add_task(self, spec: TaskSpec) -> None:
        """Add one task (invoke's ``add_task``)."""
        self.tasks.append(spec)

    def add_collection(self, collection: Collection, name: str) -> None:
        """Add a named sub-collection (invoke's ``add_collection``)."""
        self.collections[name] = collection

    def flat(self, prefix: str = "") -> dict[str, TaskSpec]:
        """Every task by its dotted command-line name (``review.approve``)."""
        found = {prefix + spec.name: spec for spec in self.tasks}
        for name, sub in self.collections.items():
            found.update(sub.flat(f"{prefix}{name}."))
        return found


def to_invoke(collection: Collection) -> invoke.Collection:
    """The same tasks as invoke's own Collection of ``AccordTask`` (imports invoke)."""
    import invoke  # noqa: PLC0415  (only when invoke runs: see the module docstring)

    klass = _invoke_classes()["AccordTask"]
    real = invoke.Collection()
    for spec in collection.tasks:
        real.add_task(invoke.task(klass=klass, **spec.options)(spec.body))
    for name, sub in collection.collections.items():
        real.add_collection(to_invoke(sub), name=name)
    return real


_CLASSES: dict[str, type] = {}


def _invoke_classes() -> dict[str, type]:
    """``TaskHelp``, ``PositionalArgument`` and ``AccordTask``: invoke's classes, extended."""
    if _CLASSES:
        return _CLASSES
    import invoke  # noqa: PLC0415  (see the module docstring)
    from invoke.exceptions import Exit as InvokeExit  # noqa: PLC0415
    from invoke.parser import Argument  # noqa: PLC0415

    class TaskHelp(InvokeExit):
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

    _CLASSES.update(TaskHelp=TaskHelp, PositionalArgument=PositionalArgument,
                    AccordTask=AccordTask)
    return _CLASSES


def __getattr__(name: str) -> Any:
    """``AccordTask``, ``TaskHelp`` and ``PositionalArgument``, made (importing invoke) on use."""
    if name in ("AccordTask", "TaskHelp", "PositionalArgument"):
        return _invoke_classes()[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def full_name(body: Any) -> str | None:
    """The dotted name (``review.approve``) of Accord's task whose function is ``body``.

    None for a task outside Accord's collection (a project's own task in tasks.py).
    """
    from accord.tasks import tasks  # noqa: PLC0415 (the collection imports the task modules)

    for name, spec in tasks.flat().items():
        if spec.body is body:
            return name
    return None


def help_text(name: str) -> str:
    """What ``accord --help NAME`` prints, naming the command as it was run."""
    from invoke.parser import Parser  # noqa: PLC0415

    from accord.cli import binary_name, invoke_program  # noqa: PLC0415 (cli imports tasks)
    from accord.tasks import ns as made  # noqa: PLC0415

    ns: Any = made
    program = invoke_program(binary_name())
    program.collection = ns
    program.parser = Parser(initial=program.initial_context, contexts=ns.to_contexts())
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        program.print_task_help(name)
    return out.getvalue().rstrip("\n")
