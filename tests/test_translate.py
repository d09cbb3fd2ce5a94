"""translate over a repository: TM, MT with glossary enforcement, states, resilience."""

from __future__ import annotations

import datetime
import re
import subprocess
import textwrap
from pathlib import Path

import polib
import pytest

from accord.catalog import pofile
from accord.config import load_config
from accord.mt.engines.retry import RetryPolicy
from accord.review.state import State, state_of
from accord.steps.translate import Summary, plan_translation, run_translation
from accord.tasks.translate import project_glossary
from accord.workspace import discover_articles
from servers import FakeProvider, Fault

pytest_plugins = ["servers.fixtures"]

TODAY = datetime.date(2026, 11, 25)

GLOSSARY = """\
- id: abbas-araghchi
  kind: name
  terms:
    en: [Abbas Araghchi, Araghchi]
    de: [Abbas Araghtschi, Araghtschi]
    fr: [Abbas Araghchi, Araghchi]
  forbidden:
    de: [Araghchi]
    fr: [Araghtschi]
- id: moscow
  kind: name
  terms: {en: [Moscow], de: [Moskau], fr: [Moscou]}
- id: alliance
  kind: term
  terms: {en: [alliance], de: [Bündnis], fr: [alliance]}
  forbidden: {de: [Allianz]}
- id: site-name
  kind: brand
  terms: {all: [Russland Iran Bündnis]}
"""

HEADER = """\
msgid ""
msgstr ""
"Language: {locale}\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"X-Source-Language: en\\n"
"""

ENTRIES = """
#: sources/en/treaty.md:1
msgctxt "front-matter:title"
msgid "Russland Iran Bündnis today"
msgstr ""

#: sources/en/treaty.md:5
msgid "Abbas Araghchi met the foreign minister in Moscow."
msgstr ""

#: sources/en/treaty.md:7
msgid "The alliance is strong, said Araghchi."
msgstr ""

#: sources/en/treaty.md:9
msgid "Hello world."
msgstr "Hallo, liebe Welt."

#~ msgid "Gone paragraph."
#~ msgstr "Weg."
"""

SEGMENTS = 3  # untranslated, active entries per locale


def write_repo(root: Path, url: str, engine: str = "libre", extra: str = "") -> None:
    """A content repository with one English article, de and fr PO files, and a glossary."""
    (root / "pyproject.toml").write_text(textwrap.dedent(f"""\
        [tool.accord]
        locales = ["de", "fr"]

        [tool.accord.translate]
        engine = "{engine}"

        [tool.accord.engines.{engine}]
        url = "{url}"
        timeout = 2
        concurrency = 4
        retries = 3
        {extra}
        """), encoding="utf-8")
    (root / "sources" / "en").mkdir(parents=True)
    (root / "sources" / "en" / "treaty.md").write_text("---\ntitle: x\n---\n\nText.\n")
    (root / "glossary").mkdir()
    (root / "glossary" / "terms.yaml").write_text(GLOSSARY, encoding="utf-8")
    for locale in ("de", "fr"):
        folder = root / "locales" / locale
        folder.mkdir(parents=True)
        (folder / "treaty.po").write_text(HEADER.format(locale=locale) + ENTRIES, encoding="utf-8")


def run(root: Path, sleeps: list[float] | None = None, **kwargs: object) -> Summary:
    """One translate run over the whole repository, sleeping into ``sleeps``."""
    config = load_config(root)
    plan = plan_translation(config, list(config.locales), discover_articles(config),
                            kwargs.pop("engine", None))  # type: ignore[arg-type]
    policy = RetryPolicy(retries=3, sleep=(sleeps if sleeps is not None else []).append,
                         random=lambda: 0.5)
    return run_translation(config, plan, project_glossary(config), policy=policy, env={},
                           today=TODAY, **kwargs)  # type: ignore[arg-type]


def entries(root: Path, locale: str) -> dict[str, polib.POEntry]:
    return {e.msgid: e for e in polib.pofile(str(root / "locales" / locale / "treaty.po"))}


def state(root: Path, locale: str, msgid: str) -> State:
    catalog = pofile.read_po(root / "locales" / locale / "treaty.po")
    entry = next(e for e in catalog.entries if e.msgid == msgid and not e.obsolete)
    return state_of(entry)


def msgfmt_check(path: Path) -> None:
    subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)], check=True)


@pytest.fixture
def repo(tmp_path: Path, provider: FakeProvider) -> Path:
    write_repo(tmp_path, provider.url)
    return tmp_path


