"""The package's layers: imports run down the pipeline only, and files are touched only
at its edges (the contract of README's "Layout" section)."""

from __future__ import annotations

import ast
import fnmatch
import re
import tomllib
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "accord"

# From the bottom up. A unit (a top-level module or sub-package of accord) may import
# its own modules and units of lower layers, never a unit of its own or a higher layer.
LAYERS: list[set[str]] = [
    {"redact", "readable"},
    {"errors"},
    {"locales", "ids", "fsutil", "textcodec", "safefile", "safeyaml", "root"},
    {"catalog"},
    {"source", "review"},
    {"config"},
    {"workspace"},
    {"glossary"},
    {"merge"},
    {"checks"},
    {"mt"},
    {"report"},
    {"steps"},
    {"tasks", "serve", "cli", "fastcli", "entry", "__main__"},
]
LAYER = {unit: index for index, units in enumerate(LAYERS) for unit in units}
# The command-line and browser front ends: they call each other lazily (a task starts
# the server, help text is rendered by the CLI's program), and nothing below them
# imports any of them.
EDGE = LAYERS[-1]

# Where files may be read or written: the steps and tasks (DESIGN §2), the engines'
# cache, the catalog's read_po/write_po, and the base modules whose job is the
# repository itself. Everything else is pure.
IO_ALLOWED = ("steps/", "tasks/", "serve/", "mt/engines/", "catalog/pofile.py",
              "catalog/casfile.py", "fsutil.py", "safefile.py", "config.py", "root.py",
              "workspace.py", "glossary/load.py", "cli.py")
IO_CALL = re.compile(
    r"\.(read_text|write_text|read_bytes|write_bytes|unlink|rmdir|mkdir|iterdir|rglob|glob)\("
    r"|\bopen\(|\bos\.(replace|remove|scandir|walk|rename)\(|\bshutil\.|\bsubprocess\.")


# Two or more state names in a row, quoted: a hand-written copy of the states' list.
STATE_LIST = re.compile(
    r"[\"'](untranslated|machine|fuzzy|translated|approved|rejected)[\"'],\s*"
    r"[\"'](untranslated|machine|fuzzy|translated|approved|rejected)[\"']")


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def _unit(dotted: str) -> str:
    parts = dotted.split(".")
    return parts[1] if len(parts) > 1 else "accord"


def _imports(path: Path) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "accord":
                found += [(node.lineno, f"accord.{a.name}") for a in node.names]
            elif node.module.startswith("accord."):
                found.append((node.lineno, node.module))
        elif isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names if a.name.startswith("accord.")]
    return found


def test_every_unit_has_a_layer() -> None:
    """Each module and sub-package of accord is placed in the layer table."""
    units = {p.relative_to(PACKAGE).parts[0].removesuffix(".py") for p in _modules()}
    assert units - {"__init__"} <= set(LAYER), sorted(units - {"__init__"} - set(LAYER))


@pytest.mark.parametrize("path", _modules(), ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_imports_run_down_the_layers(path: Path) -> None:
    """No module imports from its own layer's other units or from a layer above it."""
    rel = path.relative_to(PACKAGE)
    own = rel.parts[0].removesuffix(".py")
    if own == "__init__":
        return
    wrong = []
    for line, dotted in _imports(path):
        unit = _unit(dotted)
        if unit in {own, "accord", "__version__"} or dotted == "accord.__version__":
            continue
        if own in EDGE and unit in EDGE:
            continue
        if LAYER.get(unit, 99) >= LAYER[own]:
            wrong.append(f"{rel}:{line}: {own} imports {dotted}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("path", _modules(), ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_files_are_touched_only_at_the_edges(path: Path) -> None:
    """File-system and process calls appear only in the steps, tasks and base modules."""
    rel = path.relative_to(PACKAGE).as_posix()
    if rel.startswith(IO_ALLOWED) or rel in IO_ALLOWED:
        return
    calls = [f"{rel}:{number}: {line.strip()}"
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if IO_CALL.search(line) and not line.lstrip().startswith(("#", '"', "'"))
             and "resources.files(" not in line]  # package data, not repository files
    assert not calls, "\n".join(calls)


def test_the_contract_can_fail(tmp_path: Path) -> None:
    """The import scan sees an upward import, the state scan a copied list (not vacuous)."""
    module = tmp_path / "m.py"
    module.write_text("from accord.steps.sync import sync_project\n", encoding="utf-8")
    assert _imports(module) == [(1, "accord.steps.sync")]
    assert LAYER["steps"] > LAYER["catalog"]
    assert STATE_LIST.search('complete = ("translated", "approved")')


@pytest.mark.parametrize("path", _modules(), ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_the_review_states_are_listed_once(path: Path) -> None:
    """Only the State enum names the six review states; every other list is derived from it."""
    if path.relative_to(PACKAGE).as_posix() == "review/state.py":
        return
    text = path.read_text(encoding="utf-8")
    assert not STATE_LIST.search(text), path.relative_to(PACKAGE).as_posix()


def test_every_file_a_page_needs_is_package_data() -> None:
    """Each template, style sheet and script beside the code is matched by package-data."""
    pyproject = tomllib.loads((PACKAGE.parent.parent / "pyproject.toml").read_text("utf-8"))
    globs = pyproject["tool"]["setuptools"]["package-data"]["accord"]
    data = [p.relative_to(PACKAGE).as_posix() for p in PACKAGE.rglob("*")
            if p.is_file() and p.suffix not in (".py", ".pyc")]
    assert data, "no package data found"
    assert [d for d in data if not any(fnmatch.fnmatch(d, g) for g in globs)] == []
