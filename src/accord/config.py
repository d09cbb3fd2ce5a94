"""Project settings from pyproject ``[tool.accord]`` → a frozen Config.

With no pyproject.toml, or no ``[tool.accord]`` table, the conventions of
DESIGN.md §1 alone apply.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from accord.errors import ConfigError
from accord.locales import normalise_locale
from accord.review.state import COMPLETE_BY_DEFAULT, STATE_NAMES
from accord.source.keys import TRANSLATABLE_KEYS

PYPROJECT = "pyproject.toml"
POREFS_MODES = ("full", "file", "none")
LAYOUTS = ("folders", "suffix")


@dataclass(frozen=True)
class EngineSettings:
    """Settings of one machine-translation engine (``[tool.accord.engines.<name>]``)."""

    name: str
    url: str | None = None
    timeout: float = 20.0
    concurrency: int = 16
    retries: int = 5
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class TranslateSettings:
    """``[tool.accord.translate]``: default engine and per-locale engines."""

    engine: str = "google"
    locales: dict[str, str] = field(default_factory=dict)
    engines: dict[str, EngineSettings] = field(default_factory=dict)

    def engine_for(self, locale: str) -> str:
        """The engine configured for ``locale``, else the default."""
        return self.locales.get(locale, self.engine)

    def settings_for(self, engine: str) -> EngineSettings:
        """The settings of ``engine`` (defaults when it has no table)."""
        return self.engines.get(engine, EngineSettings(name=engine))


@dataclass(frozen=True)
class Config:
    """Where things are and how Accord treats them; every path is absolute."""

    root: Path
    sources_dir: Path
    locales_dir: Path
    glossary_dir: Path
    build_dir: Path
    locales: tuple[str, ...]
    porefs: str = "full"
    threshold: float = 0.8
    complete_states: tuple[str, ...] = COMPLETE_BY_DEFAULT
    primary_language: str | None = None
    translatable_keys: tuple[str, ...] = TRANSLATABLE_KEYS
    layout: str = "folders"  # or "suffix": post.md + post.de.md
    translate: TranslateSettings = field(default_factory=TranslateSettings)

    @property
    def site_dir(self) -> Path:
        """``build/site``: translated articles."""
        return self.build_dir / "site"

    @property
    def reports_dir(self) -> Path:
        """``build/reports``: reviewer reports."""
        return self.build_dir / "reports"

    @property
    def cache_dir(self) -> Path:
        """``build/cache``: incremental-sync hashes, MT cache."""
        return self.build_dir / "cache"

    def relative(self, path: Path) -> str:
        """``path`` relative to the repository root, with forward slashes."""
        # Paths built from the Config's own (resolved) folders need no resolve(): a
        # syscall per file adds up over thousands of PO files.
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            pass
        try:
            return path.resolve().relative_to(self.root).as_posix()
        except (ValueError, OSError, RuntimeError):  # outside, or a loop of links
            return path.as_posix()


def load_config(root: Path | str = ".") -> Config:
    """Read ``root/pyproject.toml`` (if any) and return the project's Config."""
    root = Path(root).resolve()
    pyproject = root / PYPROJECT
    table: dict[str, Any] = {}
    text = ""
    if pyproject.is_file():
        raw = pyproject.read_bytes()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            at = raw[: error.start].count(b"\n") + 1
            raise ConfigError("not valid UTF-8 (TOML is UTF-8)", PYPROJECT, at) from None
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as error:
            where = re.search(r" \(at (?:line (\d+), column \d+|end of document)\)$", str(error))
            problem = str(error)[: where.start()] if where else str(error)
            line: int | None = None
            if where:
                line = int(where.group(1)) if where.group(1) else text.count("\n") or 1
            raise ConfigError(f"invalid TOML: {problem}", PYPROJECT, line) from None
        table = data.get("tool", {}).get("accord", {})
        if not isinstance(table, dict):
            raise ConfigError("[tool.accord] must be a table", path=PYPROJECT)
    try:
        return config_from_table(root, table)
    except ConfigError as error:
        if error.path != PYPROJECT or error.line is not None:
            raise
        raise ConfigError(error.message, PYPROJECT, _line_of(text, error.message)) from None


def _line_of(text: str, message: str) -> int | None:
    """The pyproject.toml line a settings error is about: its key's, else its table's."""
    named = re.match(r"\[(tool\.accord[\w.-]*)\](?:: unknown key '([^']+)'| ([\w-]+):)", message)
    code = re.match(r"unknown locale code '([^']*)'", message)
    if not named and not code:
        return None
    section = named.group(1) if named else None
    key = (named.group(2) or named.group(3)) if named else None
    header = None
    fallback = None
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if stripped.startswith("["):
            header = stripped.strip("[] ")
            if header == section:
                fallback = number
            continue
        if not (header or "").startswith("tool.accord"):
            continue
        if code:
            value = re.escape(code.group(1))
            if re.search(rf"""(["']){value}\1|^\s*{value}\s*=""", line):
                return number
            continue
        assignment = rf"""\s*["']?{re.escape(key or "")}["']?\s*="""
        if header == section and key and re.match(assignment, line):
            return number
    return fallback


