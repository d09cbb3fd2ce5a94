"""PO files: the data model, a parser with line numbers, a gettext-canonical writer.

The model keeps everything GNU gettext keeps, so that ``format_po(parse_po(text))``
equals what ``msgcat`` writes for the same file.  gettext's comment syntax (flags,
references) lives in :mod:`accord.pocomments`, its string wrapping in
:mod:`accord.powrap` and :mod:`accord.linebreak`.

Public API: ``parse_po``, ``format_po``, ``read_po``, ``write_po``,
``header_entry``; ``Entry`` and ``Catalog``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from accord.errors import CatalogError
from accord.fsutil import write_text_if_changed
from accord.locales import plural_forms
from accord.pocomments import (
    canonical_flags,
    is_number,
    parse_flags,
    parse_references,
    reference_lines,
)
from accord.powrap import wrap_string


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
        """The entry with msgid "" (no msgctxt): first as gettext writes it, but anywhere.

        msgfmt accepts a header after other entries; taking only the first would make
        sync add a second header, which every tool then refuses.
        """
        for entry in self.entries:
            if entry.msgid == "" and entry.msgctxt is None and not entry.obsolete:
                return entry
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


# ---------------------------------------------------------------------------
# Reading
# ---------------------------------------------------------------------------

_ESCAPES = {
    "n": "\n", "t": "\t", "b": "\b", "r": "\r", "f": "\f", "v": "\v", "a": "\a",
    "\\": "\\", '"': '"',
}  # fmt: skip
_OCTAL = "01234567"
_HEX = "0123456789abcdefABCDEF"
_PREVIOUS_KEYWORDS = {"msgctxt": "previous_msgctxt", "msgid": "previous_msgid",
                      "msgid_plural": "previous_msgid_plural"}  # fmt: skip


class _Reader:
    """Line-based PO reader: one pass, one small state machine, gettext's errors."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.entries: list[Entry] = []
        self.seen: dict[tuple[str | None, str], int] = {}
        self.pending = self._fresh_pending()
        self.pending_line = 0
        self.entry: Entry | None = None
        self.entry_line = 0
        self.stage = ""  # "", "msgctxt", "msgid", "msgid_plural", "msgstr"
        self.field = ""  # attribute (or msgstr[n] index as str) continuation lines extend
        self.parts: list[str] = []
        self.msgid_line = 0
        self.previous_field = ""
        self.previous_parts: list[str] = []

    @staticmethod
    def _fresh_pending() -> Entry:
        return Entry(msgid="")

    def error(self, message: str, line: int) -> CatalogError:
        return CatalogError(message, path=self.path, line=line)

    # -- strings ------------------------------------------------------------

    def strings(self, text: str, line: int) -> str:
        """The concatenated value of the quoted strings making up ``text``."""
        text = text.strip()
        if (
            len(text) >= 2
            and text[0] == '"'
            and text[-1] == '"'
            and "\\" not in text
            and text.count('"') == 2
        ):
            return text[1:-1]
        return self._strings_slow(text, line)

    def _strings_slow(self, text: str, line: int) -> str:
        out: list[str] = []
        i, end = 0, len(text)
        raw_bytes = False
        if not text:
            raise self.error("missing string", line)
        while i < end:
            char = text[i]
            if char in " \t\f\v\r":
                i += 1
            elif char == '"':
                i, raw = self._quoted(text, i + 1, out, line)
                raw_bytes |= raw
            elif char == "#":
                raise self.error("a comment must start its own line", line)
            else:
                raise self.error(f"unexpected {char!r} outside a string", line)
        value = "".join(out)
        if raw_bytes:
            try:
                value = value.encode("utf-8", "surrogateescape").decode("utf-8")
            except UnicodeError:
                raise self.error("escaped bytes are not valid UTF-8", line) from None
        return value

    def _quoted(self, text: str, i: int, out: list[str], line: int) -> tuple[int, bool]:
        """Read one string from just after its opening quote; the index after it, any raw bytes."""
        end = len(text)
        raw_bytes = False
        while i < end:
            char = text[i]
            if char == '"':
                return i + 1, raw_bytes
            if char != "\\":
                out.append(char)
                i += 1
            else:
                i, raw = self._escape_sequence(text, i + 1, out, line)
                raw_bytes |= raw
        raise self.error("end-of-line within string", line)

    def _escape_sequence(self, text: str, i: int, out: list[str], line: int) -> tuple[int, bool]:
        """Decode the escape after a backslash as gettext does (C escapes, octal, hex)."""
        end = len(text)
        if i >= end:
            raise self.error("end-of-line within string", line)
        char = text[i]
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
            return i + 1, False
        if char in _OCTAL:
            stop = i + 1
            while stop < end and stop < i + 3 and text[stop] in _OCTAL:
                stop += 1
            return stop, self._add_byte(out, int(text[i:stop], 8) & 0xFF, line)
        if char == "x" and i + 1 < end and text[i + 1] in _HEX:
            stop = i + 1
            while stop < end and text[stop] in _HEX:
                stop += 1
            return stop, self._add_byte(out, int(text[i + 1 : stop], 16) & 0xFF, line)
        raise self.error(f"invalid control sequence '\\{char}'", line)

    def _add_byte(self, out: list[str], byte: int, line: int) -> bool:
        if byte == 0:
            raise self.error("a string cannot contain a NUL character", line)
        out.append(chr(byte) if byte < 0x80 else chr(0xDC00 + byte))
        return byte >= 0x80

    # -- entries ------------------------------------------------------------

    def flush_field(self) -> None:
        entry = self.entry
        if entry is None or not self.field:
            return
        value = "".join(self.parts)
        if self.field == "msgctxt":
            entry.msgctxt = value
        elif self.field == "msgid":
            entry.msgid = value
        elif self.field == "msgid_plural":
            entry.msgid_plural = value
        elif self.field == "msgstr":
            entry.msgstr = value
        else:
            entry.msgstr_plural[int(self.field)] = value
        self.field = ""
        self.parts = []

    def flush_previous(self) -> None:
        if self.previous_field:
            setattr(self.pending, self.previous_field, "".join(self.previous_parts))
            self.previous_field = ""
            self.previous_parts = []

    def finish_entry(self) -> None:
        self.flush_field()
        entry = self.entry
        if entry is None:
            return
        self.entry = None
        self.stage = ""
        first = self.seen.get(entry.key)
        if first is not None:
            raise self.error(
                f"duplicate message definition (first defined at line {first})", self.msgid_line
            )
        self.seen[entry.key] = self.msgid_line
        self.entries.append(entry)

    def start_entry(self, line: int, obsolete: bool) -> Entry:
        self.flush_previous()
        pending = self.pending
        entry = Entry(
            msgid="",
            translator_comments=pending.translator_comments,
            extracted_comments=pending.extracted_comments,
            references=pending.references,
            flags=pending.flags,
            previous_msgctxt=pending.previous_msgctxt,
            previous_msgid=pending.previous_msgid,
            previous_msgid_plural=pending.previous_msgid_plural,
            obsolete=obsolete,
            line=self.pending_line or line,
        )
        self.pending = self._fresh_pending()
        self.pending_line = 0
        self.entry = entry
        self.entry_line = line
        return entry

    def keyword(self, text: str, line: int, obsolete: bool) -> None:
        quote = text.find('"')
        if quote < 0:
            word = text.split(maxsplit=1)[0]
            if word in ("msgctxt", "msgid", "msgid_plural", "msgstr") or word.startswith("msgstr["):
                raise self.error(f"missing string after '{word}'", line)
            raise self.error(f'keyword "{word}" unknown', line)
        word = text[:quote].replace(" ", "").replace("\t", "")
        value = self.strings(text[quote:], line)
        stage = self.stage
        starts_entry = stage == "msgstr" and word in ("msgctxt", "msgid")
        if self.entry is not None and self.entry.obsolete != obsolete and not starts_entry:
            raise self.error("inconsistent use of #~", line)
        if word == "msgctxt" or (word == "msgid" and stage != "msgctxt"):
            if stage not in ("", "msgstr"):
                raise self.error("missing 'msgstr' section", self.entry_line)
            self.finish_entry()
            self.start_entry(line, obsolete)
        else:
            self.flush_field()
        if word.startswith("msgstr[") and word.endswith("]"):
            self.plural_form(word, stage, line)
        else:
            self.stage = self.field = self._check_order(word, stage, line)
        if word == "msgid":
            self.msgid_line = line
        self.parts = [value]

    def _check_order(self, word: str, stage: str, line: int) -> str:
        """``word`` if it may follow ``stage`` in an entry, else the error gettext reports."""
        if word in ("msgctxt", "msgid"):
            return word
        if word == "msgid_plural":
            if stage != "msgid":
                raise self.error("'msgid_plural' without 'msgid'", line)
            return word
        if word == "msgstr":
            if stage == "msgid_plural":
                raise self.error("plural entry needs 'msgstr[0]', not 'msgstr'", line)
            if stage != "msgid":
                raise self.error("'msgstr' without 'msgid'", line)
            return word
        raise self.error(f'keyword "{word}" unknown', line)

    def plural_form(self, word: str, stage: str, line: int) -> None:
        entry = self.entry
        index_text = word[len("msgstr[") : -1]
        if not is_number(index_text):
            raise self.error(f"bad plural form index in '{word}'", line)
        if entry is None or entry.msgid_plural is None or stage not in ("msgid_plural", "msgstr"):
            if stage == "msgid":
                raise self.error(f"'{word}' in an entry without 'msgid_plural'", line)
            raise self.error(f"'{word}' without 'msgid'", line)
        if int(index_text) != len(entry.msgstr_plural):
            raise self.error("plural form has wrong index", line)
        entry.msgstr_plural[int(index_text)] = ""
        self.stage = "msgstr"
        self.field = str(int(index_text))

    def continuation(self, text: str, line: int, obsolete: bool) -> None:
        if self.entry is None or not self.field:
            raise self.error("string without a keyword before it", line)
        if self.entry.obsolete != obsolete:
            raise self.error("inconsistent use of #~", line)
        self.parts.append(self.strings(text, line))

    def previous(self, text: str, line: int) -> None:
        """A ``#|`` line: previous msgctxt/msgid/msgid_plural of a fuzzy entry."""
        self.comment_allowed(line)
        text = text.strip()
        if text.startswith('"'):
            if not self.previous_field:
                raise self.error("'#|' string without a keyword before it", line)
            self.previous_parts.append(self.strings(text, line))
            return
        quote = text.find('"')
        word = (text[:quote] if quote >= 0 else text).strip()
        attribute = _PREVIOUS_KEYWORDS.get(word)
        if attribute is None:
            raise self.error(f"keyword \"{word}\" unknown after '#|'", line)
        if quote < 0:
            raise self.error(f"missing string after '#| {word}'", line)
        self.flush_previous()
        self.previous_field = attribute
        self.previous_parts = [self.strings(text[quote:], line)]

    def comment_allowed(self, line: int) -> None:
        if self.stage and self.stage != "msgstr":
            raise self.error("missing 'msgstr' section", self.entry_line)
        self.finish_entry()
        if not self.pending_line:
            self.pending_line = line

    def comment(self, text: str, line: int) -> None:
        """A ``#`` line other than ``#~``: comment, reference, flags or previous."""
        kind = text[1:2]
        if kind == "|":
            self.previous(text[2:], line)
            return
        self.comment_allowed(line)
        self.flush_previous()
        pending = self.pending
        if kind == ".":
            body = text[2:]
            pending.extracted_comments.append(body[1:] if body[:1] == " " else body)
        elif kind == ":":
            parse_references(text[2:], pending.references)
        elif kind in (",", "!"):
            # gettext keeps the flags of the last "#," line only.
            pending.flags = parse_flags(text[2:])
        else:
            body = text[1:]
            pending.translator_comments.append(body[1:] if body[:1] == " " else body)

    def line(self, text: str, line: int, obsolete: bool = False) -> None:
        first = text[:1]
        if first == '"':
            self.continuation(text, line, obsolete)
        elif first == "m":
            self.keyword(text, line, obsolete)
        elif first == "#":
            if text[1:2] == "~" and not obsolete:
                rest = text[2:]
                if rest[:1] == "|":
                    self.previous(rest[1:], line)
                else:
                    self.line(rest.lstrip(" \t\f\v"), line, obsolete=True)
            else:
                self.comment(text, line)
        elif not first:
            return
        elif first in " \t\f\v":
            self.line(text.lstrip(" \t\f\v"), line, obsolete)
        elif first == "d" and text.split(maxsplit=1)[0] == "domain":
            raise self.error("'domain' directives are not supported", line)
        else:
            word = text.split(maxsplit=1)[0] if text.split() else text
            raise self.error(f'keyword "{word}" unknown', line)

    def finish(self) -> Catalog:
        if self.stage and self.stage != "msgstr":
            raise self.error("missing 'msgstr' section", self.entry_line)
        self.finish_entry()
        return Catalog(entries=self.entries)


