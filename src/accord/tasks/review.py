"""Tasks ``status``, ``review.approve``, ``review.reject``."""

from __future__ import annotations

import datetime
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING

from accord.config import Config
from accord.errors import AccordError, CatalogError, ReviewError
from accord.ids import segment_id
from accord.locales import normalise_locale
from accord.readable import readable
from accord.review.state import State, state_of
from accord.review.state import approve as approve_entry
from accord.review.state import reject as reject_entry
from accord.steps.status import (
    collect_status,
    find_occurrences,
    format_history,
    format_table,
    msgstr_changes,
    occurrence_dict,
    resolve_segment,
    shown,
)
from accord.tasks._common import (
    EXIT_USAGE,
    listed,
    project,
    reports_errors,
    tell,
    writes_repository,
)
from accord.tasks.conventions import Collection, Context, Exit, task
from accord.workspace import (
    ArticleRef,
    discover_articles,
    po_path,
    select_articles,
    select_locales,
    targets_of,
)

if TYPE_CHECKING:
    from accord.catalog import casfile
    from accord.catalog.pofile import Catalog, Entry
    from accord.glossary import Glossary

FORMATS = ("text", "json")


@task(iterable=["locale", "article"], help={
    "locale": "only this target locale (repeatable)",
    "article": "only this article slug (repeatable)",
    "format": "text (a table) or json (every segment)",
    "segment": "show one segment's state and history (id or unique prefix)",
})
@reports_errors
def status(
    c: Context,
    locale: list[str] | None = None,
    article: list[str] | None = None,
    format: str = "text",
    segment: str | None = None,
) -> None:
    """Progress and review state per locale, article and segment."""
    if format not in FORMATS:
        raise ReviewError(f"--format: expected one of {', '.join(FORMATS)}, not {format!r}")
    config = project()
    locales = select_locales(config, listed(locale))
    problems: list[AccordError] = []
    articles = select_articles(discover_articles(config, problems), listed(article))
    if segment:
        full, occurrences = find_occurrences(config, locales, articles, segment)
        changes = msgstr_changes(config, occurrences)
        if format == "json":
            data = {"segment": full, "occurrences": [
                occurrence_dict(o, changes.get(n)) for n, o in enumerate(occurrences)
            ]}
            print(json.dumps(data, ensure_ascii=False, indent=2))
        else:
            print(format_history(full, occurrences, changes), end="")
    else:
        report = collect_status(config, locales, articles, problems)
        if format == "json":
            print(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
        else:
            from accord.steps.namecache import display_names  # noqa: PLC0415

            names = display_names(config.cache_dir, [loc.locale for loc in report.locales])
            print(format_table(report, names), end="")
    for problem in problems:  # files skipped (bad names, duplicates), broken sources
        tell(problem)
    if problems:
        raise Exit(code=EXIT_USAGE)


@task(positional=["locale", "slug"], iterable=["segment"], help={
    "locale": "target locale of the PO file (e.g. de)",
    "slug": "article slug (sources/<lang>/<slug>.md)",
    "segment": "id (or unique prefix) of a segment to approve (repeatable)",
    "all-clean": "approve every translated segment without error findings",
    "by": "reviewer name (default: git user.name, then $USER)",
})
@reports_errors
@writes_repository
def approve(  # noqa: PLR0917 - invoke maps parameters to flags
    c: Context,
    locale: str,
    slug: str,
    segment: list[str] | None = None,
    all_clean: bool = False,
    by: str | None = None,
) -> None:
    """Approve segments of one article in one locale."""
    config = project()
    target = _target(config, locale, slug)
    if not listed(segment) and not all_clean:
        raise ReviewError("name segments with --segment ID or use --all-clean")
    reviewer = (by or "").strip() or reviewer_name(config.root)
    catalog, file, seen = _catalog(config, target)
    chosen = _entries(catalog, listed(segment), file)
    for entry in chosen:
        if state_of(entry) is State.UNTRANSLATED:
            raise ReviewError(f"segment {_id(entry)} is untranslated: nothing to approve",
                              path=file, line=entry.line)
    if all_clean:
        from accord.glossary import load_glossary  # noqa: PLC0415  (imported on demand: start-up)

        glossary = load_glossary(config.glossary_dir)
        locale_code, ref = target
        named = {_id(e) for e in chosen}
        chosen += [e for e in clean_entries(catalog, glossary, ref.lang, locale_code)
                   if _id(e) not in named]
    today = datetime.date.today()
    approved = [e for e in chosen if state_of(e) is not State.APPROVED]
    for entry in approved:
        approve_entry(entry, reviewer, today)
    _save(config, target, catalog, seen)
    already = len(chosen) - len(approved)
    print(readable(f"{file}: approved {len(approved)} segment(s) as {reviewer}"
                   + (f", {already} already approved" if already else "")))
    for entry in approved:
        print(f"  {_id(entry)}  {_preview(entry.msgid)}")


@task(positional=["locale", "slug"], help={
    "locale": "target locale of the PO file (e.g. de)",
    "slug": "article slug (sources/<lang>/<slug>.md)",
    "segment": "id (or unique prefix) of the segment to reject",
    "reason": "why: the translator reads this in the PO file",
    "by": "reviewer name (default: git user.name, then $USER)",
})
@reports_errors
@writes_repository
def reject(  # noqa: PLR0917 - invoke maps parameters to flags
    c: Context,
    locale: str,
    slug: str,
    segment: str | None = None,
    reason: str | None = None,
    by: str | None = None,
) -> None:
    """Reject one segment with a reason; it is flagged fuzzy for the translator."""
    config = project()
    target = _target(config, locale, slug)
    if not segment:
        raise ReviewError("--segment ID is required")
    if not reason or not reason.strip():
        raise ReviewError("--reason TEXT is required")
    reviewer = (by or "").strip() or reviewer_name(config.root)
    catalog, file, seen = _catalog(config, target)
    (entry,) = _entries(catalog, [segment], file)
    if state_of(entry) is State.UNTRANSLATED:
        raise ReviewError(f"segment {_id(entry)} is untranslated: nothing to reject",
                          path=file, line=entry.line)
    reject_entry(entry, reviewer, datetime.date.today(), reason)
    _save(config, target, catalog, seen)
    print(readable(f"{file}: rejected {_id(entry)} as {reviewer}: {reason}"))


ns = Collection(approve, reject)


def reviewer_name(root: Path) -> str:
    """git's ``user.name`` for the repository, else ``$USER``; ReviewError if neither is set."""
    import subprocess  # noqa: PLC0415  (imported on demand: start-up)

    try:
        done = subprocess.run(
            ["git", "config", "user.name"], cwd=root, capture_output=True, text=True,
            timeout=10, check=False,
        )
        name = done.stdout.strip() if done.returncode == 0 else ""
    except (OSError, subprocess.SubprocessError):
        name = ""
    name = name or os.environ.get("USER", "").strip()
    if not name:
        raise ReviewError("no reviewer name: pass --by NAME or set git's user.name")
    return name


def has_errors(glossary: Glossary, entry: Entry, source_lang: str, locale: str) -> bool:
    """True if ``accord check`` has an error finding for the entry's translation."""
    from accord.checks import Severity, check_segment  # noqa: PLC0415  (on demand: start-up)

    findings = check_segment(glossary, entry.msgid, entry.msgstr, source_lang, locale)
    return any(f.severity is Severity.ERROR for f in findings)


def clean_entries(catalog: Catalog, glossary: Glossary, source_lang: str, locale: str
                  ) -> list[Entry]:
    """What ``--all-clean`` approves: entries in state translated without error findings."""
    return [
        e for e in catalog.messages()
        if state_of(e) is State.TRANSLATED and not has_errors(glossary, e, source_lang, locale)
    ]


def _target(config: Config, locale: str, slug: str) -> tuple[str, ArticleRef]:
    try:
        code = normalise_locale(locale)
    except AccordError:
        raise ReviewError(f"unknown locale {locale!r}") from None
    if code not in config.locales:
        raise ReviewError(f"locale {code!r} is not configured ({', '.join(config.locales)})")
    # A badly named file elsewhere is for sync and check to report: approvals go on.
    articles = discover_articles(config, [])
    try:
        (article,) = select_articles(articles, [slug])
    except AccordError:
        raise ReviewError(f"no article {slug!r} under sources/") from None
    if not targets_of(article, [code]):
        raise ReviewError(f"{slug} is written in {article.lang}: it has no {code} translation")
    return code, article


def _catalog(
    config: Config, target: tuple[str, ArticleRef]
) -> tuple[Catalog, str, casfile.Seen]:
    from accord.catalog import casfile  # noqa: PLC0415  (start-up: status needs none)

    locale, article = target
    path = po_path(config, locale, article.slug)
    file = config.relative(path)
    try:
        catalog, seen = casfile.read_po(path)
    except CatalogError as error:
        raise CatalogError(error.message, file, error.line) from None
    if catalog is None:
        raise ReviewError("no such PO file (run sync first)", path=file)
    return catalog, file, seen


def _entries(catalog: Catalog, wanted: list[str], file: str) -> list[Entry]:
    by_id = {_id(e): e for e in catalog.messages()}
    full = [resolve_segment(by_id, w, file) for w in wanted]
    return [by_id[i] for i in dict.fromkeys(full)]


def _save(
    config: Config, target: tuple[str, ArticleRef], catalog: Catalog, seen: casfile.Seen
) -> None:
    """Write the reviewed catalog unless someone saved the file since it was read.

    A review decision is about the text the reviewer was shown: if a translator
    saved the file meanwhile it is a conflict, reported, and nothing is written.
    """
    from accord.catalog import casfile  # noqa: PLC0415  (start-up: status needs none)

    locale, article = target
    path = po_path(config, locale, article.slug)
    try:
        casfile.write_po(path, catalog, seen)
    except CatalogError as error:
        raise CatalogError(
            f"{error.message}; the review was not recorded, run it again",
            config.relative(path),
        ) from None


def _id(entry: Entry) -> str:
    return segment_id(entry.msgid, entry.msgctxt)


def _preview(text: str, width: int = 60) -> str:
    flat = shown(" ".join(text.split()))
    return flat if len(flat) <= width else flat[: width - 1] + "…"
