"""QA of machine translation as a reviewer runs it: Ctrl-C while the engine says "later"."""

from __future__ import annotations

import signal
import subprocess
from pathlib import Path

import polib

from servers import FakeProvider, Fault
from test_translate import write_repo
from test_translate_cli import PATIENCE, accord, finished, wait_for

pytest_plugins = ["servers.fixtures"]


def untranslated(path: Path) -> int:
    return sum(1 for e in polib.pofile(str(path)) if not e.msgstr and not e.obsolete)


def test_ctrl_c_during_a_retry_after_wait_stops_at_once(
    tmp_path: Path, provider: FakeProvider
) -> None:
    """Ctrl-C while every worker waits out a long ``Retry-After`` ends the run (exit 130)
    instead of sleeping through the waits and retries; files stay whole and the next
    run finishes the job."""
    write_repo(tmp_path, provider.url)
    provider.faults.extend(Fault.status(429, retry_after=120) for _ in range(40))
    process = accord(tmp_path, "translate")
    wait_for(lambda: len(provider.translate_requests()) >= 4, "the first 429 answers")
    process.send_signal(signal.SIGINT)
    try:
        out, _ = process.communicate(timeout=PATIENCE)  # far less than one 120 s wait
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        raise AssertionError("translate kept waiting for Retry-After after Ctrl-C") from None
    assert process.returncode == 130
    assert "interrupted: finished segments are saved" in out
    for locale in ("de", "fr"):
        po = tmp_path / "locales" / locale / "treaty.po"
        subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(po)], check=True)

    provider.faults.clear()
    code, out, err = finished(tmp_path, "translate")
    assert code == 0, out + err
    for locale in ("de", "fr"):
        assert untranslated(tmp_path / "locales" / locale / "treaty.po") == 0
