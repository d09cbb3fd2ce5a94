"""Pytest fixtures for the fake providers: ``pytest_plugins = ["servers.fixtures"]``."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from servers import FakeProvider, free_port_url


@pytest.fixture
def provider() -> Iterator[FakeProvider]:
    """A running fake provider on 127.0.0.1; stopped after the test."""
    running = FakeProvider().start()
    try:
        yield running
    finally:
        running.stop()


@pytest.fixture
def dead_url() -> str:
    """A URL where connections are refused."""
    return free_port_url()