def test_new_segments_are_filled_machine_fuzzy_and_glossary_clean(
    repo: Path, provider: FakeProvider
) -> None:
    """Untranslated entries get machine output, fuzzy with a machine mark, in glossary form."""
    summary = run(repo)
    assert (summary.segments, summary.sent, summary.failed, summary.flagged) == (6, 6, 0, 0)
    de = entries(repo, "de")
    assert de["Abbas Araghchi met the foreign minister in Moscow."].msgstr == (
        "Abbas Araghtschi traf die Außen minister in Moskau."
    )
    assert de["The alliance is strong, said Araghchi."].msgstr == (
        "Die Bündnis ist stark, sagte Araghtschi."
    )
    assert de["Russland Iran Bündnis today"].msgstr == "Russland Iran Bündnis heute"
    fr = entries(repo, "fr")
    assert fr["Abbas Araghchi met the foreign minister in Moscow."].msgstr == (
        "Abbas Araghchi a rencontré le étranger ministre à Moscou."
    )
    for locale in ("de", "fr"):
        msgfmt_check(repo / "locales" / locale / "treaty.po")
        filled = entries(repo, locale)["The alliance is strong, said Araghchi."]
        assert "fuzzy" in filled.flags
        assert filled.tcomment.startswith("accord: machine libre 2026-11-25 fp=")
        assert state(repo, locale, "The alliance is strong, said Araghchi.") is State.MACHINE
    # The glossary never reached the engine in source form for names and brands.
    sent = [r.params["q"] for r in provider.translate_requests()]
    assert not any("Araghchi" in q or "Moscow" in q or "Russland" in q for q in sent)
    assert summary.glossary_fixes == 1  # "Allianz" → "Bündnis" in German


def test_a_persons_translation_and_obsolete_entries_are_never_touched(repo: Path) -> None:
    """Translated and obsolete entries keep their exact text and state."""
    run(repo)
    hello = entries(repo, "de")["Hello world."]
    assert (hello.msgstr, hello.flags, hello.tcomment) == ("Hallo, liebe Welt.", [], "")
    obsolete = polib.pofile(str(repo / "locales/de/treaty.po")).obsolete_entries()
    assert [(e.msgid, e.msgstr) for e in obsolete] == [("Gone paragraph.", "Weg.")]


def test_translation_made_during_the_run_wins(repo: Path) -> None:
    """A person saving the PO file while the engine works is not overwritten."""
    config = load_config(repo)
    plan = plan_translation(config, ["de"], discover_articles(config))
    path = repo / "locales" / "de" / "treaty.po"
    text = path.read_text(encoding="utf-8").replace(
        'msgid "The alliance is strong, said Araghchi."\nmsgstr ""',
        'msgid "The alliance is strong, said Araghchi."\nmsgstr "Das Bündnis ist stark."',
    )
    path.write_text(text, encoding="utf-8")
    run_translation(config, plan, project_glossary(config), env={}, today=TODAY,
                    policy=RetryPolicy(sleep=lambda s: None))
    assert entries(repo, "de")["The alliance is strong, said Araghchi."].msgstr == (
        "Das Bündnis ist stark."
    )
    assert entries(repo, "de")["Abbas Araghchi met the foreign minister in Moscow."].msgstr


def test_rerun_sends_no_request_and_writes_nothing(repo: Path, provider: FakeProvider) -> None:
    """A second run finds nothing untranslated; with the PO files reset, the cache answers."""
    run(repo)
    sent = len(provider.translate_requests())
    before = (repo / "locales/de/treaty.po").read_bytes()
    again = run(repo)
    assert (again.segments, again.requests, again.files_written) == (0, 0, ())
    assert (repo / "locales/de/treaty.po").read_bytes() == before
    for locale in ("de", "fr"):  # throw the translations away: only the cache can answer
        (repo / "locales" / locale / "treaty.po").write_text(
            HEADER.format(locale=locale) + ENTRIES, encoding="utf-8")
    third = run(repo)
    assert len(provider.translate_requests()) == sent
    assert (third.sent, third.from_cache, third.requests) == (0, 6, 0)
    assert (repo / "locales/de/treaty.po").read_bytes() == before


def test_a_429_burst_is_survived_honouring_retry_after(
    repo: Path, provider: FakeProvider
) -> None:
    """Three 429s with Retry-After: every segment still arrives; each wait is the server's."""
    provider.faults.extend([Fault.status(429, retry_after=7)] * 3)
    sleeps: list[float] = []
    summary = run(repo, sleeps)
    assert (summary.failed, summary.sent) == (0, 6)
    assert sleeps.count(7.0) == 3
    assert len(provider.translate_requests()) == 6 + 3


