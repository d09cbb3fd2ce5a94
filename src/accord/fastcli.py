"""The ``accord`` script's quick path: a well-formed command runs without importing invoke.

``plan(argv, tasks)`` reads the command line the way invoke's parser does for the
forms people type (``accord --help``, ``accord --version``, one task with its
flags and positional arguments) and returns what to do; for anything else (a typo,
a core option, several tasks, ``TASK --help``) it returns None and ``accord.cli``
hands the line to invoke's own Program, which prints invoke's messages.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from accord.tasks.conventions import SHORT_FLAGS, Collection, TaskSpec

# invoke 2.x's core options as its ``--help`` lists them (tests compare with invoke's own).
CORE_OPTIONS: tuple[tuple[str, str], ...] = (
    ("--complete", "Print tab-completion candidates for given parse remainder."),
    ("--hide=STRING", "Set default value of run()'s 'hide' kwarg."),
    ("--print-completion-script=STRING",
     "Print the tab-completion script for your preferred shell (bash|zsh|fish)."),
    ("--prompt-for-sudo-password",
     "Prompt user at start of session for the sudo.password config value."),
    ("--write-pyc", "Enable creation of .pyc files."),
    ("-d, --debug", "Enable debug output."),
    ("-D INT, --list-depth=INT", "When listing tasks, only show the first INT levels."),
    ("-e, --echo", "Echo executed commands before running."),
    ("-f STRING, --config=STRING", "Runtime configuration file to use."),
    ("-F STRING, --list-format=STRING",
     "Change the display format used when listing tasks. Should be one of: flat (default), "
     "nested, json."),
    ("-h [STRING], --help[=STRING]", "Show core or per-task help and exit."),
    ("-l [STRING], --list[=STRING]", "List available tasks, optionally limited to a namespace."),
    ("-p, --pty", "Use a pty when executing shell commands."),
    ("-R, --dry", "Echo commands instead of running."),
    ("-T INT, --command-timeout=INT",
     "Specify a global command execution timeout, in seconds."),
    ("-V, --version", "Show version and exit."),
    ("-w, --warn-only", "Warn, instead of failing, when shell commands fail."),
)
LEADING_INDENT = "  "
COLUMN_PADDING = 3


@dataclass(frozen=True)
class Flag:
    """One task parameter as invoke's parser sees it."""

    attr: str  # the Python parameter name
    names: tuple[str, ...]  # long name first, then the short flag if any
    kind: type
    default: Any
    positional: bool


@dataclass(frozen=True)
class Call:
    """Run ``spec`` with these keyword arguments."""

    spec: TaskSpec
    kwargs: dict[str, Any]


@dataclass(frozen=True)
class Show:
    """Print this text and exit 0."""

    text: str


EMPTY = object()  # a parameter without a default


def parameters(body: Callable[..., Any]) -> list[tuple[str, Any]]:
    """The function's parameters and defaults (``EMPTY`` if none), decorators unwrapped.

    What ``inspect.signature`` gives, without importing inspect (a start-up cost).
    """
    while hasattr(body, "__wrapped__"):
        body = body.__wrapped__
    code = body.__code__
    names = code.co_varnames[: code.co_argcount + code.co_kwonlyargcount]
    defaults = body.__defaults__ or ()
    first_default = code.co_argcount - len(defaults)
    keyword = body.__kwdefaults__ or {}
    out = []
    for index, name in enumerate(names):
        if index < code.co_argcount:
            default = defaults[index - first_default] if index >= first_default else EMPTY
        else:
            default = keyword.get(name, EMPTY)
        out.append((name, default))
    return out


@dataclass(frozen=True)
class _Parameter:
    name: str
    default: Any


def flags_of(spec: TaskSpec) -> list[Flag]:
    """The task's parameters with invoke's names, short flags, kinds and defaults."""
    parameters_ = [_Parameter(n, d) for n, d in parameters(spec.body)[1:]]  # not the context
    positional = spec.options.get("positional")
    if positional is None:
        positional = [p.name for p in parameters_ if p.default is EMPTY]
    iterable = set(spec.options.get("iterable") or [])
    flags = []
    for parameter in parameters_:
        name = parameter.name.replace("_", "-")
        # Accord's convention (accord.tasks.conventions): only SHORT_FLAGS have a short form.
        names = [name, SHORT_FLAGS[name]] if name in SHORT_FLAGS else [name]
        default = parameter.default
        if parameter.name in iterable:
            kind: type = list
            default = default if default is not None else []
        elif default is not None and default is not EMPTY:
            kind = type(default)
        else:
            kind = str
        flags.append(Flag(parameter.name, tuple(names), kind, default,
                          parameter.name in positional))
    return flags


