"""The scale benchmark: ``python -m tools.bench_scale`` prints figures and ratios (not a test).

(a) corpus: every PO file of python-docs-fr is merged with a template in which 5 % of
    the msgids are reworded (fixed seed), once by ``msgmerge --previous`` and once
    by Accord (read, merge, write), in the same run; prints the time ratio and how
    often Accord picks the same fuzzy source as msgmerge.
(b) site: a synthetic site (N articles × 6 locales, a 1,000-concept glossary) in a
    temporary directory: cold sync, no-op sync (vs msgmerge over the same files),
    sync after editing 1 % of the articles (vs a full sync), check (with its peak
    RSS, measured in a fresh process) and build.

Options: ``--corpus PATH``, ``--reword 0.05``, ``--seed 1``, ``--articles 1000``,
``--only corpus|site``, ``--keep`` (leave the synthetic site on disk).
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from accord.catalog.pofile import Catalog, Entry, format_po, parse_po
from accord.config import Config
from accord.merge.msgmerge import merge

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "python-docs-fr-3.13"
SITE_LOCALES = ["de", "fr", "es", "ru", "fa", "it"]
T = TypeVar("T")
_FILLER = ["also", "now", "still", "officially", "again", "later", "notably", "today", "here"]


# --------------------------------------------------------------------------- helpers
@dataclass
class Table:
    """Rows of (figure, value, note) printed as an aligned table."""

    title: str
    rows: list[tuple[str, str, str]] = field(default_factory=list)

    def add(self, name: str, value: str, note: str = "") -> None:
        self.rows.append((name, value, note))
        print(f"  {name}: {value} {note}".rstrip(), file=sys.stderr, flush=True)

    def render(self) -> str:
        width = max((len(r[0]) for r in self.rows), default=0)
        value_width = max((len(r[1]) for r in self.rows), default=0)
        lines = [self.title, "-" * len(self.title)]
        lines += [f"{n:<{width}}  {v:>{value_width}}  {note}".rstrip() for n, v, note in self.rows]
        return "\n".join(lines)


def timed(action: Callable[[], T]) -> tuple[float, T]:
    start = time.perf_counter()
    value = action()
    return time.perf_counter() - start, value


def seconds(value: float) -> str:
    return f"{value:.2f} s" if value >= 0.1 else f"{value * 1000:.1f} ms"


def ratio(slow: float, fast: float) -> str:
    return f"{slow / fast:.1f}×" if fast > 0 else "∞"


def run_msgmerge(old: Path, template: Path, out: Path) -> None:
    subprocess.run(
        ["msgmerge", "--previous", "--quiet", "-o", str(out), str(old), str(template)], check=True
    )


# ------------------------------------------------------------------------- (a) corpus
def reword(msgid: str, rng: random.Random) -> str:
    """``msgid`` with one word changed, added or removed, as an editor rewording a sentence."""
    words = msgid.split(" ")
    at = rng.randrange(len(words))
    action = rng.random()
    if action < 0.4 or len(words) < 3:
        words.insert(at, rng.choice(_FILLER))
    elif action < 0.7:
        del words[at]
    else:
        words[at] = rng.choice(_FILLER)
    return " ".join(words)


def template_of(catalog: Catalog, rng: random.Random, share: float) -> tuple[list[Entry], set]:
    """The catalog's active entries as a template with ``share`` of the msgids reworded."""
    template: list[Entry] = []
    changed: set[tuple[str | None, str]] = set()
    taken = {e.key for e in catalog.entries}
    for entry in catalog.messages():
        msgid = entry.msgid
        if rng.random() < share and msgid.strip():
            candidate = reword(msgid, rng)
            if (entry.msgctxt, candidate) not in taken:
                msgid = candidate
                changed.add((entry.msgctxt, msgid))
                taken.add((entry.msgctxt, msgid))
        template.append(
            Entry(
                msgid=msgid,
                msgctxt=entry.msgctxt,
                msgid_plural=entry.msgid_plural,
                msgstr_plural=dict.fromkeys(entry.msgstr_plural, ""),
                extracted_comments=list(entry.extracted_comments),
                references=list(entry.references),
                flags=[f for f in entry.flags if f != "fuzzy"],
            )
        )
    return template, changed


def pot_text(template: list[Entry]) -> str:
    header = Entry(msgid="", msgstr="Content-Type: text/plain; charset=UTF-8\n")
    return format_po(Catalog([header, *template]))


