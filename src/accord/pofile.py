"""PO files: the data model, a parser with line numbers, a gettext-canonical writer.

The model keeps everything GNU gettext keeps, so that ``format_po(parse_po(text))``
equals what ``msgcat`` writes for the same file.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Entry:
    """One PO entry (message). ``msgstr_plural`` is used instead of ``msgstr`` for plurals."""

    msgid: str
    msgstr: str = ""
    msgctxt: str | None = None
    msgid_plural: str | None = None
    msgstr_plural: dict[int, str] = field(default_factory=dict)
    translator_comments: list[str] = field(default_factory=list)  # "# text" → "text"
    extracted_comments: list[str] = field(default_factory=list)  # "#. text" → "text"
    references: list[str] = field(default_factory=list)  # "#: a:1 b:2" → ["a:1", "b:2"]
    flags: list[str] = field(default_factory=list)  # "#, fuzzy, c-format"
    previous_msgctxt: str | None = None  # "#| msgctxt"
    previous_msgid: str | None = None  # "#| msgid"
    previous_msgid_plural: str | None = None
    obsolete: bool = False  # "#~"
    line: int = 0  # line of the entry's first line in the file it was read from

    @property
    def key(self) -> tuple[str | None, str]:
        """(msgctxt, msgid): what makes an entry unique within a catalog."""
        return (self.msgctxt, self.msgid)

    @property
    def fuzzy(self) -> bool:
        return "fuzzy" in self.flags

    @fuzzy.setter
    def fuzzy(self, value: bool) -> None:
        if value and "fuzzy" not in self.flags:
            self.flags.insert(0, "fuzzy")
        elif not value:
            self.flags = [f for f in self.flags if f != "fuzzy"]

    @property
    def translated(self) -> bool:
        """Has a non-empty translation (fuzzy or not)."""
        if self.msgid_plural is not None:
            return bool(self.msgstr_plural) and all(self.msgstr_plural.values())
        return bool(self.msgstr)


@dataclass
class Catalog:
    """A PO file: its header entry (msgid "") first if present, then the entries in file order."""

    entries: list[Entry] = field(default_factory=list)

    @property
    def header(self) -> Entry | None:
        first = self.entries[0] if self.entries else None
        if first is not None and first.msgid == "" and first.msgctxt is None and not first.obsolete:
            return first
        return None

    def messages(self) -> list[Entry]:
        """Active (non-obsolete) entries without the header."""
        head = self.header
        return [e for e in self.entries if e is not head and not e.obsolete]

    def obsolete_entries(self) -> list[Entry]:
        return [e for e in self.entries if e.obsolete]

    def untranslated_entries(self) -> list[Entry]:
        return [e for e in self.messages() if not e.translated]

    def fuzzy_entries(self) -> list[Entry]:
        return [e for e in self.messages() if e.fuzzy and e.translated]

    def translated_entries(self) -> list[Entry]:
        return [e for e in self.messages() if e.translated and not e.fuzzy]

    def percent_translated(self) -> int:
        total = len(self.messages())
        return 100 if total == 0 else round(100 * len(self.translated_entries()) / total)

    def find(self, msgid: str, msgctxt: str | None = None) -> Entry | None:
        for entry in self.entries:
            if not entry.obsolete and entry.msgid == msgid and entry.msgctxt == msgctxt:
                return entry
        return None

    def metadata(self) -> dict[str, str]:
        """The header's fields (``Language``, ``Plural-Forms``, …) in file order."""
        head = self.header
        fields: dict[str, str] = {}
        if head is None:
            return fields
        for raw in head.msgstr.split("\n"):
            name, sep, value = raw.partition(":")
            if sep:
                fields[name.strip()] = value.strip()
        return fields


# parse_po(text, path) -> Catalog, format_po(catalog) -> str, read_po(path) -> Catalog,
# write_po(path, catalog) -> bool: implemented below by the PO-fidelity work (issue 2).
