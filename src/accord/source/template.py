"""An article's segments → the entries of its gettext template (one per msgctxt+msgid)."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from accord.catalog.pofile import Entry
from accord.source.segment import Segment

BLOCK_COMMENT = "block: "


def template_entries(segments: Iterable[Segment], source_path: str, porefs: str) -> list[Entry]:
    """One entry per distinct (msgctxt, msgid), in order of first appearance.

    A segment that occurs twice gets one entry with two references, as xgettext
    does. ``porefs`` is ``full`` (``path:line``), ``file`` (``path`` once) or
    ``none``: line numbers help translators find a paragraph, but every inserted
    paragraph shifts them and rewrites later entries in every locale.
    """
    entries: dict[tuple[str | None, str], Entry] = {}
    for segment in segments:
        key = (segment.msgctxt, segment.msgid)
        entry = entries.get(key)
        if entry is None:
            entry = Entry(msgid=segment.msgid, msgctxt=segment.msgctxt)
            entries[key] = entry
        comment = BLOCK_COMMENT + segment.block
        if comment not in entry.extracted_comments:
            entry.extracted_comments.append(comment)
        reference = _reference(source_path, segment.line, porefs)
        if reference and reference not in entry.references:
            entry.references.append(reference)
    return list(entries.values())


def with_hints(entries: list[Entry], hints: Callable[[str], list[str]]) -> list[Entry]:
    """Copies of ``entries`` whose extracted comments end with the glossary hints for a locale."""
    out = []
    for entry in entries:
        extra = [h for h in hints(entry.msgid) if h not in entry.extracted_comments]
        out.append(
            Entry(
                msgid=entry.msgid,
                msgctxt=entry.msgctxt,
                extracted_comments=[*entry.extracted_comments, *extra],
                references=list(entry.references),
            )
        )
    return out


def _reference(source_path: str, line: int, porefs: str) -> str | None:
    if porefs == "none":
        return None
    if porefs == "file":
        return source_path
    return f"{source_path}:{line}"


def initial_header(header: Entry, revision_date: str, team: str) -> Entry:
    """``header`` plus the fields a new PO file should start with, so msgfmt does not warn.

    Only a new file gets them: afterwards editors own them (Poedit sets the
    revision date and the translator on save) and sync never touches them.
    ``revision_date`` is derived from the article (not the clock), so a re-run
    writes the same bytes.
    """
    lines = header.msgstr.splitlines(keepends=True)
    extra = [
        f"PO-Revision-Date: {revision_date}\n",
        "Last-Translator: \n",
        f"Language-Team: {team}\n",
    ]
    at = 1 if lines and lines[0].startswith("Project-Id-Version:") else 0
    return Entry(
        msgid="",
        msgstr="".join([*lines[:at], *extra, *lines[at:]]),
        translator_comments=list(header.translator_comments),
        flags=list(header.flags),
    )