def test_server_errors_and_hangs_are_retried_with_backoff(
    tmp_path: Path, provider: FakeProvider
) -> None:
    """500s and a hang (timeout) are retried with exponential backoff; nothing is lost."""
    write_repo(tmp_path, provider.url, extra="")
    text = (tmp_path / "pyproject.toml").read_text().replace("timeout = 2", "timeout = 0.3")
    (tmp_path / "pyproject.toml").write_text(text.replace("concurrency = 4", "concurrency = 1"))
    provider.faults.extend([Fault.status(500), Fault.status(503), Fault.hang()])
    sleeps: list[float] = []
    summary = run(tmp_path, sleeps)
    assert summary.failed == 0
    assert sleeps == [0.375, 0.75, 1.5]  # 0.5·2ⁿ⁻¹ backoff, jitter fixed at 0.5 → ¾ of it
    assert all(e.msgstr for e in entries(tmp_path, "de").values())


def test_concurrency_is_bounded(tmp_path: Path, provider: FakeProvider) -> None:
    """Never more requests in flight than the engine's concurrency setting."""
    write_repo(tmp_path, provider.url)
    provider.latency = 0.05
    run(tmp_path)
    assert 1 <= provider.max_in_flight <= 4


def test_engine_down_ends_with_a_summary_and_loses_nothing(tmp_path: Path, dead_url: str) -> None:
    """With nobody listening, the run stops asking, says so, and leaves the files as they were."""
    repo = tmp_path
    write_repo(repo, dead_url)
    before = (repo / "locales/de/treaty.po").read_bytes()
    sleeps: list[float] = []
    summary = run(repo, sleeps)
    assert (summary.failed, summary.sent, summary.ok) == (6, 0, False)
    assert any("engine libre is down" in line for line in summary.errors)
    assert len(sleeps) <= 3 * 4  # the first failures retry; the rest fail fast
    assert (repo / "locales/de/treaty.po").read_bytes() == before
    assert "failed: 6" in "\n".join(summary.lines())


def test_malformed_answer_fails_one_segment_and_the_next_run_finishes(
    repo: Path, provider: FakeProvider
) -> None:
    """A garbage body costs one segment in this run, not the run; the next run fills it."""
    provider.faults.append(Fault.malformed())
    first = run(repo)
    assert (first.failed, first.sent) == (1, 5)
    assert "malformed" in "\n".join(first.errors)
    msgfmt_check(repo / "locales/de/treaty.po")
    second = run(repo)
    assert (second.segments, second.failed) == (1, 0)


def test_lost_placeholders_fall_back_to_plain_text_and_fix_names(
    repo: Path, provider: FakeProvider
) -> None:
    """An engine that drops placeholders is asked for the plain text; names are then fixed."""
    provider.mangle = lambda text, target: re.sub(r"ph[01]@x\.zz", "", text)
    summary = run(repo, engine=None)
    de = entries(repo, "de")
    assert de["The alliance is strong, said Araghchi."].msgstr == (
        "Die Bündnis ist stark, sagte Araghtschi."
    )
    assert summary.failed == 0


def test_wrong_transliteration_is_replaced(repo: Path, provider: FakeProvider) -> None:
    """An engine writing the English spelling into German output is corrected."""
    provider.mangle = lambda text, target: text.replace("ph0@x.zz", "Araghchi")
    run(repo)
    de = entries(repo, "de")
    # "ph0@x.zz" came back as "Araghchi": placeholders lost → plain text → forbidden variant fixed.
    assert "Araghchi" not in de["The alliance is strong, said Araghchi."].msgstr


def test_remaining_violations_are_marked_and_reported(repo: Path, provider: FakeProvider) -> None:
    """A name the engine drops entirely is flagged in a comment and in the summary."""
    provider.mangle = lambda text, target: re.sub(r"ph0@x\.zz|Araghchi", "him", text)
    summary = run(repo)
    assert summary.flagged == 4  # two sentences name Araghchi, in two locales
    entry = entries(repo, "de")["The alliance is strong, said Araghchi."]
    assert "accord-mt: glossary-missing abbas-araghchi" in entry.tcomment
    assert "fuzzy" in entry.flags
    assert any("glossary-missing abbas-araghchi" in line for line in summary.flags)
    assert summary.ok  # flagged segments are reported, not failures


def test_translation_memory_comes_before_the_engine(repo: Path, provider: FakeProvider) -> None:
    """An exact match translated by a person elsewhere in the locale fills the entry, no request."""
    other = repo / "locales" / "de" / "older.po"
    other.write_text(HEADER.format(locale="de") + textwrap.dedent("""
        msgid "The alliance is strong, said Araghchi."
        msgstr "Das Bündnis ist stark, sagte Araghtschi."
        """), encoding="utf-8")
    summary = run(repo)
    assert summary.from_tm == 1
    entry = entries(repo, "de")["The alliance is strong, said Araghchi."]
    assert entry.msgstr == "Das Bündnis ist stark, sagte Araghtschi."
    assert "fuzzy" not in entry.flags
    assert len(provider.translate_requests()) == 5


