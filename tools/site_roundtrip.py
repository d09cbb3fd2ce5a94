"""Round-trip a real site's content tree through Accord and measure what changed.

    python tools/site_roundtrip.py CONTENT_DIR [--work /tmp/x] [--locale eo] [--pseudo]

CONTENT_DIR holds one folder per language (Hugo's ``content/``: ``en/``, ``de/`` …).
The tool lays it out as a scratch Accord repository (``sources/<lang>/`` mirrors
``CONTENT_DIR/<lang>/``, bundles and all), syncs one target locale, fills every
entry with its msgid (identity translation; ``--pseudo`` writes a pseudo-translation
that keeps markup), builds, and compares each built page with its source:

- the body's HTML (markdown-it-py, CommonMark + tables, white space folded);
- the link and image URLs, in order;
- for the original-language copies in build/site/<lang>/, the bytes of the body.

It prints the share of pages that match and the first differences it found.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import yaml
from markdown_it import MarkdownIt

from accord.config import load_config
from accord.locales import normalise_locale
from accord.pofile import read_po, write_po
from accord.review import approve

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
                except Exception:  # noqa: BLE001 - a page the site itself cannot read
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


def pseudo(msgid: str) -> str:
    """Vowels doubled outside markup: code, URLs and tags come back as written."""
    keep = re.compile(r"`[^`]*`|\]\([^)]*\)|<[^>]*>|\{\{.*?\}\}|https?://\S+|&\w+;|\\.")
    out, last = [], 0
    for match in keep.finditer(msgid):
        out.append(re.sub(r"([aeiouAEIOU])", r"\1\1", msgid[last:match.start()]))
        out.append(match.group(0))
        last = match.end()
    out.append(re.sub(r"([aeiouAEIOU])", r"\1\1", msgid[last:]))
    return "".join(out)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("content", type=Path)
    parser.add_argument("--work", type=Path, default=Path("/tmp/accord-site-roundtrip"))
    parser.add_argument("--locale", default="eo")
    parser.add_argument("--primary", help="primary_language of the scratch repository")
    parser.add_argument("--languages", help="only these language folders (comma-separated)")
    parser.add_argument("--pseudo", action="store_true")
    parser.add_argument("--show", type=int, default=5)
    args = parser.parse_args()

    work: Path = args.work
    shutil.rmtree(work, ignore_errors=True)
    (work / "locales" / args.locale).mkdir(parents=True)
    wanted = set(args.languages.split(",")) if args.languages else None
    for folder in sorted(p for p in args.content.iterdir() if p.is_dir()):
        if wanted is None or folder.name in wanted:
            shutil.copytree(folder, work / "sources" / folder.name, symlinks=True)
    (work / "pyproject.toml").write_text(
        f'[tool.accord]\nlocales = ["{args.locale}"]\nthreshold = 0\n'
        + (f'primary_language = "{args.primary}"\n' if args.primary else ""),
        encoding="utf-8",
    )
    accord = [sys.executable, "-m", "accord"]
    sync = subprocess.run([*accord, "sync"], cwd=work, capture_output=True, text=True)
    print(sync.stdout.strip().splitlines()[-1] if sync.stdout.strip() else "")
    print(sync.stderr.strip()[:2000])

    config = load_config(work)
    import datetime  # noqa: PLC0415

    for po in sorted((config.locales_dir / args.locale).rglob("*.po")):
        catalog = read_po(po)
        for entry in catalog.messages():
            entry.msgstr = pseudo(entry.msgid) if args.pseudo else entry.msgid
            entry.fuzzy = False
            approve(entry, "roundtrip", datetime.date(2026, 1, 1))
        write_po(po, catalog)
    build = subprocess.run([*accord, "build"], cwd=work, capture_output=True, text=True)
    print(build.stdout.strip().splitlines()[-1] if build.stdout.strip() else "")
    print(build.stderr.strip()[:2000])

    pages = same = url_same = 0
    shown: list[str] = []
    originals = original_same = 0
    for lang_dir in sorted(p for p in config.sources_dir.iterdir() if p.is_dir()):
        for source in sorted(lang_dir.rglob("*.md")):
            rel = source.relative_to(lang_dir)
            built = config.site_dir / args.locale / rel
            original = config.site_dir / normalise_locale(lang_dir.name) / rel
            src_body, _ = body(source.read_text(encoding="utf-8", errors="replace"))
            if original.exists():
                originals += 1
                original_same += body(original.read_text(encoding="utf-8"))[0] == src_body
            if not built.exists():
                continue
            out_body, meta = body(built.read_text(encoding="utf-8"))
            if not isinstance(meta, dict) or meta.get("translation_of") != config.relative(source):
                continue
            pages += 1
            expected = src_body
            if args.pseudo:
                ok = urls(out_body) == urls(src_body)
                same += ok
                url_same += ok
                if not ok and len(shown) < args.show:
                    shown.append(f"{source}: {urls(src_body)} != {urls(out_body)}")
                continue
            ok = html(out_body) == html(expected)
            same += ok
            url_same += urls(out_body) == urls(expected)
            if not ok and len(shown) < args.show:
                a, b = html(expected), html(out_body)
                at = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y),
                          min(len(a), len(b)))
                shown.append(f"{source}:\n  src: {a[max(0, at - 80):at + 120]}\n"
                             f"  out: {b[max(0, at - 80):at + 120]}")
    sources = sum(1 for _ in config.sources_dir.rglob("*.md"))
    what = "URLs kept" if args.pseudo else "same HTML"
    print(f"{sources} source files, {pages} built in {args.locale}; "
          f"{same} {what} ({100 * same / max(pages, 1):.2f} %), "
          f"{url_same} same links/images ({100 * url_same / max(pages, 1):.2f} %); "
          f"originals byte-identical bodies: {original_same}/{originals}")
    for item in shown:
        print(item)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
