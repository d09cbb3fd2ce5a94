"""YAML from people: ``safe_load`` with every failure located, never a traceback.

PyYAML's safe loader raises a located ``MarkedYAMLError`` for bad syntax, but a
plain ``ValueError`` (``date: 2026-13-45``, ``!!int abc``), ``KeyError``
(``!!bool maybe``) or ``AttributeError`` (``!!timestamp foo``) for a value it cannot
build, ``RecursionError`` for a few hundred levels of nesting, and returns lone
surrogates (``"\\ud800"``) that no UTF-8 file can hold. :func:`load` turns each into
:class:`YamlProblem` with the line it concerns.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

MAX_DEPTH = 50  # levels of nested collections; front matter and glossaries need a handful
# libyaml's safe loader when PyYAML was built with it (about 10x faster), else the pure one;
# on an error the pure loader reads the text again, so messages and lines are its own.
FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_OPEN = (
    yaml.BlockMappingStartToken,
    yaml.BlockSequenceStartToken,
    yaml.FlowMappingStartToken,
    yaml.FlowSequenceStartToken,
)
_CLOSE = (yaml.BlockEndToken, yaml.FlowMappingEndToken, yaml.FlowSequenceEndToken)


class YamlProblem(Exception):
    """The YAML cannot be used: ``message`` and the 1-based ``line`` of the text."""

    def __init__(self, message: str, line: int):
        super().__init__(message)
        self.message = message
        self.line = line


_LEADING_INDICATORS = re.compile(r"^[ \t?:-]*", re.MULTILINE)
_TAGS_OR_LINE_BREAKS = re.compile("[&!\r\x85\u2028\u2029]")
_QUOTED = re.compile(r"'(?:[^'\n]|'')*'|\"(?:[^\"\\\n]|\\.)*\"")
_BRACKET = re.compile(r"[\[\]{}]")


def surely_shallow(text: str) -> bool:
    """Whether collections in ``text`` surely nest at most MAX_DEPTH deep, without a scan.

    Without anchors or tags (``&``, ``!``), a block collection starts where a line's
    indentation and ``- ``, ``? ``, ``: `` indicators end, each nested one further
    right; a flow collection needs a bracket of its own, counted outside one-line
    quoted strings. Brackets that do not balance (one inside a comment or a
    multi-line string) give no answer: the token scan decides then.
    """
    if _TAGS_OR_LINE_BREAKS.search(text):
        return False  # PyYAML also breaks lines at \r, NEL and U+2028/2029
    indent = max((len(m.group(0)) for m in _LEADING_INDICATORS.finditer(text)), default=0)
    if indent + 1 > MAX_DEPTH:
        return False
    depth = deepest = 0
    for bracket in _BRACKET.findall(_QUOTED.sub("", text)):
        if bracket in "[{":
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth -= 1
            if depth < 0:
                return False
    return depth == 0 and indent + 1 + deepest <= MAX_DEPTH


def check_depth(text: str, loader: type = FAST_LOADER) -> None:
    """YamlProblem if collections nest deeper than MAX_DEPTH (checked without recursion)."""
    depth = 0
    try:
        for token in yaml.scan(text, Loader=loader):
            if isinstance(token, _OPEN):
                depth += 1
                if depth > MAX_DEPTH:
                    raise YamlProblem(
                        f"nested more than {MAX_DEPTH} levels deep", token.start_mark.line + 1
                    )
            elif isinstance(token, _CLOSE):
                depth -= 1
    except yaml.YAMLError:
        if loader is not yaml.SafeLoader:
            check_depth(text, yaml.SafeLoader)  # scan as the pure loader that will report
        return  # the parser reports it, with its own line


def compose(text: str) -> yaml.Node | None:
    """The node tree of ``text``; YAMLError as PyYAML raises it, YamlProblem if too deep."""
    if not surely_shallow(text):
        check_depth(text)
    try:
        try:
            return yaml.compose(text, Loader=FAST_LOADER)
        except yaml.YAMLError:
            return yaml.compose(text, Loader=yaml.SafeLoader)
    except RecursionError:
        raise YamlProblem(f"nested more than {MAX_DEPTH} levels deep", 1) from None


def construct(node: yaml.Node | None) -> Any:
    """The Python value of ``node`` (safe types only); YamlProblem at the value that fails."""
    if node is None:
        return None
    try:
        data = _construct(node)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        raise YamlProblem(
            str(error.problem or error.context or "invalid value"),
            mark.line + 1 if mark is not None else node.start_mark.line + 1,
        ) from None
    except (ValueError, KeyError, AttributeError, TypeError, OverflowError, RecursionError):
        bad = _first_bad_scalar(node)
        where = bad if bad is not None else node
        shown = f" {where.value!r}" if isinstance(where, yaml.ScalarNode) else ""
        tag = where.tag.rsplit(":", 1)[-1]
        raise YamlProblem(f"invalid {tag} value{shown}", where.start_mark.line + 1) from None
    surrogate = _first_surrogate(node)
    if surrogate is not None:
        raise YamlProblem(
            "a lone surrogate escape (such as \\ud800) is not a character", surrogate
        )
    return data


def load(text: str) -> tuple[yaml.Node | None, Any]:
    """:func:`compose` then :func:`construct`."""
    node = compose(text)
    return node, construct(node)


def _construct(node: yaml.Node) -> Any:
    loader = yaml.SafeLoader("")
    try:
        return loader.construct_document(node)
    finally:
        loader.dispose()


def _scalars(node: yaml.Node) -> list[yaml.ScalarNode]:
    """Every scalar below ``node`` in document order (iteratively: nesting may be deep)."""
    out: list[yaml.ScalarNode] = []
    stack: list[yaml.Node] = [node]
    seen: set[int] = set()
    while stack:
        current = stack.pop()
        if id(current) in seen:
            continue  # an alias: already visited
        seen.add(id(current))
        if isinstance(current, yaml.ScalarNode):
            out.append(current)
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(reversed(current.value))
        elif isinstance(current, yaml.MappingNode):
            for key, value in reversed(current.value):
                stack.extend((value, key))
    return out


def _first_bad_scalar(node: yaml.Node) -> yaml.ScalarNode | None:
    for scalar in _scalars(node):
        try:
            _construct(scalar)
        except Exception:
            return scalar
    return None


def _first_surrogate(node: yaml.Node) -> int | None:
    for scalar in _scalars(node):
        if any("\ud800" <= char <= "\udfff" for char in scalar.value):
            return int(scalar.start_mark.line) + 1
    return None
