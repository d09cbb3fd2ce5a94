"""Accord's own content: articles, glossary and the labelled glossary cases stay well-formed."""

from __future__ import annotations

import re
import subprocess
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

from accord.catalog.pofile import read_po
from accord.checks.finding import CHECKS
from accord.glossary import Glossary, Kind, load_glossary
from accord.source.segment import parse_article
from accord.source.sitelinks import LinkForm, LinkMap, SiteArticle, resolve

REPO = Path(__file__).resolve().parent.parent
SOURCES = sorted((REPO / "sources").glob("*/**/*.md"))
GLOSSARY_FILES = sorted((REPO / "glossary").glob("*.yaml"))
CASES_FILE = REPO / "tests" / "data" / "glossary_cases.yaml"
LOCALES = ("de", "en", "fr", "es", "ru", "fa")
FRONT_MATTER_KEYS = {"title", "summary", "tags", "slug", "date", "author", "lang"}
GLOSSARY_CHECKS = {c for c in CHECKS if c.startswith("glossary-")}
LINK = re.compile(r"\]\(([^)\s]+)\)")
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    """The repository's termbase, loaded by the real loader."""
    return load_glossary(REPO / "glossary")


def _lang(path: Path) -> str:
    """The language folder an article sits in (``sources/<lang>/…``)."""
    return path.relative_to(REPO / "sources").parts[0]


def _slug(path: Path) -> str:
    """The article id: its path below the language folder, without ``.md``."""
    return path.relative_to(REPO / "sources" / _lang(path)).with_suffix("").as_posix()


def _split(path: Path) -> tuple[dict[str, Any], str]:
    text = path.read_text(encoding="utf-8")
    _, front, body = text.split("---\n", 2)
    data = yaml.safe_load(front)
    assert isinstance(data, dict)
    return data, body


def _body_words(body: str) -> int:
    prose = LINK.sub("]", body)
    return len(re.findall(r"\w[\w'’-]*", prose))


def test_the_site_has_two_english_and_one_german_article() -> None:
    """At least two English and one German source article exist."""
    langs = Counter(_lang(p) for p in SOURCES)
    assert langs["en"] >= 2
    assert langs["de"] >= 1


@pytest.mark.parametrize("path", SOURCES, ids=[_slug(p) for p in SOURCES])
def test_article_front_matter_names_its_file(path: Path) -> None:
    """Front matter has every key; slug and lang agree with the file's place."""
    data, _ = _split(path)
    assert set(data) >= FRONT_MATTER_KEYS
    # A page bundle (…/name/index.md) takes its folder's name, as Hugo does.
    assert data["slug"] == (path.parent.name if path.stem == "index" else path.stem)
    assert SLUG.fullmatch(data["slug"])
    assert data["lang"] == _lang(path)
    assert isinstance(data["tags"], list)
    assert data["tags"]


@pytest.mark.parametrize("path", SOURCES, ids=[_slug(p) for p in SOURCES])
def test_article_length_and_structure(path: Path) -> None:
    """600–900 words of body with headings, a list, emphasis, strong and an external link."""
    _, body = _split(path)
    assert 600 <= _body_words(body) <= 900
    assert re.search(r"^#{1,2} ", body, re.MULTILINE)
    assert re.search(r"^(?:- |\d+\. )", body, re.MULTILINE)
    assert re.search(r"(?<!\*)\*[^*\s][^*]*\*(?!\*)", body)
    assert "**" in body
    assert any(t.startswith(("http://", "https://")) for t in LINK.findall(body))


@pytest.mark.parametrize("path", SOURCES, ids=[_slug(p) for p in SOURCES])
def test_article_links_to_the_other_articles(path: Path) -> None:
    """Every relative link names an article (by site URL) or a file beside it; all are linked."""
    _, body = _split(path)
    local = [t for t in LINK.findall(body) if not t.startswith(("http://", "https://"))]
    pages = [SiteArticle(_slug(p), _lang(p), _lang(p)) for p in SOURCES]
    links = LinkMap(pages)
    this = SiteArticle(_slug(path), _lang(path), _lang(path))
    named = set()
    for url in local:
        target = resolve(url, this)
        article = links.find(target) if target else None
        if article is None:
            assert (path.parent / url).is_file(), url  # an image of the page bundle
            continue
        assert target is not None
        assert target.form is LinkForm.URL, url  # ../other-article/, as published
        named.add(article)
    assert {p for p in pages if p != this} <= named


