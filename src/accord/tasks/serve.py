"""Task ``serve``: the reviewer's workbench in a browser, writing the PO files."""

from __future__ import annotations

from accord.errors import ConfigError
from accord.tasks._common import project, reports_errors
from accord.tasks.conventions import Context, task

DEFAULT_PORT = 8765


@task(help={
    "host": "address to listen on (default 127.0.0.1; a wildcard such as 0.0.0.0 is refused)",
    "port": f"port (default {DEFAULT_PORT}; 0 picks a free one)",
    "open": "open the workbench in the default web browser",
})
@reports_errors
def serve(c: Context, host: str = "127.0.0.1", port: int = DEFAULT_PORT,
          open: bool = False) -> None:
    """The reviewer's workbench in a browser: review, edit, approve and reject segments."""
    try:
        number = int(port)
    except (TypeError, ValueError):
        raise ConfigError(f"--port: expected a whole number, not {port!r}") from None
    config = project()
    # Starlette and uvicorn load only here: every other task starts without them.
    from accord.serve.server import serve_forever  # noqa: PLC0415

    serve_forever(config, host, number, bool(open))
