"""The benchmark command runs end to end on a tiny site (its figures are not checked)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_bench_prints_every_figure_with_its_baseline() -> None:
    """python -m tools.bench on a 3-article site prints each figure beside its baseline."""
    pytest.importorskip("mdpo")
    pytest.importorskip("translate")
    done = subprocess.run([sys.executable, "-m", "tools.bench", "--sizes", "3", "--no-hot"],
                          cwd=REPO, capture_output=True, text=True, check=False, timeout=600)
    assert done.returncode == 0, done.stderr
    for figure, baseline in (("accord --help", "python3 -c pass"), ("no-op sync", "msgmerge"),
                             ("report --locale de", "pocount"), ("build", "mdpo po2md"),
                             ("1 % of the articles", "sync, cache removed")):
        row = next(line for line in done.stdout.splitlines() if figure in line)
        assert baseline in row
    assert "machine:" in done.stdout
