"""CLI conventions: help for every task, one meaning per short flag, any folder, quiet pipes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from tests.helpers import ARTICLE, accord, make_repo

from accord.tasks import ns
from accord.tasks.conventions import SHORT_FLAGS, AccordTask

TASKS = sorted(ns.task_names)
POSITIONAL = ("review.approve", "review.reject", "glossary.import")


def run_in(folder: Path, *command: str) -> subprocess.CompletedProcess[str]:
    """Run ``command`` (a Python module and its arguments) in ``folder``."""
    env = dict(os.environ, PYTHONIOENCODING="utf-8", COLUMNS="100")
    return subprocess.run([sys.executable, "-m", *command], cwd=folder, capture_output=True,
                          text=True, env=env, check=False)


def test_every_task_is_an_accord_task() -> None:
    """Every task is declared with accord.tasks.conventions.task, so the conventions apply."""
    plain = [name for name in TASKS if not isinstance(ns[name], AccordTask)]
    assert plain == [], "declare these with accord.tasks.conventions.task"


@pytest.mark.parametrize("name", TASKS)
def test_task_help_exits_0(tmp_path: Path, name: str) -> None:
    """``accord TASK --help`` prints that task's help and exits 0, even outside a repository."""
    result = accord(tmp_path, name, "--help")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"Usage: accord [--core-opts] {name} ")
    assert result.stderr == ""


@pytest.mark.parametrize(("name", "args"), [
    ("review.approve", ["-h"]),
    ("review.approve", ["de", "--help"]),
    ("review.reject", ["--segment", "abc", "--help"]),
    ("glossary.import", ["-h"]),
])
def test_help_after_or_instead_of_positional_arguments(
    tmp_path: Path, name: str, args: list[str]
) -> None:
    """--help or -h where a positional argument is expected shows the help, not a usage error."""
    result = accord(tmp_path, name, *args)
    assert result.returncode == 0, result.stderr
    assert f"{name} [--options] " in result.stdout
    assert "Docstring:" in result.stdout


def test_usage_line_names_positional_arguments(tmp_path: Path) -> None:
    """The help of a task with positional arguments names them in its usage line."""
    approve = accord(tmp_path, "review.approve", "-h").stdout
    assert "review.approve [--options] LOCALE SLUG" in approve
    assert "glossary.import [--options] FILE" in accord(tmp_path, "glossary.import", "-h").stdout


def test_invoke_task_help_exits_0(tmp_path: Path) -> None:
    """Under invoke too, ``invoke review.approve --help`` shows the task's help and exits 0."""
    root = make_repo(tmp_path)
    (root / "tasks.py").write_text("from accord.tasks import ns\n", encoding="utf-8")
    result = run_in(root, "invoke", "review.approve", "--help")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Usage: invoke [--core-opts] review.approve [--options] LOCALE")
    assert result.stderr == ""


def short_flags() -> dict[str, set[str]]:
    """Every short flag of every task → the long flags it stands for."""
    meanings: dict[str, set[str]] = {}
    for context in ns.to_contexts():
        for arg in context.args.values():
            for short in arg.nicknames:
                meanings.setdefault(short, set()).add(arg.name)
    return meanings


def test_a_short_flag_means_one_thing_in_every_task() -> None:
    """Each short flag stands for the same long flag in every task: the documented table."""
    meanings = short_flags()
    assert all(len(longs) == 1 for longs in meanings.values()), meanings
    assert {short: longs.pop() for short, longs in meanings.items()} == {
        short: long for long, short in SHORT_FLAGS.items() if short in meanings
    }


def test_flags_that_change_many_files_have_no_short_form() -> None:
    """--all-clean, --approved-only and --fix must be typed out; -a is --article everywhere."""
    for context in ns.to_contexts():
        for arg in context.args.values():
            if arg.name in ("all-clean", "approved-only", "fix", "dry-run", "fail-on"):
                assert arg.nicknames == (), (context.name, arg.name)
    assert short_flags()["a"] == {"article"}


def synced(tmp_path: Path) -> Path:
    root = make_repo(tmp_path)
    assert accord(root, "sync").returncode == 0
    return root


def test_status_from_a_subfolder_is_the_same_as_from_the_root(tmp_path: Path) -> None:
    """``cd locales/fr && accord status`` finds the repository as git would, and agrees."""
    root = synced(tmp_path)
    at_root = accord(root, "status")
    inside = accord(root / "locales" / "fr", "status")
    assert inside.returncode == 0, inside.stderr
    assert inside.stdout == at_root.stdout
    assert "fr (French)" in inside.stdout


