"""No loss, end to end: random source edits, translator edits and real syncs on disk."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from accord.catalog.pofile import format_po, read_po
from accord.config import load_config
from accord.steps.sync import sync_project

WORDS = [
    "Moscow",
    "Tehran",
    "treaty",
    "railway",
    "gas",
    "corridor",
    "signed",
    "minister",
    "port",
    "border",
    "talks",
    "deal",
    "the",
    "a",
    "new",
    "old",
    "said",
    "on",
    "Friday",
]
sentence = st.lists(st.sampled_from(WORDS), min_size=3, max_size=9).map(
    lambda words: " ".join(words).capitalize() + "."
)


class Newsroom(RuleBasedStateMachine):
    """Editors change an article, translators fill new entries, sync runs between them."""

    def __init__(self) -> None:
        super().__init__()
        self.root = Path(tempfile.mkdtemp(prefix="accord-newsroom-"))
        (self.root / "pyproject.toml").write_text('[tool.accord]\nlocales = ["de"]\n')
        (self.root / "sources" / "en").mkdir(parents=True)
        self.config = load_config(self.root)
        self.paragraphs: list[str] = ["Moscow and Tehran signed a treaty."]
        self.written: set[str] = set()  # every translation a person typed
        self.counter = 0
        self._save_source()
        sync_project(self.config)

    @property
    def po(self) -> Path:
        return self.root / "locales" / "de" / "story.po"

    def _save_source(self) -> None:
        body = "\n\n".join(self.paragraphs)
        text = f"---\ntitle: Story\nslug: story\n---\n\n{body}\n"
        (self.root / "sources" / "en" / "story.md").write_text(text, encoding="utf-8")

    @rule(text=sentence, at=st.integers(min_value=0, max_value=20))
    def insert(self, text: str, at: int) -> None:
        self.paragraphs.insert(at % (len(self.paragraphs) + 1), text)
        self._save_source()

    @precondition(lambda self: len(self.paragraphs) > 1)
    @rule(at=st.integers(min_value=0, max_value=20))
    def delete(self, at: int) -> None:
        del self.paragraphs[at % len(self.paragraphs)]
        self._save_source()

    @precondition(lambda self: self.paragraphs)
    @rule(at=st.integers(min_value=0, max_value=20), word=st.sampled_from(WORDS))
    def reword(self, at: int, word: str) -> None:
        i = at % len(self.paragraphs)
        self.paragraphs[i] = self.paragraphs[i][:-1] + f" {word}."
        self._save_source()

    @precondition(lambda self: len(self.paragraphs) > 1)
    @rule(a=st.integers(min_value=0, max_value=20), b=st.integers(min_value=0, max_value=20))
    def reorder(self, a: int, b: int) -> None:
        i, j = a % len(self.paragraphs), b % len(self.paragraphs)
        self.paragraphs[i], self.paragraphs[j] = self.paragraphs[j], self.paragraphs[i]
        self._save_source()

    @rule(share=st.integers(min_value=1, max_value=3))
    def translate_new_entries(self, share: int) -> None:
        """A translator fills some untranslated entries (never overwriting anything)."""
        catalog = read_po(self.po)
        for entry in catalog.untranslated_entries()[:share]:
            self.counter += 1
            entry.msgstr = f"Übersetzung {self.counter}: {entry.msgid}"
            self.written.add(entry.msgstr)
        self.po.write_text(format_po(catalog), encoding="utf-8")

    @rule()
    def sync(self) -> None:
        result = sync_project(self.config)
        assert not result.errors, [str(e) for e in result.errors]

    @invariant()
    def no_translation_is_lost(self) -> None:
        present = {entry.msgstr for entry in read_po(self.po).entries}
        lost = self.written - present
        assert not lost, f"lost after sync: {sorted(lost)}"

    def teardown(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)


Newsroom.TestCase.settings = settings(
    max_examples=25,
    stateful_step_count=15,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
TestNewsroom = Newsroom.TestCase
