"""Sites as they are laid out: nested trees, page bundles, TOML, links that work once published.

The fixture ``tests/data/site-tree/`` reproduces, one file each, the problems met on
real multilingual Hugo and Jekyll sites (its README lists them).
"""

from __future__ import annotations

import datetime
import re
import shutil
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from tests.helpers import accord, make_repo

from accord.catalog.pofile import read_po, write_po
from accord.config import load_config
from accord.review.state import State, approve, state_of
from accord.source.segment import parse_article, rebuild_article
from accord.steps.build import build_site
from accord.steps.sync import sync_project

FIXTURE = Path(__file__).parent / "data" / "site-tree"
MD = MarkdownIt("commonmark").enable("table")


def site_repo(tmp_path: Path, locales: list[str] | None = None, extra: str = "") -> Path:
    """A scratch repository whose sources/ is the fixture site (en/ and de/)."""
    root = tmp_path / "repo"
    root.mkdir()
    (root / "pyproject.toml").write_text(
        f"[tool.accord]\nlocales = {locales or ['fr']!r}\nprimary_language = 'en'\n{extra}",
        encoding="utf-8",
    )
    for lang in ("en", "de"):
        shutil.copytree(FIXTURE / lang, root / "sources" / lang)
    return root


def identity(root: Path, locale: str = "fr") -> None:
    """Every entry translated with its own msgid, as a person would have typed it."""
    for path in sorted((root / "locales" / locale).rglob("*.po")):
        catalog = read_po(path)
        for entry in catalog.messages():
            entry.msgstr = entry.msgid
        write_po(path, catalog)


def body(text: str) -> str:
    for fence in ("---", "+++"):
        if text.startswith(fence + "\n"):
            return text[text.index("\n" + fence + "\n", 3) + len(fence) + 2:]
    return text


def html(markdown: str) -> str:
    return re.sub(r"\s+", " ", MD.render(markdown)).strip()


def test_nested_articles_get_nested_po_files_and_bad_names_skip_only_themselves(
    tmp_path: Path,
) -> None:
    """sync mirrors the tree in locales/; 'My Post.md' and 'über.md' are path:line errors."""
    root = site_repo(tmp_path)

    run = accord(root, "sync")

    assert run.returncode == 2
    assert "sources/en/My Post.md:1: cannot take 'My Post' as an article id" in run.stderr
    assert "sources/en/über.md:1: cannot take 'über' as an article id" in run.stderr
    written = sorted(p.relative_to(root / "locales" / "fr").as_posix()
                     for p in (root / "locales" / "fr").rglob("*.po"))
    assert written == [
        "_index.po", "blog/cranes/index.po", "docs/alerts.po", "docs/templated.po",
        "nachrichten/bericht.po", "news/2026/treaty.po", "news/corridor.po",
    ]
    references = read_po(root / "locales/fr/news/2026/treaty.po").messages()[0].references
    assert references == ["sources/en/news/2026/treaty.md:2"]


def test_article_option_takes_nested_ids(tmp_path: Path) -> None:
    """--article news/2026/treaty syncs that article alone."""
    root = site_repo(tmp_path)

    run = accord(root, "sync", "--article", "news/2026/treaty")

    assert run.returncode == 2  # the two bad names are still reported
    assert [p.name for p in (root / "locales" / "fr").rglob("*.po")] == ["treaty.po"]


def test_identity_translations_build_the_same_html_links_and_images(tmp_path: Path) -> None:
    """Every built page renders as its source; the bundle's files are copied beside it."""
    root = site_repo(tmp_path)
    config = load_config(root)
    sync_project(config)
    identity(root)

    result = build_site(config)

    assert [str(e) for e in result.errors] == [
        "sources/en/My Post.md:1: cannot take 'My Post' as an article id: "
        "rename it with a-z, 0-9, '-', '_' and '.' only",
        "sources/en/über.md:1: cannot take 'über' as an article id: "
        "rename it with a-z, 0-9, '-', '_' and '.' only",
    ]
    for source in sorted((root / "sources").rglob("*.md")):
        lang, rel = source.relative_to(root / "sources").parts[0], source.relative_to(
            root / "sources" / source.relative_to(root / "sources").parts[0])
        if " " in rel.name or "ü" in rel.name:
            continue
        original = (root / "build/site" / lang / rel).read_text(encoding="utf-8")
        assert body(original) == body(source.read_text(encoding="utf-8")), rel
        if lang == "en":
            built = (root / "build/site/fr" / rel).read_text(encoding="utf-8")
            assert html(body(built)) == html(body(source.read_text(encoding="utf-8"))), rel
    for folder in ("fr", "en"):
        bundle = root / "build/site" / folder / "blog/cranes"
        assert (bundle / "cranes.png").read_bytes() == (
            root / "sources/en/blog/cranes/cranes.png").read_bytes()
        assert (bundle / "images/map.svg").is_file()
    assert not any("sources/" in body(p.read_text(encoding="utf-8"))
                   for p in (root / "build/site").rglob("*.md"))