def config_from_table(root: Path, table: dict[str, Any]) -> Config:
    """Build a Config from the ``[tool.accord]`` table (pure: reads only the locales folder)."""
    known = {
        "sources",
        "locales_dir",
        "glossary",
        "build",
        "locales",
        "porefs",
        "threshold",
        "complete_states",
        "translate",
        "engines",
        "primary_language",
        "translatable_keys",
        "layout",
    }
    unknown = sorted(set(table) - known)
    if unknown:
        raise ConfigError(f"[tool.accord]: unknown key {unknown[0]!r}", path=PYPROJECT)

    def folder(key: str, default: str) -> Path:
        value = table.get(key, default)
        if not isinstance(value, str) or not value:
            raise ConfigError(f"[tool.accord] {key}: expected a folder name", path=PYPROJECT)
        try:
            resolved = (root / value).resolve()
        except (OSError, RuntimeError):
            raise ConfigError(
                f"[tool.accord] {key}: {value!r} is a loop of links", PYPROJECT
            ) from None
        # Accord writes in these folders: one outside the repository (/etc, ../..,
        # or a link to elsewhere) would let a task create or delete files there.
        if resolved == root or not resolved.is_relative_to(root):
            raise ConfigError(
                f"[tool.accord] {key}: {value!r} is not a folder inside the repository"
                + (" (it is a link)" if (root / value).is_symlink() else ""),
                path=PYPROJECT,
            )
        return resolved

    locales_dir = folder("locales_dir", "locales")
    codes = table.get("locales")
    if codes is None:
        # Hidden and private folders (.tx/, __pycache__/) hold tool state, not a locale.
        folders = (
            sorted(
                p.name
                for p in locales_dir.iterdir()
                if p.is_dir() and not p.name.startswith((".", "_"))
            )
            if locales_dir.is_dir()
            else []
        )
        rel = _relative(locales_dir, root)
        locales = tuple(dict.fromkeys(normalise_locale(c, f"{rel}/{c}") for c in folders))
    elif not isinstance(codes, list) or not all(isinstance(c, str) for c in codes):
        raise ConfigError("[tool.accord] locales: expected a list of locale codes", path=PYPROJECT)
    elif not codes:
        raise ConfigError(
            "[tool.accord] locales: the list is empty; name the target locales, or drop the"
            " key to use the folders in locales/",
            path=PYPROJECT,
        )
    else:
        locales = tuple(dict.fromkeys(normalise_locale(c, PYPROJECT) for c in codes))

    porefs = table.get("porefs", "full")
    if porefs not in POREFS_MODES:
        raise ConfigError(
            f"[tool.accord] porefs: expected one of {', '.join(POREFS_MODES)}", path=PYPROJECT
        )
    threshold, complete = _completion(table)
    primary = table.get("primary_language")
    if primary is not None and not isinstance(primary, str):
        raise ConfigError("[tool.accord] primary_language: expected a language code",
                          path=PYPROJECT)
    keys = table.get("translatable_keys", list(TRANSLATABLE_KEYS))
    if not isinstance(keys, list) or not all(
        isinstance(k, str) and re.fullmatch(r"[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*", k) for k in keys
    ):
        raise ConfigError(
            "[tool.accord] translatable_keys: expected a list of front-matter keys "
            "(dotted for nested ones: params.description)",
            path=PYPROJECT,
        )
    layout = table.get("layout", "folders")
    if layout not in LAYOUTS:
        raise ConfigError(
            f"[tool.accord] layout: expected one of {', '.join(LAYOUTS)}", path=PYPROJECT
        )
    if layout == "suffix" and not primary:
        raise ConfigError(
            "[tool.accord] primary_language: the suffix layout needs the language of "
            "files without a language suffix (post.md)",
            path=PYPROJECT,
        )
    sources_dir = folder("sources", "sources")
    if "sources" in table and not sources_dir.is_dir():
        # Otherwise a misspelt folder reads as "every article was deleted".
        raise ConfigError(f"[tool.accord] sources: no folder {table['sources']!r}", path=PYPROJECT)
    glossary_dir, build_dir = folder("glossary", "glossary"), folder("build", "build")
    _apart({"sources": sources_dir, "locales_dir": locales_dir, "glossary": glossary_dir,
            "build": build_dir})
    return Config(
        root=root,
        sources_dir=sources_dir,
        locales_dir=locales_dir,
        glossary_dir=glossary_dir,
        build_dir=build_dir,
        locales=locales,
        porefs=porefs,
        threshold=threshold,
        complete_states=complete,
        primary_language=normalise_locale(primary, PYPROJECT) if primary else None,
        translatable_keys=tuple(dict.fromkeys(keys)),
        layout=layout,
        translate=_translate_settings(table),
    )


