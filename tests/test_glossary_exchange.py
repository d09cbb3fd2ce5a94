"""TBX-Basic and CSV export/import: valid, lossless, and strict about bad input."""

from __future__ import annotations

import dataclasses
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from accord.errors import GlossaryError
from accord.glossary import Concept, load_glossary, parse_glossary
from accord.glossary.exchange import TBX_NS, from_csv, from_tbx, to_csv, to_tbx, to_yaml

DATA = Path(__file__).parent / "data"
REPO = Path(__file__).parent.parent
NS = {"t": TBX_NS}


def comparable(concepts: list[Concept] | tuple[Concept, ...]) -> list[Concept]:
    return [dataclasses.replace(c, file="", line=0) for c in concepts]


@pytest.mark.parametrize(
    "folder", [DATA / "glossary", REPO / "glossary", DATA / "glossary_ignore"],
    ids=["fixture", "repository", "every-key"])
def test_round_trips_are_lossless(folder: Path) -> None:
    """TBX, CSV and YAML exports read back into the same concepts."""
    concepts = load_glossary(folder).concepts
    assert comparable(from_tbx(to_tbx(concepts))) == comparable(concepts)
    assert comparable(from_csv(to_csv(concepts))) == comparable(concepts)
    assert comparable(parse_glossary(to_yaml(list(concepts)))) == comparable(concepts)


def test_ignore_words_hide_the_form_inside_them() -> None:
    """"Allianzversicherung" is the insurer and "Bündnisgrünen" a party, not the term."""
    glossary = load_glossary(DATA / "glossary_ignore")
    assert glossary.find("Die Allianzversicherung und die Bündnisgrünen", "de") == []
    assert [m.surface for m in glossary.find("Die Allianzpartner", "de")] == ["Allianz"]


def test_tbx_is_tbx_basic() -> None:
    """Root ``tbx`` of type TBX-Basic in the ISO 30042 namespace; statuses per form."""
    concepts = load_glossary(DATA / "glossary").concepts
    root = ET.fromstring(to_tbx(concepts))
    assert root.tag == f"{{{TBX_NS}}}tbx"
    assert (root.get("type"), root.get("style")) == ("TBX-Basic", "dca")
    entry = root.find(".//t:conceptEntry[@id='alliance']", NS)
    assert entry is not None
    german = entry.find("t:langSec[@{http://www.w3.org/XML/1998/namespace}lang='de']", NS)
    assert german is not None
    statuses = [(sec.findtext("t:term", namespaces=NS),
                 sec.findtext("t:termNote[@type='administrativeStatus']", namespaces=NS))
                for sec in german.findall("t:termSec", NS)]
    assert statuses == [
        ("Bündnis", "preferredTerm-admn-sts"),
        ("Bündnisses", "admittedTerm-admn-sts"),
        ("Bündnisse", "admittedTerm-admn-sts"),
        ("Bündnissen", "admittedTerm-admn-sts"),
        ("Allianz", "deprecatedTerm-admn-sts"),
    ]
    brand = root.find(".//t:conceptEntry[@id='site-name']/t:langSec", NS)
    assert brand is not None
    assert brand.get("{http://www.w3.org/XML/1998/namespace}lang") == "mul"


def test_tbx_from_another_tool_without_accord_options() -> None:
    """A plain TBX-Basic file imports; missing kind means term."""
    text = f"""<?xml version="1.0"?>
<tbx xmlns="{TBX_NS}" type="TBX-Basic" style="dca" xml:lang="en"><text><body>
<conceptEntry id="c1"><langSec xml:lang="en"><termSec><term>treaty</term></termSec></langSec>
<langSec xml:lang="pt-BR"><termSec><term>tratado</term></termSec></langSec></conceptEntry>
</body></text></tbx>"""
    (concept,) = from_tbx(text)
    assert concept.terms == {"en": ("treaty",), "pt_BR": ("tratado",)}
    assert concept.kind.value == "term"


@pytest.mark.parametrize(("text", "message"), [
    ("<tbx><text", r"^g.tbx:1: invalid XML"),
    ('<!DOCTYPE x [<!ENTITY a "b">]><tbx/>', r"^g.tbx: DTDs and entities are not accepted"),
    (f'<tbx xmlns="{TBX_NS}"><conceptEntry id="Bad Id"/></tbx>', r"^g.tbx: id: 'Bad Id'"),
])
def test_bad_tbx(text: str, message: str) -> None:
    """Malformed XML, DTDs and bad ids are GlossaryErrors naming the file."""
    with pytest.raises(GlossaryError, match=message):
        from_tbx(text, "g.tbx")


@pytest.mark.parametrize(("text", "message"), [
    ("id,term\nx,y\n", r"^g.csv:1: header: missing column 'locale'"),
    ("id,locale,term\nx,en,a\nx,zz,b\n", r"^g.csv:3: locale: unknown locale code 'zz'"),
    ("id,locale,status,term\nx,en,odd,a\n", r"^g.csv:2: status: 'odd' is not one of"),
    ("id,locale,term\nx,en,\n", r"^g.csv:2: term: expected a non-empty string"),
    ("id,locale,term\nx,en,a\ny,en," + "b" * 200_000 + "\n",
     r"^g.csv:3: invalid CSV: field larger than field limit"),
    ("id,locale," + "t" * 200_000 + "\nx,en,a\n", r"^g.csv:1: invalid CSV: field larger"),
])
def test_bad_csv_rows_name_their_line(text: str, message: str) -> None:
    """A bad CSV row is reported with its line."""
    with pytest.raises(GlossaryError, match=message):
        from_csv(text, "g.csv")
