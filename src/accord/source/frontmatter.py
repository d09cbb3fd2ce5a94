"""YAML front matter of an article: split it off, find its translatable values, write it back.

Translatable keys are dotted paths (``title``, ``params.description``); TOML blocks
(``+++``) are read by frontmatter_toml.py into the same FrontMatter value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

from accord import safeyaml
from accord.errors import SourceError
from accord.source.keys import TRANSLATABLE_KEYS

DELIMITER = "---"


@dataclass(frozen=True)
class FrontMatterValue:
    """One translatable string of the front matter and the 1-based file line it sits on."""

    key: str  # dotted path: ``title``, ``params.description``
    index: int | None  # position in a list value (``tags``), None for a plain string
    text: str
    line: int


@dataclass(frozen=True)
class FrontMatter:
    """The parsed front matter and where the Markdown body starts (0-based line index)."""

    data: dict[str, Any]
    values: tuple[FrontMatterValue, ...]
    body_start: int
    present: bool
    # Per top-level key, the 0-based file lines [start, end) it occupies, comments
    # after it included; empty when the block is not one key per line (flow style).
    spans: tuple[tuple[str, int, int], ...] = ()
    format: str = "yaml"  # or "toml"


def lookup(data: Any, key: str) -> Any:
    """The value at a dotted path (``params.description``), None when a part is missing."""
    for part in key.split("."):
        if not isinstance(data, dict) or part not in data:
            return None
        data = data[part]
    return data


def with_value(data: dict[str, Any], key: str, index: int | None, text: str) -> dict[str, Any]:
    """A copy of ``data`` with the value at dotted ``key`` (item ``index`` of a list) set."""
    out = dict(data)
    parts = key.split(".")
    node = out
    for part in parts[:-1]:
        node[part] = dict(node[part])
        node = node[part]
    if index is None:
        node[parts[-1]] = text
    else:
        items = list(node[parts[-1]])
        items[index] = text
        node[parts[-1]] = items
    return out


def split_front_matter(
    lines: list[str], path: str, keys: tuple[str, ...] = TRANSLATABLE_KEYS
) -> FrontMatter:
    """Parse the ``---`` block at the top of ``lines`` (each line without its newline).

    No opening ``---`` on the first line means no front matter. An opening line with
    no closing one, YAML that does not parse, or YAML that is not a mapping raises
    SourceError pointing at the line in the file.
    """
    if not lines or lines[0].rstrip() != DELIMITER:
        return FrontMatter(data={}, values=(), body_start=0, present=False)
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in (DELIMITER, "...")), None)
    if end is None:
        raise SourceError("front matter is not closed by a '---' line", path, 1)
    yaml_text = "\n".join(lines[1:end]) + "\n"
    try:
        node, data = safeyaml.load(yaml_text)
    except safeyaml.YamlProblem as bad:
        raise SourceError(f"front matter: {bad.message}", path, bad.line + 1) from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 2 if mark is not None else 1
        problem = error.problem or error.context or "invalid YAML"
        raise SourceError(f"front matter is not valid YAML: {problem}", path, line) from None
    except yaml.YAMLError as error:
        raise SourceError(f"front matter is not valid YAML: {error}", path, 1) from None
    if data is None:
        data = {}
    if not isinstance(data, dict) or not (node is None or isinstance(node, yaml.MappingNode)):
        raise SourceError("front matter must be a mapping of keys to values", path, 2)
    if node is not None:
        _refuse_duplicate_keys(node, path)
    values = _translatable_values(node, data, path, keys) if node is not None else ()
    aliased = node is not None and _shares_nodes(node)
    # An alias (*t) would outlive its rewritten anchor (&t): rewrite the whole block then.
    spans = _key_spans(node, end) if node is not None and not aliased else ()
    return FrontMatter(data=data, values=values, body_start=end + 1, present=True, spans=spans)


def _shares_nodes(node: yaml.Node) -> bool:
    """Whether the document uses an alias (``*t``): composing makes it its anchor's node."""
    seen: set[int] = set()
    stack: list[yaml.Node] = [node]
    while stack:
        current = stack.pop()
        if id(current) in seen:
            return True
        seen.add(id(current))
        if isinstance(current, yaml.SequenceNode):
            stack.extend(current.value)
        elif isinstance(current, yaml.MappingNode):
            for key, value in current.value:
                stack.extend((key, value))
    return False


def _key_spans(node: yaml.Node, end: int) -> tuple[tuple[str, int, int], ...]:
    """Where each top-level key sits, so that a rewrite can copy the others as written."""
    if not isinstance(node, yaml.MappingNode) or node.flow_style:
        return ()
    starts: list[tuple[str, int]] = []
    for key_node, _ in node.value:
        if not isinstance(key_node, yaml.ScalarNode) or key_node.start_mark.column != 0:
            return ()
        starts.append((key_node.value, key_node.start_mark.line + 1))
    if len({line for _, line in starts}) != len(starts):
        return ()
    bounds = [line for _, line in starts[1:]] + [end]
    return tuple((key, line, bound) for (key, line), bound in zip(starts, bounds, strict=True))


