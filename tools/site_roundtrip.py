"""Round-trip a real site's content tree through Accord and measure what changed.

    python tools/site_roundtrip.py CONTENT_DIR [--work /tmp/x] [--locale eo] [--pseudo]

CONTENT_DIR holds one folder per language (Hugo's ``content/``: ``en/``, ``de/`` …).
The tool lays it out as a scratch Accord repository (``sources/<lang>/`` mirrors
``CONTENT_DIR/<lang>/``, bundles and all; with ``--layout suffix`` ``sources/`` is
CONTENT_DIR itself, translations named ``post.de.md``), syncs one target locale, fills every
entry with its msgid (identity translation; ``--pseudo`` writes a pseudo-translation
that keeps markup), builds, and compares each built page with its source:

- the body's HTML (markdown-it-py, CommonMark + tables, white space folded);
- the link and image URLs, in order;
- for the original-language copies in build/site/<lang>/, the bytes of the body.

It prints the share of pages that match and the first differences it found.
"""

from __future__ import annotations

import argparse
import datetime
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import yaml
from markdown_it import MarkdownIt

from accord.catalog.pofile import read_po, write_po
from accord.config import Config, load_config
from accord.locales import normalise_locale
from accord.review.state import approve

MD = MarkdownIt("commonmark").enable("table")


