"""Shared fixtures: paths to the shared corpus and conformance data, a scratch repository."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpus" / "python-docs-fr-3.13"
# Vendored from ../shared/conformance (licences in its README), so a clone alone runs it.
CONFORMANCE = Path(__file__).resolve().parent / "data" / "conformance"


def needs_shared(path: Path, what: str) -> None:
    """Skip a test whose ``../shared`` data is missing, with one clear reason; under CI,
    which always has ``../shared``, fail instead, so a skip never hides a gap there."""
    if path.exists():
        return
    reason = f"needs ../shared/{path.relative_to(SHARED)}: {what}"
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (missing under CI)", pytrace=False)
    pytest.skip(reason)


GETTEXT_TOOLS = frozenset({"msgfmt", "msgcat", "msgmerge", "msgattrib", "msgconv", "msginit",
                           "msguniq", "msgen", "msggrep"})


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> object:
    """A test that runs GNU gettext's tools on a machine without them is skipped with the
    reason (gettext needs root to install); under CI, which installs it, it fails."""
    try:
        return (yield)
    except FileNotFoundError as error:
        if error.filename in GETTEXT_TOOLS and not os.environ.get("CI"):
            pytest.skip(f"needs GNU gettext ({error.filename}): "
                        "apt-get install gettext, as root")
        raise


@pytest.fixture
def repo_root() -> Path:
    """The Accord repository itself (its own articles, glossary and locales)."""
    return REPO
