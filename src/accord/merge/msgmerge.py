"""Merge a template into a PO catalog the way ``msgmerge --previous`` does, losing nothing.

``merge(old, template, header)`` is pure: it reads the old catalog and the template
entries and returns a new catalog with counts of what happened. The rules (see
docs/merge-and-scale.md):

- Exact (msgctxt, msgid) match: the old entry's msgstr, flags, translator comments
  (Accord's review marks) and, while fuzzy, previous msgid are kept; references and
  extracted comments come from the template. A matching obsolete entry is revived.
- Otherwise a translation memory hit (same source language, a person's
  non-fuzzy translation) fills the entry, not fuzzy.
- Otherwise the memory's most similar segment, if it beats the old catalog's
  best fuzzy candidate (as a compendium in ``msgmerge -C``), lends its
  translation: the entry is fuzzy, records that segment as ``#|`` previous msgid
  and says where the suggestion came from in a translator comment.
- Otherwise the most similar old translated entry (active or obsolete, not matched
  exactly), chosen like msgmerge (accord.merge.fuzzy), lends its msgstr and translator
  comments; the entry is fuzzy and records the old msgid as ``#|`` previous msgid.
  One old entry may lend its translation to several new entries, as in msgmerge.
- Old entries used by neither become obsolete (``#~``) without references or
  extracted comments; obsolete entries without a translation are dropped, as
  msgmerge does, because they hold nothing.
- No two entries share a (msgctxt, msgid) key. When two obsolete entries would
  (only possible when the old file already had duplicates, which gettext tools
  reject), an identical translation is kept once and a different one is kept
  under the context ``accord-kept-N`` (``accord-kept-N|<old msgctxt>`` when it had
  one), so that the translation survives and still serves as a fuzzy candidate.
- Active entries follow the template's order; then the entries made obsolete now,
  then those already obsolete, each in file order (msgmerge's order).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from accord.catalog.comments import canonical_flags
from accord.catalog.pofile import Catalog, Entry, header_fields, header_lines
from accord.catalog.wrap.formatcheck import keeps_directives
from accord.merge.fuzzy import CONTEXT_BONUS, FUZZY_THRESHOLD, FuzzyIndex
from accord.merge.memory import SOURCE_LANGUAGE_FIELD, Suggestion, TranslationMemory

KEPT_CONTEXT = "accord-kept-"
SUGGESTION_COMMENT = "fuzzy suggestion from the translation memory: "
_NPLURALS = re.compile(r"nplurals\s*=\s*(\d+)")

Key = tuple[str | None, str]


@dataclass(frozen=True)
class MergeResult:
    """The merged catalog and how each of its entries came about."""

    catalog: Catalog
    added: int = 0  # new entries without an exact or fuzzy match (TM fills included)
    kept: int = 0  # exact matches of active entries
    fuzzy: int = 0  # entries filled from a similar old entry, marked fuzzy
    obsoleted: int = 0  # active translated entries that became obsolete
    revived: int = 0  # obsolete entries matched exactly and made active again
    tm_filled: int = 0  # new entries filled from the translation memory
    tm_suggested: int = 0  # fuzzy entries whose suggestion came from the memory (in fuzzy)


def merge(
    old: Catalog | None,
    template: Sequence[Entry],
    header: Entry,
    *,
    tm: TranslationMemory | None = None,
    like_msgmerge: bool = False,
) -> MergeResult:
    """``old`` brought up to date with ``template``; neither argument is modified.

    ``like_msgmerge`` also offers translations of exactly matched entries as fuzzy
    candidates, as msgmerge does (Accord's default offers only translations no
    longer attached to their segment).
    """
    old_header = old.header if old is not None else None
    new_header = merge_header(old_header, header)
    nplurals = _nplurals(new_header)
    source_lang = header_fields(new_header).get(SOURCE_LANGUAGE_FIELD, "")

    previous = [e for e in (old.entries if old is not None else []) if e is not old_header]
    # msgmerge looks at active entries before obsolete ones; ties go to the earlier.
    previous = [e for e in previous if not e.obsolete] + [e for e in previous if e.obsolete]
    by_key: dict[Key, Entry] = {}
    for entry in previous:
        by_key.setdefault(entry.key, entry)

    used: set[int] = set()
    slots, pending, kept, revived = _exact_matches(template, by_key, used, nplurals)

    # msgmerge offers every entry with a first msgstr (plural ones, fuzzy ones) as a source.
    candidates = [
        e for e in previous if (like_msgmerge or id(e) not in used) and _first_msgstr(e) and e.msgid
    ]
    index = FuzzyIndex([(e.msgctxt, e.msgid) for e in candidates]) if pending else None
    added = fuzzy = tm_filled = tm_suggested = 0
    for slot, ref in pending:
        hit = tm.lookup(ref.msgid, ref.msgctxt, source_lang) if tm is not None else None
        if hit is not None and ref.msgid_plural is None:
            slots[slot] = _fresh(ref, nplurals, hit)
            added += 1
            tm_filled += 1
            continue
        best = index.best(ref.msgid, ref.msgctxt) if index is not None else None
        floor = FUZZY_THRESHOLD
        if best is not None:
            floor = best.similarity + _bonus(candidates[best.index].msgctxt, ref.msgctxt)
        suggestion = _suggestion(tm, ref, source_lang, floor, by_key)
        if suggestion is not None:
            slots[slot] = _suggested(suggestion, ref, nplurals)
            fuzzy += 1
            tm_suggested += 1
            continue
        if best is not None:
            source = candidates[best.index]
            used.add(id(source))
            slots[slot] = _merged(source, ref, nplurals, force_fuzzy=True)
            fuzzy += 1
            continue
        slots[slot] = _fresh(ref, nplurals, "")
        added += 1

    active = [e for e in slots if e is not None]
    obsolete, obsoleted = _leftovers(previous, used, active)
    entries = [new_header, *active, *obsolete]
    return MergeResult(
        catalog=Catalog(entries=entries),
        added=added,
        kept=kept,
        fuzzy=fuzzy,
        obsoleted=obsoleted,
        revived=revived,
        tm_filled=tm_filled,
        tm_suggested=tm_suggested,
    )


def _exact_matches(
    template: Sequence[Entry], by_key: dict[Key, Entry], used: set[int], nplurals: int
) -> tuple[list[Entry | None], list[tuple[int, Entry]], int, int]:
    """One slot per template entry, filled where an old entry has its key (marked in
    ``used``); the empty slots with their template entries; how many were kept and revived."""
    slots: list[Entry | None] = []
    pending: list[tuple[int, Entry]] = []
    seen: set[Key] = set()
    kept = revived = 0
    for ref in template:
        if ref.key in seen or (ref.msgid == "" and ref.msgctxt is None):
            continue
        seen.add(ref.key)
        match = by_key.get(ref.key)
        if match is None:
            pending.append((len(slots), ref))
            slots.append(None)
            continue
        used.add(id(match))
        slots.append(_merged(match, ref, nplurals, force_fuzzy=False))
        if match.obsolete:
            revived += 1
        else:
            kept += 1
    return slots, pending, kept, revived


# Header fields sync keeps asserting on an existing file: the ones the repository's
# layout decides (the locale folder, the article's language). Every other
# field of an existing header belongs to the editors (Poedit rewrites Plural-Forms,
# X-Generator, Last-Translator, … on save) and is only added when it is missing.
_ASSERTED_FIELDS = frozenset({"language", "x-source-language"})
# Written only when a file is created, never added to an existing one afterwards.
_EDITOR_FIELDS = frozenset(
    {"plural-forms", "x-generator", "project-id-version", "last-translator", "language-team"})


def merge_header(old: Entry | None, header: Entry) -> Entry:
    """The header entry: the old header (comments, fields and their order) with
    ``header``'s fields added where missing and ``Language`` and ``X-Source-Language``
    set from the repository's layout.

    Editor-owned fields (``Plural-Forms``, ``X-Generator``, …) of an existing file are
    never rewritten, so a file Poedit saved or a babel upgrade causes no change.
    Nothing here depends on the clock.
    """
    if old is None:
        return _copy(header)
    lines = header_lines(old.msgstr)
    positions = {name.lower(): i for i, (name, _) in enumerate(lines) if name}
    for name, line in header_lines(header.msgstr):
        key = name.lower()
        at = positions.get(key) if name else None
        if at is None and key not in _EDITOR_FIELDS:
            positions[key] = len(lines)
            lines.append((name, line))
        elif at is not None and key in _ASSERTED_FIELDS:
            lines[at] = (name, line)
    result = _copy(old)
    result.msgstr = "".join(line + "\n" for _, line in lines)
    if not result.translator_comments:
        result.translator_comments = list(header.translator_comments)
    result.obsolete = False
    result.line = 0
    return result


def _merged(source: Entry, ref: Entry, nplurals: int, *, force_fuzzy: bool) -> Entry:
    """msgmerge's ``message_merge``: the template's msgid and comments, the old translation."""
    fuzzy = source.fuzzy or force_fuzzy
    if source.fuzzy:
        prev = (source.previous_msgctxt, source.previous_msgid, source.previous_msgid_plural)
    else:
        prev = (source.msgctxt, source.msgid, source.msgid_plural)
    msgstr, plural = source.msgstr, dict(source.msgstr_plural)
    if ref.msgid_plural is not None and source.msgid_plural is None:
        msgstr, plural = "", dict.fromkeys(range(nplurals), source.msgstr)
        fuzzy = True
    elif ref.msgid_plural is None and source.msgid_plural is not None:
        msgstr, plural = source.msgstr_plural.get(0, ""), {}
        fuzzy = True
    elif ref.msgid_plural != source.msgid_plural:
        fuzzy = True
    # msgmerge takes the format flags, the range and no-wrap from the template.
    flags = [f for f in canonical_flags(ref.flags) if f != "fuzzy"]
    if not fuzzy and _range_widened(source.flags, flags):
        fuzzy = True  # the old translation may not hold for the new range
    if not fuzzy and not _format_still_holds(source, ref, flags, msgstr, plural):
        fuzzy = True  # newly a format string, and the translation would fail msgfmt -c
    entry = Entry(
        msgid=ref.msgid,
        msgstr=msgstr,
        msgctxt=ref.msgctxt,
        msgid_plural=ref.msgid_plural,
        msgstr_plural=plural,
        translator_comments=list(source.translator_comments),
        extracted_comments=list(ref.extracted_comments),
        references=list(ref.references),
        flags=flags,
    )
    entry.fuzzy = fuzzy
    if fuzzy and _first_msgstr(entry):
        entry.previous_msgctxt, entry.previous_msgid, entry.previous_msgid_plural = prev
    return entry


def _format_still_holds(
    source: Entry, ref: Entry, flags: list[str], msgstr: str, plural: dict[int, str]
) -> bool:
    """msgmerge's check when the template declares a format the old entry did not."""
    old = canonical_flags(source.flags)
    for flag in flags:
        if not flag.endswith("-format") or flag.startswith("no-") or flag in old:
            continue
        language = flag[: -len("-format")]
        forms = [plural[i] for i in sorted(plural)] if ref.msgid_plural is not None else [msgstr]
        if not keeps_directives(ref.msgid, forms, language, ref.msgid_plural):
            return False
    return True