def plan(argv: Sequence[str], tasks: Collection, version: str) -> Call | Show | None:
    """What the command line asks for, or None when invoke's own parser should read it."""
    if list(argv) in (["--help"], ["-h"]):
        return Show(core_help(tasks))
    if list(argv) in (["--version"], ["-V"]):
        return Show(f"Accord {version}\n")
    if not argv:
        return None
    spec = tasks.flat().get(argv[0])
    if spec is None or spec.options.get("optional") or spec.options.get("incrementable"):
        return None
    kwargs = _parse(flags_of(spec), list(argv[1:]))
    return None if kwargs is None else Call(spec, kwargs)


def _parse(flags: list[Flag], words: list[str]) -> dict[str, Any] | None:
    by_name = {f"--{flag.names[0]}": flag for flag in flags}
    by_name.update({f"-{short}": flag for flag in flags for short in flag.names[1:]})
    values: dict[str, Any] = {}
    waiting = [f for f in flags if f.positional]
    at = 0
    while at < len(words):
        word = words[at]
        at += 1
        if not word.startswith("-"):
            if not waiting or waiting[0].attr in values:
                return None  # another task, too many arguments, a value twice: invoke decides
            values[waiting.pop(0).attr] = word
            continue
        flag = by_name.get(word.partition("=")[0])
        if flag is None or word in ("-h", "--help"):
            return None
        taken = _flag_value(flag, word, words[at] if at < len(words) else None)
        if taken is None:
            return None
        value, used = taken
        at += used
        if flag.kind is list:
            values.setdefault(flag.attr, []).append(value)
        elif flag.attr in values:
            return None  # given twice: invoke's parser decides what that means
        else:
            values[flag.attr] = value
        if flag in waiting:
            waiting.remove(flag)
    if waiting:
        return None  # a required positional argument is missing: invoke says so
    for flag in flags:
        values.setdefault(flag.attr, list(flag.default) if flag.kind is list else flag.default)
    return values


def _flag_value(flag: Flag, word: str, following: str | None) -> tuple[Any, int] | None:
    """The flag's value and how many following words it took; None if unsure."""
    _, equals, value = word.partition("=")
    if flag.kind is bool:
        if equals or flag.default:  # --no-FLAG and values of bools: invoke's rules
            return None
        return True, 0
    used = 0
    if not equals:
        if following is None or following.startswith("-"):
            return None
        value, used = following, 1
    converted = _convert(flag, value)
    return None if converted is None else (converted, used)


def _convert(flag: Flag, value: str) -> Any:
    if flag.kind is int:
        try:
            return int(value)
        except ValueError:
            return None
    if flag.kind in (str, list):
        return value
    return None  # a kind the quick path does not know (float, …): invoke's parser decides


def core_help(tasks: Collection, width: int | None = None) -> str:
    """``accord --help`` as invoke's Program prints it: core options, then every task."""
    columns = width or _terminal_width()
    lines = ["Usage: accord [--core-opts] <subcommand> [--subcommand-opts] ...", "",
             "Core options:", ""]
    lines += _columns(CORE_OPTIONS, columns)
    lines += ["Subcommands:", ""]
    lines += _columns(_task_lines(tasks), columns)
    return "\n".join(lines) + "\n"


def _task_lines(tasks: Collection, prefix: str = "") -> list[tuple[str, str]]:
    pairs = [(prefix + spec.name, _helpline(spec.body)) for spec in
             sorted(tasks.tasks, key=lambda s: s.name)]
    for name, sub in sorted(tasks.collections.items()):
        pairs += _task_lines(sub, f"{prefix}{name}.")
    return pairs


def _helpline(body: Callable[..., Any]) -> str:
    doc = body.__doc__
    if not doc or not doc.strip():
        return ""
    return doc.lstrip().splitlines()[0]


def _columns(pairs: Sequence[tuple[str, str]], columns: int) -> list[str]:
    """invoke's ``print_columns``: names padded to one width, help wrapped beside them."""
    name_width = max(len(name) for name, _ in pairs)
    wrapper = textwrap.TextWrapper(
        width=columns - name_width - len(LEADING_INDENT) - COLUMN_PADDING - 1
    )
    lines = []
    for name, help_text in pairs:
        spec = LEADING_INDENT + name.ljust(name_width) + " " * COLUMN_PADDING
        chunks = wrapper.wrap(help_text)
        if not chunks:
            lines.append(spec.rstrip())
            continue
        lines.append(spec + chunks[0])
        lines += [" " * len(spec) + chunk for chunk in chunks[1:]]
    lines.append("")
    return lines


def _terminal_width() -> int:
    """invoke's ``pty_size()[0]``: the width of the terminal on stdout, else 80."""
    import struct  # noqa: PLC0415  (only for --help)
    import sys  # noqa: PLC0415

    try:
        import fcntl  # noqa: PLC0415  (POSIX only)
        import termios  # noqa: PLC0415

        result = fcntl.ioctl(sys.stdout, termios.TIOCGWINSZ, struct.pack("HHHH", 0, 0, 0, 0))
        _, cols, *_ = struct.unpack("HHHH", result)
    except (ImportError, struct.error, TypeError, OSError, AttributeError):
        return 80
    return cols or 80
