"""The accord console script: same tasks as invoke, bad usage exits 2."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.helpers import accord, make_repo


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["sync", "--bogus"], "No idea what '--bogus' is!"),
        (["nosuchtask"], "No idea what 'nosuchtask' is!"),
        (["review.approve"], "did not receive required positional arguments"),
    ],
)
def test_bad_usage_exits_2(tmp_path: Path, args: list[str], message: str) -> None:
    """An unknown task or flag, or a missing argument, is a usage error (exit 2)."""
    result = accord(make_repo(tmp_path), *args)
    assert result.returncode == 2
    assert message in result.stderr


def test_lists_the_contract_tasks(tmp_path: Path) -> None:
    """accord --list shows every task of DESIGN.md §9."""
    listing = accord(make_repo(tmp_path), "--list").stdout
    for name in ("sync", "translate", "check", "report", "status", "review.approve",
                 "review.reject", "build", "glossary.validate", "glossary.export",
                 "glossary.import"):
        assert f"  {name} " in listing
