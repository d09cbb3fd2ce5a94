"""One benchmark for issue 15: every figure as a ratio to its baseline, measured in the same run.

    python -m tools.bench                      # 200 and 1,000 articles × 5 locales
    python -m tools.bench --big 5000           # and peak memory at 5,000 articles × 5 locales
    python -m tools.bench --sizes 20 --no-hot  # a quick run (the smoke test uses this)

Every task runs as a user runs it, ``python -m accord TASK`` in a fresh process, and
is measured by its CPU time (user + system, worker processes included) and peak
RSS: on a shared machine CPU time is what the task itself costs. Baselines, in the
same run on the same files: ``python3 -c pass`` (start-up), a loop of ``msgmerge``
(no-op sync), a sync with the cache removed (1 % sync), translate-toolkit's
``pocount`` (report), mdpo's ``po2md`` (build), raw ``pyahocorasick`` (glossary
matcher) and polib (PO writer). Prints a table; nothing is asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from tools.bench_scale import (
    edit_articles,
    edit_translations,
    translate_everything,
)
from tools.bench_scale import (
    make_site as scale_site,
)

LOCALES = ["de", "fr", "es", "ru", "fa"]
DEFAULT_CORPUS = Path("/work/shared/corpus/python-docs-fr-3.13")
PROBE = """
import atexit, json, resource, sys
def report():
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    sys.stderr.write("\\nBENCH " + json.dumps({
        "cpu": me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime,
        "rss": max(me.ru_maxrss, kids.ru_maxrss) * 1024}) + "\\n")
