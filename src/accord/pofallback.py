"""Stand-in PO reader/writer (polib) while ``accord.pofile`` has no parser/writer yet.

``read_po``/``write_po`` here are used by :mod:`accord.translate` only when
``accord.pofile`` does not provide them; they map polib entries onto
:class:`accord.pofile.Entry` and write atomically, without gettext's exact line
wrapping. Delete this module once the PO layer has landed.
"""

from __future__ import annotations

from pathlib import Path

import polib

from accord import pofile
from accord.errors import CatalogError
from accord.fsutil import write_text_if_changed
from accord.pofile import Catalog, Entry


def read_po(path: Path) -> Catalog:
    """The catalog in ``path`` (CatalogError with path:line when it does not parse)."""
    native = getattr(pofile, "read_po", None)
    if native is not None:
        return native(path)
    try:
        parsed = polib.pofile(str(path), wrapwidth=79)
    except (OSError, ValueError) as error:
        raise CatalogError(str(error).splitlines()[0], path=path) from None
    entries: list[Entry] = []
    if parsed.metadata or parsed.header:
        fields = "".join(f"{k}: {v}\n" for k, v in parsed.ordered_metadata())
        header = Entry(msgid="", msgstr=fields)
        header.translator_comments = parsed.header.split("\n") if parsed.header else []
        header.flags = list((parsed.metadata_is_fuzzy and ["fuzzy"]) or [])
        entries.append(header)
    for item in parsed:
        entry = Entry(
            msgid=item.msgid,
            msgstr=item.msgstr,
            msgctxt=item.msgctxt,
            msgid_plural=item.msgid_plural or None,
            msgstr_plural={int(k): v for k, v in item.msgstr_plural.items()},
            translator_comments=item.tcomment.split("\n") if item.tcomment else [],
            extracted_comments=item.comment.split("\n") if item.comment else [],
            references=[f"{f}:{n}" if n else f for f, n in item.occurrences],
            flags=list(item.flags),
            previous_msgctxt=item.previous_msgctxt,
            previous_msgid=item.previous_msgid,
            previous_msgid_plural=item.previous_msgid_plural,
            obsolete=bool(item.obsolete),
            line=item.linenum,
        )
        entries.append(entry)
    return Catalog(entries)


def format_po(catalog: Catalog) -> str:
    """The catalog as PO text."""
    native = getattr(pofile, "format_po", None)
    if native is not None:
        return native(catalog)
    out = polib.POFile(wrapwidth=79)
    head = catalog.header
    if head is not None:
        out.header = "\n".join(head.translator_comments)
        out.metadata = catalog.metadata()
        out.metadata_is_fuzzy = head.fuzzy
    for entry in catalog.entries:
        if entry is head:
            continue
        item = polib.POEntry(
            msgid=entry.msgid,
            msgstr=entry.msgstr,
            msgctxt=entry.msgctxt,
            tcomment="\n".join(entry.translator_comments),
            comment="\n".join(entry.extracted_comments),
            occurrences=[
                tuple(r.rsplit(":", 1)) if ":" in r else (r, "") for r in entry.references
            ],
            flags=list(entry.flags),
            previous_msgctxt=entry.previous_msgctxt,
            previous_msgid=entry.previous_msgid,
            obsolete=entry.obsolete,
        )
        if entry.msgid_plural is not None:
            item.msgid_plural = entry.msgid_plural
            item.msgstr_plural = dict(entry.msgstr_plural)
        out.append(item)
    return str(out) + "\n"


def write_po(path: Path, catalog: Catalog) -> bool:
    """Write ``catalog`` atomically unless the file already holds it; True if written."""
    native = getattr(pofile, "write_po", None)
    if native is not None:
        return bool(native(path, catalog))
    return write_text_if_changed(path, format_po(catalog))