def test_the_site_has_a_section_folder_and_a_page_bundle_with_an_image() -> None:
    """analysis/ holds articles; analysis/north-south-corridor/ is a bundle with its map."""
    slugs = {_slug(p) for p in SOURCES}
    assert "analysis/strategic-partnership-treaty" in slugs
    assert "analysis/north-south-corridor/index" in slugs
    bundle = REPO / "sources/en/analysis/north-south-corridor"
    assert "](corridor-map.svg)" in (bundle / "index.md").read_text(encoding="utf-8")
    assert (bundle / "corridor-map.svg").is_file()


def test_the_set_uses_a_block_quote_and_a_table() -> None:
    """Across the articles there is at least one block quote and one GFM table."""
    bodies = [_split(p)[1] for p in SOURCES]
    assert any(re.search(r"^> ", b, re.MULTILINE) for b in bodies)
    assert any(re.search(r"^\| --- \|", b, re.MULTILINE) for b in bodies)


def test_german_articles_say_buendnis_never_allianz() -> None:
    """German sources use the house term and never its forbidden variant."""
    for path in SOURCES:
        if _lang(path) != "de":
            continue
        text = path.read_text(encoding="utf-8")
        assert "Bündnis" in text
        assert "allianz" not in text.lower()


@pytest.mark.parametrize("path", SOURCES, ids=[_slug(p) for p in SOURCES])
def test_article_segments_have_no_forbidden_variant(path: Path, glossary: Glossary) -> None:
    """No segment of a source uses a variant the glossary forbids in its language."""
    article = parse_article(path.read_text(encoding="utf-8"), str(path))
    lang = _lang(path)
    bad = [(s.line, m.surface) for s in article.segments
           for m in glossary.find(s.msgid, lang) if m.forbidden]
    assert bad == []


def test_glossary_files_are_safe_yaml_lists_with_unique_ids() -> None:
    """Every glossary file is a YAML list; concept ids are unique across files."""
    assert {p.name for p in GLOSSARY_FILES} >= {
        "people.yaml", "places.yaml", "organisations.yaml", "terms.yaml", "brand.yaml"}
    ids: Counter[str] = Counter()
    for path in GLOSSARY_FILES:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert isinstance(data, list)
        ids.update(c["id"] for c in data)
    assert [i for i, n in ids.items() if n > 1] == []


def test_every_concept_covers_the_six_locales(glossary: Glossary) -> None:
    """Names and terms have renderings in de, en, fr, es, ru and fa; brands and proper-name
    traps in 'all'."""
    for concept in glossary.concepts:
        if concept.kind in (Kind.BRAND, Kind.TRAP):
            assert set(concept.terms) == {"all"}, concept.id
        else:
            assert set(concept.terms) == set(LOCALES), concept.id


def test_no_form_is_both_preferred_and_forbidden(glossary: Glossary) -> None:
    """A preferred rendering or listed form is never matched as a forbidden variant; a
    proper-name trap hides every term inside it."""
    for concept in glossary.concepts:
        if concept.kind is Kind.TRAP:
            for locale in LOCALES:
                for form in concept.renderings(locale):
                    assert glossary.find(form, locale) == [], (concept.id, locale, form)
            continue
        for locale in LOCALES:
            for form in concept.renderings(locale) + concept.extra_forms(locale):
                matches = glossary.find(form, locale)
                assert matches, (concept.id, locale, form)
                assert all(not m.forbidden and m.concept == concept.id for m in matches), (
                    concept.id, locale, form)


