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


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ({"timeout": "fast"}, "timeout: expected a number > 0"),
        ({"concurrency": 2.5}, "concurrency: expected a whole number > 0"),
        ({"retries": -1}, "retries: expected a whole number ≥ 0"),
        ({"url": 5}, "url: expected a string"),
    ],
)
def test_bad_engine_settings_are_config_errors(tmp_path: Path, table: dict, message: str) -> None:
    """A wrong value in [tool.accord.engines.X] names the key, not a traceback."""
    with pytest.raises(ConfigError, match=message):
        config_from_table(tmp_path, {"engines": {"libre": table}})


def test_engine_settings_are_read(tmp_path: Path) -> None:
    """url, timeout, concurrency and retries come from the engine's table."""
    config = config_from_table(
        tmp_path,
        {"engines": {"libre": {"url": "http://127.0.0.1:5000/", "timeout": 3, "retries": 0}}},
    )
    libre = config.translate.settings_for("libre")
    assert (libre.url, libre.timeout, libre.retries, libre.concurrency) == (
        "http://127.0.0.1:5000/",
        3.0,
        0,
        16,
    )


@pytest.mark.parametrize(("table", "message"), [
    ({"threshold": True}, "threshold: expected a number from 0 to 1"),
    ({"complete_states": []}, "complete_states: the list is empty"),
    ({"complete_states": [["approved"]]}, "complete_states: expected states among"),
    ({"locales_dir": "sources"}, "sources: the same folder as locales_dir"),
    ({"build": "locales"}, "locales_dir: the same folder as build"),
    ({"build": "locales/out"}, "locales_dir: nested with build"),
    ({"glossary": "build/glossary"}, "glossary: nested with build"),
])
def test_settings_that_make_no_sense_are_refused(
    tmp_path: Path, table: dict, message: str
) -> None:
    """A setting Accord would follow into a mess (a boolean threshold, nothing ever done,
    PO files written among the sources or into build/) is a ConfigError naming it."""
    (tmp_path / "sources" / "en").mkdir(parents=True)
    with pytest.raises(ConfigError, match=message):
        config_from_table(tmp_path, {"locales": ["de"], **table})
