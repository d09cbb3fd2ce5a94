"""Review state of a segment, derived from its PO entry; approve, reject and machine marks.

The state is never stored twice: it follows from the msgstr, the ``fuzzy`` flag and
the ``accord:`` marks among the entry's translator comments (``# accord: …``), which
GNU gettext tools, polib and PO editors all keep. Every mark carries a fingerprint
of msgid+msgstr, so a mark only counts for the exact text it was made for: edit the
msgstr or the source paragraph and the entry falls back to ``translated`` (or
``fuzzy``) without any Accord command being run.

Mark lines (written by Accord; names and reasons are JSON-quoted so that any text,
even one with quotes or line breaks, stays on one unambiguous line)::

    # accord: machine google 2026-11-25 fp=3f2a9c0d1b7e
    # accord: approved by "Jane Doe" 2026-11-25 fp=3f2a9c0d1b7e
    # accord: rejected by "Jane Doe" 2026-11-25 fp=3f2a9c0d1b7e: "wrong tense"

A line that starts with ``accord:`` but does not parse is ignored (the state is
derived from the rest), never an error.
"""

from __future__ import annotations

import datetime
import enum
import json
import re
from collections.abc import Collection
from dataclasses import dataclass
from typing import TYPE_CHECKING

from accord.ids import fingerprint

if TYPE_CHECKING:
    from accord.catalog.pofile import Entry

MARK_PREFIX = "accord:"
MAX_CONTINUATION_LINES = 64  # a wrapped mark (long reason) spans at most this many more lines


class State(enum.Enum):
    """Review state of one segment in one locale."""

    UNTRANSLATED = "untranslated"
    MACHINE = "machine"
    FUZZY = "fuzzy"
    TRANSLATED = "translated"
    APPROVED = "approved"
    REJECTED = "rejected"


STATE_NAMES = tuple(state.value for state in State)  # in this order in every count
# What counts as done unless ``[tool.accord] complete_states`` says otherwise.
COMPLETE_BY_DEFAULT = (State.TRANSLATED.value, State.APPROVED.value)


class MarkKind(enum.Enum):
    """What an ``accord:`` mark records."""

    MACHINE = "machine"
    APPROVED = "approved"
    REJECTED = "rejected"


@dataclass(frozen=True)
class Mark:
    """One parsed ``accord:`` translator comment.

    ``who`` is the engine name for a machine mark and the reviewer's name otherwise;
    ``reason`` is set for rejections only.
    """

    kind: MarkKind
    who: str
    when: datetime.date
    fp: str
    reason: str | None = None


@dataclass(frozen=True)
class Event:
    """One line of a segment's history: a mark, and whether it still holds for the text."""

    mark: Mark
    current: bool  # the fingerprint matches the entry's msgid+msgstr today


_ENGINE = r"[A-Za-z0-9][A-Za-z0-9_.+-]*"
_DATE = r"\d{4}-\d{2}-\d{2}"
_FP = r"[0-9a-f]{12}"
_QUOTED = r'"(?:[^"\\]|\\.)*"'
# Accord writes names and reasons quoted; a name typed by hand may be bare.
_NAME = rf'{_QUOTED}|[^"\s].*?'
_REASON = rf'{_QUOTED}|[^"\s].*'
_MACHINE_RE = re.compile(rf"machine\s+(?P<who>{_ENGINE})\s+(?P<when>{_DATE})\s+fp=(?P<fp>{_FP})")
_APPROVED_RE = re.compile(
    rf"approved\s+by\s+(?P<who>{_NAME})\s+(?P<when>{_DATE})\s+fp=(?P<fp>{_FP})"
)
_REJECTED_RE = re.compile(
    rf"rejected\s+by\s+(?P<who>{_NAME})\s+(?P<when>{_DATE})\s+fp=(?P<fp>{_FP})"
    rf"(?::\s*(?P<reason>{_REASON}))?"
)
_PATTERNS = {
    MarkKind.MACHINE: _MACHINE_RE,
    MarkKind.APPROVED: _APPROVED_RE,
    MarkKind.REJECTED: _REJECTED_RE,
}

# The state given by the latest current mark, for a fuzzy and for a non-fuzzy entry.
# Clearing the fuzzy flag of machine output is a person accepting it (the
# translation is theirs now, awaiting review); a rejection, like an approval, is a
# reviewer's judgement of this exact text and holds until the text changes or a
# reviewer decides again; an approval does not hold for an entry someone flagged
# fuzzy again.
_BY_MARK_FUZZY = {
    MarkKind.MACHINE: State.MACHINE,
    MarkKind.REJECTED: State.REJECTED,
    MarkKind.APPROVED: State.FUZZY,
}
_BY_MARK_CLEAR = {
    MarkKind.MACHINE: State.TRANSLATED,
    MarkKind.REJECTED: State.REJECTED,
    MarkKind.APPROVED: State.APPROVED,
}


