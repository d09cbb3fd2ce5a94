"""Exchange the termbase with other tools: TBX-Basic (ISO 30042), CSV, and Accord's YAML.

TBX mapping: one ``conceptEntry`` per concept (``id`` = concept id), one ``langSec``
per locale (``mul`` stands for Accord's ``all``), one ``termSec`` per form with
``administrativeStatus`` = ``preferredTerm-admn-sts`` (renderings, in aligned order),
``admittedTerm-admn-sts`` (explicit inflected forms) or ``deprecatedTerm-admn-sts``
(forbidden variants); an ``ignore`` word is a ``termSec`` carrying
``<admin type="projectSubset">accord ignore</admin>`` instead. The note is a
``descrip type="definition"``; the kind and the matching options travel in one
``admin type="projectSubset"`` element (``accord kind=name case=sensitive
exact=false``) so that a round trip is lossless. Import also reads TBX 2008
(``martif``: ``termEntry``/``langSet``/``tig`` or ``ntig``), as other tools export it.

CSV: one row per form with columns ``id, kind, locale, status, term, note, case,
exact, concept_status, since``; ``status`` is ``preferred``, ``form``, ``forbidden``
or ``ignore``.
"""

from __future__ import annotations

import contextlib
import csv
import io
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from typing import Any

import yaml

from accord.errors import ConfigError, GlossaryError
from accord.glossary.load import ID_PATTERN
from accord.glossary.model import ALL, Concept, Kind
from accord.locales import normalise_locale

TBX_NS = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
STATUS = {
    "preferred": "preferredTerm-admn-sts",
    "form": "admittedTerm-admn-sts",
    "forbidden": "deprecatedTerm-admn-sts",
    "ignore": "",  # not a term of the concept: marked with an Accord admin note instead
}
STATUS_BACK = {v: k for k, v in STATUS.items() if v}
IGNORE_NOTE = "accord ignore"
CSV_COLUMNS = ("id", "kind", "locale", "status", "term", "note", "case", "exact",
               "concept_status", "since")
MUL = "mul"


def _rows(concept: Concept) -> list[tuple[str, str, str]]:
    """(locale, status, term) of a concept, renderings first, in a stable order."""
    rows: list[tuple[str, str, str]] = []
    locales = list(dict.fromkeys([*concept.terms, *concept.forms, *concept.forbidden]))
    for locale in locales:
        rows += [(locale, "preferred", t) for t in concept.terms.get(locale, ())]
        rows += [(locale, "form", t) for t in concept.forms.get(locale, ())]
        rows += [(locale, "forbidden", t) for t in concept.forbidden.get(locale, ())]
    for locale, words in concept.ignore.items():
        rows += [(locale, "ignore", t) for t in words]
    return rows


def _options(concept: Concept) -> dict[str, str]:
    options = {
        "kind": concept.kind.value,
        "case": "sensitive" if concept.case_sensitive else "insensitive",
        "exact": "true" if concept.exact else "false",
    }
    if concept.status:
        options["status"] = concept.status
    if concept.since:
        options["since"] = concept.since
    return options


def to_tbx(concepts: tuple[Concept, ...] | list[Concept]) -> str:
    """A TBX-Basic document (DCA style) holding every concept."""
    ET.register_namespace("", TBX_NS)
    root = ET.Element(f"{{{TBX_NS}}}tbx", {"type": "TBX-Basic", "style": "dca", XML_LANG: "en"})
    header = ET.SubElement(root, f"{{{TBX_NS}}}tbxHeader")
    desc = ET.SubElement(ET.SubElement(header, f"{{{TBX_NS}}}fileDesc"), f"{{{TBX_NS}}}sourceDesc")
    ET.SubElement(desc, f"{{{TBX_NS}}}p").text = "Accord glossary"
    body = ET.SubElement(ET.SubElement(root, f"{{{TBX_NS}}}text"), f"{{{TBX_NS}}}body")
    for concept in concepts:
        entry = ET.SubElement(body, f"{{{TBX_NS}}}conceptEntry", {"id": concept.id})
        options = " ".join(f"{k}={v}" for k, v in _options(concept).items())
        ET.SubElement(entry, f"{{{TBX_NS}}}admin", {"type": "projectSubset"}).text = (
            f"accord {options}")
        if concept.note:
            ET.SubElement(entry, f"{{{TBX_NS}}}descrip", {"type": "definition"}).text = concept.note
        sections: dict[str, ET.Element] = {}
        for locale, status, term in _rows(concept):
            lang = MUL if locale == ALL else locale.replace("_", "-")
            section = sections.get(lang)
            if section is None:
                section = sections[lang] = ET.SubElement(
                    entry, f"{{{TBX_NS}}}langSec", {XML_LANG: lang})
            term_sec = ET.SubElement(section, f"{{{TBX_NS}}}termSec")
            ET.SubElement(term_sec, f"{{{TBX_NS}}}term").text = term
            if status == "ignore":
                ET.SubElement(term_sec, f"{{{TBX_NS}}}admin",
                              {"type": "projectSubset"}).text = IGNORE_NOTE
                continue
            ET.SubElement(term_sec, f"{{{TBX_NS}}}termNote",
                          {"type": "administrativeStatus"}).text = STATUS[status]
            pos = "noun" if concept.kind is Kind.TERM else "properNoun"
            ET.SubElement(term_sec, f"{{{TBX_NS}}}termNote", {"type": "partOfSpeech"}).text = pos
    ET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