def test_sync_from_a_source_folder_writes_at_the_root(tmp_path: Path) -> None:
    """A writing task run in sources/en/ writes locales/… at the repository root."""
    root = make_repo(tmp_path)
    result = accord(root / "sources" / "en", "sync")
    assert result.returncode == 0, result.stderr
    assert "wrote locales/fr/corridor.po" in result.stdout
    assert (root / "locales" / "fr" / "corridor.po").is_file()
    assert not (root / "sources" / "en" / "locales").exists()


def test_repository_without_settings_is_found_by_its_sources_folder(tmp_path: Path) -> None:
    """With no pyproject.toml at all, the folder holding sources/ is the repository."""
    (tmp_path / "sources" / "en").mkdir(parents=True)
    (tmp_path / "sources" / "en" / "a.md").write_text(ARTICLE.format(slug="a"), "utf-8")
    (tmp_path / "locales" / "de").mkdir(parents=True)
    result = accord(tmp_path / "locales" / "de", "sync")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "locales" / "de" / "a.po").is_file()


def test_nested_project_without_accord_settings_is_walked_past(tmp_path: Path) -> None:
    """A pyproject.toml without [tool.accord] deeper down does not hide the repository."""
    root = synced(tmp_path)
    inner = root / "tools" / "helper"
    inner.mkdir(parents=True)
    (inner / "pyproject.toml").write_text("[project]\nname = 'helper'\n", encoding="utf-8")
    result = accord(inner, "status")
    assert result.returncode == 0, result.stderr
    assert "corridor" in result.stdout


def test_outside_a_repository_says_so_in_one_line(tmp_path: Path) -> None:
    """Outside any repository a task exits 2 with one line naming the folder, no traceback."""
    result = accord(tmp_path, "status")
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("accord: not inside an Accord repository")
    assert str(tmp_path) in lines[0]


def test_invoke_from_a_subfolder(tmp_path: Path) -> None:
    """``invoke status`` in locales/fr uses the repository's tasks.py and its root."""
    root = synced(tmp_path)
    (root / "tasks.py").write_text("from accord.tasks import ns\n", encoding="utf-8")
    result = run_in(root / "locales" / "fr", "invoke", "status")
    assert result.returncode == 0, result.stderr
    assert result.stdout == accord(root, "status").stdout


def big_repo(tmp_path: Path) -> Path:
    """A synced repository whose ``status --format json`` is far larger than a pipe's buffer."""
    body = "\n\n".join(
        f"Paragraph {n} says that Russia and Iran signed another agreement on freight."
        for n in range(900)
    )
    article = ARTICLE.format(slug="long") + "\n" + body + "\n"
    root = make_repo(tmp_path, articles={"long": article})
    assert accord(root, "sync").returncode == 0
    return root


def test_output_piped_into_head_ends_quietly(tmp_path: Path) -> None:
    """``accord status --format json | head -c 10`` prints 10 bytes and no traceback."""
    root = big_repo(tmp_path)
    status = accord(root, "status", "--format", "json")
    assert len(status.stdout.encode()) > 8 * 65536  # many times a pipe buffer (64 KiB)
    err = tmp_path / "stderr.txt"
    pipeline = f'"{sys.executable}" -m accord status --format json 2>"{err}" | head -c 10'
    done = subprocess.run(["sh", "-c", pipeline], cwd=root, capture_output=True, check=False,
                          env=dict(os.environ, PYTHONIOENCODING="utf-8"))
    assert done.stdout == b'{\n  "local'
    assert err.read_text(encoding="utf-8") == ""


def test_reader_closing_early_gives_sigpipe_status(tmp_path: Path) -> None:
    """When the reader goes away the task exits 141 (as if ended by SIGPIPE), silently."""
    root = big_repo(tmp_path)
    with subprocess.Popen([sys.executable, "-m", "accord", "status", "--format", "json"],
                          cwd=root, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as child:
        assert child.stdout is not None
        assert child.stderr is not None
        assert child.stdout.read(10) == b'{\n  "local'
        child.stdout.close()
        stderr = child.stderr.read()
        code = child.wait()
    assert stderr == b""
    assert code == 141