def test_a_bundle_file_deleted_from_the_sources_leaves_the_build(tmp_path: Path) -> None:
    """An image removed beside its article goes from build/site too; a file Accord did not
    copy there stays."""
    root = site_repo(tmp_path)
    config = load_config(root)
    sync_project(config)
    identity(root)
    build_site(config)
    built = [root / "build/site" / folder / "blog/cranes/images/map.svg" for folder in ("fr", "en")]
    assert all(path.is_file() for path in built)
    own = root / "build/site/fr/blog/cranes/notes.txt"
    own.write_text("a person's file\n", encoding="utf-8")

    (root / "sources/en/blog/cranes/images/map.svg").unlink()
    result = build_site(config)

    assert not any(path.exists() for path in built)
    assert sorted(result.removed) == sorted(config.relative(path) for path in built)
    assert (root / "build/site/fr/blog/cranes/cranes.png").is_file()
    assert own.read_text(encoding="utf-8") == "a person's file\n"
    assert build_site(config).removed == ()


def test_links_to_an_article_not_built_point_to_the_original(tmp_path: Path) -> None:
    """A link to an article not built in fr goes to the original; other URLs stay as written."""
    root = site_repo(tmp_path, extra="threshold = 0.99\n")
    config = load_config(root)
    sync_project(config)
    treaty = root / "locales/fr/news/2026/treaty.po"
    catalog = read_po(treaty)
    for entry in catalog.messages():
        entry.msgstr = entry.msgid.replace("The treaty", "Le traité")
    write_po(treaty, catalog)

    build_site(config)

    text = (root / "build/site/fr/news/2026/treaty.md").read_text(encoding="utf-8")
    assert "[the corridor talks](../../../../en/news/corridor/)" in text
    assert "[the corridor](../../../en/news/corridor.md#route)" in text
    assert "[crane deliveries](../../../../en/blog/cranes/)" in text
    assert "(../../../events/register/?utm=1)" in text  # not an article: as written
    assert "![A crane at the port](../../../blog/cranes/cranes.png)" in text
    assert "[the start](../../../../en/)" in text  # the home page (_index) is not built in fr
    assert "[the top](#treaty)" in text


def test_an_article_written_in_two_languages_publishes_both_originals(tmp_path: Path) -> None:
    """sources/de/news/corridor.md is the German original: no de PO file, its own text is built."""
    root = site_repo(tmp_path, locales=["de", "fr"])
    config = load_config(root)
    sync_project(config)

    assert not (root / "locales/de/news/corridor.po").exists()
    assert (root / "locales/de/news/2026/treaty.po").exists()
    assert (root / "locales/fr/news/corridor.po").exists()
    build_site(config)
    german = (root / "build/site/de/news/corridor.md").read_text(encoding="utf-8")
    assert "Der Korridor führt vom Kaspischen Meer zum Golf." in german
    assert "translation_of" not in german


def test_toml_front_matter_is_translated_in_its_own_format(tmp_path: Path) -> None:
    """+++ blocks: title, tags and params.description are segments; other lines stay as written."""
    keys = "translatable_keys = ['title', 'tags', 'params.description']\n"
    root = site_repo(tmp_path, extra=keys)
    config = load_config(root)
    sync_project(config, articles=["_index"])
    path = root / "locales/fr/_index.po"
    catalog = read_po(path)
    keys = [(e.msgctxt, e.msgid) for e in catalog.messages()]
    assert keys[:4] == [
        ("front-matter:title", "Northern Desk"),
        ("front-matter:tags", "news"),
        ("front-matter:tags", "analysis"),
        ("front-matter:params.description", "Reporting on the corridor and the treaty."),
    ]
    for entry in catalog.messages():
        entry.msgstr = {"Northern Desk": "Bureau du Nord", "news": "actualité"}.get(
            entry.msgid, entry.msgid)
    write_po(path, catalog)

    build_site(config)

    built = (root / "build/site/fr/_index.md").read_text(encoding="utf-8")
    assert built.startswith(
        '+++\ntitle = "Bureau du Nord"\nlinkTitle = "Home"\ndate = 2026-01-05T10:00:00Z\n'
        'tags = ["actualité", "analysis"]\nweight = 1\nlang = "fr"\n'
        'translation_of = "sources/en/_index.md"\n\n[params]\n'
    )


