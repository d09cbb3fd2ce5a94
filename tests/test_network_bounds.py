"""Every engine request is bounded in total: a server that trickles its answer cannot hold a run.

The servers here speak HTTP on 127.0.0.1 and drip their answer (status line or
body) a byte at a time; they stop on their own after a minute, so a regression
shows as a failed bound, not a hung test run.
"""

from __future__ import annotations

import socket
import socketserver
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from accord.config import load_config
from accord.mt.engines.retry import RetryPolicy
from accord.mt.worker import Job, Translator
from accord.steps.translate import plan_translation, run_translation
from accord.tasks.translate import project_glossary
from accord.workspace import discover_articles
from helpers import make_repo

DRIP = 0.2  # seconds between two bytes
GIVE_UP = 60.0  # the server stops dripping after this long
BOUND = 15.0  # a 1-second timeout must end the run long before the server gives up


class Trickler(socketserver.ThreadingTCPServer):
    """Answers every request by dripping ``answer`` one byte every DRIP seconds."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, answer: bytes):
        self.answer = answer
        self.requested = threading.Event()
        self.stop = threading.Event()
        super().__init__(("127.0.0.1", 0), _Handler)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/"


class _Handler(socketserver.BaseRequestHandler):
    def handle(self) -> None:
        server: Trickler = self.server  # type: ignore[assignment]
        self.request.settimeout(GIVE_UP)
        try:
            self.request.recv(65536)
        except OSError:
            return
        server.requested.set()
        started = time.monotonic()
        for index in range(len(server.answer)):
            if server.stop.is_set() or time.monotonic() - started > GIVE_UP:
                return
            try:
                self.request.sendall(server.answer[index : index + 1])
            except OSError:
                return  # the client gave up: what we want
            time.sleep(DRIP)


BODY = b'{"translatedText": "' + b"x" * 2000 + b'"}'
SLOW_BODY = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s" % (
    len(BODY), BODY)
SLOW_HEADERS = b"HTTP/1.1 200 OK\r\n" + b"X-Pad: " + b"y" * 2000 + b"\r\n\r\n"


@pytest.fixture(params=["body", "headers"])
def trickler(request: pytest.FixtureRequest) -> Iterator[Trickler]:
    server = Trickler(SLOW_BODY if request.param == "body" else SLOW_HEADERS)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.stop.set()
    server.shutdown()
    server.server_close()


def repo_for(root: Path, url: str, timeout: float = 1) -> None:
    make_repo(root, ["de"], {"story": "# One\n\nTwo.\n"})
    with (root / "pyproject.toml").open("a", encoding="utf-8") as handle:
        handle.write(f'[tool.accord.translate]\nengine = "libre"\n[tool.accord.engines.libre]\n'
                     f'url = "{url}"\ntimeout = {timeout}\nretries = 0\n')
    from accord.steps.sync import sync_project  # noqa: PLC0415

    sync_project(load_config(root), jobs=1)


def test_a_trickling_server_is_given_up_on_at_the_timeout(
    tmp_path: Path, trickler: Trickler
) -> None:
    """translate with timeout 1 s ends well within the bound; the segments fail, nothing stored."""
    repo_for(tmp_path, trickler.url)
    config = load_config(tmp_path)
    plan = plan_translation(config, ["de"], discover_articles(config))
    started = time.monotonic()
    summary = run_translation(config, plan, project_glossary(config), env={},
                              policy=RetryPolicy(sleep=lambda s: None))
    assert time.monotonic() - started < BOUND
    assert summary.failed == 2
    assert any("not all of it" in e or "is down" in e for e in summary.errors), summary.errors
    assert not summary.files_written


def test_cancel_ends_a_request_in_flight_at_once(tmp_path: Path) -> None:
    """Translator.cancel (Ctrl-C) abandons the request the server is dripping, within seconds."""
    server = Trickler(SLOW_BODY)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        repo_for(tmp_path, server.url, timeout=GIVE_UP)
        config = load_config(tmp_path)
        translator = Translator(config, project_glossary(config), RetryPolicy(), env={})
        job = Job(tmp_path / "x.po", "x.po", "de", "en", "libre", "Two.", None, 1)
        translator.prepare([job])
        outcome: list[object] = []
        worker = threading.Thread(target=lambda: outcome.append(translator.run(job)))
        worker.start()
        assert server.requested.wait(GIVE_UP)
        translator.cancel()
        worker.join(BOUND)
        assert not worker.is_alive()
        translator.close()
    finally:
        server.stop.set()
        server.shutdown()
        server.server_close()


def test_nothing_listens_is_still_quick(tmp_path: Path) -> None:
    """A refused connection fails at once, as before (the deadline adds no wait)."""
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    repo_for(tmp_path, f"http://127.0.0.1:{port}/")
    config = load_config(tmp_path)
    plan = plan_translation(config, ["de"], discover_articles(config))
    started = time.monotonic()
    summary = run_translation(config, plan, project_glossary(config), env={},
                              policy=RetryPolicy(sleep=lambda s: None))
    assert time.monotonic() - started < BOUND
    assert summary.failed == 2
