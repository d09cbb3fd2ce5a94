"""What the last build made of each page, so that a build redoes only pages whose inputs changed.

Kept in ``build/cache/build.json`` (deleting it, or anything under ``build/``, only
costs a full build). A page (one article in one locale) is assessed again only when
its source or PO file changed size or mtime, and rendered again only when, besides,
the set of pages built (its links point to them) or its output file changed. A key
over Accord's code (:mod:`accord.steps.codedigest`), the settings, ``--approved-only``
and the list of articles guards the whole. The build's manifest (``buildfiles``)
still records every page.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from accord import safefile
from accord.config import Config
from accord.fsutil import write_text_if_changed
from accord.steps.codedigest import code_digest
from accord.steps.syncstate import digest
from accord.workspace import ArticleRef

FORMAT = 1
Stat = tuple[int, int] | None  # size, mtime_ns; None: no such file


@dataclass(frozen=True)
class PageRecord:
    """One page as the last build left it."""

    inputs: tuple[Stat, Stat]  # source, PO file
    built: bool
    completeness: float
    reason: str | None
    links: str = ""  # digest of the pages built when the page was rendered
    output: Stat = None  # the rendered file as written


def stat_of(path: Path) -> Stat:
    """The file's (size, mtime_ns), None when there is none."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (info.st_size, info.st_mtime_ns)


def build_key(config: Config, articles: Iterable[ArticleRef], approved_only: bool) -> str:
    """A digest of everything that shapes every page besides its own files."""
    return digest(code_digest().encode(), repr(config).encode(), str(approved_only).encode(),
                  *(f"{a.languages}/{a.slug}/{a.path}".encode() for a in articles))


def links_digest(built: Iterable[tuple[str, str]]) -> str:
    """A digest of the (locale, slug) pages built: a page's links depend on them."""
    return digest(*(f"{locale}/{slug}".encode() for locale, slug in sorted(built)))


def _path(build_dir: Path) -> Path:
    return build_dir / "cache" / "build.json"


def load(build_dir: Path, key: str) -> dict[str, PageRecord]:
    """The records of the last build with this key (none when missing, damaged or other)."""
    try:
        data = json.loads(safefile.read_bytes(_path(build_dir)))
        if data.get("format") != FORMAT or data.get("key") != key:
            return {}
        return {str(name): _record(raw) for name, raw in data["pages"].items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


def save(build_dir: Path, key: str, records: dict[str, PageRecord]) -> None:
    """Write the records (a cache that cannot be written only costs speed)."""
    pages = {name: _raw(records[name]) for name in sorted(records)}
    text = json.dumps({"format": FORMAT, "key": key, "pages": pages}, ensure_ascii=False)
    with contextlib.suppress(OSError):
        write_text_if_changed(safefile.no_links_below(build_dir, _path(build_dir)), text)


def unchanged(known: PageRecord | None, now: PageRecord, output: Path) -> bool:
    """True if the page's output is the one the last build rendered from the same inputs."""
    return (
        known is not None
        and known.built
        and known.inputs == now.inputs
        and known.links == now.links
        and known.output is not None
        and known.output == stat_of(output)
    )


def _stat(raw: Any) -> Stat:
    return None if raw is None else (int(raw[0]), int(raw[1]))


def _record(raw: list[Any]) -> PageRecord:
    source, po, built, share, reason, links, output = raw
    return PageRecord((_stat(source), _stat(po)), bool(built), float(share),
                      None if reason is None else str(reason), str(links), _stat(output))


def _raw(record: PageRecord) -> list[Any]:
    return [*record.inputs, record.built, record.completeness, record.reason, record.links,
            record.output]