def parse_po(text: str, path: str = "<string>") -> Catalog:
    """The catalog a PO file's text holds; CatalogError with ``path:line`` when malformed.

    Accepts a byte-order mark and CRLF line ends.  Comments after the last entry
    are dropped, as gettext drops them.
    """
    if text.startswith("\ufeff"):
        text = text[1:]
    reader = _Reader(path)
    joined = ""  # gettext reads a backslash at the end of a line as "continued on the next"
    joined_from = 0
    for number, raw in enumerate(text.split("\n"), 1):
        line = raw[:-1] if raw[-1:] == "\r" else raw
        if line[-1:] == "\\":
            joined += line[:-1]
            joined_from = joined_from or number
            continue
        if joined_from:
            line, number, joined, joined_from = joined + line, joined_from, "", 0  # noqa: PLW2901
        reader.line(line, number)
    if joined_from:
        reader.line(joined, joined_from)
    catalog = reader.finish()
    _check_charset(catalog, path)
    return catalog


def _check_charset(catalog: Catalog, path: str) -> None:
    header = catalog.header
    if header is None:
        return
    content_type = catalog.metadata().get("Content-Type", "")
    _, found, charset = content_type.partition("charset=")
    charset = charset.split()[0] if found and charset.split() else ""
    if found and charset.upper() not in ("UTF-8", "UTF8", "CHARSET", "ASCII", "US-ASCII"):
        raise CatalogError(
            f"charset {charset!r} is not supported (Accord reads UTF-8 PO files)",
            path=path,
            line=header.line,
        )


