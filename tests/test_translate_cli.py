"""The translate task as users run it: exit codes, summary, Ctrl-C and kill -9 mid-run."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import polib
import pytest

from servers import FakeProvider
from test_translate import ENTRIES, HEADER, write_repo

pytest_plugins = ["servers.fixtures"]

PATIENCE = 60.0  # seconds: an upper bound for waiting on events, never a measurement


def accord(root: Path, *args: str) -> subprocess.Popen[str]:
    """Start ``accord ARGS`` in ``root`` (not a TTY: no progress bar)."""
    env = {k: v for k, v in os.environ.items() if not k.endswith("_API_KEY")}
    return subprocess.Popen(
        [sys.executable, "-m", "accord", *args], cwd=root, env=env, text=True,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )


def finished(root: Path, *args: str) -> tuple[int, str, str]:
    process = accord(root, *args)
    out, err = process.communicate(timeout=PATIENCE)
    return process.returncode, out, err


def many_segments(root: Path, count: int) -> None:
    """Give the de and fr PO files ``count`` extra untranslated entries each."""
    extra = "".join(f'\nmsgid "Hello world number {n}."\nmsgstr ""\n' for n in range(count))
    for locale in ("de", "fr"):
        (root / "locales" / locale / "treaty.po").write_text(
            HEADER.format(locale=locale) + ENTRIES + extra, encoding="utf-8")


def filled(path: Path) -> int:
    """Translated entries in ``path``; parsing must succeed at every moment."""
    return sum(1 for e in polib.pofile(str(path)) if e.msgstr and not e.obsolete)


def wait_for(condition, what: str) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + PATIENCE
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"gave up waiting for {what}")
        time.sleep(0.02)


def test_task_prints_summary_and_exits_zero(tmp_path: Path, provider: FakeProvider) -> None:
    """``accord translate`` fills the repository and prints the counts; no bar off a TTY."""
    write_repo(tmp_path, provider.url)
    code, out, err = finished(tmp_path, "translate", "--locale", "de")
    assert code == 0, err
    assert "sent to engine: 3 segment(s) in 3 request(s)" in out
    assert "from cache: 0" in out
    assert "from TM: 0" in out
    assert "failed: 0" in out
    assert "glossary fixes applied: 1" in out
    assert "translate:" not in err  # tqdm stays quiet when stderr is not a terminal
    code, out, _ = finished(tmp_path, "translate")
    assert code == 0
    assert "sent to engine: 3 segment(s) in 3 request(s)" in out  # only fr was left


def test_progress_bar_on_a_terminal(tmp_path: Path, provider: FakeProvider) -> None:
    """With stderr on a terminal, tqdm draws a bar that reaches every segment."""
    write_repo(tmp_path, provider.url)
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
    process = subprocess.Popen([sys.executable, "-m", "accord", "translate"], cwd=tmp_path,
                               stdout=subprocess.DEVNULL, stderr=slave)
    process.wait(timeout=PATIENCE)
    os.close(slave)
    drawn = b""
    while select.select([master], [], [], 0.2)[0]:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the terminal's other side is closed and drained
            break
        if not chunk:
            break
        drawn += chunk
    os.close(master)
    assert process.returncode == 0
    assert b"translate: 100%" in drawn
    assert b"6/6" in drawn


def test_task_usage_errors_exit_two(tmp_path: Path, provider: FakeProvider) -> None:
    """An unknown engine or article is a message and exit code 2, not a traceback."""
    write_repo(tmp_path, provider.url)
    code, _, err = finished(tmp_path, "translate", "--engine", "babelfish")
    assert code == 2
    assert "unknown engine 'babelfish'" in err
    code, _, err = finished(tmp_path, "translate", "--article", "nope")
    assert (code, "nope" in err) == (2, True)
    code, _, err = finished(tmp_path, "translate", "--engine", "deepl")
    assert code == 2
    assert "$DEEPL_AUTH_KEY" in err


def test_task_exits_one_when_the_engine_is_down(tmp_path: Path, dead_url: str) -> None:
    """A run against a dead engine ends with a clear summary and exit code 1."""
    write_repo(tmp_path, dead_url)
    (tmp_path / "pyproject.toml").write_text(
        (tmp_path / "pyproject.toml").read_text().replace("retries = 3", "retries = 0"))
    code, out, _ = finished(tmp_path, "translate")
    assert code == 1
    assert "failed: 6" in out
    assert "engine libre is down (cannot connect to" in out


def test_kill_9_mid_run_leaves_whole_files_and_the_next_run_finishes(
    tmp_path: Path, provider: FakeProvider
) -> None:
    """SIGKILL while requests are in flight: every PO file parses; a re-run completes the job."""
    write_repo(tmp_path, provider.url)
    many_segments(tmp_path, 40)
    provider.latency = 0.2
    po = tmp_path / "locales" / "de" / "treaty.po"
    before = filled(po)
    process = accord(tmp_path, "translate")
    wait_for(lambda: filled(po) >= before + 4, "some finished segments on disk")
    process.send_signal(signal.SIGKILL)
    process.communicate(timeout=PATIENCE)
    assert process.returncode == -signal.SIGKILL
    for path in sorted((tmp_path / "locales").rglob("*.po")):
        subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)], check=True)
    kept = filled(po) + filled(tmp_path / "locales" / "fr" / "treaty.po")
    total = 2 * (1 + 3 + 40)  # the person's entry, three new ones, forty more per locale
    assert kept < total

    provider.latency = 0.0
    asked_before = len(provider.translate_requests())
    code, out, err = finished(tmp_path, "translate")
    assert code == 0, out + err
    assert filled(po) + filled(tmp_path / "locales" / "fr" / "treaty.po") == total
    # Nothing finished before the kill is asked again (in-flight requests may be).
    assert len(provider.translate_requests()) - asked_before <= total - kept


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_ctrl_c_keeps_finished_segments(
    tmp_path: Path, provider: FakeProvider, signum: int
) -> None:
    """SIGINT or SIGTERM stops the run with exit code 130 and a summary; work is saved."""
    write_repo(tmp_path, provider.url)
    many_segments(tmp_path, 40)
    provider.latency = 0.2
    po = tmp_path / "locales" / "de" / "treaty.po"
    before = filled(po)
    process = accord(tmp_path, "translate")
    wait_for(lambda: filled(po) >= before + 2, "some finished segments on disk")
    process.send_signal(signum)
    out, _ = process.communicate(timeout=PATIENCE)
    assert process.returncode == 130
    assert "interrupted: finished segments are saved" in out
    assert filled(po) >= before + 2
    subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(po)], check=True)