@dataclass(frozen=True)
class CorpusJob:
    """One corpus file: the old PO, its reworded template, both outputs, the reworded keys."""

    old: Path
    template: Path
    by_msgmerge: Path
    by_accord: Path
    reworded: frozenset[tuple[str | None, str]]


def prepare_corpus(corpus: Path, work: Path, share: float, seed: int) -> list[CorpusJob]:
    rng = random.Random(seed)
    jobs = []
    for i, path in enumerate(sorted(corpus.rglob("*.po"))):
        catalog = parse_po(path.read_text(encoding="utf-8"), str(path))
        template, changed = template_of(catalog, rng, share)
        pot = work / f"{i}.pot"
        pot.write_text(pot_text(template), encoding="utf-8")
        jobs.append(CorpusJob(path, pot, work / f"{i}.mm.po", work / f"{i}.accord.po",
                              frozenset(changed)))
    return jobs


def merge_with_accord(jobs: list[CorpusJob], like_msgmerge: bool = False) -> float:
    """Read, merge and write every job with Accord; returns the time spent in merge() alone."""
    merge_only = 0.0
    for job in jobs:
        out = _like(job.by_accord) if like_msgmerge else job.by_accord
        old = parse_po(job.old.read_text(encoding="utf-8"), str(job.old))
        ref = parse_po(job.template.read_text(encoding="utf-8"), str(job.template))
        header = old.header or Entry(msgid="", msgstr="")
        start = time.perf_counter()
        result = merge(old, ref.messages(), header, like_msgmerge=like_msgmerge)
        merge_only += time.perf_counter() - start
        out.write_text(format_po(result.catalog), encoding="utf-8")
    return merge_only


def _like(path: Path) -> Path:
    return path.with_suffix(".like-msgmerge.po")


@dataclass
class Agreement:
    """How Accord's fuzzy choices compare with msgmerge's on the reworded msgids."""

    total: int = 0  # reworded msgids msgmerge filled with a fuzzy match
    same: int = 0  # … where Accord chose the same source (msgstr and #| msgid)
    ours_only: int = 0  # reworded msgids only Accord filled
    identical_files: int = 0


def compare(jobs: list[CorpusJob], like_msgmerge: bool = False) -> Agreement:
    found = Agreement()
    for job in jobs:
        theirs_text = job.by_msgmerge.read_text(encoding="utf-8")
        output = _like(job.by_accord) if like_msgmerge else job.by_accord
        mine_text = output.read_text(encoding="utf-8")
        found.identical_files += theirs_text == mine_text
        theirs = {e.key: e for e in parse_po(theirs_text).messages()}
        mine = {e.key: e for e in parse_po(mine_text).messages()}
        for key in job.reworded:
            a, b = theirs.get(key), mine.get(key)
            if a is None or b is None:
                continue
            if a.fuzzy and a.translated:
                found.total += 1
                found.same += (
                    b.fuzzy and b.msgstr == a.msgstr and b.msgstr_plural == a.msgstr_plural
                    and b.previous_msgid == a.previous_msgid
                )
            elif b.fuzzy and b.translated:
                found.ours_only += 1
    return found


def bench_corpus(corpus: Path, share: float, seed: int) -> Table:
    """(a): Accord's merge against msgmerge on the python-docs-fr corpus."""
    table = Table(f"(a) merge of {corpus.name}, {share:.0%} of msgids reworded (seed {seed})")
    with tempfile.TemporaryDirectory(prefix="accord-bench-") as scratch:
        jobs = prepare_corpus(corpus, Path(scratch), share, seed)
        table.add("files", str(len(jobs)))
        table.add("reworded msgids", str(sum(len(j.reworded) for j in jobs)))

        def with_msgmerge() -> None:
            for job in jobs:
                run_msgmerge(job.old, job.template, job.by_msgmerge)

        mm_time, _ = timed(with_msgmerge)
        our_time, merge_only = timed(lambda: merge_with_accord(jobs))
        table.add(f"msgmerge ({len(jobs)} processes)", seconds(mm_time))
        table.add("accord read+merge+write", seconds(our_time),
                  f"msgmerge/accord = {ratio(mm_time, our_time)} (≥ 1× means no slower)")
        table.add("accord merge() alone", seconds(merge_only),
                  f"msgmerge/accord = {ratio(mm_time, merge_only)}")
        _agreement_rows(table, compare(jobs), len(jobs), "")
        merge_with_accord(jobs, like_msgmerge=True)
        _agreement_rows(table, compare(jobs, like_msgmerge=True), len(jobs), "like_msgmerge: ")
    return table


