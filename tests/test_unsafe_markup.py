"""unsafe-markup: HTML, event handlers and script URLs a translation adds: errors, never built."""

from __future__ import annotations

from pathlib import Path

import pytest

from accord.checks.unsafe import unsafe_additions
from helpers import accord, make_repo

PAYLOADS = [
    ("Hello.", "Hallo <script>alert(1)</script>.", "<script>"),
    ("Text.", "Text <img src=x onerror=alert(1)>.", "onerror="),
    ("See [it](https://example.org).", "Siehe [es](javascript:alert(1)).", "javascript:"),
    ("See [it](https://example.org).", "Siehe [es](JaVa&#115;cript:alert(1)).", "javascript:"),
    ("See [it](https://example.org).", "Siehe [es](java\tscript:alert(1)).", "javascript:"),
    ("Text.", "Text <javascript:alert(1)>.", "javascript:"),
    ("Text.", 'Text <a href="data:text/html,x">y</a>.', "data:"),
    ("Text.", "Text [y](vbscript:msgbox).", "vbscript:"),
    ("Text.", "Text\n\n[y]: javascript:alert(1)", "javascript:"),
]
SAFE = [
    ("An <b>image</b>.", "Ein <b>Bild</b>."),  # the source has it
    ("Code `<script>`.", "Code `<script>`."),
    ("Use `x` here.", "Nimm `<script>` hier."),  # a code span is shown, not run
    ("Data: the numbers.", "Daten: data: die Zahlen."),  # prose, not a URL
    ("See [it](https://example.org).", "Siehe [es](https://example.org)."),
]


@pytest.mark.parametrize(("msgid", "msgstr", "feature"), PAYLOADS)
def test_added_html_handlers_and_script_urls_are_found(msgid: str, msgstr: str,
                                                       feature: str) -> None:
    """Each payload is named by what it adds."""
    assert feature in unsafe_additions(msgid, msgstr)


@pytest.mark.parametrize(("msgid", "msgstr"), SAFE)
def test_what_the_source_has_or_code_shows_is_safe(msgid: str, msgstr: str) -> None:
    """Markup the source already has, code spans and prose are not unsafe."""
    assert unsafe_additions(msgid, msgstr) == []


def test_check_reports_and_build_publishes_the_source_instead(tmp_path: Path) -> None:
    """check exits 1 with unsafe-markup; build writes the source paragraph, not the payload."""
    make_repo(tmp_path, ["de"], {"story": "# Title\n\nSee [it](https://example.org).\n"})
    assert accord(tmp_path, "sync").returncode == 0
    po = tmp_path / "locales" / "de" / "story.po"
    text = po.read_text(encoding="utf-8")
    text = text.replace('msgid "Title"\nmsgstr ""', 'msgid "Title"\nmsgstr "Titel"')
    text = text.replace('msgid "See [it](https://example.org)."\nmsgstr ""',
                        'msgid "See [it](https://example.org)."\n'
                        'msgstr "Siehe [es](javascript:alert(1)) <img src=x onerror=alert(1)>."')
    po.write_text(text, encoding="utf-8")
    checked = accord(tmp_path, "check")
    assert checked.returncode == 1
    assert "unsafe-markup" in checked.stdout
    (tmp_path / "pyproject.toml").write_text('[tool.accord]\nlocales = ["de"]\nthreshold = 0\n')
    built = accord(tmp_path, "build")
    assert built.returncode == 0, built.stderr
    page = (tmp_path / "build" / "site" / "de" / "story.md").read_text(encoding="utf-8")
    assert "Titel" in page
    assert "javascript:" not in page
    assert "onerror" not in page
    assert "See [it](https://example.org)." in page