def test_bad_toml_front_matter_is_located_and_skips_only_its_article(tmp_path: Path) -> None:
    """A TOML error names the file line; the other articles are synced; exit 2."""
    root = make_repo(tmp_path / "repo")
    (root / "sources/en/broken.md").write_text(
        '+++\ntitle = "ok"\ndate = \n+++\n\nText.\n', encoding="utf-8")

    run = accord(root, "sync")

    assert run.returncode == 2
    assert "sources/en/broken.md:3: front matter is not valid TOML" in run.stderr
    assert (root / "locales/de/corridor.po").exists()
    assert not (root / "locales/de/broken.po").exists()


def test_alerts_heading_ids_shortcodes_and_wordless_segments(tmp_path: Path) -> None:
    """Markers, {#ids} and lone shortcodes stay out of msgids; wordless segments are no work."""
    text = (FIXTURE / "en/docs/alerts.md").read_text(encoding="utf-8")
    msgids = [s.msgid for s in parse_article(text, "alerts.md").segments]

    assert msgids == [
        "Notes and anchors",
        "Before you start",
        "Alerts keep their *marker* on its own line.",
        "Use the [style guide][style guide] and [the archive][the archive].",
        "`accord sync`",
        "2026",
        "A notice with **words**.",
    ]
    pseudo = rebuild_article(
        text, "alerts.md", lambda s: s.msgid.replace("Use the", "Use THE").replace("ir", "IR"))
    assert "## Before you start {#start}\n" in pseudo
    assert "> [!NOTE]\n> Alerts keep theIR *marker* on its own line.\n" in pseudo
    assert "> Use THE [style guide] and [the archive][].\n" in pseudo
    assert "{{% notice info %}}\nA notice with **words**.\n{{% /notice %}}\n" in pseudo
    assert "{{< youtube abc123 >}}\n" in pseudo

    root = site_repo(tmp_path, extra="threshold = 1.0\n")
    config = load_config(root)
    sync_project(config, articles=["docs/alerts"])
    path = root / "locales/fr/docs/alerts.po"
    catalog = read_po(path)
    for entry in catalog.messages():
        if entry.msgid not in ("`accord sync`", "2026"):
            entry.msgstr = entry.msgid
    write_po(path, catalog)
    pages = {p.article: p for p in build_site(config).pages if p.locale == "fr"}
    assert pages["docs/alerts"].built


def test_renamed_article_keeps_its_translations_and_approvals(tmp_path: Path) -> None:
    """Moving news/corridor.md to archive/corridor.md brings back its msgstrs and approvals."""
    root = make_repo(tmp_path / "repo", locales=["fr"])
    config = load_config(root)
    sync_project(config)
    old = root / "locales/fr/corridor.po"
    catalog = read_po(old)
    for entry in catalog.messages():
        entry.msgstr = "FR " + entry.msgid
        approve(entry, "Rita", datetime.date(2026, 2, 1))
    write_po(old, catalog)
    (root / "sources/en/archive").mkdir()
    (root / "sources/en/corridor.md").rename(root / "sources/en/archive/corridor.md")

    run = accord(root, "sync")

    assert run.returncode == 0, run.stderr
    assert "translations and review marks from locales/fr/corridor.po" in run.stdout
    moved = read_po(root / "locales/fr/archive/corridor.po").messages()
    assert moved
    assert all(state_of(e) is State.APPROVED for e in moved)
    assert [e.msgstr for e in moved] == [e.msgstr for e in catalog.messages()]


def test_link_to_an_article_that_is_gone_is_link_broken(tmp_path: Path) -> None:
    """check reports link-broken on the segment that links to a deleted article."""
    root = site_repo(tmp_path)
    accord(root, "sync")
    (root / "sources/en/news/corridor.md").unlink()
    (root / "sources/de/news/corridor.md").unlink()

    run = accord(root, "check", "--format", "json")

    import json  # noqa: PLC0415

    found = [f for f in json.loads(run.stdout)["findings"] if f["check"] == "link-broken"]
    assert {(f["file"], f["line"], f["found"]) for f in found} == {
        ("sources/en/news/2026/treaty.md", 11, "../../corridor/"),
        ("sources/en/news/2026/treaty.md", 11, "../corridor.md#route"),
        ("sources/de/nachrichten/bericht.md", 5, "../../news/corridor/"),
    }