def decode_po(data: bytes, path: str = "<bytes>") -> str:
    """``data`` decoded as UTF-8; CatalogError at the line of the first invalid byte."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise CatalogError(
            "invalid UTF-8 (Accord reads UTF-8 PO files)", path=path, line=line
        ) from None


def read_po(path: Path) -> Catalog:
    """The catalog in the PO file at ``path``; CatalogError with ``path:line`` when malformed."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise CatalogError(f"cannot read: {error.strerror}", path=path) from None
    return parse_po(decode_po(data, str(path)), str(path))


# ---------------------------------------------------------------------------
# Writing, as GNU gettext 0.21's write-po.c writes
# ---------------------------------------------------------------------------


def format_po(catalog: Catalog) -> str:
    """The PO text of ``catalog``, byte for byte what ``msgcat`` writes for it.

    Obsolete entries go last and are dropped when their msgstr is empty; a
    ``fuzzy`` flag on an empty msgstr and flags gettext does not know are not
    written, as msgcat does.
    """
    return "".join(generate_po(catalog))


def generate_po(catalog: Catalog) -> Iterator[str]:
    """The lines of ``format_po``, each ending in ``\\n``."""
    blank = False
    for entry in catalog.entries:
        if not entry.obsolete:
            if blank:
                yield "\n"
            yield from _entry_lines(entry, "", "#| ")
            blank = True
    for entry in catalog.entries:
        if entry.obsolete and _first_msgstr(entry):
            if blank:
                yield "\n"
            yield from _entry_lines(entry, "#~ ", "#~| ")
            blank = True


