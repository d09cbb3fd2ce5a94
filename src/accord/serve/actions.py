"""The workbench's writes: each one a change of one PO file, made as the review tasks make it.

Every write runs under the repository's write lock (the one ``sync``, ``translate``
and ``review.*`` hold), re-reads the file there, and goes ahead only if its bytes
still have the version token the page was rendered from. Otherwise nothing is
written and ``Conflict`` says what the file holds now: a change made meanwhile by
another page, a PO editor or ``accord sync`` is never overwritten. Files are
written atomically, compare-and-swap, by ``casfile.write_po`` (and not at all when nothing changed).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from accord.catalog import casfile
from accord.catalog.pofile import Catalog, Entry
from accord.checks import Finding, check_segment
from accord.config import Config
from accord.errors import ReviewError
from accord.glossary import Glossary
from accord.glossary.verdict import fix_target
from accord.ids import segment_id
from accord.review.state import State, state_of
from accord.review.state import approve as approve_entry
from accord.review.state import edit as edit_entry
from accord.review.state import reject as reject_entry
from accord.serve.snapshot import Snapshot, current_version, read_snapshot
from accord.tasks._common import repository_lock
from accord.tasks.review import clean_entries
from accord.workspace import ArticleRef, po_path

MAX_NAME = 100


class Conflict(Exception):
    """The file changed on disk since the page read it; ``current`` is what it holds now."""

    def __init__(self, file: str, current: Snapshot | None) -> None:
        super().__init__(f"{file} changed on disk since this page read it")
        self.file = file
        self.current = current


@dataclass(frozen=True)
class Outcome:
    """What a write did: which segments it touched, and the file's new version token."""

    action: str
    segments: tuple[str, ...]
    version: str
    findings: tuple[Finding, ...] = ()  # the edited segment's findings, checked at once


@dataclass(frozen=True)
class Target:
    """The PO file of one article in one target locale."""

    locale: str
    article: ArticleRef


Change = Callable[[Catalog], tuple[list[str], list[Finding]]]


def write(config: Config, target: Target, version: str, action: str, change: Change) -> Outcome:
    """Apply ``change`` to the file if it still has ``version``; Conflict otherwise.

    ``change`` edits the catalog in place and returns the segment ids it touched and
    any findings to show; a ReviewError from it leaves the file untouched.
    """
    with repository_lock(config):
        snapshot = read_snapshot(config, target.locale, target.article.slug)
        if snapshot is None:
            raise Conflict(config.relative(po_path(config, target.locale, target.article.slug)),
                           None)
        if snapshot.version != version:
            raise Conflict(snapshot.file, snapshot)
        touched, findings = change(snapshot.catalog)
        try:
            # An editor saving outside the lock after the page read the file wins: the
            # swap happens only if the file is still the one checked above.
            casfile.write_po(snapshot.path, snapshot.catalog, snapshot.seen)
        except casfile.ChangedOnDiskError:
            raise Conflict(snapshot.file,
                           read_snapshot(config, target.locale, target.article.slug)) from None
        return Outcome(action, tuple(touched), current_version(snapshot.path) or "",
                       tuple(findings))


def entry_of(catalog: Catalog, wanted: str, file: str) -> Entry:
    """The active entry whose segment id is ``wanted``; ReviewError if there is none."""
    for entry in catalog.messages():
        if segment_id(entry.msgid, entry.msgctxt) == wanted:
            return entry
    raise ReviewError(f"no segment {wanted!r} in this file", path=file)


def edit(target: Target, glossary: Glossary, wanted: str, msgstr: str, file: str) -> Change:
    """Save a person's translation of one segment; it is checked at once."""
    text = msgstr.replace("\r\n", "\n").replace("\r", "\n")  # browsers send CRLF

    def change(catalog: Catalog) -> tuple[list[str], list[Finding]]:
        entry = entry_of(catalog, wanted, file)
        try:
            edit_entry(entry, text)
        except ValueError as error:
            raise ReviewError(str(error).removeprefix("edit: "), path=file) from None
        return [wanted], check_segment(glossary, entry.msgid, entry.msgstr,
                                       target.article.lang, target.locale)

    return change


def approve(wanted: str, by: str, file: str) -> Change:
    """Approve one segment's translation, as ``review.approve --segment`` does."""

    def change(catalog: Catalog) -> tuple[list[str], list[Finding]]:
        entry = _translated(entry_of(catalog, wanted, file), file)
        if state_of(entry) is not State.APPROVED:
            approve_entry(entry, by, datetime.date.today())
        return [wanted], []

    return change


def reject(wanted: str, by: str, reason: str, file: str) -> Change:
    """Reject one segment with a reason, as ``review.reject`` does."""
    if not reason.strip():
        raise ReviewError("a rejection needs a reason", path=file)

    def change(catalog: Catalog) -> tuple[list[str], list[Finding]]:
        entry = _translated(entry_of(catalog, wanted, file), file)
        reject_entry(entry, by, datetime.date.today(), reason.strip())
        return [wanted], []

    return change


def approve_clean(target: Target, glossary: Glossary, by: str) -> Change:
    """Approve every translated segment without error findings (``--all-clean``)."""

    def change(catalog: Catalog) -> tuple[list[str], list[Finding]]:
        chosen = clean_entries(catalog, glossary, target.article.lang, target.locale)
        today = datetime.date.today()
        for entry in chosen:
            approve_entry(entry, by, today)
        return [segment_id(e.msgid, e.msgctxt) for e in chosen], []

    return change


def fix(target: Target, glossary: Glossary, wanted: str, file: str) -> Change:
    """Replace the segment's forbidden variants by the glossary's rendering (check --fix).

    The reviewer sees the result before applying it, so it is a person's edit: the
    segment becomes translated (``check --fix`` leaves its unseen fixes fuzzy).
    """

    def change(catalog: Catalog) -> tuple[list[str], list[Finding]]:
        entry = _translated(entry_of(catalog, wanted, file), file)
        text, fixes = fix_target(glossary, entry.msgid, entry.msgstr,
                                 target.article.lang, target.locale)
        if not fixes:
            raise ReviewError("no glossary fix applies to this segment", path=file)
        edit_entry(entry, text)
        return [wanted], check_segment(glossary, entry.msgid, entry.msgstr,
                                       target.article.lang, target.locale)

    return change


def clean_name(name: str) -> str:
    """A reviewer's name as marks record it: one line, no control characters, not too long."""
    printable = "".join(c if c.isprintable() else " " for c in name)
    return " ".join(printable.split())[:MAX_NAME]


def _translated(entry: Entry, file: str) -> Entry:
    if state_of(entry) is State.UNTRANSLATED:
        raise ReviewError(f"segment {segment_id(entry.msgid, entry.msgctxt)} is untranslated: "
                          "translate it first", path=file)
    return entry