class _Builder:
    """Collects one concept's data while reading TBX or CSV, then validates it."""

    def __init__(self, concept_id: str, path: str, line: int):
        if not ID_PATTERN.fullmatch(concept_id):
            raise GlossaryError(f"id: {concept_id!r} is not of the form [a-z0-9-]+",
                                path=path, line=line)
        self.id, self.path, self.line = concept_id, path, line
        self.options: dict[str, str] = {}
        self.note: str | None = None
        self.tables: dict[str, dict[str, list[str]]] = {s: {} for s in STATUS}

    def add(self, locale: str, status: str, term: str, line: int) -> None:
        if status not in STATUS:
            raise GlossaryError(f"status: {status!r} is not one of {', '.join(STATUS)}",
                                path=self.path, line=line)
        if locale in (MUL, ALL):
            key = ALL
        else:
            try:
                key = normalise_locale(locale)
            except ConfigError:
                raise GlossaryError(f"locale: unknown locale code {locale!r}",
                                    path=self.path, line=line) from None
        term = " ".join(term.split())
        if not term:
            raise GlossaryError("term: expected a non-empty string", path=self.path, line=line)
        self.tables[status].setdefault(key, []).append(term)

    def build(self) -> Concept:
        try:
            kind = Kind(self.options.get("kind", "term"))
        except ValueError:
            kind_text = self.options.get("kind")
            raise GlossaryError(f"kind: {kind_text!r} is not one of name, term, brand",
                                path=self.path, line=self.line) from None
        if not self.tables["preferred"]:
            raise GlossaryError(f"terms: concept {self.id!r} has no preferred term",
                                path=self.path, line=self.line)
        case = self.options.get("case") or ("sensitive" if kind is Kind.NAME else "insensitive")

        def frozen(table: dict[str, list[str]]) -> dict[str, tuple[str, ...]]:
            return {k: tuple(v) for k, v in table.items()}

        return Concept(
            id=self.id, kind=kind, terms=frozen(self.tables["preferred"]),
            forms=frozen(self.tables["form"]), forbidden=frozen(self.tables["forbidden"]),
            ignore=frozen(self.tables["ignore"]),
            case_sensitive=case == "sensitive", exact=self.options.get("exact") == "true",
            note=self.note, status=self.options.get("status") or None,
            since=self.options.get("since") or None, file=self.path, line=self.line,
        )


def from_tbx(text: str, path: str = "<tbx>") -> list[Concept]:
    """The concepts of a TBX document (TBX-Basic, DCA style, ISO 30042:2019)."""
    text = text.removeprefix("\ufeff")
    if re.search(r"<!DOCTYPE|<!ENTITY", text):
        raise GlossaryError("DTDs and entities are not accepted in TBX files", path=path)
    try:
        root = ET.fromstring(text)
    except ET.ParseError as error:
        line = error.position[0] if error.position else None
        raise GlossaryError(f"invalid XML: {error.msg}", path=path, line=line) from None
    if _local(root.tag) not in ("tbx", "martif"):
        raise GlossaryError(f"not a TBX document (root element <{_local(root.tag)}>)",
                            path=path, line=1)
    concepts = []
    for entry in root.iter():
        # ISO 30042:2019 conceptEntry/langSec/termSec, or TBX 2008 (martif)
        # termEntry/langSet/tig|ntig, as other tools still export it.
        if _local(entry.tag) not in ("conceptEntry", "termEntry"):
            continue
        builder = _Builder(entry.get("id", ""), path, 0)
        for child in _flatten(entry, "descripGrp"):
            name = _local(child.tag)
            if name == "admin" and (child.text or "").startswith("accord "):
                for pair in (child.text or "").split()[1:]:
                    key, _, value = pair.partition("=")
                    builder.options[key] = value
            elif name in ("descrip", "note") and child.text and builder.note is None:
                builder.note = child.text.strip()
            elif name in ("langSec", "langSet"):
                _read_lang_sec(child, builder)
        concepts.append(builder.build())
    return concepts


