"""Score the checks on a labelled set: precision and recall per check and per locale.

A case is ``{id, source_lang, locale, source, target, expected: [{check, concept}],
note}``; ``target: null`` checks the source against its own language. Scores are
computed over (case id, check, concept) triples; a locale's score pools the triples of
its cases over every check (the case's ``locale``: a source-only case counts under its
own language).

    python -m tools.evaluate tests/data/glossary_cases.yaml --glossary glossary
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from dataclasses import dataclass, field
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
    """True/false positives and false negatives of one check (or of one locale)."""

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
    """Scores per check and per locale, and every case whose findings differ from its labels.

    ``locales`` pools every check of a locale's cases (its ``check`` field is the
    locale); ``by_locale`` splits each locale by check; ``cases`` counts the cases per
    locale.
    """

    scores: dict[str, Score]
    wrong: list[tuple[Case, set[tuple[str, str | None]]]]
    locales: dict[str, Score] = field(default_factory=dict)
    by_locale: dict[str, dict[str, Score]] = field(default_factory=dict)
    cases: dict[str, int] = field(default_factory=dict)

    def table(self) -> str:
        """A plain-text table: check, expected, found, precision, recall."""
        return _score_table("check", list(self.scores.values()))

    def locale_table(self) -> str:
        """A plain-text table per locale (all checks pooled), with its number of cases."""
        return _score_table("locale", list(self.locales.values()), self.cases)

    def locale_check_table(self) -> str:
        """A plain-text table of each locale split by check."""
        lines = [f"{'locale':<8} {'check':<20} {'tp':>4} {'fp':>4} {'fn':>4} "
                 f"{'precision':>9} {'recall':>7}"]
        for locale, scores in self.by_locale.items():
            for score in scores.values():
                lines.append(f"{locale:<8} {_score_row(score, 20)}")
        return "\n".join(lines)

    def low(self, threshold: float, locale_threshold: float | None = None) -> list[str]:
        """The checks (and locales) whose precision or recall is below the threshold."""
        low = [s.check for s in self.scores.values()
               if min(s.precision, s.recall) < threshold]
        if locale_threshold is not None:
            low += [f"locale {s.check}" for s in self.locales.values()
                    if min(s.precision, s.recall) < locale_threshold]
        return low


def _score_row(score: Score, width: int) -> str:
    return (f"{score.check:<{width}} {score.tp:>4} {score.fp:>4} {score.fn:>4} "
            f"{score.precision:>9.3f} {score.recall:>7.3f}")


def _score_table(label: str, scores: list[Score], cases: dict[str, int] | None = None) -> str:
    head = f"{label:<20} {'tp':>4} {'fp':>4} {'fn':>4} {'precision':>9} {'recall':>7}"
    lines = [head + (f" {'cases':>5}" if cases is not None else "")]
    for score in scores:
        count = f" {cases.get(score.check, 0):>5}" if cases is not None else ""
        lines.append(_score_row(score, 20) + count)
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


def _scores(expected: set[Triple], found: set[Triple]) -> dict[str, Score]:
    checks = [c for c in CHECKS if any(t[1] == c for t in expected | found)]
    scores = {}
    for check in checks:
        exp = {t for t in expected if t[1] == check}
        got_check = {t for t in found if t[1] == check}
        scores[check] = Score(check, len(exp & got_check), len(got_check - exp),
                              len(exp - got_check))
    return scores


def _pooled(label: str, scores: dict[str, Score]) -> Score:
    return Score(label, sum(s.tp for s in scores.values()), sum(s.fp for s in scores.values()),
                 sum(s.fn for s in scores.values()))


def evaluate(glossary: Glossary, cases: list[Case]) -> Evaluation:
    """Precision and recall per check and per locale over (case id, check, concept) triples."""
    expected: set[Triple] = set()
    found: set[Triple] = set()
    locale_of: dict[str, str] = {}
    wrong = []
    for case in cases:
        got = case_findings(glossary, case)
        locale_of[case.id] = case.locale
        expected |= {(case.id, c, k) for c, k in case.expected}
        found |= {(case.id, c, k) for c, k in got}
        if got != set(case.expected):
            wrong.append((case, got))
    cases_per_locale = Counter(case.locale for case in cases)
    by_locale = {}
    for locale in sorted(cases_per_locale):
        by_locale[locale] = _scores({t for t in expected if locale_of[t[0]] == locale},
                                    {t for t in found if locale_of[t[0]] == locale})
    locales = {locale: _pooled(locale, scores) for locale, scores in by_locale.items()}
    return Evaluation(_scores(expected, found), wrong, locales, by_locale,
                      dict(sorted(cases_per_locale.items())))


def main(argv: list[str] | None = None) -> int:
    """Print the score tables and the cases that differ; exit 1 below a threshold."""
    parser = argparse.ArgumentParser(prog="python -m tools.evaluate")
    parser.add_argument("cases", type=Path)
    parser.add_argument("--glossary", type=Path, default=Path("glossary"))
    parser.add_argument("--threshold", type=float, default=0.95)
    parser.add_argument("--locale-threshold", type=float, default=None,
                        help="also fail when a locale (all checks pooled) is below this")
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
    print()
    print(result.locale_table())
    print()
    print(result.locale_check_table())
    return 1 if result.low(args.threshold, args.locale_threshold) else 0


if __name__ == "__main__":
    sys.exit(main())
