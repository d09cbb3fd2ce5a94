"""The accord script's quick path reads a command line exactly as invoke's parser does."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from tests.helpers import make_repo

from accord import __version__
from accord.cli import invoke_program
from accord.config import load_config
from accord.fastcli import Call, Show, core_help, plan
from accord.steps.sync import sync_project
from accord.tasks import tasks


def prepared(argv: list[str]) -> Any:
    """invoke's Program with its configuration, core flags and collection read, as run() does."""
    program = invoke_program()
    program.create_config()
    program.parse_core(["accord", *argv])
    program.parse_collection()
    return program


def invoke_kwargs(argv: list[str]) -> tuple[str, dict[str, object]]:
    """The task name and keyword arguments invoke's own parser makes of ``argv``."""
    program = prepared(argv)
    program.parse_tasks()
    (context,) = program.tasks
    return context.name, context.as_kwargs


@pytest.mark.parametrize("argv", [
    ["sync"],
    ["sync", "--locale", "de", "-l", "fr,es", "--article=corridor", "--jobs", "3"],
    ["check", "--format", "json", "--fix", "-a", "x"],
    ["status", "--format=json", "--segment", "abc"],
    ["report", "--fail-on", "error", "-l", "de"],
    ["review.approve", "de", "corridor", "--segment", "a1", "-s", "b2", "--all-clean"],
    ["review.reject", "de", "corridor", "--segment", "a", "-r", "why"],
    ["translate", "--dry-run", "--engine", "libre"],
    ["build", "--approved-only"],
    ["glossary.export", "--format", "csv", "-o", "out.csv"],
    ["glossary.import", "terms.tbx"],
])
def test_same_arguments_as_invoke(argv: list[str]) -> None:
    """Every well-formed command line gives the task the arguments invoke would give it."""
    action = plan(argv, tasks, __version__)
    assert isinstance(action, Call)
    name, kwargs = invoke_kwargs(argv)
    assert action.spec.name == name.split(".")[-1]
    assert action.kwargs == kwargs


@pytest.mark.parametrize("argv", [
    [], ["sync", "--bogus"], ["nosuchtask"], ["review.approve"], ["sync", "--help"],
    ["sync", "build"], ["--list"], ["-d", "sync"], ["sync", "--jobs"], ["sync", "-l"],
    ["review.approve", "de", "corridor", "extra"], ["sync", "--jobs", "1", "-j", "2"],
])
def test_anything_else_goes_to_invoke(argv: list[str]) -> None:
    """A typo, a core option, a missing value or several tasks are left to invoke's parser."""
    assert plan(argv, tasks, __version__) is None


@pytest.mark.parametrize("width", [80, 100, 132])
def test_help_as_invoke_prints_it(
    width: int, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """``accord --help`` prints what invoke's Program prints, at any terminal width."""
    import invoke.program  # noqa: PLC0415

    monkeypatch.setattr(invoke.program, "pty_size", lambda: (width, 24))
    prepared(["--help"]).print_help()
    assert core_help(tasks, width) == capsys.readouterr().out


def test_version() -> None:
    """``accord --version`` names the program and its version, as invoke's does."""
    assert plan(["--version"], tasks, __version__) == Show(f"Accord {__version__}\n")


@pytest.mark.parametrize("args", [["--help"], ["status"], ["sync"]])
def test_small_commands_import_no_heavy_library(tmp_path: Path, args: list[str]) -> None:
    """--help, status and a no-op sync load neither invoke nor the parsers, engines or jinja2."""
    repo = make_repo(tmp_path / "repo")
    sync_project(load_config(repo))
    probe = (
        "import sys\nfrom accord.cli import main\nsys.argv = ['accord', *sys.argv[1:]]\n"
        "try:\n    main()\nfinally:\n"
        "    heavy = ['invoke', 'markdown_it', 'jinja2', 'deepl', 'deep_translator',\n"
        "             'ahocorasick', 'rapidfuzz', 'filelock', 'tqdm', 'requests', 'yaml']\n"
        "    print('LOADED', [m for m in heavy if m in sys.modules], file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", probe, *args], cwd=repo, capture_output=True,
                          text=True, check=True)
    assert "LOADED []" in done.stderr