def _first_msgstr(entry: Entry) -> str:
    return entry.msgstr_plural.get(0, "") if entry.msgid_plural is not None else entry.msgstr


def _loses_forms(entry: Entry, active: list[Entry]) -> bool:
    """A used plural entry whose later forms no active entry carries (the template made
    it singular): it stays too, obsolete, so that those forms are not lost."""
    later = [text for number, text in entry.msgstr_plural.items() if number and text]
    if not later:
        return False
    carried = {text for e in active for text in (e.msgstr, *e.msgstr_plural.values())}
    return any(text not in carried for text in later)


def _has_translation(entry: Entry) -> bool:
    """Any non-empty msgstr (one plural form is enough): work that must not be lost."""
    return bool(entry.msgstr) or any(entry.msgstr_plural.values())


def _range(flags: list[str]) -> tuple[int, int] | None:
    for flag in flags:
        if flag.startswith("range: "):
            low, _, high = flag[len("range: ") :].partition("..")
            return int(low), int(high)
    return None


def _range_widened(old_flags: list[str], new_flags: list[str]) -> bool:
    """The old entry assumed a range that the template's does not stay within (msgmerge)."""
    old = _range(canonical_flags(old_flags))
    if old is None:
        return False
    new = _range(new_flags)
    return new is None or new[0] < old[0] or new[1] > old[1]