def _completion(table: dict[str, Any]) -> tuple[float, tuple[str, ...]]:
    """``threshold`` and ``complete_states``: when an article counts as done."""
    threshold = table.get("threshold", 0.8)
    if isinstance(threshold, bool) or not isinstance(threshold, int | float) or not (
            0 <= threshold <= 1):
        raise ConfigError("[tool.accord] threshold: expected a number from 0 to 1", path=PYPROJECT)
    complete = table.get("complete_states", list(COMPLETE_BY_DEFAULT))
    if not isinstance(complete, list) or any(
            not isinstance(s, str) or s not in STATE_NAMES for s in complete):
        raise ConfigError(
            f"[tool.accord] complete_states: expected states among {', '.join(STATE_NAMES)}",
            path=PYPROJECT,
        )
    if not complete:
        raise ConfigError(
            "[tool.accord] complete_states: the list is empty, so no segment would ever "
            "count as done; name the states that do (default: translated, approved)",
            path=PYPROJECT,
        )
    return float(threshold), tuple(complete)


def _apart(folders: dict[str, Path]) -> None:
    """ConfigError unless the configured folders are apart: none is another or inside
    another (build/ is deleted from, locales/ rewritten, sources/ read as articles)."""
    named = list(folders.items())
    for n, (key, path) in enumerate(named):
        for other, there in named[n + 1:]:
            if path == there or path.is_relative_to(there) or there.is_relative_to(path):
                how = "the same folder as" if path == there else "nested with"
                raise ConfigError(f"[tool.accord] {key}: {how} {other}; keep the sources, "
                                  "locales, glossary and build folders apart",
                                  path=PYPROJECT)


def _translate_settings(table: dict[str, Any]) -> TranslateSettings:
    section = table.get("translate", {})
    engines_table = table.get("engines", {})
    if not isinstance(section, dict) or not isinstance(engines_table, dict):
        raise ConfigError(
            "[tool.accord.translate] and [tool.accord.engines] must be tables", path=PYPROJECT
        )
    per_locale = section.get("locales", {})
    if not isinstance(per_locale, dict):
        raise ConfigError("[tool.accord.translate.locales] must be a table", path=PYPROJECT)
    engines = {}
    for name, values in engines_table.items():
        if not isinstance(values, dict):
            raise ConfigError(f"[tool.accord.engines.{name}] must be a table", path=PYPROJECT)
        rest = {k: v for k, v in values.items() if k not in ENGINE_KEYS}
        limit = values.get("max_chars", MIN_MAX_CHARS)
        if not isinstance(limit, int) or isinstance(limit, bool) or limit < MIN_MAX_CHARS:
            # 0 or 1 would split every segment into requests of a character or none.
            raise ConfigError(
                f"[tool.accord.engines.{name}] max_chars: expected a whole number"
                f" ≥ {MIN_MAX_CHARS} (characters per request)",
                PYPROJECT,
            )
        url = values.get("url")
        if url is not None and not isinstance(url, str):
            raise ConfigError(f"[tool.accord.engines.{name}] url: expected a string", PYPROJECT)
        engines[name] = EngineSettings(
            name=name,
            url=url,
            timeout=_number(values, "timeout", 20.0, name, float),
            concurrency=int(_number(values, "concurrency", 16, name, int)),
            retries=int(_number(values, "retries", 5, name, int)),
            extra=rest,
        )
    return TranslateSettings(
        engine=str(section.get("engine", "google")),
        locales={normalise_locale(k, PYPROJECT): str(v) for k, v in per_locale.items()},
        engines=engines,
    )


def _relative(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


ENGINE_KEYS = frozenset({"url", "timeout", "concurrency", "retries"})
MIN_MAX_CHARS = 100  # below this a sentence no longer fits in one request


def _number(values: dict[str, Any], key: str, default: float, engine: str, kind: type) -> float:
    """A positive number from an engine table (``retries`` may be 0), else a ConfigError."""
    value = values.get(key, default)
    ok = isinstance(value, int | float) and not isinstance(value, bool)
    if ok and kind is int:
        ok = float(value).is_integer()
    lowest = 0 if key == "retries" else 1e-9
    if not ok or value < lowest:
        raise ConfigError(
            f"[tool.accord.engines.{engine}] {key}: expected a "
            f"{'whole ' if kind is int else ''}number{' ≥ 0' if key == 'retries' else ' > 0'}",
            path=PYPROJECT,
        )
    return float(value)
