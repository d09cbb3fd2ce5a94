"""Serve the workbench with uvicorn on a socket bound before the server starts.

The socket is bound and listening before uvicorn runs, so its port (``--port 0``
picks a free one) is known to the application's Host check, and a browser or a
test may connect at once: the connection waits in the listen queue until uvicorn
accepts it. Nothing polls or sleeps to find out whether the server is up.
"""

from __future__ import annotations

import contextlib
import ipaddress
import socket
import threading
import webbrowser
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from accord.config import Config
from accord.errors import ConfigError
from accord.serve.app import create_app


@dataclass(frozen=True)
class Served:
    """A running workbench: where to reach it and the CSRF token its forms carry."""

    url: str
    host: str
    port: int
    csrf: str


def bind(host: str, port: int) -> socket.socket:
    """A listening TCP socket on ``host``:``port``; ConfigError for a wildcard or busy address."""
    if host in {"", "0.0.0.0", "::", "*"}:
        raise ConfigError(f"--host {host!r}: name one address (127.0.0.1 by default); a "
                          "wildcard would serve every network this machine is on")
    if not 0 <= port <= 65535:
        raise ConfigError(f"--port {port}: expected 0 (any free port) to 65535")
    try:
        family = socket.AF_INET6 if ipaddress.ip_address(host).version == 6 else socket.AF_INET
    except ValueError:
        family = socket.AF_INET  # a name such as localhost
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(128)
    except OSError as error:
        sock.close()
        raise ConfigError(f"cannot listen on {host}:{port}: {error.strerror}") from None
    return sock


def is_loopback(host: str) -> bool:
    """True for 127.0.0.1, ::1 and localhost."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _server(config: Config, sock: socket.socket, host: str, csrf: str | None) -> Any:
    import uvicorn  # noqa: PLC0415 - only `accord serve` loads the server

    port = sock.getsockname()[1]
    app = create_app(config, host, port, csrf)
    settings = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off",
                              server_header=False, timeout_graceful_shutdown=5)
    return uvicorn.Server(settings)


def url_of(host: str, port: int) -> str:
    """``http://host:port/`` (IPv6 addresses in brackets)."""
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/"


def serve_forever(config: Config, host: str, port: int, open_browser: bool) -> None:
    """Serve until Ctrl-C, printing the address (and opening it in a browser if asked)."""
    sock = bind(host, port)
    actual = sock.getsockname()[1]
    server = _server(config, sock, host, None)
    url = url_of(host, actual)
    print(f"Accord workbench for {config.root}: {url}  (Ctrl-C stops it)", flush=True)
    if not is_loopback(host):
        print(f"accord: warning: {host} is not a loopback address; anyone who can reach it "
              "can change your PO files", flush=True)
    if open_browser:
        webbrowser.open(url)  # the socket already listens: the browser's request waits
    # uvicorn stops on Ctrl-C, then raises it again: a stop asked for is no failure
    with sock, contextlib.suppress(KeyboardInterrupt):
        server.run(sockets=[sock])
    print("Accord workbench stopped", flush=True)


@contextlib.contextmanager
def serving(config: Config, host: str = "127.0.0.1", port: int = 0,
            csrf: str | None = None) -> Iterator[Served]:
    """Run the workbench in a thread for the ``with`` block; it is always shut down."""
    import secrets  # noqa: PLC0415

    token = csrf or secrets.token_urlsafe(32)
    sock = bind(host, port)
    actual = sock.getsockname()[1]
    server = _server(config, sock, host, token)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]},
                              name="accord-serve", daemon=True)
    thread.start()
    try:
        yield Served(url_of(host, actual), host, actual, token)
    finally:
        server.should_exit = True
        thread.join()
        sock.close()