@pytest.mark.parametrize("slug", ["news/2026/treaty", "blog/cranes/index", "_index"])
def test_built_pages_mirror_the_source_tree(tmp_path: Path, slug: str) -> None:
    """build/site/<locale>/<id>.md for nested ids, bundles and Hugo's _index."""
    root = site_repo(tmp_path, extra="threshold = 0\n")
    config = load_config(root)
    sync_project(config)

    build_site(config)

    assert (root / "build/site/fr" / f"{slug}.md").is_file()
    assert (root / "build/site/en" / f"{slug}.md").is_file()


def test_report_pages_of_nested_articles_link_back_to_the_index(tmp_path: Path) -> None:
    """build/reports/fr/news/2026/treaty.html exists and its links climb out of its folders."""
    root = site_repo(tmp_path)
    accord(root, "sync")

    run = accord(root, "report")

    assert run.returncode == 2  # the two bad names, reported; the rest is written
    assert "sources/en/My Post.md:1: cannot take" in run.stderr
    page = (root / "build/reports/fr/news/2026/treaty.html").read_text(encoding="utf-8")
    assert 'href="../../../index.html"' in page


@pytest.mark.parametrize("task", ["status", "check", "translate --dry-run"])
def test_reading_tasks_skip_badly_named_files_and_exit_2(tmp_path: Path, task: str) -> None:
    """status, check and translate show the rest, name the bad file with path:line, exit 2."""
    root = site_repo(tmp_path)
    accord(root, "sync")

    run = accord(root, *task.split())

    assert run.returncode == 2
    assert "accord: sources/en/My Post.md:1: cannot take 'My Post'" in run.stderr
    assert "Traceback" not in run.stderr


def test_review_tasks_take_nested_ids(tmp_path: Path) -> None:
    """review.approve fr news/2026/treaty approves in locales/fr/news/2026/treaty.po."""
    root = site_repo(tmp_path)
    accord(root, "sync")
    identity(root)

    run = accord(root, "review.approve", "fr", "news/2026/treaty", "--all-clean", "--by", "Rita")

    assert run.returncode == 0, run.stderr
    entries = read_po(root / "locales/fr/news/2026/treaty.po").messages()
    assert all(state_of(e) is State.APPROVED for e in entries)


def test_translations_by_file_name_with_the_suffix_layout(tmp_path: Path) -> None:
    """layout = "suffix": post.md is English, post.de.md its German original (no .de in ids)."""
    root = tmp_path / "repo"
    (root / "sources/blog").mkdir(parents=True)
    (root / "pyproject.toml").write_text(
        '[tool.accord]\nlocales = ["de", "fr"]\nprimary_language = "en"\nlayout = "suffix"\n',
        encoding="utf-8")
    (root / "sources/about.md").write_text("# About\n\nWho we are.\n", encoding="utf-8")
    (root / "sources/about.de.md").write_text("# Über uns\n\nWer wir sind.\n", encoding="utf-8")
    (root / "sources/blog/post.v2.md").write_text(
        "# Post\n\nSee [about](../about.md).\n", encoding="utf-8")
    (root / "sources/blog/post.v2.de.md").write_text(
        "# Beitrag\n\nSiehe [über uns](../about.de.md).\n", encoding="utf-8")
    config = load_config(root)

    sync_project(config)

    written = sorted(p.relative_to(root / "locales").as_posix()
                     for p in (root / "locales").rglob("*.po"))
    assert written == ["fr/about.po", "fr/blog/post.v2.po"]
    identity(root)
    (root / "locales/fr/about.po").unlink()  # about is not built in fr
    build_site(config)
    french = (root / "build/site/fr/blog/post.v2.md").read_text(encoding="utf-8")
    assert "See [about](../../en/about.md)." in french
    german = (root / "build/site/de/blog/post.v2.md").read_text(encoding="utf-8")
    assert "Siehe [über uns](../about.de.md)." in german  # an original: as written
    assert (root / "build/site/de/about.md").read_text(encoding="utf-8").endswith(
        "# Über uns\n\nWer wir sind.\n")


def test_suffix_layout_needs_a_primary_language(tmp_path: Path) -> None:
    """Without primary_language the suffix layout is a configuration error naming the key."""
    root = make_repo(tmp_path / "repo")
    (root / "pyproject.toml").write_text('[tool.accord]\nlayout = "suffix"\n', encoding="utf-8")

    run = accord(root, "sync")

    assert run.returncode == 2
    assert "pyproject.toml" in run.stderr
    assert "primary_language" in run.stderr