def test_dry_run_sends_and_writes_nothing(repo: Path, provider: FakeProvider) -> None:
    """--dry-run counts what would happen and leaves everything as it was."""
    before = (repo / "locales/de/treaty.po").read_bytes()
    summary = run(repo, dry_run=True)
    assert (summary.sent, summary.from_cache, summary.files_written) == (6, 0, ())
    assert provider.translate_requests() == []
    assert (repo / "locales/de/treaty.po").read_bytes() == before


@pytest.mark.parametrize("engine", ["google", "mymemory", "microsoft", "deepl"])
def test_other_engines_through_configuration(tmp_path: Path, provider: FakeProvider,
                                             engine: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each engine, pointed at the local provider by its url setting, fills the repository."""
    write_repo(tmp_path, provider.url, engine=engine)
    config = load_config(tmp_path)
    plan = plan_translation(config, ["de"], discover_articles(config))
    summary = run_translation(config, plan, project_glossary(config), today=TODAY,
                              env={"DEEPL_AUTH_KEY": "test-key:fx", "MICROSOFT_API_KEY": "k"},
                              policy=RetryPolicy(sleep=lambda s: None))
    assert (summary.sent, summary.failed) == (3, 0)
    assert entries(tmp_path, "de")["The alliance is strong, said Araghchi."].msgstr == (
        "Die Bündnis ist stark, sagte Araghtschi."
    )
    comment = entries(tmp_path, "de")["The alliance is strong, said Araghchi."].tcomment
    assert comment.startswith(f"accord: machine {engine} ")


def test_deepl_rerun_from_cache_makes_no_call_at_all(
    tmp_path: Path, provider: FakeProvider
) -> None:
    """With DeepL, a cached re-run does not even look up the glossary."""
    write_repo(tmp_path, provider.url, engine="deepl")
    env = {"DEEPL_AUTH_KEY": "test-key:fx"}
    config = load_config(tmp_path)
    policy = RetryPolicy(sleep=lambda s: None)
    plan = plan_translation(config, ["de"], discover_articles(config))
    run_translation(config, plan, project_glossary(config), env=env, today=TODAY, policy=policy)
    assert len(provider.glossaries) == 1
    calls = len(provider.requests)
    (tmp_path / "locales/de/treaty.po").write_text(HEADER.format(locale="de") + ENTRIES,
                                                   encoding="utf-8")
    plan = plan_translation(config, ["de"], discover_articles(config))
    again = run_translation(config, plan, project_glossary(config), env=env, today=TODAY,
                            policy=policy)
    assert (again.from_cache, again.requests) == (3, 0)
    assert len(provider.requests) == calls


def test_engine_per_locale_from_configuration(tmp_path: Path, provider: FakeProvider) -> None:
    """[tool.accord.translate.locales] picks another engine for one locale."""
    write_repo(tmp_path, provider.url, extra=textwrap.dedent(f"""
        [tool.accord.translate.locales]
        fr = "google"
        [tool.accord.engines.google]
        url = "{provider.url}"
        """))
    run(tmp_path)
    fr = entries(tmp_path, "fr")["The alliance is strong, said Araghchi."]
    de = entries(tmp_path, "de")["The alliance is strong, said Araghchi."]
    assert fr.tcomment.startswith("accord: machine google ")
    assert de.tcomment.startswith("accord: machine libre ")
    assert {r.path for r in provider.translate_requests()} == {"/m", "/translate"}


def test_an_empty_answer_is_a_failure_not_a_translation(repo: Path, provider: FakeProvider) -> None:
    """An engine answering "" leaves the entry untranslated and says so."""
    provider.mangle = lambda text, target: ""
    summary = run(repo)
    assert (summary.failed, summary.sent) == (6, 0)
    assert "answered with empty text" in "\n".join(summary.errors)
    assert not entries(repo, "de")["The alliance is strong, said Araghchi."].msgstr
    provider.mangle = None
    assert run(repo).sent == 6  # nothing empty was cached


def test_a_retry_after_beyond_the_cap_marks_the_engine_down_at_once(
    tmp_path: Path, provider: FakeProvider
) -> None:
    """``429`` with ``Retry-After: 100000``: no wait at all, the engine is down for the run."""
    write_repo(tmp_path, provider.url)
    text = (tmp_path / "pyproject.toml").read_text().replace("concurrency = 4", "concurrency = 1")
    (tmp_path / "pyproject.toml").write_text(text)
    before = (tmp_path / "locales/de/treaty.po").read_bytes()
    provider.faults.extend([Fault.status(429, retry_after=100000)] * 10)
    sleeps: list[float] = []
    summary = run(tmp_path, sleeps)
    assert sleeps == []
    assert len(provider.translate_requests()) == 1
    assert (summary.failed, summary.ok) == (6, False)
    assert any("engine libre: engine asks to wait 100000 s" in line
               and "giving up on it for this run" in line for line in summary.errors)
    assert (tmp_path / "locales/de/treaty.po").read_bytes() == before
