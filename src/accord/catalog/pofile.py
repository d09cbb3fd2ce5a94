"""PO files: the data model, a parser with line numbers, a gettext-canonical writer.

The model keeps everything GNU gettext keeps, so that ``format_po(parse_po(text))``
equals what ``msgcat`` writes for the same file.  gettext's comment syntax (flags,
references) lives in :mod:`accord.catalog.comments`, its string wrapping in
:mod:`accord.catalog.wrap.quoted` and :mod:`accord.catalog.wrap.linebreak`.

Public API: ``parse_po``, ``format_po``, ``read_po``, ``write_po``,
``header_entry``; ``Entry`` and ``Catalog``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from accord import safefile
from accord.catalog.charset import CJK_ENCODINGS, canonical, codec, declared_charset
from accord.catalog.comments import (
    canonical_flags,
    parse_flags,
    parse_references,
    reference_lines,
)
from accord.catalog.wrap.quoted import wrap_string
from accord.errors import CatalogError
from accord.fsutil import write_bytes_if_changed
from accord.locales import plural_forms


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
    domain: str | None = None  # a ``domain "name"`` directive's name; None: the default
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
    encoding: str = "utf-8"  # the Python codec of the bytes it was read from

    def charset(self) -> str | None:
        """gettext's canonical name of the charset the header declares (None: none declared)."""
        declared = _header_charset(self)
        return canonical(declared) if declared is not None else None

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
        return header_fields(head) if head is not None else {}


def header_lines(msgstr: str) -> list[tuple[str, str]]:
    """(field name, "" for a line without one; the whole line) of each line of a header
    msgstr, in order (the one header parser; merge keeps the lines as they are)."""
    out = []
    for line in msgstr.split("\n"):
        if not line:
            continue
        name, sep, _ = line.partition(":")
        out.append((name.strip() if sep else "", line))
    return out


def header_fields(header: Entry) -> dict[str, str]:
    """A header entry's ``Name: value`` fields, in order."""
    return {name: line.partition(":")[2].strip()
            for name, line in header_lines(header.msgstr) if name}


# ---------------------------------------------------------------------------
# Reading, as GNU gettext 0.21's po-lex.c and po-gram-gen.y read
# ---------------------------------------------------------------------------

_ESCAPES = {
    "n": "\n", "t": "\t", "b": "\b", "r": "\r", "f": "\f", "v": "\v", "a": "\a",
    "\\": "\\", '"': '"',
}  # fmt: skip
_OCTAL = "01234567"
_HEX = "0123456789abcdefABCDEF"
_KEYWORDS = {"domain", "msgid", "msgid_plural", "msgstr", "msgctxt"}
_PREVIOUS_KEYWORDS = {"msgid", "msgid_plural", "msgctxt"}
_TOKEN = re.compile(
    r"""(msgid|msgstr|msgctxt)[ \t]*"([^"\\\n]*)"|"([^"\\\n]*)"|(\n)|([ \t\r\f\v]+)
    |(\#~\|?)|(\#\|)|\#([^\n]*)|"((?:[^"\\\n]|\\[^\n])*)"
    |([A-Za-z_$][A-Za-z0-9_$]*)|([0-9]+)|([\[\]])|(")|(.)""",
    re.X,
)
(_KEYWORD_STRING, _KEYWORD_VALUE, _SIMPLE, _NL, _WS, _OBS, _PREV, _COMMENT, _STRING, _WORD,
 _NUMBER, _BRACKET, _OPEN, _JUNK) = range(1, 15)  # fmt: skip
_EOT = "\x04"

# A token as po-lex.c returns it: (kind, value, line, marked obsolete by "#~"); kinds are
# keywords ("msgid", "prev msgid", …), "string", "prev string", "comment", "number",
# "[", "]", "junk", "end of file", and "error" (value: the message) where lexing failed.
_Token = tuple[str, str, int, bool]


