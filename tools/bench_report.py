"""Benchmark of ``accord report`` against translate-toolkit's ``pocount`` on the same PO files.

Usage::

    python tools/bench_report.py SITE [--locale de] [--repeat 3]

``SITE`` is a repository (for instance one made by ``tools/bench_scale.py --keep``).
Each round runs ``pocount`` over ``locales/<locale>/`` and ``accord report --locale
<locale>`` in fresh processes, interleaved, and compares their CPU time (user + sys
of the child processes: the machine may be shared, so wall clock says little). Each
report is a cold one: the record of the last run (``build/cache/runs/report.json``)
is removed first, or the run would replay it. Then
one ``accord report`` over every locale gives the peak RSS. pocount comes from
``pip install translate-toolkit``. ``--accord-src OLD/src`` measures another copy of
the package (an export of main) the same way, for a before/after figure.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path


def run(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> tuple[float, int]:
    """CPU seconds (user + sys) and peak RSS in bytes of one child process."""
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(process.pid, 0)
    stderr = process.stderr.read().decode("utf-8", "replace") if process.stderr else ""
    if process.stderr:
        process.stderr.close()
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):  # 1: findings, still a full report
        raise SystemExit(f"{' '.join(command)} failed ({code}):\n{stderr}")
    return usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024


def pocount_command() -> list[str]:
    """pocount beside this Python (a venv's bin/), else on PATH."""
    here = Path(sys.executable).parent / "pocount"
    found = str(here) if here.exists() else shutil.which("pocount")
    if not found:
        raise SystemExit("pocount not found: pip install translate-toolkit")
    return [found]


def cold(site: Path) -> None:
    """Forget the last report run, so the next one does the work instead of replaying it."""
    (site / "build" / "cache" / "runs" / "report.json").unlink(missing_ok=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--locale", default="de")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-memory", action="store_true", help="skip the all-locale run")
    parser.add_argument("--accord-src", type=Path,
                        help="run the accord package from this src/ folder (a 'before' copy)")
    args = parser.parse_args(argv)
    env = None
    if args.accord_src:
        env = dict(os.environ, PYTHONPATH=str(args.accord_src.resolve()))
    site = args.site.resolve()
    files = sorted((site / "locales" / args.locale).rglob("*.po"))
    accord = [sys.executable, "-m", "accord", "report"]
    pocount: list[float] = []
    report: list[float] = []
    for _ in range(args.repeat):
        pocount.append(run([*pocount_command(), f"locales/{args.locale}"], site)[0])
        cold(site)
        report.append(run([*accord, "--locale", args.locale], site, env)[0])
    best_pocount, best_report = min(pocount), min(report)
    print(f"PO files ({args.locale}):            {len(files)}")
    print(f"pocount CPU:                   {best_pocount:.2f} s")
    print(f"accord report --locale CPU:    {best_report:.2f} s")
    print(f"report / pocount:              {best_report / best_pocount:.2f}× (target ≤ 3×)")
    if not args.no_memory:
        cold(site)
        seconds, rss = run(accord, site, env)
        print(f"accord report (all locales):   {seconds:.2f} s CPU, "
              f"peak RSS {rss / 2**20:.0f} MiB (target ≤ 300 MiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
