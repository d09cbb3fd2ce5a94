"""The glossary kept in build/cache by the sync key: the same concepts, never stale."""

from __future__ import annotations

from pathlib import Path

from accord.config import load_config
from accord.glossary import load_glossary
from accord.steps import glossarycache
from accord.steps.syncstate import sync_key
from helpers import make_repo

GLOSSARY = """\
- id: araghchi
  kind: name
  terms:
    en: [Abbas Araghchi, Araghchi]
    de: [Abbas Araghtschi, Araghtschi]
  forbidden:
    de: [Araghchi]
  note: Iran's foreign minister
- id: alliance
  kind: term
  terms:
    en: [alliance]
    de: [Bündnis]
  forms:
    de: [Bündnisses]
  since: "2025-01-01"
"""


def _repo(tmp_path: Path) -> Path:
    root = make_repo(tmp_path / "repo")
    (root / "glossary").mkdir()
    (root / "glossary" / "terms.yaml").write_text(GLOSSARY, encoding="utf-8")
    return root


def test_a_recalled_glossary_has_the_concepts_of_a_fresh_load(tmp_path: Path) -> None:
    """The second load comes from build/cache and equals the YAML's, field by field."""
    config = load_config(_repo(tmp_path))
    key = sync_key(config)
    first = glossarycache.load(config.cache_dir, config.glossary_dir, key)
    assert (config.cache_dir / "glossary.json").is_file()
    recalled = glossarycache.recall(config.cache_dir, config.glossary_dir, key)
    assert recalled is not None
    assert recalled.concepts == first.concepts == load_glossary(config.glossary_dir).concepts


def test_an_edited_glossary_is_loaded_again(tmp_path: Path) -> None:
    """A changed file changes the sync key: the cache is not used, the new term is seen."""
    root = _repo(tmp_path)
    config = load_config(root)
    glossarycache.load(config.cache_dir, config.glossary_dir, sync_key(config))
    (root / "glossary" / "extra.yml").write_text(
        "- id: peskov\n  kind: name\n  terms:\n    en: [Dmitry Peskov]\n    de: [Dmitri Peskow]\n",
        encoding="utf-8")
    key = sync_key(config)
    assert glossarycache.recall(config.cache_dir, config.glossary_dir, key) is None
    glossary = glossarycache.load(config.cache_dir, config.glossary_dir, key)
    assert "peskov" in {c.id for c in glossary.concepts}
