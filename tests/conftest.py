"""Shared fixtures: paths to the shared corpus and conformance data, a scratch repository."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
# A worktree under /work/wt/<name> finds the shared data through ACCORD_SHARED.
SHARED = Path(os.environ.get("ACCORD_SHARED") or REPO.parent / "shared")
CORPUS = SHARED / "corpus" / "python-docs-fr-3.13"
CONFORMANCE = SHARED / "conformance"


@pytest.fixture
def repo_root() -> Path:
    """The Accord repository itself (its own articles, glossary and locales)."""
    return REPO