def _read_lang_sec(section: ET.Element, builder: _Builder) -> None:
    lang = section.get(XML_LANG, "")
    for term_sec in section:
        if _local(term_sec.tag) not in ("termSec", "tig", "ntig"):
            continue
        term, status = "", "preferred"
        for part in _flatten(term_sec, "termGrp"):
            if _local(part.tag) == "term":
                term = "".join(part.itertext())
            elif part.get("type") == "administrativeStatus":
                status = STATUS_BACK.get((part.text or "").strip(), "form")
            elif (part.text or "").strip() == IGNORE_NOTE:
                status = "ignore"
        builder.add(lang, status, term, 0)


def _flatten(element: ET.Element, group: str) -> list[ET.Element]:
    """The children of ``element``, with those of its ``group`` children (TBX 2008's
    termGrp, descripGrp) in their place."""
    return [part for child in element
            for part in (list(child) if _local(child.tag) == group else [child])]


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def to_csv(concepts: tuple[Concept, ...] | list[Concept]) -> str:
    """One CSV row per form; concept-level columns repeated on each row."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for concept in concepts:
        options = _options(concept)
        for locale, status, term in _rows(concept):
            writer.writerow([
                concept.id, concept.kind.value, locale, status, term, concept.note or "",
                options["case"], options["exact"], concept.status or "", concept.since or "",
            ])
    return out.getvalue()


def from_csv(text: str, path: str = "<csv>") -> list[Concept]:
    """The concepts of a CSV file written by ``to_csv`` (or by hand in the same columns)."""
    # Spreadsheets write a byte-order mark, and in many locales semicolons.
    text = text.removeprefix("\ufeff")
    header = text.split("\n", 1)[0]
    delimiter = ";" if ";" in header and "," not in header else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    with _csv_errors(reader, path):
        fieldnames = reader.fieldnames or []
    missing = [c for c in ("id", "locale", "term") if c not in fieldnames]
    if missing:
        raise GlossaryError(f"header: missing column {missing[0]!r}", path=path, line=1)
    builders: dict[str, _Builder] = {}
    for line, row in _located_rows(reader, path):
        concept_id = (row.get("id") or "").strip()
        builder = builders.get(concept_id)
        if builder is None:
            builder = builders[concept_id] = _Builder(concept_id, path, line)
        for column, option in (("kind", "kind"), ("case", "case"), ("exact", "exact"),
                               ("concept_status", "status"), ("since", "since")):
            value = (row.get(column) or "").strip()
            if value and option not in builder.options:
                builder.options[option] = value
        if row.get("note") and builder.note is None:
            builder.note = (row.get("note") or "").strip()
        builder.add((row.get("locale") or "").strip(), (row.get("status") or "preferred").strip(),
                    row.get("term") or "", line)
    return [b.build() for b in builders.values()]


@contextlib.contextmanager
def _csv_errors(reader: csv.DictReader[str], path: str) -> Iterator[None]:
    """csv.Error (a field over the module's 128 KiB limit, a NUL) as ``path:line``."""
    try:
        yield
    except csv.Error as error:
        # The reader counts a line once it is parsed: the bad one is the next.
        raise GlossaryError(f"invalid CSV: {error}", path=path, line=reader.line_num + 1) from None


def _located_rows(reader: csv.DictReader[str], path: str) -> Iterator[tuple[int, dict[str, str]]]:
    """Each row with the line it ends on; a malformed row is a GlossaryError at its line."""
    while True:
        with _csv_errors(reader, path):
            row = next(reader, None)
        if row is None:
            return
        yield reader.line_num, row


def to_yaml(concepts: list[Concept]) -> str:
    """Accord's glossary YAML for ``concepts`` (what ``glossary.import`` writes)."""
    items: list[dict[str, Any]] = []
    for concept in concepts:
        item: dict[str, Any] = {"id": concept.id, "kind": concept.kind.value}
        if concept.note:
            item["note"] = concept.note
        item["terms"] = {k: list(v) for k, v in concept.terms.items()}
        if concept.forms:
            item["forms"] = {k: list(v) for k, v in concept.forms.items()}
        if concept.forbidden:
            item["forbidden"] = {k: list(v) for k, v in concept.forbidden.items()}
        if concept.ignore:
            item["ignore"] = {k: list(v) for k, v in concept.ignore.items()}
        default_sensitive = concept.kind is Kind.NAME
        if concept.case_sensitive != default_sensitive:
            item["case"] = "sensitive" if concept.case_sensitive else "insensitive"
        if concept.exact:
            item["exact"] = True
        if concept.status:
            item["status"] = concept.status
        if concept.since:
            item["since"] = concept.since
        items.append(item)
    return yaml.safe_dump(items, allow_unicode=True, sort_keys=False, width=100)