def _agreement_rows(table: Table, agreement: Agreement, files: int, prefix: str) -> None:
    share = f"{100 * agreement.same / agreement.total:.1f} %" if agreement.total else "n/a"
    table.add(f"{prefix}msgmerge fuzzy matches on reworded msgids", str(agreement.total))
    table.add(f"{prefix}same fuzzy source as msgmerge", f"{agreement.same}/{agreement.total}",
              f"= {share} (target ≥ 95 %)")
    table.add(f"{prefix}fuzzy matches msgmerge did not make", str(agreement.ours_only))
    table.add(f"{prefix}files byte-identical to msgmerge's", f"{agreement.identical_files}/{files}")


# --------------------------------------------------------------------------- (b) site
_SYLLABLES = ["ka", "ri", "to", "mu", "sha", "lo", "ve", "dar", "zan", "bek", "ol", "ir", "na",
              "gor", "tal", "mi", "sur", "yan", "pe", "du"]
_COMMON = [
    "the", "a", "of", "and", "to", "in", "on", "for", "with", "by", "from", "that", "this", "was",
    "were", "is", "are", "has", "have", "said", "government", "minister", "talks", "agreement",
    "trade", "border", "railway", "energy", "project", "meeting", "officials", "report", "week",
    "year", "country", "region", "security", "economic", "new", "first", "after", "before",
    "during", "between", "under", "over", "more", "than", "also", "would", "could", "will", "not",
    "but",
]


def _name(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(parts)).capitalize()


def synthetic_glossary(rng: random.Random, concepts: int) -> tuple[str, list[str]]:
    """A glossary YAML of ``concepts`` names and terms, and the English surfaces to sprinkle."""
    lines: list[str] = []
    surfaces: list[str] = []
    seen: set[str] = set()
    i = 0
    while len(surfaces) < concepts:
        first, last = _name(rng, 2), _name(rng, 3)
        full = f"{first} {last}"
        if full in seen or last in seen:
            continue
        seen.update({full, last})
        i += 1
        kind = "name" if i % 3 else "term"
        if kind == "name":
            terms = {loc: [f"{first} {last}", last] for loc in ["en", *SITE_LOCALES]}
            terms["de"] = [f"{first} {last}sch", f"{last}sch"]
            terms["ru"] = [f"{first} {last}ov", f"{last}ov"]
            surfaces.append(full)
        else:
            word = last.lower()
            terms = {"en": [word], **{loc: [f"{word}{loc}"] for loc in SITE_LOCALES}}
            surfaces.append(word)
        lines.append(f"- id: concept-{i}")
        lines.append(f"  kind: {kind}")
        lines.append("  terms:")
        for loc, forms in terms.items():
            lines.append(f"    {loc}: [{', '.join(forms)}]")
    return "\n".join(lines) + "\n", surfaces


def _sentence(rng: random.Random, surfaces: list[str], low: int, high: int) -> str:
    words = [rng.choice(_COMMON) for _ in range(rng.randint(low, high))]
    for _ in range(rng.randint(0, 2)):
        words.insert(rng.randrange(len(words)), rng.choice(surfaces))
    words.insert(rng.randrange(len(words)), str(rng.randint(2, 2030)))
    return " ".join(words).capitalize() + "."


def synthetic_article(rng: random.Random, slug: str, surfaces: list[str]) -> str:
    """A news article: front matter, headings, 8–16 paragraphs of 1–4 sentences, a list."""
    title = _sentence(rng, surfaces, 4, 9).rstrip(".")
    parts = [
        "---",
        f"title: {title}",
        f"summary: {_sentence(rng, surfaces, 12, 24)}",
        f"tags: [{rng.choice(_COMMON)}, {rng.choice(_COMMON)}]",
        f"slug: {slug}",
        "date: 2026-11-25",
        "author: Staff",
        "lang: en",
        "---",
        "",
        f"# {title}",
        "",
    ]
    for n in range(rng.randint(8, 16)):
        if n and n % 5 == 0:
            parts += [f"## {_sentence(rng, surfaces, 3, 7).rstrip('.')}", ""]
        sentences = [_sentence(rng, surfaces, 8, 26) for _ in range(rng.randint(1, 4))]
        parts += [" ".join(sentences), ""]
    parts += [f"- {_sentence(rng, surfaces, 4, 10)}" for _ in range(3)]
    parts.append("")
    return "\n".join(parts)