def _first_msgstr(entry: Entry) -> str:
    if entry.msgid_plural is not None:
        return entry.msgstr_plural.get(0, "")
    return entry.msgstr


def _entry_lines(entry: Entry, prefix: str, previous_prefix: str) -> Iterator[str]:
    yield from _comment_lines(entry)
    flags = canonical_flags(entry.flags)
    # gettext writes only "#, fuzzy" for an obsolete entry, so the next msgcat wraps it
    # without no-wrap or format flags: doing so now keeps Accord's files unchanged by msgcat.
    wrap = entry.obsolete or "no-wrap" not in flags
    if entry.obsolete:
        if "fuzzy" in flags:
            yield "#, fuzzy\n"
        flags = []  # not written, so not used for wrapping either (see above)
    else:
        if "fuzzy" in flags and not _first_msgstr(entry):
            flags.remove("fuzzy")  # gettext does not write fuzzy on an empty msgstr
        if flags:
            yield "#, " + ", ".join(flags) + "\n"
    if entry.previous_msgctxt is not None:
        yield from wrap_string(previous_prefix, "msgctxt", entry.previous_msgctxt, wrap, flags)
    if entry.previous_msgid is not None:
        yield from wrap_string(previous_prefix, "msgid", entry.previous_msgid, wrap, flags)
    if entry.previous_msgid_plural is not None:
        yield from wrap_string(
            previous_prefix, "msgid_plural", entry.previous_msgid_plural, wrap, flags
        )
    if entry.msgctxt is not None:
        yield from wrap_string(prefix, "msgctxt", entry.msgctxt, wrap, flags)
    yield from wrap_string(prefix, "msgid", entry.msgid, wrap, flags)
    if entry.msgid_plural is None:
        yield from wrap_string(prefix, "msgstr", entry.msgstr, wrap, flags)
        return
    yield from wrap_string(prefix, "msgid_plural", entry.msgid_plural, wrap, flags)
    forms = entry.msgstr_plural or {0: ""}
    for index in range(max(forms) + 1):
        yield from wrap_string(prefix, f"msgstr[{index}]", forms.get(index, ""), wrap, flags)


