"""TOML front matter nesting is bounded before tomllib recurses (no RecursionError)."""

from __future__ import annotations

from accord.source.frontmatter_toml import MAX_DEPTH, too_deep


def test_brackets_in_strings_and_comments_do_not_count() -> None:
    """Only real arrays and inline tables nest: quoted or commented brackets are skipped."""
    deep = "[" * (MAX_DEPTH + 5)
    text = (f'a = "{deep}"\nb = \'{deep}\'\n# {deep}\nc = """\n{deep}\n"""\n'
            f'd = "\\"{deep}"\ne = [[1], [2]]\n')
    assert too_deep(text) == 0


def test_the_line_where_nesting_goes_too_deep() -> None:
    """Arrays or inline tables nested past the limit are found at their line."""
    assert too_deep("x = 1\ny = " + "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1)) == 2
    assert too_deep("y = " + "{a = " * MAX_DEPTH + "1" + "}" * MAX_DEPTH) == 0
