"""Read and validate glossary YAML files; every problem names its file, line and key.

The files are composed with PyYAML's safe loader into nodes (which remember their
line), then validated node by node, so ``glossary/people.yaml:14: terms.de[1]:
expected a string`` points at the exact place.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import yaml

from accord import safefile, safeyaml
from accord.errors import ConfigError, GlossaryError
from accord.glossary.model import ALL, Concept, Kind
from accord.glossary.termbase import Glossary, make_glossary
from accord.locales import normalise_locale
from accord.textcodec import decode_utf8

ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
KEYS = ("id", "kind", "note", "terms", "forms", "forbidden", "ignore", "case", "exact", "derive",
        "status", "since")
STATUSES = ("approved", "proposed", "deprecated")
STR_TAG = "tag:yaml.org,2002:str"
BOOL_TAG = "tag:yaml.org,2002:bool"


def load_glossary(directory: Path) -> Glossary:
    """Merge every ``*.yaml``/``*.yml`` file of ``directory`` (sorted) into one Glossary."""
    concepts: list[Concept] = []
    if directory.is_dir():
        files = sorted([*directory.glob("*.yaml"), *directory.glob("*.yml")])
        for path in files:
            label = f"{directory.name}/{path.name}"
            if safefile.escapes(directory, path):
                # The folder sits inside the repository; a link out of it could read
                # any file of the machine into the glossary (and its errors).
                raise GlossaryError(
                    f"a symlink leading out of {directory.name}/: not read", path=label, line=1
                )
            data = safefile.read_located(path, label, GlossaryError)
            text = decode_utf8(data, label, GlossaryError)
            concepts.extend(parse_glossary(text, label))
    return make_glossary(concepts)


def parse_glossary(text: str, path: str = "<string>") -> list[Concept]:
    """The concepts of one glossary file's text; GlossaryError with path:line on any problem."""
    try:
        root = safeyaml.compose(text)  # libyaml's loader; the depth limit checked
    except safeyaml.YamlProblem as bad:
        raise GlossaryError(f"invalid YAML: {bad.message}", path=path, line=bad.line) from None
    except RecursionError:
        raise GlossaryError("invalid YAML: nested too deeply", path=path, line=1) from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(error, "problem", None) or str(error)
        raise GlossaryError(f"invalid YAML: {problem}", path=path, line=line) from None
    if root is None:
        return []
    if not isinstance(root, yaml.SequenceNode):
        raise GlossaryError("expected a list of concepts", path=path, line=_line(root))
    return [_concept(node, path) for node in root.value]


def _line(node: yaml.Node) -> int:
    return int(node.start_mark.line) + 1


def _fail(node: yaml.Node, path: str, key: str, message: str) -> GlossaryError:
    return GlossaryError(f"{key}: {message}", path=path, line=_line(node))


def _string(node: yaml.Node, path: str, key: str) -> str:
    if not isinstance(node, yaml.ScalarNode) or node.tag != STR_TAG:
        raise _fail(node, path, key, "expected a string")
    value = str(node.value).strip()
    if not value:
        raise _fail(node, path, key, "expected a non-empty string")
    return " ".join(value.split())


def _concept(node: yaml.Node, path: str) -> Concept:
    if not isinstance(node, yaml.MappingNode):
        raise GlossaryError("expected a concept (a mapping with id, kind, terms)",
                            path=path, line=_line(node))
    fields: dict[str, yaml.Node] = {}
    for key_node, value_node in node.value:
        key = str(key_node.value)
        if key not in KEYS:
            raise _fail(key_node, path, key, f"unknown key (expected one of {', '.join(KEYS)})")
        if key in fields:
            raise _fail(key_node, path, key, "duplicate key")
        fields[key] = value_node
    for required in ("id", "kind", "terms"):
        if required not in fields:
            raise GlossaryError(f"{required}: missing", path=path, line=_line(node))
    concept_id = _string(fields["id"], path, "id")
    if not ID_PATTERN.fullmatch(concept_id):
        raise _fail(fields["id"], path, "id", f"{concept_id!r} is not of the form [a-z0-9-]+")
    kind_text = _string(fields["kind"], path, "kind")
    try:
        kind = Kind(kind_text)
    except ValueError:
        raise _fail(fields["kind"], path, "kind",
                    f"{kind_text!r} is not one of name, term, brand, trap") from None
    terms = _locale_lists(fields["terms"], path, "terms")
    if not terms:
        raise _fail(fields["terms"], path, "terms", "expected at least one locale")
    forms = _locale_lists(fields["forms"], path, "forms") if "forms" in fields else {}
    forbidden = (_locale_lists(fields["forbidden"], path, "forbidden")
                 if "forbidden" in fields else {})
    ignore = _locale_lists(fields["ignore"], path, "ignore") if "ignore" in fields else {}
    case_sensitive, exact, status, since = _options(fields, path, kind)
    derive = _flag(fields, path, "derive", default=True)
    note = _string(fields["note"], path, "note") if "note" in fields else None
    _check_conflicts(fields, terms, forms, forbidden, case_sensitive=case_sensitive, path=path)
    return Concept(
        id=concept_id, kind=kind, terms=terms, forms=forms, forbidden=forbidden, ignore=ignore,
        case_sensitive=case_sensitive, exact=exact, derive=derive, note=note, status=status,
        since=since, file=path, line=_line(node),
    )


