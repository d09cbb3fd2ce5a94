"""Score the checks on a labelled set: precision and recall per check.

A case is ``{id, source_lang, locale, source, target, expected: [{check, concept}],
note}``; ``target: null`` checks the source against its own language. Scores are
computed over (case id, check, concept) triples.

    python -m accord.checks.evaluate tests/data/glossary_cases.yaml --glossary glossary
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

from accord.checks.finding import CHECKS, Where
from accord.checks.segment import check_segment, check_source
from accord.errors import AccordError, GlossaryError
from accord.glossary import Glossary, load_glossary
from accord.locales import normalise_locale

Triple = tuple[str, str, str | None]


@dataclass(frozen=True)
class Case:
    """One labelled (source, target, locale) example with its expected findings."""

    id: str
    source_lang: str
    locale: str
    source: str
    target: str | None
    expected: frozenset[tuple[str, str | None]]
    note: str = ""


@dataclass(frozen=True)
class Score:
    """True/false positives and false negatives of one check."""

    check: str
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return 1.0 if self.tp + self.fp == 0 else self.tp / (self.tp + self.fp)

    @property
    def recall(self) -> float:
        return 1.0 if self.tp + self.fn == 0 else self.tp / (self.tp + self.fn)


@dataclass(frozen=True)
class Evaluation:
    """Scores per check and every case whose findings differ from its labels."""

    scores: dict[str, Score]
    wrong: list[tuple[Case, set[tuple[str, str | None]]]]

    def table(self) -> str:
        """A plain-text table: check, expected, found, precision, recall."""
        lines = [f"{'check':<20} {'tp':>4} {'fp':>4} {'fn':>4} {'precision':>9} {'recall':>7}"]
        for score in self.scores.values():
            lines.append(f"{score.check:<20} {score.tp:>4} {score.fp:>4} {score.fn:>4} "
                         f"{score.precision:>9.3f} {score.recall:>7.3f}")
        return "\n".join(lines)


def load_cases(path: Path) -> list[Case]:
    """The cases of a labelled-set YAML file."""
    label = path.as_posix()
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    if not isinstance(data, list):
        raise GlossaryError("expected a list of cases", path=label)
    cases = []
    for number, item in enumerate(data):
        if not isinstance(item, dict) or "id" not in item:
            raise GlossaryError(f"case {number}: expected a mapping with an id", path=label)
        for key in ("source_lang", "locale", "source"):
            if item.get(key) is None:
                raise GlossaryError(f"case {item['id']}: {key}: missing", path=label)
        labels = item.get("expected") or []
        if not isinstance(labels, list) or not all(isinstance(e, dict) for e in labels):
            raise GlossaryError(f"case {item['id']}: expected: a list of {{check, concept}}",
                                path=label)
        for entry in labels:
            if entry.get("check") not in CHECKS:
                raise GlossaryError(f"case {item['id']}: expected: unknown check "
                                    f"{entry.get('check')!r}", path=label)
        expected = frozenset((str(e["check"]), e.get("concept")) for e in labels)
        cases.append(Case(
            id=str(item["id"]), source_lang=normalise_locale(str(item["source_lang"]), label),
            locale=normalise_locale(str(item["locale"]), label), source=str(item["source"]),
            target=None if item.get("target") is None else str(item["target"]),
            expected=expected, note=str(item.get("note") or ""),
        ))
    return cases


def case_findings(glossary: Glossary, case: Case) -> set[tuple[str, str | None]]:
    """The (check, concept) pairs the checks report for ``case``."""
    if case.target is None:
        findings = check_source(glossary, case.source, case.source_lang,
                                Where(locale=case.source_lang))
    else:
        findings = check_segment(glossary, case.source, case.target, case.source_lang,
                                 case.locale, where=Where(locale=case.locale))
    return {(f.check, f.concept) for f in findings}


def evaluate(glossary: Glossary, cases: list[Case]) -> Evaluation:
    """Precision and recall per check over (case id, check, concept) triples."""
    expected: set[Triple] = set()
    found: set[Triple] = set()
    wrong = []
    for case in cases:
        got = case_findings(glossary, case)
        expected |= {(case.id, c, k) for c, k in case.expected}
        found |= {(case.id, c, k) for c, k in got}
        if got != set(case.expected):
            wrong.append((case, got))
    checks = [c for c in CHECKS if any(t[1] == c for t in expected | found)]
    scores = {}
    for check in checks:
        exp = {t for t in expected if t[1] == check}
        got_check = {t for t in found if t[1] == check}
        scores[check] = Score(check, len(exp & got_check), len(got_check - exp),
                              len(exp - got_check))
    return Evaluation(scores, wrong)


def main(argv: list[str] | None = None) -> int:
    """Print the score table and the cases that differ; exit 1 below the threshold."""
    parser = argparse.ArgumentParser(prog="python -m accord.checks.evaluate")
    parser.add_argument("cases", type=Path)
    parser.add_argument("--glossary", type=Path, default=Path("glossary"))
    parser.add_argument("--threshold", type=float, default=0.95)
    args = parser.parse_args(argv)
    try:
        result = evaluate(load_glossary(args.glossary), load_cases(args.cases))
    except AccordError as error:
        print(f"accord: {error}", file=sys.stderr)
        return 2
    for case, got in result.wrong:
        print(f"{case.id}: expected {sorted(case.expected, key=str)}, "
              f"found {sorted(got, key=str)}")
    print(result.table())
    low = [s for s in result.scores.values()
           if min(s.precision, s.recall) < args.threshold]
    return 1 if low else 0


if __name__ == "__main__":
    sys.exit(main())
