"""The browser for every browser test: headless Debian Chromium driven by playwright.

A browser test module imports the ``browser`` fixture from here (a plain module, not a
conftest: the tests import their shared paths from ``tests/conftest.py`` by name).

Needs Debian's chromium (/usr/bin/chromium, or ``ACCORD_CHROMIUM``) and the PyPI
``playwright`` package, whose bundled browsers are never downloaded. Without them the
tests are skipped on a workstation and fail when ``CI`` is set.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NoReturn

import pytest

__all__ = ["ARGS", "CHROMIUM", "browser", "unavailable"]

CHROMIUM = Path(os.environ.get("ACCORD_CHROMIUM", "/usr/bin/chromium"))
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]


def unavailable(reason: str) -> NoReturn:
    """Skip on a workstation; fail in CI, where a skipped browser test would hide a gap."""
    if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
        pytest.fail(f"browser tests cannot run in CI: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """A headless Debian Chromium driven by playwright."""
    try:
        from playwright.sync_api import sync_playwright  # noqa: PLC0415 - only browser tests
    except ImportError:
        unavailable("the playwright package is not installed")
    if not CHROMIUM.exists():
        unavailable(f"{CHROMIUM} does not exist (apt-get install chromium)")
    with sync_playwright() as driver:
        launched = driver.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield launched
        launched.close()