def _suggestion(
    tm: TranslationMemory | None,
    ref: Entry,
    source_lang: str,
    floor: float,
    own: dict[Key, Entry],
) -> Suggestion | None:
    """The memory's suggestion for ``ref`` if it beats ``floor`` (the old catalog's best), as
    a compendium's match in msgmerge -C; never a segment the old catalog holds itself."""
    if tm is None:
        return None
    found = tm.suggest(ref.msgid, ref.msgctxt, source_lang, floor)
    if found is None or found.goal <= floor or (found.msgctxt, found.msgid) in own:
        return None
    return found


def _bonus(candidate_ctxt: str | None, msgctxt: str | None) -> float:
    return CONTEXT_BONUS if candidate_ctxt is None or candidate_ctxt == msgctxt else 0.0


def _suggested(suggestion: Suggestion, ref: Entry, nplurals: int) -> Entry:
    """A fuzzy entry for ``ref`` from the memory's most similar segment, naming its source."""
    source = Entry(
        msgid=suggestion.msgid,
        msgctxt=suggestion.msgctxt,
        msgstr=suggestion.msgstr,
        translator_comments=[SUGGESTION_COMMENT + (suggestion.origin or "another catalog")],
    )
    return _merged(source, ref, nplurals, force_fuzzy=True)


