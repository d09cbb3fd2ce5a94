"""API keys are never printed, even when a provider's error body echoes them back."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from accord import redact
from accord.errors import TranslationError
from helpers import make_repo

LIBRE_KEY = "libre-key-7f3a9c2e41"
DEEPL_KEY = "deepl-key-0b8d6e5f27:fx"


class _Echo(BaseHTTPRequestHandler):
    """Refuses every request with 400, quoting the body and headers it received."""

    def _echo(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode("utf-8", "replace")
        said = json.dumps({"error": f"bad request {self.path} {body} {dict(self.headers)}"})
        self.send_response(400)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(said)))
        self.end_headers()
        self.wfile.write(said.encode())

    do_GET = do_POST = _echo

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def echo_url() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Echo)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("engine", ["libre", "deepl"])
def test_an_echoed_key_is_redacted_in_the_output(
    tmp_path: Path, echo_url: str, engine: str
) -> None:
    """translate against a server quoting the key back prints the failure without the key."""
    make_repo(tmp_path, ["de"], {"story": "# One\n\nTwo.\n"})
    with (tmp_path / "pyproject.toml").open("a", encoding="utf-8") as handle:
        handle.write(f'[tool.accord.translate]\nengine = "{engine}"\n'
                     f'[tool.accord.engines.{engine}]\nurl = "{echo_url}"\nretries = 0\n')
    env = dict(os.environ, LIBRE_API_KEY=LIBRE_KEY, DEEPL_AUTH_KEY=DEEPL_KEY,
               PYTHONIOENCODING="utf-8")
    run = [sys.executable, "-m", "accord"]
    subprocess.run([*run, "sync"], cwd=tmp_path, env=env, check=True, capture_output=True)
    result = subprocess.run([*run, "translate"], cwd=tmp_path, env=env, capture_output=True,
                            text=True, check=False)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "HTTP 400" in output or "deepl" in output, output
    assert LIBRE_KEY not in output
    assert DEEPL_KEY not in output
    assert DEEPL_KEY.split(":", maxsplit=1)[0] not in output


def test_a_registered_key_is_scrubbed_from_any_error() -> None:
    """An AccordError quoting a registered key shows [redacted] instead."""
    redact.register("registered-key-5566778899")
    error = TranslationError("server said: registered-key-5566778899 is not valid")
    assert "registered-key" not in str(error)
    assert redact.MASK in str(error)