def make_site(root: Path, articles: int, seed: int, locales: list[str] = SITE_LOCALES) -> None:
    """``articles`` synthetic English articles, ``locales``, a 1,000-concept glossary."""
    rng = random.Random(seed)
    root.mkdir(parents=True, exist_ok=True)
    (root / "pyproject.toml").write_text(
        f"[tool.accord]\nlocales = {json.dumps(locales)}\n", encoding="utf-8"
    )
    glossary, surfaces = synthetic_glossary(rng, 1000)
    (root / "glossary").mkdir()
    (root / "glossary" / "synthetic.yaml").write_text(glossary, encoding="utf-8")
    sources = root / "sources" / "en"
    sources.mkdir(parents=True)
    for i in range(articles):
        slug = f"article-{i:05d}"
        text = synthetic_article(rng, slug, surfaces)
        (sources / f"{slug}.md").write_text(text, encoding="utf-8")
    for locale in locales:
        (root / "locales" / locale).mkdir(parents=True)


def translate_everything(root: Path) -> int:
    """Fill every entry with a pseudo-translation, as translators would over time."""
    count = 0
    for path in sorted((root / "locales").rglob("*.po")):
        catalog = parse_po(path.read_text(encoding="utf-8"), str(path))
        locale = path.parent.name
        for entry in catalog.messages():
            entry.msgstr = f"[{locale}] {entry.msgid}"
            count += 1
        path.write_text(format_po(catalog), encoding="utf-8")
    return count


def edit_articles(root: Path, share: float, seed: int) -> int:
    rng = random.Random(seed + 1)
    paths = sorted((root / "sources" / "en").glob("*.md"))
    chosen = rng.sample(paths, max(1, round(len(paths) * share)))
    for path in chosen:
        lines = path.read_text(encoding="utf-8").split("\n")
        body = [i for i, line in enumerate(lines) if line and line[0].isupper()]
        at = rng.choice(body)
        lines[at] = reword(lines[at], rng)
        path.write_text("\n".join(lines), encoding="utf-8")
    return len(chosen)


def edit_translations(root: Path, share: float, seed: int) -> int:
    """Change one translation in ``share`` of the PO files, as translators do between runs."""
    rng = random.Random(seed + 7)
    paths = sorted((root / "locales").rglob("*.po"))
    chosen = rng.sample(paths, max(1, round(len(paths) * share)))
    for path in chosen:
        catalog = parse_po(path.read_text(encoding="utf-8"), str(path))
        entries = [e for e in catalog.messages() if e.msgstr]
        if entries:
            entry = rng.choice(entries)
            entry.msgstr = f"{entry.msgstr} ({path.parent.name})"
            path.write_text(format_po(catalog), encoding="utf-8")
    return len(chosen)


_CHECK_PROBE = """
import json, resource, sys, time
from accord.config import load_config
from accord.steps.check import run_checks
from accord.glossary import load_glossary
from accord.workspace import discover_articles, select_locales
start = time.perf_counter()
config = load_config(sys.argv[1])
findings = run_checks(config, select_locales(config, []), discover_articles(config),
                      load_glossary(config.glossary_dir))
elapsed = time.perf_counter() - start
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
print(json.dumps({"seconds": elapsed, "rss": rss, "findings": len(findings)}))
"""


def measure_check(root: Path) -> dict[str, float]:
    """Time, peak RSS and finding count of a full check, run in a fresh Python process."""
    probe = subprocess.run(
        [sys.executable, "-c", _CHECK_PROBE, str(root)], capture_output=True, text=True, check=True
    )
    figures: dict[str, float] = json.loads(probe.stdout.strip().splitlines()[-1])
    return figures


