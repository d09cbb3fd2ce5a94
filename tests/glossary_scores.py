"""A pytest plugin: the labelled sets' score tables, printed in the terminal summary.

Tests append a titled table to the ``glossary_scores`` fixture; after the run the
tables appear in a "glossary scores" section (with ``pytest -q`` as well), so the
precision and recall per check and per locale are in the test output whether the
scoring test passed, failed or was an expected failure.
"""

from __future__ import annotations

import pytest

_TABLES = pytest.StashKey[list[str]]()


@pytest.fixture
def glossary_scores(request: pytest.FixtureRequest) -> list[str]:
    """The run's list of score tables; append one titled table per labelled set."""
    return request.config.stash.setdefault(_TABLES, [])


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter,
                            config: pytest.Config) -> None:
    """Print every recorded score table after the test results."""
    tables = config.stash.get(_TABLES, [])
    if tables:
        terminalreporter.write_sep("=", "glossary scores")
        for table in tables:
            terminalreporter.write_line(table)
            terminalreporter.write_line("")
