"""Reader and writer throughput of ``accord.catalog.pofile`` against polib on a folder of PO files.

Run ``python -m tools.bench_po [FOLDER] [--rounds N]``; FOLDER defaults to the
shared python-docs-fr corpus next to the repository (481 files).  Measures, by
this process's CPU time (user + system; the development machine is shared), best
of ``--rounds`` runs interleaved:

- reading: ``parse_po`` against ``polib.pofile`` on the same texts;
- writing: ``format_po`` (gettext-canonical: byte for byte what ``msgcat`` writes)
  against polib's writer (``str(polib.pofile(...))``, what ``save`` writes) on the
  same catalogs, each parsed once beforehand by its own library.

Prints entries per second and each of Accord's costs as a ratio to polib's
(target for the writer: ≤ 1.00, at least as fast as polib).  This is a
measurement to read, not a test: it asserts nothing.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path

import polib

from accord.catalog.pofile import format_po, parse_po

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "python-docs-fr-3.13"


def _cpu(work: Callable[[], int]) -> tuple[float, int]:
    """CPU seconds of one run of ``work``, and what it counted."""
    start = time.process_time()
    count = work()
    return time.process_time() - start, count


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
    polib_files = [polib.pofile(text) for text in texts]

    def accord_format() -> int:
        for catalog in catalogs:
            format_po(catalog)
        return sum(len(catalog.entries) for catalog in catalogs)

    def polib_format() -> int:
        for po in polib_files:
            str(po)
        return sum(len(po) + 1 for po in polib_files)

    pairs = (("read", accord_parse, polib_parse), ("write", accord_format, polib_format))
    best: dict[tuple[str, str], tuple[float, int]] = {}
    for _ in range(rounds):
        for what, ours, theirs in pairs:
            for name, work in (("accord", ours), ("polib", theirs)):
                seconds, entries = _cpu(work)
                if (what, name) not in best or seconds < best[what, name][0]:
                    best[what, name] = (seconds, entries)
    lines = [f"{len(texts)} files, {sum(len(t) for t in texts) / 1e6:.1f} M characters "
             f"(CPU time, best of {rounds})"]
    for what, _ours, _theirs in pairs:
        for name in ("accord", "polib"):
            seconds, entries = best[what, name]
            lines.append(f"{what:5} {name:6} {entries:7d} entries {seconds:6.2f} s CPU "
                         f"{entries / seconds:9.0f} entries/s")
        ratio = best[what, "accord"][0] / best[what, "polib"][0]
        lines.append(f"{what:5} accord / polib (CPU): {ratio:.2f}x")
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
