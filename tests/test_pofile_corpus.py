"""Fidelity over a real corpus: Accord writes every file exactly as GNU msgcat writes it.

The corpus is the 481 PO files of the French Python documentation in
``../shared/corpus``; msgcat's output is computed once per test session, in a
temporary folder, by running the real ``msgcat``.
"""

from __future__ import annotations

import os
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from accord.catalog.pofile import format_po, parse_po, read_po
from conftest import CORPUS, needs_shared

CORPUS_FILES = sorted(CORPUS.rglob("*.po"))


@pytest.fixture(autouse=True)
def _corpus() -> None:
    needs_shared(CORPUS, "the 481 python-docs-fr PO files this fidelity test reads")


def _msgcat(path: Path) -> str:
    return subprocess.run(["msgcat", str(path)], capture_output=True, text=True, check=True).stdout


@pytest.fixture(scope="session")
def msgcat_outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[Path, str]:
    """msgcat's output for every corpus file, cached in a session temporary folder."""
    cache = tmp_path_factory.mktemp("msgcat")
    with ThreadPoolExecutor(max_workers=min(8, os.cpu_count() or 1)) as pool:
        outputs = dict(zip(CORPUS_FILES, pool.map(_msgcat, CORPUS_FILES), strict=True))
    for index, (path, text) in enumerate(outputs.items()):
        (cache / f"{index:03d}-{path.name}").write_text(text, encoding="utf-8")
    return outputs


def test_corpus_is_there() -> None:
    """The corpus holds the 481 files the fidelity test is about."""
    assert len(CORPUS_FILES) == 481


@pytest.mark.slow
def test_format_po_equals_msgcat_on_every_corpus_file(msgcat_outputs: dict[Path, str]) -> None:
    """format_po(parse_po(text)) is byte-identical to msgcat's output for 100 % of the files."""
    differ: list[str] = []
    unchanged = 0
    for path in CORPUS_FILES:
        text = path.read_text(encoding="utf-8")
        written = format_po(parse_po(text, str(path)))
        unchanged += written == text
        if written != msgcat_outputs[path]:
            differ.append(str(path.relative_to(CORPUS)))
    total = len(CORPUS_FILES)
    summary = (
        f"{total - len(differ)}/{total} files equal msgcat's output; "
        f"{unchanged}/{total} ({100 * unchanged / total:.1f} %) are byte-identical to the original"
    )
    print(summary)
    assert not differ, summary + "; different from msgcat:\n" + "\n".join(differ)


@pytest.mark.slow
def test_corpus_entry_count_matches_gettext() -> None:
    """The parser finds the 56,069 active entries ``msgfmt --statistics`` counts in the corpus."""
    entries = sum(len(read_po(path).messages()) for path in CORPUS_FILES)
    assert entries == 56069
