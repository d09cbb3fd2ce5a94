"""Build and segmentation benchmark: ``python -m tools.bench_build`` prints figures (not a test).

(a) build: a synthetic site (tools/bench_scale.py's articles, N articles × 5 locales,
    every entry pseudo-translated) is built by ``accord build`` in a fresh process,
    and the same articles × locales are translated by mdpo's ``po2md``
    (``pofile_to_markdown``, in one process, one call per article × locale) in the
    same run. Prints both CPU times (user + sys), their ratio (target ≤ 2×) and the
    build's peak RSS (target ≤ 300 MiB at 5,000 articles).
(b) segmentation: articles per second of ``parse_article`` over the same sources
    (or ``--sources DIR``, e.g. a real site's content folder), in-process CPU time.

The site is generated once into ``--site DIR`` (kept there for the next run; the
cold sync that fills it costs minutes of CPU at 5,000 articles) or into a temporary
folder deleted afterwards. Options: ``--articles 1000``, ``--site DIR``,
``--only build|segment``, ``--sources DIR``, ``--rounds 3``.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

BUILD_LOCALES = ["de", "fr", "es", "ru", "fa"]


def cpu_self() -> float:
    """User + system CPU seconds of this process so far."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def prepare_site(root: Path, articles: int, seed: int = 1) -> None:
    """A synced, fully pseudo-translated site of ``articles`` articles × BUILD_LOCALES."""
    from tools.bench_scale import make_site, translate_everything  # noqa: PLC0415

    from accord.config import load_config  # noqa: PLC0415
    from accord.steps.sync import sync_project  # noqa: PLC0415

    if (root / "ready").exists():
        return
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    make_site(root, articles, seed)
    (root / "pyproject.toml").write_text(
        f"[tool.accord]\nlocales = {json.dumps(BUILD_LOCALES)}\n", encoding="utf-8"
    )
    for folder in (root / "locales").iterdir():
        if folder.name not in BUILD_LOCALES:
            shutil.rmtree(folder)
    print(f"syncing {articles} articles × {len(BUILD_LOCALES)} locales …", file=sys.stderr)
    sync_project(load_config(root))
    translate_everything(root)
    (root / "ready").write_text("", encoding="utf-8")


_BUILD_PROBE = """
import json, resource, sys
from accord.config import load_config
from accord.steps.build import build_site
result = build_site(load_config(sys.argv[1]))
usage = resource.getrusage(resource.RUSAGE_SELF)
print(json.dumps({"cpu": usage.ru_utime + usage.ru_stime, "rss": usage.ru_maxrss * 1024,
                  "built": sum(1 for p in result.pages if p.built),
                  "errors": len(result.errors)}))
"""

_START_PROBE = """
import json, resource
import accord.steps.build, accord.config
usage = resource.getrusage(resource.RUSAGE_SELF)
print(json.dumps({"cpu": usage.ru_utime + usage.ru_stime}))
"""

_PO2MD_PROBE = """
import json, resource, sys
from pathlib import Path
from mdpo.po2md import pofile_to_markdown
root, out = Path(sys.argv[1]), Path(sys.argv[2])
before = resource.getrusage(resource.RUSAGE_SELF)
count = 0
for source in sorted((root / "sources" / "en").glob("*.md")):
    for locale in sys.argv[3:]:
        po = root / "locales" / locale / (source.stem + ".po")
        (out / locale).mkdir(parents=True, exist_ok=True)
        pofile_to_markdown(str(source), str(po), save=str(out / locale / source.name),
                           wrapwidth=0)
        count += 1
after = resource.getrusage(resource.RUSAGE_SELF)
cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
print(json.dumps({"cpu": cpu, "pages": count, "rss": after.ru_maxrss * 1024}))
"""


def _probe(code: str, *args: str) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, check=True
    )
    figures: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return figures


def bench_build(root: Path, scratch: Path) -> list[str]:
    """Build CPU (fresh process, start-up excluded) against po2md's, and the build's peak RSS."""
    shutil.rmtree(root / "build", ignore_errors=True)
    build = _probe(_BUILD_PROBE, str(root))
    start = _probe(_START_PROBE)
    out = scratch / "po2md"
    shutil.rmtree(out, ignore_errors=True)
    po2md = _probe(_PO2MD_PROBE, str(root), str(out), *BUILD_LOCALES)
    shutil.rmtree(out, ignore_errors=True)
    work = build["cpu"] - start["cpu"]
    return [
        f"accord build: {build['cpu']:.2f} s CPU ({work:.2f} s after imports), "
        f"{build['built']:.0f} pages, {build['errors']:.0f} errors",
        f"po2md (pofile_to_markdown per article × locale): {po2md['cpu']:.2f} s CPU, "
        f"{po2md['pages']:.0f} pages",
        f"build / po2md = {work / po2md['cpu']:.2f}× (target ≤ 2×; "
        f"{build['cpu'] / po2md['cpu']:.2f}× with imports)",
        f"build peak RSS: {build['rss'] / 2**20:.0f} MiB (target ≤ 300 MiB)",
    ]


def bench_segment(sources: Path, rounds: int) -> list[str]:
    """Articles (and segments) per CPU second of parse_article, best of ``rounds``."""
    from accord.errors import AccordError  # noqa: PLC0415
    from accord.source.segment import parse_article  # noqa: PLC0415

    texts = [(str(p), p.read_text(encoding="utf-8", errors="replace"))
             for p in sorted(sources.rglob("*.md"))]
    best = float("inf")
    segments = 0
    for _ in range(rounds):
        start = cpu_self()
        segments = 0
        for path, text in texts:
            try:
                segments += len(parse_article(text, path).segments)
            except AccordError:
                continue
        best = min(best, cpu_self() - start)
    return [
        f"segmentation of {len(texts)} articles ({segments} segments) from {sources}: "
        f"{best:.2f} s CPU, {len(texts) / best:.0f} articles/s, {segments / best:.0f} segments/s"
    ]


def main(argv: list[str] | None = None) -> int:
    summary = (__doc__ or "").split("\n")[0]
    parser = argparse.ArgumentParser(prog="python -m tools.bench_build", description=summary)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--site", type=Path, help="where to keep the generated site")
    parser.add_argument("--only", choices=["build", "segment"])
    parser.add_argument("--sources", type=Path, help="articles to segment (default: the site's)")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    scratch = Path(tempfile.mkdtemp(prefix="accord-bench-build-"))
    try:
        root = args.site or scratch / "site"
        prepare_site(root, args.articles)
        lines: list[str] = []
        if args.only in (None, "build"):
            lines += bench_build(root, scratch)
        if args.only in (None, "segment"):
            lines += bench_segment(args.sources or root / "sources", args.rounds)
        print("\n".join(lines))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