def body(text: str) -> tuple[str, object]:
    """The Markdown body and the parsed front matter of an article."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n")
    for fence, load in (("---", yaml.safe_load), ("+++", tomllib.loads)):
        if text.startswith(fence + "\n"):
            end = text.find("\n" + fence, len(fence))
            if end >= 0:
                rest = text[end + 1 + len(fence):]
                try:
                    meta = load(text[len(fence) + 1:end + 1])
                except (ValueError, yaml.YAMLError):  # a page the site cannot read either
                    meta = None
                return rest.split("\n", 1)[1] if "\n" in rest else "", meta
    return text, None


def html(markdown: str) -> str:
    return re.sub(r"\s+", " ", MD.render(markdown)).strip()


def urls(markdown: str) -> list[str]:
    found: list[str] = []
    for token in MD.parse(markdown):
        for child in token.children or []:
            if child.type == "link_open":
                found.append(str(child.attrs.get("href")))
            elif child.type == "image":
                found.append(str(child.attrs.get("src")))
    return found


def structure(markdown: str) -> list[str]:
    """Block and inline token types with code, HTML and URLs: what a translation must keep."""
    out: list[str] = []
    for token in MD.parse(markdown):
        out.append(token.type)
        if token.type in ("fence", "code_block", "html_block"):
            out.append(token.content)
        for child in token.children or []:
            if child.type in ("text", "softbreak"):
                continue  # white space folds: a soft break renders as a space
            out.append(child.type)
            if child.type in ("code_inline", "html_inline"):
                out.append(child.content)
            if child.type in ("link_open", "image"):
                out.append(str(child.attrs.get("href") or child.attrs.get("src")))
    return out


def pseudo(msgid: str) -> str:
    """Vowels doubled outside markup: code, URLs and tags come back as written."""
    keep = re.compile(
        r"`[^`]*`|\]\([^)]*\)|\]\[[^\]]*\]|<[^>]*>|\{\{.*?\}\}|\{%.*?%\}|https?://\S+"
        r"|&\w+;|\\."
    )
    out, last = [], 0
    for match in keep.finditer(msgid):
        out.append(re.sub(r"([aeiouAEIOU])", r"\1\1", msgid[last:match.start()]))
        out.append(match.group(0))
        last = match.end()
    out.append(re.sub(r"([aeiouAEIOU])", r"\1\1", msgid[last:]))
    return "".join(out)


def first_difference(a: list[str] | str, b: list[str] | str, width: int) -> tuple[object, object]:
    """The neighbourhood of the first place where ``a`` and ``b`` differ."""
    at = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y),
              min(len(a), len(b)))
    return a[max(0, at - width):at + width], b[max(0, at - width):at + width]


def lay_out(args: argparse.Namespace) -> Path:
    """The scratch repository: sources/<lang>/ copied from CONTENT_DIR/<lang>/."""
    work: Path = args.work
    shutil.rmtree(work, ignore_errors=True)
    (work / "locales" / args.locale).mkdir(parents=True)
    wanted = set(args.languages.split(",")) if args.languages else None
    if args.layout == "suffix":
        shutil.copytree(args.content, work / "sources", symlinks=True)
    for folder in sorted(p for p in args.content.iterdir() if p.is_dir()):
        if args.layout == "folders" and (wanted is None or folder.name in wanted):
            shutil.copytree(folder, work / "sources" / folder.name, symlinks=True)
    (work / "pyproject.toml").write_text(
        f'[tool.accord]\nlocales = ["{args.locale}"]\nthreshold = 0\n'
        f'layout = "{args.layout}"\n'
        + (f'primary_language = "{args.primary}"\n' if args.primary else ""),
        encoding="utf-8",
    )
    return work


def run(work: Path, task: str) -> None:
    """Run an accord task in ``work`` and print its summary line and its messages."""
    done = subprocess.run([sys.executable, "-m", "accord", task], cwd=work,
                          capture_output=True, text=True, check=False)
    print(done.stdout.strip().splitlines()[-1] if done.stdout.strip() else "")
    print(done.stderr.strip()[:2000])


def translate_all(locales_dir: Path, pseudo_translation: bool) -> None:
    """Every entry translated (msgstr = msgid, or the pseudo-translation) and approved."""
    for po in sorted(locales_dir.rglob("*.po")):
        catalog = read_po(po)
        for entry in catalog.messages():
            entry.msgstr = pseudo(entry.msgid) if pseudo_translation else entry.msgid
            entry.fuzzy = False
            approve(entry, "roundtrip", datetime.date(2026, 1, 1))
        write_po(po, catalog)


def compare(config: Config, locale: str, pseudo_translation: bool, show: int) -> None:
    """Print how many built pages match their sources, and the first differences."""
    pages = same = url_same = originals = original_same = 0
    shown: list[str] = []
    for lang_dir in sorted(p for p in config.sources_dir.iterdir() if p.is_dir()):
        for source in sorted(lang_dir.rglob("*.md")) if config.layout == "folders" else ():
            src_body, meta = body(source.read_text(encoding="utf-8", errors="replace"))
            original = config.site_dir / normalise_locale(lang_dir.name) / source.relative_to(
                lang_dir)
            if original.exists():
                originals += 1
                out = body(original.read_text(encoding="utf-8"))[0]
                if meta is None:  # a block was added, and a blank line after it
                    out = out.removeprefix("\n")
                original_same += out == src_body
    for built in sorted((config.site_dir / locale).rglob("*.md")):
        out_body, meta = body(built.read_text(encoding="utf-8"))
        if not isinstance(meta, dict) or not meta.get("translation_of"):
            continue  # the page of another language's original
        source = config.root / str(meta["translation_of"])
        src_body, _ = body(source.read_text(encoding="utf-8", errors="replace"))
        pages += 1
        url_same += urls(out_body) == urls(src_body)
        if pseudo_translation:
            a, b = structure(src_body), structure(out_body)
        else:
            a, b = html(src_body), html(out_body)  # type: ignore[assignment]
        same += a == b
        if a != b and len(shown) < show:
            was, now = first_difference(a, b, 3 if pseudo_translation else 100)
            shown.append(f"{source}:\n  source: {was}\n  built:  {now}")
    sources = sum(1 for _ in config.sources_dir.rglob("*.md"))
    what = "same structure, code, HTML and URLs" if pseudo_translation else "same HTML"
    print(f"{sources} source files, {pages} built in {locale}; "
          f"{same} {what} ({100 * same / max(pages, 1):.2f} %), "
          f"{url_same} same links/images ({100 * url_same / max(pages, 1):.2f} %); "
          f"originals byte-identical bodies: {original_same}/{originals}")
    for item in shown:
        print(item)


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("content", type=Path)
    parser.add_argument("--work", type=Path, default=Path("/tmp/accord-site-roundtrip"))
    parser.add_argument("--locale", default="eo")
    parser.add_argument("--primary", help="primary_language of the scratch repository")
    parser.add_argument("--languages", help="only these language folders (comma-separated)")
    parser.add_argument("--layout", choices=("folders", "suffix"), default="folders")
    parser.add_argument("--pseudo", action="store_true")
    parser.add_argument("--show", type=int, default=5)
    args = parser.parse_args()

    work = lay_out(args)
    run(work, "sync")
    config = load_config(work)
    translate_all(config.locales_dir / args.locale, args.pseudo)
    run(work, "build")
    compare(config, args.locale, args.pseudo, args.show)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