def _refuse_duplicate_keys(node: yaml.Node, path: str) -> None:
    """YAML keeps the last of two equal keys silently; an article should not say two things."""
    seen: set[str] = set()
    for key_node, _ in node.value:
        key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
        if key in seen:
            raise SourceError(f"front matter key '{key}' appears twice", path,
                              key_node.start_mark.line + 2)
        if key is not None:
            seen.add(key)


def _translatable_values(
    node: yaml.Node, data: dict[str, Any], path: str, keys: tuple[str, ...]
) -> tuple[FrontMatterValue, ...]:
    """The non-empty strings under the translatable keys, with the lines YAML found them on."""
    found: list[FrontMatterValue] = []
    for key in keys:
        value_node = _node_at(node, key)
        value = lookup(data, key)
        if value_node is None:
            continue
        if isinstance(value_node, yaml.ScalarNode):
            if isinstance(value, str) and value.strip():
                found.append(FrontMatterValue(key, None, value, value_node.start_mark.line + 2))
        elif isinstance(value_node, yaml.SequenceNode) and isinstance(value, list):
            for index, (item, item_node) in enumerate(zip(value, value_node.value, strict=True)):
                if isinstance(item, str) and item.strip():
                    found.append(FrontMatterValue(key, index, item, item_node.start_mark.line + 2))
        else:
            raise SourceError(
                f"front matter key '{key}' must be a string or a list of strings",
                path, value_node.start_mark.line + 2,
            )
    found.sort(key=lambda v: (v.line, v.index or 0))
    return tuple(found)


def _node_at(node: yaml.Node, key: str) -> yaml.Node | None:
    """The YAML node at a dotted path below a mapping node, None if absent."""
    for part in key.split("."):
        if not isinstance(node, yaml.MappingNode):
            return None
        match = next(
            (v for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == part), None
        )
        if match is None:
            return None
        node = match
    return node


def rewrite_front_matter(lines: list[str], front: FrontMatter, data: dict[str, Any]) -> str:
    """The source's ``---`` block with only the keys whose value differs in ``data`` rewritten.

    Keys kept as they were stay byte for byte (comments, quoting, dates, ``01234``:
    re-dumping would turn YAML 1.1's octal into 668); keys new in ``data`` go at the end.
    """
    if not front.present or not front.spans:
        return dump_front_matter(data)
    out = lines[: front.spans[0][1]]
    for key, start, end in front.spans:
        if key not in data:
            continue
        old = front.data.get(key)
        if data[key] == old and type(data[key]) is type(old):
            out.extend(lines[start:end])
            continue
        kept = end
        while kept > start + 1 and (not lines[kept - 1].strip() or lines[kept - 1][0] == "#"):
            kept -= 1
        out.extend(_dump({key: data[key]}))
        out.extend(lines[kept:end])
    added = {key: value for key, value in data.items() if key not in front.data}
    out.extend(_dump(added) if added else [])
    return f"{DELIMITER}\n" + "".join(line + "\n" for line in out[1:]) + f"{DELIMITER}\n"


def _dump(data: dict[str, Any]) -> list[str]:
    return _yaml(data).splitlines()


class _Dumper(yaml.SafeDumper):
    """Multi-line strings as ``|`` blocks, as a person writes them (PyYAML quotes them)."""


def _represent_str(dumper: Any, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value.rstrip("\n") else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_str)


# libyaml's emitter writes what PyYAML's does for one-line strings of printable BMP
# characters shorter than the line width (tests/test_frontmatter_emit.py compares them);
# anything else (tabs, line breaks, emoji, long values, numbers, dates) takes PyYAML's.
_EMITS_ALIKE = re.compile(r"[\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd]{0,400}")
_FAST_DUMPER: Any = None
if yaml.__with_libyaml__:

    class _CDumper(yaml.CSafeDumper):
        """``_Dumper`` on libyaml's emitter."""

    _CDumper.add_representer(str, _represent_str)
    _FAST_DUMPER = _CDumper


def _simple(data: dict[str, Any]) -> bool:
    """Whether every key and value is a short printable string (or a list of them)."""
    for key, value in data.items():
        items = value if type(value) is list else [value]
        for text in (key, *items):
            if type(text) is not str or not _EMITS_ALIKE.fullmatch(text):
                return False
    return True


def _yaml(data: dict[str, Any]) -> str:
    dumper = _FAST_DUMPER if _FAST_DUMPER is not None and _simple(data) else _Dumper
    return yaml.dump(data, Dumper=dumper, allow_unicode=True, sort_keys=False, width=1000)


def dump_front_matter(data: dict[str, Any]) -> str:
    """The ``---`` block for ``data``, keys in the given order, Unicode kept readable."""
    return f"{DELIMITER}\n{_yaml(data)}{DELIMITER}\n"
