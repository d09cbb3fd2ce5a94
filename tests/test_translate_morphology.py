"""MT through a local LibreTranslate-style server, with the repository's own glossary:
enforcement changes only what ``check`` flags, and Russian names take the case the
sentence needs."""

from __future__ import annotations

import shutil
from pathlib import Path

import polib
import pytest

from accord.checks.finding import Where
from accord.checks.glossary import check_glossary
from accord.glossary import load_glossary
from accord.mt.enforce import enforce, protect, restore
from servers import FakeProvider, fake_translate
from test_translate import HEADER, run

pytest_plugins = ["servers.fixtures"]
REPO = Path(__file__).parent.parent

MSGIDS = [
    "Allianz shares rose after the alliance summit in Tehran.",
    "Tehran's negotiators met Sergey Lavrov.",
    "The talks with Sergey Lavrov lasted long.",
    "Dmitry Peskov spoke about Sergey Lavrov.",
]
# What the engine answers, by the protected text it was sent (names are placeholders)
# or by the plain text (after a lost placeholder).
ANSWERS = {
    "de": {
        "Allianz shares rose after the alliance summit in ph0@x.zz.":
            "Die Allianz-Aktien stiegen nach dem Allianz-Gipfel in ph0@x.zz.",
        "ph0@x.zz's negotiators met ph1@x.zz.": "Die Teheraner Unterhändler trafen ph1@x.zz.",
        "Tehran's negotiators met Sergey Lavrov.":
            "Die Teheraner Unterhändler trafen Sergej Lawrow.",
        "The talks with ph0@x.zz lasted long.": "Die Gespräche mit ph0@x.zz dauerten lange.",
        "ph0@x.zz spoke about ph1@x.zz.": "ph0@x.zz sprach über ph1@x.zz.",
    },
    "ru": {
        "Allianz shares rose after the alliance summit in ph0@x.zz.":
            "Акции Allianz выросли после саммита альянса в ph0@x.zz.",
        "ph0@x.zz's negotiators met ph1@x.zz.":
            "Переговорщики ph0@x.zz встретились с ph1@x.zz.",
        "The talks with ph0@x.zz lasted long.": "Переговоры с ph0@x.zz длились долго.",
        "ph0@x.zz spoke about ph1@x.zz.": "ph0@x.zz рассказал о Сергее Лаврове.",
        "Dmitry Peskov spoke about Sergey Lavrov.":
            "Дмитрий Песков рассказал о Сергее Лаврове.",
    },
}
EXPECTED = {
    "de": [
        "Die Allianz-Aktien stiegen nach dem Bündnis-Gipfel in Teheran.",
        "Die Teheraner Unterhändler trafen Sergej Lawrow.",
        "Die Gespräche mit Sergej Lawrow dauerten lange.",
        "Dmitri Peskow sprach über Sergej Lawrow.",
    ],
    "ru": [
        "Акции Allianz выросли после саммита союза в Тегеране.",
        "Переговорщики Тегерана встретились с Сергеем Лавровым.",
        "Переговоры с Сергеем Лавровым длились долго.",
        "Дмитрий Песков рассказал о Сергее Лаврове.",
    ],
}


@pytest.fixture
def repo(tmp_path: Path, provider: FakeProvider) -> Path:
    """A repository with the project's glossary, one article and de/ru PO files."""
    (tmp_path / "pyproject.toml").write_text(
        '[tool.accord]\nlocales = ["de", "ru"]\n\n[tool.accord.translate]\nengine = "libre"\n\n'
        f'[tool.accord.engines.libre]\nurl = "{provider.url}"\ntimeout = 2\nretries = 1\n',
        encoding="utf-8")
    (tmp_path / "sources" / "en").mkdir(parents=True)
    (tmp_path / "sources" / "en" / "treaty.md").write_text("Text.\n", encoding="utf-8")
    shutil.copytree(REPO / "glossary", tmp_path / "glossary")
    body = "".join(f'\n#: sources/en/treaty.md:{i}\nmsgid "{m}"\nmsgstr ""\n'
                   for i, m in enumerate(MSGIDS, 1))
    for locale in ("de", "ru"):
        folder = tmp_path / "locales" / locale
        folder.mkdir(parents=True)
        (folder / "treaty.po").write_text(HEADER.format(locale=locale) + body, encoding="utf-8")
    # The fake provider swaps the words it knows before ``mangle`` sees the text.
    answers = {(target, fake_translate(sent, target)): answer
               for target, table in ANSWERS.items() for sent, answer in table.items()}
    provider.mangle = lambda text, target: answers.get((target, text), text)
    return tmp_path


@pytest.mark.parametrize("locale", ["de", "ru"])
def test_engine_output_is_enforced_as_check_sees_it(repo: Path, locale: str) -> None:
    """The insurer's shares and "Teheraner" stay; the engine's "Allianz"/"альянс" for the
    house term is fixed; restored Russian names are declined."""
    summary = run(repo)
    assert summary.failed == 0
    po = polib.pofile(str(repo / "locales" / locale / "treaty.po"))
    got = [po.find(m).msgstr for m in MSGIDS]
    assert got == EXPECTED[locale]
    assert summary.flagged == 0


@pytest.mark.parametrize("locale", ["de", "ru"])
def test_every_change_is_a_change_check_fix_would_make(locale: str) -> None:
    """Each fix enforcement makes replaces a forbidden variant that ``check`` reports."""
    glossary = load_glossary(REPO / "glossary")
    for msgid in MSGIDS:
        protected = protect(glossary, msgid, "en", locale)
        restored = restore(ANSWERS[locale].get(protected.text, protected.text), protected,
                           "en", locale)
        if restored is None:
            continue
        flagged = {(f.check, f.found) for f in check_glossary(
            glossary, msgid, restored, "en", locale, where=Where())}
        for fix in enforce(glossary, protected, restored, "en", locale).fixes:
            assert ("glossary-forbidden", fix.found) in flagged, (msgid, fix)