atexit.register(report)
sys.argv = ["accord", *sys.argv[1:]]
from accord.cli import main
main()
"""


@dataclass(frozen=True)
class Run:
    """CPU seconds and peak RSS (bytes; 0 when not measured) of one measured command."""

    cpu: float
    rss: int = 0


@dataclass
class Table:
    """Rows: figure, value, baseline, ratio, target, peak RSS."""

    rows: list[tuple[str, ...]] = field(default_factory=list)

    def add(self, name: str, run: Run, base: Run | None = None, *, faster: bool = True,
            target: str = "", base_name: str = "") -> None:
        if base is None:
            ratio = ""
        elif faster:
            ratio = f"{base.cpu / run.cpu:.1f}× faster" if run.cpu else "∞"
        else:
            ratio = f"{run.cpu / base.cpu:.2f}× its cost" if base.cpu else "∞"
        row = (name, cpu_text(run.cpu), f"{base_name} {cpu_text(base.cpu)}" if base else "",
               ratio, target, f"{run.rss / 2**20:.0f} MiB" if run.rss else "")
        self.rows.append(row)
        print("  " + " | ".join(c for c in row if c), file=sys.stderr, flush=True)

    def render(self) -> str:
        head = ("figure", "CPU", "baseline (CPU)", "ratio", "target", "peak RSS")
        rows = [head, *self.rows]
        widths = [max(len(r[i]) for r in rows) for i in range(len(head))]
        lines = ["| " + " | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) + " |"
                 for r in rows]
        lines.insert(1, "|" + "|".join("-" * (w + 2) for w in widths) + "|")
        return "\n".join(lines)


def tool(name: str) -> str | None:
    """A command on PATH or beside this Python (a venv's ``bin/``), else None."""
    beside = Path(sys.executable).parent / name
    return shutil.which(name) or (str(beside) if beside.is_file() else None)


def cpu_text(seconds: float) -> str:
    return f"{seconds:.2f} s" if seconds >= 1 else f"{seconds * 1000:.0f} ms"


def children_cpu() -> float:
    import resource  # noqa: PLC0415  (POSIX; the benchmark is POSIX only)

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def measure(command: Sequence[str], cwd: Path, repeat: int = 1) -> Run:
    """The fastest of ``repeat`` runs of ``command`` by CPU time (and its peak RSS if probed)."""
    best = Run(float("inf"))
    for _ in range(repeat):
        before = children_cpu()
        done = subprocess.run(list(command), cwd=cwd, capture_output=True, text=True, check=False)
        spent = children_cpu() - before
        if done.returncode not in (0, 1):
            raise SystemExit(f"{' '.join(command)} failed ({done.returncode}):\n{done.stderr}")
        rss = 0
        for line in done.stderr.splitlines():
            if line.startswith("BENCH "):
                rss = int(json.loads(line[6:])["rss"])
        if spent < best.cpu:
            best = Run(spent, rss)
    return best


def accord(root: Path, *args: str, repeat: int = 1) -> Run:
    return measure([sys.executable, "-c", PROBE, *args], root, repeat)


def loop(action: Callable[[], None]) -> Run:
    """CPU time of ``action`` (its own process and the children it waited for)."""
    before = time.process_time() + children_cpu()
    action()
    return Run(time.process_time() + children_cpu() - before)


# ----------------------------------------------------------------------------- sites
def make_site(root: Path, articles: int, seed: int = 1) -> None:
    """``articles`` synthetic English articles, 5 target locales, a 1,000-concept glossary."""
    scale_site(root, articles, seed, LOCALES)


def write_templates(root: Path, folder: Path) -> None:
    """One POT per article, as an xgettext-style pipeline hands them to msgmerge."""
    from tools.bench_scale import pot_text  # noqa: PLC0415

    from accord.config import load_config  # noqa: PLC0415
    from accord.source.segment import parse_article  # noqa: PLC0415
    from accord.source.template import template_entries  # noqa: PLC0415
    from accord.workspace import discover_articles  # noqa: PLC0415

    config = load_config(root)
    folder.mkdir()
    for article in discover_articles(config):
        relative = config.relative(article.path)
        parsed = parse_article(article.path.read_text(encoding="utf-8"), relative)
        entries = template_entries(parsed.segments, relative, config.porefs)
        (folder / f"{article.slug}.pot").write_text(pot_text(entries), encoding="utf-8")


PO2MD = """
import sys
from pathlib import Path
from mdpo.po2md import pofile_to_markdown
root, out = Path(sys.argv[1]), Path(sys.argv[2])
for po in sorted((root / "locales").rglob("*.po")):
    md = root / "sources" / "en" / (po.stem + ".md")
    target = out / po.parent.name / (po.stem + ".md")
    target.parent.mkdir(parents=True, exist_ok=True)
    pofile_to_markdown(str(md), str(po), save=str(target))
"""


def compiled() -> None:
    """Accord's bytecode written, as an install has it (PYTHONDONTWRITEBYTECODE would
    otherwise make every start-up compile the modules again)."""
    import compileall  # noqa: PLC0415

    import accord  # noqa: PLC0415

    compileall.compile_dir(str(Path(accord.__file__).parent), quiet=2)


def bench_startup(table: Table, scratch: Path) -> None:
    compiled()
    root = scratch / "tiny"
    make_site(root, 2)
    (root / "glossary" / "synthetic.yaml").unlink()
    accord(root, "sync")
    base = measure([sys.executable, "-c", "pass"], root, repeat=7)
    for args in (["--help"], ["status"], ["sync"]):
        run = accord(root, *args, repeat=7)
        table.add(f"start-up: accord {' '.join(args)} (2 articles)", run, base, faster=False,
                  target="≤ 10×", base_name="python3 -c pass")


def bench_site(table: Table, scratch: Path, articles: int, *, baselines: bool) -> None:
    """Sync, check and report figures at one size (with ``baselines``, also the msgmerge
    loop and the build against po2md)."""
    root = scratch / f"site-{articles}"
    make_site(root, articles)
    tag = f"{articles}×{len(LOCALES)}"
    cold = accord(root, "sync")
    table.add(f"[{tag}] cold sync (no PO file yet)", cold)
    translate_everything(root)
    accord(root, "sync")
    noop = accord(root, "sync", repeat=3)
    po_files = sorted((root / "locales").rglob("*.po"))
    if baselines:
        pots = scratch / f"pots-{articles}"
        write_templates(root, pots)
        out = scratch / "out.po"

        def msgmerge_loop() -> None:
            for path in po_files:
                subprocess.run(["msgmerge", "--previous", "--quiet", "-o", str(out), str(path),
                                str(pots / f"{path.stem}.pot")], check=True)

        table.add(f"[{tag}] no-op sync", noop, loop(msgmerge_loop), target="≥ 50×",
                  base_name=f"msgmerge ×{len(po_files)}")
    else:
        table.add(f"[{tag}] no-op sync", noop)
    edit_articles(root, 0.01, 1)
    incremental, full = edited_sync(root, scratch / f"snapshot-{articles}")
    goal = "≥ 10×" if articles < 1000 else "≥ 20×"
    table.add(f"[{tag}] sync after editing 1 % of the articles", incremental, full,
              target=goal, base_name="sync, cache removed")
    check = accord(root, "check")
    table.add(f"[{tag}] check", check)
    table.add(f"[{tag}] check, nothing changed", accord(root, "check"), check,
              target="close to free", base_name="full check")
    edited = edit_translations(root, 0.01, 1)
    table.add(f"[{tag}] check after translators edited 1 % of the PO files ({edited})",
              accord(root, "check"), check, base_name="full check")
    bench_report(table, root, tag)  # pocount is cheap: the figure is at 1,000
    if not baselines:
        return
    shutil.rmtree(root / "build" / "site", ignore_errors=True)
    build = accord(root, "build")
    po2md = measure([sys.executable, "-c", PO2MD, str(root), str(scratch / "po2md")], root)
    table.add(f"[{tag}] build", build, po2md, faster=False, target="≤ 2×",
              base_name=f"mdpo po2md ×{len(po_files)}")
    rebuild = accord(root, "build")
    table.add(f"[{tag}] build, nothing changed", rebuild, build, base_name="full build")


def edited_sync(root: Path, snapshot: Path, rounds: int = 3) -> tuple[Run, Run]:
    """Sync after an edit, with its cache and with the cache removed: the fastest of
    ``rounds`` runs of each, taken in turns, each from a copy of the same edited site
    (one run of each swung the ratio by ±15 % with this machine's speed); ``root``
    is left synced."""
    runs: tuple[list[Run], list[Run]] = ([], [])
    for _ in range(rounds):
        for cached, kept in zip((True, False), runs, strict=True):
            shutil.copytree(root, snapshot)
            if not cached:
                shutil.rmtree(snapshot / "build" / "cache")
            kept.append(accord(snapshot, "sync"))
            shutil.rmtree(snapshot)
    accord(root, "sync")
    return min(runs[0], key=lambda r: r.cpu), min(runs[1], key=lambda r: r.cpu)


def bench_report(table: Table, root: Path, tag: str) -> None:
    """``report --locale de`` against pocount: after check, unchanged, after edits, cold."""
    de_files = [str(p) for p in sorted((root / "locales" / "de").glob("*.po"))]
    # The main job's order: the report takes the findings check just left. The fastest
    # of three, the checked site put back between them (at its own path: the caches'
    # keys name the repository's folder), each round after a pocount of its own, so
    # that a slower spell of the machine weighs on both alike.
    checked = root.with_name(root.name + "-checked")
    shutil.copytree(root, checked)
    rounds, counts = [], []
    for round_ in range(3):
        if round_:
            shutil.rmtree(root)
            shutil.copytree(checked, root)
        counts.append(measure([tool("pocount") or "pocount", *de_files], root))
        rounds.append(accord(root, "report", "--locale", "de"))
    shutil.rmtree(checked)
    pocount = min(counts, key=lambda r: r.cpu)
    report = min(rounds, key=lambda r: r.cpu)
    table.add(f"[{tag}] report --locale de, after check", report, pocount, faster=False,
              target="≤ 3×", base_name="pocount")
    again = accord(root, "report", "--locale", "de")
    table.add(f"[{tag}] report --locale de, nothing changed", again, report, target="close to free",
              base_name="full report")
    edited = edit_translations(root, 0.01, 2)
    table.add(f"[{tag}] report --locale de after translators edited 1 % of the PO files "
              f"({edited})", accord(root, "report", "--locale", "de"), report,
              base_name="report after check")
    for cache in ("runs", "check.sqlite", "report.sqlite"):
        path = root / "build" / "cache" / cache
        shutil.rmtree(path) if path.is_dir() else path.unlink()
    table.add(f"[{tag}] report --locale de, cold (its caches removed)", accord(
        root, "report", "--locale", "de"), pocount, faster=False, base_name="pocount")


def bench_big(table: Table, scratch: Path, articles: int, tasks: Sequence[str]) -> None:
    """Peak memory of every task (or of ``tasks``) at newsroom scale."""
    root = scratch / f"big-{articles}"
    make_site(root, articles)
    tag = f"{articles}×{len(LOCALES)}"
    table.add(f"[{tag}] cold sync", accord(root, "sync"), target="≤ 300 MiB")
    translate_everything(root)
    table.add(f"[{tag}] sync after translators edited every file", accord(root, "sync"),
              target="≤ 300 MiB")
    table.add(f"[{tag}] no-op sync", accord(root, "sync"), target="≤ 300 MiB")
    for name in ("check", "report", "build"):
        if name in tasks:
            table.add(f"[{tag}] {name}", accord(root, name), target="≤ 300 MiB")


# ------------------------------------------------------------------------- hot loops
def bench_hot(table: Table, corpus: Path) -> None:
    """The glossary matcher against raw pyahocorasick; the PO writer against polib."""
    import ahocorasick  # noqa: PLC0415
    import polib  # noqa: PLC0415
    from tools.bench_glossary import generate_glossary, load_msgids  # noqa: PLC0415

    from accord.catalog.pofile import format_po, parse_po  # noqa: PLC0415

    msgids = load_msgids(corpus)
    glossary = generate_glossary(msgids, 5000)
    matcher = glossary.matcher("en")
    automaton = ahocorasick.Automaton()
    for concept in glossary.concepts:
        for form in concept.terms.get("en", ()):
            automaton.add_word(form.lower(), form)
    automaton.make_automaton()
    lowered = [m.lower() for m in msgids]

    def ours() -> None:
        for text in msgids:
            matcher.find(text)

    def raw() -> None:
        for text in lowered:
            for _ in automaton.iter(text):
                pass

    matched, scanned = interleaved(9, ours, raw)
    table.add(f"glossary matcher, {len(msgids):,} msgids, 5,000 concepts",
              matched, scanned, faster=False, target="≤ 2× (≥ 0.5 of raw)",
              base_name="raw pyahocorasick")
    paths = sorted(corpus.rglob("*.po"))
    texts = [p.read_text(encoding="utf-8") for p in paths]
    catalogs = [parse_po(t) for t in texts]
    polibs = [polib.pofile(t) for t in texts]
    table.add(f"PO writer, {len(paths)} corpus files", best_of(3, lambda: [
        format_po(c) for c in catalogs]), best_of(3, lambda: [str(p) for p in polibs]),
        faster=False, target="≤ 1×", base_name="polib")
    table.add(f"PO reader, {len(paths)} corpus files", best_of(3, lambda: [
        parse_po(t) for t in texts]), best_of(3, lambda: [polib.pofile(t) for t in texts]),
        faster=False, base_name="polib")


def interleaved(rounds: int, first: Callable[[], object],
                second: Callable[[], object]) -> tuple[Run, Run]:
    """The fastest of ``rounds`` runs of each, taken in turns: a slower spell of the
    machine (seen here: ±15 % from one second to the next) weighs on both alike."""
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(rounds):
        for action, spent in zip((first, second), times, strict=True):
            start = time.process_time()
            action()
            spent.append(time.process_time() - start)
    return Run(min(times[0])), Run(min(times[1]))


def best_of(rounds: int, action: Callable[[], object]) -> Run:
    best = float("inf")
    for _ in range(rounds):
        start = time.process_time()
        action()
        best = min(best, time.process_time() - start)
    return Run(best)


def machine() -> str:
    load = os.getloadavg()
    return (f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
            f"Python {platform.python_version()}, {platform.system()} {platform.release()}; "
            f"load average at the start {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--sizes", default="200,1000",
                        help="articles per synthetic site, comma-separated (default 200,1000); "
                             "the first also gets the msgmerge, pocount and po2md baselines")
    parser.add_argument("--big", type=int, default=0,
                        help="also measure peak memory of every task at this many articles")
    parser.add_argument("--big-tasks", default="sync,check,report,build",
                        help="which tasks --big measures besides sync (comma-separated)")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--no-hot", action="store_true", help="skip matcher and PO writer")
    parser.add_argument("--keep", action="store_true", help="keep the generated sites")
    args = parser.parse_args(argv)
    for name in ("msgmerge", "pocount"):
        if tool(name) is None:
            print(f"{name} is needed (gettext; pip install translate-toolkit)", file=sys.stderr)
            return 2
    started = machine()
    print(f"machine: {started}", file=sys.stderr)
    table = Table()
    scratch = Path(tempfile.mkdtemp(prefix="accord-bench-"))
    try:
        bench_startup(table, scratch)
        for n, size in enumerate(int(s) for s in args.sizes.split(",") if s.strip()):
            bench_site(table, scratch, size, baselines=n == 0)
        if args.big:
            bench_big(table, scratch, args.big, args.big_tasks.split(","))
        if not args.no_hot and args.corpus.is_dir():
            bench_hot(table, args.corpus)
    finally:
        if args.keep:
            print(f"sites kept in {scratch}", file=sys.stderr)
        else:
            shutil.rmtree(scratch, ignore_errors=True)
    print(f"machine: {started}")
    print(table.render())
    return 0


if __name__ == "__main__":
    sys.exit(main())