def _options(
    fields: dict[str, yaml.Node], path: str, kind: Kind
) -> tuple[bool, bool, str | None, str | None]:
    """``case``, ``exact``, ``status`` and ``since`` of a concept, validated."""
    case_sensitive = kind in (Kind.NAME, Kind.TRAP)
    if "case" in fields:
        case = _string(fields["case"], path, "case")
        if case not in ("sensitive", "insensitive"):
            raise _fail(fields["case"], path, "case", "expected sensitive or insensitive")
        case_sensitive = case == "sensitive"
    exact = _flag(fields, path, "exact", default=kind is Kind.TRAP)
    status = None
    if "status" in fields:
        status = _string(fields["status"], path, "status")
        if status not in STATUSES:
            raise _fail(fields["status"], path, "status", f"expected one of {', '.join(STATUSES)}")
    since = None
    if "since" in fields:
        since = str(fields["since"].value) if isinstance(fields["since"], yaml.ScalarNode) else ""
        try:
            datetime.date.fromisoformat(since)
        except ValueError:
            raise _fail(fields["since"], path, "since", "expected a date YYYY-MM-DD") from None
    return case_sensitive, exact, status, since


def _flag(fields: dict[str, yaml.Node], path: str, key: str, *, default: bool) -> bool:
    """A true/false option of a concept (``exact``, ``derive``)."""
    if key not in fields:
        return default
    node = fields[key]
    if not isinstance(node, yaml.ScalarNode) or node.tag != BOOL_TAG:
        raise _fail(node, path, key, "expected true or false")
    return str(node.value).lower() in ("true", "yes", "on", "y")


def _locale_lists(node: yaml.Node, path: str, key: str) -> dict[str, tuple[str, ...]]:
    if not isinstance(node, yaml.MappingNode):
        raise _fail(node, path, key, "expected a mapping of locale → list of strings")
    table: dict[str, tuple[str, ...]] = {}
    for key_node, value_node in node.value:
        raw = str(key_node.value)
        where = f"{key}.{raw}"
        if raw == ALL:
            locale = ALL
        else:
            try:
                locale = normalise_locale(raw)
            except ConfigError:
                raise _fail(key_node, path, where, f"unknown locale code {raw!r}") from None
        if locale in table:
            raise _fail(key_node, path, where, "duplicate locale")
        if isinstance(value_node, yaml.ScalarNode):
            values = [_string(value_node, path, where)]
        elif isinstance(value_node, yaml.SequenceNode):
            values = [_string(item, path, f"{where}[{i}]")
                      for i, item in enumerate(value_node.value)]
        else:
            raise _fail(value_node, path, where, "expected a list of strings")
        if not values:
            raise _fail(value_node, path, where, "expected at least one string")
        table[locale] = tuple(values)
    return table


def _check_conflicts(
    fields: dict[str, yaml.Node],
    terms: dict[str, tuple[str, ...]],
    forms: dict[str, tuple[str, ...]],
    forbidden: dict[str, tuple[str, ...]],
    *,
    case_sensitive: bool,
    path: str,
) -> None:
    """A form both preferred (or an explicit form) and forbidden in one locale is an error."""

    def norm(text: str) -> str:
        return text if case_sensitive else text.lower()

    for locale, variants in forbidden.items():
        allowed = {norm(t) for t in terms.get(locale, ()) + forms.get(locale, ())}
        if locale != ALL:
            allowed |= {norm(t) for t in terms.get(ALL, ())}
        for index, variant in enumerate(variants):
            if norm(variant) in allowed:
                raise _fail(
                    _item_node(fields["forbidden"], locale, index), path,
                    f"forbidden.{locale}[{index}]",
                    f"{variant!r} is both preferred and forbidden in {locale}",
                )


def _item_node(node: yaml.Node, locale: str, index: int) -> yaml.Node:
    for key_node, value_node in node.value:
        if str(key_node.value) in (locale, locale.replace("_", "-")) or (
            _safe_locale(str(key_node.value)) == locale
        ):
            if isinstance(value_node, yaml.SequenceNode):
                return value_node.value[index]
            return value_node
    return node


def _safe_locale(raw: str) -> str | None:
    try:
        return normalise_locale(raw)
    except ConfigError:
        return None