def entry_fingerprint(entry: Entry) -> str:
    """The fingerprint of the entry's msgid+msgstr (plural forms included) that marks carry.

    A msgctxt is part of the source (as in gettext's ``ctxt\x04msgid`` key), so a
    mark that msgmerge copies onto the same text in another context does not count.
    """
    source = entry.msgid if entry.msgctxt is None else f"{entry.msgctxt}\x04{entry.msgid}"
    if entry.msgid_plural is not None:
        forms = [entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural)]
        return fingerprint(source, entry.msgid_plural, *forms)
    return fingerprint(source, entry.msgstr)


def parse_mark(comment: str) -> Mark | None:
    """The Mark in one translator comment (without its ``# ``), or None if it is not a valid one."""
    text = comment.strip()
    if not text.startswith(MARK_PREFIX):
        return None
    body = text[len(MARK_PREFIX):].strip()
    kind_word = body.split(None, 1)[0] if body else ""
    try:
        kind = MarkKind(kind_word)
    except ValueError:
        return None
    match = _PATTERNS[kind].fullmatch(body)
    if match is None:
        return None
    try:
        when = datetime.date.fromisoformat(match["when"])
        who = _unquote(match["who"])
        reason = _unquote(match["reason"]) if kind is MarkKind.REJECTED else None
    except ValueError:
        return None
    if not who.strip():
        return None
    return Mark(kind=kind, who=who, when=when, fp=match["fp"], reason=reason)


def format_mark(mark: Mark) -> str:
    """The translator comment (without ``# ``) that records ``mark``."""
    head = f"{MARK_PREFIX} {mark.kind.value}"
    tail = f"{mark.when.isoformat()} fp={mark.fp}"
    if mark.kind is MarkKind.MACHINE:
        return f"{head} {mark.who} {tail}"
    line = f"{head} by {_quote(mark.who)} {tail}"
    if mark.kind is MarkKind.REJECTED:
        line += f": {_quote(mark.reason or '')}"
    return line


def marks_of(entry: Entry) -> list[Mark]:
    """The entry's valid marks, in file order (oldest first, as Accord appends them).

    A mark that a tool wrapped over several comment lines (polib wraps translator
    comments at 78 columns, breaking at spaces and after hyphens) is read whole.
    """
    return read_marks(entry.translator_comments)


def read_marks(comments: list[str]) -> list[Mark]:
    """The valid marks among translator comments, joining marks wrapped over several lines."""
    marks: list[Mark] = []
    index = 0
    while index < len(comments):
        found, used = _mark_at(comments, index)
        if found is not None:
            marks.append(found)
        index += used
    return marks


def _mark_at(comments: list[str], index: int) -> tuple[Mark | None, int]:
    """The mark starting at ``comments[index]`` and how many lines it spans (1 if none)."""
    text = comments[index]
    if not text.strip().startswith(MARK_PREFIX):
        return None, 1
    end = min(len(comments), index + 1 + MAX_CONTINUATION_LINES)
    for stop in range(index + 1, end + 1):
        mark = parse_mark(text)
        if mark is not None:
            return mark, stop - index
        if stop < end:
            text = _rejoin(text, comments[stop])
    return None, 1


def _rejoin(head: str, tail: str) -> str:
    # A wrapper drops the single space it breaks at, and breaks after a hyphen
    # without one; _quote leaves no raw space next to a hyphen or another space, so
    # this undoes the wrapping of anything Accord wrote exactly.
    head, tail = head.rstrip(), tail.strip()
    return head + tail if head.endswith("-") or tail.startswith("-") else f"{head} {tail}"


def history(entry: Entry) -> list[Event]:
    """Every mark of the entry, each telling whether it still holds for today's text."""
    marks = marks_of(entry)
    if not marks:
        return []  # most entries: no fingerprint to compute
    fp = entry_fingerprint(entry) if entry.translated else None
    return [Event(mark=m, current=m.fp == fp) for m in marks]


