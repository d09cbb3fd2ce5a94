"""Glossary YAML loading and validation: every problem names file, line and key."""

from __future__ import annotations

from pathlib import Path

import pytest

from accord.errors import GlossaryError
from accord.glossary import Kind, load_glossary, make_glossary, parse_glossary

DATA = Path(__file__).parent / "data"
BAD = sorted((DATA / "glossary_bad").glob("*.yaml"))


@pytest.mark.parametrize("path", BAD, ids=[p.stem for p in BAD])
def test_bad_file_is_reported_with_file_line_and_key(path: Path) -> None:
    """Each bad.*.yaml file fails with exactly the message on its first line."""
    text = path.read_text(encoding="utf-8")
    expected = text.splitlines()[0].removeprefix("# expect: ")
    with pytest.raises(GlossaryError) as caught:
        make_glossary(parse_glossary(text, path.name))
    assert str(caught.value) == expected


def test_bad_files_cover_the_documented_cases() -> None:
    """The folder holds the cases DESIGN.md §6 and the issue name."""
    assert len(BAD) >= 12


def test_duplicate_id_across_files_names_both(tmp_path: Path) -> None:
    """An id defined in two files is an error at the second, naming the first."""
    folder = tmp_path / "glossary"
    folder.mkdir()
    (folder / "a.yaml").write_text("- id: iran\n  kind: name\n  terms: {en: [Iran]}\n")
    (folder / "b.yaml").write_text("\n- id: iran\n  kind: name\n  terms: {de: [Iran]}\n")
    with pytest.raises(GlossaryError, match=r"^glossary/b.yaml:2: id: duplicate id 'iran' "
                                              r"\(first defined at glossary/a.yaml:1\)$"):
        load_glossary(folder)


def test_defaults_follow_the_kind() -> None:
    """Names are case-sensitive by default, terms and brands not; options are read."""
    concepts = parse_glossary(
        "- {id: a, kind: name, terms: {en: [A]}}\n"
        "- {id: b, kind: term, terms: {en: [b]}, exact: true, status: proposed}\n"
        "- {id: c, kind: brand, terms: {all: [C]}, case: sensitive, since: 2025-01-17}\n",
        "g.yaml",
    )
    assert [(c.kind, c.case_sensitive, c.exact) for c in concepts] == [
        (Kind.NAME, True, False), (Kind.TERM, False, True), (Kind.BRAND, True, False)]
    assert concepts[1].status == "proposed"
    assert concepts[2].since == "2025-01-17"
    assert concepts[2].renderings("fa") == ("C",)


def test_locale_keys_are_normalised_and_fall_back_to_the_language() -> None:
    """``pt-BR`` is stored as ``pt_BR``; ``de_AT`` falls back to ``de``."""
    (concept,) = parse_glossary(
        "- {id: a, kind: term, terms: {pt-BR: [aliança], de: [Bündnis]}}\n", "g.yaml")
    assert concept.renderings("pt_BR") == ("aliança",)
    assert concept.renderings("de_AT") == ("Bündnis",)
    assert concept.renderings("fr") == ()


def test_the_repository_glossary_loads(repo_root: Path) -> None:
    """The project's own glossary/ validates."""
    glossary = load_glossary(repo_root / "glossary")
    assert len(glossary) >= 20
    assert "abbas-araghchi" in glossary


def test_empty_and_missing_folders_give_an_empty_glossary(tmp_path: Path) -> None:
    """No glossary folder, or an empty file, is not an error."""
    assert len(load_glossary(tmp_path / "none")) == 0
    (tmp_path / "empty.yaml").write_text("# nothing yet\n")
    assert len(load_glossary(tmp_path)) == 0


def test_a_glossary_file_linked_out_of_its_folder_is_not_read(tmp_path: Path) -> None:
    """A glossary file that is a symlink to a file elsewhere on the machine is refused."""
    outside = tmp_path / "outside.yaml"
    outside.write_text("- id: leak\n  terms:\n    en: [{text: Secret}]\n", encoding="utf-8")
    folder = tmp_path / "repo" / "glossary"
    folder.mkdir(parents=True)
    (folder / "evil.yaml").symlink_to(outside)

    with pytest.raises(GlossaryError) as raised:
        load_glossary(folder)
    assert (raised.value.path, raised.value.line) == ("glossary/evil.yaml", 1)
    assert "symlink" in raised.value.message