class _Reader:
    """gettext's PO grammar over gettext's tokens, building Accord's entries."""

    def __init__(self, text: str, path: str, codec: str = "utf-8") -> None:
        self.path = path
        self.codec = codec
        self.tokens = self._lex(text)
        self.at = 0
        self.entries: list[Entry] = []
        self.seen: dict[tuple[str | None, str | None, str], int] = {}
        self.domain: str | None = None
        self.comments = Entry(msgid="")  # comments waiting for the next entry
        self.comments_line = 0

    def error(self, message: str, line: int) -> CatalogError:
        return CatalogError(message, path=self.path, line=line)

    # -- tokens -------------------------------------------------------------

    def _lex(self, text: str) -> list[_Token]:  # noqa: PLR0912, PLR0915  (one dispatch)
        joins: list[int] = []
        if "\\\n" in text:  # po-lex.c drops a backslash-newline wherever it is
            pieces = text.split("\\\n")
            at = 0
            for piece in pieces[:-1]:
                at += len(piece)
                joins.append(at)
            text = "".join(pieces)
        tokens: list[_Token] = []
        add = tokens.append
        join_index = 0
        line = 1
        obsolete = previous = False
        try:
            for match in _TOKEN.finditer(text):
                group = match.lastindex
                if joins:
                    while join_index < len(joins) and joins[join_index] <= match.start():
                        join_index += 1
                        line += 1
                if group == _NL:
                    line += 1
                    obsolete = previous = False
                elif group == _KEYWORD_VALUE:
                    value = match.group(_KEYWORD_VALUE)
                    if "\x04" in value:
                        self._string(value, line)
                    if previous:
                        add(("prev " + match.group(_KEYWORD_STRING), "", line, obsolete))
                        add(("prev string", value, line, obsolete))
                    else:
                        add((match.group(_KEYWORD_STRING), "", line, obsolete))
                        add(("string", value, line, obsolete))
                elif group == _SIMPLE:
                    value = match.group(_SIMPLE)
                    if "\x04" in value:
                        self._string(value, line)
                    add(("prev string" if previous else "string", value, line, obsolete))
                elif group == _WS:
                    continue
                elif group == _COMMENT:
                    add(("comment", match.group(_COMMENT), line, obsolete))
                    obsolete = False
                elif group == _STRING:
                    value = self._string(match.group(_STRING), line)
                    add(("prev string" if previous else "string", value, line, obsolete))
                elif group == _WORD:
                    word = match.group(_WORD)
                    if word not in (_PREVIOUS_KEYWORDS if previous else _KEYWORDS):
                        raise self.error(f'keyword "{word}" unknown', line)
                    add((("prev " if previous else "") + word, "", line, obsolete))
                elif group == _OBS:
                    obsolete = True
                    previous = previous or match.group(_OBS) == "#~|"
                elif group == _PREV:
                    previous = True
                elif group == _NUMBER:
                    add(("number", match.group(_NUMBER), line, obsolete))
                elif group == _BRACKET:
                    add((match.group(_BRACKET), "", line, obsolete))
                elif group == _OPEN:
                    if "\n" in text[match.end() :]:
                        raise self.error("end-of-line within string", line + 1)
                    raise self.error("end-of-file within string", line)
                else:
                    add(("junk", match.group(_JUNK), line, obsolete))
        except CatalogError as error:
            # Reported when the parser reaches it, after any error in what came before.
            add(("error", error.message, error.line or line, False))
            return tokens
        add(("end of file", "", line, False))
        return tokens

    def _string(self, body: str, line: int) -> str:
        """The value of a quoted string's ``body``: escapes decoded, cut at a NUL as in C."""
        if "\\" in body:
            body = self._unescape(body, line)
        if "\x00" in body:
            body = body[: body.index("\x00")]
        if _EOT in body:
            raise self.error("context separator <EOT> within string", line)
        return body

    def _unescape(self, body: str, line: int) -> str:
        out: list[str] = []
        raw_bytes = False
        i, end = 0, len(body)
        while i < end:
            slash = body.find("\\", i)
            if slash < 0:
                out.append(body[i:])
                break
            out.append(body[i:slash])
            i = slash + 1
            char = body[i]  # the token's pattern puts a character after every backslash
            if char in _ESCAPES:
                out.append(_ESCAPES[char])
                i += 1
                continue
            if char in _OCTAL:
                stop = i + 1
                while stop < end and stop < i + 3 and body[stop] in _OCTAL:
                    stop += 1
                byte = int(body[i:stop], 8) & 0xFF
            elif char == "x" and i + 1 < end and body[i + 1] in _HEX:
                stop = i + 1
                while stop < end and body[stop] in _HEX:
                    stop += 1
                byte = int(body[i + 1 : stop], 16) & 0xFF
            else:
                raise self.error("invalid control sequence", line)
            i = stop
            if byte >= 0x80:
                raw_bytes = True
                out.append(chr(0xDC00 + byte))
            else:
                out.append(chr(byte))
        value = "".join(out)
        if raw_bytes:
            try:
                value = value.encode(self.codec, "surrogateescape").decode(self.codec)
            except UnicodeDecodeError as error:
                raise self.error(_decode_problem(error), line) from None
        return value

    def peek(self) -> _Token:
        token = self.tokens[self.at]
        if token[0] == "error":
            raise self.error(token[1], token[2])
        return token

    def take(self) -> _Token:
        token = self.peek()
        self.at += 1
        return token

    def syntax_error(self) -> CatalogError:
        """gettext's "syntax error" at the token that does not fit, named to help."""
        kind, value, line, _ = self.peek()
        if kind in ("string", "prev string"):
            what = "a string without a keyword before it"
        elif kind == "junk":
            what = repr(value)
        elif kind in ("comment", "end of file"):
            what = "the end of the entry"
        else:
            what = f"'{kind.removeprefix('prev ')}'" + (
                " after '#|'" if kind[:5] == "prev " else ""
            )
        # po-lex.c has read past the newline ending a comment when it reports.
        return self.error(f"syntax error (unexpected {what})", line + (kind == "comment"))

    # -- grammar ------------------------------------------------------------

    def parse(self) -> Catalog:
        while True:
            kind, value, line, _ = self.peek()
            if kind == "end of file":
                return Catalog(entries=self.entries)
            if kind == "comment":
                self.at += 1
                self.comment(value, line)
            elif kind == "domain":
                self.at += 1
                if self.peek()[0] != "string":
                    raise self.syntax_error()
                name = self.take()[1]
                self.domain = None if name == "messages" else name
            elif kind in ("msgid", "msgctxt", "prev msgid", "prev msgctxt"):
                self.message()
            else:
                raise self.syntax_error()

    def strings(self, obsolete: bool, kind: str = "string") -> str:
        """The concatenated strings after a keyword (at least one)."""
        token = self.peek()
        if token[0] != kind:
            raise self.syntax_error()
        value = token[1]
        self.at += 1
        if token[3] != obsolete:
            raise self.error("inconsistent use of #~", token[2])
        token = self.peek()
        if token[0] != kind:
            return value
        parts = [value]
        while token[0] == kind:
            self.at += 1
            if token[3] != obsolete:
                raise self.error("inconsistent use of #~", token[2])
            parts.append(token[1])
            token = self.peek()
        return "".join(parts)

    def keyword(self, obsolete: bool) -> _Token:
        token = self.take()
        if token[3] != obsolete:
            raise self.error("inconsistent use of #~", token[2])
        return token

    def previous(self, obsolete: bool) -> tuple[str | None, str | None, str | None]:
        """The ``#|`` msgctxt, msgid and msgid_plural before an entry, if any."""
        first = self.peek()[0]
        if not first.startswith("prev "):
            return None, None, None
        prev_ctxt = prev_plural = None
        if first == "prev msgctxt":
            self.at += 1
            prev_ctxt = self.strings(obsolete, "prev string")
            if self.peek()[0] != "prev msgid":
                raise self.syntax_error()
        self.keyword(obsolete)
        prev_id = self.strings(obsolete, "prev string")
        if self.peek()[0] == "prev msgid_plural":
            self.keyword(obsolete)
            prev_plural = self.strings(obsolete, "prev string")
        if self.peek()[0] not in ("msgid", "msgctxt"):
            raise self.syntax_error()
        return prev_ctxt, prev_id, prev_plural

    def message(self) -> None:
        obsolete = self.peek()[3]
        prev_ctxt, prev_id, prev_plural = self.previous(obsolete)
        msgctxt = None
        if self.peek()[0] == "msgctxt":
            self.keyword(obsolete)
            msgctxt = self.strings(obsolete)
            if self.peek()[0] != "msgid":
                raise self.syntax_error()
        intro_line = self.keyword(obsolete)[2]
        msgid = self.strings(obsolete)
        entry = Entry(
            msgid=msgid,
            msgctxt=msgctxt,
            previous_msgctxt=prev_ctxt,
            previous_msgid=prev_id,
            previous_msgid_plural=prev_plural,
            obsolete=obsolete,
        )
        after = self.peek()[0]
        if after == "msgstr":
            self.keyword(obsolete)
            if self.peek()[0] == "[":
                raise self.error("missing 'msgid_plural' section", intro_line)
            entry.msgstr = self.strings(obsolete)
        elif after == "msgid_plural":
            self.keyword(obsolete)
            entry.msgid_plural = self.strings(obsolete)
            if self.peek()[0] != "msgstr":
                raise self.error("missing 'msgstr[]' section", intro_line)
            while self.peek()[0] == "msgstr":
                self.plural_form(obsolete, entry)
        else:
            raise self.error("missing 'msgstr' section", intro_line)
        self.add(entry, intro_line)

    def plural_form(self, obsolete: bool, entry: Entry) -> None:
        keyword_line = self.keyword(obsolete)[2]
        index = 0
        for kind in ("[", "number", "]"):
            if self.peek()[0] != kind:
                raise self.syntax_error()
            token = self.keyword(obsolete)
            if kind == "number":
                index = int(token[1])
        if index != len(entry.msgstr_plural):
            if not entry.msgstr_plural:
                raise self.error("first plural form has nonzero index", keyword_line)
            raise self.error("plural form has wrong index", keyword_line)
        entry.msgstr_plural[index] = self.strings(obsolete)

    def add(self, entry: Entry, line: int) -> None:
        pending = self.comments
        entry.translator_comments = pending.translator_comments
        entry.extracted_comments = pending.extracted_comments
        entry.references = pending.references
        entry.flags = pending.flags
        entry.domain = self.domain
        entry.line = self.comments_line or line
        self.comments = Entry(msgid="")
        self.comments_line = 0
        key = (self.domain, entry.msgctxt, entry.msgid)
        first = self.seen.get(key)
        if first is not None:
            raise self.error(f"duplicate message definition (first defined at line {first})", line)
        self.seen[key] = line
        self.entries.append(entry)

    def comment(self, text: str, line: int) -> None:
        """A comment line, read as read-catalog-abstract.c dispatches it."""
        if not self.comments_line:
            self.comments_line = line
        pending = self.comments
        kind = text[:1]
        if kind == ".":
            body = text[1:]
            pending.extracted_comments.append(body[1:] if body[:1] == " " else body)
        elif kind == ":":
            parse_references(text[1:], pending.references)
        elif kind in (",", "!"):
            # gettext keeps the flags of the last "#," line only.
            pending.flags = parse_flags(text[1:])
        elif not _solaris_reference(text, pending.references):
            pending.translator_comments.append(text[1:] if kind == " " else text)


