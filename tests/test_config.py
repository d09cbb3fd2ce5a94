"""Configuration and locale codes."""

from __future__ import annotations

from pathlib import Path

import pytest

from accord.config import config_from_table, load_config
from accord.errors import ConfigError
from accord.locales import is_rtl, normalise_locale


def test_locale_codes_are_normalised_by_babel() -> None:
    """pt-BR and pt_BR name the same locale."""
    assert normalise_locale("pt-BR") == "pt_BR"
    assert normalise_locale("de") == "de"


def test_unknown_locale_is_a_config_error() -> None:
    """An unknown code is a clear error, not a traceback."""
    with pytest.raises(ConfigError, match="unknown locale code 'xx'"):
        normalise_locale("xx")


def test_persian_is_right_to_left() -> None:
    """fa is written right to left, de is not."""
    assert is_rtl("fa")
    assert not is_rtl("de")


def test_conventions_apply_without_pyproject(tmp_path: Path) -> None:
    """With no pyproject.toml the locales are the folders under locales/."""
    (tmp_path / "locales" / "fr").mkdir(parents=True)
    (tmp_path / "locales" / "pt-BR").mkdir(parents=True)
    config = load_config(tmp_path)
    assert config.locales == ("fr", "pt_BR")
    assert config.porefs == "full"


def test_unknown_key_names_pyproject(tmp_path: Path) -> None:
    """A misspelt key is reported against pyproject.toml."""
    with pytest.raises(ConfigError, match=r"pyproject.toml: \[tool.accord\]: unknown key"):
        config_from_table(tmp_path, {"locale": ["de"]})
