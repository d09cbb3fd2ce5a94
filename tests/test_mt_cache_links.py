"""The MT cache under build/cache/ is never opened through a link (SQLite would write outside)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from servers import FakeProvider
from test_translate import write_repo
from test_translate_cli import finished

pytest_plugins = ["servers.fixtures"]


@pytest.mark.parametrize("name", ["mt-libre.sqlite", "mt-libre.sqlite-wal"])
def test_a_linked_cache_file_is_refused(tmp_path: Path, provider: FakeProvider, name: str) -> None:
    """A link at the cache (or its WAL file) to outside: a clear message, exit 2, nothing made."""
    repo = tmp_path / "repo"
    repo.mkdir()
    write_repo(repo, provider.url)
    cache = repo / "build" / "cache"
    cache.mkdir(parents=True, exist_ok=True)
    outside = tmp_path / "outside.sqlite"
    os.symlink(outside, cache / name)
    before = {p.name: p.read_bytes() for p in (repo / "locales" / "de").iterdir()}
    code, _, err = finished(repo, "translate", "--locale", "de")
    assert code == 2, err
    assert "Traceback" not in err
    assert f"accord: build/cache/{name}: cannot open the MT cache: is a symlink" in err
    assert not outside.exists()
    assert {p.name: p.read_bytes() for p in (repo / "locales" / "de").iterdir()} == before