_SOLARIS = re.compile(
    r" [Ff]ile:[ \t]*(.*?)[ \t]*,[ \t]*line[ \t]*(?:number[ \t]*)?:([0-9]+)[ \t]*$"
)


def _solaris_reference(text: str, into: list[str]) -> bool:
    """Read a Solaris-style ``# File: name, line: 12`` comment as a reference."""
    if not text.startswith((" File:", " file:")):
        return False
    found = _SOLARIS.match(text)
    if found is None:
        return False
    reference = f"{found.group(1)}:{int(found.group(2))}"
    if reference not in into:
        into.append(reference)
    return True


def parse_po(text: str, path: str = "<string>", codec: str = "utf-8") -> Catalog:
    """The catalog a PO file's text holds; CatalogError with ``path:line`` when malformed.

    Reads what GNU gettext 0.21 reads, and refuses what it refuses with its message
    and line.  Also accepts a byte-order mark (gettext does not).  Comments after the
    last entry are dropped, as gettext drops them.  ``codec`` decodes bytes written
    as escapes (``\\303\\251``).
    """
    if text.startswith("\ufeff"):
        text = text[1:]
    return _Reader(text, path, codec).parse()


def parse_po_bytes(data: bytes, path: str = "<bytes>") -> Catalog:
    """The catalog in a PO file's bytes, decoded in the charset its header declares.

    Refuses, as msgcat does, a charset name gettext does not know (``CHARSET`` is
    accepted in a ``.pot`` file), and non-ASCII text in a file that declares no charset.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    guess = _sniff_charset(data)
    catalog = _decode_and_parse(data, path, guess)
    declared = _header_charset(catalog)
    if (declared or "").upper() != (guess or "").upper():
        catalog = _decode_and_parse(data, path, declared)
    _check_charsets(catalog, path)
    return catalog


_SNIFF = re.compile(rb"charset=([^ \t\n\\\"]*)")


def _sniff_charset(data: bytes) -> str | None:
    found = _SNIFF.search(data, 0, 4096)
    return found.group(1).decode("ascii", "replace") if found else None


def _header_charset(catalog: Catalog) -> str | None:
    head = catalog.header
    return declared_charset(head.msgstr) if head is not None else None


def _decode_and_parse(data: bytes, path: str, charset: str | None) -> Catalog:
    name = codec(charset) if charset is not None else "utf-8"
    if name is None:
        canon = canonical(charset or "")
        if canon is None:
            name = "latin-1"  # not a name gettext knows: read it to report it below
        else:
            raise CatalogError(
                f"charset {charset!r} cannot be read by Accord; convert the file with "
                "'msgconv --to-code=UTF-8'",
                path=path,
                line=1,
            )
    if charset is None:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("latin-1")  # no charset: only ASCII is valid, checked later
    else:
        try:
            text = data.decode(name)
        except UnicodeDecodeError as error:
            line = data.count(b"\n", 0, error.start) + 1
            raise CatalogError(
                f"{_decode_problem(error)} (not valid {canonical(charset)}); "
                "'msgconv --to-code=UTF-8' converts a file whose charset is declared right",
                path=path,
                line=line,
            ) from None
    # Without a charset, gettext keeps escaped bytes as they are (the check below refuses
    # them as non-ASCII); with one, they are text in that charset.
    return parse_po(text, path, name if charset is not None else "latin-1")


def _decode_problem(error: UnicodeDecodeError) -> str:
    """gettext's words for bytes that are not text in the file's charset."""
    if "end of data" in error.reason:
        return "incomplete multibyte sequence"
    return "invalid multibyte sequence"


def _check_charsets(catalog: Catalog, path: str) -> None:
    """msgcat's checks of each domain's charset (msgl-cat.c)."""
    domains: dict[str | None, list[Entry]] = {}
    for entry in catalog.entries:
        domains.setdefault(entry.domain, []).append(entry)
    for entries in domains.values():
        head = next(
            (e for e in entries if e.msgid == "" and e.msgctxt is None and not e.obsolete), None
        )
        charset = declared_charset(head.msgstr) if head is not None else None
        if charset is not None:
            if canonical(charset) is None and not (path.endswith(".pot") and charset == "CHARSET"):
                line = head.line if head is not None else 1
                raise CatalogError(
                    f'present charset "{charset}" is not a portable encoding name '
                    "(declare one in the header's Content-Type, e.g. charset=UTF-8)",
                    path=path,
                    line=line,
                )
        elif not all(_is_ascii(e) for e in entries):
            raise CatalogError(
                "the file doesn't contain a header entry with a charset specification "
                "(add 'Content-Type: text/plain; charset=UTF-8' to its header)",
                path=path,
                line=1,
            )


def _is_ascii(entry: Entry) -> bool:
    texts = [entry.msgid, entry.msgstr, *entry.msgstr_plural.values()]
    texts += entry.translator_comments + entry.extracted_comments
    texts += [
        t
        for t in (
            entry.msgid_plural, entry.msgctxt, entry.previous_msgctxt,
            entry.previous_msgid, entry.previous_msgid_plural,
        )
        if t is not None
    ]  # fmt: skip
    return all(t.isascii() for t in texts)


def read_po(path: Path) -> Catalog:
    """The catalog in the PO file at ``path``; CatalogError with ``path:line`` when malformed.

    Read with :func:`accord.safefile.read_bytes`: a regular file of at most 64 MiB,
    never a FIFO (which would block) or a device such as ``/dev/zero``.
    """
    try:
        data = safefile.read_bytes(path)
    except OSError as error:
        raise CatalogError(f"cannot read: {error.strerror or error}", path=path) from None
    return parse_po_bytes(data, str(path))


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
    cjk = catalog.charset() in CJK_ENCODINGS
    domains: dict[str | None, list[Entry]] = {None: []}
    for entry in catalog.entries:
        domains.setdefault(entry.domain, []).append(entry)
    blank = False
    for domain, entries in domains.items():
        if domain is not None:
            if blank:
                yield "\n"
            yield f'domain "{domain}"\n'
            blank = True
        for entry in entries:
            if not entry.obsolete:
                if blank:
                    yield "\n"
                yield from _entry_lines(entry, "", "#| ", cjk)
                blank = True
        for entry in entries:
            if entry.obsolete:
                # write-po.c skips an obsolete entry whose msgstr is empty, yet counts it
                # as written for the blank line that separates entries.  Accord also
                # writes a plural one whose first form alone is empty: no work is lost.
                if _first_msgstr(entry) or any(entry.msgstr_plural.values()):
                    if blank:
                        yield "\n"
                    yield from _entry_lines(entry, "#~ ", "#~| ", cjk)
                blank = True


def encode_po(catalog: Catalog) -> bytes:
    """``format_po``'s text in the charset the catalog's header declares (else UTF-8).

    CatalogError when a character cannot be written in that charset.
    """
    text = format_po(catalog)
    name = codec(_header_charset(catalog)) or catalog.encoding
    try:
        return text.encode(name)
    except UnicodeEncodeError as error:
        line = text.count("\n", 0, error.start) + 1
        raise CatalogError(
            f"{text[error.start]!r} cannot be written in the file's charset "
            f"{_header_charset(catalog)}; convert the file with 'msgconv --to-code=UTF-8'",
            line=line,
        ) from None


def _first_msgstr(entry: Entry) -> str:
    if entry.msgid_plural is not None:
        return entry.msgstr_plural.get(0, "")
    return entry.msgstr


def _entry_lines(entry: Entry, prefix: str, previous_prefix: str, cjk: bool) -> Iterator[str]:
    yield from _comment_lines(entry)
    flags = canonical_flags(entry.flags)
    wrap = "no-wrap" not in flags
    if entry.obsolete:
        # write-po.c keeps fuzzy, the format flags and no-wrap of an obsolete entry.
        flags = [f for f in flags if not f.startswith("range:")]
    elif "fuzzy" in flags and not _first_msgstr(entry):
        flags.remove("fuzzy")  # gettext does not write fuzzy on an empty msgstr
    if flags:
        yield "#, " + ", ".join(flags) + "\n"
    if entry.previous_msgctxt is not None:
        yield from wrap_string(
            previous_prefix, "msgctxt", entry.previous_msgctxt, wrap, flags, cjk=cjk
        )
    if entry.previous_msgid is not None:
        yield from wrap_string(previous_prefix, "msgid", entry.previous_msgid, wrap, flags, cjk=cjk)
    if entry.previous_msgid_plural is not None:
        yield from wrap_string(
            previous_prefix, "msgid_plural", entry.previous_msgid_plural, wrap, flags, cjk=cjk
        )
    if entry.msgctxt is not None:
        yield from wrap_string(prefix, "msgctxt", entry.msgctxt, wrap, flags, cjk=cjk)
    yield from wrap_string(prefix, "msgid", entry.msgid, wrap, flags, cjk=cjk)
    if entry.msgid_plural is None:
        yield from wrap_string(prefix, "msgstr", entry.msgstr, wrap, flags, cjk=cjk)
        return
    yield from wrap_string(prefix, "msgid_plural", entry.msgid_plural, wrap, flags, cjk=cjk)
    forms = entry.msgstr_plural or {0: ""}
    for index in range(max(forms) + 1):
        yield from wrap_string(
            prefix, f"msgstr[{index}]", forms.get(index, ""), wrap, flags, cjk=cjk
        )


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

    The text is written in the charset the header declares.  A file that already
    holds exactly these bytes is not touched (mtime and inode kept).
    """
    try:
        data = encode_po(catalog)
    except CatalogError as error:
        raise CatalogError(error.message, path=path, line=error.line) from None
    try:
        return write_bytes_if_changed(path, data)
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