def state_of(entry: Entry) -> State:
    """The review state of ``entry``, derived from msgstr, the fuzzy flag and current marks.

    - no msgstr → untranslated;
    - otherwise the latest mark whose fingerprint matches today's msgid+msgstr
      decides: a rejection gives rejected; a machine mark gives machine while the
      entry is fuzzy; an approval gives approved while it is not;
    - anything else is fuzzy (flag set) or translated (a person's work): editing
      machine output in an editor clears the flag and changes the fingerprint.
    """
    if not entry.translated:
        return State.UNTRANSLATED
    by_mark = _BY_MARK_FUZZY if entry.fuzzy else _BY_MARK_CLEAR
    current = [event.mark for event in history(entry) if event.current]
    if current:
        return by_mark[current[-1].kind]
    return State.FUZZY if entry.fuzzy else State.TRANSLATED


def mark_machine(entry: Entry, engine: str, when: datetime.date) -> None:
    """Record that ``entry``'s msgstr is raw output of ``engine``: fuzzy plus a machine mark."""
    if not entry.translated:
        raise ValueError("mark_machine: the entry has no msgstr")
    if re.fullmatch(_ENGINE, engine) is None:
        raise ValueError(f"mark_machine: engine name {engine!r} is not a simple word")
    entry.fuzzy = True
    _add_mark(entry, Mark(MarkKind.MACHINE, engine, when, entry_fingerprint(entry)))


def approve(entry: Entry, by: str, when: datetime.date) -> None:
    """Approve the entry's current msgstr: clears fuzzy (and ``#|`` previous text), adds a mark."""
    if not entry.translated:
        raise ValueError("approve: the entry has no msgstr")
    _check_name(by)
    _unfuzzy(entry)
    _add_mark(entry, Mark(MarkKind.APPROVED, by, when, entry_fingerprint(entry)))


def reject(entry: Entry, by: str, when: datetime.date, reason: str) -> None:
    """Reject the entry's current msgstr with a reason: marks it fuzzy so editors show it."""
    if not entry.translated:
        raise ValueError("reject: the entry has no msgstr")
    _check_name(by)
    if not reason.strip():
        raise ValueError("reject: a reason is required")
    entry.fuzzy = True
    _add_mark(entry, Mark(MarkKind.REJECTED, by, when, entry_fingerprint(entry), reason))


def edit(entry: Entry, msgstr: str) -> None:
    """Replace the msgstr with a person's text: clears fuzzy (and ``#|`` previous text).

    Like saving in a PO editor: the text is a person's translation now, so the entry
    is ``translated`` (earlier marks stay as history; their fingerprints no longer match).
    """
    if entry.msgid_plural is not None:
        raise ValueError("edit: plural entries are edited in a PO editor")
    if not msgstr.strip():
        raise ValueError("edit: a translation cannot be empty")
    entry.msgstr = msgstr
    _unfuzzy(entry)


def publishable(
    entry: Entry,
    approved_only: bool,
    usable: Collection[State] = (State.TRANSLATED, State.APPROVED),
) -> str | None:
    """The msgstr to publish for ``entry``, or None to fall back to the source text.

    By default a person's translation and an approved one are published; machine
    output, fuzzy and rejected text never are. ``approved_only`` publishes approved
    segments only.
    """
    state = state_of(entry)
    wanted = (State.APPROVED,) if approved_only else tuple(usable)
    if state not in wanted or entry.msgid_plural is not None:
        return None
    return entry.msgstr


def _add_mark(entry: Entry, mark: Mark) -> None:
    # The latest mark decides, so only a repeat of the latest one is redundant.
    marks = marks_of(entry)
    if not marks or marks[-1] != mark:
        entry.translator_comments.append(format_mark(mark))


def _unfuzzy(entry: Entry) -> None:
    entry.fuzzy = False
    entry.previous_msgctxt = None
    entry.previous_msgid = None
    entry.previous_msgid_plural = None


def _check_name(name: str) -> None:
    if not name.strip():
        raise ValueError("a reviewer name is required")


def _quote(text: str) -> str:
    # JSON keeps quotes and backslashes unambiguous; escaping every non-printable
    # character (line and paragraph separators included) keeps the mark on one line
    # for every PO reader, and escaping a space next to a space or a hyphen lets
    # _rejoin undo any line wrapping exactly.
    quoted = json.dumps(text, ensure_ascii=False)
    out = []
    for i, char in enumerate(quoted):
        if char == " " and (quoted[i - 1] in " -" or quoted[i + 1 : i + 2] in (" ", "-")):
            out.append(_escape(char))
        else:
            out.append(char if char.isprintable() else _escape(char))
    return "".join(out)


def _escape(char: str) -> str:
    code = ord(char)
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def _unquote(text: str | None) -> str:
    if text is None:
        return ""
    text = text.strip()
    if len(text) >= 2 and text.startswith('"') and text.endswith('"'):
        value = json.loads(text)
        if not isinstance(value, str):
            raise ValueError("not a string")
        return value
    return text
