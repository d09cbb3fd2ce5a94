"""An engine's 4xx answers become clear Accord errors, not deep-translator's guesses."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from accord.config import EngineSettings
from accord.errors import TranslationError
from accord.mt.engines import make_engine


class NotHere(BaseHTTPRequestHandler):
    """Answers every request with 404 and a short text, as a server at the wrong path does."""

    def do_POST(self) -> None:
        self.send_response(404)
        self.send_header("Content-Type", "text/plain")
        self.end_headers()
        self.wfile.write(b"no such endpoint")

    do_GET = do_POST

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def wrong_url() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), NotHere)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("name", ["libre", "google", "mymemory"])
def test_404_names_status_server_and_setting(wrong_url: str, name: str) -> None:
    """A 404 says HTTP 404, what the server said, and where to look."""
    engine = make_engine(EngineSettings(name=name, url=wrong_url, retries=0), env={})
    with pytest.raises(TranslationError) as caught:
        engine.translate("Hallo Welt", "de", "ru")
    message = str(caught.value)
    assert "HTTP 404 from http://127.0.0.1:" in message
    assert "no such endpoint" in message
    assert "check the engine's url setting" in message