def bench_site(articles: int, seed: int, keep: bool) -> Table:
    """(b): sync, check and build on a synthetic site."""
    from accord.config import load_config  # noqa: PLC0415  (only part (b) needs the pipeline)
    from accord.glossary import load_glossary  # noqa: PLC0415
    from accord.steps.build import build_site  # noqa: PLC0415
    from accord.steps.sync import sync_project  # noqa: PLC0415

    table = Table(f"(b) synthetic site: {articles} articles × {len(SITE_LOCALES)} locales, "
                  "1,000 glossary concepts")
    scratch = Path(tempfile.mkdtemp(prefix="accord-site-"))
    try:
        root = scratch / "site"
        root.mkdir()
        make_site(root, articles, seed)
        config = load_config(root)
        cold, result = timed(lambda: sync_project(config))
        table.add("cold sync", seconds(cold), f"{len(result.written)} PO files written")
        table.add("pseudo-translate every entry (setup)", str(translate_everything(root)))
        resync, _ = timed(lambda: sync_project(config))
        table.add("sync after translators edited every file", seconds(resync))
        noop, result = timed(lambda: sync_project(config))
        table.add("no-op sync", seconds(noop), f"{len(result.written)} files written")

        pots = scratch / "pots"
        pots.mkdir()
        _write_templates(config, pots)
        out = scratch / "out.po"
        po_files = sorted((root / "locales").rglob("*.po"))

        def msgmerge_all() -> None:
            for path in po_files:
                run_msgmerge(path, pots / f"{path.stem}.pot", out)

        mm, _ = timed(msgmerge_all)
        table.add(f"msgmerge over the same {len(po_files)} files", seconds(mm),
                  f"no-op sync is {ratio(mm, noop)} faster (target ≥ 20×)")

        edited = edit_articles(root, 0.01, seed)
        incremental, result = timed(lambda: sync_project(config))
        written = len(result.written)
        table.add(f"sync after editing {edited} articles (1 %)", seconds(incremental),
                  f"{written} files written")
        loading, _ = timed(lambda: load_glossary(config.glossary_dir))
        table.add("glossary load alone (every sync in a new process pays it)", seconds(loading))
        shutil.rmtree(config.cache_dir, ignore_errors=True)
        full, _ = timed(lambda: sync_project(config))
        table.add("full sync (cache removed)", seconds(full),
                  f"incremental is {ratio(full, incremental)} faster (target ≥ 10×)")

        figures = measure_check(root)
        table.add("check", seconds(figures["seconds"]), f"{figures['findings']} findings")
        rss = figures["rss"] / 2**20
        table.add("check peak RSS", f"{rss:.0f} MiB", "(target < 1024 MiB)")
        build, pages = timed(lambda: build_site(config).pages)
        built = sum(1 for p in pages if p.built)
        table.add("build", seconds(build), f"{built} pages built")
    finally:
        if keep:
            print(f"synthetic site kept in {scratch}", file=sys.stderr)
        else:
            shutil.rmtree(scratch, ignore_errors=True)
    return table


def _write_templates(config: Config, folder: Path) -> None:
    """One POT per article, as an xgettext-style pipeline would hand to msgmerge."""
    from accord.source.segment import parse_article  # noqa: PLC0415
    from accord.source.template import template_entries  # noqa: PLC0415
    from accord.workspace import discover_articles  # noqa: PLC0415

    for article in discover_articles(config):
        relative = config.relative(article.path)
        parsed = parse_article(article.path.read_text(encoding="utf-8"), relative)
        entries = template_entries(parsed.segments, relative, config.porefs)
        (folder / f"{article.slug}.pot").write_text(pot_text(entries), encoding="utf-8")


# ---------------------------------------------------------------------------- main
def main(argv: list[str] | None = None) -> int:
    summary = (__doc__ or "").split("\n")[0]
    parser = argparse.ArgumentParser(prog="python -m tools.bench_scale", description=summary)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--reword", type=float, default=0.05, help="share of msgids reworded (a)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--articles", type=int, default=1000, help="synthetic site size (b)")
    parser.add_argument("--only", choices=["corpus", "site"])
    parser.add_argument("--keep", action="store_true", help="keep the synthetic site on disk")
    args = parser.parse_args(argv)
    if shutil.which("msgmerge") is None:
        print("msgmerge (GNU gettext) is needed for the comparison", file=sys.stderr)
        return 2
    tables = []
    if args.only in (None, "corpus"):
        if not args.corpus.is_dir():
            print(f"{args.corpus}: corpus not found (use --corpus)", file=sys.stderr)
            return 2
        tables.append(bench_corpus(args.corpus, args.reword, args.seed))
    if args.only in (None, "site"):
        tables.append(bench_site(args.articles, args.seed, args.keep))
    print("\n\n".join(t.render() for t in tables))
    return 0


if __name__ == "__main__":
    sys.exit(main())
