"""``check --fix``: replace forbidden variants in PO files and leave the entries fuzzy."""

from __future__ import annotations

from dataclasses import dataclass

from accord.config import Config
from accord.glossary import Fix, Glossary
from accord.glossary.verdict import fix_target
from accord.pofile import Catalog
from accord.workspace import ArticleRef, po_path, read_catalog, targets_of, write_catalog


@dataclass(frozen=True)
class FixedEntry:
    """One PO entry changed by ``--fix``."""

    file: str
    line: int
    fixes: tuple[Fix, ...]


def fix_catalog(
    catalog: Catalog, glossary: Glossary, locale: str, source_lang: str
) -> list[tuple[int, list[Fix]]]:
    """Fix every translated entry of ``catalog`` in place; mark each changed entry fuzzy.

    A replacement is a change no person has seen (and may need a new article or
    case ending around it), so the entry goes back to review.
    """
    changed = []
    for entry in catalog.messages():
        if not entry.msgstr or entry.msgid_plural is not None:
            continue
        text, fixes = fix_target(glossary, entry.msgid, entry.msgstr, source_lang, locale)
        if fixes:
            entry.msgstr = text
            entry.fuzzy = True
            changed.append((entry.line, fixes))
    return changed


def fix_repository(
    config: Config, locales: list[str], articles: list[ArticleRef], glossary: Glossary
) -> list[FixedEntry]:
    """Apply ``fix_catalog`` to every PO file of ``locales`` × ``articles``; write changed files."""
    fixed: list[FixedEntry] = []
    for locale in locales:
        for article in articles:
            if not targets_of(article, [locale]):
                continue
            path = po_path(config, locale, article.slug)
            if not path.is_file():
                continue
            catalog = read_catalog(config, path)
            changed = fix_catalog(catalog, glossary, locale, article.lang)
            if changed:
                write_catalog(config, path, catalog)
                relpath = config.relative(path)
                fixed += [FixedEntry(relpath, line, tuple(fixes)) for line, fixes in changed]
    return fixed
