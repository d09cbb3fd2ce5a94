"""Parse throughput of ``accord.catalog.pofile`` against polib on a folder of PO files.

Run ``python -m tools.bench_po [FOLDER] [--rounds N]``; FOLDER defaults to the
shared python-docs-fr corpus next to the repository.  Prints entries per second
for reading (both libraries) and for writing (Accord's gettext-canonical writer).
This is a measurement to read, not a test: it asserts nothing.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path

import polib

from accord.catalog.pofile import format_po, parse_po

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "python-docs-fr-3.13"


def _best_of(rounds: int, work: Callable[[], int]) -> tuple[float, int]:
    """The fastest of ``rounds`` runs of ``work`` in seconds, and what it counted."""
    best = float("inf")
    count = 0
    for _ in range(rounds):
        start = time.perf_counter()
        count = work()
        best = min(best, time.perf_counter() - start)
    return best, count


def run(folder: Path, rounds: int) -> list[str]:
    """The report lines for the PO files under ``folder``."""
    texts = [path.read_text(encoding="utf-8") for path in sorted(folder.rglob("*.po"))]
    if not texts:
        return [f"no PO files under {folder}"]

    def accord_parse() -> int:
        return sum(len(parse_po(text).entries) for text in texts)

    def polib_parse() -> int:
        # polib lists obsolete entries too but keeps the header apart: count it back in.
        return sum(len(polib.pofile(text)) + 1 for text in texts)

    catalogs = [parse_po(text) for text in texts]

    def accord_format() -> int:
        for catalog in catalogs:
            format_po(catalog)
        return sum(len(catalog.entries) for catalog in catalogs)

    lines = [f"{len(texts)} files, {sum(len(t) for t in texts) / 1e6:.1f} M characters"]
    for name, work in (
        ("accord parse_po", accord_parse),
        ("polib pofile", polib_parse),
        ("accord format_po", accord_format),
    ):
        seconds, entries = _best_of(rounds, work)
        rate = entries / seconds
        lines.append(f"{name:18} {entries:7d} entries {seconds:6.2f} s {rate:9.0f} entries/s")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.bench_po", description=__doc__)
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--rounds", type=int, default=3, help="runs per measurement (best kept)")
    options = parser.parse_args(argv)
    for line in run(options.folder, options.rounds):
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
