"""PO headers: Plural-Forms from gettext's table, and editor-owned fields left alone."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from babel.messages import plurals

from accord.locales import _ACCORD_PLURALS, _GETTEXT_PLURALS, plural_forms
from helpers import accord, make_repo, msgfmt_check

# What gettext's msginit writes (gettext-tools' plural-table.c), for Accord's locales.
MSGINIT = {
    "fr": "nplurals=2; plural=(n > 1);",
    "pt_BR": "nplurals=2; plural=(n > 1);",
    "pt": "nplurals=2; plural=(n != 1);",
    "de": "nplurals=2; plural=(n != 1);",
    "es": "nplurals=2; plural=(n != 1);",
    "ja": "nplurals=1; plural=0;",
    "ru": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
          "(n%100<10 || n%100>=20) ? 1 : 2);",
}

POEDIT_HEADER = """\
msgid ""
msgstr ""
"Project-Id-Version: Corridor 2026\\n"
"PO-Revision-Date: 2026-11-30 18:02+0100\\n"
"Last-Translator: Claire Martin <claire@example.org>\\n"
"Language-Team: Rédaction française\\n"
"Language: fr\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"Plural-Forms: nplurals=2; plural=n>1;\\n"
"X-Source-Language: en\\n"
"X-Generator: Poedit 3.2.2\\n"
"""


@pytest.mark.parametrize(("locale", "expected"), sorted(MSGINIT.items()))
def test_plural_forms_follow_msginit(locale: str, expected: str) -> None:
    """A new file's Plural-Forms is the formula msginit writes, not CLDR's."""
    assert plural_forms(locale) == expected


def test_plural_forms_do_not_depend_on_babel(monkeypatch: pytest.MonkeyPatch) -> None:
    """A babel whose CLDR gives other rules changes no Plural-Forms of a listed language."""
    plural_forms.cache_clear()
    monkeypatch.setattr(plurals, "get_plural", lambda locale: "nplurals=9; plural=n;")
    try:
        assert plural_forms("fr") == MSGINIT["fr"]
        assert plural_forms("fa") == "nplurals=1; plural=0;"
    finally:
        plural_forms.cache_clear()


def test_every_table_formula_is_accepted_by_msgfmt(tmp_path: Path) -> None:
    """Each Plural-Forms in the tables compiles with msgfmt --check on a plural entry."""
    for code, formula in {**_GETTEXT_PLURALS, **_ACCORD_PLURALS}.items():
        nplurals = int(formula.split("nplurals=")[1].split(";")[0])
        forms = "".join(f'msgstr[{i}] "x{i}"\n' for i in range(nplurals))
        po = tmp_path / f"{code}.po"
        po.write_text(
            'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
            f'"Language: {code}\\n"\n"Plural-Forms: {formula}\\n"\n\n'
            f'msgid "one"\nmsgid_plural "many"\n{forms}',
            encoding="utf-8",
        )
        result = msgfmt_check(po)
        assert result.returncode == 0, f"{code}: {result.stderr}"


def test_a_file_poedit_saved_comes_back_byte_identical(tmp_path: Path) -> None:
    """Sync rewrites none of the header fields an editor owns (Poedit's save kept)."""
    root = make_repo(tmp_path / "repo", locales=["fr"])
    assert accord(root, "sync").returncode == 0
    po = root / "locales" / "fr" / "corridor.po"
    text = po.read_text(encoding="utf-8")
    body = text[text.index("\n\n") + 1:]
    po.write_text(POEDIT_HEADER + body, encoding="utf-8")
    before = po.read_bytes()
    result = accord(root, "sync")
    assert result.returncode == 0, result.stderr
    assert po.read_bytes() == before


def test_a_new_file_has_msginit_plural_forms_and_passes_msgfmt(tmp_path: Path) -> None:
    """A file sync creates for French carries msginit's formula and is valid for msgfmt."""
    root = make_repo(tmp_path / "repo", locales=["fr"])
    assert accord(root, "sync").returncode == 0
    po = root / "locales" / "fr" / "corridor.po"
    assert f'"Plural-Forms: {MSGINIT["fr"]}\\n"' in po.read_text(encoding="utf-8")
    assert msgfmt_check(po).returncode == 0


def test_committed_files_do_not_change_with_the_installed_babel(
        tmp_path: Path, repo_root: Path) -> None:
    """A sync over a clone of this repository leaves every committed file as it was."""
    root = repo_root
    if not (root / ".git").exists():
        pytest.skip("needs a git checkout of the repository")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(root), str(clone)], check=True)
    result = accord(clone, "sync")
    assert result.returncode == 0, result.stderr
    status = subprocess.run(["git", "status", "--porcelain"], cwd=clone, capture_output=True,
                            text=True, check=True).stdout
    assert status == ""