def test_every_forbidden_variant_is_found(glossary: Glossary) -> None:
    """Each forbidden variant, written alone, is reported as forbidden for its concept."""
    for concept in glossary.concepts:
        for locale in LOCALES:
            for variant in concept.forbidden_variants(locale):
                matches = glossary.find(variant, locale)
                assert any(m.forbidden and m.concept == concept.id for m in matches), (
                    concept.id, locale, variant)


def test_every_name_in_the_articles_is_in_the_glossary(glossary: Glossary) -> None:
    """The people of the articles are concepts (spot check on the names the brief lists)."""
    people = {"vladimir-putin", "masoud-pezeshkian", "abbas-araghchi", "sergey-lavrov",
              "dmitry-peskov"}
    found = set()
    for path in SOURCES:
        found.update(m.concept for m in glossary.find(path.read_text(encoding="utf-8"),
                                                       _lang(path)))
    assert people <= found


def _cases() -> list[dict[str, Any]]:
    data = yaml.safe_load(CASES_FILE.read_text(encoding="utf-8"))
    assert isinstance(data, list)
    return data


def test_labelled_cases_are_many_unique_and_well_formed(glossary: Glossary) -> None:
    """≥ 170 cases with unique ids, known checks and concepts, and a note each."""
    cases = _cases()
    assert len(cases) >= 170
    assert len({c["id"] for c in cases}) == len(cases)
    for case in cases:
        assert set(case) == {"id", "source_lang", "locale", "source", "target", "expected",
                             "note"}, case["id"]
        assert case["source_lang"] in {"en", "de"}, case["id"]
        assert case["note"].strip(), case["id"]
        if case["target"] is None:
            assert case["locale"] == case["source_lang"], case["id"]
        for item in case["expected"]:
            assert item["check"] in GLOSSARY_CHECKS, case["id"]
            assert item["concept"] in glossary, case["id"]


def test_labelled_cases_cover_locales_and_checks() -> None:
    """Targets in de, en, fr, ru and fa; every glossary check expected somewhere."""
    cases = _cases()
    assert {c["locale"] for c in cases if c["target"]} >= {"de", "en", "fr", "ru", "fa"}
    assert {e["check"] for c in cases for e in c["expected"]} == GLOSSARY_CHECKS
    assert any(c["target"] is None for c in cases)


def test_a_third_of_the_cases_expect_nothing() -> None:
    """Correct translations with no findings make up at least a third of the set."""
    cases = _cases()
    clean = [c for c in cases if c["target"] is not None and not c["expected"]]
    assert len(clean) * 3 >= len(cases)


LOCALES_DIR = REPO / "locales"
PO_FILES = sorted(LOCALES_DIR.glob("*/**/*.po"))


@pytest.mark.parametrize(
    "path", PO_FILES, ids=[p.relative_to(LOCALES_DIR).as_posix() for p in PO_FILES]
)
def test_po_files_pass_msgfmt_check(path: Path) -> None:
    """Every committed PO file passes GNU msgfmt --check."""
    result = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr


def _translated_share(path: Path) -> tuple[int, int]:
    catalog = read_po(path)
    messages = catalog.messages()
    for entry in messages:
        if entry.msgstr:
            assert not entry.fuzzy, (path, entry.msgid)
            assert not any(c.startswith("accord: machine") for c in entry.translator_comments)
    return sum(1 for e in messages if e.msgstr), len(messages)


def test_german_and_english_translations_are_complete_and_human() -> None:
    """de has every English article, en every German one: all translated, none fuzzy or machine."""
    for path in SOURCES:
        locale = "de" if _lang(path) == "en" else "en"
        done, total = _translated_share(LOCALES_DIR / locale / f"{_slug(path)}.po")
        assert total > 0
        assert done == total, (locale, _slug(path))


def test_french_has_about_a_third_of_each_article() -> None:
    """Each French PO file has between a quarter and a half of its entries translated."""
    for path in SOURCES:
        done, total = _translated_share(LOCALES_DIR / "fr" / f"{_slug(path)}.po")
        assert total / 4 <= done <= total / 2, (_slug(path), done, total)