def _fresh(ref: Entry, nplurals: int, msgstr: str) -> Entry:
    """A new entry for ``ref``: untranslated, or filled with ``msgstr`` from the memory."""
    entry = _copy(ref)
    entry.msgstr = msgstr if ref.msgid_plural is None else ""
    entry.msgstr_plural = dict.fromkeys(range(nplurals), "") if ref.msgid_plural else {}
    entry.fuzzy = False
    entry.previous_msgctxt = entry.previous_msgid = entry.previous_msgid_plural = None
    entry.obsolete = False
    entry.line = 0
    return entry


def _leftovers(
    previous: list[Entry], used: set[int], active: list[Entry]
) -> tuple[list[Entry], int]:
    """The obsolete entries of the result, and how many of them were active before."""
    keys: dict[Key, Entry] = {e.key: e for e in active}
    out: list[Entry] = []
    obsoleted = 0
    for entry in previous:
        if not _has_translation(entry) or (id(entry) in used and not _loses_forms(entry, active)):
            continue
        result = _copy(entry)
        result.obsolete = True
        result.references = []
        result.extracted_comments = []
        result.line = 0
        holder = keys.get(result.key)
        if holder is not None:
            if _same_translation(holder, result):
                continue
            result.msgctxt = _kept_context(result.msgctxt, keys)
        keys[result.key] = result
        out.append(result)
        if not entry.obsolete:
            obsoleted += 1
    return out, obsoleted


def _kept_context(msgctxt: str | None, keys: dict[Key, Entry]) -> str:
    taken = {ctxt for ctxt, _ in keys}
    n = 1
    while True:
        candidate = f"{KEPT_CONTEXT}{n}" + ("" if msgctxt is None else f"|{msgctxt}")
        if candidate not in taken:
            return candidate
        n += 1


def _same_translation(a: Entry, b: Entry) -> bool:
    return a.msgstr == b.msgstr and a.msgstr_plural == b.msgstr_plural


def _copy(entry: Entry) -> Entry:
    return replace(
        entry,
        msgstr_plural=dict(entry.msgstr_plural),
        translator_comments=list(entry.translator_comments),
        extracted_comments=list(entry.extracted_comments),
        references=list(entry.references),
        flags=list(entry.flags),
    )


def _nplurals(header: Entry) -> int:
    found = _NPLURALS.search(header_fields(header).get("Plural-Forms", ""))
    return int(found.group(1)) if found else 2