def _comment_lines(entry: Entry) -> Iterator[str]:
    for comment in entry.translator_comments:
        for part in comment.split("\n"):
            yield f"# {part}\n" if part else "#\n"
    for comment in entry.extracted_comments:
        for part in comment.split("\n"):
            yield f"#. {part}\n" if part else "#.\n"
    if entry.references:
        yield from reference_lines(entry.references)


# ---------------------------------------------------------------------------
# Files and headers
# ---------------------------------------------------------------------------


def write_po(path: Path, catalog: Catalog) -> bool:
    """Write ``catalog`` to ``path`` atomically, unless the file holds it already; True if written.

    A file that already holds exactly the text is not touched (mtime and inode kept).
    """
    try:
        return write_text_if_changed(path, format_po(catalog))
    except OSError as error:
        raise CatalogError(f"cannot write: {error.strerror}", path=path) from None


def header_entry(locale: str, source_lang: str, project: str) -> Entry:
    """A header for ``locale``'s catalog of ``project``, with no field that changes between runs."""
    fields = (
        ("Project-Id-Version", project),
        ("Language", locale),
        ("MIME-Version", "1.0"),
        ("Content-Type", "text/plain; charset=UTF-8"),
        ("Content-Transfer-Encoding", "8bit"),
        ("Plural-Forms", plural_forms(locale)),
        ("X-Source-Language", source_lang),
        ("X-Generator", "Accord"),
    )
    return Entry(msgid="", msgstr="".join(f"{name}: {value}\n" for name, value in fields))
