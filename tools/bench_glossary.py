"""Speed benchmark of the glossary matcher (not a timed test).

    python -m tools.bench_glossary [--corpus DIR] [--concepts 5000] [--baseline-sample 400]
                                    [--locale en|de]

Generates a glossary of ``--concepts`` concepts (synthetic names plus real words of
the corpus, each with a forbidden variant), finds them in every msgid of the corpus
(/work/shared/corpus/python-docs-fr-3.13: 56,069 msgids) and reports segments per
second, then runs a per-term ``re.search`` loop over a sample of the same msgids in
the same run and reports the ratio. Targets: ≥ 100,000 segments/s and ≥ 100×.
``--locale de`` matches the German renderings instead, through the German
morphology (compounds with a name or term first or last, -er adjectives).
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from collections import Counter
from pathlib import Path

import polib

from accord.checks.segment import check_source
from accord.glossary import Concept, Glossary, Kind

DEFAULT_CORPUS = Path("/work/shared/corpus/python-docs-fr-3.13")
SYLLABLES = ("ka", "ro", "vi", "tsch", "mar", "len", "dor", "qui", "za", "bek", "ul", "han",
             "sar", "mi", "to", "gha", "nov", "rez", "ad", "oum", "pi", "sta", "el", "yar")


def load_msgids(corpus: Path) -> list[str]:
    """Every non-empty, non-obsolete msgid of every PO file under ``corpus``."""
    msgids: list[str] = []
    for path in sorted(corpus.rglob("*.po")):
        msgids.extend(e.msgid for e in polib.pofile(str(path)) if e.msgid and not e.obsolete)
    return msgids


def generate_glossary(msgids: list[str], size: int, seed: int = 2026) -> Glossary:
    """``size`` concepts: 80 % invented names (1–2 words), 20 % real words of the corpus."""
    rng = random.Random(seed)
    words = Counter(w.lower() for text in msgids for w in re.findall(r"[A-Za-z]{6,}", text))
    real = [w for w, _ in words.most_common(300 + size // 5)][300:]
    concepts: list[Concept] = []
    seen: set[str] = set()

    def invented() -> str:
        while True:
            word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()
            if word.lower() not in seen and len(word) >= 5:
                seen.add(word.lower())
                return word

    for index in range(size):
        if index % 5 == 0 and real:
            word = real.pop()
            seen.add(word)
            concept = Concept(
                id=f"term-{index}", kind=Kind.TERM,
                terms={"en": (word,), "fr": (word + "e",), "de": (word.capitalize(),)},
                forbidden={"en": (invented().lower(),)},
            )
        else:
            surname = invented()
            full = f"{invented()} {surname}" if rng.random() < 0.5 else surname
            forms = (full, surname) if full != surname else (surname,)
            concept = Concept(
                id=f"name-{index}", kind=Kind.NAME, case_sensitive=True,
                terms={"en": forms, "de": tuple(f.replace("k", "ck") for f in forms)},
                forbidden={"en": (invented(),)},
            )
        concepts.append(concept)
    return Glossary(concepts)


def baseline_patterns(glossary: Glossary, lang: str) -> list[tuple[str, re.Pattern[str]]]:
    """One compiled ``\\bform\\b`` regex per form: the naive approach being replaced."""
    patterns = []
    for concept in glossary.concepts:
        flags = 0 if concept.case_sensitive else re.IGNORECASE
        for form in concept.renderings(lang) + concept.forbidden_variants(lang):
            patterns.append((concept.id, re.compile(r"\b" + re.escape(form) + r"\b", flags)))
    return patterns


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the report."""
    parser = argparse.ArgumentParser(prog="python -m tools.bench_glossary")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--concepts", type=int, default=5000)
    parser.add_argument("--baseline-sample", type=int, default=400)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--locale", default="en", choices=("en", "de"))
    args = parser.parse_args(argv)

    msgids = load_msgids(args.corpus)
    glossary = generate_glossary(msgids, args.concepts)
    lang = args.locale
    forms = sum(len(c.renderings(lang)) + len(c.forbidden_variants(lang))
                for c in glossary.concepts)
    print(f"corpus: {len(msgids):,} msgids from {args.corpus}")
    print(f"glossary: {len(glossary):,} concepts, {forms:,} {lang} forms")

    started = time.perf_counter()
    matcher = glossary.matcher(lang)
    compile_time = time.perf_counter() - started

    # Best of --repeat runs, by wall clock and by this process's CPU time: on a shared
    # machine the CPU time is what the matcher itself costs.
    walls, cpus = [], []
    hits = 0
    for _ in range(args.repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        hits = 0
        for text in msgids:
            hits += len(matcher.find(text))
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    rate = len(msgids) / min(cpus)
    print(f"compile: {compile_time * 1000:.0f} ms ({matcher.size:,} automaton keys)")
    print(f"matcher: {min(walls):.3f} s wall, {min(cpus):.3f} s CPU (best of {args.repeat}): "
          f"{len(msgids) / min(walls):,.0f} segments/s wall, {rate:,.0f} segments/s CPU, "
          f"{hits:,} matches")

    started = time.process_time()
    findings = 0
    for text in msgids:
        findings += len(check_source(glossary, text, lang))
    full = time.process_time() - started
    print(f"source checks (forbidden + near-miss): {full:.3f} s CPU, "
          f"{len(msgids) / full:,.0f} segments/s, {findings:,} findings")

    step = max(1, len(msgids) // args.baseline_sample)
    sample = msgids[::step][: args.baseline_sample]
    patterns = baseline_patterns(glossary, lang)
    started = time.process_time()
    naive_hits = 0
    for text in sample:
        for _concept, pattern in patterns:
            if pattern.search(text):
                naive_hits += 1
    naive = time.process_time() - started
    naive_rate = len(sample) / naive
    print(f"baseline re.search loop: {len(patterns):,} regexes over a sample of "
          f"{len(sample):,} msgids: {naive:.3f} s CPU, {naive_rate:,.1f} segments/s")
    ratio = rate / naive_rate
    print(f"speed-up (CPU time): {ratio:,.0f}×")
    ok = rate >= 100_000 and ratio >= 100
    print("targets (≥ 100,000 segments/s CPU, ≥ 100×): " + ("met" if ok else "NOT met"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
