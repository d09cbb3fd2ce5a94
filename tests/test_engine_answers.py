"""Garbage engine answers (null, empty, wrong type, absurdly long, placeholders lost) are failures.

They are reported or retried, never stored in a PO file and never cached, so a
healthy re-run repairs them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from servers import FakeProvider
from test_translate import entries, run, write_repo

pytest_plugins = ["servers.fixtures"]

SENTENCE = "The alliance is strong, said Araghchi."


@pytest.fixture
def repo(tmp_path: Path, provider: FakeProvider) -> Path:
    write_repo(tmp_path, provider.url)
    return tmp_path


@pytest.mark.parametrize(
    ("answer", "said"),
    [
        (lambda text: None, "answered no text (null)"),
        (lambda text: text * 30, "not a translation"),
    ],
    ids=["null", "thirty-times-longer"],
)
def test_garbage_is_a_failure_and_is_not_cached(
    repo: Path, provider: FakeProvider, answer: object, said: str
) -> None:
    """Nothing is stored; the reason is reported; a healthy re-run sends and stores them."""
    provider.mangle = lambda text, target: answer(text)  # type: ignore[operator]
    summary = run(repo)
    assert summary.failed == 6
    assert summary.sent == 0
    assert said in "\n".join(summary.errors)
    assert not entries(repo, "de")[SENTENCE].msgstr
    provider.mangle = None
    again = run(repo)
    assert (again.sent, again.from_cache, again.failed) == (6, 0, 0)
    assert entries(repo, "de")[SENTENCE].msgstr


def test_lost_placeholders_are_not_cached(repo: Path, provider: FakeProvider) -> None:
    """An answer that lost its placeholders is never cached: the plain text is asked for."""
    provider.mangle = lambda text, target: text.replace("ph0@x.zz", "")
    summary = run(repo)
    assert summary.failed == 0
    assert "Araghtschi" in entries(repo, "de")[SENTENCE].msgstr
