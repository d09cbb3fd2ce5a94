"""Malformed PO files: each file in tests/data/bad/ names the line and message it must fail with.

The first line of every file is ``# expect: LINE: FRAGMENT``; ``[gettext accepts]``
at its end marks the few inputs Accord refuses although GNU gettext reads them.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from accord.catalog.pofile import read_po
from accord.errors import CatalogError

BAD = Path(__file__).parent / "data" / "bad"
GETTEXT_ACCEPTS = "[gettext accepts]"


def expectation(path: Path) -> tuple[int, str, bool]:
    first = path.read_bytes().split(b"\n", 1)[0].decode("utf-8")
    assert first.startswith("# expect: "), f"{path.name} lacks its '# expect:' line"
    line, _, fragment = first[len("# expect: ") :].partition(": ")
    accepted = fragment.endswith(GETTEXT_ACCEPTS)
    return int(line), fragment.removesuffix(GETTEXT_ACCEPTS).strip(), accepted


def test_there_are_bad_files() -> None:
    """The folder walked below is not empty (a wrong path would make the test vacuous)."""
    assert len(sorted(BAD.glob("*.po"))) >= 20


@pytest.mark.parametrize("path", sorted(BAD.glob("*.po")), ids=lambda p: p.stem)
def test_bad_file_is_reported_with_path_and_line(path: Path) -> None:
    """read_po raises CatalogError whose text is ``path:line: message``."""
    line, fragment, gettext_accepts = expectation(path)
    with pytest.raises(CatalogError) as caught:
        read_po(path)
    error = caught.value
    assert error.line == line, str(error)
    assert error.path == str(path)
    assert str(error).startswith(f"{path}:{line}: "), str(error)
    assert fragment in error.message, str(error)
    if not gettext_accepts:
        rejected = subprocess.run(["msgcat", str(path)], capture_output=True, check=False)
        assert rejected.returncode != 0, f"GNU msgcat accepts {path.name}"
