"""The project's glossary remembered in ``build/cache/glossary.json`` by the sync key.

Composing a 1,000-concept glossary's YAML is the largest fixed cost of a sync that has
little to do; the concepts it yields are plain data, so they are kept as JSON (never
pickle: ``build/`` may come from someone else) under the sync key, which digests the
glossary's files. Deleting the file only costs one full load.
"""

from __future__ import annotations

import contextlib
import json
from dataclasses import asdict, fields
from pathlib import Path
from typing import Any

from accord import safefile
from accord.fsutil import write_text_if_changed
from accord.glossary import Glossary, make_glossary
from accord.glossary.model import Concept, Kind
from accord.steps.codedigest import code_digest

FORMAT = 1
_TABLES = ("terms", "forms", "forbidden", "ignore")


def _path(cache_dir: Path) -> Path:
    return cache_dir / "glossary.json"


def _concept(raw: dict[str, Any]) -> Concept:
    values = {f.name: raw[f.name] for f in fields(Concept)}
    values["kind"] = Kind(values["kind"])
    for table in _TABLES:
        values[table] = {locale: tuple(items) for locale, items in values[table].items()}
    return Concept(**values)


def _raw(concept: Concept) -> dict[str, Any]:
    raw = asdict(concept)
    raw["kind"] = concept.kind.value
    return raw


def recall(cache_dir: Path, glossary_dir: Path, key: str) -> Glossary | None:
    """The glossary last loaded with ``key`` (None when not kept, or a file became a link)."""
    files = sorted([*glossary_dir.glob("*.yaml"), *glossary_dir.glob("*.yml")])
    if any(path.is_symlink() for path in files):
        return None  # load_glossary decides about links, with its message
    try:
        data = json.loads(safefile.read_bytes(_path(cache_dir)))
        if data.get("format") != FORMAT or data.get("code") != code_digest():
            return None
        if data.get("key") != key:
            return None
        return make_glossary([_concept(raw) for raw in data["concepts"]])
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def load(cache_dir: Path, glossary_dir: Path, key: str) -> Glossary:
    """:func:`load_glossary`, from the cache when the key says nothing changed."""
    known = recall(cache_dir, glossary_dir, key)
    if known is not None:
        return known
    from accord.glossary import load_glossary  # noqa: PLC0415  (the YAML parser: on a miss)

    glossary = load_glossary(glossary_dir)
    payload = {"format": FORMAT, "code": code_digest(), "key": key,
               "concepts": [_raw(c) for c in glossary.concepts]}
    with contextlib.suppress(OSError):  # a cache that cannot be written only costs speed
        path = safefile.no_links_below(cache_dir.parent, _path(cache_dir))
        path.parent.mkdir(parents=True, exist_ok=True)
        write_text_if_changed(path, json.dumps(payload, ensure_ascii=False))
    return glossary
