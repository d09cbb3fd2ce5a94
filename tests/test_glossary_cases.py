"""The labelled sets: precision and recall per check must reach 0.95.

``glossary_cases.yaml`` (the content team's set, against the repository's glossary/)
and ``glossary_cases_engine.yaml`` (the engine's own set, against tests/data/glossary/).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from accord.checks.evaluate import evaluate, load_cases, main
from accord.glossary import load_glossary

DATA = Path(__file__).parent / "data"
REPO = Path(__file__).parent.parent
THRESHOLD = 0.95
SETS = [
    ("glossary_cases.yaml", REPO / "glossary"),
    ("glossary_cases_engine.yaml", DATA / "glossary"),
]


@pytest.mark.parametrize(("name", "glossary_dir"), SETS, ids=[s[0] for s in SETS])
def test_labelled_set_scores(name: str, glossary_dir: Path) -> None:
    """Every check reaches precision and recall ≥ 0.95 on the labelled set."""
    cases = load_cases(DATA / name)
    result = evaluate(load_glossary(glossary_dir), cases)
    wrong = "\n".join(f"{case.id}: expected {sorted(case.expected, key=str)}, "
                      f"found {sorted(got, key=str)}" for case, got in result.wrong)
    low = [s.check for s in result.scores.values()
           if min(s.precision, s.recall) < THRESHOLD]
    assert not low, f"\n{result.table()}\n{wrong}"


def test_engine_set_is_big_enough_and_covers_the_locales() -> None:
    """The engine's own set has ≥ 50 cases over de, en, fr, ru and fa."""
    cases = load_cases(DATA / "glossary_cases_engine.yaml")
    assert len(cases) >= 50
    assert {c.locale for c in cases} >= {"de", "en", "fr", "ru", "fa"}
    assert len({c.id for c in cases}) == len(cases)


def test_a_wrong_engine_would_fail_the_scores() -> None:
    """The scoring is not vacuous: an empty glossary misses every glossary finding."""
    cases = load_cases(DATA / "glossary_cases_engine.yaml")
    result = evaluate(load_glossary(DATA / "no-such-folder"), cases)
    assert result.scores["glossary-forbidden"].recall == 0.0


def test_evaluate_command_prints_the_table_and_sets_the_exit_code(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """``python -m accord.checks.evaluate`` exits 0 above the threshold, 1 below it."""
    args = [str(DATA / "glossary_cases_engine.yaml"), "--glossary", str(DATA / "glossary")]
    assert main(args) == 0
    assert "glossary-forbidden" in capsys.readouterr().out
    wrong = tmp_path / "wrong.yaml"
    wrong.write_text("- {id: w, source_lang: en, locale: de, source: The alliance.,"
                     " target: Das Bündnis., expected: [{check: glossary-missing,"
                     " concept: alliance}]}\n", encoding="utf-8")
    assert main([str(wrong), "--glossary", str(DATA / "glossary")]) == 1
    assert "w: expected" in capsys.readouterr().out
