"""QA: TBX import of another tool's TBX 2008 (martif) file, and of a file that is no TBX."""

from __future__ import annotations

from pathlib import Path

import pytest

from accord.errors import GlossaryError
from accord.glossary import load_glossary
from accord.glossary.exchange import from_csv, from_tbx, to_tbx

REPO = Path(__file__).parent.parent
MARTIF = """\
<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX" xml:lang="en">
  <text><body>
    <termEntry id="rosneft">
      <descripGrp><descrip type="definition">Russian oil company</descrip></descripGrp>
      <langSet xml:lang="en"><tig><term>Rosneft</term></tig></langSet>
      <langSet xml:lang="de"><tig><term>Rosneft</term></tig>
        <tig><term>Rosnjeft</term>
          <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></tig>
      </langSet>
      <langSet xml:lang="fr"><ntig><termGrp><term>Rosneft</term></termGrp></ntig></langSet>
    </termEntry>
  </body></text>
</martif>
"""


def test_tbx_2008_martif_is_imported() -> None:
    """termEntry/langSet/tig|ntig (TBX 2008, still what many tools export) is read."""
    (concept,) = from_tbx(MARTIF, "ext.tbx")
    assert concept.id == "rosneft"
    assert concept.note == "Russian oil company"
    assert concept.terms == {"en": ("Rosneft",), "de": ("Rosneft",), "fr": ("Rosneft",)}
    assert concept.forbidden == {"de": ("Rosnjeft",)}


def test_a_file_that_is_not_tbx_is_an_error_not_an_empty_import() -> None:
    with pytest.raises(GlossaryError, match="not a TBX document"):
        from_tbx("<html><body/></html>", "page.tbx")


def test_the_repository_glossary_survives_a_tbx_round_trip() -> None:
    glossary = load_glossary(REPO / "glossary")
    back = {c.id: c for c in from_tbx(to_tbx(glossary.concepts))}
    for concept in glossary.concepts:
        other = back[concept.id]
        assert (other.kind, other.terms, other.forms, other.forbidden, other.ignore,
                other.case_sensitive, other.exact, other.note) == (
            concept.kind, concept.terms, concept.forms, concept.forbidden, concept.ignore,
            concept.case_sensitive, concept.exact, concept.note), concept.id


def test_a_spreadsheet_csv_with_a_byte_order_mark_and_semicolons_is_read() -> None:
    """Excel writes a BOM, and semicolons where the comma is the decimal separator."""
    for text in ("\ufeffid,kind,locale,status,term\r\nrosneft,name,en,preferred,Rosneft\r\n",
                 "\ufeffid;kind;locale;status;term\nrosneft;name;en;preferred;Rosneft\n"):
        (concept,) = from_csv(text, "sheet.csv")
        assert (concept.id, concept.terms) == ("rosneft", {"en": ("Rosneft",)})
    (concept,) = from_tbx("\ufeff" + MARTIF, "ext.tbx")
    assert concept.id == "rosneft"
