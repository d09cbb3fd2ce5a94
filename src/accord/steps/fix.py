"""``check --fix``: replace forbidden variants in PO files and leave the entries fuzzy."""

from __future__ import annotations

from dataclasses import dataclass

from accord import safefile
from accord.catalog.pofile import Catalog
from accord.config import Config
from accord.errors import CatalogError
from accord.glossary import Fix, Glossary
from accord.glossary.verdict import fix_target
from accord.workspace import ArticleRef, po_path, targets_of


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
    from accord.catalog import casfile  # noqa: PLC0415  (concurrent module)

    fixed: list[FixedEntry] = []
    for locale in locales:
        for article in articles:
            if not targets_of(article, [locale]):
                continue
            path = po_path(config, locale, article.slug)
            if not safefile.present(path):
                continue
            relpath = config.relative(path)
            changes: list[list[tuple[int, list[Fix]]]] = []

            def fix(catalog: Catalog | None, lang: str = article.lang, locale: str = locale,
                    changes: list[list[tuple[int, list[Fix]]]] = changes) -> Catalog | None:
                # Called again on the new file when a translator saved it meanwhile.
                changes[:] = [fix_catalog(catalog, glossary, locale, lang)] if catalog else []
                return catalog if changes and changes[0] else None

            try:
                casfile.rewrite(path, fix, label=relpath)
            except CatalogError as error:
                raise CatalogError(error.message, relpath, error.line) from None
            for line, fixes in changes[0] if changes else []:
                fixed.append(FixedEntry(relpath, line, tuple(fixes)))
    return fixed
